"""Conformance: indexing, strided slicing, tf.slice, gather and scatter (SL). Catalogue section A7."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, raises
from .strategies import index_expressions, shapes, slices
from .tiers import examples

behaviour = pytest.mark.behaviour


def _x3(tf):
    return tf.reshape(tf.range(24), [2, 3, 4])


@behaviour("SL-01")
def test_SL01_int_index_removes_axis(tf):
    x = _x3(tf)
    assert x[1].shape == (3, 4)
    assert x[1, 2].shape == (4,)
    assert x[1:2].shape == (1, 3, 4)
    r = x[1, 2, 3]
    assert isinstance(r, tf.Tensor) and r.shape == ()
    assert_value(r, 23, tf.int32)


@behaviour("SL-02")
def test_SL02_newaxis_and_ellipsis(tf):
    x = _x3(tf)
    assert tf.newaxis is None
    assert x[None, :, None].shape == (1, 2, 1, 3, 4)
    assert x[tf.newaxis].shape == (1, 2, 3, 4)
    assert x[..., 1].shape == (2, 3)
    assert_value(x[0, ..., 1], [1, 5, 9], tf.int32)
    assert x[...].shape == (2, 3, 4)
    with raises(tf.errors.InvalidArgumentError, "Multiple ellipses in slice spec not allowed"):
        x[..., 0, ...]


@behaviour("SL-03")
def test_SL03_negative_steps(tf):
    v = tf.range(8)
    assert_value(v[::-1], [7, 6, 5, 4, 3, 2, 1, 0], tf.int32)
    assert_value(v[5:1:-2], [5, 3], tf.int32)
    assert_value(tf.range(10)[8:2:-3], [8, 5], tf.int32)
    assert_value(tf.range(5)[:-6:-1], [4, 3, 2, 1, 0], tf.int32)
    assert_value(tf.range(1)[-2::-1], np.zeros([0], np.int32), tf.int32)
    assert_value(tf.range(2)[-5:1:-1], np.zeros([0], np.int32), tf.int32)


@behaviour("SL-04")
def test_SL04_out_of_range_int_index_is_IAE(tf):
    v = tf.range(8)
    with raises(tf.errors.InvalidArgumentError, "slice index 8 of dimension 0 out of bounds."):
        v[8]
    with raises(tf.errors.InvalidArgumentError, "slice index -1 of dimension 0 out of bounds."):
        v[-9]
    with raises(tf.errors.InvalidArgumentError, "slice index 3 of dimension 1 out of bounds."):
        _x3(tf)[0, 3]


@behaviour("SL-05")
def test_SL05_slice_bounds_clamp(tf):
    v = tf.range(8)
    assert_value(v[5:100], [5, 6, 7], tf.int32)
    assert_value(v[100:200], np.zeros([0], np.int32), tf.int32)
    assert_value(v[5:2], np.zeros([0], np.int32), tf.int32)
    assert_value(tf.range(10)[-100:3], [0, 1, 2], tf.int32)


@behaviour("SL-03", "SL-05")
@settings(**dict(PROPERTY, max_examples=examples(80)))
@given(data=st.data(), n=st.integers(0, 10))
def test_SL03_SL05_1d_slices_match_python(tf, data, n):
    a = np.arange(n, dtype=np.int32)
    key = data.draw(slices(n))
    assert_value(tf.constant(a)[key], a[key], tf.int32)


@behaviour("SL-01", "SL-02", "SL-03", "SL-05", "SL-11")
@settings(**dict(PROPERTY, max_examples=examples(60)))
@given(data=st.data(), shape=shapes(max_dims=4))
def test_SL01_SL05_index_expressions_match_numpy(tf, data, shape):
    a = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    key = data.draw(index_expressions(shape))
    assert_value(tf.constant(a)[key], a[key], tf.float32)


def strided_slice_args(key):
    """The tf.strided_slice arguments that encode a `__getitem__` key (TF's own translation)."""
    begin, end, strides = [], [], []
    masks = dict(begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0, shrink_axis_mask=0)
    for i, k in enumerate(key if isinstance(key, tuple) else (key,)):
        b, e, s = 0, 0, 1
        if k is Ellipsis:
            masks["ellipsis_mask"] |= 1 << i
        elif k is None:
            masks["new_axis_mask"] |= 1 << i
        elif isinstance(k, slice):
            b, e, s = k.start or 0, k.stop or 0, k.step or 1
            masks["begin_mask"] |= (k.start is None) << i
            masks["end_mask"] |= (k.stop is None) << i
        else:
            b, e = k, k + 1
            masks["shrink_axis_mask"] |= 1 << i
        begin.append(b), end.append(e), strides.append(s)
    return [np.array(v, np.int32) for v in (begin, end, strides)], masks


@behaviour("SL-14")
@settings(**dict(PROPERTY, max_examples=examples(60)))
@given(data=st.data(), shape=shapes(max_dims=4))
def test_SL14_strided_slice_equals_getitem(tf, data, shape):
    a = np.arange(int(np.prod(shape)), dtype=np.int32).reshape(shape)
    key = data.draw(index_expressions(shape))
    args, masks = strided_slice_args(key)
    assert_value(tf.strided_slice(tf.constant(a), *args, **masks), a[key], tf.int32)


@behaviour("SL-06")
def test_SL06_zero_step(tf):
    with raises(tf.errors.InvalidArgumentError, "strides[0] must be non-zero"):
        tf.range(8)[::0]


@behaviour("SL-07")
def test_SL07_too_many_indices(tf):
    with raises(tf.errors.InvalidArgumentError, "Index out of range using input dim 1; input has only 1 dims"):
        tf.range(8)[0, 0]


@behaviour("SL-08")
def test_SL08_allowed_index_types(tf):
    v = tf.range(8)
    assert_value(v[np.int64(3)], 3, tf.int32)
    assert_value(v[np.int32(-1)], 7, tf.int32)
    assert_value(v[tf.constant(2)], 2, tf.int32)
    assert_value(v[tf.constant(2, tf.int64)], 2, tf.int32)
    assert_value(v[tf.constant(2, tf.int16)], 2, tf.int32)
    assert_value(v[tf.constant(2):tf.constant(5)], [2, 3, 4], tf.int32)
    assert_value(v[:tf.constant(6, tf.int64):tf.constant(2)], [0, 2, 4], tf.int32)


@behaviour("SL-08")
def test_SL08_float_and_vector_indices_raise_type_error(tf):
    v = tf.range(8)
    msg = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 "
           "tensors are valid indices, got ")
    with raises(TypeError, msg + "1.0"):
        v[1.0]
    with raises(TypeError, msg):
        v[tf.constant([1, 2])]
    with raises(TypeError, msg):
        v[tf.constant(1.0)]


@behaviour("SL-09")
def test_SL09_list_index_is_per_axis_tuple(tf):
    x = tf.reshape(tf.range(12), [3, 4])
    r = x[[1, 2]]
    assert r.shape == ()
    assert_value(r, 6, tf.int32)
    with raises(tf.errors.InvalidArgumentError, "Index out of range using input dim 1"):
        tf.range(8)[[0, 2]]


@behaviour("SL-10")
def test_SL10_boolean_masks(tf):
    t = tf.constant([1, 2, 3])
    assert_value(t[tf.constant([True, False, True])], [1, 3], tf.int32)
    assert_value(t[np.array([False, True, True])], [2, 3], tf.int32)
    x = tf.reshape(tf.range(6), [3, 2])
    assert_value(x[tf.constant([True, False, True])], [[0, 1], [4, 5]], tf.int32)
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'Index' of bool is not in the list of allowed values"):
        t[[True, False, True]]
    with raises(ValueError, "mask cannot be scalar."):
        t[True]


@behaviour("SL-10")
@settings(**PROPERTY)
@given(mask=st.lists(st.booleans(), min_size=1, max_size=6))
def test_SL10_mask_matches_numpy(tf, mask):
    a = np.arange(len(mask) * 2, dtype=np.int32).reshape(len(mask), 2)
    m = np.array(mask)
    assert_value(tf.constant(a)[tf.constant(m)], a[m], tf.int32)


@behaviour("SL-11")
def test_SL11_scalar_indexing(tf):
    s = tf.constant(5.0)
    with raises(tf.errors.InvalidArgumentError, "Attempting to slice scalar input."):
        s[0]
    assert_value(s[...], 5.0, tf.float32)
    assert_value(s[()], 5.0, tf.float32)
    with raises(tf.errors.InvalidArgumentError, "Attempting to slice scalar input."):
        tf.constant("abc")[0]


@behaviour("SL-12")
def test_SL12_getitem_returns_new_tensors(tf):
    t = tf.constant([[1, 2], [3, 4]])
    a, b = t[0], t[0]
    assert a is not b and a is not t
    assert type(a) is type(t)
    full = t[:]
    assert type(full) is type(t)
    row = a.numpy()
    row[0] = 99
    assert_value(t, [[1, 2], [3, 4]], tf.int32)


@behaviour("SL-13")
def test_SL13_tf_slice(tf):
    v = tf.range(8)
    assert_value(tf.slice(v, [5], [-1]), [5, 6, 7], tf.int32)
    x = tf.reshape(tf.range(16), [4, 4])
    assert_value(tf.slice(x, [1, 1], [-1, 2]), [[5, 6], [9, 10], [13, 14]], tf.int32)
    assert_value(tf.slice(v, tf.constant([1], tf.int64), tf.constant([2], tf.int64)), [1, 2], tf.int32)
    with raises(tf.errors.InvalidArgumentError, "Expected begin[0] in [0, 8], but got -2"):
        tf.slice(v, [-2], [1])
    with raises(tf.errors.InvalidArgumentError, "Expected size[0] in [0, 2], but got 5"):
        tf.slice(v, [6], [5])
    with raises(tf.errors.InvalidArgumentError, "Expected size[0] in [0, 8], but got -2"):
        tf.slice(v, [0], [-2])
    with raises(tf.errors.InvalidArgumentError, "Expected begin and size arguments to be 1-D tensors of size 3, "
                                                "but got shapes [1] and [1] instead."):
        tf.slice(_x3(tf), [0], [1])


@behaviour("SL-14")
def test_SL14_strided_slice_masks(tf):
    v = tf.range(8)
    x = tf.zeros([2, 3, 4])
    assert_value(tf.strided_slice(v, [3], [6], begin_mask=1), [0, 1, 2, 3, 4, 5], tf.int32)
    assert_value(tf.strided_slice(v, [3], [6], end_mask=1), [3, 4, 5, 6, 7], tf.int32)
    assert tf.strided_slice(x, [0], [1], shrink_axis_mask=1).shape == (3, 4)
    assert tf.strided_slice(v, [0], [1], new_axis_mask=1).shape == (1, 8)
    assert tf.strided_slice(x, [0, 1], [1, 2], ellipsis_mask=1).shape == (2, 3, 1)
    assert_value(tf.strided_slice(v, [-1], [-9], [-1]), [7, 6, 5, 4, 3, 2, 1, 0], tf.int32)
    assert_value(tf.strided_slice(v, [-1], [0], [-1], end_mask=1), [7, 6, 5, 4, 3, 2, 1, 0], tf.int32)
    with raises(tf.errors.InvalidArgumentError, "slice index 9 of dimension 0 out of bounds."):
        tf.strided_slice(v, [9], [10], shrink_axis_mask=1)


@behaviour("SL-15")
def test_SL15_gather(tf):
    v = tf.range(8)
    assert_value(tf.gather(v, [1, 3]), [1, 3], tf.int32)
    with raises(tf.errors.InvalidArgumentError, "indices[0] = 8 is not in [0, 8)"):
        tf.gather(v, [8])
    with raises(tf.errors.InvalidArgumentError, "indices[0] = -1 is not in [0, 8)"):
        tf.gather(v, [-1])
    x = tf.constant([[0, 1, 2], [3, 4, 5]])
    assert_value(tf.gather(x, [2, 0], axis=1), [[2, 0], [5, 3]], tf.int32)


@behaviour("SL-16")
def test_SL16_gather_nd(tf):
    x = tf.reshape(tf.range(12), [3, 4])
    assert_value(tf.gather_nd(x, [[1, 2], [0, 0]]), [6, 0], tf.int32)
    # gather_nd says "param shape"; the scatter ops say "shape" (the catalogue's wording)
    with raises(tf.errors.InvalidArgumentError, "indices[0] = [9] does not index into param shape [8]"):
        tf.gather_nd(tf.range(8), [[9]])


@behaviour("SL-16")
def test_SL16_scatter_nd(tf):
    assert_value(tf.scatter_nd([[1], [3]], [5, 6], [5]), [0, 5, 0, 6, 0], tf.int32)
    assert_value(tf.scatter_nd([[1], [1]], [5, 6], [3]), [0, 11, 0], tf.int32)
    with raises(tf.errors.InvalidArgumentError, "indices[0] = [9] does not index into shape [8]"):
        tf.scatter_nd([[9]], [1], [8])


@behaviour("SL-16")
def test_SL16_tensor_scatter_nd(tf):
    t = tf.constant([1, 2, 3])
    u = tf.tensor_scatter_nd_update(t, [[0]], [9])
    a = tf.tensor_scatter_nd_add(t, [[2]], [10])
    assert_value(u, [9, 2, 3], tf.int32)
    assert_value(a, [1, 2, 13], tf.int32)
    assert_value(t, [1, 2, 3], tf.int32)
    with raises(tf.errors.InvalidArgumentError, "indices[0] = [9] does not index into shape [8]"):
        tf.tensor_scatter_nd_update(tf.range(8), [[9]], [1])
