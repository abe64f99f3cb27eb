"""Eager control flow under a GradientTape: cond/while_loop/map_fn/scan are Python calls, so gradients flow."""
import numpy as np

import tfcompat as tf


def test_gradient_through_cond():
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = tf.cond(x > 2.0, lambda: x * x, lambda: -x)
    assert np.isclose(tape.gradient(y, x).numpy(), 6.0)
    with tf.GradientTape() as tape:
        y = tf.cond(x > 5.0, lambda: x * x, lambda: -x)
    assert np.isclose(tape.gradient(y, x).numpy(), -1.0)


def test_gradient_through_while_loop():
    x = tf.constant(1.5)
    with tf.GradientTape() as tape:
        tape.watch(x)
        _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x), (0, tf.constant(1.0)))
    assert np.isclose(tape.gradient(y, x).numpy(), 3 * 1.5 ** 2)


def test_gradient_through_map_fn_and_scan():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        squares = tf.map_fn(lambda e: e * e, x)
        sums = tf.scan(lambda a, e: a + e, x)
    np.testing.assert_allclose(tape.gradient(squares, x).numpy(), [2.0, 4.0, 6.0])
    np.testing.assert_allclose(tape.gradient(sums, x).numpy(), [3.0, 2.0, 1.0])


def test_tensor_array_concat_split_scatter():
    ta = tf.TensorArray(tf.int32, size=2).split([1, 2, 3], [1, 2])
    np.testing.assert_array_equal(ta.concat().numpy(), [1, 2, 3])
    ta = tf.TensorArray(tf.float32, size=3).scatter([2, 0], [[1.0], [2.0]])
    np.testing.assert_array_equal(ta.stack().numpy(), [[2.0], [0.0], [1.0]])


def test_vectorized_map_and_nested_results():
    out = tf.vectorized_map(lambda e: (e * 2, tf.cast(e, tf.float32)), tf.constant([1, 2]))
    np.testing.assert_array_equal(out[0].numpy(), [2, 4])
    assert out[1].dtype == tf.float32
