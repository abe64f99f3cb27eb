"""Op-table cases for the array ops: shapes, slicing, gather/scatter, padding, tiling, selection, creation."""
import numpy as np
from hypothesis import strategies as st

from .spec import OpCase
from ..strategies import arrays, shapes
from .points import distinct, smooth

VALUES = ("float32", "float64", "int32", "bool")   # dtype-agnostic data movement
NUMERIC = ("float16", "float32", "float64", "int32", "int64")
INDEX = ("int32", "int64")


def _one(**kw):
    return lambda draw, dtype: (draw(arrays(dtype, **kw)),)


def _g(*shapes_):
    return lambda rs: tuple(smooth(rs, s) for s in shapes_)


def _index_array(draw, n, shape, lo=0, dtype="int32"):
    """Indices in [lo, n) (lo < 0 or n past the end provoke TF's range errors)."""
    return draw(arrays(dtype, shape, edge=False, lo=lo, hi=max(n - 1, lo)))


def _gather_inputs(axis, batch_dims=0, oob=False):
    def inputs(draw, dtype):
        s = draw(shapes(min_dims=max(axis, batch_dims) + 1, max_dims=3, min_side=1))
        x = draw(arrays(dtype, s))
        ishape = tuple(s[:batch_dims]) + tuple(draw(shapes(min_dims=0, max_dims=2)))
        n = s[axis]
        return x, _index_array(draw, n + (1 if oob else 0), ishape, lo=-1 if oob else 0)
    return inputs


def _gather_nd_inputs(batch_dims=0):
    def inputs(draw, dtype):
        s = draw(shapes(min_dims=batch_dims + 1, max_dims=3, min_side=1))
        x = draw(arrays(dtype, s))
        d = draw(st.integers(1, len(s) - batch_dims))
        inner = tuple(draw(shapes(min_dims=0, max_dims=2)))
        cols = [_index_array(draw, n, tuple(s[:batch_dims]) + inner + (1,)) for n in s[batch_dims:batch_dims + d]]
        return x, np.concatenate(cols, -1).astype(np.int32)
    return inputs


def _scatter_inputs(with_tensor):
    def inputs(draw, dtype):
        s = draw(shapes(min_dims=1, max_dims=3, min_side=1))
        d = draw(st.integers(1, len(s)))
        k = draw(st.integers(0, 4))
        cols = [_index_array(draw, n, (k, 1)) for n in s[:d]]
        idx = np.concatenate(cols, -1).astype(np.int32) if cols else np.zeros((k, 0), np.int32)
        upd = draw(arrays(dtype, (k,) + tuple(s[d:])))
        if with_tensor:
            return draw(arrays(dtype, s)), idx, upd
        return idx, upd, np.array(s, np.int32)
    return inputs


_SCATTER_IDX = np.array([[0, 1], [2, 0], [0, 1]], np.int32)   # a duplicate row: accumulation is checked
_SCATTER_UNIQUE = np.array([[0, 1], [2, 0]], np.int32)


def _pad_inputs(mode):
    def inputs(draw, dtype):
        s = draw(shapes(min_dims=1, max_dims=3, min_side=0 if mode == "CONSTANT" else 1))
        limit = {"CONSTANT": 3, "REFLECT": 0, "SYMMETRIC": 1}[mode]
        pads = [[draw(st.integers(-1 if mode == "CONSTANT" else 0, max(n - 1 + limit, 0) if mode != "CONSTANT"
                                  else limit)) for _ in range(2)] for n in s]
        return draw(arrays(dtype, s)), np.array(pads, np.int32)
    return inputs


def _two_same(min_dims=0, max_dims=3):
    def inputs(draw, dtype):
        s = draw(shapes(min_dims=min_dims, max_dims=max_dims))
        return draw(arrays(dtype, s)), draw(arrays(dtype, s))
    return inputs


def _select_inputs(draw, dtype):
    s = draw(shapes(min_dims=0, max_dims=3))
    c = draw(arrays("bool", tuple(1 if draw(st.booleans()) else n for n in s)))
    return c, draw(arrays(dtype, s)), draw(arrays(dtype, s[1:] if s else s))


def _mask_inputs(axis):
    def inputs(draw, dtype):
        s = draw(shapes(min_dims=axis + 1, max_dims=3))
        k = draw(st.integers(1, len(s) - axis))
        return draw(arrays(dtype, s)), draw(arrays("bool", tuple(s[axis:axis + k])))
    return inputs


def _sorted_inputs(draw, dtype):
    s = draw(shapes(min_dims=1, max_dims=2, min_side=0))
    x = np.sort(draw(arrays(dtype, s, edge=False)), axis=-1)
    v = draw(arrays(dtype, tuple(s[:-1]) + (draw(st.integers(0, 3)),)))
    return x, v


def _lengths(draw, dtype):
    return (draw(arrays(dtype, draw(shapes(min_dims=0, max_dims=2)), edge=False, lo=-1, hi=6)),)


def _int_fn(fn):
    """An op taking Python ints, as a case of no tensor inputs (the tensor is ignored)."""
    return lambda tf, *_: fn(tf)


_NONE = lambda draw, dtype: (np.zeros((), np.int32),)  # noqa: E731


CASES = [
    # ---- shapes
    OpCase("reshape[-1]", lambda tf, x: tf.reshape(x, [-1]), _one(), VALUES, grad=(0,), grad_inputs=_g((2, 3))),
    OpCase("reshape[2,-1]", lambda tf, x: tf.reshape(x, [2, -1]), _one(), VALUES + ("complex64",)),
    OpCase("reshape[-1,0]", lambda tf, x: tf.reshape(x, [-1, 0]), _one(), ("float32",)),
    OpCase("transpose", lambda tf, x: tf.transpose(x), _one(), VALUES + ("complex64",), grad=(0,),
           grad_inputs=_g((2, 3, 4))),
    OpCase("transpose[perm]", lambda tf, x: tf.transpose(x, [1, 0, 2]), _one(min_dims=3, max_dims=3), VALUES,
           grad=(0,), grad_inputs=_g((2, 3, 4))),
    OpCase("concat", lambda tf, x, y: tf.concat([x, y], -1), _two_same(min_dims=1), VALUES, grad=(0, 1),
           grad_inputs=_g((2, 3), (2, 3))),
    OpCase("stack[axis=1]", lambda tf, x, y: tf.stack([x, y], axis=1), _two_same(min_dims=1), VALUES,
           grad=(0, 1), grad_inputs=_g((2, 3), (2, 3))),
    OpCase("unstack[axis=-1]", lambda tf, x: tf.unstack(x, axis=-1), _one(min_dims=1), VALUES, grad=(0,),
           grad_inputs=_g((2, 3))),
    OpCase("split[2]", lambda tf, x: tf.split(x, 2, axis=0), _one(min_dims=1), VALUES, grad=(0,),
           grad_inputs=_g((4, 3))),
    OpCase("split[sizes,-1]", lambda tf, x: tf.split(x, [1, -1], axis=-1), _one(min_dims=1), VALUES, grad=(0,),
           grad_inputs=_g((2, 5))),
    OpCase("squeeze", lambda tf, x: tf.squeeze(x), _one(max_side=2), VALUES, grad=(0,), grad_inputs=_g((1, 3, 1))),
    OpCase("squeeze[axis=0]", lambda tf, x: tf.squeeze(x, 0), _one(min_dims=1, max_side=2), VALUES),
    OpCase("expand_dims[-1]", lambda tf, x: tf.expand_dims(x, -1), _one(), VALUES, grad=(0,), grad_inputs=_g((2,))),
    OpCase("broadcast_to", lambda tf, x: tf.broadcast_to(x, [2, 3, 4]), _one(max_dims=3, max_side=4), VALUES,
           grad=(0,), grad_inputs=_g((3, 1))),
    OpCase("cast[float32]", lambda tf, x: tf.cast(x, tf.float32), _one(), NUMERIC + ("bool",)),
    OpCase("cast[float64]", lambda tf, x: tf.cast(x, tf.float64), _one(), ("float32", "float64"), grad=(0,),
           grad_inputs=_g((2, 3))),
    OpCase("cast[int32]", lambda tf, x: tf.cast(x, tf.int32), _one(lo=-100, hi=100, edge=False),
           ("float32", "float64", "int64", "bool")),
    OpCase("reverse[-1]", lambda tf, x: tf.reverse(x, [-1]), _one(min_dims=1), VALUES, grad=(0,),
           grad_inputs=_g((2, 3))),
    OpCase("ensure_shape", lambda tf, x: tf.ensure_shape(x, [None, 2]), _one(), VALUES),
    OpCase("shape_n", lambda tf, x, y: tf.shape_n([x, y], out_type=tf.int64), _two_same(), VALUES),
    OpCase("broadcast_dynamic_shape", lambda tf, x, y: tf.broadcast_dynamic_shape(tf.shape(x), tf.shape(y)),
           lambda draw, dtype: (draw(arrays(dtype, shapes(max_side=2))), draw(arrays(dtype, shapes(max_side=2)))),
           ("float32",)),
    OpCase("identity_n", lambda tf, x, y: tf.identity_n([x, y]), _two_same(), VALUES, grad=(0, 1),
           grad_inputs=_g((2,), (3,))),
    OpCase("bitcast[int32->int16]", lambda tf, x: tf.bitcast(x, tf.int16), _one(), ("int32", "float32")),
    OpCase("bitcast[int8->int16]", lambda tf, x: tf.bitcast(x, tf.int16), _one(), ("int8", "uint8")),
    # ---- slicing
    OpCase("slice", lambda tf, x: tf.slice(x, [0, 1], [-1, 2]), _one(min_dims=2, max_dims=2), VALUES, grad=(0,),
           grad_inputs=_g((3, 4))),
    OpCase("strided_slice[masks]", lambda tf, x: tf.strided_slice(x, [1, -1], [0, 0], [2, -1], begin_mask=0,
                                                                  end_mask=1), _one(min_dims=2, max_dims=2),
           VALUES, grad=(0,), grad_inputs=_g((4, 3))),
    OpCase("strided_slice[ellipsis,new,shrink]", lambda tf, x: tf.strided_slice(
        x, [0, 0, 1], [0, 0, 2], [1, 1, 1], ellipsis_mask=2, new_axis_mask=1, shrink_axis_mask=4),
        _one(min_dims=2, max_dims=3), VALUES, grad=(0,), grad_inputs=_g((2, 3, 4))),
    OpCase("getitem[step]", lambda tf, x: x[::-2, 1:], _one(min_dims=2, max_dims=3), VALUES, grad=(0,),
           grad_inputs=_g((5, 3))),
    # ---- gather / scatter
    OpCase("gather", lambda tf, x, i: tf.gather(x, i), _gather_inputs(0, oob=True), VALUES, grad=(0,),
           grad_inputs=lambda rs: (smooth(rs, (4, 2)), np.array([[3, 0], [0, 1]], np.int32))),
    OpCase("gather[axis=-1]", lambda tf, x, i: tf.gather(x, i, axis=-1), _gather_inputs(1), VALUES, grad=(0,),
           grad_inputs=lambda rs: (smooth(rs, (2, 3)), np.array([2, 2, 0], np.int32))),
    OpCase("gather[batch_dims=1]", lambda tf, x, i: tf.gather(x, i, axis=1, batch_dims=1), _gather_inputs(1, 1),
           VALUES, grad=(0,), grad_inputs=lambda rs: (smooth(rs, (2, 3, 2)), np.array([[2, 0], [1, 1]], np.int32))),
    OpCase("gather_nd", lambda tf, x, i: tf.gather_nd(x, i), _gather_nd_inputs(), VALUES, grad=(0,),
           grad_inputs=lambda rs: (smooth(rs, (3, 2)), np.array([[2, 1], [0, 0], [2, 1]], np.int32))),
    OpCase("gather_nd[batch_dims=1]", lambda tf, x, i: tf.gather_nd(x, i, batch_dims=1), _gather_nd_inputs(1),
           VALUES, grad=(0,), grad_inputs=lambda rs: (smooth(rs, (2, 3)), np.array([[[2]], [[0]]], np.int32))),
    OpCase("scatter_nd", lambda tf, i, u, s: tf.scatter_nd(i, u, s), _scatter_inputs(False),
           ("float32", "float64", "int32"), grad=(1,),
           grad_inputs=lambda rs: (_SCATTER_IDX, smooth(rs, (3,)), np.array([3, 2], np.int32))),
    OpCase("tensor_scatter_nd_update", lambda tf, x, i, u: tf.tensor_scatter_nd_update(x, i, u),
           _scatter_inputs(True), VALUES, grad=(0, 2),
           grad_inputs=lambda rs: (smooth(rs, (3, 2)), _SCATTER_UNIQUE, smooth(rs, (2,)))),
    OpCase("tensor_scatter_nd_add", lambda tf, x, i, u: tf.tensor_scatter_nd_add(x, i, u), _scatter_inputs(True),
           NUMERIC, grad=(0, 2), grad_inputs=lambda rs: (smooth(rs, (3, 2)), _SCATTER_IDX, smooth(rs, (3,)))),
    OpCase("tensor_scatter_nd_sub", lambda tf, x, i, u: tf.tensor_scatter_nd_sub(x, i, u), _scatter_inputs(True),
           NUMERIC, grad=(0, 2), grad_inputs=lambda rs: (smooth(rs, (3, 2)), _SCATTER_IDX, smooth(rs, (3,)))),
    OpCase("tensor_scatter_nd_max", lambda tf, x, i, u: tf.tensor_scatter_nd_max(x, i, u), _scatter_inputs(True),
           ("float32", "float64", "int32"), grad=(0, 2),
           grad_inputs=lambda rs: (distinct(rs, (3, 2)), _SCATTER_UNIQUE, distinct(rs, (2,)) + 0.1)),
    OpCase("tensor_scatter_nd_min", lambda tf, x, i, u: tf.tensor_scatter_nd_min(x, i, u), _scatter_inputs(True),
           ("float32", "float64", "int32"), grad=(0, 2),
           grad_inputs=lambda rs: (distinct(rs, (3, 2)), _SCATTER_UNIQUE, distinct(rs, (2,)) + 0.1)),
    # ---- selection
    OpCase("where[1]", lambda tf, c: tf.where(c), _one(min_dims=1), ("bool", "float32", "int32")),
    OpCase("where[3]", lambda tf, c, x, y: tf.where(c, x, y), _select_inputs, VALUES, grad=(1, 2),
           grad_inputs=lambda rs: (np.array([[True], [False]]), smooth(rs, (2, 3)), smooth(rs, (3,)))),
    OpCase("boolean_mask", lambda tf, x, m: tf.boolean_mask(x, m), _mask_inputs(0), VALUES, grad=(0,),
           grad_inputs=lambda rs: (smooth(rs, (3, 2)), np.array([True, False, True]))),
    OpCase("boolean_mask[axis=1]", lambda tf, x, m: tf.boolean_mask(x, m, axis=1), _mask_inputs(1), VALUES,
           grad=(0,), grad_inputs=lambda rs: (smooth(rs, (2, 3)), np.array([False, True, True]))),
    OpCase("one_hot", lambda tf, i: tf.one_hot(i, 3), lambda draw, dtype: (
        draw(arrays(dtype, shapes(max_dims=2), edge=False, lo=-1, hi=3)),), ("int32", "int64", "uint8")),
    OpCase("one_hot[on,off,axis=0]", lambda tf, i: tf.one_hot(i, 4, on_value=5.0, off_value=-1.0, axis=0,
                                                               dtype=tf.float64),
           lambda draw, dtype: (draw(arrays(dtype, shapes(max_dims=2), edge=False, lo=-1, hi=4)),), ("int32",)),
    OpCase("searchsorted", lambda tf, s, v: tf.searchsorted(s, v), _sorted_inputs, ("float32", "float64", "int32")),
    OpCase("searchsorted[right,int64]", lambda tf, s, v: tf.searchsorted(s, v, side="right", out_type=tf.int64),
           _sorted_inputs, ("float32", "int32")),
    OpCase("sequence_mask", lambda tf, n: tf.sequence_mask(n, 4), _lengths, ("int32", "int64")),
    OpCase("sequence_mask[float32]", lambda tf, n: tf.sequence_mask(n, dtype=tf.float32), _lengths, ("int32",)),
    # ---- padding, tiling
    OpCase("pad[CONSTANT]", lambda tf, x, p: tf.pad(x, p), _pad_inputs("CONSTANT"), VALUES, grad=(0,),
           grad_inputs=lambda rs: (smooth(rs, (2, 3)), np.array([[1, 0], [2, 1]], np.int32))),
    OpCase("pad[constant_values]", lambda tf, x, p: tf.pad(x, p, constant_values=3), _pad_inputs("CONSTANT"),
           ("float32", "int32"), grad=(0,),
           grad_inputs=lambda rs: (smooth(rs, (2, 3)), np.array([[1, 0], [2, 1]], np.int32))),
    OpCase("pad[REFLECT]", lambda tf, x, p: tf.pad(x, p, "REFLECT"), _pad_inputs("REFLECT"), VALUES, grad=(0,),
           grad_inputs=lambda rs: (smooth(rs, (3, 4)), np.array([[2, 1], [3, 0]], np.int32))),
    OpCase("pad[SYMMETRIC]", lambda tf, x, p: tf.pad(x, p, "symmetric"), _pad_inputs("SYMMETRIC"), VALUES,
           grad=(0,), grad_inputs=lambda rs: (smooth(rs, (2, 3)), np.array([[2, 1], [3, 0]], np.int32))),
    OpCase("tile", lambda tf, x: tf.tile(x, [2] + [1] * (len(x.shape) - 1) if len(x.shape) else []),
           _one(), VALUES, grad=(0,), grad_inputs=_g((2, 3))),
    OpCase("tile[3,0,2]", lambda tf, x: tf.tile(x, [3, 0, 2]), _one(min_dims=3, max_dims=3), ("float32",)),
    OpCase("tile[2,3]", lambda tf, x: tf.tile(x, [2, 3]), _one(min_dims=2, max_dims=2), ("float32", "float64"),
           grad=(0,), grad_inputs=_g((2, 3))),
    OpCase("repeat", lambda tf, x: tf.repeat(x, 2), _one(), VALUES, grad=(0,), grad_inputs=_g((2, 3))),
    OpCase("repeat[list,axis=-1]", lambda tf, x: tf.repeat(x, [2, 0, 1], axis=-1),
           lambda draw, dtype: (draw(arrays(dtype, shapes(min_dims=1, max_dims=3).map(
               lambda s: s[:-1] + (3,)))),), VALUES, grad=(0,), grad_inputs=_g((2, 3))),
    OpCase("roll", lambda tf, x: tf.roll(x, [1, -2], [0, -1]), _one(min_dims=2), VALUES, grad=(0,),
           grad_inputs=_g((3, 4))),
    OpCase("meshgrid[xy]", lambda tf, x, y: tf.meshgrid(x, y), lambda draw, dtype: (
        draw(arrays(dtype, shapes(1, 1))), draw(arrays(dtype, shapes(1, 1)))), VALUES, grad=(0, 1),
        grad_inputs=_g((2,), (3,))),
    OpCase("meshgrid[ij]", lambda tf, x, y, z: tf.meshgrid(x, y, z, indexing="ij"), lambda draw, dtype: tuple(
        draw(arrays(dtype, shapes(1, 1))) for _ in range(3)), ("float32", "int32"), grad=(0, 2),
        grad_inputs=_g((2,), (3,), (2,))),
    # ---- creation
    OpCase("linspace[batched,axis=1]", lambda tf, a, b: tf.linspace(a, b, 5, axis=1), lambda draw, dtype: (
        draw(arrays(dtype, (2,), edge=False)), draw(arrays(dtype, (2,), edge=False))),
        ("float32", "float64", "int32"), grad=(0, 1), grad_inputs=_g((2,), (2,))),
    OpCase("linspace[num=1]", lambda tf, a, b: tf.linspace(a, b, 1), lambda draw, dtype: (
        draw(arrays(dtype, ())), draw(arrays(dtype, ()))), ("float32",)),
    OpCase("fill", lambda tf, v: tf.fill([2, 0, 3], v), lambda draw, dtype: (draw(arrays(dtype, ())),), VALUES),
    OpCase("eye[batch_shape]", _int_fn(lambda tf: tf.eye(2, 3, batch_shape=[2], dtype=tf.int32)), _NONE, ("int32",)),
    OpCase("range[negative delta]", _int_fn(lambda tf: tf.range(5, -3, -2)), _NONE, ("int32",)),
    OpCase("range[float64]", lambda tf, v: tf.range(v, 3.5, 0.5), lambda draw, dtype: (
        draw(arrays(dtype, (), edge=False, lo=-3, hi=3)),), ("float64",)),
]
