"""Conformance: tf.nn softmax, log_softmax and the stable losses and activations (OP-11..OP-14)."""
import numpy as np
import pytest

from .helpers import assert_value, raises

behaviour = pytest.mark.behaviour
INF, NAN = np.inf, np.nan
# TF flushes subnormal float32 results to zero on CPU; exp(-100) is subnormal in float32
SUBNORMAL = 1e-37


@behaviour("OP-11")
def test_OP11_softmax_extremes(tf):
    rows = tf.constant([[-INF, -INF], [0.0, -INF], [INF, 0.0], [1000.0, 0.0]])
    assert_value(tf.nn.softmax(rows), [[NAN, NAN], [1.0, 0.0], [NAN, 0.0], [1.0, 0.0]], tf.float32)


@behaviour("OP-11")
def test_OP11_softmax_axis_and_dtype(tf):
    assert_value(tf.nn.softmax(tf.constant([1.0, 2.0, 3.0])), [0.09003057, 0.24472848, 0.6652409], tf.float32)
    x = tf.constant([[1.0, 2.0], [3.0, 5.0]], tf.float64)
    e = np.exp(np.array([[1.0, 2.0], [3.0, 5.0]]))
    assert_value(tf.nn.softmax(x), e / e.sum(1, keepdims=True), tf.float64, rtol=1e-12)
    assert_value(tf.nn.softmax(x, axis=0), e / e.sum(0, keepdims=True), tf.float64, rtol=1e-12)


@behaviour("OP-12")
def test_OP12_log_softmax_stable(tf):
    assert_value(tf.nn.log_softmax(tf.constant([1.0, 2.0, 3.0])), [-2.407606, -1.4076059, -0.40760595],
                 tf.float32)
    rows = tf.constant([[1000.0, 0.0], [-INF, 0.0], [-INF, -INF]])
    assert_value(tf.nn.log_softmax(rows), [[0.0, -1000.0], [-INF, 0.0], [NAN, NAN]], tf.float32)


@behaviour("OP-13")
def test_OP13_sigmoid_cross_entropy_stable(tf):
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([1.0, 0.0, 1.0, 0.0, 0.5]),
                                                   logits=tf.constant([-100.0, 100.0, 100.0, -100.0, 0.0]))
    assert_value(loss, [100.0, 100.0, 0.0, 0.0, 0.6931472], tf.float32, atol=SUBNORMAL)
    inf = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([1.0, 0.0]), logits=tf.constant([-INF, INF]))
    assert_value(inf, [INF, NAN], tf.float32)


@behaviour("OP-13")
def test_OP13_sigmoid_cross_entropy_errors(tf):
    with raises(ValueError, "`logits` and `labels` must have the same shape, received ((3,) vs (2,))."):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([1.0, 0.0]), logits=tf.constant([1.0, 2.0, 3.0]))
    with raises(tf.errors.InvalidArgumentError, "cannot compute Mul as input #1(zero-based) was expected to be a "
                                                "float tensor but is a int32 tensor"):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([1, 0]), logits=tf.constant([1.0, 2.0]))


@behaviour("OP-14")
def test_OP14_softmax_cross_entropies_stable(tf):
    dense = tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant([0.0, 1.0]), logits=tf.constant([1000.0, 0.0]))
    assert_value(dense, 1000.0, tf.float32)
    sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([1]),
                                                            logits=tf.constant([[1000.0, 0.0]]))
    assert_value(sparse, [1000.0], tf.float32)


@behaviour("OP-14")
def test_OP14_sparse_label_out_of_range(tf):
    with raises(tf.errors.InvalidArgumentError, "Received a label value of 2 which is outside the valid range of "
                                                "[0, 2).  Label values: 2"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([2]), logits=tf.constant([[1000.0, 0.0]]))


@behaviour("OP-14")
def test_OP14_stable_activations(tf):
    assert_value(tf.sigmoid(tf.constant([-100.0, 100.0, -1000.0])), [0.0, 1.0, 0.0], tf.float32, atol=SUBNORMAL)
    assert_value(tf.math.log_sigmoid(tf.constant([-100.0, 100.0])), [-100.0, -0.0], tf.float32, atol=SUBNORMAL)
    assert_value(tf.nn.softplus(tf.constant([-100.0, 0.0, 100.0])), [0.0, 0.6931472, 100.0], tf.float32,
                 atol=SUBNORMAL)
