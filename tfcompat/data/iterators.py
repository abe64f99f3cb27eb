"""Iterators over datasets: `iter(ds)` (an OwnedIterator of eager tensors) and `as_numpy_iterator()`."""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx, current_device, local
from ..framework.errors import OutOfRangeError, op_error
from ..graph.tensor_spec import TensorSpec
from ..util import nest
from ..util.export import tf_export

__all__ = ["OwnedIterator", "NumpyIterator"]


def _zeros(spec):
    """A trace-time stand-in for an element of `spec` (unknown dims 1)."""
    shape = tuple(1 if d is None else d for d in spec.shape.as_list())
    if spec.dtype is _dt.string:
        return np.full(shape, b"", object)
    return ctx.backend.full(shape, 0, spec.dtype.name, current_device())


@tf_export("data.Iterator")
class IteratorBase:
    """Base of dataset iterators (`tf.data.Iterator`)."""


class OwnedIterator(IteratorBase):
    """One pass over a dataset, yielding its elements as eager tensors."""

    def __init__(self, dataset):
        self._dataset = dataset
        self._it = dataset._iter()
        self._graph = local.graph  # an iterator made while tracing is consumed by the trace (loops unroll)

    element_spec = property(lambda self: self._dataset.element_spec)

    def __iter__(self):
        return self

    def __next__(self):
        if local.graph is not None and local.graph is not self._graph:
            return self._staged_next()
        flat = next(self._it)
        return self._dataset._pack(flat)

    def _staged_next(self):
        """Inside a traced function: an IteratorGetNext node that advances this iterator at every run, as TF's
        (the trace itself consumes nothing; zeros of the element spec stand in for its value)."""
        from ..graph.graph import record_call
        specs = nest.flatten(self._dataset._spec)
        if any(not isinstance(s, TensorSpec) for s in specs):
            raise NotImplementedError("next() on a dataset iterator of composite elements inside a tf.function "
                                      "is not implemented yet in tfcompat")

        def eager():
            try:
                return tuple(next(self._it))
            except StopIteration:
                raise op_error(OutOfRangeError, "IteratorGetNext", "End of sequence") from None
        run = (lambda: eager()[0]._data) if len(specs) == 1 else (lambda: tuple(t._data for t in eager()))
        outs = record_call("IteratorGetNext", eager, (), [s.dtype for s in specs], [_zeros(s) for s in specs],
                           varying=True, shapes=[s.shape for s in specs], run=run)
        return self._dataset._pack(list(outs))

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
