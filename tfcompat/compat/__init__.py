"""`tf.compat`: the TF1 API (`v1`) and the TF2 one (`v2`: the tf namespace itself)."""
import sys

import tfcompat as v2

from ..util.api_names import missing_attribute as _missing_attribute
from ..util.export import exported as _exported
from . import v1

globals().update(_exported("compat"))
sys.modules[__name__ + ".v2"] = v2
__getattr__ = _missing_attribute("compat")
