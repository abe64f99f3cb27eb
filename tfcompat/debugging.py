"""`tf.debugging`: assertions with TF's messages. Eagerly they check at once; inside a traced function a check
whose values are only known at run time becomes a stateful node that checks at every run (TF's Assert op)."""
import numpy as np

from .framework import dtypes as _dt
from .framework.context import local
from .framework.convert import convert_to_tensor
from .framework.errors import InvalidArgumentError, op_error
from .framework.tensor import Tensor
from .ops import library as _library  # noqa: F401 (every op module's @tf_export entries)
from .ops import array_ops, math_ops
from .util.api_names import missing_attribute as _missing_attribute
from .util.export import exported as _exported
from .util.export import tf_export


def _prefix(message):
    return f"{message}.  " if message else ""


def _graph():
    return local.graph is not None


def _static(t):
    """The value of `t` when known while tracing (eager, or a constant-folded graph tensor), else None."""
    from .graph.graph import is_symbolic
    if is_symbolic(t) and not t._static:
        return None
    return t._numpy()


def _name(t):
    """A graph tensor's name (a constant kept eager while tracing is named as TF's first constant)."""
    from .graph.graph import is_symbolic
    return t.name if is_symbolic(t) else "Const:0"


def _shape_dtype(t):
    return f"shape={t.shape} dtype={t.dtype.name}"


# ---- text of tensors, as TF prints them ----
def _pretty(item, summarize):
    """An item of an eager assert_* message (TF's _pretty_print)."""
    if isinstance(item, Tensor):
        a = item._numpy()
        if a.ndim == 0:
            return str(a[()])
        flat = a.reshape(-1)
        texts = [str(x) for x in flat[:summarize]]
        return str(texts + ["..."] if len(texts) < flat.size else texts)
    return str(item)


def _eager_summary(t, summarize):
    """An item of an eager Assert message (TF's _summarize_eager)."""
    a = t._numpy()
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = a.size
    if a.ndim:
        flat = a.reshape(-1)
        texts = [str(x) for x in flat[:summarize]]
        if len(texts) < flat.size:
            texts.append("...")
    else:
        texts = [str(a[()])] if summarize != 0 else []
    return ", ".join(texts)


def _scalar_text(x, dtype):
    """One element as Tensor::SummarizeValue writes it (shortest %g that round-trips, bools as 0/1)."""
    if dtype is _dt.string:
        return x.decode("utf-8", "replace") if isinstance(x, bytes) else str(x)
    if dtype.is_bool:
        return "1" if x else "0"
    if dtype.is_floating:
        digits = (6, 9) if dtype.size <= 4 else (15, 17)
        text = "%.*g" % (digits[0], x)
        return text if np.asarray(float(text), x.dtype) == x or x != x else "%.*g" % (digits[1], x)
    return str(x)


def _summarize_value(a, dtype, summarize):
    """Tensor::SummarizeValue: the first `summarize` elements, inner dims in brackets, '...' when cut."""
    flat = a.reshape(-1)
    limit = flat.size if summarize < 0 else min(summarize, flat.size)
    if a.ndim == 0:
        return _scalar_text(flat[0], dtype)
    done = [0]

    def walk(d, base):
        parts, stride = [], int(np.prod(a.shape[d + 1:], dtype=np.int64))
        for i in range(a.shape[d]):
            if done[0] >= limit:
                break
            if d == a.ndim - 1:
                parts.append(_scalar_text(flat[base + i], dtype))
                done[0] += 1
            else:
                parts.append("[" + walk(d + 1, base + i * stride) + "]")
        return (" " if d == a.ndim - 1 else "").join(parts)
    return walk(0, 0) + ("..." if limit < flat.size else "")


# ---- Assert ----
@tf_export("debugging.Assert", "Assert")
def Assert(condition, data, summarize=None, name=None):  # noqa: N802 (TF's name)
    """`tf.debugging.Assert`: raises InvalidArgumentError with the summarized `data` when `condition` is False."""
    if not _graph():
        if not _truth(condition):
            texts = [_eager_summary(convert_to_tensor(x), summarize) for x in data]
            raise InvalidArgumentError(None, None, f"Expected '{condition!s}' to be true. Summarized data: "
                                                   + "\n".join(texts))
        return None
    return _graph_assert(convert_to_tensor(condition), data, 3 if summarize is None else summarize)


def _truth(condition):
    return bool(condition._numpy()) if isinstance(condition, Tensor) else bool(condition)


def _graph_assert(condition, data, summarize):
    """A stateful node checking `condition` at every run; its error lists `data` as TF's Assert kernel does."""
    from .graph.runtime import record_side_effect
    items = [convert_to_tensor(x) if isinstance(x, Tensor) or not isinstance(x, str) else x for x in data]
    tensors = [x for x in items if isinstance(x, Tensor)]
    dtypes = [t.dtype for t in tensors]

    def check(cond, *arrays):
        if np.all(cond):
            return
        values = iter(zip(arrays, dtypes))
        texts = [x if isinstance(x, str) else _summarize_value(*next(values), summarize) for x in items]
        raise InvalidArgumentError(None, None, "assertion failed: " + " ".join(f"[{t}]" for t in texts))
    return record_side_effect(check, [condition] + tensors, "Assert")


# ---- element-wise comparisons ----
def _binary(sym, op, x, y, data, summarize, message):
    """TF's _binary_assert."""
    x, y = convert_to_tensor(x), convert_to_tensor(y)
    if not _graph():
        test = op(x, y)
        if bool(math_ops.reduce_all(test)._numpy()):
            return None
        summarize = 3 if summarize is None else 10 ** 9 if summarize < 0 else summarize
        if data is None:
            data = _eager_data(sym, x, y, summarize, test)
        if message is not None:
            data = [message] + list(data)
        raise InvalidArgumentError(None, None, "\n".join(_pretty(d, summarize) for d in data))
    if data is None:
        data = [f"Condition x {sym} y did not hold element-wise:", f"x ({_name(x)}) = ", x, f"y ({_name(y)}) = ", y]
    if message is not None:
        data = [message] + list(data)
    condition = math_ops.reduce_all(op(x, y))
    xs, ys = _static(x), _static(y)
    if xs is not None and ys is not None and not bool(condition._numpy()):
        raise InvalidArgumentError(None, None, "\n".join(str(_static(d)) if isinstance(d, Tensor) and
                                                         _static(d) is not None else str(d) for d in data))
    return _graph_assert(condition, data, 3 if summarize is None else summarize)


def _eager_data(sym, x, y, summarize, test):
    data = [f"Condition x {sym} y did not hold."]
    if summarize > 0:
        if x.shape == y.shape and x.shape.as_list():
            mask = math_ops.logical_not(test)
            indices = array_ops.where(mask)._numpy()
            n = min(summarize, indices.shape[0])
            data += [f"Indices of first {n} different values:", indices[:n], "Corresponding x values:",
                     array_ops.boolean_mask(x, mask)._numpy().reshape(-1)[:n], "Corresponding y values:",
                     array_ops.boolean_mask(y, mask)._numpy().reshape(-1)[:n]]
        xn, yn = x._numpy().reshape(-1), y._numpy().reshape(-1)
        nx, ny = min(xn.size, summarize), min(yn.size, summarize)
        data += [f"First {nx} elements of x:", xn[:nx], f"First {ny} elements of y:", yn[:ny]]
    return data


def _make_binary(sym, opname, op):
    def check(x, y, message=None, summarize=None, name=None):
        return _binary(sym, op, x, y, None, summarize, message)
    check.__name__ = opname
    check.__doc__ = f"`tf.debugging.{opname}`: the condition `x {sym} y` holds element-wise."
    return check


assert_equal = tf_export("debugging.assert_equal", "assert_equal")(_make_binary("==", "assert_equal", math_ops.equal))
assert_none_equal = tf_export("debugging.assert_none_equal")(
    _make_binary("!=", "assert_none_equal", math_ops.not_equal))
assert_less = tf_export("debugging.assert_less", "assert_less")(_make_binary("<", "assert_less", math_ops.less))
assert_less_equal = tf_export("debugging.assert_less_equal")(
    _make_binary("<=", "assert_less_equal", math_ops.less_equal))
assert_greater = tf_export("debugging.assert_greater", "assert_greater")(
    _make_binary(">", "assert_greater", math_ops.greater))
assert_greater_equal = tf_export("debugging.assert_greater_equal")(
    _make_binary(">=", "assert_greater_equal", math_ops.greater_equal))


def _unary(sym, zero_first, compare, glued=False):
    """assert_positive & co: TF compares with zero through assert_less/assert_less_equal, with its own message
    (assert_non_positive's lacks a line break: TF's list misses a comma there)."""
    def check(x, message=None, summarize=None, name=None):
        x = convert_to_tensor(x)
        head = f"Condition x {sym} did not hold element-wise:"
        label = f"x ({_name(x) if _graph() else _shape_dtype(x)}) = "
        data = [_prefix(message)] + ([head + label] if glued else [head, label]) + [x]
        zero = convert_to_tensor(0, x.dtype)
        a, b = (zero, x) if zero_first else (x, zero)
        return _binary("", compare, a, b, data, summarize, None)
    return check


assert_positive = tf_export("debugging.assert_positive")(_unary("> 0", True, math_ops.less))
assert_negative = tf_export("debugging.assert_negative")(_unary("< 0", False, math_ops.less))
assert_non_negative = tf_export("debugging.assert_non_negative")(_unary(">= 0", True, math_ops.less_equal))
assert_non_positive = tf_export("debugging.assert_non_positive")(_unary("<= 0", False, math_ops.less_equal, glued=True))
for _f, _n in ((assert_positive, "positive"), (assert_negative, "negative"), (assert_non_negative, "non_negative"),
               (assert_non_positive, "non_positive")):
    _f.__name__ = f"assert_{_n}"
    _f.__doc__ = f"`tf.debugging.assert_{_n}`: every element of x is {_n.replace('_', '-')}."


@tf_export("debugging.assert_near")
def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    """`tf.debugging.assert_near`: |x - y| <= atol + rtol * |y| element-wise (default tolerances 10 eps)."""
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, x.dtype)
    real = x.dtype.real_dtype if x.dtype.is_complex else x.dtype
    eps = np.finfo(real.as_numpy_dtype).eps
    rtol = convert_to_tensor(10 * eps if rtol is None else rtol, real)
    atol = convert_to_tensor(10 * eps if atol is None else atol, real)
    xn, yn = (_name(x), _name(y)) if _graph() else (_shape_dtype(x), _shape_dtype(y))
    data = [_prefix(message), f"x and y not equal to tolerance rtol = {rtol!s}, atol = {atol!s}", f"x ({xn}) = ", x,
            f"y ({yn}) = ", y]
    tol = atol + rtol * math_ops.abs(y)
    condition = math_ops.reduce_all(math_ops.less(math_ops.abs(x - y), tol))
    return Assert(condition, data, summarize=summarize)


# ---- static checks: ranks, types, shapes ----
def _rank_check(x, rank, ok, what, message):
    x = convert_to_tensor(x)
    rank = convert_to_tensor(rank)
    if rank.dtype is not _dt.int32:
        raise TypeError(f"{'rank'} must be of type {_dt.int32!r}; got {rank.dtype!r}")
    given = _static(rank)
    actual = x.shape.rank
    words = {"assert_rank": "rank", "assert_rank_at_least": "rank at least"}[what]
    if given is None or actual is None:  # checked when the graph runs
        if given is None:
            raise NotImplementedError(f"tf.debugging.{what} with a rank known only at run time is not implemented "
                                      "yet in tfcompat")
        actual_t = array_ops.rank(x)
        cond = math_ops.equal(actual_t, rank) if what == "assert_rank" else math_ops.greater_equal(actual_t, rank)
        return _graph_assert(cond, [_prefix(message), f"Tensor {_name(x)} must have {words}", rank,
                                    "Received shape: ", array_ops.shape(x)], 3)
    if given.ndim != 0:
        raise ValueError("Rank must be a scalar.")
    if not ok(actual, int(given)):
        name = _name(x) if _graph() else ""
        raise ValueError(f"{_prefix(message)}Tensor {name} must have {words} {int(given)}.  Received rank {actual}, "
                         f"shape {x.shape}")


@tf_export("debugging.assert_rank", "assert_rank")
def assert_rank(x, rank, message=None, name=None):
    """`tf.debugging.assert_rank`: x has rank `rank` (ValueError when the static rank says otherwise)."""
    return _rank_check(x, rank, lambda a, r: a == r, "assert_rank", message)


@tf_export("debugging.assert_rank_at_least")
def assert_rank_at_least(x, rank, message=None, name=None):
    """`tf.debugging.assert_rank_at_least`: x has rank >= `rank`."""
    return _rank_check(x, rank, lambda a, r: a >= r, "assert_rank_at_least", message)


@tf_export("debugging.assert_type")
def assert_type(tensor, tf_type, message=None, name=None):
    """`tf.debugging.assert_type`: TypeError when the dtype is not `tf_type`."""
    tf_type = _dt.as_dtype(tf_type)
    tensor = tensor if hasattr(tensor, "dtype") and not isinstance(tensor, (np.ndarray, np.generic)) \
        else convert_to_tensor(tensor)
    if tensor.dtype != tf_type:
        label = getattr(tensor, "name", "tensor") if _graph() else "tensor"
        raise TypeError(f"{_prefix(message)}{label} must be of type {tf_type!r}; got {tensor.dtype!r}")


@tf_export("debugging.assert_integer")
def assert_integer(x, message=None, name=None):
    """`tf.debugging.assert_integer`: TypeError unless x has an integer dtype."""
    x = convert_to_tensor(x)
    if not x.dtype.is_integer:
        label = _name(x) if _graph() else "tensor"
        raise TypeError(f'{_prefix(message)}Expected "x" to be integer type.  Found: {label} of dtype {x.dtype!s}')


@tf_export("debugging.assert_shapes")
def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """`tf.debugging.assert_shapes`: static shapes against symbolic ones ('N', ints, '*'/... first, None any)."""
    prefix = _prefix(message)
    items = shapes.items() if isinstance(shapes, dict) else shapes
    label = _name if _graph() else _shape_dtype
    sizes = {}
    for x, spec in [(convert_to_tensor(x), s) for x, s in items if s is not None]:
        if not (hasattr(spec, "__iter__") or hasattr(spec, "__getitem__")):
            raise ValueError(f"{prefix}Tensor {label(x)}.  Specified shape must be an iterable.  An iterable has the "
                             f"attribute `__iter__` or `__getitem__`.  Received specified shape: {spec}")
        spec = tuple(spec)
        for i, s in enumerate(spec):
            if (s is Ellipsis or s == "*") and i != 0:
                raise ValueError(f"{prefix}Tensor {label(x)} specified shape index {i}.  Symbol `...` or `*` for a "
                                 "variable number of unspecified dimensions is only allowed as the first entry")
        open_ = bool(spec) and (spec[0] is Ellipsis or spec[0] == "*")
        spec = spec[1:] if open_ else spec
        actual = x.shape.as_list() if x.shape.rank is not None else None
        if actual is None or None in actual:
            raise NotImplementedError("tf.debugging.assert_shapes of shapes known only at run time is not implemented "
                                      "yet in tfcompat")
        n, name_ = len(spec), "" if not _graph() else _name(x)
        if open_:
            if n > 1 and len(actual) < n:
                raise ValueError(f"{prefix}Tensor {name_} must have rank at least {n}.  Received rank "
                                 f"{len(actual)}, shape {x.shape}")
        elif n in (0, 1):
            if len(actual) not in (0, 1):
                raise ValueError(f"{prefix}Tensor {name_} must have rank in (0, 1).  Received rank {len(actual)}, "
                                 f"shape {x.shape}")
        elif len(actual) != n:
            raise ValueError(f"{prefix}Tensor {name_} must have rank {n}.  Received rank {len(actual)}, shape "
                             f"{x.shape}")
        for i, s in enumerate(spec):
            if s is None or s == "." or s == -1:
                continue
            dim = i - n if open_ else i
            if dim >= len(actual) or -dim > len(actual):
                continue
            size = actual[dim]
            if isinstance(s, (int, np.integer)) or (isinstance(s, str) and s.isdigit()):
                want, how = int(s), "Specified explicitly"
            elif s in sizes:
                want, by, at = sizes[s]
                how = f"Specified by tensor {label(by)} dimension {at}"
            else:
                sizes[s] = (size, x, dim)
                continue
            if size != want:
                raise ValueError(f"{prefix}{how}.  Tensor {label(x)} dimension {dim} must have size {want}.  "
                                 f"Received size {size}, shape {x.shape}")


# ---- numerics ----
@tf_export("debugging.check_numerics")
def check_numerics(tensor, message, name=None):
    """`tf.debugging.check_numerics`: x itself, or InvalidArgumentError when it holds NaN or Inf."""
    x = convert_to_tensor(tensor)
    if not x.dtype.is_floating:
        raise op_error(InvalidArgumentError, "CheckNumerics",
                       f"Value for attr 'T' of {x.dtype._cname} is not in the list of allowed values: bfloat16, "
                       "half, float, double\n\t; NodeDef: {{node CheckNumerics}}")

    def check(a):
        a = np.asarray(a, np.float64)
        nan, inf = bool(np.isnan(a).any()), bool(np.isinf(a).any())
        if nan or inf:
            kind = "Inf and NaN" if nan and inf else "NaN" if nan else "Inf"
            raise op_error(InvalidArgumentError, "CheckNumerics", f"{message} : Tensor had {kind} values")
    if _graph():
        from .graph.runtime import record_side_effect
        record_side_effect(check, [x], "CheckNumerics")
    else:
        check(x._numpy())
    return array_ops.identity(x)


@tf_export("debugging.assert_all_finite")
def assert_all_finite(x, message, name=None):
    """`tf.debugging.assert_all_finite`: `check_numerics`."""
    return check_numerics(x, message, name)


@tf_export("debugging.is_numeric_tensor")
def is_numeric_tensor(tensor):
    """True for a Tensor of a numeric dtype."""
    return isinstance(tensor, Tensor) and tensor.dtype in _dt.NUMERIC


@tf_export("debugging.enable_check_numerics")
def enable_check_numerics(stack_height_limit=30, path_length_limit=50):
    """`tf.debugging.enable_check_numerics`: accepted; tfcompat does not instrument ops (a no-op)."""


@tf_export("debugging.disable_check_numerics")
def disable_check_numerics():
    """`tf.debugging.disable_check_numerics`: a no-op, as enable_check_numerics."""


globals().update(_exported("debugging"))
__getattr__ = _missing_attribute("debugging")
