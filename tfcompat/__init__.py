"""tfcompat: a TensorFlow-2-compatible runtime on NumPy or PyTorch. `import tfcompat as tf`."""
from .framework.heap import keep_freed_memory as _keep_freed_memory
_keep_freed_memory()
from .framework import dtypes as _dtypes_impl
from .framework.dtypes import (DType, as_dtype, bfloat16, complex64, complex128, double, float16, float32,
                               float64, half, int8, int16, int32, int64, string, uint8, uint16, uint32, uint64)
from .framework.dtypes import bool_ as bool  # noqa: A001 (TF's name)
from .framework.tensor import Tensor
from .framework.tensor_shape import TensorShape
from .framework.convert import constant, convert_to_tensor
from .framework.variables import Variable, VariableAggregation, VariableSynchronization
from .framework.scopes import device, executing_eagerly, name_scope
from .framework.context import set_backend, get_backend
from .framework.op import RegisterGradient, no_gradient
from .autodiff.tape import GradientTape, UnconnectedGradients
from .autodiff.custom_gradient import custom_gradient, recompute_grad
from .autodiff.indexed_slices import IndexedSlices
from .ops import library as _library  # noqa: F401 (every op, its exports, and the Tensor operators)
from .graph import function as _function_module  # noqa: F401 (tf.function, tf.TensorSpec)
from .graph.graph import Graph
from .ops.array_ops import (boolean_mask, broadcast_static_shape, broadcast_to, cast, concat, expand_dims, eye,
                            fill, gather, identity, linspace, newaxis, ones, ones_like, range, rank, reshape,
                            reverse, saturate_cast, shape, shape_n, size, split, squeeze, stack, stop_gradient,
                            transpose, unstack, where, zeros, zeros_like)
from .ops.math_ops import (abs, add, add_n, argmax, argmin, atan2, complex_ as complex, cos, cosh,
                           cumsum, divide, equal, exp, floor, greater, greater_equal, less, less_equal,
                           logical_and, logical_not, logical_or, matmul, maximum, minimum, multiply, negative,
                           not_equal, pow, realdiv, reduce_all, reduce_any, reduce_max, reduce_mean, reduce_min,
                           reduce_prod, reduce_sum, round, scalar_mul, sigmoid, sign, sin, sinh, sqrt, square,
                           subtract, tan, tanh, truediv, truncatediv, truncatemod)
from . import ragged, strings  # noqa: E402,F401 (tf.ragged, tf.RaggedTensor, ragged operands of tf.* ops; tf.strings)
from . import sparse  # noqa: E402,F401 (tf.sparse, tf.SparseTensor, tf.SparseTensorSpec, SparseTensor operands of tf.* ops)
from . import bitwise, dtypes, errors, image, linalg, math, nn, random  # noqa: E402  (namespace modules)
from .util.export import exported as _exported
from .util.api_names import missing_attribute as _missing_attribute
from . import autodiff, config, test  # noqa: E402  (namespace modules)
from . import debugging  # noqa: E402  (tf.debugging, tf.assert_equal &c.)
from . import autograph  # noqa: E402  (tf.autograph)
from .util import nest
from .module import Module  # noqa: F401 (tf.Module)
from . import keras  # noqa: E402 (tf.keras: its submodules load on first use)
from . import data  # noqa: E402 (tf.data)
from . import train  # noqa: E402 (tf.train: Checkpoint, CheckpointManager)

__version__ = "0.1.0"
newaxis = None
globals().update(_exported(""))
__getattr__ = _missing_attribute("")
from . import compat  # noqa: E402  (tf.compat.v1: TF1 graph mode; imported last, it copies the tf namespace)


def install_as_tensorflow(keras=False):
    """Makes `import tensorflow` (and `tensorflow.X`; `keras` too if `keras`) resolve to tfcompat in this process."""
    from .aliasing import install_as_tensorflow as install
    install(keras)


def is_tensor(x):
    """True for Tensors, Variables and composite tensors."""
    from .framework.tensor import is_tensor_like
    return is_tensor_like(x)


