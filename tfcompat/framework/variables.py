"""`tf.Variable`: mutable state holding a tensor; reads are tensors, updates never enter a tape."""
import enum

from . import dtypes as _dt
from .context import canonical_device, ctx, local, outside_graph
from .convert import convert_to_tensor
from .errors import InvalidArgumentError, op_error
from .tensor import EagerTensor, Reference, Tensor, numpy_text
from .tensor_shape import TensorShape
from . import variable_sparse

__all__ = ["Variable", "VariableSynchronization", "VariableAggregation"]


class VariableSynchronization(enum.Enum):
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


class _Handle:
    """The shared storage of a variable and its unread views: the current value tensor."""

    __slots__ = ("value",)


def _scoped_name(name):
    scope = "/".join(s for s in local.__dict__.get("name_scopes", ()) if s)
    base = name if name else "Variable"
    return f"{scope}/{base}" if scope else base


class Variable:
    """The `tf.Variable` type; `tf.Variable(...)` makes a ResourceVariable, as in TF."""

    _is_tensor_like = True
    __array_priority__ = 100

    def __new__(cls, *args, **kwargs):
        if cls is Variable:
            cls = ResourceVariable
            if local.graph is not None and local.graph.v1:  # a TF1 graph variable (graph/v1_variables.py)
                from ..graph.v1_variables import ResourceVariable as cls
        return object.__new__(cls)

    def __init__(self, initial_value=None, trainable=None, validate_shape=True, caching_device=None,
                 name=None, variable_def=None, dtype=None, import_scope=None, constraint=None,
                 synchronization=VariableSynchronization.AUTO, aggregation=VariableAggregation.NONE,
                 shape=None, experimental_enable_variable_lifting=True):
        if initial_value is None:
            raise ValueError("The `initial_value` arg to `tf.Variable` must be specified except when you "
                             "are not providing a `variable_def`. You provided neither.")
        if local.graph is not None:  # created while tracing: initialised outside the graph
            local.graph.created_variables.append(self)
        with outside_graph():
            if callable(initial_value) and not isinstance(initial_value, Tensor):
                initial_value = initial_value()
            if isinstance(initial_value, Variable):
                initial_value = initial_value.read_value()
            value = convert_to_tensor(initial_value, dtype)
            if type(value) is not EagerTensor:
                value = EagerTensor(value._data, value._dtype)  # a traced value: its trace-time example
        if value._dtype is not _dt.string:
            value = EagerTensor(ctx.backend.copy(value._data), value._dtype)
        self._handle = _Handle()
        self._handle.value = value
        self._dtype = value._dtype
        self._shape = TensorShape(value.shape if shape is None else shape)
        if not self._shape.is_compatible_with(value.shape):
            raise ValueError(f"The initial value's shape ({value.shape}) is not compatible with the "
                             f"explicitly supplied `shape` argument ({self._shape}).")
        self._trainable = True if trainable is None else bool(trainable)
        self._name = _scoped_name(name) + ":0"
        self._constraint = constraint
        self._synchronization = VariableSynchronization(synchronization) if not isinstance(
            synchronization, VariableSynchronization) else synchronization
        self._aggregation = VariableAggregation(aggregation) if not isinstance(
            aggregation, VariableAggregation) else aggregation

    # ---- reading ----
    def _read(self):
        """A snapshot tensor of the value; tapes watching this variable track it."""
        if local.graph is not None:
            from ..graph.runtime import read_variable
            t = read_variable(self)
        else:
            v = self._handle.value
            t = EagerTensor(v._data, v._dtype)
        if local.tapes:
            (_watch or _bind_watch())(self, t)
        return t

    def __tf_tensor__(self, dtype=None, name=None):
        if dtype is not None and _dt.as_dtype(dtype) is not self._dtype:
            raise ValueError(f"Tensor conversion requested dtype {_dt.as_dtype(dtype).name} for variable "
                             f"with dtype {self._dtype.name}: {self!r}")
        return self._read()

    def read_value(self):
        return self._read()

    def value(self):
        return self._read()

    def numpy(self):
        return self._handle.value.numpy()

    def __array__(self, dtype=None, copy=None):
        return self._handle.value.__array__(dtype)

    # ---- properties ----
    name = property(lambda self: self._name)
    dtype = property(lambda self: self._dtype)
    shape = property(lambda self: self._shape)
    trainable = property(lambda self: self._trainable)
    constraint = property(lambda self: self._constraint)
    synchronization = property(lambda self: self._synchronization)
    aggregation = property(lambda self: self._aggregation)
    device = property(lambda self: self._handle.value.device)
    handle = property(lambda self: self._handle)

    @property
    def initial_value(self):
        raise RuntimeError("This property is not supported when eager execution is enabled.")

    def get_shape(self):
        return self._shape

    def ref(self):
        return Reference(self)

    experimental_ref = ref

    def __hash__(self):
        raise TypeError(f"Variable is unhashable. Instead, use variable.ref() as the key. (Variable: {self!r})")

    def __repr__(self):
        v = self._handle.value
        return (f"<tf.Variable '{self._display_name()}' shape={self._shape} dtype={self._dtype.name}, "
                f"numpy={numpy_text(v, True)}>")

    __str__ = __repr__

    def _display_name(self):
        return self._name

    def __bool__(self):
        return bool(self._handle.value)

    def __len__(self):
        raise TypeError(f"object of type '{type(self).__name__}' has no len()")

    def __iter__(self):
        return iter(self._read())

    def __int__(self):
        return int(self._handle.value)

    def __float__(self):
        return float(self._handle.value)

    def __index__(self):
        return self._handle.value.__index__()

    def __format__(self, spec):
        return format(self._handle.value, spec)

    def __setitem__(self, key, value):
        raise TypeError(f"'{type(self).__name__}' object does not support item assignment")

    def __getitem__(self, key):
        from ..ops.array_ops import getitem
        t = getitem(self._read(), key)  # a fresh EagerTensor (recorded on tapes that watch the variable)
        t._slice_of = (self, key)
        return t

    def _inplace(symbol, hint):
        def op(self, other):
            raise RuntimeError(hint)
        return op

    __iadd__ = _inplace("+=", "`variable += value` with `tf.Variable`s is not supported. Use "
                              "`variable.assign_add(value)` to modify the variable, or `out = variable + value` "
                              "if you need to get a new output Tensor.")
    __isub__ = _inplace("-=", "`variable -= value` with `tf.Variable`s is not supported. Use "
                              "`variable.assign_sub(value)` to modify the variable, or `out = variable * value` "
                              "if you need to get a new output Tensor.")
    __imul__ = _inplace("*=", "`var *= value` with `tf.Variable`s is not supported. Use `var.assign(var * value)` "
                              "to modify the variable, or `out = var * value` if you need to get a new output Tensor.")
    __itruediv__ = _inplace("/=", "`var /= value` with `tf.Variable`s is not supported. Use `var.assign(var / value)` "
                                  "to modify the variable, or `out = var / value` if you need to get a new output Tensor.")
    __ipow__ = _inplace("**=", "`var **= value` with `tf.Variable`s is not supported. Use `var.assign(var ** value)` "
                               "to modify the variable, or `out = var ** value` if you need to get a new output Tensor.")
    del _inplace

    # ---- tape protocol ----
    def _watch_on(self, tape):
        tape._watch_variable(self)

    def _tape_ids(self, tape):
        return [id(t) for t in tape._reads.get(id(self), ())]

    # ---- updates ----
    def _convert_update(self, value):
        if isinstance(value, Variable):
            value = value.read_value()
        return convert_to_tensor(value, self._dtype)

    def _store(self, new, read_value):
        if local.graph is not None:
            from ..graph.runtime import assign_variable
            assign_variable(self, new)
        else:
            self._handle.value = new
        return _UnreadVariable(self) if read_value else None

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Replaces the value (same shape unless the variable was made with a partial shape)."""
        value = self._convert_update(value)
        if not self._shape.is_compatible_with(value.shape):
            raise ValueError(f"Cannot assign value to variable ' {self._name}': Shape mismatch.The variable "
                             f"shape {self._shape}, and the assigned value shape {value.shape} are incompatible.")
        if value._dtype is not _dt.string and type(value) is EagerTensor:
            value = EagerTensor(value._data, value._dtype)
        return self._store(value, read_value)

    def _update(self, delta, kernel, op_name, read_value):
        delta = self._convert_update(delta)
        cur = self._handle.value
        if tuple(delta._data.shape) != tuple(cur._data.shape):
            dims = lambda s: "[" + ",".join(map(str, s)) + "]"
            raise op_error(InvalidArgumentError, op_name,
                           f"Cannot update variable with shape {dims(cur._data.shape)} using a Tensor with "
                           f"shape {dims(delta._data.shape)}, shapes must be equal.")
        if local.graph is not None:
            from ..ops import math_ops
            return self._store(getattr(math_ops, kernel)(self._read(), delta), read_value)
        return self._store(EagerTensor(getattr(ctx.backend, kernel)(cur._data, delta._data), self._dtype), read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._update(delta, "add", "AssignAddVariableOp", read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._update(delta, "subtract", "AssignSubVariableOp", read_value)

    # ---- sparse reads and row updates (tfcompat/framework/variable_sparse.py) ----
    def sparse_read(self, indices, name=None):
        return variable_sparse.sparse_read(self, indices)

    def gather_nd(self, indices, name=None):
        return variable_sparse.gather_nd(self, indices)

    def scatter_nd_update(self, indices, updates, name=None):
        return variable_sparse.scatter_nd(self, "update", indices, updates)

    def scatter_nd_add(self, indices, updates, name=None):
        return variable_sparse.scatter_nd(self, "add", indices, updates)

    def scatter_nd_sub(self, indices, updates, name=None):
        return variable_sparse.scatter_nd(self, "sub", indices, updates)

    def scatter_nd_max(self, indices, updates, name=None):
        return variable_sparse.scatter_nd(self, "max", indices, updates)

    def scatter_nd_min(self, indices, updates, name=None):
        return variable_sparse.scatter_nd(self, "min", indices, updates)

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        return variable_sparse.scatter(self, "update", sparse_delta)

    def scatter_add(self, sparse_delta, use_locking=False, name=None):
        return variable_sparse.scatter(self, "add", sparse_delta)

    def scatter_sub(self, sparse_delta, use_locking=False, name=None):
        return variable_sparse.scatter(self, "sub", sparse_delta)

    def scatter_mul(self, sparse_delta, use_locking=False, name=None):
        return variable_sparse.scatter(self, "mul", sparse_delta)

    def scatter_div(self, sparse_delta, use_locking=False, name=None):
        return variable_sparse.scatter(self, "div", sparse_delta)

    def scatter_max(self, sparse_delta, use_locking=False, name=None):
        return variable_sparse.scatter(self, "max", sparse_delta)

    def scatter_min(self, sparse_delta, use_locking=False, name=None):
        return variable_sparse.scatter(self, "min", sparse_delta)

    def _assign_slice(self, key, value):
        from ..ops.array_ops import normalize_index
        cur = self._handle.value
        norm = normalize_index(key, tuple(cur._data.shape))
        target = tuple(ctx.backend.index(cur._data, norm).shape) if cur._dtype is not _dt.string else None
        value = self._convert_update(value)
        vs = tuple(value._data.shape)
        if target is not None and not _broadcastable(vs, target):
            raise op_error(InvalidArgumentError, "ResourceStridedSliceAssign",
                           f"Cannot broadcast input shape [{','.join(map(str, vs))}] into final shape "
                           f"[{','.join(map(str, target))}]")
        backend = ctx.host if cur._dtype is _dt.string else ctx.backend
        return self._store(EagerTensor(backend.set_item(cur._data, norm, value._data), self._dtype), True)


_watch = None


def _bind_watch():
    """The tape's variable-read hook, imported once (the tape module imports this one)."""
    global _watch
    from ..autodiff.tape import watch_variable_read
    _watch = watch_variable_read
    return _watch


def _broadcastable(src, dst):
    if len(src) > len(dst):
        return False
    return all(a == b or a == 1 for a, b in zip(reversed(src), reversed(dst)))


class ResourceVariable(Variable):
    """The concrete eager variable type (`type(v).__name__ == 'ResourceVariable'`)."""


class _UnreadVariable(ResourceVariable):
    """What assign returns: a view of the variable that reads its value lazily."""

    def __init__(self, parent):
        self.__dict__.update(parent.__dict__)
        self._parent = parent

    def _display_name(self):
        return "UnreadVariable"

    def _read(self):
        return self._parent._read()


def _install_operators():
    from ..ops import operators
    operators.install(Variable)


_install_operators()
