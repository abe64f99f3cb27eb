"""Source datasets: tensor slices, single tensors, ranges, zips, Python generators, directed interleaves."""
import os

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import ctx
from ..framework.convert import convert_to_tensor, make_tensor
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape
from ..graph.tensor_spec import TensorSpec
from ..util import nest
from .dataset import INFINITE, UNKNOWN, DatasetV2, int64_arg
from .structure import backend_of, is_dataset, normalize, spec_of, unbatched_spec

__all__ = ["from_generator", "sample_from_datasets"]


def row(t, i):
    """Row i of tensor `t` (a view where the backend allows it)."""
    b = backend_of(t._dtype)
    data = b.index(t._data, (slice(i, i + 1),))
    return EagerTensor(b.reshape(data, tuple(data.shape[1:])), t._dtype)


class _TensorSliceDataset(DatasetV2):
    """The rows (slices along axis 0) of every component."""

    def __init__(self, tensors):
        value = normalize(tensors)
        self._flat = nest.flatten(value)
        n = None
        for t in self._flat:
            if t.shape.rank == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            if n is not None and t.shape[0] != n:
                raise ValueError(f"Dimensions {n} and {t.shape[0]} are not compatible")
            n = t.shape[0]
        self._n = n
        self._spec = nest.map_structure(lambda t: unbatched_spec(spec_of(t)), value)

    def _card(self):
        return UNKNOWN if self._n is None else self._n

    def _iter(self):
        flat = self._flat
        for i in range(self._n):
            yield [row(t, i) for t in flat]

    def _index_source(self):
        return self._flat, lambda: iter(range(self._n))


class _TensorDataset(DatasetV2):
    """One element: the given structure."""

    def __init__(self, tensors):
        value = normalize(tensors)
        self._flat = nest.flatten(value)
        self._spec = nest.map_structure(spec_of, value)

    def _card(self):
        return 1

    def _iter(self):
        yield list(self._flat)


class _RangeDataset(DatasetV2):
    """range(start, stop, step) as scalars of `output_type` (int64 by default)."""

    def __init__(self, args, output_type):
        if not 1 <= len(args) <= 3:
            raise ValueError(f"Invalid `args`. The length of `args` should be between 1 and 3 but was {len(args)}.")
        values = [int64_arg(a) for a in args]
        self._range = None if None in values else range(*values) if len(values) > 1 else range(values[0])
        self._dtype = _dt.as_dtype(output_type)
        self._spec = TensorSpec((), self._dtype)

    def _card(self):
        return UNKNOWN if self._range is None else len(self._range)

    def _iter(self):
        b, np_dtype = ctx.backend, self._dtype.as_numpy_dtype
        for i in self._range:
            yield [EagerTensor(b.from_numpy(np.array(i, np_dtype), None), self._dtype)]


class _ZipDataset(DatasetV2):
    """Tuples (or any nesting) of the elements of several datasets, up to the shortest."""

    def __init__(self, datasets):
        if isinstance(datasets, list) or any(isinstance(d, list) for d in nest.flatten(datasets)
                                             if not is_dataset(d)):
            raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) structures of "
                            "`tf.data.Dataset` objects. Python `list` is not supported and you should use "
                            "`tuple` instead.")
        self._datasets = nest.flatten(datasets)
        if not all(is_dataset(d) for d in self._datasets):
            raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) structures of "
                            "`tf.data.Dataset` objects.")
        self._spec = nest.map_structure(lambda d: d.element_spec, datasets)

    def _card(self):
        cards = [d._card() for d in self._datasets]
        known = [c for c in cards if c >= 0]
        if known:
            return min(known)
        return UNKNOWN if UNKNOWN in cards else INFINITE

    def _iter(self):
        its = [d._iter() for d in self._datasets]
        while True:
            flat = []
            for it in its:
                part = next(it, None)
                if part is None:
                    return
                flat.extend(part)
            yield flat


class _GeneratorDataset(DatasetV2):
    """The elements a Python generator yields (the generator function is called again for each pass)."""

    def __init__(self, generator, args, spec):
        self._generator, self._args, self._spec = generator, args, spec

    def __repr__(self):
        return f"<_FlatMapDataset element_spec={self._spec!r}>"

    __str__ = __repr__

    def _iter(self):
        specs = self._flat_specs()
        for value in self._generator(*self._args):
            try:
                leaves = _flatten_like(self._spec, value)
            except (TypeError, ValueError):
                raise _generator_error(f"`generator` yielded an element that did not match the expected structure. "
                                       f"The expected structure was {_types_text(self._spec)}, but the yielded "
                                       f"element was {value}.") from None
            yield [_generator_leaf(v, s) for v, s in zip(leaves, specs)]


def _flatten_like(spec, value):
    """The leaves of `value` following the structure of `spec` (a leaf of `spec` takes `value` whole)."""
    if isinstance(spec, (TensorSpec,)):
        return [value]
    if isinstance(spec, dict):
        if not isinstance(value, dict) or set(value) != set(spec):
            raise TypeError("structure")
        return [v for k in sorted(spec) for v in _flatten_like(spec[k], value[k])]
    if not isinstance(value, (tuple, list)) or len(value) != len(spec):
        raise TypeError("structure")
    return [v for s, x in zip(spec, value) for v in _flatten_like(s, x)]


def _types_text(spec):
    return nest.map_structure(lambda s: f"tf.{s.dtype.name}", spec) if nest.is_nested(spec) else f"tf.{spec.dtype.name}"


def _generator_error(message):
    return op_error(InvalidArgumentError, "IteratorGetNext", f"TypeError: {message}")


def _generator_leaf(value, spec):
    """One yielded value as a tensor of `spec` (numbers cast as numpy casts: floats truncate)."""
    dtype = spec.dtype
    try:
        if dtype is _dt.string:
            a = np.vectorize(lambda s: s.encode() if isinstance(s, str) else bytes(s), otypes=[object])(
                np.asarray(value, dtype=object))
        else:
            a = np.asarray(value).astype(dtype.as_numpy_dtype)
    except (TypeError, ValueError):
        raise _generator_error("`generator` yielded an element that could not be converted to the expected type. "
                               f"The expected type was {dtype.name}, but the yielded element was {value}.") from None
    if not spec.shape.is_compatible_with(TensorShape(a.shape)):
        raise _generator_error(f"`generator` yielded an element of shape {_tuple_text(a.shape)} where an element of "
                               f"shape {_tuple_text(spec.shape.as_list())} was expected.")
    return make_tensor(a, dtype)


def _tuple_text(dims):
    return str(tuple(dims))


def from_generator(generator, output_types, output_shapes, args, output_signature):
    """`Dataset.from_generator`: the signature from `output_signature`, or legacy `output_types`/`output_shapes`."""
    if output_signature is None:
        if output_types is None:
            raise TypeError("To specify the output signature you need to provide either the `output_signature` "
                            "argument or the `output_types` argument.")
        shapes = output_shapes if output_shapes is not None else nest.map_structure(lambda _: None, output_types)
        output_signature = nest.map_structure(lambda t, s: TensorSpec(s, t), output_types, shapes)
    elif output_types is not None or output_shapes is not None:
        raise TypeError("The `output_types` and `output_shapes` arguments must not be used together with the "
                        "`output_signature` argument.")
    call_args = [convert_to_tensor(a).numpy() for a in (args or ())]
    return _GeneratorDataset(generator, call_args, output_signature)


class _DirectedInterleaveDataset(DatasetV2):
    """Elements taken from `datasets` in the order of the int64 choices a dataset (or a choice stream) gives."""

    def __init__(self, datasets, choices, stop_on_empty):
        self._datasets = list(datasets)
        self._choices = choices
        self._stop = stop_on_empty
        self._spec = self._datasets[0].element_spec

    def _choice_stream(self):
        return (int(c[0].numpy()) for c in self._choices._iter())

    def _iter(self):
        its = [d._iter() for d in self._datasets]
        for k in self._choice_stream():
            if not 0 <= k < len(its):
                raise op_error(InvalidArgumentError, "IteratorGetNext",
                               f"Selector index out of range: {k} >= {len(its)}")
            item = next(its[k], None) if its[k] is not None else None
            if item is None:
                its[k] = None
                if self._stop or all(i is None for i in its):
                    return
                continue
            yield item


class _SampledDataset(_DirectedInterleaveDataset):
    """sample_from_datasets: each element from a dataset drawn at random with the given weights."""

    def __init__(self, datasets, weights, seed, stop_on_empty):
        super().__init__(datasets, None, stop_on_empty)
        n = len(self._datasets)
        w = np.full(n, 1.0 / n) if weights is None else np.asarray(convert_to_tensor(weights).numpy(), np.float64)
        self._weights = w / w.sum()
        self._seed = seed

    def __repr__(self):
        return f"<_DirectedInterleaveDataset element_spec={self._spec!r}>"

    __str__ = __repr__

    def _choice_stream(self):
        rng = np.random.default_rng(self._seed if self._seed is not None else
                                    int.from_bytes(os.urandom(8), "little"))
        n = len(self._weights)
        while True:
            yield int(rng.choice(n, p=self._weights))


def sample_from_datasets(datasets, weights, seed, stop_on_empty):
    return _SampledDataset(datasets, weights, seed, stop_on_empty)
