"""`tf.TensorArray`: a list of same-dtype tensors with TF's checks, errors and shape inference.

Eagerly TF's TensorArray is mutable: write/unstack/scatter change it in place and return it. Inside a graph it
is TF 2's TensorList: a `variant` tensor (its flow) holding an immutable `TensorList`; each write returns a new
TensorArray, so that it can be a loop variable of a graph while loop.
"""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor
from ..framework.context import ctx, local
from ..framework.errors import InvalidArgumentError, OpError, OutOfRangeError
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape, as_shape
from ..util.export import tf_export
from . import array_ops
from .logging_ops import graph_module

__all__ = ["TensorArray", "GraphTensorArray", "TensorList", "flows", "with_flows", "list_reserve", "list_set_item",
           "list_stack"]


def _index(i):
    return i.numpy() if isinstance(i, EagerTensor) else i


@tf_export("TensorArray")
class TensorArray:
    """A list of tensors of one dtype, read and written by index (`size` slots, growing if `dynamic_size`)."""

    def __new__(cls, *args, **kwargs):
        graph = graph_module()
        if cls is TensorArray and graph is not None and graph.tracing():
            cls = GraphTensorArray
        return object.__new__(cls)

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None, tensor_array_name=None,
                 handle=None, flow=None, infer_shape=True, element_shape=None,
                 colocate_with_first_write_call=True, name=None):
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



# ---- graph mode: TensorLists -----------------------------------------------------------------------------------

class TensorList:
    """The value of a `variant` list tensor: an immutable list of elements (None: unset). Elements are arrays
    when a graph runs, and eager tensors when a graph is replayed through the eager frontend (under a tape), so
    that gradients flow from each write to the reads and stacks of that element.

    A write to the newest version of a list updates its buffer in place and logs the old element, so that loops
    of writes cost O(1) each; an older version, still readable, is rebuilt from the log."""

    __slots__ = ("_buffer", "_version")
    shape = ()

    def __init__(self, items):
        self._buffer, self._version = _Buffer(items), 0

    @property
    def items(self):
        buffer = self._buffer
        if self._version == buffer.version:
            return buffer.items
        items = list(buffer.items)
        for index, old, size in reversed(buffer.undo[self._version:]):
            items.extend([None] * (index + 1 - len(items)))
            items[index] = old
            del items[size:]
        return items

    def set(self, index, value):
        """This list with element `index` (at most its size) set to `value`."""
        buffer = self._buffer
        if self._version != buffer.version or buffer.shared:
            return TensorList(self.items).set(index, value)
        items = buffer.items
        buffer.undo.append((index, items[index] if index < len(items) else None, len(items)))
        if index == len(items):
            items.append(value)
        else:
            items[index] = value
        buffer.version += 1
        out = object.__new__(TensorList)
        out._buffer, out._version = buffer, buffer.version
        return out

    def __repr__(self):
        return f"TensorList(size={len(self.items)})"


class _Buffer:
    """A list's elements, version and undo log; `shared` (a graph constant, used by every run): never updated."""

    __slots__ = ("items", "version", "undo", "shared")

    def __init__(self, items):
        self.items, self.version, self.undo, self.shared = list(items), 0, [], False


class _Arrays:
    """The element arithmetic of the list kernels on backend arrays (a graph run)."""

    def __init__(self, backend):
        self.backend = backend

    def value(self, x, dtype):
        return x

    def zeros(self, shape, dtype):
        return self.backend.full(tuple(shape), 0, dtype.name)

    def stack(self, items, dtype):
        return self.backend.stack(items, 0)

    def concat(self, items, dtype):
        return self.backend.concat(items, 0)

    def rows(self, x, lengths=None):
        b = self.backend
        if lengths is None:
            return [b.index(x, (i,)) for i in range(b.shape(x)[0])]
        starts = np.cumsum([0] + lengths)
        return [b.index(x, (slice(int(s), int(s) + n),)) for s, n in zip(starts, lengths)]

    def shape(self, x):
        return tuple(self.backend.shape(x))

    def ints(self, x):
        return [int(v) for v in np.reshape(self.backend.to_numpy(x), -1)]

    def index(self, x):
        return int(x)

    def length(self, n):
        return self.backend.full((), n, "int32")


class _Tensors:
    """The same on eager tensors: every element stays the tensor a tape recorded."""

    def value(self, x, dtype):
        return x if isinstance(x, EagerTensor) else EagerTensor(x, dtype)

    def zeros(self, shape, dtype):
        return array_ops.zeros(shape, dtype)

    def stack(self, items, dtype):
        return array_ops.stack([self.value(x, dtype) for x in items])

    def concat(self, items, dtype):
        return array_ops.concat([self.value(x, dtype) for x in items], 0)

    def rows(self, x, lengths=None):
        return array_ops.unstack(x) if lengths is None else array_ops.split(x, lengths)

    def shape(self, x):
        return tuple(x.shape)

    def ints(self, x):
        return [int(v) for v in np.reshape(x.numpy(), -1)]

    def index(self, x):
        return int(x.numpy())

    def length(self, n):
        return convert_to_tensor(n)


_TENSORS = _Tensors()


def _error(message):
    return InvalidArgumentError(None, None, message)


def _text(shape):
    return "<unknown>" if shape is None else "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def _merge(a, b):
    """TF's PartialTensorShape merge of two element shapes (tuples, None dims unknown; None: unknown rank)."""
    if a is None:
        return b
    if len(a) != len(b):
        raise _error(f"PartialTensorShape: Incompatible ranks during merge: {len(a)} vs. {len(b)}")
    for x, y in zip(a, b):
        if x is not None and y is not None and x != y:
            raise _error(f"PartialTensorShape: Incompatible shapes during merge: {_text(a)} vs. {_text(b)}")
    return tuple(x if y is None else y for x, y in zip(a, b))


def _filled(ops, items, element_shape, dtype, message):
    """The elements with unset ones as zeros of the element shape merged with the set elements' shapes."""
    shape = element_shape
    for x in items:
        if x is not None:
            shape = _merge(shape, ops.shape(x))
    if all(x is not None for x in items):
        return list(items)
    if shape is None or None in shape:
        raise _error(message + _text(shape))
    zero = ops.zeros(shape, dtype)
    return [zero if x is None else x for x in items]


def _item(ops, lst, i, dtype, element_shape):
    items = lst.items
    if not 0 <= i < len(items):
        raise _error(f"Trying to access element {i} in a list with {len(items)} elements.")
    if items[i] is None:
        return _filled(ops, items, element_shape, dtype, "Trying to read an uninitialized tensor but "
                       "element_shape is not fully defined: ")[i]
    return ops.value(items[i], dtype)


def _stacked(ops, items, dtype, element_shape):
    if not items:
        if element_shape is None or None in element_shape:
            raise _error("Tried to stack elements of an empty list with non-fully-defined element_shape: "
                         + _text(element_shape))
        return ops.zeros((0,) + element_shape, dtype)
    return ops.stack(_filled(ops, items, element_shape, dtype, "Tried to stack list which only contains "
                             "uninitialized tensors and has a non-fully-defined element_shape: "), dtype)


# kernels: (ops, *inputs, **attrs), lists as TensorList values, other inputs as arrays or eager tensors

def _reserve(ops, size):
    return TensorList([None] * ops.index(size))


def _from_tensor(ops, tensor):
    return TensorList(ops.rows(tensor))


def _split(ops, tensor, lengths):
    return TensorList(ops.rows(tensor, ops.ints(lengths)))


def _set_item(ops, lst, index, *value, resize):
    """Element `index` set to `value` (a tuple when several values make one element)."""
    i, size = ops.index(index), len(lst.items)
    if not 0 <= i < size and not (resize and i >= 0):
        raise _error(f"Trying to modify element {i} in a list with {size} elements.")
    for grow in range(size, i):
        lst = lst.set(grow, None)
    return lst.set(i, value[0] if len(value) == 1 else value)


def _scatter(ops, lst, indices, value):
    items = list(lst.items)
    for i, row in zip(ops.ints(indices), ops.rows(value)):
        items.extend([None] * (i + 1 - len(items)))
        items[i] = row
    return TensorList(items)


def _get_item(ops, lst, index, *, dtype, element_shape):
    return _item(ops, lst, ops.index(index), dtype, element_shape)


def _gather(ops, lst, indices, *, dtype, element_shape):
    return _stacked(ops, [_item(ops, lst, i, dtype, element_shape) for i in ops.ints(indices)], dtype,
                    element_shape)


def _stack(ops, lst, *, dtype, element_shape, component=-1):
    """All elements stacked (`component` k >= 0: the k-th part of elements written as tuples)."""
    items = lst.items if component < 0 else [x if x is None else x[component] for x in lst.items]
    return _stacked(ops, items, dtype, element_shape)


def _concat(ops, lst, *, dtype, element_shape):
    items = list(lst.items)
    if any(x is None for x in items):   # unset elements need a fully known element shape
        if element_shape is None or None in element_shape:
            raise _error("Trying to concat list with only uninitialized tensors but element_shape_except_first_dim "
                         "is not fully defined: " + _text(element_shape))
        items = [ops.zeros(element_shape, dtype) if x is None else x for x in items]
    for i, x in enumerate(items):
        if not ops.shape(x):
            raise _error(f"Concat saw a scalar shape at index {i} but requires at least vectors.")
    if not items:
        return ops.zeros((0,) + tuple(element_shape[1:]), dtype)
    return ops.concat(items, dtype)


def _length(ops, lst):
    return ops.length(len(lst.items))


_SCALAR = TensorShape([])
_SYMBOLIC = []


def _symbolic_type():
    if not _SYMBOLIC:
        from ..graph.symbolic import SymbolicTensor
        _SYMBOLIC.append(SymbolicTensor)
    return _SYMBOLIC[0]


def _apply(type_, kernel, inputs, out_dtype, out_shape, **attrs):
    """A list kernel on tensors. While tracing it is recorded as a graph node (the kernel runs on arrays at
    every graph run; `call` replays it on eager tensors); otherwise it runs on eager tensors."""
    graph = local.graph
    if graph is None:
        out = kernel(_TENSORS, *[t._data if t._dtype is _dt.variant else t for t in inputs], **attrs)
        return EagerTensor(out, out_dtype) if out_dtype is _dt.variant else out
    symbolic = _symbolic_type()
    ins = [graph.capture(t) for t in inputs]
    static = all(type(t) is not symbolic or t._static for t in ins)
    arrays = _Arrays(ctx.backend)

    def run(*values):
        return kernel(arrays, *values, **attrs)

    try:
        example = run(*[t._data for t in ins])
    except OpError:
        if static:
            raise
        example = _stand_in(arrays, out_dtype, out_shape)   # the error comes when the graph runs, as in TF
    if static and out_dtype is _dt.variant:
        example._buffer.shared = True

    def call(*tensors):
        return _apply(type_, kernel, list(tensors), out_dtype, out_shape, **attrs)

    return graph.add(type_, "py", ins, [out_dtype], [(example, None)], shapes=[out_shape], static=static, run=run,
                     call=call, stateful=False)[0]


def _stand_in(arrays, dtype, shape):
    """An example value for a node whose kernel fails on this trace's examples."""
    if dtype is _dt.variant:
        return TensorList(())
    dims = () if shape.rank is None else tuple(1 if d is None else d for d in shape.as_list())
    return arrays.zeros(dims, dtype)


def _attr(shape):
    return None if shape.rank is None else tuple(shape.as_list())


def _static_int(t):
    try:
        return int(t._numpy())
    except NotImplementedError:     # a symbolic value only known when the graph runs
        return None


def list_reserve(size):
    """An empty (unset) TensorList flow of `size` elements."""
    return _apply("TensorListReserve", _reserve, [convert_to_tensor(size, _dt.int32)], _dt.variant, _SCALAR)


def list_set_item(flow, index, values, resize=False):
    """The list with element `index` set to `values` (one tensor, or several kept together as one element)."""
    return _apply("TensorListSetItem", _set_item, [flow, convert_to_tensor(index, _dt.int32)] + list(values),
                  _dt.variant, _SCALAR, resize=resize)


def list_stack(flow, dtype, element_shape, size=None, component=-1):
    """The elements stacked (static shape [size] + element_shape); `component`: part k of tuple elements."""
    shape = TensorShape(None) if element_shape.rank is None else TensorShape([size]).concatenate(element_shape)
    return _apply("TensorListStack", _stack, [flow], dtype, shape, dtype=dtype, element_shape=_attr(element_shape),
                  component=component)


class GraphTensorArray(TensorArray):
    """TensorArray inside a graph: a TensorList flow with its static dtype, element shape and size alongside.
    It is immutable: write, unstack, scatter and split return a new TensorArray (TF 2's semantics)."""

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None, tensor_array_name=None,
                 handle=None, flow=None, infer_shape=True, element_shape=None,
                 colocate_with_first_write_call=True, name=None):
        static = None
        if flow is None:
            if size is None:
                raise ValueError("Size must be provided if handle or flow is not provided.")
            size = convert_to_tensor(size, _dt.int32)
            flow = list_reserve(size)
            static = None if dynamic_size else _static_int(size)
        self._flow, self._dtype, self._size = flow, _dt.as_dtype(dtype), static
        self._element_shape = as_shape(element_shape)
        self._infer_shape, self._dynamic_size = infer_shape, bool(dynamic_size)

    flow = property(lambda self: self._flow)

    def with_flow(self, flow, **changes):
        """A TensorArray like this one over another flow (a loop variable or a branch output)."""
        ta = object.__new__(GraphTensorArray)
        ta.__dict__.update(self.__dict__)
        ta.__dict__.update({"_" + k: v for k, v in changes.items()})
        ta._flow = flow
        return ta

    def _checked(self, value):
        """`value` as a tensor of this array's dtype, and the element shape it leaves (TF's graph checks)."""
        value = convert_to_tensor(value, preferred_dtype=self._dtype)
        if value.dtype != self._dtype:
            raise InvalidArgumentError(None, None, f"Invalid data types; op elements {value.dtype._cname} but list "
                                       f"elements {self._dtype._cname}")
        return value

    def _element(self, shape):
        """The element shape after storing elements of `shape` (TF also updates the array written to)."""
        if not self._element_shape.is_compatible_with(shape):
            raise ValueError(f"Inconsistent shapes: saw {shape} but expected {self._element_shape} ")
        if self._infer_shape:
            self._element_shape = self._element_shape.merge_with(shape)
        return self._element_shape

    def _attrs(self):
        return {"dtype": self._dtype, "element_shape": _attr(self._element_shape)}

    def read(self, index, name=None):
        index = convert_to_tensor(index, _dt.int32)
        return _apply("TensorListGetItem", _get_item, [self._flow, index], self._dtype, self._element_shape,
                      **self._attrs())

    def write(self, index, value, name=None):
        value = self._checked(value)
        shape = self._element(value.shape)
        flow = list_set_item(self._flow, index, [value], resize=self._dynamic_size)
        return self.with_flow(flow, element_shape=shape)

    def stack(self, name=None):
        return list_stack(self._flow, self._dtype, self._element_shape, self._size)

    def gather(self, indices, name=None):
        indices = convert_to_tensor(indices, _dt.int32)
        shape = TensorShape(None) if self._element_shape.rank is None else \
            TensorShape(indices.shape[:1]).concatenate(self._element_shape)
        return _apply("TensorListGather", _gather, [self._flow, indices], self._dtype, shape, **self._attrs())

    def concat(self, name=None):
        es = self._element_shape
        shape = TensorShape(None) if es.rank is None else TensorShape([None]).concatenate(es[1:])
        return _apply("TensorListConcat", _concat, [self._flow], self._dtype, shape, **self._attrs())

    def unstack(self, value, name=None):
        value = self._checked(value)
        shape = self._element(value.shape[1:])
        flow = _apply("TensorListFromTensor", _from_tensor, [value], _dt.variant, _SCALAR)
        return self.with_flow(flow, element_shape=shape, size=value.shape[0])

    def scatter(self, indices, value, name=None):
        value = self._checked(value)
        shape = self._element(value.shape[1:])
        flow = _apply("TensorListScatterIntoExistingList", _scatter,
                      [self._flow, convert_to_tensor(indices, _dt.int32), value], _dt.variant, _SCALAR)
        return self.with_flow(flow, element_shape=shape, size=None if self._dynamic_size else self._size)

    def split(self, value, lengths, name=None):
        value = self._checked(value)
        lengths = convert_to_tensor(lengths)
        shape = self._element(TensorShape([None]).concatenate(value.shape[1:]))
        flow = _apply("TensorListSplit", _split, [value, lengths], _dt.variant, _SCALAR)
        return self.with_flow(flow, element_shape=shape, size=lengths.shape[0])

    def size(self, name=None):
        if self._size is not None:
            return convert_to_tensor(self._size)
        return _apply("TensorListLength", _length, [self._flow], _dt.int32, _SCALAR)

    def close(self, name=None):
        return None


def flows(structure):
    """`structure` with each graph TensorArray replaced by its flow (for graph loops and branches)."""
    return [x.flow if isinstance(x, GraphTensorArray) else x for x in structure]


def with_flows(templates, values):
    """`values` (flat) with each one at a graph TensorArray's place in `templates` wrapped as that array."""
    return [t.with_flow(v) if isinstance(t, GraphTensorArray) else v for t, v in zip(templates, values)]
