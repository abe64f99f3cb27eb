"""Iterators over datasets: `iter(ds)` (an OwnedIterator of eager tensors) and `as_numpy_iterator()`."""
from ..framework.errors import OutOfRangeError, op_error
from ..util import nest
from ..util.export import tf_export

__all__ = ["OwnedIterator", "NumpyIterator"]


@tf_export("data.Iterator")
class IteratorBase:
    """Base of dataset iterators (`tf.data.Iterator`)."""


class OwnedIterator(IteratorBase):
    """One pass over a dataset, yielding its elements as eager tensors."""

    def __init__(self, dataset):
        self._dataset = dataset
        self._it = dataset._iter()

    element_spec = property(lambda self: self._dataset.element_spec)

    def __iter__(self):
        return self

    def __next__(self):
        flat = next(self._it)
        return self._dataset._pack(flat)

    def get_next(self):
        try:
            return next(self)
        except StopIteration:
            raise op_error(OutOfRangeError, "IteratorGetNext", "End of sequence") from None

    def get_next_as_optional(self):
        raise NotImplementedError("Iterator.get_next_as_optional is not implemented yet in tfcompat")


@tf_export("data.NumpyIterator")
class NumpyIterator:
    """One pass over a dataset, yielding NumPy values (bytes for strings) in the element structure."""

    def __init__(self, dataset):
        self._iterator = OwnedIterator(dataset)

    def __iter__(self):
        return self

    def __next__(self):
        return nest.map_structure(_numpy, next(self._iterator))

    next = __next__

    def __repr__(self):
        return f"NumpyIterator(iterator={self._iterator!r})"


def _numpy(x):
    return x.as_numpy_iterator() if hasattr(x, "as_numpy_iterator") else x.numpy()
