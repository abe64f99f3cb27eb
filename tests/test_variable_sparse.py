"""Variable's sparse reads and row updates: values and errors as real TF 2.21 gives them (checked there)."""
import numpy as np
import pytest

import tfcompat as tf


def _slices(values, rows):
    return tf.IndexedSlices(tf.constant(values), tf.constant(rows))


def test_row_updates_accumulate_duplicates_and_return_an_unread_variable():
    v = tf.Variable([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(v.sparse_read([0, 2]).numpy(), [1.0, 3.0])
    np.testing.assert_array_equal(v.gather_nd([[1]]).numpy(), [2.0])
    assert type(v.scatter_nd_update([[0], [2]], [9.0, 9.0])).__name__ == "_UnreadVariable"
    steps = [(v.scatter_add, _slices([5.0], [1]), [9, 7, 9]), (v.scatter_sub, _slices([1.0, 1.0], [1, 1]), [9, 5, 9]),
             (v.scatter_mul, _slices([2.0], [0]), [18, 5, 9]), (v.scatter_div, _slices([2.0], [0]), [9, 5, 9]),
             (v.scatter_max, _slices([20.0], [0]), [20, 5, 9]), (v.scatter_min, _slices([0.0], [0]), [0, 5, 9]),
             (v.scatter_update, _slices([4.0], [1]), [0, 4, 9])]
    for method, delta, want in steps:
        method(delta)
        np.testing.assert_array_equal(v.numpy(), want)
    v.scatter_nd_add([[0]], [1.0])
    v.scatter_nd_sub([[1]], [1.0])
    v.scatter_nd_max([[2]], [100.0])
    v.scatter_nd_min([[2]], [50.0])
    np.testing.assert_array_equal(v.numpy(), [1, 3, 50])


@pytest.mark.parametrize("call, error, text", [
    (lambda v: v.scatter_add([1.0]), TypeError, "Argument `sparse_delta` must be a `tf.IndexedSlices`. Received arg: [1.0]"),
    (lambda v: v.scatter_add(_slices([5.0], [7])), tf.errors.InvalidArgumentError,
     "indices[0] = 7 is not in [0, 3) [Op:ResourceScatterAdd]"),
    (lambda v: v.scatter_max(_slices([5.0], [-1])), tf.errors.InvalidArgumentError,
     "indices[0] = -1 is not in [0, 3) [Op:ResourceScatterMax]"),
    (lambda v: v.scatter_nd_update([[7]], [1.0]), tf.errors.InvalidArgumentError,
     "indices[0] = [7] does not index into shape [3] [Op:ResourceScatterNdUpdate]"),
    (lambda v: v.sparse_read([5]), tf.errors.InvalidArgumentError, "indices[0] = 5 is not in [0, 3) [Op:ResourceGather]"),
    (lambda v: v.gather_nd([[7]]), tf.errors.InvalidArgumentError,
     "indices[0] = [7] does not index into param shape [3], node name: ResourceGatherNd [Op:ResourceGatherNd]"),
])
def test_bad_updates_raise_tf_errors_and_leave_the_variable(call, error, text):
    v = tf.Variable([1.0, 2.0, 3.0])
    with pytest.raises(error) as info:
        call(v)
    assert text in str(info.value)
    np.testing.assert_array_equal(v.numpy(), [1, 2, 3])

