"""Python operators of `tf.Tensor` and `tf.Variable`, with TF's conversion rules per operator."""
from ..framework import dtypes as _dt
from ..framework.convert import convert_hinted, convert_like
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import EagerTensor, Tensor
from ..framework.variables import Variable
from . import array_ops, math_ops as M
from .common import broadcast_shapes, shape_of, tensor


def _add(x, y):
    """`x + y` converts `y` with x's dtype as a hint: a mismatch is an IAE from AddV2, not a TypeError."""
    if type(x) is not EagerTensor:
        x = tensor(x)
    if type(y) is not EagerTensor:
        y = convert_hinted(y, x._dtype)
    return M.add(x, y)


def _radd(y, x):
    y = tensor(y)
    return M.add(convert_like(x, y._dtype), y)


def _rtruediv(y, x):
    """`x / y` with a non-tensor `x`: converted to y's dtype strictly, as TF's reflected operators do."""
    y = tensor(y)
    return M.truediv(convert_like(x, y._dtype), y)


def _logical_or_bitwise(logical, bitwise):
    def op(x, y):
        x, y = M.match(x, y, bitwise.op.name)
        return (logical if x._dtype is _dt.bool_ else bitwise)(x, y)
    return op


_and = _logical_or_bitwise(M.logical_and, M.bitwise_and)
_or = _logical_or_bitwise(M.logical_or, M.bitwise_or)


def _xor(x, y):
    x, y = M.match(x, y, "BitwiseXor")
    return M.logical_xor(x, y) if x._dtype is _dt.bool_ else M.bitwise_xor(x, y)


def _invert(x):
    x = tensor(x)
    return M.logical_not(x) if x._dtype is _dt.bool_ else M.invert(x)


def _eq_ne(fn, incompatible):
    def op(x, y):
        if y is None:
            return incompatible
        x, y = M.match(x, y, "Equal" if fn is M.equal else "NotEqual")
        try:
            broadcast_shapes("Equal", shape_of(x), shape_of(y))
        except InvalidArgumentError:
            return array_ops.EagerTensor(array_ops.ctx.backend.full((), incompatible, "bool", None), _dt.bool_)
        return fn(x, y)
    return op


def _tensor_like(v):
    return isinstance(v, (Tensor, Variable))


def _mul(x, y):
    """`x * y`: with a bool tensor operand, TF multiplies both as int32 and casts the product to bool (PR-12);
    a Python operand first takes the tensor's dtype, as for every operator."""
    if getattr(x, "_dtype", None) is not _dt.bool_ and getattr(y, "_dtype", None) is not _dt.bool_:
        return M.multiply(x, y)  # tensors and Variables keep their dtype in _dtype
    if not (_tensor_like(x) and _tensor_like(y)):
        x, y = M.match(x, y, "Mul")
    i32 = _dt.int32
    return array_ops.cast(M.multiply(array_ops.cast(x, i32), array_ops.cast(y, i32)), _dt.bool_)


def _flip(fn):
    return lambda self, other: fn(other, self)


def _matmul(x, y):
    return M.matmul(x, y)


OPERATORS = {
    "__add__": _add, "__radd__": _radd,
    "__sub__": M.subtract, "__rsub__": _flip(M.subtract),
    "__mul__": _mul, "__rmul__": _flip(_mul),
    "__truediv__": M.truediv, "__rtruediv__": _rtruediv,
    "__floordiv__": M.floordiv, "__rfloordiv__": _flip(M.floordiv),
    "__mod__": M.floormod, "__rmod__": _flip(M.floormod),
    "__pow__": M.pow, "__rpow__": _flip(M.pow),
    "__matmul__": _matmul, "__rmatmul__": _flip(_matmul),
    "__and__": _and, "__rand__": _flip(_and), "__or__": _or, "__ror__": _flip(_or),
    "__xor__": _xor, "__rxor__": _flip(_xor),
    "__lt__": M.less, "__le__": M.less_equal, "__gt__": M.greater, "__ge__": M.greater_equal,
    "__eq__": _eq_ne(M.equal, False), "__ne__": _eq_ne(M.not_equal, True),
    "__neg__": M.negative, "__abs__": M.abs, "__invert__": _invert,
    "__getitem__": array_ops.getitem,
}


def install(cls):
    """Attaches the operator table to a tensor-like class (methods the class defines itself win)."""
    for name, fn in OPERATORS.items():
        if name not in cls.__dict__:
            setattr(cls, name, fn)
    cls.OVERLOADABLE_OPERATORS = frozenset(OPERATORS)


install(Tensor)
