"""NumPy backend: convolution and pooling kernels, with their backprop kernels.

Vectorised: a strided, dilated window view (`sliding_window_view`) of the padded input and one
tensordot/einsum or reduction over it. The backprop kernels scatter into the padded input with one
loop over the window's taps (k1*k2*... iterations, each one whole-array strided add: windows overlap,
so a scatter in one call would need np.add.at, much slower), then crop the padding off.
"""
import itertools

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .windows import out_sizes

_NARROW = frozenset({"float16", "bfloat16"})  # computed in float32, rounded once at the end


def _wide(a):
    return a.astype(np.float32) if a.dtype.name in _NARROW else a


def _last(x, channels_last):
    """x as [N, *spatial, C] (a view)."""
    return x if channels_last else np.moveaxis(x, 1, -1)


def _layout(y, dtype, channels_last):
    y = y.astype(dtype, copy=False)
    return y if channels_last else np.ascontiguousarray(np.moveaxis(y, -1, 1))


def _shape_last(shape, channels_last):
    shape = tuple(shape)
    return shape if channels_last else (shape[0],) + shape[2:] + (shape[1],)


def _pad(x, padding, value=0):
    if not any(lo or hi for lo, hi in padding):
        return x
    return np.pad(x, ((0, 0),) + tuple(padding) + ((0, 0),), constant_values=value)


def _windows(xp, ksize, strides, dilations, out):
    """The [N, *out, C, *ksize] window view of a padded [N, *spatial, C] array."""
    nd = len(ksize)
    eff = tuple((k - 1) * d + 1 for k, d in zip(ksize, dilations))
    v = sliding_window_view(xp, eff, axis=tuple(range(1, nd + 1)))
    return v[(slice(None),) + tuple(slice(0, o * s, s) for o, s in zip(out, strides)) + (slice(None),)
             + tuple(slice(None, None, d) for d in dilations)]


def _scatter(tap_values, shape, ksize, strides, dilations, padding, out, dtype):
    """[N, *spatial, C] of `shape`: the sum over taps of tap_values(i, tap) ([N, *out, C]) added at
    the input cells that tap reads, with the padding cropped off."""
    padded = (shape[0],) + tuple(n + lo + hi for n, (lo, hi) in zip(shape[1:-1], padding)) + (shape[-1],)
    dxp = np.zeros(padded, dtype)
    if all(out) and shape[0] and shape[-1]:
        for i, tap in enumerate(itertools.product(*map(range, ksize))):
            dxp[(slice(None),) + tuple(slice(t * d, t * d + (o - 1) * s + 1, s) for t, d, o, s in
                                       zip(tap, dilations, out, strides))] += tap_values(i, tap)
    return dxp[(slice(None),) + tuple(slice(lo, lo + n) for (lo, _), n in zip(padding, shape[1:-1]))]


def _letters(nd):
    """einsum subscripts for the output positions and the window taps."""
    return "hwv"[:nd], "rst"[:nd]


def _floored(x):
    """x with NaN and anything below the dtype's lowest finite value raised to it, and that lowest value:
    TF's max pooling starts each window at the lowest finite value and skips NaN."""
    if x.dtype.name == "bfloat16":
        import ml_dtypes
        low = ml_dtypes.finfo(x.dtype).min
    else:
        low = np.finfo(x.dtype).min if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    return (np.fmax(x, low) if x.dtype.kind == "f" or x.dtype.name == "bfloat16" else x), low


def _max_windows(x, ksize, strides, padding, out):
    """The [N, *out, C, *ksize] windows of x as max pooling sees them."""
    x, low = _floored(x)
    return _windows(_pad(x, padding, low), ksize, strides, (1,) * len(ksize), out)


def _argmax(x, ksize, strides, padding, out):
    """Flat index of each window's first maximum, [N, *out, C]."""
    win = _max_windows(x, ksize, strides, padding, out)
    return win.reshape(win.shape[:len(ksize) + 2] + (-1,)).argmax(-1)


def _counts(sizes, ksize, strides, padding, out, dtype):
    """[*out, 1]: the number of real cells in each pooling window."""
    c = np.ones((), dtype)
    for n, k, s, (lo, _), o in zip(sizes, ksize, strides, padding, out):
        start = np.arange(o) * s - lo
        c = np.multiply.outer(c, (np.minimum(start + k, n) - np.maximum(start, 0)).astype(dtype))
    return c[..., None]


class ConvKernels:
    """Mixin of `NumpyBackend` with the conv kernels."""

    def conv(self, x, w, strides, dilations, padding, channels_last):
        x, dtype = _last(x, channels_last), x.dtype
        x, w = _wide(x), _wide(w)
        nd = x.ndim - 2
        k, cg, o_ch = w.shape[:nd], w.shape[nd], w.shape[nd + 1]
        groups = x.shape[-1] // cg
        out = out_sizes(x.shape[1:-1], k, strides, dilations, padding)
        if not (all(out) and x.shape[0]):
            return _layout(np.zeros((x.shape[0],) + out + (o_ch,), x.dtype), dtype, channels_last)
        win = _windows(_pad(x, padding), k, strides, dilations, out)  # [N, *out, C, *k]
        if groups == 1:
            y = np.tensordot(win, w, axes=(list(range(nd + 1, 2 * nd + 2)), [nd] + list(range(nd))))
        else:
            o, t = _letters(nd)
            win = win.reshape(win.shape[:nd + 1] + (groups, cg) + k)
            y = np.einsum(f"n{o}gc{t},{t}cgp->n{o}gp", win, w.reshape(k + (cg, groups, o_ch // groups)),
                          optimize=True).reshape(win.shape[:nd + 1] + (o_ch,))
        return _layout(y, dtype, channels_last)

    def conv_backprop_input(self, dy, w, input_shape, strides, dilations, padding, channels_last):
        dy, dtype = _wide(_last(dy, channels_last)), dy.dtype
        w = _wide(w)
        shape = _shape_last(input_shape, channels_last)
        nd = len(shape) - 2
        k, cg, o_ch = w.shape[:nd], w.shape[nd], w.shape[nd + 1]
        groups = shape[-1] // cg
        out = dy.shape[1:-1]
        if groups == 1:
            cols = np.tensordot(dy, w, axes=([nd + 1], [nd + 1]))  # [N, *out, *k, C]
        else:
            o, t = _letters(nd)
            cols = np.einsum(f"n{o}gp,{t}cgp->n{o}{t}gc", dy.reshape(dy.shape[:-1] + (groups, o_ch // groups)),
                             w.reshape(k + (cg, groups, o_ch // groups)), optimize=True)
            cols = cols.reshape(cols.shape[:-2] + (shape[-1],))
        lead = (slice(None),) * (nd + 1)
        dx = _scatter(lambda i, tap: cols[lead + tap], shape, k, strides, dilations, padding, out, cols.dtype)
        return _layout(dx, dtype, channels_last)

    def conv_backprop_filter(self, x, dy, filter_shape, strides, dilations, padding, channels_last):
        x, dtype = _wide(_last(x, channels_last)), x.dtype
        dy = _wide(_last(dy, channels_last))
        nd = x.ndim - 2
        k, cg, o_ch = tuple(filter_shape[:nd]), filter_shape[nd], filter_shape[nd + 1]
        groups = x.shape[-1] // cg
        out = dy.shape[1:-1]
        if not (all(out) and x.shape[0]):
            return np.zeros(tuple(filter_shape), dtype)
        win = _windows(_pad(x, padding), k, strides, dilations, out)  # [N, *out, C, *k]
        if groups == 1:
            dw = np.moveaxis(np.tensordot(win, dy, axes=(list(range(nd + 1)), list(range(nd + 1)))), 0, nd)
        else:
            o, t = _letters(nd)
            win = win.reshape(win.shape[:nd + 1] + (groups, cg) + k)
            dw = np.einsum(f"n{o}gc{t},n{o}gp->{t}cgp", win,
                           dy.reshape(dy.shape[:-1] + (groups, o_ch // groups)), optimize=True)
        return dw.reshape(tuple(filter_shape)).astype(dtype, copy=False)

    def max_pool(self, x, ksize, strides, padding, channels_last):
        x, dtype = _last(x, channels_last), x.dtype
        nd = x.ndim - 2
        out = out_sizes(x.shape[1:-1], ksize, strides, (1,) * nd, padding)
        if not (all(out) and x.shape[0] and x.shape[-1]):
            return _layout(np.zeros((x.shape[0],) + out + (x.shape[-1],), dtype), dtype, channels_last)
        win = _max_windows(x, ksize, strides, padding, out)
        return _layout(win.max(axis=tuple(range(-nd, 0))), dtype, channels_last)

    def max_pool_grad(self, x, dy, ksize, strides, padding, channels_last):
        x, dy, dtype = _last(x, channels_last), _wide(_last(dy, channels_last)), dy.dtype
        out = dy.shape[1:-1]
        arg = _argmax(x, ksize, strides, padding, out) if dy.size else None
        zero = np.zeros((), dy.dtype)
        dx = _scatter(lambda i, tap: np.where(arg == i, dy, zero), x.shape, ksize, strides, (1,) * len(ksize),
                      padding, out, dy.dtype)
        return _layout(dx, dtype, channels_last)

    def max_pool_grad_grad(self, x, ddx, ksize, strides, padding, channels_last):
        x, ddx = _last(x, channels_last), _last(ddx, channels_last)
        nd = x.ndim - 2
        out = out_sizes(x.shape[1:-1], ksize, strides, (1,) * nd, padding)
        if not (all(out) and x.shape[0] and x.shape[-1]):
            return _layout(np.zeros((x.shape[0],) + out + (x.shape[-1],), ddx.dtype), ddx.dtype, channels_last)
        arg = _argmax(x, ksize, strides, padding, out)
        win = _windows(_pad(ddx, padding), ksize, strides, (1,) * nd, out)
        ddy = np.take_along_axis(win.reshape(win.shape[:nd + 2] + (-1,)), arg[..., None], -1)[..., 0]
        return _layout(ddy, ddx.dtype, channels_last)

    def avg_pool(self, x, ksize, strides, padding, channels_last):
        x, dtype = _wide(_last(x, channels_last)), x.dtype
        nd = x.ndim - 2
        out = out_sizes(x.shape[1:-1], ksize, strides, (1,) * nd, padding)
        if not (all(out) and x.shape[0] and x.shape[-1]):
            return _layout(np.zeros((x.shape[0],) + out + (x.shape[-1],), x.dtype), dtype, channels_last)
        win = _windows(_pad(x, padding), ksize, strides, (1,) * nd, out)
        y = win.sum(axis=tuple(range(-nd, 0))) / _counts(x.shape[1:-1], ksize, strides, padding, out, x.dtype)
        return _layout(y, dtype, channels_last)

    def avg_pool_grad(self, dy, input_shape, ksize, strides, padding, channels_last):
        dy, dtype = _wide(_last(dy, channels_last)), dy.dtype
        shape = _shape_last(input_shape, channels_last)
        out = dy.shape[1:-1]
        g = dy / _counts(shape[1:-1], ksize, strides, padding, out, dy.dtype)
        dx = _scatter(lambda i, tap: g, shape, ksize, strides, (1,) * len(ksize), padding, out, dy.dtype)
        return _layout(dx, dtype, channels_last)
