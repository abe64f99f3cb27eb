"""Conformance: automatic differentiation (catalogue section C: GT, GP, GJ, CG).

Uses only the `tf` fixture, so the same tests run against real TensorFlow (`--target tensorflow`).
"""
import logging

import numpy as np
import pytest

B = pytest.mark.behaviour


def close(a, b, tol=1e-5):
    np.testing.assert_allclose(np.asarray(a, dtype=np.float64) if not hasattr(a, "numpy") else a.numpy(),
                               b, rtol=tol, atol=tol)


# ---------------------------------------------------------------- C1. GradientTape semantics (GT)
@B("GT-01")
def test_GT01_trainable_variables_auto_watched(tf):
    x0 = tf.Variable(3.0, name="x0")
    x1 = tf.Variable(3.0, name="x1", trainable=False)
    x2 = tf.Variable(2.0, name="x2") + 1.0
    x3 = tf.constant(3.0, name="x3")
    with tf.GradientTape() as tape:
        y = (x0 ** 2) + (x1 ** 2) + (x2 ** 2)
    grad = tape.gradient(y, [x0, x1, x2, x3])
    close(grad[0], 6.0)
    assert grad[1:] == [None, None, None]
    assert [v.name for v in tape.watched_variables()] == ["x0:0"]


@B("GT-02")
def test_GT02_constant_needs_watch(tf):
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    close(g.gradient(y, x), 6.0)
    with tf.GradientTape() as g:
        y = x * x
    assert g.gradient(y, x) is None


@B("GT-03")
def test_GT03_int_watch_warns_and_gives_none(tf, caplog):
    x = tf.constant(10)
    with caplog.at_level(logging.WARNING):
        with tf.GradientTape() as g:
            g.watch(x)
            y = x * x
    assert "The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32" in caplog.text
    assert g.gradient(y, x) is None


@B("GT-03")
def test_GT03_int_variable_watched_but_none(tf, caplog):
    v = tf.Variable(3)
    with caplog.at_level(logging.WARNING):
        with tf.GradientTape() as g:
            y = v * v
    assert len(g.watched_variables()) == 1
    assert g.gradient(y, v) is None
    assert "must be floating" not in caplog.text


@B("GT-04")
@pytest.mark.parametrize("bad, tname", [(3.0, "float"), ("abc", "str"), (np.array([1.0]), "ndarray")])
def test_GT04_watch_bad_thing(tf, bad, tname):
    with tf.GradientTape() as g:
        with pytest.raises(ValueError, match=f"of type '{tname}', not tf.Tensor or tf.Variable or ExtensionType"):
            g.watch(bad)


@B("GT-05")
def test_GT05_non_persistent_second_call_raises(tf):
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    g.gradient(y, x)
    with pytest.raises(RuntimeError, match="A non-persistent GradientTape can only be used to compute one set"):
        g.gradient(y, x)
    with pytest.raises(RuntimeError, match=r"one set of gradients \(or jacobians\)"):
        g.jacobian(y, x)


@B("GT-06")
def test_GT06_persistent_repeated_calls(tf):
    x = tf.constant([1.0, 3.0])
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        y = x * x
        z = y * y
    close(g.gradient(z, x), [4.0, 108.0])
    close(g.gradient(y, x), [2.0, 6.0])
    close(g.gradient(z, y), [2.0, 18.0])


@B("GT-07")
def test_GT07_higher_order_nested(tf):
    x = tf.Variable(1.0)
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            y = x * x * x
        dy = t1.gradient(y, x)
    close(dy, 3.0)
    close(t2.gradient(dy, x), 6.0)


@B("GT-07")
def test_GT07_higher_order_one_persistent_tape(tf):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x * x
        d1 = t.gradient(y, x)
        d2 = t.gradient(d1, x)
    d3 = t.gradient(d2, x)
    close(d1, 27.0)
    close(d2, 18.0)
    close(d3, 6.0)


@B("GT-08")
def test_GT08_result_mirrors_sources(tf):
    x1, x2, x3 = tf.Variable(1.0), tf.Variable(2.0), tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as t:
        y = 0.5 * (x1 * x1 + x2 * x2 + x3 * x3)
    r = t.gradient(y, [(x1, x2), (x2, x3)])
    assert isinstance(r, list) and isinstance(r[0], tuple) and isinstance(r[1], tuple)
    close(np.array([[float(a) for a in p] for p in r]), [[1.0, 2.0], [2.0, 3.0]])
    r = t.gradient(y, [x1, {"x2": x2, "x3": x3}])
    assert isinstance(r[1], dict) and set(r[1]) == {"x2", "x3"}
    close(r[0], 1.0)
    close(r[1]["x2"], 2.0)
    close(r[1]["x3"], 3.0)
    r = t.gradient(y, {"a": x1, "b": x3})
    assert isinstance(r, dict)
    close(r["b"], 3.0)
    r = t.gradient(y, (x1, x2))
    assert isinstance(r, tuple)


@B("GT-09")
def test_GT09_list_or_dict_target_sums(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        y0 = x ** 2
        y1 = 1.0 / x
    close(t.gradient({"y0": y0, "y1": y1}, x), 3.75)
    close(t.gradient([y0, y1], x), 3.75)


@B("GT-10")
def test_GT10_nonscalar_target_summed(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y = x * [3.0, 4.0]
    close(t.gradient(y, x), 7.0)


@B("GT-11")
def test_GT11_target_that_is_source(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        y = x * x
    close(t.gradient([x, y], x), 5.0)
    close(t.gradient(x, x), 1.0)
    c = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(c)
    close(t.gradient(c, c), 1.0)
    x = tf.constant(3.0)
    y = tf.constant(5.0)
    with tf.GradientTape() as t:
        t.watch([x, y])
        z = y * y
    r = t.gradient([x, y, z], [x, y])
    close(r[0], 1.0)
    close(r[1], 11.0)


@B("GT-12")
def test_GT12_unconnected(tf):
    x = tf.Variable([1.0, 2.0])
    i = tf.Variable(3)
    y = tf.constant(1.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(y)
        z = y * 2.0
    assert t.gradient(z, x) is None
    assert t.gradient(z, x, unconnected_gradients=tf.UnconnectedGradients.NONE) is None
    g = t.gradient(z, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    close(g, [0.0, 0.0])
    assert g.dtype == tf.float32
    g = t.gradient(z, i, unconnected_gradients="zero")
    assert g.dtype == tf.int32 and int(g) == 0
    with pytest.raises(ValueError, match="Unknown value for unconnected_gradients: 'nonsense'"):
        t.gradient(z, x, unconnected_gradients="nonsense")


@B("GT-13")
def test_GT13_output_gradients(tf):
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    close(t.gradient(y, x, output_gradients=tf.constant([10.0, 100.0])), [20.0, 400.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[3\] vs. \[2\]"):
        t.gradient(y, x, output_gradients=tf.constant([1.0, 2.0, 3.0]))
    x, y = tf.constant(3.0), tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch([x, y])
        xy = x * y
    r = t.gradient([xy, x], [x], output_gradients=[tf.constant(1.0), tf.constant(2.0)])
    close(r[0], 4.0)


@B("GT-14")
def test_GT14_stop_recording(tf):
    x, y = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, y])
        x_sq = x * x
        with t.stop_recording():
            y_sq = y * y
        z = x_sq + y_sq
        x2 = x * 2.0
        with t.stop_recording():
            y_unrec = x2 * x2
        y_rec = x2 * x2
    close(t.gradient(z, x), 4.0)
    assert t.gradient(z, y) is None
    assert t.gradient(y_unrec, x2) is None
    close(t.gradient(y_rec, x2), 8.0)


@B("GT-15")
def test_GT15_reset(tf):
    x, y = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch([x, y])
        z = y * y
        t.reset()
        t.watch(x)
        z = z + x * x
    assert t.gradient(z, y) is None
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        loss = v * v
        assert len(t.watched_variables()) == 1
        t.reset()
        assert t.watched_variables() == ()
        loss += v * v
    close(t.gradient(loss, v), 2.0)


@B("GT-16")
def test_GT16_stop_gradient(tf):
    x, y = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, y])
        z = x * x + tf.stop_gradient(y * y)
    close(t.gradient(z, x), 4.0)
    assert t.gradient(z, y) is None


@B("GT-17")
def test_GT17_watch_accessed_variables_false(tf):
    x0, x1, x2 = tf.Variable(0.0), tf.Variable(10.0), tf.Variable(1.0)
    with tf.GradientTape(watch_accessed_variables=False) as t:
        t.watch(x1)
        y0 = tf.math.sin(x0)
        y1 = tf.math.log1p(tf.exp(x1))  # softplus
        y = y0 + y1
    g = t.gradient(y, {"x0": x0, "x1": x1})
    assert g["x0"] is None
    close(g["x1"], 0.9999546)
    with tf.GradientTape(watch_accessed_variables=False) as t:
        t.watch(x2)
        _ = x0 * x1 * x2
    assert t.watched_variables() == (x2,)


@B("GT-18")
def test_GT18_watched_variables_tuple(tf):
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        assert t.watched_variables() == ()
        _ = v * 2.0
        w = t.watched_variables()
        assert isinstance(w, tuple) and len(w) == 1 and w[0] is v
        t.reset()
        assert t.watched_variables() == ()


@B("GT-19")
def test_GT19_gradient_inside_context(tf, caplog):
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        close(t.gradient(y, x), 6.0)
    with caplog.at_level(logging.WARNING):
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            y = x * x
            g = t.gradient(y, x)
            z = g * x
    assert "Calling GradientTape.gradient on a persistent tape inside its context" in caplog.text
    close(t.gradient(z, x), 12.0)


@B("GT-20")
def test_GT20_reenter(tf):
    x = tf.constant(1.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        with pytest.raises(ValueError, match="Tape is still recording, This can happen if you try to re-enter"):
            with t:
                pass
        y = x * 2.0
    with t:
        z = y * 2.0
    close(t.gradient(z, x), 4.0)


@B("GT-21")
def test_GT21_state_stops_gradient(tf):
    x0, x1 = tf.Variable(2.0), tf.Variable(3.0)
    with tf.GradientTape() as t:
        x1.assign_add(x0)
        y = x1 ** 2
    assert t.gradient(y, x0) is None


@B("GT-22")
def test_GT22_casts(tf):
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.cast(tf.cast(x, tf.int32), tf.float32)
        z = tf.cast(x, tf.float64) * 2.0
    assert t.gradient(y, x) is None
    g = t.gradient(z, x)
    close(g, 2.0)
    assert g.dtype == tf.float32


@B("GT-23")
def test_GT23_replacing_variable_breaks_watching(tf):
    x = tf.Variable(2.0)
    seen = []
    for _ in range(2):
        with tf.GradientTape() as t:
            y = x * x + 1.0
        seen.append((type(x).__name__, t.gradient(y, x)))
        x = x + 1
    assert seen[0][1] is not None
    assert seen[1][0] == "EagerTensor" and seen[1][1] is None


@B("GT-24")
def test_GT24_numpy_breaks_chain(tf):
    x = tf.Variable([[1.0, 2.0]])
    with tf.GradientTape() as t:
        y = np.mean(x.numpy() ** 2)
        y = tf.constant(y)
    assert t.gradient(y, x) is None


@B("GT-25")
def test_GT25_non_differentiable_paths(tf):
    x = tf.Variable(2.5)
    with tf.GradientTape(persistent=True) as t:
        a = tf.cast(tf.argmax([x, x * 2.0]), tf.float32)
        r = tf.round(x)
        f = tf.floor(x)
        s = tf.sign(x)
        i = tf.constant(2) * 3
    assert t.gradient(a, x) is None
    assert t.gradient(r, x) is None
    assert t.gradient(f, x) is None
    g = t.gradient(s, x)
    close(g, 0.0)
    assert t.gradient(i, x) is None


@B("GT-26")
def test_GT26_no_registered_gradient(tf):
    x = tf.constant(np.random.RandomState(0).rand(2, 2, 3).astype(np.float32))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.image.adjust_contrast(x, 2.0)
    with pytest.raises(LookupError, match="gradient registry has no entry for: AdjustContrastv2"):
        t.gradient(y, x)


@B("GT-27")
def test_GT27_python_control_flow(tf):
    x = tf.constant(1.0)
    v0, v1 = tf.Variable(2.0), tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        if x > 0.0:
            result = v0
        else:
            result = v1 ** 2
    dv0, dv1 = t.gradient(result, [v0, v1])
    close(dv0, 1.0)
    assert dv1 is None
    assert t.gradient(result, x) is None


@B("GT-28")
def test_GT28_where(tf):
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.where(x > 2.0, x * x, x)
    close(t.gradient(y, x), 6.0)


@B("GT-28")
def test_GT28_cond_and_while_loop(tf):
    x = tf.constant(1.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.cond(x > 0.0, lambda: x * 2.0, lambda: x * 3.0)
        w = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x), [0, tf.constant(1.0)])[1]
    close(t.gradient(y, x), 2.0)
    close(t.gradient(w, x), 3.0)


@B("GT-29")
def test_GT29_python_max(tf):
    xs = [tf.Variable(2.0), tf.Variable(3.0), tf.Variable(5.0)]
    with tf.GradientTape() as t:
        y = max(xs, key=lambda v: float(v.numpy())) * 1.0
    g = t.gradient(y, xs)
    assert g[0] is None and g[1] is None
    close(g[2], 1.0)


@B("GT-30")
def test_GT30_source_listed_twice(tf):
    x = tf.Variable(1.0)
    with tf.GradientTape() as t:
        y = 2.0 * x
    g = t.gradient(y, [x, x])
    close(g[0], 2.0)
    close(g[1], 2.0)


@B("GT-31")
def test_GT31_watching_is_tape_local(tf):
    x1, x2 = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x1)
        with tf.GradientTape(persistent=True) as inner:
            inner.watch([x1, x2])
            y = x1 ** 3
            z = x2 ** 2
        dy, dz = inner.gradient(y, x1), inner.gradient(z, x2)
    close(outer.gradient(dy, x1), 12.0)
    assert outer.gradient(dz, x2) is None


@B("GT-32")
def test_GT32_edge_cases(tf):
    x = tf.Variable(1.0)
    with tf.GradientTape(persistent=True) as t:
        c = tf.constant(5.0)
        y = x * 2.0
    assert t.gradient(c, x) is None
    with pytest.raises(TypeError, match="Argument `target` should be a list or nested structure of Tensors"):
        t.gradient(None, x)
    with pytest.raises(AttributeError, match="'float' object has no attribute '_id'"):
        t.gradient(y, 1.0)


@B("GT-33")
def test_GT33_composite_tensors(tf):
    st = tf.SparseTensor([[0, 0], [1, 1]], tf.constant([1.0, 2.0]), [2, 2])
    with tf.GradientTape() as t:
        t.watch(st)
        y = tf.reduce_sum(st.values)
    close(t.gradient(y, st.values), [1.0, 1.0])
    rt = tf.ragged.constant([[1.0, 2.0], [3.0]])
    with tf.GradientTape() as t:
        t.watch(rt)
        y = tf.reduce_sum(rt * rt)
    g = t.gradient(y, rt)
    assert type(g).__name__ == "RaggedTensor"
    assert g.to_list() == [[2.0, 4.0], [6.0]]


@B("GT-34")
@pytest.mark.parametrize("dt", ["float64", "float16"])
def test_GT34_gradient_has_source_dtype(tf, dt):
    dtype = getattr(tf, dt)
    v = tf.Variable(3.0, dtype=dtype)
    with tf.GradientTape() as t:
        y = v * v
    g = t.gradient(y, v)
    assert g.dtype == dtype
    close(g, 6.0, 1e-3)


@B("GT-34")
def test_GT34_complex(tf):
    x = tf.constant(1 + 1j, dtype=tf.complex64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.real(x * x)
    g = t.gradient(y, x)
    assert g.dtype == tf.complex64
    assert complex(g.numpy()) == pytest.approx(2 - 2j)


@B("GT-35")
def test_GT35_watch_after_exit(tf):
    x = tf.constant(1.0)
    t = tf.GradientTape()
    with t:
        pass
    t.watch(x)


@B("GT-36")
def test_GT36_py_function(tf):
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.py_function(lambda a: a * 2.0, [x], tf.float32)
    close(t.gradient(y, x), 2.0)


@B("GT-37")
def test_GT37_tf_function(tf):
    v = tf.Variable(1.0)
    add = tf.function(lambda a, b: a + b)
    with tf.GradientTape() as t:
        y = add(v, 1.0) * v
    close(t.gradient(y, v), 3.0)


@B("GT-38")
def test_GT38_read_value(tf):
    v = tf.Variable(1.0)
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        y = v.read_value() * 2.0
        xr = x.read_value()
        z = xr * 3.0
    close(t.gradient(y, v), 2.0)
    assert t.gradient(y, xr) is None


# ---------------------------------------------------------------- C2. gradient values (GP)
def _grad(tf, fn, value, dtype=None):
    x = tf.constant(value, dtype=dtype or tf.float32)
    with tf.GradientTape() as t:
        t.watch(x)
        y = fn(x)
    return t.gradient(y, x)


@B("GP-01")
def test_GP01_powers_at_zero(tf):
    close(_grad(tf, lambda x: x ** 2, 0.0), 0.0)
    close(_grad(tf, lambda x: x ** 3, 0.0), 0.0)
    close(_grad(tf, lambda x: tf.pow(x, 2.0), [0.0, -1.0]), [0.0, -2.0])


@B("GP-02")
def test_GP02_infinite_slopes(tf):
    assert np.isposinf(_grad(tf, lambda x: x ** 0.5, 0.0).numpy())
    assert np.isposinf(_grad(tf, tf.sqrt, 0.0).numpy())
    assert np.isposinf(_grad(tf, tf.math.log, 0.0).numpy())


@B("GP-03")
def test_GP03_nan_gradients(tf):
    assert np.isnan(_grad(tf, lambda x: tf.pow(x, 0.0), 0.0).numpy())
    assert np.isnan(_grad(tf, lambda x: x / x, 0.0).numpy())


@B("GP-03")
def test_GP03_norm_of_zero(tf):
    assert np.isnan(_grad(tf, tf.norm, [0.0, 0.0]).numpy()).all()


@B("GP-04")
def test_GP04_abs(tf):
    close(_grad(tf, tf.abs, [0.0, -2.0, 2.0]), [0.0, -1.0, 1.0])


@B("GP-05")
def test_GP05_relu(tf):
    close(_grad(tf, tf.nn.relu, [-1.0, 0.0, 1.0]), [0.0, 0.0, 1.0])


@B("GP-05")
def test_GP05_relu6_leaky_elu(tf):
    close(_grad(tf, tf.nn.relu6, [0.0, 6.0]), [0.0, 0.0])
    close(_grad(tf, lambda x: tf.nn.leaky_relu(x, alpha=0.2), [-1.0, 0.0, 1.0]), [0.2, 0.2, 1.0])
    close(_grad(tf, tf.nn.elu, 0.0), 1.0)


@B("GP-06")
def test_GP06_ties_go_to_first_argument(tf):
    close(_grad(tf, lambda x: tf.maximum(x, 0.0), 0.0), 1.0)
    close(_grad(tf, lambda x: tf.minimum(x, 0.0), 0.0), 1.0)
    close(_grad(tf, lambda x: tf.maximum(x[0], x[1]), [2.0, 2.0]), [1.0, 0.0])
    close(_grad(tf, lambda x: tf.minimum(x[0], x[1]), [2.0, 2.0]), [1.0, 0.0])


@B("GP-07")
def test_GP07_reduce_extreme_ties_split(tf):
    close(_grad(tf, tf.reduce_max, [1.0, 3.0, 3.0]), [0.0, 0.5, 0.5])
    close(_grad(tf, tf.reduce_min, [1.0, 1.0, 3.0]), [0.5, 0.5, 0.0])
    close(_grad(tf, lambda x: tf.reduce_max(x, axis=1), [[2.0, 2.0], [1.0, 3.0]]), [[0.5, 0.5], [0.0, 1.0]])


@B("GP-08")
def test_GP08_clip_by_value_bounds(tf):
    close(_grad(tf, lambda x: tf.clip_by_value(x, 0.0, 1.0), [-1.0, 0.0, 0.5, 1.0, 2.0]),
          [0.0, 1.0, 1.0, 1.0, 0.0])


@B("GP-09")
def test_GP09_activation_slopes(tf):
    close(_grad(tf, tf.sigmoid, 0.0), 0.25)
    close(_grad(tf, tf.tanh, 0.0), 1.0)


@B("GP-09")
def test_GP09_softplus_elu(tf):
    close(_grad(tf, tf.nn.softplus, 10.0), 0.9999546)
    close(_grad(tf, tf.nn.elu, 0.0), 1.0)


@B("GP-10")
def test_GP10_where_hides_nan(tf):
    g = _grad(tf, lambda x: tf.where(x > 0.0, tf.sqrt(x), 0.0), 0.0)
    close(g, 0.0)
    assert np.isnan(_grad(tf, lambda x: tf.where(x > 0.0, tf.math.log(x), 0.0), 0.0).numpy())

    def double_where(x):
        safe = tf.where(x > 0.0, x, 1.0)
        return tf.where(x > 0.0, tf.sqrt(safe), 0.0)
    close(_grad(tf, double_where, [0.0, 4.0]), [0.0, 0.25])


@B("GP-11")
def test_GP11_gather_gives_indexed_slices(tf):
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape() as t:
        y = tf.gather(v, [0, 2, 0])
    g = t.gradient(y, v)
    assert isinstance(g, tf.IndexedSlices)
    assert g.indices.dtype == tf.int32
    assert g.indices.numpy().tolist() == [0, 2, 0]
    assert g.values.numpy().tolist() == [[1.0, 1.0]] * 3
    assert g.dense_shape.numpy().tolist() == [3, 2]
    close(tf.convert_to_tensor(g), [[2.0, 2.0], [0.0, 0.0], [1.0, 1.0]])


@B("GP-11")
def test_GP11_gather_on_watched_tensor(tf):
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.gather(x, [2, 2])
    g = t.gradient(y, x)
    assert isinstance(g, tf.IndexedSlices)
    close(tf.convert_to_tensor(g), [0.0, 0.0, 2.0])


@B("GP-11")
def test_GP11_embedding_lookup(tf):
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        y = tf.nn.embedding_lookup(v, [1])
    assert isinstance(t.gradient(y, v), tf.IndexedSlices)


@B("GP-12")
def test_GP12_strided_slice_read_is_dense(tf):
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        y = v[0, 1] * 2.0
    g = t.gradient(y, v)
    assert g is not None and not isinstance(g, tf.IndexedSlices)
    close(g, [[0.0, 2.0], [0.0, 0.0]])


@B("GP-12")
def test_GP12_gather_mixed_with_dense_use(tf):
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        y = v.read_value()[0, 1] * 2.0
    close(t.gradient(y, v), [[0.0, 2.0], [0.0, 0.0]])
    w = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        y = tf.gather(w, [0]) + tf.reduce_sum(2.0 * w)
    g = t.gradient(y, w)
    assert not isinstance(g, tf.IndexedSlices)
    close(g, [3.0, 2.0, 2.0])


@B("GP-13")
def test_GP13_worked_values(tf):
    close(_grad(tf, lambda x: tf.matmul(x, x), [[1.0, 2.0], [3.0, 4.0]]), [[7.0, 11.0], [9.0, 13.0]])
    close(_grad(tf, lambda x: tf.concat([x, 3.0 * x], 0), [1.0, 2.0]), [4.0, 4.0])
    close(_grad(tf, lambda x: x[::2] * 10.0, [1.0, 2.0, 3.0]), [10.0, 0.0, 10.0])
    x, y = tf.constant(2.0), tf.constant(5.0)
    with tf.GradientTape() as t:
        t.watch([x, y])
        z = x * y
    gx, gy = t.gradient(z, [x, y])
    close(gx, 5.0)
    close(gy, 2.0)


@B("GP-13")
def test_GP13_sort(tf):
    close(_grad(tf, lambda x: tf.sort(x) * [1.0, 10.0, 100.0], [3.0, 1.0, 2.0]), [100.0, 1.0, 10.0])


# ---------------------------------------------------------------- C3. jacobians (GJ)
@B("GJ-01")
def test_GJ01_vector_target_scalar_source(tf):
    x = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y = x * tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
    j = t.jacobian(y, x)
    assert tuple(j.shape) == (5,)
    close(j, [1.0, 2.0, 3.0, 4.0, 5.0])


@B("GJ-02")
def test_GJ02_shape_and_sum(tf):
    rs = np.random.RandomState(0)
    x = tf.constant(rs.rand(7, 5).astype(np.float32))
    k = tf.Variable(rs.rand(5, 10).astype(np.float32))
    with tf.GradientTape(persistent=True) as t:
        y = tf.tanh(tf.matmul(x, k))
    j = t.jacobian(y, k)
    assert tuple(j.shape) == (7, 10, 5, 10)
    close(tf.reduce_sum(j, axis=[0, 1]), t.gradient(y, k).numpy(), 1e-5)


@B("GJ-03")
def test_GJ03_batch_jacobian(tf):
    rs = np.random.RandomState(1)
    x = tf.constant(rs.rand(7, 5).astype(np.float32))
    w = tf.constant(rs.rand(5, 6).astype(np.float32))
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.sigmoid(tf.matmul(x, w))
    bj = t.batch_jacobian(y, x)
    assert tuple(bj.shape) == (7, 6, 5)
    j = t.jacobian(y, x)
    assert tuple(j.shape) == (7, 6, 7, 5)
    close(tf.reduce_sum(j, axis=2), bj.numpy(), 1e-6)


@B("GJ-04")
def test_GJ04_batch_jacobian_checks(tf):
    x = tf.constant([[1.0, 2.0]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.concat([x, x, x], 0)
    with pytest.raises(ValueError, match=r"Need first dimension of target shape \(\(3, 2\)\) and source shape "
                                         r"\(\(1, 2\)\) to match."):
        t.batch_jacobian(y, x)
    with pytest.raises(ValueError, match=r"Shape \(2,\) must have rank at least 2"):
        t.batch_jacobian(tf.constant([1.0, 2.0]), x)
    z = tf.zeros([1, 0])
    with tf.GradientTape() as t:
        t.watch(z)
        y = z * 2.0
    assert tuple(t.batch_jacobian(y, z).shape) == (1, 0, 0)


@B("GJ-05")
def test_GJ05_unconnected_jacobian(tf):
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.constant([1.0, 2.0, 3.0])
    assert t.jacobian(y, x) is None
    j = t.jacobian(y, x, unconnected_gradients="zero")
    assert tuple(j.shape) == (3, 2)
    close(j, np.zeros((3, 2)))


@B("GJ-06")
def test_GJ06_target_one_tensor_sources_nested(tf):
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    with pytest.raises(AttributeError, match="'list' object has no attribute 'shape'"):
        t.jacobian([y, y], x)
    r = t.jacobian(y, [x, {"a": x}])
    assert isinstance(r, list) and isinstance(r[1], dict)
    close(r[0], [[2.0, 0.0], [0.0, 4.0]])
    close(r[1]["a"], [[2.0, 0.0], [0.0, 4.0]])


@B("GJ-07")
def test_GJ07_no_pfor_needs_persistent(tf):
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    with pytest.raises(RuntimeError) as info:
        t.jacobian(y, x, experimental_use_pfor=False)
    assert str(info.value) == ("GradientTape must be created with persistent=True to compute the jacobian with "
                               "eager execution enabled and with  experimental_use_pfor set to False.")
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    close(t.jacobian(y, x, experimental_use_pfor=False), [[2.0, 0.0], [0.0, 4.0]])


@B("GJ-08")
def test_GJ08_jacobian_is_the_single_use(tf):
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    t.jacobian(y, x)
    with pytest.raises(RuntimeError, match="A non-persistent GradientTape can only be used"):
        t.jacobian(y, x)
    with pytest.raises(RuntimeError, match="A non-persistent GradientTape can only be used"):
        t.gradient(y, x)


# ---------------------------------------------------------------- C4. custom_gradient (CG)
def _clip_by_norm(tf, t, clip):
    """clip_by_norm written with basic ops (tf.clip_by_norm is not what is tested here)."""
    norm = tf.sqrt(tf.reduce_sum(t * t))
    return t * clip / tf.maximum(norm, clip)


@B("CG-01")
def test_CG01_clip_gradient_norm(tf):
    @tf.custom_gradient
    def clip_gradients(y):
        def backward(dy):
            return _clip_by_norm(tf, dy, 0.5)
        return y, backward

    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        output = clip_gradients(v * v)
    close(t.gradient(output, v), 2.0)


@B("CG-02")
def test_CG02_grad_fn_receives_upstream(tf):
    @tf.custom_gradient
    def clip_gradients(y):
        return tf.identity(y), lambda dy: _clip_by_norm(tf, dy, 0.5)

    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = clip_gradients(x) * 3.0
    close(t.gradient(y, x), 0.5)
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = clip_gradients(x)
    close(t.gradient(y, x), [0.35355339, 0.35355339])


@B("CG-03")
def test_CG03_one_gradient_per_input(tf):
    @tf.custom_gradient
    def f(x, y):
        return x * y, lambda dz: (dz * 10.0, dz * 100.0)

    @tf.custom_gradient
    def bad(x, y):
        return x * y, lambda dz: dz * 10.0

    x, y = tf.constant(1.0), tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, y])
        z = f(x, y)
        zb = bad(x, y)
    gx, gy = t.gradient(z, [x, y])
    close(gx, 10.0)
    close(gy, 100.0)
    with pytest.raises(ValueError, match="custom_gradient function expected to return 2 gradients, but returned 1 "
                                         "instead."):
        t.gradient(zb, [x, y])


@B("CG-04")
def test_CG04_none_gradient(tf):
    @tf.custom_gradient
    def f(x):
        return x * 2.0, lambda dy: None

    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    assert t.gradient(y, x) is None


@B("CG-05")
def test_CG05_variables(tf):
    w = tf.Variable(3.0)

    @tf.custom_gradient
    def no_kw(x):
        return x * w, lambda dy: dy * w

    @tf.custom_gradient
    def with_kw(x):
        def grad(dy, variables=None):
            assert len(variables) == 1 and variables[0] is w
            return dy * w, [dy * x]
        return x * w, grad

    x = tf.constant(2.0)
    with pytest.raises(TypeError, match="@tf.custom_gradient grad_fn must accept keyword argument 'variables', "
                                        "since function uses variables: "):
        no_kw(x)
    with tf.GradientTape() as t:
        t.watch(x)
        y = with_kw(x)
    dx, dw = t.gradient(y, [x, w])
    close(dx, 3.0)
    close(dw, 2.0)


@B("CG-06")
def test_CG06_log1pexp(tf):
    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)

        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))
        return tf.math.log(1 + e), grad

    x = tf.constant(100.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = log1pexp(x)
    assert np.isposinf(y.numpy())
    close(t.gradient(y, x), 1.0)


@B("CG-07")
def test_CG07_second_derivative_through_custom_gradient(tf):
    @tf.custom_gradient
    def sq(x):
        return x * x, lambda dy: dy * 2.0 * x

    x = tf.constant(3.0)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = sq(x)
        d = t1.gradient(y, x)
    close(d, 6.0)
    close(t2.gradient(d, x), 2.0)
