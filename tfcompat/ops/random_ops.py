"""`tf.random.*` ops with TF's numbers: Philox bits made on the host (`philox.py`), sent to any backend.

Seeds follow TF eagerly: `set_seed(g)` seeds a Python `random.Random(g)` that draws the op seed of
each op without one, and clears the kernel cache; an op seed without a global seed pairs with
87654321. A stateful op's (op type, dtype, seed pair) names a cached kernel whose Philox stream
(key = seed, counter = seed2 << 64) advances 256 blocks per output element, so a repeated op seed
continues its sequence. Uniform and integer values equal TF's bit for bit. Normal values use TF's
Box-Muller, whose float32 log/sin/cos TF takes from glibc (up to 0.8 ulp from exact): about 1% of
float32 normals (0.3% of float64 ones, numpy's log) differ from TF's in the last bit.
Categorical equals TF's CPU kernel when it runs in one shard (small batches); TF shards larger
batches by thread count. `shuffle` is a Philox-keyed permutation, not TF's order: TF's Fisher-Yates
swaps are sequential and cannot be vectorised. Inside tf.function, op seeds follow TF's graph numbering.
"""
import functools
import inspect
import os
import random as _pyrandom

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx, current_device, local
from ..framework.convert import convert_to_tensor
from ..framework.errors import InvalidArgumentError, NotFoundError, op_error
from ..framework.op import NOT_DIFFERENTIABLE, apply, defop
from ..framework.tensor import EagerTensor, Tensor
from ..graph.runtime import record_runtime, runtime_op, value_dependent
from ..util.export import tf_export
from . import philox
from .common import check_dtype, static_list
from .math_ops import add, multiply, subtract

_f32 = _dt.float32
_FLOATS = (_dt.float16, _dt.bfloat16, _f32, _dt.float64)
_UNIFORM_DTYPES = _FLOATS + (_dt.int32, _dt.int64)
_MAXINT32 = 2**31 - 1
DEFAULT_GRAPH_SEED = 87654321


class _SeedState:
    global_seed = None
    rng = None            # random.Random(global seed): the op seeds of ops without one
    kernels = {}          # (op type, dtype, seed, seed2[, graph node]) -> [key, counter] of a stateful kernel
    pinned = None         # (seeds, node) while a traced random op runs: its seeds were fixed when traced


_state = _SeedState()


@tf_export("random.set_seed")
def set_seed(seed):
    """Sets the global seed; clears the kernels, so every seeded sequence restarts."""
    _state.global_seed = None if seed is None else int(seed)
    _state.rng = None if seed is None else _pyrandom.Random(int(seed))
    _state.kernels = {}


def get_seed(op_seed):
    """TF's (seed, seed2) pair for a random op: (None, None) when neither seed is set."""
    if _state.pinned is not None:
        return _state.pinned[0]
    g = _state.global_seed
    if g is not None:
        if op_seed is None:
            op_seed = _state.rng.randint(0, _MAXINT32)
        seeds = g % _MAXINT32, int(op_seed) % _MAXINT32
    elif op_seed is not None:
        seeds = DEFAULT_GRAPH_SEED, int(op_seed) % _MAXINT32
    else:
        return None, None
    return (0, _MAXINT32) if seeds == (0, 0) else seeds


def _reserve(op_type, dtype, seeds, outputs):
    """The (key, counter) of a stateful kernel's next call (seeds: get_seed's pair), advancing the
    kernel's stream by `outputs` * 256 blocks."""
    s1, s2 = seeds
    k = (op_type, dtype, s1 or 0, s2 or 0) if _state.pinned is None else (op_type, dtype, seeds, _state.pinned[1])
    stream = _state.kernels.get(k)
    if stream is None:
        if s1 is None:   # TF seeds an unseeded kernel from the OS
            s1, s2 = (int.from_bytes(os.urandom(8), "little") for _ in range(2))
        stream = _state.kernels[k] = list(philox.stateful_stream(s1, s2))
    key, counter = stream
    stream[1] = (counter + outputs * philox.RESERVED) % (1 << 128)
    return key, counter


def _traced(op_type):
    """A stateful random op inside a graph: a node drawing at every run from its own kernel stream, whose
    seeds are fixed when traced (with a global seed and no op seed, TF numbers a graph's random ops 0, 1, ...)."""
    def wrap(fn):
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def op(*args, **kwargs):
            graph = local.graph
            if graph is None:
                return fn(*args, **kwargs)
            seed = signature.bind(*args, **kwargs).arguments.get("seed")
            if seed is None and _state.global_seed is not None:
                seed = graph.random_seed_count[0]
                graph.random_seed_count[0] += 1
            seeds = get_seed(seed)
            nodes = [object(), object()]  # the first call makes the trace-time example: a throwaway stream

            def pinned(*a, **k):
                saved, _state.pinned = _state.pinned, (seeds, nodes.pop(0) if len(nodes) > 1 else nodes[0])
                try:
                    return fn(*a, **k)
                finally:
                    _state.pinned = saved
            return record_runtime(op_type, pinned, args, kwargs, True)
        return op
    return wrap


def _shape(shape, op_type):
    """The output shape; TF's kernel rejects negative dimensions (after the seed was drawn)."""
    dims = tuple(static_list(shape))
    for d in dims:
        if d < 0:
            raise op_error(InvalidArgumentError, op_type, f"Dimension {d} must be >= 0")
    return dims


def _tensor(values, shape, dtype):
    """The host array `values` as a tensor of `shape` on the current device."""
    return EagerTensor(ctx.backend.from_numpy(np.asarray(values).reshape(shape), current_device()), dtype)


def _scale(rnd, scale, shift):
    """rnd * scale + shift in `dtype` (TF's Mul then AddV2), broadcasting like TF."""
    return add(multiply(rnd, scale), shift)


def _params(dtype, *values):
    return [convert_to_tensor(v, dtype) for v in values]


# ---- stateful ops ----
def _stateful_float(op_type, draw, shape, mean, stddev, dtype, seed):
    """mean + stddev * draw(...) from the op's stateful Philox stream (TF's checks in TF's order)."""
    dtype = _dt.as_dtype(dtype)
    mean, stddev = _params(dtype, mean, stddev)
    seeds = get_seed(seed)
    dims = _shape(shape, op_type)
    _check_float(dtype, op_type)
    n = _size(dims)
    key, counter = _reserve(op_type, dtype.name, seeds, n)
    return _scale(_tensor(draw(key, counter, n, dtype.name), dims, dtype), stddev, mean)


@tf_export("random.normal")
@_traced("RandomStandardNormal")
def normal(shape, mean=0.0, stddev=1.0, dtype=_f32, seed=None, name=None):
    return _stateful_float("RandomStandardNormal", philox.normal, shape, mean, stddev, dtype, seed)


@tf_export("random.truncated_normal")
@_traced("TruncatedNormal")
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=_f32, seed=None, name=None):
    return _stateful_float("TruncatedNormal", philox.truncated_normal, shape, mean, stddev, dtype, seed)


@tf_export("random.uniform")
@_traced("RandomUniform")
def uniform(shape, minval=0, maxval=None, dtype=_f32, seed=None, name=None):
    dtype = _dt.as_dtype(dtype)
    if dtype not in _UNIFORM_DTYPES:
        raise ValueError(f"Argument `dtype` got invalid value {dtype!s}. Accepted dtypes are (tf.float16, "
                         "tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64).")
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    zero = isinstance(minval, int) and minval == 0
    one = isinstance(maxval, int) and maxval == 1
    op_type = "RandomUniformInt" if dtype.is_integer else "RandomUniform"
    if not (zero and one) or dtype.is_integer:
        minval, maxval = _params(dtype, minval, maxval)
    seeds = get_seed(seed)
    dims = _shape(shape, op_type)
    n = _size(dims)
    if dtype.is_integer:
        lo, hi = _int_bounds(minval, maxval, op_type)
        key, counter = _reserve(op_type, dtype.name, seeds, n)
        return _tensor(philox.uniform_int(key, counter, n, lo, hi, dtype.name), dims, dtype)
    key, counter = _reserve(op_type, dtype.name, seeds, n)
    rnd = _tensor(philox.uniform(key, counter, n, dtype.name), dims, dtype)
    if zero:
        return rnd if one else multiply(rnd, maxval)
    return _scale(rnd, subtract(maxval, minval), minval)


@tf_export("random.categorical")
@_traced("Multinomial")
def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    logits = convert_to_tensor(logits)
    dtype = _dt.as_dtype(dtype) if dtype else _dt.int64
    if dtype not in (_dt.int32, _dt.int64):
        raise ValueError(f"Argument `dtype` got invalid value {dtype!s}. Accepted dtypes are (tf.int32, tf.int64).")
    seeds = get_seed(seed)
    rows, samples = _check_multinomial(logits, num_samples, "Multinomial", dtype, seeds)
    key, counter = _reserve("Multinomial", f"{logits.dtype.name}/{dtype.name}", seeds,
                            rows * (-(-samples // 4) * 4) * 2) if rows * samples else (0, 0)
    return _multinomial(logits, rows, samples, key, counter, dtype)


@tf_export("random.shuffle")
@_traced("RandomShuffle")
def shuffle(value, seed=None, name=None):
    value = convert_to_tensor(value)
    if value.shape.rank == 0:
        return value
    n = value.shape[0]
    key, counter = _reserve("RandomShuffle", value.dtype.name, get_seed(seed), n)
    order = np.argsort(philox.words(key, counter, n), kind="stable")
    return EagerTensor(ctx.backend.gather(value._data, ctx.backend.from_numpy(order, current_device()), 0),
                       value.dtype)


# ---- stateless ops ----
def _seed_stream(seed, op_type="StatelessRandomGetKeyCounter"):
    """TF's scrambled (key, counter) of a shape-[2] int32/int64 seed."""
    seed = convert_to_tensor(seed)
    check_dtype(seed, {_dt.int32, _dt.int64}, op_type, "Tseed")
    if tuple(seed.shape.as_list()) != (2,):
        raise op_error(InvalidArgumentError, op_type,
                       f"seed must have shape [2], not [{','.join(str(d) for d in seed.shape.as_list())}]")
    s0, s1 = (int(v) for v in seed._numpy())
    return philox.scramble(s0, s1)


@tf_export("random.stateless_uniform")
@value_dependent("stateless_uniform")
def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=_f32, name=None, alg="auto_select"):
    dtype = _dt.as_dtype(dtype)
    accepted = _UNIFORM_DTYPES + (_dt.uint32, _dt.uint64)
    if dtype not in accepted:
        raise ValueError(f"Argument `dtype` got invalid value {dtype!s}. Accepted dtypes are (tf.float16, "
                         "tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64, tf.uint32, tf.uint64).")
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype!s}, argument `minval` and `maxval` must be both "
                             f"None or not None. Got `minval`={minval} and `maxval`={maxval}.")
        if minval is not None and dtype in (_dt.uint32, _dt.uint64):
            raise ValueError(f"Argument `dtype` got invalid value {dtype!s} when argument `minval` is not None. "
                             "Please don't use unsigned integers in this case.")
    elif maxval is None:
        maxval = 1
    _check_alg(alg)
    dims = _shape(shape, "StatelessRandomUniformV2")
    n = _size(dims)
    if dtype.is_integer and minval is None:
        key, counter = _seed_stream(seed)
        return _tensor(philox.full_int(key, counter, n, dtype.name), dims, dtype)
    minval, maxval = _params(dtype, minval, maxval)
    key, counter = _seed_stream(seed)
    if dtype.is_integer:
        lo, hi = _int_bounds(minval, maxval, "StatelessRandomUniformIntV2")
        return _tensor(philox.uniform_int(key, counter, n, lo, hi, dtype.name), dims, dtype)
    rnd = _tensor(philox.uniform(key, counter, n, dtype.name), dims, dtype)
    return _scale(rnd, subtract(maxval, minval), minval)


def _stateless_float(op_type, draw, shape, seed, mean, stddev, dtype, alg):
    """mean + stddev * draw(...) from the stateless Philox stream of `seed` (TF's checks in TF's order)."""
    dtype = _dt.as_dtype(dtype)
    dims = _shape(shape, op_type)
    mean, stddev = _params(dtype, mean, stddev)
    _check_alg(alg)
    key, counter = _seed_stream(seed)
    _check_float(dtype, op_type)
    rnd = _tensor(draw(key, counter, _size(dims), dtype.name), dims, dtype)
    return _scale(rnd, stddev, mean)


@tf_export("random.stateless_normal")
@value_dependent("stateless_normal")
def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_f32, name=None, alg="auto_select"):
    return _stateless_float("StatelessRandomNormalV2", philox.normal, shape, seed, mean, stddev, dtype, alg)


@tf_export("random.stateless_truncated_normal")
@value_dependent("stateless_truncated_normal")
def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_f32, name=None, alg="auto_select"):
    return _stateless_float("StatelessTruncatedNormalV2", philox.truncated_normal, shape, seed, mean, stddev,
                            dtype, alg)


@tf_export("random.stateless_categorical")
@value_dependent("stateless_categorical")
def stateless_categorical(logits, num_samples, seed, dtype=_dt.int64, name=None):
    logits = convert_to_tensor(logits)
    dtype = _dt.as_dtype(dtype)
    key, counter = _seed_stream(seed, "StatelessMultinomial")
    rows, samples = _check_multinomial(logits, num_samples, "StatelessMultinomial", dtype, None)
    return _multinomial(logits, rows, samples, key, counter, dtype)


@tf_export("random.split", "random.experimental.stateless_split")
@value_dependent("split")
def split(seed, num=2, alg="auto_select"):
    """`num` new seeds (shape [num, 2], the seed's dtype): full-range ints drawn from `seed`."""
    seed = convert_to_tensor(seed)
    return stateless_uniform([num, 2], seed, minval=None, maxval=None, dtype=seed.dtype, alg=alg)


@tf_export("random.fold_in", "random.experimental.stateless_fold_in")
@value_dependent("fold_in")
def fold_in(seed, data, alg="auto_select"):
    """A new seed [draw from `seed`, data], of `data`'s dtype."""
    data = convert_to_tensor(data)
    drawn = stateless_uniform([], seed, minval=None, maxval=None, dtype=data.dtype, alg=alg)
    return _tensor(np.stack([drawn._numpy(), data._numpy()]), (2,), data.dtype)


# ---- shared checks and the categorical kernel ----
def _size(dims):
    return int(np.prod(dims, dtype=np.int64))


def _check_float(dtype, op_type):
    if dtype not in _FLOATS:
        names = "half, bfloat16, float, double"
        raise op_error(InvalidArgumentError, op_type, f"Value for attr 'dtype' of {dtype._cname} is not in the list "
                       f"of allowed values: {names}\n\t; NodeDef: {{{{node {op_type}}}}}")


def _check_alg(alg):
    """Only Philox (also what 'auto_select' picks on CPU/GPU) is implemented."""
    name = alg.strip().lower().replace("-", "").replace("_", "") if isinstance(alg, str) else alg
    if name not in ("autoselect", "philox", None, 1, 3):
        raise NotImplementedError(f"tf.random stateless ops with alg={alg!r} are not implemented yet in tfcompat")


def _int_bounds(lo_t, hi_t, op_type):
    """Python ints of the scalar bound tensors, checked as TF's integer uniform kernels do."""
    for what, t in (("minval", lo_t), ("maxval", hi_t)):
        if t.shape.rank != 0:
            raise op_error(InvalidArgumentError, op_type,
                           f"{what} must be 0-D, got shape [{','.join(str(d) for d in t.shape.as_list())}]")
    lo, hi = int(lo_t._numpy()), int(hi_t._numpy())
    if lo >= hi:
        raise op_error(InvalidArgumentError, op_type, f"Need minval < maxval, got {lo} >= {hi}")
    return lo, hi


def _check_multinomial(logits, num_samples, op_type, dtype, seeds):
    if logits.dtype not in _FLOATS:
        seed_attrs = "" if seeds is None else f", seed={seeds[0] or 0}, seed2={seeds[1] or 0}"
        raise op_error(NotFoundError, None, f"Could not find device for node: {{{{node {op_type}}}}} = {op_type}"
                       f"[T=DT_{logits.dtype.name.upper()}, output_dtype=DT_{dtype.name.upper()}{seed_attrs}]")
    dims = logits.shape.as_list()
    if len(dims) != 2:
        raise op_error(InvalidArgumentError, op_type,
                       f"logits should be a matrix, got shape [{','.join(str(d) for d in dims)}]")
    samples = int(convert_to_tensor(num_samples, _dt.int32)._numpy())
    if samples < 0:
        raise op_error(InvalidArgumentError, op_type, f"num_samples should be non-negative, got {samples}")
    if dims[1] == 0:
        raise op_error(InvalidArgumentError, op_type, f"num_classes should be positive, got {dims[1]}")
    return dims[0], samples


def _multinomial(logits, rows, samples, key, counter, dtype):
    """TF's CPU kernel in one shard: row after row, each sample one double from the stream."""
    u = philox.unit_doubles(philox.words(key, counter, 2 * rows * samples)).reshape(rows, samples)
    return apply(_categorical_op, [logits, _tensor(u, (rows, samples), _dt.float64)], dtype, {"dtype": dtype.name})


_categorical_op = defop("Multinomial", lambda b, logits, u, dtype: b.categorical(logits, u, dtype), NOT_DIFFERENTIABLE)


# ---- tf.random.Generator ----
@tf_export("random.Generator", "random.experimental.Generator")
class Generator:
    """A Philox generator with TF's state [counter lo, counter hi, key] (int64): each call reads the
    state as a stateless op's key/counter, then skips 256 blocks per output element."""

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            state = copy_from._state
        self._alg = 1
        _check_alg(alg)
        self._state = [int(v) & 0xFFFFFFFFFFFFFFFF for v in np.asarray(
            state._numpy() if isinstance(state, Tensor) else state, dtype=np.int64).reshape(-1)[:3]]

    @classmethod
    def from_seed(cls, seed, alg=None):
        """A Python int seed fills the state from its low 64-bit words; a sequence is left-padded."""
        if isinstance(seed, int):
            words = [seed >> (64 * i) & 0xFFFFFFFFFFFFFFFF for i in range(3)]
        else:
            words = [int(v) & 0xFFFFFFFFFFFFFFFF for v in np.asarray(seed).reshape(-1)[:3]]
            words = [0] * (3 - len(words)) + words
        return cls(state=np.array(words, np.uint64).view(np.int64), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        return cls(state=np.frombuffer(os.urandom(24), np.int64), alg=alg)

    @classmethod
    def from_state(cls, state, alg):
        return cls(state=state, alg=alg)

    @property
    def state(self):
        return _tensor(np.array(self._state, np.uint64).view(np.int64), (3,), _dt.int64)

    @property
    def algorithm(self):
        return self._alg

    @property
    def key(self):
        return _tensor(np.array([self._state[2]], np.uint64).view(np.int64)[0], (), _dt.int64)

    def reset_from_seed(self, seed):
        self._state = Generator.from_seed(seed)._state

    def skip(self, delta):
        """Advances the counter by 256 * delta blocks (as a call drawing `delta` values)."""
        key, counter = self._read_and_skip(int(delta))
        return self.state

    def _read_and_skip(self, n):
        lo, hi, key = self._state
        counter = hi << 64 | lo
        nxt = (counter + n * philox.RESERVED) % (1 << 128)
        self._state = [nxt & 0xFFFFFFFFFFFFFFFF, nxt >> 64, key]
        return key, counter

    def _draw(self, shape, fill, dtype, *args):
        dims = _shape(shape, "RngReadAndSkip")
        n = _size(dims)
        key, counter = self._read_and_skip(n)
        return _tensor(fill(key, counter, n, *args, dtype.name), dims, dtype)

    @runtime_op("StatefulRandom")
    def normal(self, shape, mean=0.0, stddev=1.0, dtype=_f32, name=None):
        dtype = _dt.as_dtype(dtype)
        mean, stddev = _params(dtype, mean, stddev)
        _check_float(dtype, "StatelessRandomNormalV2")
        return _scale(self._draw(shape, philox.normal, dtype), stddev, mean)

    @runtime_op("StatefulRandom")
    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=_f32, name=None):
        dtype = _dt.as_dtype(dtype)
        mean, stddev = _params(dtype, mean, stddev)
        _check_float(dtype, "StatelessTruncatedNormalV2")
        return _scale(self._draw(shape, philox.truncated_normal, dtype), stddev, mean)

    @runtime_op("StatefulRandom")
    def uniform(self, shape, minval=0, maxval=None, dtype=_f32, name=None):
        dtype = _dt.as_dtype(dtype)
        if dtype.is_integer:
            if (minval is None) != (maxval is None):
                raise ValueError(f"For integer dtype {dtype!s}, minval and maxval must be both `None` or both "
                                 f"non-`None`; got minval={minval} and maxval={maxval}")
            if minval is None:
                return self.uniform_full_int(shape, dtype)
        elif maxval is None:
            maxval = 1
        minval, maxval = _params(dtype, minval, maxval)
        if dtype.is_integer:
            lo, hi = _int_bounds(minval, maxval, "StatelessRandomUniformIntV2")
            return self._draw(shape, philox.uniform_int, dtype, lo, hi)
        _check_float(dtype, "StatelessRandomUniformV2")
        return _scale(self._draw(shape, philox.uniform, dtype), subtract(maxval, minval), minval)

    @runtime_op("StatefulRandom")
    def uniform_full_int(self, shape, dtype=_dt.uint64, name=None):
        return self._draw(shape, philox.full_int, _dt.as_dtype(dtype))

    def make_seeds(self, count=1):
        """[2, count] int64 seeds: full-range keys over zeros."""
        keys = self.uniform_full_int([count], _dt.int64)._numpy()
        return _tensor(np.stack([keys, np.zeros_like(keys)]), (2, count), _dt.int64)

    def split(self, count=1):
        """`count` new generators, each keyed by a full-range draw from this one."""
        keys = self.uniform_full_int([count], _dt.int64)._numpy()
        return [Generator(state=[0, 0, int(k)], alg=self._alg) for k in keys]


_global_generator = []


@tf_export("random.get_global_generator", "random.experimental.get_global_generator")
def get_global_generator():
    if not _global_generator:
        _global_generator.append(Generator.from_non_deterministic_state())
    return _global_generator[0]


@tf_export("random.set_global_generator", "random.experimental.set_global_generator")
def set_global_generator(generator):
    _global_generator[:] = [generator]


@tf_export("random.create_rng_state", "random.experimental.create_rng_state")
def create_rng_state(seed, alg):
    _check_alg(alg)
    return Generator.from_seed(seed).state
