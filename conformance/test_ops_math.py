"""Conformance: op-level results of the math area (catalogue section M): empty reductions (OP-01), argmax/argmin
(OP-02), sort/argsort (OP-03), top_k (OP-04), unique (OP-05), matmul (OP-15), clipping (OP-23, OP-24) and
segment reductions (OP-25, OP-26)."""
import numpy as np
import pytest

from .helpers import assert_value, raises

behaviour = pytest.mark.behaviour
NAN = float("nan")


@behaviour("OP-01")
def test_OP01_empty_reductions(tf):
    e = tf.zeros([0])
    assert_value(tf.reduce_sum(tf.zeros([0], tf.int32)), 0, tf.int32)
    assert_value(tf.reduce_prod(e), 1.0, tf.float32)
    assert_value(tf.reduce_mean(e), NAN, tf.float32)
    assert_value(tf.reduce_mean(tf.zeros([0], tf.int32)), 0, tf.int32)
    for dt in (tf.float16, tf.float32, tf.float64):
        assert_value(tf.reduce_max(tf.zeros([0], dt)), -np.inf, dt)
        assert_value(tf.reduce_min(tf.zeros([0], dt)), np.inf, dt)
    assert_value(tf.reduce_max(tf.zeros([0], tf.int32)), -2147483648, tf.int32)
    assert_value(tf.reduce_max(tf.zeros([0], tf.int64)), -9223372036854775808, tf.int64)
    assert_value(tf.reduce_max(tf.zeros([0], tf.uint8)), 0, tf.uint8)
    assert_value(tf.reduce_min(tf.zeros([0], tf.int32)), 2147483647, tf.int32)
    assert_value(tf.reduce_any(tf.zeros([0], tf.bool)), False, tf.bool)
    assert_value(tf.reduce_all(tf.zeros([0], tf.bool)), True, tf.bool)
    assert_value(tf.reduce_logsumexp(e), -np.inf, tf.float32)
    assert_value(tf.math.reduce_std(e), NAN, tf.float32)
    assert_value(tf.math.reduce_variance(e), NAN, tf.float32)
    assert_value(tf.reduce_max(tf.zeros([2, 0]), axis=1), [-np.inf, -np.inf], tf.float32)
    assert tf.reduce_sum(tf.zeros([2, 0]), axis=0).shape == (0,)


@behaviour("OP-02")
def test_OP02_argmax_argmin(tf):
    assert_value(tf.argmax([1, 3, 3, 2]), 1, tf.int64)
    assert_value(tf.argmin([2, 1, 1, 5]), 1, tf.int64)
    assert_value(tf.argmax([1, 3], output_type=tf.int32), 1, tf.int32)
    assert_value(tf.argmax([[1, 5, 5], [7, 7, 0]], axis=1), [1, 0], tf.int64)
    assert_value(tf.argmax([1., NAN, 3.]), 2, tf.int64)
    assert_value(tf.argmin([1., NAN, -3.]), 2, tf.int64)


@behaviour("OP-03")
def test_OP03_sort_argsort(tf):
    assert_value(tf.sort([[3, 1], [0, 2]]), [[1, 3], [0, 2]], tf.int32)
    assert_value(tf.sort([[3, 1], [0, 2]], direction="DESCENDING"), [[3, 1], [2, 0]], tf.int32)
    with raises(ValueError, "Argument `direction` should be one of ASCENDING, DESCENDING. Received: direction=down"):
        tf.sort([1, 2], direction="down")
    keys = [2, 1, 2, 1, 2]
    for stable in (False, True):
        assert_value(tf.argsort(keys, stable=stable), [1, 3, 0, 2, 4], tf.int32)
        assert_value(tf.argsort(keys, direction="DESCENDING", stable=stable), [0, 2, 4, 1, 3], tf.int32)
    assert_value(tf.sort([3., NAN, 1.]), [1., 3., NAN], tf.float32)


@behaviour("OP-04")
def test_OP04_top_k(tf):
    r = tf.math.top_k([[1., 5.], [4., 2.]], k=1)
    assert type(r).__name__ == "TopKV2" and r._fields == ("values", "indices")
    assert r.values.shape == (2, 1) and r.indices.dtype == tf.int32
    assert_value(r.indices, [[1], [0]], tf.int32)
    r = tf.math.top_k([1, 3, 3, 2, 3], k=2)
    assert_value(r.values, [3, 3], tf.int32)
    assert_value(r.indices, [1, 2], tf.int32)
    r = tf.math.top_k([1., NAN, 3.], k=2)
    assert_value(r.values, [NAN, 3.], tf.float32)
    assert_value(r.indices, [1, 2], tf.int32)
    with raises(tf.errors.InvalidArgumentError, "input must have at least k columns. Had 2, needed 3"):
        tf.math.top_k([1., 2.], k=3)


@behaviour("OP-05")
def test_OP05_unique_first_occurrence(tf):
    u = tf.unique([3, 1, 3, 2, 1])
    assert type(u).__name__ == "Unique" and repr(u).startswith("Unique(y=")
    assert_value(u.y, [3, 1, 2], tf.int32)
    assert_value(u.idx, [0, 1, 0, 2, 1], tf.int32)
    assert_value(tf.unique([3, 1, 3], out_idx=tf.int64).idx, [0, 1, 0], tf.int64)
    c = tf.unique_with_counts([3, 1, 3, 2, 1])
    assert_value(c.count, [2, 2, 1], tf.int32)
    assert_value(tf.unique(["b", "a", "b"]).y, [b"b", b"a"])
    with raises(tf.errors.InvalidArgumentError, "unique expects a 1D vector."):
        tf.unique([[1, 2]])


@behaviour("OP-15")
def test_OP15_matmul_dtypes_and_shapes(tf):
    assert_value(tf.matmul([[1, 2]], [[3], [4]]), [[11]], tf.int32)
    assert_value(tf.matmul(tf.constant([[1, 2]], tf.int64), tf.constant([[3], [4]], tf.int64)), [[11]], tf.int64)
    assert_value(tf.matmul(tf.constant([[2 ** 30]]), tf.constant([[4]])), [[0]], tf.int32)
    allowed = ("bfloat16, half, float, double, int32, int64, uint8, uint16, uint32, uint64, complex64, complex128")
    with raises(tf.errors.InvalidArgumentError, f"Value for attr 'T' of int8 is not in the list of allowed values: "
                                                f"{allowed}"):
        tf.matmul(tf.constant([[1]], tf.int8), tf.constant([[1]], tf.int8))
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'T' of bool is not in the list of allowed values"):
        tf.matmul(tf.constant([[True]]), tf.constant([[True]]))
    with raises(tf.errors.NotFoundError, "Could not find device for node: {{node MatMul}} = MatMul[T=DT_UINT8"):
        tf.matmul(tf.constant([[1]], tf.uint8), tf.constant([[1]], tf.uint8))
    assert tf.matmul(tf.ones([2, 1, 2, 3]), tf.ones([5, 3, 4])).shape == (2, 5, 2, 4)
    with raises(tf.errors.InvalidArgumentError,
                "In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. [3,3,4]"):
        tf.matmul(tf.ones([2, 2, 3]), tf.ones([3, 3, 4]))
    with raises(tf.errors.InvalidArgumentError, "input #1(zero-based) was expected to be a float tensor but is a "
                                                "double tensor"):
        tf.matmul(tf.ones([1, 1]), tf.ones([1, 1], tf.float64))
    assert_value(tf.matmul([[1., 2.]], [[3., 4.]], transpose_a=True), [[3., 4.], [6., 8.]], tf.float32)


@behaviour("OP-23")
def test_OP23_clip_by_norm(tf):
    assert_value(tf.clip_by_norm([3., 4.], 1.), [0.6, 0.8], tf.float32)
    assert_value(tf.clip_by_norm([0.3, 0.4], 1.), [0.3, 0.4], tf.float32)
    assert_value(tf.clip_by_norm([[3., 4.], [0.3, 0.4]], 1., axes=[1]), [[0.6, 0.8], [0.3, 0.4]], tf.float32)
    assert_value(tf.clip_by_norm([[3., 4.], [0., 0.]], 1.), [[0.6, 0.8], [0., 0.]], tf.float32)
    assert_value(tf.clip_by_norm([0., 0.], 1.), [0., 0.], tf.float32)
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'T' of int32 is not in the list of allowed values"):
        tf.clip_by_norm([3, 4], 1)


@behaviour("OP-24")
def test_OP24_other_clipping(tf):
    clipped, norm = tf.clip_by_global_norm([tf.constant([3., 0.]), tf.constant([0., 4.])], 1.)
    assert isinstance(clipped, list)
    assert_value(clipped[0], [0.6, 0.], tf.float32)
    assert_value(clipped[1], [0., 0.8], tf.float32)
    assert_value(norm, 5.0, tf.float32)
    clipped, norm = tf.clip_by_global_norm([tf.constant([3., 0.]), None], 1.)
    assert clipped[1] is None
    assert_value(clipped[0], [1., 0.], tf.float32)
    assert_value(norm, 3.0, tf.float32)
    assert_value(tf.linalg.global_norm([tf.constant([3., 0.]), tf.constant([0., 4.])]), 5.0, tf.float32)
    assert_value(tf.clip_by_value([-2., 0.5, 3.], 1., 0.), [1., 1., 1.], tf.float32)


@behaviour("OP-25")
def test_OP25_sorted_segment_ops(tf):
    assert_value(tf.math.segment_sum([1., 2., 3., 4.], [0, 0, 1, 1]), [3., 7.], tf.float32)
    assert_value(tf.math.segment_sum([1., 2., 3., 4.], [0, 0, 2, 2]), [3., 0., 7.], tf.float32)
    assert_value(tf.math.segment_max([1., 2., 3., 4.], [0, 0, 2, 2]), [2., 0., 4.], tf.float32)
    assert_value(tf.math.segment_sum([[1, 2], [3, 4], [5, 6]], [0, 0, 1]), [[4, 6], [5, 6]], tf.int32)
    assert_value(tf.math.segment_mean([1., 2., 3., 4.], [0, 0, 0, 1]), [2., 4.], tf.float32)
    with raises(tf.errors.InvalidArgumentError, "segment ids are not increasing"):
        tf.math.segment_sum([1., 2., 3.], [1, 0, 1])
    with raises(tf.errors.InvalidArgumentError, "Segment id -1 out of range [0, 1), possibly because "
                                                "'segment_ids' input is not sorted."):
        tf.math.segment_sum([1., 2., 3., 4.], [-1, 0, 0, 0])
    with raises(tf.errors.InvalidArgumentError, "segment_ids should be the same size as dimension 0 of input."):
        tf.math.segment_sum([1., 2., 3., 4.], [0, 0, 0])


@behaviour("OP-26")
def test_OP26_unsorted_segment_ops(tf):
    assert_value(tf.math.unsorted_segment_sum([1., 2., 3., 4.], [1, 0, 1, 3], 4), [2., 4., 0., 4.], tf.float32)
    assert_value(tf.math.unsorted_segment_sum([1., 2., 3.], [0, -1, 1], 2), [1., 3.], tf.float32)
    with raises(tf.errors.InvalidArgumentError, "segment_ids[1] = 5 is out of range [0, 2)"):
        tf.math.unsorted_segment_sum([1., 2., 3.], [0, 5, 1], 2)
    assert_value(tf.math.unsorted_segment_max([1., 2.], [0, 0], 2), [2., -3.4028235e+38], tf.float32)
    assert_value(tf.math.unsorted_segment_min([1, 2], [0, 0], 2), [1, 2147483647], tf.int32)
    assert_value(tf.math.unsorted_segment_prod([2., 3.], [0, 0], 2), [6., 1.], tf.float32)
    assert_value(tf.math.unsorted_segment_mean([1., 2.], [0, 0], 2), [1.5, 0.], tf.float32)
    assert_value(tf.math.unsorted_segment_sqrt_n([1., 1., 1., 1.], [0, 0, 0, 0], 1), [2.], tf.float32)
