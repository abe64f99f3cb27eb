"""Conformance: array ops (catalogue area OP): gather errors and batch_dims (OP-06), one_hot (OP-07), split
(OP-17), tile and repeat (OP-18), pad (OP-19), one- and three-argument where (OP-20, OP-21), boolean_mask (OP-22)."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, raises

behaviour = pytest.mark.behaviour


# ---------------------------------------------------------------- OP-06 gather errors, batch_dims
@behaviour("OP-06")
def test_OP06_gather_out_of_range(tf):
    x = tf.constant([[1, 2, 3], [4, 5, 6]])
    with raises(tf.errors.InvalidArgumentError, "indices[0] = 2 is not in [0, 2)"):
        tf.gather(x, [2])
    with raises(tf.errors.InvalidArgumentError, "indices[0,1] = 5 is not in [0, 3)"):
        tf.gather(x, [[0, 5]], axis=1)


@behaviour("OP-06")
def test_OP06_gather_nd_out_of_range(tf):
    with raises(tf.errors.InvalidArgumentError,
                "indices[0] = [2, 0] does not index into param shape [2,2], node name: GatherNd"):
        tf.gather_nd(tf.constant([[1, 2], [3, 4]]), [[2, 0]])


@behaviour("OP-06")
def test_OP06_gather_batch_dims(tf):
    x = tf.constant([[1, 2, 3], [4, 5, 6]])
    assert_value(tf.gather(x, [[2, 0], [1, 1]], batch_dims=1), [[3, 1], [5, 5]], tf.int32)
    assert_value(tf.gather(x, [[2, 0], [1, 1]], batch_dims=-1), [[3, 1], [5, 5]], tf.int32)


@behaviour("OP-06")
@settings(**PROPERTY)
@given(b=st.integers(1, 3), n=st.integers(1, 4), k=st.integers(0, 3), seed=st.integers(0, 2**16))
def test_OP06_gather_batch_dims_is_per_row_gather(tf, b, n, k, seed):
    rs = np.random.RandomState(seed)
    params = rs.randint(-9, 9, (b, n, 2)).astype(np.int32)
    idx = rs.randint(0, n, (b, k)).astype(np.int32)
    expected = np.take_along_axis(params, idx[:, :, None], axis=1)
    assert_value(tf.gather(params, idx, axis=1, batch_dims=1), expected, tf.int32)


# ---------------------------------------------------------------- OP-07 one_hot
@behaviour("OP-07")
def test_OP07_on_off_values_fix_the_dtype(tf):
    assert_value(tf.one_hot([0, 2], 3, 5, -1), [[5, -1, -1], [-1, -1, 5]], tf.int32)
    with raises(TypeError, "dtype <dtype: 'int32'> of on_value does not match dtype <dtype: 'float32'> of off_value"):
        tf.one_hot([0, 2], 3, 5, -1.0)


@behaviour("OP-07")
def test_OP07_axis_dtype_rank_depth(tf):
    assert_value(tf.one_hot([0, 2], 3, axis=0), [[1, 0], [0, 0], [0, 1]], tf.float32)
    assert_value(tf.one_hot([[0], [1]], 2, dtype=tf.int64), [[[1, 0]], [[0, 1]]], tf.int64)
    assert tuple(tf.one_hot([0], 0).shape) == (1, 0)


@behaviour("OP-07")
def test_OP07_out_of_range_indices_give_zero_rows(tf):
    assert_value(tf.one_hot([-1, 3, 1], 3), [[0, 0, 0], [0, 0, 0], [0, 1, 0]], tf.float32)


@behaviour("OP-07")
def test_OP07_index_dtypes(tf):
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'TI' of float is not in the list of allowed values: "
                                                "uint8, int8, int32, int64"):
        tf.one_hot([0.0], 3)
    assert_value(tf.one_hot(tf.constant([0, 1], tf.int64), 2), [[1, 0], [0, 1]], tf.float32)


# ---------------------------------------------------------------- OP-17 split
@behaviour("OP-17")
def test_OP17_split_returns_a_list(tf):
    parts = tf.split(tf.range(10), 5)
    assert isinstance(parts, list) and len(parts) == 5
    assert_value(parts[1], [2, 3], tf.int32)
    sizes = [int(p.shape[0]) for p in tf.split(tf.range(10), [3, -1, 2])]
    assert sizes == [3, 5, 2]
    assert [int(p.shape[0]) for p in tf.split(tf.range(10), [0, 10])] == [0, 10]


@behaviour("OP-17")
def test_OP17_split_errors(tf):
    x = tf.range(10)
    with raises(tf.errors.InvalidArgumentError, "There can only be one -1 in the input."):
        tf.split(x, [-1, -1, 2])
    with raises(tf.errors.InvalidArgumentError, "Determined shape must either match input shape along split_dim "
                "exactly if fully specified, or be less than the size of the input along split_dim if not fully "
                "specified.  Got: 6"):
        tf.split(x, [3, 3])
    with raises(tf.errors.InvalidArgumentError, "Number of ways to split should evenly divide the split dimension, "
                "but got split_dim 0 (size = 10) and num_split 3"):
        tf.split(x, 3)
    with raises(tf.errors.InvalidArgumentError):
        tf.split(x, [3, 7], num=3)


# ---------------------------------------------------------------- OP-18 tile, repeat
@behaviour("OP-18")
def test_OP18_tile(tf):
    assert_value(tf.tile([[1, 2]], [2, 3]), [[1, 2, 1, 2, 1, 2]] * 2, tf.int32)
    with raises(tf.errors.InvalidArgumentError, "Expected multiples argument to be a vector of length 1 but got "
                                                "length 2"):
        tf.tile([1, 2], [2, 3])


@behaviour("OP-18")
def test_OP18_repeat(tf):
    assert_value(tf.repeat([1, 2], 3), [1, 1, 1, 2, 2, 2], tf.int32)
    assert_value(tf.repeat([1, 2, 3], [1, 0, 2]), [1, 3, 3], tf.int32)
    assert_value(tf.repeat([[1, 2], [3, 4]], 2), [1, 1, 2, 2, 3, 3, 4, 4], tf.int32)
    assert_value(tf.repeat([[1, 2], [3, 4]], 2, axis=0), [[1, 2], [1, 2], [3, 4], [3, 4]], tf.int32)
    assert_value(tf.repeat([[1, 2], [3, 4]], [1, 2], axis=1), [[1, 2, 2], [3, 4, 4]], tf.int32)
    with raises(ValueError, "Dimensions 3 and 2 are not compatible"):
        tf.repeat([1, 2, 3], [1, 2])


@behaviour("OP-18")
@settings(**PROPERTY)
@given(n=st.integers(1, 4), m=st.integers(1, 3), reps=st.lists(st.integers(0, 3), min_size=1, max_size=4))
def test_OP18_tile_and_repeat_match_numpy(tf, n, m, reps):
    x = np.arange(n * m, dtype=np.int32).reshape(n, m)
    assert_value(tf.tile(x, [2, len(reps)]), np.tile(x, (2, len(reps))), tf.int32)
    counts = (reps * m)[:m]
    assert_value(tf.repeat(x, counts, axis=1), np.repeat(x, counts, axis=1), tf.int32)


# ---------------------------------------------------------------- OP-19 pad
X = [[1, 2, 3], [4, 5, 6]]
P = [[1, 1], [2, 2]]


@behaviour("OP-19")
def test_OP19_constant(tf):
    out = tf.pad(X, P)
    assert_value(out, np.pad(X, P), tf.int32)
    assert_value(tf.pad(X, P, constant_values=7), np.pad(X, P, constant_values=7), tf.int32)


@behaviour("OP-19")
def test_OP19_reflect_and_symmetric(tf):
    assert np_of_row(tf.pad(X, P, "REFLECT")) == [6, 5, 4, 5, 6, 5, 4]
    assert np_of_row(tf.pad(X, P, "SYMMETRIC")) == [2, 1, 1, 2, 3, 3, 2]
    assert np_of_row(tf.pad(X, P, "reflect")) == [6, 5, 4, 5, 6, 5, 4]


def np_of_row(t):
    return np.asarray(t.numpy())[0].tolist()


@behaviour("OP-19")
def test_OP19_errors(tf):
    with raises(tf.errors.InvalidArgumentError, "paddings must be less than the dimension size: 2, 0 not less than 2"):
        tf.pad(X, [[2, 0], [0, 0]], "REFLECT")
    with raises(tf.errors.InvalidArgumentError, "paddings must be no greater than the dimension size: 3, 0 greater "
                                                "than 2"):
        tf.pad(X, [[3, 0], [0, 0]], "SYMMETRIC")
    with raises(ValueError, 'Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". '
                            "Received `mode` = EDGE"):
        tf.pad(X, P, "EDGE")
    with raises(tf.errors.InvalidArgumentError, "Paddings must be non-negative: -1 0"):
        tf.pad(X, [[-1, 0], [0, 0]])
    with raises(tf.errors.InvalidArgumentError, "The first dimension of paddings must be the rank of inputs[1,2] "
                                                "[2,3]"):
        tf.pad(X, [[1, 2]])
    with raises(TypeError, "Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.pad(X, P, constant_values=1.5)


@behaviour("OP-19")
@settings(**PROPERTY)
@given(n=st.integers(1, 4), m=st.integers(1, 4), a=st.integers(0, 3), b=st.integers(0, 3),
       mode=st.sampled_from(["CONSTANT", "REFLECT", "SYMMETRIC"]))
def test_OP19_pad_matches_numpy(tf, n, m, a, b, mode):
    x = np.arange(n * m, dtype=np.float32).reshape(n, m)
    limit = {"CONSTANT": 99, "REFLECT": min(n, m) - 1, "SYMMETRIC": min(n, m)}[mode]
    a, b = min(a, limit), min(b, limit)
    expected = np.pad(x, [[a, b], [b, a]], mode.lower() if mode != "CONSTANT" else "constant")
    assert_value(tf.pad(x, [[a, b], [b, a]], mode), expected, tf.float32)


# ---------------------------------------------------------------- OP-20 one-argument where
@behaviour("OP-20")
def test_OP20_coordinates(tf):
    assert_value(tf.where([[True, False], [False, True]]), [[0, 0], [1, 1]], tf.int64)
    assert_value(tf.where([0.0, 0.5, np.nan]), [[1], [2]], tf.int64)
    assert tuple(tf.where([False, False]).shape) == (0, 1)
    with raises(tf.errors.InvalidArgumentError, "WhereOp : Unhandled input dimensions: 0"):
        tf.where(True)


@behaviour("OP-20")
@settings(**PROPERTY)
@given(mask=st.lists(st.lists(st.booleans(), min_size=3, max_size=3), min_size=0, max_size=4))
def test_OP20_where_matches_argwhere(tf, mask):
    m = np.array(mask, bool).reshape(-1, 3)
    assert_value(tf.where(m), np.argwhere(m), tf.int64)


# ---------------------------------------------------------------- OP-21 three-argument where
@behaviour("OP-21")
def test_OP21_select(tf):
    assert_value(tf.where([[True], [False]], [[1, 2]], [[3, 4]]), [[1, 2], [3, 4]], tf.int32)
    with raises(TypeError, "Cannot convert [0.0, 1.0] to EagerTensor of dtype int32"):
        tf.where([True, False], [1, 2], [0.0, 1.0])
    with raises(ValueError, "x and y must both be non-None or both be None."):
        tf.where([True], [1])


# ---------------------------------------------------------------- OP-22 boolean_mask
@behaviour("OP-22")
def test_OP22_boolean_mask(tf):
    assert_value(tf.boolean_mask([1, 2, 3, 4], [True, False, True, False]), [1, 3], tf.int32)
    x = [[1, 2, 3], [4, 5, 6]]
    assert_value(tf.boolean_mask(x, [False, True]), [[4, 5, 6]], tf.int32)
    assert_value(tf.boolean_mask(x, [[True, False, True], [False, True, False]]), [1, 3, 5], tf.int32)
    assert_value(tf.boolean_mask(x, [True, False, True], axis=1), [[1, 3], [4, 6]], tf.int32)
    assert_value(tf.boolean_mask([1, 2, 3], [1, 0, 1]), [1, 3], tf.int32)


@behaviour("OP-22")
def test_OP22_errors_and_empty(tf):
    with raises(ValueError, "Shapes (3,) and (2,) are incompatible"):
        tf.boolean_mask([1, 2, 3], [True, False])
    with raises(ValueError, "mask cannot be scalar."):
        tf.boolean_mask([1, 2, 3], True)
    assert tuple(tf.boolean_mask([[1, 2], [3, 4]], [False, False]).shape) == (0, 2)
