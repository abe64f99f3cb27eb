"""Losses of `tf.nn`: sigmoid/weighted/softmax/sparse-softmax cross entropy, log-Poisson and l2_loss.

The softmax cross entropies are ops of their own with TF's gradients (softmax - labels, which
assumes labels that sum to 1); the others are composed of tfcompat ops in TF's stable forms.
"""
import math

import numpy as np

from ..framework import dtypes as _dt
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, defop
from ..util.export import tf_export
from . import array_ops as A
from . import math_ops as M
from .common import broadcast_shapes, shape_of, tensor
from .nn_ops import FLOAT_T, check, relu

_f32 = _dt.float32
_NARROW = (_dt.float16, _dt.bfloat16)


def _same_shape(logits, labels, what="`logits` and `labels`"):
    if shape_of(logits) != shape_of(labels):
        raise ValueError(f"{what} must have the same shape, received ({logits.shape} vs {labels.shape}).")


@tf_export("nn.sigmoid_cross_entropy_with_logits")
def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """max(x, 0) - x * z + log1p(exp(-|x|)): stable for any logit."""
    if labels is None or logits is None:
        raise ValueError("Both `labels` and `logits` must be provided for sigmoid_cross_entropy_with_logits"
                         f"Received: labels={labels} and logits={logits}")
    logits, labels = tensor(logits), tensor(labels)
    _same_shape(logits, labels)
    zeros = A.zeros_like(logits)
    cond = M.greater_equal(logits, zeros)
    relu_logits = A.where(cond, logits, zeros)
    neg_abs_logits = A.where(cond, M.negative(logits), logits)
    return M.add(M.subtract(relu_logits, M.multiply(logits, labels)), M.log1p(M.exp(neg_abs_logits)))


@tf_export("nn.weighted_cross_entropy_with_logits")
def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    """(1 - z) * x + (1 + (q - 1) * z) * (log1p(exp(-|x|)) + max(-x, 0))."""
    logits, labels = tensor(logits), tensor(labels)
    _same_shape(logits, labels)
    log_weight = 1 + (pos_weight - 1) * labels
    soft = M.add(M.log1p(M.exp(M.negative(M.abs(logits)))), relu(M.negative(logits)))
    return M.add(M.multiply(M.subtract(1, labels), logits), M.multiply(log_weight, soft))


@tf_export("nn.log_poisson_loss")
def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
    """exp(c) - z * c, plus Stirling's approximation of log(z!) for z > 1 when `compute_full_loss`."""
    log_input, targets = tensor(log_input), tensor(targets)
    _same_shape(log_input, targets, "`log_input` and `targets`")
    result = M.subtract(M.exp(log_input), M.multiply(log_input, targets))
    if compute_full_loss:
        stirling = M.add(M.subtract(M.multiply(targets, M.log(targets)), targets),
                         M.multiply(0.5, M.log(M.multiply(2 * math.pi, targets))))
        zeros, ones = A.zeros_like(targets), A.ones_like(targets)
        cond = M.logical_and(M.greater_equal(targets, zeros), M.less_equal(targets, ones))
        result = M.add(result, A.where(cond, zeros, stirling))
    return result


@tf_export("nn.l2_loss")
def l2_loss(t, name=None):
    """sum(t ** 2) / 2."""
    t = tensor(t)
    check(t, FLOAT_T, "L2Loss")
    return M.multiply(M.reduce_sum(M.square(t)), 0.5)


# ---------------------------------------------------------------- softmax cross entropy (dense labels)
def _xent_fwd(b, logits, labels):
    return b.neg(b.reduce_sum(b.multiply(labels, b.log_softmax(logits, 1)), (1,), False))


def _g_xent(e, dy):
    from .nn_ops import log_softmax, softmax
    logits, labels = e.inputs
    dy = A.expand_dims(dy, 1)
    g_logits = M.multiply(dy, M.subtract(softmax(logits), labels))
    g_labels = M.multiply(dy, M.negative(log_softmax(logits)))
    return M.unbroadcast(g_logits, shape_of(logits)), M.unbroadcast(g_labels, shape_of(labels))


_xent_op = defop("SoftmaxCrossEntropyWithLogits", _xent_fwd, _g_xent)


def _flatten_outer(t):
    s = shape_of(t)
    n = 1
    for d in s[:-1]:
        n *= d
    return A.reshape(t, [n, s[-1]])


@tf_export("nn.softmax_cross_entropy_with_logits")
def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """-sum(labels * log_softmax(logits), axis); labels are cast to the logits' dtype and get gradients too."""
    logits, labels = tensor(logits), tensor(labels)
    precise = A.cast(logits, _f32) if logits._dtype in _NARROW else logits
    check(precise, FLOAT_T, "SoftmaxCrossEntropyWithLogits")
    labels = A.cast(labels, precise._dtype)
    r = len(shape_of(precise))
    axis = -1 if axis is None else int(axis)
    if r == 0:
        raise op_error(InvalidArgumentError, "Slice", "Expected begin[0] == 0 (got -1) and size[0] == 0 (got 1) "
                       "when input.dim_size(0) == 0")
    if axis != -1:
        if axis < 0 or axis >= r:
            start, limit = (0, axis) if axis < 0 else (axis + 1, r)
            raise op_error(InvalidArgumentError, "Range",
                           f"Requires start <= limit when delta > 0: {start}/{limit}")
        perm = [i for i in range(r) if i != axis] + [axis]
        precise, labels = A.transpose(precise, perm), A.transpose(labels, perm)
    out_shape = list(shape_of(precise)[:-1])
    flat_logits, flat_labels = _flatten_outer(precise), _flatten_outer(labels)
    try:
        broadcast_shapes("SoftmaxCrossEntropyWithLogits", shape_of(flat_logits), shape_of(flat_labels))
    except InvalidArgumentError:
        raise op_error(InvalidArgumentError, "SoftmaxCrossEntropyWithLogits",
                       f"logits and labels must be broadcastable: logits_size={_dims(shape_of(flat_logits))} "
                       f"labels_size={_dims(shape_of(flat_labels))}") from None
    if shape_of(flat_logits)[1] == 0:  # TF's reshape to [-1, 0] makes a row per nonzero outer dim
        rows = int(np.prod([d for d in out_shape if d]))
        if rows != int(np.prod(out_shape)):
            raise op_error(InvalidArgumentError, "Reshape", f"Input to reshape is a tensor with {rows} values, "
                           f"but the requested shape has {int(np.prod(out_shape))}")
        cost = A.zeros([rows], precise._dtype)
    else:
        cost = apply(_xent_op, (flat_logits, flat_labels), precise._dtype)
    cost = A.reshape(cost, out_shape)
    return A.cast(cost, logits._dtype) if logits._dtype in _NARROW else cost


def _dims(s):
    return "[" + ",".join(map(str, s)) + "]"


# ---------------------------------------------------------------- sparse softmax cross entropy
def _sparse_xent_fwd(b, logits, labels):
    """The backend kernel, after TF's CPU check that labels lie in [0, classes)."""
    c = b.shape(logits)[1]
    values = b.to_numpy(labels)
    bad = (values < 0) | (values >= c)
    if bad.any():
        raise op_error(InvalidArgumentError, "SparseSoftmaxCrossEntropyWithLogits",
                       f"Received a label value of {int(values[bad][0])} which is outside the valid range of "
                       f"[0, {c}).  Label values: {' '.join(str(int(v)) for v in values)}")
    return b.sparse_softmax_xent(logits, labels)


def _g_sparse_xent(e, dloss, dbackprop):
    """dloss * backprop; a gradient reaching backprop (second order) goes through softmax's Jacobian."""
    from .nn_ops import softmax
    g = None if dloss is None else M.multiply(A.expand_dims(dloss, 1), e.outputs[1])
    if dbackprop is not None:
        s = softmax(e.inputs[0])
        gb = M.multiply(s, M.subtract(dbackprop, M.reduce_sum(M.multiply(dbackprop, s), 1, keepdims=True)))
        g = gb if g is None else M.add(g, gb)
    return g, None


_sparse_xent_op = defop("SparseSoftmaxCrossEntropyWithLogits", _sparse_xent_fwd, _g_sparse_xent, none_ok=(1,))


@tf_export("nn.sparse_softmax_cross_entropy_with_logits")
def sparse_softmax_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """-log_softmax(logits)[label] per row; labels outside [0, classes) raise TF's CPU error."""
    if labels is None or logits is None:
        raise ValueError("Both `labels` and `logits` must be provided for sparse_softmax_cross_entropy_with_logits"
                         f"Received: labels={labels} and logits={logits}")
    labels, logits = tensor(labels), tensor(logits)
    precise = A.cast(logits, _f32) if logits._dtype is _dt.float16 else logits
    ls, gs = shape_of(labels), shape_of(logits)
    if not gs:
        raise ValueError(f"`logits` cannot be a scalar. Received logits={logits._numpy()}`")
    if len(ls) != len(gs) - 1:
        raise ValueError(f"`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: labels.shape="
                         f"{labels.shape} of rank {len(ls)} and logits.shape={logits.shape} of rank {len(gs)}")
    if ls != gs[:-1]:
        raise ValueError("`labels.shape` must equal `logits.shape` except for the last dimension. "
                         f"Received: labels.shape={labels.shape} and logits.shape={logits.shape}")
    check(precise, FLOAT_T, "SparseSoftmaxCrossEntropyWithLogits")
    check(labels, ("int32", "int64"), "SparseSoftmaxCrossEntropyWithLogits", "Tlabels")
    c = gs[-1]
    flat_logits, flat_labels = A.reshape(precise, [-1, c]) if len(gs) != 2 else precise, A.reshape(labels, [-1])
    if c == 0:
        raise op_error(InvalidArgumentError, "SparseSoftmaxCrossEntropyWithLogits",
                       f"Must have at least one class, but got logits shape {_dims(shape_of(flat_logits))}")
    loss, _ = apply(_sparse_xent_op, (flat_logits, flat_labels), (precise._dtype, precise._dtype))
    cost = A.reshape(loss, list(ls))
    return A.cast(cost, _dt.float16) if logits._dtype is _dt.float16 else cost
