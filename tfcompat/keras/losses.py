"""`tf.keras.losses`: Keras 3's loss classes and per-sample loss functions, plus the Keras 2 aliases.

A Loss object converts both inputs to float32, computes per-sample values (the mean over the last axis for most
losses), weights them and reduces ('sum_over_batch_size' by default). Functions return per-sample values in the
dtype of y_pred.
"""
from ..util.api_names import missing_attribute as _missing_attribute
import inspect
import math
import re

import tfcompat as tf
from tfcompat.keras.identifiers import lookup

EPSILON = 1e-7
_REDUCTIONS = ("sum_over_batch_size", "sum", None, "none", "mean", "mean_with_sample_weight")
_uids = {}


def to_snake_case(name):
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def auto_name(class_name):
    """Keras's per-process unique default name: 'auc', 'auc_1', ... (one counter per snake_case name)."""
    base = to_snake_case(class_name)
    n = _uids.get(base, 0)
    _uids[base] = n + 1
    return base if n == 0 else f"{base}_{n}"


def _tensor(x, dtype=None):
    """x as a tensor; cast (never refused) when it has another dtype than `dtype`."""
    if not tf.is_tensor(x):
        x = tf.convert_to_tensor(x)
    elif isinstance(x, tf.Variable):
        x = x.read_value()
    if dtype is not None and x.dtype != dtype:
        x = tf.cast(x, dtype)
    return x


def _pair(y_true, y_pred):
    y_pred = _tensor(y_pred)
    return _tensor(y_true, y_pred.dtype), y_pred


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Makes ranks equal when they differ by a trailing axis of size 1 (Keras 3's rule)."""
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = tf.expand_dims(x2, -1)
        else:
            x1 = tf.squeeze(x1, -1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = tf.expand_dims(x1, -1)
        else:
            x2 = tf.squeeze(x2, -1)
    return x1, x2


def standardize_reduction(reduction):
    if reduction == "auto":  # Keras 2's default, the same as Keras 3's
        return "sum_over_batch_size"
    if reduction not in _REDUCTIONS:
        raise ValueError("Invalid value for argument `reduction`. Expected one of {'sum_over_batch_size', 'mean', "
                         f"'mean_with_sample_weight', 'none', 'sum', None}}. Received: reduction={reduction}")
    return reduction


def apply_mask(sample_weight, mask, dtype, reduction):
    """Folds a boolean mask into the sample weights (rescaled so the mean counts only unmasked entries)."""
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        total = tf.cast(tf.size(mask), dtype)
        valid = tf.reduce_sum(tf.cast(mask, dtype))
        float_mask = tf.where(tf.cast(mask, tf.bool), tf.math.divide_no_nan(total, valid), tf.constant(0, dtype))
    else:
        float_mask = tf.cast(mask, dtype)
    if sample_weight is None:
        return float_mask
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, tf.cast(sample_weight, dtype))
    return sample_weight * float_mask


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    if reduction is None or reduction == "none" or tuple(values.shape) in ((), (0,)):
        return values
    loss = tf.reduce_sum(values)
    if reduction == "sum":
        return loss
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        divisor = tf.cast(tf.reduce_sum(sample_weight), loss.dtype)
    else:
        divisor = tf.cast(tf.size(values), loss.dtype)
    return tf.math.divide_no_nan(loss, divisor)


def reduce_weighted_values(values, sample_weight=None, mask=None, reduction="sum_over_batch_size",
                           dtype=None):
    """Weights per-sample values (broadcasting a weight per sample) and reduces them."""
    reduction = standardize_reduction(reduction)
    values = _tensor(values, dtype)
    if sample_weight is not None:
        sample_weight = _tensor(sample_weight, values.dtype)
    sample_weight = apply_mask(sample_weight, mask, values.dtype, reduction)
    if sample_weight is not None:
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


class Loss:
    """Base class: `loss(y_true, y_pred, sample_weight=None)` reduces `call`'s per-sample values."""

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or auto_name(type(self).__name__)
        self.reduction = standardize_reduction(reduction)
        self._dtype = tf.as_dtype(dtype or "float32").name

    @property
    def dtype(self):
        return self._dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = getattr(y_pred, "_keras_mask", None)  # Keras 3 weights the values by y_pred's mask
        dtype = tf.as_dtype(self._dtype)
        losses, mask = self._call_with_mask(_tensor(y_true, dtype), _tensor(y_pred, dtype))
        if mask is None:
            mask = getattr(losses, "_keras_mask", None)
        if in_mask is not None:
            mask = in_mask if mask is None else tf.logical_and(tf.cast(in_mask, tf.bool), tf.cast(mask, tf.bool))
        return reduce_weighted_values(losses, sample_weight, mask, self.reduction, dtype)

    def _call_with_mask(self, y_true, y_pred):
        return self.call(y_true, y_pred), None

    def call(self, y_true, y_pred):
        raise NotImplementedError

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class Reduction:
    """Keras 2's reduction names (`tf.keras.losses.Reduction.NONE`...)."""
    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)


class LossFunctionWrapper(Loss):
    """A Loss from a per-sample function `fn(y_true, y_pred, **kwargs)`."""

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        return {**super().get_config(), "fn": serialize(self.fn), **self._fn_kwargs}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("fn"), (dict, str)):
            config["fn"] = deserialize(config["fn"])
        return cls(**config)

    def __repr__(self):
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"


# ---- per-sample functions ----
def mean_squared_error(y_true, y_pred):
    y_true, y_pred = squeeze_or_expand_to_same_rank(*_pair(y_true, y_pred))
    return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true, y_pred):
    y_true, y_pred = squeeze_or_expand_to_same_rank(*_pair(y_true, y_pred))
    return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    y_true, y_pred = squeeze_or_expand_to_same_rank(*_pair(y_true, y_pred))
    eps = tf.constant(EPSILON, y_pred.dtype)
    return 100.0 * tf.reduce_mean(tf.abs((y_true - y_pred) / tf.maximum(tf.abs(y_true), eps)), axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    y_true, y_pred = squeeze_or_expand_to_same_rank(*_pair(y_true, y_pred))
    eps = tf.constant(EPSILON, y_pred.dtype)
    first = tf.math.log(tf.maximum(y_pred, eps) + 1.0)
    second = tf.math.log(tf.maximum(y_true, eps) + 1.0)
    return tf.reduce_mean(tf.square(first - second), axis=-1)


def _l2_normalize(x, axis):
    inv = tf.math.rsqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))
    return x * tf.minimum(inv, tf.constant(1.0 / EPSILON, x.dtype))


def cosine_similarity(y_true, y_pred, axis=-1):
    y_true, y_pred = squeeze_or_expand_to_same_rank(*_pair(y_true, y_pred))
    return -tf.reduce_sum(_l2_normalize(y_true, axis) * _l2_normalize(y_pred, axis), axis=axis)


def huber(y_true, y_pred, delta=1.0):
    y_true, y_pred = squeeze_or_expand_to_same_rank(*_pair(y_true, y_pred))
    delta = tf.constant(delta, y_pred.dtype)
    error = y_pred - y_true
    abs_error = tf.abs(error)
    half = tf.constant(0.5, y_pred.dtype)
    return tf.reduce_mean(tf.where(abs_error <= delta, half * tf.square(error),
                                   delta * abs_error - half * tf.square(delta)), axis=-1)


def log_cosh(y_true, y_pred):
    y_true, y_pred = squeeze_or_expand_to_same_rank(*_pair(y_true, y_pred))
    x = y_pred - y_true
    return tf.reduce_mean(x + tf.nn.softplus(x * -2.0) - tf.constant(math.log(2.0), y_pred.dtype), axis=-1)


def kl_divergence(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = tf.clip_by_value(y_true, EPSILON, 1)
    y_pred = tf.clip_by_value(y_pred, EPSILON, 1)
    return tf.reduce_sum(y_true * tf.math.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(y_pred - y_true * tf.math.log(y_pred + tf.constant(EPSILON, y_pred.dtype)), axis=-1)


def _hinge_labels(y_true):
    """{0, 1} labels become {-1, 1}; other labels stay as given."""
    is_binary = tf.reduce_all(tf.logical_or(tf.equal(y_true, 0), tf.equal(y_true, 1)))
    return tf.where(is_binary, 2.0 * y_true - 1.0, y_true)


def hinge(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(tf.maximum(1.0 - _hinge_labels(y_true) * y_pred, 0.0), axis=-1)


def squared_hinge(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(tf.square(tf.maximum(1.0 - _hinge_labels(y_true) * y_pred, 0.0)), axis=-1)


def categorical_hinge(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    pos = tf.reduce_sum(y_true * y_pred, axis=-1)
    neg = tf.reduce_max((1.0 - y_true) * y_pred, axis=-1)
    return tf.maximum(neg - pos + 1.0, tf.constant(0.0, y_pred.dtype))


def _logits_of(output, from_logits):
    """Keras reads the logits behind a softmax/sigmoid output when the activation left them on the tensor."""
    logits = getattr(output, "_keras_logits", None)
    return (logits, True) if logits is not None else (output, from_logits)


def _check_same_shape(target, output):
    if len(target.shape) != len(output.shape):
        raise ValueError("Arguments `target` and `output` must have the same rank (ndim). Received: "
                         f"target.shape={target.shape}, output.shape={output.shape}")
    for a, b in zip(target.shape, output.shape):
        if a is not None and b is not None and a != b:
            raise ValueError("Arguments `target` and `output` must have the same shape. Received: "
                             f"target.shape={target.shape}, output.shape={output.shape}")


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    y_true, y_pred = _pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    _check_same_shape(y_true, y_pred)
    output, from_logits = _logits_of(y_pred, from_logits)
    if from_logits:
        bce = tf.nn.sigmoid_cross_entropy_with_logits(labels=y_true, logits=output)
    else:
        output = tf.clip_by_value(output, EPSILON, 1.0 - EPSILON)
        bce = -(y_true * tf.math.log(output) + (1 - y_true) * tf.math.log(1 - output))
    return tf.reduce_mean(bce, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    if isinstance(axis, bool):
        raise ValueError(f"`axis` must be of type `int`. Received: axis={axis} of type {type(axis)}")
    y_true, y_pred = _pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / y_true.shape[-1]
    if len(y_true.shape) < 1:
        raise ValueError("Arguments `target` and `output` must be at least rank 1. Received: "
                         f"target.shape={y_true.shape}, output.shape={y_pred.shape}")
    _check_same_shape(y_true, y_pred)
    output, from_logits = _logits_of(y_pred, from_logits)
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=output, axis=axis)
    output = output / tf.reduce_sum(output, axis, keepdims=True)
    output = tf.clip_by_value(output, EPSILON, 1.0 - EPSILON)
    return -tf.reduce_sum(y_true * tf.math.log(output), axis)


def _sparse_cce(y_true, y_pred, from_logits, axis):
    if axis != -1 and axis != len(y_pred.shape) - 1:
        raise ValueError(f"Only axis=-1 is currently supported. Received: axis={axis}")
    output, from_logits = _logits_of(y_pred, from_logits)
    target = tf.cast(y_true, tf.int64)
    if len(target.shape) == len(output.shape) and target.shape[-1] == 1:
        target = tf.squeeze(target, -1)
    if len(target.shape) != len(output.shape) - 1:
        raise ValueError("Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
                         f"target.shape={target.shape}, output.shape={output.shape}")
    for a, b in zip(target.shape, output.shape[:-1]):
        if a is not None and b is not None and a != b:
            raise ValueError("Arguments `target` and `output` must have the same shape up until the last "
                             f"dimension: target.shape={target.shape}, output.shape={output.shape}")
    if not from_logits:
        output = tf.math.log(tf.clip_by_value(output, EPSILON, 1 - EPSILON))
    return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=output)


def _sparse_categorical_crossentropy_masked(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Per-sample values and the mask of the samples that count (None without ignore_class)."""
    y_pred = _tensor(y_pred)
    y_true = _tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[axis] == 1:
        y_true = tf.squeeze(y_true, axis)
    if ignore_class is None:
        return _sparse_cce(y_true, y_pred, from_logits, axis), None
    valid = tf.not_equal(y_true, tf.cast(ignore_class, y_true.dtype))
    y_true = tf.where(valid, y_true, tf.zeros_like(y_true))
    y_pred = tf.where(tf.expand_dims(valid, axis), y_pred, tf.zeros_like(y_pred))
    res = _sparse_cce(y_true, y_pred, from_logits, axis)
    return tf.where(valid, res, tf.zeros_like(res)), valid


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    return _sparse_categorical_crossentropy_masked(y_true, y_pred, from_logits, ignore_class, axis)[0]


# ---- classes ----
def _wrapper(fn, default_name, doc, params=()):
    """A LossFunctionWrapper subclass over `fn` whose extra constructor arguments are `params` (name, default)."""
    def __init__(self, *args, **kwargs):
        names = [p for p, _ in params] + ["reduction", "name", "dtype"]
        if len(args) > len(names):
            raise TypeError(f"{default_name} takes at most {len(names)} positional arguments")
        given = dict(zip(names, args))
        given.update(kwargs)
        values = {p: given.pop(p, d) for p, d in params}
        reduction = given.pop("reduction", "sum_over_batch_size")
        name = given.pop("name", default_name)
        dtype = given.pop("dtype", None)
        if given:
            raise TypeError(f"__init__() got an unexpected keyword argument '{next(iter(given))}'")
        LossFunctionWrapper.__init__(self, fn, reduction=reduction, name=name, dtype=dtype, **values)
        for p, v in values.items():
            setattr(self, p, v)

    def get_config(self):
        return {**Loss.get_config(self), **{p: getattr(self, p) for p, _ in params}}

    return __init__, get_config, doc


def _loss_class(class_name, fn, default_name, doc, params=()):
    init, get_config, doc = _wrapper(fn, default_name, doc, params)
    init.__signature__ = inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=d) for p, d in params]
        + [inspect.Parameter("reduction", inspect.Parameter.POSITIONAL_OR_KEYWORD, default="sum_over_batch_size"),
           inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default_name),
           inspect.Parameter("dtype", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)])
    return type(class_name, (LossFunctionWrapper,), {"__init__": init, "get_config": get_config, "__doc__": doc,
                                                     "__module__": __name__})


MeanSquaredError = _loss_class("MeanSquaredError", mean_squared_error, "mean_squared_error",
                               "Mean of the squared errors over the last axis.")
MeanAbsoluteError = _loss_class("MeanAbsoluteError", mean_absolute_error, "mean_absolute_error",
                                "Mean of the absolute errors over the last axis.")
MeanAbsolutePercentageError = _loss_class("MeanAbsolutePercentageError", mean_absolute_percentage_error,
                                          "mean_absolute_percentage_error", "100 * mean |(y - p) / y|.")
MeanSquaredLogarithmicError = _loss_class("MeanSquaredLogarithmicError", mean_squared_logarithmic_error,
                                          "mean_squared_logarithmic_error", "Mean of (log(p+1) - log(y+1))^2.")
CosineSimilarity = _loss_class("CosineSimilarity", cosine_similarity, "cosine_similarity",
                               "Negative cosine similarity along `axis`.", (("axis", -1),))
Huber = _loss_class("Huber", huber, "huber_loss", "Quadratic within `delta`, linear beyond.", (("delta", 1.0),))
LogCosh = _loss_class("LogCosh", log_cosh, "log_cosh", "Mean of log(cosh(p - y)).")
Hinge = _loss_class("Hinge", hinge, "hinge", "Mean of max(1 - y*p, 0), {0,1} labels mapped to {-1,1}.")
SquaredHinge = _loss_class("SquaredHinge", squared_hinge, "squared_hinge", "Mean of max(1 - y*p, 0)^2.")
CategoricalHinge = _loss_class("CategoricalHinge", categorical_hinge, "categorical_hinge",
                               "max(neg - pos + 1, 0) over one-hot labels.")
KLDivergence = _loss_class("KLDivergence", kl_divergence, "kl_divergence",
                           "sum y*log(y/p), both clipped to [1e-7, 1].")
Poisson = _loss_class("Poisson", poisson, "poisson", "Mean of p - y*log(p + 1e-7).")
BinaryCrossentropy = _loss_class("BinaryCrossentropy", binary_crossentropy, "binary_crossentropy",
                                 "Binary cross-entropy, probabilities clipped to [1e-7, 1-1e-7].",
                                 (("from_logits", False), ("label_smoothing", 0.0), ("axis", -1)))
CategoricalCrossentropy = _loss_class("CategoricalCrossentropy", categorical_crossentropy,
                                      "categorical_crossentropy",
                                      "Cross-entropy of one-hot labels; probabilities renormalised then clipped.",
                                      (("from_logits", False), ("label_smoothing", 0.0), ("axis", -1)))


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Cross-entropy of integer labels; `ignore_class` leaves those samples out of the mean."""

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size", axis=-1,
                 name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(sparse_categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)
        self.from_logits = from_logits
        self.ignore_class = ignore_class

    def _call_with_mask(self, y_true, y_pred):
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return _sparse_categorical_crossentropy_masked(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        return {**Loss.get_config(self), "from_logits": self.from_logits, "ignore_class": self.ignore_class}


# ---- names ----
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
bce = BCE = binary_crossentropy

_CLASSES = (Loss, LossFunctionWrapper, KLDivergence, Poisson, BinaryCrossentropy, CategoricalCrossentropy,
            SparseCategoricalCrossentropy, MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
            MeanSquaredLogarithmicError, CosineSimilarity, LogCosh, Huber, Hinge, SquaredHinge, CategoricalHinge)
_FUNCTIONS = (kl_divergence, poisson, binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy,
              mean_squared_error, mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
              cosine_similarity, log_cosh, huber, hinge, squared_hinge, categorical_hinge)
ALL_OBJECTS = set(_CLASSES) | set(_FUNCTIONS)
ALL_OBJECTS_DICT = {obj.__name__: obj for obj in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({"bce": bce, "BCE": bce, "kld": kld, "KLD": kld, "mae": mae, "MAE": mae, "mse": mse,
                         "MSE": mse, "mape": mape, "MAPE": mape, "msle": msle, "MSLE": msle})


def serialize(loss):
    """Keras 3's dict form of a loss object or loss function."""
    if inspect.isfunction(loss) and loss in _FUNCTIONS:
        return {"module": "builtins", "class_name": "function", "config": loss.__name__,
                "registered_name": "function"}
    return {"module": "keras.losses", "class_name": type(loss).__name__, "config": loss.get_config(),
            "registered_name": None}


def deserialize(name, custom_objects=None):
    """A loss from a name or `serialize`'s dict."""
    objects = {**ALL_OBJECTS_DICT, **(custom_objects or {})}
    if isinstance(name, str):
        obj = objects.get(name)
    elif name.get("class_name") == "function":
        obj = objects.get(name["config"])
    else:
        cls = objects.get(name["class_name"])
        obj = cls.from_config(name.get("config", {})) if inspect.isclass(cls) else None
    if obj is None:
        raise ValueError(f"Could not interpret loss identifier: {name}")
    return obj


def get(identifier):
    """A loss from a name ('mse' gives the per-sample function, 'MeanSquaredError' an instance), dict or callable."""
    return lookup("loss", identifier, ALL_OBJECTS_DICT, deserialize)


__getattr__ = _missing_attribute("keras.losses")  # TF's names tfcompat lacks say so
