"""Row gathering on dense or ragged values: the one primitive that slicing, gather, tile, concat and
boolean_mask share (index arithmetic on host numpy, the values moved by tf.gather so gradients flow)."""
import numpy as np

from ..ops import array_ops
from .ragged_tensor import RaggedTensor, host, index_tensor


def take_rows(v, idx):
    """The rows `idx` (a numpy int array) of `v` (a dense tensor or a RaggedTensor), in that order."""
    idx = np.asarray(idx, np.int64)
    if not isinstance(v, RaggedTensor):
        return array_ops.gather(v, index_tensor(idx))
    s = host(v.row_splits)
    starts, lengths = s[idx], s[idx + 1] - s[idx]
    inner = _ranges(starts, lengths)
    splits = index_tensor(np.concatenate([[0], np.cumsum(lengths)]), v.row_splits_dtype)
    return RaggedTensor(take_rows(v.values, inner), splits, internal=True)


def _ranges(starts, lengths):
    """concat(range(s, s + n) for s, n in zip(starts, lengths)), vectorised."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.arange(total, dtype=np.int64) + offsets


def from_lengths(values, lengths, dtype):
    """A RaggedTensor of `values` with rows of `lengths` (numpy), unchecked."""
    splits = index_tensor(np.concatenate([[0], np.cumsum(np.asarray(lengths, np.int64))]), dtype)
    return RaggedTensor(values, splits, internal=True)
