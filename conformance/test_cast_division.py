"""Conformance: tf.cast and rounding (CA), division and arithmetic (DV). Catalogue sections A8, A9."""
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from .helpers import PROPERTY, assert_value, np_of, raises, requires
from .strategies import shapes

behaviour = pytest.mark.behaviour

HALVES = [-2.7, -0.5, 0.5, 1.5, 2.5, 2.7]


# ---------------------------------------------------------------- A8. tf.cast and rounding (CA)
@behaviour("CA-01")
def test_CA01_float_to_int_truncates(tf):
    assert_value(tf.cast(tf.constant(HALVES), tf.int32), [-2, 0, 0, 1, 2, 2], tf.int32)
    assert_value(tf.cast(tf.constant(HALVES, tf.float64), tf.int64), [-2, 0, 0, 1, 2, 2], tf.int64)


@behaviour("CA-01")
@pytest.mark.parametrize("src,dst", [pytest.param(a, b, marks=requires(a), id=f"{a}-{b}") for a, b in [
    ("float32", "int32"), ("float64", "int32"), ("float64", "int64"), ("float32", "int16"), ("float16", "int8")]])
@settings(**PROPERTY)
@given(x=st.floats(-100, 100, allow_nan=False, width=16))
def test_CA01_cast_truncates_toward_zero(tf, src, dst, x):
    a = np.array([x, -x], dtype=src)
    t = tf.cast(tf.constant(a), getattr(tf, dst))
    assert t.dtype == getattr(tf, dst)
    np.testing.assert_array_equal(np_of(t), np.trunc(a).astype(dst))


@behaviour("CA-02")
def test_CA02_round_half_to_even(tf):
    assert_value(tf.round(tf.constant(HALVES)), [-3, -0., 0, 2, 2, 3], tf.float32)
    r = tf.math.round(tf.constant([0.5, 1.5, 2.5, -0.5]))
    assert_value(r, [0, 2, 2, -0.], tf.float32)
    assert np.signbit(np_of(r)[3])


@requires('float64', 'float16')
@behaviour("CA-03")
def test_CA03_guide_cast_chain(tf):
    t = tf.constant([2.2, 3.3, 4.4], dtype=tf.float64)
    r = tf.cast(tf.cast(t, tf.float16), tf.uint8)
    assert_value(r, [2, 3, 4], tf.uint8)


@behaviour("CA-04")
def test_CA04_bool_casts(tf):
    assert_value(tf.cast(tf.constant([0.0, 0.1, -2.0]), tf.bool), [False, True, True], tf.bool)
    assert_value(tf.cast(tf.constant([0, 3, -1]), tf.bool), [False, True, True], tf.bool)
    assert_value(tf.cast(tf.constant([True, False]), tf.float32), [1.0, 0.0], tf.float32)
    assert_value(tf.cast(tf.constant([True, False]), tf.int32), [1, 0], tf.int32)


@behaviour("CA-05")
def test_CA05_narrowing_int_casts_wrap(tf):
    assert_value(tf.cast(tf.constant([300, -1]), tf.uint8), [44, 255], tf.uint8)
    assert_value(tf.cast(tf.constant(2**40 + 5, tf.int64), tf.int32), 5, tf.int32)


@behaviour("CA-05")
@pytest.mark.parametrize("dst", ["int8", "uint8", "int16", "int32"])
@settings(**PROPERTY)
@given(v=st.integers(-2**63, 2**63 - 1))
def test_CA05_int_casts_wrap_modulo(tf, dst, v):
    t = tf.cast(tf.constant(v, tf.int64), getattr(tf, dst))
    assert t.numpy() == np.array(v, np.int64).astype(dst)


@requires('complex128')
@behaviour("CA-06")
def test_CA06_complex_to_float_keeps_real_part(tf):
    assert_value(tf.cast(tf.constant([1 + 2j]), tf.float32), [1.0], tf.float32)
    assert_value(tf.cast(tf.constant([3 - 2j]), tf.float64), [3.0], tf.float64)


@behaviour("CA-07")
def test_CA07_cast_string_is_unimplemented(tf):
    with raises(tf.errors.UnimplementedError, "Cast string to int32 is not supported"):
        tf.cast(tf.constant("1"), tf.int32)


@behaviour("CA-07")
def test_CA07_strings_to_number(tf):
    r = tf.strings.to_number(tf.strings.split("1 10 100", " "))
    assert_value(r, [1.0, 10.0, 100.0], tf.float32)


@behaviour("CA-08")
def test_CA08_cast_to_same_dtype_is_identity(tf):
    f = tf.constant([1.0])
    assert tf.cast(f, tf.float32) is f
    i = tf.constant([1])
    assert tf.cast(i, tf.int32) is i


@behaviour("CA-09")
def test_CA09_saturate_cast(tf):
    assert_value(tf.dtypes.saturate_cast(tf.constant([-1.0, 300.0]), tf.uint8), [0, 255], tf.uint8)
    assert_value(tf.dtypes.saturate_cast(tf.constant([-200, 5, 200]), tf.int8), [-128, 5, 127], tf.int8)


# ---------------------------------------------------------------- A9. division and arithmetic (DV)
@behaviour("DV-01")
def test_DV01_int32_true_division_is_float64(tf):
    x, y = tf.constant([7, -7, 7, -7]), tf.constant([2, 2, -2, -2])
    for r in (x / y, tf.math.truediv(x, y), tf.divide(x, y)):
        assert_value(r, [3.5, -3.5, -3.5, 3.5], tf.float64)
    assert (tf.constant([7], tf.int64) / tf.constant([2], tf.int64)).dtype == tf.float64


@behaviour("DV-01")
@pytest.mark.parametrize("dtype", ["int8", "int16", "uint8"])
def test_DV01_small_int_true_division_is_float32(tf, dtype):
    d = getattr(tf, dtype)
    assert_value(tf.constant([7], d) / tf.constant([2], d), [3.5], tf.float32)


@behaviour("DV-01")
def test_DV01_python_ints_and_float_tensor(tf):
    assert_value(tf.math.divide(7, 2), 3.5, tf.float64)
    assert_value(tf.math.truediv(7, 2), 3.5, tf.float64)
    assert_value(tf.constant(7.) / 2, 3.5, tf.float32)


@behaviour("DV-02")
def test_DV02_floor_division_and_mod(tf):
    x, y = tf.constant([7, -7, 7, -7]), tf.constant([2, 2, -2, -2])
    assert_value(x // y, [3, -4, -4, 3], tf.int32)
    assert_value(tf.math.floordiv(x, y), [3, -4, -4, 3], tf.int32)
    assert_value(x % y, [1, 1, -1, -1], tf.int32)
    assert_value(tf.math.floormod(x, y), [1, 1, -1, -1], tf.int32)
    assert_value(tf.constant([7., -7.]) // 2, [3., -4.], tf.float32)
    assert_value(tf.constant([7., -7.]) % tf.constant([2., -2.]), [1., -1.], tf.float32)


@behaviour("DV-02")
@pytest.mark.parametrize("dtype", ["int32", "int64"])
@settings(**PROPERTY)
@given(x=st.lists(st.integers(-1000, 1000), min_size=1, max_size=5), y=st.integers(-50, 50))
def test_DV02_floordiv_mod_identity_ints(tf, dtype, x, y):
    assume(y != 0)
    d = getattr(tf, dtype)
    a, b = tf.constant(x, d), tf.constant(y, d)
    q, r = a // b, a % b
    assert q.dtype == d and r.dtype == d
    np.testing.assert_array_equal(np_of(q), np.floor_divide(np.array(x), y))
    np.testing.assert_array_equal(np_of(r), np.mod(np.array(x), y))
    np.testing.assert_array_equal(np_of(q) * y + np_of(r), x)
    assert all(v == 0 or (v > 0) == (y > 0) for v in np_of(r))  # the sign of the divisor


@behaviour("DV-02")
@settings(**PROPERTY)
@given(x=st.lists(st.integers(-1000, 1000), min_size=1, max_size=5), y=st.integers(-50, 50))
def test_DV02_floordiv_mod_floats(tf, x, y):
    assume(y != 0)
    a = np.array(x, np.float32)
    t = tf.constant(a)
    assert_value(t // float(y), np.floor_divide(a, np.float32(y)), tf.float32)
    assert_value(t % float(y), np.mod(a, np.float32(y)), tf.float32, atol=1e-4)


@behaviour("DV-03")
def test_DV03_truncatediv_truncatemod(tf):
    x, y = tf.constant([7, -7, 7, -7]), tf.constant([2, 2, -2, -2])
    assert_value(tf.truncatediv(x, y), [3, -3, -3, 3], tf.int32)
    assert_value(tf.truncatemod(x, y), [1, -1, 1, -1], tf.int32)


@behaviour("DV-04")
def test_DV04_integer_division_by_zero(tf):
    x, z = tf.constant([1, 2]), tf.constant([1, 0])
    with raises(tf.errors.InvalidArgumentError, "Integer division by zero"):
        x // z
    with raises(tf.errors.InvalidArgumentError, "Integer division by zero"):
        x % z
    with raises(tf.errors.InvalidArgumentError, "Integer division by zero"):
        tf.math.floordiv(x, 0)
    r = tf.constant(1) / 0
    assert r.dtype == tf.float64 and np.isposinf(r.numpy())


@behaviour("DV-04")
def test_DV04_float_division_by_zero(tf):
    r = tf.constant([1., -1., 0.]) / 0.
    a = np_of(r)
    assert r.dtype == tf.float32
    assert np.isposinf(a[0]) and np.isneginf(a[1]) and np.isnan(a[2])
    assert_value(tf.math.divide_no_nan(tf.constant([1., 2.]), tf.constant([0., 4.])), [0., 0.5], tf.float32)


@behaviour("DV-05")
def test_DV05_true_division_needs_matching_dtypes(tf):
    i = tf.constant(7)
    with raises(TypeError, "`x` and `y` must have the same dtype, got tf.int32 != tf.float32."):
        i / 2.0
    with raises(TypeError, "`x` and `y` must have the same dtype, got tf.int32 != tf.int64."):
        i / tf.constant(2, tf.int64)
    assert_value(i / 2, 3.5, tf.float64)


@behaviour("DV-06")
def test_DV06_realdiv_on_ints_is_not_found(tf):
    with raises(tf.errors.NotFoundError, "Could not find device for node: {{node RealDiv}}"):
        tf.realdiv(tf.constant(7), tf.constant(2))


@behaviour("DV-07")
def test_DV07_integer_overflow_wraps(tf):
    assert_value(tf.constant(2**31 - 1) + 1, -2**31, tf.int32)
    assert_value(tf.abs(tf.constant(-2**31)), -2**31, tf.int32)
    assert_value(tf.constant(2**31 - 1) * 2, -2, tf.int32)


@behaviour("DV-08")
@pytest.mark.parametrize("fn", ["sqrt", "nn.softmax", "sigmoid", "exp", "sin", "cos", "math.log"])
def test_DV08_float_only_ops_reject_ints(tf, fn):
    f = tf
    for part in fn.split("."):
        f = getattr(f, part)
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'T' of int32 is not in the list of allowed values"):
        f(tf.constant([1, 2]))


@behaviour("DV-08")
def test_DV08_square_of_int(tf):
    assert_value(tf.square(3), 9, tf.int32)


@behaviour("DV-09")
def test_DV09_nan_and_ieee(tf):
    m = np_of(tf.maximum(tf.constant([math.nan, 1.]), tf.constant([1., math.nan])))
    assert np.isnan(m).all()
    assert np.isnan(tf.reduce_max(tf.constant([1., math.nan, 2.])).numpy())
    assert np.isnan(tf.sqrt(-1.).numpy())
    assert np.isneginf(tf.math.log(0.).numpy())
    e = tf.exp(100.)
    assert e.dtype == tf.float32 and np.isposinf(e.numpy())


@behaviour("DV-10")
def test_DV10_argmax(tf):
    r = tf.argmax(tf.constant([1, 3, 3]))
    assert_value(r, 1, tf.int64)
    assert_value(tf.argmax(tf.constant([[1, 3], [4, 2]])), [1, 0], tf.int64)
    assert_value(tf.argmax(tf.constant([[1, 3], [4, 2]]), axis=1), [1, 0], tf.int64)
    assert_value(tf.argmax(tf.constant([1., 5.]), output_type=tf.int32), 1, tf.int32)
    with raises(tf.errors.InvalidArgumentError, "Reduction axis 0 is empty in shape [0]"):
        tf.argmax(tf.constant([], tf.float32))


@behaviour("DV-10")
@settings(**PROPERTY)
@given(a=st.lists(st.integers(-3, 3), min_size=1, max_size=8))
def test_DV10_argmax_first_index_like_numpy(tf, a):
    assert_value(tf.argmax(tf.constant(a)), np.argmax(a), tf.int64)


@behaviour("DV-11")
def test_DV11_int_mean_truncates(tf):
    assert_value(tf.reduce_mean(tf.constant([1, 2])), 1, tf.int32)
    assert_value(tf.reduce_mean(tf.constant([1, 2, 4])), 2, tf.int32)
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'T' of bool is not in the list"):
        tf.reduce_sum(tf.constant([True, False]))


@behaviour("DV-12")
def test_DV12_empty_reductions(tf):
    e = tf.zeros([0])
    assert_value(tf.reduce_sum(e), 0.0, tf.float32)
    assert_value(tf.reduce_prod(e), 1.0, tf.float32)
    assert np.isnan(tf.reduce_mean(e).numpy())
    assert np.isneginf(tf.reduce_max(e).numpy())
    assert np.isposinf(tf.reduce_min(e).numpy())
    assert_value(tf.reduce_max(tf.zeros([0], tf.int32)), -2**31, tf.int32)
    assert_value(tf.reduce_all(tf.zeros([0], tf.bool)), True, tf.bool)


@behaviour("DV-13")
def test_DV13_reduction_axes(tf):
    x = tf.reshape(tf.range(6.0), [2, 3])
    with raises(tf.errors.InvalidArgumentError, "Invalid reduction dimension (2 for input with 2 dimension(s)"):
        tf.reduce_sum(x, axis=2)
    assert_value(tf.reduce_sum(x, axis=-1), [3., 12.], tf.float32)
    assert_value(tf.reduce_sum(x, axis=[0, 1]), 15., tf.float32)
    assert_value(tf.reduce_max(x, axis=0, keepdims=True), [[3., 4., 5.]], tf.float32)
    assert tf.reduce_mean(x, axis=1, keepdims=True).shape == (2, 1)
    assert_value(tf.reduce_all(tf.constant([[True, False], [True, True]]), axis=1), [False, True], tf.bool)


@behaviour("DV-13")
@pytest.mark.parametrize("name", ["reduce_sum", "reduce_mean", "reduce_max"])
@settings(**PROPERTY)
@given(shape=shapes(min_dims=1, max_dims=3, min_side=1, max_side=3), data=st.data())
def test_DV13_reductions_match_numpy(tf, name, shape, data):
    a = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape) - 2
    axes = data.draw(st.one_of(st.none(), st.lists(st.integers(-len(shape), len(shape) - 1), min_size=1,
                                                   max_size=len(shape), unique_by=lambda i: i % len(shape))))
    keep = data.draw(st.booleans())
    ref = {"reduce_sum": np.sum, "reduce_mean": np.mean, "reduce_max": np.max}[name]
    want = ref(a, axis=None if axes is None else tuple(axes), keepdims=keep)
    assert_value(getattr(tf, name)(tf.constant(a), axis=axes, keepdims=keep), want, tf.float32, rtol=1e-5)


@behaviour("DV-14")
def test_DV14_where(tf):
    assert_value(tf.where(tf.constant([True, False, True])), [[0], [2]], tf.int64)
    assert_value(tf.where([True, False], 1, 0), [1, 0], tf.int32)


@behaviour("DV-15")
def test_DV15_one_hot_out_of_range_rows_are_zero(tf):
    assert_value(tf.one_hot([5, -1, 1], 3), [[0, 0, 0], [0, 0, 0], [0, 1, 0]], tf.float32)


@requires('complex128')
@behaviour("DV-16")
def test_DV16_complex(tf):
    c = tf.constant([3 + 4j])
    assert_value(tf.abs(c), [5.0], tf.float64)
    assert_value(tf.complex(1.0, 2.0), 1 + 2j, tf.complex64)
    assert_value(tf.math.real(c), [3.0], tf.float64)


@behaviour("DV-17")
def test_DV17_matmul_size_mismatch(tf):
    with raises(tf.errors.InvalidArgumentError, "Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3]"):
        tf.matmul(tf.ones([2, 3]), tf.ones([2, 3]))


@behaviour("DV-18")
def test_DV18_cumsum(tf):
    assert_value(tf.cumsum([1, 2, 3]), [1, 3, 6], tf.int32)
    assert_value(tf.cumsum([1, 2, 3], exclusive=True, reverse=True), [5, 3, 0], tf.int32)


@behaviour("DV-19")
def test_DV19_softmax(tf):
    r = tf.nn.softmax(tf.constant([[4., 5.], [10., 1.]]))
    assert_value(r, [[0.2689, 0.7311], [0.9999, 0.0001]], tf.float32, atol=1e-4, rtol=0)
    assert_value(tf.reduce_sum(r, axis=-1), [1.0, 1.0], tf.float32, rtol=1e-6)


@behaviour("DV-19")
@settings(**PROPERTY)
@given(rows=st.lists(st.lists(st.floats(-20, 20), min_size=3, max_size=3), min_size=1, max_size=3))
def test_DV19_softmax_matches_numpy(tf, rows):
    a = np.array(rows, np.float32)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    assert_value(tf.nn.softmax(tf.constant(a)), e / e.sum(axis=-1, keepdims=True), tf.float32, rtol=1e-5, atol=1e-7)


@behaviour("DV-10")
def test_DV10_argmax_of_bool(tf):
    assert_value(tf.argmax(tf.constant([False, True, True])), 1, tf.int64)
    assert_value(tf.argmax(tf.constant([[True, False], [True, True]]), axis=1), [0, 0], tf.int64)


@behaviour("DV-11")
def test_DV11_reduce_all_any_need_bool(tf):
    for fn, name in ((tf.reduce_all, "All"), (tf.reduce_any, "Any")):
        with raises(tf.errors.InvalidArgumentError, f"cannot compute {name} as input #0(zero-based) was expected "
                                                    "to be a bool tensor but is a int32 tensor"):
            fn(tf.constant([1, 0]))
