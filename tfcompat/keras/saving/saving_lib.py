"""Keras 3's native formats: the `.keras` zip (metadata.json, config.json, model.weights.h5, stored) and the
`.weights.h5` file, whose layout (`layers/dense/vars/0`...) follows Keras 3's walk over layers and optimizer.
Saves go to a temporary file renamed into place, so a failed save leaves nothing broken behind."""
import datetime
import io
import json
import os
import tempfile
import zipfile

import numpy as np

from ..backend import to_snake_case

KERAS_VERSION = "3.15.1"
_CONFIG, _METADATA, _WEIGHTS = "config.json", "metadata.json", "model.weights.h5"


def _h5py():
    try:
        import h5py
    except ImportError:  # pragma: no cover - h5py is a test dependency
        raise ImportError("Saving and loading Keras weights needs `h5py` (pip install h5py).") from None
    return h5py


# ---- the object walk ----
def _layer_cls():
    from ..layers.base import Layer
    return Layer


def _is_saveable(obj):
    from ..optimizers import Optimizer
    return isinstance(obj, (_layer_cls(), Optimizer))


_skip = []


def _skipset():
    """Attributes that are Keras's own machinery, never walked (Keras skips those of a bare Layer)."""
    if not _skip:
        from ..trainer import Trainer
        names = set(vars(_layer_cls()()))
        names |= set(vars(type("T", (Trainer,), {})()))
        names |= {"_compile_config", "history", "loss", "_stack", "_input_layer", "_output", "_graph",
                  "_auto_config", "_eval_iterator"}
        _skip.append(names)
    return _skip[0]


def _name_key(name):
    return f"~{name}" if name.startswith("_") else name


def _children(obj):
    """(attribute, value) pairs in Keras 3's order: a model's `layers` first, then attributes, private last."""
    from ..models import Model
    is_container_model = isinstance(obj, Model) and (type(obj).__name__ == "Sequential" or
                                                     obj.__dict__.get("_graph") is not None)
    if is_container_model:
        yield "layers", obj.layers
    names = set(k for k in vars(obj) if k not in _skipset() and not k.startswith("__"))
    if isinstance(obj, Model) and not is_container_model:
        names.add("layers")
    for name in sorted(names, key=_name_key):
        yield name, getattr(obj, name)


def _own_variables(obj):
    if isinstance(obj, _layer_cls()):
        seen, out = set(), []
        for v in obj._trainable_variables + obj._non_trainable_variables:
            if id(v) not in seen:
                seen.add(id(v))
                out.append(v)
        return out
    return list(obj.variables)


def _walk(obj, path, visit, visited):
    """Calls visit(saveable, path) for each saveable reachable from `obj`, once each."""
    if id(obj) in visited:
        return
    visit(obj, path)
    visited.add(id(obj))
    for attr, child in _children(obj) if isinstance(obj, _layer_cls()) else ():
        child_path = f"{path}/{attr}" if path else attr
        if _is_saveable(child):
            _walk(child, child_path, visit, visited)
        elif isinstance(child, (list, tuple, dict)):
            _walk_container(child, child_path, visit, visited, set())


def _walk_container(container, path, visit, visited, seen_containers):
    if id(container) in seen_containers:
        return
    seen_containers.add(id(container))
    used = {}
    for item in container.values() if isinstance(container, dict) else container:
        if _is_saveable(item):
            _walk(item, f"{path}/{_unique(to_snake_case(type(item).__name__), used)}", visit, visited)
        elif isinstance(item, (list, tuple, dict)):
            _walk_container(item, f"{path}/{_unique('container', used)}", visit, visited, seen_containers)


def _unique(name, used):
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


# ---- weights files ----
def write_weights(model, file_like):
    """Writes every saveable's variables as `<path>/vars/<i>` datasets (each group named in attribute 'name')."""
    h5py = _h5py()
    with h5py.File(file_like, "w") as f:
        def visit(obj, path):
            group = f.create_group(f"{path}/vars" if path else "vars")
            group.attrs["name"] = obj.name
            for i, v in enumerate(_own_variables(obj)):
                group[str(i)] = np.asarray(v.numpy())
        _walk(model, "", visit, set())


def read_weights(model, file_like, skip_mismatch=False):
    """Assigns the variables stored by write_weights (or real Keras 3) to the model's saveables."""
    h5py = _h5py()
    errors = {}
    with h5py.File(file_like, "r") as f:
        def visit(obj, path):
            key = f"{path}/vars" if path else "vars"
            group = f[key] if key in f else {}
            try:
                _assign(obj, group)
            except Exception as e:  # collected, then reported together as Keras does
                errors[id(obj)] = (obj, e)
        _walk(model, "", visit, set())
    if errors:
        _, (obj, error) = next(iter(errors.items()))
        message = (f"A total of {len(errors)} objects could not be loaded. Example error message for object "
                   f"{obj}:\n\n{error}\n\nList of objects that could not be loaded:\n"
                   f"{[o for o, _ in errors.values()]}")
        if skip_mismatch:
            import warnings
            warnings.warn(message)
        else:
            raise ValueError(message)


def _assign(obj, group):
    from ..optimizers import Optimizer
    variables = _own_variables(obj)
    keys = list(group.keys())
    if isinstance(obj, Optimizer):
        if len(keys) != len(variables):
            import warnings
            warnings.warn(f"Skipping variable loading for optimizer '{obj.name}', because it has {len(variables)} "
                          f"variables whereas the saved optimizer has {len(keys)} variables. ", stacklevel=2)
            return
    elif len(keys) != len(variables):
        if not variables and not obj.built:
            raise ValueError(f"Layer '{obj.name}' was never built and thus it doesn't have any variables. However "
                             f"the weights file lists {len(keys)} variables for this layer.")
        raise ValueError(f"Layer '{obj.name}' expected {len(variables)} variables, but received {len(keys)} "
                         f"variables during loading. Expected: {[v.name for v in variables]}")
    values = [np.asarray(group[str(i)]) for i in range(len(variables))]
    for v, value in zip(variables, values):
        if tuple(v.shape) != value.shape:
            raise ValueError("The shape of the target variable and the shape of the target value in "
                             "`variable.assign(value)` must match. "
                             f"variable.shape={tuple(v.shape)}, Received: value.shape={value.shape}. "
                             f"Target variable: {v}")
    for v, value in zip(variables, values):
        v.assign(value.astype(v.dtype.as_numpy_dtype, copy=False))


# ---- atomic writes ----
def _atomic_write(filepath, write):
    """Calls write(tmp_path) then renames it to `filepath`; on failure the temporary file is removed."""
    directory = os.path.dirname(os.path.abspath(filepath))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp_", suffix=os.path.basename(filepath), dir=directory)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, filepath)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _check_built(model, what="saving"):
    if not model.built:
        if what == "saving":
            raise ValueError("You are saving a model that has not yet been built. Try building the model first by "
                             "calling it on some data or by using `build()`.")
        raise ValueError("You are loading weights into a model that has not yet been built. Try building the "
                         "model first by calling it on some data or by using `build()`.")


def save_weights(model, filepath, overwrite=True):
    filepath = os.fspath(filepath)
    if not filepath.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: filepath={filepath}")
    _check_built(model)
    if not overwrite and os.path.exists(filepath):
        return
    _atomic_write(filepath, lambda tmp: write_weights(model, tmp))


def load_weights(model, filepath, skip_mismatch=False, **kwargs):
    filepath = os.fspath(filepath)
    if filepath.endswith(".keras"):
        _check_built(model, "loading")
        with zipfile.ZipFile(filepath) as archive:
            read_weights(model, io.BytesIO(archive.read(_WEIGHTS)), skip_mismatch)
    elif filepath.endswith(".weights.h5"):
        _check_built(model, "loading")
        read_weights(model, filepath, skip_mismatch)
    elif filepath.endswith(".h5") or filepath.endswith(".hdf5"):
        from . import legacy_h5
        legacy_h5.load_weights(model, filepath, skip_mismatch, by_name=kwargs.get("by_name"))
    else:
        raise ValueError(f"File format not supported: filepath={filepath}. Keras 3 only supports V3 `.keras` and "
                         "`.weights.h5` files, or legacy V1/V2 `.h5` files.")


# ---- whole models ----
def model_config(model):
    from .serialization import serialize_keras_object
    config = serialize_keras_object(model)
    config["build_config"] = model.get_build_config()
    config["compile_config"] = model.get_compile_config()
    return config


def save_model(model, filepath, overwrite=True, zipped=None, **kwargs):
    """`model.save`: the `.keras` zip, or Keras 3's legacy HDF5 for `.h5`/`.hdf5`; Keras 2's path without an
    extension is saved as a `.keras` zip (other extensions are rejected, as Keras 3)."""
    filepath = os.fspath(filepath)
    kwargs.pop("save_format", None)
    include_optimizer = kwargs.pop("include_optimizer", True)
    if kwargs:
        raise ValueError(f"The following argument(s) are not supported: {list(kwargs)}")
    if filepath.endswith((".h5", ".hdf5")):
        from . import legacy_h5
        if overwrite or not os.path.exists(filepath):
            legacy_h5.save_model(model, filepath, include_optimizer)
        return
    if not filepath.endswith(".keras") and os.path.splitext(os.path.basename(filepath))[1]:
        raise ValueError("Invalid filepath extension for saving. Please add either a `.keras` extension for the "
                         "native Keras format (recommended) or a `.h5` extension. Use `model.export(filepath)` if you "
                         "want to export a SavedModel for use with TFLite/TFServing/etc. Received: "
                         f"filepath={filepath}.")
    _check_built(model)
    if not overwrite and os.path.exists(filepath):
        return
    config = json.dumps(model_config(model))
    metadata = json.dumps({"keras_version": KERAS_VERSION,
                           "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")})
    weights = io.BytesIO()
    write_weights(model, weights)

    def write(tmp):
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr(_METADATA, metadata)
            archive.writestr(_CONFIG, config)
            archive.writestr(_WEIGHTS, weights.getvalue())
    _atomic_write(filepath, write)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """`keras.models.load_model` for `.keras` zips (and Keras-2-style paths saved by tfcompat) and legacy `.h5`."""
    filepath = os.fspath(filepath)
    if filepath.endswith((".h5", ".hdf5")):
        from . import legacy_h5
        return legacy_h5.load_model(filepath, custom_objects, compile, safe_mode)
    if not os.path.exists(filepath):
        raise ValueError(f"File not found: filepath={filepath}. Please ensure the file is an accessible `.keras` "
                         "zip file.")
    if os.path.isdir(filepath):
        raise ValueError(f"File format not supported: filepath={filepath}. Keras 3 only supports V3 `.keras` files "
                         "and legacy H5 format files (`.h5` extension). Note that the legacy SavedModel format is "
                         "not supported by `load_model()` in Keras 3.")
    if not zipfile.is_zipfile(filepath):
        raise ValueError(f"File format not supported: filepath={filepath}. Keras 3 only supports V3 `.keras` files "
                         "and legacy H5 format files (`.h5` extension).")
    with zipfile.ZipFile(filepath) as archive:
        config = json.loads(archive.read(_CONFIG))
        weights = io.BytesIO(archive.read(_WEIGHTS))
    model = model_from_config(config, custom_objects, compile)
    read_weights(model, weights)
    return model


def model_from_config(config, custom_objects=None, compile=True):
    """A model from a saved config: deserialized, built from build_config, compiled from compile_config."""
    from .serialization import deserialize_keras_object
    model = deserialize_keras_object({k: config[k] for k in ("module", "class_name", "config", "registered_name")
                                      if k in config}, custom_objects)
    build = config.get("build_config")
    if build and not model.built:
        model.build_from_config(build)
    compile_config = config.get("compile_config")
    if compile and compile_config:
        model.compile_from_config(compile_config)
    return model
