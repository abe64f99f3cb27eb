"""Stateful random ops with TF's seeding rules: a global seed plus per-op seeds and call counters.

`tf.random.set_seed(s)` resets the sequence; an op with an explicit `seed` continues its own
sequence on repeated calls; without any seed the values differ per process. Values come from the
backend's generator, so they are reproducible within tfcompat but are not TF's Philox numbers.
"""
import os

from ..framework import dtypes as _dt
from ..framework.context import ctx, current_device
from ..framework.convert import convert_to_tensor
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import EagerTensor
from .array_ops import _shape_arg

_f32 = _dt.float32
_UNIFORM_DTYPES = frozenset({_dt.float16, _dt.bfloat16, _f32, _dt.float64, _dt.int32, _dt.int64})


class _SeedState:
    global_seed = None
    op_counter = 0          # ops run since set_seed without an op seed
    op_seed_calls = {}      # (global, op seed) -> calls so far


_state = _SeedState()


def set_seed(seed):
    """Sets the global seed and restarts every sequence derived from it."""
    _state.global_seed = None if seed is None else int(seed)
    _state.op_counter = 0
    _state.op_seed_calls = {}


def get_seed(op_seed):
    """TF's (global, op) seed pair for the next random op."""
    g = _state.global_seed
    if g is None and op_seed is None:
        return None
    if g is None:
        g = 87654321
    if op_seed is None:
        _state.op_counter += 1
        return g, _state.op_counter
    return g, int(op_seed)


def _next_key(seed):
    pair = get_seed(seed)
    if pair is None:
        return (int.from_bytes(os.urandom(8), "little"), 0)
    if seed is not None:
        calls = _state.op_seed_calls.get(pair, 0)
        _state.op_seed_calls[pair] = calls + 1
        return (pair[0], pair[1] * 1000003 + calls)
    return pair


def normal(shape, mean=0.0, stddev=1.0, dtype=_f32, seed=None, name=None):
    dtype = _dt.as_dtype(dtype)
    if not dtype.is_floating:  # TF converts mean/stddev to `dtype`: a float mean cannot be an int
        convert_to_tensor(mean, dtype)
        convert_to_tensor(stddev, dtype)
    data = ctx.backend.random_normal(_shape_arg(shape), float(mean), float(stddev), dtype.name,
                                     _next_key(seed), current_device())
    return EagerTensor(data, dtype)


def uniform(shape, minval=0, maxval=None, dtype=_f32, seed=None, name=None):
    dtype = _dt.as_dtype(dtype)
    if dtype not in _UNIFORM_DTYPES:
        raise ValueError(f"Argument `dtype` got invalid value {dtype!s}. Accepted dtypes are (tf.float16, "
                         "tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64).")
    if dtype.is_integer:
        if maxval is None:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        lo, hi = int(minval), int(maxval)
        if lo >= hi:
            raise op_error(InvalidArgumentError, "RandomUniformInt", f"Need minval < maxval, got {lo} >= {hi}")
    else:
        lo, hi = float(minval), float(1.0 if maxval is None else maxval)
    data = ctx.backend.random_uniform(_shape_arg(shape), lo, hi, dtype.name, _next_key(seed), current_device())
    return EagerTensor(data, dtype)
