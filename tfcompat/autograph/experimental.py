"""`tf.autograph.experimental`: do_not_convert and set_loop_options."""
from ..util.api_names import missing_attribute as _missing_attribute
from .converter import do_not_convert
from .operators import set_loop_options

__all__ = ["do_not_convert", "set_loop_options"]
__getattr__ = _missing_attribute("autograph.experimental")
