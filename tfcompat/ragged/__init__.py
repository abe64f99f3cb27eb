"""`tf.ragged`: ragged tensors (RaggedTensor, its factories and ops), and ragged operands for the tf.* ops."""
from ..util.api_names import missing_attribute as _missing_attribute
from ..util.export import exported as _exported
from . import ragged_ops as _ragged_ops  # noqa: F401 (exports tf.ragged.*, tf.RaggedTensorSpec)
from .dispatch import install as _install, install_graph_fallbacks as _install_graph_fallbacks, \
    install_operators as _install_operators
from .ragged_tensor import RaggedTensor, is_ragged  # noqa: F401

_install()
_install_operators()
_install_graph_fallbacks()
globals().update(_exported("ragged"))
__getattr__ = _missing_attribute("ragged")
