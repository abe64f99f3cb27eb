"""`tf.math`: elementwise math, comparisons and reductions."""
from .ops.array_ops import cast  # noqa: F401
from .ops.math_ops import (abs, acos, acosh, add, add_n, angle, argmax, argmin, asin, asinh, atan, atan2,  # noqa
                           atanh, ceil, conj, cos, cosh, cumsum, digamma, divide, divide_no_nan, equal, erf, erfc,
                           exp, expm1, floor, floordiv, floormod, greater, greater_equal, imag, invert, is_finite,
                           is_inf, is_nan, less, less_equal, lgamma, log, log1p, logical_and, logical_not,
                           logical_or, logical_xor, maximum, minimum, multiply, negative, not_equal, pow, real,
                           realdiv, reciprocal, reduce_all, reduce_any, reduce_max, reduce_mean, reduce_min,
                           reduce_prod, reduce_sum, rint, round, rsqrt, scalar_mul, sigmoid, sign, sin, sinh, sqrt,
                           square, squared_difference, subtract, tan, tanh, truediv, truncatediv, truncatemod)
from .ops.math_ops import complex_ as complex  # noqa: F401
from .ops.math_ops import floormod as mod  # noqa: F401
from .ops.nn_ops import softmax  # noqa: F401
from .util.export import exported  # noqa: E402

globals().update(exported("math"))
