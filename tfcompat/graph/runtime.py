"""Graph nodes for what the eager frontend does in Python: stateful ops (random draws, prints, variable
reads and writes) and ops whose frontend needs the value of a tensor that is only known at run time."""
import functools

import numpy as np

from ..framework.context import ctx, local, outside_graph
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import EagerTensor, Tensor
from ..util import nest
from .graph import as_eager, record_call
from .symbolic import SymbolicTensor, ValueUnknownError

__all__ = ["runtime_op", "value_dependent", "record_runtime", "record_side_effect", "read_variable", "assign_variable",
           "shape_tensor", "composite_spec", "flat_components"]


# ---- composite tensors (RaggedTensor, SparseTensor): a `_type_spec` and `_to_components()`; the spec rebuilds
# the value with `_from_components(tensors)`; graphs and tf.function see only the component tensors ----
def composite_spec(x):
    """The spec of a composite tensor, the spec itself for a composite spec, else None."""
    t = type(x)
    if hasattr(t, "_from_components"):
        return x
    return x._type_spec if hasattr(t, "_to_components") else None


def flat_components(leaves):
    """`leaves` with each composite tensor replaced by its components."""
    out = []
    for x in leaves:
        if hasattr(type(x), "_to_components"):
            out.extend(x._to_components())
        else:
            out.append(x)
    return out


def _tensor_map(sub):
    """`sub` (for tensors) extended to composites: they are rebuilt from their substituted components."""
    def leaf(x):
        if hasattr(type(x), "_to_components"):
            return x._type_spec._from_components([sub(c) for c in x._to_components()])
        return sub(x)
    return leaf


def _leaves(args, kwargs):
    return [x for x in flat_components(nest.flatten([list(args), kwargs])) if isinstance(x, Tensor)]


def _eager_call(fn, args, kwargs, sub=None):
    """Runs the eager frontend on the examples of symbolic arguments (with no graph current)."""
    with outside_graph():
        sub = _tensor_map(sub or (lambda x: as_eager(x) if type(x) is SymbolicTensor else x))
        return fn(*nest.map_structure(sub, list(args)), **nest.map_structure(sub, kwargs))


def _second_example(t):
    """Another value for a runtime-valued input: its second example, else its example moved by one (numbers)
    or negated (bools), so that output dims that depend on values show up as unknown."""
    if type(t) is not SymbolicTensor or t._static:
        return t
    if t._data2 is not None:
        return EagerTensor(t._data2, t._dtype)
    t = as_eager(t)
    if t._dtype.is_bool:
        return EagerTensor(ctx.backend.logical_not(t._data), t._dtype)
    if t._dtype.is_integer or t._dtype.is_floating:
        return EagerTensor(ctx.backend.add(t._data, ctx.backend.full((), 1, t._dtype.name, None)), t._dtype)
    return t


def _static_shapes(fn, args, kwargs, outs):
    """The outputs' static shapes: dims that change when the runtime-valued inputs change are unknown (and the
    second results, which composite results keep as second examples: their parts must stay consistent)."""
    from ..framework.tensor_shape import TensorShape
    try:
        again = _eager_call(fn, args, kwargs, _second_example)
    except Exception:
        again = None
    again = [] if again is None else flat_components(again if isinstance(again, (tuple, list)) else (again,))
    if len(again) != len(outs):
        again = [None] * len(outs)
    shapes = []
    for o, a in zip(outs, again):
        s1 = tuple(o._data.shape)
        s2 = tuple(a._data.shape) if isinstance(a, EagerTensor) else s1
        shapes.append(TensorShape([x if x == y else None for x, y in zip(s1, s2)]) if len(s1) == len(s2)
                      else TensorShape(None))
    return shapes, again


def record_runtime(type_, fn, args, kwargs, stateful):
    """Records `fn(*args, **kwargs)` (an eager frontend function) as one node rerun at every graph run."""
    return _record(type_, fn, args, kwargs, stateful)


def _record(type_, fn, args, kwargs, stateful):
    if not stateful:  # a pure op reads its Variable arguments: the reads become inputs (tapes see them)
        from ..framework.variables import Variable
        read = lambda x: x._read() if isinstance(x, Variable) else x
        args, kwargs = nest.map_structure(read, list(args)), nest.map_structure(read, kwargs)
    tensors = _leaves(args, kwargs)
    example = _eager_call(fn, args, kwargs)
    ids = [id(t) for t in tensors]

    def call(*eager):
        swap = dict(zip(ids, eager))
        sub = _tensor_map(lambda x: swap.get(id(x), x) if isinstance(x, Tensor) else x)
        return fn(*nest.map_structure(sub, list(args)), **nest.map_structure(sub, kwargs))

    leaves = nest.flatten(example) if isinstance(example, (tuple, list)) else [example]
    outs = flat_components(leaves)
    if not all(isinstance(o, EagerTensor) for o in outs):
        raise NotImplementedError(f"{type_} inside a traced function is not implemented yet in tfcompat")
    if len(outs) != len(leaves):  # composite results: the node returns their components
        call = _flattened(call)
    shapes, again = (None, ()) if stateful else _static_shapes(fn, args, kwargs, outs)
    res = record_call(type_, call, tensors, [o._dtype for o in outs], [o._data for o in outs], stateful=stateful,
                      shapes=shapes)
    if local.tapes and local.recording and not stateful and res:
        _on_tapes(call, res[0]._node.inputs, res)
    if len(outs) != len(leaves):
        return _rebuilt(example, leaves, res, again)
    if isinstance(example, list):
        return res
    return tuple(res) if isinstance(example, tuple) else res[0]


def _flattened(call):
    """`call` returning the components of its (composite) results, one tensor or a tuple."""
    def flat(*eager):
        out = call(*eager)
        parts = flat_components(nest.flatten(out) if isinstance(out, (tuple, list)) else [out])
        return parts[0] if len(parts) == 1 else tuple(parts)
    return flat


def _rebuilt(example, leaves, res, again):
    """The node's results in the structure of `example`, composites rebuilt from their component tensors (which
    keep the second run's values as their second examples, so that their parts stay consistent)."""
    if len(again) == len(res):
        for r, a in zip(res, again):
            if isinstance(a, EagerTensor) and not r._static:
                r._data2 = a._data
    it, out = iter(res), []
    for x in leaves:
        if hasattr(type(x), "_to_components"):
            out.append(x._type_spec._from_components([next(it) for _ in x._to_components()]))
        else:
            out.append(next(it))
    if not isinstance(example, (tuple, list)):
        return out[0]
    return nest.pack_sequence_as(example, out)


def _on_tapes(call, inputs, outs):
    """Records a Python-level node on the active tapes; its gradient is another such node that differentiates
    `call` eagerly under a tape at run time (so its own gradient works the same way: higher order too)."""
    from ..framework.op import Op, _recorder
    op = Op("PyFunc", None, lambda entry, *dys: _py_grad(call, entry, dys))
    _recorder()(op, list(inputs), tuple(outs) if len(outs) > 1 else outs[0], {})


def _differentiable(t):
    return t._dtype.is_floating or t._dtype.is_complex


def _py_grad(call, entry, dys):
    from ..autodiff.indexed_slices import densify
    from ..autodiff.tape import GradientTape, UnconnectedGradients
    from ..ops.array_ops import zeros_like
    ins = list(entry.inputs)
    wanted = [i for i, t in enumerate(ins) if _differentiable(t)]
    if not wanted:
        return [None] * len(ins)
    dys = [zeros_like(o) if d is None else d for o, d in zip(entry.outputs, dys)]
    n = len(ins)

    def grad_call(*eager):
        xs, gs = list(eager[:n]), list(eager[n:])
        with GradientTape(persistent=True) as tape:
            for i in wanted:
                tape.watch(xs[i])
            out = call(*xs)
        out = list(out) if isinstance(out, (tuple, list)) else [out]
        res = tuple(densify(g) for g in tape.gradient(out, [xs[i] for i in wanted], output_gradients=gs,
                                                      unconnected_gradients=UnconnectedGradients.ZERO))
        return res if len(res) > 1 else res[0]

    examples = _eager_call(grad_call, ins + dys, {})
    examples = examples if isinstance(examples, tuple) else (examples,)
    grads = record_call("PyFuncGrad", grad_call, ins + dys, [ins[i]._dtype for i in wanted],
                        [g._data for g in examples], stateful=False, shapes=[ins[i].shape for i in wanted])
    if local.tapes and local.recording:
        _on_tapes(grad_call, grads[0]._node.inputs, grads)
    out = [None] * n
    for i, g in zip(wanted, grads):
        out[i] = g
    return out


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
                return _record(type_, op, args, kwargs, False)
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
