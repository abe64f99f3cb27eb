"""`tf.compat.v1.Session`: runs parts of a TF1 graph. Each (fetches, fed tensors) pair compiles one executor
plan (cached); the session holds its own variable values, as TF's resource container does."""
import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import EagerTensor, Tensor
from ..util import nest
from .executor import Plan, _short
from .graph import Operation
from .symbolic import SymbolicTensor
from .v1_mode import get_default_graph

__all__ = ["Session", "InteractiveSession", "get_default_session", "eval_tensor", "add_control", "running"]

_local = threading.local()


def _stack():
    s = _local.__dict__.get("sessions")
    if s is None:
        s = _local.sessions = []
    return s


def get_default_session():
    s = _stack()
    return s[-1] if s else None


def running():
    """The session whose `run` is executing on this thread (variable nodes read and write its values)."""
    return _local.__dict__.get("running")


def add_control(op, deps):
    """Makes `op` run only after the operations `deps` (TF's control dependencies), when a session runs it."""
    op.graph.__dict__.setdefault("_control", {})[id(op)] = list(deps)


def run_operation(op, feed_dict=None, session=None):
    """`Operation.run()`: runs `op` in `session` or the default session."""
    if session is None:
        session = get_default_session()
        if session is None:
            raise ValueError("Cannot execute operation using `run()`: No default session is registered. Use `with "
                             "sess.as_default():` or pass an explicit session to `run(session=sess)`")
    session.run(op, feed_dict)


def eval_tensor(t, feed_dict=None, session=None):
    """`Tensor.eval()`: the tensor's value in `session` or the default session."""
    if session is None:
        session = get_default_session()
        if session is None:
            raise ValueError("Cannot evaluate tensor using `eval()`: No default session is registered. Use `with "
                             "sess.as_default()` or pass an explicit session to `eval(session=sess)`")
    if t.graph is not session.graph:
        raise ValueError("Cannot use the given session to evaluate tensor: the tensor's graph is different from "
                         "the session's graph.")
    return session.run(t, feed_dict)


class _DefaultSession:
    def __init__(self, session):
        self._session = session

    def __enter__(self):
        _stack().append(self._session)
        return self._session

    def __exit__(self, *exc):
        s = _stack()
        if s and s[-1] is self._session:
            s.pop()


class Session:
    """`tf.compat.v1.Session(target='', graph=None, config=None)`."""

    def __init__(self, target="", graph=None, config=None):
        self._graph = get_default_graph() if graph is None else graph
        self._closed = False
        self.values = {}        # variable key -> array: this session's variable store
        self._plans = {}
        self._entered = []
        self.sess_str = target

    graph = property(lambda self: self._graph)
    graph_def = property(lambda self: None)

    def as_default(self):
        return _DefaultSession(self)

    def __enter__(self):
        graph_scope, session_scope = self._graph.as_default(), self.as_default()
        graph_scope.__enter__()
        session_scope.__enter__()
        self._entered.append((graph_scope, session_scope))
        return self

    def __exit__(self, *exc):
        graph_scope, session_scope = self._entered.pop()
        session_scope.__exit__(*exc)
        graph_scope.__exit__(*exc)
        self.close()

    def close(self):
        self._closed = True
        self.values = {}
        self._plans = {}

    def list_devices(self):
        return []

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """The values of `fetches` (a nested structure of tensors, operations and names) given `feed_dict`."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if not self._graph.operations:
            raise RuntimeError("The Session graph is empty. Add operations to the graph before calling run().")
        leaves = [self._fetch(x) for x in _fetch_leaves(fetches)]
        fed, arrays = self._feeds(feed_dict)
        tensors = [x for x in leaves if isinstance(x, Tensor)]
        targets = [x for x in leaves if type(x) is Operation]
        key = (tuple(map(id, tensors)), tuple(map(id, targets)), tuple(map(id, fed)))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = _SessionPlan(self._graph, fed, tensors, targets)
        saved = running()
        _local.running = self
        try:
            outs = plan(*arrays)
        finally:
            _local.running = saved
        values = iter(_to_numpy(a, t._dtype) for a, t in zip(outs, tensors))
        return _rebuild(fetches, iter([next(values) if isinstance(x, Tensor) else None for x in leaves]))

    def _fetch(self, x):
        if isinstance(x, str):
            return self._by_name(x, "fetch")
        if type(x) is SymbolicTensor or type(x) is Operation:
            if x.graph is not self._graph:
                if type(x) is Operation:
                    raise ValueError(f"Argument `fetch` = {x!r} cannot be interpreted as an Operation. (Operation "
                                     f"{x!r} is not an element of this graph.)")
                raise ValueError(f"Argument `fetch` = {x} cannot be interpreted as a Tensor. (Tensor {x} is not an "
                                 "element of this graph.)")
            return x
        if type(x) is EagerTensor:
            return x
        element = getattr(x, "_graph_element", None)
        if element is not None:
            return self._fetch(element())
        raise TypeError(f"Fetch argument {x!r} has invalid type {type(x)}, must be a string or Tensor. (Can not "
                        f"convert a {type(x).__name__} into a Tensor or Operation.)")

    def _by_name(self, name, what):
        op_name, colon, index = name.partition(":")
        for op in self._graph.operations:
            if op.name == op_name:
                if not colon:
                    return op
                i = int(index)
                if i < len(op.outputs):
                    return op.outputs[i]
                break
        if colon:
            raise KeyError(f"The name '{name}' refers to a Tensor which does not exist. The operation, '{op_name}', "
                           "does not exist in the graph.")
        raise KeyError(f"The name '{name}' refers to an Operation not in the graph.")

    def _feeds(self, feed_dict):
        fed, arrays = [], []
        for k, v in (feed_dict or {}).items():
            t = self._by_name(k, "feed") if isinstance(k, str) else k
            if type(t) is not SymbolicTensor:
                raise TypeError(f"Cannot interpret feed_dict key as Tensor: The name {k!r} refers to an Operation, "
                                "not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".")
            if t.graph is not self._graph:
                raise ValueError(f"Tensor {t} is not an element of this graph.")
            fed.append(t)
            arrays.append(_feed_array(t, v))
        return fed, arrays


class InteractiveSession(Session):
    """A Session that makes itself (and its graph) the default until closed."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._scopes = (self._graph.as_default(), self.as_default())
        for s in self._scopes:
            s.__enter__()

    def close(self):
        if not self._closed:
            for s in reversed(self._scopes):
                s.__exit__(None, None, None)
        super().close()


# ---- fetches and feeds ----
def _fetch_leaves(fetches):
    if fetches is None:
        raise TypeError('Argument `fetch` = None has invalid type "NoneType". Cannot be None')
    leaves = nest.flatten(fetches)
    for x in leaves:
        if x is None:
            raise TypeError('Argument `fetch` = None has invalid type "NoneType". Cannot be None')
    return leaves


def _rebuild(fetches, values):
    return nest.pack_sequence_as(fetches, list(values)) if nest.is_nested(fetches) else next(values)


def _feed_array(t, value):
    """A fed value as a backend array of the tensor's dtype (TF casts, truncating floats to ints)."""
    dtype = t._dtype
    try:
        if dtype is _dt.string:
            a = np.asarray(value, dtype=object)
            a = np.vectorize(lambda s: s.encode() if isinstance(s, str) else s, otypes=[object])(a) if a.size else a
        else:
            a = np.asarray(value, dtype=dtype.as_numpy_dtype)
    except (TypeError, ValueError) as e:
        raise TypeError(f"Cannot feed value {value!r} to Tensor {t.name}: {e}") from None
    if not t._shape.is_compatible_with(a.shape):
        raise ValueError(f"Cannot feed value of shape {a.shape} for Tensor {t.name}, which has shape {t._shape}")
    return a if dtype is _dt.string else ctx.backend.from_numpy(a)


def _to_numpy(a, dtype):
    """A result as TF's Session gives it: an ndarray, a numpy scalar, bytes for strings."""
    if dtype is _dt.string:
        a = np.array(a, dtype=object)
    else:
        a = np.array(ctx.backend.to_numpy(a), copy=True)
    return a[()] if a.ndim == 0 else a


# ---- the plan of one run ----
def _is_const(t):
    return type(t) is not SymbolicTensor or t._static


class _SessionPlan(Plan):
    """An executor plan that runs only what the fetches need (TF1 sessions prune: an assign or a random draw
    nobody fetched does not run), following control dependencies; fed constants are not folded."""

    def __init__(self, graph, inputs, outputs, targets):
        self.graph, self.inputs, self.outputs = graph, list(inputs), list(outputs)
        unfolded = _downstream_of_fed_constants(graph, self.inputs)
        for t in unfolded:
            t._static = False
        try:
            self.operations = _pruned(graph, self.outputs, targets, self.inputs)
            for op in self.operations:
                if op.kind == "placeholder":
                    raise _missing_feed(op)
            self._fn = self._generate()
        finally:
            for t in unfolded:
                t._static = True


def _downstream_of_fed_constants(graph, fed):
    ids = {id(t) for t in fed if t._static}
    if not ids:
        return []
    out = [t for t in fed if t._static]
    for op in graph.operations:
        if any(id(i) in ids for i in op.inputs):
            for o in op.outputs:
                if o._static:
                    ids.add(id(o))
                    out.append(o)
    return out


def _pruned(graph, outputs, targets, fed):
    """The operations `outputs` and `targets` depend on (through inputs and control dependencies), in program
    order."""
    fed_ids = {id(t) for t in fed}
    control = graph.__dict__.get("_control", {})
    stack = [t._node for t in outputs if not _is_const(t) and id(t) not in fed_ids] + list(targets)
    want = set()
    while stack:
        op = stack.pop()
        if id(op) in want:
            continue
        want.add(id(op))
        stack.extend(i._node for i in op.inputs if not _is_const(i) and id(i) not in fed_ids)
        stack.extend(control.get(id(op), ()))
    return [op for op in graph.operations if id(op) in want and op.kind != "const"]


def _missing_feed(op):
    shape = op.outputs[0]._shape
    dims = "" if shape.rank is None else " and shape [" + ",".join("?" if d is None else str(d)
                                                                    for d in shape.as_list()) + "]"
    return InvalidArgumentError(None, op, f"You must feed a value for placeholder tensor '{op.name}' with dtype "
                                          f"{_short(op.dtypes[0])}{dims}\n\t [[{{{{node {op.name}}}}}]]")
