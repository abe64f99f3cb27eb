"""`tf.math`: elementwise math, comparisons, reductions, sorting and segment reductions."""
from .ops import library as _library  # noqa: F401 (every op module's @tf_export entries)
from .util.api_names import missing_attribute as _missing_attribute
from .util.export import exported as _exported

globals().update(_exported("math"))
__getattr__ = _missing_attribute("math")
