"""Graphs: the operations recorded while tracing, in program order, and how tensors enter them."""
import gc

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx, local
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape
from .symbolic import SymbolicTensor

__all__ = ["Graph", "Operation", "InaccessibleTensorError", "current"]


class InaccessibleTensorError(ValueError):
    """A tensor of a finished or sibling trace was used where it does not exist (TF's class of that name)."""


class Operation:
    """One recorded node. `kind` is 'op' (a registered Op run by its kernel), 'py' (a Python function of eager
    tensors run at every graph run: stateful ops, variable access, ops whose frontend needs runtime values),
    'placeholder' or 'const'. `kernel(*arrays)` (given as `run=`) gives the output array (or a tuple of them)
    from input arrays; `call(*tensors)` does the same through the eager frontend."""

    __slots__ = ("graph", "name", "type", "kind", "op", "attrs", "inputs", "outputs", "kernel", "call",
                 "stateful", "dtypes")

    def __init__(self, graph, name, type_, kind, inputs=(), op=None, attrs=None, run=None, call=None,
                 stateful=False):
        self.graph, self.name, self.type, self.kind = graph, name, type_, kind
        self.op, self.attrs, self.inputs = op, attrs or {}, list(inputs)
        self.kernel, self.call, self.stateful = run, call, stateful
        self.outputs, self.dtypes = [], ()

    def run(self, feed_dict=None, session=None):
        """`Operation.run()` in a TF1 graph: runs this operation in the default (or given) session."""
        from .session import run_operation
        return run_operation(self, feed_dict, session)

    @property
    def node_def(self):
        return self

    def __repr__(self):
        return f"<tf.Operation '{self.name}' type={self.type}>"


class Graph:
    """`tf.Graph`: a traced function body, a control-flow branch (with a parent), or a TF1 graph (`v1`)."""

    def __init__(self, parent=None, v1=None, name=None):
        if v1 is None:  # `tf.Graph()` made by a user is a TF1 graph; traced ones (named, or with a parent) are not
            v1 = parent is None and name is None
        self.parent, self.v1, self.name = parent, v1, name
        self.operations = []
        self.placeholders = []
        self.captures = {}        # id(outer tensor) -> (outer tensor, inner placeholder)
        # shared with enclosing graphs: values of variables after traced assigns, variables made while tracing
        self.variable_values = {} if parent is None else parent.variable_values
        self.created_variables = [] if parent is None else parent.created_variables
        self.random_seed_count = [0] if parent is None else parent.random_seed_count  # TF's op seeds in graphs
        self.variables_read = []  # variables read in this graph itself (a cond's gradient needs them)
        self._names = {}
        self._scope = [] if parent is None or name is None else [name]

    # ---- naming: TF's unique names, compared case-insensitively ----
    def unique_name(self, base):
        base = "/".join(self._scope + [base]) if self._scope else base
        key = base.lower()
        n = self._names.get(key, 0)
        self._names[key] = n + 1
        if n == 0:
            return base
        while f"{key}_{n}" in self._names:
            n += 1
        self._names[f"{key}_{n}"] = 1
        return f"{base}_{n}"

    def get_operations(self):
        return list(self.operations)

    def add(self, type_, kind, inputs, dtypes, examples, shapes=None, static=False, name=None, named=False,
            **fields):
        """Appends an operation and returns its output tensors (a list); `named`: `name` is already unique."""
        op = Operation(self, name if named else self.unique_name(name or default_name(type_, kind)), type_, kind,
                       inputs, **fields)
        op.dtypes = tuple(dtypes)
        self.operations.append(op)
        outs = []
        for i, (dt, ex) in enumerate(zip(dtypes, examples)):
            data, data2 = ex
            shape = shapes[i] if shapes is not None else _static_shape(data, data2)
            outs.append(SymbolicTensor(data, dt, shape, self, op, i, static, data2))
        op.outputs = outs
        return outs

    def placeholder(self, dtype, shape, example, example2=None, name="Placeholder"):
        return self.add("Placeholder", "placeholder", (), (dtype,), [(example, example2)], shapes=[shape],
                        name=name)[0]

    def is_ancestor_of(self, other):
        while other is not None:
            if other is self:
                return True
            other = other.parent
        return False

    def capture(self, t):
        """The tensor standing for `t` inside this graph: eager and constant tensors are used as they are; a
        tensor of an enclosing graph becomes a placeholder fed from outside (a capture)."""
        if type(t) is not SymbolicTensor or t._graph is self or t._static:
            return t
        if not t._graph.is_ancestor_of(self.parent):
            raise InaccessibleTensorError(
                f"{t!r} is out of scope and cannot be used here. Use return values, explicit Python locals or "
                "TensorFlow collections to access it.\nPlease see https://www.tensorflow.org/guide/function"
                "#all_outputs_of_a_tffunction_must_be_return_values for more information.\n\nThe tensor "
                f"{t!r} cannot be accessed from {self._text()}, because it was defined in {t._graph._text()}, "
                "which is out of scope.")
        hit = self.captures.get(id(t))
        if hit is None:
            outer = self.parent.capture(t)
            inner = self.placeholder(t._dtype, t._shape, t._data, t._data2)
            hit = self.captures[id(t)] = (outer, inner)
        return hit[1]

    def as_default(self):
        return _Default(self)

    def _text(self):
        return f"FuncGraph(name={self.name}, id={id(self)})"

    def finalize(self):
        pass


class _Default:
    """Makes a graph the one ops are recorded into (restoring the previous one on exit). The cyclic garbage
    collector pauses while a function is traced: tracing keeps every object it makes, which would trigger
    full collections over the whole heap (torch's included) every few hundred ops."""

    def __init__(self, graph):
        self._graph = graph

    def __enter__(self):
        self._saved = local.graph
        self._gc = not self._graph.v1 and gc.isenabled()
        if self._gc:
            gc.disable()
        local.graph = self._graph
        return self._graph

    def __exit__(self, *exc):
        local.graph = self._saved
        if self._gc:
            gc.enable()


def current():
    return local.graph


# ---- TF's default node names (V1-03): the Python API's name, not always the op type ----
_API_NAMES = {"AddV2": "Add", "ConcatV2": "concat", "Pack": "stack", "Unpack": "unstack", "Transpose": "transpose",
              "Range": "range", "StridedSlice": "strided_slice", "GatherV2": "GatherV2"}


def default_name(type_, kind):
    """A pending name hint (set by an operator or a `name=` argument, for the next op node), else TF's name."""
    hint = local.__dict__.pop("name_hint", None) if kind == "op" else None
    return hint or _API_NAMES.get(type_, type_)


def _static_shape(data, data2):
    """Static shape from the two examples: dims where they differ are unknown."""
    if data is None:
        return TensorShape(None)
    s1 = tuple(np.shape(data))  # host string kernels give Python bytes for scalars
    if data2 is None:
        return TensorShape._known(s1)
    s2 = tuple(np.shape(data2))
    if len(s1) != len(s2):
        return TensorShape(None)
    return TensorShape([a if a == b else None for a, b in zip(s1, s2)])


# ---- recording ops (called by framework.op.apply while a graph is current) ----
def record_op(op, inputs, data, dtype, attrs, host):
    """Records a registered op applied to `inputs` (its example result `data` already computed)."""
    g = local.graph
    if g.v1:  # TF1 graphs do not mix (V1-13)
        _same_graph(inputs)
    ins = [g.capture(t) for t in inputs]
    static = all(type(t) is not SymbolicTensor or t._static for t in ins)
    multi = type(dtype) is tuple
    datas = data if multi else (data,)
    dts = dtype if multi else (dtype,)
    datas2 = _second_example(op, ins, attrs, host) if not static else None
    if datas2 is not None and not multi:
        datas2 = (datas2,)
    examples = [(d, None if datas2 is None else d2) for d, d2 in
                zip(datas, datas2 if datas2 is not None else datas)]
    run = _host_runner(op, attrs, ins, dts) if host else _kernel_runner(op, attrs)
    outs = g.add(op.name, "op", ins, dts, examples, static=static, op=op, attrs=attrs, run=run)
    out = tuple(outs) if multi else outs[0]
    if local.tapes and local.recording:
        from ..framework.op import _recorder
        _recorder()(op, ins, out, attrs)
    return out


def _same_graph(inputs):
    first = None
    for t in inputs:
        if type(t) is SymbolicTensor:
            if first is None:
                first = t
            elif t._graph is not first._graph:
                raise ValueError(f"{t} must be from the same graph as {first} (graphs are "
                                 f"{_graph_text(t._graph)} and {_graph_text(first._graph)}).")


def _graph_text(g):
    return f"<tensorflow.python.framework.ops.Graph object at {id(g):#x}>"


def _kernel_runner(op, attrs):
    backend, forward = ctx.backend, op.forward
    fast = op.fast(backend, attrs) if op.fast is not None else None
    if fast is not None:
        return fast
    if attrs:
        return lambda *arrays: forward(backend, *arrays, **attrs)
    return lambda *arrays: forward(backend, *arrays)


def _host_runner(op, attrs, inputs, dtypes):
    """Runs an op involving strings on the numpy host, moving other operands there and results back."""
    backend, host, forward = ctx.backend, ctx.host, op.forward
    moved = [t._dtype is not _dt.string and backend is not host for t in inputs]
    back = [d is not _dt.string and backend is not host for d in dtypes]

    def run(*arrays):
        args = [host.from_numpy(backend.to_numpy(a)) if m else a for a, m in zip(arrays, moved)]
        out = forward(host, *args, **attrs)
        outs = out if type(out) is tuple else (out,)
        outs = tuple(backend.from_numpy(o) if b else o for o, b in zip(outs, back))
        return outs if type(out) is tuple else outs[0]
    return run


def _second_example(op, ins, attrs, host):
    """The op on the inputs' second examples (when some input has unknown dims), or None."""
    if not any(type(t) is SymbolicTensor and t._data2 is not None for t in ins):
        return None
    arrays = [t._data2 if type(t) is SymbolicTensor and t._data2 is not None else t._data for t in ins]
    try:
        if host:
            return _host_runner(op, attrs, ins, (None,))(*arrays)
        return op.forward(ctx.backend, *arrays, **attrs)
    except Exception:
        return None


def record_call(type_, call, inputs, dtypes, examples, stateful=True, name=None, shapes=None, varying=False,
                run=None):
    """Records a Python-level node: `call(*eager_tensors)` returns the eager result (a tensor, a tuple of them,
    or None), rerun at every graph run. `examples` are the trace-time result arrays (one per dtype).
    `stateful` nodes run even when nothing uses them; `varying` ones (variable reads) are never folded.
    `run(*arrays)`, when given, is the fast equivalent of `call` on arrays."""
    g = local.graph
    ins = [g.capture(t) for t in inputs]
    dts = tuple(dtypes)

    def generic_run(*arrays):
        out = call(*[EagerTensor(a, t._dtype) for a, t in zip(arrays, ins)])
        if not dts:
            return None
        if len(dts) == 1 and type(out) is not tuple and type(out) is not list:
            return out._data
        return tuple(o._data for o in out)

    static = not (stateful or varying) and all(type(t) is not SymbolicTensor or t._static for t in ins)
    outs = g.add(type_, "py", ins, dts, [(e, None) for e in examples], shapes=shapes, static=static,
                 run=run or generic_run,
                 call=call, stateful=stateful, name=name)
    return outs


def as_eager(t):
    """An eager tensor with `t`'s example value (for running frontend code on trace-time values)."""
    return t if type(t) is not SymbolicTensor else EagerTensor(t._data, t._dtype)


def is_symbolic(x):
    return type(x) is SymbolicTensor


def resize_example(a, shape):
    """A second example for unknown dims: `a` resized (values cycled) to `shape`."""
    if isinstance(a, np.ndarray):
        return np.resize(a, shape) if a.size else np.zeros(shape, a.dtype)
    backend = ctx.backend
    host = backend.to_numpy(a)
    out = np.resize(host, shape) if host.size else np.zeros(shape, host.dtype)
    return backend.from_numpy(out, backend.device_of(a))
