"""`tf.strings`: string ops on dense and ragged string tensors, computed on host numpy (object arrays of bytes).

Ragged operands are handled by running the op on their flat_values; ops whose result gains a ragged
dimension (split, unicode_decode...) return a RaggedTensor (a dense 1-D tensor for a scalar input).
"""
import re

import numpy as np

from .framework import dtypes as _dt
from .framework.convert import constant as _constant, convert_to_tensor
from .framework.errors import InvalidArgumentError, op_error
from .ops.logging_ops import format_tensor
from .ragged.ragged_tensor import RaggedTensor
from .ragged.rows import from_lengths
from .util.api_names import missing_attribute as _missing_attribute
from .util.export import exported as _exported, tf_export

_UNITS = ("BYTE", "UTF8_CHAR")


def _strings(x, op_name):
    """A string operand as an object array of bytes (TF's TypeError for non-string values)."""
    t = convert_to_tensor(x, dtype=_dt.string) if not hasattr(x, "dtype") else x
    if t.dtype is not _dt.string:
        raise op_error(InvalidArgumentError, op_name, f"cannot compute {op_name} as input #0(zero-based) was "
                       f"expected to be a string tensor but is a {t.dtype._cname} tensor")
    return np.asarray(t.numpy(), dtype=object)


def _string_tensor(a):
    return _constant(np.asarray(a, dtype=object), _dt.string) if np.ndim(a) else \
        _constant(np.array(a, dtype=object), _dt.string)


def _elementwise(fn, out=_dt.string):
    """An op applying fn(bytes) -> value to each string; ragged inputs keep their partitions."""
    def op(input, name=None, **kwargs):  # noqa: A002 (TF's name)
        if isinstance(input, RaggedTensor):
            return input.with_flat_values(op(input.flat_values, **kwargs))
        a = _strings(input, fn.__name__)
        values = np.frompyfunc(lambda s: fn(s, **kwargs), 1, 1)(a) if a.ndim else fn(a.item(), **kwargs)
        if out is _dt.string:
            return _string_tensor(values)
        return _constant(np.asarray(values, dtype=out.as_numpy_dtype).reshape(a.shape), out)
    return op


def _check_unit(unit, op_name):
    if unit not in _UNITS:
        raise op_error(InvalidArgumentError, op_name, f"Value for attr 'unit' of \"{unit}\" is not in the list of "
                       'allowed values: "BYTE", "UTF8_CHAR"')


def _chars(s, unit):
    return s if unit == "BYTE" else s.decode("utf-8", errors="replace")


def _bytes(v, unit):
    return v if unit == "BYTE" else v.encode("utf-8")


@tf_export("strings.length")
def length(input, unit="BYTE", name=None):  # noqa: A002 (TF's name)
    """Length of each string in bytes or UTF-8 characters (int32)."""
    _check_unit(unit, "StringLength")

    def strlen(s):
        return len(_chars(s, unit))
    return _elementwise(strlen, _dt.int32)(input)


@tf_export("strings.substr")
def substr(input, pos, len, unit="BYTE", name=None):  # noqa: A002 (TF's names)
    """The substring of each string at pos (negative: from the end) of len units."""
    _check_unit(unit, "Substr")
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(substr(input.flat_values, pos, len, unit))
    a = _strings(input, "Substr")
    p, n = (np.asarray(convert_to_tensor(v).numpy()) for v in (pos, len))
    a_b, p_b, n_b = np.broadcast_arrays(a, p, n)
    out = np.empty(a_b.shape, dtype=object)
    for i, (s, start, count) in enumerate(zip(a_b.reshape(-1), p_b.reshape(-1), n_b.reshape(-1))):
        chars = _chars(s, unit)
        k = int(start) + (builtin_len(chars) if start < 0 else 0)
        if not 0 <= k <= builtin_len(chars):
            raise op_error(InvalidArgumentError, "Substr", f"pos {int(start)} out of range for string {s!r} at "
                           f"index {i}")
        out.reshape(-1)[i] = _bytes(chars[k:k + max(int(count), 0)], unit)
    return _string_tensor(out)


builtin_len = len


def _upper(s, encoding=""):
    return s.upper()


def _lower(s, encoding=""):
    return s.lower()


def _strip(s):
    return s.strip()


upper = tf_export("strings.upper")(_elementwise(_upper))
lower = tf_export("strings.lower")(_elementwise(_lower))
strip = tf_export("strings.strip")(_elementwise(_strip))


@tf_export("strings.regex_full_match")
def regex_full_match(input, pattern, name=None):  # noqa: A002 (TF's name)
    """Whether each string matches the regular expression entirely."""
    regex = re.compile(_pattern(pattern))

    def full_match(s):
        return regex.fullmatch(s) is not None
    return _elementwise(full_match, _dt.bool_)(input)


@tf_export("strings.regex_replace")
def regex_replace(input, pattern, rewrite, replace_global=True, name=None):  # noqa: A002 (TF's name)
    """Replaces the matches of pattern (every match, or the first with replace_global=False) by rewrite."""
    regex, rewrite = re.compile(_pattern(pattern)), _pattern(rewrite)

    def replace(s):
        return regex.sub(rewrite, s, count=0 if replace_global else 1)
    return _elementwise(replace)(input)


def _pattern(p):
    p = p.numpy() if hasattr(p, "numpy") else p
    return p.encode("utf-8") if isinstance(p, str) else bytes(p)


@tf_export("strings.to_number")
def to_number(string_tensor, out_type=_dt.float32, name=None):
    """Parses each string as a number of out_type (TF's IAE for strings that are not one)."""
    out_type = _dt.as_dtype(out_type)

    def parse(s):
        text = s.decode("utf-8", errors="replace").strip()
        try:
            return int(text) if out_type.is_integer else float(text)
        except ValueError:
            raise op_error(InvalidArgumentError, "StringToNumber",
                           f"StringToNumberOp could not correctly convert string: {text}") from None
    return _elementwise(parse, out_type)(string_tensor)


@tf_export("strings.as_string", "as_string")
def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="", name=None):  # noqa: A002
    """Each value as a string, formatted as TF's AsString (%f floats by default, true/false for bools)."""
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(as_string(input.flat_values, precision, scientific, shortest, width, fill))
    t = convert_to_tensor(input)
    a = np.asarray(t.numpy())
    w = f"{fill if fill in ('', '0', ' ', '-') else ''}{width}" if width >= 0 else ""
    if t.dtype.is_floating:
        kind = "g" if shortest else ("e" if scientific else "f")
        spec = "%" + w + (f".{precision}" if precision >= 0 else "") + kind
        fmt = lambda v: (spec % v).encode()  # noqa: E731
    elif t.dtype is _dt.bool_:
        fmt = lambda v: (("%" + w + "s") % ("true" if v else "false")).encode()  # noqa: E731
    elif t.dtype is _dt.string:
        raise op_error(InvalidArgumentError, "AsString", "Value for attr 'T' of string is not in the list of "
                       "allowed values")
    else:
        fmt = lambda v: (("%" + w + "d") % v).encode()  # noqa: E731
    out = np.frompyfunc(fmt, 1, 1)(a) if a.ndim else fmt(a.item())
    return _string_tensor(out)


@tf_export("strings.join")
def join(inputs, separator="", name=None):
    """Elementwise concatenation of the (broadcast) string tensors in inputs."""
    if any(isinstance(x, RaggedTensor) for x in inputs):
        rt = next(x for x in inputs if isinstance(x, RaggedTensor))
        return rt.with_flat_values(join([x.flat_values if isinstance(x, RaggedTensor) else x for x in inputs],
                                        separator))
    arrays = np.broadcast_arrays(*[_strings(x, "StringJoin") for x in inputs])
    sep = _pattern(separator)
    out = np.empty(arrays[0].shape, dtype=object)
    flat = out.reshape(-1)
    for i, parts in enumerate(zip(*[a.reshape(-1) for a in arrays])):
        flat[i] = sep.join(parts)
    return _string_tensor(out if out.ndim else out.item())


@tf_export("strings.reduce_join")
def reduce_join(inputs, axis=None, keepdims=False, separator="", name=None):
    """Joins the strings along axis (all axes when None)."""
    sep = _pattern(separator)
    if isinstance(inputs, RaggedTensor):
        if axis is None or (inputs.ragged_rank == 1 and axis in (1, -1)):
            s = np.asarray(inputs.row_splits.numpy())
            flat = _strings(inputs.flat_values, "ReduceJoin")
            rows = [sep.join(flat[a:b]) for a, b in zip(s[:-1], s[1:])]
            return _string_tensor(np.array(rows + [None], dtype=object)[:-1]) if axis is not None else \
                _string_tensor(sep.join(flat))
        raise NotImplementedError("tf.strings.reduce_join of a ragged tensor along this axis is not implemented yet "
                                  "in tfcompat")
    a = _strings(inputs, "ReduceJoin")
    axes = tuple(range(a.ndim)) if axis is None else tuple(int(x) % a.ndim for x in np.atleast_1d(axis))
    moved = np.moveaxis(a, axes, tuple(range(a.ndim - len(axes), a.ndim)))
    kept = moved.shape[:a.ndim - len(axes)]
    groups = moved.reshape(kept + (-1,))
    out = np.empty(kept, dtype=object)
    for idx in np.ndindex(*kept):
        out[idx] = sep.join(groups[idx])
    if keepdims:
        out = np.expand_dims(out, axes)
    return _string_tensor(out if out.ndim else out.item())


def _ragged_from_lists(lists, scalar, dtype, ragged_input=None):
    """The per-string lists as a RaggedTensor (one more ragged dimension), or a dense 1-D tensor for a scalar."""
    np_dtype = object if dtype is _dt.string else dtype.as_numpy_dtype
    flat = [v for row in lists for v in row]
    values = _constant(np.array(flat + [None], dtype=object)[:-1] if dtype is _dt.string else
                       np.asarray(flat, dtype=np_dtype), dtype)
    if scalar:
        return values
    out = from_lengths(values, [builtin_len(r) for r in lists], _dt.int64)
    if ragged_input is not None:
        return ragged_input.with_flat_values(out)
    return out


def _split_op(fn, dtype, op_name):
    def op(input, *args, **kwargs):  # noqa: A002 (TF's name)
        if isinstance(input, RaggedTensor):
            inner = op(input.flat_values, *args, **kwargs)
            return input.with_flat_values(inner)
        a = _strings(input, op_name)
        if a.ndim > 1:
            raise NotImplementedError(f"tf.strings.{op_name} of a rank > 1 tensor is not implemented yet in tfcompat")
        lists = [fn(s, *args, **kwargs) for s in (a.reshape(-1) if a.ndim else [a.item()])]
        return _ragged_from_lists(lists, a.ndim == 0, dtype)
    return op


def _split_one(s, sep=None, maxsplit=-1):
    if sep is None or sep == "" or sep == b"":
        return s.split(None, maxsplit)
    return s.split(_pattern(sep), maxsplit)


def _decode(s, input_encoding, errors="replace", replacement_char=65533):
    return [ord(c) for c in s.decode(input_encoding.lower().replace("-", "_").replace("utf_8", "utf-8"),
                                      errors="replace")]


def _unicode_split(s, input_encoding, errors="replace", replacement_char=65533):
    return [c.encode("utf-8") for c in s.decode("utf-8", errors="replace")]


def _bytes_split(s):
    return [s[i:i + 1] for i in range(builtin_len(s))]


_split = _split_op(_split_one, _dt.string, "split")


@tf_export("strings.split")
def split(input, sep=None, maxsplit=-1, name=None):  # noqa: A002 (TF's name)
    """Splits each string at sep (whitespace runs when None): a RaggedTensor, dense 1-D for a scalar."""
    return _split(input, sep, maxsplit)


unicode_decode = tf_export("strings.unicode_decode")(_split_op(_decode, _dt.int32, "unicode_decode"))
unicode_split = tf_export("strings.unicode_split")(_split_op(_unicode_split, _dt.string, "unicode_split"))
bytes_split = tf_export("strings.bytes_split")(_split_op(_bytes_split, _dt.string, "bytes_split"))


@tf_export("strings.format")
def format(template, inputs, placeholder="{}", summarize=3, name=None):  # noqa: A001 (TF's name)
    """The template with each placeholder replaced by the text of the next input tensor."""
    inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
    pieces = template.split(placeholder)
    if builtin_len(pieces) - 1 != builtin_len(inputs):
        raise ValueError(f"num placeholders in template and num inputs must match: {builtin_len(pieces) - 1} vs. "
                         f"{builtin_len(inputs)}")
    texts = []
    for x in inputs:
        t = x if isinstance(x, RaggedTensor) else convert_to_tensor(x)
        texts.append(str(t.to_list()) if isinstance(t, RaggedTensor) else
                     format_tensor(np.asarray(t.numpy()), t.dtype, summarize))
    out = pieces[0] + "".join(t + p for t, p in zip(texts, pieces[1:]))
    return _string_tensor(out.encode("utf-8"))


globals().update(_exported("strings"))
__getattr__ = _missing_attribute("strings")
