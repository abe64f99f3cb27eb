"""Op-table cases for tf.nn beyond convolution and pooling: activations, softmax, bias_add, dropout,
normalisation, losses and embedding lookup."""
import numpy as np
from hypothesis import strategies as st

from .spec import OpCase
from ..strategies import arrays, shapes
from .points import away_from_zero, smooth

F = ("float16", "float32", "float64")
FI = F + ("int32",)


def _one(**kw):
    return lambda draw, dtype: (draw(arrays(dtype, **kw)),)


def _g(shape=(2, 3), fn=smooth, **kw):
    return lambda rs: (fn(rs, shape, **kw),)


def _kinks(rs, shape):
    """Away from relu6's kinks at 0 and 6."""
    return rs.choice([-1.0, 1.0, 1.0], shape) * rs.uniform(0.3, 2.5, shape) + rs.choice([0.0, 0.0, 5.0], shape)


def _unary(name, fn, dtypes=F, gin=None, **kw):
    return OpCase(name, fn, _one(**kw), dtypes, grad=(0,), grad_inputs=gin or _g())


def _softmax_rows(rs, shape):
    e = np.exp(rs.uniform(-1, 1, shape))
    return e / e.sum(-1, keepdims=True)


# ---------------------------------------------------------------- inputs of the multi-input ops
def _bias_nhwc(draw, dtype):
    s = draw(shapes(min_dims=2, max_dims=4))
    return draw(arrays(dtype, s)), draw(arrays(dtype, (s[-1],)))


def _bias_nchw(draw, dtype):
    s = draw(shapes(min_dims=3, max_dims=4))
    return draw(arrays(dtype, s)), draw(arrays(dtype, (s[1],)))


def _bias_bad(draw, dtype):
    s = draw(shapes(min_dims=2, max_dims=3, min_side=1))
    return draw(arrays(dtype, s)), draw(arrays(dtype, (s[-1] + 1,)))


def _same_pair(lo_labels=0.0, hi_labels=1.0, **kw):
    def inputs(draw, dtype):
        s = draw(shapes(**kw))
        return draw(arrays(dtype, s, lo_labels, hi_labels)), draw(arrays(dtype, s, -100.0, 100.0))
    return inputs


def _xent(axis_min_dims=1):
    def inputs(draw, dtype):
        s = draw(shapes(min_dims=axis_min_dims, max_dims=3))
        return draw(arrays(dtype, s, 0.0, 1.0)), draw(arrays(dtype, s, -50.0, 50.0))
    return inputs


def _sparse(out_of_range=False):
    def inputs(draw, dtype):
        s = draw(shapes(min_dims=1, max_dims=3, min_side=1))
        c = s[-1]
        lo, hi = (c, c + 3) if out_of_range else (0, c - 1)
        labels = draw(st.lists(st.integers(lo, hi), min_size=int(np.prod(s[:-1])),
                               max_size=int(np.prod(s[:-1]))))
        return draw(arrays(dtype, s, -50.0, 50.0)), np.array(labels, np.int32).reshape(s[:-1])
    return inputs


def _bn(draw, dtype):
    s = draw(shapes(min_dims=1, max_dims=3, min_side=1))
    c = (s[-1],)
    return (draw(arrays(dtype, s)), draw(arrays(dtype, c)), draw(arrays(dtype, c, 0.0, 4.0)),
            draw(arrays(dtype, c)), draw(arrays(dtype, c)))


def _bn_grad(rs):
    return (smooth(rs, (2, 3)), smooth(rs, (3,)), rs.uniform(0.5, 2.0, (3,)), smooth(rs, (3,)), smooth(rs, (3,)))


def _lrn(draw, dtype):
    return (draw(arrays(dtype, shapes(min_dims=4, max_dims=4, max_side=3), -3.0, 3.0)),)


def _emb(draw, dtype):
    ids = draw(arrays("int32", shapes(max_dims=2), 0, 4, edge=False))
    return draw(arrays(dtype, (5, 3))), ids


def _emb_grad(rs):
    return smooth(rs, (5, 3)), np.array([[1, 4], [1, 0]], np.int32)


def _poisson(draw, dtype):
    s = draw(shapes())
    return draw(arrays(dtype, s, 0.0, 5.0)), draw(arrays(dtype, s, -5.0, 5.0))


# moments: TF stops the gradient at the mean inside the variance, so its second derivative is not the
# function's; the first order is checked (numerically and against TF), the second is TF's by construction

# ---------------------------------------------------------------- fns of the randomised ops
def _dropout_pattern(tf, x):
    """Every output is 0 or 2x (rate 0.5): the same on TF and tfcompat whatever their random numbers."""
    y = tf.nn.dropout(x, 0.5, seed=7)
    return tf.reduce_all(tf.logical_or(tf.equal(y, 0.0), tf.equal(y, x * 2.0)))


def _dropout_rows(tf, x):
    """noise_shape [n, 1]: whole rows are kept or dropped."""
    dropped = tf.cast(tf.equal(tf.nn.dropout(x, 0.5, noise_shape=[x.shape[0], 1], seed=3), 0.0), tf.float32)
    return tf.reduce_all(tf.equal(tf.reduce_min(dropped, 1), tf.reduce_max(dropped, 1)))


# second derivatives real TF does not take (the conformance suite skips them on TF, saying why)
NO_LRN_GRAD_GRAD = {2: "TF registers no gradient for LRNGrad"}
XENT_GRAD_GRAD = {2: "TF's xent gradient treats its backprop output as constant in the labels, "
                     "so d(dL/dlogits)/dlabels is 0 on TF"}

CASES = [
    # activations
    _unary("nn.relu", lambda tf, x: tf.nn.relu(x), F + ("int32", "int64", "uint8", "complex64"),
           _g(fn=away_from_zero)),
    _unary("nn.relu6", lambda tf, x: tf.nn.relu6(x), F + ("int32", "int8"), lambda rs: (_kinks(rs, (2, 3)),)),
    _unary("nn.elu", lambda tf, x: tf.nn.elu(x), FI, _g(fn=away_from_zero)),
    _unary("nn.selu", lambda tf, x: tf.nn.selu(x), FI, _g(fn=away_from_zero)),
    # TF's float64 erfc and tanh are approximations, ~1e-9 relative and ~1e-11 absolute off
    OpCase("nn.gelu", lambda tf, x: tf.nn.gelu(x), _one(lo=-40.0, hi=40.0), FI, grad=(0,), grad_inputs=_g(),
           tol={"float64": (1e-7, 1e-10)}),
    OpCase("nn.gelu[approximate]", lambda tf, x: tf.nn.gelu(x, approximate=True), _one(), F, grad=(0,),
           grad_inputs=_g(), tol={"float64": (1e-7, 1e-10)}),
    _unary("nn.leaky_relu", lambda tf, x: tf.nn.leaky_relu(x), FI + ("complex64",), _g(fn=away_from_zero)),
    _unary("nn.leaky_relu[alpha=2]", lambda tf, x: tf.nn.leaky_relu(x, alpha=2.0), FI, _g(fn=away_from_zero)),
    _unary("nn.softplus", lambda tf, x: tf.nn.softplus(x), FI, lo=-30.0, hi=30.0),
    _unary("math.softplus", lambda tf, x: tf.math.softplus(x), ("float32",)),
    OpCase("nn.softsign", lambda tf, x: tf.nn.softsign(x), _one(), FI, grad=(0,), grad_inputs=_g(fn=away_from_zero),
           tf_skip={2: "TF registers no gradient for SoftsignGrad"}),
    _unary("nn.silu", lambda tf, x: tf.nn.silu(x), F, lo=-100.0, hi=100.0),
    OpCase("nn.silu[complex]", lambda tf, x: tf.nn.silu(x), _one(edge=False), ("complex64", "complex128")),
    _unary("nn.swish[beta=2]", lambda tf, x: tf.nn.swish(x, beta=2.0), F),
    _unary("nn.crelu", lambda tf, x: tf.nn.crelu(x), FI, _g(fn=away_from_zero), min_dims=1),
    _unary("nn.crelu[axis=0]", lambda tf, x: tf.nn.crelu(x, axis=0), ("float32", "float64"),
           _g(fn=away_from_zero), min_dims=1),
    _unary("math.log_sigmoid", lambda tf, x: tf.math.log_sigmoid(x), FI, lo=-60.0, hi=60.0),
    _unary("nn.sigmoid[extremes]", lambda tf, x: tf.nn.sigmoid(x), F, lo=-1000.0, hi=1000.0),
    _unary("nn.tanh[extremes]", lambda tf, x: tf.nn.tanh(x), F, lo=-100.0, hi=100.0),
    # softmax
    _unary("nn.softmax", lambda tf, x: tf.nn.softmax(x), FI, min_dims=1),
    _unary("nn.softmax[axis=0]", lambda tf, x: tf.nn.softmax(x, axis=0), F, min_dims=1),
    _unary("nn.softmax[axis=1]", lambda tf, x: tf.nn.softmax(x, axis=1), F, min_dims=2),
    _unary("nn.softmax[large]", lambda tf, x: tf.nn.softmax(x), ("float32", "float64"), lo=-1000.0, hi=1000.0,
           min_dims=1),
    OpCase("nn.softmax[rank0]", lambda tf, x: tf.nn.softmax(x), _one(min_dims=0, max_dims=0), F),
    OpCase("nn.softmax[axis=3]", lambda tf, x: tf.nn.softmax(x, axis=3), _one(min_dims=1, max_dims=2), F),
    _unary("nn.log_softmax", lambda tf, x: tf.nn.log_softmax(x), FI, min_dims=1),
    _unary("nn.log_softmax[axis=0]", lambda tf, x: tf.nn.log_softmax(x, axis=0), F, min_dims=1),
    _unary("nn.log_softmax[large]", lambda tf, x: tf.nn.log_softmax(x), ("float32", "float64"), lo=-1000.0,
           hi=1000.0, min_dims=1),
    OpCase("nn.log_softmax[rank0]", lambda tf, x: tf.nn.log_softmax(x), _one(min_dims=0, max_dims=0), F),
    # bias_add
    OpCase("nn.bias_add", lambda tf, x, b: tf.nn.bias_add(x, b), _bias_nhwc, FI + ("uint8",), grad=(0, 1),
           grad_inputs=lambda rs: (smooth(rs, (2, 2, 3)), smooth(rs, (3,)))),
    OpCase("nn.bias_add[NCHW]", lambda tf, x, b: tf.nn.bias_add(x, b, data_format="NCHW"), _bias_nchw, FI,
           grad=(0, 1), grad_inputs=lambda rs: (smooth(rs, (2, 3, 2, 2)), smooth(rs, (3,)))),
    OpCase("nn.bias_add[mismatch]", lambda tf, x, b: tf.nn.bias_add(x, b), _bias_bad, ("float32",)),
    # dropout
    OpCase("nn.dropout[pattern]", _dropout_pattern, _one(edge=False), F),
    OpCase("nn.dropout[noise_shape]", _dropout_rows, _one(shape=(3, 4), lo=1.0, hi=2.0, edge=False), F),
    OpCase("nn.dropout[rate=0]", lambda tf, x: tf.nn.dropout(x, 0.0), _one(), F, grad=(0,), grad_inputs=_g()),
    OpCase("nn.dropout[rate=1e-9]", lambda tf, x: tf.nn.dropout(x, 1e-9, seed=1), _one(), F, grad=(0,),
           grad_inputs=_g()),
    OpCase("nn.dropout[rate=1]", lambda tf, x: tf.nn.dropout(x, 1.0), _one(), ("float32",)),
    OpCase("nn.dropout[int]", lambda tf, x: tf.nn.dropout(x, 0.5), _one(), ("int32",)),
    # normalisation
    OpCase("nn.moments[axes=0]", lambda tf, x: tf.nn.moments(x, axes=[0]), _one(min_dims=1), FI, grad=(0,),
           grad_inputs=_g(), second_order=False),
    OpCase("nn.moments[all,keepdims]", lambda tf, x: tf.nn.moments(x, axes=[0, 1], keepdims=True),
           _one(min_dims=2, max_dims=2), F, grad=(0,), grad_inputs=_g(), second_order=False),
    OpCase("nn.batch_normalization", lambda tf, x, m, v, o, s: tf.nn.batch_normalization(x, m, v, o, s, 1e-3),
           _bn, F, grad=(0, 1, 2, 3, 4), grad_inputs=_bn_grad),
    OpCase("nn.batch_normalization[no offset,scale]",
           lambda tf, x, m, v, o, s: tf.nn.batch_normalization(x, m, v, None, None, 1e-3), _bn, F,
           grad=(0, 1, 2), grad_inputs=_bn_grad),
    _unary("nn.l2_normalize", lambda tf, x: tf.nn.l2_normalize(x, axis=-1), F + ("complex64",), min_dims=1),
    _unary("math.l2_normalize[axis=None]", lambda tf, x: tf.math.l2_normalize(x), F),
    _unary("nn.l2_normalize[axis=0]", lambda tf, x: tf.nn.l2_normalize(x, axis=0), F, min_dims=1),
    OpCase("nn.local_response_normalization", lambda tf, x: tf.nn.local_response_normalization(x), _lrn,
           ("float16", "float32"), grad=(0,), grad_inputs=_g((1, 2, 2, 3)), tf_skip=NO_LRN_GRAD_GRAD),
    OpCase("nn.lrn[float64]", lambda tf, x: tf.nn.lrn(x), _lrn, ("float64",)),
    OpCase("nn.lrn[r=1,bias=2,alpha=0.5,beta=0.75]",
           lambda tf, x: tf.nn.lrn(x, depth_radius=1, bias=2.0, alpha=0.5, beta=0.75), _lrn, ("float32",),
           grad=(0,), grad_inputs=_g((1, 2, 1, 4)), tf_skip=NO_LRN_GRAD_GRAD),
    # losses
    _unary("nn.l2_loss", lambda tf, x: tf.nn.l2_loss(x), FI),
    OpCase("nn.sigmoid_cross_entropy_with_logits",
           lambda tf, z, x: tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x), _same_pair(), F,
           grad=(0, 1), grad_inputs=lambda rs: (rs.uniform(0, 1, (2, 3)), away_from_zero(rs, (2, 3), 0.2, 5.0))),
    OpCase("nn.weighted_cross_entropy_with_logits",
           lambda tf, z, x: tf.nn.weighted_cross_entropy_with_logits(z, x, pos_weight=3.0), _same_pair(), F,
           grad=(0, 1), grad_inputs=lambda rs: (rs.uniform(0, 1, (2, 3)), away_from_zero(rs, (2, 3), 0.2, 5.0))),
    OpCase("nn.log_poisson_loss[full]",
           lambda tf, z, c: tf.nn.log_poisson_loss(z, c, compute_full_loss=True), _poisson, ("float32", "float64"),
           grad=(0, 1), grad_inputs=lambda rs: (rs.uniform(1.5, 3.0, (2, 3)), smooth(rs, (2, 3)))),
    OpCase("nn.softmax_cross_entropy_with_logits",
           lambda tf, z, x: tf.nn.softmax_cross_entropy_with_logits(labels=z, logits=x), _xent(), F,
           grad=(0, 1), grad_inputs=lambda rs: (_softmax_rows(rs, (2, 3)), smooth(rs, (2, 3), -3, 3)),
           tf_skip=XENT_GRAD_GRAD),
    OpCase("nn.softmax_cross_entropy_with_logits[axis=0]",
           lambda tf, z, x: tf.nn.softmax_cross_entropy_with_logits(labels=z, logits=x, axis=0), _xent(2),
           ("float32", "float64"), grad=(0, 1),
           grad_inputs=lambda rs: (_softmax_rows(rs, (3, 2)).T, smooth(rs, (2, 3), -3, 3)), tf_skip=XENT_GRAD_GRAD),
    OpCase("nn.sparse_softmax_cross_entropy_with_logits",
           lambda tf, x, z: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=z, logits=x), _sparse(), F,
           grad=(0,), grad_inputs=lambda rs: (smooth(rs, (3, 4), -3, 3), np.array([0, 3, 1], np.int32))),
    OpCase("nn.sparse_softmax_cross_entropy_with_logits[out of range]",
           lambda tf, x, z: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=z, logits=x), _sparse(True),
           ("float32",)),
    # embedding lookup
    OpCase("nn.embedding_lookup", lambda tf, p, i: tf.nn.embedding_lookup(p, i), _emb, ("float32", "float64"),
           grad=(0,), grad_inputs=_emb_grad),
    OpCase("nn.embedding_lookup[partitioned]", lambda tf, p, i: tf.nn.embedding_lookup([p[:3], p[3:]], i), _emb,
           ("float32", "float64"), grad=(0,), grad_inputs=_emb_grad),
    OpCase("nn.embedding_lookup[max_norm]", lambda tf, p, i: tf.nn.embedding_lookup(p, i, max_norm=1.0), _emb,
           ("float32", "float64"), grad=(0,), grad_inputs=_emb_grad),
]
