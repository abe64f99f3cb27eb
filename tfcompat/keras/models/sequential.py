"""`keras.Sequential`: a stack of single-input layers; built from an Input (or a first layer's
`input_shape`) at once, or from the shape of its first call."""
from .. import backend as K
from ..layers.base import Layer, set_keras_mask
from ..layers.input_layer import InputLayer
from .model import Model


class Sequential(Model):
    def __init__(self, layers=None, trainable=True, name=None, **kwargs):
        Model.__init__(self, trainable=trainable, name=name, **kwargs)
        self.__dict__["_stack"] = []
        self.__dict__["_input_layer"] = None
        self.__dict__["_output"] = None
        for layer in layers or ():
            self.add(layer, rebuild=False)
        self._maybe_rebuild()

    @property
    def layers(self):
        return list(self._stack)

    def add(self, layer, rebuild=True):
        """Appends a layer (a KerasTensor from keras.Input adds its InputLayer)."""
        if hasattr(layer, "_keras_history") and not isinstance(layer, Layer):
            origin = layer._keras_history[0].layer
            if isinstance(origin, InputLayer):
                layer = origin
        if isinstance(layer, InputLayer):
            if self._input_layer is not None or self._stack:
                raise ValueError(f"Sequential model '{self.name}' has already been configured to use input shape "
                                 f"{self._input_layer.batch_shape if self._input_layer else None}. You cannot "
                                 f"add a different Input layer to it.")
            self.__dict__["_input_layer"] = layer
        elif not isinstance(layer, Layer):
            raise ValueError("Only instances of `keras.Layer` can be added to a Sequential model. Received: "
                             f"{layer} (of type {type(layer)})")
        else:
            names = [existing.name for existing in self._stack]
            if layer.name in names:
                raise ValueError(f"All layers added to a Sequential model should have unique names. Name "
                                 f"'{layer.name}' is already the name of a layer in this model. Update the `name` "
                                 "argument to pass a unique name.")
            if not self._stack and self._input_layer is None and layer._batch_input_shape is not None:
                self.__dict__["_input_layer"] = InputLayer(batch_shape=layer._batch_input_shape)
            self._stack.append(layer)
            self._track(layer)
        if rebuild:
            self._maybe_rebuild()
        else:
            self.built = False

    def pop(self, rebuild=True):
        layer = self._stack.pop()
        self._layers.remove(layer)
        self.built = False
        self.__dict__["_output"] = None
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _maybe_rebuild(self):
        self.built = False
        self.__dict__["_output"] = None
        if self._input_layer is not None and self._stack:
            self.build(self._input_layer.batch_shape)
        elif self._input_layer is not None:
            self.built = False

    def build(self, input_shape=None):
        if input_shape is None:
            raise ValueError("You must provide an `input_shape` argument.")
        input_shape = tuple(input_shape)
        if not self._stack:
            raise ValueError(f"Sequential model {self.name} cannot be built because it has no layers. "
                             "Call `model.add(layer)`.")
        if self._input_layer is None or self._input_layer.batch_shape != input_shape:
            self.__dict__["_input_layer"] = InputLayer(batch_shape=input_shape, dtype=self._stack[0].dtype)
        x = self._input_layer.output
        K.unique_name("functional")  # Keras 3 builds an inner Functional here, which takes a model name
        with K.path_scope(self.name, self):
            self.__dict__["_path"] = K.current_path()
            for layer in self._stack:
                x = layer(x)
        self.__dict__["_output"] = x
        self.built = True

    def _maybe_build(self, inputs):
        if not self.built:
            self.build(tuple(inputs.shape))

    def call(self, inputs, training=None, mask=None):
        if mask is not None:  # Keras 3 attaches a mask given to the model to its input
            set_keras_mask(inputs, mask)
        for layer in self._stack:
            kwargs = {}
            if training is not None and layer._call_has_training:
                kwargs["training"] = training
            inputs = layer(inputs, **kwargs)
        return inputs

    @property
    def inputs(self):
        return [self._input_layer.output] if self.built and self._input_layer is not None else None

    @property
    def outputs(self):
        return [self._output] if self._output is not None else None

    @property
    def input(self):
        if self._input_layer is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined input yet.")
        return self._input_layer.output

    @property
    def output(self):
        if self._output is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined outputs yet.")
        return self._output

    @property
    def input_shape(self):
        return self.input.shape

    @property
    def output_shape(self):
        return self.output.shape

    def compute_output_shape(self, input_shape):
        shape = tuple(input_shape)
        for layer in self._stack:
            shape = layer.compute_output_shape(shape)
        return shape

    def get_config(self):
        from ..layers import serialize
        layers = []
        if self._input_layer is not None:
            layers.append(serialize(self._input_layer))
        layers += [serialize(layer) for layer in self._stack]
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": Layer.get_config(self)["dtype"], "layers": layers}
        if self.built and self._input_layer is not None:
            config["build_input_shape"] = self._input_layer.batch_shape
        return config

    def get_build_config(self):
        if self.built and self._input_layer is not None:
            return {"input_shape": self._input_layer.batch_shape}
        return None

    def build_from_config(self, config):
        if config and config.get("input_shape") is not None and not self.built:
            self.build(config["input_shape"])

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ..layers import deserialize
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for spec in config["layers"]:
            model.add(deserialize(spec, custom_objects=custom_objects), rebuild=False)
        model._maybe_rebuild()
        if not model.built and config.get("build_input_shape"):
            model.build(config["build_input_shape"])
        return model
