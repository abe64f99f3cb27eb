"""`tf.data`: lazy, streaming input pipelines (`tf.data.Dataset`) over tensors, ranges and Python generators."""
import types as _types

from ..util.api_names import missing_attribute as _missing_attribute
from ..util.export import exported as _exported
from . import dataset as _dataset, experimental as _experimental_impl, iterators as _iterators  # noqa: F401
from . import options as _options, structure as _structure  # noqa: F401

experimental = _types.ModuleType("tfcompat.data.experimental", "`tf.data.experimental`.")
experimental.__dict__.update(_exported("data.experimental"))
experimental.__getattr__ = _missing_attribute("data.experimental")
globals().update(_exported("data"))
__getattr__ = _missing_attribute("data")
