"""`tf.TensorArray` (eager): a list of same-dtype tensors with TF's checks, errors and shape inference.

Eagerly TF's TensorArray is mutable: write/unstack/scatter change it in place and return it.
"""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor
from ..framework.errors import InvalidArgumentError, OpError, OutOfRangeError
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import as_shape
from ..util.export import tf_export
from . import array_ops
from .logging_ops import graph_module

__all__ = ["TensorArray"]


def _index(i):
    return i.numpy() if isinstance(i, EagerTensor) else i


@tf_export("TensorArray")
class TensorArray:
    """A list of tensors of one dtype, read and written by index (`size` slots, growing if `dynamic_size`)."""

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None, tensor_array_name=None,
                 handle=None, flow=None, infer_shape=True, element_shape=None,
                 colocate_with_first_write_call=True, name=None):
        graph = graph_module()
        if graph is not None and graph.tracing():
            raise NotImplementedError("tf.TensorArray inside tf.function is not implemented yet in tfcompat")
        if handle is not None:
            raise ValueError("TensorArray handles are not supported when eager execution is enabled.")
        if size is None:
            raise ValueError("Size must be declared for TensorArrays when eager execution is enabled.")
        self._dtype = _dt.as_dtype(dtype)
        self._infer_shape = infer_shape
        self._element_shape = as_shape(element_shape)
        self._dynamic_size = dynamic_size or False
        self._clear_after_read = True if clear_after_read is None else clear_after_read
        self._previously_read = []
        self._items = [None] * int(_index(size))

    flow = property(lambda self: convert_to_tensor(0), doc="A scalar int32 0 (eager TensorArrays have no flow).")
    dtype = property(lambda self: self._dtype)
    handle = property(lambda self: None)
    element_shape = property(lambda self: self._element_shape)
    dynamic_size = property(lambda self: self._dynamic_size)

    def identity(self):
        return self

    def grad(self, source, flow=None, name=None):
        raise NotImplementedError(
            "TensorArray.grad is not supported when executing eagerly; eager's gradient implementation does "
            "not use/need this function to compute gradients of operations that use TensorArrays.")

    def read(self, index, name=None):
        index = _index(index)
        if index < 0:
            raise OutOfRangeError(None, None, "Reading from negative indices (index %d) is not allowed." % index)
        if index >= len(self._items):
            raise OutOfRangeError(None, None, "Tried to read from index %d but array size is: %d "
                                  % (index, len(self._items)))
        value = self._items[index]
        if value is None:
            if index in self._previously_read:
                raise InvalidArgumentError(
                    None, None, "Could not read index %d twice because it was cleared after a previous read "
                    "(perhaps try setting clear_after_read = false?)" % index)
            value = self._zero(index)
        if self._clear_after_read:
            self._items[index] = None
            self._previously_read.append(index)
        return value

    def _write(self, index, value):
        index = _index(index)
        if index < 0:
            raise OutOfRangeError(None, None, "Writing to negative indices (index %d) is not allowed." % index)
        size = len(self._items)
        if index >= size:
            if not self._dynamic_size:
                raise OutOfRangeError(None, None, "Tried to write to index %d but array is not resizeable and "
                                      "size is: %d " % (index, size))
            self._items.extend([None] * (index - size + 1))
        if not isinstance(value, EagerTensor):
            value = convert_to_tensor(value, preferred_dtype=self._dtype)
        if self._dtype != value.dtype:
            raise InvalidArgumentError(None, None, "TensorArray dtype is %s but Op is trying to write dtype %s "
                                       % (self._dtype.name, value.dtype.name))
        if not self._element_shape.is_compatible_with(value.shape):
            raise ValueError("Incompatible shape for value (%s), expected (%s)" % (value.shape, self._element_shape))
        if self._infer_shape:
            self._element_shape = self._element_shape.merge_with(value.shape)
        self._items[index] = value

    def write(self, index, value, name=None):
        self._write(index, value)
        return self

    def _zero(self, index):
        value = self._items[index]
        if value is None:
            value = self._items[index] = array_ops.zeros(self._element_shape, dtype=self._dtype)
        return value

    def stack(self, name=None):
        for i in range(len(self._items)):
            self._zero(i)
        if not self._items and self._element_shape.is_fully_defined():
            return convert_to_tensor(np.zeros([0] + self._element_shape.as_list()), dtype=self._dtype)
        return convert_to_tensor(self._items, dtype=self._dtype)

    def gather(self, indices, name=None):
        return array_ops.stack([self._zero(i) for i in _index(indices)])

    def concat(self, name=None):
        try:
            return array_ops.concat([self._zero(i) for i in range(len(self._items))], 0)
        except OpError:
            ranks = [t.shape.rank for t in self._items]
            if 0 in ranks:
                raise InvalidArgumentError(None, None, "Concat saw a scalar shape at index %d but requires at "
                                           "least vectors." % ranks.index(0)) from None
            raise

    def unstack(self, value, name=None):
        tensors = array_ops.unstack(value)
        if len(tensors) > len(self._items) and not self._dynamic_size:
            raise ValueError("Cannot unstack %d tensors into a TensorArray of static size %d "
                             % (len(tensors), len(self._items)))
        self._items = list(tensors)
        return self

    def scatter(self, indices, value, name=None):
        for index, item in zip(_index(indices), array_ops.unstack(value)):
            self._write(index, item)
        return self

    def split(self, value, lengths, name=None):
        value = convert_to_tensor(value, preferred_dtype=self._dtype)
        lengths = convert_to_tensor(lengths)
        total = int(np.sum(lengths.numpy()))
        if lengths.shape.rank != 1:
            raise InvalidArgumentError(None, None, "Expected lengths to be a vector, received shape: %s "
                                       % lengths.shape.as_list())
        if value.shape.rank == 0:
            raise InvalidArgumentError(None, None, "Expected value to be at least a vector, but received shape: "
                                       "%s " % value.shape.as_list())
        if total != value.shape.as_list()[0]:
            raise InvalidArgumentError(None, None, "Expected sum of lengths to be equal to values.shape[0], but "
                                       "sum of lengths is %d and value's shape is: %s "
                                       % (total, value.shape.as_list()))
        if not self._dynamic_size and lengths.shape[0] != len(self._items):
            raise InvalidArgumentError(None, None, "TensorArray's size is not equal to the size of lengths (%d vs. "
                                       "%d), and the TensorArray is not marked as dynamically resizeable."
                                       % (len(self._items), lengths.shape[0]))
        self._items = list(array_ops.split(value, lengths))
        return self

    def size(self, name=None):
        return convert_to_tensor(len(self._items))

    def close(self, name=None):
        del self._items[:]

    def __repr__(self):
        return f"<tensorflow.python.ops.tensor_array_ops.TensorArray object at {hex(id(self))}>"

