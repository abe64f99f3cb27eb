"""Conformance: tf.nest on generated structures (NS): flatten order, pack_sequence_as round trips, errors.

Structures are nested lists, tuples, dicts and namedtuples (`strategies.nested_structures`) of tensors.
"""
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, raises
from .strategies import nested_structures

behaviour = pytest.mark.behaviour

STRUCTURES = nested_structures(st.integers(-5, 5))


def leaves_in_order(s):
    """TF's leaf order, written out: depth first, dicts by sorted key, sequences in order."""
    if isinstance(s, dict):
        return [x for k in sorted(s) for x in leaves_in_order(s[k])]
    if isinstance(s, (list, tuple)):
        return [x for c in s for x in leaves_in_order(c)]
    return [s]


def assert_same_nest(got, want, same_leaf):
    """`got` has `want`'s container types, dict key order and lengths; `same_leaf(g, w)` holds for leaves."""
    if isinstance(want, (list, tuple, dict)):
        assert type(got) is type(want), f"{type(got).__name__} where {type(want).__name__} was packed"
    if isinstance(want, dict):
        assert list(got) == list(want), f"keys {list(got)} != {list(want)}"
        for k in want:
            assert_same_nest(got[k], want[k], same_leaf)
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same_nest(g, w, same_leaf)
    else:
        assert same_leaf(got, want)


def _tensors(tf, s):
    return tf.nest.map_structure(tf.constant, s)


@behaviour("NS-01")
@settings(**PROPERTY)
@given(s=STRUCTURES)
def test_NS01_flatten_order(tf, s):
    flat = tf.nest.flatten(_tensors(tf, s))
    assert [int(t) for t in flat] == leaves_in_order(s)


@behaviour("NS-02")
@settings(**PROPERTY)
@given(s=STRUCTURES)
def test_NS02_pack_sequence_as_round_trip(tf, s):
    ts = _tensors(tf, s)
    flat = tf.nest.flatten(ts)
    assert_same_nest(tf.nest.pack_sequence_as(s, flat), ts, lambda g, w: g is w)
    doubled = tf.nest.map_structure(lambda t: t * 2, ts)
    assert_same_nest(doubled, s, lambda g, w: int(g) == 2 * w)
    tf.nest.assert_same_structure(doubled, ts)


@behaviour("NS-03")
@settings(**PROPERTY)
@given(s=STRUCTURES, extra=st.sampled_from([-1, 1, 2]))
def test_NS03_pack_sequence_as_wrong_length(tf, s, extra):
    n = len(leaves_in_order(s))
    if n + extra < 0 or not isinstance(s, (list, tuple, dict)):
        return
    with raises(ValueError, f"Could not pack sequence. Structure had {n} atoms, but flat_sequence had "
                            f"{n + extra} items."):
        tf.nest.pack_sequence_as(s, list(range(n + extra)))
