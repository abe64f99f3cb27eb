"""`tf.SparseTensor` (COO: int64 indices [N, rank], values [N], int64 dense_shape [rank]) and
`tf.SparseTensorSpec`. Storage stays sparse; the ops live in `sparse_ops`."""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor
from ..framework.tensor_shape import TensorShape
from ..util.export import tf_export

_i64 = _dt.int64


def _component(value, name, dtype=None):
    """A component converted as TF does, with its name prefixed to dtype-mismatch errors."""
    try:
        return convert_to_tensor(value, dtype)
    except ValueError as e:
        if str(e).startswith("Tensor conversion requested"):
            raise ValueError(f"{name}: {e}") from None
        raise


def _with_rank(shape, rank):
    if len(shape) != rank:
        raise ValueError(f"Shape {TensorShape(list(shape))} must have rank {rank}")


def _compatible(a, b):
    if a is not None and b is not None and a != b:
        raise ValueError(f"Dimensions {a} and {b} are not compatible")


def host(t):
    """A tensor's value as a numpy array (index arithmetic is done on the host, as TF's CPU kernels do)."""
    return np.asarray(t._numpy())


@tf_export("SparseTensor", "sparse.SparseTensor")
class SparseTensor:
    """A sparse tensor: `values[i]` sits at `indices[i]` of a tensor of shape `dense_shape`; the rest is zero."""

    _is_tensor_like = True

    def __init__(self, indices, values, dense_shape):
        indices = _component(indices, "indices", _i64)
        values = _component(values, "values")
        dense_shape = _component(dense_shape, "dense_shape", _i64)
        ishape, vshape, sshape = indices.shape.as_list(), values.shape.as_list(), dense_shape.shape.as_list()
        _with_rank(ishape, 2)
        _with_rank(vshape, 1)
        _with_rank(sshape, 1)
        _compatible(ishape[0], vshape[0])
        _compatible(ishape[1], sshape[0])
        self._indices, self._values, self._dense_shape = indices, values, dense_shape

    @classmethod
    def from_value(cls, value):
        if isinstance(value, SparseTensor):
            return cls(value._indices, value._values, value._dense_shape)
        return cls(value.indices, value.values, value.dense_shape)

    indices = property(lambda self: self._indices)
    values = property(lambda self: self._values)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)

    @property
    def shape(self):
        """The static shape: dense_shape's value, negative (unknown) entries as None."""
        rank = self._dense_shape.shape.as_list()[0]
        try:
            dims = host(self._dense_shape).tolist()
        except Exception:  # a traced dense_shape without a known value: the shape of the trace's spec
            hint = getattr(self, "_shape_hint", None)
            return hint if hint is not None else TensorShape([None] * rank if rank is not None else None)
        return TensorShape([d if d >= 0 else None for d in dims])

    def get_shape(self):
        return self.shape

    def set_shape(self, shape):
        if not self.shape.is_compatible_with(TensorShape(shape)):
            raise ValueError(f"Tensor's shape {self.shape} is not compatible with supplied shape {TensorShape(shape)}.")

    # ---- tapes: watching one watches its values; it cannot be a gradient source (TF's rules) ----
    def _watch_on(self, tape):
        tape.watch(self.values)

    def _tape_ids(self, tape):
        raise ValueError("Type SparseTensor is not supported as a gradient source or gradient target.")

    def with_values(self, new_values):
        """This SparseTensor's indices and dense_shape with other values."""
        return SparseTensor(self._indices, new_values, self._dense_shape)

    @property
    def _type_spec(self):
        return SparseTensorSpec(self.shape, self.dtype)

    def _to_components(self):
        return [self._indices, self._values, self._dense_shape]

    def consumers(self):
        return []

    def _numpy(self):
        from .sparse_ops import to_dense
        return to_dense(self, validate_indices=False)._numpy()

    def __repr__(self):
        return (f"SparseTensor(indices={self._indices!s}, values={self._values!s}, "
                f"dense_shape={self._dense_shape!s})")

    __str__ = __repr__

    def __mul__(self, other):
        from .sparse_ops import cwise_mul
        return cwise_mul(self, other)

    def __truediv__(self, other):
        from .sparse_ops import cwise_div
        return cwise_div(self, other)

    __div__ = __truediv__


@tf_export("SparseTensorSpec")
class SparseTensorSpec:
    """The type of a SparseTensor: its static shape and values dtype."""

    __slots__ = ("_shape", "_dtype")

    def __init__(self, shape=None, dtype=_dt.float32):
        self._shape = TensorShape(shape)
        self._dtype = _dt.as_dtype(dtype)

    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    value_type = property(lambda self: SparseTensor)

    @classmethod
    def from_value(cls, value):
        return cls(value.shape, value.dtype)

    # ---- composite protocol: how tf.function passes a SparseTensor (indices, values, dense_shape) ----------
    @property
    def _component_specs(self):
        from ..graph.tensor_spec import TensorSpec
        rank = self._shape.rank
        return [TensorSpec([None, rank], _i64), TensorSpec([None], self._dtype), TensorSpec([rank], _i64)]

    def _from_components(self, components):
        out = SparseTensor.__new__(SparseTensor)
        out._indices, out._values, out._dense_shape = components
        out._shape_hint = self._shape
        return out

    def most_specific_common_supertype(self, others):
        shape = self._shape
        for o in others:
            if type(o) is not SparseTensorSpec or o._dtype != self._dtype or o._shape.rank != shape.rank:
                return None
            if shape.rank is not None:
                shape = TensorShape([a if a == b else None for a, b in zip(shape.as_list(), o._shape.as_list())])
        return SparseTensorSpec(shape, self._dtype)

    def _trace_examples(self, arrays, made_up, resize, to_numpy, from_numpy):
        """Example component arrays for a trace; the second example has one more entry (the last repeated)."""
        indices, values, dense_shape = arrays
        if made_up:
            dims = [2 if d is None else d for d in (self._shape.as_list() if self._shape.rank is not None else [])]
            dense_shape = from_numpy(np.asarray(dims, np.int64))
            indices = from_numpy(np.zeros((int(values.shape[0]), len(dims)), np.int64))
        n = int(values.shape[0]) + 1
        return [(indices, resize(indices, (n,) + tuple(indices.shape[1:]))), (values, resize(values, (n,))),
                (dense_shape, None)]

    def is_compatible_with(self, other):
        if isinstance(other, SparseTensor):
            other = other._type_spec
        return (isinstance(other, SparseTensorSpec) and self._dtype == other._dtype
                and self._shape.is_compatible_with(other._shape))

    def __eq__(self, other):
        return (type(other) is SparseTensorSpec and self._dtype == other._dtype
                and self._shape._dims == other._shape._dims)

    def __hash__(self):
        return hash((self._dtype, self._shape._dims))

    def __repr__(self):
        return f"SparseTensorSpec({self._shape!r}, tf.{self._dtype.name})"
