"""tf.function on tfcompat's graph executor: traced results equal eager ones, tapes through and inside traces,
nested functions, Variable arguments, and traces of signatures with unknown dimensions."""
import numpy as np
import pytest

import tfcompat as tf

EAGER_EQUALS_GRAPH = {
    "arith": lambda x, y: (x + y) * x - y / (x + 3.0),
    "matmul": lambda x, y: tf.matmul(tf.reshape(x, [2, 3]), tf.reshape(y, [3, 2])),
    "reductions": lambda x, y: (tf.reduce_sum(x), tf.reduce_mean(y, axis=0), tf.reduce_max(x * y)),
    "unary": lambda x, y: tf.exp(tf.sin(x)) + tf.sqrt(tf.abs(y)) + tf.tanh(x * y),
    "shapes": lambda x, y: tf.concat([tf.reshape(x, [-1]), tf.reverse(y, [0])], 0),
    "index": lambda x, y: (x[1:4], y[::-1], x[2]),
    "compare": lambda x, y: tf.where(x > y, x, y),
    "cast": lambda x, y: tf.cast(x * 10.0, tf.int32) // 3,
    "softmax": lambda x, y: tf.nn.softmax(tf.reshape(x * y, [2, 3])),
    "python_values": lambda x, y: (x * 2, 3, "s", [x, (y,)]),
}


@pytest.mark.parametrize("name", sorted(EAGER_EQUALS_GRAPH))
def test_graph_results_equal_eager(name):
    fn = EAGER_EQUALS_GRAPH[name]
    x = tf.constant([0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
    y = tf.constant([3.0, -1.0, 0.25, 4.0, -2.0, 1.0])
    traced = tf.function(fn)
    for _ in range(2):
        got, want = tf.nest.flatten(traced(x, y)), tf.nest.flatten(fn(x, y))
        assert len(got) == len(want)
        for g, w in zip(got, want):
            w = tf.convert_to_tensor(w)
            assert g.dtype == w.dtype and g.shape == w.shape
            np.testing.assert_allclose(g.numpy(), w.numpy(), rtol=1e-6) if g.dtype.is_floating else \
                np.testing.assert_array_equal(g.numpy(), w.numpy())
    assert traced.experimental_get_tracing_count() == 1


def test_tape_outside_a_function_over_tensors_and_variables():
    v = tf.Variable(3.0)

    @tf.function
    def f(x):
        return v * x * x

    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = f(x)
    assert float(y) == 12.0
    assert float(tape.gradient(y, x)) == 12.0
    assert float(tape.gradient(y, v)) == 4.0


def test_tape_inside_a_function():
    v = tf.Variable(2.0)

    @tf.function
    def grads(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = v * x ** 3
        return tape.gradient(y, [x, v])
    dx, dv = grads(tf.constant(2.0))
    assert float(dx) == 24.0 and float(dv) == 8.0
    v.assign(1.0)
    dx, dv = grads(tf.constant(2.0))
    assert float(dx) == 12.0 and float(dv) == 8.0


def test_second_order_through_a_function():
    @tf.function
    def cube(x):
        return x ** 3

    x = tf.constant(2.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = cube(x)
        dy = inner.gradient(y, x)
    assert float(dy) == 12.0
    assert float(outer.gradient(dy, x)) == 12.0


def test_nested_functions_are_inlined_and_keep_their_own_traces():
    @tf.function
    def inner(x):
        return x * 2

    @tf.function
    def outer(x):
        return inner(x) + inner(x + 1)
    assert int(outer(tf.constant(3))) == 14
    assert int(outer(tf.constant(4))) == 18
    assert outer.experimental_get_tracing_count() == 1
    assert inner.experimental_get_tracing_count() == 1


def test_variable_arguments_share_a_trace_and_take_gradients():
    @tf.function
    def scaled(v, x):
        v.assign_add(1.0)
        return v * x

    a, b = tf.Variable(1.0), tf.Variable(5.0)
    x = tf.constant(3.0)
    assert float(scaled(a, x)) == 6.0
    with tf.GradientTape() as tape:
        y = scaled(b, x)
    assert float(y) == 18.0
    assert float(tape.gradient(y, b)) == 3.0
    assert scaled.experimental_get_tracing_count() == 1
    assert float(a.numpy()) == 2.0 and float(b.numpy()) == 6.0


def test_variable_argument_inside_an_outer_trace():
    @tf.function
    def bump(v):
        return v.assign_add(1.0)

    outer_var = tf.Variable(0.0)

    @tf.function
    def outer():
        bump(outer_var)
        return bump(outer_var)
    assert float(outer()) == 2.0
    assert float(outer()) == 4.0
    assert float(outer_var.numpy()) == 4.0


@pytest.mark.parametrize("n", [1, 2, 5, 8])
def test_unknown_dimension_signature_gives_right_answers(n):
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def f(x):
        m = tf.reshape(x, [-1, 1]) * tf.ones_like(tf.reshape(x, [1, -1]))
        return tf.reduce_mean(x), tf.concat([x, x[:1]], 0), m, tf.shape(x)[0]

    for size in (n, n + 3, n):
        x = tf.constant(np.arange(size, dtype=np.float32))
        mean, cat, outer, length = f(x)
        np.testing.assert_allclose(mean.numpy(), np.arange(size).mean(), rtol=1e-6)
        np.testing.assert_array_equal(cat.numpy(), np.r_[np.arange(size), 0.0])
        assert outer.shape == (size, size)
        assert int(length) == size
    assert f.experimental_get_tracing_count() == 1


def test_unknown_rank_signature_gives_unknown_rank_results():
    @tf.function(input_signature=[tf.TensorSpec(None, tf.float32)])
    def f(x):
        return x * 2.0
    assert f.get_concrete_function().outputs[0].shape.rank is None
    np.testing.assert_array_equal(f([[1.0, 2.0]]).numpy(), [[2.0, 4.0]])


def test_reduce_retracing_key_covers_later_shapes():
    @tf.function(reduce_retracing=True)
    def f(x, scale=2):
        return x * scale
    for n in (1, 2, 3, 4):
        assert f(tf.ones([n, 2]), scale=3).shape == (n, 2)
    assert f.experimental_get_tracing_count() == 2
    f(tf.ones([5, 2]), scale=4)
    assert f.experimental_get_tracing_count() == 3


def test_concrete_function_binding():
    @tf.function
    def f(x, k=1):
        return x + k
    cf = f.get_concrete_function(tf.TensorSpec([2], tf.int32))
    np.testing.assert_array_equal(cf(tf.constant([1, 2])).numpy(), [2, 3])
    np.testing.assert_array_equal(cf(x=tf.constant([1, 2]), k=1).numpy(), [2, 3])
    with pytest.raises(TypeError, match="too many positional arguments"):
        cf(tf.constant([1, 2]), 1, 2)
    with pytest.raises(TypeError, match="got an unexpected keyword argument 'z'"):
        cf(tf.constant([1, 2]), z=1)
    with pytest.raises(TypeError, match="missing a required argument: 'x'"):
        cf()


def test_defaults_are_bound_before_keying():
    @tf.function
    def f(x, k=1):
        return x + k
    f(tf.constant(1))
    f(tf.constant(1), 1)
    f(tf.constant(1), k=1)
    assert f.experimental_get_tracing_count() == 1
