"""Sorting and selection: `tf.sort`, `tf.argsort`, `tf.math.top_k`, `tf.math.in_top_k`, `tf.unique`,
`tf.unique_with_counts` and `tf.math.bincount`.

NaN ranks as larger than every number (TF's own order of NaNs depends on its sort algorithm and is not
reproduced); equal keys keep their original order in both directions, as in TF.
"""
from ..graph.runtime import value_dependent
import collections

import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor, dtype_error
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import NOT_DIFFERENTIABLE, apply, defop
from ..util.export import tf_export
from . import array_ops, math_ops as M
from .common import REAL, shape_of, static_int, tensor

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])
Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])

_TOPK_TYPES = "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"
_INDEX_TYPES = frozenset({_dt.int16, _dt.int32, _dt.int64})
_i32, _i64 = _dt.int32, _dt.int64


def _scatter_last(dy, idx, n):
    """dx with dx[..., idx[..., i]] += dy[..., i] along the last axis (the gradient of a selection)."""
    from .segment_ops import unsorted_segment_sum
    shape = shape_of(idx)
    rows = int(np.prod(shape[:-1], dtype=np.int64))
    offsets = array_ops.reshape(M.multiply(array_ops.range(rows, dtype=_i64), n), list(shape[:-1]) + [1])
    flat = array_ops.reshape(M.add(array_ops.cast(idx, _i64), offsets), [-1])
    dx = unsorted_segment_sum(array_ops.reshape(dy, [-1]), flat, rows * n)
    return array_ops.reshape(dx, list(shape[:-1]) + [n])


def _g_top_k(e, dy, _d_indices=None):
    x, (_, idx) = e.inputs[0], e.outputs
    return _scatter_last(dy, idx, shape_of(x)[-1])


def _g_sort(e, dy):
    x = e.inputs[0]
    return _scatter_last(dy, _argsort_last(x, e.attrs["descending"]), shape_of(x)[-1])


_top_k_op = defop("TopKV2", lambda b, x, k: b.top_k(x, k), _g_top_k)
_sort_op = defop("Sort", lambda b, x, descending: b.sort(x, descending), _g_sort)
_argsort_op = defop("ArgSort", lambda b, x, descending: b.argsort(x, descending), NOT_DIFFERENTIABLE)


def _argsort_last(x, descending):
    return apply(_argsort_op, (x,), _i64, {"descending": descending})


def _check_topk_dtype(x, ascending):
    if x._dtype in REAL:
        return
    if ascending and x._dtype not in M.SIGNED:  # TF sorts ascending as -top_k(-x): Neg rejects it first
        M.check_dtype(x, M.SIGNED, "Neg")
    raise M._attr_error("TopKV2", "T", x._dtype, _TOPK_TYPES)


@tf_export("math.top_k", "nn.top_k")
@value_dependent("top_k")
def top_k(input, k=1, sorted=True, index_type=_i32, name=None):
    """(values, indices) of the k largest entries along the last axis; ties go to the lower index.
    With sorted=False TF leaves the order unspecified; tfcompat returns it sorted."""
    x = tensor(input)
    _check_topk_dtype(x, False)
    index_type = _dt.as_dtype(index_type)
    if index_type not in _INDEX_TYPES:
        raise M._attr_error("TopKV2", "index_type", index_type, "int16, int32, int64")
    k = static_int(k)
    if k < 0:
        raise op_error(InvalidArgumentError, "TopKV2", f"Need k >= 0, got {k}")
    shape = shape_of(x)
    if not shape:
        raise op_error(InvalidArgumentError, "TopKV2", "input must be >= 1-D, got shape []")
    if shape[-1] < k:
        raise op_error(InvalidArgumentError, "TopKV2",
                       f"input must have at least k columns. Had {shape[-1]}, needed {k}")
    values, idx = apply(_top_k_op, (x,), (x._dtype, _i64), {"k": k})
    return TopKV2(values, array_ops.cast(idx, index_type))


def _along(x, axis, run):
    """run(x) on the last axis, `axis` swapped there and back; the axis checked as TF's sort does
    (a StridedSlice of the shape)."""
    axis = static_int(axis)
    rank = len(shape_of(x))
    if not -rank <= axis < rank:
        raise op_error(InvalidArgumentError, "StridedSlice", f"slice index {axis} of dimension 0 out of bounds.")
    axis %= rank
    if axis == rank - 1:
        return run(x)
    perm = list(range(rank))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return array_ops.transpose(run(array_ops.transpose(x, perm)), perm)


def _direction(direction):
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError("Argument `direction` should be one of ASCENDING, DESCENDING. Received: "
                         f"direction={direction}")
    return direction == "DESCENDING"


@tf_export("sort")
@value_dependent("sort")
def sort(values, axis=-1, direction="ASCENDING", name=None):
    """The values sorted along axis; stable, NaN largest."""
    descending = _direction(direction)
    x = tensor(values)
    _check_topk_dtype(x, not descending)
    return _along(x, axis, lambda t: apply(_sort_op, (t,), t._dtype, {"descending": descending}))


@tf_export("argsort")
@value_dependent("argsort")
def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """int32 indices that sort values along axis; equal keys keep their order whatever `stable` says."""
    descending = _direction(direction)
    x = tensor(values)
    _check_topk_dtype(x, not descending)
    return _along(x, axis, lambda t: array_ops.cast(_argsort_last(t, descending), _i32))


@tf_export("math.in_top_k", "nn.in_top_k")
@value_dependent("in_top_k")
def in_top_k(targets, predictions, k, name=None):
    """Whether each target's prediction is among the k largest of its row (ties count as in); False for
    out-of-range targets and rows holding a non-finite prediction."""
    p = tensor(predictions)
    t = tensor(targets)
    if p._dtype is not _dt.float32:
        raise op_error(InvalidArgumentError, "InTopKV2", dtype_error("InTopKV2", 0, _dt.float32, p._dtype))
    if t._dtype not in (_i32, _i64):
        raise M._attr_error("InTopKV2", "T", t._dtype, "int32, int64")
    ps, ts = shape_of(p), shape_of(t)
    if len(ps) != 2:
        raise op_error(InvalidArgumentError, "InTopKV2", f"predictions must be 2-dimensional, got {M._dims(ps)}")
    if len(ts) != 1:
        raise op_error(InvalidArgumentError, "InTopKV2", f"targets must be 1-dimensional, got {M._dims(ts)}")
    if ps[0] != ts[0]:
        raise op_error(InvalidArgumentError, "InTopKV2",
                       f"First dimension of predictions {ps[0]} must match length of targets {ts[0]}")
    k = static_int(k)
    classes = array_ops.reshape(array_ops.range(ps[1], dtype=t._dtype), [1, -1])
    hit = M.equal(classes, array_ops.reshape(t, [-1, 1]))
    chosen = M.reduce_sum(array_ops.where(hit, p, array_ops.zeros_like(p)), 1, keepdims=True)
    better = M.reduce_sum(array_ops.cast(M.greater(p, chosen), _i32), 1)
    valid = M.logical_and(M.reduce_any(hit, 1), M.reduce_all(M.is_finite(p), 1))
    return M.logical_and(valid, M.less(better, convert_to_tensor(k, _i32)))


_unique_op = defop("Unique", lambda b, x: b.unique(x), NOT_DIFFERENTIABLE)


def _unique(x, out_idx):
    x = tensor(x)
    out_idx = _dt.as_dtype(out_idx)
    if out_idx not in (_i32, _i64):
        raise M._attr_error("Unique", "out_idx", out_idx, "int32, int64")
    if len(shape_of(x)) != 1:
        raise op_error(InvalidArgumentError, "Unique", "unique expects a 1D vector.")
    y, idx, count = apply(_unique_op, (x,), (x._dtype, _i64, _i64))
    return y, array_ops.cast(idx, out_idx), array_ops.cast(count, out_idx)


@tf_export("unique")
def unique(x, out_idx=_i32, name=None):
    """Unique(y, idx): the distinct values of a 1-D tensor in first-occurrence order, and each element's index in y."""
    y, idx, _ = _unique(x, out_idx)
    return Unique(y, idx)


@tf_export("unique_with_counts")
def unique_with_counts(x, out_idx=_i32, name=None):
    """UniqueWithCounts(y, idx, count): unique's result plus how often each value occurs."""
    return UniqueWithCounts(*_unique(x, out_idx))


_bincount_op = defop("DenseBincount", lambda b, x, *w, length, dtype: b.bincount(x, w[0] if w else None, length,
                                                                                 dtype))


@tf_export("math.bincount")
@value_dependent("bincount")
def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=_i32, name=None, axis=None,
             binary_output=False):
    """Counts (or summed weights) of each value in [0, length), length = max(arr) + 1 bounded by
    minlength/maxlength; axis=-1 counts each row of a 2-D arr separately."""
    if weights is not None and binary_output:
        raise ValueError("Arguments `binary_output` and `weights` are mutually exclusive. Please specify only one.")
    if axis not in (None, 0, -1):
        raise ValueError(f"Unsupported value for argument axis={axis}. Only 0 and -1 are currently supported.")
    x = tensor(arr)
    if not x._dtype.is_integer:
        x = array_ops.cast(x, _i32)
    w = None
    if weights is not None:
        w = tensor(weights)
        if shape_of(w) != shape_of(x) and shape_of(w) != (0,):
            raise op_error(InvalidArgumentError, "DenseBincount", "`weights` must be the same shape as `arr` or a "
                           "length-0 `Tensor`, in which case it acts as all weights equal to 1. Received "
                           f"arr.shape = {M._dims(shape_of(x))} and weights.shape = {M._dims(shape_of(w))}")
        if shape_of(w) == (0,):
            w = None
        dtype = tensor(weights)._dtype
    dtype = _dt.as_dtype(dtype)
    v = x._numpy()
    if v.size and v.min() < 0:
        raise op_error(InvalidArgumentError, "DenseBincount", "Input arr must be non-negative!")
    length = int(v.max()) + 1 if v.size else 0
    if minlength is not None:
        length = max(length, static_int(minlength))
    if maxlength is not None:
        length = min(length, static_int(maxlength))
    rows = None
    if axis == -1 and len(shape_of(x)) > 1:  # one count per row: ids offset by row, values past length dropped
        rows = shape_of(x)[0]
        v = v.reshape(rows, int(np.prod(shape_of(x)[1:]))).astype(np.int64)
        x = convert_to_tensor(np.where(v < length, v + np.arange(rows)[:, None] * length, -1).reshape(-1))
    else:
        x = array_ops.reshape(array_ops.cast(x, _i64), [-1])
    if w is not None:
        w = array_ops.reshape(w, [-1])
    total = length * rows if rows is not None else length
    out = apply(_bincount_op, (x,) + ((w,) if w is not None else ()), dtype, {"length": total, "dtype": dtype.name})
    if binary_output:
        out = array_ops.cast(M.greater(out, array_ops.zeros_like(out)), dtype)
    return out if rows is None else array_ops.reshape(out, [rows, length])

