"""Conformance: sparse tensors (SP), property-based on generated index sets. Catalogue section F."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, np_of, raises
from .strategies import sparse_indices

behaviour = pytest.mark.behaviour


@behaviour("SP-04", "SP-05")
@settings(**PROPERTY)
@given(data=st.data(), index_set=sparse_indices())
def test_SP04_SP05_to_dense_and_from_dense_round_trip(tf, data, index_set):
    indices, shape = index_set
    values = np.arange(1, len(indices) + 1, dtype=np.int32)
    dense = np.zeros(shape, np.int32)
    dense[tuple(indices.T)] = values
    st_ = tf.SparseTensor(indices, values, shape)
    assert_value(tf.sparse.to_dense(st_), dense, tf.int32)
    assert_value(tf.sparse.to_dense(st_, default_value=-1), np.where(dense == 0, -1, dense), tf.int32)
    back = tf.sparse.from_dense(tf.constant(dense))
    assert_value(back.indices, indices.reshape(-1, len(shape)), tf.int64)
    assert_value(back.values, values, tf.int32)



# ---- catalogue behaviours SP-01..SP-18 on the guide's example tensors ----------------------------------------
def _st1(tf):
    return tf.SparseTensor(indices=[[0, 3], [2, 4]], values=[10, 20], dense_shape=[3, 10])


def _unordered(tf):
    return tf.SparseTensor(indices=[[2, 4], [0, 3]], values=[20, 10], dense_shape=[3, 10])


def _is_sparse(tf, x):
    return isinstance(x, tf.SparseTensor)


@behaviour("SP-01")
def test_SP01_sparse_tensor_type(tf):
    st_ = _st1(tf)
    assert tf.SparseTensor is tf.sparse.SparseTensor
    assert not isinstance(st_, tf.Tensor)
    assert tf.is_tensor(st_)


@behaviour("SP-02")
def test_SP02_component_dtypes_and_shape(tf):
    st_ = _st1(tf)
    assert st_.indices.dtype == tf.int64 and st_.dense_shape.dtype == tf.int64
    assert st_.values.dtype == tf.int32 and st_.dtype == tf.int32
    assert tf.SparseTensor([[0]], [1.5], [2]).dtype == tf.float32
    assert st_.shape == tf.TensorShape([3, 10]) and st_.shape.as_list() == [3, 10]
    assert not hasattr(st_, "ndim")


@behaviour("SP-03")
def test_SP03_printing(tf):
    want = ('SparseTensor(indices=tf.Tensor(\n[[0 3]\n [2 4]], shape=(2, 2), dtype=int64), values=tf.Tensor('
            '[10 20], shape=(2,), dtype=int32), dense_shape=tf.Tensor([ 3 10], shape=(2,), dtype=int64))')
    st_ = _st1(tf)
    assert str(st_) == want and repr(st_) == want


@behaviour("SP-04")
def test_SP04_to_dense_default_value(tf):
    dense = np.zeros((3, 10), np.int32)
    dense[0, 3], dense[2, 4] = 10, 20
    assert_value(tf.sparse.to_dense(_st1(tf)), dense, tf.int32)
    assert_value(tf.sparse.to_dense(_st1(tf), default_value=-1), np.where(dense == 0, -1, dense), tf.int32)


@behaviour("SP-05")
def test_SP05_from_dense_row_major_nan_kept(tf):
    sp = tf.sparse.from_dense(tf.constant([[1, 0, 0, 8], [0, 0, 0, 0], [0, 0, 3, 0]]))
    assert_value(sp.indices, [[0, 0], [0, 3], [2, 2]], tf.int64)
    assert_value(sp.values, [1, 8, 3], tf.int32)
    assert_value(sp.dense_shape, [3, 4], tf.int64)
    f = tf.sparse.from_dense(tf.constant([1.0, -0.0, float("nan"), 0.0]))
    assert_value(f.indices, [[0], [2]], tf.int64)
    assert_value(f.values, [1.0, np.nan], tf.float32)


@behaviour("SP-06")
def test_SP06_add(tf):
    a = tf.SparseTensor(indices=[[0, 2], [3, 4]], values=[31, 2], dense_shape=[4, 10])
    b = tf.SparseTensor(indices=[[0, 2], [3, 0]], values=[56, 38], dense_shape=[4, 10])
    s = tf.sparse.add(a, b)
    assert _is_sparse(tf, s)
    assert_value(s.indices, [[0, 2], [3, 0], [3, 4]], tf.int64)
    assert_value(s.values, [87, 38, 2], tf.int32)
    x = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
    y = tf.SparseTensor([[0, 0]], [-1.0], [2, 2])
    assert_value(tf.sparse.add(x, y).values, [0.0], tf.float32)
    assert tf.sparse.add(x, y, threshold=0.5).values.shape == (0,)
    d = tf.sparse.add(_st1(tf), tf.ones([3, 10], tf.int32))
    assert isinstance(d, tf.Tensor)
    assert_value(d[0, 3], np.int32(11), tf.int32)
    with raises(tf.errors.InvalidArgumentError, "Operands' shapes do not match: got 10 and 9 for dimension 1"):
        tf.sparse.add(_st1(tf), tf.SparseTensor([[0, 0]], [1], [3, 9]))


@behaviour("SP-07")
def test_SP07_dense_ops_reject_sparse(tf):
    st_ = _st1(tf)
    with raises(TypeError, "unsupported operand type(s) for +: 'SparseTensor' and 'SparseTensor'"):
        st_ + st_
    for fn in (lambda: tf.math.add(st_, st_), lambda: tf.matmul(st_, tf.ones([10, 2], tf.int32)),
               lambda: tf.reduce_sum(st_)):
        with raises(ValueError, "Attempt to convert a value (SparseTensor(indices=", "with an unsupported type (<class",
                    "SparseTensor'>) to a Tensor."):
            fn()
    twice = st_ * 2
    assert _is_sparse(tf, twice)
    assert_value(twice.values, [20, 40], tf.int32)
    times = st_ * tf.constant([[1], [2], [3]])
    assert _is_sparse(tf, times)
    assert_value(times.values, [10, 60], tf.int32)


@behaviour("SP-08")
def test_SP08_sparse_dense_matmul(tf):
    st_c = tf.SparseTensor(indices=[[0, 1], [1, 0], [1, 1]], values=[13, 15, 17], dense_shape=(2, 2))
    assert_value(tf.sparse.sparse_dense_matmul(st_c, tf.constant([[4], [6]])), [[78], [162]], tf.int32)
    with raises(tf.errors.InvalidArgumentError):
        tf.sparse.sparse_dense_matmul(st_c, tf.constant([[4.0], [6.0]]))


@behaviour("SP-09")
def test_SP09_reduce_sum(tf):
    st_ = _st1(tf)
    assert_value(tf.sparse.reduce_sum(st_), np.int32(30), tf.int32)
    assert_value(tf.sparse.reduce_sum(st_, axis=1), [10, 0, 20], tf.int32)
    sp = tf.sparse.reduce_sum(st_, axis=1, output_is_sparse=True)
    assert _is_sparse(tf, sp)
    assert_value(sp.indices, [[0], [2]], tf.int64)
    assert_value(sp.values, [10, 20], tf.int32)
    assert tf.sparse.reduce_sum(st_, axis=0, keepdims=True).shape == (1, 10)


@behaviour("SP-10")
def test_SP10_reduce_max_ignores_implicit_zeros(tf):
    assert_value(tf.sparse.reduce_max(tf.sparse.from_dense([-5, 0, -3])), np.int32(-3), tf.int32)
    assert_value(tf.math.reduce_max([-5, 0, -3]), np.int32(0), tf.int32)


@behaviour("SP-11")
def test_SP11_to_dense_needs_canonical_order(tf):
    with raises(tf.errors.InvalidArgumentError, "indices[1] = [0,3] is out of order. Many sparse ops require "
                "sorted indices.\n    Use `tf.sparse.reorder` to create a correctly ordered copy."):
        tf.sparse.to_dense(_unordered(tf))
    fixed = tf.sparse.reorder(_unordered(tf))
    assert_value(fixed.indices, [[0, 3], [2, 4]], tf.int64)
    assert_value(fixed.values, [10, 20], tf.int32)
    rep = tf.SparseTensor([[0, 0], [0, 0]], [1, 2], [2, 2])
    with raises(tf.errors.InvalidArgumentError, "indices[1] = [0,0] is repeated"):
        tf.sparse.to_dense(rep)
    assert_value(tf.sparse.to_dense(rep, validate_indices=False), [[2, 0], [0, 0]], tf.int32)


@behaviour("SP-12")
def test_SP12_bounds_checked_by_to_dense_only(tf):
    for bad in ([[5, 0]], [[-1, 0]]):
        sp = tf.SparseTensor(bad, [1], [2, 2])
        with raises(tf.errors.InvalidArgumentError, f"indices[0] = [{bad[0][0]},0] is out of bounds: "
                    "need 0 <= index < [2,2]"):
            tf.sparse.to_dense(sp)


@behaviour("SP-13")
def test_SP13_constructor_checks(tf):
    with raises(ValueError, "Dimensions 2 and 1 are not compatible"):
        tf.SparseTensor([[0, 0], [1, 1]], [1], [2, 2])
    with raises(ValueError, "Dimensions 3 and 2 are not compatible"):
        tf.SparseTensor([[0, 0, 0]], [1], [2, 2])
    with raises(ValueError, "Shape (2,) must have rank 2"):
        tf.SparseTensor([0, 0], [1, 2], [2, 2])
    with raises(TypeError, "Cannot convert [[0.0, 0.0]] to EagerTensor of dtype int64"):
        tf.SparseTensor([[0.0, 0.0]], [1], [2, 2])


@behaviour("SP-14")
def test_SP14_ops_accepting_unordered_indices(tf):
    un = _unordered(tf)
    assert_value(tf.sparse.reduce_sum(un, axis=1), [10, 0, 20], tf.int32)
    got = tf.sparse.sparse_dense_matmul(un, tf.ones([10, 1], tf.int32))
    assert_value(got, [[10], [0], [20]], tf.int32)
    s = tf.sparse.add(un, tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0], tf.int32), [3, 10]))
    assert_value(s.indices, [[2, 4], [0, 3]], tf.int64)


@behaviour("SP-15")
def test_SP15_plain_python_object(tf):
    st_ = _st1(tf)
    assert (st_ == st_) is True and bool(st_) is True
    assert isinstance(hash(st_), int)
    with raises(TypeError, "'SparseTensor' object is not subscriptable"):
        st_[0]


@behaviour("SP-16")
def test_SP16_structural_ops(tf):
    st_ = _st1(tf)
    assert_value(tf.sparse.concat(axis=1, sp_inputs=[st_, st_]).dense_shape, [3, 20], tf.int64)
    sl = tf.sparse.slice(st_, [0, 3], [3, 5])
    assert_value(sl.indices, [[0, 0], [2, 1]], tf.int64)
    assert_value(sl.dense_shape, [3, 5], tf.int64)
    mv = tf.sparse.map_values(tf.add, tf.SparseTensor([[0, 0], [1, 1]], [1, 2], [2, 2]), 5)
    assert_value(tf.sparse.to_dense(mv), [[6, 0], [0, 7]], tf.int32)
    assert_value(tf.sparse.transpose(st_).dense_shape, [10, 3], tf.int64)
    assert_value(tf.sparse.reshape(st_, [30]).indices, [[3], [24]], tf.int64)
    assert_value(tf.sparse.retain(st_, [True, False]).values, [10], tf.int32)
    filled, empty = tf.sparse.fill_empty_rows(st_, -1)
    assert_value(filled.indices, [[0, 3], [1, 0], [2, 4]], tf.int64)
    assert_value(filled.values, [10, -1, 20], tf.int32)
    assert_value(empty, [False, True, False], tf.bool)


@behaviour("SP-17")
def test_SP17_abs_and_cast_keep_sparse(tf):
    st_ = tf.SparseTensor([[0, 3], [2, 4]], [-10, 20], [3, 10])
    a = tf.abs(st_)
    assert _is_sparse(tf, a)
    assert_value(a.values, [10, 20], tf.int32)
    c = tf.cast(st_, tf.float32)
    assert _is_sparse(tf, c)
    assert_value(c.values, [-10.0, 20.0], tf.float32)


@behaviour("SP-18")
def test_SP18_function_arguments_and_gradients(tf):
    @tf.function
    def mm(x, y):
        return tf.sparse.sparse_dense_matmul(x, y)
    st_ = tf.SparseTensor([[0, 0], [2, 2]], [15.0, 25.0], [3, 3])
    assert_value(mm(st_, tf.sparse.to_dense(st_)), [[225, 0, 0], [0, 0, 0], [0, 0, 625]], tf.float32)
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        sp = tf.SparseTensor([[0, 0], [1, 2]], v * 1.0, [2, 3])
        y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(sp, tf.ones([3, 2])))
    assert_value(tape.gradient(y, v), [2.0, 2.0], tf.float32)
    empty = tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [2, 2])
    assert_value(tf.sparse.to_dense(empty), np.zeros((2, 2)), tf.float32)
