"""TF1 graph mode: `disable_eager_execution` (a process-wide default graph), the default graph, placeholders,
graph constants, and TF's node names for Python operators."""
import functools
import inspect
import logging
import sys
import types

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx, local
from ..framework.tensor import EagerTensor, Tensor
from ..framework.tensor_shape import TensorShape
from ..ops.operators import OPERATORS
from .graph import Graph
from .symbolic import SymbolicTensor

__all__ = ["disable_eager_execution", "enable_eager_execution", "disable_v2_behavior", "enable_v2_behavior",
           "executing_eagerly_outside_functions", "get_default_graph", "reset_default_graph", "placeholder",
           "placeholder_with_default", "graph_constant", "v1_graph"]

_state = {"disabled": False, "v2": True, "eager_graph": None}


def disable_eager_execution():
    """Every thread records ops into one default graph from now on (there is no way back, as in TF)."""
    if not _state["disabled"]:
        _state["disabled"] = True
        ctx.default_graph = Graph(v1=True)
        _name_api()
    if local.graph is None:
        local.graph = ctx.default_graph


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    if _state["disabled"]:
        raise ValueError("tf.enable_eager_execution must be called at program startup.")


def disable_v2_behavior():
    logging.getLogger("tensorflow").warning(
        "From %s: disable_resource_variables (from tensorflow.python.ops.resource_variables_toggle) is deprecated "
        "and will be removed in a future version.\nInstructions for updating:\nnon-resource variables are not "
        "supported in the long term", __name__)
    _state["v2"] = False
    disable_eager_execution()


def enable_v2_behavior():
    _state["v2"] = True


def tf2_enabled():
    return _state["v2"]


def executing_eagerly_outside_functions():
    """False in TF1 graph mode and inside a `tf.Graph().as_default()` block, even while tracing a function."""
    if _state["disabled"]:
        return False
    g = local.graph
    while g is not None and g.parent is not None:
        g = g.parent
    return g is None or not g.v1


def v1_graph():
    """The TF1 graph ops are recorded into now, or None (eager, or tracing a tf.function)."""
    g = local.graph
    return g if g is not None and g.v1 else None


def get_default_graph():
    """The graph ops are recorded into; in eager mode, a global graph (for `with ...as_default()` blocks)."""
    g = local.graph
    if g is not None:
        return g
    if _state["eager_graph"] is None:
        _state["eager_graph"] = Graph(v1=True)
    return _state["eager_graph"]


def reset_default_graph():
    """A fresh default graph (names start over); not allowed inside a `with g.as_default()` block."""
    if _state["disabled"]:
        if local.graph is not ctx.default_graph:
            raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared "
                                 "graph, exit the nesting and create a new graph.")
        ctx.default_graph = local.graph = Graph(v1=True)
    elif local.graph is not None:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared "
                             "graph, exit the nesting and create a new graph.")
    else:
        _state["eager_graph"] = None


# ---- placeholders and constants ----
def placeholder(dtype, shape=None, name=None):
    """`tf.compat.v1.placeholder`: a graph input that Session.run must feed."""
    g = local.graph
    if g is None:
        raise RuntimeError("tf.placeholder() is not compatible with eager execution.")
    dtype = _dt.as_dtype(dtype)
    shape = TensorShape(shape)
    second = None if shape.is_fully_defined() else _example(dtype, shape, 3)
    return g.placeholder(dtype, shape, _example(dtype, shape, 2), second, name=name or "Placeholder")


def placeholder_with_default(input, shape, name=None):  # noqa: A002 (TF's name)
    """A tensor that is `input` unless fed (any tensor can be fed: this one has a looser static shape)."""
    from ..ops.array_ops import identity
    hint(name or "PlaceholderWithDefault")
    t = identity(input)
    shape = TensorShape(shape)
    if type(t) is SymbolicTensor:
        t._static = False
        t._shape = shape
    return t


def _example(dtype, shape, unknown):
    """Made-up example values for a placeholder: unknown dims (and an unknown rank) get `unknown` elements; two
    examples with different unknown sizes let derived tensors find their unknown dims."""
    if shape.rank is None:
        dims = (unknown,) * (unknown - 1)
    else:
        dims = tuple(unknown if d is None else d for d in shape.as_list())
    if dtype is _dt.string:
        return np.full(dims, b"", dtype=object)
    value = 0 if dtype.is_integer or dtype.is_bool else 1
    return ctx.backend.full(dims, value, dtype.name, None)


def graph_constant(constant, value, dtype, shape, name):
    """`tf.constant` in a TF1 graph: a 'Const' node holding the value."""
    if isinstance(value, Tensor) and type(value) is SymbolicTensor:
        return value
    g = local.graph
    local.graph = None
    try:
        t = constant(value, dtype, shape)
    finally:
        local.graph = g
    return g.add("Const", "const", (), [t._dtype], [(t._data, None)], static=True, name=name or "Const")[0]


def as_graph_tensor(t, name):
    """An eager result made in a TF1 graph as a named Const node (TF's API functions always make nodes)."""
    g = v1_graph()
    if g is None or type(t) is SymbolicTensor or not isinstance(t, Tensor) or not hasattr(t, "_data"):
        return t
    return g.add("Const", "const", (), [t._dtype], [(t._data, None)], static=True, name=name)[0]


# ---- node names ----
def hint(name):
    """The next op node recorded gets this name (made unique)."""
    local.name_hint = name


_OPERATOR_NAMES = {"__add__": "add", "__radd__": "add", "__sub__": "sub", "__rsub__": "sub", "__mul__": "mul",
                   "__rmul__": "mul", "__truediv__": "truediv", "__rtruediv__": "truediv",
                   "__floordiv__": "floordiv", "__rfloordiv__": "floordiv", "__mod__": "mod", "__rmod__": "mod",
                   "__pow__": "pow", "__rpow__": "pow", "__matmul__": "matmul", "__rmatmul__": "matmul",
                   "__getitem__": "strided_slice", "__and__": "and", "__or__": "or", "__xor__": "xor"}


def _named(fn, name):
    def operator(*args):
        local.name_hint = name
        try:
            return fn(*args)
        finally:
            local.__dict__.pop("name_hint", None)
    operator.__name__ = fn.__name__
    return operator


def _graph_eq(elementwise):
    """`==`/`!=` of graph tensors: Python identity in TF1 graphs (V1-15), elementwise in TF2 functions."""
    def op(self, other):
        if _state["disabled"] or self._graph.v1:
            return (self is other) if elementwise is OPERATORS["__eq__"] else (self is not other)
        return elementwise(self, other)
    return op


def install_operators(cls):
    """Operators of graph tensors (and TF1 variables) that name their node as TF does ('add', 'mul')."""
    for name, node in _OPERATOR_NAMES.items():
        setattr(cls, name, _named(OPERATORS[name], node))


install_operators(SymbolicTensor)
SymbolicTensor.__eq__ = _graph_eq(OPERATORS["__eq__"])
SymbolicTensor.__ne__ = _graph_eq(OPERATORS["__ne__"])


# ---- `name=` arguments and TF's node names of API functions ----
_CONST_NAMES = {"convert_to_tensor": "Const", "fill": "Fill", "linspace": "LinSpace"}


def named_api(obj):
    """An API function whose `name=` argument names its node in a TF1 graph and whose eager results there
    become named constants (TF's API functions always make graph nodes); other objects as they are."""
    if type(obj) is not types.FunctionType or getattr(obj, "_v1_named", False):
        return obj
    try:
        params = list(inspect.signature(obj).parameters)
    except (TypeError, ValueError):
        return obj
    if "name" not in params:
        return obj
    index, default = params.index("name"), _CONST_NAMES.get(obj.__name__, obj.__name__)

    @functools.wraps(obj)
    def wrapper(*args, **kwargs):
        g = local.graph
        if g is None or not g.v1:
            return obj(*args, **kwargs)
        name = kwargs.get("name") or (args[index] if len(args) > index else None)
        if name:
            local.name_hint = name
        try:
            out = obj(*args, **kwargs)
        finally:
            local.__dict__.pop("name_hint", None)
        return as_graph_tensor(out, name or default) if type(out) is EagerTensor else out
    wrapper._v1_named = True
    return wrapper


def _name_api():
    """Entering TF1 graph mode: the tf namespaces' functions become `named_api` ones (not before: the eager
    hot path keeps the plain functions)."""
    from ..framework.convert import constant
    from ..util.export import API
    for namespace in set(API) | {""}:
        module = sys.modules.get("tfcompat" + ("." + namespace if namespace else ""))
        if module is None:
            continue
        for name, obj in list(module.__dict__.items()):
            if type(obj) is types.FunctionType and obj is not constant and not name.startswith("_") and \
                    obj.__module__.startswith("tfcompat.") and not obj.__module__.startswith("tfcompat.compat"):
                setattr(module, name, named_api(obj))
