"""Unit tests of tfcompat's autodiff additions (run on the backend chosen by TFCOMPAT_BACKEND)."""
import numpy as np
import pytest

import tfcompat as tf


def close(a, b, tol=1e-5):
    np.testing.assert_allclose(tf.convert_to_tensor(a).numpy(), b, rtol=tol, atol=tol)


# ---- IndexedSlices
def test_indexed_slices_basics_and_densify():
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), tf.constant([2, 0, 2]),
                         tf.constant([3, 2]))
    assert s.dtype == tf.float32
    assert s.shape.as_list() == [3, 2]
    assert tf.is_tensor(s)
    close(s, [[3.0, 4.0], [0.0, 0.0], [6.0, 8.0]])
    assert "IndexedSlices(indices=" in str(s)
    close(-s, [[-3.0, -4.0], [0.0, 0.0], [-6.0, -8.0]])


def test_two_gathers_stay_sparse_and_concatenate():
    v = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.gather(v, [0])) + tf.reduce_sum(tf.gather(v, [2, 2]) * 3.0)
    g = t.gradient(y, v)
    assert isinstance(g, tf.IndexedSlices)
    assert g.indices.numpy().tolist() == [0, 2, 2]
    close(g, [1.0, 0.0, 6.0])


def test_gather_gradient_flows_through_earlier_ops():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.gather(x * x, [1, 1, 2])
    close(t.gradient(y, x), [0.0, 8.0, 6.0])


def test_gather_axis1_gradient_is_dense():
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.gather(x, [[2, 2], [0, 1]], axis=1)
    g = t.gradient(y, x)
    assert not isinstance(g, tf.IndexedSlices)
    close(g, [[1.0, 1.0, 2.0], [1.0, 1.0, 2.0]])


def test_gather_second_order():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = tf.reduce_sum(tf.gather(x, [0, 0, 2]) ** 3)
        g = tf.convert_to_tensor(t1.gradient(y, x))
    close(g, [6.0, 0.0, 27.0])
    close(t2.gradient(g, x), [12.0, 0.0, 18.0])


# ---- jacobians
def test_jacobian_of_variable_and_hessian():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(v * v * v)
        g = inner.gradient(y, v)
    h = outer.jacobian(g, v)
    close(h, [[6.0, 0.0], [0.0, 12.0]])


def test_jacobian_zero_unconnected_and_partial():
    x = tf.constant([1.0, 2.0])
    z = tf.constant(5.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, z])
        y = tf.stack([x[0] * 3.0, z])
    j = t.jacobian(y, [x, z])
    close(j[0], [[3.0, 0.0], [0.0, 0.0]])
    close(j[1], [0.0, 1.0])
    close(t.jacobian(tf.constant([1.0]), z, unconnected_gradients="zero"), [0.0])


def test_batch_jacobian_unconnected():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.constant([[1.0], [2.0]])
    assert t.batch_jacobian(y, x) is None
    assert tuple(t.batch_jacobian(y, x, unconnected_gradients="zero").shape) == (2, 1, 2)


def test_jacobian_of_gather_densifies():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.gather(x, [2, 2])
    close(t.jacobian(y, x), [[0.0, 0.0, 1.0], [0.0, 0.0, 1.0]])


# ---- custom_gradient / recompute_grad
def test_custom_gradient_outside_tape_returns_value():
    @tf.custom_gradient
    def f(x):
        return x * 2.0, lambda dy: dy
    close(f(tf.constant(3.0)), 6.0)


def test_custom_gradient_nested_outputs_and_kwargs_untouched():
    @tf.custom_gradient
    def f(x):
        return (x * 2.0, x * 3.0), lambda d1, d2: d1 + d2 * 10.0
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        a, b = f(x)
        y = a + b
    close(t.gradient(y, x), 11.0)


def test_custom_gradient_variable_as_argument_needs_no_variables_kw():
    w = tf.Variable(3.0)

    @tf.custom_gradient
    def f(v):
        return v * 2.0, lambda dy: dy * 7.0
    with tf.GradientTape() as t:
        y = f(w)
    close(t.gradient(y, w), 7.0)


def test_custom_gradient_wrong_variable_grad_count():
    w = tf.Variable(3.0)

    @tf.custom_gradient
    def f(x):
        return x * w, lambda dy, variables=None: (dy, [])
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    with pytest.raises(ValueError, match="Must return gradient for each variable"):
        t.gradient(y, x)


def test_recompute_grad():
    f = tf.recompute_grad(lambda x: tf.sin(x) * x)
    x = tf.constant(0.5)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    close(t.gradient(y, x), np.cos(0.5) * 0.5 + np.sin(0.5))


# ---- ForwardAccumulator
def test_forward_accumulator_jvp():
    x = tf.constant([1.0, 4.0])
    with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 2.0])) as acc:
        y = tf.sqrt(x) * x
        s = tf.reduce_sum(y)
        c = tf.constant(1.0) * 2.0
    close(acc.jvp(y), [1.5, 6.0])
    close(acc.jvp(s), 7.5)
    close(acc.jvp(x), [1.0, 2.0])
    assert acc.jvp(c) is None
    close(acc.jvp(c, unconnected_gradients="zero"), 0.0)


def test_forward_accumulator_variables_and_structure():
    v = tf.Variable(2.0)
    w = tf.Variable(3.0)
    with tf.autodiff.ForwardAccumulator([v, w], [1.0, 0.5]) as acc:
        y = v * w
    r = acc.jvp({"y": y})
    close(r["y"], 3.0 + 1.0)


def test_forward_over_backward_hvp():
    x = tf.constant([1.0, 2.0])
    with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 0.0])) as acc:
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.reduce_sum(x * x * x)
        g = t.gradient(y, x)
    close(acc.jvp(g), [6.0, 0.0])


def test_forward_accumulator_shape_check():
    with pytest.raises(ValueError):
        tf.autodiff.ForwardAccumulator(tf.constant([1.0, 2.0]), tf.constant([1.0]))


# ---- gradient conventions fixed in this change
def test_floormod_and_angle_gradients_match_tf():
    x, y = tf.constant([5.0, 7.0]), tf.constant([3.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, y])
        m = tf.math.floormod(x, y)
        a = tf.math.angle(tf.complex(x, y))
        tm = tf.truncatemod(x, y)
    gx, gy = t.gradient(m, [x, y])
    close(gx, [1.0, 1.0])
    close(gy, [-1.0, -3.0])
    gx, gy = t.gradient(a, [x, y])
    close(gx, [-0.0882353, -0.03773585])
    close(gy, [0.14705881, 0.13207547])
    with pytest.raises(LookupError, match="TruncateMod"):
        t.gradient(tm, x)


def test_variable_target_counts_once():
    x = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y = x * x
    close(t.gradient([x, y], [x])[0], 5.0)
    assert len(t.watched_variables()) == 1


def test_composite_sources_on_a_tape():
    """A RaggedTensor source gets a RaggedTensor gradient; a SparseTensor source is TF's ValueError."""
    rt = tf.ragged.constant([[1.0, 2.0], [3.0]])
    st = tf.SparseTensor([[0, 0], [1, 1]], tf.constant([1.0, 2.0]), [2, 2])
    with tf.GradientTape(persistent=True) as t:
        t.watch([rt, st])
        y = tf.reduce_sum(rt * rt) + tf.reduce_sum(st.values)
    g = t.gradient(y, [rt, st.values])
    assert g[0].to_list() == [[2.0, 4.0], [6.0]]
    np.testing.assert_array_equal(g[1].numpy(), [1.0, 1.0])
    with pytest.raises(ValueError, match="Type SparseTensor is not supported as a gradient source or gradient target."):
        t.gradient(y, st)
