"""A minimal tfcompat backend, written the way docs/backends.md describes: the worked example for
backend authors. It stores plain numpy arrays and provides the core kernels of `base.KERNELS` for
real dtypes only: no complex, no float16/bfloat16 and no uint16/32/64, so the conformance suite skips
the tests that need those, visibly, by capability flag. Run the suite on it with

    python -m tfcompat.conformance --target examples.minimal_backend:MinimalBackend \\
        -k "tensors or python_protocol" --report minimal.md
"""
import math

import numpy as np

from tfcompat.backends import Backend
from tfcompat.backends.base import FLOAT64

_DTYPES = {n: np.dtype(n) for n in ("float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool")}

# kernels that are exactly one numpy function: the bulk of a backend can be a table like this
_ELEMENTWISE = {
    "neg": np.negative, "abs": np.abs, "sign": np.sign, "square": np.square, "sqrt": np.sqrt,
    "reciprocal": np.reciprocal, "exp": np.exp, "expm1": np.expm1, "log": np.log, "log1p": np.log1p,
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan,
    "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "asinh": np.arcsinh, "acosh": np.arccosh,
    "atanh": np.arctanh, "floor": np.floor, "ceil": np.ceil, "round": np.round, "isnan": np.isnan,
    "isinf": np.isinf, "isfinite": np.isfinite, "logical_not": np.logical_not, "invert": np.invert,
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.true_divide,
    "floordiv": np.floor_divide, "floormod": np.remainder, "truncatemod": np.fmod, "pow": np.power,
    "maximum": np.maximum, "minimum": np.minimum, "atan2": np.arctan2, "equal": np.equal,
    "not_equal": np.not_equal, "less": np.less, "less_equal": np.less_equal, "greater": np.greater,
    "greater_equal": np.greater_equal, "logical_and": np.logical_and, "logical_or": np.logical_or,
    "logical_xor": np.logical_xor, "bitwise_and": np.bitwise_and, "bitwise_or": np.bitwise_or,
    "bitwise_xor": np.bitwise_xor, "left_shift": np.left_shift, "right_shift": np.right_shift,
    "where": np.where, "matmul": np.matmul, "matmul_int": np.matmul, "transpose": np.transpose,
    "reshape": np.reshape,
    "broadcast_to": np.broadcast_to, "concat": np.concatenate, "stack": np.stack, "gather": np.take,
}


class MinimalBackend(Backend):
    """Numpy arrays, real dtypes, the core kernels; everything else raises 'not provided'."""

    name = "minimal"
    capabilities = frozenset({FLOAT64})
    module = np

    # conversion and placement
    def from_numpy(self, a, device=None):
        a = np.array(a)
        if a.dtype not in _DTYPES.values():
            raise TypeError(f"the minimal backend has no {a.dtype} arrays")
        return a

    def to_numpy(self, x):
        return np.array(x)

    def shape(self, x):
        return x.shape

    def device_of(self, x):
        return "CPU:0"

    def to_device(self, x, device):
        return x

    def cast(self, x, dtype):
        d = _DTYPES[dtype]
        if d.kind in "iu" and x.dtype.kind == "f":
            return np.trunc(x).astype(np.int64).astype(d)   # truncate, then wrap like TF
        return np.asarray(x).astype(d)

    def copy(self, x):
        return np.array(x)

    # creation
    def full(self, shape, value, dtype, device=None):
        return np.full(shape, value, _DTYPES[dtype])

    def eye(self, n, m, dtype, device=None):
        return np.eye(n, m, dtype=_DTYPES[dtype])

    def arange(self, start, limit, delta, dtype, device=None):
        return np.arange(start, limit, delta, dtype=_DTYPES[dtype])

    def linspace(self, start, stop, num, dtype, device=None):
        return np.linspace(start, stop, num, dtype=_DTYPES[dtype])

    # elementwise kernels that need more than one numpy call
    def rsqrt(self, x):
        return 1 / np.sqrt(x)

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def relu(self, x):
        return np.maximum(x, np.zeros((), x.dtype))

    def softplus(self, x):
        return np.logaddexp(np.zeros((), x.dtype), x)

    def erf(self, x):
        return np.vectorize(math.erf, otypes=[x.dtype])(x)

    def truncatediv(self, x, y):
        if x.dtype.kind in "iu":
            return (np.abs(x) // np.abs(y)) * np.sign(x) * np.sign(y)
        return np.trunc(x / y)

    def one_hot(self, indices, on, off, depth, axis):
        return np.moveaxis(np.where(np.expand_dims(indices, -1) == np.arange(depth), on, off), -1, axis)

    # indexing
    def index(self, x, key):
        return np.asarray(x)[key]

    def boolean_mask(self, x, mask):
        return np.asarray(x)[mask]

    def nonzero(self, x):
        return np.argwhere(x).astype(np.int64)

    def set_item(self, x, key, value):
        x = np.array(x)
        x[key] = value
        return x

    # reductions (axes: a non-empty tuple)
    def reduce_sum(self, x, axes, keepdims):
        return np.sum(x, axes, keepdims=keepdims, dtype=x.dtype)

    def reduce_prod(self, x, axes, keepdims):
        return np.prod(x, axes, keepdims=keepdims, dtype=x.dtype)

    def reduce_mean(self, x, axes, keepdims):
        n = max(math.prod(x.shape[a] for a in axes), 1)
        s = np.sum(x, axes, keepdims=keepdims, dtype=x.dtype)
        return self.truncatediv(s, np.asarray(n, x.dtype)) if x.dtype.kind in "iu" else s / np.asarray(
            n if x.size else 0, x.dtype)

    def reduce_max(self, x, axes, keepdims):
        low = -np.inf if x.dtype.kind == "f" else (False if x.dtype.kind == "b" else np.iinfo(x.dtype).min)
        return np.max(x, axes, keepdims=keepdims, initial=low) if x.size == 0 else np.max(x, axes, keepdims=keepdims)

    def reduce_min(self, x, axes, keepdims):
        high = np.inf if x.dtype.kind == "f" else (True if x.dtype.kind == "b" else np.iinfo(x.dtype).max)
        return np.min(x, axes, keepdims=keepdims, initial=high) if x.size == 0 else np.min(x, axes, keepdims=keepdims)

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

    def softmax(self, x, axis):
        e = np.exp(x - np.max(x, axis, keepdims=True))
        return e / np.sum(e, axis, keepdims=True)


for _name, _fn in _ELEMENTWISE.items():
    setattr(MinimalBackend, _name, staticmethod(_fn))
del _name, _fn
