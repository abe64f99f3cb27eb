"""Keras convolution, pooling, reshaping and recurrent layers: weight names/shapes, numerical gradients,
graph == eager, configs, and (`reference`) outputs and gradients equal to real Keras 3 for the same weights."""
import numpy as np
import pytest

import tfcompat as tf

L = tf.keras.layers
RNG = np.random.RandomState(0)

# (id, layer factory over a `keras.layers` module, input shape, call kwargs). Note: real Keras 3.15 on TF's CPU adds
# a channels_first convolution's bias along the last axis when that axis has `filters` entries (a TF CPU bug that
# tfcompat does not copy), so the channels_first case keeps the width different from `filters`.
CASES = [
    ("conv1d", lambda K: K.Conv1D(4, 3, strides=2, activation="tanh"), (2, 9, 3), {}),
    ("conv1d-causal", lambda K: K.Conv1D(4, 3, padding="causal", dilation_rate=2), (2, 9, 3), {}),
    ("conv1d-groups", lambda K: K.Conv1D(4, 2, groups=2, padding="same"), (2, 7, 4), {}),
    ("conv2d", lambda K: K.Conv2D(5, 3, padding="same", strides=2, activation="relu"), (2, 9, 8, 3), {}),
    ("conv2d-dilated", lambda K: K.Conv2D(4, (3, 2), dilation_rate=2, use_bias=False), (2, 9, 8, 3), {}),
    ("conv2d-first", lambda K: K.Conv2D(5, 3, data_format="channels_first"), (2, 3, 7, 6), {}),
    ("conv2d-transpose", lambda K: K.Conv2DTranspose(3, 3, strides=2, padding="same"), (2, 5, 4, 2), {}),
    ("conv2d-transpose-op", lambda K: K.Conv2DTranspose(3, 3, strides=2, output_padding=1), (2, 5, 4, 2), {}),
    ("conv1d-transpose", lambda K: K.Conv1DTranspose(3, 4, strides=3), (2, 5, 2), {}),
    ("depthwise", lambda K: K.DepthwiseConv2D(3, depth_multiplier=2, padding="same"), (2, 6, 6, 3), {}),
    ("separable", lambda K: K.SeparableConv2D(4, 3, strides=2, depth_multiplier=2), (2, 7, 7, 3), {}),
    ("maxpool2d", lambda K: K.MaxPooling2D(3, 2, padding="same"), (2, 7, 6, 3), {}),
    ("avgpool2d", lambda K: K.AveragePooling2D(2, padding="same"), (2, 5, 5, 3), {}),
    ("avgpool2d-first", lambda K: K.AveragePooling2D(2, data_format="channels_first"), (2, 3, 4, 6), {}),
    ("maxpool1d", lambda K: K.MaxPooling1D(3, 1), (2, 6, 3), {}),
    ("avgpool1d", lambda K: K.AveragePooling1D(2), (2, 6, 3), {}),
    ("gap2d", lambda K: K.GlobalAveragePooling2D(keepdims=True), (2, 4, 5, 3), {}),
    ("gmp2d", lambda K: K.GlobalMaxPooling2D(), (2, 4, 5, 3), {}),
    ("gap1d", lambda K: K.GlobalAveragePooling1D(), (2, 4, 3), {}),
    ("gmp1d", lambda K: K.GlobalMaxPooling1D(data_format="channels_first"), (2, 4, 3), {}),
    ("zeropad2d", lambda K: K.ZeroPadding2D(((1, 2), (0, 1))), (2, 3, 4, 2), {}),
    ("upsample2d", lambda K: K.UpSampling2D((2, 3)), (2, 3, 4, 2), {}),
    ("upsample2d-bilinear", lambda K: K.UpSampling2D((2, 3), interpolation="bilinear"), (2, 3, 4, 2), {}),
    ("upsample2d-bilinear-first",
     lambda K: K.UpSampling2D(3, data_format="channels_first", interpolation="bilinear"), (2, 2, 3, 4), {}),
    ("crop2d", lambda K: K.Cropping2D(((1, 0), (2, 1))), (2, 5, 6, 2), {}),
    ("crop1d", lambda K: K.Cropping1D((1, 2)), (2, 6, 2), {}),
    ("zeropad1d", lambda K: K.ZeroPadding1D(2), (2, 3, 2), {}),
    ("upsample1d", lambda K: K.UpSampling1D(3), (2, 3, 2), {}),
    ("simple_rnn", lambda K: K.SimpleRNN(4, return_sequences=True), (2, 5, 3), {}),
    ("lstm", lambda K: K.LSTM(4), (2, 5, 3), {}),
    ("lstm-back-state", lambda K: K.LSTM(3, go_backwards=True, return_state=True), (2, 5, 3), {}),
    ("lstm-mask", lambda K: K.LSTM(3, return_sequences=True), (2, 5, 3),
     {"mask": np.array([[1, 1, 1, 0, 0], [1, 0, 1, 1, 1]], bool)}),
    ("gru", lambda K: K.GRU(4, return_sequences=True), (2, 5, 3), {}),
    ("gru-reset-before", lambda K: K.GRU(3, reset_after=False, return_state=True), (2, 5, 3), {}),
    ("gru-initial-state", lambda K: K.GRU(3), (2, 4, 3), {"initial_state": RNG.rand(2, 3).astype(np.float32)}),
    ("rnn-stacked", lambda K: K.RNN([K.LSTMCell(3), K.SimpleRNNCell(2)], return_sequences=True), (2, 4, 3), {}),
    ("bidirectional", lambda K: K.Bidirectional(K.LSTM(3, return_sequences=True)), (2, 5, 3), {}),
    ("bidirectional-sum", lambda K: K.Bidirectional(K.GRU(2), merge_mode="sum"), (2, 5, 3), {}),
    ("bidirectional-none-state",
     lambda K: K.Bidirectional(K.SimpleRNN(2, return_state=True), merge_mode=None), (2, 4, 3), {}),
]


def _run(tfmod, make, x, kwargs, weights=None):
    """Builds the layer, sets `weights` (or random ones), and returns the weights, outputs and gradients of a
    fixed weighted sum of the outputs with respect to the input and every weight."""
    layer = make(tfmod.keras.layers)
    xt = tfmod.constant(x)
    layer(xt, **kwargs)
    if weights is None:
        weights = [RNG.uniform(-0.5, 0.5, w.shape).astype(np.float32) for w in layer.get_weights()]
    layer.set_weights(weights)
    with tfmod.GradientTape() as tape:
        tape.watch(xt)
        out = layer(xt, **kwargs)
        flat = out if isinstance(out, (list, tuple)) else [out]
        loss = sum(tfmod.reduce_sum(o * np.cos(np.arange(np.prod(o.shape))).reshape(o.shape).astype(np.float32))
                   for o in flat)
    grads = tape.gradient(loss, [xt] + list(layer.trainable_weights))
    return (weights, [w.path for w in layer.weights], [np.asarray(o) for o in flat],
            [None if g is None else np.asarray(g) for g in grads])


@pytest.mark.reference
@pytest.mark.parametrize("name, make, shape, kwargs", CASES, ids=[c[0] for c in CASES])
def test_matches_keras(name, make, shape, kwargs):
    tf_real = pytest.importorskip("tensorflow")
    x = RNG.uniform(-1, 1, shape).astype(np.float32)
    weights, want_paths, want_out, want_grads = _run(tf_real, make, x, kwargs)
    _, got_paths, got_out, got_grads = _run(tf, make, x, kwargs, weights)
    assert [p.split("/", 1)[-1] for p in got_paths] == [p.split("/", 1)[-1] for p in want_paths]
    assert len(got_out) == len(want_out)
    for g, w in zip(got_out, want_out):
        assert g.shape == w.shape
        np.testing.assert_allclose(g, w, rtol=1e-5, atol=2e-6)
    for g, w in zip(got_grads, want_grads):
        np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-5)


def test_weight_names_and_shapes():
    conv = L.Conv2D(8, 3, name="c")
    conv(np.zeros((1, 10, 10, 2), np.float32))
    sep = L.SeparableConv2D(5, 3, depth_multiplier=2, name="s")
    sep(np.zeros((1, 10, 10, 2), np.float32))
    gru = L.GRU(4, name="g")
    gru(np.zeros((2, 5, 3), np.float32))
    bi = L.Bidirectional(L.LSTM(3, name="l"), name="bi")
    bi(np.zeros((2, 5, 3), np.float32))
    got = [(w.path, tuple(w.shape)) for layer in (conv, sep, gru, bi) for w in layer.weights]
    assert got == [
        ("c/kernel", (3, 3, 2, 8)), ("c/bias", (8,)),
        ("s/depthwise_kernel", (3, 3, 2, 2)), ("s/pointwise_kernel", (1, 1, 4, 5)), ("s/bias", (5,)),
        ("g/gru_cell/kernel", (3, 12)), ("g/gru_cell/recurrent_kernel", (4, 12)), ("g/gru_cell/bias", (2, 12)),
        ("bi/forward_l/lstm_cell/kernel", (3, 12)), ("bi/forward_l/lstm_cell/recurrent_kernel", (3, 12)),
        ("bi/forward_l/lstm_cell/bias", (12,)), ("bi/backward_l/lstm_cell/kernel", (3, 12)),
        ("bi/backward_l/lstm_cell/recurrent_kernel", (3, 12)), ("bi/backward_l/lstm_cell/bias", (12,))]


def _numeric_grad(f, value, eps=1e-6):
    grad = np.zeros_like(value)
    for idx in np.ndindex(value.shape):
        up, down = value.copy(), value.copy()
        up[idx] += eps
        down[idx] -= eps
        grad[idx] = (f(up) - f(down)) / (2 * eps)
    return grad


@pytest.mark.parametrize("make, shape", [
    (lambda: L.Conv2D(2, 2, strides=(1, 2), padding="same", activation="tanh", dtype="float64"), (1, 3, 4, 2)),
    (lambda: L.LSTM(2, return_sequences=True, dtype="float64"), (2, 3, 2)),
    (lambda: L.GRU(2, dtype="float64"), (2, 3, 2)),
], ids=["conv2d", "lstm", "gru"])
def test_gradients_match_finite_differences(make, shape):
    layer = make()
    x = RNG.uniform(-1, 1, shape)
    layer(x)
    for variable in [None] + list(layer.trainable_weights):
        def loss(value):
            if variable is None:
                return float(tf.reduce_sum(tf.sin(layer(value))))
            saved = variable.numpy()
            variable.assign(value)
            out = float(tf.reduce_sum(tf.sin(layer(x))))
            variable.assign(saved)
            return out
        xt = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(xt)
            y = tf.reduce_sum(tf.sin(layer(xt)))
        got = tape.gradient(y, xt if variable is None else variable)
        want = _numeric_grad(loss, x if variable is None else variable.numpy())
        np.testing.assert_allclose(np.asarray(got), want, rtol=1e-6, atol=1e-8)


def test_graph_equals_eager_with_gradients():
    model = tf.keras.Sequential([L.Conv2D(4, 3, activation="relu", input_shape=(None, None, 1)),
                                 L.MaxPooling2D(), L.Conv2D(4, 3, activation="relu"), L.GlobalAveragePooling2D(),
                                 L.Dense(3)])
    rnn = tf.keras.Sequential([L.Bidirectional(L.LSTM(3, return_sequences=True)), L.GRU(2)])
    x = RNG.rand(2, 12, 12, 1).astype(np.float32)
    s = RNG.rand(2, 4, 3).astype(np.float32)

    def step(x, s):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(model(x) ** 2) + tf.reduce_sum(rnn(s) ** 2)
        return loss, tape.gradient(loss, model.trainable_variables + rnn.trainable_variables)

    eager_loss, eager_grads = step(x, s)
    graph_loss, graph_grads = tf.function(step)(x, s)
    np.testing.assert_allclose(graph_loss.numpy(), eager_loss.numpy(), rtol=1e-6)
    for g, e in zip(graph_grads, eager_grads):
        np.testing.assert_allclose(g.numpy(), e.numpy(), rtol=1e-5, atol=1e-7)


def test_seed_conv_model_trains():
    model = tf.keras.Sequential([L.Conv2D(16, [3, 3], activation="relu", input_shape=(None, None, 1)),
                                 L.Conv2D(16, [3, 3], activation="relu"), L.GlobalAveragePooling2D(),
                                 L.Dense(10)])
    x = RNG.rand(8, 28, 28, 1).astype(np.float32)
    y = RNG.randint(0, 10, 8)
    assert tuple(model(x[:1]).shape) == (1, 10)
    optimizer = tf.keras.optimizers.Adam(0.01)
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    losses = []
    for _ in range(5):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        losses.append(float(loss))
    assert losses[-1] < losses[0]


@pytest.mark.parametrize("make", [
    lambda: L.Conv2D(3, (2, 3), strides=2, padding="same", activation="relu", groups=1),
    lambda: L.Conv2DTranspose(3, 3, output_padding=(0, 1), strides=2),
    lambda: L.SeparableConv2D(4, 3, depth_multiplier=2),
    lambda: L.DepthwiseConv2D(3),
    lambda: L.MaxPooling2D(3, padding="same"),
    lambda: L.GlobalAveragePooling1D(keepdims=True),
    lambda: L.UpSampling2D(interpolation="bilinear"),
    lambda: L.Cropping2D(((1, 2), (3, 4))),
    lambda: L.LSTM(3, return_sequences=True, dropout=0.1),
    lambda: L.GRU(3, reset_after=False, go_backwards=True),
    lambda: L.Bidirectional(L.SimpleRNN(2), merge_mode="ave"),
    lambda: L.RNN(L.LSTMCell(2), return_state=True),
], ids=["conv2d", "transpose", "separable", "depthwise", "maxpool", "gap1d", "upsample", "crop", "lstm", "gru",
        "bidirectional", "rnn"])
def test_config_round_trip(make):
    layer = make()
    config = layer.get_config()
    clone = type(layer).from_config(config)
    assert clone.get_config() == config


def test_functional_shapes():
    inputs = tf.keras.Input((6, 3))
    seq, h, c = L.LSTM(4, return_sequences=True, return_state=True)(inputs)
    merged = L.Bidirectional(L.GRU(2))(seq)
    assert tuple(seq.shape) == (None, 6, 4) and tuple(h.shape) == (None, 4) and tuple(c.shape) == (None, 4)
    assert tuple(merged.shape) == (None, 4)
    image = tf.keras.Input((None, None, 1))
    out = L.GlobalMaxPooling2D()(L.Conv2D(5, 3, padding="same")(L.UpSampling2D()(image)))
    assert tuple(out.shape) == (None, 5)
    model = tf.keras.Model(inputs, merged)
    assert tuple(model(RNG.rand(2, 6, 3).astype(np.float32)).shape) == (2, 4)


def test_dropout_only_when_training():
    layer = L.LSTM(3, dropout=0.5, recurrent_dropout=0.5, seed=1)
    x = RNG.rand(4, 5, 2).astype(np.float32)
    a, b = layer(x).numpy(), layer(x).numpy()
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(layer(x, training=True).numpy(), a)


def test_errors():
    with pytest.raises(ValueError, match="The `kernel_size` argument must be a tuple of 2 integers"):
        L.Conv2D(2, (1, 2, 3))
    with pytest.raises(ValueError, match="number of filters must be evenly divisible"):
        L.Conv2D(3, 2, groups=2)
    with pytest.raises(ValueError, match="Invalid merge mode"):
        L.Bidirectional(L.LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match="expected ndim=3, found ndim=2"):
        L.LSTM(2)(np.zeros((2, 3), np.float32))
    with pytest.raises(NotImplementedError, match="not implemented yet in tfcompat"):
        L.LSTM(2, stateful=True)


def test_unknown_sizes_inside_tf_function():
    transpose, lstm = L.Conv2DTranspose(2, 3, strides=2, padding="same"), L.LSTM(3)
    x = RNG.rand(2, 4, 4, 1).astype(np.float32)
    s = RNG.rand(2, 5, 2).astype(np.float32)
    want_t, want_r = transpose(x).numpy(), lstm(s).numpy()
    f = tf.function(lambda v: transpose(v), input_signature=[tf.TensorSpec([None, None, None, 1], tf.float32)])
    g = tf.function(lambda v: lstm(v), input_signature=[tf.TensorSpec([None, 5, 2], tf.float32)])
    np.testing.assert_allclose(f(x).numpy(), want_t, rtol=1e-6)
    np.testing.assert_allclose(g(s).numpy(), want_r, rtol=1e-6)
    h = tf.function(lambda v: lstm(v), input_signature=[tf.TensorSpec([None, None, 2], tf.float32)])
    with pytest.raises(NotImplementedError, match="unknown number of time steps"):
        h(s)


CONFIG_CASES = {
    "conv2d": lambda K: K.Conv2D(3, 2, strides=2, padding="same", name="x"),
    "conv1d-transpose": lambda K: K.Conv1DTranspose(3, 2, output_padding=1, strides=2, name="x"),
    "depthwise": lambda K: K.DepthwiseConv2D(3, name="x"), "separable": lambda K: K.SeparableConv2D(3, 2, name="x"),
    "maxpool": lambda K: K.MaxPooling2D(name="x"), "gap": lambda K: K.GlobalAveragePooling2D(name="x"),
    "zeropad": lambda K: K.ZeroPadding2D(name="x"), "upsample": lambda K: K.UpSampling2D(name="x"),
    "crop": lambda K: K.Cropping2D(1, name="x"), "simple_rnn": lambda K: K.SimpleRNN(2, name="x"),
    "lstm": lambda K: K.LSTM(2, name="x"), "gru": lambda K: K.GRU(2, name="x"),
    "lstm_cell": lambda K: K.LSTMCell(2, name="x"), "rnn": lambda K: K.RNN(K.GRUCell(2, name="c"), name="x"),
    "bidirectional": lambda K: K.Bidirectional(K.LSTM(2, name="l"), name="x"),
}


@pytest.mark.reference
@pytest.mark.parametrize("make", CONFIG_CASES.values(), ids=CONFIG_CASES.keys())
def test_config_matches_keras(make):
    tf_real = pytest.importorskip("tensorflow")
    want, got = make(tf_real.keras.layers).get_config(), make(L).get_config()
    assert got == want
    assert list(got) == list(want)
