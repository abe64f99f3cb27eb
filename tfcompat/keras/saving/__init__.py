"""`keras.saving`: save/load whole models (`.keras`) and weights (`.weights.h5`), and the object registry."""
from ...util.api_names import missing_attribute as _missing_attribute
from .saving_lib import load_model, load_weights, save_model, save_weights
from .serialization import (CustomObjectScope, custom_object_scope, deserialize_keras_object, get_custom_objects,
                            get_registered_name, get_registered_object, register_keras_serializable,
                            serialize_keras_object)

__all__ = ["CustomObjectScope", "custom_object_scope", "deserialize_keras_object", "get_custom_objects",
           "get_registered_name", "get_registered_object", "load_model", "load_weights", "register_keras_serializable",
           "save_model", "save_weights", "serialize_keras_object"]


__getattr__ = _missing_attribute("keras.saving")  # TF's names tfcompat lacks say so
