"""flush_denormals (tfcompat/framework/denormals.py): on inside graph calls, the caller's mode restored after."""
import numpy as np
import pytest

import tfcompat as tf
from tfcompat.framework import denormals

TINY = np.float32(1e-39)
needs_libm = pytest.mark.skipif(denormals._LIBM is None, reason="FTZ/DAZ is set on Linux x86-64 only")


@needs_libm
def test_the_mode_is_scoped_and_nests():
    assert TINY * np.float32(0.5) != 0
    with denormals.flush_denormals():
        assert TINY * np.float32(0.5) == 0
        with denormals.flush_denormals():
            assert TINY * np.float32(0.5) == 0
        assert TINY * np.float32(0.5) == 0  # the inner exit leaves the outer scope's mode
    assert TINY * np.float32(0.5) != 0


@needs_libm
def test_a_failing_function_restores_the_mode():
    @tf.function
    def f(x):
        tf.debugging.assert_positive(x)
        return x

    with pytest.raises(tf.errors.InvalidArgumentError):
        f(tf.constant(-1.0))
    assert TINY * np.float32(0.5) != 0
