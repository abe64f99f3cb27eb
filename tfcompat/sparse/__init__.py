"""`tf.sparse`: SparseTensor, its ops, and SparseTensor operands of the tf.* functions TF dispatches."""
from ..util.api_names import missing_attribute as _missing_attribute
from ..util.export import exported as _exported
from . import sparse_ops as _sparse_ops, sparse_struct as _sparse_struct  # noqa: F401 (exports tf.sparse.*)
from .dispatch import install as _install
from .sparse_tensor import SparseTensor, SparseTensorSpec  # noqa: F401

_install()
globals().update(_exported("sparse"))
__getattr__ = _missing_attribute("sparse")
