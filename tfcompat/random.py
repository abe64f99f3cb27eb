"""`tf.random`: seeded random tensors."""
from .ops.random_ops import get_seed, normal, set_seed, uniform  # noqa: F401
from .util.export import exported  # noqa: E402

globals().update(exported("random"))
