"""`tf.random`: TF's Philox random tensors, seeds and generators (`tf.random.experimental` aliases)."""
import types as _types

from .ops import random_ops as _random_ops  # noqa: F401 (its @tf_export entries fill this namespace)
from .util.api_names import missing_attribute as _missing_attribute
from .util.export import exported as _exported

globals().update(_exported("random"))
experimental = _types.SimpleNamespace(**_exported("random.experimental"))
__getattr__ = _missing_attribute("random")
