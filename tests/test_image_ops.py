"""tf.image's first ops: exact values, TF's errors, and the same results as real TF (reference)."""
import numpy as np
import pytest

import tfcompat as tf

X = np.random.default_rng(0).random((2, 4, 5, 3), dtype=np.float32)


def test_adjust_contrast_scales_around_each_channels_mean():
    x = np.arange(12, dtype=np.float32).reshape(2, 2, 3)
    np.testing.assert_allclose(tf.image.adjust_contrast(x, 2.0).numpy(),
                               [[[-4.5, -3.5, -2.5], [1.5, 2.5, 3.5]], [[7.5, 8.5, 9.5], [13.5, 14.5, 15.5]]])
    assert tf.image.adjust_contrast(tf.constant(x, tf.float64), 1.0).dtype == tf.float64


def test_convert_image_dtype_rescales_ranges():
    np.testing.assert_array_equal(tf.image.convert_image_dtype(tf.constant([0, 255], tf.uint8), tf.float32).numpy(),
                                  [0.0, 1.0])
    np.testing.assert_array_equal(tf.image.convert_image_dtype(tf.constant([0.0, 1.0]), tf.uint8).numpy(), [0, 255])
    np.testing.assert_array_equal(tf.image.convert_image_dtype(tf.constant([255], tf.uint8), tf.int16).numpy(),
                                  [32640])
    np.testing.assert_array_equal(tf.image.convert_image_dtype(tf.constant([2.0]), tf.uint8, saturate=True).numpy(),
                                  [255])


@pytest.mark.parametrize("call, error, text", [
    (lambda: tf.image.adjust_contrast(tf.constant([[1.0, 2.0]]), 2.0), tf.errors.InvalidArgumentError,
     "input must be at least 3-D, got shape[1,2]"),
    (lambda: tf.image.adjust_contrast(tf.constant(X, tf.float16), 2.0), tf.errors.NotFoundError,
     "Could not find device for node: {{node AdjustContrastv2}} = AdjustContrastv2[T=DT_HALF]"),
    (lambda: tf.image.convert_image_dtype(tf.constant([True]), tf.float32), AttributeError,
     "image dtype must be either floating point or integer"),
    (lambda: tf.image.convert_image_dtype(X, tf.bool), AttributeError, "dtype must be either floating point or integer"),
])
def test_errors_are_tfs(call, error, text):
    with pytest.raises(error) as info:
        call()
    assert text in str(info.value)


@pytest.mark.reference
@pytest.mark.parametrize("case", ["float32", "image", "uint8", "float64", "u8->f32", "f32->u8", "u8->i16",
                                  "i32->u8 sat", "f32->i32 sat", "f32->f16"])
def test_matches_real_tf(case):
    real = pytest.importorskip("tensorflow")

    def run(t):
        calls = {
            "float32": lambda: t.image.adjust_contrast(X, 2.0),
            "image": lambda: t.image.adjust_contrast(X[0], t.constant(0.5)),
            "uint8": lambda: t.image.adjust_contrast(t.cast(X * 255, t.uint8), 1.5),
            "float64": lambda: t.image.adjust_contrast(t.constant(X, t.float64), 1.5),
            "u8->f32": lambda: t.image.convert_image_dtype(t.cast(X * 200, t.uint8), t.float32),
            "f32->u8": lambda: t.image.convert_image_dtype(X, t.uint8),
            "u8->i16": lambda: t.image.convert_image_dtype(t.cast(X * 200, t.uint8), t.int16),
            "i32->u8 sat": lambda: t.image.convert_image_dtype(t.cast(X * 200, t.int32), t.uint8, saturate=True),
            "f32->i32 sat": lambda: t.image.convert_image_dtype(X, t.int32, saturate=True),
            "f32->f16": lambda: t.image.convert_image_dtype(X, t.float16),
        }
        out = calls[case]()
        return out.dtype.name, out.numpy()
    (want_dtype, want), (got_dtype, got) = run(real), run(tf)
    assert got_dtype == want_dtype
    np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=1e-6, atol=1e-6)
