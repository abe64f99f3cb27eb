"""Conformance: ragged tensors (RG), property-based on generated row partitions. Catalogue section E."""
import numpy as np
import pytest
from hypothesis import given, settings

from .helpers import PROPERTY, assert_value, np_of, raises
from .strategies import row_partitions

behaviour = pytest.mark.behaviour


@behaviour("RG-04", "RG-19")
@settings(**PROPERTY)
@given(p=row_partitions())
def test_RG04_RG19_row_partition_encodings_agree(tf, p):
    values = tf.range(p.nvals)
    rt = tf.RaggedTensor.from_row_splits(values, p.row_splits, validate=True)
    want = [list(range(a, b)) for a, b in zip(p.row_splits[:-1], p.row_splits[1:])]
    assert rt.to_list() == want
    assert tf.RaggedTensor.from_row_lengths(values, p.row_lengths).to_list() == want
    assert tf.RaggedTensor.from_value_rowids(values, p.value_rowids, nrows=p.nrows).to_list() == want
    assert_value(rt.row_lengths(), p.row_lengths, tf.int64)
    assert_value(rt.value_rowids(), p.value_rowids, tf.int64)
    assert_value(rt.nrows(), np.int64(p.nrows), tf.int64)


# ---- catalogue behaviours RG-01..RG-30 on the guide's example tensors ----------------------------------------
def _digits(tf):
    return tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])


def _words(tf):
    return tf.ragged.constant([["So", "long"], ["thanks", "for", "all", "the", "fish"]])


@behaviour("RG-01")
def test_RG01_printing(tf):
    d = _digits(tf)
    assert repr(d) == str(d) == "<tf.RaggedTensor [[3, 1, 4, 1], [], [5, 9, 2], [6], []]>"
    assert str(_words(tf)).startswith("<tf.RaggedTensor [[b'So', b'long'], [b'thanks'")
    assert repr(tf.ragged.constant([[1, 2], [3, 4]])) == "<tf.RaggedTensor [[1, 2],\n [3, 4]]>"
    assert repr(tf.ragged.constant([[1.5], [2.0]])) == "<tf.RaggedTensor [[1.5],\n [2.0]]>"
    assert "\n" in repr(tf.ragged.constant([list(range(30))] + [[1]] * 20))


@behaviour("RG-02", "RG-03")
def test_RG02_RG03_type_and_shape(tf):
    d = _digits(tf)
    assert type(d).__name__ == "RaggedTensor" and not isinstance(d, tf.Tensor) and tf.is_tensor(d)
    assert d.shape.as_list() == [5, None] and d.ragged_rank == 1 and not hasattr(d, "ndim")


@behaviour("RG-04", "RG-05")
def test_RG04_RG05_partition_accessors(tf):
    d = _digits(tf)
    assert_value(d.row_splits, [0, 4, 4, 7, 8, 8], tf.int64)
    assert_value(d.row_lengths(), [4, 0, 3, 1, 0], tf.int64)
    assert_value(d.value_rowids(), [0, 0, 0, 0, 2, 2, 2, 3], tf.int64)
    assert_value(d.nrows(), np.int64(5), tf.int64)
    assert_value(d.bounding_shape(), [5, 4], tf.int64)
    assert_value(d.row_starts(), [0, 4, 4, 7, 8]) and assert_value(d.row_limits(), [4, 4, 7, 8, 8])
    assert d.values.dtype == d.flat_values.dtype == tf.int32
    assert tf.ragged.constant([[1], []], row_splits_dtype=tf.int32).row_splits.dtype == tf.int32
    rt = tf.RaggedTensor.from_row_splits([1, 2], tf.constant([0, 1, 2], tf.int32))
    assert rt.row_splits.dtype == tf.int32


@behaviour("RG-06")
def test_RG06_scalar_arithmetic(tf):
    d = _digits(tf)
    want = [[6, 4, 7, 4], [], [8, 12, 5], [9], []]
    assert (d + 3).to_list() == want and tf.add(d, 3).to_list() == want
    with raises(tf.errors.InvalidArgumentError, "cannot compute Mul", "expected to be a int32 tensor"):
        d * 2.0
    x = tf.ragged.constant([[7, -7], [3]])
    q = x / 2
    assert q.to_list() == [[3.5, -3.5], [1.5]] and q.dtype == tf.float64
    assert (x // 2).to_list() == [[3, -4], [1]]


@behaviour("RG-07")
def test_RG07_broadcasting(tf):
    x = tf.ragged.constant([[1, 2], [3], [4, 5, 6]])
    assert (x + x).to_list() == [[2, 4], [6], [8, 10, 12]]
    with raises(tf.errors.InvalidArgumentError, "Condition x == y did not hold."):
        x + tf.ragged.constant([[1], [2, 3], [4, 5, 6]])
    assert (x + tf.constant([[1000], [2000], [3000]])).to_list() == [[1001, 1002], [2003], [3004, 3005, 3006]]
    with pytest.raises(tf.errors.InvalidArgumentError):
        x + tf.ones([3, 4], tf.int32)


@behaviour("RG-08")
def test_RG08_reduce_mean(tf):
    m = tf.reduce_mean(_digits(tf), axis=1)
    assert_value(m, [2.25, np.nan, 16 / 3, 6.0, np.nan], tf.float64)
    f = tf.reduce_mean(tf.ragged.constant([[1.0, 2.0], []]), axis=1)
    assert_value(f, [1.5, np.nan], tf.float32)


@behaviour("RG-09")
def test_RG09_reductions(tf):
    d = _digits(tf)
    assert_value(tf.reduce_sum(d, axis=1), [9, 0, 16, 6, 0], tf.int32)
    assert_value(tf.reduce_max(d, axis=1), [4, -2147483648, 9, 6, -2147483648], tf.int32)
    low = np.float32(-3.4028235e38)
    assert_value(tf.reduce_max(tf.cast(d, tf.float32), axis=1), [4, low, 9, 6, low], tf.float32)
    assert_value(tf.reduce_min(tf.cast(d, tf.float32), axis=1), [1, -low, 2, 6, -low], tf.float32)
    assert_value(tf.reduce_prod(d, axis=1), [12, 1, 90, 6, 1], tf.int32)
    assert_value(tf.reduce_sum(d, axis=0), [14, 10, 6, 1], tf.int32)
    assert_value(tf.reduce_sum(d), np.int32(31), tf.int32)
    assert_value(tf.reduce_mean(tf.ragged.constant([[1, 2], [3]]), axis=0), [2.0, 2.0])
    assert_value(tf.reduce_any(d > 3, axis=1), [True, False, True, True, False])
    assert_value(tf.reduce_all(d > 3, axis=1), [False, True, False, True, True])


@behaviour("RG-10")
def test_RG10_concat(tf):
    d = _digits(tf)
    assert tf.concat([d, [[5, 3]]], axis=0).to_list() == [[3, 1, 4, 1], [], [5, 9, 2], [6], [], [5, 3]]
    x = tf.ragged.constant([["John"], ["a", "big", "dog"]])
    y = tf.ragged.constant([["fell", "asleep"], ["barked"]])
    assert tf.concat([x, y], axis=1).to_list() == [[b"John", b"fell", b"asleep"], [b"a", b"big", b"dog", b"barked"]]


@behaviour("RG-11")
def test_RG11_tile(tf):
    assert tf.tile(_digits(tf), [1, 2]).to_list() == [[3, 1, 4, 1, 3, 1, 4, 1], [], [5, 9, 2, 5, 9, 2], [6, 6], []]


@behaviour("RG-12")
def test_RG12_substr(tf):
    out = tf.strings.substr(_words(tf), 0, 2)
    assert out.to_list() == [[b"So", b"lo"], [b"th", b"fo", b"al", b"th", b"fi"]]


@behaviour("RG-13")
def test_RG13_map_fn(tf):
    d = _digits(tf)
    sq = tf.map_fn(tf.math.square, d)
    assert type(sq).__name__ == "RaggedTensor" and sq.to_list() == [[9, 1, 16, 1], [], [25, 81, 4], [36], []]
    with raises(tf.errors.InvalidArgumentError, "Ragged values must have rank >= 1"):
        tf.map_fn(tf.reduce_sum, d)
    assert_value(tf.map_fn(tf.reduce_sum, d, fn_output_signature=tf.int32), [9, 0, 16, 6, 0], tf.int32)
    spec = tf.RaggedTensorSpec(shape=[None], dtype=tf.int32, ragged_rank=0)
    out = tf.map_fn(lambda r: r * 2, d, fn_output_signature=tf.RaggedTensorSpec(shape=[None], dtype=tf.int32))
    assert out.to_list() == [[6, 2, 8, 2], [], [10, 18, 4], [12], []] and spec.dtype == tf.int32


@behaviour("RG-14")
def test_RG14_map_flat_values(tf):
    out = tf.ragged.map_flat_values(lambda x: x * 2 + 1, _digits(tf))
    assert out.to_list() == [[7, 3, 9, 3], [], [11, 19, 5], [13], []]


@behaviour("RG-15")
def test_RG15_to_list_numpy(tf):
    d = _digits(tf)
    lst = d.to_list()
    assert lst == [[3, 1, 4, 1], [], [5, 9, 2], [6], []] and type(lst[0][0]) is int
    a = d.numpy()
    assert a.dtype == object and a.shape == (5,) and a[0].dtype == np.int32
    np.testing.assert_array_equal(a[2], [5, 9, 2])


@behaviour("RG-16")
def test_RG16_indexing(tf):
    d = _digits(tf)
    assert_value(d[0], [3, 1, 4, 1], tf.int32)
    assert d[1].shape.as_list() == [0]
    assert d[:, :2].to_list() == [[3, 1], [], [5, 9], [6], []]
    assert d[:, -2:].to_list() == [[4, 1], [], [9, 2], [6], []]
    assert_value(d[0, 1], np.int32(1))
    with raises(ValueError, "Cannot index into an inner ragged dimension."):
        d[:, 1]
    with raises(IndexError, "Row key 10 out of bounds"):
        d[10]


@behaviour("RG-17")
def test_RG17_to_tensor(tf):
    d = _digits(tf)
    assert_value(d.to_tensor(), [[3, 1, 4, 1], [0, 0, 0, 0], [5, 9, 2, 0], [6, 0, 0, 0], [0, 0, 0, 0]], tf.int32)
    assert np_of(d.to_tensor(default_value=-1))[1].tolist() == [-1, -1, -1, -1]
    assert d.to_tensor(shape=[None, 10]).shape.as_list() == [5, 10]
    assert_value(d.to_tensor(shape=[2, 2]), [[3, 1], [0, 0]])


@behaviour("RG-18")
def test_RG18_from_tensor(tf):
    x = tf.constant([[1, 3, -1, -1], [2, -1, -1, -1], [4, 5, 8, 9]])
    assert tf.RaggedTensor.from_tensor(x, padding=-1).to_list() == [[1, 3], [2], [4, 5, 8, 9]]
    y = tf.constant([[1, 2, 3], [4, 5, 6]])
    assert tf.RaggedTensor.from_tensor(y, lengths=[1, 2]).to_list() == [[1], [4, 5]]


@behaviour("RG-19")
def test_RG19_factories(tf):
    want = [[3, 1, 4, 1], [], [5, 9], [2]]
    v = [3, 1, 4, 1, 5, 9, 2]
    assert tf.RaggedTensor.from_value_rowids(v, [0, 0, 0, 0, 2, 2, 3]).to_list() == want
    assert tf.RaggedTensor.from_row_lengths(v, [4, 0, 2, 1]).to_list() == want
    assert tf.RaggedTensor.from_row_splits(v, [0, 4, 4, 6, 7]).to_list() == want


@behaviour("RG-20")
def test_RG20_validation(tf):
    IAE = tf.errors.InvalidArgumentError
    with raises(IAE, "Arguments to from_row_splits do not form a valid RaggedTensor:zero"):
        tf.RaggedTensor.from_row_splits([1, 2, 3], [1, 3])
    with raises(IAE, "Arguments to _from_row_partition do not form a valid RaggedTensor"):
        tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2])
    with raises(IAE, "valid RaggedTensor:monotonic"):
        tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2, 1, 3])
    with raises(ValueError, "row_splits tensor may not be empty."):
        tf.RaggedTensor.from_row_splits([1, 2, 3], [])
    with raises(IAE):
        tf.RaggedTensor.from_row_lengths([1, 2, 3], [1, 1])
    with raises(IAE, "Arguments to from_value_rowids do not form a valid RowPartition."):
        tf.RaggedTensor.from_value_rowids([1, 2, 3], [1, 0, 0])
    rt = tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2], validate=False)
    assert type(rt).__name__ == "RaggedTensor"


@behaviour("RG-21")
def test_RG21_constant_errors(tf):
    with raises(ValueError, "Can't convert Python sequence with mixed types to Tensor."):
        tf.ragged.constant([["one", "two"], [3, 4]])
    with raises(ValueError, "all scalar values must have the same nesting depth"):
        tf.ragged.constant(["A", ["B", "C"]])


@behaviour("RG-22")
def test_RG22_rank3(tf):
    rt = tf.ragged.constant([[[1, 2], [3]], [[4, 5]]])
    assert rt.shape.as_list() == [2, None, None] and rt.ragged_rank == 2
    u = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
    assert u.shape.as_list() == [2, None, 2] and u.flat_values.shape.as_list() == [3, 2]
    assert rt.to_list() == [[[1, 2], [3]], [[4, 5]]]


@behaviour("RG-23")
def test_RG23_constant_dense(tf):
    e = tf.ragged.constant([])
    assert isinstance(e, tf.Tensor) and e.dtype == tf.float32 and e.shape.as_list() == [0]
    r = tf.ragged.constant([[1, 2], [3, 4]])
    assert type(r).__name__ == "RaggedTensor" and r.shape.as_list() == [2, None]


@behaviour("RG-24")
def test_RG24_shape(tf):
    s = tf.shape(tf.ragged.constant([[1], [2, 3, 4], [], [5, 6]]))
    assert str(s) == "<DynamicRaggedShape lengths=[4, (1, 3, 0, 2)] num_row_partitions=1>"
    assert_value(s[0], np.int32(4), tf.int32)
    with raises(ValueError, "Index 1 is not uniform"):
        s[1]


@behaviour("RG-25")
def test_RG25_python_protocol(tf):
    d = _digits(tf)
    eq = d == d
    assert type(eq).__name__ == "RaggedTensor" and eq.dtype == tf.bool
    with raises(TypeError, "RaggedTensor may not be used as a boolean."):
        bool(d)
    with raises(TypeError, "object of type 'RaggedTensor' has no len()"):
        len(d)
    rows = list(d)
    assert len(rows) == 5 and isinstance(rows[0], tf.Tensor)
    with raises(TypeError, "RaggedTensor is unhashable."):
        hash(d)
    assert (-d).to_list()[0] == [-3, -1, -4, -1] and abs(-d).to_list() == d.to_list()


@behaviour("RG-26")
def test_RG26_sparse(tf):
    st = _digits(tf).to_sparse()
    assert st.indices.dtype == tf.int64
    sp = tf.SparseTensor(indices=[[0, 0], [2, 0], [2, 1]], values=["a", "b", "c"], dense_shape=[3, 2])
    assert tf.RaggedTensor.from_sparse(sp).to_list() == [[b"a"], [], [b"b", b"c"]]


@behaviour("RG-27")
def test_RG27_nested(tf):
    rt = tf.RaggedTensor.from_nested_row_splits(tf.range(10, 20), ([0, 1, 1, 5], [0, 3, 3, 5, 9, 10]))
    assert rt.to_list() == [[[10, 11, 12]], [], [[], [13, 14], [15, 16, 17, 18], [19]]]
    inner = tf.RaggedTensor.from_row_splits([1, 2, 3, 4, 5], [0, 2, 3, 3, 5])
    u = tf.RaggedTensor.from_uniform_row_length(inner, 2)
    assert u.shape.as_list() == [2, 2, None] and u.ragged_rank == 2


@behaviour("RG-28")
def test_RG28_helpers(tf):
    d = _digits(tf)
    assert d.with_values(d.values * 2).to_list()[0] == [6, 2, 8, 2]
    assert d.with_flat_values(tf.cast(d.flat_values, tf.float32)).dtype == tf.float32
    assert_value(tf.ragged.constant([[1, 2], [3]]).merge_dims(0, 1), [1, 2, 3])
    assert tf.ragged.range([3, 0, 2]).to_list() == [[0, 1, 2], [], [0, 1]]
    assert type(tf.strings.split(["a b", "c"])).__name__ == "RaggedTensor"
    assert isinstance(tf.strings.split("a b"), tf.Tensor)
    assert tf.stack([d, d]).shape.as_list() == [2, None, None]
    assert tf.reverse(d, [0]).to_list()[0] == []
    assert tf.where(d > 3, d, -d).to_list()[0] == [-3, -1, 4, -1]
    assert tf.cast(d, tf.float32).dtype == tf.float32
    assert tf.gather(d, [2, 0]).to_list() == [[5, 9, 2], [3, 1, 4, 1]]
    assert tf.expand_dims(d, 0).shape.as_list() == [1, 5, None]


@behaviour("RG-29")
def test_RG29_unsupported(tf):
    with pytest.raises(ValueError):
        tf.argmax(_digits(tf), axis=1)
    with raises(TypeError, "unexpected keyword argument 'row_splits'"):
        tf.RaggedTensor(values=[1, 2], row_splits=[0, 2])


@behaviour("RG-30")
def test_RG30_in_tf_function(tf):
    @tf.function
    def make_palindrome(x):
        return tf.concat([x, tf.reverse(x, [1])], axis=1)

    rt = tf.ragged.constant([[1, 2], [3], [4, 5, 6]])
    assert make_palindrome(rt).to_list() == [[1, 2, 2, 1], [3, 3], [4, 5, 6, 6, 5, 4]]

    @tf.function(input_signature=[tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32)])
    def max_per_row(x):
        return tf.reduce_max(x, axis=-1)

    assert_value(max_per_row(rt), [2, 3, 6], tf.int32)
