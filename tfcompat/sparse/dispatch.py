"""SparseTensor operands of the public tf.* functions that TF dispatches for them: the zero-preserving
unary math ops and casts map the values; shape/size/rank read dense_shape. Other ops reject a
SparseTensor when converting it (TF's ValueError)."""
import sys

from ..framework import dtypes as _dt
from ..graph.runtime import value_dependent
from ..ops import array_ops, math_ops as M
from ..util.export import API
from .sparse_tensor import SparseTensor

_MAPPED = ["abs", "math.abs", "negative", "math.negative", "sign", "math.sign", "square", "math.square",
           "sqrt", "math.sqrt", "sin", "math.sin", "tan", "math.tan", "tanh", "math.tanh", "nn.tanh",
           "asin", "math.asin", "asinh", "math.asinh", "atan", "math.atan", "atanh", "math.atanh",
           "math.erf", "math.bessel_i0e", "math.bessel_i1e", "cast", "dtypes.cast", "identity", "stop_gradient"]


def _shape(sp, out_type=_dt.int32, name=None):
    return array_ops.cast(sp.dense_shape, out_type)


def _size(sp, out_type=_dt.int32, name=None):
    return array_ops.cast(M.reduce_prod(sp.dense_shape), out_type)


def _rank(sp, name=None):
    return array_ops.size(sp.dense_shape)


def _divide(x, y, name=None):
    return x / y


def _mapped(fn):
    def sparse_fn(sp, *args, **kwargs):
        return sp.with_values(fn(sp.values, *args, **kwargs))
    return sparse_fn


def _first_arg(orig, sparse_fn):
    def fn(x, *args, **kwargs):
        if type(x) is SparseTensor:
            return sparse_fn(x, *args, **kwargs)
        return orig(x, *args, **kwargs)
    fn.__name__, fn.__doc__, fn.__wrapped__ = orig.__name__, orig.__doc__, orig
    return fn


def _table():
    """{public function: its wrapper accepting SparseTensors}."""
    table = {}
    special = {"shape": _shape, "size": _size, "rank": _rank, "divide": _divide, "math.divide": _divide}
    for path in _MAPPED + list(special):
        ns, _, name = path.rpartition(".")
        orig = API.get(ns, {}).get(name) or (getattr(sys.modules["tfcompat"], name, None) if not ns else None)
        if orig is not None and orig not in table:
            table[orig] = _first_arg(orig, special.get(path) or _mapped(orig))
    return table


def _graph_fallbacks():
    """tf.sparse.* functions and SparseTensor's operators: inside a traced function, one that needs the
    values of indices or dense_shape becomes a graph node run with them (they are only known at run time)."""
    entries = API.get("sparse", {})
    for name, obj in list(entries.items()):
        if callable(obj) and not isinstance(obj, type):
            entries[name] = value_dependent(f"Sparse{name.title().replace('_', '')}")(obj)
    for name in ("__mul__", "__truediv__", "__div__"):
        setattr(SparseTensor, name, value_dependent("SparseDenseCwise")(getattr(SparseTensor, name)))


def install():
    """Puts the wrappers in the export table and in the namespace modules already imported."""
    _graph_fallbacks()
    table = _table()
    for entries in API.values():
        for name, obj in list(entries.items()):
            if callable(obj) and obj in table:
                entries[name] = table[obj]
    for modname in ("tfcompat", "tfcompat.math", "tfcompat.nn", "tfcompat.dtypes"):
        mod = sys.modules.get(modname)
        for name, obj in list(vars(mod).items()) if mod else ():
            if callable(obj) and not isinstance(obj, type) and obj in table:
                setattr(mod, name, table[obj])
