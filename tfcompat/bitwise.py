"""`tf.bitwise`: bitwise and/or/xor/invert and shifts of integers."""
from .ops import library as _library  # noqa: F401 (every op module's @tf_export entries)
from .util.api_names import missing_attribute as _missing_attribute
from .util.export import exported as _exported

globals().update(_exported("bitwise"))
__getattr__ = _missing_attribute("bitwise")
