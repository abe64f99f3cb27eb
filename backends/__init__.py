"""Backend registry: the built-in numpy and torch backends plus entry points in group `tfcompat.backends`."""
import importlib

from .base import Backend, NotProvidedError

__all__ = ["Backend", "NotProvidedError", "available", "load", "register"]

ENTRY_POINT_GROUP = "tfcompat.backends"
_BUILTIN = {"numpy": "tfcompat.backends.numpy_backend:NumpyBackend",
            "torch": "tfcompat.backends.torch_backend:TorchBackend"}
_registered = {}


def register(name, factory):
    """Registers a backend under `name`; `factory` is a Backend subclass, instance or a zero-arg callable."""
    _registered[name] = factory


def _entry_points():
    from importlib.metadata import entry_points
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available():
    """Names of every backend that can be asked for (built-in, registered, installed entry points)."""
    return sorted(set(_BUILTIN) | set(_registered) | set(_entry_points()))


def _resolve(path):
    mod, _, attr = path.partition(":")
    obj = importlib.import_module(mod)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def load(name):
    """Instantiates the backend called `name`; a 'module:attribute' path also works."""
    if name in _registered:
        factory = _registered[name]
    elif name in _BUILTIN:
        factory = _resolve(_BUILTIN[name])
    elif ":" in name:
        factory = _resolve(name)
    else:
        eps = _entry_points()
        if name not in eps:
            raise ValueError(f"Unknown tfcompat backend {name!r}. Available backends: "
                             f"{', '.join(available())}. Set TFCOMPAT_BACKEND to one of them.")
        factory = eps[name].load()
    backend = factory() if callable(factory) and not isinstance(factory, Backend) else factory
    if not isinstance(backend, Backend):
        raise TypeError(f"Backend {name!r} is not a tfcompat.backends.Backend (got {type(backend).__name__}).")
    return backend
