"""The PyTorch backend: native arrays are torch tensors, on CUDA when available (as TF prefers a GPU)."""
import math

import numpy as np
import torch

from .base import BFLOAT16, COMPLEX, CUDA, FLOAT16, FLOAT64, UNSIGNED_WIDE, Backend
from .torch_array import ArrayKernels
from .torch_conv import ConvKernels
from .torch_linalg import LinalgKernels
from .torch_math import MathKernels
from .torch_nn import NnKernels
from .torch_random import RandomKernels
from .torch_sparse import SparseKernels

_DTYPES = {
    "float16": torch.float16, "float32": torch.float32, "float64": torch.float64,
    "bfloat16": torch.bfloat16, "int8": torch.int8, "int16": torch.int16, "int32": torch.int32,
    "int64": torch.int64, "uint8": torch.uint8, "uint16": torch.uint16, "uint32": torch.uint32,
    "uint64": torch.uint64, "bool": torch.bool, "complex64": torch.complex64,
    "complex128": torch.complex128}
_INT = {torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.uint16,
        torch.uint32, torch.uint64}
_WIDE_UNSIGNED = {torch.uint16: torch.int32, torch.uint32: torch.int64, torch.uint64: torch.int64}


def _tf_device(dev):
    return "GPU:%d" % (dev.index or 0) if dev.type == "cuda" else "CPU:0"


def _torch_device(name):
    kind, _, idx = name.upper().rpartition("/DEVICE:")[2].partition(":")
    return torch.device("cuda", int(idx or 0)) if kind == "GPU" else torch.device("cpu")


def _lowest(dtype):
    if dtype.is_floating_point:
        return -float("inf")
    return False if dtype == torch.bool else torch.iinfo(dtype).min


def _highest(dtype):
    if dtype.is_floating_point:
        return float("inf")
    return True if dtype == torch.bool else torch.iinfo(dtype).max


_NARROW_FLOATS = frozenset({torch.float32, torch.float16, torch.bfloat16})


def _rounded(fn):
    """A transcendental kernel computed in float64 and rounded for narrow floats on the CPU: correctly
    rounded results, which is what TF's float32 kernels give in most cases."""
    def kernel(self, x):
        if x.dtype in _NARROW_FLOATS and not x.is_cuda:
            return fn(x.double()).to(x.dtype)
        return fn(x)
    kernel.__name__ = fn.__name__
    return kernel


def _widened(fn, cast_back=True):
    """Runs `fn` on uint16/32/64 operands through a wider signed type (torch has few kernels for them);
    the result goes back to the unsigned type unless `cast_back` is False (comparisons, indices)."""
    def kernel(self, *xs):
        dt = xs[0].dtype
        if dt in _WIDE_UNSIGNED:
            out = fn(*(x.to(_WIDE_UNSIGNED[dt]) if isinstance(x, torch.Tensor) else x for x in xs))
            return out.to(dt) if cast_back else out
        return fn(*xs)
    kernel.__name__ = getattr(fn, "__name__", "kernel")
    return kernel


class TorchBackend(ArrayKernels, MathKernels, LinalgKernels, NnKernels, ConvKernels, RandomKernels, SparseKernels,
                    Backend):
    """Kernels as torch calls. Negative-step slices are done with flips (torch views need step > 0)."""

    name = "torch"
    capabilities = frozenset({FLOAT16, FLOAT64, BFLOAT16, COMPLEX, UNSIGNED_WIDE}
                             | ({CUDA} if torch.cuda.is_available() else set()))
    module = torch

    def native_dtype(self, name):
        """The native dtype object of the TF dtype called `name` (for kernels in the area mixins)."""
        return _DTYPES[name]

    def __init__(self):
        self._default = torch.device("cuda", 0) if torch.cuda.is_available() else torch.device("cpu")

    def devices(self):
        return ["CPU:0"] + ["GPU:%d" % i for i in range(torch.cuda.device_count())]

    def default_device(self):
        return _tf_device(self._default)

    def _dev(self, device):
        return self._default if device is None else _torch_device(device)

    # conversion and placement
    def from_numpy(self, a, device=None):
        a = np.asarray(a)
        if a.dtype.name == "bfloat16":
            t = torch.from_numpy(a.astype(np.float32)).to(torch.bfloat16)
        else:
            t = torch.from_numpy(np.array(a, order="C"))  # a copy: the caller's array may change later
        return self._placed(t, device)

    def adopt_numpy(self, a, device=None):
        if a.dtype.name == "bfloat16" or not (a.flags.c_contiguous and a.flags.writeable):
            return self.from_numpy(a, device)
        return self._placed(torch.from_numpy(a), device)

    def _placed(self, t, device):
        """A host tensor moved to `device` (None: the default device) unless it is already there."""
        return t.to(self._dev(device)) if (device or self._default.type != "cpu") else t

    def to_numpy(self, x):
        x = x.detach()
        if x.dtype == torch.bfloat16:
            import ml_dtypes
            return x.float().cpu().numpy().astype(ml_dtypes.bfloat16)
        if not x.is_cuda:
            return x.numpy().copy()  # .numpy() shares memory: the contract asks for a copy
        return x.cpu().numpy()

    def shape(self, x):
        return tuple(x.shape)

    def device_of(self, x):
        return _tf_device(x.device)

    def to_device(self, x, device):
        return x.to(_torch_device(device))

    def cast(self, x, dtype):
        d = _DTYPES[dtype]
        if x.is_complex() and not d.is_complex:
            x = x.real
        if d in _INT and x.is_floating_point():
            x = torch.trunc(x)
            if d in (torch.uint8, torch.uint16, torch.uint32, torch.uint64):
                x = x.to(torch.int64)
        return x.to(d)

    def copy(self, x):
        return x.clone()

    # creation
    def full(self, shape, value, dtype, device=None):
        return torch.full(tuple(shape), value, dtype=_DTYPES[dtype], device=self._dev(device))

    def eye(self, n, m, dtype, device=None):
        return torch.eye(n, m, dtype=_DTYPES[dtype], device=self._dev(device))

    def arange(self, start, limit, delta, dtype, device=None):
        d = _DTYPES[dtype]
        if not d.is_floating_point:
            return torch.arange(start, limit, delta, dtype=d, device=self._dev(device))
        # start + i * delta in the dtype itself (torch steps in double, which rounds differently)
        n = max(math.ceil((limit - start) / delta), 0)
        step = torch.arange(n, dtype=d, device=self._dev(device))
        return step.mul_(torch.tensor(delta, dtype=d)).add_(torch.tensor(start, dtype=d))

    def linspace(self, start, stop, num, dtype, device=None):
        return torch.linspace(start, stop, num, dtype=torch.float64, device=self._dev(device)).to(_DTYPES[dtype])

    def _gen(self, seed, device):
        g = torch.Generator(device=self._dev(device))
        g.manual_seed((seed[0] * 0x9E3779B97F4A7C15 + seed[1]) & 0x7FFFFFFFFFFFFFFF)
        return g

    def random_uniform(self, shape, minval, maxval, dtype, seed, device=None):
        d, dev = _DTYPES[dtype], self._dev(device)
        if d in _INT:
            return torch.randint(minval, maxval, tuple(shape), dtype=d, device=dev, generator=self._gen(seed, device))
        u = torch.rand(tuple(shape), dtype=torch.float64 if d == torch.float64 else torch.float32,
                       device=dev, generator=self._gen(seed, device))
        return (u * (maxval - minval) + minval).to(d)

    def random_normal(self, shape, mean, stddev, dtype, seed, device=None):
        d = _DTYPES[dtype]
        n = torch.randn(tuple(shape), dtype=torch.float64 if d == torch.float64 else torch.float32,
                        device=self._dev(device), generator=self._gen(seed, device))
        return (n * stddev + mean).to(d)

    # elementwise
    neg, abs, square = staticmethod(torch.neg), _widened(torch.abs), _widened(torch.square)

    @staticmethod
    def sign(x):
        # torch.sgn gives 0 at NaN; TF gives NaN
        out = torch.sgn(x)
        return torch.where(torch.isnan(x), x, out) if x.is_floating_point() else out
    sqrt, rsqrt, reciprocal = (staticmethod(f) for f in (torch.sqrt, torch.rsqrt, torch.reciprocal))
    exp, expm1, log, log1p = _rounded(torch.exp), _rounded(torch.expm1), _rounded(torch.log), _rounded(torch.log1p)
    sin, cos, tan = _rounded(torch.sin), _rounded(torch.cos), _rounded(torch.tan)
    asin, acos, atan, sinh, cosh = (staticmethod(f) for f in (torch.asin, torch.acos, torch.atan, torch.sinh, torch.cosh))
    tanh, asinh, acosh, atanh = (staticmethod(f) for f in (torch.tanh, torch.asinh, torch.acosh, torch.atanh))
    sigmoid, erfc, lgamma = (staticmethod(f) for f in (torch.sigmoid, torch.erfc, torch.lgamma))

    @staticmethod
    def erf(x):
        out = torch.erf(x)
        # TF's float64 kernel (Eigen's) gives NaN at +-inf; its float32 one gives +-1
        return torch.where(torch.isinf(x), torch.nan, out) if x.dtype == torch.float64 else out

    @staticmethod
    def digamma(x):
        # torch gives -inf at 0; TF gives NaN at every pole (0, negative integers) and at -inf
        pole = ((x <= 0) & (x == torch.floor(x))) | torch.isneginf(x)
        return torch.where(pole, torch.nan, torch.digamma(x))
    floor, ceil, round = (staticmethod(f) for f in (torch.floor, torch.ceil, torch.round))
    isnan, isinf, isfinite = (staticmethod(f) for f in (torch.isnan, torch.isinf, torch.isfinite))
    logical_not, invert = staticmethod(torch.logical_not), _widened(torch.bitwise_not)
    real, imag, conj = staticmethod(torch.real), staticmethod(torch.imag), staticmethod(torch.conj_physical)
    angle, relu = staticmethod(torch.angle), staticmethod(torch.relu)

    @staticmethod
    def relu_grad(dy, y):
        # threshold_backward is one fast kernel; it differs from TF's product only where dy or y is not
        # finite, which the sums reveal (an overflowing sum just takes the exact path)
        if dy.is_floating_point() and not dy.is_cuda and bool(torch.isfinite(dy.sum() + y.sum())):
            return torch.ops.aten.threshold_backward(dy, y, 0)
        return dy * (y > 0)
    add, subtract = _widened(torch.add), _widened(torch.sub)
    multiply, divide = _widened(torch.mul), staticmethod(torch.true_divide)

    @staticmethod
    def div_no_nan(x, y):
        return torch.where(y == 0, torch.zeros((), dtype=x.dtype, device=x.device), x / y)
    pow, atan2 = _widened(torch.pow), staticmethod(torch.atan2)
    maximum, minimum = _widened(torch.maximum), _widened(torch.minimum)
    truncatemod = _widened(torch.fmod)
    equal, not_equal, less, less_equal = (_widened(f, cast_back=False) for f in (torch.eq, torch.ne, torch.lt, torch.le))
    greater, greater_equal = _widened(torch.gt, cast_back=False), _widened(torch.ge, cast_back=False)
    logical_and, logical_or, logical_xor = (staticmethod(f) for f in (
        torch.logical_and, torch.logical_or, torch.logical_xor))
    bitwise_and, bitwise_or, bitwise_xor = (staticmethod(f) for f in (
        torch.bitwise_and, torch.bitwise_or, torch.bitwise_xor))
    left_shift, right_shift = _widened(torch.bitwise_left_shift), _widened(torch.bitwise_right_shift)
    where = staticmethod(torch.where)

    @_widened
    def floordiv(x, y):
        return torch.div(x, y, rounding_mode="floor")

    @_widened
    def floormod(x, y):
        return torch.remainder(x, y)

    @_widened
    def truncatediv(x, y):
        return torch.div(x, y, rounding_mode="trunc")

    def softplus(self, x):
        return torch.nn.functional.softplus(x)

    # shape and indexing
    def reshape(self, x, shape):
        return torch.reshape(x, tuple(shape))

    def transpose(self, x, perm):
        return x.permute(*perm)

    def broadcast_to(self, x, shape):
        return torch.broadcast_to(x, tuple(shape))

    def concat(self, xs, axis):
        return torch.cat(list(xs), axis)

    def stack(self, xs, axis):
        return torch.stack(list(xs), axis)

    def index(self, x, key):
        flips, plain = [], []
        axis = 0
        for k in key:
            if isinstance(k, slice) and k.step is not None and k.step < 0:
                # x[a:b:-s] == flip(x)[n-1-a : n-1-b : s] along this axis
                n = x.shape[axis]
                start = n - 1 - (n - 1 if k.start is None else k.start)
                stop = n if k.stop is None else n - 1 - k.stop
                flips.append(axis)
                plain.append(slice(start, stop, -k.step))
            else:
                plain.append(k)
            if k is not None and k is not Ellipsis:
                axis += 1
        if flips:
            x = torch.flip(x, flips)
        return x[tuple(plain)]

    def gather(self, x, indices, axis):
        idx = indices.to(torch.int64)
        return torch.index_select(x, axis, idx.reshape(-1)).reshape(
            tuple(x.shape[:axis]) + tuple(idx.shape) + tuple(x.shape[axis + 1:]))

    def boolean_mask(self, x, mask):
        return x[mask]

    def nonzero(self, x):
        return torch.nonzero(x).to(torch.int64)

    def set_item(self, x, key, value):
        x = x.clone()
        if any(isinstance(k, slice) and k.step is not None and k.step < 0 for k in key):
            # write through an index tensor: negative-step slices have no torch view
            pos = torch.arange(x.numel(), device=x.device).reshape(x.shape)
            flat = self.index(pos, key).reshape(-1)
            x.view(-1)[flat] = torch.broadcast_to(value, tuple(flat.shape) if value.dim() == 0
                                                  else tuple(self.index(pos, key).shape)).reshape(-1)
            return x
        x[key] = value
        return x

    # reductions
    def reduce_sum(self, x, axes, keepdims):
        return torch.sum(x, dim=axes, keepdim=keepdims, dtype=x.dtype)

    def reduce_prod(self, x, axes, keepdims):
        for a in sorted(axes, reverse=True):
            x = torch.prod(x, a, keepdim=keepdims, dtype=x.dtype)
        return x

    def reduce_mean(self, x, axes, keepdims):
        if x.dtype in _INT:
            n = 1
            for a in axes:
                n *= x.shape[a]
            return torch.div(torch.sum(x, dim=axes, keepdim=keepdims, dtype=x.dtype), max(n, 1),
                             rounding_mode="trunc")
        return torch.mean(x, dim=axes, keepdim=keepdims)

    def reduce_max(self, x, axes, keepdims):
        if x.numel() == 0:
            return self._empty_extreme(x, axes, keepdims, _lowest(x.dtype))
        return torch.amax(x, dim=axes, keepdim=keepdims)

    def reduce_min(self, x, axes, keepdims):
        if x.numel() == 0:
            return self._empty_extreme(x, axes, keepdims, _highest(x.dtype))
        return torch.amin(x, dim=axes, keepdim=keepdims)

    def _empty_extreme(self, x, axes, keepdims, value):
        shape = [1 if i in axes else n for i, n in enumerate(x.shape) if keepdims or i not in axes]
        return torch.full(shape, value, dtype=x.dtype, device=x.device)

    def reduce_all(self, x, axes, keepdims):
        return torch.all(x, dim=axes, keepdim=keepdims)

    def reduce_any(self, x, axes, keepdims):
        return torch.any(x, dim=axes, keepdim=keepdims)

    def argmax(self, x, axis):
        # torch.argmax's tie-breaking is not specified: take the first maximum explicitly
        x = x.to(_WIDE_UNSIGNED[x.dtype]) if x.dtype in _WIDE_UNSIGNED else x
        m = torch.amax(x, axis, keepdim=True)
        hit = (x == m) | (torch.isnan(x) if x.is_floating_point() else torch.zeros_like(x, dtype=torch.bool))
        return _first_true(hit, axis)

    def argmin(self, x, axis):
        x = x.to(_WIDE_UNSIGNED[x.dtype]) if x.dtype in _WIDE_UNSIGNED else x
        m = torch.amin(x, axis, keepdim=True)
        hit = (x == m) | (torch.isnan(x) if x.is_floating_point() else torch.zeros_like(x, dtype=torch.bool))
        return _first_true(hit, axis)

    def cumsum(self, x, axis):
        return torch.cumsum(x, axis, dtype=x.dtype)

    def cumprod(self, x, axis):
        return torch.cumprod(x, axis, dtype=x.dtype)

    # linear algebra and nn
    def matmul(self, a, b):
        return torch.matmul(a, b)

    def softmax(self, x, axis):
        return torch.softmax(x, axis)

    def log_softmax(self, x, axis):
        return torch.log_softmax(x, axis)


def _first_true(hit, axis):
    n = hit.shape[axis]
    pos = torch.arange(n, 0, -1, device=hit.device).reshape([-1 if i == axis % hit.dim() else 1 for i in range(hit.dim())])
    return torch.argmax(hit.to(torch.int64) * pos, axis).to(torch.int64)
