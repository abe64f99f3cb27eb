"""`tf.train`: Checkpoint, CheckpointManager, latest_checkpoint and friends."""
from . import checkpoint as _checkpoint  # noqa: F401 (its @tf_export entries)
from ..util.api_names import missing_attribute as _missing_attribute
from ..util.export import exported as _exported

globals().update(_exported("train"))
__getattr__ = _missing_attribute("train")
