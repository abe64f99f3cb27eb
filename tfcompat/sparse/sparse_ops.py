"""Conversions and arithmetic of SparseTensors: to_dense/from_dense, add, sparse_dense_matmul, elementwise
products with dense operands. Index bookkeeping runs on the host; values flow through tfcompat ops, so
tapes differentiate every result with respect to the values and the dense operands."""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor, dtype_error
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, defop
from ..framework.tensor import Tensor
from ..ops import array_ops, math_ops as M, scatter_ops
from ..ops.common import tensor
from ..util.export import tf_export
from .sparse_tensor import SparseTensor, host

_i64 = _dt.int64


# ---- helpers shared by the sparse modules ----
def check_sparse(x, what="Input"):
    if not isinstance(x, SparseTensor):
        raise TypeError(f"{what} must be a SparseTensor.")
    return x


def int_tensor(a):
    """An int64 tensor of a numpy index array."""
    return convert_to_tensor(np.asarray(a, np.int64))


def make(indices, values, shape):
    """A SparseTensor of host indices ([N, rank]), a values tensor and a host shape."""
    shape = np.asarray(shape, np.int64).reshape(-1)
    indices = np.asarray(indices, np.int64)
    return SparseTensor(int_tensor(indices.reshape(indices.shape[0], shape.size)), values, int_tensor(shape))


def take(values, positions):
    """values gathered at host positions (differentiable in values)."""
    return array_ops.gather(values, int_tensor(positions))


def fmt(v):
    return "[" + ",".join(str(int(x)) for x in v) + "]"


def order(idx):
    """The stable lexicographic (row-major) order of index rows."""
    return np.lexsort(idx.T[::-1]) if idx.shape[1] else np.arange(idx.shape[0])


def is_sorted_unique(idx):
    """True when the index rows are strictly increasing in row-major order."""
    if idx.shape[0] < 2:
        return True
    d = idx[1:] - idx[:-1]
    first = np.argmax(d != 0, axis=1)
    lead = d[np.arange(d.shape[0]), first]
    return bool((lead > 0).all())


# ---- to_dense / from_dense ----
def _check_indices(op_name, idx, shape, validate):
    bad = ((idx < 0) | (idx >= shape)).any(axis=1)
    if bad.any():
        if not validate:
            raise op_error(InvalidArgumentError, op_name,
                           f"Indices are not valid (out of bounds).  Shape: {fmt(shape)}")
        i = int(np.argmax(bad))
        raise op_error(InvalidArgumentError, op_name,
                       f"indices[{i}] = {fmt(idx[i])} is out of bounds: need 0 <= index < {fmt(shape)}")
    if validate and idx.shape[0] > 1:
        d = idx[1:] - idx[:-1]
        nz = d != 0
        first = np.argmax(nz, axis=1)
        lead = d[np.arange(d.shape[0]), first]
        wrong = ~nz.any(axis=1) | (lead < 0)
        if wrong.any():
            i = int(np.argmax(wrong)) + 1
            if nz[i - 1].any():
                raise op_error(InvalidArgumentError, op_name, f"indices[{i}] = {fmt(idx[i])} is out of order. "
                               "Many sparse ops require sorted indices.\n    Use `tf.sparse.reorder` to create a "
                               "correctly ordered copy.\n\n")
            raise op_error(InvalidArgumentError, op_name, f"indices[{i}] = {fmt(idx[i])} is repeated")


@tf_export("sparse.to_dense")
def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor of sp_input: its values at its indices, default_value (0) elsewhere."""
    sp = check_sparse(sp_input)
    dtype = sp.dtype
    shape = host(sp.dense_shape)
    _check_indices("SparseToDense", host(sp.indices), shape, validate_indices)
    default = convert_to_tensor(("" if dtype is _dt.string else 0) if default_value is None else default_value, dtype)
    if dtype is _dt.string:  # strings live on the host: built there directly
        out = np.full(tuple(shape), host(default).item(), object)
        out[tuple(host(sp.indices).T)] = host(sp.values)
        return convert_to_tensor(out, dtype)
    base = array_ops.fill([int(d) for d in shape], default)
    if not shape.size:
        return base if sp.values.shape[0] == 0 else array_ops.reshape(sp.values[-1], [])
    return scatter_ops.tensor_scatter_nd_update(base, sp.indices, sp.values)


@tf_export("sparse.from_dense")
def from_dense(tensor_, name=None):
    """The SparseTensor of a dense tensor's nonzero entries, in row-major order (NaN counts as nonzero)."""
    t = tensor(tensor_)
    zero = convert_to_tensor("" if t.dtype is _dt.string else 0, t.dtype)
    indices = array_ops.where(M.not_equal(t, zero))
    values = scatter_ops.gather_nd(t, indices)
    return SparseTensor(indices, values, array_ops.shape(t, out_type=_i64))


# ---- add ----
def _merge(a, b):
    """TF's SparseAdd merge of two index lists (each assumed sorted): (index rows, source in a or -1,
    source in b or -1) of the output entries in the merge order."""
    na, nb = a.shape[0], b.shape[0]
    if is_sorted_unique(a) and is_sorted_unique(b):
        both = np.concatenate([a, b])
        src = np.concatenate([np.arange(na), np.arange(nb)])
        from_b = np.concatenate([np.zeros(na, bool), np.ones(nb, bool)])
        o = np.lexsort(np.concatenate([from_b[None], both.T[::-1]]))
        both, src, from_b = both[o], src[o], from_b[o]
        pair = np.zeros(len(o), bool)
        if len(o) > 1:
            pair[:-1] = (both[1:] == both[:-1]).all(axis=1) & ~from_b[:-1] & from_b[1:]
        keep = ~np.concatenate([[False], pair[:-1]])
        sa = np.where(from_b, -1, src)
        sb = np.where(from_b, src, -1)
        sb[:-1] = np.where(pair[:-1], sb[1:], sb[:-1])
        return both[keep], sa[keep], sb[keep]
    rows, sa, sb = [], [], []
    i = j = 0
    ta, tb = [tuple(r) for r in a.tolist()], [tuple(r) for r in b.tolist()]
    while i < na and j < nb:
        if ta[i] < tb[j]:
            rows.append(ta[i]), sa.append(i), sb.append(-1)
            i += 1
        elif ta[i] > tb[j]:
            rows.append(tb[j]), sa.append(-1), sb.append(j)
            j += 1
        else:
            rows.append(ta[i]), sa.append(i), sb.append(j)
            i, j = i + 1, j + 1
    for k in range(i, na):
        rows.append(ta[k]), sa.append(k), sb.append(-1)
    for k in range(j, nb):
        rows.append(tb[k]), sa.append(-1), sb.append(k)
    return np.array(rows, np.int64).reshape(-1, a.shape[1]), np.array(sa, np.int64), np.array(sb, np.int64)


def _spread(values, src):
    """values[src] where src >= 0, zeros where it is -1 (differentiable in values)."""
    keep = src >= 0
    if not keep.any():
        return array_ops.zeros([src.size], values.dtype)
    got = take(values, np.where(keep, src, 0))
    if keep.all():
        return got
    return array_ops.where(convert_to_tensor(keep), got, array_ops.zeros_like(got))


def _add_sparse(a, b, threshold):
    if a.dtype is not b.dtype:
        raise op_error(InvalidArgumentError, "SparseAdd", dtype_error("SparseAdd", 4, a.dtype, b.dtype))
    ia, ib = host(a.indices), host(b.indices)
    sa_, sb_ = host(a.dense_shape), host(b.dense_shape)
    if ia.shape[1] != ib.shape[1]:
        raise op_error(InvalidArgumentError, "SparseAdd",
                       f"Input indices must have the same dimension, got {ia.shape[1]} and {ib.shape[1]}")
    for d, (x, y) in enumerate(zip(sa_, sb_)):
        if x != y:
            raise op_error(InvalidArgumentError, "SparseAdd",
                           f"Operands' shapes do not match: got {x} and {y} for dimension {d}")
    rows, src_a, src_b = _merge(ia, ib)
    values = M.add(_spread(a.values, src_a), _spread(b.values, src_b))
    matched = (src_a >= 0) & (src_b >= 0)
    if matched.any():
        thresh = host(tensor(threshold)) if isinstance(threshold, Tensor) else threshold
        with np.errstate(invalid="ignore"):
            drop = matched & ~(thresh <= np.abs(host(values)))
        if drop.any():
            keep = np.flatnonzero(~drop)
            rows, values = rows[keep], take(values, keep)
    return make(rows, values, sa_)


def _add_dense(sp, dense):
    d = tensor(dense)
    if d.dtype is not sp.dtype:
        raise op_error(InvalidArgumentError, "SparseTensorDenseAdd",
                       dtype_error("SparseTensorDenseAdd", 3, sp.dtype, d.dtype))
    shape, dshape = host(sp.dense_shape), d.shape.as_list()
    if len(shape) != len(dshape):
        raise op_error(InvalidArgumentError, "SparseTensorDenseAdd",
                       f"Two operands have different ranks; received: {len(shape)} and {len(dshape)}")
    for i, (x, y) in enumerate(zip(shape, dshape)):
        if x != y:
            raise op_error(InvalidArgumentError, "SparseTensorDenseAdd", f"Dimension {i} does not equal (no "
                           f"broadcasting is supported): sparse side {x} vs dense side {y}")
    return scatter_ops.tensor_scatter_nd_add(d, sp.indices, sp.values)


@tf_export("sparse.add")
def add(a, b, threshold=0):
    """sparse + sparse (a SparseTensor; matched sums below `threshold` in magnitude dropped) or sparse + dense
    (a dense Tensor)."""
    sa, sb = isinstance(a, SparseTensor), isinstance(b, SparseTensor)
    if sa and sb:
        return _add_sparse(a, b, threshold)
    if sa:
        return _add_dense(a, b)
    if sb:
        return _add_dense(b, a)
    raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add()?")


# ---- sparse_dense_matmul ----
def _g_matmul(e, dy):
    rows, cols, values, b = e.inputs
    dv = M.reduce_sum(M.multiply(array_ops.gather(dy, rows), array_ops.gather(b, cols)), axis=1)
    db = apply(_matmul_op, (cols, rows, values, dy), dy.dtype, {"n": b.shape[0]})
    return None, None, dv, db


_matmul_op = defop("SparseTensorDenseMatMul",
                   lambda be, rows, cols, values, b, n: be.sparse_dense_matmul(rows, cols, values, b, n), _g_matmul)


def _adjoint(t):
    t = array_ops.transpose(t)
    return M.conj(t) if t.dtype.is_complex else t


@tf_export("sparse.sparse_dense_matmul")
def sparse_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """sp_a @ b for a rank-2 SparseTensor and a dense matrix (or dense @ sparse), never densifying the sparse
    operand: a gather of b's rows and a sum per output row."""
    if isinstance(b, SparseTensor) and not isinstance(sp_a, SparseTensor):
        out = sparse_dense_matmul(b, sp_a, adjoint_a=not adjoint_b, adjoint_b=not adjoint_a)
        return _adjoint(out)
    sp = check_sparse(sp_a)
    b = tensor(b)
    if b.dtype is not sp.dtype:
        raise op_error(InvalidArgumentError, "SparseTensorDenseMatMul",
                       dtype_error("SparseTensorDenseMatMul", 3, sp.dtype, b.dtype))
    idx, shape = host(sp.indices), host(sp.dense_shape)
    if len(shape) != 2 or b.shape.rank != 2:
        raise op_error(InvalidArgumentError, "SparseTensorDenseMatMul",
                       "Tensor 'a_shape' is not a vector of length 2 or 'b' is not a matrix")
    rows, cols = (idx[:, 1], idx[:, 0]) if adjoint_a else (idx[:, 0], idx[:, 1])
    n, k = (shape[1], shape[0]) if adjoint_a else (shape[0], shape[1])
    values = M.conj(sp.values) if adjoint_a and sp.dtype.is_complex else sp.values
    if adjoint_b:
        b = _adjoint(b)
    bk, bm = b.shape.as_list()
    if bk != k:
        raise op_error(InvalidArgumentError, "SparseTensorDenseMatMul",
                       f"Cannot multiply A and B because inner dimension does not match: {k} vs. {bk}.  Did you "
                       f"forget a transpose?  Dimensions of A: [{n}, {k}).  Dimensions of B: [{bk},{bm}]")
    return apply(_matmul_op, (int_tensor(rows), int_tensor(cols), values, b), sp.dtype, {"n": int(n)})


# ---- elementwise with dense operands (SparseTensor's * and /) ----
def _dense_at(sp, dense, op_name):
    """The dense operand's entries at the sparse indices, broadcasting dense to the sparse shape only."""
    shape = host(sp.dense_shape)
    ds = dense.shape.as_list()
    r = len(shape)
    ok = len(ds) <= r and all(d in (1, s) for d, s in zip(ds, shape[r - len(ds):]))
    if not ok:
        raise op_error(InvalidArgumentError, op_name, f"SparseDenseBinaryOpShared broadcasts dense to sparse "
                       f"only; got incompatible shapes: {fmt(shape)} vs. {fmt(ds)}")
    if not ds:
        return array_ops.fill([sp.values.shape[0]], dense)
    idx = host(sp.indices)[:, r - len(ds):] * (np.asarray(ds) != 1)
    return scatter_ops.gather_nd(dense, int_tensor(idx))


def cwise_mul(sp, other):
    d = convert_to_tensor(other, sp.dtype) if not isinstance(other, Tensor) else tensor(other)
    if d.dtype is not sp.dtype:
        raise op_error(InvalidArgumentError, "SparseDenseCwiseMul",
                       dtype_error("SparseDenseCwiseMul", 3, sp.dtype, d.dtype))
    return sp.with_values(M.multiply(sp.values, _dense_at(sp, d, "SparseDenseCwiseMul")))


def cwise_div(sp, other):
    d = convert_to_tensor(other, sp.dtype) if not isinstance(other, Tensor) else tensor(other)
    if d.dtype is not sp.dtype:
        raise op_error(InvalidArgumentError, "SparseDenseCwiseDiv",
                       dtype_error("SparseDenseCwiseDiv", 3, sp.dtype, d.dtype))
    at = _dense_at(sp, d, "SparseDenseCwiseDiv")
    if (host(d) == 0).any():
        raise op_error(InvalidArgumentError, "SparseDenseCwiseDiv", "SparseDenseCwiseDiv cannot divide by zero,"
                       "but input dense tensor contains zero ")
    return sp.with_values(M.truediv(sp.values, at))
