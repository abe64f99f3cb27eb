"""Convolution layers (Conv1D/2D/3D, Conv1D/2DTranspose, DepthwiseConv2D, SeparableConv2D): Keras 3's arguments,
weight names and shapes, checks and error texts, on tf.nn's convolution ops."""
import numpy as np

from ...ops import array_ops as a
from ...ops import conv_ops as c
from ...ops import slice_ops as s
from .. import activations, constraints, initializers, regularizers
from .. import backend as K
from .base import InputSpec, Layer

_ser_init, _ser_reg, _ser_con = initializers.serialize, regularizers.serialize, constraints.serialize
_FORMATS = {("channels_last", 1): "NWC", ("channels_first", 1): "NCW", ("channels_last", 2): "NHWC",
            ("channels_first", 2): "NCHW", ("channels_last", 3): "NDHWC", ("channels_first", 3): "NCDHW"}


def standardize_tuple(value, n, name, allow_zero=False):
    """Keras 3's `standardize_tuple`: an int or n ints -> a tuple of n ints (positive, or >= 0 with allow_zero)."""
    error_msg = f"The `{name}` argument must be a tuple of {n} integers. Received {name}={value}"
    if isinstance(value, (int, np.integer)):
        value_tuple = (int(value),) * n
    else:
        try:
            value_tuple = tuple(value)
        except TypeError:
            raise ValueError(error_msg) from None
        if len(value_tuple) != n:
            raise ValueError(error_msg)
        for single_value in value_tuple:
            try:
                int(single_value)
            except (ValueError, TypeError):
                raise ValueError(error_msg + f"including element {single_value} of type "
                                 f"{type(single_value)}") from None
    bad = {v for v in value_tuple if (v < 0 if allow_zero else v <= 0)}
    if bad:
        raise ValueError(error_msg + f", including values {bad} that do not satisfy "
                                     f"`value {'>= 0' if allow_zero else '> 0'}`")
    return value_tuple


def standardize_padding(value, allow_causal=False):
    if isinstance(value, (list, tuple)):
        return value
    padding = value.lower()
    allowed = "{'valid', 'same', 'causal'}" if allow_causal else "{'valid', 'same'}"
    if padding not in ("valid", "same") + (("causal",) if allow_causal else ()):
        raise ValueError(f"The `padding` argument must be a list/tuple or one of {allowed}. Received: {padding}")
    return padding


def standardize_data_format(data_format):
    if data_format is None:
        return K.image_data_format()
    data_format = str(data_format).lower()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                         f"Received: data_format={data_format}")
    return data_format


def conv_output_shape(input_shape, filters, kernel_size, strides, padding, data_format, dilation_rate):
    """Keras 3's `compute_conv_output_shape` (with its 'zero or negative' error)."""
    channels_last = data_format == "channels_last"
    spatial = input_shape[1:-1] if channels_last else input_shape[2:]
    kernel_shape = tuple(kernel_size) + ((input_shape[-1] if channels_last else input_shape[1]), filters)
    if len(kernel_shape) != len(input_shape):
        raise ValueError("Kernel shape must have the same length as input, but received kernel of shape "
                         f"{kernel_shape} and input of shape {input_shape}.")
    out = []
    for n, k, st, d in zip(spatial, kernel_size, strides, dilation_rate):
        if n is None:
            out.append(None)
        elif padding == "valid":
            size = (n - d * (k - 1) - 1) // st + 1
            if size <= 0:
                raise ValueError(
                    f"Computed output size would be zero or negative. Received `inputs shape={input_shape}`, "
                    f"`kernel shape={kernel_shape}`, `dilation_rate={np.array(dilation_rate)}`, "
                    f"`strides={strides}`, `padding={padding}`.")
            out.append(size)
        else:
            out.append((n - 1) // st + 1)
    if channels_last:
        return (input_shape[0],) + tuple(out) + (filters,)
    return (input_shape[0], filters) + tuple(out)


def _check_geometry(kernel_size, strides, dilation_rate=None):
    if not all(kernel_size):
        raise ValueError(f"The argument `kernel_size` cannot contain 0. Received kernel_size={kernel_size}.")
    if not all(strides):
        raise ValueError(f"The argument `strides` cannot contains 0. Received strides={strides}")
    if dilation_rate is not None and max(strides) > 1 and max(dilation_rate) > 1:
        raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                         f"Received: strides={strides} and dilation_rate={dilation_rate}")


class _ConvLayer(Layer):
    """What the convolution layers share: geometry, data format, bias and activation, config."""

    def _setup(self, rank, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
               bias_initializer, bias_regularizer, bias_constraint, allow_causal=False):
        self.rank = rank
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding, allow_causal=allow_causal)
        self.data_format = standardize_data_format(data_format)
        self._tf_format = _FORMATS[(self.data_format, rank)]
        self._tf_padding = "VALID" if self.padding == "causal" else str(self.padding).upper()
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def _input_channel(self, input_shape):
        return input_shape[-1] if self.data_format == "channels_last" else input_shape[1]

    def _set_channel_spec(self, input_channel):
        axis = -1 if self.data_format == "channels_last" else 1
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={axis: input_channel})

    def _add_bias(self, size):
        self.bias = self.add_weight(name="bias", shape=(size,), initializer=self.bias_initializer,
                                    regularizer=self.bias_regularizer, constraint=self.bias_constraint) \
            if self.use_bias else None

    def _finish(self, outputs):
        if self.bias is not None:
            if self.data_format == "channels_last":
                outputs = outputs + self.bias
            else:
                outputs = outputs + a.reshape(self.bias, (-1,) + (1,) * self.rank)
        return outputs if self.activation is activations.linear else self.activation(outputs)

    def _geometry_config(self):
        return {"kernel_size": self.kernel_size, "strides": self.strides, "padding": self.padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate}

    def _tail_config(self):
        return {"activation": activations.serialize(self.activation), "use_bias": self.use_bias}


class BaseConv(_ConvLayer):
    """N-D convolution: kernel `kernel_size + (in // groups, filters)`, bias `(filters,)`."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if lora_rank:
            raise NotImplementedError("LoRA on convolution layers is not implemented yet in tfcompat")
        self.filters, self.groups = filters, groups
        self._setup(rank, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                    bias_initializer, bias_regularizer, bias_constraint, allow_causal=rank == 1)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.lora_rank, self.lora_alpha, self.lora_enabled = None, None, False
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={filters}.")
        if groups <= 0:
            raise ValueError(f"The number of groups must be a positive integer. Received: groups={groups}.")
        if filters is not None and filters % groups != 0:
            raise ValueError("The number of filters must be evenly divisible by the number of groups. "
                             f"Received: groups={groups}, filters={filters}.")
        _check_geometry(self.kernel_size, self.strides, self.dilation_rate)

    def build(self, input_shape):
        input_channel = self._input_channel(input_shape)
        self._set_channel_spec(input_channel)
        if input_channel % self.groups != 0:
            raise ValueError("The number of input channels must be evenly divisible by the number of groups. "
                             f"Received groups={self.groups}, but the input has {input_channel} channels "
                             f"(full input shape is {input_shape}).")
        self.compute_output_shape(input_shape)
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (input_channel // self.groups,
                                                                               self.filters),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self._add_bias(self.filters)
        self.built = True

    def call(self, inputs):
        if self.padding == "causal":
            left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
            pads = [[0, 0], [left, 0], [0, 0]] if self.data_format == "channels_last" else [[0, 0], [0, 0], [left, 0]]
            inputs = s.pad(inputs, pads)
        if self.rank == 1:
            outputs = c.conv1d(inputs, self.kernel, self.strides[0], self._tf_padding, self._tf_format,
                               self.dilation_rate[0])
        else:
            outputs = c.convolution(inputs, self.kernel, self.strides, self._tf_padding, self._tf_format,
                                    self.dilation_rate)
        return self._finish(outputs)

    def compute_output_shape(self, input_shape):
        return conv_output_shape(input_shape, self.filters, self.kernel_size, self.strides, self.padding,
                                 self.data_format, self.dilation_rate)

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, **self._geometry_config(), "groups": self.groups,
                **self._tail_config(), "kernel_initializer": _ser_init(self.kernel_initializer),
                "bias_initializer": _ser_init(self.bias_initializer),
                "kernel_regularizer": _ser_reg(self.kernel_regularizer),
                "bias_regularizer": _ser_reg(self.bias_regularizer),
                "activity_regularizer": _ser_reg(self.activity_regularizer),
                "kernel_constraint": _ser_con(self.kernel_constraint),
                "bias_constraint": _ser_con(self.bias_constraint)}


def _conv_class(name, rank):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        BaseConv.__init__(self, rank, filters, kernel_size, strides=strides, padding=padding,
                          data_format=data_format, dilation_rate=dilation_rate, groups=groups, activation=activation,
                          use_bias=use_bias, kernel_initializer=kernel_initializer,
                          bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                          bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                          kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)

    return type(name, (BaseConv,), {"__init__": __init__, "__doc__": f"{rank}-D convolution layer.",
                                    "__module__": __name__})


Conv1D = _conv_class("Conv1D", 1)
Conv2D = _conv_class("Conv2D", 2)
Conv3D = _conv_class("Conv3D", 3)


def _transpose_size(size, kernel, stride, padding, output_padding, dilation):
    """Keras 3's `_get_output_shape_given_tf_padding` for one spatial axis."""
    if size is None:
        return None
    kernel = (kernel - 1) * dilation + 1
    if padding == "valid":
        output_padding = max(kernel, stride) - kernel if output_padding is None else output_padding
        return (size - 1) * stride + kernel + output_padding
    if output_padding is None:
        return size * stride
    return (size - 1) * stride + kernel % 2 + output_padding


class BaseConvTranspose(_ConvLayer):
    """N-D transposed convolution: kernel `kernel_size + (filters, in)`, bias `(filters,)`."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", output_padding=None,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.filters = filters
        self._setup(rank, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                    bias_initializer, bias_regularizer, bias_constraint)
        self.output_padding = None if output_padding is None else \
            standardize_tuple(output_padding, rank, "output_padding", allow_zero=True)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={filters}.")
        if not all(self.kernel_size):
            raise ValueError(f"The argument `kernel_size` cannot contain 0. Received kernel_size={self.kernel_size}.")
        if not all(self.strides):
            raise ValueError(f"The argument `strides` cannot contains 0. Received strides={self.strides}.")
        for i, (op, st) in enumerate(zip(self.output_padding or (), self.strides)):
            if op >= st:
                raise ValueError("`output_padding` must be strictly less than `strides` for all dimensions. "
                                 f"At dimension {i}, `output_padding` is {op} but `strides` is {st}. "
                                 f"Received: output_padding={self.output_padding}, strides={self.strides}")
        _check_geometry(self.kernel_size, self.strides, self.dilation_rate)

    def build(self, input_shape):
        input_channel = self._input_channel(input_shape)
        self._set_channel_spec(input_channel)
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (self.filters, input_channel),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self._add_bias(self.filters)
        self.built = True

    def call(self, inputs):
        static = tuple(inputs.shape)
        if None in static:  # an unknown size (tf.function input_signature): the same formula on tf.shape's values
            dynamic = a.shape(inputs)
            static = tuple(dynamic[i] if d is None else d for i, d in enumerate(static))
        shape = self.compute_output_shape(static)
        if any(hasattr(d, "dtype") for d in shape):
            shape = a.stack([a.cast(d, "int32") if hasattr(d, "dtype") else d for d in shape])
        fn = c.conv1d_transpose if self.rank == 1 else c.conv2d_transpose
        stride = self.strides[0] if self.rank == 1 else self.strides
        dilation = self.dilation_rate[0] if self.rank == 1 else self.dilation_rate
        outputs = fn(inputs, self.kernel, shape, stride, padding=self._tf_padding, data_format=self._tf_format,
                     dilations=dilation)
        return self._finish(outputs)

    def compute_output_shape(self, input_shape):
        last = self.data_format == "channels_last"
        spatial = input_shape[1:-1] if last else input_shape[2:]
        out = tuple(_transpose_size(n, k, st, self.padding, None if self.output_padding is None else op, d)
                    for n, k, st, op, d in zip(spatial, self.kernel_size, self.strides,
                                               self.output_padding or (None,) * self.rank, self.dilation_rate))
        return (input_shape[0],) + out + (self.filters,) if last else (input_shape[0], self.filters) + out

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding, "output_padding": self.output_padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate,
                **self._tail_config(), "kernel_initializer": _ser_init(self.kernel_initializer),
                "bias_initializer": _ser_init(self.bias_initializer),
                "kernel_regularizer": _ser_reg(self.kernel_regularizer),
                "bias_regularizer": _ser_reg(self.bias_regularizer),
                "activity_regularizer": _ser_reg(self.activity_regularizer),
                "kernel_constraint": _ser_con(self.kernel_constraint),
                "bias_constraint": _ser_con(self.bias_constraint)}


def _conv_transpose_class(name, rank):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        BaseConvTranspose.__init__(self, rank, filters, kernel_size, strides=strides, padding=padding,
                                   output_padding=output_padding, data_format=data_format,
                                   dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                                   kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                                   kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                                   activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                                   bias_constraint=bias_constraint, **kwargs)

    return type(name, (BaseConvTranspose,), {"__init__": __init__, "__module__": __name__,
                                             "__doc__": f"{rank}-D transposed convolution layer."})


Conv1DTranspose = _conv_transpose_class("Conv1DTranspose", 1)
Conv2DTranspose = _conv_transpose_class("Conv2DTranspose", 2)


def _depthwise_strides(layer):
    return [1, 1] + list(layer.strides) if layer.data_format == "channels_first" else [1] + list(layer.strides) + [1]


class DepthwiseConv2D(_ConvLayer):
    """2-D depthwise convolution: kernel `(kh, kw, in, depth_multiplier)` named 'kernel', bias `(in * mult,)`."""

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1, data_format=None,
                 dilation_rate=(1, 1), activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.depth_multiplier = depth_multiplier
        self._setup(2, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                    bias_initializer, bias_regularizer, bias_constraint)
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        if depth_multiplier is not None and depth_multiplier <= 0:
            raise ValueError("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. "
                             f"Received depth_multiplier={depth_multiplier}.")
        _check_geometry(self.kernel_size, self.strides)

    def build(self, input_shape):
        input_channel = self._input_channel(input_shape)
        self._set_channel_spec(input_channel)
        self.compute_output_shape(input_shape)
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (input_channel, self.depth_multiplier),
                                      initializer=self.depthwise_initializer,
                                      regularizer=self.depthwise_regularizer, constraint=self.depthwise_constraint)
        self._add_bias(self.depth_multiplier * input_channel)
        self.built = True

    def call(self, inputs):
        outputs = c.depthwise_conv2d(inputs, self.kernel, _depthwise_strides(self), self._tf_padding,
                                     self._tf_format, self.dilation_rate)
        return self._finish(outputs)

    def compute_output_shape(self, input_shape):
        return conv_output_shape(input_shape, self.depth_multiplier * self._input_channel(input_shape),
                                 self.kernel_size, self.strides, self.padding, self.data_format, self.dilation_rate)

    def get_config(self):
        return {**super().get_config(), "depth_multiplier": self.depth_multiplier, **self._geometry_config(),
                **self._tail_config(), "depthwise_initializer": _ser_init(self.depthwise_initializer),
                "bias_initializer": _ser_init(self.bias_initializer),
                "depthwise_regularizer": _ser_reg(self.depthwise_regularizer),
                "bias_regularizer": _ser_reg(self.bias_regularizer),
                "activity_regularizer": _ser_reg(self.activity_regularizer),
                "depthwise_constraint": _ser_con(self.depthwise_constraint),
                "bias_constraint": _ser_con(self.bias_constraint)}


class SeparableConv2D(_ConvLayer):
    """Depthwise then pointwise 2-D convolution: 'depthwise_kernel' `(kh, kw, in, mult)`, 'pointwise_kernel'
    `(1, 1, in * mult, filters)`, bias `(filters,)`."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, pointwise_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.filters, self.depth_multiplier = filters, depth_multiplier
        self._setup(2, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                    bias_initializer, bias_regularizer, bias_constraint)
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)
        if depth_multiplier is not None and depth_multiplier <= 0:
            raise ValueError("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. "
                             f"Received depth_multiplier={depth_multiplier}.")
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={filters}.")
        _check_geometry(self.kernel_size, self.strides)

    def build(self, input_shape):
        input_channel = self._input_channel(input_shape)
        self._set_channel_spec(input_channel)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (input_channel, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel", shape=(1, 1, self.depth_multiplier * input_channel, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)
        self._add_bias(self.filters)
        self.built = True

    def call(self, inputs):
        outputs = c.separable_conv2d(inputs, self.depthwise_kernel, self.pointwise_kernel,
                                     _depthwise_strides(self), self._tf_padding, self._tf_format,
                                     self.dilation_rate)
        return self._finish(outputs)

    def compute_output_shape(self, input_shape):
        return conv_output_shape(input_shape, self.filters, self.kernel_size, self.strides, self.padding,
                                 self.data_format, self.dilation_rate)

    def get_config(self):
        return {**super().get_config(), "depth_multiplier": self.depth_multiplier, "filters": self.filters,
                **self._geometry_config(), **self._tail_config(),
                "depthwise_initializer": _ser_init(self.depthwise_initializer),
                "pointwise_initializer": _ser_init(self.pointwise_initializer),
                "bias_initializer": _ser_init(self.bias_initializer),
                "depthwise_regularizer": _ser_reg(self.depthwise_regularizer),
                "pointwise_regularizer": _ser_reg(self.pointwise_regularizer),
                "bias_regularizer": _ser_reg(self.bias_regularizer),
                "activity_regularizer": _ser_reg(self.activity_regularizer),
                "depthwise_constraint": _ser_con(self.depthwise_constraint),
                "pointwise_constraint": _ser_con(self.pointwise_constraint),
                "bias_constraint": _ser_con(self.bias_constraint)}
