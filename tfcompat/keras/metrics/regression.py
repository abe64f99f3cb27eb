"""Metrics that average a loss function per sample: regression errors, RMSE, and the probabilistic/hinge losses."""
import tfcompat as tf

from .. import losses as L
from ..losses import _tensor, squeeze_or_expand_to_same_rank
from .base import Mean, MeanMetricWrapper


def _mean_of(class_name, fn, default_name, doc, params=()):
    """A MeanMetricWrapper subclass over loss function `fn`, its extra arguments `params` (name, default)."""
    def __init__(self, *args, **kwargs):
        names = ["name", "dtype"] + [p for p, _ in params]
        given = dict(zip(names, args))
        given.update(kwargs)
        values = {p: given.pop(p, d) for p, d in params}
        MeanMetricWrapper.__init__(self, fn, name=given.pop("name", default_name), dtype=given.pop("dtype", None),
                                   **values)
        if given:
            raise TypeError(f"__init__() got an unexpected keyword argument '{next(iter(given))}'")
        for p, v in values.items():
            setattr(self, p, v)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, **{p: getattr(self, p) for p, _ in params}}

    return type(class_name, (MeanMetricWrapper,), {"__init__": __init__, "get_config": get_config, "__doc__": doc,
                                                   "__module__": __name__})


MeanSquaredError = _mean_of("MeanSquaredError", L.mean_squared_error, "mean_squared_error",
                            "Mean of the squared errors.")
MeanAbsoluteError = _mean_of("MeanAbsoluteError", L.mean_absolute_error, "mean_absolute_error",
                             "Mean of the absolute errors.")
MeanAbsolutePercentageError = _mean_of("MeanAbsolutePercentageError", L.mean_absolute_percentage_error,
                                       "mean_absolute_percentage_error", "Mean absolute percentage error.")
MeanSquaredLogarithmicError = _mean_of("MeanSquaredLogarithmicError", L.mean_squared_logarithmic_error,
                                       "mean_squared_logarithmic_error", "Mean squared logarithmic error.")
LogCoshError = _mean_of("LogCoshError", L.log_cosh, "logcosh", "Mean of log(cosh(error)).")
KLDivergence = _mean_of("KLDivergence", L.kl_divergence, "kl_divergence", "Mean KL divergence.")
Poisson = _mean_of("Poisson", L.poisson, "poisson", "Mean Poisson loss.")
Hinge = _mean_of("Hinge", L.hinge, "hinge", "Mean hinge loss.")
SquaredHinge = _mean_of("SquaredHinge", L.squared_hinge, "squared_hinge", "Mean squared hinge loss.")
CategoricalHinge = _mean_of("CategoricalHinge", L.categorical_hinge, "categorical_hinge",
                            "Mean categorical hinge loss.")
BinaryCrossentropy = _mean_of("BinaryCrossentropy", L.binary_crossentropy, "binary_crossentropy",
                              "Mean binary cross-entropy.", (("from_logits", False), ("label_smoothing", 0)))
CategoricalCrossentropy = _mean_of("CategoricalCrossentropy", L.categorical_crossentropy, "categorical_crossentropy",
                                   "Mean categorical cross-entropy.",
                                   (("from_logits", False), ("label_smoothing", 0), ("axis", -1)))
SparseCategoricalCrossentropy = _mean_of("SparseCategoricalCrossentropy", L.sparse_categorical_crossentropy,
                                         "sparse_categorical_crossentropy", "Mean sparse categorical cross-entropy.",
                                         (("from_logits", False), ("axis", -1)))


def _cosine(y_true, y_pred, axis=-1):
    return -L.cosine_similarity(y_true, y_pred, axis=axis)


CosineSimilarity = _mean_of("CosineSimilarity", _cosine, "cosine_similarity", "Mean cosine similarity.",
                            (("axis", -1),))


class RootMeanSquaredError(Mean):
    """sqrt of the (weighted) mean squared error."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        dtype = tf.as_dtype(self._dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(_tensor(y_true, dtype), _tensor(y_pred, dtype))
        return super().update_state(tf.square(y_pred - y_true), sample_weight=sample_weight)

    def result(self):
        return tf.sqrt(tf.math.divide_no_nan(self.total, self.count))
