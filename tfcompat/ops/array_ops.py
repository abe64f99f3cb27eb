"""Creation, casting, shape manipulation, indexing and selection ops, with their gradients."""
from ..graph.runtime import shape_tensor, value_dependent
from ..graph.symbolic import SymbolicTensor
import builtins

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx, current_device, local
from ..framework.convert import convert_like, convert_to_tensor, dtype_error
from ..framework.errors import InvalidArgumentError, UnimplementedError, op_error
from ..framework.op import NOT_DIFFERENTIABLE, apply, defop
from ..framework.tensor import EagerTensor, Tensor
from ..framework.tensor_shape import TensorShape
from ..util.export import tf_export
from .common import ALL, shape_of, static_int, static_list, tensor

_i32, _i64, _f32 = _dt.int32, _dt.int64, _dt.float32
newaxis = None


# ---- creation ----
def _shape_arg(shape):
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    dims = static_list(shape)
    for d in dims:
        if d < 0:
            raise op_error(InvalidArgumentError, "Fill", f"Dimension {d} must be >= 0")
    return tuple(dims)


def _full(shape, value, dtype):
    if dtype is _dt.string:
        return EagerTensor(np.full(shape, value if isinstance(value, bytes) else str(value).encode(), object), dtype)
    return EagerTensor(ctx.backend.full(shape, value, dtype.name, current_device()), dtype)


@value_dependent("Zeros")
def zeros(shape, dtype=_f32, name=None, layout=None):
    dtype = _dt.as_dtype(dtype)
    return _full(_shape_arg(shape), b"" if dtype is _dt.string else (False if dtype.is_bool else 0), dtype)


@value_dependent("Ones")
def ones(shape, dtype=_f32, name=None, layout=None):
    dtype = _dt.as_dtype(dtype)
    if dtype is _dt.string:
        raise TypeError("Cannot convert 1 to EagerTensor of dtype string")
    return _full(_shape_arg(shape), True if dtype.is_bool else 1, dtype)


def zeros_like(input, dtype=None, name=None, layout=None):
    t = tensor(input)
    return zeros(shape_of(t), dtype or t._dtype)


def ones_like(input, dtype=None, name=None, layout=None):
    t = tensor(input)
    return ones(shape_of(t), dtype or t._dtype)


@value_dependent("Fill")
def fill(dims, value, name=None, layout=None):
    d = tensor(dims)
    if d._dtype not in (_i32, _i64):
        from .common import check_dtype
        check_dtype(d, {_i32, _i64}, "Fill", "index_type")
    if d.shape.rank != 1:
        raise op_error(InvalidArgumentError, "Fill", f"dims must represent a vector, got shape "
                       f"[{','.join(map(str, shape_of(d)))}]")
    v = tensor(value)
    if v.shape.rank != 0:
        raise op_error(InvalidArgumentError, "Fill", f"value must represent a scalar, got shape "
                       f"[{','.join(map(str, shape_of(v)))}]")
    return _full(_shape_arg(d), v._numpy()[()] if v._dtype is _dt.string else v._numpy().item(), v._dtype)


@tf_export("eye", "linalg.eye")
@value_dependent("Eye")
def eye(num_rows, num_columns=None, batch_shape=None, dtype=_f32, name=None):
    dtype = _dt.as_dtype(dtype)
    n = static_int(num_rows)
    m = n if num_columns is None else static_int(num_columns)
    for d in (n, m):
        if d < 0:
            raise op_error(InvalidArgumentError, "Fill", f"Dimension {d} must be >= 0")
    out = EagerTensor(ctx.backend.eye(n, m, dtype.name, current_device()), dtype)
    if batch_shape is not None:
        b = list(static_list(batch_shape))
        out = broadcast_to(out, b + [n, m])
    return out


_RANGE = frozenset(_dt.as_dtype(n) for n in ("bfloat16", "float16", "float32", "float64", "int8", "int16", "int32",
                                               "int64", "uint16", "uint32", "uint64"))


@value_dependent("Range")
def range(start, limit=None, delta=1, dtype=None, name="range"):
    """`tf.range`: ints give int32, any float gives float32 (or `dtype`)."""
    if limit is None:
        start, limit = 0, start
    vals = [v._numpy().item() if isinstance(v, Tensor) else v for v in (start, limit, delta)]
    if dtype is None:
        kinds = [tensor(v)._dtype if isinstance(v, Tensor) else None for v in (start, limit, delta)]
        given = [k for k in kinds if k is not None]
        if given:
            order = [_dt.int32, _dt.int64, _dt.float32, _dt.float64]
            dtype = max(given, key=lambda d: order.index(d) if d in order else 0)
            if builtins.any(isinstance(v, float) for v in vals) and not dtype.is_floating:
                dtype = _f32
        else:
            dtype = _f32 if builtins.any(isinstance(v, float) for v in vals) else _i32
    else:
        dtype = _dt.as_dtype(dtype)
        for v in (start, limit, delta):
            if not isinstance(v, Tensor):
                convert_like(v, dtype)  # TF converts each bound to `dtype` strictly (TypeError for 1.5 -> int)
    dtype = _dt.as_dtype(dtype)
    if dtype not in _RANGE:
        from .common import check_dtype
        check_dtype(EagerTensor(ctx.backend.full((), 0, dtype.name), dtype), _RANGE, "Range", "Tidx")
    if vals[2] == 0:
        raise op_error(InvalidArgumentError, "Range", f"Requires delta != 0: {vals[2]}")
    if (vals[2] > 0 and vals[0] > vals[1]) or (vals[2] < 0 and vals[0] < vals[1]):
        raise op_error(InvalidArgumentError, "Range",
                       f"Requires start <= limit when delta > 0: {vals[0]}/{vals[1]}" if vals[2] > 0 else
                       f"Requires start >= limit when delta < 0: {vals[0]}/{vals[1]}")
    return EagerTensor(ctx.backend.arange(vals[0], vals[1], vals[2], dtype.name, current_device()), dtype)


@value_dependent("LinSpace")
def linspace(start, stop, num, name=None, axis=0):
    """`tf.linspace`: num points from start to stop (broadcast against each other) along a new `axis`,
    composed of ops as TF's linspace_nd is (so it is differentiable in start and stop)."""
    from .math_ops import add, multiply, subtract, truediv
    s = tensor(start)
    e = convert_like(stop, s._dtype) if not isinstance(stop, Tensor) else tensor(stop, s._dtype)
    if not (s._dtype.is_integer or s._dtype.is_floating):
        raise op_error(InvalidArgumentError, "LinSpace", f"Value for attr 'T' of {s._dtype._cname} is not in "
                       "the list of allowed values: bfloat16, half, float, double")
    n = static_int(num)
    if n < 0:
        raise op_error(InvalidArgumentError, "Range", "Requires start <= limit when delta > 0: 1/-1")
    dims = broadcast_dynamic_shape(shape(s), shape(e))._numpy().tolist()
    s, e = expand_dims(broadcast_to(s, dims), axis), expand_dims(broadcast_to(e, dims), axis)
    a = static_int(axis) % len(shape_of(s))
    steps = builtins.max(n - 1, 1)
    delta = truediv(subtract(e, s), cast(steps, e._dtype))
    s, e = cast(s, delta._dtype), cast(e, delta._dtype)
    fill_shape = [1] * len(shape_of(s))
    fill_shape[a] = builtins.max(n - 2, 0)
    inner = reshape(cast(range(1, steps, dtype=_i64), delta._dtype), fill_shape)
    out = concat([s, add(s, multiply(delta, inner)), e], a)
    return out[(slice(None),) * a + (slice(0, n),)]


# ---- identity, cast ----
_identity_op = defop("Identity", lambda b, x: x, lambda e, dy: dy)
_stop_op = defop("StopGradient", lambda b, x: x, NOT_DIFFERENTIABLE)


def identity(input, name=None):
    t = tensor(input)
    return apply(_identity_op, (t,), t._dtype)


@tf_export("identity_n")
@value_dependent("IdentityN")
def identity_n(input, name=None):
    """`tf.identity_n`: an identity of each tensor of a list (a tensor counts as the list of its rows)."""
    return [identity(t) for t in (unstack(input) if isinstance(input, Tensor) else input)]


def stop_gradient(input, name=None):
    t = tensor(input)
    return apply(_stop_op, (t,), t._dtype)


_BITCAST = frozenset(_dt.as_dtype(n) for n in (
    "bfloat16", "float16", "float32", "float64", "int64", "int32", "uint8", "uint16", "uint32", "uint64", "int8",
    "int16", "complex64", "complex128"))
_BITCAST_NAMES = ("bfloat16, half, float, double, int64, int32, uint8, uint16, uint32, uint64, int8, int16, "
                  "complex64, complex128, qint8, quint8, qint16, quint16, qint32")
_bitcast_op = defop("Bitcast", lambda b, x, dtype: b.bitcast(x, dtype), NOT_DIFFERENTIABLE)


@tf_export("bitcast")
def bitcast(input, type, name=None):  # noqa: A002 (TF's names)
    """`tf.bitcast`: the same bytes as another dtype; sizes change the last axis."""
    t = tensor(input)
    dtype = _dt.as_dtype(type)
    for d, attr in ((t._dtype, "T"), (dtype, "type")):
        if d not in _BITCAST:
            raise op_error(InvalidArgumentError, "Bitcast", f"Value for attr '{attr}' of {d._cname} is not in the "
                           f"list of allowed values: {_BITCAST_NAMES}")
    src, dst = t._dtype.size, dtype.size
    s = shape_of(t)
    if dst > src and (not s or s[-1] * src != dst):
        raise op_error(InvalidArgumentError, "Bitcast", f"Cannot bitcast from {t._dtype.as_datatype_enum} to "
                       f"{dtype.as_datatype_enum}")
    return apply(_bitcast_op, (t,), dtype, {"dtype": dtype.name})


def _g_cast(e, dy):
    src = e.inputs[0]._dtype
    if (src.is_floating or src.is_complex) and (dy._dtype.is_floating or dy._dtype.is_complex):
        return cast(dy, src)
    return None


_cast_op = defop("Cast", lambda b, x, dtype: b.cast(x, dtype), _g_cast)


def cast(x, dtype, name=None):
    """`tf.cast`: truncates floats toward zero, wraps ints; returns `x` itself when the dtype matches."""
    dtype = _dt.as_dtype(dtype)
    t = tensor(x)
    if t._dtype is dtype:
        return t
    if t._dtype is _dt.string or dtype is _dt.string:
        raise op_error(UnimplementedError, "Cast", f"Cast {t._dtype.name} to {dtype.name} is not supported")
    return apply(_cast_op, (t,), dtype, {"dtype": dtype.name})


def saturate_cast(value, dtype, name=None):
    from . import math_ops
    dtype = _dt.as_dtype(dtype)
    t = tensor(value)
    if not t._dtype.is_complex and (dtype.is_integer or dtype.is_floating):
        lo, hi = dtype.min, dtype.max
        if t._dtype.min < lo:
            t = math_ops.maximum(t, cast(convert_to_tensor(lo, _dt.float64), t._dtype))
        if t._dtype.max > hi:
            t = math_ops.minimum(t, cast(convert_to_tensor(hi, _dt.float64), t._dtype))
    return cast(t, dtype)


# ---- shapes ----
def shape(input, out_type=_i32, name=None):
    t = tensor(input)
    out_type = _dt.as_dtype(out_type)
    if type(t) is SymbolicTensor:
        return shape_tensor(t, "Shape", out_type)
    return EagerTensor(ctx.backend.from_numpy(np.array(shape_of(t), out_type.as_numpy_dtype)), out_type)


def shape_n(input, out_type=_i32, name=None):
    """`tf.shape_n`: the shapes of several tensors (TF's ShapeN wants them all of one dtype)."""
    ts = [tensor(t) for t in input]
    out_type = _dt.as_dtype(out_type)
    if out_type not in (_i32, _i64):
        from .common import check_dtype
        check_dtype(convert_to_tensor(0, out_type), {_i32, _i64}, "ShapeN", "out_type")
    if not ts:
        raise op_error(InvalidArgumentError, "ShapeN", "Value for attr 'N' of 0 must be at least minimum 1")
    for i, t in enumerate(ts[1:], 1):
        if t._dtype is not ts[0]._dtype:
            raise op_error(InvalidArgumentError, "ShapeN", dtype_error("ShapeN", i, ts[0]._dtype, t._dtype))
    return [shape(t, out_type) for t in ts]


@tf_export("ensure_shape")
def ensure_shape(x, shape, name=None):
    """`tf.ensure_shape`: x itself (an identity) when its shape is compatible with `shape`."""
    t = tensor(x)
    want = TensorShape(shape)
    if not want.is_compatible_with(TensorShape(shape_of(t))):
        raise op_error(InvalidArgumentError, "EnsureShape", f"Shape of tensor input [{','.join(map(str, shape_of(t)))}"
                       f"] is not compatible with expected shape {_fmt_partial(want)}.")
    return identity(t)


def _fmt_partial(shape):
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


@tf_export("broadcast_dynamic_shape")
@value_dependent("BroadcastArgs")
def broadcast_dynamic_shape(shape_x, shape_y):
    """`tf.broadcast_dynamic_shape`: the broadcast of two shape vectors, as a tensor of their dtype."""
    from .common import broadcast_shapes
    x, y = tensor(shape_x), tensor(shape_y)
    if y._dtype is not x._dtype:
        raise op_error(InvalidArgumentError, "BroadcastArgs", dtype_error("BroadcastArgs", 1, x._dtype, y._dtype))
    out = broadcast_shapes("BroadcastArgs", tuple(static_list(x)), tuple(static_list(y)))
    return convert_to_tensor(np.array(out, x._dtype.as_numpy_dtype))


def size(input, out_type=_i32, name=None):
    t = tensor(input)
    if type(t) is SymbolicTensor:
        return shape_tensor(t, "Size", _dt.as_dtype(out_type))
    n = 1
    for d in shape_of(t):
        n *= d
    out_type = _dt.as_dtype(out_type)
    return EagerTensor(ctx.backend.from_numpy(np.array(n, out_type.as_numpy_dtype)), out_type)


def rank(input, name=None):
    t = tensor(input)
    if type(t) is SymbolicTensor:
        return shape_tensor(t, "Rank", _i32)
    return EagerTensor(ctx.backend.from_numpy(np.array(len(shape_of(t)), np.int32)), _i32)


_reshape_op = defop("Reshape", lambda b, x, shape: b.reshape(x, shape),
                    lambda e, dy: reshape(dy, list(shape_of(e.inputs[0]))))


@value_dependent("Reshape")
def reshape(tensor_, shape, name=None):
    t = tensor(tensor_)
    dims = static_list(shape)
    n = 1
    for d in shape_of(t):
        n *= d
    for i, d in enumerate(dims):
        if d < -1:
            raise op_error(InvalidArgumentError, "Reshape", f"Size {i} must be non-negative, not {d}")
    unknown = [i for i, d in enumerate(dims) if d == -1]
    if len(unknown) > 1:
        raise op_error(InvalidArgumentError, "Reshape",
                       f"Only one input size may be -1, not both {unknown[0]} and {unknown[1]}")
    known = 1
    for d in dims:
        if d != -1:
            known *= d
    if unknown:
        if known == 0 and n != 0:
            raise op_error(InvalidArgumentError, "Reshape",
                           f"Input to reshape is a tensor with {n} values, but the requested shape has 0")
        if known and n % known:
            raise op_error(InvalidArgumentError, "Reshape",
                           f"Input to reshape is a tensor with {n} values, but the requested shape "
                           f"requires a multiple of {known}")
        dims[unknown[0]] = n // known if known else _zero_size_infer(shape_of(t), dims)
    elif known != n:
        raise op_error(InvalidArgumentError, "Reshape",
                       f"Input to reshape is a tensor with {n} values, but the requested shape has {known}")
    dims = tuple(dims)
    if dims == shape_of(t):
        return identity(t)
    return apply(_reshape_op, (t,), t._dtype, {"shape": dims})


def _zero_size_infer(in_shape, dims):
    """TF's size for -1 when the requested shape has a zero: non-zero input dims over non-zero sizes."""
    nz_in = nz_out = 1
    for d in in_shape:
        nz_in *= d or 1
    for d in dims:
        if d > 0:
            nz_out *= d
    return nz_in // nz_out


def _g_transpose(e, dy):
    perm = e.attrs["perm"]
    inv = [0] * len(perm)
    for i, p in enumerate(perm):
        inv[p] = i
    return transpose(dy, inv)


_transpose_op = defop("Transpose", lambda b, x, perm: b.transpose(x, perm), _g_transpose)


@value_dependent("Transpose")
def transpose(a, perm=None, conjugate=False, name="transpose"):
    t = tensor(a)
    r = len(shape_of(t))
    perm = tuple(reversed(builtins.range(r))) if perm is None else tuple(p % r if r else p for p in static_list(perm))
    if sorted(perm) != list(builtins.range(r)):
        raise op_error(InvalidArgumentError, "Transpose",
                       f"transpose expects a vector of size {r}. But input(1) is a vector of size {len(perm)}")
    out = identity(t) if perm == tuple(builtins.range(r)) else apply(_transpose_op, (t,), t._dtype, {"perm": perm})
    if conjugate and t._dtype.is_complex:
        from .math_ops import conj
        out = conj(out)
    return out


@tf_export("linalg.matrix_transpose")
@value_dependent("Transpose")
def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    t = tensor(a)
    r = len(shape_of(t))
    return transpose(t, list(builtins.range(r - 2)) + [r - 1, r - 2], conjugate)


def _g_broadcast_to(e, dy):
    from .math_ops import unbroadcast
    return unbroadcast(dy, shape_of(e.inputs[0]))


_broadcast_op = defop("BroadcastTo", lambda b, x, shape: b.broadcast_to(x, shape), _g_broadcast_to)


@value_dependent("BroadcastTo")
def broadcast_to(input, shape, name=None):
    t = tensor(input)
    dims = tuple(static_list(shape))
    s = shape_of(t)
    ok = len(dims) >= len(s) and builtins.all(a == b or a == 1 for a, b in zip(reversed(s), reversed(dims)))
    if not ok:
        raise op_error(InvalidArgumentError, "BroadcastTo",
                       f"Incompatible shapes: [{','.join(map(str, s))}] vs. [{','.join(map(str, dims))}]")
    if dims == s:
        return identity(t)
    return apply(_broadcast_op, (t,), t._dtype, {"shape": dims})


def broadcast_static_shape(shape_x, shape_y):
    from .common import broadcast_shapes
    try:
        return TensorShape(broadcast_shapes("BroadcastArgs", tuple(shape_x.as_list()), tuple(shape_y.as_list())))
    except InvalidArgumentError:
        raise ValueError(f"Incompatible shapes for broadcasting: {shape_x} and {shape_y}") from None


@value_dependent("ExpandDims")
def expand_dims(input, axis, name=None):
    t = tensor(input)
    s = list(shape_of(t))
    ax = static_list(axis)
    if len(ax) != 1:
        raise op_error(InvalidArgumentError, "ExpandDims", "'dim' must be a tensor with a single value")
    a = ax[0]
    if not -len(s) - 1 <= a <= len(s):
        raise op_error(InvalidArgumentError, "ExpandDims",
                       f"Tried to expand dim index {a} for tensor with {len(s)} dimensions.")
    a = a % (len(s) + 1)
    return reshape(t, s[:a] + [1] + s[a:])


@value_dependent("Squeeze")
def squeeze(input, axis=None, name=None):
    t = tensor(input)
    s = shape_of(t)
    if axis is None:
        return reshape(t, [d for d in s if d != 1])
    axes = []
    for a in static_list(axis):
        if not -len(s) <= a < len(s):
            raise op_error(InvalidArgumentError, "Squeeze",
                           f"Tried to squeeze dim index {a} for tensor with {len(s)} dimensions.")
        axes.append(a % len(s))
    for a in axes:
        if s[a] != 1:
            raise op_error(InvalidArgumentError, "Squeeze",
                           f"Can not squeeze dim[{a}], expected a dimension of 1, got {s[a]}")
    return reshape(t, [d for i, d in enumerate(s) if i not in axes])


# ---- concat / stack ----
def _g_concat(e, dy):
    axis = e.attrs["axis"]
    sizes = [shape_of(x)[axis] for x in e.inputs]
    return split(dy, sizes, axis)


_concat_op = defop("ConcatV2", lambda b, *xs, axis: b.concat(xs, axis), _g_concat)


@value_dependent("ConcatV2")
def concat(values, axis, name="concat"):
    ts = [tensor(v) for v in values] if not isinstance(values, Tensor) else list(unstack(values))
    if not ts:
        raise ValueError("List argument 'values' to 'ConcatV2' Op with length 0 shorter than minimum length 1.")
    if len(ts) == 1:
        return identity(ts[0])
    for i, t in enumerate(ts[1:], 1):
        if t._dtype is not ts[0]._dtype:
            raise op_error(InvalidArgumentError, "ConcatV2", dtype_error("ConcatV2", i, ts[0]._dtype, t._dtype))
    r = len(shape_of(ts[0]))
    a = static_int(axis)
    if not -r <= a < r:
        raise op_error(InvalidArgumentError, "ConcatV2", f"ConcatOp : Expected concatenating dimensions in "
                       f"the range [{-r}, {r}), but got {a}")
    a %= r
    s0 = shape_of(ts[0])
    for i, t in enumerate(ts[1:], 1):
        s = shape_of(t)
        if len(s) != r:
            raise op_error(InvalidArgumentError, "ConcatV2", f"ConcatOp : Ranks of all input tensors should "
                           f"match: shape[0] = [{','.join(map(str, s0))}] vs. shape[{i}] = [{','.join(map(str, s))}]")
        for d in builtins.range(r):
            if d != a and s[d] != s0[d]:
                raise op_error(InvalidArgumentError, "ConcatV2",
                               f"ConcatOp : Dimension {d} in both shapes must be equal: shape[0] = "
                               f"[{','.join(map(str, s0))}] vs. shape[{i}] = [{','.join(map(str, s))}]")
    return apply(_concat_op, tuple(ts), ts[0]._dtype, {"axis": a})


def _g_stack(e, dy):
    return unstack(dy, axis=e.attrs["axis"])


_stack_op = defop("Pack", lambda b, *xs, axis: b.stack(xs, axis), _g_stack)


@value_dependent("Pack")
def stack(values, axis=0, name="stack"):
    ts = [tensor(v) for v in values]
    if not ts:
        raise ValueError("List argument 'values' to 'Pack' Op with length 0 shorter than minimum length 1.")
    for i, t in enumerate(ts[1:], 1):
        if t._dtype is not ts[0]._dtype:
            raise op_error(InvalidArgumentError, "Pack", dtype_error("Pack", i, ts[0]._dtype, t._dtype))
        if shape_of(t) != shape_of(ts[0]):
            raise op_error(InvalidArgumentError, "Pack", f"Shapes of all inputs must match: values[0].shape = "
                           f"[{','.join(map(str, shape_of(ts[0])))}] != values[{i}].shape = "
                           f"[{','.join(map(str, shape_of(t)))}]")
    r = len(shape_of(ts[0])) + 1
    a = static_int(axis)
    if not -r <= a < r:
        raise ValueError(f"Argument `axis` = {a} not in range [{-r}, {r})")
    return apply(_stack_op, tuple(ts), ts[0]._dtype, {"axis": a % r})


@value_dependent("Unpack")
def unstack(value, num=None, axis=0, name="unstack"):
    t = tensor(value)
    s = shape_of(t)
    a = static_int(axis)
    if not -len(s) <= a < len(s):
        raise ValueError(f"Argument `axis` = {a} not in range [{-len(s)}, {len(s)})")
    a %= len(s)
    if num is not None and num != s[a]:
        raise op_error(InvalidArgumentError, "Unpack", f"Input shape axis {a} must equal {num}, got shape "
                       f"[{','.join(map(str, s))}]")
    return [t[(slice(None),) * a + (i,)] for i in builtins.range(s[a])]


@value_dependent("Split")
def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """`tf.split`: a list of pieces, equal (an int) or of the given sizes (one may be -1)."""
    t = tensor(value)
    s = shape_of(t)
    a = static_int(axis)
    scalar = isinstance(num_or_size_splits, (int, np.integer)) or (
        isinstance(num_or_size_splits, Tensor) and num_or_size_splits.shape.rank == 0)
    op_name = "Split" if scalar else "SplitV"
    if not -len(s) <= a < len(s):
        raise op_error(InvalidArgumentError, op_name, f"-input rank(-{len(s)}) <= split_dim < input rank "
                       f"({len(s)}), but got {a}")
    a %= len(s)
    n = s[a]
    if scalar:
        k = static_int(num_or_size_splits)
        if k < 1:
            raise op_error(InvalidArgumentError, "Split", f"Value for attr 'num_split' of {k} must be at least "
                           "minimum 1")
        if n % k:
            raise op_error(InvalidArgumentError, "Split",
                           f"Number of ways to split should evenly divide the split dimension, but got "
                           f"split_dim {a} (size = {n}) and num_split {k}")
        sizes = [n // k] * k
    else:
        arr = np.asarray(num_or_size_splits._numpy() if isinstance(num_or_size_splits, Tensor)
                         else num_or_size_splits)
        sizes = [int(v) for v in arr.reshape(-1)]
        outputs = len(sizes) if num is None else static_int(num)
        if arr.ndim != 1 or len(sizes) != outputs:
            raise op_error(InvalidArgumentError, "SplitV", f"size of the split_tensor must be 1-D and have the "
                           f"same elements as outputs got {arr.ndim} -D and {arr.size} elements")
        if len(sizes) == 1:
            if sizes[0] != n:
                raise op_error(InvalidArgumentError, "SplitV", f"If there is only one output, it must have the "
                               f"same size as the input. Input size: {n} output size: {sizes[0]}")
        if sizes.count(-1) > 1:
            raise op_error(InvalidArgumentError, "SplitV", "There can only be one -1 in the input.")
        for i, k in enumerate(sizes):
            if k < -1:
                raise op_error(InvalidArgumentError, "SplitV", f"Split size at index {i} must be >= 0. Got: {k}")
        known = builtins.sum(k for k in sizes if k != -1)
        if (-1 not in sizes and known != n) or known > n:
            raise op_error(InvalidArgumentError, "SplitV",
                           "Determined shape must either match input shape along split_dim exactly if "
                           "fully specified, or be less than the size of the input along split_dim if not "
                           f"fully specified.  Got: {known}")
        if -1 in sizes:
            sizes[sizes.index(-1)] = n - known
    out, start = [], 0
    for k in sizes:
        out.append(t[(slice(None),) * a + (slice(start, start + k),)])
        start += k
    return out


# ---- indexing ----
_INDEX_TYPE_ERROR = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                     "tf.int32/tf.int64 tensors are valid indices, got {!r}")


def _index_scalar(k):
    if isinstance(k, Tensor):
        if k.shape.rank != 0 or not k.dtype.is_integer:
            raise TypeError(_INDEX_TYPE_ERROR.format(k))
        return int(k._numpy())
    if isinstance(k, (bool, np.bool_)):
        raise TypeError(_INDEX_TYPE_ERROR.format(k))
    if isinstance(k, (int, np.integer)):
        return int(k)
    raise TypeError(_INDEX_TYPE_ERROR.format(k))


def _slice_bound(v):
    return None if v is None else _index_scalar(v)


def normalize_index(key, shape, op_name="StridedSlice"):
    """A Python key as a tuple of in-range ints, clamped slices and None, per TF's strided-slice rules."""
    if not isinstance(key, tuple):
        key = (key,)
    if builtins.sum(1 for k in key if k is Ellipsis) > 1:
        raise op_error(InvalidArgumentError, op_name, "Multiple ellipses in slice spec not allowed")
    consumed = builtins.sum(1 for k in key if k is not None and k is not Ellipsis)
    rank = len(shape)
    if rank == 0 and consumed:
        raise op_error(InvalidArgumentError, op_name, "Attempting to slice scalar input.")
    if consumed > rank:
        raise op_error(InvalidArgumentError, op_name,
                       f"Index out of range using input dim {rank}; input has only {rank} dims")
    out, axis = [], 0
    for pos, k in enumerate(key):
        if k is Ellipsis:
            span = rank - consumed
            out.extend([slice(None)] * span)
            axis += span
        elif k is None:
            out.append(None)
        elif isinstance(k, slice):
            start, stop, step = _slice_bound(k.start), _slice_bound(k.stop), _slice_bound(k.step)
            if step == 0:
                raise op_error(InvalidArgumentError, op_name, f"strides[{pos}] must be non-zero")
            start, stop, step = slice(start, stop, step).indices(shape[axis])
            if step < 0:  # -1 from indices() means "before index 0", not the last element
                if start < 0:
                    start, stop = 0, 0  # empty
                elif stop < 0:
                    stop = None
            out.append(slice(start, stop, step))
            axis += 1
        else:
            i = _index_scalar(k)
            n = shape[axis]
            if not -n <= i < n:
                raise op_error(InvalidArgumentError, op_name,
                               f"slice index {i if i >= 0 else i + n} of dimension {axis} out of bounds.")
            out.append(i % n)
            axis += 1
    return tuple(out)


def _g_index(e, dy):
    return apply(_index_grad_op, (dy,), dy._dtype,
                 {"key": e.attrs["key"], "shape": shape_of(e.inputs[0]), "dtype": dy._dtype.name})


def _g_index_grad(e, ddy):
    return apply(_index_op, (ddy,), ddy._dtype, {"key": e.attrs["key"]})


_index_op = defop("StridedSlice", lambda b, x, key: b.index(x, key), _g_index)
_index_grad_op = defop("StridedSliceGrad", lambda b, dy, key, shape, dtype: b.set_item(
    b.full(shape, 0, dtype), key, dy), _g_index_grad)


@value_dependent("StridedSlice")
def getitem(t, key):
    """`tensor[key]` with TF's strided-slice semantics (and boolean masks)."""
    if isinstance(key, list):
        if builtins.any(isinstance(k, (bool, np.bool_)) for k in key):
            raise op_error(InvalidArgumentError, "StridedSlice",
                           "Value for attr 'Index' of bool is not in the list of allowed values: int16, int32, int64")
        key = tuple(key)
    elif isinstance(key, (bool, np.bool_)):
        raise ValueError("mask cannot be scalar.")
    elif (isinstance(key, Tensor) and key.dtype is _dt.bool_) or (isinstance(key, np.ndarray) and key.dtype == bool):
        return boolean_mask(t, key)
    t = tensor(t)
    norm = normalize_index(key, shape_of(t))
    if norm and builtins.all(isinstance(k, slice) and k == slice(0, n, 1) for k, n in zip(norm, shape_of(t))) \
            and len(norm) == len(shape_of(t)):
        return identity(t)
    return apply(_index_op, (t,), t._dtype, {"key": norm})


# ---- selection ----
def _g_select(e, dy):
    from .math_ops import unbroadcast
    c, x, y = e.inputs
    z = zeros_like(dy)
    return None, unbroadcast(where(c, dy, z), shape_of(x)), unbroadcast(where(c, z, dy), shape_of(y))


_select_op = defop("SelectV2", lambda b, c, x, y: b.where(c, x, y), _g_select)
_where_op = defop("Where", lambda b, c: b.nonzero(c), NOT_DIFFERENTIABLE)


@value_dependent("Where")
def where(condition, x=None, y=None, name=None):
    """One argument: int64 coordinates of true (nonzero) elements. Three: elementwise select, broadcasting."""
    if (x is None) != (y is None):
        raise ValueError("x and y must both be non-None or both be None.")
    if x is None:
        c = tensor(condition)
        if c.shape.rank == 0:
            raise op_error(InvalidArgumentError, "Where", "WhereOp : Unhandled input dimensions: 0")
        return apply(_where_op, (c,), _i64)
    c = convert_to_tensor(condition, _dt.bool_)
    from .math_ops import match
    x, y = match(x, y, "SelectV2")
    sc, sx, sy = shape_of(c), shape_of(x), shape_of(y)
    try:
        from .common import broadcast_shapes
        broadcast_shapes("SelectV2", broadcast_shapes("SelectV2", sc, sx), sy)
    except InvalidArgumentError:
        raise op_error(InvalidArgumentError, "SelectV2", f"condition [{','.join(map(str, sc))}], then "
                       f"[{','.join(map(str, sx))}], and else [{','.join(map(str, sy))}] must be broadcastable") \
            from None
    return apply(_select_op, (c, x, y), x._dtype)


@value_dependent("BooleanMask")
def boolean_mask(tensor_, mask, axis=None, name="boolean_mask"):
    """`tf.boolean_mask`: the entries (or slices from `axis` on) where mask is true, as TF does: a gather."""
    t = tensor(tensor_)
    m = tensor(mask)
    ms, ts = shape_of(m), shape_of(t)
    if not ms:
        raise ValueError("mask cannot be scalar.")
    a = 0 if axis is None else static_int(axis)
    part = ts[a:a + len(ms)]
    if part != ms:
        raise ValueError(f"Shapes {TensorShape(part)} and {TensorShape(ms)} are incompatible")
    a %= len(ts)
    flat = reshape(t, list(ts[:a]) + [-1] + list(ts[a + len(ms):]))
    idx = np.flatnonzero(m._numpy())
    return gather(flat, convert_to_tensor(idx.astype(np.int64)), axis=a)


def _g_gather(e, dy):
    """TF's GatherV2 gradient: an IndexedSlices along axis 0, a dense segment sum along another axis."""
    from ..autodiff.indexed_slices import IndexedSlices, unsorted_segment_sum
    params, idx = e.inputs
    ps, a = shape_of(params), e.attrs["axis"]
    flat_idx = reshape(idx, [-1])
    n = shape_of(flat_idx)[0]
    if a == 0:
        values = reshape(dy, [n] + list(ps[1:]))
        return IndexedSlices(values, flat_idx, convert_to_tensor(np.array(ps, np.int32))), None
    # move the gathered axis to the front, sum the segments, move it back
    r = len(ps)
    g = reshape(dy, list(ps[:a]) + [n] + list(ps[a + 1:]))
    perm = [a] + [i for i in builtins.range(r) if i != a]
    summed = unsorted_segment_sum(transpose(g, perm), flat_idx, ps[a])
    inv = [0] * r
    for i, p in enumerate(perm):
        inv[p] = i
    return transpose(summed, inv), None


def _check_indices(arr, n):
    """TF's CPU error for the first index outside [0, n)."""
    bad = np.argwhere(np.atleast_1d((arr < 0) | (arr >= n)))
    if bad.size:
        pos = tuple(int(v) for v in bad[0])[:arr.ndim]
        where_ = f"[{','.join(map(str, pos))}]" if arr.ndim else ""
        raise op_error(InvalidArgumentError, "GatherV2", f"indices{where_} = {int(arr[pos])} is not in [0, {n})")


def _gather_fwd(b, x, i, axis):
    """The kernel, after the index check. While tracing, bad example indices are clipped instead: the check is
    the graph's, at run time, so an unused gather checks nothing (FN-32)."""
    n, arr = b.shape(x)[axis], b.to_numpy(i)
    if local.graph is None or not n:
        _check_indices(arr, n)
    elif arr.size and ((arr < 0) | (arr >= n)).any():
        i = b.from_numpy(np.clip(arr, 0, n - 1), b.device_of(i))
    return b.gather(x, i, axis)


_gather_op = defop("GatherV2", _gather_fwd, _g_gather)


@value_dependent("GatherV2")
def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """`tf.gather`: slices of params along axis at indices; the first batch_dims axes are shared."""
    t = tensor(params)
    idx = tensor(indices)
    if not idx._dtype.is_integer:
        raise op_error(InvalidArgumentError, "GatherV2", f"Value for attr 'Tindices' of {idx._dtype._cname} "
                       "is not in the list of allowed values: int16, int32, int64")
    s, si = shape_of(t), shape_of(idx)
    b = static_int(batch_dims)
    if b < 0:
        b += len(si)
    a = b if axis is None else static_int(axis)
    if a < 0:
        a += len(s)
    if a < b:  # TF then gathers as without batch dims
        b = 0
    if len(s) < builtins.max(a, b) + 1:
        raise op_error(InvalidArgumentError, "GatherV2", f"Shape must be at least rank {builtins.max(a, b) + 1} "
                       f"but is rank {len(s)}")
    for i in builtins.range(b):
        if s[i] != si[i]:
            raise op_error(InvalidArgumentError, "GatherV2", f"params.shape[{i}]: {s[i]} should be equal to "
                           f"indices.shape[{i}]: {si[i]}")
    if b:  # checked here: the batched gather runs on offset indices
        _check_indices(idx._numpy(), s[a])
        return _batch_gather(t, idx, a, b)
    return apply(_gather_op, (t, idx), t._dtype, {"axis": a})


def _batch_gather(t, idx, a, b):
    """Gather with shared leading axes: the batch axes merged into the gathered one, offsets added to indices."""
    s, si = shape_of(t), shape_of(idx)
    nb = int(np.prod(s[:b], dtype=np.int64))
    outer, n = list(s[b:a]), s[a]
    # params as [outer..., batch * n, rest...]; indices offset by batch * n
    perm = list(builtins.range(b, a)) + list(builtins.range(b)) + list(builtins.range(a, len(s)))
    p = reshape(transpose(t, perm), outer + [nb * n] + list(s[a + 1:]))
    offsets = (np.arange(nb, dtype=np.int64) * n).reshape(tuple(s[:b]) + (1,) * (len(si) - b))
    flat_idx = convert_to_tensor((idx._numpy().astype(np.int64) + offsets).astype(idx._dtype.as_numpy_dtype))
    g = apply(_gather_op, (p, flat_idx), t._dtype, {"axis": len(outer)})
    # g: outer + batch + inner + rest -> batch + outer + inner + rest
    ko, kb = len(outer), b
    rest = len(shape_of(g)) - ko - kb
    order = list(builtins.range(ko, ko + kb)) + list(builtins.range(ko)) + \
        list(builtins.range(ko + kb, ko + kb + rest))
    return transpose(g, order)


def _g_reverse(e, dy):
    return reverse(dy, list(e.attrs["axes"]))


_reverse_op = defop("ReverseV2", lambda b, x, axes: b.index(x, tuple(
    slice(None, None, -1) if i in axes else slice(None) for i in builtins.range(len(x.shape)))), _g_reverse)


@value_dependent("ReverseV2")
def reverse(tensor_, axis, name=None):
    """`tf.reverse`: the tensor reversed along each axis of the 1-D `axis`."""
    t = tensor(tensor_)
    r = len(shape_of(t))
    ax = tensor(axis, _i32) if not isinstance(axis, Tensor) else axis
    if ax.shape.rank != 1:
        raise op_error(InvalidArgumentError, "ReverseV2", f"'dims' must be 1-dimension, not {ax.shape.rank}")
    axes = []
    for i, v in enumerate(static_list(ax)):
        if not -r <= v < r:
            raise op_error(InvalidArgumentError, "ReverseV2", f"'axis'[{i}] = {v} is out of valid range [0, {r - 1}")
        if v % r in axes:
            raise op_error(InvalidArgumentError, "ReverseV2", f"axis {v % r} specified more than once.")
        axes.append(v % r)
    if not axes:
        return identity(t)
    return apply(_reverse_op, (t,), t._dtype, {"axes": tuple(sorted(axes))})


from . import scatter_ops, slice_ops  # noqa: E402,F401 (their @tf_export entries register the rest of the array ops)
