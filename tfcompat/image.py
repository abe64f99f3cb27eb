"""`tf.image`: image ops (convert_image_dtype, adjust_contrast so far; TF's other names say they are missing)."""
from .ops import library as _library  # noqa: F401 (every op module's @tf_export entries)
from .util.api_names import missing_attribute as _missing_attribute
from .util.export import exported as _exported

globals().update(_exported("image"))
__getattr__ = _missing_attribute("image")
