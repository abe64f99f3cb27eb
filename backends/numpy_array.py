"""NumPy backend: array kernels beyond the core: slicing, gather_nd/scatter_nd, padding, tiling, one_hot, searchsorted."""
import numpy as np

_COMBINE = {"add": np.add, "max": np.maximum, "min": np.minimum}


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
        else:
            _COMBINE[mode].at(out, key, updates)
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
        x = np.ascontiguousarray(x)
        d = self.native_dtype(dtype)
        if d.itemsize > x.dtype.itemsize:
            return x.view(d).reshape(x.shape[:-1])
        return x.view(d).reshape(x.shape + ((x.dtype.itemsize // d.itemsize,) if d.itemsize < x.dtype.itemsize
                                            else ()))
