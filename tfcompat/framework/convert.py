"""Conversion of Python values, numpy arrays and tensor-likes to tensors, with TF's dtype inference.

Python ints become int32 (int64 when they do not fit), floats float32, complex complex128; numpy
values keep their dtype. Python values never convert lossily to an explicit dtype (TypeError), while
numpy values are cast. Objects with a `__tf_tensor__(dtype, name)` method (Variables) convert themselves.
"""
import numpy as np

from . import dtypes as _dt
from .context import ctx, current_device, local
from .errors import InvalidArgumentError, op_error
from .tensor import EagerTensor, Tensor

__all__ = ["convert_to_tensor", "constant", "make_tensor", "dtype_error"]

_I32_MIN, _I32_MAX, _I64_MIN, _I64_MAX = -2**31, 2**31 - 1, -2**63, 2**63 - 1
_PY_SCALARS = (bool, int, float, complex, str, bytes)


def make_tensor(np_value, dtype):
    """An EagerTensor from a numpy value already of `dtype`, placed on the current device."""
    if dtype is _dt.string:
        return EagerTensor(np.asarray(np_value, dtype=object), dtype)
    return EagerTensor(ctx.backend.from_numpy(np_value, current_device()), dtype)


def adopt_numpy(a):
    """A tensor of the fresh numpy array `a`, which the caller never uses again: the backend may keep its memory."""
    if a.dtype.kind in "USO" or not a.dtype.isnative:
        return convert_to_tensor(a)
    return EagerTensor(ctx.backend.adopt_numpy(a, current_device()), _dt.as_dtype(a.dtype))


def _cannot(value, dtype):
    return TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {dtype._cname}")


def _leaf_kind(x):
    t = type(x)
    if t is bool or t is np.bool_:
        return "b"
    if t is int or isinstance(x, (int, np.integer)):
        return "i"
    if t is float:
        return "f"
    if isinstance(x, np.floating):
        return x.dtype
    if isinstance(x, (float,)):
        return "f"
    if isinstance(x, (complex, np.complexfloating)):
        return "c"
    if isinstance(x, (str, bytes, np.str_, np.bytes_)):
        return "s"
    return None


class _HasArray(Exception):
    """A nested list holds numpy arrays: it is converted by numpy as a whole."""


def _first_shape(value):
    """The shape TF reads off a nested sequence by following first elements."""
    shape = []
    while isinstance(value, (list, tuple)):
        shape.append(len(value))
        if not value:
            break
        value = value[0]
    return shape


def _scan(value, kinds, depth, shape):
    """Collects leaf kinds, checking the nested sequence against `shape` (from `_first_shape`)."""
    if isinstance(value, (list, tuple)):
        if depth >= len(shape):  # a sequence where the first element had a scalar
            raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
        if shape[depth] != len(value):
            raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
        for v in value:
            _scan(v, kinds, depth + 1, shape)
        return
    k = _leaf_kind(value)
    if k is None:
        if isinstance(value, np.ndarray):
            raise _HasArray
        if value is None and depth:
            raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
        raise ValueError(f"Attempt to convert a value ({value!r}) with an unsupported type "
                         f"({type(value)}) to a Tensor.")
    if depth != len(shape):
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
    kinds.append(k)


def _infer_python(value):
    """TF's dtype for a Python scalar or nested sequence, and the shape."""
    kinds, shape = [], _first_shape(value)
    _scan(value, kinds, 0, shape)
    if not kinds:
        return _dt.float32, shape, kinds
    simple = set(k for k in kinds if isinstance(k, str))
    np_floats = [k for k in kinds if not isinstance(k, str)]
    if np_floats:
        simple.add("f")
    if len(simple) == 1:
        k = simple.pop()
        if k == "b":
            return _dt.bool_, shape, kinds
        if k == "i":
            return _int_dtype(value), shape, kinds
        if k == "f":
            return (_dt.as_dtype(np_floats[0]) if np_floats else _dt.float32), shape, kinds
        if k == "c":
            return _dt.complex128, shape, kinds
        return _dt.string, shape, kinds
    if simple == {"i", "f"}:
        return (_dt.as_dtype(np_floats[0]) if np_floats else _dt.float32), shape, kinds
    if kinds[0] == "c" and simple <= {"c", "i", "f"}:
        # a leading complex number takes later ints and floats along (TF reads the first leaf's type;
        # an int or float first and a complex later is "mixed types")
        return _dt.complex128, shape, kinds
    raise ValueError("Can't convert Python sequence with mixed types to Tensor.")


def _int_dtype(value):
    lo, hi = _int_range(value)
    if _I32_MIN <= lo and hi <= _I32_MAX:
        return _dt.int32
    if _I64_MIN <= lo and hi <= _I64_MAX:
        return _dt.int64
    raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")


def _int_range(value):
    if isinstance(value, (list, tuple)):
        lo, hi = 0, 0
        for v in value:
            a, b = _int_range(v)
            lo, hi = min(lo, a), max(hi, b)
        return lo, hi
    v = int(value)
    return v, v


def _encode(x):
    if isinstance(x, (list, tuple)):
        return [_encode(v) for v in x]
    return x.encode("utf-8") if isinstance(x, str) else bytes(x)


def _wrap_ints(value, dtype):
    """Python ints to an integer dtype, wrapping out-of-range values modulo 2**bits as TF does."""
    mask = (1 << (8 * dtype.size)) - 1
    flat = [int(v) & mask for v in _flatten(value)]
    return np.array(flat, dtype=np.uint64).astype(dtype.as_numpy_dtype)


def _python_to_numpy(value, dtype):
    """Converts a Python scalar or nested sequence; `dtype` (or None) is the requested TF dtype."""
    inferred, shape, kinds = _infer_python(value)
    if dtype is None:
        dtype = inferred
        if dtype is _dt.string:
            return np.array(_encode(value), dtype=object).reshape(shape), dtype
        return np.array(value, dtype=dtype.as_numpy_dtype), dtype
    simple = set(k if isinstance(k, str) else "f" for k in kinds)
    if dtype.is_string:
        ok = simple <= {"s"}
    elif dtype.is_bool:
        ok = simple <= {"b"}
    elif dtype.is_integer:
        ok = simple <= {"b", "i"}
    elif dtype.is_floating:
        ok = simple <= {"b", "i", "f"}
    else:
        ok = simple <= {"b", "i", "f", "c"}
    if not ok:
        raise _cannot(value, dtype)
    if dtype.is_string:
        return np.array(_encode(value), dtype=object).reshape(shape), dtype
    if dtype.is_integer and "i" in simple:
        lo, hi = _int_range(value)
        info = np.iinfo(dtype.as_numpy_dtype)
        if lo < info.min or hi > info.max:
            return _wrap_ints(value, dtype).reshape(shape), dtype
    return np.array(value, dtype=dtype.as_numpy_dtype), dtype  # float16 overflow: inf, silently


def _numpy_to_numpy(value, dtype):
    a = np.asarray(value)
    if a.dtype.kind in "USO":
        if dtype is not None and dtype is not _dt.string:
            raise _cannot(value, dtype)
        flat = [_encode(v) if isinstance(v, (str, bytes, np.str_, np.bytes_)) else v for v in a.reshape(-1)]
        return np.array(flat + [None], dtype=object)[:-1].reshape(a.shape), _dt.string
    src = _dt.as_dtype(a.dtype)
    if dtype is None or dtype is src:
        return a, src
    if dtype is _dt.string:
        raise _cannot(value, dtype)
    if a.dtype.kind == "c" and not dtype.is_complex:
        a = a.real
    if dtype.is_integer and a.dtype.kind == "f":
        a = np.trunc(a).astype(np.int64)
    return a.astype(dtype.as_numpy_dtype), dtype


def _to_numpy(value, dtype):
    """(numpy value, DType) for a non-tensor value."""
    if isinstance(value, (np.ndarray, np.generic)):
        return _numpy_to_numpy(value, dtype)
    if value is None:
        raise ValueError("Attempt to convert a value (None) with an unsupported type "
                         "(<class 'NoneType'>) to a Tensor.")
    if isinstance(value, (list, tuple)) or isinstance(value, _PY_SCALARS):
        try:
            return _python_to_numpy(value, dtype)
        except _HasArray:
            return _numpy_to_numpy(np.array(value), dtype)
    if hasattr(value, "__array__") and not isinstance(value, type):
        return _numpy_to_numpy(np.asarray(value), dtype)
    raise ValueError(f"Attempt to convert a value ({value!r}) with an unsupported type ({type(value)}) to a Tensor.")


def _contains_tensor(value):
    if isinstance(value, (list, tuple)):
        return any(_contains_tensor(v) for v in value)
    return isinstance(value, Tensor) or hasattr(value, "__tf_tensor__")


def _pack(value, dtype):
    """convert_to_tensor of a (nested) list holding tensors: TF packs them (tf.stack)."""
    from ..ops import array_ops
    items = [convert_to_tensor(v, dtype) if _contains_tensor(v) or dtype is not None else v for v in value]
    known = next((t.dtype for t in items if isinstance(t, Tensor)), None)
    items = [t if isinstance(t, Tensor) else convert_to_tensor(t, known) for t in items]
    for i, t in enumerate(items):
        if t.dtype is not items[0].dtype:
            raise op_error(InvalidArgumentError, "Pack", dtype_error("Pack", i, items[0].dtype, t.dtype))
    return array_ops.stack(items)


def dtype_error(op_name, index, expected, got):
    return (f"cannot compute {op_name} as input #{index}(zero-based) was expected to be a "
            f"{expected._cname} tensor but is a {got._cname} tensor")


def convert_to_tensor(value, dtype=None, name=None, dtype_hint=None, preferred_dtype=None):
    """`tf.convert_to_tensor`: returns `value` itself when it already is a tensor of the right dtype."""
    if dtype is not None:
        dtype = _dt.as_dtype(dtype)
    if isinstance(value, Tensor):
        if dtype is not None and value.dtype is not dtype:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                             f"{value.dtype.name}: {value!r}")
        return value
    conv = getattr(type(value), "__tf_tensor__", None)
    if conv is not None and not isinstance(value, type):
        return conv(value, dtype, name)
    hint = dtype_hint or preferred_dtype
    if dtype is None and hint is not None:
        try:
            return convert_to_tensor(value, _dt.as_dtype(hint))
        except (TypeError, ValueError):
            pass
    if isinstance(value, (list, tuple)) and _contains_tensor(value):
        return _pack(value, dtype)
    a, dt = _to_numpy(value, dtype)
    return make_tensor(a, dt)


def constant(value, dtype=None, shape=None, name="Const"):
    """`tf.constant`: like convert_to_tensor but stricter on tensors, and with `shape=` broadcast/reshape."""
    if local.graph is not None and local.graph.v1:  # TF1 graphs record a Const node (graph/v1_mode.py)
        from ..graph.v1_mode import graph_constant
        return graph_constant(constant, value, dtype, shape, name)
    if dtype is not None:
        dtype = _dt.as_dtype(dtype)
    if isinstance(value, Tensor) or hasattr(type(value), "__tf_tensor__"):
        t = convert_to_tensor(value)
        if dtype is not None and t.dtype is not dtype:
            raise TypeError(f"Expected tensor {_np_text(t._numpy())} with dtype {dtype!r}, but got dtype {t.dtype!r}.")
        if shape is None:
            return t
        value = t.numpy()
    if isinstance(value, (list, tuple)) and _contains_tensor(value):
        if any(isinstance(v, Tensor) and v.shape.rank == 0 for v in _flatten(value)):
            raise ValueError("TypeError: Scalar tensor has no `len()`")
        value = [v.numpy() if isinstance(v, Tensor) else v for v in value]
    a, dt = _to_numpy(value, dtype)
    if shape is not None:
        shape = tuple(int(d) for d in (shape if isinstance(shape, (list, tuple)) else list(shape)))
        n = int(np.prod(shape, dtype=np.int64))
        if a.size == 1:
            a = np.full(shape, a.reshape(()), dtype=a.dtype)
        elif a.size == n:
            a = a.reshape(shape)
        else:
            raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor "
                            f"{_np_text(a)} (converted from {value!r}) has {a.size} elements, but got "
                            f"`shape` {shape} with {n} elements).")
    return make_tensor(a, dt)


def _np_text(a):
    return str(a)


def _flatten(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _flatten(v)
    else:
        yield value


_scalar_cache = {}


def convert_like(value, dtype):
    """Converts an operand to `dtype` strictly (the other operand's dtype); tensors pass unchanged."""
    if isinstance(value, Tensor):
        return value
    t = type(value)
    if (t is float or t is int) and (value or t is int) and not local.device_stack:  # -0.0 == 0.0: not cached
        key = (value, t, dtype)
        hit = _scalar_cache.get(key)
        if hit is not None:
            return EagerTensor(hit, dtype)
        out = convert_to_tensor(value, dtype)
        if dtype is not _dt.string:
            if len(_scalar_cache) > 4096:
                _scalar_cache.clear()
            _scalar_cache[key] = out._data
        return out
    conv = getattr(t, "__tf_tensor__", None)
    if conv is not None:
        return conv(value, None, None)
    return convert_to_tensor(value, dtype)


def convert_hinted(value, dtype):
    """Converts an operand preferring `dtype` but falling back to its own inferred dtype (TF's dtype_hint)."""
    if isinstance(value, Tensor):
        return value
    try:
        return convert_like(value, dtype)
    except (TypeError, ValueError):
        return convert_to_tensor(value)
