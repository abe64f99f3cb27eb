"""`tf.bitwise`: bitwise and/or/xor/invert and shifts of integers."""
from .ops import math_ops  # noqa: F401 (its @tf_export entries fill this namespace)
from .util.export import exported

globals().update(exported("bitwise"))
