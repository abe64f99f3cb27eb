"""Conformance: tensor creation and dtype inference (DT), no implicit promotion (PR), repr/str (RP),
shape functions (SH) and broadcasting (BC). Catalogue section A1, A2, A4, A5, A6."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, dtype_params, later_op, np_of, raises, requires

behaviour = pytest.mark.behaviour

I32 = st.integers(-2**31, 2**31 - 1)
FLOATS = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


# ---------------------------------------------------------------- A1. creation and dtype inference (DT)
@behaviour("DT-01")
def test_DT01_python_int_is_int32(tf):
    assert tf.constant(4).dtype == tf.int32


@behaviour("DT-01", "DT-07")
@settings(**PROPERTY)
@given(v=st.integers(-2**63, 2**63 - 1))
def test_DT01_DT07_python_int_dtype_by_range(tf, v):
    t = tf.constant(v)
    assert t.dtype == (tf.int32 if -2**31 <= v < 2**31 else tf.int64)
    assert int(t.numpy()) == v


@behaviour("DT-02")
def test_DT02_python_float_is_float32(tf):
    t = tf.constant(1.0)
    assert t.dtype == tf.float32
    assert t.numpy() == 1.0


@behaviour("DT-03")
def test_DT03_bool_and_string(tf):
    assert tf.constant(True).dtype == tf.bool
    assert tf.constant("a").dtype == tf.string


@requires('complex128')
@behaviour("DT-04")
def test_DT04_python_complex_is_complex128(tf):
    t = tf.constant(1 + 2j)
    assert t.dtype == tf.complex128
    assert t.numpy() == 1 + 2j
    # ints and floats after a leading complex number make the sequence complex128 (DT-08: an int or
    # float first and a complex later is "mixed types"); bools never mix
    assert_value(tf.constant([1 + 1j, 2, 2.5]), [1 + 1j, 2, 2.5], tf.complex128)
    assert_value(tf.constant([[1j], [2]]), [[1j], [2]], tf.complex128)
    for value in ([2.5, 1j], [[1], [2j]], [True, 1j]):
        with raises(ValueError, "Can't convert Python sequence with mixed types to Tensor."):
            tf.constant(value)


@behaviour("DT-05")
def test_DT05_strings_are_utf8_bytes(tf):
    assert tf.constant("héllo").numpy() == b"h\xc3\xa9llo"
    assert tf.constant("🥳👍").numpy() == b"\xf0\x9f\xa5\xb3\xf0\x9f\x91\x8d"


@behaviour("DT-06")
def test_DT06_int_list_and_mixed_list(tf):
    assert tf.constant([1, 2, 3]).dtype == tf.int32
    t = tf.constant([1, 2.5])
    assert_value(t, [1.0, 2.5], tf.float32)


@behaviour("DT-06")
@settings(**PROPERTY)
@given(ints=st.lists(st.integers(-1000, 1000), max_size=5),
       floats=st.lists(FLOATS, min_size=1, max_size=5), data=st.randoms())
def test_DT06_any_float_in_an_int_list_gives_float32(tf, ints, floats, data):
    values = ints + floats
    data.shuffle(values)
    t = tf.constant(values)
    assert t.dtype == tf.float32
    assert t.shape == (len(values),)
    np.testing.assert_allclose(np_of(t), np.array(values, np.float32))


@behaviour("DT-06")
@settings(**PROPERTY)
@given(rows=st.integers(1, 3), cols=st.integers(1, 3), data=st.data())
def test_DT06_nested_int_lists_are_int32_with_their_shape(tf, rows, cols, data):
    values = data.draw(st.lists(st.lists(st.integers(-2**31, 2**31 - 1), min_size=cols, max_size=cols),
                                min_size=rows, max_size=rows))
    t = tf.constant(values)
    assert t.dtype == tf.int32
    assert t.shape == (rows, cols)
    np.testing.assert_array_equal(np_of(t), np.array(values, np.int32))


@behaviour("DT-07")
def test_DT07_large_ints_are_int64(tf):
    assert tf.constant(2**31).dtype == tf.int64
    t = tf.constant([1, 2**40])
    assert t.dtype == tf.int64
    assert t.numpy()[1] == 2**40


@behaviour("DT-07")
def test_DT07_int_beyond_int64_raises_value_error(tf):
    with raises(ValueError, "Can't convert Python sequence with out-of-range integer to Tensor."):
        tf.constant(2**64)
    with raises(ValueError, "Can't convert Python sequence with out-of-range integer to Tensor."):
        tf.constant([1, 2**64])


@behaviour("DT-08")
@pytest.mark.parametrize("value", [[True, 2], [True, 1.0], [1, 1 + 2j]], ids=["bool-int", "bool-float", "int-complex"])
def test_DT08_mixed_types_raise_value_error(tf, value):
    with raises(ValueError, "Can't convert Python sequence with mixed types to Tensor."):
        tf.constant(value)


@behaviour("DT-09")
@pytest.mark.parametrize("np_dtype", dtype_params("float64", "int64", "float16", "int8", "int16", "uint8", "bool",
                                                  "float32", "int32", "complex64", "complex128"))
def test_DT09_numpy_arrays_keep_their_dtype(tf, np_dtype):
    a = np.array([1, 0], dtype=np_dtype)
    t = tf.constant(a)
    assert t.dtype == tf.as_dtype(np.dtype(np_dtype))
    assert t.dtype.name == np_dtype
    np.testing.assert_array_equal(np_of(t), a)
    assert tf.convert_to_tensor(a).dtype == t.dtype


@requires('float64', 'float16', 'complex128')
@behaviour("DT-09")
def test_DT09_numpy_defaults_and_scalars(tf):
    assert tf.constant(np.array([1.0])).dtype == tf.float64
    assert tf.constant(np.array([1])).dtype == tf.int64
    assert tf.constant(np.float16(1)).dtype == tf.float16
    t = tf.constant(np.array(["a", "bc"]))
    assert t.dtype == tf.string
    assert list(t.numpy()) == [b"a", b"bc"]


@behaviour("DT-10")
def test_DT10_numpy_scalars_in_lists(tf):
    assert tf.constant(np.float64(1.0)).dtype == tf.float64
    assert tf.constant([np.float64(1.0), 2.0]).dtype == tf.float64
    assert tf.constant([np.int64(1), 2]).dtype == tf.int32


@behaviour("DT-11")
def test_DT11_empty_list_is_float32(tf):
    t = tf.constant([])
    assert t.dtype == tf.float32
    assert t.shape == (0,)


@behaviour("DT-12")
@pytest.mark.parametrize("value", [[[1, 2], [3]], [[1], 2], [[[1], [2]], [[3], [4], [5]]]],
                         ids=["ragged", "list-then-int", "ragged-inner"])
def test_DT12_non_rectangular_raises_value_error(tf, value):
    with raises(ValueError, "Can't convert non-rectangular Python sequence to Tensor."):
        tf.constant(value)


@behaviour("DT-12")
@pytest.mark.parametrize("value", [[1, [2]], [[1, 2], [[3], [4]]]], ids=["int-then-list", "deeper-second-row"])
def test_DT12_list_where_first_element_was_scalar_is_mixed_types(tf, value):
    # TF reads the structure off the first elements: a list where they had a scalar is a "mixed types" error
    with raises(ValueError, "Can't convert Python sequence with mixed types to Tensor."):
        tf.constant(value)


@behaviour("DT-13")
def test_DT13_none_raises_value_error(tf):
    with raises(ValueError, "Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) "
                            "to a Tensor."):
        tf.constant(None)


@behaviour("DT-14")
def test_DT14_explicit_dtype_results(tf):
    assert_value(tf.constant(1, dtype=tf.float32), 1.0, tf.float32)
    assert_value(tf.constant(True, dtype=tf.float32), 1.0, tf.float32)


@behaviour("DT-14")
def test_DT14_lossy_explicit_dtype_raises_type_error(tf):
    with raises(TypeError, "Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.constant(1.5, dtype=tf.int32)
    with raises(TypeError, "Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.convert_to_tensor(1.5, dtype=tf.int32)
    with raises(TypeError, "Cannot convert 1 to EagerTensor of dtype bool"):
        tf.constant(1, dtype=tf.bool)


@behaviour("DT-15")
def test_DT15_out_of_range_int_wraps(tf):
    assert tf.constant(300, tf.uint8).numpy() == 44
    assert tf.constant(-1, tf.uint8).numpy() == 255
    assert tf.constant(2**40, tf.int32).numpy() == 0


@behaviour("DT-15")
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "int32"])
@settings(**PROPERTY)
@given(v=st.integers(-2**62, 2**62))
def test_DT15_wrap_is_modulo_two_to_the_bits(tf, dtype, v):
    np_dtype = np.dtype(dtype)
    expected = np.array(v % 2**(8 * np_dtype.itemsize), np.uint64).astype(np_dtype)
    t = tf.constant(v, getattr(tf, dtype))
    assert t.dtype == getattr(tf, dtype)
    assert t.numpy() == expected


@behaviour("DT-16")
def test_DT16_shape_argument(tf):
    assert_value(tf.constant(0, shape=[2, 3]), np.zeros([2, 3]), tf.int32)
    assert_value(tf.constant([1, 2, 3, 4, 5, 6], shape=[2, 3]), [[1, 2, 3], [4, 5, 6]], tf.int32)
    with raises(TypeError, "Tensor [1 2 3] (converted from [1, 2, 3]) has 3 elements, but got `shape` (2, 2) "
                           "with 4 elements)."):
        tf.constant([1, 2, 3], shape=[2, 2])


@behaviour("DT-17")
def test_DT17_lists_of_tensors(tf):
    with raises(ValueError, "TypeError: Scalar tensor has no `len()`"):
        tf.constant([tf.constant(1), tf.constant(2)])
    assert_value(tf.convert_to_tensor([tf.constant(1), 2]), [1, 2], tf.int32)
    with raises(tf.errors.InvalidArgumentError, "cannot compute Pack as input #1(zero-based) was expected to be a "
                                                "int32 tensor but is a float tensor"):
        tf.convert_to_tensor([tf.constant(1), tf.constant(2.0)])


@behaviour("DT-18")
def test_DT18_converting_an_existing_tensor(tf):
    t = tf.constant([1, 2])
    assert tf.constant(t) is t
    assert tf.convert_to_tensor(t) is t
    assert tf.convert_to_tensor(t, dtype=tf.int32) is t
    i = tf.constant(1)
    with raises(TypeError, "Expected tensor 1 with dtype tf.float32, but got dtype tf.int32."):
        tf.constant(i, dtype=tf.float32)
    with raises(ValueError, "Tensor conversion requested dtype float32 for Tensor with dtype int32: <tf.Tensor: "):
        tf.convert_to_tensor(i, dtype=tf.float32)


@requires('float16')
@behaviour("DT-19")
def test_DT19_float16_overflows_to_inf(tf):
    assert np.isposinf(tf.constant(1e6, tf.float16).numpy())


@behaviour("DT-20")
def test_DT20_float32_creation_defaults(tf):
    assert tf.zeros([2]).dtype == tf.float32
    assert tf.ones([2]).dtype == tf.float32
    assert tf.eye(2).dtype == tf.float32
    assert tf.random.normal([2]).dtype == tf.float32
    assert tf.random.uniform([2]).dtype == tf.float32
    assert tf.linspace(0.0, 1.0, 3).dtype == tf.float32


@behaviour("DT-20")
def test_DT20_one_hot_default_float32(tf):
    assert tf.one_hot([0, 1], 2).dtype == tf.float32


@behaviour("DT-20")
def test_DT20_int32_creation_defaults(tf):
    assert_value(tf.range(5), [0, 1, 2, 3, 4], tf.int32)
    assert_value(tf.fill([2, 2], 7), [[7, 7], [7, 7]], tf.int32)
    assert tf.ones_like(tf.constant([1, 2])).dtype == tf.int32
    assert tf.zeros_like(tf.constant([1, 2])).dtype == tf.int32


@behaviour("DT-20")
def test_DT20_float_range(tf):
    assert tf.range(0, 1.5).dtype == tf.float32
    assert_value(tf.range(0., 1., .25), [0, .25, .5, .75], tf.float32)


@behaviour("DT-21")
def test_DT21_integer_uniform_needs_maxval(tf):
    with raises(ValueError, "Must specify maxval for integer dtype tf.int32"):
        tf.random.uniform([2], dtype=tf.int32)


@behaviour("DT-22")
def test_DT22_set_seed_repeats_the_sequence(tf):
    tf.random.set_seed(1)
    a1, a2 = tf.random.uniform([2]), tf.random.normal([3])
    tf.random.set_seed(1)
    b1, b2 = tf.random.uniform([2]), tf.random.normal([3])
    np.testing.assert_array_equal(np_of(a1), np_of(b1))
    np.testing.assert_array_equal(np_of(a2), np_of(b2))
    assert np.all((np_of(a1) >= 0) & (np_of(a1) < 1))


# ---------------------------------------------------------------- A2. no implicit promotion (PR)
@behaviour("PR-01")
def test_PR01_float32_plus_float64_raises(tf):
    with raises(tf.errors.InvalidArgumentError, "cannot compute AddV2 as input #1(zero-based) was expected to be "
                                                "a float tensor but is a double tensor"):
        tf.constant(1.0) + tf.constant(1.0, tf.float64)


@behaviour("PR-02")
def test_PR02_int32_plus_float32_raises(tf):
    msg = "expected to be a int32 tensor but is a float tensor"
    with raises(tf.errors.InvalidArgumentError, msg):
        tf.constant(1) + tf.constant(1.0)
    with raises(tf.errors.InvalidArgumentError, msg):
        tf.add(tf.constant(1), tf.constant(1.0))


@behaviour("PR-03")
def test_PR03_int64_plus_int32_raises(tf):
    with raises(tf.errors.InvalidArgumentError, "expected to be a int64 tensor but is a int32 tensor"):
        tf.constant(1, tf.int64) + tf.constant(1)


@behaviour("PR-01", "PR-02", "PR-03")
@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "maximum"])
@pytest.mark.parametrize("a,b", [pytest.param(a, b, marks=requires(a, b), id=f"{a}-{b}") for a, b in [
    ("float32", "float64"), ("int32", "float32"), ("int64", "int32"), ("float16", "float32")]])
def test_PR01_PR03_mixed_dtypes_raise_for_binary_ops(tf, op, a, b):
    x, y = tf.constant([1, 2], getattr(tf, a)), tf.constant([1, 2], getattr(tf, b))
    with raises(tf.errors.InvalidArgumentError, "as input #1(zero-based) was expected to be a"):
        getattr(tf, op)(x, y)


@requires('float64', 'float16')
@behaviour("PR-04")
def test_PR04_python_scalar_takes_tensor_dtype(tf):
    assert_value(tf.constant(1.0) + 1, 2.0, tf.float32)
    assert_value(tf.constant(1.0, tf.float16) + 2.5, 3.5, tf.float16)
    assert_value(tf.constant(1.0, tf.float64) + 1.5, 2.5, tf.float64)


@behaviour("PR-04")
@pytest.mark.parametrize("dtype", dtype_params("float16", "float32", "float64"))
@pytest.mark.parametrize("op", ["__add__", "__sub__", "__mul__", "__radd__", "__rsub__", "__rmul__"])
def test_PR04_python_scalar_operators_keep_float_dtype(tf, dtype, op):
    t = tf.constant([1.0, 2.0], getattr(tf, dtype))
    assert getattr(t, op)(3).dtype == t.dtype
    assert getattr(t, op)(0.5).dtype == t.dtype


@behaviour("PR-05")
def test_PR05_python_float_with_int_tensor(tf):
    i = tf.constant(1)
    with raises(TypeError, "Cannot convert 2.0 to EagerTensor of dtype int32"):
        i * 2.0
    with raises(tf.errors.InvalidArgumentError, "cannot compute AddV2 as input #1(zero-based) was expected to be "
                                                "a int32 tensor but is a float tensor"):
        i + 1.5
    with raises(TypeError, "Cannot convert 1.0 to EagerTensor of dtype int32"):
        i == 1.0


@behaviour("PR-06")
def test_PR06_numpy_operands_take_tensor_dtype(tf):
    f = tf.constant([1.0])
    assert_value(f + np.float64(1.0), [2.0], tf.float32)
    assert_value(f + np.array([1.0]), [2.0], tf.float32)
    assert_value(tf.constant([1]) + np.array([1]), [2], tf.int32)
    r = np.array([2.0]) * f
    assert isinstance(r, tf.Tensor)
    assert_value(r, [2.0], tf.float32)


@behaviour("PR-07")
def test_PR07_python_int_operand_wraps(tf):
    assert_value(tf.constant(1, tf.uint8) + 300, 45, tf.uint8)
    assert_value(tf.constant(1) + 2**40, 1, tf.int32)


@behaviour("PR-08")
def test_PR08_equal_different_dtypes_raises(tf):
    msg = "cannot compute Equal as input #1(zero-based) was expected to be a int32 tensor but is a float tensor"
    with raises(tf.errors.InvalidArgumentError, msg):
        tf.equal(tf.constant(1), tf.constant(1.0))
    with raises(tf.errors.InvalidArgumentError, msg):
        tf.constant(1) == tf.constant(1.0)


@behaviour("PR-09")
def test_PR09_string_concatenation(tf):
    s = tf.constant("a")
    assert (s + "b").numpy() == b"ab"
    assert (s + tf.constant("b")).numpy() == b"ab"
    assert (s + tf.constant("b")).dtype == tf.string
    with raises(TypeError, "Cannot convert 2 to EagerTensor of dtype string"):
        s * 2


@behaviour("PR-10")
def test_PR10_clip_by_value_converts_bounds_strictly(tf):
    with raises(TypeError, "Cannot convert 8.0 to EagerTensor of dtype int32"):
        tf.clip_by_value(tf.constant([1, 5]), 2.0, 8.0)


@behaviour("PR-11")
def test_PR11_python_list_on_the_left(tf):
    r = [1.0, 2.0] + tf.constant([1.0, 1.0])
    assert isinstance(r, tf.Tensor)
    assert_value(r, [2.0, 3.0], tf.float32)


# ---------------------------------------------------------------- A4. repr / str (RP)
@behaviour("RP-01")
def test_RP01_str_of_scalar(tf):
    assert str(tf.constant(1.0)) == "tf.Tensor(1.0, shape=(), dtype=float32)"


@behaviour("RP-02")
def test_RP02_str_of_vector_and_matrix(tf):
    assert str(tf.constant([1, 2])) == "tf.Tensor([1 2], shape=(2,), dtype=int32)"
    assert str(tf.constant([[1, 2], [3, 4]])) == "tf.Tensor(\n[[1 2]\n [3 4]], shape=(2, 2), dtype=int32)"
    assert str(tf.constant([[1.5, 2.], [3.25, 4.]])) == \
        "tf.Tensor(\n[[1.5  2.  ]\n [3.25 4.  ]], shape=(2, 2), dtype=float32)"


@behaviour("RP-03")
def test_RP03_repr(tf):
    assert repr(tf.constant(1.0)) == "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>"
    assert repr(tf.constant([1, 2])) == "<tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>"
    assert repr(tf.constant([[1., 2.], [3., 4.]])) == \
        "<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>"


@behaviour("RP-04")
def test_RP04_strings(tf):
    assert str(tf.constant("Gray wolf")) == "tf.Tensor(b'Gray wolf', shape=(), dtype=string)"
    assert repr(tf.constant(["a", "bc"])).endswith("numpy=array([b'a', b'bc'], dtype=object)>")


@requires('float64', 'complex128')
@behaviour("RP-05")
def test_RP05_bool_float64_complex(tf):
    assert str(tf.constant([True, False])) == "tf.Tensor([ True False], shape=(2,), dtype=bool)"
    assert str(tf.constant([1.5], tf.float64)) == "tf.Tensor([1.5], shape=(1,), dtype=float64)"
    assert "numpy=array([1.+2.j])" in repr(tf.constant([1 + 2j]))


@behaviour("RP-06")
def test_RP06_large_tensors_are_summarised(tf):
    assert "array([   0,    1,    2, ..., 1997, 1998, 1999],\n      shape=(2000,), dtype=int32)" in \
        repr(tf.range(2000))


@behaviour("RP-07")
def test_RP07_tensor_shape(tf):
    s = tf.zeros([3]).shape
    assert isinstance(s, tf.TensorShape)
    assert repr(s) == "TensorShape([3])"
    assert s == (3,)
    assert s == [3]
    s = tf.zeros([2, 3, 4]).shape
    assert type(s[0]) is int and s[0] == 2
    assert s.as_list() == [2, 3, 4]
    assert s.rank == 3
    assert s.num_elements() == 24
    assert s.is_fully_defined()
    assert isinstance(s[1:], tf.TensorShape)
    assert s[1:] == [3, 4]
    assert len(s) == 3


# ---------------------------------------------------------------- A5. shape functions (SH)
@behaviour("SH-01")
def test_SH01_static_shape_is_python(tf):
    t = tf.zeros([2, 3])
    assert isinstance(t.shape, tf.TensorShape)
    assert type(t.ndim) is int and t.ndim == 2


@behaviour("SH-01")
def test_SH01_dynamic_shape_rank_size(tf):
    t = tf.zeros([2, 3], tf.float64)
    s = tf.shape(t)
    assert isinstance(s, tf.Tensor)
    assert_value(s, [2, 3], tf.int32)
    assert_value(tf.shape(t, out_type=tf.int64), [2, 3], tf.int64)
    assert tf.shape(tf.constant(1.0)).shape == (0,)
    assert_value(tf.rank(t), 2, tf.int32)
    assert_value(tf.size(t), 6, tf.int32)
    assert_value(tf.size(tf.constant([True, False, True])), 3, tf.int32)
    assert_value(tf.size(tf.constant(["a"])), 1, tf.int32)


@behaviour("SH-01")
@settings(**PROPERTY)
@given(shape=st.lists(st.integers(0, 4), max_size=4))
def test_SH01_shape_size_rank_agree_with_numpy(tf, shape):
    t = tf.zeros(shape)
    a = np.zeros(shape)
    assert t.shape == a.shape
    assert np_of(tf.shape(t)).tolist() == list(a.shape)
    assert int(tf.size(t)) == a.size
    assert int(tf.rank(t)) == a.ndim


@behaviour("SH-02")
def test_SH02_reshape(tf):
    x = tf.range(30)
    assert tf.reshape(x, [5, -1]).shape == (5, 6)
    assert tf.reshape(x, [-1]).shape == (30,)
    with raises(tf.errors.InvalidArgumentError, "Input to reshape is a tensor with 30 values, but the requested "
                                                "shape requires a multiple of 7"):
        tf.reshape(x, [-1, 7])
    with raises(tf.errors.InvalidArgumentError, "Only one input size may be -1, not both 0 and 1"):
        tf.reshape(x, [-1, -1])


@behaviour("SH-02")
@settings(**PROPERTY)
@given(shape=st.lists(st.integers(1, 4), min_size=1, max_size=4), data=st.data())
def test_SH02_reshape_matches_numpy(tf, shape, data):
    n = int(np.prod(shape))
    a = np.arange(n, dtype=np.int32)
    target = list(data.draw(st.permutations(shape)))
    if data.draw(st.booleans()):
        target[data.draw(st.integers(0, len(target) - 1))] = -1
    assert_value(tf.reshape(tf.constant(a), target), a.reshape(target), tf.int32)


@behaviour("SH-03")
def test_SH03_set_shape_incompatible(tf):
    t = tf.constant([1, 2, 3])
    t.set_shape([3])
    with raises(ValueError, "Tensor's shape (3,) is not compatible with supplied shape (4,)."):
        t.set_shape([4])


@behaviour("SH-04")
def test_SH04_shape_ops(tf):
    x = tf.zeros([2, 3, 4])
    assert tf.transpose(x).shape == (4, 3, 2)
    assert tf.squeeze(tf.zeros([1, 2, 1, 3])).shape == (2, 3)
    with raises(tf.errors.InvalidArgumentError, "Can not squeeze dim[1], expected a dimension of 1, got 2"):
        tf.squeeze(tf.zeros([1, 2]), axis=1)
    assert tf.expand_dims(x, -1).shape == (2, 3, 4, 1)


@behaviour("SH-05")
def test_SH05_concat_and_split(tf):
    with raises(tf.errors.InvalidArgumentError, "ConcatOp : Dimension 1 in both shapes must be equal: "
                                                "shape[0] = [2,3] vs. shape[1] = [1,2]"):
        tf.concat([tf.zeros([2, 3]), tf.zeros([1, 2])], 0)
    with raises(tf.errors.InvalidArgumentError, "Number of ways to split should evenly divide the split dimension"):
        tf.split(tf.zeros([5]), 2)
    parts = tf.split(tf.range(5), [2, -1])
    assert [p.shape for p in parts] == [(2,), (3,)]
    assert_value(parts[1], [2, 3, 4], tf.int32)


# ---------------------------------------------------------------- A6. broadcasting (BC)
@behaviour("BC-01")
def test_BC01_numpy_broadcasting(tf):
    r = tf.ones([3, 1]) * tf.ones([4])
    assert r.shape == (3, 4)
    assert_value(tf.constant([[1], [2]]) + 10, [[11], [12]], tf.int32)
    b = tf.broadcast_to([1, 2, 3], [3, 3])
    assert_value(b, [[1, 2, 3]] * 3, tf.int32)


@behaviour("BC-01")
@settings(**PROPERTY)
@given(shape=st.lists(st.integers(1, 3), min_size=0, max_size=3), data=st.data())
def test_BC01_broadcast_matches_numpy(tf, shape, data):
    # the other operand drops leading dims and sets some dims to 1
    k = data.draw(st.integers(0, len(shape)))
    other = [1 if data.draw(st.booleans()) else d for d in shape[k:]]
    a = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    b = np.arange(int(np.prod(other)), dtype=np.float32).reshape(other) + 1
    for x, y in ((a, b), (b, a)):
        assert_value(tf.constant(x) + tf.constant(y), x + y, tf.float32)
        assert_value(tf.multiply(tf.constant(x), tf.constant(y)), x * y, tf.float32)
        assert_value(tf.maximum(tf.constant(x), tf.constant(y)), np.maximum(x, y), tf.float32)


@behaviour("BC-02")
def test_BC02_incompatible_shapes(tf):
    with raises(tf.errors.InvalidArgumentError, "Incompatible shapes: [2,3] vs. [3,2]"):
        tf.ones([2, 3]) + tf.ones([3, 2])
    with raises(tf.errors.InvalidArgumentError, "Incompatible shapes: [2,3] vs. [3,2]"):
        tf.multiply(tf.ones([2, 3]), tf.ones([3, 2]))
    with raises(tf.errors.InvalidArgumentError, "Incompatible shapes: [3] vs. [3,2]"):
        tf.broadcast_to([1, 2, 3], [3, 2])


# ---------------------------------------------------------------- creation details next to DT-09/DT-20/DT-21
@behaviour("DT-09")
def test_DT09_constant_copies_the_numpy_array(tf):
    a = np.array([1.0, 2.0])
    t, c = tf.constant(a), tf.convert_to_tensor(a)
    a[0] = 9.0
    assert_value(t, [1.0, 2.0], tf.float64)
    assert_value(c, [1.0, 2.0], tf.float64)


@behaviour("DT-20")
def test_DT20_linspace_dtypes(tf):
    assert_value(tf.linspace(0.0, 1.0, 5), [0.0, 0.25, 0.5, 0.75, 1.0], tf.float32)
    assert_value(tf.linspace(tf.constant(0.0, tf.float64), 4, 3), [0.0, 2.0, 4.0], tf.float64)
    # integer bounds give float64; stop is converted to start's dtype strictly
    assert_value(tf.linspace(0, 1, 3), [0.0, 0.5, 1.0], tf.float64)
    assert_value(tf.linspace(tf.constant(0, tf.int64), 4, 3), [0.0, 2.0, 4.0], tf.float64)
    with raises(TypeError, "Cannot convert 1.0 to EagerTensor of dtype int32"):
        tf.linspace(0, 1.0, 3)


@behaviour("DT-21")
def test_DT21_uniform_argument_checks(tf):
    t = tf.random.uniform([50], 5, 7, dtype=tf.int64)
    assert t.dtype == tf.int64
    assert set(np_of(t).tolist()) <= {5, 6}
    with raises(tf.errors.InvalidArgumentError, "Need minval < maxval, got 6 >= 5"):
        tf.random.uniform([2], 6, 5, dtype=tf.int32)
    with raises(ValueError, "Argument `dtype` got invalid value <dtype: 'bool'>. Accepted dtypes are"):
        tf.random.uniform([2], dtype=tf.bool)
    with raises(TypeError, "Cannot convert 0.0 to EagerTensor of dtype int32"):
        tf.random.normal([1], dtype=tf.int32)
    f = tf.random.uniform([100], -2.0, 3.0)
    assert np.all((np_of(f) >= -2.0) & (np_of(f) < 3.0))
