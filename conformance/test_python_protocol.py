"""Conformance: the Python protocol of tf.Tensor (PY). Catalogue section A3."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, np_of, raises

behaviour = pytest.mark.behaviour


@behaviour("PY-01")
def test_PY01_tensors_are_immutable(tf):
    t = tf.constant([1, 2])
    with raises(TypeError, "'tensorflow.python.framework.ops.EagerTensor' object does not support item assignment"):
        t[0] = 5
    with raises(TypeError, "doesn't support item deletion"):
        del t[0]
    assert_value(t, [1, 2], tf.int32)


@behaviour("PY-02")
def test_PY02_tensors_are_unhashable(tf):
    t = tf.constant(1)
    msg = "Tensor is unhashable. Instead, use tensor.ref() as the key."
    with raises(TypeError, msg):
        hash(t)
    with raises(TypeError, msg):
        {t}
    with raises(TypeError, msg):
        {t: 1}
    r = t.ref()
    d = {r: 1}
    assert d[t.ref()] == 1
    assert r.deref() is t
    assert hash(r) == hash(t.ref())
    assert tf.constant(1).ref() != r


@behaviour("PY-03")
def test_PY03_eq_ne_elementwise(tf):
    t = tf.constant([1, 2, 3])
    r = t == 1
    assert isinstance(r, tf.Tensor)
    assert_value(r, [True, False, False], tf.bool)
    assert_value(t != 1, [False, True, True], tf.bool)
    assert_value(t == [1, 0, 3], [True, False, True], tf.bool)
    assert_value(t == tf.constant([[1], [2]]), [[True, False, False], [False, True, False]], tf.bool)


@behaviour("PY-03")
@settings(**PROPERTY)
@given(a=st.lists(st.integers(-3, 3), min_size=1, max_size=6), s=st.integers(-3, 3))
def test_PY03_comparisons_match_numpy(tf, a, s):
    t, n = tf.constant(a), np.array(a, np.int32)
    for got, want in ((t == s, n == s), (t != s, n != s), (t < s, n < s), (t <= s, n <= s),
                      (t > s, n > s), (t >= s, n >= s)):
        assert_value(got, want, tf.bool)


@behaviour("PY-04")
def test_PY04_eq_with_incompatible_shapes(tf):
    a, b = tf.constant([1, 2, 3]), tf.constant([1, 2])
    r = a == b
    assert isinstance(r, tf.Tensor)
    assert_value(r, False, tf.bool)
    assert_value(a != b, True, tf.bool)
    with raises(tf.errors.InvalidArgumentError, "Incompatible shapes: [3] vs. [2]"):
        tf.math.equal(a, b)


@behaviour("PY-05")
def test_PY05_eq_none_and_wrong_type(tf):
    t = tf.constant([1, 2])
    assert (t == None) is False  # noqa: E711
    assert (t != None) is True  # noqa: E711
    with raises(TypeError, "Cannot convert 'a' to EagerTensor of dtype int32"):
        t == "a"


@behaviour("PY-06")
def test_PY06_bool(tf):
    assert bool(tf.constant(0.0)) is False
    assert bool(tf.constant(2)) is True
    assert bool(tf.constant([3])) is True
    assert bool(tf.constant([0])) is False
    with raises(ValueError, "The truth value of an array with more than one element is ambiguous. "
                            "Use a.any() or a.all()"):
        bool(tf.constant([1, 2]))
    assert bool(tf.zeros([0])) is False


@behaviour("PY-07")
def test_PY07_len(tf):
    assert len(tf.zeros([3, 4])) == 3
    assert len(tf.zeros([0, 2])) == 0
    with raises(TypeError, "Scalar tensor has no `len()`"):
        len(tf.constant(1))


@behaviour("PY-08")
def test_PY08_iteration(tf):
    t = tf.constant([[1, 2], [3, 4]])
    rows = list(t)
    assert len(rows) == 2
    assert all(type(r) is type(t) for r in rows)
    assert [r.numpy().tolist() for r in rows] == [[1, 2], [3, 4]]
    a, b = tf.constant([5, 6])
    assert a.numpy() == 5 and b.numpy() == 6
    with raises(TypeError, "Cannot iterate over a scalar tensor."):
        iter(tf.constant(1))


@behaviour("PY-09")
def test_PY09_numpy_conversion(tf):
    for dtype in (tf.float32, tf.int32, tf.int64, tf.float64, tf.bool, tf.uint8):
        t = tf.cast(tf.constant([1, 0]), dtype)
        assert np.array(t).dtype == dtype.as_numpy_dtype
        assert np.asarray(t).dtype == dtype.as_numpy_dtype
        assert isinstance(np.asarray(t), np.ndarray)
    assert type(tf.constant(1.0).numpy()) is np.float32
    assert type(tf.constant(1).numpy()) is np.int32
    assert type(tf.constant("a").numpy()) is bytes
    s = tf.constant(["a", "b"]).numpy()
    assert s.dtype == object and list(s) == [b"a", b"b"]


@behaviour("PY-09")
def test_PY09_numpy_result_is_a_copy(tf):
    t = tf.constant([1.0, 2.0])
    a = t.numpy()
    a[0] = 9.0
    assert_value(t, [1.0, 2.0], tf.float32)


@behaviour("PY-10")
def test_PY10_int_float(tf):
    assert float(tf.constant(3)) == 3.0 and type(float(tf.constant(3))) is float
    assert int(tf.constant(2.7)) == 2 and type(int(tf.constant(2.7))) is int
    for t in (tf.constant([1]), tf.constant([1.0, 2.0])):
        with raises(TypeError, "only 0-dimensional arrays can be converted to Python scalars"):
            int(t)
        with raises(TypeError, "only 0-dimensional arrays can be converted to Python scalars"):
            float(t)


@behaviour("PY-11")
def test_PY11_index(tf):
    assert [0, 1, 2, 3][tf.constant(2)] == 2
    assert [0, 1, 2, 3][tf.constant(2, tf.int64)] == 2
    assert list(range(tf.constant(3))) == [0, 1, 2]
    with raises(AttributeError, "'numpy.float32' object has no attribute '__index__'"):
        [0, 1][tf.constant(1.0)]


@behaviour("PY-12")
def test_PY12_format(tf):
    assert f"{tf.constant(1.5):.2f}" == "1.50"
    assert f"{tf.constant(1.5)}" == "1.5"
    assert f"{tf.constant(7):03d}" == "007"


@behaviour("PY-13")
def test_PY13_type_and_missing_attributes(tf):
    t = tf.constant([[1, 2]])
    assert type(t).__name__ == "EagerTensor"
    assert isinstance(t, tf.Tensor)
    for attr in ("T", "reshape", "astype", "tolist"):
        assert not hasattr(t, attr), attr


@behaviour("PY-14")
def test_PY14_membership(tf):
    assert tf.constant(1) in [tf.constant(0), tf.constant(1)]
    assert tf.constant(5) not in [tf.constant(0), tf.constant(1)]
    with raises(ValueError, "The truth value of an array with more than one element is ambiguous"):
        tf.constant([1, 2]) in [tf.constant([1, 2])]


@behaviour("PY-15")
def test_PY15_numpy_ufuncs_give_ndarrays(tf):
    t = tf.constant([1.0, 2.0])
    r = np.add(t, 1)
    assert type(r) is np.ndarray
    np.testing.assert_array_equal(r, [2.0, 3.0])
    s = np.sum(t)
    assert type(s) is np.float32 and s == 3.0


@behaviour("PY-16")
def test_PY16_neg_abs(tf):
    assert_value(-tf.constant([1, -2]), [-1, 2], tf.int32)
    assert_value(abs(tf.constant([1.5, -2.0])), [1.5, 2.0], tf.float32)


@behaviour("PY-16")
def test_PY16_invert_and_bitwise(tf):
    assert_value(~tf.constant([1, 2]), [-2, -3], tf.int32)
    assert_value(~tf.constant([True, False]), [False, True], tf.bool)
    assert_value(tf.constant(4) | 1, 5, tf.int32)
    assert_value(tf.constant(5) ^ 1, 4, tf.int32)
    assert_value(tf.constant(6) & 3, 2, tf.int32)
    b1, b2 = tf.constant([True, True, False]), tf.constant([True, False, False])
    assert_value(b1 & b2, [True, False, False], tf.bool)
    assert_value(b1 | b2, [True, True, False], tf.bool)
    assert_value(b1 ^ b2, [False, True, False], tf.bool)


@behaviour("PY-16")
@settings(**PROPERTY)
@given(a=st.lists(st.integers(-2**31, 2**31 - 1), min_size=1, max_size=4), b=st.integers(-2**31, 2**31 - 1))
def test_PY16_bitwise_matches_numpy(tf, a, b):
    t, n = tf.constant(a), np.array(a, np.int32)
    m = np.int32(b)
    assert_value(t & b, n & m, tf.int32)
    assert_value(t | b, n | m, tf.int32)
    assert_value(t ^ b, n ^ m, tf.int32)
    assert_value(~t, ~n, tf.int32)


@behaviour("PY-16")
def test_PY16_bitwise_on_floats_and_logical_on_ints_raise(tf):
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'T' of float is not in the list of allowed values"):
        tf.constant(1.0) & tf.constant(2.0)
    with raises(tf.errors.InvalidArgumentError):
        tf.logical_and(tf.constant(1), tf.constant(0))


@behaviour("PY-17")
def test_PY17_pow(tf):
    with raises(tf.errors.InvalidArgumentError, "Integers to negative integer powers are not allowed"):
        tf.constant(2) ** -1
    assert_value(2 ** tf.constant(3), 8, tf.int32)
    assert_value(tf.constant(3) ** 2, 9, tf.int32)
    assert_value(tf.constant(2.0) ** -1, 0.5, tf.float32)


@behaviour("PY-18")
def test_PY18_matmul_operator(tf):
    with raises(tf.errors.InvalidArgumentError, "In[0] ndims must be >= 2"):
        tf.constant([1.0, 2.0]) @ tf.constant([1.0, 2.0])
    assert_value(tf.constant([[1, 2]]) @ tf.constant([[3], [4]]), [[11]], tf.int32)


@behaviour("PY-18")
@settings(**PROPERTY)
@given(n=st.integers(1, 4), k=st.integers(1, 4), m=st.integers(1, 4), data=st.data())
def test_PY18_matmul_matches_numpy(tf, n, k, m, data):
    a = np.array(data.draw(st.lists(st.integers(-5, 5), min_size=n * k, max_size=n * k)), np.float32).reshape(n, k)
    b = np.array(data.draw(st.lists(st.integers(-5, 5), min_size=k * m, max_size=k * m)), np.float32).reshape(k, m)
    assert_value(tf.constant(a) @ tf.constant(b), a @ b, tf.float32)
    assert_value(tf.matmul(a.astype(np.int32), b.astype(np.int32)), (a @ b).astype(np.int32), tf.int32)


@behaviour("PY-19")
def test_PY19_reflected_operators(tf):
    assert_value(10 - tf.constant(3), 7, tf.int32)
    assert_value(1 / tf.constant(4), 0.25, tf.float64)
    assert_value(2 * tf.constant(3.0), 6.0, tf.float32)
    assert_value(7 // tf.constant(2), 3, tf.int32)
    assert_value(7 % tf.constant(4), 3, tf.int32)


@behaviour("PY-20")
def test_PY20_chained_comparison(tf):
    r = 0 < tf.constant(1) < 2
    assert isinstance(r, tf.Tensor)
    assert_value(r, True, tf.bool)
    assert bool(0 < tf.constant(3) < 2) is False


@behaviour("PY-19")
def test_PY19_reflected_true_division_converts_strictly(tf):
    with raises(TypeError, "Cannot convert 2.0 to EagerTensor of dtype int32"):
        2.0 / tf.constant(1)
    with raises(TypeError, "Cannot convert [1.5] to EagerTensor of dtype int32"):
        [1.5] / tf.constant([1])
    with raises(TypeError, "Cannot convert 2.0 to EagerTensor of dtype int32"):
        2.0 / tf.Variable(1)
    assert_value(2 / tf.constant(4.0), 0.5, tf.float32)
    # tf.divide converts a non-tensor x to y's dtype too; tf.math.truediv converts x on its own
    with raises(TypeError, "Cannot convert 2.0 to EagerTensor of dtype int32"):
        tf.divide(2.0, tf.constant(1))
    with raises(TypeError, "`x` and `y` must have the same dtype, got tf.float32 != tf.int32."):
        tf.math.truediv(2.0, tf.constant(1))
    assert_value(tf.divide([1.5], tf.constant([1.0])), [1.5], tf.float32)
