"""slice, strided_slice, pad, tile, repeat, roll, meshgrid: ops that cut, pad or replicate a tensor."""
from ..graph.runtime import value_dependent
import builtins

import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_hinted, convert_like, convert_to_tensor, dtype_error
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, defop
from ..framework.tensor import Tensor
from ..util.export import tf_export
from .common import check_dtype, shape_of, static_int, static_list, tensor

_INDEX = frozenset({_dt.int16, _dt.int32, _dt.int64})
_PAD_INDEX = frozenset({_dt.int32, _dt.int64})


def _fmt(shape):
    return "[" + ",".join(map(str, shape)) + "]"


def _int_vector(v, allowed, op_name, attr):
    """(values as a list of ints, shape) of an index argument, with TF's dtype check."""
    t = v if isinstance(v, Tensor) else convert_hinted(v, _dt.int32)
    if t._dtype not in allowed:
        check_dtype(t, allowed, op_name, attr)
    return [int(a) for a in t._numpy().reshape(-1)], shape_of(t)


def _sliced(t, key):
    from .array_ops import _index_op, identity
    if all(isinstance(k, builtins.slice) and k == builtins.slice(0, n, 1) for k, n in zip(key, shape_of(t))) \
            and len(key) == len(shape_of(t)):
        return identity(t)
    return apply(_index_op, (t,), t._dtype, {"key": key})


# ---- slice, strided_slice ----
@tf_export("slice")
@value_dependent("slice")
def slice(input_, begin, size, name=None):  # noqa: A001 (TF's name)
    """`tf.slice`: the block of `size` (-1: to the end) starting at `begin`."""
    t = tensor(input_)
    s = shape_of(t)
    b, bs = _int_vector(begin, _INDEX, "Slice", "Index")
    n, ns = _int_vector(size, _INDEX, "Slice", "Index")
    if len(bs) != 1 or len(ns) != 1 or len(b) != len(s) or len(n) != len(s):
        raise op_error(InvalidArgumentError, "Slice", f"Expected begin and size arguments to be 1-D tensors of "
                       f"size {len(s)}, but got shapes {_fmt(bs)} and {_fmt(ns)} instead.")
    key = []
    for i, (d, a, k) in enumerate(zip(s, b, n)):
        if not 0 <= a <= d:
            raise op_error(InvalidArgumentError, "Slice", f"Expected begin[{i}] in [0, {d}], but got {a}")
        k = d - a if k == -1 else k
        if not 0 <= k <= d - a:
            raise op_error(InvalidArgumentError, "Slice", f"Expected size[{i}] in [0, {d - a}], but got {n[i]}")
        key.append(builtins.slice(a, a + k, 1))
    return _sliced(t, tuple(key))


@tf_export("strided_slice")
@value_dependent("strided_slice")
def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """`tf.strided_slice`: the masks turned into the Python key they encode, then TF's slicing rules."""
    from .array_ops import normalize_index
    t = tensor(input_)
    b, bs = _int_vector(begin, _INDEX, "StridedSlice", "Index")
    e, es = _int_vector(end, _INDEX, "StridedSlice", "Index")
    if strides is None:
        st, ss = [1] * len(b), bs
    else:
        st, ss = _int_vector(strides, _INDEX, "StridedSlice", "Index")
    if not (len(bs) == len(es) == len(ss) == 1 and len(b) == len(e) == len(st)):
        raise op_error(InvalidArgumentError, "StridedSlice", f"Expected begin, end, and strides to be 1D equal "
                       f"size tensors, but got shapes {_fmt(bs)}, {_fmt(es)}, and {_fmt(ss)} instead.")
    key = []
    for i, (lo, hi, step) in enumerate(zip(b, e, st)):
        bit = 1 << i
        if ellipsis_mask & bit:
            key.append(Ellipsis)
        elif new_axis_mask & bit:
            key.append(None)
        elif shrink_axis_mask & bit:
            if step < 0:
                raise op_error(InvalidArgumentError, "StridedSlice", "only stride 1 allowed on non-range indexing.")
            key.append(lo)
        else:
            if step == 0:
                raise op_error(InvalidArgumentError, "StridedSlice", f"strides[{i}] must be non-zero")
            key.append(builtins.slice(None if begin_mask & bit else lo, None if end_mask & bit else hi, step))
    return _sliced(t, normalize_index(tuple(key), shape_of(t)))


# ---- pad ----
def _g_pad(e, dy):
    x = e.inputs[0]
    key = tuple(builtins.slice(a, a + n, 1) for n, (a, _) in zip(shape_of(x), e.attrs["paddings"]))
    return (_sliced(dy, key),) + (None,) * (len(e.inputs) - 1)


def _mirror_index(n, before, after, mode):
    """Source position of each padded position along one axis (numpy, int64)."""
    i = np.arange(-before, n + after)
    if mode == "reflect":
        period = max(2 * n - 2, 1)
        i = np.remainder(i, period)
        return np.where(i >= n, period - i, i)
    i = np.remainder(i, 2 * n)
    return np.where(i >= n, 2 * n - 1 - i, i)


def _g_mirror_pad(e, dy):
    """Each padded axis folded back onto its source positions: a scatter-add per axis."""
    from .array_ops import transpose
    from .scatter_ops import scatter_nd
    x = e.inputs[0]
    g = dy
    for axis, (a, b) in enumerate(e.attrs["paddings"]):
        if not (a or b):
            continue
        n = shape_of(x)[axis]
        perm = [axis] + [i for i in range(len(shape_of(g))) if i != axis]
        moved = transpose(g, perm)
        idx = convert_to_tensor(_mirror_index(n, a, b, e.attrs["mode"]).reshape(-1, 1))
        summed = scatter_nd(idx, moved, [n] + list(shape_of(moved)[1:]))
        g = transpose(summed, list(np.argsort(perm)))
    return g


_pad_op = defop("Pad", lambda b, x, paddings, mode, value: b.pad(x, paddings, mode, value), _g_pad)
_pad_v2_op = defop("PadV2", lambda b, x, c, paddings: b.pad(x, paddings, "constant", b.to_numpy(c).item()), _g_pad)
_mirror_pad_op = defop("MirrorPad", lambda b, x, paddings, mode: b.pad(x, paddings, mode), _g_mirror_pad)


@tf_export("pad")
@value_dependent("pad")
def pad(tensor_, paddings, mode="CONSTANT", constant_values=0, name=None):
    """`tf.pad`: CONSTANT (constant_values), REFLECT (edge excluded) or SYMMETRIC (edge included) padding."""
    t = tensor(tensor_)
    m = str(mode).upper()
    if m not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". '
                         f"Received `mode` = {mode}")
    op_name = "MirrorPad" if m != "CONSTANT" else "Pad"
    constant = None
    if m == "CONSTANT" and (isinstance(constant_values, Tensor) or np.ndim(constant_values) != 0
                            or constant_values != 0):
        op_name = "PadV2"
        constant = convert_like(constant_values, t._dtype)
        if constant._dtype is not t._dtype:
            raise op_error(InvalidArgumentError, op_name, dtype_error(op_name, 2, t._dtype, constant._dtype))
    p = tensor(paddings)
    if p._dtype not in _PAD_INDEX:
        check_dtype(p, _PAD_INDEX, op_name, "Tpaddings")
    s, ps = shape_of(t), shape_of(p)
    if len(ps) != 2 or ps[1] != 2:
        raise op_error(InvalidArgumentError, op_name, f"paddings must be a matrix with 2 columns: {_fmt(ps)}")
    if ps[0] != len(s):
        raise op_error(InvalidArgumentError, op_name, f"The first dimension of paddings must be the rank of "
                       f"inputs{_fmt(ps)} {_fmt(s)}")
    pairs = tuple((int(a), int(b)) for a, b in p._numpy().reshape(-1, 2))
    for d, (a, b) in zip(s, pairs):
        if a < 0 or b < 0:
            raise op_error(InvalidArgumentError, op_name, f"{'P' if m == 'CONSTANT' else 'p'}addings must be "
                           f"non-negative: {a} {b}")
        if m == "REFLECT" and (a >= d or b >= d):
            raise op_error(InvalidArgumentError, op_name, f"paddings must be less than the dimension size: "
                           f"{a}, {b} not less than {d}")
        if m == "SYMMETRIC" and (a > d or b > d):
            raise op_error(InvalidArgumentError, op_name, f"paddings must be no greater than the dimension "
                           f"size: {a}, {b} greater than {d}")
    if not any(a or b for a, b in pairs):
        from .array_ops import identity
        return identity(t)
    if m != "CONSTANT":
        return apply(_mirror_pad_op, (t,), t._dtype, {"paddings": pairs, "mode": m.lower()})
    if constant is not None:
        return apply(_pad_v2_op, (t, constant), t._dtype, {"paddings": pairs})
    zero = b"" if t._dtype is _dt.string else (False if t._dtype.is_bool else 0)
    return apply(_pad_op, (t,), t._dtype, {"paddings": pairs, "mode": "constant", "value": zero})


# ---- tile, repeat, roll ----
def _g_tile(e, dy):
    from .array_ops import reshape
    from .math_ops import reduce_sum
    s, m = shape_of(e.inputs[0]), e.attrs["multiples"]
    if not s:
        return dy
    split = [v for pair in zip(m, s) for v in pair]
    return reduce_sum(reshape(dy, split), list(range(0, 2 * len(s), 2)))


_tile_op = defop("Tile", lambda b, x, multiples: b.tile(x, multiples), _g_tile)


@tf_export("tile")
@value_dependent("tile")
def tile(input, multiples, name=None):  # noqa: A002 (TF's name)
    """`tf.tile`: the whole tensor repeated multiples[i] times along axis i."""
    from .array_ops import identity
    t = tensor(input)
    m, ms = _int_vector(multiples, _PAD_INDEX, "Tile", "Tmultiples")
    s = shape_of(t)
    if len(ms) != 1:
        raise op_error(InvalidArgumentError, "Tile", f"Expected multiples to be 1-D, but got shape {_fmt(ms)}")
    if len(m) != len(s):
        raise op_error(InvalidArgumentError, "Tile", f"Expected multiples argument to be a vector of length "
                       f"{len(s)} but got length {len(m)}")
    for i, k in enumerate(m):
        if k < 0:
            raise op_error(InvalidArgumentError, "Tile", f"Expected multiples[{i}] >= 0, but got {k}")
    if all(k == 1 for k in m):
        return identity(t)
    return apply(_tile_op, (t,), t._dtype, {"multiples": tuple(m)})


@tf_export("repeat")
@value_dependent("repeat")
def repeat(input, repeats, axis=None, name=None):  # noqa: A002 (TF's name)
    """`tf.repeat`: each element (or slice along axis) repeated; without an axis the input is flattened first."""
    from .array_ops import gather, reshape
    t = tensor(input)
    r = tensor(repeats)
    if not r._dtype.is_integer:
        raise TypeError(f"Argument `tensor` (name: repeats) must be of type integer. Received `tensor` = "
                        f"{r._numpy()} of dtype: <dtype: '{r._dtype.name}'>")
    if r.shape.rank > 1:
        raise ValueError(f"Shape {tuple(shape_of(r))} must have rank at most 1")
    if axis is None or not shape_of(t):
        t, a = reshape(t, [-1]), 0
    else:
        a = static_int(axis)
        rank = len(shape_of(t))
        if not -rank <= a < rank:
            raise ValueError(f"axis={a} out of bounds: expected {-rank}<=axis<{rank}")
        a %= rank
    n = shape_of(t)[a]
    counts = r._numpy().reshape(-1).astype(np.int64)
    if r.shape.rank == 0:
        if counts[0] < 0:
            raise op_error(InvalidArgumentError, "Tile", f"Expected multiples[{a + 1}] >= 0, but got {counts[0]}")
    elif counts.size not in (1, n):
        raise ValueError(f"Dimensions {n} and {counts.size} are not compatible")
    idx = np.repeat(np.arange(n, dtype=np.int64), np.maximum(np.broadcast_to(counts, (n,)), 0))
    s = shape_of(t)
    if r.shape.rank == 1 and a > 0 and s[0] == 0 and idx.size:  # TF's shape check fails on this case
        out = s[:a] + (idx.size,) + s[a + 1:]
        raise ValueError(f"Tensor's shape {out} is not compatible with supplied shape {s[:a] + (0,) + s[a + 1:]}.")
    return gather(t, convert_to_tensor(idx), axis=a)


def _g_roll(e, dy):
    return roll(dy, [-k for k in e.attrs["shifts"]], list(e.attrs["axes"]))


_roll_op = defop("Roll", lambda b, x, shifts, axes: b.roll(x, shifts, axes), _g_roll)


@tf_export("roll")
@value_dependent("roll")
def roll(input, shift, axis, name=None):  # noqa: A002 (TF's name)
    """`tf.roll`: elements shifted cyclically along each axis (shifts of a repeated axis add up)."""
    t = tensor(input)
    s = shape_of(t)
    shifts, axes = static_list(shift), static_list(axis)
    if not s:
        raise op_error(InvalidArgumentError, "Roll", "input must be 1-D or higher")
    if len(shifts) != len(axes) or np.ndim(shift) != np.ndim(axis):
        raise op_error(InvalidArgumentError, "Roll", "shift and axis must have the same size")
    for a in axes:
        if not -len(s) <= a < len(s):
            raise op_error(InvalidArgumentError, "Roll", f"axis {a} is out of range")
    return apply(_roll_op, (t,), t._dtype, {"shifts": tuple(shifts), "axes": tuple(a % len(s) for a in axes)})


# ---- meshgrid ----
@tf_export("meshgrid")
def meshgrid(*args, **kwargs):
    """`tf.meshgrid`: N-D coordinate grids; 'xy' indexing swaps the first two output axes."""
    from .array_ops import broadcast_to, reshape
    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"'{list(kwargs)[0]}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError(f"Argument `indexing` parameter must be either 'xy' or 'ij', got '{indexing}'")
    xs = [reshape(tensor(x), [-1]) for x in args]
    if not xs:
        return []
    sizes = [shape_of(x)[0] for x in xs]
    if indexing == "xy" and len(xs) > 1:
        sizes[0], sizes[1] = sizes[1], sizes[0]
    out = []
    for i, x in enumerate(xs):
        if x._dtype is not xs[0]._dtype:
            raise op_error(InvalidArgumentError, "Mul", dtype_error("Mul", 1, x._dtype, xs[0]._dtype))
        pos = (1 - i if i < 2 else i) if indexing == "xy" and len(xs) > 1 else i
        shape = [1] * len(xs)
        shape[pos] = -1
        out.append(broadcast_to(reshape(x, shape), sizes))
    return out
