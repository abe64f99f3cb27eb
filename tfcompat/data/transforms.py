"""Transformations of datasets: each a lazy dataset over its input, streaming one element at a time (batches of
row slices are gathered at once when the input is a shuffled/sliced view of in-memory tensors)."""
import itertools
import os
import pickle
from collections import deque

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx
from ..framework.convert import make_tensor
from ..framework.errors import DataLossError, InvalidArgumentError, OpError, op_error
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape
from ..graph.function import function
from ..graph.tensor_spec import TensorSpec
from ..ops.random_ops import get_seed
from ..util import nest
from .dataset import INFINITE, UNKNOWN, DatasetV2, int64_arg
from .functions import TracedFunction, call_args
from .structure import (DatasetSpec, backend_of, batched_spec, is_dataset, normalize, shape_text, spec_of, stack,
                        unbatched_spec)
from .sources import row

__all__ = ["reduce"]


def _known(card, fn):
    """fn(card) for a finite cardinality; INFINITE and UNKNOWN pass through."""
    return card if card < 0 else fn(card)


class _Unary(DatasetV2):
    """A transformation of one input dataset keeping its element_spec unless it sets its own."""

    def __init__(self, input_dataset):
        self._input = input_dataset
        self._spec = input_dataset.element_spec

    def _card(self):
        return self._input._card()

    def _iter(self):
        return self._input._iter()


# ---- functions of elements ----
class _MapDataset(_Unary):
    """map: the traced function applied to every element."""

    def __init__(self, input_dataset, fn, parallel=False):
        super().__init__(input_dataset)
        self._fn = TracedFunction(fn, self._spec)
        self._spec = self._fn.output_spec
        self._display = "_ParallelMapDataset" if parallel else "_MapDataset"

    def __repr__(self):
        return f"<{self._display} element_spec={self._spec!r}>"

    __str__ = __repr__

    def _apply(self, flat):
        return self._fn(flat)

    def _iter(self):
        fn = self._fn
        for flat in self._input._iter():
            yield fn(flat)


def _predicate(fn, spec):
    traced = TracedFunction(fn, spec)
    out = traced.output_spec
    if not (isinstance(out, TensorSpec) and out.dtype is _dt.bool_ and out.shape.rank == 0):
        raise ValueError("Invalid `predicate`. `predicate` must return a `tf.bool` scalar tensor, but its return "
                         f"type is {out!r}.")
    return traced


class _FilterDataset(_Unary):
    """filter: the elements whose traced predicate is True."""

    def __init__(self, input_dataset, predicate):
        super().__init__(input_dataset)
        self._predicate = _predicate(predicate, self._spec)

    def _card(self):
        return UNKNOWN

    def _apply(self, flat):
        return flat if bool(self._predicate(flat)[0].numpy()) else None

    def _iter(self):
        keep = self._predicate
        for flat in self._input._iter():
            if keep(flat)[0].numpy():
                yield flat


class _TakeWhileDataset(_FilterDataset):
    """take_while: elements up to the first whose predicate is False."""

    def _iter(self):
        keep = self._predicate
        for flat in self._input._iter():
            if not keep(flat)[0].numpy():
                return
            yield flat


class _SpecDataset(DatasetV2):
    """Stands for a dataset argument while a dataset-returning function is traced: only its spec is known."""

    def __init__(self, spec):
        self._spec = spec


def _dataset_function(fn, spec):
    """The element_spec of the datasets `fn` returns, from one trace on the element structure."""
    made = []

    def probe(*args):
        ds = fn(*args)
        if not is_dataset(ds):
            raise TypeError(f"The `map_func` argument must return a `Dataset` object. Got {type(ds)!r}.")
        made.append(ds)

    leaves = nest.map_structure(lambda s: _SpecDataset(s.element_spec) if isinstance(s, DatasetSpec) else s, spec)
    function(probe).get_concrete_function(*call_args(leaves))
    return made[0].element_spec


class _FlatMapDataset(_Unary):
    """flat_map: the elements of the dataset the function returns for each element, one after another."""

    def __init__(self, input_dataset, fn):
        super().__init__(input_dataset)
        self._fn = fn
        self._spec = _dataset_function(fn, self._spec)

    def _card(self):
        return UNKNOWN

    def _open(self, flat):
        return self._fn(*call_args(self._input._pack(flat)))._iter()

    def _iter(self):
        for flat in self._input._iter():
            yield from self._open(flat)


class _InterleaveDataset(_FlatMapDataset):
    """interleave: `cycle_length` of those datasets at once, `block_length` elements from each in turn."""

    def __init__(self, input_dataset, fn, cycle_length, block_length):
        super().__init__(input_dataset, fn)
        cycle = None if cycle_length is None else int64_arg(cycle_length)
        self._cycle = (os.cpu_count() or 1) if cycle is None or cycle == -1 else cycle
        self._block = 1 if block_length is None else int64_arg(block_length)

    def _iter(self):
        inputs, done = self._input._iter(), False
        slots = [None] * self._cycle
        i = 0
        while not done or any(s is not None for s in slots):
            if slots[i] is None and not done:
                flat = next(inputs, None)
                if flat is None:
                    done = True
                else:
                    slots[i] = self._open(flat)
            if slots[i] is not None:
                for _ in range(self._block):
                    item = next(slots[i], None)
                    if item is None:
                        slots[i] = None
                        break
                    yield item
            i = (i + 1) % self._cycle


class _ScanDataset(_Unary):
    """scan: a state threaded through the elements; the function returns (new state, output element)."""

    def __init__(self, input_dataset, initial_state, fn):
        super().__init__(input_dataset)
        state = normalize(initial_state)
        self._state = nest.flatten(state)
        self._state_spec = nest.map_structure(spec_of, state)
        self._fn = TracedFunction(fn, (self._state_spec, self._spec))
        new_state, out = self._fn.output_spec
        self._n_state = len(nest.flatten(new_state))
        self._spec = out

    def _iter(self):
        state = self._state
        for flat in self._input._iter():
            result = self._fn(state + flat)
            state, out = result[:self._n_state], result[self._n_state:]
            yield out


def reduce(dataset, initial_state, fn):
    """Dataset.reduce: the state after folding every element into it with the traced function."""
    state_value = normalize(initial_state)
    state = nest.flatten(state_value)
    spec = nest.map_structure(spec_of, state_value)
    traced = TracedFunction(fn, (spec, dataset.element_spec))
    for flat in dataset._iter():
        state = traced(state + flat)
    return nest.pack_sequence_as(traced.output_structure if state else spec, state)


# ---- batching ----
def _batch_card(card, size, drop):
    return _known(card, lambda c: c // size if drop else -(-c // size))


def _check_shapes(batch):
    first = batch[0]
    for j, t in enumerate(first):
        shape = tuple(t._data.shape)
        for k, other in enumerate(batch[1:], 1):
            if tuple(other[j]._data.shape) != shape:
                raise op_error(InvalidArgumentError, "IteratorGetNext",
                               f"Cannot batch tensors with different shapes in component {j}. First element had "
                               f"shape {shape_text(shape)} and element {k} had shape "
                               f"{shape_text(other[j]._data.shape)}.")


def _chunks(it, size, drop_remainder):
    """Lists of `size` consecutive elements of `it` (a short last one unless `drop_remainder`)."""
    while True:
        batch = list(itertools.islice(it, size))
        if not batch or (drop_remainder and len(batch) < size):
            return
        yield batch


def _stack_batch(batch, specs):
    _check_shapes(batch)
    return [stack([b[j] for b in batch], s.dtype) for j, s in enumerate(specs)]


class _BatchDataset(_Unary):
    """batch: consecutive elements stacked along a new axis 0 (rows gathered at once from in-memory inputs)."""

    def __init__(self, input_dataset, size, drop):
        super().__init__(input_dataset)
        self._size, self._drop = size, drop
        self._spec = nest.map_structure(lambda s: batched_spec(s, size if drop else None), self._spec)

    def _card(self):
        return _batch_card(self._input._card(), self._size, self._drop)

    def _iter(self):
        source = self._input._index_source()
        if source is not None:
            return self._gathered(*source)
        return self._stacked()

    def _stacked(self):
        specs = self._input._flat_specs()
        for batch in _chunks(self._input._iter(), self._size, self._drop):
            yield _stack_batch(batch, specs)

    def _gathered(self, tensors, indices):
        it, size = indices(), self._size
        b = ctx.backend
        while True:
            idx = np.fromiter(itertools.islice(it, size), np.int64)
            if not idx.size or (self._drop and idx.size < size):
                return
            native = b.from_numpy(idx, None)
            yield [EagerTensor(np.take(t._data, idx, 0) if t._dtype is _dt.string else b.gather(t._data, native, 0),
                               t._dtype) for t in tensors]


class _PaddedBatchDataset(_BatchDataset):
    """padded_batch: like batch, each component padded to `padded_shapes` (unknown dims: the batch's longest)."""

    def __init__(self, input_dataset, size, padded_shapes, padding_values, drop):
        _Unary.__init__(self, input_dataset)
        self._size, self._drop = size, drop
        specs = self._spec
        if padded_shapes is None:  # every dimension padded to the batch's longest
            padded_shapes = nest.map_structure(
                lambda s: TensorShape(None if s.shape.rank is None else [None] * s.shape.rank), specs)
        shapes = _flatten_shapes(specs, padded_shapes)
        self._shapes = [TensorShape(s) if not isinstance(s, TensorShape) else s for s in shapes]
        flat_specs = nest.flatten(specs)
        if padding_values is None:
            self._values = [b"" if s.dtype is _dt.string else 0 for s in flat_specs]
        else:
            values = _flatten_shapes(specs, padding_values)
            self._values = [v.numpy() if hasattr(v, "numpy") else v for v in values]
        size_dim = size if drop else None
        self._spec = nest.pack_sequence_as(
            specs, [TensorSpec(TensorShape([size_dim]).concatenate(_merge(s.shape, p)), s.dtype)
                    for s, p in zip(flat_specs, self._shapes)])

    def _iter(self):
        return self._padded()

    def _padded(self):
        specs = self._input._flat_specs()
        for batch in _chunks(self._input._iter(), self._size, self._drop):
            yield [self._pad_component([b[j] for b in batch], s.dtype, self._shapes[j], self._values[j])
                   for j, s in enumerate(specs)]

    def _pad_component(self, tensors, dtype, target, value):
        shapes = [tuple(t._data.shape) for t in tensors]
        rank = len(shapes[0])
        dims = target.as_list() if target.rank is not None else [None] * rank
        full = [max(s[a] for s in shapes) if d is None or d == -1 else d for a, d in enumerate(dims)]
        b = backend_of(dtype)
        out = []
        for t, s in zip(tensors, shapes):
            if any(n < m for n, m in zip(full, s)):
                raise op_error(DataLossError, "IteratorGetNext",
                               "Attempted to pad to a smaller size than the input element.")
            if dtype is _dt.string:
                padded = np.full(full, value, dtype=object)
                padded[tuple(slice(0, m) for m in s)] = t._data
            else:
                padded = b.pad(t._data, tuple((0, n - m) for n, m in zip(full, s)), "constant", value)
            out.append(EagerTensor(padded, dtype))
        return stack(out, dtype)


def _flatten_shapes(specs, shapes):
    """The leaves of `shapes` matched against the structure of `specs` (a shape or value at each spec leaf)."""
    if isinstance(specs, TensorSpec):
        return [shapes]
    if isinstance(specs, dict):
        return [v for k in sorted(specs) for v in _flatten_shapes(specs[k], shapes[k])]
    return [v for s, x in zip(specs, shapes) for v in _flatten_shapes(s, x)]


def _merge(spec_shape, padded):
    dims = [None if d == -1 else d for d in (padded.as_list() if padded.rank is not None else [])]
    return TensorShape(dims) if padded.rank is not None else spec_shape


class _UnbatchDataset(_Unary):
    """unbatch: the rows of every element, one by one."""

    def __init__(self, input_dataset):
        super().__init__(input_dataset)
        flat = nest.flatten(self._spec)
        if any(s.shape.rank == 0 for s in flat):
            raise ValueError("Cannot unbatch an input with scalar components.")
        self._spec = nest.map_structure(unbatched_spec, self._spec)
        leading = {s.shape[0] if s.shape.rank is not None else None for s in flat}
        self._rows = leading.pop() if len(leading) == 1 else None

    def _card(self):
        return _known(self._input._card(), lambda c: UNKNOWN if self._rows is None else c * self._rows)

    def _iter(self):
        for flat in self._input._iter():
            for i in range(flat[0]._data.shape[0]):
                yield [row(t, i) for t in flat]


class _RebatchDataset(_Unary):
    """rebatch(N): the same as unbatch().batch(N)."""

    def __init__(self, input_dataset, size, drop):
        super().__init__(input_dataset)
        self._inner = _BatchDataset(_UnbatchDataset(input_dataset), size, drop)
        self._spec = self._inner.element_spec

    def _card(self):
        return UNKNOWN

    def _iter(self):
        return self._inner._iter()


# ---- order and counts ----
def _shuffled(items, size, rng):
    """TF's shuffle buffer: fill `size` items, then emit a random one and refill its slot from the input."""
    buf = list(itertools.islice(items, size)) if size > 0 else list(items)
    draws, k = rng.random(1024), 0
    while buf:
        if k == 1024:
            draws, k = rng.random(1024), 0
        i = int(draws[k] * len(buf))
        k += 1
        x = buf[i]
        nxt = next(items, None)
        if nxt is None:
            buf[i] = buf[-1]
            buf.pop()
        else:
            buf[i] = nxt
        yield x


class _ShuffleDataset(_Unary):
    """shuffle: elements drawn at random from a buffer of the next `buffer_size`; a new order each pass unless
    `reshuffle_each_iteration=False` (the seeds are fixed when the dataset is built)."""

    def __init__(self, input_dataset, size, seed, reshuffle):
        super().__init__(input_dataset)
        self._size = size if size is not None and size > 0 else 0
        s1, s2 = get_seed(seed)
        if s1 is None:
            s1, s2 = (int.from_bytes(os.urandom(8), "little") for _ in range(2))
        self._seeds = [s1, s2]
        self._reshuffle = bool(reshuffle)
        self._epoch = 0

    def _rng(self):
        epoch = self._epoch
        if self._reshuffle:
            self._epoch += 1
        return np.random.default_rng(self._seeds + [epoch])

    def _iter(self):
        return _shuffled(self._input._iter(), self._size, self._rng())

    def _index_source(self):
        source = self._input._index_source()
        if source is None:
            return None
        tensors, indices = source
        return tensors, lambda: _shuffled(indices(), self._size, self._rng())


class _RepeatDataset(_Unary):
    """repeat(count): the input `count` times (forever for -1; an empty input stays empty)."""

    def __init__(self, input_dataset, count):
        super().__init__(input_dataset)
        self._count = count

    def _card(self):
        c, n = self._input._card(), self._count
        if n == 0 or c == 0:
            return 0
        if n < 0:
            return INFINITE if c != UNKNOWN else UNKNOWN
        return _known(c, lambda c: c * n)

    def _passes(self, make):
        for k in itertools.count() if self._count < 0 else range(self._count):
            empty = True
            for x in make():
                empty = False
                yield x
            if empty:
                return

    def _iter(self):
        return self._passes(self._input._iter)

    def _index_source(self):
        source = self._input._index_source()
        return None if source is None else (source[0], lambda: self._passes(source[1]))


class _TakeDataset(_Unary):
    """take(count): the first `count` elements (all for -1)."""

    def __init__(self, input_dataset, count):
        super().__init__(input_dataset)
        self._count = count

    def _card(self):
        c, n = self._input._card(), self._count
        if n < 0:
            return c
        if c == INFINITE:
            return n
        return _known(c, lambda c: min(c, n)) if n else 0

    def _cut(self, it):
        return it if self._count < 0 else itertools.islice(it, self._count)

    def _iter(self):
        return self._cut(self._input._iter())

    def _index_source(self):
        source = self._input._index_source()
        return None if source is None else (source[0], lambda: self._cut(source[1]()))


class _SkipDataset(_TakeDataset):
    """skip(count): all but the first `count` elements (nothing for -1)."""

    def _card(self):
        c, n = self._input._card(), self._count
        if n < 0:
            return 0
        return _known(c, lambda c: max(c - n, 0))

    def _cut(self, it):
        if self._count < 0:
            return iter(())
        return itertools.islice(it, self._count, None)


class _PrefetchDataset(_Unary):
    """prefetch: the same elements (tfcompat produces them synchronously, on demand)."""

    def _index_source(self):
        return self._input._index_source()


class _ShardDataset(_Unary):
    """shard(n, i): every n-th element starting at i."""

    def __init__(self, input_dataset, num_shards, index):
        super().__init__(input_dataset)
        if num_shards is not None and num_shards <= 0:
            raise op_error(InvalidArgumentError, "ShardDataset", "Number of shards must be greater than zero "
                           f"(currently num_shards = {num_shards}).")
        if index is not None and not 0 <= index < num_shards:
            raise op_error(InvalidArgumentError, "ShardDataset", "Index must be between 0 and "
                           f"{num_shards - 1} (currently index = {index}).")
        self._n, self._i = num_shards, index

    def _card(self):
        return _known(self._input._card(), lambda c: max(0, -(-(c - self._i) // self._n)))

    def _iter(self):
        return itertools.islice(self._input._iter(), self._i, None, self._n)


class _UniqueDataset(_Unary):
    """unique: the first occurrence of every distinct scalar element (int32, int64 or string)."""

    def __init__(self, input_dataset):
        super().__init__(input_dataset)
        spec = self._spec
        if not isinstance(spec, TensorSpec) or spec.dtype not in (_dt.int32, _dt.int64, _dt.string):
            dtype = getattr(spec, "dtype", spec)
            raise TypeError(f"`tf.data.Dataset.unique` does not support type {dtype!r} -- only `tf.int32`, "
                            "`tf.int64`, and `tf.string` are supported.")

    def _card(self):
        return UNKNOWN

    def _iter(self):
        seen = set()
        for flat in self._input._iter():
            key = flat[0]._numpy().tobytes() if flat[0]._dtype is not _dt.string else flat[0].numpy()
            if key not in seen:
                seen.add(key)
                yield flat


class _IgnoreErrorsDataset(_Unary):
    """ignore_errors: drops the elements whose computation raised a TF error (errors of a map or filter directly
    upstream skip that element; elsewhere they end the dataset)."""

    def _card(self):
        return UNKNOWN

    def _iter(self):
        stage = self._input
        if hasattr(stage, "_apply"):
            for flat in stage._input._iter():
                try:
                    out = stage._apply(flat)
                except OpError:
                    continue
                if out is not None:
                    yield out
            return
        it = stage._iter()
        while True:
            try:
                yield next(it)
            except (OpError, StopIteration):
                return


class CacheDataset(_Unary):
    """cache: the elements of the first complete pass, replayed after (kept in memory, or in `filename`)."""

    def __init__(self, input_dataset, filename):
        super().__init__(input_dataset)
        self._filename = str(filename.numpy().decode() if hasattr(filename, "numpy") else filename)
        self._kept = None

    def _path(self):
        return self._filename + ".tfcompat-cache"

    def _load(self):
        if self._kept is None and self._filename and os.path.exists(self._path()):
            with open(self._path(), "rb") as f:
                rows = pickle.load(f)
            dtypes = [s.dtype for s in self._flat_specs()]
            self._kept = [[make_tensor(a, d) for a, d in zip(r, dtypes)] for r in rows]
        return self._kept

    def _iter(self):
        kept = self._load()
        if kept is not None:
            yield from kept
            return
        rows = []
        for flat in self._input._iter():
            rows.append(flat)
            yield flat
        self._kept = rows
        if self._filename:
            with open(self._path(), "wb") as f:
                pickle.dump([[t._numpy() for t in r] for r in rows], f)


class _ConcatenateDataset(_Unary):
    """concatenate: this dataset's elements, then the other's (element types must match)."""

    def __init__(self, input_dataset, other):
        super().__init__(input_dataset)
        self._other = other
        a, b = input_dataset.element_spec, other.element_spec
        try:
            nest.assert_same_structure(a, b)
            fa, fb = nest.flatten(a), nest.flatten(b)
            ok = all(x.dtype is y.dtype for x, y in zip(fa, fb))
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise TypeError(f"Incompatible dataset elements:\n  {a!r} vs.   {b!r}")
        self._spec = nest.pack_sequence_as(
            a, [TensorSpec(x.shape.most_specific_compatible_shape(y.shape), x.dtype) for x, y in zip(fa, fb)])

    def _card(self):
        a, b = self._input._card(), self._other._card()
        if INFINITE in (a, b):
            return INFINITE
        return UNKNOWN if UNKNOWN in (a, b) else a + b

    def _iter(self):
        yield from self._input._iter()
        yield from self._other._iter()


class _VariantDataset(DatasetV2):
    """A window: a dataset over elements already taken from the input."""

    def __init__(self, flats, spec):
        self._flats, self._spec = flats, spec

    def _card(self):
        return len(self._flats)

    def _iter(self):
        return iter(self._flats)


class _WindowDataset(_Unary):
    """window: datasets of `size` elements (every `stride`-th), starting every `shift` elements."""

    def __init__(self, input_dataset, size, shift, stride, drop):
        super().__init__(input_dataset)
        for name, v in (("size", size), ("shift", shift), ("stride", stride)):
            if v is not None and v <= 0:
                raise op_error(InvalidArgumentError, "WindowDataset", f"Window {name} must be greater than zero, "
                               f"but got {v}.")
        self._size, self._shift, self._stride, self._drop = size, shift, stride, drop
        self._component_specs = nest.flatten(self._spec)
        self._spec = nest.map_structure(DatasetSpec, self._spec)

    def _card(self):
        span = (self._size - 1) * self._stride + 1
        if self._drop:
            return _known(self._input._card(), lambda n: max(0, (n - span) // self._shift + 1) if n >= span else 0)
        return _known(self._input._card(), lambda n: -(-n // self._shift))

    def _iter(self):
        it, buf, offset, start, done = self._input._iter(), deque(), 0, 0, False
        size, stride = self._size, self._stride
        while True:
            last = start + (size - 1) * stride
            while not done and offset + len(buf) <= last:
                item = next(it, None)
                if item is None:
                    done = True
                else:
                    buf.append(item)
            end = offset + len(buf)
            if start >= end:
                return
            window = [buf[j - offset] for j in range(start, min(last, end - 1) + 1, stride)]
            if self._drop and len(window) < size:
                return
            yield [_VariantDataset([[w[j]] for w in window], s) for j, s in enumerate(self._component_specs)]
            start += self._shift
            while offset < start and buf:
                buf.popleft()
                offset += 1
            while offset < start and not done:
                if next(it, None) is None:
                    done = True
                offset += 1


class _CounterDataset(DatasetV2):
    """An endless int64 count from `start` (the counter of `enumerate`)."""

    def __init__(self, start):
        self._start = start
        self._spec = TensorSpec((), _dt.int64)

    def _card(self):
        return INFINITE

    def _iter(self):
        b = ctx.backend
        for i in itertools.count(self._start):
            yield [EagerTensor(b.from_numpy(np.array(i, np.int64), None), _dt.int64)]
