"""The `tf.ragged` namespace functions: constant, range, map_flat_values, segment-id conversions, to_tensor,
and `tf.RaggedTensorSpec`."""
import builtins

import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import constant as dense_constant, convert_to_tensor
from ..framework.tensor import Tensor
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops
from ..util.export import tf_export
from .ragged_tensor import RaggedTensor, host, index_tensor
from .rows import from_lengths

_i64 = _dt.int64


@tf_export("ragged.constant")
def constant(pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None, row_splits_dtype=_i64):
    """A RaggedTensor from a nested Python list (a dense Tensor when no dimension is ragged)."""
    if isinstance(pylist, (RaggedTensor, Tensor)):
        raise TypeError("pylist may not be a Tensor or RaggedTensor")
    row_splits_dtype = _dt.as_dtype(row_splits_dtype)
    scalar_depth, max_depth = _depths(pylist)
    if scalar_depth is not None and max_depth > scalar_depth:
        raise ValueError("all scalar values must have the same nesting depth")
    inner_rank = len(inner_shape) if inner_shape is not None else None
    if ragged_rank is None:
        ragged_rank = max(0, (scalar_depth if scalar_depth is not None else max_depth) - 1 - (inner_rank or 0))
    if ragged_rank == 0:
        return dense_constant(pylist, dtype=dtype, shape=inner_shape)
    levels, items = [], list(pylist)
    for _ in builtins.range(ragged_rank):
        lengths = [len(x) for x in items]
        levels.append(lengths)
        items = [y for x in items for y in x]
    leaves = list(_leaves(items))
    if any(isinstance(v, (str, bytes)) for v in leaves) and not all(isinstance(v, (str, bytes)) for v in leaves):
        raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
    if items:
        values = dense_constant(items, dtype=dtype)
        if inner_shape is not None:
            values = array_ops.reshape(values, [-1] + list(inner_shape))
    else:
        shape = [0] + (list(inner_shape) if inner_shape is not None else
                       [0] * max(0, (max_depth - 1 - ragged_rank)))
        values = dense_constant(np.zeros(shape, (_dt.as_dtype(dtype) if dtype else _dt.float32).as_numpy_dtype))
    for lengths in reversed(levels):
        values = from_lengths(values, lengths, row_splits_dtype)
    return values


def _depths(x, depth=0):
    """(the nesting depth of scalars, or None if there are none; the greatest list depth)."""
    if not isinstance(x, (list, tuple)):
        return depth, depth
    if not x:
        return None, depth + 1
    scalar, deepest = None, 0
    for v in x:
        s, m = _depths(v, depth + 1)
        if s is not None:
            if scalar is not None and s != scalar:
                raise ValueError("all scalar values must have the same nesting depth")
            scalar = s
        deepest = max(deepest, m)
    return scalar, deepest


def _leaves(x):
    if isinstance(x, (list, tuple)):
        for v in x:
            yield from _leaves(v)
    else:
        yield x


@tf_export("ragged.range")
def range(starts, limits=None, deltas=1, dtype=None, name=None, row_splits_dtype=_i64):  # noqa: A001 (TF's name)
    """Row i is tf.range(starts[i], limits[i], deltas[i])."""
    if limits is None:
        starts, limits = 0, starts
    ts = [convert_to_tensor(v, dtype=dtype) for v in (starts, limits, deltas)]
    out_dtype = _dt.as_dtype(dtype) if dtype else next((t.dtype for t in ts if t.dtype.is_floating), ts[0].dtype)
    s, l, d = np.broadcast_arrays(*[host(t) for t in ts])
    s, l, d = (np.atleast_1d(a).astype(out_dtype.as_numpy_dtype) for a in (s, l, d))
    if (d == 0).any():
        from ..framework.errors import InvalidArgumentError
        raise InvalidArgumentError(None, None, "Requires delta != 0")
    lengths = np.maximum(0, np.ceil((l - s) / d)).astype(np.int64)
    values = np.concatenate([s[i] + d[i] * np.arange(n) for i, n in enumerate(lengths)]) if lengths.size else []
    return from_lengths(dense_constant(np.asarray(values, out_dtype.as_numpy_dtype)), lengths,
                        _dt.as_dtype(row_splits_dtype))


@tf_export("ragged.map_flat_values")
def map_flat_values(op, *args, **kwargs):
    """op applied to the flat_values of the ragged arguments (which must share their row partitions)."""
    from .dispatch import check_same_partitions
    partners = [a for a in list(args) + list(kwargs.values()) if isinstance(a, RaggedTensor)]
    if not partners:
        return op(*args, **kwargs)
    for p in partners[1:]:
        check_same_partitions(partners[0], p)
    flat = lambda a: a.flat_values if isinstance(a, RaggedTensor) else a  # noqa: E731
    out = op(*[flat(a) for a in args], **{k: flat(v) for k, v in kwargs.items()})
    return partners[0].with_flat_values(out)


@tf_export("ragged.row_splits_to_segment_ids")
def row_splits_to_segment_ids(splits, name=None, out_type=None):
    splits = convert_to_tensor(splits, dtype_hint=_i64)
    s = host(splits)
    return index_tensor(np.repeat(np.arange(s.size - 1), np.diff(s)), _dt.as_dtype(out_type or splits.dtype))


@tf_export("ragged.segment_ids_to_row_splits")
def segment_ids_to_row_splits(segment_ids, num_segments=None, out_type=None, name=None):
    ids = convert_to_tensor(segment_ids, dtype_hint=_i64)
    a = host(ids)
    n = int(host(convert_to_tensor(num_segments))) if num_segments is not None else (int(a.max()) + 1 if a.size else 0)
    counts = np.bincount(a, minlength=n)[:n]
    return index_tensor(np.concatenate([[0], np.cumsum(counts)]), _dt.as_dtype(out_type or ids.dtype))


@tf_export("ragged.stack")
def stack(values, axis=0, name=None):
    from .dispatch import ragged_stack
    return ragged_stack(values, axis)


@tf_export("ragged.boolean_mask")
def boolean_mask(data, mask, name=None):
    from .dispatch import ragged_boolean_mask
    return ragged_boolean_mask(data, mask)


def to_dense(rt, default_value=None, shape=None):
    """`RaggedTensor.to_tensor`: pads (or truncates to `shape`) with `default_value`, via one gather."""
    bound = host(rt.bounding_shape()).tolist()
    if shape is not None:
        want = TensorShape(shape).as_list()
        bound = [b if w is None else w for b, w in zip(bound, want)]
    dtype = rt.dtype
    flat = rt.flat_values
    inner = flat.shape.as_list()[1:]
    if default_value is None:
        default = array_ops.zeros([1] + inner, dtype) if dtype is not _dt.string else \
            dense_constant(np.full([1] + inner, b"", object), _dt.string)
    else:
        default = array_ops.broadcast_to(convert_to_tensor(default_value, dtype=dtype), [1] + inner)
    return _densify(rt, bound, array_ops.concat([flat, default], 0), int(flat.shape[0]))


def _densify(rt, bound, padded_values, pad_index):
    """The dense tensor of `rt`'s values (padded_values: flat values + one default row at pad_index)."""
    idx = _dense_index(rt, bound, pad_index)
    return array_ops.gather(padded_values, index_tensor(idx))


def _dense_index(rt, bound, pad_index):
    """For each position of the dense result (shape bound[:ragged_rank+1]), the flat value index or pad_index."""
    if not isinstance(rt, RaggedTensor):
        return np.arange(int(rt.shape[0]))
    inner = _dense_index(rt.values, bound[1:], pad_index)           # [nvals, bound[2], ...] of flat indices
    inner = inner.reshape(inner.shape[0], -1) if inner.ndim > 1 else inner.reshape(-1, 1)
    s = host(rt.row_splits)
    rows, cols = bound[0], bound[1]
    out = np.full((rows, cols, inner.shape[1]), pad_index, dtype=np.int64)
    for_rows = min(rows, s.size - 1)
    lengths = np.minimum(np.diff(s)[:for_rows], cols)
    r = np.repeat(np.arange(for_rows), lengths)
    c = np.arange(r.size) - np.repeat(np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    out[r, c] = inner[s[r] + c]
    inner_dims = list(bound[2:2 + (rt.ragged_rank - 1)])
    return out.reshape([rows, cols] + inner_dims)


@tf_export("RaggedTensorSpec")
class RaggedTensorSpec:
    """The type of a RaggedTensor: shape (ragged dims None), dtype, ragged_rank and row_splits_dtype."""

    def __init__(self, shape=None, dtype=_dt.float32, ragged_rank=None, row_splits_dtype=_i64,
                 flat_values_spec=None):
        self._shape = TensorShape(shape)
        self._dtype = _dt.as_dtype(dtype)
        rank = self._shape.rank
        if ragged_rank is None:
            if rank is None:
                raise ValueError("Must specify ragged_rank or a shape with a known rank.")
            ragged_rank = rank - 1
        self._ragged_rank = ragged_rank
        self._row_splits_dtype = _dt.as_dtype(row_splits_dtype)
        self._flat_values_spec = flat_values_spec

    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    ragged_rank = property(lambda self: self._ragged_rank)
    row_splits_dtype = property(lambda self: self._row_splits_dtype)
    flat_values_spec = property(lambda self: self._flat_values_spec)

    value_type = property(lambda self: RaggedTensor)

    @classmethod
    def from_value(cls, value):
        return cls(value.shape, value.dtype, value.ragged_rank, value.row_splits_dtype)

    # ---- composite protocol: how tf.function passes a RaggedTensor (flat_values, then the row splits) ------
    @property
    def _component_specs(self):
        from ..graph.tensor_spec import TensorSpec
        rank, k, dims = self._shape.rank, self._ragged_rank, self._shape.as_list() if self._shape.rank else None
        values = TensorSpec(None if rank is None else [None] + dims[k + 1:], self._dtype)
        nrows = None if dims is None or dims[0] is None else dims[0] + 1
        splits = [TensorSpec([nrows if i == 0 else None], self._row_splits_dtype) for i in builtins.range(k)]
        return [values] + splits

    def _from_components(self, components):
        out = components[0]
        dims = self._shape.as_list() if self._shape.rank else [None] * (self._ragged_rank + 1)
        for level in builtins.range(self._ragged_rank, 0, -1):
            out = RaggedTensor(out, components[level], internal=True)
            if dims[level] is not None:
                out._uniform = dims[level]
        return out

    def most_specific_common_supertype(self, others):
        shape = self._shape
        for o in others:
            if (type(o) is not RaggedTensorSpec or o._dtype != self._dtype or o._ragged_rank != self._ragged_rank
                    or o._row_splits_dtype != self._row_splits_dtype or o._shape.rank != shape.rank):
                return None
            if shape.rank is not None:
                shape = TensorShape([a if a == b else None for a, b in zip(shape.as_list(), o._shape.as_list())])
        return RaggedTensorSpec(shape, self._dtype, self._ragged_rank, self._row_splits_dtype)

    def _trace_examples(self, arrays, made_up, resize, to_numpy, from_numpy):
        """Example component arrays for a trace, each with a second example where the spec leaves dims unknown:
        one more flat value, in the last row (a new row when the row count is unknown too), so that the
        partitions of both examples stay valid."""
        values, splits = arrays[0], [np.asarray(to_numpy(a)) for a in arrays[1:]]
        if made_up:  # every level's items in its last row
            totals = [len(s) - 1 for s in splits[1:]] + [int(values.shape[0])]
            splits = [np.concatenate([np.zeros(len(s) - 1, np.int64), [t]]).astype(s.dtype)
                      for s, t in zip(splits, totals)]
        known_rows = self._shape.rank is not None and self._shape.as_list()[0] is not None
        if known_rows and (not splits or len(splits[0]) < 2):
            return [(values, None)] + [(from_numpy(s), None) for s in splits]
        second = [np.concatenate([s, [s[-1] + 1]]) for s in splits]
        if known_rows:
            second[0] = splits[0].copy()
            second[0][-1] += 1
        spec = self._component_specs[0].shape
        dims = tuple(values.shape)
        shape2 = (dims[0] + 1,) + tuple(d + 1 if spec.rank is None or spec.as_list()[i + 1] is None else d
                                        for i, d in enumerate(dims[1:]))
        return [(values, resize(values, shape2))] + [(from_numpy(a), from_numpy(b)) for a, b in zip(splits, second)]

    def is_compatible_with(self, other):
        if isinstance(other, RaggedTensor):
            other = RaggedTensorSpec.from_value(other)
        return (isinstance(other, RaggedTensorSpec) and self._dtype == other._dtype
                and self._ragged_rank == other._ragged_rank and self._shape.is_compatible_with(other._shape))

    def __eq__(self, other):
        return (type(other) is RaggedTensorSpec and self._shape == other._shape and self._dtype == other._dtype
                and self._ragged_rank == other._ragged_rank and self._row_splits_dtype == other._row_splits_dtype)

    def __hash__(self):
        return hash((tuple(self._shape.as_list()) if self._shape.rank is not None else None, self._dtype.name,
                     self._ragged_rank, self._row_splits_dtype.name))

    def __repr__(self):
        return (f"RaggedTensorSpec(TensorShape({self._shape.as_list() if self._shape.rank is not None else None})"
                f", {self._dtype!r}, {self._ragged_rank}, {self._row_splits_dtype!r})")
