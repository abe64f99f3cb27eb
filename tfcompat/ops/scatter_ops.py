"""gather_nd, scatter_nd and tensor_scatter_nd_*, one_hot, searchsorted, sequence_mask: index-addressed ops."""
from ..graph.runtime import value_dependent
import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_like, convert_to_tensor
from ..framework.errors import InvalidArgumentError, NotFoundError, op_error
from ..framework.op import NOT_DIFFERENTIABLE, apply, defop
from ..framework.tensor import Tensor
from ..util.export import tf_export
from .common import check_dtype, shape_of, static_int, tensor

_IDX = frozenset({_dt.int16, _dt.int32, _dt.int64})
_ONE_HOT_IDX = frozenset({_dt.uint8, _dt.int8, _dt.int32, _dt.int64})


def _fmt(shape):
    return "[" + ",".join(map(str, shape)) + "]"


def _indices(x, op_name, allowed=_IDX):
    idx = tensor(x)
    if idx._dtype not in allowed:
        check_dtype(idx, allowed, op_name, "Tindices")
    return idx


def _first_bad(idx, bound):
    """Position (a tuple) and coordinates of the first index row outside `bound`, or None."""
    arr = idx._numpy()
    if arr.size == 0:
        return None
    rows = arr.reshape(-1, arr.shape[-1])
    bad = np.nonzero(((rows < 0) | (rows >= np.asarray(bound, np.int64))).any(-1))[0]
    if not bad.size:
        return None
    i = int(bad[0])
    return np.unravel_index(i, arr.shape[:-1]), [int(v) for v in rows[i]]


def _repr(dtype):
    """A dtype as TF's str() of a DType prints it."""
    return f"<dtype: '{dtype.name}'>"


def _pos(p):
    return ", ".join(map(str, p)) if len(p) != 1 else str(p[0])


# ---- gather_nd ----
def _g_gather_nd(e, dy):
    params, idx = e.inputs
    return scatter_nd(idx, dy, list(shape_of(params))), None


_gather_nd_op = defop("GatherNd", lambda b, x, i: b.gather_nd(x, i), _g_gather_nd)


def _batch_coords(idx, batch_shape):
    """`idx` (shape batch + inner + [d]) with each element's batch coordinates prepended to its last axis."""
    from .array_ops import cast, concat
    s = shape_of(idx)
    nb = len(batch_shape)
    grids = np.indices(batch_shape, dtype=idx._dtype.as_numpy_dtype)  # (nb,) + batch
    grids = np.moveaxis(grids, 0, -1).reshape(tuple(batch_shape) + (1,) * (len(s) - 1 - nb) + (nb,))
    coords = np.broadcast_to(grids, s[:-1] + (nb,))
    return concat([cast(convert_to_tensor(np.ascontiguousarray(coords)), idx._dtype), idx], -1)


@tf_export("gather_nd")
@value_dependent("GatherNd")
def gather_nd(params, indices, batch_dims=0, name=None):
    """`tf.gather_nd`: slices of params addressed by the last axis of indices, after `batch_dims` shared axes."""
    p = tensor(params)
    idx = _indices(indices, "GatherNd")
    ps, s = shape_of(p), shape_of(idx)
    if not s:
        raise op_error(InvalidArgumentError, "GatherNd", "indices must be at least a vector")
    b = static_int(batch_dims)
    if b:
        for i in range(b):
            if ps[i] != s[i]:
                raise op_error(InvalidArgumentError, "GatherNd", f"Batch dimensions of params and indices "
                               f"must match: {ps[i]} vs. {s[i]}")
        idx = _batch_coords(idx, ps[:b])
        s = shape_of(idx)
    d = s[-1]
    if d > len(ps):
        raise op_error(InvalidArgumentError, "GatherNd", "index innermost dimension length must be <= params "
                       f"rank; saw: {d} vs. {len(ps)}")
    bad = _first_bad(idx, ps[:d])
    if bad is not None:
        raise op_error(InvalidArgumentError, "GatherNd", f"indices[{_pos(bad[0])}] = [{', '.join(map(str, bad[1]))}]"
                       f" does not index into param shape {_fmt(ps)}, node name: GatherNd")
    out = apply(_gather_nd_op, (p, idx), p._dtype)
    if b:
        from .array_ops import reshape
        out = reshape(out, list(s[:-1]) + list(ps[d:]))
    return out


# ---- scatter ----
def _g_scatter(mode):
    def grad(e, dy):
        from .array_ops import zeros_like
        from .math_ops import negative
        x, idx, upd = e.inputs
        if mode == "update":
            return tensor_scatter_nd_update(dy, idx, zeros_like(upd)), None, gather_nd(dy, idx)
        if mode == "add":
            return dy, None, gather_nd(dy, idx)
        if mode == "sub":
            return dy, None, negative(gather_nd(dy, idx))
        return _g_scatter_extreme(e, dy)
    return grad


def _g_scatter_extreme(e, dy):
    """TF's TensorScatterMax/Min gradient: dy shared evenly among the tensor entry and updates that won."""
    from .array_ops import cast
    from .math_ops import add, divide, equal, multiply
    x, idx, upd = e.inputs
    out = e.output
    x_hit = cast(equal(x, out), dy._dtype)
    u_hit = cast(equal(upd, gather_nd(out, idx)), dy._dtype)
    count = add(x_hit, scatter_nd(idx, u_hit, list(shape_of(x))))
    share = divide(dy, count)
    return multiply(share, x_hit), None, multiply(gather_nd(share, idx), u_hit)


def _scatter_fwd(mode):
    kernel_mode = "add" if mode == "sub" else mode
    if mode == "sub":
        return lambda b, x, i, u: b.tensor_scatter(x, i, b.neg(u), kernel_mode)
    return lambda b, x, i, u: b.tensor_scatter(x, i, u, kernel_mode)


_SCATTER = {m: defop(n, _scatter_fwd(m), _g_scatter(m)) for m, n in (
    ("update", "TensorScatterUpdate"), ("add", "TensorScatterAdd"), ("sub", "TensorScatterSub"),
    ("max", "TensorScatterMax"), ("min", "TensorScatterMin"))}


def _check_scatter(op_name, idx, upd, shape, what):
    s, us = shape_of(idx), shape_of(upd)
    if not s:
        raise op_error(InvalidArgumentError, op_name, "Indices shape must have rank at least one. Found:[]")
    d = s[-1]
    if d > len(shape):
        raise op_error(InvalidArgumentError, op_name, f"Index innermost dimension length must be <= {what} rank; "
                       f"saw: {d} vs. {len(shape)}")
    want = s[:-1] + tuple(shape[d:])
    if us != want:
        if us[:len(s) - 1] != s[:-1]:
            if op_name == "ScatterNd":
                raise op_error(InvalidArgumentError, op_name, f"Dimensions [0,{len(s) - 1}) of indices[shape="
                               f"{_fmt(s)}] must match dimensions [0,{len(s) - 1}) of updates[shape={_fmt(us)}]")
            raise op_error(InvalidArgumentError, op_name, f"Outer dimensions of indices and update must match. "
                           f"Indices shape: {_fmt(s)}, updates shape:{_fmt(us)}")
        raise op_error(InvalidArgumentError, op_name, f"Inner dimensions of output shape must match inner "
                       f"dimensions of updates shape. Output: {_fmt(shape)} updates: {_fmt(us)}")
    bad = _first_bad(idx, shape[:d])
    if bad is not None:
        raise op_error(InvalidArgumentError, op_name, f"indices[{_pos(bad[0])}] = [{', '.join(map(str, bad[1]))}] "
                       f"does not index into shape {_fmt(shape)}")


def _tensor_scatter(mode, op_name):
    def fn(tensor_, indices, updates, name=None):
        t = tensor(tensor_)
        idx = _indices(indices, op_name)
        u = convert_like(updates, t._dtype) if not isinstance(updates, Tensor) else tensor(updates)
        if u._dtype is not t._dtype:
            from ..framework.convert import dtype_error
            raise op_error(InvalidArgumentError, op_name, dtype_error(op_name, 2, t._dtype, u._dtype))
        _check_scatter(op_name, idx, u, shape_of(t), "params")
        return apply(_SCATTER[mode], (t, idx, u), t._dtype)
    fn.__name__ = f"tensor_scatter_nd_{mode}"
    fn.__doc__ = f"`tf.tensor_scatter_nd_{mode}`: a copy of tensor with updates combined at indices ({op_name})."
    return fn


tensor_scatter_nd_update = tf_export("tensor_scatter_nd_update")(_tensor_scatter("update", "TensorScatterUpdate"))
tensor_scatter_nd_add = tf_export("tensor_scatter_nd_add")(_tensor_scatter("add", "TensorScatterAdd"))
tensor_scatter_nd_sub = tf_export("tensor_scatter_nd_sub")(_tensor_scatter("sub", "TensorScatterSub"))
tensor_scatter_nd_max = tf_export("tensor_scatter_nd_max")(_tensor_scatter("max", "TensorScatterMax"))
tensor_scatter_nd_min = tf_export("tensor_scatter_nd_min")(_tensor_scatter("min", "TensorScatterMin"))


@tf_export("scatter_nd")
@value_dependent("ScatterNd")
def scatter_nd(indices, updates, shape, name=None):
    """`tf.scatter_nd`: zeros of `shape` with `updates` summed in at `indices`."""
    from .array_ops import zeros
    from .common import static_list
    idx = _indices(indices, "ScatterNd")
    u = tensor(updates)
    dims = tuple(static_list(shape))
    _check_scatter("ScatterNd", idx, u, dims, "output")
    return apply(_SCATTER["add"], (zeros(dims, u._dtype), idx, u), u._dtype)


# ---- one_hot ----
_one_hot_op = defop("OneHot", lambda b, i, on, off, depth, axis: b.one_hot(i, on, off, depth, axis),
                    NOT_DIFFERENTIABLE)


@tf_export("one_hot")
@value_dependent("OneHot")
def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """`tf.one_hot`: on_value at each index along a new axis of size depth, off_value elsewhere."""
    from ..framework.convert import convert_hinted
    if dtype is not None:
        dtype = _dt.as_dtype(dtype)
    on = off = None
    if on_value is not None:
        on = convert_hinted(on_value, dtype) if dtype is not None else tensor(on_value)
    if off_value is not None:
        off = convert_hinted(off_value, dtype) if dtype is not None else tensor(off_value)
    if on is not None or off is not None:
        if dtype is not None:
            for v, what in ((on, "on_value"), (off, "off_value")):
                if v is not None and v._dtype is not dtype:
                    raise TypeError(f"dtype {_repr(v._dtype)} of {what} does not match dtype parameter {_repr(dtype)}")
        else:
            dtype = (on if on is not None else off)._dtype
    elif dtype is None:
        dtype = _dt.float32
    on = on if on is not None else convert_to_tensor(1, dtype)
    off = off if off is not None else convert_to_tensor(0, dtype)
    if on._dtype is not off._dtype:
        raise TypeError(f"dtype {_repr(on._dtype)} of on_value does not match dtype {_repr(off._dtype)} of off_value")
    idx = tensor(indices)
    if idx._dtype not in _ONE_HOT_IDX:
        raise op_error(InvalidArgumentError, "OneHot", f"Value for attr 'TI' of {idx._dtype._cname} is not in the "
                       "list of allowed values: uint8, int8, int32, int64\n\t; NodeDef: {{node OneHot}}")
    depth = static_int(depth)
    if depth < 0:
        raise op_error(InvalidArgumentError, "OneHot", f"depth must be non-negative, got: {depth}")
    r = len(shape_of(idx))
    a = -1 if axis is None else static_int(axis)
    if a != -1 and not 0 <= a <= r:
        raise op_error(InvalidArgumentError, "OneHot", f"Expected axis to be -1 or between [0, {r + 1}).  "
                       f"But received: {a}")
    if on.shape.rank or off.shape.rank:
        raise op_error(InvalidArgumentError, "OneHot", "on_value must be a scalar, but got: "
                       f"{_fmt(shape_of(on if on.shape.rank else off))}")
    return apply(_one_hot_op, (idx, on, off), dtype, {"depth": depth, "axis": r if a == -1 else a})


# ---- searchsorted, sequence_mask ----
_SEARCH = {side: defop(n, lambda b, s, v, right, out_type: b.searchsorted(s, v, right, out_type),
                       NOT_DIFFERENTIABLE) for side, n in (("left", "LowerBound"), ("right", "UpperBound"))}


@tf_export("searchsorted")
def searchsorted(sorted_sequence, values, side="left", out_type=_dt.int32, name=None):
    """`tf.searchsorted`: insertion points of values in each innermost row of sorted_sequence."""
    from ..framework.convert import dtype_error
    from .array_ops import reshape
    if side not in ("left", "right"):
        raise ValueError(f"Argument `side` must be either 'right' or 'left'. Received: `side` = '{side}'.")
    op_name = "LowerBound" if side == "left" else "UpperBound"
    s = tensor(sorted_sequence)
    v = tensor(values)
    ss, vs = shape_of(s), shape_of(v)
    for t, sh in ((s, ss), (v, vs)):
        if not sh:  # TF's python wrapper slices shape[-1] of each operand first
            raise op_error(InvalidArgumentError, "StridedSlice", "slice index -1 of dimension 0 out of bounds.")
    if v._dtype is not s._dtype:
        raise op_error(InvalidArgumentError, op_name, dtype_error(op_name, 1, s._dtype, v._dtype))
    out_type = _dt.as_dtype(out_type)
    if out_type not in (_dt.int32, _dt.int64):
        check_dtype(convert_to_tensor(0, out_type), {_dt.int32, _dt.int64}, op_name, "out_type")
    if s._dtype is _dt.bool_:
        raise op_error(NotFoundError, op_name, f"Could not find device for node: {{{{node {op_name}}}}} = "
                       f"{op_name}[T=DT_BOOL, out_type=DT_{out_type.name.upper()}]")
    check_dtype(s, frozenset(_dt.REAL), op_name)
    s2 = reshape(s, [-1, ss[-1]])
    v2 = reshape(v, [-1, vs[-1]])
    if shape_of(s2)[0] != shape_of(v2)[0]:
        raise op_error(InvalidArgumentError, op_name, "Leading dim_size of both tensors must match.")
    out = apply(_SEARCH[side], (s2, v2), out_type, {"right": side == "right", "out_type": out_type.name})
    return reshape(out, list(vs))


@tf_export("sequence_mask")
def sequence_mask(lengths, maxlen=None, dtype=_dt.bool_, name=None):
    """`tf.sequence_mask`: mask[..., j] = j < lengths[...] for j in range(maxlen)."""
    from .array_ops import cast, expand_dims, range as range_
    from .math_ops import less, maximum, reduce_max
    n = tensor(lengths)
    if maxlen is None:
        m = maximum(convert_to_tensor(0, n._dtype), reduce_max(n))
    else:
        m = tensor(maxlen)
        if m.shape.rank:
            raise ValueError(f"Argument `maxlen` must be scalar for sequence_mask, received `maxlen` = "
                             f"{maxlen} with shape '{tuple(shape_of(m))}' instead")
    row = range_(convert_to_tensor(0, m._dtype), m)
    return cast(less(row, cast(expand_dims(n, -1), m._dtype)), dtype)
