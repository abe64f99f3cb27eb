"""Conformance: sparse tensors (SP), property-based on generated index sets. Catalogue section F."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, later_op
from .strategies import sparse_indices

behaviour = pytest.mark.behaviour


@behaviour("SP-04", "SP-05")
@later_op("tf.sparse")
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
