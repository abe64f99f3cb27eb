"""`tf.keras.optimizers`: Keras 3's optimizers, `get`/`serialize`/`deserialize`, `schedules`, and `legacy` aliases."""
from ...util.api_names import missing_attribute as _missing_attribute
from . import schedules
from .adagrad import Adadelta, Adagrad
from .adam import Adam, Adamax, AdamW, Nadam
from .base import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

ALL_OBJECTS_DICT = {cls.__name__.lower(): cls for cls in (Optimizer, Adam, SGD, RMSprop, Adadelta, AdamW, Adagrad,
                                                           Adamax, Nadam)}


def serialize(optimizer):
    """Keras 3's dict form: {'module', 'class_name', 'config', 'registered_name'}."""
    return {"module": "keras.optimizers", "class_name": type(optimizer).__name__,
            "config": optimizer.get_config(), "registered_name": None}


def deserialize(config, custom_objects=None):
    """An optimizer from `serialize`'s dict (built-in class names match in any case)."""
    name = config["class_name"]
    cls = (custom_objects or {}).get(name) or ALL_OBJECTS_DICT.get(name.lower())
    if cls is None:
        raise ValueError(f"Could not interpret optimizer identifier: {config}")
    return cls.from_config(config.get("config", {}))


def get(identifier):
    """An Optimizer from a name ('adam', 'SGD'...), a config dict, or an instance (returned as is)."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        cls = ALL_OBJECTS_DICT.get(identifier.lower())
        obj = cls() if cls is not None and cls is not Optimizer else None
    else:
        obj = identifier
    if isinstance(obj, Optimizer):
        return obj
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")


from . import legacy  # noqa: E402 (Keras 2's tf.keras.optimizers.legacy names: the same classes here)


__getattr__ = _missing_attribute("keras.optimizers")  # TF's names tfcompat lacks say so
