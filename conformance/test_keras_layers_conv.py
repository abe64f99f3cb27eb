"""Conformance: Keras 3 convolution, pooling and recurrent layers (KT-28 and KT-29 of catalogue section K):
defaults, weight paths and shapes, output-shape arithmetic and its errors."""
import numpy as np
import pytest

from .helpers import raises

behaviour = pytest.mark.behaviour
X = np.zeros((1, 10, 10, 2), np.float32)


@behaviour("KT-28")
def test_KT28_conv2d_defaults(tf):
    layer = tf.keras.layers.Conv2D(8, 3)
    assert layer.padding == "valid" and layer.strides == (1, 1)
    assert layer.data_format == "channels_last" and layer.dilation_rate == (1, 1)
    assert type(layer.kernel_initializer).__name__ == "GlorotUniform"
    assert type(layer.bias_initializer).__name__ == "Zeros"
    layer(X)
    assert [(w.name, tuple(w.shape)) for w in layer.weights] == [("kernel", (3, 3, 2, 8)), ("bias", (8,))]
    np.testing.assert_array_equal(layer.bias.numpy(), np.zeros(8, np.float32))


@behaviour("KT-28")
def test_KT28_lstm_weights(tf):
    layer = tf.keras.layers.LSTM(4, name="lstm")
    layer(np.zeros((2, 5, 3), np.float32))
    assert [(w.path, tuple(w.shape)) for w in layer.weights] == [
        ("lstm/lstm_cell/kernel", (3, 16)), ("lstm/lstm_cell/recurrent_kernel", (4, 16)),
        ("lstm/lstm_cell/bias", (16,))]
    assert type(layer.cell.recurrent_initializer).__name__ == "Orthogonal"
    bias = layer.cell.bias.numpy()  # unit_forget_bias: the forget gate's bias starts at 1
    np.testing.assert_array_equal(bias, np.concatenate([np.zeros(4), np.ones(4), np.zeros(8)]).astype(np.float32))


@behaviour("KT-29")
@pytest.mark.parametrize("kernel, strides, padding, dilation, size", [
    (3, 1, "valid", 1, 8), (4, 1, "valid", 1, 7), (3, 2, "valid", 1, 4), (4, 2, "valid", 1, 4),
    (3, 3, "valid", 1, 3), (4, 3, "valid", 1, 3), (3, 1, "valid", 2, 6),
    (3, 1, "same", 1, 10), (3, 2, "same", 1, 5), (4, 3, "same", 1, 4)])
def test_KT29_conv2d_output_shapes(tf, kernel, strides, padding, dilation, size):
    layer = tf.keras.layers.Conv2D(1, kernel, strides=strides, padding=padding, dilation_rate=dilation)
    assert tuple(layer(X).shape) == (1, size, size, 1)
    assert tuple(layer.compute_output_shape((1, 10, 10, 2))) == (1, size, size, 1)


@behaviour("KT-29")
def test_KT29_conv2d_errors(tf):
    with raises(ValueError, "The `padding` argument must be a list/tuple or one of ", "Received: causal"):
        tf.keras.layers.Conv2D(1, 3, padding="causal")
    with raises(ValueError, "Computed output size would be zero or negative. Received `inputs shape=(1, 10, 10, 2)`, "
                            "`kernel shape=(11, 11, 2, 1)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, "
                            "`padding=valid`."):
        tf.keras.layers.Conv2D(1, 11)(X)
    with raises(ValueError, "expected min_ndim=4, found ndim=3. Full shape received: (10, 10, 2)"):
        tf.keras.layers.Conv2D(1, 3)(X[0])


@behaviour("KT-29")
def test_KT29_max_pooling_and_flatten(tf):
    x = np.zeros((1, 5, 5, 2), np.float32)
    assert tuple(tf.keras.layers.MaxPooling2D()(x).shape) == (1, 2, 2, 2)
    assert tuple(tf.keras.layers.MaxPooling2D(padding="same")(x).shape) == (1, 3, 3, 2)
    assert tuple(tf.keras.layers.Flatten()(np.zeros((2, 3, 4), np.float32)).shape) == (2, 12)


@behaviour("OP-10")
def test_OP10_average_pooling_same_ignores_padding(tf):
    x = -np.arange(1, 10, dtype=np.float32).reshape(1, 3, 3, 1)
    out = tf.keras.layers.AveragePooling2D(2, 2, padding="same")(x)
    np.testing.assert_allclose(out.numpy()[0, :, :, 0], [[-3.0, -4.5], [-7.5, -9.0]])
