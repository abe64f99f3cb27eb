"""Pooling layers: Max/AveragePooling1D/2D/3D and GlobalAverage/GlobalMaxPooling1D/2D/3D (Keras 3's arguments,
output shapes and configs) on tf.nn's pools and reductions."""
from ...ops import array_ops as a
from ...ops import conv_ops as c
from ...ops import math_ops as m
from .base import InputSpec, Layer
from .convolutional import _FORMATS, standardize_data_format, standardize_tuple


def pooling_output_shape(input_shape, pool_size, strides, padding, data_format):
    """Keras 3's `compute_pooling_output_shape`."""
    channels_last = data_format == "channels_last"
    spatial = input_shape[1:-1] if channels_last else input_shape[2:]
    out = []
    for n, p, st in zip(spatial, pool_size, strides):
        if n is None:
            out.append(None)
        elif padding == "valid":
            out.append((n - p) // st + 1)
        else:
            out.append((n - 1) // st + 1)
    if channels_last:
        return (input_shape[0],) + tuple(out) + (input_shape[-1],)
    return (input_shape[0], input_shape[1]) + tuple(out)


class BasePooling(Layer):
    """Max or average pooling over `pool_dimensions` spatial axes (strides default to the pool size)."""

    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max", padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_size = standardize_tuple(pool_size, pool_dimensions, "pool_size")
        strides = pool_size if strides is None else strides
        self.strides = standardize_tuple(strides, pool_dimensions, "strides", allow_zero=True)
        self.pool_mode, self.padding = pool_mode, padding
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self._op = c.max_pool if pool_mode == "max" else c.avg_pool
        self._tf_format = _FORMATS[(self.data_format, pool_dimensions)]
        self._tf_padding = padding.upper()
        self.built = True

    def call(self, inputs):
        return self._op(inputs, self.pool_size, self.strides, self._tf_padding, self._tf_format)

    def compute_output_shape(self, input_shape):
        return pooling_output_shape(input_shape, self.pool_size, self.strides, self.padding, self.data_format)

    def get_config(self):
        return {**super().get_config(), "pool_size": self.pool_size, "padding": self.padding,
                "strides": self.strides, "data_format": self.data_format}


def _pool_class(name, dims, mode, default):
    def __init__(self, pool_size=default, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        BasePooling.__init__(self, pool_size, strides, dims, pool_mode=mode, padding=padding,
                             data_format=data_format, name=name, **kwargs)

    return type(name, (BasePooling,), {"__init__": __init__, "__module__": __name__,
                                       "__doc__": f"{dims}-D {mode} pooling layer."})


MaxPooling1D = MaxPool1D = _pool_class("MaxPooling1D", 1, "max", 2)
MaxPooling2D = MaxPool2D = _pool_class("MaxPooling2D", 2, "max", (2, 2))
MaxPooling3D = MaxPool3D = _pool_class("MaxPooling3D", 3, "max", (2, 2, 2))
AveragePooling1D = AvgPool1D = _pool_class("AveragePooling1D", 1, "average", 2)
AveragePooling2D = AvgPool2D = _pool_class("AveragePooling2D", 2, "average", (2, 2))
AveragePooling3D = AvgPool3D = _pool_class("AveragePooling3D", 3, "average", (2, 2, 2))


class BaseGlobalPooling(Layer):
    """Mean or max over all spatial axes (`keepdims` keeps them as size 1)."""

    def __init__(self, pool_dimensions, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        first = 1 if self.data_format == "channels_last" else 2
        self._axes = list(range(first, first + pool_dimensions))
        self.built = True

    def compute_output_shape(self, input_shape):
        n = len(input_shape) - 2
        if self.data_format == "channels_last":
            return (input_shape[0],) + (1,) * n * self.keepdims + (input_shape[-1],)
        return (input_shape[0], input_shape[1]) + (1,) * n * self.keepdims

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format, "keepdims": self.keepdims}


class _GlobalAverage(BaseGlobalPooling):
    def call(self, inputs):
        return m.reduce_mean(inputs, self._axes, keepdims=self.keepdims)


class _GlobalMax(BaseGlobalPooling):
    def call(self, inputs):
        return m.reduce_max(inputs, self._axes, keepdims=self.keepdims)


def _global_class(name, dims, base):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        BaseGlobalPooling.__init__(self, dims, data_format=data_format, keepdims=keepdims, **kwargs)

    return type(name, (base,), {"__init__": __init__, "__module__": __name__,
                                "__doc__": f"Global pooling over the {dims} spatial axes."})


class GlobalAveragePooling1D(_GlobalAverage):
    """Global average over the steps axis; with a mask, over the unmasked steps only (Keras 3)."""

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(1, data_format=data_format, keepdims=keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is None:
            return super().call(inputs)
        keep = a.expand_dims(m.cast(mask, "bool"), 2 if self.data_format == "channels_last" else 1)
        total = m.reduce_sum(a.where(keep, inputs, a.zeros_like(inputs)), self._axes, keepdims=self.keepdims)
        return total / m.reduce_sum(m.cast(keep, inputs.dtype), self._axes, keepdims=self.keepdims)

    def compute_mask(self, inputs, mask=None):
        return None


GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAveragePooling2D = GlobalAvgPool2D = _global_class("GlobalAveragePooling2D", 2, _GlobalAverage)
GlobalAveragePooling3D = GlobalAvgPool3D = _global_class("GlobalAveragePooling3D", 3, _GlobalAverage)
GlobalMaxPooling1D = GlobalMaxPool1D = _global_class("GlobalMaxPooling1D", 1, _GlobalMax)
GlobalMaxPooling2D = GlobalMaxPool2D = _global_class("GlobalMaxPooling2D", 2, _GlobalMax)
GlobalMaxPooling3D = GlobalMaxPool3D = _global_class("GlobalMaxPooling3D", 3, _GlobalMax)
