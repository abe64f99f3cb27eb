"""Keras 3's object registry and config (de)serialization: `register_keras_serializable`, custom object scopes,
`serialize_keras_object`/`deserialize_keras_object`, and the compile config of a saved model. Nothing here imports
or executes code named by a file: classes come from Keras itself, the registry or `custom_objects`."""
import inspect
import threading

_GLOBAL_CUSTOM_OBJECTS = {}  # registered name ('Custom>MyLayer') -> class or function
_GLOBAL_CUSTOM_NAMES = {}  # class or function -> registered name
_scope = threading.local()


def register_keras_serializable(package="Custom", name=None):
    """Registers a class or function under 'package>name' so saved configs can find it."""
    def decorator(arg):
        class_name = name if name is not None else arg.__name__
        registered_name = f"{package}>{class_name}"
        if inspect.isclass(arg) and not hasattr(arg, "get_config"):
            raise ValueError("Cannot register a class that does not have a get_config() method.")
        _GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        _GLOBAL_CUSTOM_NAMES[arg] = registered_name
        return arg
    return decorator


def get_registered_name(obj):
    return _GLOBAL_CUSTOM_NAMES.get(obj, obj.__name__)


def get_custom_objects():
    """The global registry (mutable, as Keras's)."""
    return _GLOBAL_CUSTOM_OBJECTS


class CustomObjectScope:
    """`with custom_object_scope({'name': obj}):` makes objects visible to deserialization."""

    def __init__(self, custom_objects):
        self.custom_objects = custom_objects or {}

    def __enter__(self):
        self._saved = getattr(_scope, "objects", {})
        _scope.objects = {**self._saved, **self.custom_objects}
        return self

    def __exit__(self, *exc):
        _scope.objects = self._saved


custom_object_scope = CustomObjectScope


def lookup_table(custom_objects=None):
    """Every name a config may use for a user object: registered names, bare class names, scopes, arguments."""
    table = {name.split(">", 1)[-1]: obj for name, obj in _GLOBAL_CUSTOM_OBJECTS.items()}
    table.update(_GLOBAL_CUSTOM_OBJECTS)
    table.update(getattr(_scope, "objects", {}))
    table.update(custom_objects or {})
    return table


def get_registered_object(name, custom_objects=None, module_objects=None):
    table = lookup_table(custom_objects)
    if name in table:
        return table[name]
    return (module_objects or {}).get(name)


def _module_name(obj):
    module = getattr(obj, "__module__", "") or ""
    for ours, theirs in (("tfcompat.keras.layers", "keras.layers"), ("tfcompat.keras.models", "keras"),
                         ("tfcompat.keras.losses", "keras.losses"), ("tfcompat.keras.metrics", "keras.metrics"),
                         ("tfcompat.keras.optimizers", "keras.optimizers")):
        if module.startswith(ours):
            return theirs
    return module


def serialize_keras_object(obj):
    """Keras 3's JSON-ready form of an object ({'module', 'class_name', 'config', 'registered_name'})."""
    from .. import losses, metrics, optimizers
    from ..layers import Layer
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, (list, tuple)):
        return [serialize_keras_object(v) for v in obj]
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, optimizers.Optimizer):
        return optimizers.serialize(obj)
    if isinstance(obj, losses.Loss) or obj in losses._FUNCTIONS:
        return losses.serialize(obj)
    if isinstance(obj, metrics.Metric):
        return metrics.serialize(obj)
    if inspect.isfunction(obj):
        return {"module": _module_name(obj), "class_name": "function", "config": obj.__name__,
                "registered_name": get_registered_name(obj) if obj in _GLOBAL_CUSTOM_NAMES else "function"}
    if isinstance(obj, Layer):
        module = _module_name(type(obj))
        registered = None if module.startswith("keras") else get_registered_name(type(obj))
        if type(obj).__name__ == "Functional" and module == "keras":
            module, registered = "keras.src.models.functional", "Functional"
        return {"module": module, "class_name": type(obj).__name__, "config": obj.get_config(),
                "registered_name": registered}
    if hasattr(obj, "get_config"):
        return {"module": _module_name(type(obj)), "class_name": type(obj).__name__, "config": obj.get_config(),
                "registered_name": get_registered_name(type(obj))}
    raise TypeError(f"Cannot serialize object {obj} of type {type(obj)}. To be serializable, a class must "
                    "implement the `get_config()` method.")


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """An object from `serialize_keras_object`'s form (layers, models, losses, metrics, optimizers, functions)."""
    from .. import layers, losses, metrics, optimizers
    if config is None or isinstance(config, (int, float, bool)):
        return config
    if isinstance(config, list):
        return [deserialize_keras_object(c, custom_objects) for c in config]
    table = lookup_table(custom_objects)
    if isinstance(config, str):
        return table.get(config, config)
    if not isinstance(config, dict) or "class_name" not in config:
        return config
    module, class_name = config.get("module") or "", config["class_name"]
    registered = config.get("registered_name")
    if class_name == "function":
        fn = table.get(registered) or table.get(config["config"])
        if fn is None and module.startswith("keras"):
            fn = getattr(losses, config["config"], None) or getattr(metrics, config["config"], None)
        if fn is None:
            raise TypeError(f"Could not locate function '{config['config']}'. Make sure custom classes are "
                            f"decorated with `@keras.saving.register_keras_serializable()`. Full object config: "
                            f"{config}")
        return fn
    cls = table.get(registered) or table.get(class_name)
    if cls is not None:
        kwargs = {"custom_objects": custom_objects} if "custom_objects" in \
            inspect.signature(cls.from_config).parameters else {}
        return cls.from_config(config.get("config", {}), **kwargs)
    if module.startswith("keras.optimizers"):
        return optimizers.deserialize(config, custom_objects)
    if module.startswith("keras.losses"):
        return losses.deserialize(config, custom_objects)
    if module.startswith("keras.metrics"):
        return metrics.deserialize(config, custom_objects)
    return layers.deserialize(config, custom_objects=table)


def deserialize_compile_config(config):
    """compile() arguments from a saved compile_config."""
    out = dict(config)
    for key in ("optimizer", "loss", "metrics", "weighted_metrics", "loss_weights"):
        if key in out:
            out[key] = deserialize_keras_object(out[key])
    return out
