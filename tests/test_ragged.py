"""Ragged tensors: gradients through ragged ops reach `values` (checked against finite differences)."""
import numpy as np
import pytest

import tfcompat as tf

SPLITS = [0, 3, 3, 5, 6]
VALUES = np.array([0.5, -1.0, 2.0, 1.5, 3.0, -0.5], np.float64)


def _numeric_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in range(x.size):
        d = np.zeros_like(x)
        d[i] = eps
        g[i] = (f(x + d) - f(x - d)) / (2 * eps)
    return g


LOSSES = {
    "reduce_mean_rows": lambda rt: tf.reduce_sum(tf.square(tf.reduce_mean(rt, axis=1)[:1]))
    + tf.reduce_sum(tf.reduce_mean(rt, axis=1)[3:]),
    "reduce_max_rows": lambda rt: tf.reduce_sum(tf.reduce_max(rt, axis=1)[:1]),
    "reduce_sum_cols": lambda rt: tf.reduce_sum(tf.reduce_sum(rt, axis=0) * tf.constant([1.0, 2.0, 3.0], tf.float64)),
    "elementwise": lambda rt: tf.reduce_sum(tf.sin(rt * 2.0 + 1.0)),
    "to_tensor": lambda rt: tf.reduce_sum(tf.square(rt.to_tensor(default_value=1.0))),
    "concat_tile_gather": lambda rt: tf.reduce_sum(tf.square(tf.gather(tf.concat([rt, tf.tile(rt, [1, 2])], 1),
                                                                       [3, 0]).flat_values)),
    "slice_rows": lambda rt: tf.reduce_sum(rt[:, :2].flat_values ** 2),
    "broadcast_dense": lambda rt: tf.reduce_sum(
        (rt * tf.constant([[1.0], [2.0], [3.0], [4.0]], tf.float64)).flat_values ** 2),
}


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_gradient_into_values(name):
    loss_fn = LOSSES[name]

    def loss_of(v):
        return float(loss_fn(tf.RaggedTensor.from_row_splits(tf.constant(v), SPLITS)).numpy())

    values = tf.constant(VALUES)
    with tf.GradientTape() as tape:
        tape.watch(values)
        loss = loss_fn(tf.RaggedTensor.from_row_splits(values, SPLITS))
    grad = tape.gradient(loss, values)
    np.testing.assert_allclose(np.asarray(tf.convert_to_tensor(grad).numpy()), _numeric_grad(loss_of, VALUES), rtol=1e-5, atol=1e-6)


def test_watch_ragged_tensor():
    rt = tf.RaggedTensor.from_row_splits(tf.constant(VALUES), SPLITS)
    with tf.GradientTape() as tape:
        tape.watch(rt)
        loss = tf.reduce_sum(tf.reduce_mean(rt, axis=1)[:1])
    np.testing.assert_allclose(np.asarray(tf.convert_to_tensor(tape.gradient(loss, rt.flat_values)).numpy()), [1 / 3] * 3 + [0] * 3)


def test_reduce_mean_100k_rows_is_vectorised():
    lengths = np.random.default_rng(0).integers(0, 8, 100_000)
    rt = tf.RaggedTensor.from_row_lengths(tf.random.uniform([int(lengths.sum())]), lengths)
    out = tf.reduce_mean(rt, axis=1)
    assert out.shape.as_list() == [100_000]
    assert np.isnan(np.asarray(out.numpy())[lengths == 0]).all()
