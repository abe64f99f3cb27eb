"""Core layers: Dense, Activation, Dropout, Flatten, Reshape, Permute, RepeatVector, Lambda, Masking, Embedding."""
import numpy as np

from ...framework import dtypes as _dt
from ...ops import array_ops as a
from ...ops import math_ops as m
from ...ops.linalg_ops import tensordot
from ...ops.slice_ops import tile
from ... import nn
from .. import activations, constraints, initializers, regularizers
from .base import InputSpec, Layer

_ser_init, _ser_reg, _ser_con = initializers.serialize, regularizers.serialize, constraints.serialize


def _unbuilt_options(lora_rank, quantization_config):
    if lora_rank is not None:
        raise NotImplementedError("LoRA (`lora_rank`) is not implemented yet in tfcompat")
    if quantization_config is not None:
        raise NotImplementedError("quantized layers (`quantization_config`) are not implemented yet in tfcompat")


class Dense(Layer):
    """`activation(inputs @ kernel + bias)` on the last axis."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None,
                 quantization_config=None, **kwargs):
        _unbuilt_options(lora_rank, quantization_config)
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.units = int(units)
        if self.units <= 0:
            raise ValueError(f"Received an invalid value for `units`, expected a positive integer. "
                             f"Received: units={units}")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.kernel = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer=self.bias_initializer,
                                    regularizer=self.bias_regularizer,
                                    constraint=self.bias_constraint) if self.use_bias else None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs, training=None):
        if inputs.dtype is not self._dtype:
            inputs = a.cast(inputs, self._dtype)
        rank = inputs.shape.rank
        if rank == 2:
            x = m.matmul(inputs, self.kernel)
        else:
            x = tensordot(inputs, self.kernel, [[rank - 1], [0]])
        if self.bias is not None:
            x = x + self.bias
        return self.activation(x) if self.activation is not activations.linear else x

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "activation": activations.serialize(self.activation),
                "use_bias": self.use_bias, "kernel_initializer": _ser_init(self.kernel_initializer),
                "bias_initializer": _ser_init(self.bias_initializer),
                "kernel_regularizer": _ser_reg(self.kernel_regularizer),
                "bias_regularizer": _ser_reg(self.bias_regularizer),
                "kernel_constraint": _ser_con(self.kernel_constraint),
                "bias_constraint": _ser_con(self.bias_constraint), "quantization_config": None}


class Activation(Layer):
    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "activation": activations.serialize(self.activation)}


class Dropout(Layer):
    """Zeroes a `rate` fraction of the inputs (scaling the rest by 1/(1-rate)) when training."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(f"Invalid value received for argument `rate`. Expected a float value between 0 and 1. "
                             f"Received: rate={rate}")
        self.rate, self.noise_shape, self.seed = rate, noise_shape, seed
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            noise_shape = None
            if self.noise_shape is not None:
                noise_shape = [inputs.shape[i] if d is None else d for i, d in enumerate(self.noise_shape)]
            return nn.dropout(inputs, rate=self.rate, noise_shape=noise_shape, seed=self.seed)
        return inputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape}


def _prod(dims):
    return None if any(d is None for d in dims) else int(np.prod(dims, dtype=np.int64))


class Flatten(Layer):
    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"
        self.input_spec = InputSpec(min_ndim=1)
        self.built = True

    def call(self, inputs):
        if self.data_format == "channels_first" and inputs.shape.rank > 2:
            inputs = a.transpose(inputs, [0] + list(range(2, inputs.shape.rank)) + [1])
        if inputs.shape.rank == 1:
            return a.expand_dims(inputs, 1)
        return a.reshape(inputs, (-1, _prod(inputs.shape.as_list()[1:])))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 1 if len(input_shape) == 1 else _prod(input_shape[1:]))

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}


class Reshape(Layer):
    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)
        self.built = True

    def call(self, inputs):
        return a.reshape(inputs, (-1,) + self.compute_output_shape(inputs.shape.as_list())[1:])

    def compute_output_shape(self, input_shape):
        out = list(self.target_shape)
        if -1 in out:
            known = _prod([d for d in out if d != -1])
            total = _prod(input_shape[1:])
            out[out.index(-1)] = None if total is None else total // known
        return (input_shape[0],) + tuple(out)

    def get_config(self):
        return {**super().get_config(), "target_shape": self.target_shape}


class Permute(Layer):
    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` "
                             f"must be consecutive and start from 1. Received dims={dims}")
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)
        self.built = True

    def call(self, inputs):
        return a.transpose(inputs, (0,) + self.dims)

    def compute_output_shape(self, input_shape):
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def get_config(self):
        return {**super().get_config(), "dims": self.dims}


class RepeatVector(Layer):
    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        self.n = n
        if not isinstance(n, int):
            raise TypeError(f"Expected an integer value for `n`, got {type(n)}.")
        self.input_spec = InputSpec(ndim=2)
        self.built = True

    def call(self, inputs):
        return tile(a.expand_dims(inputs, 1), [1, self.n, 1])

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        return {**super().get_config(), "n": self.n}


class Lambda(Layer):
    """Wraps a Python function as a layer (`arguments` are passed as keyword arguments)."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.function, self.arguments = function, arguments or {}
        self._output_shape, self.mask = output_shape, mask
        self.supports_masking = mask is not None
        import inspect
        params = inspect.signature(function).parameters
        self._fn_training = "training" in params
        self._fn_mask = "mask" in params
        self.built = True

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_mask:
            kwargs["mask"] = mask
        if self._fn_training:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        return self.mask(inputs, mask) if callable(self.mask) else self.mask

    def get_config(self):
        """Keras 3's config: a Python lambda as its marshalled bytecode, a named function by name."""
        from ..saving.serialization import serialize_keras_object
        config = {"function": _function_config(self.function)}
        if self._output_shape is not None:
            config["output_shape"] = (_function_config(self._output_shape) if callable(self._output_shape)
                                      else self._output_shape)
        if self.mask is not None:
            config["mask"] = _function_config(self.mask) if callable(self.mask) else serialize_keras_object(self.mask)
        config["arguments"] = serialize_keras_object(self.arguments)
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        """Named functions come back by name; bytecode never runs (Keras 3's safe-mode error, and tfcompat refuses
        it even when unsafe deserialization is asked for)."""
        from ..saving.serialization import deserialize_keras_object
        config = dict(config)
        for key in ("function", "output_shape", "mask"):
            value = config.get(key)
            if isinstance(value, dict) and value.get("class_name") == "__lambda__":
                refuse_bytecode(safe_mode)
            if isinstance(value, dict):
                config[key] = deserialize_keras_object(value, custom_objects)
        if isinstance(config.get("output_shape"), list):
            config["output_shape"] = tuple(config["output_shape"])
        if "arguments" in config:
            config["arguments"] = deserialize_keras_object(config["arguments"], custom_objects)
        return super().from_config(config)


LAMBDA_ERROR = ("Requested the deserialization of a `Lambda` layer whose `function` is a Python lambda. This carries a "
                "potential risk of arbitrary code execution and thus it is disallowed by default. If you trust the "
                "source of the artifact, you can override this error by passing `safe_mode=False` to the loading "
                "function, or calling `keras.config.enable_unsafe_deserialization().")


def refuse_bytecode(safe_mode):
    """Python bytecode from a file never runs in tfcompat: Keras 3's safe-mode error, or, unsafe, tfcompat's."""
    if safe_mode is not False:
        raise ValueError(LAMBDA_ERROR)
    raise ValueError("tfcompat never runs code stored in a file: a `Lambda` layer whose `function` is a Python "
                     "lambda cannot be loaded, even with `safe_mode=False`.")


def _function_config(fn):
    """Keras 3's form of a Lambda's function: `__lambda__` bytecode (marshal, base64) or the function's name."""
    import base64
    import marshal
    import types
    from ..saving.serialization import serialize_keras_object
    if isinstance(fn, types.LambdaType) and fn.__name__ == "<lambda>":
        closure = tuple(c.cell_contents for c in fn.__closure__) if fn.__closure__ else None
        return {"class_name": "__lambda__", "config": {"code": base64.encodebytes(marshal.dumps(fn.__code__)).decode(
            "ascii"), "defaults": fn.__defaults__, "closure": closure}}
    if callable(fn):
        return serialize_keras_object(fn)
    raise ValueError(f"Invalid input type for serialization. Received: {fn} of type {type(fn)}.")


class Masking(Layer):
    """Masks the timesteps whose features all equal `mask_value` (and zeroes them), for RNNs and losses."""

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True
        self.built = True

    def compute_mask(self, inputs, mask=None):
        return m.reduce_any(m.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = m.reduce_any(m.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        outputs = a.where(keep, inputs, a.zeros_like(inputs))
        outputs._keras_mask = a.squeeze(keep, axis=-1)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "mask_value": self.mask_value}


class Embedding(Layer):
    """Looks up rows of an `(input_dim, output_dim)` table for integer inputs."""

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform", embeddings_regularizer=None,
                 embeddings_constraint=None, mask_zero=False, weights=None, lora_rank=None, lora_alpha=None,
                 input_length=None, quantization_config=None, **kwargs):
        _unbuilt_options(lora_rank, quantization_config)
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = int(input_dim), int(output_dim)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self.autocast = False
        self._initial_weights = weights
        if weights is not None:
            self.build()

    def build(self, input_shape=None):
        if self.built:
            return
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim), name="embeddings",
                                          initializer=self.embeddings_initializer,
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint)
        self.built = True
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights if isinstance(self._initial_weights, list)
                             else [self._initial_weights])

    def call(self, inputs):
        if not inputs.dtype.is_integer:
            inputs = a.cast(inputs, _dt.int32)
        return a.gather(self.embeddings, inputs)

    def compute_mask(self, inputs, mask=None):
        return m.not_equal(inputs, 0) if self.mask_zero else None

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def get_config(self):
        return {**super().get_config(), "input_dim": self.input_dim, "output_dim": self.output_dim,
                "embeddings_initializer": _ser_init(self.embeddings_initializer),
                "embeddings_regularizer": _ser_reg(self.embeddings_regularizer),
                "activity_regularizer": _ser_reg(self.activity_regularizer),
                "embeddings_constraint": _ser_con(self.embeddings_constraint), "mask_zero": self.mask_zero,
                "quantization_config": None}

