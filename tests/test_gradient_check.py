"""Numeric gradient check (first and second order, float32 and float64) of the differentiable ops.

Uses `tf.test.compute_gradient` (tape jacobian vs central differences) on fixed random inputs chosen
away from kinks and singularities. Runs on the backend chosen by TFCOMPAT_BACKEND.
"""
import numpy as np
import pytest

import tfcompat as tf

RS = np.random.RandomState(1234)


def _u(lo, hi, shape=(2, 3)):
    return RS.uniform(lo, hi, shape)


def _away(shape=(2, 3), lo=0.2, hi=1.0):
    """Values in [-hi, -lo] U [lo, hi]: away from the kink at 0."""
    return RS.uniform(lo, hi, shape) * RS.choice([-1.0, 1.0], shape)


def _distinct(shape=(2, 3)):
    """Values with well-separated entries (for max/min/sort-like ops)."""
    n = int(np.prod(shape))
    return (RS.permutation(n).astype(np.float64) * 0.37 - 1.0).reshape(shape)


UNARY = {
    "negative": (tf.negative, _u(-1, 1)), "square": (tf.square, _u(-1, 1)), "sqrt": (tf.sqrt, _u(0.5, 2)),
    "rsqrt": (tf.math.rsqrt, _u(0.5, 2)), "reciprocal": (tf.math.reciprocal, _u(0.5, 2)),
    "exp": (tf.exp, _u(-1, 1)), "expm1": (tf.math.expm1, _u(-1, 1)), "log": (tf.math.log, _u(0.5, 2)),
    "log1p": (tf.math.log1p, _u(0, 1)), "sin": (tf.sin, _u(-1, 1)), "cos": (tf.cos, _u(-1, 1)),
    "tan": (tf.tan, _u(-1, 1)), "asin": (tf.math.asin, _u(-0.6, 0.6)), "acos": (tf.math.acos, _u(-0.6, 0.6)),
    "atan": (tf.math.atan, _u(-1, 1)), "sinh": (tf.sinh, _u(-1, 1)), "cosh": (tf.cosh, _u(-1, 1)),
    "tanh": (tf.tanh, _u(-1, 1)), "asinh": (tf.math.asinh, _u(-1, 1)), "acosh": (tf.math.acosh, _u(1.5, 2.5)),
    "atanh": (tf.math.atanh, _u(-0.6, 0.6)), "sigmoid": (tf.sigmoid, _u(-2, 2)), "erf": (tf.math.erf, _u(-1, 1)),
    "erfc": (tf.math.erfc, _u(-1, 1)), "lgamma": (tf.math.lgamma, _u(0.5, 3)), "abs": (tf.abs, _away()),
    "relu": (tf.nn.relu, _away()), "sign_times_x": (lambda x: tf.sign(x) * x * x, _away()),
    "softmax": (tf.nn.softmax, _u(-1, 1)), "log_softmax": (tf.nn.log_softmax, _u(-1, 1)),
    "reduce_sum": (lambda x: tf.reduce_sum(x, axis=1), _u(-1, 1)), "reduce_mean": (tf.reduce_mean, _u(-1, 1)),
    "reduce_max": (lambda x: tf.reduce_max(x, axis=0), _distinct()), "reduce_min": (tf.reduce_min, _distinct()),
    "reduce_prod": (lambda x: tf.reduce_prod(x, axis=1), _away()), "cumsum": (lambda x: tf.math.cumsum(x, 1), _u(-1, 1)),
    "reshape": (lambda x: tf.reshape(x, [3, 2]) ** 2, _u(-1, 1)),
    "transpose": (lambda x: tf.transpose(x) ** 2, _u(-1, 1)), "index": (lambda x: x[1, ::2] ** 2, _u(-1, 1)),
    "reverse": (lambda x: tf.reverse(x, [1]) ** 2, _u(-1, 1)), "gather": (lambda x: tf.gather(x, [1, 1, 0]) ** 2, _u(-1, 1)),
    "gather_axis1": (lambda x: tf.gather(x, [2, 0, 2], axis=1) ** 2, _u(-1, 1)),
    "concat": (lambda x: tf.concat([x, x * x], 0), _u(-1, 1)), "stack": (lambda x: tf.stack([x, x * x], 1), _u(-1, 1)),
    "broadcast_to": (lambda x: tf.broadcast_to(x, [4, 2, 3]) ** 2, _u(-1, 1)),
    "matmul_self": (lambda x: tf.matmul(x, x, transpose_b=True), _u(-1, 1)),
    "where": (lambda x: tf.where(x > 0.0, x * x, tf.sin(x)), _away()),
    "cast_f64": (lambda x: tf.cast(x, tf.float64) ** 2, _u(-1, 1)),
}

BINARY = {
    "add": (tf.add, _u(-1, 1), _u(-1, 1, (3,))), "subtract": (tf.subtract, _u(-1, 1), _u(-1, 1)),
    "multiply": (tf.multiply, _u(-1, 1), _u(-1, 1, (1, 3))), "divide": (tf.divide, _u(-1, 1), _u(0.5, 2)),
    "maximum": (tf.maximum, _u(-1, 0), _u(0.1, 1)), "minimum": (tf.minimum, _u(-1, 0), _u(0.1, 1)),
    "pow": (tf.pow, _u(0.5, 2), _u(-1, 2)), "atan2": (tf.math.atan2, _u(-1, 1), _u(0.5, 2)),
    "squared_difference": (tf.math.squared_difference, _u(-1, 1), _u(-1, 1)),
    "floormod": (tf.math.floormod, _u(2.1, 2.9), _u(1.0, 1.05)),
    "matmul": (tf.matmul, _u(-1, 1, (2, 3)), _u(-1, 1, (3, 4))),
    "matmul_ta": (lambda a, b: tf.matmul(a, b, transpose_a=True), _u(-1, 1, (3, 2)), _u(-1, 1, (3, 4))),
    "matmul_batch": (tf.matmul, _u(-1, 1, (2, 2, 3)), _u(-1, 1, (3, 2))),
}

FIRST_ONLY = {"lgamma", "floormod"}   # digamma has no gradient yet; floormod's gradient is piecewise
TOL = {tf.float32: dict(rtol=2e-2, atol=2e-2), tf.float64: dict(rtol=1e-5, atol=1e-5)}
DELTA = {tf.float32: 1.0 / 1024, tf.float64: 1e-6}
DTYPES = [tf.float32, tf.float64]


def _check(f, args, dtype):
    xs = [tf.constant(np.asarray(a, dtype.as_numpy_dtype)) for a in args]
    theo, num = tf.test.compute_gradient(f, xs, delta=DELTA[dtype])
    assert len(theo) == len(num) == len(xs)
    for t, n in zip(theo, num):
        assert t.dtype == dtype.as_numpy_dtype
        np.testing.assert_allclose(t, n, **TOL[dtype])


def _first_derivative(f, i, n):
    """x -> d sum(f(...))/d x_i, built with a tape (so a second tape can differentiate it)."""
    def g(*xs):
        with tf.GradientTape() as t:
            t.watch(xs[i])
            y = tf.reduce_sum(f(*xs))
        d = t.gradient(y, xs[i])
        return tf.convert_to_tensor(d) if d is not None else tf.zeros_like(xs[i])
    return g


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.name)
@pytest.mark.parametrize("name", sorted(UNARY))
def test_first_order_unary(name, dtype):
    f, x = UNARY[name]
    _check(f, [x], dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.name)
@pytest.mark.parametrize("name", sorted(BINARY))
def test_first_order_binary(name, dtype):
    f, x, y = BINARY[name]
    _check(f, [x, y], dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.name)
@pytest.mark.parametrize("name", sorted(set(UNARY) - FIRST_ONLY))
def test_second_order_unary(name, dtype):
    f, x = UNARY[name]
    _check(_first_derivative(f, 0, 1), [x], dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.name)
@pytest.mark.parametrize("name", sorted(set(BINARY) - FIRST_ONLY))
def test_second_order_binary(name, dtype):
    f, x, y = BINARY[name]
    for i in range(2):
        _check(_first_derivative(f, i, 2), [x, y], dtype)


def test_compute_gradient_shapes_and_errors():
    theo, num = tf.test.compute_gradient(lambda a: a * a, [tf.constant([1.0, 2.0, 3.0])])
    assert isinstance(theo, tuple) and theo[0].shape == (3, 3)
    np.testing.assert_allclose(theo[0], np.diag([2.0, 4.0, 6.0]))
    np.testing.assert_allclose(num[0], np.diag([2.0, 4.0, 6.0]), rtol=1e-3)
    with pytest.raises(ValueError, match="must be a list or tuple"):
        tf.test.compute_gradient(lambda a: a, tf.constant(1.0))
