"""Segment reductions: `tf.math.segment_*` (sorted ids, gaps give 0) and `tf.math.unsorted_segment_*`
(any order, negative ids dropped, empty segments hold the reduction's identity), with TF's gradients."""
from ..graph.runtime import value_dependent
import numpy as np

from ..framework import dtypes as _dt
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, defop
from ..util.export import tf_export
from . import array_ops, math_ops as M
from .common import NUMERIC, REAL, shape_of, static_int, tensor

_NUMBER_TYPES = M._NUMBER_TYPES
_REAL_TYPES = "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"
_IDS = frozenset({_dt.int32, _dt.int64})


def _gather_drop_negatives(params, ids):
    """params gathered at ids, with zero rows where ids < 0 (TF's _GatherDropNegatives)."""
    clipped = M.maximum(ids, array_ops.zeros_like(ids))
    gathered = array_ops.gather(params, clipped)
    keep = M.greater_equal(ids, array_ops.zeros_like(ids))
    keep = array_ops.reshape(keep, list(shape_of(ids)) + [1] * (len(shape_of(gathered)) - 1))
    return array_ops.where(keep, gathered, array_ops.zeros_like(gathered)), keep


def _g_sum(e, dy):
    return _gather_drop_negatives(dy, e.inputs[1])[0], None


def _g_extreme(e, dy):
    x, ids = e.inputs
    num = e.attrs["num"]
    out, keep = _gather_drop_negatives(e.output, ids)
    chosen = M.logical_and(M.equal(x, out), keep)
    count = _reduce("sum", array_ops.cast(chosen, x._dtype), ids, num)
    grads = _gather_drop_negatives(M.divide(dy, count), ids)[0]
    return array_ops.where(chosen, grads, array_ops.zeros_like(grads)), None


def _g_prod(e, dy):
    """TF's UnsortedSegmentProd gradient: exact where a segment holds one zero, 0 where it holds several."""
    x, ids = e.inputs
    num = e.attrs["num"]
    zero = M.equal(x, array_ops.zeros_like(x))
    nzeros = _reduce("sum", array_ops.cast(zero, _dt.int32), ids, num)
    nzeros = array_ops.reshape(nzeros, list(shape_of(nzeros)))
    dy = array_ops.where(M.greater(nzeros, array_ops.ones_like(nzeros)), array_ops.zeros_like(dy), dy)
    safe = array_ops.where(zero, array_ops.ones_like(x), x)
    safe_prod = _reduce("prod", safe, ids, num)
    clipped = M.maximum(ids, array_ops.zeros_like(ids))
    partial = array_ops.where(zero, array_ops.gather(safe_prod, clipped),
                              M.divide(array_ops.gather(e.output, clipped), safe))
    return M.multiply(_gather_drop_negatives(dy, ids)[0], partial), None


_OPS = {kind: defop(f"UnsortedSegment{kind.capitalize()}",
                    (lambda k: lambda b, x, ids, num: b.segment_reduce(x, ids, num, k))(kind), grad)
        for kind, grad in (("sum", _g_sum), ("prod", _g_prod), ("max", _g_extreme), ("min", _g_extreme))}


def _reduce(kind, x, ids, num):
    """The reduction op on validated x (ids.shape + rest) and int ids, flattened to one segment axis."""
    ids_shape = shape_of(ids)
    if len(ids_shape) != 1:
        rest = list(shape_of(x)[len(ids_shape):])
        x = array_ops.reshape(x, [-1] + rest)
        ids = array_ops.reshape(ids, [-1])
    return apply(_OPS[kind], (x, ids), x._dtype, {"num": num})


def _args(op_name, data, segment_ids, allowed, allowed_text):
    x, ids = tensor(data), tensor(segment_ids)
    if ids._dtype not in _IDS:
        raise M._attr_error(op_name, "Tindices", ids._dtype, "int32, int64")
    if x._dtype not in allowed:
        raise M._attr_error(op_name, "T", x._dtype, allowed_text)
    return x, ids


def _count(x, ids, num, dtype=None):
    """Segment sizes (of `dtype`, default x's), shaped to broadcast against the result rows."""
    ones = array_ops.ones(list(shape_of(ids)), dtype or x._dtype)
    n = _reduce("sum", ones, ids, num)
    return array_ops.reshape(n, [num] + [1] * (len(shape_of(x)) - len(shape_of(ids))))


# ---- unsorted ----
def _unsorted(kind, op_name, data, segment_ids, num_segments, allowed=NUMERIC, text=_NUMBER_TYPES):
    x, ids = _args(op_name, data, segment_ids, allowed, text)
    num = static_int(num_segments)
    if num < 0:
        raise op_error(InvalidArgumentError, op_name, f"Input num_segments == {num} must not be negative.")
    xs, ss = shape_of(x), shape_of(ids)
    if xs[:len(ss)] != ss:
        raise op_error(InvalidArgumentError, op_name, f"data.shape = {M._dims(xs)} does not start with "
                       f"segment_ids.shape = {M._dims(ss)}")
    flat = ids._numpy().reshape(-1)
    bad = np.nonzero(flat >= num)[0]
    if bad.size:
        i = int(bad[0])
        raise op_error(InvalidArgumentError, op_name,
                       f"segment_ids[{i}] = {int(flat[i])} is out of range [0, {num})")
    return x, ids, num


@tf_export("math.unsorted_segment_sum")
@value_dependent("unsorted_segment_sum")
def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    return _reduce("sum", *_unsorted("sum", "UnsortedSegmentSum", data, segment_ids, num_segments))


@tf_export("math.unsorted_segment_prod")
@value_dependent("unsorted_segment_prod")
def unsorted_segment_prod(data, segment_ids, num_segments, name=None):
    return _reduce("prod", *_unsorted("prod", "UnsortedSegmentProd", data, segment_ids, num_segments))


@tf_export("math.unsorted_segment_max")
@value_dependent("unsorted_segment_max")
def unsorted_segment_max(data, segment_ids, num_segments, name=None):
    return _reduce("max", *_unsorted("max", "UnsortedSegmentMax", data, segment_ids, num_segments, REAL,
                                     _REAL_TYPES))


@tf_export("math.unsorted_segment_min")
@value_dependent("unsorted_segment_min")
def unsorted_segment_min(data, segment_ids, num_segments, name=None):
    return _reduce("min", *_unsorted("min", "UnsortedSegmentMin", data, segment_ids, num_segments, REAL,
                                     _REAL_TYPES))


@tf_export("math.unsorted_segment_mean")
@value_dependent("unsorted_segment_mean")
def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """Sum / max(count, 1): empty segments give 0; integers divide as truediv does (to float)."""
    x, ids, num = _unsorted("sum", "UnsortedSegmentSum", data, segment_ids, num_segments)
    n = _count(x, ids, num)
    return M.truediv(_reduce("sum", x, ids, num), M.maximum(n, array_ops.ones_like(n)))


@tf_export("math.unsorted_segment_sqrt_n")
@value_dependent("unsorted_segment_sqrt_n")
def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    """Sum / sqrt(max(count, 1))."""
    x, ids, num = _unsorted("sum", "UnsortedSegmentSum", data, segment_ids, num_segments)
    n = _count(x, ids, num)
    return M.truediv(_reduce("sum", x, ids, num), M.sqrt(M.maximum(n, array_ops.ones_like(n))))


# ---- sorted ----
def _sorted(op_name, data, segment_ids, allowed=NUMERIC, text=_NUMBER_TYPES):
    x, ids = _args(op_name, data, segment_ids, allowed, text)
    if len(shape_of(ids)) != 1:
        raise op_error(InvalidArgumentError, op_name, "segment_ids should be a vector.")
    if not shape_of(x) or shape_of(ids)[0] != shape_of(x)[0]:
        raise op_error(InvalidArgumentError, op_name,
                       "segment_ids should be the same size as dimension 0 of input.")
    v = ids._numpy()
    num = int(v[-1]) + 1 if v.size else 0
    if v.size and v[0] < 0:
        raise op_error(InvalidArgumentError, op_name, f"Segment id {int(v[0])} out of range [0, {num}), possibly "
                       "because 'segment_ids' input is not sorted.")
    if v.size > 1 and np.any(v[1:] < v[:-1]):
        raise op_error(InvalidArgumentError, op_name, "segment ids are not increasing")
    return x, ids, num


def _gaps_to_zero(out, x, ids, num):
    """Segments no id names hold 0 in TF's sorted segment ops, whatever the reduction."""
    n = _count(x, ids, num)
    return array_ops.where(M.greater(n, array_ops.zeros_like(n)), out, array_ops.zeros_like(out))


@tf_export("math.segment_sum")
@value_dependent("segment_sum")
def segment_sum(data, segment_ids, name=None):
    return _reduce("sum", *_sorted("SegmentSum", data, segment_ids))


@tf_export("math.segment_prod")
@value_dependent("segment_prod")
def segment_prod(data, segment_ids, name=None):
    return _reduce("prod", *_sorted("SegmentProd", data, segment_ids))


@tf_export("math.segment_max")
@value_dependent("segment_max")
def segment_max(data, segment_ids, name=None):
    x, ids, num = _sorted("SegmentMax", data, segment_ids, REAL, _REAL_TYPES)
    return _gaps_to_zero(_reduce("max", x, ids, num), x, ids, num)


@tf_export("math.segment_min")
@value_dependent("segment_min")
def segment_min(data, segment_ids, name=None):
    x, ids, num = _sorted("SegmentMin", data, segment_ids, REAL, _REAL_TYPES)
    return _gaps_to_zero(_reduce("min", x, ids, num), x, ids, num)


@tf_export("math.segment_mean")
@value_dependent("segment_mean")
def segment_mean(data, segment_ids, name=None):
    """Sum / count in the data's dtype (integers truncate); gaps give 0."""
    x, ids, num = _sorted("SegmentMean", data, segment_ids)
    n = _count(x, ids, num, x._dtype.real_dtype)        # counted in reals: complex has no maximum
    s = _reduce("sum", x, ids, num)
    n = M.maximum(n, array_ops.ones_like(n))
    if x._dtype.is_complex:
        n = array_ops.cast(n, x._dtype)
    return M.truncatediv(s, n) if x._dtype.is_integer else M.divide(s, n)
