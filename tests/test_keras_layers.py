"""Keras layers and models: outputs against real Keras 3 with the same weights (`reference`), numerical
gradients through layers, functional/Sequential plumbing, configs and summaries (both backends)."""
import numpy as np
import pytest

import tfcompat as tf

keras = tf.keras
L = keras.layers
RNG = np.random.RandomState(0)
X2 = RNG.rand(4, 6).astype(np.float32)
X3 = RNG.rand(4, 5, 6).astype(np.float32)

# (name, factory(layers module), input): each layer is built on the input in both frameworks, given the same
# weights, and must give the same outputs (training and inference where it matters).
CASES = [
    ("dense", lambda l: l.Dense(3, activation="relu"), X2),
    ("dense_3d", lambda l: l.Dense(2, use_bias=False), X3),
    ("activation", lambda l: l.Activation("softmax"), X2),
    ("flatten", lambda l: l.Flatten(), X3),
    ("reshape", lambda l: l.Reshape((6, 5)), X3),
    ("reshape_infer", lambda l: l.Reshape((-1, 2)), X3),
    ("permute", lambda l: l.Permute((2, 1)), X3),
    ("repeat", lambda l: l.RepeatVector(3), X2),
    ("embedding", lambda l: l.Embedding(10, 3), np.array([[1, 2], [9, 0]], np.int32)),
    ("batchnorm", lambda l: l.BatchNormalization(), X2),
    ("batchnorm_3d", lambda l: l.BatchNormalization(axis=1), X3),
    ("layernorm", lambda l: l.LayerNormalization(), X3),
    ("layernorm_rms", lambda l: l.LayerNormalization(rms_scaling=True), X2),
    ("rescaling", lambda l: l.Rescaling(1 / 255.0, offset=-1.0), X2 * 255),
    ("normalization", lambda l: l.Normalization(mean=[0.5] * 6, variance=[0.25] * 6), X2),
]


def _run(module, factory, x, weights=None, training=False):
    layer = factory(module)
    layer(x)
    if weights is not None:
        layer.set_weights(weights)
    return layer, np.asarray(layer(x, training=training))


@pytest.mark.reference
@pytest.mark.parametrize("name,factory,x", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("training", [False, True])
def test_layer_matches_keras(name, factory, x, training):
    real = pytest.importorskip("keras")
    ref_layer, _ = _run(real.layers, factory, x)
    weights = [RNG.rand(*w.shape).astype(np.float32) + 0.5 for w in ref_layer.get_weights()]
    ref_layer.set_weights(weights)
    want = np.asarray(ref_layer(x, training=training))
    ours, got = _run(L, factory, x, weights, training)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert [w.shape for w in ours.get_weights()] == [w.shape for w in ref_layer.get_weights()]
    assert [w.path.split("/")[-1] for w in ours.weights] == [w.path.split("/")[-1] for w in ref_layer.weights]
    np.testing.assert_allclose(np.concatenate([w.ravel() for w in ours.get_weights()] or [np.zeros(0)]),
                               np.concatenate([w.ravel() for w in ref_layer.get_weights()] or [np.zeros(0)]),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.reference
def test_get_config_matches_keras():
    real = pytest.importorskip("keras")
    for make in (lambda l: l.Dense(3, activation="relu", name="d"), lambda l: l.Dropout(0.3, name="dr"),
                 lambda l: l.BatchNormalization(name="bn"), lambda l: l.LayerNormalization(name="ln"),
                 lambda l: l.Flatten(name="f"), lambda l: l.Concatenate(axis=1, name="c")):
        assert make(L).get_config() == make(real.layers).get_config()


@pytest.mark.reference
def test_initializer_distributions_match_keras():
    real = pytest.importorskip("keras")
    for name in ("glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal", "random_normal",
                 "random_uniform", "truncated_normal", "orthogonal"):
        ours = np.asarray(keras.initializers.get(name)((200, 300)))
        ref = np.asarray(real.initializers.get(name)((200, 300)))
        assert abs(ours.std() - ref.std()) < 0.05 * ref.std(), name
        assert abs(ours.mean() - ref.mean()) < 0.05 * ref.std() + 1e-3, name
        np.testing.assert_allclose(np.abs(ours).max(), np.abs(ref).max(), rtol=0.35, err_msg=name)


@pytest.mark.parametrize("factory", [lambda: L.Dense(3, activation="tanh"), lambda: L.LayerNormalization(),
                                     lambda: L.BatchNormalization()])
def test_gradients_match_finite_differences(factory):
    layer = factory()
    x = tf.constant(X2.astype(np.float64) if False else X2)
    layer(x)
    w = layer.trainable_weights[0]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.sin(layer(x, training=True)))
    grad = np.asarray(tape.gradient(loss, w))
    base = np.asarray(w.numpy()).astype(np.float64)
    eps = 1e-2
    for idx in [(0,), (1,)] if base.ndim == 1 else [(0, 0), (1, 2)]:
        values = []
        for sign in (1, -1):
            bumped = base.copy()
            bumped[idx] += sign * eps
            w.assign(bumped.astype(np.float32))
            values.append(float(tf.reduce_sum(tf.sin(layer(x, training=True)))))
        w.assign(base.astype(np.float32))
        np.testing.assert_allclose(grad[idx], (values[0] - values[1]) / (2 * eps), rtol=2e-2, atol=2e-3)


def test_dropout_scales_when_training_only():
    layer = L.Dropout(0.5)
    x = np.ones((200, 50), np.float32)
    np.testing.assert_array_equal(np.asarray(layer(x)), x)
    out = np.asarray(layer(x, training=True))
    assert set(np.unique(out)) <= {0.0, 2.0} and 0.4 < (out == 0).mean() < 0.6


def test_functional_multi_io_and_nested_models():
    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    h = L.Dense(4, activation="relu")(L.Concatenate()([a, b]))
    out1, out2 = L.Dense(1)(h), L.Dense(2)(h)
    model = keras.Model([a, b], [out1, out2])
    xa, xb = np.ones((5, 3), np.float32), np.ones((5, 2), np.float32)
    y1, y2 = model([xa, xb])
    assert y1.shape == (5, 1) and y2.shape == (5, 2)
    y1d, _ = model({"a": xa, "b": xb})
    np.testing.assert_allclose(np.asarray(y1d), np.asarray(y1))
    inner = keras.Sequential([L.Dense(3), L.Dense(1)])
    x = keras.Input((4,))
    outer = keras.Model(x, inner(L.Dense(4)(x)))
    assert outer(np.ones((2, 4), np.float32)).shape == (2, 1)
    assert len(outer.weights) == 6


def test_sequential_add_pop_and_weights_roundtrip():
    model = keras.Sequential()
    model.add(keras.Input((3,)))
    model.add(L.Dense(2))
    model.add(L.Dense(1))
    assert model.output_shape == (None, 1)
    popped = model.pop()
    assert isinstance(popped, L.Dense) and model.output_shape == (None, 2)
    weights = [np.full(w.shape, 0.5, np.float32) for w in model.get_weights()]
    model.set_weights(weights)
    np.testing.assert_allclose(np.asarray(model(np.ones((1, 3), np.float32))), [[2.0, 2.0]])


def test_tracking_keras2_idioms():
    class Block(L.Layer):
        def __init__(self):
            super().__init__()
            self.parts = [L.Dense(2), L.Dense(2)]
            self.extra = {}
            self.raw = tf.Variable(1.0)

        def call(self, x):
            for p in self.parts:
                x = p(x)
            return x * self.raw
    block = Block()
    block.extra["late"] = L.Dense(1)
    block(np.ones((1, 2), np.float32))
    block.extra["late"](np.ones((1, 2), np.float32))
    assert len(block.trainable_weights) == 1 + 4 + 2
    out = block([[1.0, 2.0]])
    assert out.dtype == tf.float32


def test_regularizer_losses_and_constraints():
    layer = L.Dense(2, kernel_regularizer=keras.regularizers.l2(0.1), kernel_initializer="ones",
                    kernel_constraint=keras.constraints.NonNeg())
    layer(np.ones((1, 3), np.float32))
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(layer.losses[0]), 0.1 * 6, rtol=1e-6)
    assert layer.kernel.constraint is not None


def test_summary_text():
    model = keras.Sequential([keras.Input((3,)), L.Dense(4, name="d1"), L.Dense(1, name="d2")], name="seq")
    lines = []
    model.summary(print_fn=lines.append, line_length=60)
    text = lines[0]
    assert text.startswith('Model: "seq"\n┏')
    assert "│ d1 (Dense)" in text and "(None, 4)" in text
    assert " Total params: 21 (84.00 B)\n Trainable params: 21 (84.00 B)\n Non-trainable params: 0 (0.00 B)\n" in text


def test_module_inside_model_and_name_scope():
    class Inner(tf.Module):
        def __init__(self):
            super().__init__()
            self.v = tf.Variable(2.0)

    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.inner = Inner()

        def call(self, x):
            return x * self.inner.v
    net = Net()
    net(np.ones((1, 1), np.float32))
    assert len(net.trainable_variables) == 1
