"""`keras.models`: Model, Sequential, clone_model (and load_model/save_model from keras.saving)."""
from .functional import Functional
from .model import Model
from .sequential import Sequential


def __getattr__(name):
    if name in ("load_model", "save_model", "model_from_json"):
        from .. import saving
        return getattr(saving, name)
    if name == "clone_model":
        from .cloning import clone_model
        return clone_model
    raise AttributeError(f"module 'keras.models' has no attribute {name!r}")
