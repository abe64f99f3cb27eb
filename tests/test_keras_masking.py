"""Keras masking: masks ride on tensors (`_keras_mask`), layers infer, use and propagate them as Keras 3 does,
models pass them on and compiled losses weight by them; (`reference`) values equal to real Keras 3's."""
import warnings

import numpy as np
import pytest

import tfcompat as tf

keras = tf.keras
L = keras.layers
TOKENS = np.array([[1, 2, 0, 0, 0], [3, 4, 5, 0, 0], [6, 7, 8, 9, 1]])
FEATURES = np.random.RandomState(1).uniform(-1, 1, (3, 5, 4)).astype(np.float32)
FEATURES[0, 3:] = 0.0
FEATURES[1, 1] = 0.0
DROPPED = ("Layer '{}' (of type {}) was passed an input with a mask attached to it. However, this layer does not "
           "support masking and will therefore destroy the mask information. Downstream layers will not see the mask.")


def _seq(K, *layers):
    return K.models.Sequential([K.layers.Embedding(10, 4, mask_zero=True), *layers])


def _func(K, *layers):
    x = inputs = K.Input((5,), dtype="int32")
    x = K.layers.Embedding(10, 4, mask_zero=True)(x)
    for layer in layers:
        x = layer(x)
    return K.Model(inputs, x)


def _two_branches(K, merge):
    inputs = K.Input((5,), dtype="int32")
    a = K.layers.Embedding(10, 3, mask_zero=True)(inputs)
    b = K.layers.Embedding(10, 3)(inputs)
    return K.Model(inputs, K.layers.LSTM(2)(merge(a, b)))


# (id, model factory over a keras module, input)
MODELS = [
    ("seq-lstm", lambda K: _seq(K, K.layers.LSTM(3)), TOKENS),
    ("seq-lstm-seq", lambda K: _seq(K, K.layers.LSTM(3, return_sequences=True)), TOKENS),
    ("seq-lstm-back", lambda K: _seq(K, K.layers.LSTM(3, go_backwards=True, return_sequences=True)), TOKENS),
    ("seq-lstm-zero", lambda K: _seq(K, K.layers.LSTM(3, return_sequences=True, zero_output_for_mask=True)),
     TOKENS),
    ("seq-gru", lambda K: _seq(K, K.layers.GRU(3)), TOKENS),
    ("seq-gru-seq-back", lambda K: _seq(K, K.layers.GRU(2, return_sequences=True, go_backwards=True)), TOKENS),
    ("seq-simple-rnn", lambda K: _seq(K, K.layers.SimpleRNN(3, return_sequences=True)), TOKENS),
    ("seq-stacked", lambda K: _seq(K, K.layers.LSTM(3, return_sequences=True), K.layers.GRU(2)), TOKENS),
    ("seq-dense-lstm", lambda K: _seq(K, K.layers.Dense(3, activation="tanh"), K.layers.Dropout(0.5),
                                      K.layers.LayerNormalization(), K.layers.LSTM(2)), TOKENS),
    ("seq-bidirectional", lambda K: _seq(K, K.layers.Bidirectional(K.layers.LSTM(3))), TOKENS),
    ("seq-bidirectional-seq",
     lambda K: _seq(K, K.layers.Bidirectional(K.layers.GRU(2, return_sequences=True), merge_mode="sum"),
                    K.layers.LSTM(2)), TOKENS),
    ("seq-gap", lambda K: _seq(K, K.layers.LSTM(3, return_sequences=True), K.layers.GlobalAveragePooling1D()),
     TOKENS),
    ("seq-masking", lambda K: K.models.Sequential([K.Input((5, 4)), K.layers.Masking(), K.layers.LSTM(3)]),
     FEATURES),
    ("func-lstm", lambda K: _func(K, K.layers.LSTM(3)), TOKENS),
    ("func-gru-seq", lambda K: _func(K, K.layers.GRU(3, return_sequences=True), K.layers.Dense(2)), TOKENS),
    ("func-bidirectional",
     lambda K: _func(K, K.layers.Bidirectional(K.layers.LSTM(2, return_sequences=True)), K.layers.SimpleRNN(2)),
     TOKENS),
    ("func-add", lambda K: _two_branches(K, lambda a, b: K.layers.Add()([a, b])), TOKENS),
    ("func-concat", lambda K: _two_branches(K, lambda a, b: K.layers.Concatenate()([a, b])), TOKENS),
    ("func-maximum", lambda K: _two_branches(K, lambda a, b: K.layers.Maximum()([b, a])), TOKENS),
]


def _weights(model):
    rng = np.random.RandomState(0)
    return [rng.uniform(-0.7, 0.7, w.shape).astype(np.float32) for w in model.get_weights()]


@pytest.mark.reference
@pytest.mark.parametrize("name, make, x", MODELS, ids=[m[0] for m in MODELS])
def test_masked_models_match_keras(name, make, x):
    real = pytest.importorskip("keras")
    want_model = make(real)
    want_model(x)
    weights = _weights(want_model)
    want_model.set_weights(weights)
    model = make(keras)
    model(x)
    model.set_weights(weights)
    np.testing.assert_allclose(model.predict(x, verbose=0), want_model.predict(x, verbose=0), atol=1e-5)
    np.testing.assert_allclose(np.asarray(model(x)), np.asarray(want_model(x)), atol=1e-5)


def _seq2seq(K):
    model = K.models.Sequential([K.Input((5,), dtype="int32"), K.layers.Embedding(10, 4, mask_zero=True),
                                 K.layers.LSTM(3, return_sequences=True), K.layers.Dense(4, activation="softmax")])
    model.set_weights(_weights(model))
    return model


@pytest.mark.reference
@pytest.mark.parametrize("loss", ["sparse_categorical_crossentropy", "mse"])
def test_masked_seq2seq_evaluate_and_fit_match_keras(loss):
    real = pytest.importorskip("keras")
    y = np.random.RandomState(2).randint(0, 4, (3, 5))
    if loss == "mse":
        y = np.eye(4, dtype=np.float32)[y]
    results = []
    for K in (real, keras):
        model = _seq2seq(K)
        model.compile(K.optimizers.SGD(0.5), loss, metrics=["accuracy"] if loss != "mse" else ["mae"])
        before = model.evaluate(TOKENS, y, verbose=0)
        weighted = model.evaluate(TOKENS, y, sample_weight=np.linspace(0.5, 2, 15).reshape(3, 5), verbose=0)
        history = model.fit(TOKENS, y, epochs=3, batch_size=2, shuffle=False, verbose=0).history["loss"]
        results.append((before, weighted, history, model.predict(TOKENS, verbose=0)))
    (want, want_w, want_h, want_p), (got, got_w, got_h, got_p) = results
    np.testing.assert_allclose(got, want, rtol=1e-5)
    np.testing.assert_allclose(got_w, want_w, rtol=1e-5)
    np.testing.assert_allclose(got_h, want_h, rtol=1e-5)
    np.testing.assert_allclose(got_p, want_p, atol=1e-5)


def _mask_of(K, make, x, mask):
    """The output masks of a new layer called on `x` with `mask` attached to it."""
    import tensorflow as real_tf
    x = (real_tf if K.__name__ == "keras" else tf).constant(x)
    if mask is not None:
        x._keras_mask = (real_tf if K.__name__ == "keras" else tf).constant(mask)
    out = make(K.layers)(x)
    masks = [getattr(o, "_keras_mask", None) for o in (out if isinstance(out, (list, tuple)) else [out])]
    return [None if m is None else np.asarray(m) for m in masks]


MASK = np.array([[1, 1, 0, 0, 0], [1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], bool)
# (id, layer factory over a `keras.layers` module, input, mask attached to the input)
MASK_CASES = [
    ("embedding", lambda K: K.Embedding(10, 2, mask_zero=True), TOKENS, None),
    ("embedding-nomask", lambda K: K.Embedding(10, 2), TOKENS, None),
    ("masking", lambda K: K.Masking(), FEATURES, None),
    ("masking-value", lambda K: K.Masking(mask_value=FEATURES[2, 2, 0]), FEATURES, MASK),
    ("dense", lambda K: K.Dense(2), FEATURES, MASK),
    ("flatten", lambda K: K.Flatten(), FEATURES, MASK),
    ("lstm-seq", lambda K: K.LSTM(2, return_sequences=True), FEATURES, MASK),
    ("lstm-last", lambda K: K.LSTM(2), FEATURES, MASK),
    ("lstm-state", lambda K: K.LSTM(2, return_sequences=True, return_state=True), FEATURES, MASK),
    ("bidirectional-none",
     lambda K: K.Bidirectional(K.GRU(2, return_sequences=True), merge_mode=None), FEATURES, MASK),
    ("bidirectional-last", lambda K: K.Bidirectional(K.GRU(2)), FEATURES, MASK),
    ("bidirectional-state",
     lambda K: K.Bidirectional(K.GRU(2, return_sequences=True, return_state=True)), FEATURES, MASK),
    ("gap1d", lambda K: K.GlobalAveragePooling1D(), FEATURES, MASK),
    ("lambda", lambda K: K.Lambda(lambda x: x * 2, mask=lambda x, m: m[:, :2]), FEATURES, MASK),
]


@pytest.mark.reference
@pytest.mark.parametrize("name, make, x, mask", MASK_CASES, ids=[c[0] for c in MASK_CASES])
def test_output_masks_match_keras(name, make, x, mask):
    real = pytest.importorskip("keras")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = _mask_of(real, make, x, mask)
        got = _mask_of(keras, make, x, mask)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert (g is None) == (w is None)
        if w is not None:
            np.testing.assert_array_equal(g, w)


@pytest.mark.reference
def test_merge_compute_mask_matches_keras():
    real = pytest.importorskip("keras")
    m1, m2 = MASK, np.roll(MASK, 1, axis=1)
    a, b = FEATURES, FEATURES[..., :3]
    for K in (real, keras):
        K_ = K.layers
        got = [K_.Add().compute_mask([a, a], [m1, m2]), K_.Add().compute_mask([a, a], [m1, None]),
               K_.Concatenate().compute_mask([a, b], [m1, None]), K_.Concatenate(axis=1).compute_mask([a, a], [m1, m2]),
               K_.Dot(axes=2).compute_mask([a, a], [m1, m2])]
        if K is real:
            want = got
    for g, w in zip(got, want):
        assert (g is None) == (w is None)
        if w is not None:
            np.testing.assert_array_equal(np.asarray(g), np.asarray(w))


@pytest.mark.reference
def test_global_average_pooling_with_mask_matches_keras():
    real = pytest.importorskip("keras")
    for keepdims in (False, True):
        want = real.layers.GlobalAveragePooling1D(keepdims=keepdims)(FEATURES, mask=MASK)
        got = L.GlobalAveragePooling1D(keepdims=keepdims)(FEATURES, mask=MASK)
        np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-5, atol=1e-6)
        want = real.layers.GlobalAveragePooling1D(data_format="channels_first")(FEATURES.transpose(0, 2, 1), mask=MASK)
        got = L.GlobalAveragePooling1D(data_format="channels_first")(FEATURES.transpose(0, 2, 1), mask=MASK)
        np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-5, atol=1e-6)


def _attached(x, mask):
    x = tf.constant(x)
    x._keras_mask = tf.constant(mask)
    return x


def test_masks_ride_on_tensors_and_pass_through_masking_layers():
    x = _attached(FEATURES, MASK)
    for layer in (L.Dense(2), L.Activation("relu"), L.Dropout(0.5), L.LayerNormalization(),
                  L.BatchNormalization()):
        assert layer.supports_masking
        assert layer(x)._keras_mask is x._keras_mask
    assert tf.constant(1.0).__class__.__slots__.count("_keras_mask") == 1
    assert getattr(tf.constant(1.0), "_keras_mask", None) is None
    embedded = L.Embedding(10, 2, mask_zero=True)(TOKENS)
    np.testing.assert_array_equal(embedded._keras_mask.numpy(), TOKENS != 0)
    assert getattr(L.Embedding(10, 2)(TOKENS), "_keras_mask", None) is None


def test_default_compute_mask_and_supports_masking():
    class Plain(L.Layer):
        def call(self, x):
            return x * 2

    class WithMask(L.Layer):
        def call(self, x):
            return x * 2

        def compute_mask(self, inputs, previous_mask):
            return previous_mask

    assert not Plain().supports_masking and WithMask().supports_masking
    assert L.Layer().compute_mask(None, "m") == "m"
    assert [type(layer).__name__ for layer in (L.Flatten(), L.Reshape((2,)), L.Conv1D(2, 2), L.GlobalMaxPooling1D(),
                                               L.Embedding(3, 2), L.Lambda(lambda x: x))
            if layer.supports_masking] == []
    assert L.Masking().supports_masking and L.Embedding(3, 2, mask_zero=True).supports_masking
    assert L.GlobalAveragePooling1D().supports_masking and L.Lambda(lambda x: x, mask=True).supports_masking


def test_layer_that_drops_a_mask_warns():
    x = _attached(FEATURES, MASK)
    with pytest.warns(UserWarning) as record:
        out = L.Flatten(name="flat")(x)
    assert str(record[0].message) == DROPPED.format("flat", "Flatten")
    assert getattr(out, "_keras_mask", None) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        L.Flatten()(FEATURES)
        assert getattr(L.GlobalAveragePooling1D()(x), "_keras_mask", None) is None  # uses it, no warning


def test_mask_inferred_into_call_and_explicit_mask():
    seen = []

    class Probe(L.Layer):
        def call(self, x, mask=None):
            seen.append(mask)
            return x

        def compute_mask(self, inputs, previous_mask):
            return None

    x = _attached(FEATURES[:, :2], MASK[:, :2])
    Probe()(x)
    Probe()(x, mask=tf.constant(~MASK[:, :2]))
    Probe()(FEATURES[:, :2])
    assert [None if m is None else m.numpy().tolist() for m in seen] == \
        [MASK[:, :2].tolist(), (~MASK[:, :2]).tolist(), None]
    with pytest.raises(TypeError, match="got an unexpected keyword argument 'mask'"):
        L.Dense(2)(FEATURES, mask=MASK)


def test_list_inputs_get_a_list_of_masks():
    seen = []

    class Probe(L.Layer):
        def call(self, inputs, mask=None):
            seen.append(mask)
            return inputs[0]

        def compute_mask(self, inputs, previous_mask):
            return None

    a, b = _attached(FEATURES, MASK), tf.constant(FEATURES)
    Probe()([a, b])
    Probe()([b, b])
    assert seen[0][0] is a._keras_mask and seen[0][1] is None and seen[1] == [None, None]


def test_rnn_masks_follow_return_sequences_and_skip_masked_steps():
    x = _attached(FEATURES, MASK)
    init = dict(kernel_initializer="ones", recurrent_initializer="ones")
    last = L.SimpleRNN(1, **init)
    seq = L.SimpleRNN(1, return_sequences=True, **init)
    out = seq(x)
    assert out._keras_mask is x._keras_mask and getattr(last(x), "_keras_mask", None) is None
    steps = out.numpy()[:, :, 0]
    np.testing.assert_array_equal(steps[0, 2:], steps[0, 1])  # masked steps repeat the last kept output
    np.testing.assert_array_equal(steps[1, 3:], steps[1, 2])
    np.testing.assert_allclose(last(x).numpy()[:, 0], steps[:, -1])
    zero = L.SimpleRNN(1, return_sequences=True, zero_output_for_mask=True, **init)(x).numpy()[:, :, 0]
    np.testing.assert_array_equal(zero[~MASK], 0.0)
    # an RNN called with an initial state and one input mask: Keras 3 leaves the mask out of `call`
    h = tf.zeros((3, 1))
    np.testing.assert_array_equal(L.SimpleRNN(1, **init)(x, initial_state=h).numpy(),
                                  L.SimpleRNN(1, **init)(tf.constant(FEATURES), initial_state=h).numpy())


def test_merge_masks():
    a, b = _attached(FEATURES, MASK), _attached(FEATURES, np.roll(MASK, 1, axis=1))
    np.testing.assert_array_equal(L.Add()([a, b])._keras_mask.numpy(), MASK | np.roll(MASK, 1, axis=1))
    assert getattr(L.Add()([a, tf.constant(FEATURES)]), "_keras_mask", None) is None
    concat = L.Concatenate()([a, tf.constant(FEATURES)])._keras_mask.numpy()
    np.testing.assert_array_equal(concat, np.ones_like(MASK))
    np.testing.assert_array_equal(L.Concatenate(axis=1)([a, b])._keras_mask.numpy(),
                                  np.concatenate([MASK, np.roll(MASK, 1, axis=1)], axis=1))
    with pytest.raises(ValueError, match="`mask` should be a list"):
        L.Add().compute_mask([a, b], MASK)
    big = tf.constant(np.full_like(FEATURES, 5.0))
    out = L.Maximum()([a, big])  # a masked entry takes the other operand's value
    np.testing.assert_array_equal(out.numpy(), 5.0)


def test_masking_layer():
    x = np.array([[[1.0, 2.0], [0.0, 0.0], [3.0, 0.0]]], np.float32)
    out = L.Masking()(x)
    np.testing.assert_array_equal(out._keras_mask.numpy(), [[True, False, True]])
    np.testing.assert_array_equal(out.numpy(), x)
    out = L.Masking(mask_value=1.0)(np.array([[[1.0, 1.0], [1.0, 2.0]]], np.float32))
    np.testing.assert_array_equal(out.numpy(), [[[0.0, 0.0], [1.0, 2.0]]])
    np.testing.assert_array_equal(out._keras_mask.numpy(), [[False, True]])
    assert L.Masking(mask_value=2.0).get_config()["mask_value"] == 2.0


def test_global_average_pooling_uses_the_mask():
    x = np.arange(12, dtype=np.float32).reshape(1, 4, 3)
    out = L.GlobalAveragePooling1D()(x, mask=np.array([[True, False, True, False]]))
    np.testing.assert_array_equal(out.numpy(), [[3.0, 4.0, 5.0]])
    assert getattr(out, "_keras_mask", None) is None


def test_functional_keras_tensors_carry_masks():
    inputs = keras.Input((5,), dtype="int32")
    embedded = L.Embedding(10, 4, mask_zero=True)(inputs)
    assert embedded._keras_mask.shape == (None, 5) and embedded._keras_mask.dtype == "bool"
    seq = L.LSTM(3, return_sequences=True)(embedded)
    assert seq._keras_mask is embedded._keras_mask
    assert getattr(L.LSTM(3)(seq), "_keras_mask", None) is None
    with pytest.warns(UserWarning, match="of type Flatten"):
        assert getattr(L.Flatten()(seq), "_keras_mask", None) is None
    model = keras.Model(inputs, seq)
    np.testing.assert_array_equal(model(TOKENS)._keras_mask.numpy(), TOKENS != 0)
    np.testing.assert_array_equal(model.predict(TOKENS, verbose=0).shape, (3, 5, 3))


def test_model_mask_argument_reaches_the_layers():
    features = keras.Input((5, 4))
    model = keras.Model(features, L.LSTM(2, return_sequences=True)(features))
    with pytest.warns(UserWarning, match="of type Functional"):  # a model does not support masking itself
        out = model(FEATURES, mask=MASK)
    np.testing.assert_array_equal(np.asarray(out._keras_mask), MASK)
    seq = keras.Sequential([keras.Input((5, 4)), L.GRU(2, return_sequences=True)])
    with pytest.warns(UserWarning, match="of type Sequential"):
        np.testing.assert_array_equal(np.asarray(seq(FEATURES, mask=MASK)._keras_mask), MASK)


def test_masks_survive_tf_function_fit_and_predict():
    model = keras.Sequential([keras.Input((5,), dtype="int32"), L.Embedding(10, 4, mask_zero=True),
                              L.Dense(3, activation="softmax")])

    @tf.function
    def masked(x):
        return tf.cast(model(x)._keras_mask, tf.int32)
    np.testing.assert_array_equal(masked(tf.constant(TOKENS)).numpy(), TOKENS != 0)
    kernel = np.zeros((4, 3), np.float32)
    kernel[:, 0] = 1.0  # every step predicts class 0 with probability e^4 / (e^4 + 2)
    model.set_weights([np.ones((10, 4), np.float32), kernel, np.zeros(3, np.float32)])
    y = np.where(TOKENS != 0, 0, 1)  # kept steps are class 0; the masked ones (class 1) must not count
    kept_loss = -np.log(np.exp(4.0) / (np.exp(4.0) + 2))
    model.compile(keras.optimizers.SGD(0.0), "sparse_categorical_crossentropy")
    np.testing.assert_allclose(model.evaluate(TOKENS, y, verbose=0), kept_loss, rtol=1e-5)
    history = model.fit(TOKENS, y, epochs=2, batch_size=2, shuffle=False, verbose=0).history["loss"]
    np.testing.assert_allclose(history, kept_loss, rtol=1e-5)
    np.testing.assert_allclose(model.predict(TOKENS, verbose=0)[..., 0], np.exp(4.0) / (np.exp(4.0) + 2), rtol=1e-6)


def test_functional_mask_keras_tensor_passed_explicitly():
    inputs = keras.Input((5,), dtype="int32")
    embedded = L.Embedding(10, 4, mask_zero=True)(inputs)
    model = keras.Model(inputs, L.LSTM(2)(embedded, mask=embedded._keras_mask))
    implicit = keras.Model(inputs, model.layers[-1](embedded))
    np.testing.assert_array_equal(model(TOKENS).numpy(), implicit(TOKENS).numpy())
    unmasked = model.layers[-1](model.layers[1](TOKENS), mask=tf.ones((3, 5), tf.bool))
    assert not np.allclose(model(TOKENS).numpy(), unmasked.numpy())
