"""`RaggedTensor.__getitem__`: row keys and slices of the outer and ragged dimensions (TF's errors otherwise)."""
import numpy as np

from ..framework.tensor import Tensor
from .ragged_tensor import RaggedTensor, host, index_tensor
from .rows import take_rows


def getitem(rt, key):
    keys = key if isinstance(key, tuple) else (key,)
    if any(k is Ellipsis or k is None for k in keys):
        raise NotImplementedError("RaggedTensor indexing with Ellipsis or tf.newaxis is not implemented yet in "
                                  "tfcompat")
    if not keys:
        return rt
    first, rest = keys[0], keys[1:]
    n = rt.nrows_static()
    if isinstance(first, slice):
        out = take_rows(rt, np.arange(n)[first])
        return _inner(out, rest) if rest else out
    i = int(host(first)) if isinstance(first, Tensor) else int(first)
    if not -n <= i < n:
        raise IndexError(f"Row key {i} out of bounds")
    s = host(rt.row_splits)
    i %= n
    row = take_rows(rt.values, np.arange(s[i], s[i + 1]))
    if not rest:
        return row
    return getitem(row, rest) if isinstance(row, RaggedTensor) else row[rest]


def _inner(rt, keys):
    """rt[:, keys...]: a slice of each row, then the remaining keys inside the values."""
    k, rest = keys[0], keys[1:]
    if not isinstance(k, slice):
        raise ValueError("Cannot index into an inner ragged dimension.")
    s = host(rt.row_splits)
    picks = [np.arange(a, b)[k] for a, b in zip(s[:-1], s[1:])]
    lengths = np.array([p.size for p in picks], np.int64)
    idx = np.concatenate(picks) if picks else np.zeros(0, np.int64)
    values = take_rows(rt.values, idx)
    if rest:
        values = _inner(values, rest) if isinstance(values, RaggedTensor) else values[(slice(None),) + rest]
    splits = index_tensor(np.concatenate([[0], np.cumsum(lengths)]), rt.row_splits_dtype)
    return RaggedTensor(values, splits, internal=True)
