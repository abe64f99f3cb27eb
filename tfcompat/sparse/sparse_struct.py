"""Structural ops and reductions of SparseTensors: reorder, reshape, transpose, concat, slice, retain,
fill_empty_rows, expand_dims, reduce_sum/reduce_max, softmax, maximum/minimum, to_indicator, map_values.
Indices are computed on the host; values move through tfcompat ops (differentiable)."""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor
from ..framework.errors import InvalidArgumentError, op_error
from ..ops import array_ops, math_ops as M, scatter_ops, segment_ops
from ..ops.common import static_list, tensor
from ..util import nest
from ..util.export import tf_export
from .sparse_ops import check_sparse, fmt, int_tensor, make, order, take
from .sparse_tensor import SparseTensor, host


def _parts(sp):
    return host(sp.indices), host(sp.dense_shape)


@tf_export("sparse.reorder")
def reorder(sp_input, name=None):
    """The same SparseTensor with its entries in row-major order (ties keep their order)."""
    idx, shape = _parts(check_sparse(sp_input))
    o = order(idx)
    return make(idx[o], take(sp_input.values, o), shape)


@tf_export("sparse.reshape")
def reshape(sp_input, shape, name=None):
    """The entries at their positions in the row-major reshaped tensor (one -1 dimension is inferred)."""
    idx, old = _parts(check_sparse(sp_input))
    new = np.asarray(static_list(shape), np.int64)
    total, known = int(np.prod(old)), int(np.prod(new[new >= 0]))
    if (new == -1).sum() > 1:
        raise op_error(InvalidArgumentError, "SparseReshape",
                       f"only one output dimension may be -1, not both {np.flatnonzero(new == -1)[0]} "
                       f"and {np.flatnonzero(new == -1)[1]}")
    if (new == -1).any():
        if known == 0 or total % known:
            raise op_error(InvalidArgumentError, "SparseReshape", f"Input to reshape is a SparseTensor with "
                           f"{total} dense values, but the requested shape requires a multiple of {known}. "
                           f"input_shape={fmt(old)} output_shape={fmt(new)}")
        new[new == -1] = total // known
    elif known != total:
        raise op_error(InvalidArgumentError, "SparseReshape", f"Input to reshape is a tensor with {total} dense "
                       f"values, but the requested shape has {known}. input_shape={fmt(old)} "
                       f"output_shape={fmt(new)}")
    flat = _linear(idx, old)
    out = np.stack(np.unravel_index(flat, new), axis=1) if new.size else np.zeros((len(flat), 0), np.int64)
    return make(out, sp_input.values, new)


def _linear(idx, shape):
    strides = np.concatenate([np.cumprod(shape[::-1])[::-1][1:], [1]]).astype(np.int64) if len(shape) else []
    return (idx * strides).sum(axis=1) if len(shape) else np.zeros(idx.shape[0], np.int64)


@tf_export("sparse.transpose")
def transpose(sp_input, perm=None, name=None):
    """The transposed SparseTensor (reversed axes by default), reordered."""
    idx, shape = _parts(check_sparse(sp_input))
    perm = list(range(len(shape)))[::-1] if perm is None else static_list(perm)
    out = idx[:, perm]
    o = order(out)
    return make(out[o], take(sp_input.values, o), shape[perm])


@tf_export("sparse.expand_dims")
def expand_dims(sp_input, axis=None, name=None):
    """A length-1 axis inserted at `axis` (negative counts from the end of the result)."""
    idx, shape = _parts(check_sparse(sp_input))
    axis = -1 if axis is None else int(axis)
    axis = axis + len(shape) + 1 if axis < 0 else axis
    return make(np.insert(idx, axis, 0, axis=1), sp_input.values, np.insert(shape, axis, 1))


@tf_export("sparse.concat")
def concat(axis, sp_inputs, expand_nonconcat_dims=False, name=None, concat_dim=None):
    """The SparseTensors joined along `axis`, in row-major order; other dims must match unless
    expand_nonconcat_dims (then they grow to the largest)."""
    axis = concat_dim if concat_dim is not None else axis
    sps = [check_sparse(s) for s in sp_inputs]
    parts = [_parts(s) for s in sps]
    rank = len(parts[0][1])
    axis = int(axis) + rank if int(axis) < 0 else int(axis)
    shapes = np.stack([p[1] for p in parts])
    out_shape = shapes.max(axis=0) if expand_nonconcat_dims else shapes[0].copy()
    if not expand_nonconcat_dims:
        for pos, s in enumerate(shapes[1:], 1):
            for d in range(rank):
                if d != axis and s[d] != shapes[0][d]:
                    raise op_error(InvalidArgumentError, "SparseConcat", f"Input shapes must match: expected "
                                   f"{shapes[0][d]} for dimension {d} but got {s[d]} at position {pos}")
    offsets = np.concatenate([[0], np.cumsum(shapes[:, axis])])
    out_shape[axis] = offsets[-1]
    idx = np.concatenate([p[0] + np.eye(rank, dtype=np.int64)[axis] * off for p, off in zip(parts, offsets)])
    values = array_ops.concat([s.values for s in sps], 0)
    o = order(idx)
    return make(idx[o], take(values, o), out_shape)


@tf_export("sparse.slice")
def slice(sp_input, start, size, name=None):  # noqa: A001 (TF's name)
    """The entries inside the box [start, start + size), shifted to it; the shape is clipped to the input."""
    idx, shape = _parts(check_sparse(sp_input))
    start, size = np.asarray(static_list(start), np.int64), np.asarray(static_list(size), np.int64)
    end = np.minimum(start + size, shape)
    keep = np.flatnonzero(((idx >= start) & (idx < end)).all(axis=1))
    return make(idx[keep] - start, take(sp_input.values, keep), np.maximum(end - start, 0))


@tf_export("sparse.retain")
def retain(sp_input, to_retain):
    """The entries where the boolean vector to_retain is True."""
    idx, shape = _parts(check_sparse(sp_input))
    mask = host(tensor(to_retain))
    if mask.ndim != 1:
        raise ValueError(f"Shape {tuple(mask.shape)} must have rank 1")
    if mask.shape[0] != idx.shape[0]:
        raise ValueError(f"Dimensions {idx.shape[0]} and {mask.shape[0]} are not compatible")
    keep = np.flatnonzero(mask)
    return make(idx[keep], take(sp_input.values, keep), shape)


@tf_export("sparse.reset_shape")
def reset_shape(sp_input, new_shape=None):
    """The same entries with dense_shape new_shape, or the tightest shape holding them."""
    idx, shape = _parts(check_sparse(sp_input))
    if new_shape is None:
        new = idx.max(axis=0) + 1 if idx.shape[0] else np.zeros_like(shape)
    else:
        new = np.asarray(static_list(new_shape), np.int64)
        if (new < shape).any():
            raise op_error(InvalidArgumentError, "", "Condition x <= y did not hold element-wise")
    return make(idx, sp_input.values, new)


@tf_export("sparse.fill_empty_rows")
def fill_empty_rows(sp_input, default_value, name=None):
    """(sp_input with one default_value entry at column 0 of each empty row, the bool vector of those rows)."""
    idx, shape = _parts(check_sparse(sp_input))
    empty = np.ones(shape[0], bool)
    empty[idx[:, 0]] = False
    rows = np.flatnonzero(empty)
    fill = np.zeros((rows.size, len(shape)), np.int64)
    fill[:, 0] = rows
    default = convert_to_tensor(default_value, sp_input.dtype)
    values = array_ops.concat([sp_input.values, array_ops.fill([rows.size], default)], 0)
    both = np.concatenate([idx, fill])
    o = np.argsort(both[:, 0], kind="stable")
    return make(both[o], take(values, o), shape), convert_to_tensor(empty)


# ---- reductions ----
def _axes(op_name, axis, rank):
    if axis is None:
        return list(range(rank))
    out = []
    for a in static_list(axis):
        if not -rank <= a < rank:
            raise op_error(InvalidArgumentError, op_name,
                           f"Invalid reduction dimension {a}, for input with {rank} dimensions.")
        out.append(a % rank)
    return sorted(set(out))


def _groups(op_name, sp, axis, keepdims):
    """(unique kept-index rows, the group of each entry, output shape) of a reduction over `axis`."""
    idx, shape = _parts(check_sparse(sp))
    axes = _axes(op_name, axis, len(shape))
    kept = [d for d in range(len(shape)) if d not in axes]
    sub = idx[:, kept]
    if sub.shape[1]:
        uniq, inverse = np.unique(sub, axis=0, return_inverse=True)
    else:
        uniq = np.zeros((1 if idx.shape[0] else 0, 0), np.int64)
        inverse = np.zeros(idx.shape[0], np.int64)
    inverse = inverse.reshape(-1)
    if keepdims:
        full = np.zeros((uniq.shape[0], len(shape)), np.int64)
        full[:, kept] = uniq
        return full, inverse, np.where(np.isin(np.arange(len(shape)), axes), 1, shape)
    return uniq, inverse, shape[kept]


def _reduce(kind, op_name, sp, axis, keepdims, output_is_sparse):
    uniq, inverse, out_shape = _groups(op_name, sp, axis, keepdims)
    fn = segment_ops.unsorted_segment_sum if kind == "sum" else segment_ops.unsorted_segment_max
    reduced = fn(sp.values, int_tensor(inverse), uniq.shape[0])
    if output_is_sparse:
        return make(uniq, reduced, out_shape)
    dims = [int(d) for d in out_shape]
    if not dims:
        return array_ops.reshape(reduced, []) if uniq.shape[0] else array_ops.zeros([], sp.dtype)
    return _scatter(uniq, reduced, dims, sp.dtype)


def _scatter(rows, values, dims, dtype):
    if rows.shape[0] == 0:
        return array_ops.zeros(dims, dtype)
    return scatter_ops.scatter_nd(int_tensor(rows), values, dims)


@tf_export("sparse.reduce_sum")
def reduce_sum(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """The sum over `axis` (all axes by default): a dense Tensor, or a SparseTensor with output_is_sparse."""
    return _reduce("sum", "SparseReduceSum", sp_input, axis, bool(keepdims), output_is_sparse)


@tf_export("sparse.reduce_max")
def reduce_max(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """The max over `axis` of the stored values only (implicit zeros are ignored; empty cells give 0)."""
    return _reduce("max", "SparseReduceMax", sp_input, axis, bool(keepdims), output_is_sparse)


@tf_export("sparse.softmax")
def softmax(sp_input, name=None):
    """Softmax of the stored values along the last axis, per row of the other axes."""
    idx, shape = _parts(check_sparse(sp_input))
    _, group, _ = _groups("SparseSoftmax", sp_input, [len(shape) - 1], False)
    ids, n = int_tensor(group), int(group.max()) + 1 if group.size else 0
    v = sp_input.values
    shifted = M.exp(M.subtract(v, array_ops.gather(segment_ops.unsorted_segment_max(v, ids, n), ids)))
    total = array_ops.gather(segment_ops.unsorted_segment_sum(shifted, ids, n), ids)
    return sp_input.with_values(M.divide(shifted, total))


def _extreme(fn, a, b):
    from .sparse_ops import _merge, _spread
    ia, sa = _parts(check_sparse(a))
    ib, _ = _parts(check_sparse(b))
    rows, src_a, src_b = _merge(ia, ib)
    return make(rows, fn(_spread(a.values, src_a), _spread(b.values, src_b)), sa)


@tf_export("sparse.maximum")
def maximum(sp_a, sp_b, name=None):
    """Elementwise max of two SparseTensors of one shape (implicit zeros take part)."""
    return _extreme(M.maximum, sp_a, sp_b)


@tf_export("sparse.minimum")
def minimum(sp_a, sp_b, name=None):
    """Elementwise min of two SparseTensors of one shape (implicit zeros take part)."""
    return _extreme(M.minimum, sp_a, sp_b)


@tf_export("sparse.to_indicator")
def to_indicator(sp_input, vocab_size, name=None):
    """A bool tensor of shape dense_shape[:-1] + [vocab_size], True at (index[:-1], value) of each entry."""
    idx, shape = _parts(check_sparse(sp_input))
    if sp_input.dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"sp_input.values must be int32 or int64, got {sp_input.dtype!r}")
    out = np.zeros(tuple(shape[:-1]) + (int(vocab_size),), bool)
    out[tuple(idx[:, :-1].T) + (host(sp_input.values),)] = True
    return convert_to_tensor(out)


@tf_export("sparse.eye")
def eye(num_rows, num_columns=None, dtype=_dt.float32, name=None):
    """The sparse identity matrix of num_rows x num_columns."""
    n = int(num_rows)
    m = n if num_columns is None else int(num_columns)
    k = np.arange(min(n, m))
    return make(np.stack([k, k], axis=1), array_ops.ones([k.size], dtype), [n, m])


@tf_export("sparse.map_values")
def map_values(op, *args, **kwargs):
    """op applied to the values of the SparseTensor arguments (all with the same indices); the result keeps
    their indices and dense_shape."""
    found = [x for x in nest.flatten([list(args), kwargs]) if isinstance(x, SparseTensor)]
    if not found:
        raise ValueError("No SparseTensor in argument list of map_values")
    first = found[0]
    for other in found[1:]:
        if other.indices is not first.indices and not np.array_equal(host(other.indices), host(first.indices)):
            raise op_error(InvalidArgumentError, "", "SparseTensors have different indices")
    swap = lambda x: x.values if isinstance(x, SparseTensor) else x
    values = op(*nest.map_structure(swap, list(args)), **nest.map_structure(swap, kwargs))
    return first.with_values(values)
