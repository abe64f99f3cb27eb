"""Argument handling shared by the op modules: dtype checks, axis normalisation, TF error texts."""
from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor, dtype_error
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import EagerTensor, Tensor

_ORDER = ("bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
          "uint16", "uint32", "uint64", "complex64", "complex128", "bool", "string")

FLOAT = frozenset(_dt.FLOATING)
FLOAT_COMPLEX = FLOAT | _dt.COMPLEX
REAL = frozenset(_dt.REAL)
NUMERIC = frozenset(_dt.NUMERIC)
INTEGER = frozenset(_dt.INTEGER)
BOOL = frozenset({_dt.bool_})
ALL = frozenset(_dt.ALL)


def tensor(x, dtype=None):
    """Any tensor-like as a Tensor (Variables are read)."""
    return x if type(x) is EagerTensor and dtype is None else convert_to_tensor(x, dtype)


def check_dtype(x, allowed, op_name, attr="T"):
    """Raises TF's 'Value for attr ...' IAE when x's dtype is not allowed for the op."""
    if x._dtype not in allowed:
        names = ", ".join(_dt.as_dtype(n)._cname for n in _ORDER if _dt.as_dtype(n) in allowed)
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr '{attr}' of {x._dtype._cname} is not in the list of allowed "
                       f"values: {names}\n\t; NodeDef: {{{{node {op_name}}}}}")


def same_dtype(op_name, tensors):
    first = tensors[0]._dtype
    for i, t in enumerate(tensors[1:], 1):
        if t._dtype is not first:
            raise op_error(InvalidArgumentError, op_name, dtype_error(op_name, i, first, t._dtype))


def shape_of(t):
    return tuple(t._data.shape)


def static_int(x, what="value"):
    """A Python int from an int, numpy integer or scalar int tensor."""
    if isinstance(x, Tensor):
        return int(x._numpy())
    return int(x)


def static_list(x):
    """A list of Python ints from a list/tuple/array/tensor/TensorShape."""
    if isinstance(x, Tensor):
        return [int(v) for v in x._numpy().reshape(-1)]
    if hasattr(x, "as_list"):
        return x.as_list()
    if isinstance(x, (int,)) or (hasattr(x, "__index__") and not hasattr(x, "__len__")):
        return [int(x)]
    return [int(v) if not isinstance(v, Tensor) else int(v._numpy()) for v in x]


def norm_axes(axis, rank, op_name):
    """Reduction axes as a sorted tuple of non-negative ints; None means all."""
    if axis is None:
        return tuple(range(rank))
    axes = static_list(axis)
    out = []
    for a in axes:
        if not -rank <= a < rank:
            raise op_error(InvalidArgumentError, op_name,
                           f"Invalid reduction dimension ({a} for input with {rank} dimension(s)")
        a = a % rank
        if a not in out:
            out.append(a)
    return tuple(sorted(out))


def broadcast_shapes(op_name, a, b):
    """The broadcast of two shapes, or TF's 'Incompatible shapes' IAE."""
    ra, rb = len(a), len(b)
    out = []
    for i in range(max(ra, rb)):
        x = a[ra - 1 - i] if i < ra else 1
        y = b[rb - 1 - i] if i < rb else 1
        if x != y and x != 1 and y != 1:
            raise op_error(InvalidArgumentError, op_name,
                           f"Incompatible shapes: [{','.join(map(str, a))}] vs. [{','.join(map(str, b))}]")
        out.append(x if y == 1 else y)
    return tuple(reversed(out))
