"""`tf.keras.backend`: Keras 3 weights (tf.Variables named like Keras 3's), auto-naming, floatx and friends."""
from ..util.api_names import missing_attribute as _missing_attribute
import re
import threading

from ..framework.variables import ResourceVariable

_names = {}  # snake-case prefix -> how many objects took it (Keras 3's per-process name counters)
_state = threading.local()
_config = {"floatx": "float32", "epsilon": 1e-7, "image_data_format": "channels_last"}


def to_snake_case(name):
    """Keras 3's class-name-to-layer-name rule ('OurDenseLayer' -> 'our_dense_layer')."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name)
    return name.lower()


def unique_name(prefix):
    """'dense', then 'dense_1', 'dense_2'... per process (reset by clear_session)."""
    n = _names.get(prefix, 0)
    _names[prefix] = n + 1
    return prefix if n == 0 else f"{prefix}_{n}"


def clear_session(free_memory=True):
    """Resets the auto-naming counters, as Keras 3's clear_session does."""
    _names.clear()


def floatx():
    return _config["floatx"]


def set_floatx(value):
    _config["floatx"] = str(value)


def epsilon():
    return _config["epsilon"]


def set_epsilon(value):
    _config["epsilon"] = float(value)


def image_data_format():
    return _config["image_data_format"]


def set_image_data_format(data_format):
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError(f"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. "
                         f"Received: data_format={data_format}")
    _config["image_data_format"] = data_format


def backend():
    return "tensorflow"


def current_path():
    """The '/'-joined names of the layers being built or called now ('model/dense'): Keras 3's weight paths."""
    return "/".join(name for name, _ in getattr(_state, "path", ()))


class path_scope:
    """Pushes a layer's name onto the weight path (not again when that layer is already innermost)."""

    def __init__(self, name, owner=None):
        self._entry = (name, id(owner))

    def __enter__(self):
        path = getattr(_state, "path", ())
        self._pushed = not (path and owner_matches(path[-1], self._entry))
        if self._pushed:
            _state.path = path + (self._entry,)

    def __exit__(self, *exc):
        if self._pushed:
            _state.path = _state.path[:-1]


def owner_matches(entry, new):
    return entry[1] == new[1] and new[1] != id(None)


class KerasVariable(ResourceVariable):
    """A layer weight: a tf.Variable (tapes, tf.function and optimizers see it) that reads like Keras 3's
    Variable: `name` 'kernel' without ':0', `path` 'dense/kernel', a settable `trainable`, Keras 3's repr."""

    def __init__(self, initial_value, trainable=True, name=None, constraint=None, path=None, **kwargs):
        super().__init__(initial_value, trainable=trainable, name=name, constraint=constraint, **kwargs)
        self._keras_name = name or "variable"
        self._path = path if path is not None else "/".join(filter(None, (current_path(), self._keras_name)))
        self.regularizer = None

    name = property(lambda self: self._keras_name)
    path = property(lambda self: self._path)

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    def _display_name(self):
        return self._path

    def __repr__(self):
        return (f"<Variable path={self._path}, shape={tuple(self.shape.as_list())}, dtype={self.dtype.name}, "
                f"value={self.numpy()}>")

    __str__ = __repr__


__getattr__ = _missing_attribute("keras.backend")  # TF's names tfcompat lacks say so
