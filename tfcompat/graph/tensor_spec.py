"""`tf.TensorSpec`: the dtype and (partial) shape a tf.function argument or result must have."""
from ..framework import dtypes as _dt
from ..framework.tensor_shape import TensorShape
from ..util.export import tf_export

__all__ = ["TensorSpec"]


@tf_export("TensorSpec")
class TensorSpec:
    """Describes a tensor: shape (None dims and unknown rank allowed), dtype, optional name."""

    __slots__ = ("_shape", "_dtype", "_name")

    def __init__(self, shape, dtype=_dt.float32, name=None):
        self._shape = TensorShape(shape)
        self._dtype = _dt.as_dtype(dtype)
        self._name = name

    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    name = property(lambda self: self._name)

    @classmethod
    def from_tensor(cls, tensor, name=None):
        return cls(tensor.shape, tensor.dtype, name)

    def is_compatible_with(self, other):
        if isinstance(other, TensorSpec):
            return self._dtype == other._dtype and self._shape.is_compatible_with(other._shape)
        dtype, shape = getattr(other, "dtype", None), getattr(other, "shape", None)
        return dtype == self._dtype and shape is not None and self._shape.is_compatible_with(shape)

    def most_specific_common_supertype(self, others):
        shape = self._shape
        for o in others:
            if o._dtype != self._dtype or o._shape.rank != shape.rank:
                return None
            if shape.rank is not None:
                shape = TensorShape([a if a == b else None for a, b in zip(shape.as_list(), o._shape.as_list())])
        return TensorSpec(shape, self._dtype, self._name)

    def __eq__(self, other):
        return (type(other) is TensorSpec and self._dtype == other._dtype and self._name == other._name
                and self._shape._dims == other._shape._dims)

    def __hash__(self):
        return hash((self._dtype, self._name, self._shape._dims))

    def __repr__(self):
        name = "None" if self._name is None else repr(self._name)
        return f"TensorSpec(shape={self._shape}, dtype=tf.{self._dtype.name}, name={name})"
