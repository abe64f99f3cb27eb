"""Ragged operands for the public tf.* op functions (TF's dispatch): elementwise ops run on flat_values,
reductions over ragged axes use segment ops (TF's empty-row results), and concat/stack/tile/gather/
boolean_mask/where/reverse/expand_dims/map_fn/shape have ragged versions.

`install()` swaps each covered function in the export table for a wrapper whose dense path is one type
check; internal calls between tfcompat ops never see the wrapper.
"""
import inspect
import sys

import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_hinted, convert_to_tensor
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import Tensor
from ..graph.runtime import value_dependent
from ..ops import array_ops, control_flow, math_ops, segment_ops
from ..util.export import API
from .ragged_tensor import RaggedTensor, host, index_tensor
from .rows import _ranges, from_lengths, take_rows

_RT = RaggedTensor


# ---- partitions -------------------------------------------------------------------------------------------
def check_same_partitions(a, b):
    """TF's assert_equal on the nested row splits of two ragged operands."""
    sa, sb = a.nested_row_splits, b.nested_row_splits
    if len(sa) != len(sb):
        raise ValueError("Ragged ranks of the operands do not match")
    for x, y in zip(sa, sb):
        if x is y:
            continue
        xa, ya = host(x), host(y)
        if xa.shape != ya.shape or (xa != ya).any():
            n = min(xa.size, ya.size)
            diff = np.flatnonzero(xa[:n] != ya[:n])[:3]
            raise InvalidArgumentError(None, None, (
                f"Condition x == y did not hold.\nIndices of first {diff.size} different values:\n"
                f"{diff.reshape(-1, 1)}\nCorresponding x values:\n{xa[diff]}\nCorresponding y values:\n"
                f"{ya[diff]}\nFirst 3 elements of x:\n{xa[:3]}\nFirst 3 elements of y:\n{ya[:3]}"))


def _flat_partner(rt, other):
    """`other` (dense or ragged) aligned with rt.flat_values, broadcasting dense operands across rows."""
    if isinstance(other, _RT):
        check_same_partitions(rt, other)
        return other.flat_values
    t = other if isinstance(other, Tensor) else convert_hinted(other, rt.dtype)
    rank, inner = t.shape.rank, rt.flat_values.shape.rank - 1
    if rank <= inner:
        return t
    full = rt.ragged_rank + 1 + inner
    if rank < full:
        t = array_ops.reshape(t, [1] * (full - rank) + t.shape.as_list())
    dims = t.shape.as_list()
    if any(d != 1 for d in dims[1:rt.ragged_rank + 1]):
        dense_rt = RaggedTensor.from_tensor(t, ragged_rank=rt.ragged_rank)
        check_same_partitions(rt, dense_rt)
        return dense_rt.flat_values
    if dims[0] not in (1, rt.nrows_static()):
        raise op_error(InvalidArgumentError, "BroadcastTo", "Incompatible shapes for broadcasting")
    rows = array_ops.reshape(t, [dims[0]] + dims[rt.ragged_rank + 1:])
    idx = np.arange(rt.nrows_static()) if dims[0] != 1 else np.zeros(rt.nrows_static(), np.int64)
    for splits in rt.nested_row_splits:
        s = host(splits)
        idx = np.repeat(idx, np.diff(s))
    return array_ops.gather(rows, index_tensor(idx))


# ---- elementwise --------------------------------------------------------------------------------------------
def _unary(fn):
    def ragged_fn(x, *args, **kwargs):
        return x.with_flat_values(fn(x.flat_values, *args, **kwargs))
    return ragged_fn


def _binary(fn):
    def ragged_fn(x, y, *args, **kwargs):
        if isinstance(x, _RT):
            return x.with_flat_values(fn(x.flat_values, _flat_partner(x, y), *args, **kwargs))
        return y.with_flat_values(fn(_flat_partner(y, x), y.flat_values, *args, **kwargs))
    return ragged_fn


# ---- reductions --------------------------------------------------------------------------------------------
_SEGMENT = {"sum": segment_ops.unsorted_segment_sum, "max": segment_ops.unsorted_segment_max,
            "min": segment_ops.unsorted_segment_min, "prod": segment_ops.unsorted_segment_prod}


def _reduction(kind, dense_fn):
    def ragged_reduce(input_tensor, axis=None, keepdims=False, name=None):
        rt = input_tensor
        if kind == "mean":
            return _mean(rt, axis, keepdims)
        if kind in ("any", "all"):
            as_int = rt.with_flat_values(array_ops.cast(rt.flat_values, _dt.int32))
            out = _reduce(as_int, "max" if kind == "any" else "min", axis, keepdims, dense_fn)
            return _positive(out)   # an empty row's max is the int minimum: any() of it is False
        return _reduce(rt, kind, axis, keepdims, dense_fn)
    return ragged_reduce


def _axes(rt, axis):
    rank = rt.shape.rank
    if axis is None:
        return list(range(rank))[::-1]
    axes = [int(a) for a in (host(axis).reshape(-1) if isinstance(axis, Tensor) else np.atleast_1d(axis))]
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"axis={a} out of bounds: expected {-rank}<=axis<{rank}")
    return sorted({a % rank for a in axes}, reverse=True)


def _reduce(rt, kind, axis, keepdims, dense_fn):
    out = rt
    for a in _axes(rt, axis):
        out = _reduce_one(out, kind, a, dense_fn) if isinstance(out, _RT) else dense_fn(out, axis=a)
        if keepdims:
            out = _expand_dims(out, a) if isinstance(out, _RT) else array_ops.expand_dims(out, a)
    return out


def _reduce_one(rt, kind, axis, dense_fn):
    seg = _SEGMENT[kind]
    if axis > rt.ragged_rank:
        return rt.with_flat_values(dense_fn(rt.flat_values, axis=axis - rt.ragged_rank))
    if axis >= 2:
        return rt.with_values(_reduce_one(rt.values, kind, axis - 1, dense_fn))
    if isinstance(rt.values, _RT):
        raise NotImplementedError("reducing over the outer axes of a ragged tensor of ragged_rank > 1 is not "
                                  "implemented yet in tfcompat")
    s = host(rt.row_splits)
    lengths = np.diff(s)
    if axis == 1:
        ids, n = np.repeat(np.arange(lengths.size), lengths), lengths.size
    else:
        ids = np.arange(s[-1]) - np.repeat(s[:-1], lengths)
        n = int(lengths.max()) if lengths.size else 0
    return seg(rt.values, index_tensor(ids, rt.row_splits_dtype), n)


def _mean(rt, axis, keepdims):
    """TF's ragged mean: sum / count, in float64 unless the values are floating."""
    values = rt.flat_values
    dtype = values.dtype if values.dtype.is_floating or values.dtype.is_complex else _dt.float64
    total = _reduce(rt.with_flat_values(array_ops.cast(values, dtype)), "sum", axis, keepdims, math_ops.reduce_sum)
    if rt.ragged_rank == 1 and values.shape.rank == 1 and axis is not None and _axes(rt, axis) == [1]:
        count = array_ops.cast(rt.row_lengths(), dtype)     # the row lengths: no second segment reduction
        count = array_ops.expand_dims(count, 1) if keepdims else count
    else:
        ones = rt.with_flat_values(array_ops.ones_like(values, dtype=dtype))
        count = _reduce(ones, "sum", axis, keepdims, math_ops.reduce_sum)
    if isinstance(total, _RT):
        return total.with_flat_values(math_ops.divide(total.flat_values, count.flat_values))
    return math_ops.divide(total, count)


def _positive(x):
    return x.with_flat_values(math_ops.greater(x.flat_values, 0)) if isinstance(x, _RT) else math_ops.greater(x, 0)


# ---- shape manipulation -------------------------------------------------------------------------------------
def _to_ragged(v, like, ragged_rank=1):
    """A concat/stack operand as a RaggedTensor (dense tensors and Python lists are converted)."""
    if isinstance(v, _RT):
        return v
    if not isinstance(v, Tensor):
        try:
            v = convert_hinted(v, like.dtype)
        except (TypeError, ValueError):
            from .ragged_ops import constant
            v = constant(v, dtype=like.dtype)
            if isinstance(v, _RT):
                return v
    return RaggedTensor.from_tensor(v, ragged_rank=ragged_rank, row_splits_dtype=like.row_splits_dtype)


def _concat_values(parts):
    """Concatenation along axis 0 of dense tensors or of ragged tensors (rows appended)."""
    if not isinstance(parts[0], _RT):
        return array_ops.concat(parts, 0)
    values = _concat_values([p.values for p in parts])
    lengths = np.concatenate([np.diff(host(p.row_splits)) for p in parts])
    return from_lengths(values, lengths, parts[0].row_splits_dtype)


def ragged_concat(values, axis, name="concat"):
    like = next(v for v in values if isinstance(v, _RT))
    rank = like.shape.rank
    axis = int(axis)
    if not -rank <= axis < rank:
        raise ValueError(f"axis={axis} out of bounds: expected {-rank}<=axis<{rank}")
    axis %= rank
    parts = [_to_ragged(v, like, like.ragged_rank) for v in values]
    if axis == 0:
        return _concat_values(parts)
    if axis > 1:
        return parts[0].with_values(ragged_concat([p.values for p in parts], axis - 1))
    n = parts[0].nrows_static()
    if any(p.nrows_static() != n for p in parts):
        raise op_error(InvalidArgumentError, "ConcatV2", "Input tensors have incompatible shapes.")
    values = _concat_values([p.values for p in parts])
    splits = [host(p.row_splits) for p in parts]
    offsets = np.cumsum([0] + [int(s[-1]) for s in splits[:-1]])
    starts = np.stack([s[:-1] + o for s, o in zip(splits, offsets)], 1).reshape(-1)
    lengths = np.stack([np.diff(s) for s in splits], 1).reshape(-1)
    out = take_rows(values, _ranges(starts, lengths))
    return from_lengths(out, lengths.reshape(n, len(parts)).sum(1), parts[0].row_splits_dtype)


def _expand_dims(rt, axis):
    rank = rt.shape.rank + 1
    axis = int(axis) % rank
    if axis == 0:
        return RaggedTensor.from_uniform_row_length(rt, rt.nrows_static(), nrows=1)
    if axis == 1:
        return RaggedTensor.from_uniform_row_length(rt, 1)
    if isinstance(rt.values, _RT) or axis - 1 <= rt.ragged_rank:
        inner = _expand_dims(rt.values, axis - 1) if isinstance(rt.values, _RT) else \
            array_ops.expand_dims(rt.values, axis - 1)
        return rt.with_values(inner)
    return rt.with_flat_values(array_ops.expand_dims(rt.flat_values, axis - rt.ragged_rank))


def ragged_expand_dims(input, axis, name=None):  # noqa: A002 (TF's name)
    return _expand_dims(input, axis)


def ragged_stack(values, axis=0, name="stack"):
    if not isinstance(values, (list, tuple)):
        raise TypeError("values must be a list of tensors")
    like = next((v for v in values if isinstance(v, _RT)), None)
    if like is None:
        return array_ops.stack(values, axis)
    parts = [_to_ragged(v, like, like.ragged_rank) for v in values]
    return ragged_concat([_expand_dims(p, axis) for p in parts], axis)


def ragged_tile(input, multiples, name=None):  # noqa: A002 (TF's name)
    rt = input
    m = [int(v) for v in (host(multiples) if isinstance(multiples, Tensor) else np.asarray(multiples)).reshape(-1)]
    if len(m) != rt.shape.rank:
        raise ValueError(f"Shape must be rank {rt.shape.rank} but is rank {len(m)}")
    if rt.ragged_rank != 1 or len(m) > 2:
        raise NotImplementedError("tf.tile of a ragged tensor of rank > 2 is not implemented yet in tfcompat")
    s = host(rt.row_splits)
    lengths = np.diff(s)
    idx = np.concatenate([np.tile(np.arange(a, b), m[1]) for a, b in zip(s[:-1], s[1:])] or [np.zeros(0, int)])
    row = from_lengths(take_rows(rt.values, idx), lengths * m[1], rt.row_splits_dtype)
    return take_rows(row, np.tile(np.arange(lengths.size), m[0]))


def ragged_gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    if isinstance(indices, _RT):
        return indices.with_flat_values(ragged_gather(params, indices.flat_values, axis=axis))
    if not isinstance(params, _RT):
        return array_ops.gather(params, indices, axis=axis, batch_dims=batch_dims)
    if axis not in (None, 0) or batch_dims:
        raise NotImplementedError("tf.gather of a ragged tensor along axis != 0 is not implemented yet in tfcompat")
    idx = host(convert_to_tensor(indices))
    n = params.nrows_static()
    if ((idx < -n) | (idx >= n)).any() or (idx < 0).any():
        bad = idx.reshape(-1)[((idx < 0) | (idx >= n)).reshape(-1)][0]
        raise op_error(InvalidArgumentError, "GatherV2", f"indices = {bad} is not in [0, {n})")
    if idx.ndim == 0:
        return params[int(idx)]
    out = take_rows(params, idx.reshape(-1))
    for d in reversed(idx.shape[1:]):
        out = RaggedTensor.from_uniform_row_length(out, d)
    return out


def ragged_boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    data = tensor
    if isinstance(mask, _RT):
        keep = host(mask.flat_values).astype(bool)
        if not isinstance(data, _RT):
            data = RaggedTensor.from_nested_row_splits(array_ops.reshape(data, [-1]), mask.nested_row_splits)
        check_same_partitions(data, mask)
        return _mask_flat(data, keep)
    m = host(convert_to_tensor(mask)).astype(bool)
    if m.ndim != 1:
        raise NotImplementedError("tf.boolean_mask of a ragged tensor with a dense mask of rank > 1 is not "
                                  "implemented yet in tfcompat")
    return take_rows(data, np.flatnonzero(m))


def _mask_flat(rt, keep):
    """rt with only the flat values where `keep` (per flat value) is true, rows shrunk accordingly."""
    if not isinstance(rt, _RT):
        return array_ops.gather(rt, index_tensor(np.flatnonzero(keep)))
    inner = _mask_flat(rt.values, keep)
    s = host(rt.row_splits)
    kept = keep if not isinstance(rt.values, _RT) else None
    if kept is None:   # count the surviving rows of the inner level per row of this level
        kept = np.ones(s[-1], bool)
    counts = np.add.reduceat(np.concatenate([kept, [False]]).astype(np.int64), s[:-1]) if s.size > 1 else []
    counts = np.where(np.diff(s) > 0, counts, 0)
    return from_lengths(inner, counts, rt.row_splits_dtype)


def ragged_where(condition, x=None, y=None, name=None):
    if x is None and y is None:
        raise NotImplementedError("tf.where(ragged_condition) with no x and y is not implemented yet in tfcompat")
    rt = next(v for v in (condition, x, y) if isinstance(v, _RT))
    flat = [v.flat_values if isinstance(v, _RT) else v for v in (condition, x, y)]
    for v in (condition, x, y):
        if isinstance(v, _RT):
            check_same_partitions(rt, v)
    return rt.with_flat_values(array_ops.where(*flat))


def ragged_reverse(tensor, axis, name=None):
    rt = tensor
    for a in sorted({int(a) % rt.shape.rank for a in np.atleast_1d(axis)}):
        if a == 0:
            rt = take_rows(rt, np.arange(rt.nrows_static())[::-1])
        elif a == 1:
            s = host(rt.row_splits)
            idx = np.concatenate([np.arange(b - 1, a0 - 1, -1) for a0, b in zip(s[:-1], s[1:])] or [[]])
            rt = rt.with_values(take_rows(rt.values, idx.astype(np.int64)))
        else:
            rt = rt.with_values(ragged_reverse(rt.values, [a - 1])) if isinstance(rt.values, _RT) else \
                rt.with_values(array_ops.reverse(rt.values, [a - 1]))
    return rt


def ragged_map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False,
                  infer_shape=True, name=None, fn_output_signature=None):
    """map_fn over the rows of a ragged `elems`, or with a RaggedTensorSpec output (rows run one by one)."""
    from .ragged_ops import RaggedTensorSpec
    sig = fn_output_signature if fn_output_signature is not None else dtype
    n = elems.nrows_static() if isinstance(elems, _RT) else int(convert_to_tensor(elems).shape[0])
    rows = elems if isinstance(elems, _RT) else array_ops.unstack(convert_to_tensor(elems))
    results = [fn(r) for r in rows]
    if sig is None and not isinstance(elems, _RT):
        sig = RaggedTensorSpec()
    if sig is None or isinstance(sig, RaggedTensorSpec):
        for i, r in enumerate(results):
            if not isinstance(r, _RT) and convert_to_tensor(r).shape.rank == 0:
                t = convert_to_tensor(r)
                raise op_error(InvalidArgumentError, "RaggedTensorFromVariant",
                               f"Ragged values must have rank >= 1; encoded scalar element at index {i} has values "
                               f"Tensor: Tensor<type: {t.dtype.name} shape: [] values: {t.numpy()}>")
        if not results:
            return from_lengths(array_ops.zeros([0], sig.dtype if sig is not None else elems.dtype), [],
                                _dt.int64)
        if any(isinstance(r, _RT) for r in results):
            return ragged_stack(list(results), 0)
        rows = [convert_to_tensor(r) for r in results]
        return from_lengths(array_ops.concat(rows, 0), [int(r.shape[0]) for r in rows], _dt.int64)
    return array_ops.stack([convert_to_tensor(r) for r in results])


class DynamicRaggedShape:
    """`tf.shape(ragged)`: the row lengths of each ragged dimension and the uniform sizes."""

    def __init__(self, rt):
        self._rt = rt

    def __getitem__(self, i):
        dims = self._rt.shape.as_list()
        if dims[i] is None:
            raise ValueError(f"Index {i} is not uniform")
        return convert_to_tensor(np.int32(dims[i]))

    def __repr__(self):
        dims, rt, parts = self._rt.shape.as_list(), self._rt, []
        parts.append(str(dims[0]))
        while isinstance(rt, _RT):
            parts.append("(" + ", ".join(str(int(v)) for v in np.diff(host(rt.row_splits))) + ")")
            rt = rt.values
        parts += [str(d) for d in rt.shape.as_list()[1:]]
        return f"<DynamicRaggedShape lengths=[{', '.join(parts)}] num_row_partitions={self._rt.ragged_rank}>"

    __str__ = __repr__

    @property
    def rank(self):
        return self._rt.shape.rank


def ragged_shape(input, out_type=None, name=None):  # noqa: A002 (TF's name)
    return DynamicRaggedShape(input)


def _not_supported(name):
    def fn(*args, **kwargs):
        raise ValueError(f"{name} does not support RaggedTensor arguments")
    return fn


# ---- installation ------------------------------------------------------------------------------------------
_EXTRA_UNARY = ["abs", "math.abs", "math.reciprocal", "nn.relu", "nn.relu6", "nn.elu", "nn.selu", "nn.softplus",
                "math.softplus", "nn.softsign", "math.log_sigmoid", "nn.silu", "math.real", "math.imag",
                "math.conj", "cast", "saturate_cast", "math.scalar_mul", "identity", "zeros_like", "ones_like",
                "stop_gradient", "nn.gelu", "nn.leaky_relu"]
_EXTRA_BINARY = ["add", "math.add", "divide", "math.divide", "truediv", "math.truediv", "realdiv",
                 "math.floordiv", "math.floormod", "truncatediv", "truncatemod", "math.truncatediv",
                 "math.truncatemod", "pow", "math.pow", "math.squared_difference", "math.logical_xor",
                 "math.xdivy", "math.xlogy", "math.divide_no_nan", "bitwise.left_shift", "bitwise.right_shift"]
_REDUCTIONS = {"reduce_sum": "sum", "reduce_mean": "mean", "reduce_max": "max", "reduce_min": "min",
               "reduce_prod": "prod", "reduce_any": "any", "reduce_all": "all"}


def _lookup(path):
    """The public function at a tf path: from the export table, or from the tfcompat module's own imports."""
    ns, _, name = path.rpartition(".")
    found = API.get(ns, {}).get(name)
    if found is None and not ns:
        found = getattr(sys.modules["tfcompat"], name, None)
    return found


def _first_arg_dispatch(orig, ragged_fn):
    def fn(x, *args, **kwargs):
        if type(x) is _RT:
            return ragged_fn(x, *args, **kwargs)
        return orig(x, *args, **kwargs)
    return fn


def _two_arg_dispatch(orig, ragged_fn):
    def fn(x, y, *args, **kwargs):
        if type(x) is _RT or type(y) is _RT:
            return ragged_fn(x, y, *args, **kwargs)
        return orig(x, y, *args, **kwargs)
    return fn


def _list_dispatch(orig, ragged_fn):
    def fn(values, *args, **kwargs):
        if isinstance(values, (list, tuple)) and any(type(v) is _RT for v in values):
            return ragged_fn(values, *args, **kwargs)
        return orig(values, *args, **kwargs)
    return fn


def _any_arg_dispatch(orig, ragged_fn):
    def fn(*args, **kwargs):
        if any(type(v) is _RT for v in args) or any(type(v) is _RT for v in kwargs.values()):
            return ragged_fn(*args, **kwargs)
        return orig(*args, **kwargs)
    return fn


def _map_fn_dispatch(orig, ragged_fn):
    def fn(fn_, elems, *args, **kwargs):
        sig = kwargs.get("fn_output_signature")
        if type(elems) is _RT or type(sig).__name__ == "RaggedTensorSpec":
            return ragged_fn(fn_, elems, *args, **kwargs)
        return orig(fn_, elems, *args, **kwargs)
    return fn


def _wrapped_table():
    """{original function: wrapper} for every public function that accepts ragged operands."""
    table = {}

    def add(orig, make, ragged_fn):
        if orig is not None and orig not in table:
            impl = ragged_fn(orig) if ragged_fn in (_unary, _binary) else ragged_fn
            w = make(orig, value_dependent(f"Ragged{orig.__name__.title()}")(impl))
            w.__name__, w.__doc__, w.__wrapped__ = orig.__name__, orig.__doc__, orig
            table[orig] = w

    for ns in ("", "math", "nn", "bitwise"):
        for f in API.get(ns, {}).values():
            if callable(f) and hasattr(f, "op") and (f.__doc__ or "").startswith("Elementwise"):
                binary = "y" in inspect.signature(f).parameters
                add(f, _two_arg_dispatch if binary else _first_arg_dispatch, _binary if binary else _unary)
    for path in _EXTRA_UNARY:
        add(_lookup(path), _first_arg_dispatch, _unary)
    for path in _EXTRA_BINARY:
        add(_lookup(path), _two_arg_dispatch, _binary)
    for name, kind in _REDUCTIONS.items():
        orig = _lookup(name)
        add(orig, _first_arg_dispatch, _reduction(kind, orig))
    add(_lookup("concat"), _list_dispatch, ragged_concat)
    add(_lookup("stack"), _list_dispatch, ragged_stack)
    add(_lookup("tile"), _first_arg_dispatch, ragged_tile)
    add(_lookup("gather"), _any_arg_dispatch, ragged_gather)
    add(_lookup("boolean_mask"), _first_arg_dispatch, ragged_boolean_mask)
    add(_lookup("where"), _any_arg_dispatch, ragged_where)
    add(_lookup("reverse"), _first_arg_dispatch, ragged_reverse)
    add(_lookup("expand_dims"), _first_arg_dispatch, ragged_expand_dims)
    add(_lookup("shape"), _first_arg_dispatch, ragged_shape)
    add(_lookup("map_fn"), _map_fn_dispatch, ragged_map_fn)
    for name in ("argmax", "argmin", "math.argmax", "math.argmin"):
        add(_lookup(name), _first_arg_dispatch, _not_supported(name.rpartition(".")[2]))
    return table


def install():
    """Puts the dispatching wrappers in the export table and in namespace modules already imported."""
    table = _wrapped_table()
    for entries in API.values():
        for name, obj in list(entries.items()):
            if callable(obj) and obj in table:
                entries[name] = table[obj]
    for modname in ("tfcompat", "tfcompat.math", "tfcompat.nn", "tfcompat.bitwise", "tfcompat.linalg"):
        mod = sys.modules.get(modname)
        for name, obj in list(vars(mod).items()) if mod else ():
            if callable(obj) and not isinstance(obj, type) and obj in table:
                setattr(mod, name, table[obj])


_HOST_METHODS = ["to_tensor", "__getitem__", "bounding_shape", "value_rowids", "nested_value_rowids", "to_sparse",
                 "merge_dims"]
_FACTORIES = ["from_row_splits", "from_row_lengths", "from_value_rowids", "from_row_starts", "from_row_limits",
              "from_uniform_row_length", "from_nested_row_splits", "from_nested_row_lengths",
              "from_nested_value_rowids", "from_tensor", "from_sparse"]


def install_graph_fallbacks():
    """RaggedTensor methods and factories and the tf.ragged.* functions that read row partitions on the host:
    inside a traced function, where the partitions are only known at run time, each becomes a graph node."""
    for name in _HOST_METHODS:
        setattr(_RT, name, value_dependent(f"Ragged{name.title().replace('_', '')}")(getattr(_RT, name)))
    for name in _FACTORIES:
        fn = getattr(_RT, name).__func__
        setattr(_RT, name, classmethod(value_dependent(f"RaggedTensor{name.title().replace('_', '')}")(fn)))
    entries = API.get("ragged", {})
    for name, obj in list(entries.items()):
        if callable(obj) and not isinstance(obj, type):
            entries[name] = value_dependent(f"Ragged{name.title().replace('_', '')}")(obj)


def install_operators():
    """RaggedTensor's Python operators: elementwise on flat_values, with the reflected operand order."""
    M = math_ops
    binary = {"add": M.add, "sub": M.subtract, "mul": M.multiply, "truediv": M.truediv, "floordiv": M.floordiv,
              "mod": M.floormod, "pow": M.pow, "and": M.logical_and, "or": M.logical_or, "xor": M.logical_xor}
    for name, f in binary.items():
        r = value_dependent(f"Ragged{f.__name__.title()}")(_binary(f))
        setattr(_RT, f"__{name}__", r)
        setattr(_RT, f"__r{name}__", (lambda g: lambda self, other: g(other, self))(r))
    for name, f in {"lt": M.less, "le": M.less_equal, "gt": M.greater, "ge": M.greater_equal}.items():
        setattr(_RT, f"__{name}__", value_dependent(f"Ragged{f.__name__.title()}")(_binary(f)))
    eq = value_dependent("RaggedEqual")(_binary(M.equal))
    ne = value_dependent("RaggedNotEqual")(_binary(M.not_equal))
    _RT.__eq__ = lambda self, other: False if other is None else eq(self, other)
    _RT.__ne__ = lambda self, other: True if other is None else ne(self, other)
    _RT.__neg__, _RT.__abs__, _RT.__invert__ = _unary(M.negative), _unary(M.abs), _unary(M.logical_not)
