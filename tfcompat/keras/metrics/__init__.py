"""`tf.keras.metrics`: Keras 3's stateful metrics, the per-sample metric functions, and `get`."""
from ...util.api_names import missing_attribute as _missing_attribute
import inspect

from ..losses import (binary_crossentropy, categorical_crossentropy, categorical_hinge, hinge, huber, kl_divergence,
                      kld, KLD, log_cosh, logcosh, mae, MAE, mape, MAPE, mean_absolute_error,
                      mean_absolute_percentage_error, mean_squared_error, mean_squared_logarithmic_error, mse, MSE,
                      msle, MSLE, poisson, sparse_categorical_crossentropy, squared_hinge)
from ..losses import kullback_leibler_divergence, to_snake_case  # noqa: F401 (Keras 2 name)
from ..identifiers import lookup
from . import accuracy as _acc, confusion as _conf, regression as _reg
from .accuracy import (Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
                       SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, binary_accuracy, categorical_accuracy,
                       sparse_categorical_accuracy, sparse_top_k_categorical_accuracy, top_k_categorical_accuracy)
from .base import Mean, MeanMetricWrapper, Metric, Sum
from .confusion import (AUC, FalseNegatives, FalsePositives, Precision, Recall, TrueNegatives, TruePositives)
from .regression import (BinaryCrossentropy, CategoricalCrossentropy, CategoricalHinge, CosineSimilarity, Hinge,
                         KLDivergence, LogCoshError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredError,
                         MeanSquaredLogarithmicError, Poisson, RootMeanSquaredError, SparseCategoricalCrossentropy,
                         SquaredHinge)

_CLASSES = [c for m in (_acc, _conf, _reg) for c in vars(m).values()
            if inspect.isclass(c) and issubclass(c, Metric) and not c.__name__.startswith("_")]
_CLASSES += [Metric, Mean, Sum, MeanMetricWrapper]


ALL_OBJECTS_DICT = {c.__name__: c for c in _CLASSES}
ALL_OBJECTS_DICT.update({to_snake_case(c.__name__): c for c in _CLASSES})
ALL_OBJECTS_DICT.update({"bce": BinaryCrossentropy, "BCE": BinaryCrossentropy, "mse": MeanSquaredError,
                         "MSE": MeanSquaredError, "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError,
                         "mape": MeanAbsolutePercentageError, "MAPE": MeanAbsolutePercentageError,
                         "msle": MeanSquaredLogarithmicError, "MSLE": MeanSquaredLogarithmicError})


def serialize(metric):
    """Keras 3's dict form of a metric object."""
    return {"module": "keras.metrics", "class_name": type(metric).__name__, "config": metric.get_config(),
            "registered_name": None}


def deserialize(config, custom_objects=None):
    """A metric from `serialize`'s dict."""
    objects = {**ALL_OBJECTS_DICT, **(custom_objects or {})}
    cls = objects.get(config["class_name"]) if isinstance(config, dict) else objects.get(config)
    if cls is None:
        raise ValueError(f"Could not interpret metric identifier: {config}")
    return cls.from_config(config.get("config", {})) if isinstance(config, dict) else cls()


def get(identifier):
    """A metric from a name ('mse', 'binary_accuracy', 'AUC' give instances), a dict, or a callable."""
    return lookup("metric", identifier, ALL_OBJECTS_DICT, deserialize)


__getattr__ = _missing_attribute("keras.metrics")  # TF's names tfcompat lacks say so
