"""`tf.IndexedSlices`: a sparse gradient, rows `values` at `indices` of a dense tensor of `dense_shape`.

The gradient of `tf.gather` (axis 0) is one. Duplicated indices are kept until the slices are
densified (`tf.convert_to_tensor`), which sums them (an UnsortedSegmentSum, differentiable).
"""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.op import apply, defop

__all__ = ["IndexedSlices", "unsorted_segment_sum", "densify"]


def _segment_sum_fwd(b, values, indices, num):
    v = b.to_numpy(values)
    idx = b.to_numpy(indices).astype(np.int64).reshape(-1)
    out = np.zeros((num,) + v.shape[1:], dtype=v.dtype)
    np.add.at(out, idx, v)
    return b.from_numpy(out)


def _g_segment_sum(e, dy):
    from ..ops.array_ops import gather
    return gather(dy, e.inputs[1]), None


_segment_sum_op = defop("UnsortedSegmentSum", _segment_sum_fwd, _g_segment_sum)


def unsorted_segment_sum(values, indices, num):
    """Rows of `values` (leading dim = len(indices)) summed into `num` rows by `indices` (1-D)."""
    return apply(_segment_sum_op, (values, indices), values._dtype, {"num": int(num)})


class IndexedSlices:
    """Sparse rows of a dense tensor: `dense[indices[i]] += values[i]`."""

    _is_tensor_like = True

    def __init__(self, values, indices, dense_shape=None):
        from ..framework.convert import convert_to_tensor
        self._values = convert_to_tensor(values)
        self._indices = convert_to_tensor(indices)
        self._dense_shape = None if dense_shape is None else convert_to_tensor(dense_shape)

    values = property(lambda self: self._values)
    indices = property(lambda self: self._indices)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)
    device = property(lambda self: self._values.device)

    @property
    def shape(self):
        from ..framework.tensor_shape import TensorShape
        if self._dense_shape is None:
            return TensorShape([None] + list(self._values.shape)[1:])
        return TensorShape([int(d) for d in self._dense_shape.numpy()])

    def __str__(self):
        ds = "" if self._dense_shape is None else f", dense_shape={str(self._dense_shape)}"
        return f"IndexedSlices(indices={str(self._indices)}, values={str(self._values)}{ds})"

    def __neg__(self):
        from ..ops.math_ops import negative
        return IndexedSlices(negative(self._values), self._indices, self._dense_shape)

    def __tf_tensor__(self, dtype=None, name=None):
        if dtype is not None and _dt.as_dtype(dtype) is not self.dtype:
            raise ValueError(f"Tensor conversion requested dtype {_dt.as_dtype(dtype).name} for "
                             f"IndexedSlices with dtype {self.dtype.name}")
        return densify(self)

    # ---- tape protocol: aggregation of gradients ----
    def _accumulate(self, other):
        """Sum with another gradient: slices + slices stay slices; with a dense tensor it is dense."""
        from ..ops import array_ops, math_ops
        if isinstance(other, IndexedSlices):
            return IndexedSlices(array_ops.concat([self._values, other._values], 0),
                                 array_ops.concat([self._indices, array_ops.cast(other._indices,
                                                                                 self._indices.dtype)], 0),
                                 self._dense_shape)
        return math_ops.add(densify(self), other)

    def _densify_if_needed(self, source):
        return self


def densify(g, shape=None):
    """A dense tensor from an IndexedSlices (duplicates summed); other values pass through. `shape` is the
    dense shape to use when the slices carry none (e.g. the variable's shape, for an optimizer)."""
    if not isinstance(g, IndexedSlices):
        return g
    from ..ops import array_ops
    if g.dense_shape is not None:
        shape = [int(d) for d in g.dense_shape.numpy()]
    elif shape is None:
        raise ValueError("Cannot convert an IndexedSlices without a dense_shape to a dense tensor: its number of "
                         "rows is unknown")
    shape = [int(d) for d in shape]
    vals = g.values
    rows = array_ops.reshape(vals, [-1] + shape[1:]) if tuple(vals.shape)[1:] != tuple(shape[1:]) else vals
    idx = g.indices
    if len(tuple(idx.shape)) != 1:
        idx = array_ops.reshape(idx, [-1])
    return unsorted_segment_sum(rows, idx, shape[0])


def is_indexed_slices(x):
    return type(x) is IndexedSlices
