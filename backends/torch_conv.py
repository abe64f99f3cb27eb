"""PyTorch backend: convolution and pooling kernels, with their backprop kernels.

Convolutions map to torch.nn.functional.conv{1,2,3}d, torch.nn.grad.conv*_weight and (input gradients)
aten.convolution_backward on the explicitly (asymmetrically) padded input, in torch's channels-first
layout; channels-last arrays stay channels-last in memory (a [N, C, ...] view), so no layout copies. Pooling works on
`Tensor.unfold` windows (TF's max pooling skips NaN; padded cells are absent), and the pooling
gradients scatter back with one strided add per window tap. Results stay on the input's device.
"""
import itertools

import torch
import torch.nn.functional as F
from torch.nn import grad as _grad

from .windows import out_sizes

_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_WEIGHT = {1: _grad.conv1d_weight, 2: _grad.conv2d_weight, 3: _grad.conv3d_weight}


def _first(x, channels_last):
    """x as [N, C, *spatial] (a view)."""
    return x.movedim(-1, 1) if channels_last else x


def _layout(y, dtype, channels_last):
    y = y.to(dtype)
    return (y.movedim(1, -1) if channels_last else y).contiguous()


def _shape_first(shape, channels_last):
    shape = tuple(shape)
    return (shape[0], shape[-1]) + shape[1:-1] if channels_last else shape


def _shape_last(shape):
    return (shape[0],) + tuple(shape[2:]) + (shape[1],)


def _computable(*xs):
    """Integer convolutions run in float64 on CUDA (its conv kernels are floating point only)."""
    if xs[0].is_floating_point() or not xs[0].is_cuda:
        return xs
    return tuple(x.double() for x in xs)


def _pad(x, padding, value=0):
    if not any(lo or hi for lo, hi in padding):
        return x
    return F.pad(x, [p for pair in reversed(padding) for p in pair], value=value)


def _crop(xp, padding, sizes):
    return xp[(slice(None), slice(None)) + tuple(slice(lo, lo + n) for (lo, _), n in zip(padding, sizes))]


def _weight(w):
    """A TF filter [*k, C/groups, O] as torch's [O, C/groups, *k] (a view)."""
    nd = w.dim() - 2
    return w.permute(nd + 1, nd, *range(nd))


def _windows(xp, ksize, strides):
    """The [N, C, *out, *ksize] windows of a padded [N, C, *spatial] tensor (a view)."""
    for i, (k, s) in enumerate(zip(ksize, strides)):
        xp = xp.unfold(2 + i, k, s)
    return xp


def _scatter(tap_values, shape, ksize, strides, padding, out, like):
    """[N, C, *spatial] of `shape`: the sum over taps of tap_values(i) ([N, C, *out]) added at the
    input cells that tap reads, with the padding cropped off."""
    padded = shape[:2] + tuple(n + lo + hi for n, (lo, hi) in zip(shape[2:], padding))
    dxp = torch.zeros(padded, dtype=like.dtype, device=like.device)
    if all(out) and shape[0] and shape[1]:
        for i, tap in enumerate(itertools.product(*map(range, ksize))):
            dxp[(slice(None), slice(None)) + tuple(slice(t, t + (o - 1) * s + 1, s) for t, o, s in
                                                   zip(tap, out, strides))] += tap_values(i)
    return _crop(dxp, padding, shape[2:])


def _floored(x):
    """x with NaN and values below the dtype's lowest finite value raised to it, and that value:
    TF's max pooling starts each window at the lowest finite value and skips NaN."""
    if x.is_floating_point():
        low = torch.finfo(x.dtype).min
        return torch.fmax(x, torch.tensor(low, dtype=x.dtype, device=x.device)), low
    return x, torch.iinfo(x.dtype).min


def _max_windows(x, ksize, strides, padding):
    x, low = _floored(x)
    win = _windows(_pad(x, padding, low), ksize, strides)
    return win.reshape(win.shape[:2 + len(ksize)] + (-1,))


def _counts(sizes, ksize, strides, padding, out, like):
    """[*out]: the number of real cells in each pooling window."""
    c = torch.ones((), dtype=like.dtype, device=like.device)
    for n, k, s, (lo, _), o in zip(sizes, ksize, strides, padding, out):
        start = torch.arange(o, device=like.device) * s - lo
        ci = (torch.clamp(start + k, max=n) - torch.clamp(start, min=0)).to(like.dtype)
        c = c[..., None] * ci
    return c


def _empty_pool(x, out):
    return torch.zeros(x.shape[:2] + out, dtype=x.dtype, device=x.device)


class ConvKernels:
    """Mixin of `TorchBackend` with the conv kernels."""

    def conv(self, x, w, strides, dilations, padding, channels_last):
        x, dtype = _first(x, channels_last), x.dtype
        nd = x.dim() - 2
        out = out_sizes(x.shape[2:], w.shape[:nd], strides, dilations, padding)
        if not (all(out) and x.shape[0]):
            return _layout(torch.zeros(x.shape[:1] + (w.shape[-1],) + out, dtype=dtype, device=x.device),
                           dtype, channels_last)
        x, w = _computable(x, w)
        y = _CONV[nd](_pad(x, padding), _weight(w), None, strides, 0, dilations, x.shape[1] // w.shape[nd])
        return _layout(y, dtype, channels_last)

    def conv_backprop_input(self, dy, w, input_shape, strides, dilations, padding, channels_last):
        dy, dtype = _first(dy, channels_last), dy.dtype
        shape = _shape_first(input_shape, channels_last)
        nd = len(shape) - 2
        if dy.numel() == 0:
            return _layout(torch.zeros(shape, dtype=dtype, device=dy.device), dtype, channels_last)
        dy, w = _computable(dy, w)
        padded = shape[:2] + tuple(n + lo + hi for n, (lo, hi) in zip(shape[2:], padding))
        # an uninitialised input of dy's layout: torch's backward writes dx in that layout (no copy back)
        like = _first(torch.empty(_shape_last(padded) if channels_last else padded, dtype=dy.dtype,
                                  device=dy.device), channels_last)
        dxp = torch.ops.aten.convolution_backward(dy, like, _weight(w), None, strides, (0,) * nd, dilations, False,
                                                  (0,) * nd, shape[1] // w.shape[nd], (True, False, False))[0]
        return _layout(_crop(dxp, padding, shape[2:]), dtype, channels_last)

    def conv_backprop_filter(self, x, dy, filter_shape, strides, dilations, padding, channels_last):
        x, dy, dtype = _first(x, channels_last), _first(dy, channels_last), x.dtype
        nd = x.dim() - 2
        if dy.numel() == 0 or x.numel() == 0:
            return torch.zeros(tuple(filter_shape), dtype=dtype, device=x.device)
        x, dy = _computable(x, dy)
        k, cg, o_ch = tuple(filter_shape[:nd]), filter_shape[nd], filter_shape[nd + 1]
        dw = _WEIGHT[nd](_pad(x, padding), (o_ch, cg) + k, dy, strides, 0, dilations, x.shape[1] // cg)
        return dw.permute(*range(2, nd + 2), 1, 0).to(dtype).contiguous()

    def max_pool(self, x, ksize, strides, padding, channels_last):
        x = _first(x, channels_last)
        out = out_sizes(x.shape[2:], ksize, strides, (1,) * len(ksize), padding)
        if not (all(out) and x.shape[0] and x.shape[1]):
            return _layout(_empty_pool(x, out), x.dtype, channels_last)
        return _layout(_max_windows(x, ksize, strides, padding).amax(-1), x.dtype, channels_last)

    def max_pool_grad(self, x, dy, ksize, strides, padding, channels_last):
        x, dy = _first(x, channels_last), _first(dy, channels_last)
        out = tuple(dy.shape[2:])
        arg = _max_windows(x, ksize, strides, padding).argmax(-1) if dy.numel() else None
        zero = torch.zeros((), dtype=dy.dtype, device=dy.device)
        dx = _scatter(lambda i: torch.where(arg == i, dy, zero), tuple(x.shape), ksize, strides, padding, out, dy)
        return _layout(dx, dy.dtype, channels_last)

    def max_pool_grad_grad(self, x, ddx, ksize, strides, padding, channels_last):
        x, ddx = _first(x, channels_last), _first(ddx, channels_last)
        out = out_sizes(x.shape[2:], ksize, strides, (1,) * len(ksize), padding)
        if not (all(out) and x.shape[0] and x.shape[1]):
            return _layout(_empty_pool(ddx, out), ddx.dtype, channels_last)
        arg = _max_windows(x, ksize, strides, padding).argmax(-1, keepdim=True)
        win = _windows(_pad(ddx, padding), ksize, strides)
        ddy = win.reshape(win.shape[:2 + len(ksize)] + (-1,)).gather(-1, arg)[..., 0]
        return _layout(ddy, ddx.dtype, channels_last)

    def avg_pool(self, x, ksize, strides, padding, channels_last):
        x = _first(x, channels_last)
        nd = len(ksize)
        out = out_sizes(x.shape[2:], ksize, strides, (1,) * nd, padding)
        if not (all(out) and x.shape[0] and x.shape[1]):
            return _layout(_empty_pool(x, out), x.dtype, channels_last)
        xw = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
        total = _windows(_pad(xw, padding), ksize, strides).sum(tuple(range(-nd, 0)))
        return _layout(total / _counts(x.shape[2:], ksize, strides, padding, out, xw), x.dtype, channels_last)

    def avg_pool_grad(self, dy, input_shape, ksize, strides, padding, channels_last):
        dy = _first(dy, channels_last)
        shape = _shape_first(input_shape, channels_last)
        out = tuple(dy.shape[2:])
        g = dy / _counts(shape[2:], ksize, strides, padding, out, dy)
        return _layout(_scatter(lambda i: g, shape, ksize, strides, padding, out, dy), dy.dtype, channels_last)
