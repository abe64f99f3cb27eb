"""`tf.print`: TF's text of tensors (Tensor::SummarizeValue, print_v2 style) written at the file-descriptor level.

Eagerly the line is written at once; while a graph is traced it is recorded as a side effect that
runs at every execution of the graph (never at trace time), as TF's PrintV2 op.
"""
import os
import pprint
import random
import sys

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx
from ..framework.convert import convert_to_tensor
from ..framework.tensor import is_tensor_like
from ..util import nest
from ..util.export import tf_export

__all__ = ["print_v2", "format_tensor", "graph_module"]

_SUPPORTED = ("Unsupported output stream, logging level, or file.{}. Supported streams are sys.stdout, "
              "sys.stderr, tf.logging.info, tf.logging.warning, tf.logging.error. File needs to be in the form "
              "of 'file://<filepath>'.")


@tf_export("print")
def print_v2(*inputs, **kwargs):
    """`tf.print(*inputs, output_stream=sys.stderr, summarize=3, sep=' ', end='\\n', name=None)`."""
    output_stream = kwargs.pop("output_stream", sys.stderr)
    summarize = kwargs.pop("summarize", 3)
    sep = kwargs.pop("sep", " ")
    end = kwargs.pop("end", os.linesep)
    kwargs.pop("name", None)
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments for tf.print: {kwargs}")
    target = {id(sys.stdout): 1, id(sys.stderr): 2}.get(id(output_stream))
    if target is None and isinstance(output_stream, str) and output_stream.startswith("file://"):
        target = output_stream[len("file://"):]
    if target is None:
        raise ValueError(_SUPPORTED.format(output_stream))
    summarize = 3 if summarize is None else int(summarize)
    inputs = [nest.map_structure(_ragged_text, x) for x in inputs]

    template, tensors = _template(inputs, sep)
    dtypes = [t.dtype for t in tensors]

    def emit(*arrays):
        if template is None:  # a lone string scalar is printed as it is
            line = _text_of_bytes(_host(arrays[0]).reshape(-1)[0])
        else:
            texts = [format_tensor(_host(a), d, summarize) for a, d in zip(arrays, dtypes)]
            line = template[0] + "".join(t + p for t, p in zip(texts, template[1:]))
        _write(target, (line + end).encode("utf-8", "surrogateescape"))

    graph = graph_module()
    if graph is not None and graph.tracing():
        return graph.record_side_effect(emit, tensors, "PrintV2")  # the Operation, as TF's graph mode returns
    emit(*(t._numpy() for t in tensors))
    return None


def _template(inputs, sep):
    """TF's template: pprint of each input with a unique placeholder where each tensor goes; and the tensors."""
    tensors = []
    if len(inputs) == 1 and is_tensor_like(inputs[0]):
        t = convert_to_tensor(inputs[0])
        if t.dtype is _dt.string and t.shape.rank == 0:
            return None, [t]
    free = nest.map_structure(lambda x: "" if is_tensor_like(x) else x, list(inputs))
    placeholder = _placeholder(" ".join(pprint.pformat(x) for x in free))
    templates = []
    for item in inputs:
        holders = []
        for x in nest.flatten(item):
            if is_tensor_like(x):
                tensors.append(convert_to_tensor(x))
                holders.append(placeholder)
            else:
                holders.append(x)
        templates.append(item if isinstance(item, str) else
                         pprint.pformat(nest.pack_sequence_as(item, holders)))
    template = sep.join(templates).replace("'" + placeholder + "'", placeholder)
    return template.split(placeholder), tensors


def _placeholder(text):
    """A placeholder string that does not occur in `text` (TF's: '{}' plus digits from Random(5))."""
    placeholder, rng = "{}", random.Random(5)
    while placeholder in text:
        placeholder += str(rng.randint(0, 9))
    return placeholder


def format_tensor(a, dtype, summarize=3):
    """The text of numpy array `a` of TF dtype `dtype` as tf.print shows it (`summarize` items per end)."""
    element = _formatter(dtype)
    flat = a.reshape(-1)
    n = flat.size
    limit = n if summarize < 0 else min(summarize, n)
    if a.ndim == 0:
        return " ".join(element(flat[i]) for i in range(limit)) + ("..." if n > limit else "")
    out = []
    _dim(out, 0, a.shape, limit, flat, 0, element)
    return "".join(out)


def _dim(out, d, shape, ends, flat, base, element):
    """One dimension of TF's PrintOneDimV2: `ends` items at each end, '...' between, nested brackets."""
    if d == len(shape):
        out.append(element(flat[base]))
        return
    out.append("[")
    count = shape[d]
    stride = int(np.prod(shape[d + 1:], dtype=np.int64))
    for i in range(min(ends, count)):
        if i > 0:
            out.append(_spacing(d, len(shape)))
        _dim(out, d + 1, shape, ends, flat, base + stride * i, element)
    if count > 2 * ends:
        out.append(_spacing(d, len(shape)) + "...")
    for i in range(max(ends, count - ends), count):
        out.append(_spacing(d, len(shape)))
        _dim(out, d + 1, shape, ends, flat, base + stride * i, element)
    out.append("]")


def _spacing(d, rank):
    return " " if d == rank - 1 else "\n" * (rank - d - 1) + " " * (d + 1)


def _formatter(dtype):
    if dtype.is_floating:
        return _double_text if dtype is _dt.float64 else _float_text
    if dtype.is_bool:
        return lambda v: "1" if v else "0"
    if dtype.is_integer:
        return lambda v: str(int(v))
    if dtype.is_string:
        return lambda v: '"' + _escape(v) + '"'
    return lambda v: "?"  # TF prints complex (and other) elements as '?'


def _float_text(v):
    """C++ FloatToBuffer: %.6g, or %.9g when 6 digits do not round-trip in float32."""
    v = float(v)
    if v != v:
        return "-nan" if np.signbit(v) else "nan"
    s = "%.6g" % v
    return s if np.float32(s) == np.float32(v) else "%.9g" % v


def _double_text(v):
    """C++ DoubleToBuffer: %.15g, or %.17g when 15 digits do not round-trip."""
    v = float(v)
    if v != v:
        return "-nan" if np.signbit(v) else "nan"
    s = "%.15g" % v
    return s if float(s) == v else "%.17g" % v


_ESCAPES = {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", ord('"'): '\\"', ord("'"): "\\'",
            ord("\\"): "\\\\"}


def _escape(v):
    """absl's Utf8SafeCEscape: C escapes, octal for other control bytes, bytes >= 0x80 kept as they are."""
    data = v if isinstance(v, bytes) else str(v).encode("utf-8")
    out = []
    for b in data:
        if b in _ESCAPES:
            out.append(_ESCAPES[b])
        elif b < 0x20 or b == 0x7F:
            out.append("\\%03o" % b)
        else:
            out.append(chr(b) if b < 0x80 else bytes([b]).decode("utf-8", "surrogateescape"))
    return "".join(out)


class _Text(str):
    """A ready-made piece of output (printed without quotes, even inside a container)."""

    def __repr__(self):
        return str(self)


def _ragged_text(x):
    """A ragged tensor as TF prints it: nested lists of its values in tf.strings.as_string's form."""
    if type(x).__name__ != "RaggedTensor":
        return x
    dtype = x.dtype
    if dtype.is_floating:
        leaf = lambda v: "%f" % v  # noqa: E731
    elif dtype.is_bool:
        leaf = lambda v: "true" if v else "false"  # noqa: E731
    elif dtype.is_string:
        leaf = lambda v: "'" + _text_of_bytes(v) + "'"  # noqa: E731
    else:
        leaf = str

    def text(v):
        return "[" + ", ".join(text(e) for e in v) + "]" if isinstance(v, list) else leaf(v)
    return _Text(text(x.to_list()))


def _text_of_bytes(v):
    return v.decode("utf-8", "surrogateescape") if isinstance(v, bytes) else str(v)


def _host(a):
    return a if isinstance(a, np.ndarray) else np.asarray(ctx.backend.to_numpy(a))


def _write(target, data):
    """Writes below Python's buffers (as TF's C++ streams do), after flushing them to keep the order."""
    if isinstance(target, str):
        with open(target, "ab") as f:
            f.write(data)
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass
    view = memoryview(data)
    while view:
        view = view[os.write(target, view):]


def graph_module():
    """tfcompat.graph once it offers tracing (graph mode is being built beside eager mode), else None."""
    try:
        from .. import graph
    except ImportError:
        return None
    return graph if hasattr(graph, "tracing") else None
