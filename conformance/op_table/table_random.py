"""Op-table cases for the stateless random ops: pure functions of (shape, seed), equal to TF's
Philox values (normals within the float tolerance: TF's glibc log/sin/cos round the last bit)."""
import numpy as np
from hypothesis import strategies as st

from .spec import OpCase
from ..strategies import arrays

FLOATS = ("float16", "bfloat16", "float32", "float64")
SEED = st.integers(-2**40, 2**40)
SEED32 = st.integers(-2**31, 2**31 - 1)


def _seed_and(*params, lo=-5.0, hi=5.0):
    """inputs: an int64 seed pair, then scalar parameters of the dtype under test."""
    def inputs(draw, dtype):
        seed = np.array([draw(SEED), draw(SEED)], np.int64)
        return (seed,) + tuple(draw(arrays(dtype, shape=(), lo=lo, hi=hi, edge=False)) for _ in params)
    return inputs


def _int_bounds(draw, dtype):
    seed = np.array([draw(SEED32), draw(SEED32)], np.int32)
    lo, hi = draw(st.integers(-1000, 1000)), draw(st.integers(-1000, 1000))   # lo >= hi is TF's IAE
    return seed, np.array(lo, dtype), np.array(hi, dtype)


def _logits(draw, dtype):
    seed = np.array([draw(SEED), draw(SEED)], np.int64)
    return seed, draw(arrays(dtype, shape=st.tuples(st.integers(1, 3), st.integers(1, 5)), lo=-3, hi=3))


CASES = [
    OpCase("random.stateless_uniform", lambda tf, s, lo, hi: tf.random.stateless_uniform(
        [4, 9], seed=s, minval=lo, maxval=hi, dtype=lo.dtype), _seed_and("minval", "maxval"), FLOATS),
    OpCase("random.stateless_uniform[int]", lambda tf, s, lo, hi: tf.random.stateless_uniform(
        [3, 5], seed=s, minval=lo, maxval=hi, dtype=lo.dtype), _int_bounds, ("int32", "int64")),
    OpCase("random.stateless_uniform[full]", lambda tf, s: tf.random.stateless_uniform(
        [7], seed=s, minval=None, maxval=None, dtype=tf.int64), _seed_and(), ("int64",)),
    OpCase("random.stateless_normal", lambda tf, s, mean, std: tf.random.stateless_normal(
        [5, 7], seed=s, mean=mean, stddev=std, dtype=mean.dtype), _seed_and("mean", "stddev"), FLOATS),
    OpCase("random.stateless_truncated_normal", lambda tf, s, mean, std: tf.random.stateless_truncated_normal(
        [23], seed=s, mean=mean, stddev=std, dtype=mean.dtype), _seed_and("mean", "stddev"), FLOATS),
    OpCase("random.stateless_categorical", lambda tf, s, logits: tf.random.stateless_categorical(
        logits, 6, seed=s), _logits, ("float32", "float64")),
    OpCase("random.split", lambda tf, s: tf.random.split(s, 3), _seed_and(), ("int64",)),
    OpCase("random.fold_in", lambda tf, s: tf.random.fold_in(s, 7), _seed_and(), ("int64",)),
]
