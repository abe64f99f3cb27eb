"""Keras 3's legacy HDF5 formats: `model.save('x.h5')` (root attrs, `model_weights`, `optimizer_weights`) and the
`load_model`/`load_weights` readers of such files and of Keras 2 weights-only `.h5` files, with Keras 3's quirks
(legacy configs, order-based weight loading, its messages). Loading reads JSON and arrays only: no pickle, no code."""
import json
import logging

import numpy as np

from .saving_lib import KERAS_VERSION, _atomic_write, _h5py

_BACKEND = "tensorflow"
_HEADER_LIMIT = 64512  # HDF5's object header limit: longer attribute lists are split into chunks
_log = logging.getLogger("absl")
# Keras 3 resolves these loss aliases to keras.metrics functions it then refuses to load from a training config.
_UNLOADABLE_LOSSES = {"mse", "mae", "mape", "msle", "kld", "bce", "MSE", "MAE", "MAPE", "MSLE", "KLD", "BCE"}


# ---- saving ----
def save_model(model, filepath, include_optimizer=True):
    """Writes Keras 3's legacy whole-model file (through a temporary file, so a failed save leaves nothing)."""
    _log.warning("You are saving your model as an HDF5 file via `model.save()` or `keras.saving.save_model(model)`. "
                 "This file format is considered legacy. We recommend using instead the native Keras format, e.g. "
                 "`model.save('my_model.keras')` or `keras.saving.save_model(model, 'my_model.keras')`. ")
    metadata = {"keras_version": KERAS_VERSION, "backend": _BACKEND,
                "model_config": {"class_name": type(model).__name__, "config": _legacy_config(model)}}
    optimizer = getattr(model, "optimizer", None)
    if optimizer and include_optimizer and model.compiled:
        metadata["training_config"] = _training_config(model)

    def write(tmp):
        with _h5py().File(tmp, "w") as f:
            for key, value in metadata.items():
                f.attrs[key] = json.dumps(value, default=_json_default).encode("utf8") \
                    if isinstance(value, dict) else value
            _write_model_weights(f.create_group("model_weights"), model)
            if include_optimizer and optimizer is not None and optimizer.variables:
                group = f.create_group("optimizer_weights")
                _write_subset(group, optimizer.variables)
    _atomic_write(filepath, write)


def _legacy_config(obj):
    """get_config() with nested layers as Keras 3 writes them under its legacy scope: {'class_name', 'config'}."""
    config = obj.get_config()
    if isinstance(config.get("layers"), list) and hasattr(obj, "layers"):
        by_name = {layer.name: layer for layer in obj.layers}
        config["layers"] = [_legacy_entry(entry, by_name) for entry in config["layers"]]
    return config


def _legacy_entry(entry, by_name):
    from .serialization import get_registered_name
    layer = by_name.get(entry.get("name", entry["config"].get("name")))
    out = {"class_name": entry["class_name"] if layer is None else get_registered_name(type(layer)),
           "config": _legacy_config(layer) if hasattr(layer, "layers") else entry["config"]}
    if "inbound_nodes" in entry:
        out.update(name=entry["name"], inbound_nodes=entry["inbound_nodes"])
    return out


def _training_config(model):
    from .serialization import get_registered_name
    config = {k: _legacy_serialize(v) for k, v in model._compile_config.items() if k != "optimizer"}
    config["optimizer_config"] = {"class_name": get_registered_name(type(model.optimizer)),
                                  "config": model.optimizer.get_config()}
    return config


def _legacy_serialize(value):
    """Keras 3's legacy form of compile arguments: objects as {'class_name', 'config'}, functions by name."""
    from .serialization import get_registered_name
    if isinstance(value, dict):
        return {k: _legacy_serialize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_legacy_serialize(v) for v in value]
    if callable(value) and hasattr(value, "get_config"):
        return {"class_name": get_registered_name(type(value)), "config": value.get_config()}
    if callable(value):
        return get_registered_name(value)
    return value


def _json_default(obj):
    if isinstance(obj, (np.ndarray, np.generic)):
        return obj.tolist()
    raise TypeError(f"Unable to serialize {obj} to JSON. Unrecognized type {type(obj)}.")


def _write_model_weights(group, model):
    _write_attribute(group, "layer_names", [layer.name.encode("utf8") for layer in model.layers])
    group.attrs["backend"] = _BACKEND.encode("utf8")
    group.attrs["keras_version"] = KERAS_VERSION.encode("utf8")
    for layer in sorted(model.layers, key=lambda x: x.name):
        _write_subset(group.create_group(layer.name), _legacy_weights(layer))
    _write_subset(group.create_group("top_level_model_weights"), _top_level_weights(model))


def _write_subset(group, weights):
    names = [str(w.path).encode("utf8") for w in weights]
    _write_attribute(group, "weight_names", names)
    for name, w in zip(names, weights):
        value = np.asarray(w.numpy())
        group.create_dataset(name, value.shape, dtype=value.dtype)[()] = value


def _write_attribute(group, name, data):
    """Writes a list attribute, split into `name0`, `name1`... when it exceeds HDF5's header limit."""
    too_long = [x for x in data if len(x) > _HEADER_LIMIT]
    if too_long:
        raise RuntimeError("The following attributes cannot be saved to HDF5 file because they are larger than "
                           f"{_HEADER_LIMIT} bytes: {too_long}")
    array = np.asarray(data)
    chunks = 1
    while any(c.nbytes > _HEADER_LIMIT for c in np.array_split(array, chunks)):
        chunks += 1
    if chunks == 1:
        group.attrs[name] = data
    else:
        for i, chunk in enumerate(np.array_split(array, chunks)):
            group.attrs[f"{name}{i}"] = chunk


def _legacy_weights(layer):
    return layer.trainable_weights + layer.non_trainable_weights


def _top_level_weights(model):
    """The model's own variables (not its layers'), as Keras 3 filters them."""
    weights = {id(w) for w in model.weights}
    return [v for v in model._trainable_variables + model._non_trainable_variables if id(v) in weights]


# ---- loading ----
def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Keras 3's `load_model` for a legacy `.h5`: the model from `model_config`, weights by layer order, compiled
    from `training_config` (optimizer iterations and learning rate restored as Keras 3 does)."""
    with _h5py().File(filepath, "r") as f:
        config = f.attrs.get("model_config")
        if config is None:
            raise ValueError(f"No model config found in the file at {filepath}.")
        model = _model_from_config(_decode(config), custom_objects, safe_mode)
        _load_weights(_group(f, "model_weights"), model)
        if not compile:
            return model
        training_config = f.attrs.get("training_config")
        if training_config is None:
            _log.warning("No training configuration found in the save file, so the model was *not* compiled. "
                         "Compile it manually.")
            return model
        model.compile(**_compile_args(_decode(training_config), custom_objects))
        _log.warning("Compiled the loaded model, but the compiled metrics have yet to be built. "
                     "`model.compile_metrics` will be empty until you train or evaluate the model.")
        if "optimizer_weights" in f:
            model.optimizer.build(model._trainable_variables)
            try:
                model.optimizer.set_weights(_read_subset(_group(f, "optimizer_weights")))
            except ValueError:
                _log.warning("Error in loading the saved optimizer state. As a result, your model is starting with "
                             "a freshly initialized optimizer.")
    return model


def load_weights(model, filepath, skip_mismatch=False, by_name=False):
    """`model.load_weights('x.h5')`: a legacy whole-model file's `model_weights`, or a weights-only file."""
    with _h5py().File(filepath, "r") as f:
        group = _group(f, "model_weights") if "layer_names" not in f.attrs and "model_weights" in f else f
        (_load_weights_by_name if by_name else _load_weights)(group, model, skip_mismatch)


def _decode(text):
    def hook(obj):
        if obj.get("class_name") == "__tuple__":
            return tuple(obj["items"])
        return obj
    return json.loads(text.decode("utf8") if isinstance(text, bytes) else text, object_hook=hook)


def _model_from_config(config, custom_objects, safe_mode):
    """The model a legacy config describes; classes come from Keras itself, the registry or `custom_objects`."""
    import inspect

    from .. import layers, models
    from .serialization import _GLOBAL_CUSTOM_OBJECTS, _scope, lookup_table
    if not isinstance(config, dict) or "config" not in config:
        raise ValueError("The provided configuration is not a valid Keras configuration. Expected a dictionary "
                         f"containing a 'config' key. Received: config={config}")
    _upgrade(config, safe_mode)
    name = config["class_name"]  # looked up as Keras 3 does: a registered class by its full 'package>name' only
    exact = {**_GLOBAL_CUSTOM_OBJECTS, **getattr(_scope, "objects", {}), **(custom_objects or {})}
    cls = exact.get(name) or getattr(layers, name, None) or getattr(models, name, None)
    table = lookup_table(custom_objects)
    if not inspect.isclass(cls):
        raise ValueError(f"Unknown layer: '{name}'. Please ensure you are using a `keras.utils.custom_object_scope` "
                         "and that this object is included in the scope. See "
                         "https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object "
                         "for details.")
    if "custom_objects" in inspect.signature(cls.from_config).parameters:
        return cls.from_config(config["config"], custom_objects=table)
    return cls.from_config(config["config"])


def _upgrade(config, safe_mode):
    """Keras 3's fixes of legacy layer configs, nested legacy layers included: Keras 2's batch_input_shape, an axis
    kept only as an int (a longer axis list is dropped, as Keras 3 does); Lambda bytecode refused."""
    inner = config["config"]
    batch_input_shape = inner.pop("batch_input_shape", None)
    if batch_input_shape is not None:
        inner["batch_shape" if config["class_name"] == "InputLayer" else "input_shape"] = batch_input_shape
    axis = inner.pop("axis", None)
    if isinstance(axis, list) and len(axis) == 1:
        inner["axis"] = int(axis[0])
    elif isinstance(axis, (int, float)):
        inner["axis"] = int(axis)
    if config["class_name"] == "Lambda":
        function = inner.get("function")
        if isinstance(function, list) or (isinstance(function, dict) and function.get("class_name") == "__lambda__"):
            from ..layers.core import refuse_bytecode
            refuse_bytecode(safe_mode)
    for entry in inner.get("layers", []) if isinstance(inner.get("layers"), list) else []:
        if isinstance(entry, dict) and "module" not in entry and "config" in entry:
            _upgrade(entry, safe_mode)


def _compile_args(training_config, custom_objects):
    from .. import losses, metrics, optimizers
    from .serialization import CustomObjectScope

    def nested(fn, config):
        if config is None:
            return None
        if isinstance(config, str) or (isinstance(config, dict) and "class_name" in config):
            return fn(config)
        if isinstance(config, dict):
            return {k: nested(fn, v) for k, v in config.items()}
        return [nested(fn, c) for c in config]

    def loss(config):
        if isinstance(config, str) and config in _UNLOADABLE_LOSSES:
            raise ValueError(f"Could not deserialize 'keras.metrics.{config}' because it is not a KerasSaveable "
                             "subclass")
        return losses.deserialize(config, custom_objects)

    def metric(config):
        if config in ("accuracy", "acc", "crossentropy", "ce"):
            return config
        return metrics.deserialize(config, custom_objects)

    with CustomObjectScope(custom_objects):
        return dict(optimizer=optimizers.deserialize(training_config["optimizer_config"], custom_objects),
                    loss=nested(loss, training_config.get("loss")),
                    metrics=nested(metric, training_config.get("metrics")),
                    weighted_metrics=nested(metric, training_config.get("weighted_metrics")),
                    loss_weights=training_config["loss_weights"])


def _load_weights(group, model, skip_mismatch=False):
    """Keras 3's order-based loading: the i-th saved layer with weights into the i-th model layer with weights."""
    layers = [layer for layer in model.layers if _legacy_weights(layer)]
    names = [name for name in _read_attribute(group, "layer_names")
             if _read_attribute(_group(group, name), "weight_names")]
    if len(names) != len(layers):
        raise ValueError(f"Layer count mismatch when loading weights from file. Model expected {len(layers)} "
                         f"layers, found {len(names)} saved layers.")
    for k, (name, layer) in enumerate(zip(names, layers)):
        weights, values = _legacy_weights(layer), _read_subset(_group(group, name))
        if len(values) != len(weights):
            raise ValueError(f"Weight count mismatch for layer #{k} (named {layer.name} in the current model, {name} "
                             f"in the save file). Layer expects {len(weights)} weight(s). Received {len(values)} "
                             "saved weight(s)")
        _set_weights(weights, values, f"layer #{k} (named {layer.name})", skip_mismatch)
    if "top_level_model_weights" in group:
        weights = _top_level_weights(model)
        values = _read_subset(_group(group, "top_level_model_weights"))
        if len(values) != len(weights):
            raise ValueError("Weight count mismatch for top-level weights when loading weights from file. Model "
                             f"expects {len(weights)} top-level weight(s). Received {len(values)} saved top-level "
                             "weight(s)")
        _set_weights(weights, values, "top-level model", skip_mismatch)


def _load_weights_by_name(group, model, skip_mismatch=False):
    """Keras 3's `by_name=True`: saved layers go to model layers of the same name; others are skipped."""
    import warnings
    index = {}
    for layer in model.layers:
        index.setdefault(layer.name, []).append(layer)
    for k, name in enumerate(_read_attribute(group, "layer_names")):
        values = _read_subset(_group(group, name))
        for layer in index.get(name, []):
            weights = _legacy_weights(layer)
            if len(values) != len(weights):
                message = (f"mismatch in number of weights. Layer expects {len(weights)} weight(s). Received "
                           f"{len(values)} saved weight(s)")
                if skip_mismatch:
                    warnings.warn(f"Skipping loading of weights for layer #{k} (named {layer.name}) due to {message}",
                                  stacklevel=3)
                    continue
                raise ValueError(f"Weight count mismatch for layer #{k} (named {layer.name}). "
                                 f"Layer expects {len(weights)} weight(s). Received {len(values)} saved weight(s)")
            _set_weights(weights, values, f"layer #{k} (named {layer.name})", skip_mismatch)
    if "top_level_model_weights" in group:
        weights = model._trainable_variables + model._non_trainable_variables
        values = _read_subset(_group(group, "top_level_model_weights"))
        if len(values) == len(weights):
            _set_weights(weights, values, "top-level model", skip_mismatch)
        elif skip_mismatch:
            warnings.warn("Skipping loading top-level weights for model due to mismatch in number of weights. Model "
                          f"expects {len(weights)} top-level weight(s). Received {len(values)} saved top-level "
                          "weight(s)", stacklevel=3)
        else:
            raise ValueError(f"Weight count mismatch for top-level weights of model. Model expects {len(weights)} "
                             f"top-level weight(s). Received {len(values)} saved top-level weight(s)")


def _set_weights(weights, values, name, skip_mismatch):
    import warnings
    for weight, value in zip(weights, values):
        expected = tuple(weight.shape)
        if expected != value.shape:
            message = (f"for weight {weight.path}. Weight expects shape {expected}. Received saved weight with shape "
                       f"{value.shape}")
            if skip_mismatch:
                warnings.warn(f"Skipping loading weights for {name}due to mismatch in shape {message}", stacklevel=4)
                continue
            raise ValueError(f"Shape mismatch in {name}{message}")
        weight.assign(value.astype(weight.dtype.as_numpy_dtype, copy=False))


def _read_subset(group):
    return [np.asarray(_dataset(group, name)) for name in _read_attribute(group, "weight_names")]


def _read_attribute(group, name):
    """A list attribute, joined from its chunks `name0`, `name1`... if it was split."""
    if name in group.attrs:
        chunks = [group.attrs[name]]
    else:
        chunks, i = [], 0
        while f"{name}{i}" in group.attrs:
            chunks.append(group.attrs[f"{name}{i}"])
            i += 1
    return [n.decode("utf8") if hasattr(n, "decode") else n for chunk in chunks for n in chunk]


def _group(parent, path):
    """A sub-group, refusing links out of the file as Keras 3 does."""
    h5py = _h5py()
    current = parent
    for part in path.split("/"):
        if not part:
            raise ValueError(f"Invalid path in H5 file: {path}")
        _check_link(current, part, path)
        current = current[part]
        if not isinstance(current, h5py.Group):
            raise ValueError(f"Invalid H5 file, expected Group but received {type(current)}")
    return current


def _check_link(group, name, path):
    """KeyError for a missing member; Keras 3's refusal of soft and external links."""
    h5py = _h5py()
    if name not in group:
        raise KeyError(path)
    link = group.get(name, getclass=True, getlink=True)
    if link in (h5py.ExternalLink, h5py.SoftLink):
        raise ValueError(f"Not allowed: H5 file with {link.__name__}")


def _dataset(group, name):
    h5py = _h5py()
    if "/" in name:
        parent, name = name.rsplit("/", 1)
        group = _group(group, parent)
    _check_link(group, name, name)
    dataset = group[name]
    if not isinstance(dataset, h5py.Dataset):
        raise ValueError(f"Invalid H5 file, expected Dataset, received {type(dataset)}")
    if dataset.external:
        raise ValueError(f"Not allowed: H5 file with external Dataset: {dataset.external}")
    if dataset.is_virtual:
        raise ValueError("Not allowed: H5 file with virtual Dataset")
    return dataset
