"""The Keras 3 Metric base and the reduction metrics (Sum, Mean, MeanMetricWrapper); state lives in tf.Variables."""
import tfcompat as tf

from .. import losses
from ..initializers import initial_value
from ..losses import _tensor, auto_name, apply_mask, squeeze_or_expand_to_same_rank


class Metric:
    """Base class: `update_state(...)` accumulates into variables, `result()` reads them, `reset_state()` zeroes."""

    def __init__(self, dtype=None, name=None):
        self.name = name or auto_name(type(self).__name__)
        self._dtype = tf.as_dtype(dtype or "float32").name
        self._variables = []

    @property
    def dtype(self):
        return self._dtype

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="sum", name=None):
        """A non-trainable state variable (zeros unless `initializer` is a number or a Keras initializer)."""
        dtype = tf.as_dtype(dtype or self._dtype)
        value = initial_value(shape, initializer, dtype)
        with tf.name_scope(self.name.replace("/", ">")):
            v = tf.Variable(value, name=name, trainable=False)
        v.path = f"{self.name}/{name}"
        self._variables.append(v)
        return v

    def add_weight(self, shape=(), initializer=None, dtype=None, name=None):
        return self.add_variable(shape=shape, initializer=initializer or "zeros", dtype=dtype, name=name)

    @property
    def variables(self):
        return list(self._variables)

    def reset_state(self):
        for v in self._variables:
            v.assign(tf.zeros(v.shape, v.dtype))

    def reset_states(self):  # Keras 2 name
        self.reset_state()

    def update_state(self, *args, **kwargs):
        raise NotImplementedError

    def result(self):
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"

    __str__ = __repr__


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype):
    """Values reduced to one per sample (weighted); the weights reduced alike. Keras 3's rule."""
    dtype = tf.as_dtype(dtype)
    values = _tensor(values, dtype)
    if sample_weight is not None:
        sample_weight = _tensor(sample_weight, dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        w_ndim, v_ndim = len(sample_weight.shape), len(values.shape)
        if v_ndim > w_ndim:
            values = reduce_fn(values, axis=list(range(w_ndim, v_ndim)))
        sample_weight = tf.broadcast_to(sample_weight, tf.shape(values))
        values = values * sample_weight
        if w_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=list(range(1, w_ndim)))
    if len(values.shape) > 1:
        values = reduce_fn(values, axis=list(range(1, len(values.shape))))
    return values, sample_weight


class Sum(Metric):
    """The (weighted) sum of the values seen."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), name="total")

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise_values(values, sample_weight, tf.reduce_sum, self._dtype)
        self.total.assign_add(tf.reduce_sum(values))

    def result(self):
        return tf.identity(self.total)


class Mean(Metric):
    """The (weighted) mean of the values seen; 0 before any update."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), name="total")
        self.count = self.add_variable((), name="count")

    def update_state(self, values, sample_weight=None):
        values, sample_weight = reduce_to_samplewise_values(values, sample_weight, tf.reduce_mean, self._dtype)
        self.total.assign_add(tf.reduce_sum(values))
        if sample_weight is not None:
            num = tf.reduce_sum(sample_weight)
        elif len(values.shape) >= 1:
            num = values.shape[0] if values.shape[0] is not None else tf.shape(values)[0]
        else:
            num = 1
        self.count.assign_add(tf.cast(num, self.count.dtype))

    def result(self):
        return tf.math.divide_no_nan(self.total, self.count)


class MeanMetricWrapper(Mean):
    """The mean of a per-sample function `fn(y_true, y_pred, **kwargs)`."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        dtype = tf.as_dtype(self._dtype)
        sample_weight = apply_mask(sample_weight, getattr(y_pred, "_keras_mask", None), dtype, "sum")  # Keras's
        values, mask = self._values(y_true, y_pred)
        sample_weight = apply_mask(sample_weight, mask, dtype, "sum")
        return super().update_state(values, sample_weight=sample_weight)

    def _values(self, y_true, y_pred):
        """Per-sample values and an optional mask of the ones that count."""
        return self._fn(y_true, y_pred, **self._fn_kwargs), None

    def get_config(self):
        return {**super().get_config(), "fn": losses.serialize(self._fn), **self._fn_kwargs}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("fn"), (dict, str)):
            config["fn"] = _deserialize_fn(config["fn"])
        return cls(**config)


def _deserialize_fn(config):
    from . import get
    name = config["config"] if isinstance(config, dict) else config
    return get(name)
