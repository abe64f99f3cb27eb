"""TF1 functions that TF2 dropped or changed: casts by name, assign, group, graph collections."""
from ...framework import dtypes as _dt
from ...graph.session import add_control
from ...graph.v1_mode import v1_graph
from ...graph.v1_variables import collection, no_op
from ...ops.array_ops import cast

__all__ = ["GraphKeys", "get_collection", "get_collection_ref", "add_to_collection", "assign",
           "assign_add", "assign_sub", "group", "to_float", "to_double", "to_int32", "to_int64"]


class GraphKeys:
    GLOBAL_VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    GLOBAL_STEP = "global_step"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    REGULARIZATION_LOSSES = "regularization_losses"
    SUMMARIES = "summaries"


def get_collection(key, scope=None):
    g = v1_graph()
    items = [] if g is None else collection(g, key)
    return [x for x in items if scope is None or getattr(x, "name", "").startswith(scope)]


def get_collection_ref(key):
    g = v1_graph()
    return [] if g is None else collection(g, key)


def add_to_collection(name, value):
    g = v1_graph()
    if g is not None:
        collection(g, name).append(value)


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    return ref.assign(value, name=name)


def assign_add(ref, value, use_locking=None, name=None):
    return ref.assign_add(value, name=name)


def assign_sub(ref, value, use_locking=None, name=None):
    return ref.assign_sub(value, name=name)


def group(*inputs, name=None):
    """An Operation that runs all `inputs` (tensors, operations, variables' assigns); None in eager mode."""
    g = v1_graph()
    if g is None:
        return None
    deps = []
    for x in inputs:
        for y in (x if isinstance(x, (list, tuple)) else [x]):
            node = getattr(y, "_after", None) or getattr(y, "_node", None) or y
            deps.append(node)
    op = no_op(g, name or "group_deps", ())
    add_control(op, deps)
    return op


def _cast_to(dtype, default):
    def fn(x, name=default):
        return cast(x, dtype)
    fn.__name__ = default
    return fn


to_float = _cast_to(_dt.float32, "ToFloat")
to_double = _cast_to(_dt.float64, "ToDouble")
to_int32 = _cast_to(_dt.int32, "ToInt32")
to_int64 = _cast_to(_dt.int64, "ToInt64")
