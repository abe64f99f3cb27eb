"""Conformance: random ops (OP-27, OP-28; catalogue area OP). tfcompat implements TF's Philox, so
the values TF prints are pinned, next to the replay rules."""
import numpy as np
import pytest

from .helpers import np_of, raises

behaviour = pytest.mark.behaviour


def _close(t, values):
    np.testing.assert_allclose(np_of(t) if hasattr(t, "numpy") else t, values, rtol=1e-6, atol=1e-7)


@behaviour("OP-27")
def test_OP27_global_and_op_seed_sequences(tf):
    tf.random.set_seed(1)
    _close(tf.random.uniform([2]), [0.16513085, 0.9014813])
    _close(tf.random.uniform([2]), [0.51010704, 0.44353175])
    _close(tf.random.uniform([2], seed=5), [0.195606, 0.02986085])
    _close(tf.random.uniform([2], seed=5), [0.28997242, 0.18651283])   # a repeated op seed continues


@behaviour("OP-27")
def test_OP27_set_seed_replays(tf):
    def run():
        tf.random.set_seed(1)
        return np.concatenate([np_of(tf.random.uniform([2])), np_of(tf.random.normal([3], seed=4)),
                               np_of(tf.random.uniform([2], seed=5))])
    np.testing.assert_array_equal(run(), run())


@behaviour("OP-27")
def test_OP27_op_seed_ignores_earlier_ops_unseeded_does_not(tf):
    tf.random.set_seed(1)
    seeded, unseeded = np_of(tf.random.uniform([3], seed=8)), np_of(tf.random.uniform([3]))
    tf.random.set_seed(1)
    tf.random.normal([4])
    tf.random.uniform([2])
    np.testing.assert_array_equal(np_of(tf.random.uniform([3], seed=8)), seeded)
    assert not np.array_equal(np_of(tf.random.uniform([3])), unseeded)


@behaviour("OP-27")
def test_OP27_values_after_set_seed_42(tf):
    tf.random.set_seed(42)
    _close(tf.random.normal([3]), [0.3274685, -0.8426258, 0.3194337])
    tf.random.set_seed(42)
    _close(tf.random.uniform([3]), [0.6645621, 0.44100678, 0.3528825])


@behaviour("OP-28")
def test_OP28_stateless_uniform(tf):
    for _ in range(2):
        _close(tf.random.stateless_uniform([2], seed=[1, 2]), [0.8440604, 0.19204533])
    with raises(tf.errors.InvalidArgumentError, "seed must have shape [2], not []"):
        tf.random.stateless_uniform([2], seed=1)


@behaviour("OP-28")
def test_OP28_generator_sequence_and_restart(tf):
    g = tf.random.Generator.from_seed(1)
    _close(g.normal([2]), [0.43842274, -0.53439844])
    _close(g.normal([2]), [1.6307176, 0.00784778])
    _close(tf.random.Generator.from_seed(1).normal([2]), [0.43842274, -0.53439844])


@behaviour("OP-28")
def test_OP28_random_op_in_tf_function(tf):
    if not hasattr(tf, "function"):
        pytest.skip("tf.function is not part of tfcompat yet")
    f = tf.function(lambda: tf.random.uniform([1]))
    tf.random.set_seed(3)
    first, second = np_of(f()), np_of(f())
    _close(first, [0.12736404])
    _close(second, [0.8580158])
    tf.random.set_seed(3)
    np.testing.assert_array_equal(np_of(f()), first)


@behaviour("OP-28")
def test_OP28_categorical_is_int64(tf):
    assert tf.random.categorical([[0.0, 1.0]], 3).dtype == tf.int64
