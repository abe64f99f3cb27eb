"""`keras.Input`, `InputLayer` and `KerasTensor`: symbolic inputs of the functional API; calling a layer on
KerasTensors records a Node and gives output KerasTensors (shapes by `compute_output_shape` or by running
`call` on stand-in values with two batch sizes: dimensions that differ are None)."""
import numpy as np

from ...framework import dtypes as _dt
from ...framework.convert import convert_to_tensor
from .. import backend as K
from .base import Layer, _flat, _map, has_mask, input_mask, set_keras_mask, warn_mask_dropped


class KerasTensor:
    """A symbolic tensor of the functional API: shape (None for unknown dims), dtype name, name."""

    def __init__(self, shape, dtype="float32", sparse=False, ragged=False, name=None, history=None):
        self.shape = tuple(shape)
        self.dtype = _dt.as_dtype(dtype).name
        self.sparse, self.ragged = sparse, ragged
        self.name = name if name is not None else K.unique_name("keras_tensor")
        self._keras_history = history

    @property
    def ndim(self):
        return len(self.shape)

    def __repr__(self):
        return (f"<KerasTensor shape={self.shape}, dtype={self.dtype}, sparse={self.sparse}, "
                f"ragged={self.ragged}, name={self.name}>")

    def __bool__(self):
        raise TypeError("A symbolic KerasTensor cannot be used as a boolean.")

    def __array__(self, *args, **kwargs):
        raise ValueError("A KerasTensor is symbolic: it's a placeholder for a shape an a dtype. It doesn't have any "
                         "actual numerical value. You cannot convert it to a NumPy array.")

    def __tf_tensor__(self, dtype=None, name=None):
        raise ValueError(
            f"A KerasTensor cannot be used as input to a TensorFlow function. A KerasTensor is a symbolic "
            "placeholder for a shape and dtype, used when constructing Keras Functional models or Keras Functions. "
            "You can only use it as input to a Keras layer or a Keras operation (from the namespaces `keras.layers` "
            "and `keras.operations`). You are likely doing something like:\n\n```\nx = Input(...)\n...\n"
            "tf_fn(x)  # Invalid.\n```\n\nWhat you should do instead is wrap `tf_fn` in a layer:\n\n```\n"
            "class MyLayer(Layer):\n    def call(self, x):\n        return tf_fn(x)\n\nx = MyLayer()(x)\n```\n")

    def _stand_in(self, size):
        """A zero array of this shape, unknown dims set to `size`."""
        shape = tuple(size if d is None else d for d in self.shape)
        return convert_to_tensor(np.zeros(shape, dtype=_dt.as_dtype(self.dtype).as_numpy_dtype))


def is_keras_tensor(x):
    return isinstance(x, KerasTensor)


class Node:
    """One call of a layer on KerasTensors: its arguments (with KerasTensors in them) and output KerasTensors."""

    def __init__(self, layer, args, kwargs, outputs):
        self.operation = self.layer = layer
        self.arguments = (args, kwargs)
        self.outputs = outputs
        self.input_tensors = [x for x in _flat(list(args) + list(kwargs.values())) if is_keras_tensor(x)]
        self.output_tensors = _flat(outputs)
        if len(self.input_tensors) == 1 and args and is_keras_tensor(args[0]):
            self.input_tensors = self.input_tensors[0]
        if not isinstance(outputs, (list, tuple, dict)):
            self.output_tensors = outputs

    @property
    def parent_nodes(self):
        return [t._keras_history[0] for t in _flat(self.input_tensors) if t._keras_history is not None]


def symbolic_call(layer, args, kwargs):
    """Builds `layer` from the KerasTensor shapes, infers the outputs and records the call as a Node."""
    inputs = args[0] if args else kwargs.get("inputs")
    if not layer.built:
        layer._maybe_build(inputs)
    outputs = _output_spec(layer, args, kwargs)
    node = Node(layer, args, kwargs, None)
    index = [0]

    def make(spec):
        t = KerasTensor(spec.shape, spec.dtype, history=(node, len(layer._inbound_nodes), index[0]))
        index[0] += 1
        return t
    node.outputs = outputs = _map(make, outputs)
    node.output_tensors = outputs if not isinstance(outputs, (list, tuple, dict)) else _flat(outputs)
    layer._inbound_nodes.append(node)
    previous_mask = kwargs.get("mask")
    if previous_mask is None:
        previous_mask = input_mask(inputs)
    if layer.supports_masking:
        _set_symbolic_masks(layer, inputs, outputs, previous_mask)
    elif has_mask(previous_mask):
        warn_mask_dropped(layer)
    return outputs


def _set_symbolic_masks(layer, inputs, outputs, previous_mask):
    """The output KerasTensors' masks: `compute_mask` on stand-in values of two batch sizes (unknown dims are
    where they differ); a mask passed through unchanged is the input's mask KerasTensor itself."""
    if previous_mask is None and type(layer).compute_mask is Layer.compute_mask:
        return
    runs, originals = [], {}
    for size in (1, 2):
        def stand_in(t):
            if not is_keras_tensor(t):
                return t
            value = t._stand_in(size)
            originals[id(value)] = (value, t)
            return value
        runs.append(_flat(layer.compute_mask(_map(stand_in, inputs), _map(stand_in, previous_mask))))
    for out, m1, m2 in zip(_flat(outputs), runs[0], runs[1]):
        if m1 is None:
            continue
        if id(m1) in originals and originals[id(m1)][0] is m1:
            mask = originals[id(m1)][1]
        else:
            shape = tuple(d1 if d1 == d2 else None for d1, d2 in zip(m1.shape, m2.shape))
            mask = KerasTensor(shape, m1.dtype.name)
            mask._keras_mask_of = out  # at run time it is the mask of `out`'s value
        set_keras_mask(out, mask)


def _output_spec(layer, args, kwargs):
    """(shape, dtype) leaves of the layer's outputs for these symbolic arguments."""
    if type(layer).compute_output_shape is not Layer.compute_output_shape and \
            getattr(layer, "_output_spec_by_shape", True):
        shapes = layer.compute_output_shape(_map(lambda t: t.shape if is_keras_tensor(t) else t, args[0]))
        dtype = layer.compute_dtype
        if isinstance(shapes, tuple) and all(d is None or isinstance(d, (int, np.integer)) for d in shapes):
            return _Spec(shapes, dtype)
        return _map_shapes(shapes, dtype)
    saved = [v.numpy() for v in layer.weights]
    try:
        runs = []
        for size in (1, 2):
            a = _map(lambda t: t._stand_in(size) if is_keras_tensor(t) else t, args)
            kw = _map(lambda t: t._stand_in(size) if is_keras_tensor(t) else t, kwargs)
            runs.append(layer(*a, **kw))
    finally:
        for v, value in zip(layer.weights, saved):
            v.assign(value)
        layer._clear_losses()
    flat1, flat2 = _flat(runs[0]), _flat(runs[1])
    specs = [_Spec(tuple(d1 if d1 == d2 else None for d1, d2 in zip(o1.shape, o2.shape)), o1.dtype.name)
             for o1, o2 in zip(flat1, flat2)]
    return _pack(runs[0], iter(specs))


def _map_shapes(shapes, dtype):
    if isinstance(shapes, dict):
        return {k: _map_shapes(v, dtype) for k, v in shapes.items()}
    if isinstance(shapes, (list, tuple)) and shapes and isinstance(shapes[0], (list, tuple, dict)):
        return type(shapes)(_map_shapes(s, dtype) for s in shapes) if isinstance(shapes, list) else \
            tuple(_map_shapes(s, dtype) for s in shapes)
    return _Spec(shapes, dtype)


class _Spec:
    """The shape and dtype of one output (a leaf that structure maps do not enter)."""

    def __init__(self, shape, dtype):
        self.shape, self.dtype = tuple(shape), dtype


def _pack(structure, specs):
    if isinstance(structure, list):
        return [_pack(s, specs) for s in structure]
    if isinstance(structure, tuple):
        return tuple(_pack(s, specs) for s in structure)
    if isinstance(structure, dict):
        return {k: _pack(v, specs) for k, v in structure.items()}
    return next(specs)


class InputLayer(Layer):
    """The layer behind `keras.Input`: no computation, its output is the input KerasTensor."""

    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, ragged=None, batch_shape=None,
                 input_tensor=None, optional=False, name=None, **kwargs):
        if "input_shape" in kwargs:
            shape = kwargs.pop("input_shape")
        if "batch_input_shape" in kwargs:
            batch_shape = kwargs.pop("batch_input_shape")
        if shape is not None and batch_shape is not None:
            raise ValueError("You cannot pass both `shape` and `batch_shape` at the same time.")
        if batch_size is not None and batch_shape is not None:
            raise ValueError("You cannot pass both `batch_size` and `batch_shape` at the same time.")
        if shape is None and batch_shape is None:
            raise ValueError("You must pass a `shape` argument.")
        if shape is not None:
            shape = (shape,) if isinstance(shape, int) else tuple(shape)
            batch_shape = (batch_size,) + shape
        super().__init__(name=name or K.unique_name("input_layer"), dtype=dtype, **kwargs)
        self._batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        self.sparse, self.ragged, self.optional = bool(sparse), bool(ragged), optional
        self.built = True
        tensor = KerasTensor(self._batch_shape, self._dtype, self.sparse, self.ragged, name=name)
        node = Node(self, (), {}, tensor)
        tensor._keras_history = (node, 0, 0)
        self._inbound_nodes.append(node)
        self._output = tensor

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def output(self):
        return self._output

    def call(self):
        return None

    def get_config(self):
        return {"batch_shape": self._batch_shape, "dtype": self.dtype, "sparse": self.sparse,
                "ragged": self.ragged, "name": self.name, "optional": self.optional}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def Input(shape=None, batch_size=None, dtype=None, sparse=None, ragged=None, batch_shape=None, name=None,
          tensor=None, optional=False):
    """A symbolic input KerasTensor (shape without the batch dimension, which is None unless batch_size)."""
    return InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse, ragged=ragged,
                      batch_shape=batch_shape, input_tensor=tensor, optional=optional, name=name).output
