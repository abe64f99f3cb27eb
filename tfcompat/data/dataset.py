"""`tf.data.Dataset` (DatasetV2): a lazy, re-iterable stream of nested elements. Each subclass yields flat lists
of eager tensors from `_iter()` (a fresh Python generator per pass) and knows its `_card()`inality."""
import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx
from ..framework.convert import convert_to_tensor
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import EagerTensor, Tensor
from ..graph.symbolic import SymbolicTensor
from ..util import nest
from ..util.export import tf_export

__all__ = ["DatasetV2", "INFINITE", "UNKNOWN", "AUTOTUNE", "int64_arg"]

INFINITE, UNKNOWN, AUTOTUNE = -1, -2, -1
tf_export("data.INFINITE_CARDINALITY", "data.experimental.INFINITE_CARDINALITY")(INFINITE)
tf_export("data.UNKNOWN_CARDINALITY", "data.experimental.UNKNOWN_CARDINALITY")(UNKNOWN)
tf_export("data.AUTOTUNE", "data.experimental.AUTOTUNE")(AUTOTUNE)


def int64_arg(value):
    """A Python int from an int64-convertible argument (TF's TypeError for floats); None when only known at
    run time (a symbolic tensor, while a function is being traced)."""
    if isinstance(value, SymbolicTensor):
        return None
    if isinstance(value, Tensor):
        return int(value.numpy())
    return int(convert_to_tensor(value, _dt.int64).numpy())


def _positive(value, op, message):
    n = int64_arg(value)
    if n is not None and n <= 0:
        raise op_error(InvalidArgumentError, op, message)
    return n


@tf_export("data.Dataset")
class DatasetV2:
    """Base of every dataset; the transformations build new datasets and never run anything."""

    _spec = None

    # ---- what subclasses provide ----
    def _iter(self):
        raise NotImplementedError

    def _card(self):
        return UNKNOWN

    def _index_source(self):
        """(flat tensors, a function giving a fresh iterator of row indices) when each element is row i of
        those tensors, so batches can gather rows at once; None otherwise."""
        return None

    # ---- Python protocol ----
    @property
    def element_spec(self):
        return self._spec

    def _flat_specs(self):
        return nest.flatten(self._spec)

    def __iter__(self):
        from .iterators import OwnedIterator
        return OwnedIterator(self)

    def __bool__(self):
        return True

    def __len__(self):
        n = self._card()
        if n == INFINITE:
            raise TypeError("The dataset is infinite.")
        if n == UNKNOWN:
            raise TypeError("The dataset length is unknown.")
        return n

    def __repr__(self):
        return f"<{type(self).__name__} element_spec={self._spec!r}>"

    __str__ = __repr__

    def _pack(self, flat):
        return nest.pack_sequence_as(self._spec, flat)

    def cardinality(self):
        return EagerTensor(_host_int64(self._card()), _dt.int64)

    def as_numpy_iterator(self):
        from .iterators import NumpyIterator
        return NumpyIterator(self)

    def options(self):
        from .options import Options
        return Options()

    def with_options(self, options, name=None):
        return self

    # ---- sources ----
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        return _s._TensorSliceDataset(tensors)

    @staticmethod
    def from_tensors(tensors, name=None):
        return _s._TensorDataset(tensors)

    @staticmethod
    def range(*args, output_type=_dt.int64, name=None):
        return _s._RangeDataset(args, output_type)

    @staticmethod
    def zip(*args, datasets=None, name=None):
        if datasets is None:
            datasets = args[0] if len(args) == 1 else args
        return _s._ZipDataset(datasets)

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None, output_signature=None,
                       name=None):
        return _s.from_generator(generator, output_types, output_shapes, args, output_signature)

    @staticmethod
    def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=True):
        return _s._DirectedInterleaveDataset(datasets, choice_dataset, stop_on_empty_dataset)

    @staticmethod
    def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False,
                             rerandomize_each_iteration=None):
        return _s.sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset)

    # ---- transformations ----
    def map(self, map_func, num_parallel_calls=None, deterministic=None, synchronous=None, use_unbounded_threadpool=False,
            name=None):
        return _t._MapDataset(self, map_func, parallel=num_parallel_calls is not None)

    def filter(self, predicate, name=None):
        return _t._FilterDataset(self, predicate)

    def flat_map(self, map_func, name=None):
        return _t._FlatMapDataset(self, map_func)

    def interleave(self, map_func, cycle_length=None, block_length=None, num_parallel_calls=None,
                   deterministic=None, name=None):
        return _t._InterleaveDataset(self, map_func, cycle_length, block_length)

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None, deterministic=None, name=None):
        size = _positive(batch_size, "BatchDatasetV2", "Batch size must be greater than zero.")
        return _t._BatchDataset(self, size, bool(drop_remainder))

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False, name=None):
        size = _positive(batch_size, "PaddedBatchDatasetV2", "Batch size must be greater than zero.")
        return _t._PaddedBatchDataset(self, size, padded_shapes, padding_values, bool(drop_remainder))

    def unbatch(self, name=None):
        return _t._UnbatchDataset(self)

    def rebatch(self, batch_size, drop_remainder=False, name=None):
        size = _positive(batch_size, "RebatchDatasetV2", "Batch size must be greater than zero.")
        return _t._RebatchDataset(self, size, bool(drop_remainder))

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        size = int64_arg(buffer_size)
        if size is not None and size <= 0 and size != UNKNOWN:
            raise op_error(InvalidArgumentError, "ShuffleDatasetV3",
                           "buffer_size must be greater than zero or UNKNOWN_CARDINALITY")
        return _t._ShuffleDataset(self, size, seed, reshuffle_each_iteration)

    def repeat(self, count=None, name=None):
        return _t._RepeatDataset(self, -1 if count is None else int64_arg(count))

    def take(self, count, name=None):
        return _t._TakeDataset(self, int64_arg(count))

    def skip(self, count, name=None):
        return _t._SkipDataset(self, int64_arg(count))

    def prefetch(self, buffer_size, name=None):
        int64_arg(buffer_size)
        return _t._PrefetchDataset(self)

    def cache(self, filename="", name=None):
        return _t.CacheDataset(self, filename)

    def enumerate(self, start=0, name=None):
        return _s._ZipDataset((_t._CounterDataset(int64_arg(start)), self))

    def concatenate(self, dataset, name=None):
        return _t._ConcatenateDataset(self, dataset)

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        return _t._WindowDataset(self, int64_arg(size), int64_arg(size if shift is None else shift),
                                 int64_arg(stride), bool(drop_remainder))

    def scan(self, initial_state, scan_func, name=None):
        return _t._ScanDataset(self, initial_state, scan_func)

    def take_while(self, predicate, name=None):
        return _t._TakeWhileDataset(self, predicate)

    def shard(self, num_shards, index, name=None):
        return _t._ShardDataset(self, int64_arg(num_shards), int64_arg(index))

    def unique(self, name=None):
        return _t._UniqueDataset(self)

    def ignore_errors(self, log_warning=False, name=None):
        return _t._IgnoreErrorsDataset(self)

    def apply(self, transformation_func):
        return transformation_func(self)

    # ---- consumers ----
    def reduce(self, initial_state, reduce_func, name=None):
        return _t.reduce(self, initial_state, reduce_func)

    def get_single_element(self, name=None):
        it = self._iter()
        first = next(it, None)
        if first is None:
            raise op_error(InvalidArgumentError, "DatasetToSingleElement", "Dataset was empty.")
        if next(it, None) is not None:
            raise op_error(InvalidArgumentError, "DatasetToSingleElement", "Dataset had more than one element.")
        return self._pack(first)


def _host_int64(n):
    return ctx.backend.from_numpy(np.array(n, np.int64), None)


from . import sources as _s, transforms as _t  # noqa: E402 (the subclasses need DatasetV2 defined first)
