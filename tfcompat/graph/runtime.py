"""Graph nodes for what the eager frontend does in Python: stateful ops (random draws, prints, variable
reads and writes) and ops whose frontend needs the value of a tensor that is only known at run time."""
import functools

import numpy as np

from ..framework.context import ctx, local
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import EagerTensor, Tensor
from ..util import nest
from .graph import as_eager, record_call
from .symbolic import SymbolicTensor, ValueUnknownError

__all__ = ["runtime_op", "value_dependent", "record_runtime", "record_side_effect", "read_variable", "assign_variable",
           "shape_tensor"]


def _leaves(args, kwargs):
    return [x for x in nest.flatten([list(args), kwargs]) if isinstance(x, Tensor)]


def _eager_call(fn, args, kwargs):
    """Runs the eager frontend on the examples of symbolic arguments (with no graph current)."""
    saved = local.graph
    local.graph = None
    try:
        sub = lambda x: as_eager(x) if type(x) is SymbolicTensor else x
        return fn(*nest.map_structure(sub, list(args)), **nest.map_structure(sub, kwargs))
    finally:
        local.graph = saved


def record_runtime(type_, fn, args, kwargs, stateful):
    """Records `fn(*args, **kwargs)` (an eager frontend function) as one node rerun at every graph run."""
    return _record(type_, fn, args, kwargs, stateful)


def _record(type_, fn, args, kwargs, stateful):
    tensors = _leaves(args, kwargs)
    example = _eager_call(fn, args, kwargs)
    ids = [id(t) for t in tensors]

    def call(*eager):
        swap = dict(zip(ids, eager))
        sub = lambda x: swap.get(id(x), x) if isinstance(x, Tensor) else x
        return fn(*nest.map_structure(sub, list(args)), **nest.map_structure(sub, kwargs))

    outs = example if isinstance(example, (tuple, list)) else (example,)
    if not all(isinstance(o, EagerTensor) for o in outs):
        raise NotImplementedError(f"{type_} inside a traced function is not implemented yet in tfcompat")
    res = record_call(type_, call, tensors, [o._dtype for o in outs], [o._data for o in outs], stateful=stateful)
    if isinstance(example, list):
        return res
    return tuple(res) if isinstance(example, tuple) else res[0]


def runtime_op(type_):
    """Decorates a stateful frontend function (random draws): inside a graph it runs at every graph run."""
    def wrap(fn):
        @functools.wraps(fn)
        def op(*args, **kwargs):
            if local.graph is None:
                return fn(*args, **kwargs)
            return _record(type_, fn, args, kwargs, True)
        return op
    return wrap


def value_dependent(type_):
    """Decorates a frontend function that may read tensor arguments' values (shapes, counts, masks): inside a
    graph, when it needs a value only known at run time, the whole function becomes one graph node (the ops
    it recorded before it found out are pure and unused, so the executor drops them)."""
    def wrap(fn):
        @functools.wraps(fn)
        def op(*args, **kwargs):
            if local.graph is None:
                return fn(*args, **kwargs)
            try:
                return fn(*args, **kwargs)
            except ValueUnknownError:
                return _record(type_, fn, args, kwargs, False)
            except InvalidArgumentError as e:
                raise _shape_error(type_, e, args) or e
        return op
    return wrap


# TF's shape functions that reject constant indices against known dims while tracing (ValueError, not IAE)
_SHAPE_FUNCTIONS = {"StridedSlice": "strided_slice"}


def _shape_error(type_, error, args):
    """The ValueError of TF's shape inference for `error` when `type_` checks it on fully known static shapes."""
    node = _SHAPE_FUNCTIONS.get(type_)
    tensors = [a for a in args if type(a) is SymbolicTensor]
    if node is None or not tensors or not all(t._shape.is_fully_defined() for t in tensors):
        return None
    message = error.message.split(" [Op:")[0]
    shapes = ", ".join("[" + ",".join(map(str, t._shape.as_list())) + "]" for t in tensors)
    names = ", ".join(t._node.name for t in tensors)
    return ValueError(f"{message} for '{{{{node {node}}}}} = {type_}[]({names})' with input shapes: {shapes}.")


def record_side_effect(fn, tensors, type_="PyFunc"):
    """Records `fn(*arrays)` to run at every graph run (tf.print's output); nothing at trace time."""
    backend = ctx.backend
    record_call(type_, lambda *eager: fn(*[t._numpy() for t in eager]), list(tensors), (), (), stateful=True,
                run=lambda *arrays: fn(*[a if isinstance(a, np.ndarray) else backend.to_numpy(a) for a in arrays]))
    return local.graph.operations[-1]


def read_variable(variable):
    """A read of `variable` at run time (its trace-time example: the value after earlier traced assigns)."""
    g = local.graph
    if not any(v is variable for v in g.variables_read):
        g.variables_read.append(variable)
    shadow = g.variable_values.get(id(variable))
    example = shadow._data if shadow is not None else variable._handle.value._data
    handle = variable._handle
    return record_call("ReadVariableOp", lambda: variable._read(), (), [variable._dtype], [example],
                       stateful=False, varying=True, shapes=[variable._shape], run=lambda: handle.value._data)[0]


def assign_variable(variable, value):
    """Records `variable`'s new value (a tensor) to be stored at every run."""
    g = local.graph
    handle, dtype = variable._handle, variable._dtype
    record_call("AssignVariableOp", lambda v: variable.assign(v, read_value=False), [value], (), (), stateful=True,
                run=lambda a: setattr(handle, "value", EagerTensor(a, dtype)))
    g.variable_values[id(variable)] = value


def shape_tensor(t, kind, out_type):
    """`tf.shape`/`tf.size`/`tf.rank` of a symbolic tensor: a constant when the static shape says it all."""
    np_type = out_type.as_numpy_dtype
    calc = {"Shape": lambda s: np.array(s, np_type), "Size": lambda s: np.array(int(np.prod(s, dtype=np.int64)),
            np_type), "Rank": lambda s: np.array(len(s), np_type)}[kind]
    backend = ctx.backend
    known = t._shape.rank is not None and (kind == "Rank" or t._shape.is_fully_defined())
    example = backend.from_numpy(calc(tuple(t._data.shape)))
    if known:
        return local.graph.add(kind, "const", (), [out_type], [(example, None)], static=True)[0]
    out = record_call(kind, lambda x: EagerTensor(backend.from_numpy(calc(tuple(x._data.shape))), out_type), [t],
                      [out_type], [example], stateful=False, run=lambda a: backend.from_numpy(calc(tuple(a.shape))))[0]
    if t._data2 is not None:
        out._data2 = backend.from_numpy(calc(tuple(t._data2.shape)))
    return out
