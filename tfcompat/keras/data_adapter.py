"""The data adapter of fit/evaluate/predict: turns arrays, tensors, nests of them, or iterables of batches into
per-epoch batch iterators (Keras 3's EpochIterator: batching, shuffling, validation split, class weights).
tf.data datasets join here as one more kind of iterable."""
import math

import numpy as np

from ..framework.convert import adopt_numpy, convert_to_tensor
from ..framework.tensor import Tensor
from ..framework.variables import Variable
from .backend import floatx
from .layers.base import _flat
from .layers.base import _map as _map_leaves


def unpack_x_y_sample_weight(data):
    """`(x,)`, `(x, y)` or `(x, y, sample_weight)` (a list too) -> a 3-tuple; anything else is x alone."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple) or hasattr(data, "_fields"):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data
    raise ValueError("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
                     f"found: {data}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """The reverse of unpack_x_y_sample_weight."""
    if y is None:
        return (x,) if isinstance(x, (list, tuple)) else x
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


def _map(fn, x):
    """`fn` on the leaves of nested lists/tuples/dicts (None leaves stay None)."""
    return _map_leaves(lambda v: None if v is None else fn(v), x)


def is_array_like(x):
    return isinstance(x, (np.ndarray, Tensor, Variable)) or (
        hasattr(x, "__array__") and hasattr(x, "shape") and not hasattr(x, "__next__"))


def _is_array_data(x):
    leaves = [leaf for leaf in _flat(x) if leaf is not None]
    return bool(leaves) and all(is_array_like(leaf) or isinstance(leaf, (int, float)) for leaf in leaves) \
        or _is_python_list_data(x)


def _is_python_list_data(x):
    """A (nested) list of numbers is one array, as Keras's array adapter takes it."""
    while isinstance(x, list) and x:
        x = x[0]
    return isinstance(x, (int, float, np.number))


def _to_numpy(x):
    """A host array with floats in floatx (Keras 3's array adapter casts floating inputs)."""
    if isinstance(x, Variable):
        x = x.read_value()
    array = x.numpy() if isinstance(x, Tensor) else np.asarray(x)
    if array.dtype.kind == "f" and array.dtype != np.dtype(floatx()):
        array = array.astype(floatx())
    return array


def _standardize_arrays(x):
    if isinstance(x, list) and _is_python_list_data(x):
        return _to_numpy(x)
    return _map(_to_numpy, x)


def _num_samples(arrays):
    sizes = {int(a.shape[0]) for a in _flat(arrays) if a is not None and a.ndim}
    if len(sizes) > 1:
        raise ValueError("Data cardinality is ambiguous. Make sure all arrays contain the same number of "
                         f"samples.'x' sizes: {', '.join(str(s) for s in sorted(sizes))}")
    return sizes.pop() if sizes else 1


def train_validation_split(arrays, validation_split):
    """Keras 3's split: the last `validation_split` fraction of the samples (cut at floor(n * (1 - split)))."""
    leaves = [leaf for leaf in _flat(arrays) if leaf is not None]
    bad = [type(leaf) for leaf in leaves if not (is_array_like(leaf) or isinstance(leaf, list))]
    if bad:
        raise ValueError("Argument `validation_split` is only supported for tensors or NumPy arrays."
                         f"Found incompatible type in the input: {bad}")
    arrays = _map(lambda a: a, tuple(_standardize_arrays(a) for a in arrays))
    n = _num_samples(arrays)
    cut = int(math.floor(n * (1.0 - validation_split)))
    if cut == 0 or cut == n:
        raise ValueError(f"Training data contains {n} samples, which is not sufficient to split it into a "
                         f"validation and training set as specified by `validation_split={validation_split}`. "
                         "Either provide more data, or a different value for the `validation_split` argument.")
    train = _map(lambda a: a[:cut], arrays)
    val = _map(lambda a: a[cut:], arrays)
    return train, val


def class_weight_to_sample_weights(y, class_weight):
    """Per-sample weights from a {class: weight} dict (labels, or one-hot rows by argmax)."""
    y = _to_numpy(y)
    labels = np.argmax(y, axis=-1) if y.ndim > 1 and y.shape[-1] > 1 else y.reshape(y.shape[0])
    return np.array([class_weight.get(int(label), 1.0) for label in labels], dtype=floatx())


class EpochIterator:
    """Yields `(step, batch)` for each epoch; `num_batches` is None when unknown (a generator)."""

    def __init__(self, x=None, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None, shuffle=False,
                 class_weight=None):
        if steps_per_epoch is not None and steps_per_epoch <= 0:
            raise ValueError(f"steps_per_epoch must be positive, None or -1. Received: {steps_per_epoch}")
        self.steps_per_epoch = steps_per_epoch
        self._iterable = None
        if _is_array_data(x) or x is None and y is not None:
            if batch_size is not None and (not isinstance(batch_size, int) or batch_size <= 0):
                raise ValueError(f"Expected `batch_size` to be a positive integer. Received: batch_size={batch_size}")
            self.batch_size = batch_size or 32
            self._x, self._y = _standardize_arrays(x), _standardize_arrays(y)
            self._sw = None if sample_weight is None else _to_numpy(sample_weight)
            if class_weight is not None:
                if self._sw is not None:
                    raise ValueError("You cannot `class_weight` and `sample_weight` at the same time.")
                self._sw = class_weight_to_sample_weights(self._y, class_weight)
            self.num_samples = _num_samples((self._x, self._y, self._sw))
            self._shuffle = shuffle
            batches = int(math.ceil(self.num_samples / self.batch_size))
            self.num_batches = min(batches, steps_per_epoch) if steps_per_epoch else batches
            self._cursor = None
        else:
            if y is not None:
                raise ValueError("When providing `x` as a generator or iterable of batches, `y` should not be "
                                 f"passed. Instead, the targets should be included as part of the batches. "
                                 f"Received: y={y}")
            if sample_weight is not None:
                raise ValueError("When providing `x` as a generator or iterable of batches, `sample_weight` "
                                 "should not be passed. Received: sample_weight={sample_weight}")
            if not hasattr(x, "__iter__"):
                raise ValueError(f"Unrecognized data type: x={x} (of type {type(x)})")
            self._iterable = x
            self._iterator = None
            try:
                known = len(x)
            except TypeError:
                known = None
            self.num_batches = steps_per_epoch or known
            self._class_weight = class_weight

    def __iter__(self):
        return self._array_batches() if self._iterable is None else self._iterable_batches()

    def _array_batches(self):
        n, size = self.num_samples, self.batch_size
        order = np.random.permutation(n) if self._shuffle else None
        for step in range(self.num_batches):
            if order is None:
                index = slice(step * size, min((step + 1) * size, n))
            else:
                index = order[step * size:(step + 1) * size]
            # a shuffled batch is a fresh copy, handed to the backend as is; a slice is a view of the caller's data
            to_tensor = convert_to_tensor if order is None else adopt_numpy
            yield step, pack_x_y_sample_weight(*(_map(lambda a: to_tensor(a[index]), part)
                                                 for part in (self._x, self._y, self._sw)))

    def _iterable_batches(self):
        if self._iterator is None or not hasattr(self._iterable, "__next__"):
            self._iterator = iter(self._iterable)  # a re-iterable restarts each epoch, an iterator goes on
        step = 0
        while self.steps_per_epoch is None or step < self.steps_per_epoch:
            try:
                batch = next(self._iterator)
            except StopIteration:
                if self.num_batches is None:
                    self.num_batches = step
                return
            batch = _map(_batch_leaf, batch if not isinstance(batch, list) else tuple(batch))
            if self._class_weight is not None:
                x, y, _ = unpack_x_y_sample_weight(batch)
                batch = (x, y, convert_to_tensor(class_weight_to_sample_weights(y, self._class_weight)))
            yield step, batch
            step += 1


def _batch_leaf(x):
    if isinstance(x, Tensor):
        return x
    return convert_to_tensor(_to_numpy(x))
