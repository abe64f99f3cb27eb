"""Element structures of datasets: converting nested inputs to tensors, their TensorSpecs, and DatasetSpec."""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx
from ..framework.convert import convert_to_tensor
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape
from ..graph.tensor_spec import TensorSpec
from ..util import nest
from ..util.export import tf_export

__all__ = ["DatasetSpec", "normalize", "spec_of", "batched_spec", "backend_of", "stack", "is_dataset"]


@tf_export("data.DatasetSpec")
class DatasetSpec:
    """The type of a dataset-valued element (`window`): its element_spec and its (always scalar) shape."""

    def __init__(self, element_spec, dataset_shape=()):
        self._element_spec = element_spec
        self._shape = TensorShape(dataset_shape)

    element_spec = property(lambda self: self._element_spec)
    shape = property(lambda self: self._shape)

    def __eq__(self, other):
        return type(other) is DatasetSpec and other._element_spec == self._element_spec and other._shape == self._shape

    def __hash__(self):
        return hash(repr(self))

    def __repr__(self):
        return f"DatasetSpec({self._element_spec!r}, {self._shape!r})"


def is_dataset(x):
    from .dataset import DatasetV2
    return isinstance(x, DatasetV2)


def normalize(value):
    """The nested structure of `value` with every leaf a tensor (tuples and dicts are structure, lists are not)."""
    if is_dataset(value):
        return value
    if isinstance(value, tuple):
        items = [normalize(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        return {k: normalize(value[k]) for k in value}
    return convert_to_tensor(value)


def spec_of(x):
    """The spec of one leaf (a tensor or a dataset)."""
    if is_dataset(x):
        return DatasetSpec(x.element_spec)
    return TensorSpec(x.shape, x.dtype)


def batched_spec(spec, size):
    """`spec` with a leading dimension of `size` (None: unknown)."""
    return TensorSpec(TensorShape([size]).concatenate(spec.shape), spec.dtype)


def unbatched_spec(spec):
    shape = spec.shape
    return TensorSpec(None if shape.rank is None else shape[1:], spec.dtype)


def backend_of(dtype):
    """The backend holding tensors of `dtype` (strings always live on the numpy host)."""
    return ctx.host if dtype is _dt.string else ctx.backend


def stack(tensors, dtype):
    """One tensor stacking same-shaped tensors along a new axis 0."""
    if dtype is _dt.string:
        return EagerTensor(np.stack([t._data for t in tensors]) if tensors else np.zeros((0,), object), dtype)
    return EagerTensor(ctx.backend.stack([t._data for t in tensors], 0), dtype)


def shape_text(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"
