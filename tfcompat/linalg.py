"""`tf.linalg`: linear algebra."""
from .ops import linalg_ops  # noqa: F401 (its @tf_export entries fill this namespace)
from .ops.array_ops import eye, matrix_transpose  # noqa: F401
from .ops.math_ops import matmul  # noqa: F401
from .util.export import exported

globals().update(exported("linalg"))
