"""Merging layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot (lists of inputs)."""
from ...ops import array_ops as a
from ...ops import math_ops as m
from .base import Layer


class _Merge(Layer):
    """Combines a list of same-shaped inputs (broadcasting as Keras 3 does) element by element."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def build(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or not input_shape or \
                not isinstance(input_shape[0], (list, tuple)):
            raise ValueError(f"A merge layer should be called on a list of inputs. Received: "
                             f"input_shape={input_shape} (not a list of shapes)")
        self.built = True

    def call(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = self._merge(out, x)
        return self._finish(out, len(inputs))

    def _finish(self, out, n):
        return out

    def compute_mask(self, inputs, mask=None):
        """The OR of the inputs' masks (None when any input has none), as Keras 3's Merge."""
        mask = _check_masks(inputs, mask)
        if mask is None or any(x is None for x in mask):
            return None
        out = mask[0]
        for x in mask[1:]:
            out = m.logical_or(out, x)
        return out

    def compute_output_shape(self, input_shape):
        shape = list(input_shape[0])
        for other in input_shape[1:]:
            if len(other) > len(shape):
                shape = [None] * (len(other) - len(shape)) + shape
            for i, d in enumerate(other[::-1], 1):
                if shape[-i] is None or shape[-i] == 1:
                    shape[-i] = d
        return tuple(shape)


class Add(_Merge):
    def _merge(self, x, y):
        return x + y


class Subtract(_Merge):
    def build(self, input_shape):
        if len(input_shape) != 2:
            raise ValueError(f"A `Subtract` layer should be called on exactly 2 inputs. Received: "
                             f"input_shape={input_shape}")
        super().build(input_shape)

    def _merge(self, x, y):
        return x - y


class Multiply(_Merge):
    def _merge(self, x, y):
        return x * y


class Average(_Merge):
    def _merge(self, x, y):
        return x + y

    def _finish(self, out, n):
        return out / n


class Maximum(_Merge):
    def _merge(self, x, y):
        return m.maximum(x, y)

    def call(self, inputs):
        return _merge_masked(self._merge, inputs)


class Minimum(_Merge):
    def _merge(self, x, y):
        return m.minimum(x, y)

    def call(self, inputs):
        return _merge_masked(self._merge, inputs)


def _merge_masked(op, inputs):
    """Keras 3's Maximum/Minimum: a masked entry takes the other operand's value; the output mask is the OR."""
    output = output_mask = None
    for x in inputs:
        mask = getattr(x, "_keras_mask", None)
        if mask is not None:
            mask = a.broadcast_to(a.expand_dims(mask, -1), a.shape(x))
        if output is None:
            output, output_mask = x, mask
            continue
        if mask is not None:
            x = a.where(mask, x, output)
        if output_mask is not None:
            output = a.where(output_mask, output, x)
        output_mask = m.logical_or(output_mask, mask) if mask is not None and output_mask is not None else None
        output = op(output, x)
    if output_mask is not None:
        output._keras_mask = m.reduce_any(output_mask, axis=-1)
    return output


def _check_masks(inputs, mask):
    """`mask` as a list matching `inputs` (Keras 3's errors otherwise); None when there is none."""
    if mask is None:
        return None
    if not isinstance(mask, (tuple, list)):
        raise ValueError(f"`mask` should be a list. Received: mask={mask}")
    if not isinstance(inputs, (tuple, list)):
        raise ValueError(f"`inputs` should be a list. Received: inputs={inputs}")
    if len(mask) != len(inputs):
        raise ValueError("The lists `inputs` and `mask` should have the same length. Received: "
                         f"inputs={inputs} of length {len(inputs)}, and mask={mask} of length {len(mask)}")
    return mask


class Concatenate(_Merge):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        super().build(input_shape)
        rank = len(input_shape[0])
        axis = self.axis % rank
        for shape in input_shape[1:]:
            if len(shape) != rank or any(d1 is not None and d2 is not None and d1 != d2
                                         for i, (d1, d2) in enumerate(zip(shape, input_shape[0])) if i != axis):
                raise ValueError("A `Concatenate` layer requires inputs with matching shapes except for the "
                                 f"concatenation axis. Received: input_shape={input_shape}")

    def call(self, inputs):
        return a.concat(list(inputs), axis=self.axis)

    def compute_mask(self, inputs, mask=None):
        """Unmasked inputs count as all True; the concatenated masks are reduced over the last axis."""
        mask = _check_masks(inputs, mask)
        if mask is None or all(x is None for x in mask):
            return None
        masks = []
        for x, mask_x in zip(inputs, mask):
            if mask_x is None:
                mask_x = a.ones_like(x, dtype="bool")
            elif len(mask_x.shape) < len(x.shape):
                mask_x = m.logical_or(a.expand_dims(mask_x, -1), a.zeros_like(x, dtype="bool"))
            masks.append(mask_x)
        return m.reduce_any(a.concat(masks, axis=self.axis), axis=-1)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape[0])
        sizes = [s[self.axis] for s in input_shape]
        shape[self.axis] = None if any(d is None for d in sizes) else sum(sizes)
        return tuple(shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


class Dot(_Merge):
    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        self.axes, self.normalize = axes, normalize

    def call(self, inputs):
        from ... import nn
        x, y = inputs
        axes = self.axes if isinstance(self.axes, (list, tuple)) else [self.axes, self.axes]
        axes = [ax % x.shape.rank if i == 0 else ax % y.shape.rank for i, ax in enumerate(axes)]
        if self.normalize:
            x, y = nn.l2_normalize(x, axis=axes[0]), nn.l2_normalize(y, axis=axes[1])
        out = m.reduce_sum(x * y, axis=axes[0]) if x.shape.rank == 2 and axes[0] == axes[1] else None
        if out is None:
            raise NotImplementedError("Dot on inputs of rank > 2 is not implemented yet in tfcompat")
        return a.expand_dims(out, -1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0][0], 1)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}


def _functional(cls):
    def merge(inputs, **kwargs):
        return cls(**kwargs)(inputs)
    merge.__name__ = cls.__name__.lower()
    return merge


add, subtract, multiply, average, maximum, minimum = (_functional(c) for c in (Add, Subtract, Multiply, Average,
                                                                                 Maximum, Minimum))


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes=-1, **kwargs):
    return Dot(axes=axes, **kwargs)(inputs)
