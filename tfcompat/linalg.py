"""`tf.linalg`: linear algebra."""
from .ops.array_ops import eye, matrix_transpose  # noqa: F401
from .ops.math_ops import matmul  # noqa: F401
