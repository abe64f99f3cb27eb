"""Conformance: convolution and pooling shapes, SAME padding's asymmetric split, pooling that skips
padded cells (catalogue OP-08, OP-09, OP-10)."""
import numpy as np
import pytest

from .helpers import assert_value, raises

behaviour = pytest.mark.behaviour


def _image(tf, n, dtype=None):
    """An n x n single-channel image holding 1..n*n, shaped [1, n, n, 1]."""
    return tf.constant(np.arange(1, n * n + 1, dtype=dtype or np.float32).reshape(1, n, n, 1))


@behaviour("OP-08")
@pytest.mark.parametrize("padding,stride,size", [("SAME", 1, 5), ("SAME", 2, 3), ("VALID", 1, 3), ("VALID", 2, 2)])
def test_OP08_conv2d_output_shapes(tf, padding, stride, size):
    y = tf.nn.conv2d(_image(tf, 5), tf.ones((3, 3, 1, 1)), stride, padding)
    assert tuple(y.shape) == (1, size, size, 1)


@behaviour("OP-08")
def test_OP08_conv2d_explicit_padding(tf):
    y = tf.nn.conv2d(_image(tf, 5), tf.ones((3, 3, 1, 1)), 1, [[0, 0], [1, 1], [1, 1], [0, 0]])
    assert tuple(y.shape) == (1, 5, 5, 1)
    assert_value(y, tf.nn.conv2d(_image(tf, 5), tf.ones((3, 3, 1, 1)), 1, "SAME").numpy())


@behaviour("OP-08")
def test_OP08_conv2d_lowercase_padding_rejected(tf):
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'padding' of \"same\" is not in the list of "
                                                "allowed values: \"SAME\", \"VALID\", \"EXPLICIT\""):
        tf.nn.conv2d(_image(tf, 5), tf.ones((3, 3, 1, 1)), 1, "same")


@behaviour("OP-08")
def test_OP08_conv2d_channel_mismatch(tf):
    with raises(tf.errors.InvalidArgumentError, "input depth must be evenly divisible by filter depth: 1 vs 2"):
        tf.nn.conv2d(_image(tf, 5), tf.ones((3, 3, 2, 1)), 1, "SAME")


@behaviour("OP-08")
@pytest.mark.parametrize("dtype", ["int32", "float64"])
def test_OP08_conv2d_int32_and_float64_keep_dtype(tf, dtype):
    x = tf.cast(_image(tf, 5), dtype)
    y = tf.nn.conv2d(x, tf.ones((3, 3, 1, 1), dtype), 1, "VALID")
    assert y.dtype == tf.as_dtype(dtype)
    assert_value(y, [[[[63], [72], [81]], [[108], [117], [126]], [[153], [162], [171]]]])


def _box_sums(tf, n, stride):
    return tf.nn.conv2d(_image(tf, n), tf.ones((3, 3, 1, 1)), stride, "SAME")[0, :, :, 0]


@behaviour("OP-09")
def test_OP09_same_padding_odd_total_goes_bottom_right(tf):
    # 6x6, k3, s2: total padding 1, all of it after: the first window starts at (0, 0)
    assert_value(_box_sums(tf, 6, 2), [[72, 90, 69], [180, 198, 141], [174, 186, 130]])


@behaviour("OP-09")
def test_OP09_same_padding_even_total_is_symmetric(tf):
    assert_value(_box_sums(tf, 5, 2), [[16, 33, 28], [69, 117, 87], [76, 123, 88]])


@behaviour("OP-09")
def test_OP09_symmetric_padding_differs(tf):
    symmetric = tf.nn.conv2d(_image(tf, 6), tf.ones((3, 3, 1, 1)), 2, [[0, 0], [1, 1], [1, 1], [0, 0]])
    assert not np.array_equal(symmetric[0, :, :, 0].numpy(), _box_sums(tf, 6, 2).numpy())


@behaviour("OP-09")
@pytest.mark.parametrize("n,k,s", [(7, 3, 2), (6, 4, 3), (5, 2, 2), (4, 3, 1), (9, 5, 4)])
def test_OP09_same_padding_total_formula(tf, n, k, s):
    """A 1-D box filter over 1..n matches a numpy reference padded max((ceil(n/s)-1)*s + k - n, 0), odd cell last."""
    x = np.arange(1, n + 1, dtype=np.float32)
    total = max((-(-n // s) - 1) * s + k - n, 0)
    padded = np.pad(x, (total // 2, total - total // 2))
    want = np.convolve(padded, np.ones(k, np.float32), "valid")[::s]
    got = tf.nn.conv1d(tf.constant(x.reshape(1, n, 1)), tf.ones((k, 1, 1)), s, "SAME")
    assert_value(tf.reshape(got, [-1]), want)


_NEGATIVE = np.arange(-1, -10, -1, dtype=np.float32).reshape(1, 3, 3, 1)


@behaviour("OP-10")
def test_OP10_max_pool_same_skips_padding(tf):
    x = tf.constant(_NEGATIVE)
    assert_value(tf.nn.max_pool2d(x, 2, 2, "SAME")[0, :, :, 0], [[-1, -3], [-7, -9]])
    assert_value(tf.nn.max_pool2d(x, 2, 2, "VALID")[0, :, :, 0], [[-1]])


@behaviour("OP-10")
def test_OP10_avg_pool_same_divides_by_real_cells(tf):
    y = tf.nn.avg_pool2d(tf.constant(_NEGATIVE), 2, 2, "SAME")
    assert_value(y[0, :, :, 0], [[-3, -4.5], [-7.5, -9]])


@behaviour("OP-10")
def test_OP10_max_pool_5x5_k3_s2(tf):
    y = tf.nn.max_pool2d(_image(tf, 5), 3, 2, "SAME")
    assert_value(y[0, :, :, 0], [[7, 9, 10], [17, 19, 20], [22, 24, 25]])
