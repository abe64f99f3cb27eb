"""Accuracy metrics (Accuracy, Binary/Categorical/SparseCategorical, TopK) and their per-sample functions."""
import tfcompat as tf

from ..losses import _tensor, squeeze_or_expand_to_same_rank
from .base import MeanMetricWrapper


def accuracy(y_true, y_pred):
    y_pred = _tensor(y_pred)
    y_true, y_pred = squeeze_or_expand_to_same_rank(_tensor(y_true, y_pred.dtype), y_pred)
    return tf.cast(tf.equal(y_true, y_pred), tf.float32)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    y_pred, y_true = _tensor(y_pred), _tensor(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    y_pred = tf.cast(y_pred > tf.cast(threshold, y_pred.dtype), y_true.dtype)
    return tf.cast(tf.equal(y_true, y_pred), tf.float32)


def _matches(y_true, y_pred, reshape_to=None):
    """1.0 where the argmax of y_pred equals the label y_true (first index on ties)."""
    pred = tf.argmax(y_pred, axis=-1)
    if pred.dtype != y_true.dtype:
        pred = tf.cast(pred, y_true.dtype)
    matches = tf.cast(tf.equal(y_true, pred), tf.float32)
    return matches if reshape_to is None else tf.reshape(matches, reshape_to)


def categorical_accuracy(y_true, y_pred):
    y_pred = _tensor(y_pred)
    y_true = tf.cast(tf.argmax(_tensor(y_true), axis=-1), y_pred.dtype)
    if len(y_true.shape) == len(y_pred.shape):
        shape = tf.shape(y_true)
        return _matches(tf.squeeze(y_true, -1), y_pred, shape)
    return _matches(y_true, y_pred)


def sparse_categorical_accuracy(y_true, y_pred):
    y_pred = _tensor(y_pred)
    y_true = _tensor(y_true, y_pred.dtype)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        matches = _matches(tf.squeeze(y_true, -1), y_pred, tf.shape(y_true))
    else:
        matches = _matches(y_true, y_pred)
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = tf.squeeze(matches, -1)
    return matches


def _in_top_k(y_true, y_pred, k):
    shape = tf.shape(y_true)
    if len(y_pred.shape) > 2:
        y_pred = tf.reshape(y_pred, [-1, y_pred.shape[-1]])
    flat = tf.reshape(y_true, [-1]) if len(y_true.shape) > 1 else y_true
    matches = tf.cast(tf.math.in_top_k(tf.cast(flat, tf.int32), y_pred, k), tf.float32)
    return tf.reshape(matches, shape) if len(y_true.shape) > 1 else matches


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    y_pred = _tensor(y_pred)
    return _in_top_k(tf.argmax(_tensor(y_true, y_pred.dtype), axis=-1), y_pred, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    y_pred = _tensor(y_pred)
    if from_sorted_ids:
        y_true = _tensor(y_true, y_pred.dtype)
        flat = tf.reshape(y_true, [-1])
        hit = tf.reduce_any(tf.equal(tf.expand_dims(flat, 1), tf.reshape(y_pred, [-1, y_pred.shape[-1]])[:, :k]),
                            axis=1)
        return tf.reshape(tf.cast(hit, tf.float32), tf.shape(y_true))
    return _in_top_k(_tensor(y_true, tf.int32), y_pred, k)


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels."""

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(fn=accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class BinaryAccuracy(MeanMetricWrapper):
    """How often `y_pred > threshold` equals the binary label."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(fn=binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self.threshold = threshold

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "threshold": self.threshold}


class CategoricalAccuracy(MeanMetricWrapper):
    """How often the argmax of y_pred equals the argmax of the one-hot label."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(fn=categorical_accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often the argmax of y_pred equals the integer label."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(fn=sparse_categorical_accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the one-hot label is among the top `k` predictions."""

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(fn=top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self.k = k

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "k": self.k}


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer label is among the top `k` predictions."""

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None, from_sorted_ids=False):
        super().__init__(fn=sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)
        self.k = k
        self.from_sorted_ids = from_sorted_ids

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype, "k": self.k}
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config
