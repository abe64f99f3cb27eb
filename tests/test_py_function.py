"""tf.py_function / tf.numpy_function on tfcompat: graph nodes run func once per call (never while tracing), inputs
of numpy_function are private copies, TF1 graphs give unknown shapes, nested functions and persistent tapes."""
import numpy as np

import tfcompat as tf


def test_func_not_called_while_tracing_and_once_per_run():
    calls = []

    @tf.function
    def f(x):
        return tf.py_function(lambda a: calls.append(1) or a + 1, [x], tf.float32) * 2
    assert f.get_concrete_function(tf.TensorSpec([2], tf.float32)) is not None and calls == []
    np.testing.assert_allclose(f(tf.constant([1.0, 2.0])).numpy(), [4.0, 6.0])
    assert calls == [1]


def test_numpy_function_inputs_are_copies():
    x = tf.constant([1.0, 2.0])

    def mutate(a):
        a[0] = 9.0
        return a
    np.testing.assert_allclose(tf.numpy_function(mutate, [x], tf.float32).numpy(), [9.0, 2.0])
    np.testing.assert_allclose(tf.function(lambda v: tf.numpy_function(mutate, [v], tf.float32))(x).numpy(),
                               [9.0, 2.0])
    np.testing.assert_allclose(x.numpy(), [1.0, 2.0])


def test_tf1_graph_shape_unknown():
    g = tf.Graph()
    with g.as_default():
        y = tf.py_function(lambda a: a * 2, [tf.constant(3.0)], tf.float32)
        assert y.shape.rank is None and repr(y) == "<tf.Tensor 'EagerPyFunc:0' shape=<unknown> dtype=float32>"


def test_nested_function_and_persistent_tape():
    inner = tf.function(lambda a: tf.py_function(lambda b: b * b, [a], tf.float32))
    outer = tf.function(lambda a: inner(a) + 1.0)
    x = tf.constant([1.0, 3.0])
    np.testing.assert_allclose(outer(x).numpy(), [2.0, 10.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.py_function(lambda b: b * b, [x], tf.float32)
    np.testing.assert_allclose(t.gradient(y, x).numpy(), [2.0, 6.0])
    np.testing.assert_allclose(t.gradient(y, x).numpy(), [2.0, 6.0])


def test_strings_and_multiple_outputs():
    out = tf.py_function(lambda s: (tf.strings.upper(s), tf.strings.length(s)), [tf.constant("ab")],
                         [tf.string, tf.int32])
    assert out[0].numpy() == b"AB" and int(out[1]) == 2
    f = tf.function(lambda s: tf.numpy_function(lambda a: (a + b"!", np.int64(3)), [s], [tf.string, tf.int64]))
    text, n = f(tf.constant("x"))
    assert text.numpy() == b"x!" and int(n) == 3
