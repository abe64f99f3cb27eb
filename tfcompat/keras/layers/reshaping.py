"""Spatial reshaping layers: ZeroPadding1D/2D, UpSampling1D/2D (nearest, bilinear) and Cropping1D/2D, with
Keras 3's arguments, checks, output shapes and configs."""
import numpy as np

from ...framework.convert import convert_to_tensor
from ...ops import linalg_ops as la
from ...ops import slice_ops as s
from .base import InputSpec, Layer
from .convolutional import standardize_data_format, standardize_tuple


def _pairs(value, what, kind):
    """An int, 2 ints or 2 pairs -> ((top, bottom), (left, right)), as Keras 3's ZeroPadding2D/Cropping2D."""
    if isinstance(value, int):
        if kind == "crop" and value < 0:
            raise ValueError(f"`cropping` cannot be negative. Received: cropping={value}.")
        return ((value, value), (value, value))
    if hasattr(value, "__len__"):
        if len(value) != 2:
            raise ValueError(f"`{what}` should have two elements. Received: {what}={value}.")
        return (standardize_tuple(value[0], 2, f"1st entry of {what}", allow_zero=True),
                standardize_tuple(value[1], 2, f"2nd entry of {what}", allow_zero=True))
    raise ValueError(f"`{what}` should be either an int, a tuple of 2 ints (symmetric_height_crop, "
                     "symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), "
                     f"(left_crop, right_crop)). Received: {what}={value}.")


class ZeroPadding1D(Layer):
    """Pads the steps axis with zeros (`padding`: an int or (left, right))."""

    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = standardize_tuple(padding, 2, "padding", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        pads = [[0, 0], list(self.padding), [0, 0]] if self.data_format == "channels_last" else \
            [[0, 0], [0, 0], list(self.padding)]
        return s.pad(inputs, pads)

    def compute_output_shape(self, input_shape):
        out = list(input_shape)
        axis = 1 if self.data_format == "channels_last" else 2
        if out[axis] is not None:
            out[axis] += sum(self.padding)
        return tuple(out)

    def get_config(self):
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}


class ZeroPadding2D(Layer):
    """Pads rows and columns with zeros (`padding`: an int, 2 ints or ((top, bottom), (left, right)))."""

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = _pairs(padding, "padding", "pad")
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        pads = [[0, 0], *map(list, self.padding), [0, 0]] if self.data_format == "channels_last" else \
            [[0, 0], [0, 0], *map(list, self.padding)]
        return s.pad(inputs, pads)

    def compute_output_shape(self, input_shape):
        out = list(input_shape)
        first = 2 if self.data_format == "channels_first" else 1
        for i in range(2):
            if out[first + i] is not None:
                out[first + i] += sum(self.padding[i])
        return tuple(out)

    def get_config(self):
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}


class UpSampling1D(Layer):
    """Repeats each step `size` times."""

    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(size, int) or size <= 0:
            raise ValueError(f"Argument `size` should be a positive integer. Received: size={size}")
        self.size = size
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return s.repeat(inputs, self.size, axis=1)

    def compute_output_shape(self, input_shape):
        steps = None if input_shape[1] is None else input_shape[1] * self.size
        return (input_shape[0], steps, input_shape[2])

    def get_config(self):
        return {**super().get_config(), "size": self.size}


def _bilinear_matrix(n_in, factor):
    """(n_in * factor, n_in) weights of TF's half-pixel-centre bilinear resize along one axis."""
    n_out = n_in * factor
    src = (np.arange(n_out) + 0.5) / factor - 0.5
    low = np.floor(src)
    frac = src - low
    lo = np.clip(low, 0, n_in - 1).astype(np.int64)
    hi = np.clip(low + 1, 0, n_in - 1).astype(np.int64)
    matrix = np.zeros((n_out, n_in), np.float64)
    np.add.at(matrix, (np.arange(n_out), lo), 1 - frac)
    np.add.at(matrix, (np.arange(n_out), hi), frac)
    return matrix


class UpSampling2D(Layer):
    """Scales rows and columns by `size`: 'nearest' repeats them, 'bilinear' interpolates (half-pixel centres)."""

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.size = standardize_tuple(size, 2, "size")
        self.interpolation = interpolation.lower()
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        first = 1 if self.data_format == "channels_last" else 2
        if self.interpolation == "nearest":
            return s.repeat(s.repeat(inputs, self.size[0], axis=first), self.size[1], axis=first + 1)
        if self.interpolation != "bilinear":
            raise NotImplementedError(f"UpSampling2D interpolation={self.interpolation!r} is not implemented yet "
                                      "in tfcompat")
        h, w = inputs.shape[first], inputs.shape[first + 1]
        mh = convert_to_tensor(_bilinear_matrix(h, self.size[0]), inputs.dtype)
        mw = convert_to_tensor(_bilinear_matrix(w, self.size[1]), inputs.dtype)
        spec = "oh,nhwc,pw->nopc" if first == 1 else "oh,nchw,pw->ncop"
        return la.einsum(spec, mh, inputs, mw)

    def compute_output_shape(self, input_shape):
        first = 1 if self.data_format == "channels_last" else 2
        out = list(input_shape)
        for i in range(2):
            if out[first + i] is not None:
                out[first + i] *= self.size[i]
        return tuple(out)

    def get_config(self):
        return {**super().get_config(), "size": self.size, "data_format": self.data_format,
                "interpolation": self.interpolation}


class Cropping1D(Layer):
    """Removes (start, end) steps."""

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(**kwargs)
        self.cropping = standardize_tuple(cropping, 2, "cropping", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        start, end = self.cropping
        n = inputs.shape[1]
        if n is not None and sum(self.cropping) >= n:
            raise ValueError("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. "
                             f"Received: inputs.shape={inputs.shape}, cropping={self.cropping}")
        return inputs[:, start:-end if end else None, :]

    def compute_output_shape(self, input_shape):
        n = input_shape[1]
        if n is not None:
            n -= sum(self.cropping)
            if n <= 0:
                raise ValueError("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. "
                                 f"Received: input_shape={input_shape}, cropping={self.cropping}")
        return (input_shape[0], n, input_shape[2])

    def get_config(self):
        return {**super().get_config(), "cropping": self.cropping}


class Cropping2D(Layer):
    """Removes rows and columns from the edges (`cropping`: an int, 2 ints or ((top, bottom), (left, right)))."""

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.cropping = _pairs(cropping, "cropping", "crop")
        self.input_spec = InputSpec(ndim=4)

    def _check(self, shape, what):
        first = 1 if self.data_format == "channels_last" else 2
        if any(shape[first + i] is not None and sum(self.cropping[i]) >= shape[first + i] for i in range(2)):
            raise ValueError("Values in `cropping` argument should be smaller than the corresponding spatial "
                             f"dimension of the input. Received: {what}={shape}, cropping={self.cropping}")
        return first

    def call(self, inputs):
        first = self._check(inputs.shape, "inputs.shape")
        (top, bottom), (left, right) = self.cropping
        key = [slice(None)] * 4
        key[first] = slice(top, -bottom if bottom else None)
        key[first + 1] = slice(left, -right if right else None)
        return inputs[tuple(key)]

    def compute_output_shape(self, input_shape):
        first = self._check(input_shape, "input_shape")
        out = list(input_shape)
        for i in range(2):
            if out[first + i] is not None:
                out[first + i] -= sum(self.cropping[i])
        return tuple(out)

    def get_config(self):
        return {**super().get_config(), "cropping": self.cropping, "data_format": self.data_format}

