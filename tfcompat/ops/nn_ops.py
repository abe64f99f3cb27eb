"""Neural-network ops (`tf.nn`): activations, softmax, bias_add, dropout and embedding lookup.

Kernel ops carry TF's own gradients (Relu6Grad, EluGrad, ...), written in tfcompat ops; the ops TF
itself writes in Python (gelu, silu, crelu, log_sigmoid) are composed the same way here.
Normalisation lives in `norm_ops`, the losses in `loss_ops` (imported at the end).
"""
from ..graph.runtime import value_dependent
import numbers

import numpy as np

from ..framework import dtypes as _dt
from ..framework.errors import AbortedError, InvalidArgumentError, op_error
from ..framework.op import apply, defop
from ..framework.tensor import Tensor
from ..util.export import tf_export
from . import array_ops as A
from . import math_ops as M
from .common import shape_of, static_int, tensor

_f32 = _dt.float32
# dtypes of TF's Relu/Relu6 (REAL without the quantized ones)
_NARROW = frozenset({_dt.float16, _dt.bfloat16, _f32})  # softmax runs on oneDNN on TF's CPU
_SELU_SCALE, _SELU_ALPHA = 1.0507009873554805, 1.6732632423543772


def _zeros(t):
    return A.zeros_like(t)


# ---------------------------------------------------------------- activations (kernel ops)
def _g_relu(e, dy):
    return apply(_relu_grad_op, (dy, e.output), dy._dtype)


def _g_relu_grad(e, ddx):
    y = e.inputs[1]
    return apply(_relu_grad_op, (ddx, y), ddx._dtype), _zeros(y)


def _g_relu6(e, dy):
    x = e.inputs[0]
    inside = M.logical_and(M.greater(x, _zeros(x)), M.less(x, M.add(_zeros(x), 6)))
    return A.where(inside, dy, _zeros(dy))


def _g_elu(e, dy):
    y = e.output
    return A.where(M.less(y, _zeros(y)), M.multiply(dy, M.add(y, 1.0)), dy)


def _g_selu(e, dy):
    y = e.output
    return A.where(M.less(y, _zeros(y)), M.multiply(dy, M.add(y, _SELU_SCALE * _SELU_ALPHA)),
                   M.multiply(dy, _SELU_SCALE))


def _g_leaky_relu(e, dy):
    x = e.inputs[0]
    return A.where(M.greater(x, _zeros(x)), dy, M.multiply(dy, e.attrs["alpha"]))


def _g_softsign(e, dy):
    return M.divide(dy, M.square(M.add(M.abs(e.inputs[0]), 1.0)))


def _g_softplus(e, dy):
    return M.multiply(dy, M.sigmoid(e.inputs[0]))


_relu_op = defop("Relu", lambda b, x: b.relu(x), _g_relu)
_relu_grad_op = defop("ReluGrad", lambda b, dy, y: b.relu_grad(dy, y), _g_relu_grad)
_relu6_op = defop("Relu6", lambda b, x: b.relu6(x), _g_relu6)
_elu_op = defop("Elu", lambda b, x: b.elu(x), _g_elu)
_selu_op = defop("Selu", lambda b, x: b.selu(x), _g_selu)
_leaky_op = defop("LeakyRelu", lambda b, x, alpha: b.leaky_relu(x, alpha), _g_leaky_relu)
_softsign_op = defop("Softsign", lambda b, x: b.softsign(x), _g_softsign)
_softplus_op = defop("Softplus", lambda b, x: b.softplus(x), _g_softplus)


def check(x, names, op_name, attr="T"):
    """TF's 'Value for attr' IAE unless x's dtype is in `names` (TF's C names, in TF's order)."""
    if x._dtype._cname not in names:
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr '{attr}' of {x._dtype._cname} is not in the list of allowed values: "
                       f"{', '.join(names)}\n\t; NodeDef: {{{{node {op_name}}}}}")


RELU_T = ("float", "double", "int32", "uint8", "int16", "int8", "int64", "bfloat16", "uint16", "half",
          "uint32", "uint64")
FLOAT_T = ("half", "bfloat16", "float", "double")


def _unary(op, names, x):
    x = tensor(x)
    check(x, names, op.name)
    return apply(op, (x,), x._dtype)


@tf_export("nn.relu")
def relu(features, name=None):
    return _unary(_relu_op, RELU_T + ("qint8",), features)


@tf_export("nn.relu6")
def relu6(features, name=None):
    return _unary(_relu6_op, RELU_T, features)


@tf_export("nn.elu")
def elu(features, name=None):
    return _unary(_elu_op, FLOAT_T, features)


@tf_export("nn.selu")
def selu(features, name=None):
    return _unary(_selu_op, FLOAT_T, features)


@tf_export("nn.softsign", "math.softsign")
def softsign(features, name=None):
    return _unary(_softsign_op, FLOAT_T, features)


@tf_export("nn.softplus", "math.softplus")
def softplus(features, name=None):
    return _unary(_softplus_op, FLOAT_T, features)


@tf_export("nn.leaky_relu")
def leaky_relu(features, alpha=0.2, name=None):
    """Integers are cast to float32 first (as TF does); `alpha` is a float32 attribute."""
    x = tensor(features)
    if x._dtype.is_integer:
        x = A.cast(x, _f32)
    check(x, FLOAT_T, "LeakyRelu")
    return apply(_leaky_op, (x,), x._dtype, {"alpha": float(np.float32(alpha))})


# ---------------------------------------------------------------- activations (composite, as TF's Python)
@tf_export("nn.gelu")
def gelu(features, approximate=False, name=None):
    x = tensor(features)
    if not x._dtype.is_floating:
        raise ValueError(f"`features.dtype` must be a floating point tensor.Received:features.dtype={x._dtype!r}")
    half = M.multiply(0.5, x)
    if approximate:
        cube = M.multiply(M.pow(x, 3.0), 0.044715)
        return M.multiply(half, M.add(1.0, M.tanh(M.multiply(0.7978845608028654, M.add(x, cube)))))
    return M.multiply(half, M.erfc(M.multiply(M.negative(x), 0.7071067811865476)))


@tf_export("nn.silu", "nn.swish")
def silu(features, beta=1.0, name=None):
    x = tensor(features)
    b = A.cast(tensor(beta), x._dtype)
    return M.multiply(x, M.sigmoid(M.multiply(b, x)))


swish = silu


@tf_export("nn.crelu")
def crelu(features, name=None, axis=-1):
    x = tensor(features)
    return relu(A.concat([x, M.negative(x)], axis))


@tf_export("math.log_sigmoid")
def log_sigmoid(x, name=None):
    return M.negative(softplus(M.negative(tensor(x))))


sigmoid = M.sigmoid
tanh = M.tanh


# ---------------------------------------------------------------- softmax / log_softmax
def _softmax_fwd(b, x, onednn):
    y = b.softmax(x, -1)
    return _onednn_nan_rows(b, x, y, onednn) if onednn else y


def _onednn_nan_rows(b, x, y, dtype):
    """TF's oneDNN softmax (float32 and narrower): a row with a NaN or +inf logit is NaN there and 0
    elsewhere, where the plain formula makes the whole row NaN. Only rows with a NaN output change."""
    if not bool(b.to_numpy(b.reduce_any(b.isnan(y), tuple(range(len(b.shape(y)))), False))):
        return y
    zero = b.full((), 0, dtype, b.device_of(x))
    bad = b.logical_or(b.isnan(x), b.logical_and(b.isinf(x), b.greater(x, zero)))
    row_bad = b.reduce_any(bad, (len(b.shape(x)) - 1,), True)
    return b.where(b.logical_and(row_bad, b.logical_not(bad)), zero, y)


def _g_softmax(e, dy):
    y = e.output
    return M.multiply(y, M.subtract(dy, M.reduce_sum(M.multiply(dy, y), -1, keepdims=True)))


def _g_log_softmax(e, dy):
    return M.subtract(dy, M.multiply(M.exp(e.output), M.reduce_sum(dy, -1, keepdims=True)))


_softmax_op = defop("Softmax", _softmax_fwd, _g_softmax)
_log_softmax_op = defop("LogSoftmax", lambda b, x: b.log_softmax(x, -1), _g_log_softmax)


def _last_axis_op(x, axis, op_name, run):
    """TF's _wrap_2d_function: the op runs on the last axis; another `axis` is swapped there and back."""
    x = tensor(x)
    r = len(shape_of(x))
    a = -1 if axis is None else static_int(axis)
    if a == -1 or a == r - 1:
        return run(x)
    if not -r <= a < r:
        raise InvalidArgumentError(None, None, f"`dim` must be in the range [{-r}, {r}) where {r} is the number "
                                               f"of dimensions in the input. Received: dim={a}")
    a %= r
    perm = list(range(r))
    perm[a], perm[-1] = r - 1, a
    return A.transpose(run(A.transpose(x, perm)), perm)


def _softmax(x):
    check(x, FLOAT_T, "Softmax")
    r = len(shape_of(x))
    onednn = x._dtype in _NARROW
    if onednn and not 1 <= r <= 5:
        raise op_error(AbortedError, "Softmax", "Input dims must be <= 5 and >=1")
    if r == 0:
        raise op_error(InvalidArgumentError, "Softmax", "logits must have >= 1 dimension, got []")
    if 0 in shape_of(x):
        return A.identity(x)
    return apply(_softmax_op, (x,), x._dtype, {"onednn": x._dtype.name if onednn else None})


def _log_softmax(x):
    check(x, FLOAT_T, "LogSoftmax")
    if not shape_of(x):
        raise op_error(InvalidArgumentError, "LogSoftmax", "logits must have >= 1 dimension, got []")
    if 0 in shape_of(x):
        return A.identity(x)
    return apply(_log_softmax_op, (x,), x._dtype)


@tf_export("nn.softmax", "math.softmax")
@value_dependent("Softmax")
def softmax(logits, axis=None, name=None):
    return _last_axis_op(logits, axis, "Softmax", _softmax)


@tf_export("nn.log_softmax", "math.log_softmax")
@value_dependent("LogSoftmax")
def log_softmax(logits, axis=None, name=None):
    return _last_axis_op(logits, axis, "LogSoftmax", _log_softmax)


# ---------------------------------------------------------------- bias_add
_BIAS_ADD_T = ("float", "double", "int32", "uint8", "int16", "int8", "complex64", "int64", "qint8", "quint8",
               "qint32", "bfloat16", "qint16", "quint16", "uint16", "complex128", "half", "uint32", "uint64")


@tf_export("nn.bias_add")
def bias_add(value, bias, data_format=None, name=None):
    """`value + bias` along the channel axis: the last one, or axis 1 for data formats starting 'NC'."""
    x = tensor(value)
    b = tensor(bias) if isinstance(bias, Tensor) else M.match(x, bias, "BiasAdd")[1]
    check(x, _BIAS_ADD_T, "BiasAdd")
    if b._dtype is not x._dtype:
        from ..framework.convert import dtype_error
        raise op_error(InvalidArgumentError, "BiasAdd", dtype_error("BiasAdd", 1, x._dtype, b._dtype))
    xs, bs = shape_of(x), shape_of(b)
    if len(xs) < 2:
        raise op_error(InvalidArgumentError, "BiasAdd", f"Input tensor must be at least 2D: {_dims(xs)}")
    if len(bs) != 1:
        raise op_error(InvalidArgumentError, "BiasAdd", f"Biases must be 1D: {_dims(bs)}")
    channel = 1 if str(data_format or "NHWC").startswith("NC") and len(xs) > 2 else len(xs) - 1
    if bs[0] != xs[channel]:
        raise op_error(InvalidArgumentError, "BiasAdd", "Must provide as many biases as the last dimension "
                       f"of the input tensor: {_dims(bs)} vs. {_dims(xs)}")
    if channel != len(xs) - 1:
        b = A.reshape(b, [bs[0]] + [1] * (len(xs) - channel - 1))
    return M.add(x, b)


def _dims(s):
    return "[" + ",".join(map(str, s)) + "]"


# ---------------------------------------------------------------- dropout
@tf_export("nn.dropout")
@value_dependent("Dropout")
def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """Zeroes elements with probability `rate` (uniform draws >= rate are kept) and scales the rest by
    1/(1-rate). Values are tfcompat's random numbers, not TF's Philox ones."""
    from . import random_ops
    is_number = isinstance(rate, numbers.Real) and not isinstance(rate, Tensor)
    if is_number and (rate < 0 or rate >= 1):
        raise ValueError(f"`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate={rate}")
    x = tensor(x)
    if not x._dtype.is_floating:
        raise ValueError(f"`x.dtype` must be a floating point tensor as `x` will be scaled. "
                         f"Received: x_dtype={x._dtype!r}")
    if is_number and rate == 0:
        return x
    if is_number:
        ret = M.multiply(x, tensor(1 / (1 - rate), x._dtype))
    elif isinstance(rate, Tensor):
        rate = A.cast(rate, x._dtype)
        ret = M.divide(x, M.subtract(tensor(1, x._dtype), rate))
    else:
        raise ValueError(f"`rate` must be a scalar or scalar tensor. Received: rate={rate}")
    shape = shape_of(x) if noise_shape is None else [
        d if d is not None else s for d, s in zip(_static_shape(noise_shape), shape_of(x))] \
        if len(_static_shape(noise_shape)) == len(shape_of(x)) else _static_shape(noise_shape)
    keep = M.greater_equal(random_ops.uniform(list(shape), dtype=x._dtype, seed=seed), rate)
    return A.where(keep, ret, tensor(0, x._dtype))


def _static_shape(s):
    if isinstance(s, Tensor):
        return [int(v) for v in s._numpy().reshape(-1)]
    if hasattr(s, "as_list"):
        return s.as_list()
    return [None if d is None else int(d) for d in s]


# ---------------------------------------------------------------- embedding_lookup
@tf_export("nn.embedding_lookup")
@value_dependent("EmbeddingLookup")
def embedding_lookup(params, ids, max_norm=None, name=None):
    """Rows of `params` (a tensor, a variable, or a list of partitions split TF's "div" way) at `ids`."""
    if isinstance(params, (list, tuple)):
        if not params:
            raise ValueError("Length of params is currently 0. Need at least one param.")
        parts = list(params)
    else:
        parts = [params]
    ids = tensor(ids)
    if len(parts) == 1 or 0 in shape_of(ids):
        out = A.gather(parts[0], ids)
    else:
        out = _partitioned_lookup([tensor(p) for p in parts], ids)
    if max_norm is not None:
        out = _clip_rows(out, max_norm, len(shape_of(ids)))
    return out


def _partitioned_lookup(parts, ids):
    """TF's 'div' strategy: ids are assigned to partitions in contiguous blocks by the total row count."""
    flat = ids._numpy().reshape(-1).astype(np.int64)
    n, total = len(parts), sum(shape_of(p)[0] for p in parts)
    per, extras = total // n, total % n
    assign = np.maximum(flat // (per + 1), (flat - extras) // per if per else flat)
    local = np.where(assign < extras, flat % (per + 1), (flat - extras) % per if per else flat)
    bad = np.nonzero((assign < 0) | (assign >= n))[0]
    if bad.size:
        i = int(bad[0])
        raise op_error(InvalidArgumentError, "DynamicPartition", f"partitions[{i}] = {int(assign[i])} is not in [0, {n})")
    pieces, order = [], []
    for p in range(n):
        pos = np.nonzero(assign == p)[0]
        if pos.size:
            pieces.append(A.gather(parts[p], tensor(local[pos].astype(ids._numpy().dtype))))
            order.append(pos)
    inverse = np.argsort(np.concatenate(order), kind="stable").astype(np.int32)
    rows = A.gather(A.concat(pieces, 0), tensor(inverse))
    return A.reshape(rows, list(shape_of(ids)) + list(shape_of(rows)[1:]))


def _clip_rows(t, max_norm, ids_rank):
    """TF's clip_by_norm over each looked-up embedding (the axes after the ids' ones)."""
    axes = list(range(ids_rank, len(shape_of(t))))
    if not axes:
        return t
    clip = A.cast(tensor(max_norm), t._dtype)
    l2sum = M.reduce_sum(M.multiply(t, t), axes, keepdims=True)
    pred = M.greater(l2sum, _zeros(l2sum))
    l2norm = A.where(pred, M.sqrt(A.where(pred, l2sum, A.ones_like(l2sum))), l2sum)
    return M.divide(M.multiply(t, clip), M.maximum(l2norm, clip))


from . import loss_ops, norm_ops  # noqa: E402,F401 (their @tf_export entries register here)
