"""`tf.math`: elementwise math, comparisons, reductions, sorting and segment reductions."""
from .ops import math_ops, segment_ops, sort_ops  # noqa: F401 (their @tf_export entries fill this namespace)
from .ops.array_ops import cast  # noqa: F401
from .ops.math_ops import invert, realdiv, truncatediv, truncatemod  # noqa: F401 (kept for existing callers)
from .ops.nn_ops import softmax  # noqa: F401
from .util.export import exported

globals().update(exported("math"))
