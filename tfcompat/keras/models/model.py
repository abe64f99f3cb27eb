"""`keras.Model`: a Layer with training (the Trainer mixin); subclassed (`call`) or functional
(`Model(inputs, outputs)`, run by models/functional.py)."""
import numpy as np

from ...framework.convert import convert_to_tensor
from .. import backend as K
from ..layers.base import Layer
from ..trainer import Trainer


class Model(Trainer, Layer):
    """Keras 3's Model: `Model(inputs, outputs)` gives a functional model; a subclass defines `call`."""

    def __new__(cls, *args, **kwargs):
        if cls is Model and (len(args) >= 2 or "outputs" in kwargs or ("inputs" in kwargs and args)):
            from .functional import Functional
            return Functional.__new__(Functional, *args, **kwargs)
        return Layer.__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        Trainer.__init__(self)
        if len(args) >= 2 or "outputs" in kwargs or ("inputs" in kwargs and args):
            from .functional import init_graph
            init_graph(self, *args, **kwargs)
            return
        if args:
            raise TypeError(f"Model.__init__() takes 1 positional argument but {len(args) + 1} were given")
        layer_kwargs = {k: kwargs.pop(k) for k in ("name", "trainable", "dtype", "autocast") if k in kwargs}
        for k in ("input_shape", "input_dim", "batch_input_shape", "batch_size"):
            if k in kwargs:
                layer_kwargs[k] = kwargs.pop(k)
        if kwargs:
            raise TypeError(f"Invalid keyword argument(s) passed to Model: {sorted(kwargs)}. Valid keyword "
                            "arguments: ['name', 'trainable', 'dtype', 'autocast']")
        Layer.__init__(self, **layer_kwargs)
        self.__dict__["_graph"] = None

    @property
    def layers(self):
        return [layer for layer in self._layers if type(layer).__name__ != "InputLayer" or self._graph is not None]

    def call(self, *args, **kwargs):
        if self.__dict__.get("_graph") is not None:
            from .functional import run_graph
            return run_graph(self, *args, **kwargs)
        raise NotImplementedError(f"Model {type(self).__name__} does not have a `call()` method implemented.")

    def build(self, input_shape=None):
        """Builds a subclassed model by calling it on zeros of `input_shape` (unknown dims taken as 1)."""
        if self.built or input_shape is None:
            self.built = True
            return
        def zeros(shape):
            return convert_to_tensor(np.zeros(tuple(1 if d is None else d for d in shape), np.float32))
        is_shape = isinstance(input_shape, (list, tuple)) and all(isinstance(d, (int, type(None)))
                                                                  for d in input_shape)
        dummy = zeros(input_shape) if is_shape else _map_shapes(zeros, input_shape)
        with K.path_scope(self.name, self):
            self.__dict__["_path"] = K.current_path()
            self._call_with_context((dummy,), {"training": False} if self._call_has_training else {})
        self.__dict__["_build_input_shape"] = input_shape
        self.built = True

    def build_from_config(self, config):
        if config and config.get("input_shape") is not None:
            from ..layers.base import _map_shape_lists
            self.build(_map_shape_lists(config["input_shape"]))

    def get_build_config(self):
        if self.__dict__.get("_graph") is not None:
            return {"input_shape": None}  # as Keras 3's Functional
        return Layer.get_build_config(self)

    def _maybe_build(self, inputs):
        if self.built:
            return
        self.__dict__["_path"] = self.name
        if type(self).build is Model.build:  # Keras 3: a subclassed model builds while it runs
            from ..layers.base import _standard_shape
            self.__dict__["_build_input_shape"] = _map_nest(lambda x: _standard_shape(x.shape), inputs)
            self.built = True
            return
        super()._maybe_build(inputs)

    @property
    def inputs(self):
        graph = self.__dict__.get("_graph")
        return None if graph is None else graph.flat_inputs

    @property
    def outputs(self):
        graph = self.__dict__.get("_graph")
        return None if graph is None else graph.flat_outputs

    def get_layer(self, name=None, index=None):
        if index is not None and name is not None:
            raise ValueError(f"Provide only a layer name or a layer index. Received: index={index}, name={name}.")
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(f"Was asked to retrieve layer at index {index} but model only has "
                                 f"{len(self.layers)} layers.")
            return self.layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(f"No such layer: {name}. Existing layers are: {[l.name for l in self.layers]}.")
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False, show_trainable=False,
                layer_range=None):
        from .summary import print_summary
        print_summary(self, line_length, positions, print_fn, expand_nested, show_trainable, layer_range)

    def get_config(self):
        graph = self.__dict__.get("_graph")
        if graph is not None:
            from .functional import graph_config
            return graph_config(self)
        return Layer.get_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        if "layers" in config and "input_layers" in config:
            from .functional import functional_from_config
            return functional_from_config(cls, config, custom_objects)
        return super().from_config(config)


def _map_nest(fn, x):
    if isinstance(x, dict):
        return {k: _map_nest(fn, v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_map_nest(fn, v) for v in x]
    return fn(x) if hasattr(x, "shape") else None


def _map_shapes(fn, shapes):
    if isinstance(shapes, dict):
        return {k: _map_shapes(fn, v) for k, v in shapes.items()}
    if isinstance(shapes, (list, tuple)) and shapes and isinstance(shapes[0], (list, tuple, dict)):
        return [_map_shapes(fn, s) for s in shapes]
    return fn(shapes)

