"""Neural-network ops (`tf.nn`): activations and softmax, with their gradients."""
from ..framework import dtypes as _dt
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, defop
from . import math_ops as M
from .common import FLOAT, REAL, check_dtype, shape_of, tensor


def _g_relu(e, dy):
    from .array_ops import where, zeros_like
    x = e.inputs[0]
    return where(M.greater(x, zeros_like(x)), dy, zeros_like(dy))


_relu_op = defop("Relu", lambda b, x: b.relu(x), _g_relu)


def relu(features, name=None):
    x = tensor(features)
    if x._dtype not in REAL:
        check_dtype(x, REAL, "Relu")
    return apply(_relu_op, (x,), x._dtype)


def _axis(x, axis):
    r = len(shape_of(x))
    a = -1 if axis is None else int(axis)
    if not -r <= a < r:
        raise op_error(InvalidArgumentError, "Softmax",
                       f"Expected dimension in the range [{-r}, {r}), but got {a}" if r else
                       "logits must have >= 1 dimension, got []")
    return a % r


def _g_softmax(e, dy):
    y, a = e.output, e.attrs["axis"]
    return M.multiply(y, M.subtract(dy, M.reduce_sum(M.multiply(dy, y), a, keepdims=True)))


def _g_log_softmax(e, dy):
    a = e.attrs["axis"]
    return M.subtract(dy, M.multiply(M.exp(e.output), M.reduce_sum(dy, a, keepdims=True)))


_softmax_op = defop("Softmax", lambda b, x, axis: b.softmax(x, axis), _g_softmax)
_log_softmax_op = defop("LogSoftmax", lambda b, x, axis: b.log_softmax(x, axis), _g_log_softmax)


def softmax(logits, axis=None, name=None):
    x = tensor(logits)
    check_dtype(x, FLOAT, "Softmax")
    return apply(_softmax_op, (x,), x._dtype, {"axis": _axis(x, axis)})


def log_softmax(logits, axis=None, name=None):
    x = tensor(logits)
    check_dtype(x, FLOAT, "LogSoftmax")
    return apply(_log_softmax_op, (x,), x._dtype, {"axis": _axis(x, axis)})


sigmoid = M.sigmoid
tanh = M.tanh
