"""Elementwise math, comparisons, logical/bitwise ops, reductions and matmul, with their gradients."""
from ..graph.runtime import value_dependent
from ..framework import dtypes as _dt
from ..framework.context import ctx
from ..framework.convert import convert_hinted, convert_like, convert_to_tensor, dtype_error
from ..framework.errors import InvalidArgumentError, NotFoundError, op_error
from ..framework.op import NOT_DIFFERENTIABLE, Op, apply, defop
from ..framework.tensor import EagerTensor, Tensor
from ..util.export import tf_export
from .array_ops import broadcast_to, cast, identity, ones_like, reshape, stack, stop_gradient, where, zeros_like
from .common import (ALL, BOOL, FLOAT, FLOAT_COMPLEX, INTEGER, NUMERIC, REAL, broadcast_shapes,
                     check_dtype, norm_axes, shape_of, tensor)

_bool, _f32, _f64 = _dt.bool_, _dt.float32, _dt.float64
_SIGNED_INT = frozenset({_dt.int8, _dt.int16, _dt.int32, _dt.int64})
SIGNED = FLOAT | _SIGNED_INT | _dt.COMPLEX          # Neg, Sign, Pow
SIGNED_REAL = FLOAT | _SIGNED_INT                   # Abs


def match(x, y, op_name, allowed=None):
    """TF's matching-args conversion: a non-tensor operand takes the tensor operand's dtype strictly. Tensors of
    two dtypes fail TF's way: the first operand's dtype against the op's `allowed` ones, then the mismatch."""
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
        if allowed is not None:
            check_dtype(x, allowed, op_name)
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
    if axes:   # dropping the summed axes gives `shape` itself unless a kept size-1 axis was summed
        g = apply(_REDUCE_OPS["Sum"], (g,), g._dtype, {"axes": axes, "keepdims": False})
    return reshape_to(g, shape)


def reshape_to(g, shape):
    return g if shape_of(g) == shape else reshape(g, list(shape))


def _binary(tf_name, kernel, allowed, grad=None, out=None, doc=""):
    """Defines an elementwise binary op with broadcasting and TF's matching-dtype rule."""
    op = defop(tf_name, lambda b, x, y: getattr(b, kernel)(x, y), grad, _explain_broadcast(tf_name),
               lambda b, attrs: getattr(b, kernel))

    def fn(x, y, name=None):
        x, y = match(x, y, tf_name, allowed)
        if x._dtype not in allowed:
            check_dtype(x, allowed, tf_name)
        return apply(op, (x, y), out or x._dtype)
    fn.__name__, fn.__doc__, fn.op = kernel, doc or f"Elementwise {kernel} (TF op {tf_name}).", op
    return fn


def _unary(tf_name, kernel, allowed, grad=None, out=None, doc=""):
    """Defines an elementwise unary op."""
    op = defop(tf_name, lambda b, x: getattr(b, kernel)(x), grad, fast=lambda b, attrs: getattr(b, kernel))

    def fn(x, name=None):
        x = tensor(x)
        if x._dtype not in allowed:
            check_dtype(x, allowed, tf_name)
        return apply(op, (x,), out(x._dtype) if out else x._dtype)
    fn.__name__, fn.__doc__, fn.op = kernel, doc or f"Elementwise {kernel} (TF op {tf_name}).", op
    return fn


# ---- gradients of the elementwise ops (each written in tfcompat ops) ----
def needs(e, i):
    """Whether the running backprop wants input i's gradient (e.needed: TF's skip_input_indices)."""
    return e.needed is None or e.needed[i]


def _mul(x, y):
    """x * y for gradient functions: operands of one dtype that broadcast, so no conversion or checks."""
    return apply(multiply.op, (x, y), x._dtype)


def _g_add(e, dy):
    x, y = e.inputs
    return (unbroadcast(dy, shape_of(x)) if needs(e, 0) else None,
            unbroadcast(dy, shape_of(y)) if needs(e, 1) else None)


def _g_sub(e, dy):
    x, y = e.inputs
    return (unbroadcast(dy, shape_of(x)) if needs(e, 0) else None,
            unbroadcast(apply(negative.op, (dy,), dy._dtype), shape_of(y)) if needs(e, 1) else None)


def _g_mul(e, dy):
    x, y = e.inputs
    gx = unbroadcast(_mul(dy, conj(y)), shape_of(x)) if needs(e, 0) else None
    gy = unbroadcast(_mul(conj(x), dy), shape_of(y)) if needs(e, 1) else None
    return gx, gy


def _g_div(e, dy):
    x, y = e.inputs
    gx = unbroadcast(divide(dy, y), shape_of(x)) if needs(e, 0) else None
    gy = unbroadcast(multiply(dy, divide(divide(negative(x), y), y)), shape_of(y)) if needs(e, 1) else None
    return gx, gy


def _g_maximum(e, dy, pick_first=None):
    x, y = e.inputs
    first = greater_equal(x, y) if pick_first is None else pick_first(x, y)
    z = zeros_like(dy)
    return (unbroadcast(where(first, dy, z), shape_of(x)), unbroadcast(where(first, z, dy), shape_of(y)))


def _g_minimum(e, dy):
    return _g_maximum(e, dy, less_equal)


def _g_pow(e, dy):
    """TF's: dy * conj(y) * conj(x)^(conj(y) - 1), and dy * conj(x^y) * log(conj(x)), taken as 0 where x is 0
    (complex) or x <= 0 (real)."""
    x, y = e.inputs
    gx = gy = None
    if x._dtype.is_complex:
        x, y = conj(x), conj(y)
    if needs(e, 0):
        gx = _mul(_mul(dy, y), pow(x, subtract(y, 1 if y._dtype.is_integer else 1.0)))
        gx = unbroadcast(gx, shape_of(x))
    if needs(e, 1):
        mask = not_equal(x, 0) if x._dtype.is_complex else greater(x, 0)
        safe_log = where(mask, log(where(mask, x, ones_like(x))), zeros_like(x))
        gy = unbroadcast(_mul(_mul(dy, conj(e.output)), safe_log), shape_of(y))
    return gx, gy


def _g_squared_difference(e, dy):
    x, y = e.inputs
    d = multiply(multiply(dy, 2.0 if x._dtype.is_floating else 2), subtract(x, y))
    return unbroadcast(d, shape_of(x)), unbroadcast(negative(d), shape_of(y))


def _zero_safe(dy, value):
    """`value` where dy != 0 and 0 where dy == 0 (TF's gradients do not turn 0 * inf into nan)."""
    return where(equal(dy, zeros_like(dy)), zeros_like(dy), value)


_g_neg = lambda e, dy: negative(dy)
_g_square = lambda e, dy: _mul(dy, _mul(conj(e.inputs[0]), convert_like(2 if e.inputs[0]._dtype.is_integer else 2.0,
                                                                          e.inputs[0]._dtype)))
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
_g_real = lambda e, dy: complex_(dy, zeros_like(dy))
_g_imag = lambda e, dy: complex_(zeros_like(dy), dy)
_g_conj = lambda e, dy: conj(dy)


def _g_abs(e, dy):
    x = e.inputs[0]
    if x._dtype.is_complex:
        return divide_no_nan(_mul(cast(dy, x._dtype), x), cast(e.output, x._dtype))   # TF: 0 at x = 0
    return multiply(dy, sign(x))


def _zeros_grad(e):
    return zeros_like(e.inputs[0])


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
    return negative(multiply(complex_(dy, zeros_like(dy)), z))


# ---- elementwise binary ----
_add_v2 = _binary("AddV2", "add", NUMERIC | {_dt.string}, _g_add)


def add(x, y, name=None):
    """`tf.add`: an operand that is not a tensor is converted with the other's dtype as a hint, falling back to
    its own dtype (TF's eager op conversion), so a mismatch is TF's IAE, from op Add for strings."""
    if type(x) is EagerTensor:
        if type(y) is not EagerTensor:
            y = convert_hinted(y, x._dtype)
    elif type(y) is EagerTensor or _tensor_like(y):
        y = tensor(y)
        x = convert_hinted(x, y._dtype)
    else:
        x = tensor(x)
        y = convert_hinted(y, x._dtype)
    if x._dtype is not y._dtype:
        op_name = "Add" if x._dtype is _dt.string else "AddV2"
        if x._dtype is not _dt.string:
            check_dtype(x, NUMERIC, op_name)
        raise op_error(InvalidArgumentError, op_name, dtype_error(op_name, 1, x._dtype, y._dtype))
    return _add_v2(x, y)
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
_left_shift = _binary("LeftShift", "left_shift", INTEGER, NOT_DIFFERENTIABLE)
_right_shift = _binary("RightShift", "right_shift", INTEGER, NOT_DIFFERENTIABLE)


def _shift(op, x, y):
    """TF clamps the shift amount to [0, bits - 1]."""
    x, y = match(x, y, op.op.name)
    if x._dtype not in INTEGER:
        check_dtype(x, INTEGER, op.op.name)
    bits = x._dtype.size * 8
    y = minimum(maximum(y, convert_to_tensor(0, y._dtype)), convert_to_tensor(bits - 1, y._dtype))
    return op(x, y)


def left_shift(x, y, name=None):
    return _shift(_left_shift, x, y)


def right_shift(x, y, name=None):
    return _shift(_right_shift, x, y)
_floordiv = _binary("FloorDiv", "floordiv", REAL, _g_floor_ops)
_floormod = _binary("FloorMod", "floormod", REAL, _g_floormod)
_truncatediv = _binary("TruncateDiv", "truncatediv", REAL, _g_floor_ops)
_truncatemod = _binary("TruncateMod", "truncatemod", REAL, None)  # TF registers no gradient
_pow = _binary("Pow", "pow", SIGNED, _g_pow)


def logical_xor(x, y, name="LogicalXor"):
    """(x | y) & ~(x & y), as TF composes it; non-tensor operands are converted to bool strictly."""
    x = x if isinstance(x, Tensor) else convert_like(x, _bool)
    y = y if isinstance(y, Tensor) else convert_like(y, _bool)
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


def _values(t):
    """The tensor's value (its example value while tracing) as numpy, for argument checks (not recorded)."""
    return ctx.backend.to_numpy(t._data)


def _check_int_zero(x, y, op_name):
    if x._dtype.is_integer and not _values(y).all():
        raise op_error(InvalidArgumentError, op_name, "Integer division by zero")


# floats: floor(x / y), as TF computes it (signed zeros, inf / finite = inf)
_floordiv_float_op = Op("FloorDiv", lambda b, x, y: b.floor(b.divide(x, y)), _g_floor_ops,
                        _explain_broadcast("FloorDiv"))


def floordiv(x, y, name=None):
    x, y = match(x, y, "FloorDiv")
    if x._dtype.is_floating:
        return apply(_floordiv_float_op, (x, y), x._dtype)
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
    if x._dtype.is_integer and 0 not in broadcast_shapes("Pow", shape_of(x), shape_of(y)) \
            and (_values(y) < 0).any():
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
        x, y = cast(x, target), cast(y, target)
    return _realdiv(x, y)


def divide(x, y, name=None):
    """`tf.divide` / `tf.math.divide`: a non-tensor `x` is converted to y's dtype strictly, then `x / y`."""
    if not isinstance(x, Tensor) and _tensor_like(y):
        y = tensor(y)
        x = convert_like(x, y._dtype)
    return truediv(x, y)


def divide_no_nan(x, y, name=None):
    """0 where y == 0, else x / y; integers are cast to float first, as truediv does."""
    x, y = match(x, y, "DivNoNan")
    target = _INT_TRUEDIV.get(x._dtype)
    if target is not None:
        x, y = cast(x, target), cast(y, target)
    elif x._dtype not in FLOAT_COMPLEX:
        check_dtype(x, FLOAT_COMPLEX, "DivNoNan")
    return _div_no_nan_op(x, y)


def _g_div_no_nan(e, dy):
    """TF's: (dy / y, dy * (-x / y) / y), each a div_no_nan, conjugated for complex."""
    x, y = conj(e.inputs[0]), conj(e.inputs[1])
    gx = unbroadcast(_div_no_nan_op(dy, y), shape_of(x)) if needs(e, 0) else None
    gy = (unbroadcast(_mul(dy, _div_no_nan_op(_div_no_nan_op(negative(x), y), y)), shape_of(y))
          if needs(e, 1) else None)
    return gx, gy


_div_no_nan_op = _binary("DivNoNan", "div_no_nan", FLOAT_COMPLEX, _g_div_no_nan)


def squared_difference(x, y, name=None):
    x, y = match(x, y, "SquaredDifference")
    if x._dtype not in _SQDIFF:
        check_dtype(x, _SQDIFF, "SquaredDifference")
    d = subtract(x, y)
    return multiply(d, conj(d)) if x._dtype.is_complex else square(d)


_SQDIFF = FLOAT | _dt.COMPLEX | {_dt.int32, _dt.int64}


def scalar_mul(scalar, x, name=None):
    return multiply(scalar, x)


# ---- elementwise unary ----
negative = _unary("Neg", "neg", SIGNED, _g_neg)
square = _unary("Square", "square", NUMERIC, _g_square)
sqrt = _unary("Sqrt", "sqrt", FLOAT_COMPLEX, _g_sqrt)
rsqrt = _unary("Rsqrt", "rsqrt", FLOAT_COMPLEX, _g_rsqrt)
_reciprocal = _unary("Reciprocal", "reciprocal", FLOAT_COMPLEX, _g_reciprocal)
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
digamma = _unary("Digamma", "digamma", FLOAT, lambda e, dy: multiply(dy, polygamma(1.0, e.inputs[0])))
floor = _unary("Floor", "floor", FLOAT, NOT_DIFFERENTIABLE)
ceil = _unary("Ceil", "ceil", FLOAT, NOT_DIFFERENTIABLE)
round = _unary("Round", "round", REAL, NOT_DIFFERENTIABLE, doc="Rounds half to even (banker's rounding).")
_rint = _unary("Rint", "round", FLOAT, NOT_DIFFERENTIABLE)


def rint(x, name=None):
    """Round half to even; TF has no CPU kernel for float16."""
    x = tensor(x)
    if x._dtype is _dt.float16:
        raise op_error(NotFoundError, "Rint", "Could not find device for node: {{node Rint}} = Rint[T=DT_HALF]")
    return _rint(x)
sign = _unary("Sign", "sign", SIGNED, _g_sign)
is_nan = _unary("IsNan", "isnan", FLOAT, NOT_DIFFERENTIABLE, lambda d: _bool)
is_inf = _unary("IsInf", "isinf", FLOAT, NOT_DIFFERENTIABLE, lambda d: _bool)
is_finite = _unary("IsFinite", "isfinite", FLOAT, NOT_DIFFERENTIABLE, lambda d: _bool)
logical_not = _unary("LogicalNot", "logical_not", BOOL, NOT_DIFFERENTIABLE)
invert = _unary("Invert", "invert", INTEGER, NOT_DIFFERENTIABLE)
conj_ = _unary("Conj", "conj", _dt.COMPLEX, _g_conj)
real_ = _unary("Real", "real", _dt.COMPLEX, _g_real, lambda d: d.real_dtype)
imag_ = _unary("Imag", "imag", _dt.COMPLEX, _g_imag, lambda d: d.real_dtype)
angle_ = _unary("Angle", "angle", _dt.COMPLEX, _g_angle, lambda d: d.real_dtype)
_abs = _unary("Abs", "abs", SIGNED_REAL | _dt.COMPLEX, _g_abs, lambda d: d.real_dtype)


def reciprocal(x, name=None):
    x = tensor(x)
    if x._dtype in _SIGNED_INT:
        raise op_error(NotFoundError, "Reciprocal", "Could not find device for node: {{node Reciprocal}} = "
                       f"Reciprocal[T=DT_{x._dtype.name.upper()}]")
    return _reciprocal(x)


def abs(x, name=None):
    return _abs(x)


def conj(x, name=None):
    x = tensor(x)
    if x._dtype.is_complex:
        return conj_(x)
    if x._dtype.is_floating or x._dtype.is_integer:
        return x
    raise TypeError(f"Expected numeric or variant tensor, got dtype {x._dtype!r}.")


def real(x, name=None):
    x = tensor(x)
    return real_(x) if x._dtype.is_complex else x


def imag(x, name=None):
    x = tensor(x)
    if x._dtype.is_complex:
        return imag_(x)
    return zeros_like(x)


def angle(x, name=None):
    x = tensor(x)
    if x._dtype.is_complex:
        return angle_(x)
    return where(less(x, 0), zeros_like(x) + 3.141592653589793, zeros_like(x))


def _g_complex(e, dy):
    x, y = e.inputs
    return unbroadcast(real(dy), shape_of(x)), unbroadcast(imag(dy), shape_of(y))


_complex_op = defop("Complex", lambda b, x, y: b.complex(x, y), _g_complex, _explain_broadcast("Complex"))


def complex_(real, imag, name=None):
    """`tf.complex`: float32 parts give complex64, float64 parts complex128."""
    x, y = tensor(real), tensor(imag)
    if x._dtype is not y._dtype or x._dtype not in (_f32, _f64):
        raise TypeError(f"The `real` and `imag` components have incorrect types: {x._dtype.name} {y._dtype.name}. "
                        "They must be consistent, and one of [tf.float32, tf.float64]")
    out = _dt.complex64 if x._dtype is _f32 else _dt.complex128
    return apply(_complex_op, (x, y), out)


# ---- reductions ----
def _g_reduce_sum(e, dy):
    shape = shape_of(e.inputs[0])
    axes = e.attrs["axes"]
    # dy broadcasts as it is when the reduced axes were leading ones (or it kept them)
    if not e.attrs["keepdims"] and axes != tuple(range(len(axes))):
        dy = reshape_to(dy, tuple(1 if i in axes else n for i, n in enumerate(shape)))
    return broadcast_to(dy, list(shape))


def _g_reduce_mean(e, dy):
    """The sum's gradient of dy / n: dividing before broadcasting gives the same values, on fewer elements."""
    shape = shape_of(e.inputs[0])
    n = 1
    for a in e.attrs["axes"]:
        n *= shape[a]
    return _g_reduce_sum(e, apply(_realdiv.op, (dy, convert_like(n, dy._dtype)), dy._dtype) if n else dy)


def _g_reduce_extreme(e, dy):
    """Ties share the gradient evenly (TF's reduce_max/min convention)."""
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
        return identity(x)
    if tf_name == "Mean" and x._dtype.is_complex and 0 in shape_of(x):  # TF: 0, not NaN, for complex
        return reduce_sum(x, axis, keepdims)
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
        x = cast(x, _dt.uint8)
    check_dtype(x, REAL, tf_name)
    shape = shape_of(x)
    axis = 0 if axis is None else int(axis if not isinstance(axis, Tensor) else axis._numpy())
    rank = len(shape)
    if not -rank <= axis < rank:
        raise op_error(InvalidArgumentError, tf_name,
                       f"Expected dimension in the range [{-rank}, {rank}), but got {axis}")
    axis %= rank
    output_type = _dt.as_dtype(output_type)
    if output_type not in _ARG_OUT:
        raise op_error(InvalidArgumentError, tf_name, f"Value for attr 'output_type' of {output_type._cname} is not "
                       "in the list of allowed values: int16, uint16, int32, int64")
    if x._dtype.is_floating:  # TF skips NaN: it never wins a comparison
        x = where(is_nan(x), convert_to_tensor(float("-inf" if tf_name == "ArgMax" else "inf"), x._dtype), x)
    if shape[axis] == 0:
        raise op_error(InvalidArgumentError, tf_name,
                       f"Reduction axis {axis} is empty in shape [{','.join(map(str, shape))}]")
    out = apply(_ARG_OPS[tf_name], (x,), _dt.int64, {"axis": axis})
    if output_type is not _dt.int64:
        out = cast(out, output_type)
    return out


_ARG_OUT = frozenset({_dt.int16, _dt.uint16, _dt.int32, _dt.int64})


_ARG_OPS = {"ArgMax": defop("ArgMax", lambda b, x, axis: b.argmax(x, axis), NOT_DIFFERENTIABLE),
            "ArgMin": defop("ArgMin", lambda b, x, axis: b.argmin(x, axis), NOT_DIFFERENTIABLE)}


@value_dependent("ArgMax")
def argmax(input, axis=None, output_type=_dt.int64, name=None):
    return _arg_reduce("ArgMax", "argmax", input, axis, output_type)


@value_dependent("ArgMin")
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


def _mm(a, b, ta=False, tb=False):
    """MatMul (transposes, no conjugation) of operands whose shapes the forward op already checked."""
    return apply(_matmul_op, (a, b), a._dtype, {"ta": ta, "tb": tb})


def _g_matmul(e, dy):
    """TF's: dy times the conjugated other operand, transposed as the forward op's attributes say."""
    x, y = e.inputs
    ta, tb = e.attrs["ta"], e.attrs["tb"]
    gx = gy = None
    if needs(e, 0):
        b = conj(y)
        gx = (_mm(dy, b, False, True) if not ta and not tb else _mm(dy, b) if not ta
              else _mm(b, dy, False, True) if not tb else _mm(b, dy, True, True))
        gx = unbroadcast(gx, shape_of(x))
    if needs(e, 1):
        a = conj(x)
        gy = (_mm(a, dy, True) if not ta and not tb else _mm(dy, a, True) if not ta
              else _mm(a, dy) if not tb else _mm(dy, a, True, True))
        gy = unbroadcast(gy, shape_of(y))
    return gx, gy


def _matmul_int_fwd(b, x, y, ta, tb):
    if ta:
        x = _swap(b, x)
    if tb:
        y = _swap(b, y)
    return b.matmul_int(x, y)


def _plain(kernel):
    """The backend kernel itself for untransposed operands (the graph executor's direct call)."""
    return lambda b, attrs: None if attrs["ta"] or attrs["tb"] else getattr(b, kernel)


_matmul_op = defop("MatMul", _matmul_fwd, _g_matmul, fast=_plain("matmul"))
# integers through their own kernel (torch has no integer matmul on CUDA); same TF op, not registered twice
_matmul_int_op = Op("MatMul", _matmul_int_fwd, _g_matmul, fast=_plain("matmul_int"))
_MIXED_INT8 = frozenset({_dt.int8, _dt.uint8})


def _dims(s):
    return "[" + ",".join(map(str, s)) + "]"


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False, name=None):
    """Matrix product of the two innermost dims, broadcasting batch dims."""
    if type(a) is not EagerTensor or type(b) is not EagerTensor:
        a = tensor(a)
        b = convert_like(b, a._dtype) if not isinstance(b, Tensor) else tensor(b)
    if output_type is not None:
        a, b = _matmul_output_type(a, b, _dt.as_dtype(output_type), transpose_a or adjoint_a,
                                   transpose_b or adjoint_b)
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
    op = _matmul_int_op if a._dtype.is_integer else _matmul_op
    return apply(op, (a, b), a._dtype, {"ta": ta, "tb": tb})


def _matmul_output_type(a, b, out, ta, tb):
    """TF's BatchMatMulV3 output types: the inputs' own dtype, or int32 from (u)int8 operands (computed as
    int32, exactly); any other combination has no CPU kernel."""
    if out is a._dtype and out is b._dtype:
        return a, b
    if out is _dt.int32 and a._dtype in _MIXED_INT8 and b._dtype in _MIXED_INT8:
        return cast(a, out), cast(b, out)
    flag = lambda v: "true" if v else "false"  # noqa: E731
    raise op_error(NotFoundError, "BatchMatMulV3", "Could not find device for node: {{node BatchMatMulV3}} = "
                   f"BatchMatMulV3[Ta=DT_{a._dtype.name.upper()}, Tb=DT_{b._dtype.name.upper()}, "
                   f"Tout=DT_{out.name.upper()}, adj_x={flag(ta)}, adj_y={flag(tb)}, grad_x=false, grad_y=false]")




# ---- n-ary sums ----
def _g_add_n(e, dy):
    return [dy] * len(e.inputs)


_add_n_op = defop("AddN", lambda b, *xs: _sum_arrays(b, xs), _g_add_n)


def _sum_arrays(b, xs):
    total = xs[0]
    for x in xs[1:]:
        total = b.add(total, x)
    return total


def add_n(inputs, name=None):
    """Elementwise sum of same-dtype, same-shape tensors (a tensor is iterated along its first axis)."""
    if isinstance(inputs, Tensor):
        inputs = [inputs[i] for i in range(shape_of(tensor(inputs))[0])] if inputs.shape.rank else []
    if not inputs or not hasattr(inputs, "__iter__"):
        raise ValueError("Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype "
                         "and shape.")
    xs = [tensor(inputs[0])]
    for v in list(inputs)[1:]:
        xs.append(convert_hinted(v, xs[0]._dtype))
    for i, x in enumerate(xs[1:], 1):
        if x._dtype is not xs[0]._dtype:
            raise op_error(InvalidArgumentError, "AddN", dtype_error("AddN", i, xs[0]._dtype, x._dtype))
        if shape_of(x) != shape_of(xs[0]):
            raise op_error(InvalidArgumentError, "AddN", "Inputs to operation AddN of type AddN must have the same "
                           f"size and shape.  Input 0: {_dims(shape_of(xs[0]))} != input {i}: {_dims(shape_of(x))}")
    if len(xs) == 1:
        return identity(xs[0])
    return apply(_add_n_op, tuple(xs), xs[0]._dtype)


def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
    """Deprecated in TF for `add_n`, which it now calls."""
    return add_n(inputs)


# ---- scans ----
_NUMBER_TYPES = ("float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, "
                 "qint16, quint16, uint16, complex128, half, uint32, uint64")


def _attr_error(op_name, attr, dtype, allowed_text):
    return op_error(InvalidArgumentError, op_name, f"Value for attr '{attr}' of {dtype._cname} is not in the list "
                    f"of allowed values: {allowed_text}\n\t; NodeDef: {{{{node {op_name}}}}}")


def _scan_fwd(kernel, identity):
    """A scan forward from the backend's inclusive scan: reversed by slicing, exclusive by shifting in `identity`."""
    def forward(b, x, axis, exclusive, reverse, dt):
        flip = (slice(None),) * axis + (slice(None, None, -1),)
        if reverse:
            x = b.index(x, flip)
        if exclusive and b.shape(x)[axis]:
            shape = b.shape(x)
            pad = b.full(shape[:axis] + (1,) + shape[axis + 1:], identity, dt, b.device_of(x))
            x = b.concat([pad, b.index(x, (slice(None),) * axis + (slice(0, shape[axis] - 1),))], axis)
        out = getattr(b, kernel)(x, axis)
        return b.index(out, flip) if reverse else out
    return forward


def _g_cumsum(e, dy):
    a = e.attrs
    return cumsum(dy, a["axis"], exclusive=a["exclusive"], reverse=not a["reverse"])


def _g_cumprod(e, dy):
    """TF's CumprodGrad: cumsum(cumprod(x) * dy, reversed) / x (not defined where x has zeros)."""
    x, a = e.inputs[0], e.attrs
    prod = cumprod(x, a["axis"], exclusive=a["exclusive"], reverse=a["reverse"])
    out = cumsum(multiply(prod, dy), a["axis"], exclusive=a["exclusive"], reverse=not a["reverse"])
    return divide(out, x)


_cumsum_op = defop("Cumsum", _scan_fwd("cumsum", 0), _g_cumsum)
_cumprod_op = defop("Cumprod", _scan_fwd("cumprod", 1), _g_cumprod)


def _scan(op, x, axis, exclusive, reverse):
    x = tensor(x)
    if x._dtype not in NUMERIC:
        raise _attr_error(op.name, "T", x._dtype, _NUMBER_TYPES)
    if isinstance(axis, (list, tuple)):
        raise op_error(InvalidArgumentError, op.name, f"ScanOp: axis must be a scalar, not [{len(axis)}]")
    axis = int(tensor(axis, _dt.int32)._numpy()) if not isinstance(axis, int) else axis
    rank = len(shape_of(x))
    if not -rank <= axis < rank:
        raise op_error(InvalidArgumentError, op.name, f"ScanOp: Expected scan axis in the range [{-rank}, {rank}), "
                       f"but got {axis + rank if axis < 0 else axis}")
    return apply(op, (x,), x._dtype, {"axis": axis % rank, "exclusive": bool(exclusive), "reverse": bool(reverse),
                                       "dt": x._dtype.name})


@value_dependent("Cumsum")
def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """Cumulative sum along `axis`; `exclusive` leaves out each element itself, `reverse` runs from the end."""
    return _scan(_cumsum_op, x, axis, exclusive, reverse)


@value_dependent("Cumprod")
def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """Cumulative product along `axis`, with cumsum's `exclusive` and `reverse`."""
    return _scan(_cumprod_op, x, axis, exclusive, reverse)


# ---- special functions ----
def _g_polygamma(e, dy):
    a, x = e.inputs
    return None, unbroadcast(multiply(dy, polygamma(add(a, 1.0 if a._dtype.is_floating else 1), x)), shape_of(x))


_polygamma_op = defop("Polygamma", lambda b, a, x: b.polygamma(a, x), _g_polygamma, _explain_broadcast("Polygamma"))


def polygamma(a, x, name=None):
    """psi^(a)(x): the a-th derivative of digamma, for integral a >= 0 (NaN otherwise)."""
    a, x = match(a, x, "Polygamma")
    check_dtype(a, _F32_F64, "Polygamma")
    broadcast_shapes("Polygamma", shape_of(a), shape_of(x))
    return apply(_polygamma_op, (a, x), x._dtype)


_F32_F64 = frozenset({_f32, _f64})


def _zero_where(b, mask, value, dtype):
    """`value` with 0 where `mask`, computed by kernels (the zero made on value's device)."""
    return b.where(mask, b.full((), 0, dtype, b.device_of(value)), value)


def _x_op(tf_name, combine, grad):
    """An op z = combine(x, y) where x != 0, and exactly 0 where x == 0 (TF's Xlogy, Xdivy, Xlog1py)."""
    def forward(b, x, y, dt):
        return _zero_where(b, b.equal(x, b.full((), 0, dt, b.device_of(x))), combine(b, x, y), dt)
    op = defop(tf_name, forward, grad, _explain_broadcast(tf_name))

    def fn(x, y, name=None):
        x, y = match(x, y, tf_name)
        if x._dtype not in FLOAT_COMPLEX:
            check_dtype(x, FLOAT_COMPLEX, tf_name)
        return apply(op, (x, y), x._dtype, {"dt": x._dtype.name})
    fn.__name__ = tf_name.lower()
    fn.__doc__ = f"TF's {tf_name}: 0 where x == 0 (even for y = 0 or NaN), else x * f(y)."
    return fn


def _not_zero(x):
    return _cast(not_equal(x, zeros_like(x)), x._dtype)


def _cast(x, dtype):
    return cast(x, dtype)


def _g_xlogy(e, dy):
    x, y = e.inputs
    return (unbroadcast(multiply(xlogy(_not_zero(x), y), dy), shape_of(x)),
            unbroadcast(multiply(xdivy(x, y), dy), shape_of(y)))


def _g_xdivy(e, dy):
    x, y = e.inputs
    return (unbroadcast(multiply(xdivy(_not_zero(x), y), dy), shape_of(x)),
            unbroadcast(multiply(xdivy(negative(x), square(y)), dy), shape_of(y)))


def _g_xlog1py(e, dy):
    x, y = e.inputs
    return (unbroadcast(multiply(xlog1py(_not_zero(x), y), dy), shape_of(x)),
            unbroadcast(multiply(xdivy(x, add(y, ones_like(y))), dy), shape_of(y)))


xlogy = _x_op("Xlogy", lambda b, x, y: b.multiply(x, b.log(y)), _g_xlogy)
xdivy = _x_op("Xdivy", lambda b, x, y: b.divide(x, y), _g_xdivy)
xlog1py = _x_op("Xlog1py", lambda b, x, y: b.multiply(x, b.log1p(y)), _g_xlog1py)


def _g_mul_no_nan(e, dy):
    x, y = e.inputs
    return (unbroadcast(multiply_no_nan(dy, y), shape_of(x)), unbroadcast(multiply_no_nan(x, dy), shape_of(y)))


_mul_no_nan_op = defop("MulNoNan", lambda b, x, y, dt: _zero_where(
    b, b.equal(y, b.full((), 0, dt, b.device_of(y))), b.multiply(x, y), dt), _g_mul_no_nan,
    _explain_broadcast("MulNoNan"))


def multiply_no_nan(x, y, name=None):
    """x * y, but exactly 0 where y == 0 even if x is inf or NaN."""
    x, y = match(x, y, "MulNoNan")
    if x._dtype not in FLOAT_COMPLEX:
        check_dtype(x, FLOAT_COMPLEX, "MulNoNan")
    return apply(_mul_no_nan_op, (x, y), x._dtype, {"dt": x._dtype.name})


# ---- clipping ----
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """max(min(t, clip_max), clip_min), as TF composes it: clip_min wins where clip_min > clip_max."""
    values = tensor(t)
    out = maximum(minimum(values, clip_value_max), clip_value_min)
    if shape_of(out) != shape_of(values):
        raise ValueError(f"Shapes {values.shape} and {out.shape} are incompatible")
    return out


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """t * clip_norm / max(l2norm(t over axes), clip_norm); a zero norm leaves t (no NaN)."""
    values = tensor(t)
    l2sum = reduce_sum(multiply(values, conj(values)) if values._dtype.is_complex else multiply(values, values),
                       axes, keepdims=True)
    pred = greater(l2sum, 0)
    l2norm = where(pred, sqrt(where(pred, l2sum, ones_like(l2sum))), l2sum)
    intermediate = multiply(values, clip_norm)
    return identity(truediv(intermediate, maximum(l2norm, clip_norm)))


def global_norm(t_list, name=None):
    """sqrt of the sum of the squares of every element of every (non-None) tensor of t_list."""
    if not isinstance(t_list, (list, tuple)):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    halves = [divide(reduce_sum(square(tensor(v))), 2.0 if tensor(v)._dtype.is_floating else 2)
              for v in t_list if v is not None]
    return sqrt(multiply(reduce_sum(stack(halves)), 2.0))


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """(t_list scaled by clip_norm / max(global_norm, clip_norm), global_norm); None entries pass through,
    an infinite norm gives NaN everywhere (TF's convention)."""
    if not isinstance(t_list, (list, tuple)) or isinstance(t_list, str):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    if use_norm is None:
        use_norm = global_norm(t_list)
    use_norm = tensor(use_norm)
    one = convert_to_tensor(1.0, use_norm._dtype)
    clip = convert_to_tensor(clip_norm, use_norm._dtype)
    scale = multiply(clip, minimum(divide(one, use_norm), divide(one, clip)))
    scale = add(scale, subtract(use_norm, use_norm))  # NaN for an infinite norm
    out = [None if v is None else identity(multiply(tensor(v), cast(scale, tensor(v)._dtype))) for v in t_list]
    return out, use_norm


# ---- derived reductions ----
def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """log(sum(exp(x))) computed stably around the (finite) max, which does not receive a gradient."""
    x = tensor(input_tensor)
    raw_max = reduce_max(x, axis, keepdims=True)
    my_max = stop_gradient(where(is_finite(raw_max), raw_max, zeros_like(raw_max)))
    result = log(reduce_sum(exp(subtract(x, my_max)), axis, keepdims=keepdims))
    if not keepdims:
        my_max = reshape(my_max, list(shape_of(result)))
    return add(result, my_max)


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """Mean squared deviation from the mean (complex: of the modulus); integers are rejected."""
    x = tensor(input_tensor)
    if x._dtype.is_integer:
        raise TypeError(f"Input must be either real or complex. Received integer type {x._dtype}.")
    means = reduce_mean(x, axis, keepdims=True)
    diff = subtract(x, means)
    sq = real(multiply(diff, conj(diff))) if diff._dtype.is_complex else square(diff)
    return reduce_mean(sq, axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """sqrt(reduce_variance)."""
    return sqrt(reduce_variance(input_tensor, axis, keepdims))


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    """sqrt(sum(|x|^2)) over axis; integers give the truncated integer root, complex a complex result."""
    x = tensor(input_tensor)
    if x._dtype.is_integer:
        s = reduce_sum(multiply(x, x), axis, keepdims=keepdims)
        return _cast(sqrt(_cast(s, _f64)), x._dtype)
    if x._dtype.is_complex:
        return sqrt(reduce_sum(multiply(x, conj(x)), axis, keepdims=keepdims))
    return sqrt(reduce_sum(square(x), axis, keepdims=keepdims))


def count_nonzero(input, axis=None, keepdims=None, dtype=_dt.int64, name=None):
    """The number of elements != 0 (or != '' for strings; NaN counts) over axis, as `dtype`."""
    x = tensor(input)
    zero = "" if x._dtype is _dt.string else False if x._dtype is _bool else 0
    nz = not_equal(x, convert_to_tensor(zero, x._dtype))
    return reduce_sum(_cast(nz, _dt.as_dtype(dtype)), axis, keepdims=bool(keepdims))


# ---- the tf namespace ----
_EXPORTS = {
    "add": ("add", "math.add"), "subtract": ("subtract", "math.subtract"), "multiply": ("multiply", "math.multiply"),
    "divide": ("divide", "math.divide"), "truediv": ("truediv", "math.truediv"), "realdiv": ("realdiv",),
    "truncatediv": ("truncatediv",), "truncatemod": ("truncatemod",), "floordiv": ("math.floordiv",),
    "floormod": ("math.floormod", "math.mod"), "pow": ("pow", "math.pow"), "scalar_mul": ("scalar_mul", "math.scalar_mul"),
    "maximum": ("maximum", "math.maximum"), "minimum": ("minimum", "math.minimum"), "atan2": ("atan2", "math.atan2"),
    "squared_difference": ("math.squared_difference",), "divide_no_nan": ("math.divide_no_nan",),
    "multiply_no_nan": ("math.multiply_no_nan",), "xlogy": ("math.xlogy",), "xdivy": ("math.xdivy",),
    "xlog1py": ("math.xlog1py",), "polygamma": ("math.polygamma",),
    "equal": ("equal", "math.equal"), "not_equal": ("not_equal", "math.not_equal"), "less": ("less", "math.less"),
    "less_equal": ("less_equal", "math.less_equal"), "greater": ("greater", "math.greater"),
    "greater_equal": ("greater_equal", "math.greater_equal"), "logical_and": ("logical_and", "math.logical_and"),
    "logical_or": ("logical_or", "math.logical_or"), "logical_not": ("logical_not", "math.logical_not"),
    "logical_xor": ("math.logical_xor",),
    "bitwise_and": ("bitwise.bitwise_and",), "bitwise_or": ("bitwise.bitwise_or",),
    "bitwise_xor": ("bitwise.bitwise_xor",), "invert": ("bitwise.invert",), "left_shift": ("bitwise.left_shift",),
    "right_shift": ("bitwise.right_shift",),
    "negative": ("negative", "math.negative"), "abs": ("abs", "math.abs"), "sign": ("sign", "math.sign"),
    "square": ("square", "math.square"), "sqrt": ("sqrt", "math.sqrt"), "rsqrt": ("math.rsqrt",),
    "reciprocal": ("math.reciprocal",), "exp": ("exp", "math.exp"), "expm1": ("math.expm1",), "log": ("math.log",),
    "log1p": ("math.log1p",), "sin": ("sin", "math.sin"), "cos": ("cos", "math.cos"), "tan": ("tan", "math.tan"),
    "asin": ("asin", "math.asin"), "acos": ("acos", "math.acos"), "atan": ("atan", "math.atan"),
    "sinh": ("sinh", "math.sinh"), "cosh": ("cosh", "math.cosh"), "tanh": ("tanh", "math.tanh", "nn.tanh"),
    "asinh": ("asinh", "math.asinh"), "acosh": ("acosh", "math.acosh"), "atanh": ("atanh", "math.atanh"),
    "sigmoid": ("sigmoid", "math.sigmoid"), "erf": ("math.erf",), "erfc": ("math.erfc",),
    "lgamma": ("math.lgamma",), "digamma": ("math.digamma",), "floor": ("floor", "math.floor"),
    "ceil": ("math.ceil",), "round": ("round", "math.round"), "rint": ("math.rint",),
    "is_nan": ("math.is_nan",), "is_inf": ("math.is_inf",), "is_finite": ("math.is_finite",),
    "real": ("math.real",), "imag": ("math.imag",), "conj": ("math.conj",), "angle": ("math.angle",),
    "complex_": ("complex",),
    "reduce_sum": ("reduce_sum", "math.reduce_sum"), "reduce_mean": ("reduce_mean", "math.reduce_mean"),
    "reduce_max": ("reduce_max", "math.reduce_max"), "reduce_min": ("reduce_min", "math.reduce_min"),
    "reduce_prod": ("reduce_prod", "math.reduce_prod"), "reduce_all": ("reduce_all", "math.reduce_all"),
    "reduce_any": ("reduce_any", "math.reduce_any"),
    "reduce_logsumexp": ("reduce_logsumexp", "math.reduce_logsumexp"), "reduce_std": ("math.reduce_std",),
    "reduce_variance": ("math.reduce_variance",), "reduce_euclidean_norm": ("math.reduce_euclidean_norm",),
    "count_nonzero": ("math.count_nonzero",), "argmax": ("argmax", "math.argmax"),
    "argmin": ("argmin", "math.argmin"), "cumsum": ("cumsum", "math.cumsum"), "cumprod": ("math.cumprod",),
    "add_n": ("add_n", "math.add_n"), "accumulate_n": ("math.accumulate_n",),
    "matmul": ("matmul", "linalg.matmul"), "clip_by_value": ("clip_by_value",), "clip_by_norm": ("clip_by_norm",),
    "clip_by_global_norm": ("clip_by_global_norm",), "global_norm": ("linalg.global_norm",),
}
for _name, _paths in _EXPORTS.items():
    tf_export(*_paths)(globals()[_name])
del _name, _paths
