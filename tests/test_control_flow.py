"""Control flow: gradients through eager control flow, and graph mode (TensorArray flows, map_fn, scan,
folds, vectorized_map, switch_case inside tf.function, gradients through their graphs)."""
import numpy as np
import pytest

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


# ---- graph mode: TensorArray as a TensorList flow, map_fn/scan/folds/vectorized_map/switch_case in tf.function

def _numeric_gradient(f, x, eps=1e-3):
    x = np.asarray(x, np.float64)
    grad = np.zeros_like(x)
    for i in range(x.size):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        grad[i] = (f(up) - f(down)) / (2 * eps)
    return grad


def test_gradient_through_traced_map_fn_scan_folds():
    """A tape outside a tf.function differentiates through its graph loops (the executor replays them)."""
    def body(x):
        return (tf.reduce_sum(tf.map_fn(lambda e: e * e, x)) + tf.reduce_sum(tf.scan(lambda a, e: a * e, x))
                + tf.foldl(lambda a, e: a + tf.sin(e), x, initializer=tf.constant(0.0, x.dtype))
                + tf.foldr(lambda a, e: a * e, x) + tf.reduce_sum(tf.vectorized_map(tf.exp, x)))

    traced = tf.function(body)
    x = tf.Variable([1.0, 2.0, 3.0], dtype=tf.float64)
    with tf.GradientTape() as tape:
        y = traced(x)
    expected = _numeric_gradient(lambda v: body(tf.constant(v)).numpy(), x.numpy())
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), expected, rtol=1e-6)
    np.testing.assert_allclose(y.numpy(), body(x).numpy())


def test_gradient_through_traced_tensor_array_loop():
    @tf.function
    def powers(x, n):
        ta = tf.TensorArray(tf.float32, size=n)
        _, ta, _ = tf.while_loop(lambda i, ta, p: i < n, lambda i, ta, p: (i + 1, ta.write(i, p), p * x),
                                 (0, ta, tf.ones_like(x)))
        return tf.reduce_sum(ta.stack())

    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = powers(x, tf.constant(4))
    assert y.numpy() == 15.0
    assert np.isclose(tape.gradient(y, x).numpy(), 1 + 2 * 2 + 3 * 4)


def test_traced_vectorized_map_traces_once_and_keeps_dtypes():
    calls = []

    @tf.function
    def f(v):
        return tf.vectorized_map(lambda e: calls.append(1) or (e * 2, tf.cast(e, tf.float32)), v)

    doubled, floats = f(tf.constant([1, 2]))
    np.testing.assert_array_equal(doubled.numpy(), [2, 4])
    assert floats.dtype == tf.float32 and len(calls) == 1
    empty = f(tf.constant([], tf.int32))
    assert empty[0].shape == (0,) and empty[1].dtype == tf.float32


def test_traced_tensor_array_concat_split_scatter_and_cond():
    @tf.function(autograph=False)
    def f(p):
        parts = tf.TensorArray(tf.int32, size=2).split([1, 2, 3], [1, 2])
        scattered = tf.TensorArray(tf.float32, size=3).scatter([2, 0], [[1.0], [2.0]])
        chosen = tf.cond(p, lambda: scattered.write(1, [5.0]), lambda: scattered)
        return parts.concat(), parts.read(1), chosen.stack()

    concat, second, stacked = f(tf.constant(True))
    np.testing.assert_array_equal(concat.numpy(), [1, 2, 3])
    np.testing.assert_array_equal(second.numpy(), [2, 3])
    np.testing.assert_array_equal(stacked.numpy(), [[2.0], [5.0], [1.0]])
    np.testing.assert_array_equal(f(tf.constant(False))[2].numpy(), [[2.0], [0.0], [1.0]])


def test_map_fn_in_a_function_called_from_a_function():
    inner = tf.function(lambda v: tf.map_fn(lambda e: e + 1, v))
    outer = tf.function(lambda v: inner(v) * 2)
    np.testing.assert_array_equal(outer(tf.constant([1, 2])).numpy(), [4, 6])


def test_autograph_loop_over_a_tensor_range_writes_a_tensor_array():
    @tf.function
    def f(n):
        ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
        for i in tf.range(n):
            ta = ta.write(i, i * 2)
        return ta.stack()

    np.testing.assert_array_equal(f(tf.constant(4)).numpy(), [0, 2, 4, 6])


def test_traced_tensor_array_versions_stay_immutable():
    """Writes update the newest list in place; older versions still read as they were, run after run."""
    @tf.function(autograph=False)
    def f(x):
        ta0 = tf.TensorArray(tf.float32, size=3)
        ta1 = ta0.write(0, x)
        ta2 = ta1.write(1, x + 1)
        branch = ta1.write(2, x + 5)
        return ta0.stack(), ta1.stack(), ta2.stack(), branch.stack(), ta2.read(1)

    for _ in range(3):
        values = [v.numpy().tolist() for v in f(tf.constant(1.0))]
        assert values == [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 2.0, 0.0], [1.0, 0.0, 6.0], 2.0]
