"""`tf.keras`: Keras 3.15's API (the Keras TF 2.21 ships) on tfcompat; submodules load on first use."""
import importlib

from ..util.api_names import missing_attribute

_missing = missing_attribute("keras")

__version__ = "3.15.1"
_SUBMODULES = ("activations", "backend", "callbacks", "constraints", "datasets", "initializers", "layers",
               "losses", "metrics", "models", "optimizers", "regularizers", "saving", "utils")
_TOP = {"Input": "layers", "InputLayer": "layers", "InputSpec": "layers", "Layer": "layers",
        "KerasTensor": "layers", "Model": "models", "Sequential": "models", "Initializer": "initializers",
        "Regularizer": "regularizers", "Constraint": "constraints", "Loss": "losses", "Metric": "metrics",
        "Optimizer": "optimizers"}


def __getattr__(name):
    if name in _TOP:
        return getattr(importlib.import_module(f"tfcompat.keras.{_TOP[name]}"), name)
    if not name.startswith("__"):  # any submodule (this also serves `from . import x` inside the package)
        try:
            return importlib.import_module(f"tfcompat.keras.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"tfcompat.keras.{name}":
                raise
    return _missing(name)  # TF's names: "not implemented yet in tfcompat"; others: Keras's own message


def __dir__():
    return sorted(set(globals()) | set(_SUBMODULES) | set(_TOP))

# tf.keras reads as Keras 3 inside TF 2.21 (MK-07); `from . import x` in the package finds x through __getattr__.
__name__ = "keras._tf_keras.keras"  # noqa: A001
