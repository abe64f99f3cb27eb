"""Conformance: tf.Variable (VA). Catalogue section B."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, later_op, np_of, raises, requires

behaviour = pytest.mark.behaviour


@behaviour("VA-01")
def test_VA01_names(tf):
    assert tf.Variable(1.0).name == "Variable:0"
    assert tf.Variable(2.0).name == "Variable:0"
    a, b = tf.Variable(1.0, name="Mark"), tf.Variable(2.0, name="Mark")
    assert a.name == b.name == "Mark:0"
    with tf.name_scope("outer"):
        with tf.name_scope("scope1"):
            assert tf.Variable(1.0, name="w").name == "outer/scope1/w:0"
    assert tf.Variable(1.0, name="a:b").name == "a:b:0"


@behaviour("VA-02")
def test_VA02_repr_and_str(tf):
    v = tf.Variable([[1., 2.], [3., 4.]])
    want = ("<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\n"
            "array([[1., 2.],\n       [3., 4.]], dtype=float32)>")
    assert repr(v) == want
    assert str(v) == want
    assert repr(tf.Variable(1.0)) == "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>"
    u = tf.Variable([1.0], shape=tf.TensorShape(None))
    assert "shape=<unknown>" in repr(u)


@requires('float64', 'complex128')
@behaviour("VA-03")
def test_VA03_dtype_from_initial_value(tf):
    assert tf.Variable(1).dtype == tf.int32
    assert tf.Variable([False, True]).dtype == tf.bool
    assert tf.Variable([5 + 4j, 6 + 1j]).dtype == tf.complex128
    assert tf.Variable("a").dtype == tf.string
    assert tf.Variable(np.array([1.0])).dtype == tf.float64
    assert tf.Variable(1.5).dtype == tf.float32
    v = tf.Variable(1, dtype=tf.float32)
    assert v.dtype == tf.float32 and v.numpy() == 1.0
    with raises(TypeError, "Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.Variable(1.5, dtype=tf.int32)


@behaviour("VA-04")
def test_VA04_type_checks(tf):
    v = tf.Variable(1.0)
    assert type(v).__name__ == "ResourceVariable"
    assert isinstance(v, tf.Variable)
    assert not isinstance(v, tf.Tensor)
    assert tf.is_tensor(v)


@behaviour("VA-05")
def test_VA05_trainable(tf):
    assert tf.Variable(1.0).trainable is True
    assert tf.Variable(1).trainable is True
    v = tf.Variable(1.0, trainable=False)
    assert v.trainable is False
    with raises(AttributeError, "property 'trainable' of 'ResourceVariable' object has no setter"):
        v.trainable = True


@behaviour("VA-06")
def test_VA06_assign_returns_unread_variable(tf):
    v = tf.Variable([1.0, 2.0])
    for r in (v.assign([3.0, 4.0]), v.assign_add([1.0, 1.0]), v.assign_sub([1.0, 1.0])):
        assert r is not v
        assert isinstance(r, tf.Variable)
        assert repr(r).startswith("<tf.Variable 'UnreadVariable' shape=(2,) dtype=float32, numpy=")
    assert_value(v, [3.0, 4.0], tf.float32)
    assert v.assign([0.0, 0.0], read_value=False) is None
    assert v.assign_add([1.0, 1.0], read_value=False) is None
    assert_value(v, [1.0, 1.0], tf.float32)


@behaviour("VA-07")
def test_VA07_assign_result_reads_lazily(tf):
    v = tf.Variable(1.0)
    r = v.assign(2.0)
    v.assign(3.0)
    assert r.numpy() == 3.0
    a = v.assign_add(1.0)
    v.assign(10.0)
    assert a.numpy() == 10.0


@behaviour("VA-08")
def test_VA08_guide_sequence(tf):
    a = tf.Variable([2.0, 3.0])
    a.assign([1, 2])
    assert a.dtype == tf.float32
    assert_value(a, [1.0, 2.0], tf.float32)
    a.assign([5, 6])
    assert_value(a.assign_add([2, 3]), [7.0, 9.0], tf.float32)
    assert_value(a.assign_sub([7, 9]), [0.0, 0.0], tf.float32)


@behaviour("VA-09")
def test_VA09_assign_converts_to_variable_dtype(tf):
    f = tf.Variable([0.0, 0.0])
    f.assign([1, 2])
    assert_value(f, [1.0, 2.0], tf.float32)
    i = tf.Variable([1, 2])
    with raises(TypeError, "Cannot convert [1.5, 2.0] to EagerTensor of dtype int32"):
        i.assign([1.5, 2.0])
    with raises(ValueError, "Tensor conversion requested dtype float32 for Tensor with dtype float64"):
        f.assign(tf.constant([1.0, 2.0], tf.float64))
    with pytest.raises(TypeError):
        tf.Variable(1).assign_add(0.5)
    assert_value(i, [1, 2], tf.int32)


@behaviour("VA-10")
def test_VA10_full_assign_does_not_broadcast(tf):
    v = tf.Variable([2.0, 3.0])
    with raises(ValueError, "Cannot assign value to variable ' Variable:0': Shape mismatch.The variable shape (2,), "
                            "and the assigned value shape (3,) are incompatible."):
        v.assign([1.0, 2.0, 3.0])
    with raises(ValueError, "Shape mismatch.The variable shape (2,), and the assigned value shape () are "
                            "incompatible."):
        v.assign(1.0)
    for bad in ([1.0, 2.0, 3.0], 1.0):
        with raises(tf.errors.InvalidArgumentError, "Cannot update variable with shape [2] using a Tensor with shape"):
            v.assign_add(bad)
    with raises(tf.errors.InvalidArgumentError, "Cannot update variable with shape [2] using a Tensor with shape [3], "
                                                "shapes must be equal."):
        v.assign_sub([1.0, 2.0, 3.0])
    assert_value(v, [2.0, 3.0], tf.float32)


@behaviour("VA-11")
def test_VA11_partial_shape_allows_new_shapes(tf):
    v = tf.Variable([1.0], shape=tf.TensorShape(None))
    v.assign([1.0, 2.0, 3.0])
    assert v.shape == tf.TensorShape(None)
    assert v.shape.rank is None
    assert v.numpy().shape == (3,)
    w = tf.Variable([[1.0, 2.0]], shape=[None, 2])
    w.assign([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    assert w.shape.as_list() == [None, 2]
    assert w.numpy().shape == (3, 2)


@behaviour("VA-12")
def test_VA12_slice_assign(tf):
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    r = v[0, 0].assign(9.0)
    assert isinstance(r, tf.Variable) and r is not v
    assert "'UnreadVariable'" in repr(r)
    assert_value(v, [[9.0, 2.0], [3.0, 4.0]], tf.float32)
    v[1].assign([7.0, 8.0])
    v[:, 0].assign([0.0, 1.0])
    assert_value(v, [[0.0, 2.0], [1.0, 8.0]], tf.float32)
    w = tf.Variable([1.0, 2.0, 3.0, 4.0])
    w[::2].assign([0.0, 0.0])
    assert_value(w, [0.0, 2.0, 0.0, 4.0], tf.float32)


@behaviour("VA-12")
def test_VA12_slice_assign_broadcasts(tf):
    v = tf.Variable([1.0, 2.0, 3.0, 4.0])
    v[0:2].assign(5.0)
    assert_value(v, [5.0, 5.0, 3.0, 4.0], tf.float32)
    with raises(tf.errors.InvalidArgumentError, "Cannot broadcast input shape [3] into final shape [2]"):
        v[0:2].assign([1.0, 2.0, 3.0])


@behaviour("VA-12")
@settings(**PROPERTY)
@given(n=st.integers(1, 8), start=st.one_of(st.none(), st.integers(-9, 9)),
       stop=st.one_of(st.none(), st.integers(-9, 9)), step=st.sampled_from([None, 1, 2, 3, -1, -2]))
def test_VA12_slice_assign_matches_numpy(tf, n, start, stop, step):
    a = np.arange(n, dtype=np.float32)
    v = tf.Variable(a)
    a[start:stop:step] = -1.0
    v[start:stop:step].assign(-1.0)
    assert_value(v, a, tf.float32)


@behaviour("VA-13")
def test_VA13_item_assignment_raises(tf):
    v = tf.Variable([1.0, 2.0])
    with raises(TypeError, "'ResourceVariable' object does not support item assignment"):
        v[0] = 5.0


@behaviour("VA-14")
def test_VA14_augmented_assignment_raises_runtime_error(tf):
    v = tf.Variable(1.0)
    with raises(RuntimeError, "`variable += value` with `tf.Variable`s is not supported. Use "
                              "`variable.assign_add(value)` to modify the variable, or `out = variable + value` if "
                              "you need to get a new output Tensor."):
        v += 1
    with raises(RuntimeError, "`var *= value` with `tf.Variable`s is not supported. Use `var.assign(var * value)`"):
        v *= 2
    assert v.numpy() == 1.0


@behaviour("VA-15")
def test_VA15_ops_on_variables_return_tensors(tf):
    v = tf.Variable([1.0, 2.0])
    results = [v + 1, v * v, -v, v[0], v ** 2, tf.square(v), tf.reshape(v, [2, 1]), tf.identity(v),
               v.read_value(), v.value(), tf.convert_to_tensor(v), 1 + v, v - v, v / 2, tf.add(v, v)]
    for r in results:
        assert type(r).__name__ == "EagerTensor", type(r)
        assert isinstance(r, tf.Tensor)
        assert not isinstance(r, tf.Variable)


@behaviour("VA-16")
def test_VA16_reads_are_snapshots(tf):
    v = tf.Variable([1.0, 2.0])
    snaps = [v.read_value(), tf.convert_to_tensor(v), v + 0, v.value()]
    n = v.numpy()
    v.assign([5.0, 6.0])
    for s in snaps:
        assert_value(s, [1.0, 2.0], tf.float32)
    np.testing.assert_array_equal(n, [1.0, 2.0])


@behaviour("VA-17")
def test_VA17_variable_from_variable_copies(tf):
    a = tf.Variable([2.0, 3.0])
    b = tf.Variable(a)
    a.assign([5.0, 6.0])
    assert_value(b, [2.0, 3.0], tf.float32)
    assert_value(a, [5.0, 6.0], tf.float32)


@behaviour("VA-18")
def test_VA18_variables_are_unhashable(tf):
    v = tf.Variable(1.0)
    with raises(TypeError, "Variable is unhashable. Instead, use variable.ref() as the key. (Variable: <tf.Variable"):
        hash(v)
    with raises(TypeError, "Variable is unhashable"):
        {v}
    d = {v.ref(): 1}
    assert d[v.ref()] == 1
    assert v.ref().deref() is v


@behaviour("VA-19")
def test_VA19_python_protocol(tf):
    v = tf.Variable([1.0, 2.0])
    r = v == v
    assert isinstance(r, tf.Tensor)
    assert_value(r, [True, True], tf.bool)
    assert_value(v == [1.0, 0.0], [True, False], tf.bool)
    assert bool(tf.Variable(0.0)) is False
    assert bool(tf.Variable(3)) is True
    with raises(TypeError, "object of type 'ResourceVariable' has no len()"):
        len(v)
    items = list(v)
    assert [float(x) for x in items] == [1.0, 2.0]
    a = np.array(tf.Variable(np.array([1, 2], np.int64)))
    assert a.dtype == np.int64


@behaviour("VA-20")
def test_VA20_no_reshape_no_ndim(tf):
    v = tf.Variable([[1.0, 2.0]])
    assert not hasattr(v, "reshape")
    assert not hasattr(tf.Variable, "ndim")
    assert v.shape == (1, 2)
    assert v.get_shape() == (1, 2)
    assert v.dtype == tf.float32


@behaviour("VA-21")
def test_VA21_initial_value_in_eager(tf):
    with raises(RuntimeError, "This property is not supported when eager execution is enabled."):
        tf.Variable(1.0).initial_value


@behaviour("VA-22")
def test_VA22_initial_value_required_and_callable(tf):
    with raises(ValueError, "The `initial_value` arg to `tf.Variable` must be specified except when you are not "
                            "providing a `variable_def`. You provided neither."):
        tf.Variable()
    v = tf.Variable(lambda: tf.ones([2]))
    assert_value(v, [1.0, 1.0], tf.float32)


@behaviour("VA-23")
def test_VA23_variables_stand_in_for_tensors(tf):
    a = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    m = tf.matmul(a, a)
    assert isinstance(m, tf.Tensor)
    assert_value(m, [[7.0, 10.0], [15.0, 22.0]], tf.float32)
    p = tf.Variable(2.0) * tf.Variable(3.0)
    assert isinstance(p, tf.Tensor)
    assert_value(p, 6.0, tf.float32)
    assert_value(tf.math.argmax(tf.Variable([1.0, 5.0, 2.0])), 1, tf.int64)
    assert_value(tf.convert_to_tensor(a), [[1.0, 2.0], [3.0, 4.0]], tf.float32)
    assert_value(tf.reduce_sum(a), 10.0, tf.float32)
    assert_value(tf.cast(a, tf.int32), [[1, 2], [3, 4]], tf.int32)


@behaviour("VA-24")
def test_VA24_sparse_read_gather_nd_scatter_nd_update(tf):
    v = tf.Variable([1.0, 2.0, 3.0])
    assert_value(v.sparse_read([0, 2]), [1.0, 3.0], tf.float32)
    assert_value(v.gather_nd([[1]]), [2.0], tf.float32)
    v.scatter_nd_update([[0], [2]], [9.0, 9.0])
    assert_value(v, [9.0, 2.0, 9.0], tf.float32)


@behaviour("VA-24")
def test_VA24_scatter_add(tf):
    v = tf.Variable([1.0, 2.0, 3.0])
    v.scatter_add(tf.IndexedSlices(tf.constant([5.0]), tf.constant([1])))
    assert_value(v, [1.0, 7.0, 3.0], tf.float32)


@behaviour("VA-25")
def test_VA25_int_variable_division(tf):
    v = tf.Variable([7, -7])
    assert_value(v // 2, [3, -4], tf.int32)
    assert_value(v / 2, [3.5, -3.5], tf.float64)
    assert_value(v % 2, [1, 1], tf.int32)


@behaviour("VA-26")
def test_VA26_device_sync_aggregation_constraint(tf):
    v = tf.Variable(1.0)
    assert v.device == "/job:localhost/replica:0/task:0/device:CPU:0"
    assert v.synchronization == tf.VariableSynchronization.AUTO
    assert v.aggregation == tf.VariableAggregation.NONE
    c = lambda x: x  # noqa: E731
    assert tf.Variable(1.0, constraint=c).constraint is c
    assert tf.Variable(1.0).constraint is None
