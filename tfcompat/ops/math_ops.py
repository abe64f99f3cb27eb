"""Elementwise math, comparisons, logical/bitwise ops, reductions and matmul, with their gradients."""
from ..framework import dtypes as _dt
from ..framework.convert import convert_hinted, convert_like, convert_to_tensor, dtype_error
from ..framework.errors import InvalidArgumentError, NotFoundError, op_error
from ..framework.op import NOT_DIFFERENTIABLE, apply, defop
from ..framework.tensor import EagerTensor, Tensor
from .common import (ALL, BOOL, FLOAT, FLOAT_COMPLEX, INTEGER, NUMERIC, REAL, broadcast_shapes,
                     check_dtype, norm_axes, shape_of, tensor)

_bool, _f32, _f64 = _dt.bool_, _dt.float32, _dt.float64


def match(x, y, op_name):
    """TF's matching-args conversion: a non-tensor operand takes the tensor operand's dtype strictly."""
    if type(x) is EagerTensor:
        if type(y) is not EagerTensor:
            y = convert_like(y, x._dtype)
    elif type(y) is EagerTensor:
        x = convert_like(x, y._dtype)
    elif _tensor_like(y) and not _tensor_like(x):   # 2 * variable: the variable fixes the dtype
        y = tensor(y)
        x = convert_like(x, y._dtype)
    else:
        x = tensor(x)
        y = convert_like(y, x._dtype)
    if x._dtype is not y._dtype:
        raise op_error(InvalidArgumentError, op_name, dtype_error(op_name, 1, x._dtype, y._dtype))
    return x, y


def _tensor_like(v):
    return isinstance(v, Tensor) or hasattr(type(v), "__tf_tensor__")


def _explain_broadcast(op_name):
    def explain(inputs, attrs):
        broadcast_shapes(op_name, shape_of(inputs[0]), shape_of(inputs[1]))
    return explain


def unbroadcast(g, shape):
    """Sums `g` down to `shape` (the gradient of an implicit broadcast)."""
    gs = shape_of(g)
    if gs == shape:
        return g
    lead = len(gs) - len(shape)
    axes = tuple(range(lead)) + tuple(i + lead for i, n in enumerate(shape) if n == 1 and gs[i + lead] != 1)
    if axes:
        g = reduce_sum(g, list(axes), keepdims=True)
    return reshape_to(g, shape)


def reshape_to(g, shape):
    from .array_ops import reshape
    return g if shape_of(g) == shape else reshape(g, list(shape))


def _binary(tf_name, kernel, allowed, grad=None, out=None, doc=""):
    """Defines an elementwise binary op with broadcasting and TF's matching-dtype rule."""
    op = defop(tf_name, lambda b, x, y: getattr(b, kernel)(x, y), grad, _explain_broadcast(tf_name))

    def fn(x, y, name=None):
        x, y = match(x, y, tf_name)
        if x._dtype not in allowed:
            check_dtype(x, allowed, tf_name)
        return apply(op, (x, y), out or x._dtype)
    fn.__name__, fn.__doc__, fn.op = kernel, doc or f"Elementwise {kernel} (TF op {tf_name}).", op
    return fn


def _unary(tf_name, kernel, allowed, grad=None, out=None, doc=""):
    """Defines an elementwise unary op."""
    op = defop(tf_name, lambda b, x: getattr(b, kernel)(x), grad)

    def fn(x, name=None):
        x = tensor(x)
        if x._dtype not in allowed:
            check_dtype(x, allowed, tf_name)
        return apply(op, (x,), out(x._dtype) if out else x._dtype)
    fn.__name__, fn.__doc__, fn.op = kernel, doc or f"Elementwise {kernel} (TF op {tf_name}).", op
    return fn


# ---- gradients of the elementwise ops (each written in tfcompat ops) ----
def _g_add(e, dy):
    x, y = e.inputs
    return unbroadcast(dy, shape_of(x)), unbroadcast(dy, shape_of(y))


def _g_sub(e, dy):
    x, y = e.inputs
    return unbroadcast(dy, shape_of(x)), unbroadcast(negative(dy), shape_of(y))


def _g_mul(e, dy):
    x, y = e.inputs
    return unbroadcast(multiply(dy, conj(y)), shape_of(x)), unbroadcast(multiply(conj(x), dy), shape_of(y))


def _g_div(e, dy):
    x, y = e.inputs
    gx = divide(dy, y)
    gy = multiply(dy, divide(divide(negative(x), y), y))
    return unbroadcast(gx, shape_of(x)), unbroadcast(gy, shape_of(y))


def _g_maximum(e, dy, pick_first=None):
    x, y = e.inputs
    first = greater_equal(x, y) if pick_first is None else pick_first(x, y)
    from .array_ops import zeros_like, where
    z = zeros_like(dy)
    return (unbroadcast(where(first, dy, z), shape_of(x)), unbroadcast(where(first, z, dy), shape_of(y)))


def _g_minimum(e, dy):
    return _g_maximum(e, dy, less_equal)


def _g_pow(e, dy):
    x, y = e.inputs
    z = e.output
    from .array_ops import where, zeros_like
    gx = multiply(dy, multiply(y, pow(x, subtract(y, 1 if y._dtype.is_integer else 1.0))))
    if x._dtype.is_complex:
        safe_log = log(x)
    else:
        safe_log = where(greater(x, 0), log(where(greater(x, 0), x, ones_like_(x))), zeros_like(x))
    gy = multiply(dy, multiply(z, safe_log))
    return unbroadcast(gx, shape_of(x)), unbroadcast(gy, shape_of(y))


def _g_squared_difference(e, dy):
    x, y = e.inputs
    d = multiply(multiply(dy, 2.0 if x._dtype.is_floating else 2), subtract(x, y))
    return unbroadcast(d, shape_of(x)), unbroadcast(negative(d), shape_of(y))


def ones_like_(x):
    from .array_ops import ones_like
    return ones_like(x)


def _zero_safe(dy, value):
    """`value` where dy != 0 and 0 where dy == 0 (TF's gradients do not turn 0 * inf into nan)."""
    from .array_ops import where, zeros_like
    return where(equal(dy, zeros_like(dy)), zeros_like(dy), value)


_g_neg = lambda e, dy: negative(dy)
_g_square = lambda e, dy: multiply(dy, multiply(e.inputs[0], 2.0 if not e.inputs[0]._dtype.is_integer else 2))
_g_sqrt = lambda e, dy: _zero_safe(dy, divide(multiply(dy, 0.5), conj(e.output)))
_g_rsqrt = lambda e, dy: multiply(dy, multiply(pow(conj(e.output), 3.0), -0.5))
_g_exp = lambda e, dy: multiply(dy, conj(e.output))
_g_expm1 = lambda e, dy: multiply(dy, exp(conj(e.inputs[0])))
_g_log = lambda e, dy: multiply(dy, reciprocal(conj(e.inputs[0])))
_g_log1p = lambda e, dy: multiply(dy, reciprocal(add(conj(e.inputs[0]), 1.0)))
_g_sin = lambda e, dy: multiply(dy, conj(cos(e.inputs[0])))
_g_cos = lambda e, dy: multiply(dy, negative(conj(sin(e.inputs[0]))))
_g_tan = lambda e, dy: multiply(dy, square(reciprocal(cos(conj(e.inputs[0])))))
_g_asin = lambda e, dy: multiply(dy, rsqrt(subtract(1.0, square(e.inputs[0]))))
_g_acos = lambda e, dy: negative(multiply(dy, rsqrt(subtract(1.0, square(e.inputs[0])))))
_g_atan = lambda e, dy: divide(dy, add(1.0, square(e.inputs[0])))
_g_sinh = lambda e, dy: multiply(dy, cosh(e.inputs[0]))
_g_cosh = lambda e, dy: multiply(dy, sinh(e.inputs[0]))
_g_tanh = lambda e, dy: multiply(dy, subtract(1.0, square(conj(e.output))))
_g_asinh = lambda e, dy: divide(dy, cosh(e.output))
_g_acosh = lambda e, dy: divide(dy, sinh(e.output))
_g_atanh = lambda e, dy: divide(dy, subtract(1.0, square(e.inputs[0])))
_g_sigmoid = lambda e, dy: multiply(dy, multiply(e.output, subtract(1.0, e.output)))
_g_reciprocal = lambda e, dy: multiply(dy, negative(square(conj(e.output))))
_g_erf = lambda e, dy: multiply(dy, multiply(1.1283791670955126, exp(negative(square(e.inputs[0])))))
_g_erfc = lambda e, dy: multiply(dy, multiply(-1.1283791670955126, exp(negative(square(e.inputs[0])))))
_g_lgamma = lambda e, dy: multiply(dy, digamma(e.inputs[0]))
_g_sign = lambda e, dy: _zeros_grad(e)
_g_real = lambda e, dy: complex_(dy, zeros_like_(dy))
_g_imag = lambda e, dy: complex_(zeros_like_(dy), dy)
_g_conj = lambda e, dy: conj(dy)


def _g_abs(e, dy):
    x = e.inputs[0]
    if x._dtype.is_complex:
        from .array_ops import cast
        return _zero_safe(dy, multiply(cast(dy, x._dtype), divide(x, cast(e.output, x._dtype))))
    return multiply(dy, sign(x))


def _zeros_grad(e):
    from .array_ops import zeros_like
    return zeros_like(e.inputs[0])


def zeros_like_(x):
    from .array_ops import zeros_like
    return zeros_like(x)


def _g_atan2(e, dy):
    y, x = e.inputs
    inv = reciprocal(add(square(x), square(y)))
    return unbroadcast(multiply(dy, multiply(x, inv)), shape_of(y)), \
        unbroadcast(multiply(dy, multiply(negative(y), inv)), shape_of(x))


def _g_floor_ops(e, dy):
    return None, None


def _g_floormod(e, dy):
    """TF's FloorMod gradient: (dy, -dy * floor(x / y))."""
    x, y = e.inputs
    return unbroadcast(dy, shape_of(x)), unbroadcast(multiply(negative(dy), _floordiv(x, y)), shape_of(y))


def _g_angle(e, dy):
    """TF's Angle gradient: -complex(dy, 0) / complex(imag(x), real(x))."""
    x = e.inputs[0]
    z = reciprocal(complex_(imag(x), real(x)))
    return negative(multiply(complex_(dy, zeros_like_(dy)), z))


# ---- elementwise binary ----
add = _binary("AddV2", "add", NUMERIC | {_dt.string}, _g_add)
subtract = _binary("Sub", "subtract", NUMERIC, _g_sub)
multiply = _binary("Mul", "multiply", NUMERIC, _g_mul)
_realdiv = _binary("RealDiv", "divide", FLOAT_COMPLEX, _g_div)
maximum = _binary("Maximum", "maximum", REAL, _g_maximum)
minimum = _binary("Minimum", "minimum", REAL, _g_minimum)
atan2 = _binary("Atan2", "atan2", FLOAT, _g_atan2)
equal = _binary("Equal", "equal", ALL, NOT_DIFFERENTIABLE, _bool)
not_equal = _binary("NotEqual", "not_equal", ALL, NOT_DIFFERENTIABLE, _bool)
less = _binary("Less", "less", REAL, NOT_DIFFERENTIABLE, _bool)
less_equal = _binary("LessEqual", "less_equal", REAL, NOT_DIFFERENTIABLE, _bool)
greater = _binary("Greater", "greater", REAL, NOT_DIFFERENTIABLE, _bool)
greater_equal = _binary("GreaterEqual", "greater_equal", REAL, NOT_DIFFERENTIABLE, _bool)
logical_and = _binary("LogicalAnd", "logical_and", BOOL, NOT_DIFFERENTIABLE)
logical_or = _binary("LogicalOr", "logical_or", BOOL, NOT_DIFFERENTIABLE)
bitwise_and = _binary("BitwiseAnd", "bitwise_and", INTEGER, NOT_DIFFERENTIABLE)
bitwise_or = _binary("BitwiseOr", "bitwise_or", INTEGER, NOT_DIFFERENTIABLE)
bitwise_xor = _binary("BitwiseXor", "bitwise_xor", INTEGER, NOT_DIFFERENTIABLE)
left_shift = _binary("LeftShift", "left_shift", INTEGER, NOT_DIFFERENTIABLE)
right_shift = _binary("RightShift", "right_shift", INTEGER, NOT_DIFFERENTIABLE)
_floordiv = _binary("FloorDiv", "floordiv", REAL, _g_floor_ops)
_floormod = _binary("FloorMod", "floormod", REAL, _g_floormod)
_truncatediv = _binary("TruncateDiv", "truncatediv", REAL, _g_floor_ops)
_truncatemod = _binary("TruncateMod", "truncatemod", REAL, None)  # TF registers no gradient
_pow = _binary("Pow", "pow", NUMERIC, _g_pow)


def logical_xor(x, y, name="LogicalXor"):
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


def _check_int_zero(x, y, op_name):
    if x._dtype.is_integer and bool(reduce_any(equal(y, 0))):
        raise op_error(InvalidArgumentError, op_name, "Integer division by zero")


def floordiv(x, y, name=None):
    x, y = match(x, y, "FloorDiv")
    _check_int_zero(x, y, "FloorDiv")
    return _floordiv(x, y)


def floormod(x, y, name=None):
    x, y = match(x, y, "FloorMod")
    _check_int_zero(x, y, "FloorMod")
    return _floormod(x, y)


def truncatediv(x, y, name=None):
    x, y = match(x, y, "TruncateDiv")
    _check_int_zero(x, y, "TruncateDiv")
    return _truncatediv(x, y)


def truncatemod(x, y, name=None):
    x, y = match(x, y, "TruncateMod")
    _check_int_zero(x, y, "TruncateMod")
    return _truncatemod(x, y)


def pow(x, y, name=None):
    x, y = match(x, y, "Pow")
    if x._dtype.is_integer and bool(reduce_any(less(y, 0))):
        raise op_error(InvalidArgumentError, "Pow", "Integers to negative integer powers are not allowed")
    return _pow(x, y)


def realdiv(x, y, name=None):
    x, y = match(x, y, "RealDiv")
    if x._dtype.is_integer:
        raise op_error(NotFoundError, "RealDiv", "Could not find device for node: {{node RealDiv}} = "
                       f"RealDiv[T=DT_{x._dtype.name.upper()}]")
    return _realdiv(x, y)


_INT_TRUEDIV = {_dt.int8: _f32, _dt.int16: _f32, _dt.uint8: _f32, _dt.uint16: _f32,
                _dt.int32: _f64, _dt.int64: _f64, _dt.uint32: _f64, _dt.uint64: _f64}


def truediv(x, y, name=None):
    """`x / y`: integers are cast to float (float32 up to 16 bits, float64 beyond) first."""
    if type(x) is not EagerTensor:
        if _tensor_like(y) and not _tensor_like(x):
            y = tensor(y)
            x = convert_hinted(x, y._dtype)
        else:
            x = tensor(x)
    if type(y) is not EagerTensor:
        y = convert_hinted(y, x._dtype)
    if x._dtype is not y._dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got {x._dtype!r} != {y._dtype!r}.")
    target = _INT_TRUEDIV.get(x._dtype)
    if target is not None:
        from .array_ops import cast
        x, y = cast(x, target), cast(y, target)
    return _realdiv(x, y)


def divide(x, y, name=None):
    """`tf.divide` / `tf.math.divide`: a non-tensor `x` is converted to y's dtype strictly, then `x / y`."""
    if not isinstance(x, Tensor) and _tensor_like(y):
        y = tensor(y)
        x = convert_like(x, y._dtype)
    return truediv(x, y)


def divide_no_nan(x, y, name=None):
    x, y = match(x, y, "DivNoNan")
    from .array_ops import where, zeros_like
    z = equal(y, zeros_like(y))
    return where(z, zeros_like(add(x, y)), _realdiv(x, where(z, ones_like_(y), y)))


def squared_difference(x, y, name=None):
    x, y = match(x, y, "SquaredDifference")
    d = subtract(x, y)
    return multiply(d, conj(d)) if x._dtype.is_complex else square(d)


def scalar_mul(scalar, x, name=None):
    return multiply(scalar, x)


# ---- elementwise unary ----
negative = _unary("Neg", "neg", NUMERIC, _g_neg)
square = _unary("Square", "square", NUMERIC, _g_square)
sqrt = _unary("Sqrt", "sqrt", FLOAT_COMPLEX, _g_sqrt)
rsqrt = _unary("Rsqrt", "rsqrt", FLOAT_COMPLEX, _g_rsqrt)
reciprocal = _unary("Reciprocal", "reciprocal", FLOAT_COMPLEX, _g_reciprocal)
exp = _unary("Exp", "exp", FLOAT_COMPLEX, _g_exp)
expm1 = _unary("Expm1", "expm1", FLOAT_COMPLEX, _g_expm1)
log = _unary("Log", "log", FLOAT_COMPLEX, _g_log)
log1p = _unary("Log1p", "log1p", FLOAT_COMPLEX, _g_log1p)
sin = _unary("Sin", "sin", FLOAT_COMPLEX, _g_sin)
cos = _unary("Cos", "cos", FLOAT_COMPLEX, _g_cos)
tan = _unary("Tan", "tan", FLOAT_COMPLEX, _g_tan)
asin = _unary("Asin", "asin", FLOAT_COMPLEX, _g_asin)
acos = _unary("Acos", "acos", FLOAT_COMPLEX, _g_acos)
atan = _unary("Atan", "atan", FLOAT_COMPLEX, _g_atan)
sinh = _unary("Sinh", "sinh", FLOAT_COMPLEX, _g_sinh)
cosh = _unary("Cosh", "cosh", FLOAT_COMPLEX, _g_cosh)
tanh = _unary("Tanh", "tanh", FLOAT_COMPLEX, _g_tanh)
asinh = _unary("Asinh", "asinh", FLOAT_COMPLEX, _g_asinh)
acosh = _unary("Acosh", "acosh", FLOAT_COMPLEX, _g_acosh)
atanh = _unary("Atanh", "atanh", FLOAT_COMPLEX, _g_atanh)
sigmoid = _unary("Sigmoid", "sigmoid", FLOAT_COMPLEX, _g_sigmoid)
erf = _unary("Erf", "erf", FLOAT, _g_erf)
erfc = _unary("Erfc", "erfc", FLOAT, _g_erfc)
lgamma = _unary("Lgamma", "lgamma", FLOAT, _g_lgamma)
digamma = _unary("Digamma", "digamma", FLOAT, None)
floor = _unary("Floor", "floor", FLOAT, NOT_DIFFERENTIABLE)
ceil = _unary("Ceil", "ceil", FLOAT, NOT_DIFFERENTIABLE)
round = _unary("Round", "round", REAL, NOT_DIFFERENTIABLE, doc="Rounds half to even (banker's rounding).")
rint = _unary("Rint", "round", FLOAT, NOT_DIFFERENTIABLE)
sign = _unary("Sign", "sign", NUMERIC, _g_sign)
is_nan = _unary("IsNan", "isnan", FLOAT, NOT_DIFFERENTIABLE, lambda d: _bool)
is_inf = _unary("IsInf", "isinf", FLOAT, NOT_DIFFERENTIABLE, lambda d: _bool)
is_finite = _unary("IsFinite", "isfinite", FLOAT, NOT_DIFFERENTIABLE, lambda d: _bool)
logical_not = _unary("LogicalNot", "logical_not", BOOL, NOT_DIFFERENTIABLE)
invert = _unary("Invert", "invert", INTEGER, NOT_DIFFERENTIABLE)
conj_ = _unary("Conj", "conj", _dt.COMPLEX, _g_conj)
real_ = _unary("Real", "real", _dt.COMPLEX, _g_real, lambda d: d.real_dtype)
imag_ = _unary("Imag", "imag", _dt.COMPLEX, _g_imag, lambda d: d.real_dtype)
angle_ = _unary("Angle", "angle", _dt.COMPLEX, _g_angle, lambda d: d.real_dtype)
_abs = _unary("Abs", "abs", NUMERIC, _g_abs, lambda d: d.real_dtype)


def abs(x, name=None):
    return _abs(x)


def conj(x, name=None):
    x = tensor(x)
    return conj_(x) if x._dtype.is_complex else x


def real(x, name=None):
    x = tensor(x)
    return real_(x) if x._dtype.is_complex else x


def imag(x, name=None):
    x = tensor(x)
    if x._dtype.is_complex:
        return imag_(x)
    return zeros_like_(x)


def angle(x, name=None):
    x = tensor(x)
    if x._dtype.is_complex:
        return angle_(x)
    from .array_ops import where, zeros_like
    return where(less(x, 0), zeros_like(x) + 3.141592653589793, zeros_like(x))


def _g_complex(e, dy):
    x, y = e.inputs
    return unbroadcast(real(dy), shape_of(x)), unbroadcast(imag(dy), shape_of(y))


_complex_op = defop("Complex", lambda b, x, y, ct: b.add(b.cast(x, ct), b.multiply(b.cast(y, ct), 1j)),
                   _g_complex)


def complex_(real, imag, name=None):
    """`tf.complex`: float32 parts give complex64, float64 parts complex128."""
    x, y = match(real, imag, "Complex")
    check_dtype(x, frozenset({_f32, _f64}), "Complex", "T")
    out = _dt.complex64 if x._dtype is _f32 else _dt.complex128
    return apply(_complex_op, (x, y), out, {"ct": out.name})


# ---- reductions ----
def _g_reduce_sum(e, dy):
    from .array_ops import broadcast_to
    x = e.inputs[0]
    axes, keepdims = e.attrs["axes"], e.attrs["keepdims"]
    if not keepdims:
        dy = reshape_to(dy, tuple(1 if i in axes else n for i, n in enumerate(shape_of(x))))
    return broadcast_to(dy, list(shape_of(x)))


def _g_reduce_mean(e, dy):
    x = e.inputs[0]
    n = 1
    for a in e.attrs["axes"]:
        n *= shape_of(x)[a]
    g = _g_reduce_sum(e, dy)
    return divide(g, _cast_like(max(n, 1), g)) if n else g


def _cast_like(value, t):
    return convert_to_tensor(value, t._dtype)


def _g_reduce_extreme(e, dy):
    """Ties share the gradient evenly (TF's reduce_max/min convention)."""
    from .array_ops import cast
    x, y = e.inputs[0], e.output
    axes, keepdims = e.attrs["axes"], e.attrs["keepdims"]
    kept = tuple(1 if i in axes else n for i, n in enumerate(shape_of(x)))
    y, dy = reshape_to(y, kept), reshape_to(dy, kept)
    hit = cast(equal(x, y), x._dtype)
    count = _reduce("Sum", "reduce_sum", hit, axes, True)
    return divide(multiply(hit, dy), count)


def _g_reduce_prod(e, dy):
    x = e.inputs[0]
    kept = tuple(1 if i in e.attrs["axes"] else n for i, n in enumerate(shape_of(x)))
    return multiply(reshape_to(dy, kept), _prod_except_self(x, e.attrs["axes"]))


def _prod_except_self(x, axes):
    """Product of the other reduced elements, exact even where x has zeros."""
    from .array_ops import cast, ones_like, where, zeros_like
    zero = equal(x, zeros_like(x))
    safe = where(zero, ones_like(x), x)
    p = _reduce("Prod", "reduce_prod", safe, axes, True)
    nzeros = _reduce("Sum", "reduce_sum", cast(zero, x._dtype), axes, True)
    others = divide(p, safe)
    one = ones_like(nzeros)
    return where(greater(nzeros, one), zeros_like(x),
                 where(equal(nzeros, one), where(zero, others, zeros_like(x)), others))


_REDUCE_OPS = {
    "Sum": defop("Sum", lambda b, x, axes, keepdims: b.reduce_sum(x, axes, keepdims), _g_reduce_sum),
    "Mean": defop("Mean", lambda b, x, axes, keepdims: b.reduce_mean(x, axes, keepdims), _g_reduce_mean),
    "Max": defop("Max", lambda b, x, axes, keepdims: b.reduce_max(x, axes, keepdims), _g_reduce_extreme),
    "Min": defop("Min", lambda b, x, axes, keepdims: b.reduce_min(x, axes, keepdims), _g_reduce_extreme),
    "Prod": defop("Prod", lambda b, x, axes, keepdims: b.reduce_prod(x, axes, keepdims), _g_reduce_prod),
    "All": defop("All", lambda b, x, axes, keepdims: b.reduce_all(x, axes, keepdims), NOT_DIFFERENTIABLE),
    "Any": defop("Any", lambda b, x, axes, keepdims: b.reduce_any(x, axes, keepdims), NOT_DIFFERENTIABLE),
}
_REDUCE_ALLOWED = {"Sum": NUMERIC, "Mean": NUMERIC, "Prod": NUMERIC, "Max": REAL, "Min": REAL,
                   "All": BOOL, "Any": BOOL}


def _reduce(tf_name, kernel, x, axis, keepdims):
    x = tensor(x)
    if x._dtype not in _REDUCE_ALLOWED[tf_name]:
        if tf_name in ("All", "Any"):  # bool-only ops take a typed input: TF reports a dtype mismatch
            raise op_error(InvalidArgumentError, tf_name, dtype_error(tf_name, 0, _bool, x._dtype))
        check_dtype(x, _REDUCE_ALLOWED[tf_name], tf_name)
    rank = len(x._data.shape)
    axes = norm_axes(axis, rank, tf_name) if axis is not None else tuple(range(rank))
    if not axes:
        from .array_ops import identity
        return identity(x)
    return apply(_REDUCE_OPS[tf_name], (x,), x._dtype, {"axes": axes, "keepdims": bool(keepdims)})


def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    return _reduce("Sum", "reduce_sum", input_tensor, axis, keepdims)


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    return _reduce("Mean", "reduce_mean", input_tensor, axis, keepdims)


def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    return _reduce("Max", "reduce_max", input_tensor, axis, keepdims)


def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    return _reduce("Min", "reduce_min", input_tensor, axis, keepdims)


def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    return _reduce("Prod", "reduce_prod", input_tensor, axis, keepdims)


def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    return _reduce("All", "reduce_all", input_tensor, axis, keepdims)


def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    return _reduce("Any", "reduce_any", input_tensor, axis, keepdims)


def _arg_reduce(tf_name, kernel, x, axis, output_type):
    x = tensor(x)
    if x._dtype is _bool:  # TF's ArgMax/ArgMin accept bool (False < True)
        from .array_ops import cast
        x = cast(x, _dt.uint8)
    check_dtype(x, REAL, tf_name)
    shape = shape_of(x)
    axis = 0 if axis is None else int(axis if not isinstance(axis, Tensor) else axis.numpy())
    rank = len(shape)
    if not -rank <= axis < rank:
        raise op_error(InvalidArgumentError, tf_name,
                       f"Expected dimension in the range [{-rank}, {rank}), but got {axis}")
    axis %= rank
    if shape[axis] == 0:
        raise op_error(InvalidArgumentError, tf_name,
                       f"Reduction axis {axis} is empty in shape [{','.join(map(str, shape))}]")
    out = apply(_ARG_OPS[tf_name], (x,), _dt.int64, {"axis": axis})
    output_type = _dt.as_dtype(output_type)
    if output_type is not _dt.int64:
        from .array_ops import cast
        out = cast(out, output_type)
    return out


_ARG_OPS = {"ArgMax": defop("ArgMax", lambda b, x, axis: b.argmax(x, axis), NOT_DIFFERENTIABLE),
            "ArgMin": defop("ArgMin", lambda b, x, axis: b.argmin(x, axis), NOT_DIFFERENTIABLE)}


def argmax(input, axis=None, output_type=_dt.int64, name=None):
    return _arg_reduce("ArgMax", "argmax", input, axis, output_type)


def argmin(input, axis=None, output_type=_dt.int64, name=None):
    return _arg_reduce("ArgMin", "argmin", input, axis, output_type)


# ---- matmul ----
_MATMUL_ALLOWED = frozenset({_dt.bfloat16, _dt.float16, _f32, _f64, _dt.int32, _dt.int64, _dt.uint8,
                             _dt.uint16, _dt.uint32, _dt.uint64, _dt.complex64, _dt.complex128})


def _swap(b, x):
    n = len(x.shape)
    return b.transpose(x, tuple(range(n - 2)) + (n - 1, n - 2))


def _matmul_fwd(b, x, y, ta, tb):
    if ta:
        x = _swap(b, x)
    if tb:
        y = _swap(b, y)
    return b.matmul(x, y)


def _g_matmul(e, dy):
    x, y = e.inputs
    ta, tb = e.attrs["ta"], e.attrs["tb"]
    if not ta and not tb:
        gx, gy = matmul(dy, y, adjoint_b=True), matmul(x, dy, adjoint_a=True)
    elif not ta and tb:
        gx, gy = matmul(dy, y), matmul(dy, x, adjoint_a=True)
    elif ta and not tb:
        gx, gy = matmul(y, dy, adjoint_b=True), matmul(x, dy)
    else:
        gx, gy = matmul(y, dy, adjoint_a=True, adjoint_b=True), matmul(dy, x, adjoint_a=True, adjoint_b=True)
    return unbroadcast(gx, shape_of(x)), unbroadcast(gy, shape_of(y))


_matmul_op = defop("MatMul", _matmul_fwd, _g_matmul)


def _dims(s):
    return "[" + ",".join(map(str, s)) + "]"


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False, name=None):
    """Matrix product of the two innermost dims, broadcasting batch dims."""
    if type(a) is not EagerTensor or type(b) is not EagerTensor:
        a = tensor(a)
        b = convert_like(b, a._dtype) if not isinstance(b, Tensor) else tensor(b)
    sa, sb = shape_of(a), shape_of(b)
    if a._dtype is not b._dtype:
        raise op_error(InvalidArgumentError, "MatMul", dtype_error("MatMul", 1, a._dtype, b._dtype))
    if a._dtype not in _MATMUL_ALLOWED:
        check_dtype(a, _MATMUL_ALLOWED, "MatMul")
    if len(sa) < 2 or len(sb) < 2:
        which = 0 if len(sa) < 2 else 1
        raise op_error(InvalidArgumentError, "MatMul", f"In[{which}] ndims must be >= 2: {len((sa, sb)[which])}")
    if a._dtype.is_unsigned:
        raise op_error(NotFoundError, "MatMul", "Could not find device for node: {{node MatMul}} = "
                       f"MatMul[T=DT_{a._dtype.name.upper()}, transpose_a=false, transpose_b=false]")
    if adjoint_a and a._dtype.is_complex:
        a = conj(a)
    if adjoint_b and b._dtype.is_complex:
        b = conj(b)
    ta, tb = bool(transpose_a or adjoint_a), bool(transpose_b or adjoint_b)
    k1 = sa[-2] if ta else sa[-1]
    k2 = sb[-1] if tb else sb[-2]
    if k1 != k2:
        if len(sa) == 2 and len(sb) == 2:
            raise op_error(InvalidArgumentError, "MatMul",
                           f"Matrix size-incompatible: In[0]: {_dims(sa)}, In[1]: {_dims(sb)}")
        raise op_error(InvalidArgumentError, "BatchMatMulV2",
                       f"Matrix size-incompatible: In[0]: {_dims(sa)}, In[1]: {_dims(sb)}")
    if len(sa) > 2 or len(sb) > 2:
        try:
            broadcast_shapes("BatchMatMulV2", sa[:-2], sb[:-2])
        except InvalidArgumentError:
            raise op_error(InvalidArgumentError, "BatchMatMulV2",
                           f"In[0] and In[1] must have compatible batch dimensions: {_dims(sa)} vs. {_dims(sb)}") from None
    return apply(_matmul_op, (a, b), a._dtype, {"ta": ta, "tb": tb})


def add_n(inputs, name=None):
    if not inputs:
        raise ValueError("inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape")
    total = tensor(inputs[0])
    for x in inputs[1:]:
        total = add(total, x)
    return total


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    from . import array_ops
    x = tensor(x)
    axis = int(axis) % max(len(shape_of(x)), 1)
    if reverse:
        x = array_ops.reverse(x, [axis])
    out = apply(_cumsum_op, (x,), x._dtype, {"axis": axis})
    if exclusive:
        out = subtract(out, x)
    return array_ops.reverse(out, [axis]) if reverse else out


def _g_cumsum(e, dy):
    return cumsum(dy, e.attrs["axis"], reverse=True)


_cumsum_op = defop("Cumsum", lambda b, x, axis: b.cumsum(x, axis), _g_cumsum)
