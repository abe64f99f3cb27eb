"""`tf.random`: TF's Philox random tensors, seeds and generators (`tf.random.experimental` aliases)."""
import types as _types

from .ops.random_ops import get_seed  # noqa: F401
from .util.export import exported

globals().update(exported("random"))
experimental = _types.SimpleNamespace(**exported("random.experimental"))
