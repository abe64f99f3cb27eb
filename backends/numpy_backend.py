"""The NumPy backend: the embedded default; native arrays are numpy ndarrays (or numpy scalars for 0-d)."""
import math

import numpy as np

from .base import BFLOAT16, COMPLEX, FLOAT16, FLOAT64, UNSIGNED_WIDE, Backend
from .numpy_array import ArrayKernels
from .numpy_conv import ConvKernels
from .numpy_linalg import LinalgKernels
from .numpy_math import MathKernels
from .numpy_nn import NnKernels
from .numpy_random import RandomKernels
from .numpy_sparse import SparseKernels

_DTYPES = {n: np.dtype(n) for n in (
    "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16",
    "uint32", "uint64", "complex64", "complex128")}
_DTYPES.update(bool=np.dtype(np.bool_), string=np.dtype(object))


def _np_dtype(name):
    d = _DTYPES.get(name)
    if d is None and name == "bfloat16":
        import ml_dtypes
        d = _DTYPES["bfloat16"] = np.dtype(ml_dtypes.bfloat16)
    return d


_plain = staticmethod
_NARROW_FLOATS = frozenset(np.dtype(n) for n in ("float16", "float32"))


def _rounded(fn):
    """A transcendental kernel computed in float64 and rounded for narrow floats: correctly rounded
    results, which is what TF's float32 kernels give in most cases (numpy's float32 SIMD loops often
    differ by an ulp, and printed values then differ from TF's)."""
    def kernel(self, x):
        if x.dtype in _NARROW_FLOATS or x.dtype.name == "bfloat16":
            return fn(x.astype(np.float64)).astype(x.dtype)
        return fn(x)
    kernel.__name__ = fn.__name__
    return kernel


def _lowest(dtype):
    if dtype.kind == "f" or dtype.name == "bfloat16":
        return -np.inf
    if dtype.kind == "b":
        return False
    return np.iinfo(dtype).min


def _highest(dtype):
    if dtype.kind == "f" or dtype.name == "bfloat16":
        return np.inf
    if dtype.kind == "b":
        return True
    return np.iinfo(dtype).max


def _int_truncdiv(x, y):
    q = np.floor_divide(x, y)
    return q + ((np.remainder(x, y) != 0) & ((x < 0) != (y < 0))).astype(q.dtype)


class NumpyBackend(ArrayKernels, MathKernels, LinalgKernels, NnKernels, ConvKernels, RandomKernels, SparseKernels,
                    Backend):
    """Kernels as numpy calls; strings live here too (object arrays of bytes)."""

    name = "numpy"
    capabilities = frozenset({FLOAT16, FLOAT64, BFLOAT16, COMPLEX, UNSIGNED_WIDE})
    module = np

    def native_dtype(self, name):
        """The native dtype object of the TF dtype called `name` (for kernels in the area mixins)."""
        return _np_dtype(name)

    # conversion and placement
    def from_numpy(self, a, device=None):
        return np.array(a)

    @staticmethod
    def div_no_nan(x, y):
        out = np.zeros(np.broadcast_shapes(x.shape, y.shape), x.dtype)
        return np.divide(x, y, out=out, where=y != 0)

    @staticmethod
    def adopt_numpy(a, device=None):
        return a

    def to_numpy(self, x):
        return np.array(x)  # a copy: writing to it must not change the tensor

    def shape(self, x):
        return x.shape

    def device_of(self, x):
        return "CPU:0"

    def to_device(self, x, device):
        return x

    def cast(self, x, dtype):
        d = _np_dtype(dtype)
        x = np.asarray(x)
        if x.dtype.kind == "c" and d.kind != "c":
            x = x.real
        if d.kind in "iu" and x.dtype.kind == "f":
            x = np.trunc(x)
            if d.kind == "u":  # via int64, so negative values wrap as TF does
                return x.astype(np.int64).astype(d)
        if d.kind in "iu" and x.dtype.kind == "b":
            return x.astype(d)
        if d.kind in "iu" and x.dtype.kind in "iu":
            return x.astype(d)  # numpy wraps on narrowing int casts
        return x.astype(d)

    def copy(self, x):
        return np.array(x)

    # creation
    def full(self, shape, value, dtype, device=None):
        return np.full(shape, value, _np_dtype(dtype))

    def eye(self, n, m, dtype, device=None):
        return np.eye(n, m, dtype=_np_dtype(dtype))

    def arange(self, start, limit, delta, dtype, device=None):
        return np.arange(start, limit, delta, dtype=_np_dtype(dtype))

    def linspace(self, start, stop, num, dtype, device=None):
        return np.linspace(start, stop, num, dtype=_np_dtype(dtype))

    def random_uniform(self, shape, minval, maxval, dtype, seed, device=None):
        rng = np.random.default_rng(seed)
        d = _np_dtype(dtype)
        if d.kind in "iu":
            return rng.integers(minval, maxval, size=shape, dtype=d)
        return (rng.random(size=shape, dtype=np.float64) * (maxval - minval) + minval).astype(d)

    def random_normal(self, shape, mean, stddev, dtype, seed, device=None):
        rng = np.random.default_rng(seed)
        return (rng.standard_normal(size=shape) * stddev + mean).astype(_np_dtype(dtype))

    # elementwise
    neg, abs, sign, square = _plain(np.negative), _plain(np.abs), _plain(np.sign), _plain(np.square)
    sqrt = _plain(np.sqrt)
    exp, expm1, log, log1p = _rounded(np.exp), _rounded(np.expm1), _rounded(np.log), _rounded(np.log1p)
    sin, cos, tan = _rounded(np.sin), _rounded(np.cos), _rounded(np.tan)
    asin, acos, atan = _plain(np.arcsin), _plain(np.arccos), _plain(np.arctan)
    sinh, cosh, tanh, asinh, acosh, atanh = (_plain(f) for f in (
        np.sinh, np.cosh, np.tanh, np.arcsinh, np.arccosh, np.arctanh))
    floor, ceil, round = _plain(np.floor), _plain(np.ceil), _plain(np.round)
    isnan, isinf, isfinite = _plain(np.isnan), _plain(np.isinf), _plain(np.isfinite)
    logical_not, invert = _plain(np.logical_not), _plain(np.invert)
    real, imag, conj, angle = _plain(np.real), _plain(np.imag), _plain(np.conj), _plain(np.angle)
    add, subtract, multiply = _plain(np.add), _plain(np.subtract), _plain(np.multiply)
    divide, floordiv, floormod = _plain(np.true_divide), _plain(np.floor_divide), _plain(np.remainder)
    truncatemod, pow, atan2 = _plain(np.fmod), _plain(np.power), _plain(np.arctan2)
    maximum, minimum = _plain(np.maximum), _plain(np.minimum)
    equal, not_equal, less, less_equal = _plain(np.equal), _plain(np.not_equal), _plain(np.less), _plain(np.less_equal)
    greater, greater_equal = _plain(np.greater), _plain(np.greater_equal)
    logical_and, logical_or, logical_xor = _plain(np.logical_and), _plain(np.logical_or), _plain(np.logical_xor)
    bitwise_and, bitwise_or, bitwise_xor = _plain(np.bitwise_and), _plain(np.bitwise_or), _plain(np.bitwise_xor)
    left_shift, right_shift = _plain(np.left_shift), _plain(np.right_shift)
    where = _plain(np.where)

    @staticmethod
    def rsqrt(x):
        return 1 / np.sqrt(x)

    @staticmethod
    def reciprocal(x):
        return np.reciprocal(x)

    @staticmethod
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    @staticmethod
    def softplus(x):
        return np.logaddexp(np.zeros((), x.dtype), x)

    def relu(self, x):
        return np.maximum(x, np.zeros((), x.dtype))

    @staticmethod
    def relu_grad(dy, y):
        return np.multiply(dy, y > 0, dtype=dy.dtype)

    def erf(self, x):
        out = np.vectorize(math.erf, otypes=[x.dtype])(x)
        # TF's float64 kernel (Eigen's) gives NaN at +-inf; its float32 one gives +-1
        return np.where(np.isinf(x), np.nan, out) if x.dtype == np.float64 else out

    def erfc(self, x):
        return np.vectorize(math.erfc, otypes=[x.dtype])(x)

    def lgamma(self, x):
        return np.vectorize(_lgamma, otypes=[x.dtype])(x)

    def digamma(self, x):
        return _digamma(x).astype(x.dtype)

    @staticmethod
    def truncatediv(x, y):
        if x.dtype.kind in "iu":
            return _int_truncdiv(x, y)
        return np.trunc(x / y)

    # shape and indexing
    def reshape(self, x, shape):
        return np.reshape(x, shape)

    def transpose(self, x, perm):
        return np.transpose(x, perm)

    def broadcast_to(self, x, shape):
        if math.prod(shape) <= 4096:  # a small copy is cheaper than np.broadcast_to's view machinery
            out = np.empty(shape, x.dtype)
            out[...] = x
            return out
        return np.broadcast_to(x, shape)

    def concat(self, xs, axis):
        return np.concatenate(xs, axis)

    def stack(self, xs, axis):
        return np.stack(xs, axis)

    def index(self, x, key):
        return np.asarray(x)[key]

    def gather(self, x, indices, axis):
        return np.take(x, indices, axis)

    def boolean_mask(self, x, mask):
        return np.asarray(x)[mask]

    def nonzero(self, x):
        return np.argwhere(x).astype(np.int64)

    def set_item(self, x, key, value):
        x = np.array(x)
        x[key] = value
        return x

    # reductions
    def reduce_sum(self, x, axes, keepdims):
        return np.add.reduce(x, axes, x.dtype, keepdims=keepdims)  # the ufunc method: no np.sum wrapper

    def reduce_prod(self, x, axes, keepdims):
        return np.prod(x, axes, keepdims=keepdims, dtype=x.dtype)

    @staticmethod
    def reduce_mean(x, axes, keepdims):
        if x.dtype.kind in "iu":
            n = 1
            for a in axes:
                n *= x.shape[a]
            s = np.sum(x, axes, keepdims=keepdims, dtype=x.dtype)
            return _int_truncdiv(s, np.asarray(max(n, 1), x.dtype))
        if x.size == 0:  # nan, without numpy's "Mean of empty slice" warning
            return np.divide(np.sum(x, axes, keepdims=keepdims, dtype=x.dtype), 0)
        return np.mean(x, axes, keepdims=keepdims, dtype=x.dtype)

    def reduce_max(self, x, axes, keepdims):
        return np.max(x, axes, keepdims=keepdims, initial=_lowest(x.dtype)) if np.size(x) == 0 \
            else np.max(x, axes, keepdims=keepdims)

    def reduce_min(self, x, axes, keepdims):
        return np.min(x, axes, keepdims=keepdims, initial=_highest(x.dtype)) if np.size(x) == 0 \
            else np.min(x, axes, keepdims=keepdims)

    def reduce_all(self, x, axes, keepdims):
        return np.all(x, axes, keepdims=keepdims)

    def reduce_any(self, x, axes, keepdims):
        return np.any(x, axes, keepdims=keepdims)

    def argmax(self, x, axis):
        return np.argmax(x, axis).astype(np.int64)

    def argmin(self, x, axis):
        return np.argmin(x, axis).astype(np.int64)

    def cumsum(self, x, axis):
        return np.cumsum(x, axis, dtype=x.dtype)

    def cumprod(self, x, axis):
        return np.cumprod(x, axis, dtype=x.dtype)

    # linear algebra and nn
    def matmul(self, a, b):
        return np.matmul(a, b)

    @staticmethod
    def softmax(x, axis):
        e = np.exp(x - np.max(x, axis, keepdims=True))
        return e / np.sum(e, axis, keepdims=True)

    @staticmethod
    def log_softmax(x, axis):
        z = x - np.max(x, axis, keepdims=True)
        return z - np.log(np.sum(np.exp(z), axis, keepdims=True))


def _digamma(x):
    """psi(x), vectorised: reflection for x < 0, recurrence up to 6, then the asymptotic series
    (numpy has no digamma). Poles (0, negative integers) and -inf give NaN, as in TF."""
    x = np.asarray(x, np.float64)
    pole = ((x <= 0) & (x == np.floor(x))) | np.isneginf(x)
    reflect = (x < 0) & ~pole
    v = np.where(reflect | pole, np.where(pole, 1.0, 1.0 - x), x)
    r = np.zeros_like(v)
    for _ in range(6):                 # v > 0 here, so six steps reach v >= 6
        small = v < 6
        r -= np.where(small, 1.0 / np.where(small, v, 1.0), 0.0)
        v = np.where(small, v + 1.0, v)
    f = 1.0 / (v * v)
    out = r + np.log(v) - 0.5 / v - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))))
    out = np.where(reflect, out - np.pi / np.tan(np.pi * np.where(reflect, x, 0.5)), out)
    return np.where(pole, np.nan, out)


def _lgamma(v):
    """log|Gamma(v)| of one float: +inf at the poles (0, negative integers) and at +-inf, as in TF."""
    if math.isnan(v):
        return v
    if math.isinf(v) or (v <= 0 and v == math.floor(v)):
        return math.inf
    return math.lgamma(v)
