"""`keras.layers.Layer` and `InputSpec`: Keras 3's layer (build on first call, add_weight, tracking, config),
accepting the Keras 2 idioms too (plain tf.Variable and tf.Module attributes are tracked, lists are inputs)."""
import inspect
import threading
import warnings

import numpy as np

from ...framework import dtypes as _dt
from ...framework.convert import convert_to_tensor
from ...framework.errors import OpError
from ...framework.tensor import Tensor
from ...framework.variables import Variable
from ...module import Module
from ...ops.math_ops import cast
from .. import backend as K
from .. import constraints, initializers, regularizers

_call_context = threading.local()  # .training: the training flag of the outermost layer call in progress
_TRACKED = ("_trainable_variables", "_non_trainable_variables", "_layers", "_modules")
_KERAS2_KWARGS = ("input_shape", "input_dim", "batch_input_shape", "batch_size", "weights")


class InputSpec:
    """What a layer accepts (dtype, rank, axis sizes); checked on each call with Keras 3's errors."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None,
                 allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype = None if dtype is None else _dt.as_dtype(dtype).name
        self.shape = None if shape is None else tuple(shape)
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim, self.min_ndim = max_ndim, min_ndim
        self.name, self.optional = name, optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        self.axes = {int(k): v for k, v in (axes or {}).items()}

    def __repr__(self):
        spec = [f"dtype={self.dtype}" if self.dtype else "", f"shape={self.shape}" if self.shape else "",
                f"ndim={self.ndim}" if self.ndim else "", f"max_ndim={self.max_ndim}" if self.max_ndim else "",
                f"min_ndim={self.min_ndim}" if self.min_ndim else "", f"axes={self.axes}" if self.axes else ""]
        return f"InputSpec({', '.join(x for x in spec if x)})"

    def get_config(self):
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim, "max_ndim": self.max_ndim,
                "min_ndim": self.min_ndim, "axes": self.axes}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Raises Keras 3's ValueError when `inputs` do not fit `input_spec`."""
    specs = _flat(input_spec)
    xs = _flat(inputs)
    if len(xs) != len(specs):
        raise ValueError(f'Layer "{layer_name}" expects {len(specs)} input(s), but it received {len(xs)} input '
                         f"tensors. Inputs received: {xs}")
    for i, (x, spec) in enumerate(zip(xs, specs)):
        if spec is None or (x is None and spec.optional):
            continue
        shape = tuple(x.shape)
        ndim = len(shape)
        head = f"Input {i} with name '{spec.name}' of layer '{layer_name}' is incompatible with the layer: "
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
            raise ValueError(f"{head}expected ndim={spec.ndim}, found ndim={ndim}. Full shape received: {shape}")
        if spec.max_ndim is not None and ndim > spec.max_ndim:
            raise ValueError(f"{head}expected max_ndim={spec.max_ndim}, found ndim={ndim}")
        if spec.min_ndim is not None and ndim < spec.min_ndim:
            raise ValueError(f"{head}expected min_ndim={spec.min_ndim}, found ndim={ndim}. "
                             f"Full shape received: {shape}")
        if spec.dtype is not None and _dt.as_dtype(x.dtype).name != spec.dtype:
            raise ValueError(f"{head}expected dtype={spec.dtype}, found dtype={_dt.as_dtype(x.dtype).name}")
        for axis, value in spec.axes.items():
            if value is not None and shape[axis] not in (value, None):
                raise ValueError(f"{head}expected axis {axis} of input shape to have value {value}, "
                                 f"but received input with shape {shape}")
        if spec.shape is not None:
            for spec_dim, dim in zip(spec.shape, shape):
                if spec_dim is not None and dim is not None and spec_dim != dim:
                    raise ValueError(f"{head}expected shape={spec.shape}, found shape={shape}")


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [leaf for item in x for leaf in _flat(item)]
    if isinstance(x, dict):
        return [leaf for k in sorted(x) for leaf in _flat(x[k])]
    return [x]


def _map(fn, x):
    """Applies `fn` to the leaves of nested lists/tuples/dicts, keeping the structure."""
    if isinstance(x, list):
        return [_map(fn, v) for v in x]
    if isinstance(x, tuple) and not hasattr(x, "_fields"):
        return tuple(_map(fn, v) for v in x)
    if isinstance(x, dict):
        return {k: _map(fn, v) for k, v in x.items()}
    return fn(x)


def _is_number_list(x):
    """A (nested) list of Python numbers: Keras 2 took it as one tensor."""
    while isinstance(x, (list, tuple)) and x:
        x = x[0]
    return isinstance(x, (int, float, bool, np.generic)) and not isinstance(x, Tensor)


def _standard_shape(shape):
    return tuple(None if d is None else int(d) for d in shape)


def _map_shape_lists(shape):
    """A shape (or nest of shapes) read back from JSON: lists of dims become tuples."""
    if isinstance(shape, dict):
        return {k: _map_shape_lists(v) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and all(d is None or isinstance(d, int) for d in shape):
        return tuple(shape)
    return [_map_shape_lists(s) for s in shape]


def _format_argument(value):
    if isinstance(value, (Tensor, Variable)):
        return f"tf.Tensor(shape={tuple(value.shape)}, dtype={_dt.as_dtype(value.dtype).name})"
    return repr(value)


class _TrackedList(list):
    """A list attribute of a layer: layers and variables appended later are tracked too (Keras 3's TrackedList)."""

    def __init__(self, values, owner):
        super().__init__(values)
        self._owner = owner

    def append(self, value):
        self._owner._track(value)
        super().append(value)

    def extend(self, values):
        values = list(values)
        for v in values:
            self._owner._track(v)
        super().extend(values)

    def insert(self, index, value):
        self._owner._track(value)
        super().insert(index, value)

    def __setitem__(self, key, value):
        for v in (value if isinstance(key, slice) else [value]):
            self._owner._track(v)
        super().__setitem__(key, value)


class _TrackedDict(dict):
    """A dict attribute of a layer: values set later are tracked too."""

    def __init__(self, values, owner):
        super().__init__(values)
        self._owner = owner

    def __setitem__(self, key, value):
        self._owner._track(value)
        super().__setitem__(key, value)

    def update(self, *args, **kwargs):
        for v in dict(*args, **kwargs).values():
            self._owner._track(v)
        super().update(*args, **kwargs)


class Layer:
    """Keras 3's Layer: `build(input_shape)` on the first call, `call(inputs, training=None, mask=None)`,
    `add_weight`, tracked weights and sublayers, `losses`, `get_config`/`from_config`."""

    def __new__(cls, *args, **kwargs):
        obj = object.__new__(cls)
        try:  # Keras 3's automatic config: the constructor arguments, when they are plain values
            bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs)
            bound.apply_defaults()
            config = {k: v for k, v in bound.arguments.items() if k not in ("self", "args", "kwargs")}
            config.update(bound.arguments.get("kwargs", {}))
            obj.__dict__["_auto_config"] = config if _plain(config) else None
        except TypeError:
            obj.__dict__["_auto_config"] = None
        return obj

    def __init__(self, *, activity_regularizer=None, trainable=True, dtype=None, autocast=True, name=None,
                 **kwargs):
        d = self.__dict__
        for attr in _TRACKED:
            d[attr] = []
        d["_losses"] = []
        input_dim = kwargs.pop("input_dim", None)
        input_shape = (input_dim,) if input_dim is not None else kwargs.pop("input_shape", None)
        batch_shape = kwargs.pop("batch_input_shape", None)
        batch_size = kwargs.pop("batch_size", None)
        kwargs.pop("weights", None)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments passed to {type(self).__name__}: {kwargs}")
        if batch_shape is None and input_shape is not None:
            batch_shape = (batch_size,) + tuple(input_shape)
        d["_batch_input_shape"] = None if batch_shape is None else _standard_shape(batch_shape)
        if not isinstance(trainable, bool):
            raise ValueError(f"Expected `trainable` to be a boolean. Received: trainable={trainable} "
                             f"(of type {type(trainable)})")
        d["_trainable"] = trainable
        d["name"] = name if name is not None else K.unique_name(K.to_snake_case(type(self).__name__))
        d["_dtype"] = _dt.as_dtype(dtype.name if hasattr(dtype, "_variable_dtype") else dtype or K.floatx())
        d["autocast"] = autocast
        d["activity_regularizer"] = regularizers.get(activity_regularizer)
        d["built"] = False
        d["input_spec"] = None
        d["_path"] = None
        d["_inbound_nodes"] = []
        params = inspect.signature(self.call).parameters
        d["_call_has_training"] = "training" in params
        d["_call_has_mask"] = "mask" in params
        d["_computes_mask"] = type(self).compute_mask is not Layer.compute_mask
        d["supports_masking"] = d["_computes_mask"]  # Keras 3's default

    # ---- tracking ----
    def _ensure_tracking(self):
        if "_layers" not in self.__dict__:  # a subclass set attributes before super().__init__()
            for attr in _TRACKED:
                self.__dict__[attr] = []
            self.__dict__["_losses"] = []

    def __setattr__(self, name, value):
        if not name.startswith("__"):
            self._ensure_tracking()
            if isinstance(value, list) and not isinstance(value, _TrackedList) and name != "_inbound_nodes" \
                    and not name.startswith("_"):
                value = _TrackedList(value, self)
            elif type(value) is dict and not name.startswith("_"):
                value = _TrackedDict(value, self)
            if name not in ("_self_setattr_tracking",) and not name.startswith("_keras"):
                for leaf in _flat(value) if isinstance(value, (list, tuple, dict)) else [value]:
                    self._track(leaf)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        value = self.__dict__.get(name)
        object.__delattr__(self, name)
        for leaf in _flat(value) if isinstance(value, (list, tuple, dict)) else [value]:
            for attr in _TRACKED:
                tracked = self.__dict__[attr]
                if any(t is leaf for t in tracked):
                    tracked[:] = [t for t in tracked if t is not leaf]

    def _track(self, value):
        if isinstance(value, Variable):
            target = self._trainable_variables if value.trainable else self._non_trainable_variables
        elif isinstance(value, Layer):
            target = self._layers
        elif isinstance(value, Module):
            target = self._modules
        else:
            return
        if not any(t is value for t in target) and value is not self:
            target.append(value)

    # ---- weights ----
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none", overwrite_with_gradient=False,
                   name=None, **kwargs):
        """Creates a weight (a tf.Variable named like Keras 3's) and tracks it."""
        self._ensure_tracking()
        dtype = _dt.as_dtype(dtype) if dtype is not None else self._dtype
        if initializer is None:
            initializer = "glorot_uniform" if dtype.is_floating else "zeros"
        init = initializers.get(initializer)
        shape = () if shape is None else tuple(int(s) for s in shape)
        with K.path_scope(self.name, self):
            variable = K.KerasVariable(init(shape, dtype=dtype), trainable=trainable, name=name,
                                       constraint=constraints.get(constraint))
        variable.regularizer = regularizers.get(regularizer)
        self._track(variable)
        return variable

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        value = bool(value)
        self.__dict__["_trainable"] = value
        for v in self._trainable_variables + self._non_trainable_variables:
            if isinstance(v, K.KerasVariable):
                v.trainable = value
        for layer in self._layers:
            layer.trainable = value

    def _own_variables(self):
        seen, out = set(), []
        for v in self._trainable_variables + self._non_trainable_variables:
            if id(v) not in seen:
                seen.add(id(v))
                out.append(v)
        return out, seen

    @property
    def weights(self):
        out, seen = self._own_variables()
        for child in self._layers:
            for w in child.weights:
                if id(w) not in seen:
                    seen.add(id(w))
                    out.append(w)
        for module in self._modules:
            for w in module.variables:
                if id(w) not in seen:
                    seen.add(id(w))
                    out.append(w)
        return out

    variables = weights

    @property
    def trainable_weights(self):
        return [v for v in self.weights if v.trainable] if self.trainable else []

    @property
    def non_trainable_weights(self):
        return [v for v in self.weights if not v.trainable] if self.trainable else self.weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    def get_weights(self):
        return [np.array(v.numpy()) for v in self.weights]

    def set_weights(self, weights):
        own = self.weights
        if len(own) != len(weights):
            raise ValueError(f"You called `set_weights(weights)` on layer '{self.name}' with a weight list of "
                             f"length {len(weights)}, but the layer was expecting {len(own)} weights.")
        for v, w in zip(own, weights):
            if tuple(v.shape) != tuple(np.shape(w)):
                raise ValueError(f"Layer {self.name} weight shape {tuple(v.shape)} is not compatible with "
                                 f"provided weight shape {tuple(np.shape(w))}.")
            v.assign(np.asarray(w, dtype=v.dtype.as_numpy_dtype))

    def count_params(self):
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on layer '{self.name}', but the layer isn't "
                             "built. You can build it manually via: `layer.build(input_shape)`.")
        return int(sum(np.prod(v.shape.as_list(), dtype=np.int64) for v in self.weights))

    # ---- losses ----
    def add_loss(self, loss):
        self._ensure_tracking()
        self._losses.append(loss)

    @property
    def losses(self):
        out = list(self._losses)
        for v in self._own_variables()[0]:
            reg = getattr(v, "regularizer", None)
            if reg is not None:
                out.append(reg(v))
        for child in self._layers:
            out.extend(child.losses)
        return out

    def _clear_losses(self):
        self._losses.clear()
        for child in self._layers:
            child._clear_losses()

    # ---- dtypes ----
    @property
    def dtype(self):
        return self._dtype.name

    @property
    def compute_dtype(self):
        return self._dtype.name

    @property
    def variable_dtype(self):
        return self._dtype.name

    @property
    def path(self):
        return self._path if self._path is not None else self.name

    # ---- building and calling ----
    def build(self, input_shape=None):
        self.built = True

    def call(self, *args, **kwargs):
        raise NotImplementedError(f"Layer {type(self).__name__} does not have a `call()` method implemented.")

    def _maybe_build(self, inputs):
        if self.built:
            return
        shapes = _map(lambda x: _standard_shape(x.shape) if hasattr(x, "shape") else None, inputs)
        if self.input_spec is not None:
            assert_input_compatibility(self.input_spec, inputs, self.name)
        self._build_with_shape(shapes)

    def _build_with_shape(self, shapes):
        """Runs `build` under the layer's weight path (Keras 3's build wrapper) and marks the layer built."""
        with K.path_scope(self.name, self):
            self.__dict__["_path"] = K.current_path()
            self.build(shapes)
        self.__dict__["_build_input_shape"] = shapes
        self.built = True

    def _convert(self, x):
        if isinstance(x, Variable):
            x = x.read_value()
        elif not isinstance(x, Tensor):
            if hasattr(x, "_keras_history") or not (hasattr(x, "__array__") or isinstance(x, (int, float, bool))):
                return x
            x = convert_to_tensor(x)
        if self.autocast and x.dtype.is_floating and x.dtype is not self._dtype:
            mask = getattr(x, "_keras_mask", None)
            x = cast(x, self._dtype)
            if mask is not None:
                x._keras_mask = mask
        return x

    def __call__(self, *args, **kwargs):
        self._ensure_tracking()
        if args:
            first = args[0]
            if isinstance(first, (list, tuple)) and _is_number_list(first):
                first = convert_to_tensor(first)
            args = (_map(self._convert, first),) + args[1:]
        elif "inputs" in kwargs:
            kwargs["inputs"] = _map(self._convert, kwargs["inputs"])
        from .input_layer import is_keras_tensor, symbolic_call
        if any(is_keras_tensor(x) for x in _flat(list(args) + list(kwargs.values()))):
            return symbolic_call(self, args, kwargs)
        outer = getattr(_call_context, "training", _NOT_SET)
        training = kwargs.get("training")
        if self._call_has_training:
            if training is None and outer is not _NOT_SET:
                kwargs["training"] = training = outer
        else:
            kwargs.pop("training", None)
        inputs = args[0] if args else kwargs.get("inputs")
        if self._call_has_mask or "mask" in kwargs or isinstance(inputs, (list, tuple, dict)):
            previous_mask = self._infer_mask(inputs, args, kwargs)
        else:
            previous_mask = getattr(inputs, "_keras_mask", None)
        if outer is _NOT_SET:
            self._clear_losses()
        _call_context.training = training if outer is _NOT_SET or training is not None else outer
        try:
            self._maybe_build(inputs)
            if self.input_spec is not None:
                assert_input_compatibility(self.input_spec, inputs, self.name)
            with K.path_scope(self.name, self):
                outputs = self._call_with_context(args, kwargs)
            if self.activity_regularizer is not None:
                for out in _flat(outputs):
                    self.add_loss(self.activity_regularizer(out) / cast(out.shape[0] or 1, out.dtype))
            if previous_mask is not None or self._computes_mask:
                if self.supports_masking:
                    self._set_mask_metadata(inputs, outputs, previous_mask)
                elif has_mask(previous_mask):
                    warn_mask_dropped(self)
            return outputs
        finally:
            if outer is _NOT_SET:
                del _call_context.training
            else:
                _call_context.training = outer

    def _call_with_context(self, args, kwargs):
        """Runs `call`; an error inside is re-raised with Keras 3's 'Exception encountered when calling' text."""
        try:
            return self.call(*args, **kwargs)
        except Exception as e:
            if getattr(e, "_keras_call_info_injected", False) or type(e) in (NotImplementedError,):
                raise
            raise _with_call_info(e, f"{type(self).__name__}.call()", self.call, args, kwargs) from None

    def compute_output_shape(self, *args, **kwargs):
        raise NotImplementedError(f"Layer {type(self).__name__} should implement "
                                  "`def compute_output_shape(self, input_shape)`.")

    def compute_mask(self, inputs, previous_mask):
        return previous_mask

    # ---- masking ----
    def _infer_mask(self, inputs, args, kwargs):
        """Keras 3's mask inference: the explicit `mask`, else the first input's `_keras_mask` (also given to
        `call` when it takes `mask` and has only one tensor argument); returns the mask `compute_mask` sees."""
        explicit = kwargs.get("mask")
        if not self._call_has_mask and "mask" in kwargs:
            raise TypeError("got an unexpected keyword argument 'mask'")
        if explicit is not None:
            return explicit
        previous = input_mask(inputs)
        if previous is not None and self._call_has_mask and _tensor_arguments(args, kwargs) == 1:
            kwargs["mask"] = previous
        return previous

    def _set_mask_metadata(self, inputs, outputs, previous_mask):
        """Attaches `compute_mask(inputs, previous_mask)` to the outputs that carry no mask yet."""
        flat = _flat(outputs) if isinstance(outputs, (list, tuple, dict)) else [outputs]
        if all(getattr(x, "_keras_mask", None) is not None for x in flat):
            return
        masks = self.compute_mask(inputs, previous_mask)
        if masks is None:
            return
        for x, mask in zip(flat, _flat(masks)):
            if mask is not None and getattr(x, "_keras_mask", None) is None:
                set_keras_mask(x, mask)

    # ---- functional-API views ----
    @property
    def input(self):
        return self._node_attr("input_tensors", "input")

    @property
    def output(self):
        return self._node_attr("output_tensors", "output")

    def _node_attr(self, attr, what):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} has no inbound nodes.") if what == "input" else \
                AttributeError(f"Layer {self.name} has no inbound nodes.")
        if len(self._inbound_nodes) > 1:
            raise AttributeError(f"Layer '{self.name}' has multiple inbound nodes, hence the notion of \"layer "
                                 f"{what}\" is ill-defined. Use `get_{what}_at(node_index)` instead.")
        return getattr(self._inbound_nodes[0], attr)

    @property
    def input_shape(self):
        return _map(lambda t: t.shape, self.input)

    @property
    def output_shape(self):
        return _map(lambda t: t.shape, self.output)

    # ---- config ----
    def get_config(self):
        config = {"name": self.name}
        auto = self.__dict__.get("_auto_config")
        if type(self).get_config is Layer.get_config and auto is not None and type(self) is not Layer:
            config.update({k: v for k, v in auto.items() if k not in ("name", "trainable", "dtype")})
        config.update({"trainable": self.trainable, "dtype": _dtype_config(self._dtype)})
        if type(self) is Layer or (self.activity_regularizer is not None):
            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        if type(self) is Layer:
            config["autocast"] = self.autocast
        return config

    def get_build_config(self):
        """Keras 3's record of the first build: `{'input_shape': shape}` (None before any build)."""
        shapes = self.__dict__.get("_build_input_shape")
        return None if shapes is None else {"input_shape": shapes}

    def build_from_config(self, config):
        """Rebuilds the layer's weights from `get_build_config()`'s dict (model loading)."""
        if config and config.get("input_shape") is not None:
            self._build_with_shape(_map_shape_lists(config["input_shape"]))

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = config["dtype"].get("config", {}).get("name")
        try:
            return cls(**config)
        except TypeError as e:
            raise TypeError(f"Error when deserializing class '{cls.__name__}' using config={config}.\n\n"
                            f"Exception encountered: {e}") from None

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"

    def _flatten_layers(self, include_self=True, recursive=True):
        out, seen = ([self] if include_self else []), set()
        queue = list(self._layers)
        while queue:
            layer = queue.pop(0)
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            out.append(layer)
            if recursive:
                queue[:0] = layer._layers
        return out


def input_mask(x):
    """The `_keras_mask` of `x`, mapped over its structure when `x` is a list/tuple/dict (Keras 3's rule)."""
    if isinstance(x, (list, tuple, dict)):
        return _map(lambda t: getattr(t, "_keras_mask", None), x)
    return getattr(x, "_keras_mask", None)


def set_keras_mask(x, mask):
    """Sets `x._keras_mask` (outputs that cannot hold attributes, e.g. Python numbers, are left as they are)."""
    try:
        x._keras_mask = mask
    except AttributeError:
        pass


def has_mask(mask):
    return mask is not None and any(m is not None for m in _flat(mask))


def warn_mask_dropped(layer):
    warnings.warn(f"Layer '{layer.name}' (of type {type(layer).__name__}) was passed an input with a mask "
                  "attached to it. However, this layer does not support masking and will therefore destroy the "
                  "mask information. Downstream layers will not see the mask.", stacklevel=3)


def _tensor_arguments(args, kwargs):
    """How many call arguments are tensors or non-empty nests of tensors (and Nones)."""
    def is_tensor(x):
        return isinstance(x, (Tensor, Variable)) or hasattr(x, "_keras_history")

    def counts(v):
        if isinstance(v, (list, tuple, dict)):
            flat = _flat(v)
            return bool(flat) and all(x is None or is_tensor(x) for x in flat)
        return is_tensor(v)
    return sum(map(counts, args)) + sum(counts(v) for k, v in kwargs.items() if k != "mask")


class _NotSet:
    pass


_NOT_SET = _NotSet()


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _dtype_config(dtype):
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": dtype.name}, "registered_name": None}


def _with_call_info(e, display_name, fn, args, kwargs):
    """Keras 3's error text for a failure inside `call`, same exception class."""
    try:
        bound = inspect.signature(fn).bind(*args, **kwargs)
    except TypeError:
        return e
    lines = []
    for p in inspect.signature(fn).parameters.values():
        value = _map(_format_argument, bound.arguments[p.name]) if p.name in bound.arguments else p.default
        lines.append(f"  • {p.name}={value}")
    if not lines:
        return e
    message = e.message if isinstance(e, OpError) else (e.args[0] if e.args else "")
    message = (f"Exception encountered when calling {display_name}.\n\n\x1b[1m{message}\x1b[0m\n\n"
               f"Arguments received by {display_name}:\n" + "\n".join(lines))
    if isinstance(e, OpError):
        new = type(e)(e.node_def, e.op, message)
    else:
        try:
            new = type(e)(message)
        except TypeError:
            new = RuntimeError(message)
    new._keras_call_info_injected = True
    return new.with_traceback(e.__traceback__)
