"""The graph core: traced functions give eager's results and gradients (tapes outside and inside the
function, through graph conds), random ops draw per call, and tracing leaves the GC as it found it."""
import gc

import numpy as np
import pytest

import tfcompat as tf


def test_compiled_graph_equals_eager():
    x = tf.constant(np.linspace(-2, 2, 12, dtype=np.float32).reshape(3, 4))

    def body(x):
        y = tf.nn.relu(tf.matmul(x, tf.transpose(x))) + tf.reduce_mean(x, axis=0, keepdims=True)[:, :3]
        return tf.reduce_sum(tf.exp(-y) * tf.sin(y), axis=1), tf.argmax(y, axis=1)

    eager, traced = body(x), tf.function(body)(x)
    np.testing.assert_allclose(traced[0].numpy(), eager[0].numpy(), rtol=1e-6)
    np.testing.assert_array_equal(traced[1].numpy(), eager[1].numpy())


def test_power_loop_is_one_straight_line_of_kernels():
    x = tf.random.uniform([10, 10], minval=-1, maxval=2, dtype=tf.int32)

    def power(x, y):
        result = tf.eye(10, dtype=tf.int32)
        for _ in range(y):
            result = tf.matmul(x, result)
        return result
    f = tf.function(power)
    np.testing.assert_array_equal(f(x, 20).numpy(), power(x, 20).numpy())
    plan = f.get_concrete_function(x, 20)._plan
    assert len(plan.operations) == 20   # tf.eye is folded into a constant


def _cond_grads(x, y):
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        t.watch(y)
        z = tf.cond(x > 0, lambda: x * x * y, lambda: x * 3.0)
    return t.gradient(z, x), t.gradient(z, y)


@pytest.mark.parametrize("x, want", [(2.0, (20.0, 4.0)), (-2.0, (3.0, 0.0))])
def test_tape_inside_function_through_cond(x, want):
    """As TF: an input the taken branch ignores gets a zero gradient in a graph (None eagerly)."""
    args = tf.constant(x), tf.constant(5.0)
    traced, eager = tf.function(_cond_grads)(*args), _cond_grads(*args)
    assert tuple(float(g) for g in traced) == want
    assert float(eager[0]) == want[0] and (eager[1] is None) == (x < 0)


def test_tape_inside_function_through_cond_reading_a_variable():
    v = tf.Variable(3.0)

    @tf.function
    def h(x):
        with tf.GradientTape() as t:
            z = tf.cond(x > 0, lambda: v * v, lambda: v + x)
        return t.gradient(z, v)
    assert float(h(tf.constant(1.0))) == 6.0
    assert float(h(tf.constant(-1.0))) == 1.0


def test_second_derivative_through_cond_inside_function():
    @tf.function
    def second(x):
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                z = tf.cond(x > 0, lambda: x * x * x, lambda: -x)
            d = t1.gradient(z, x)
        return d, t2.gradient(d, x)
    d, dd = second(tf.constant(2.0))
    assert (float(d), float(dd)) == (12.0, 12.0)


def test_tape_outside_function_through_while_loop():
    f = tf.function(lambda x: tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x),
                                            [0, tf.constant(1.0)])[1])
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    assert float(t.gradient(y, x)) == 12.0


def test_tape_inside_function_through_while_loop_is_unfinished():
    @tf.function
    def w(x):
        with tf.GradientTape() as t:
            t.watch(x)
            r = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x), [0, tf.constant(1.0)])[1]
        return t.gradient(r, x)
    with pytest.raises(NotImplementedError, match="not implemented yet in tfcompat"):
        w(tf.constant(2.0))


def test_random_ops_draw_at_every_call():
    f = tf.function(lambda: tf.random.normal([4]))
    a, b = f().numpy(), f().numpy()
    assert not np.array_equal(a, b)


def test_tracing_restores_the_garbage_collector():
    assert gc.isenabled()
    tf.function(lambda x: x * 2)(tf.constant(1.0))
    assert gc.isenabled()
    gc.disable()
    try:
        tf.function(lambda x: x * 3)(tf.constant(1.0))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_graph_dtype_mismatch_is_a_type_error():
    with pytest.raises(TypeError, match="Input 'y' of 'AddV2' Op has type float32 that does not match type "
                                        "int32 of argument 'x'"):
        tf.function(lambda x: x + 1.5)(tf.constant([1]))


def test_tape_inside_function_through_value_dependent_ops():
    """Ops whose frontend needs runtime values become Python-level nodes; tapes still differentiate them."""
    logits = tf.constant(np.random.RandomState(0).rand(4, 3).astype(np.float32))
    labels = tf.constant([0, 2, 1, 1])
    emb = tf.Variable(np.random.RandomState(1).rand(10, 4).astype(np.float32))

    def grads(lg, lb, ids):
        with tf.GradientTape(persistent=True) as t:
            t.watch(lg)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lb, logits=lg))
            y = tf.reduce_sum(tf.gather(emb, ids) ** 2)
        return t.gradient(loss, lg), tf.convert_to_tensor(t.gradient(y, emb))

    ids = tf.constant([1, 3, 3])
    for a, b in zip(tf.function(grads)(logits, labels, ids), grads(logits, labels, ids)):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-6)


def test_second_derivative_through_value_dependent_op_inside_function():
    def h(x, n):
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = tf.reduce_sum(tf.reshape(x, [n, -1]) ** 3)
            d = t1.gradient(y, x)
        return d, t2.gradient(d, x)
    x = tf.constant([1., 2., 3., 4.])
    d, dd = tf.function(h)(x, tf.constant(2))
    np.testing.assert_allclose(d.numpy(), 3 * x.numpy() ** 2)
    np.testing.assert_allclose(dd.numpy(), 6 * x.numpy())


def test_value_dependent_output_dims_are_unknown():
    cf = tf.function(lambda x: tf.fill([x], x)).get_concrete_function(tf.TensorSpec((), tf.int64))
    assert cf.outputs[0].shape.as_list() == [None]
    g = tf.function(lambda p, i: tf.gather(p, i))
    assert g.get_concrete_function(tf.ones((5, 3)), tf.constant([1, 2])).outputs[0].shape.as_list() == [2, 3]
