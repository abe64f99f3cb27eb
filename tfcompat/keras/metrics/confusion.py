"""Confusion-matrix metrics: TruePositives..., Precision, Recall and AUC (Keras 3's bucketing and interpolation).

Counts are accumulated per threshold with strict `y_pred > threshold`. For evenly spaced thresholds (AUC's
default) a prediction is bucketed as Keras 3 does, `ceil(p*(n-1)) - 1`, so boundary values land where they do there.
"""
import enum

import numpy as np

import tfcompat as tf

from ..losses import EPSILON, squeeze_or_expand_to_same_rank
from .base import Metric

NEG_INF = -1e10


class AUCCurve(enum.Enum):
    ROC = "ROC"
    PR = "PR"
    PRGAIN = "PRGAIN"

    @staticmethod
    def from_str(key):
        for c in AUCCurve:
            if key in (c.value, c.value.lower()):
                return c
        raise ValueError(f'Invalid AUC curve value: "{key}". Expected values are ["PR", "ROC", "PRGAIN"]')


class AUCSummationMethod(enum.Enum):
    INTERPOLATION = "interpolation"
    MAJORING = "majoring"
    MINORING = "minoring"

    @staticmethod
    def from_str(key):
        for c in AUCSummationMethod:
            if key in (c.value, c.value.capitalize()):
                return c
        raise ValueError(f'Invalid AUC summation method value: "{key}". '
                         'Expected values are ["interpolation", "majoring", "minoring"]')


def _to_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def parse_thresholds(thresholds, default):
    if thresholds is not None:
        bad = [t for t in _to_list(thresholds) if t is None or t < 0 or t > 1]
        if bad:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {bad}")
    return _to_list(default if thresholds is None else thresholds)


def evenly_distributed(thresholds):
    n = len(thresholds)
    return n >= 3 and np.allclose(thresholds, np.arange(n, dtype=np.float32) / (n - 1), atol=EPSILON)


def _filter_top_k(x, k):
    _, idx = tf.math.top_k(x, k)
    mask = tf.reduce_sum(tf.one_hot(idx, x.shape[-1], axis=-1), axis=-2)
    return x * mask + NEG_INF * (1 - mask)


def update_confusion_variables(variables, y_true, y_pred, thresholds, evenly=False, top_k=None, class_id=None,
                               sample_weight=None, label_weights=None):
    """Adds this batch's per-threshold counts to variables {'tp'|'fp'|'tn'|'fn': Variable} (not multi-label)."""
    dtype = next(iter(variables.values())).dtype
    y_true, y_pred = tf.cast(y_true, dtype), tf.cast(y_pred, dtype)
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = tf.expand_dims(tf.cast(sample_weight, dtype), -1)
        _, sample_weight = squeeze_or_expand_to_same_rank(y_true, sample_weight, expand_rank_1=False)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        if len(y_pred.shape) == 1:
            raise ValueError("When class_id is provided, y_pred must be a 2D array with shape (num_samples, "
                             f"num_classes), found shape: {tuple(y_pred.shape)}")
        y_true, y_pred = y_true[..., class_id:class_id + 1], y_pred[..., class_id:class_id + 1]
    weights = tf.ones_like(y_pred)
    if sample_weight is not None:
        weights = tf.broadcast_to(sample_weight, tf.shape(y_pred))
    if label_weights is not None:
        weights = weights * tf.broadcast_to(tf.expand_dims(tf.cast(label_weights, dtype), 0), tf.shape(y_pred))
    weights = tf.reshape(weights, [1, -1])
    n = len(thresholds)
    if evenly:
        p = tf.reshape(tf.clip_by_value(y_pred, 0.0, 1.0), [1, -1])
        bucket = tf.math.ceil(p * (n - 1)) - 1
        if thresholds[0] < 0.0 or thresholds[-1] > 1.0:
            bucket = tf.nn.relu(bucket)
        pred_pos = tf.cast(bucket, tf.int32) >= tf.reshape(tf.range(n), [n, 1])
    else:
        pred_pos = tf.reshape(y_pred, [1, -1]) > tf.reshape(tf.constant(thresholds, dtype), [n, 1])
    label_pos = tf.reshape(tf.cast(y_true, tf.bool), [1, -1])
    zero = tf.zeros([], dtype)

    def count(label, pred):
        return tf.reduce_sum(tf.where(tf.logical_and(label, pred), weights, zero), axis=1)

    label_neg, pred_neg = tf.logical_not(label_pos), tf.logical_not(pred_pos)
    cells = {"tp": (label_pos, pred_pos), "fp": (label_neg, pred_pos), "tn": (label_neg, pred_neg),
             "fn": (label_pos, pred_neg)}
    for key, var in variables.items():
        var.assign_add(count(*cells[key]))


class _ConfusionCount(Metric):
    """One confusion-matrix cell summed per threshold (default 0.5)."""
    _cell = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = parse_thresholds(thresholds, 0.5)
        self._evenly = evenly_distributed(self.thresholds)
        self.accumulator = self.add_variable((len(self.thresholds),), name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_variables({self._cell: self.accumulator}, y_true, y_pred, self.thresholds, self._evenly,
                                   sample_weight=sample_weight)

    def result(self):
        return self.accumulator[0] if len(self.thresholds) == 1 else tf.identity(self.accumulator)

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


class TruePositives(_ConfusionCount):
    """Weighted count of true positives."""
    _cell = "tp"


class FalsePositives(_ConfusionCount):
    """Weighted count of false positives."""
    _cell = "fp"


class TrueNegatives(_ConfusionCount):
    """Weighted count of true negatives."""
    _cell = "tn"


class FalseNegatives(_ConfusionCount):
    """Weighted count of false negatives."""
    _cell = "fn"


class _PrecisionRecall(Metric):
    """tp / (tp + other) per threshold; 0 when nothing counts."""
    _other = None

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds, self.top_k, self.class_id = thresholds, top_k, class_id
        self.thresholds = parse_thresholds(thresholds, 0.5 if top_k is None else NEG_INF)
        self._evenly = evenly_distributed(self.thresholds)
        n = len(self.thresholds)
        self.true_positives = self.add_variable((n,), name="true_positives")
        other = "false_positives" if self._other == "fp" else "false_negatives"
        setattr(self, other, self.add_variable((n,), name=other))
        self._other_var = getattr(self, other)

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_variables({"tp": self.true_positives, self._other: self._other_var}, y_true, y_pred,
                                   self.thresholds, self._evenly, self.top_k, self.class_id, sample_weight)

    def result(self):
        r = tf.math.divide_no_nan(self.true_positives, self.true_positives + self._other_var)
        return r[0] if len(self.thresholds) == 1 else r

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id}


class Precision(_PrecisionRecall):
    """tp / (tp + fp)."""
    _other = "fp"


class Recall(_PrecisionRecall):
    """tp / (tp + fn)."""
    _other = "fn"


class AUC(Metric):
    """Area under the ROC or PR curve from per-threshold counts (Riemann sum; PR interpolated as Keras 3)."""

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation", name=None, dtype=None,
                 thresholds=None, multi_label=False, num_labels=None, label_weights=None, from_logits=False):
        if multi_label:
            raise NotImplementedError("AUC(multi_label=True) is not implemented yet in tfcompat")
        if num_labels:
            raise ValueError("`num_labels` is needed only when `multi_label` is True.")
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._evenly = evenly_distributed(np.array([0.0] + thresholds + [1.0]))
        else:
            if num_thresholds <= 1:
                raise ValueError(f"Argument `num_thresholds` must be an integer > 1. "
                                 f"Received: num_thresholds={num_thresholds}")
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._evenly = True
        self._thresholds = np.array([0.0 - EPSILON] + thresholds + [1.0 + EPSILON])
        self.curve = curve if isinstance(curve, AUCCurve) else AUCCurve.from_str(curve)
        self.summation_method = summation_method if isinstance(summation_method, AUCSummationMethod) else \
            AUCSummationMethod.from_str(summation_method)
        super().__init__(name=name, dtype=dtype)
        self.multi_label, self.num_labels = multi_label, num_labels
        self.label_weights = None if label_weights is None else tf.constant(label_weights, tf.as_dtype(self._dtype))
        self._from_logits = from_logits
        shape = (self.num_thresholds,)
        self.true_positives = self.add_variable(shape, name="true_positives")
        self.false_positives = self.add_variable(shape, name="false_positives")
        self.true_negatives = self.add_variable(shape, name="true_negatives")
        self.false_negatives = self.add_variable(shape, name="false_negatives")

    @property
    def thresholds(self):
        return list(self._thresholds)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = tf.convert_to_tensor(y_pred)
        if self._from_logits:
            y_pred = tf.sigmoid(y_pred)
        update_confusion_variables({"tp": self.true_positives, "tn": self.true_negatives,
                                    "fp": self.false_positives, "fn": self.false_negatives},
                                   y_true, y_pred, list(self._thresholds), self._evenly,
                                   sample_weight=sample_weight, label_weights=self.label_weights)

    def interpolate_pr_auc(self):
        n = self.num_thresholds
        tp, fp, fn = self.true_positives, self.false_positives, self.false_negatives
        dtp = tp[:n - 1] - tp[1:]
        p = tp + fp
        dp = p[:n - 1] - p[1:]
        prec_slope = tf.math.divide_no_nan(dtp, tf.maximum(dp, 0))
        intercept = tp[1:] - prec_slope * p[1:]
        safe_p_ratio = tf.where(tf.logical_and(p[:n - 1] > 0, p[1:] > 0),
                                tf.math.divide_no_nan(p[:n - 1], tf.maximum(p[1:], 0)), tf.ones_like(p[1:]))
        increment = tf.math.divide_no_nan(prec_slope * (dtp + intercept * tf.math.log(safe_p_ratio)),
                                          tf.maximum(tp[1:] + fn[1:], 0))
        return tf.reduce_sum(increment)

    def result(self):
        if self.curve is AUCCurve.PR and self.summation_method is AUCSummationMethod.INTERPOLATION:
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        tp, fp, tn, fn = self.true_positives, self.false_positives, self.true_negatives, self.false_negatives
        recall = tf.math.divide_no_nan(tp, tp + fn)
        if self.curve is AUCCurve.ROC:
            x, y = tf.math.divide_no_nan(fp, fp + tn), recall
        elif self.curve is AUCCurve.PR:
            x, y = recall, tf.math.divide_no_nan(tp, tp + fp)
        else:
            scale = tf.math.divide_no_nan(tp + fn, tn + fp)
            recall_gain = 1.0 - scale * tf.math.divide_no_nan(fn, tp)
            precision_gain = 1.0 - scale * tf.math.divide_no_nan(fp, tp)
            no_tp = tf.equal(tp, 0.0)
            x = tf.maximum(tf.where(no_tp, tf.zeros_like(tp), recall_gain), 0.0)
            y = tf.where(no_tp, tf.ones_like(tp), precision_gain)
        if self.summation_method is AUCSummationMethod.INTERPOLATION:
            heights = (y[:n - 1] + y[1:]) / 2.0
        elif self.summation_method is AUCSummationMethod.MINORING:
            heights = tf.minimum(y[:n - 1], y[1:])
        else:
            heights = tf.maximum(y[:n - 1], y[1:])
        return tf.reduce_sum((x[:n - 1] - x[1:]) * heights)

    def get_config(self):
        config = {**super().get_config(), "num_thresholds": self.num_thresholds, "curve": self.curve.value,
                  "summation_method": self.summation_method.value, "multi_label": self.multi_label,
                  "num_labels": self.num_labels,
                  "label_weights": None if self.label_weights is None else self.label_weights.numpy().tolist(),
                  "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return config
