"""`tf.test`: the numeric gradient checker (`compute_gradient`)."""
from .autodiff.gradient_checker import compute_gradient  # noqa: F401
