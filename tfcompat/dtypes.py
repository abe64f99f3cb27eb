"""`tf.dtypes`: the DType objects and conversion helpers."""
from .framework.dtypes import (DType, as_dtype, bfloat16, complex64, complex128, double, float16, float32,  # noqa
                               float64, half, int8, int16, int32, int64, string, uint8, uint16, uint32, uint64)
from .framework.dtypes import bool_ as bool  # noqa: A001
from .ops.array_ops import cast, saturate_cast  # noqa: F401
from .ops.math_ops import complex_ as complex  # noqa: F401

from .util.api_names import missing_attribute as _missing_attribute  # noqa: E402

__getattr__ = _missing_attribute("dtypes")
