"""Keras optimizers: Keras 3's update arithmetic, state variables, schedules, clipping and config.

Exact values from the catalogue (KT-15..19) run on every backend, eagerly and inside tf.function; the
`reference` tests replay trajectories on a small quadratic against real Keras 3 from the same start.
"""
import numpy as np
import pytest

import tfcompat as tf

keras = tf.keras
W0, G = [1.0, 2.0], [0.1, -0.5]


def _steps(opt, n, grad=G, start=W0, function=False):
    w = tf.Variable(start)
    g = tf.constant(grad)

    def step():
        opt.apply_gradients([(g, w)])

    step = tf.function(step) if function else step
    out = []
    for _ in range(n):
        step()
        out.append(w.numpy().copy())
    return out


@pytest.mark.parametrize("function", [False, True], ids=["eager", "tf.function"])
@pytest.mark.parametrize("make, want", [
    (lambda: keras.optimizers.SGD(0.1), [[0.99, 2.05], [0.98, 2.1]]),
    (lambda: keras.optimizers.SGD(0.1, momentum=0.9), [[0.99, 2.05], [0.971, 2.145], [0.9439, 2.2805]]),
    (lambda: keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True), [[0.981, 2.095], [0.9539, 2.2305]]),
    (lambda: keras.optimizers.Adam(0.1), [[0.9000038, 2.0999987], [0.80000705, 2.1999972]]),
    (lambda: keras.optimizers.RMSprop(0.01), [[0.9683788, 2.0316226], [0.9454378, 2.0545642]]),
    (lambda: keras.optimizers.Adagrad(0.1), [[0.9698489, 2.0845153], [0.9409814, 2.149065]]),
    (lambda: keras.optimizers.AdamW(0.1), [[0.89960384, 2.0991986]]),
], ids=["sgd", "momentum", "nesterov", "adam", "rmsprop", "adagrad", "adamw"])
def test_catalogue_trajectories(make, want, function):
    got = _steps(make(), len(want), function=function)
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_epsilon_placement():
    (adam,) = _steps(keras.optimizers.Adam(), 1, grad=[1e-4, 1.0], start=[0.0, 0.0])
    np.testing.assert_allclose(adam, [-0.00096934, -0.00099999], rtol=1e-4)
    (rms,) = _steps(keras.optimizers.RMSprop(), 1, grad=[1.0, 1e-4], start=[0.0, 0.0])
    np.testing.assert_allclose(rms, [-0.003162276, -0.000314658], rtol=1e-5)


@pytest.mark.parametrize("kwargs, grad, want", [
    ({"clipnorm": 0.1}, [3.0, 4.0], [0.94, 1.92]),
    ({"global_clipnorm": 1.0}, [3.0, 4.0], [0.4, 1.2]),
    ({"clipvalue": 0.1}, [3.0, -4.0], [0.9, 2.1]),
])
def test_clipping(kwargs, grad, want):
    np.testing.assert_allclose(_steps(keras.optimizers.SGD(1.0, **kwargs), 1, grad=grad)[0], want, rtol=1e-6)


def test_defaults_and_names():
    for name in ("adam", "rmsprop", "adagrad", "adamw", "nadam", "adamax", "adadelta"):
        opt = keras.optimizers.get(name.upper())
        assert type(opt).__name__.lower() == name
        assert opt.get_config()["learning_rate"] == 0.0010000000474974513
    assert keras.optimizers.get("sgd").get_config()["learning_rate"] == 0.009999999776482582
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: nonexistent"):
        keras.optimizers.get("nonexistent")
    opt = keras.optimizers.Adam(0.1)
    assert keras.optimizers.get(opt) is opt
    clone = keras.optimizers.get(keras.optimizers.serialize(opt))
    assert type(clone) is keras.optimizers.Adam and clone.get_config() == opt.get_config()


def test_state_variables_in_keras_order():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dense(2)])
    opt = keras.optimizers.Adam()
    assert [v.path for v in opt.variables] == [f"{opt.name}/iteration", f"{opt.name}/learning_rate"]
    opt.build(model.trainable_variables)
    assert [tuple(v.shape) for v in opt.variables] == [(), (), (3, 4), (3, 4), (4,), (4,), (4, 2), (4, 2), (2,), (2,)]
    assert opt.variables[2].path.endswith("_kernel_momentum") and opt.variables[3].path.endswith("_kernel_velocity")
    assert opt.iterations.dtype == tf.int64 and int(opt.iterations) == 0
    sgd = keras.optimizers.SGD()
    assert len(sgd.variables) == 2


def test_skip_none_and_indexed_slices():
    v, u = tf.Variable([1.0, 2.0]), tf.Variable([5.0])
    opt = keras.optimizers.SGD(0.1)
    opt.apply_gradients([(tf.constant([1.0, 1.0]), v), (None, u)])
    np.testing.assert_allclose(v.numpy(), [0.9, 1.9])
    assert u.numpy()[0] == 5.0 and int(opt.iterations) == 1
    table = tf.Variable([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.gather(table, [2]))
    keras.optimizers.SGD(0.5).apply_gradients(zip(tape.gradient(loss, [table]), [table]))
    np.testing.assert_allclose(table.numpy(), [[1, 1], [2, 2], [2.5, 2.5]])


def test_learning_rate_schedules_and_setter():
    s = keras.optimizers.schedules
    cases = [(s.ExponentialDecay(0.1, 10, 0.5), [0, 5, 10, 20], [0.1, 0.0707107, 0.05, 0.025]),
             (s.ExponentialDecay(0.1, 10, 0.5, staircase=True), [0, 5, 9, 10, 15, 20],
              [0.1, 0.1, 0.1, 0.05, 0.05, 0.025]),
             (s.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]), [0, 10, 11, 20, 21], [1.0, 1.0, 0.5, 0.5, 0.1]),
             (s.CosineDecay(1.0, 10), [0, 5, 10, 20], [1.0, 0.5, 0.0, 0.0]),
             (s.CosineDecay(1.0, 10, alpha=0.1), [0, 5, 10, 20], [1.0, 0.55, 0.1, 0.1]),
             (s.CosineDecay(0.0, 10, warmup_target=1.0, warmup_steps=5), [0, 1, 5, 10, 15], [0.0, 0.2, 1.0, 0.5, 0.0]),
             (s.InverseTimeDecay(1.0, 10, 0.5), [0, 10, 20], [1.0, 0.6666667, 0.5]),
             (s.PolynomialDecay(1.0, 10, 0.0), [0, 5, 10, 20], [1.0, 0.5, 0.0, 0.0])]
    for sched, steps, want in cases:
        got = [sched(step) for step in steps]
        assert all(g.dtype == tf.float32 for g in got)
        np.testing.assert_allclose([g.numpy() for g in got], want, rtol=1e-6, atol=1e-7)
    opt = keras.optimizers.SGD(s.ExponentialDecay(0.1, 1, 0.5))
    w, lrs = tf.Variable(W0), []
    for _ in range(3):
        lrs.append(float(opt.learning_rate))
        opt.apply_gradients([(tf.constant(G), w)])
    np.testing.assert_allclose(lrs, [0.1, 0.05, 0.025], rtol=1e-6)
    with pytest.raises(TypeError, match="hence its learning rate is not settable"):
        opt.learning_rate = 0.5
    opt = keras.optimizers.SGD(0.1)
    opt.learning_rate = 0.5
    assert float(opt.learning_rate) == 0.5


def test_keras2_idioms():
    w = tf.Variable(2.0)
    opt = keras.optimizers.legacy.SGD(lr=0.1)
    opt.minimize(lambda: w * w, [w])
    np.testing.assert_allclose(w.numpy(), 1.6)
    with tf.GradientTape() as tape:
        loss = w * w
    opt.minimize(loss, [w], tape=tape)
    np.testing.assert_allclose(w.numpy(), 1.28, rtol=1e-6)
    assert keras.optimizers.SGD(1).get_config()["learning_rate"] == 1.0


# ---- differential: trajectories against real Keras 3 ----
CONFIGS = [
    ("SGD", {"learning_rate": 0.05}), ("SGD", {"learning_rate": 0.05, "momentum": 0.9}),
    ("SGD", {"learning_rate": 0.05, "momentum": 0.5, "nesterov": True, "weight_decay": 0.1}),
    ("RMSprop", {"learning_rate": 0.01}), ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5, "centered": True}),
    ("Adam", {"learning_rate": 0.05}), ("Adam", {"learning_rate": 0.05, "amsgrad": True}),
    ("AdamW", {"learning_rate": 0.05, "weight_decay": 0.1}), ("Adagrad", {"learning_rate": 0.1}),
    ("Adadelta", {"learning_rate": 1.0}), ("Adamax", {"learning_rate": 0.05}), ("Nadam", {"learning_rate": 0.05}),
    ("Adam", {"learning_rate": 0.05, "clipnorm": 0.5}), ("SGD", {"learning_rate": 0.05, "clipvalue": 0.3}),
    ("RMSprop", {"learning_rate": 0.01, "global_clipnorm": 0.5}),
    ("Adam", {"learning_rate": ("ExponentialDecay", (0.1, 2, 0.5))}),
    ("SGD", {"learning_rate": ("PiecewiseConstantDecay", ([2, 4], [0.1, 0.05, 0.01])), "momentum": 0.9}),
    ("Nadam", {"learning_rate": ("CosineDecay", (0.1, 5))}),
    ("Adagrad", {"learning_rate": ("InverseTimeDecay", (0.1, 2, 0.5))}),
    ("RMSprop", {"learning_rate": ("PolynomialDecay", (0.05, 4))}),
]


def _trajectory(mod, name, kwargs, steps=6, function=False):
    kwargs = dict(kwargs)
    lr = kwargs.get("learning_rate")
    if isinstance(lr, tuple):
        kwargs["learning_rate"] = getattr(mod.keras.optimizers.schedules, lr[0])(*lr[1])
    opt = getattr(mod.keras.optimizers, name)(**kwargs)
    a = mod.Variable([[1.0, -2.0], [0.5, 3.0]])
    b = mod.Variable([0.3, -0.7])
    target = mod.constant([[0.2, 0.1], [-0.4, 0.6]])

    def step():
        with mod.GradientTape() as tape:
            loss = mod.reduce_sum(mod.square(a - target) * mod.constant([[1.0, 3.0], [0.5, 2.0]])) + \
                mod.reduce_sum(b * b * b)
        grads = tape.gradient(loss, [a, b])
        opt.apply_gradients(zip(grads, [a, b]))

    step = mod.function(step) if function else step
    out = []
    for _ in range(steps):
        step()
        out.append(np.concatenate([a.numpy().ravel(), b.numpy()]))
    return np.array(out), [v.numpy() for v in opt.variables], opt.get_config()


@pytest.mark.reference
@pytest.mark.parametrize("name, kwargs", CONFIGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CONFIGS)])
def test_trajectory_matches_keras(name, kwargs):
    tf_real = pytest.importorskip("tensorflow")
    want, want_vars, want_config = _trajectory(tf_real, name, kwargs)
    got, got_vars, got_config = _trajectory(tf, name, kwargs, function=True)
    np.testing.assert_allclose(got, want, rtol=2e-5, atol=1e-6)
    assert [v.shape for v in got_vars] == [v.shape for v in want_vars]
    for g, w in zip(got_vars, want_vars):
        np.testing.assert_allclose(g, w, rtol=2e-5, atol=1e-6)
    want_config.pop("name"), got_config.pop("name")
    assert got_config == want_config


@pytest.mark.reference
@pytest.mark.parametrize("name", ["Adam", "RMSprop", "SGD", "Adagrad", "Nadam", "Adadelta"])
def test_sparse_gradients_match_keras(name):
    """IndexedSlices with duplicate rows: squares are taken per slice before summing, as Keras 3 on TF does."""
    tf_real = pytest.importorskip("tensorflow")
    out = []
    for mod in (tf_real, tf):
        table = mod.Variable([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
        opt = getattr(mod.keras.optimizers, name)(0.1)
        for i in range(3):
            with mod.GradientTape() as tape:
                loss = mod.reduce_sum(mod.gather(table, [i % 2, 2, 2]) ** 2)
            opt.apply_gradients(zip(tape.gradient(loss, [table]), [table]))
        out.append(table.numpy())
    np.testing.assert_allclose(out[1], out[0], rtol=1e-5)


def test_indexed_slices_without_dense_shape_take_the_variable_shape():
    table = tf.Variable(np.ones((3, 2), np.float32))
    keras.optimizers.SGD(1.0).apply_gradients([(tf.IndexedSlices(tf.constant([[1.0, 1.0]]), tf.constant([1])),
                                                table)])
    np.testing.assert_array_equal(table.numpy(), [[1, 1], [0, 0], [1, 1]])
    from tfcompat.autodiff.indexed_slices import densify
    slices = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([2, 2]))
    np.testing.assert_array_equal(densify(slices, (3, 2)).numpy(), [[0, 0], [0, 0], [4, 6]])
    with pytest.raises(ValueError, match="without a dense_shape"):
        densify(slices)


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
def test_fused_adam_update_equals_the_composed_arithmetic_bit_for_bit(dtype):
    """The one-kernel Adam step rounds every op as Keras 3's op-by-op update does."""
    from tfcompat.ops.training_ops import adam_update
    rng = np.random.default_rng(3)
    var, m, v, g = (rng.normal(size=(5, 7)).astype(dtype) for _ in range(4))
    v = np.abs(v)
    alpha, c1, c2, eps = (tf.constant(c, dtype) for c in (1e-3 * np.sqrt(1 - 0.999 ** 3) / (1 - 0.9 ** 3),
                                                          1 - 0.9, 1 - 0.999, 1e-7))
    gt = tf.constant(g)
    m1 = tf.constant(m) + (gt - tf.constant(m)) * c1
    v1 = tf.constant(v) + (tf.square(gt) - tf.constant(v)) * c2
    var1 = tf.constant(var) - m1 * alpha / (tf.sqrt(v1) + eps)
    variables = [tf.Variable(a) for a in (var, m, v)]
    adam_update(*variables, gt, alpha, c1, c2, eps)
    for got, want in zip(variables, (var1, m1, v1)):
        np.testing.assert_array_equal(got.numpy(), want.numpy())
