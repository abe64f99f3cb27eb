"""Variable's sparse reads and row updates (TF's ResourceGather, ResourceScatter* and ResourceScatterNd* ops),
composed of the tensor ops: a failure leaves the variable as it was and names the Resource op, as TF's does."""
import numpy as np

from .errors import InvalidArgumentError, OpError, op_error
from .tensor import EagerTensor

_KINDS = {"update": "Update", "add": "Add", "sub": "Sub", "max": "Max", "min": "Min", "mul": "Mul", "div": "Div"}


def _as_op(name, fn, inner=None):
    """fn(); a TF error from the op inside (`inner`, named in some messages) is re-raised as op `name`'s."""
    try:
        return fn()
    except OpError as e:
        message = e.message.split(" [Op:")[0]
        if inner:
            message = message.replace(f"node name: {inner}", f"node name: {name}")
        raise op_error(type(e), name, message) from None


def sparse_read(v, indices):
    from ..ops.array_ops import gather
    return _as_op("ResourceGather", lambda: gather(v._read(), indices))


def gather_nd(v, indices):
    from ..ops.scatter_ops import gather_nd as gather_nd_op
    return _as_op("ResourceGatherNd", lambda: gather_nd_op(v._read(), indices), "GatherNd")


def scatter_nd(v, kind, indices, updates):
    """`scatter_nd_<kind>(indices, updates)`: the TensorScatter op's result, assigned."""
    from ..ops import scatter_ops
    op = getattr(scatter_ops, f"tensor_scatter_nd_{kind}")
    return v.assign(_as_op(f"ResourceScatterNd{_KINDS[kind]}", lambda: op(v._read(), indices, updates)))


def scatter(v, kind, sparse_delta):
    """`scatter_<kind>(IndexedSlices)`: rows of axis 0 updated; duplicate rows accumulate, as in TF's kernels."""
    from ..autodiff.indexed_slices import IndexedSlices
    from ..ops import array_ops, math_ops, scatter_ops, segment_ops
    if not isinstance(sparse_delta, IndexedSlices):
        raise TypeError(f"Argument `sparse_delta` must be a `tf.IndexedSlices`. Received arg: {sparse_delta}")
    name, rows, values, n = f"ResourceScatter{_KINDS[kind]}", sparse_delta.indices, sparse_delta.values, v.shape[0]
    if type(rows) is EagerTensor:  # TF's row check (inside a graph the nd op's check applies)
        arr = np.asarray(rows._numpy())
        bad = np.argwhere(np.atleast_1d((arr < 0) | (arr >= n)))
        if bad.size:
            pos = tuple(int(i) for i in bad[0])[:arr.ndim]
            raise op_error(InvalidArgumentError, name,
                           f"indices[{','.join(map(str, pos))}] = {int(arr[pos])} is not in [0, {n})")

    def new():
        if kind in ("mul", "div"):
            factors = segment_ops.unsorted_segment_prod(values, rows, n)
            return (math_ops.multiply if kind == "mul" else math_ops.divide)(v._read(), factors)
        op = getattr(scatter_ops, f"tensor_scatter_nd_{kind}")
        return op(v._read(), array_ops.expand_dims(rows, -1), values)
    return v.assign(_as_op(name, new))
