"""Preprocessing layers: Rescaling (`x * scale + offset`) and Normalization (mean/variance, `adapt` on arrays)."""
import numpy as np

from ...framework.convert import convert_to_tensor
from ...ops import array_ops as a
from ...ops import math_ops as m
from .. import backend as K
from .base import Layer


class Rescaling(Layer):
    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale, self.offset = scale, offset
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        if inputs.dtype is not self._dtype:
            inputs = a.cast(inputs, self._dtype)
        return inputs * a.cast(self.scale, self._dtype) + a.cast(self.offset, self._dtype)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "scale": self.scale, "offset": self.offset}


class Normalization(Layer):
    """`(x - mean) / max(sqrt(variance), epsilon)` with per-`axis` statistics given or learned by `adapt`."""

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        self.axis = () if axis is None else ((axis,) if isinstance(axis, int) else tuple(axis))
        if (mean is None) != (variance is None):
            raise ValueError("When setting values directly, both `mean` and `variance` must be set. "
                             f"Received: mean={mean} and variance={variance}")
        self.input_mean, self.input_variance, self.invert = mean, variance, invert
        self.supports_masking = True

    def build(self, input_shape):
        if input_shape is None:
            return
        ndim = len(input_shape)
        self._keep = tuple(sorted(ax % ndim for ax in self.axis))
        shape = tuple(input_shape[d] for d in self._keep)
        self._broadcast_shape = [input_shape[d] if d in self._keep else 1 for d in range(ndim)]
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=shape, initializer="zeros", trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=shape, initializer="ones",
                                                  trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int64", initializer="zeros",
                                         trainable=False)
        self.built = True

    def adapt(self, data):
        """Learns the mean and variance of `data` (an array, a tensor, or an iterable of batches)."""
        if hasattr(data, "shape") and hasattr(data, "dtype"):
            batches = [np.asarray(data)]
        else:
            batches = [np.asarray(b[0] if isinstance(b, tuple) else b) for b in data]
            if not batches:
                raise ValueError("Normalization.adapt() was called with an empty iterable.")
        values = np.concatenate(batches).astype(np.float64)
        if not self.built:
            self.build(values.shape)
        reduce = tuple(d for d in range(values.ndim) if d not in self._keep)
        self.adapt_mean.assign(values.mean(axis=reduce).astype(np.float32).reshape(self.adapt_mean.shape))
        self.adapt_variance.assign(values.var(axis=reduce).astype(np.float32).reshape(self.adapt_variance.shape))

    def _stats(self):
        if self.input_mean is not None:
            mean = np.broadcast_to(np.asarray(self.input_mean, np.float32), self._broadcast_shape)
            var = np.broadcast_to(np.asarray(self.input_variance, np.float32), self._broadcast_shape)
            return convert_to_tensor(np.array(mean)), convert_to_tensor(np.array(var))
        return (a.reshape(self.adapt_mean, self._broadcast_shape),
                a.reshape(self.adapt_variance, self._broadcast_shape))

    def call(self, inputs):
        if inputs.dtype is not self._dtype:
            inputs = a.cast(inputs, self._dtype)
        mean, variance = self._stats()
        std = m.maximum(m.sqrt(variance), K.epsilon())
        return mean + inputs * std if self.invert else (inputs - mean) / std

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "invert": self.invert,
                "mean": None if self.input_mean is None else np.asarray(self.input_mean).tolist(),
                "variance": None if self.input_variance is None else np.asarray(self.input_variance).tolist()}


