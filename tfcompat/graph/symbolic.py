"""`SymbolicTensor`: a tensor of a graph being traced. It carries an example value so that the eager
frontend (argument checks, dtype rules, shape rules) runs unchanged while the ops are recorded."""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.errors import OperatorNotAllowedInGraphError
from ..framework.tensor import Tensor
from ..framework.tensor_shape import TensorShape

__all__ = ["SymbolicTensor", "ValueUnknownError"]

_BOOL_TEXT = ("Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. You can attempt the following "
              "resolutions to the problem: If you are running in Graph mode, use Eager execution mode or decorate "
              "this function with @tf.function. If you are using AutoGraph, you can try decorating this function "
              "with @tf.function. If that does not work, then you may be using an unsupported feature or your "
              "source code may not be visible to AutoGraph. See https://github.com/tensorflow/tensorflow/blob/"
              "master/tensorflow/python/autograph/g3doc/reference/limitations.md#access-to-source-code for more "
              "information.")


class ValueUnknownError(NotImplementedError):
    """An op needed the value of a tensor that is only known when the graph runs."""


class SymbolicTensor(Tensor):
    """A graph tensor: `_data` is the example value of this trace, `_shape` the static (possibly partial) shape.

    `_static` is True when the value is the same at every run (constants and ops on constants): such
    tensors are folded into constants by the executor. `_data2` is a second example, present when the
    static shape has unknown dimensions (its unknown dims differ from `_data`'s, which is how derived
    tensors learn which of their dims are unknown).
    """

    __slots__ = ("_data", "_dtype", "_shape", "_graph", "_node", "_index", "_static", "_data2", "_name",
                 "_slice_of", "_keras_mask", "__weakref__")

    def __init__(self, data, dtype, shape, graph, node, index, static, data2=None):
        self._data, self._dtype, self._shape = data, dtype, shape
        self._graph, self._node, self._index = graph, node, index
        self._static, self._data2 = static, data2
        self._name = f"{node.name}:{index}"

    dtype = property(lambda self: self._dtype)
    shape = property(lambda self: self._shape)
    name = property(lambda self: self._name)
    op = property(lambda self: self._node)
    graph = property(lambda self: self._graph)
    value_index = property(lambda self: self._index)
    device = property(lambda self: "")

    def _numpy(self):
        """The value, for frontend code that needs it: only known for constant-folded tensors."""
        if not self._static:
            raise ValueUnknownError(f"tfcompat needs the value of the symbolic tensor {self._name} while tracing, "
                                    "and it is only known when the graph runs; this use is not implemented yet in "
                                    "tfcompat's graph mode.")
        if self._dtype is _dt.string:
            return np.array(self._data, dtype=object)
        from ..framework.context import ctx
        return ctx.backend.to_numpy(self._data)

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError(f"Cannot convert a symbolic tf.Tensor ({self._name}) to a numpy array. This error "
                                  "may indicate that you're trying to pass a Tensor to a NumPy call, which is not "
                                  "supported.")

    def __bool__(self):
        raise OperatorNotAllowedInGraphError(_BOOL_TEXT)

    def __iter__(self):
        raise OperatorNotAllowedInGraphError(_BOOL_TEXT.replace("Using a symbolic `tf.Tensor` as a Python `bool`",
                                                                "Iterating over a symbolic `tf.Tensor`"))

    def __len__(self):
        raise TypeError(f"len is not well defined for a symbolic Tensor ({self._name}). Please call `x.shape` rather "
                        "than `len(x)` for shape information.")

    def __index__(self):
        raise TypeError(f"Cannot use the symbolic tensor {self._name} as a Python index.")

    __int__ = __float__ = __index__

    def __hash__(self):
        if self._graph.v1:
            return id(self)
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def set_shape(self, shape):
        shape = TensorShape(shape)
        if not self._shape.is_compatible_with(shape):
            raise ValueError(f"Tensor's shape {self._shape} is not compatible with supplied shape {shape}.")
        self._shape = self._shape.merge_with(shape)

    def eval(self, feed_dict=None, session=None):
        from .session import eval_tensor
        return eval_tensor(self, feed_dict, session)

    def _shape_text(self):
        return "<unknown>" if self._shape.rank is None else str(self._shape)

    def __repr__(self):
        return f"<tf.Tensor '{self._name}' shape={self._shape_text()} dtype={self._dtype.name}>"

    def __str__(self):
        return f'Tensor("{self._name}", shape={self._shape_text()}, dtype={self._dtype.name})'
