"""Differential tests: tfcompat (numpy backend, in-process) against real TensorFlow on the core ops.

Marked `reference`: they run where TensorFlow is installed (tox env `reference`, the CI reference leg)
and are skipped elsewhere. Each op gets hypothesis-generated inputs; values, dtypes, shapes and the
class of any error must match.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

tf_real = pytest.importorskip("tensorflow")
import tfcompat as tfc  # noqa: E402

pytestmark = pytest.mark.reference

DTYPES = {"float32": np.float32, "float64": np.float64, "int32": np.int32}
TOL = {"float32": 1e-5, "float64": 1e-12, "int32": 0}


def _floats(width):
    # TF flushes subnormal results to zero on CPU (FTZ); tfcompat does not emulate that, so inputs
    # stay away from the subnormal range (|x| < 1e-30) where results could differ by FTZ alone
    return st.floats(-100, 100, width=width).filter(lambda v: v == 0 or abs(v) > 1e-30)


def arrays(dtype, min_dims=0, max_dims=3):
    elements = (_floats(32 if dtype == "float32" else 64) if dtype != "int32"
                else st.integers(-1000, 1000))
    return hnp.arrays(DTYPES[dtype], hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, max_side=4),
                      elements=elements)


def run_both(fn, *args):
    """(tf result or exception class, tfcompat result or exception class)."""
    out = []
    for mod in (tf_real, tfc):
        try:
            out.append(fn(mod, *[mod.constant(a) for a in args]))
        except Exception as e:  # noqa: BLE001 - the class is what is compared
            out.append(type(e).__name__)
    return out


def assert_same(ref, got, dtype):
    if isinstance(ref, str) or isinstance(got, str):
        assert ref == got
        return
    assert ref.dtype.name == got.dtype.name
    assert tuple(ref.shape) == tuple(got.shape)
    r, g = ref.numpy(), got.numpy()
    tol = TOL.get(dtype, 1e-5)
    np.testing.assert_allclose(g, r, rtol=tol * 10, atol=tol * 10, equal_nan=True)


UNARY = {
    "square": lambda tf, x: tf.square(x), "sqrt": lambda tf, x: tf.sqrt(x), "exp": lambda tf, x: tf.exp(x),
    "sin": lambda tf, x: tf.sin(x), "cos": lambda tf, x: tf.cos(x), "relu": lambda tf, x: tf.nn.relu(x),
    "sigmoid": lambda tf, x: tf.sigmoid(x), "neg": lambda tf, x: -x, "abs": lambda tf, x: abs(x),
    "reduce_sum": lambda tf, x: tf.reduce_sum(x), "reduce_mean": lambda tf, x: tf.reduce_mean(x),
    "reduce_max": lambda tf, x: tf.reduce_max(x), "reduce_sum_0": lambda tf, x: tf.reduce_sum(x, 0),
    "reduce_mean_neg1_keep": lambda tf, x: tf.reduce_mean(x, -1, keepdims=True),
    "argmax": lambda tf, x: tf.argmax(x), "softmax": lambda tf, x: tf.nn.softmax(tf.reshape(x, [1, -1])),  # scalar softmax: TF raises AbortedError (oneDNN)
    "size": lambda tf, x: tf.size(x), "shape": lambda tf, x: tf.shape(x), "rank": lambda tf, x: tf.rank(x),
    "reshape_flat": lambda tf, x: tf.reshape(x, [-1]), "cast_f32": lambda tf, x: tf.cast(x, tf.float32),
    "cast_i32": lambda tf, x: tf.cast(x, tf.int32), "zeros_like": lambda tf, x: tf.zeros_like(x),
    "ones_like": lambda tf, x: tf.ones_like(x), "first_row": lambda tf, x: x[0], "reverse": lambda tf, x: x[::-1],
    "add_scalar": lambda tf, x: x + 1, "rsub_scalar": lambda tf, x: 10 - x, "truediv": lambda tf, x: x / 3,
    "floordiv": lambda tf, x: x // 3, "mod": lambda tf, x: x % 3, "pow2": lambda tf, x: x ** 2,
}
BINARY = {
    "add": lambda tf, x, y: tf.add(x, y), "subtract": lambda tf, x, y: tf.subtract(x, y),
    "multiply": lambda tf, x, y: tf.multiply(x, y), "divide": lambda tf, x, y: tf.divide(x, y),
    "maximum": lambda tf, x, y: tf.maximum(x, y), "matmul": lambda tf, x, y: tf.matmul(x, y),
    "equal": lambda tf, x, y: x == y, "less": lambda tf, x, y: x < y,
}


@pytest.mark.parametrize("dtype", sorted(DTYPES))
@pytest.mark.parametrize("name", sorted(UNARY))
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_unary_matches_tensorflow(name, dtype, data):
    x = data.draw(arrays(dtype))
    ref, got = run_both(UNARY[name], x)
    assert_same(ref, got, dtype)


@pytest.mark.parametrize("dtype", sorted(DTYPES))
@pytest.mark.parametrize("name", sorted(BINARY))
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_binary_matches_tensorflow(name, dtype, data):
    x = data.draw(arrays(dtype, max_dims=2))
    shape = data.draw(st.sampled_from([x.shape, x.shape[::-1], x.shape[1:], (1,) * len(x.shape)]))
    y = data.draw(hnp.arrays(DTYPES[dtype], shape, elements=(st.integers(-1000, 1000) if dtype == "int32"
                                                             else _floats(32))))
    ref, got = run_both(BINARY[name], x, y)
    assert_same(ref, got, dtype)


@pytest.mark.parametrize("value", [1, 1.5, True, 1 + 2j, "a", [1, 2], [1, 2.5], [], [[1], [2]], 2**31,
                                   np.float64(1), [np.float64(1.0), 2.0], np.array([1, 2]), [True, 2]])
def test_constant_inference_matches_tensorflow(value):
    results = []
    for mod in (tf_real, tfc):
        try:
            t = mod.constant(value)
            results.append((t.dtype.name, tuple(t.shape), repr(t)))
        except Exception as e:  # noqa: BLE001
            results.append(type(e).__name__)
    assert results[0] == results[1]
