"""`tf.RaggedTensor`: dense `values` (or a nested RaggedTensor) partitioned into rows by `row_splits`.

Everything that touches `values` is computed with tfcompat ops, so tapes record it and gradients reach the
values; the row partitions are small integer tensors whose index arithmetic is done on host numpy.
"""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import EagerTensor, Tensor
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops
from ..util.export import tf_export

_i64 = _dt.int64


def host(t):
    """A (small, integer) tensor's value as a numpy array (inside a trace: ValueUnknownError unless it is a
    constant, which makes the op a graph node run with the values)."""
    return np.asarray(t._numpy())


def index_tensor(a, dtype=_i64):
    """A numpy index array as a tfcompat tensor of `dtype`."""
    return convert_to_tensor(np.asarray(a, dtype=dtype.as_numpy_dtype))


def _iae(msg):
    return InvalidArgumentError(None, None, msg)


def _first(what, x, y):
    return f"{what}\nCondition x == y did not hold.\nFirst 1 elements of x:\n[{x}]\nFirst 1 elements of y:\n[{y}]"


def _not_nonneg(what, diffs, dtype):
    items = ", ".join(repr(str(d)) for d in diffs[:3])
    return (f"{what}.  \nCondition x >= 0 did not hold element-wise:\nx (shape={diffs.shape} dtype={dtype.name}) = "
            f"\n[{items}{', ...' if diffs.size > 3 else ''}]")


def _splits_tensor(splits, name="row_splits"):
    """A partition argument as an int tensor (int64 unless it already is an int32 tensor)."""
    if isinstance(splits, Tensor):
        t = array_ops.identity(splits) if splits.dtype in (_dt.int32, _i64) else array_ops.cast(splits, _i64)
    else:
        t = convert_to_tensor(splits, dtype_hint=_i64)
        if t.dtype not in (_dt.int32, _i64):
            raise ValueError(f"{name} must have dtype int32 or int64")
        if t.dtype is _dt.int32 and not isinstance(splits, np.ndarray):
            t = array_ops.cast(t, _i64)
    if t.shape.rank != 1:
        raise ValueError(f"Shape {t.shape} must have rank 1")
    return t


def _values_tensor(values):
    if isinstance(values, RaggedTensor):
        return values
    return convert_to_tensor(values)


def _nrows_of(values):
    return values.nrows_static() if isinstance(values, RaggedTensor) else int(values.shape[0])


@tf_export("RaggedTensor")
class RaggedTensor:
    """A tensor with one or more ragged dimensions; build it with the `from_*` factories."""

    _is_tensor_like = True

    def __init__(self, values, row_partition, internal=False):
        if not internal:
            raise ValueError("RaggedTensor constructor is private; please use one of the factory methods "
                             "instead (e.g., RaggedTensor.from_row_lengths())")
        self._values, self._row_splits = values, row_partition

    # ---- factories ---------------------------------------------------------------------------------------
    @classmethod
    def _checked(cls, values, splits, what, validate):
        """The ragged tensor of `values` and `splits`, after TF's validation (`what`: the factory's name)."""
        if splits.shape[0] == 0:
            raise ValueError("row_splits tensor may not be empty.")
        if validate:
            s = host(splits)
            if what == "from_row_splits":
                if s[0] != 0:
                    raise _iae(_first(f"Arguments to {what} do not form a valid RaggedTensor:zero", s[0], 0))
                d = np.diff(s)
                if (d < 0).any():
                    raise _iae(_not_nonneg(f"Arguments to {what} do not form a valid RaggedTensor:monotonic",
                                           d, splits.dtype))
            n = _nrows_of(values)
            if s[-1] != n:
                raise _iae(_first("Arguments to _from_row_partition do not form a valid RaggedTensor", s[-1], n))
        return cls(values, splits, internal=True)

    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        return cls._checked(_values_tensor(values), _splits_tensor(row_splits), "from_row_splits", validate)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        lengths = _splits_tensor(row_lengths, "row_lengths")
        n = host(lengths)
        if validate and (n < 0).any():
            raise _iae(_not_nonneg("Arguments to from_row_lengths do not form a valid RowPartition", n,
                                   lengths.dtype))
        splits = index_tensor(np.concatenate([[0], np.cumsum(n)]), lengths.dtype)
        return cls._checked(_values_tensor(values), splits, "from_row_lengths", validate)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        values = _values_tensor(values)
        ids_t = _splits_tensor(value_rowids, "value_rowids")
        ids = host(ids_t)
        n = int(host(convert_to_tensor(nrows))) if nrows is not None else (int(ids[-1]) + 1 if ids.size else 0)
        if validate:
            d = np.diff(ids)
            bad = (d < 0).any() or (ids.size and (ids[0] < 0 or ids[-1] >= n)) or n < 0
            if bad:
                raise _iae(_not_nonneg("Arguments to from_value_rowids do not form a valid RowPartition",
                                       d if (d < 0).any() else ids, ids_t.dtype))
            if ids.size != _nrows_of(values):
                raise _iae(_first("Arguments to from_value_rowids do not form a valid RowPartition",
                                  ids.size, _nrows_of(values)))
        counts = np.bincount(ids[(ids >= 0) & (ids < n)], minlength=n)[:n] if n else np.zeros(0, np.int64)
        splits = index_tensor(np.concatenate([[0], np.cumsum(counts)]), ids_t.dtype)
        return cls(values, splits, internal=True)

    @classmethod
    def from_row_starts(cls, values, row_starts, name=None, validate=True):
        values = _values_tensor(values)
        starts = _splits_tensor(row_starts, "row_starts")
        splits = index_tensor(np.concatenate([host(starts), [_nrows_of(values)]]), starts.dtype)
        return cls._checked(values, splits, "from_row_splits", validate)

    @classmethod
    def from_row_limits(cls, values, row_limits, name=None, validate=True):
        limits = _splits_tensor(row_limits, "row_limits")
        splits = index_tensor(np.concatenate([[0], host(limits)]), limits.dtype)
        return cls._checked(_values_tensor(values), splits, "from_row_splits", validate)

    @classmethod
    def from_uniform_row_length(cls, values, uniform_row_length, nrows=None, validate=True, name=None):
        values = _values_tensor(values)
        width = int(host(convert_to_tensor(uniform_row_length)))
        n = nrows if nrows is not None else (_nrows_of(values) // width if width else 0)
        out = cls(values, index_tensor(np.arange(int(n) + 1) * width), internal=True)
        out._uniform = width
        return out

    @classmethod
    def from_nested_row_splits(cls, flat_values, nested_row_splits, name=None, validate=True):
        if isinstance(nested_row_splits, Tensor):
            raise TypeError("nested_row_splits must be a list of Tensors")
        result = _values_tensor(flat_values)
        for splits in reversed(list(nested_row_splits)):
            result = cls.from_row_splits(result, splits, validate=validate)
        return result

    @classmethod
    def from_nested_row_lengths(cls, flat_values, nested_row_lengths, name=None, validate=True):
        result = _values_tensor(flat_values)
        for lengths in reversed(list(nested_row_lengths)):
            result = cls.from_row_lengths(result, lengths, validate=validate)
        return result

    @classmethod
    def from_nested_value_rowids(cls, flat_values, nested_value_rowids, nested_nrows=None, name=None,
                                 validate=True):
        ids = list(nested_value_rowids)
        nrows = list(nested_nrows) if nested_nrows is not None else [None] * len(ids)
        result = _values_tensor(flat_values)
        for rowids, n in reversed(list(zip(ids, nrows))):
            result = cls.from_value_rowids(result, rowids, n, validate=validate)
        return result

    @classmethod
    def from_tensor(cls, tensor, lengths=None, padding=None, ragged_rank=1, name=None, row_splits_dtype=_i64):
        t = convert_to_tensor(tensor)
        rank = t.shape.rank
        if rank < ragged_rank + 1:
            raise ValueError(f"ragged_rank must be less than the rank of tensor; got ragged_rank={ragged_rank} "
                             f"and tensor.shape.rank={rank}")
        dtype = _dt.as_dtype(row_splits_dtype)
        if ragged_rank > 1:   # fold the leading dims, make the rest ragged, then split the leading dims back
            inner = cls.from_tensor(array_ops.reshape(t, [-1] + t.shape.as_list()[2:]), lengths, padding,
                                    ragged_rank - 1, row_splits_dtype=dtype)
            n, m = t.shape[0], t.shape[1]
            return cls(inner, index_tensor(np.arange(n + 1) * m, dtype), internal=True)
        n, m = t.shape[0], t.shape[1]
        if padding is not None:
            pad = convert_to_tensor(padding, dtype=t.dtype)
            a, p = host(t), host(pad)
            is_pad = (a == p).reshape(n, m, -1).all(axis=2)
            keep = ~is_pad
            lens = np.where(keep.any(axis=1), m - np.argmax(keep[:, ::-1], axis=1), 0)
        elif lengths is not None:
            lens = np.minimum(host(convert_to_tensor(lengths)).reshape(-1), m)
        else:
            lens = np.full(n, m)
        mask = np.arange(m)[None, :] < np.asarray(lens)[:, None]
        flat = array_ops.reshape(t, [n * m] + t.shape.as_list()[2:])
        values = array_ops.gather(flat, index_tensor(np.flatnonzero(mask.reshape(-1))))
        splits = index_tensor(np.concatenate([[0], np.cumsum(lens)]), dtype)
        return cls(values, splits, internal=True)

    @classmethod
    def from_sparse(cls, st_input, name=None, row_splits_dtype=_i64):
        idx = host(st_input.indices)
        shape = host(st_input.dense_shape)
        if idx.shape[1] != 2:
            raise ValueError("rank(st_input) must be 2.")
        if idx.size and ((np.diff(idx[:, 0]) < 0).any() or not _ragged_right(idx)):
            raise _iae("SparseTensor is not right-ragged")
        return cls.from_value_rowids(st_input.values, index_tensor(idx[:, 0]), int(shape[0]), validate=False)

    # ---- partition accessors -----------------------------------------------------------------------------
    @property
    def values(self):
        return self._values

    @property
    def row_splits(self):
        return self._row_splits

    @property
    def flat_values(self):
        v = self._values
        while isinstance(v, RaggedTensor):
            v = v._values
        return v

    @property
    def nested_row_splits(self):
        out, rt = [], self
        while isinstance(rt, RaggedTensor):
            out.append(rt._row_splits)
            rt = rt._values
        return tuple(out)

    @property
    def ragged_rank(self):
        return len(self.nested_row_splits)

    @property
    def dtype(self):
        return self.flat_values.dtype

    @property
    def row_splits_dtype(self):
        return self._row_splits.dtype

    @property
    def uniform_row_length(self):
        w = getattr(self, "_uniform", None)
        return None if w is None else index_tensor(w, self.row_splits_dtype)

    def _nrows_dim(self):
        """The number of rows if statically known (inside a trace it may not be), else None."""
        n = self._row_splits.shape[0]
        return None if n is None else int(n) - 1

    def nrows_static(self):
        n = self._nrows_dim()
        if n is None:
            from ..graph.symbolic import ValueUnknownError
            raise ValueUnknownError("the number of rows of this RaggedTensor is only known when the graph runs")
        return n

    def nrows(self, out_type=None, name=None):
        dtype = _dt.as_dtype(out_type) if out_type else self.row_splits_dtype
        if self._nrows_dim() is None:
            return array_ops.shape(self._row_splits, out_type=dtype)[0] - 1
        return index_tensor(self.nrows_static(), dtype)

    def row_lengths(self, axis=1, name=None):
        if axis != 1:
            raise NotImplementedError("RaggedTensor.row_lengths(axis != 1) is not implemented yet in tfcompat")
        s = self._row_splits
        return s[1:] - s[:-1]

    def row_starts(self, name=None):
        return self._row_splits[:-1]

    def row_limits(self, name=None):
        return self._row_splits[1:]

    def value_rowids(self, name=None):
        lengths = np.diff(host(self._row_splits))
        return index_tensor(np.repeat(np.arange(lengths.size), lengths), self.row_splits_dtype)

    def nested_row_lengths(self, name=None):
        out, rt = [], self
        while isinstance(rt, RaggedTensor):
            out.append(rt.row_lengths())
            rt = rt._values
        return tuple(out)

    def nested_value_rowids(self, name=None):
        out, rt = [], self
        while isinstance(rt, RaggedTensor):
            out.append(rt.value_rowids())
            rt = rt._values
        return tuple(out)

    def bounding_shape(self, axis=None, name=None, out_type=None):
        dims = [self.nrows_static()]
        rt = self
        while isinstance(rt, RaggedTensor):
            lengths = np.diff(host(rt._row_splits))
            dims.append(int(lengths.max()) if lengths.size else 0)
            rt = rt._values
        dims += rt.shape.as_list()[1:]
        out = index_tensor(dims, _dt.as_dtype(out_type) if out_type else self.row_splits_dtype)
        return out if axis is None else out[axis]

    @property
    def shape(self):
        dims = [self._nrows_dim()]
        rt = self
        while isinstance(rt, RaggedTensor):
            dims.append(getattr(rt, "_uniform", None))
            rt = rt._values
        return TensorShape(dims + rt.shape.as_list()[1:])

    def get_shape(self):
        return self.shape

    # ---- building new ragged tensors from this one -------------------------------------------------------
    def with_values(self, new_values):
        out = RaggedTensor(_values_tensor(new_values), self._row_splits, internal=True)
        if hasattr(self, "_uniform"):
            out._uniform = self._uniform
        return out

    def with_flat_values(self, new_values):
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.with_flat_values(new_values))
        return self.with_values(new_values)

    def with_row_splits_dtype(self, dtype):
        dtype = _dt.as_dtype(dtype)
        v = self._values.with_row_splits_dtype(dtype) if isinstance(self._values, RaggedTensor) else self._values
        return RaggedTensor(v, array_ops.cast(self._row_splits, dtype), internal=True)

    def merge_dims(self, outer_axis, inner_axis):
        rank = self.shape.rank
        outer_axis, inner_axis = outer_axis % rank, inner_axis % rank
        if outer_axis > 0:
            v = self._values
            inner = v.merge_dims(outer_axis - 1, inner_axis - 1) if isinstance(v, RaggedTensor) \
                else _merge_dense(v, outer_axis - 1, inner_axis - 1)
            return self.with_values(inner)
        out = self
        for _ in range(inner_axis):
            v = out._values if isinstance(out, RaggedTensor) else out
            if not isinstance(out, RaggedTensor):
                out = _merge_dense(out, 0, 1)
            elif isinstance(v, RaggedTensor):
                out = RaggedTensor(v._values, array_ops.gather(v._row_splits, out._row_splits), internal=True)
            else:
                out = v
        return out

    def to_tensor(self, default_value=None, name=None, shape=None):
        from .ragged_ops import to_dense
        return to_dense(self, default_value, shape)

    def to_list(self):
        v = self._values
        rows = v.to_list() if isinstance(v, RaggedTensor) else np.asarray(v.numpy()).tolist()
        s = host(self._row_splits)
        return [rows[s[i]:s[i + 1]] for i in range(s.size - 1)]

    def numpy(self):
        v = self._values
        values = v.numpy() if isinstance(v, RaggedTensor) else np.asarray(v.numpy())
        s = host(self._row_splits)
        rows = [values[s[i]:s[i + 1]] for i in range(s.size - 1)]
        if not rows:
            return np.zeros((0, 0) + values.shape[1:], dtype=values.dtype)
        if any(len(r) != len(rows[0]) for r in rows):
            out = np.empty(len(rows), dtype=object)
            out[:] = rows
            return out
        return np.array(rows)

    def to_sparse(self, name=None):
        from .. import sparse
        rows = [np.asarray(i) for i in _dense_indices(self)]
        idx = np.stack(rows, axis=1) if rows else np.zeros((0, 2), np.int64)
        return sparse.SparseTensor(idx.astype(np.int64), self.flat_values,
                                   host(self.bounding_shape()).astype(np.int64))

    def consumers(self):
        return []

    # ---- Python protocol ---------------------------------------------------------------------------------
    def __repr__(self):
        if not all(isinstance(c, EagerTensor) for c in self._to_components()):  # a traced one: its parts
            return f"tf.RaggedTensor(values={self._values}, row_splits={self._row_splits})"
        with np.printoptions(formatter={"all": _formatter}):
            text = _formatter(self.numpy())
        return f"<tf.RaggedTensor {text}>"

    __str__ = __repr__

    def __bool__(self):
        raise TypeError("RaggedTensor may not be used as a boolean.")

    def __hash__(self):
        raise TypeError("RaggedTensor is unhashable.")

    def __iter__(self):
        return (self[i] for i in range(self.nrows_static()))

    def __getitem__(self, key):
        from .ragged_getitem import getitem
        return getitem(self, key)

    def _watch_on(self, tape):
        tape.watch(self.flat_values)

    def _gradient_components(self):
        return self.flat_values

    def _replace_gradient_components(self, grad):
        return self.with_flat_values(grad)

    # ---- composite tensor protocol (tf.function arguments and results, graph nodes) -----------------------
    @property
    def _type_spec(self):
        from .ragged_ops import RaggedTensorSpec
        return RaggedTensorSpec(self.shape, self.dtype, self.ragged_rank, self.row_splits_dtype)

    def _to_components(self):
        """flat_values, then the row splits from the outermost level in (TF's component order)."""
        return [self.flat_values] + list(self.nested_row_splits)

    def __tf_flatten__(self):
        return self.nested_row_splits, self.flat_values


def _formatter(x):
    """TF's text of a value: numpy's text with comma separators, and `[[], []]` for empty arrays."""
    if isinstance(x, np.ndarray):
        return np.array2string(x, separator=", ") if x.size else repr(x.tolist())
    return str(x)


def _merge_dense(t, a, b):
    s = t.shape.as_list()
    return array_ops.reshape(t, s[:a] + [-1] + s[b + 1:])


def _ragged_right(idx):
    rows, cols = idx[:, 0], idx[:, 1]
    first = np.ones(rows.size, bool)
    first[1:] = rows[1:] != rows[:-1]
    return bool(((cols == 0) | (~first & (cols == np.concatenate([[0], cols[:-1] + 1])))).all())


def _dense_indices(rt):
    """Per flat value, its index along each dimension (the coordinates of a SparseTensor)."""
    if not isinstance(rt, RaggedTensor):
        return [np.arange(rt.shape[0])]
    inner = _dense_indices(rt._values)
    s = host(rt._row_splits)
    rowids = np.repeat(np.arange(s.size - 1), np.diff(s))
    pos = np.arange(s[-1]) - s[rowids]
    return [rowids[inner[0]], pos[inner[0]]] + inner[1:]


def is_ragged(x):
    return isinstance(x, RaggedTensor)
