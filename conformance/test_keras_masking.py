"""Conformance: Keras 3 masking (tf.keras of TF 2.21): masks ride on tensors as `_keras_mask`, recurrent layers skip
masked steps, a layer that drops a mask warns, and losses count only the unmasked entries."""
import warnings

import numpy as np
import pytest


def test_embedding_mask_zero_sets_the_mask(tf):
    out = tf.keras.layers.Embedding(5, 2, mask_zero=True)(np.array([[1, 2, 0], [0, 3, 4]]))
    np.testing.assert_array_equal(np.asarray(out._keras_mask), [[True, True, False], [False, True, True]])
    assert getattr(tf.keras.layers.Embedding(5, 2)(np.array([[1, 0]])), "_keras_mask", None) is None


@pytest.mark.parametrize("rnn", ["LSTM", "GRU", "SimpleRNN"])
def test_masked_padding_equals_the_shorter_sequence(tf, rnn):
    layers = tf.keras.layers
    model = tf.keras.Sequential([layers.Embedding(10, 3, mask_zero=True), getattr(layers, rnn)(2)])
    padded = np.asarray(model(np.array([[4, 7, 0, 0], [5, 0, 0, 0]])))
    np.testing.assert_allclose(padded[0], np.asarray(model(np.array([[4, 7]])))[0], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(padded[1], np.asarray(model(np.array([[5]])))[0], rtol=1e-6, atol=1e-7)


def test_masking_layer(tf):
    out = tf.keras.layers.Masking(mask_value=1.0)(np.array([[[1.0, 1.0], [1.0, 2.0]]], np.float32))
    np.testing.assert_array_equal(np.asarray(out), [[[0.0, 0.0], [1.0, 2.0]]])
    np.testing.assert_array_equal(np.asarray(out._keras_mask), [[False, True]])


def test_layer_dropping_a_mask_warns(tf):
    x = tf.keras.layers.Embedding(5, 2, mask_zero=True)(np.array([[1, 0]]))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        out = tf.keras.layers.Flatten(name="flat_mask")(x)
    assert [str(w.message) for w in record] == [
        "Layer 'flat_mask' (of type Flatten) was passed an input with a mask attached to it. However, this layer "
        "does not support masking and will therefore destroy the mask information. Downstream layers will not see "
        "the mask."]
    assert getattr(out, "_keras_mask", None) is None


def test_loss_counts_only_unmasked_entries(tf):
    y_pred = tf.constant([[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]]])
    y_pred._keras_mask = tf.constant([[True, True, False], [True, False, False]])
    loss = tf.keras.losses.MeanAbsoluteError()
    assert float(loss(tf.zeros((2, 3, 1)), y_pred)) == pytest.approx((1 + 2 + 4) / 3)


def test_global_average_pooling_1d_averages_unmasked_steps(tf):
    x = np.arange(12, dtype=np.float32).reshape(1, 4, 3)
    out = tf.keras.layers.GlobalAveragePooling1D()(x, mask=np.array([[True, False, True, False]]))
    np.testing.assert_array_equal(np.asarray(out), [[3.0, 4.0, 5.0]])
