"""NumPy backend: array kernels beyond the core: slicing, gather_nd/scatter_nd, padding, tiling, one_hot, searchsorted."""
import numpy as np

_COMBINE = {"max": np.fmax, "min": np.fmin}


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _highest(dtype):
    return np.inf if dtype.kind == "f" else np.iinfo(dtype).max


class ArrayKernels:
    """Mixin of `NumpyBackend` with the array kernels."""

    def gather_nd(self, x, indices):
        idx = np.asarray(indices, np.int64)
        return np.asarray(x)[tuple(np.moveaxis(idx, -1, 0))]

    def tensor_scatter(self, x, indices, updates, mode):
        out = np.array(x)
        key = tuple(np.moveaxis(np.asarray(indices, np.int64), -1, 0))
        if mode == "update":
            out[key] = updates
        elif mode == "add":
            np.add.at(out, key, updates)
        else:  # TF keeps the old value unless an update is strictly greater (smaller): NaN updates are ignored
            best = np.full_like(out, _lowest(out.dtype) if mode == "max" else _highest(out.dtype))
            _COMBINE[mode].at(best, key, updates)
            out = np.where(best > out if mode == "max" else best < out, best, out)
        return out

    def pad(self, x, paddings, mode, value=0):
        if mode == "constant":
            return np.pad(x, paddings, "constant", constant_values=np.asarray(value, np.asarray(x).dtype))
        return np.pad(x, paddings, mode)

    def tile(self, x, multiples):
        return np.tile(x, multiples)

    def roll(self, x, shifts, axes):
        return np.roll(x, shifts, axes)

    def one_hot(self, indices, on, off, depth, axis):
        hit = np.expand_dims(indices, -1) == np.arange(depth)
        return np.moveaxis(np.where(hit, on, off), -1, axis)

    def searchsorted(self, sorted_, values, right, out_type):
        # a row's insertion point is the count of its elements below (or not above) the value:
        # vectorised over rows and values, a NaN value lands where TF's binary search puts it
        s = np.asarray(sorted_)[..., None, :]
        v = np.asarray(values)[..., None]
        below = ~(v < s) if right else (s < v)  # lower/upper bound's own comparisons
        return np.count_nonzero(below, axis=-1).astype(self.native_dtype(out_type))

    def bitcast(self, x, dtype):
        x = np.asarray(x)
        d = self.native_dtype(dtype)
        src, dst = x.dtype.itemsize, d.itemsize
        shape = x.shape[:-1] if dst > src else x.shape + ((src // dst,) if dst < src else ())
        return np.array(x, order="C").reshape(-1).view(d).reshape(shape)
