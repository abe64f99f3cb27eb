"""Conformance: ragged tensors (RG), property-based on generated row partitions. Catalogue section E."""
import numpy as np
import pytest
from hypothesis import given, settings

from .helpers import PROPERTY, assert_value, later_op
from .strategies import row_partitions

behaviour = pytest.mark.behaviour


@behaviour("RG-04", "RG-19")
@later_op("tf.RaggedTensor")
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
