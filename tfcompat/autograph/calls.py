"""`ag__.converted_call`: user functions called from converted code are converted too (library and builtin
functions are not), and the builtins TF overloads (range, len, int, float, enumerate) act on tensors."""
import builtins
import sysconfig
import types

from ..framework.errors import OperatorNotAllowedInGraphError
from . import staging

#: packages whose functions are never converted (libraries, not user code)
_LIBRARIES = frozenset({"tfcompat", "tensorflow", "numpy", "torch", "keras", "scipy", "pytest", "_pytest",
                        "hypothesis", "builtins"})
_LIBRARY_DIRS = tuple({sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")})
_user_code = {}

_ITERATION_ERROR = (
    "Iterating over a symbolic `tf.Tensor` is not allowed. You can attempt the following resolutions to the "
    "problem: If you are running in Graph mode, use Eager execution mode or decorate this function with "
    "@tf.function. If you are using AutoGraph, you can try decorating this function with @tf.function. If that "
    "does not work, then you may be using an unsupported feature or your source code may not be visible to "
    "AutoGraph. See https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/autograph/g3doc/"
    "reference/limitations.md#access-to-source-code for more information.")


def converted_call(f, args, kwargs):
    """Calls `f(*args, **kwargs)` from converted code."""
    global _OVERRIDES
    if _OVERRIDES is None:
        _OVERRIDES = _overrides()
    try:
        override = _OVERRIDES.get(f)
    except TypeError:          # unhashable callables
        override = None
    target = override or _converted(f)
    try:
        return target(*args, **(kwargs or {}))
    except RecursionError as e:
        raise staging.StagingError(f"in user code:\n\n    RecursionError: {e}") from e


def _is_user_code(fn):
    code = fn.__code__
    known = _user_code.get(code)
    if known is None:
        module = (getattr(fn, "__module__", None) or "").split(".")[0]
        known = module not in _LIBRARIES and not code.co_filename.startswith(_LIBRARY_DIRS)
        _user_code[code] = known
    return known


def _converted(f):
    from .converter import convert
    if isinstance(f, types.FunctionType):
        return convert(f) if _is_user_code(f) else f
    if isinstance(f, types.MethodType) and isinstance(f.__func__, types.FunctionType) and _is_user_code(f.__func__):
        return types.MethodType(convert(f.__func__), f.__self__)
    return f


def _any_tensor(*values):
    from ..framework.tensor import is_tensor_like
    return any(is_tensor_like(v) for v in values)


def range_(start_or_stop, stop=None, step=None):
    """`range`, or tf.range when an argument is a tensor (a symbolic one is remembered for for_stmt)."""
    args = [a for a in (start_or_stop, stop, step) if a is not None]
    if not _any_tensor(*args):
        return builtins.range(*args)
    return tf_range(*args)


def tf_range(start, limit=None, delta=1, dtype=None, name="range"):
    from ..ops.array_ops import range as op, cast
    result = op(start, limit, delta, dtype=dtype, name=name)
    if staging.is_symbolic(result):
        if limit is None:
            start, limit = 0, start
        staging.note_range(result, cast(start, result.dtype), limit, delta if isinstance(delta, (int, float))
                           else cast(delta, result.dtype))
    return result


def len_(s):
    """`len`; for a symbolic tensor, its static first dimension or a tensor of the dynamic one."""
    if not staging.is_symbolic(s):
        return len(s)
    if s.shape.rank == 0:
        raise ValueError(f"len requires a non-scalar tensor, got one of shape {s.shape}")
    if s.shape.rank is not None and s.shape[0] is not None:
        return s.shape[0]
    from ..ops.array_ops import shape
    return shape(s)[0]


def enumerate_(s, start=0):
    if staging.is_symbolic(s):
        raise OperatorNotAllowedInGraphError(_ITERATION_ERROR)
    return enumerate(s, start)


def _cast_builtin(py_type, dtype):
    def cast_or_call(*args, **kwargs):
        if len(args) == 1 and not kwargs and staging.is_symbolic(args[0]):
            from ..ops.array_ops import cast
            return cast(args[0], dtype)
        return py_type(*args, **kwargs)
    return cast_or_call


def _overrides():
    from ..framework import dtypes
    from ..ops.array_ops import range as tf_range_export
    return {builtins.range: range_, builtins.len: len_, builtins.enumerate: enumerate_,
            builtins.int: _cast_builtin(int, dtypes.int32), builtins.float: _cast_builtin(float, dtypes.float32),
            tf_range_export: tf_range}


_OVERRIDES = None
