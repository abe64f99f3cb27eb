"""Hypothesis strategies for conformance tests, reusable by backend authors.

They draw plain Python and numpy values (no tf import): dtype names honouring a target's capability
flags, shapes, broadcastable shapes, arrays with edge values, index expressions, nested structures,
ragged row partitions and sparse index sets. A test converts them with its `tf` fixture.
"""
import collections

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from .helpers import CAPABILITY_OF

#: dtype names by kind, in TF's order
KINDS = {"bool": ("bool",), "float": ("float16", "bfloat16", "float32", "float64"),
         "int": ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"),
         "complex": ("complex64", "complex128"), "string": ("string",)}
#: value ranges drawn for integer dtypes (wide enough for wrapping, narrow enough for exact sums)
INT_RANGE = {"int8": (-100, 100), "uint8": (0, 200), "int16": (-1000, 1000), "int32": (-1000, 1000),
             "int64": (-1000, 1000), "uint16": (0, 1000), "uint32": (0, 1000), "uint64": (0, 1000)}
EDGE_FLOATS = (0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan)
# a namedtuple for nested structures (tf.nest treats namedtuples as sequences that keep their type)
Pair = collections.namedtuple("Pair", ["first", "second"])
# a valid row partition of `nvals` values into `nrows` rows, in all of TF's encodings (int64 arrays)
RowPartition = collections.namedtuple("RowPartition", ["row_splits", "row_lengths", "value_rowids", "nrows", "nvals"])


def supported(dtype, capabilities):
    """True when a target with these capability flags (None: real TF, all of them) has `dtype`."""
    return capabilities is None or dtype not in CAPABILITY_OF or CAPABILITY_OF[dtype] in capabilities


def dtype_names(*kinds, capabilities=None):
    """The dtype names of these kinds ('bool', 'float', 'int', 'complex', 'string') the target supports."""
    return [d for k in kinds for d in KINDS[k] if supported(d, capabilities)]


def dtypes(*kinds, capabilities=None):
    """Dtype names of the given kinds (default: all but string), filtered by the target's capabilities."""
    return st.sampled_from(dtype_names(*(kinds or ("bool", "float", "int", "complex")), capabilities=capabilities))


def shapes(min_dims=0, max_dims=3, min_side=0, max_side=4):
    """Array shapes, empty dimensions included unless min_side > 0."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, min_side=0, max_side=4):
    """Tuples of `num_shapes` shapes that broadcast together (size-1 and missing axes, empty axes too)."""
    return hnp.mutually_broadcastable_shapes(num_shapes=num_shapes, min_dims=min_dims, max_dims=max_dims,
                                             min_side=min_side, max_side=max_side).map(lambda b: b.input_shapes)


def shape_tuples(num_shapes=2, **bounds):
    """Tuples of shapes that mostly broadcast together and sometimes do not (for the error path)."""
    return st.one_of(broadcastable_shapes(num_shapes, **bounds),
                     st.tuples(*[shapes(**bounds)] * num_shapes))


def elements(dtype, lo=-10.0, hi=10.0, edge=True):
    """Elements of `dtype`: floats in [lo, hi] (plus inf/nan/zeros when `edge`), ints in a safe range."""
    if dtype == "bool":
        return st.booleans()
    if dtype == "string":
        return st.binary(max_size=6)
    if dtype in INT_RANGE:
        a, b = INT_RANGE[dtype]
        return st.integers(max(a, int(lo)) if lo > a else a, min(b, int(hi)) if hi < b else b)
    # TF flushes subnormal results to zero on CPU: keep inputs away from the subnormal range
    width = 16 if dtype in ("float16", "bfloat16") else 32 if dtype in ("float32", "complex64") else 64
    finite = st.floats(lo, hi, width=width).filter(lambda v: v == 0 or abs(v) > 1e-3)
    if dtype.startswith("complex"):
        # finite parts only: with inf/nan parts numpy and torch follow C99's complex rules and TF
        # follows Eigen's (e.g. 1/(0+inf j)); tfcompat does not emulate Eigen there
        # (and no complex zero: division by 0+0j is where the two rule sets differ most)
        nonzero = finite.filter(lambda v: v != 0)
        parts = st.one_of(nonzero, st.sampled_from((1.0, -1.0))) if edge else nonzero
        return st.builds(complex, parts, parts)
    return st.one_of(finite, st.sampled_from(EDGE_FLOATS)) if edge else finite


def numpy_dtype(dtype):
    """The numpy dtype arrays of a TF dtype name are drawn in (bfloat16 as float32, string as object)."""
    return np.dtype({"bfloat16": "float32", "string": "object"}.get(dtype, dtype))


def arrays(dtype, shape=None, lo=-10.0, hi=10.0, edge=True, **shape_kwargs):
    """Numpy arrays of `dtype` (a TF dtype name; bfloat16 comes as float32) and the given or a drawn shape."""
    return hnp.arrays(numpy_dtype(dtype), shape if shape is not None else shapes(**shape_kwargs),
                      elements=elements(dtype, lo, hi, edge))


def slices(size, max_step=4):
    """Slices of an axis of `size`: bounds None, negative or past either end (TF clamps), nonzero steps."""
    bound = st.one_of(st.none(), st.integers(-size - 3, size + 3))
    step = st.one_of(st.none(), st.integers(-max_step, max_step).filter(lambda s: s != 0))
    return st.builds(slice, bound, bound, step)


@st.composite
def index_expressions(draw, shape, newaxis=True, ellipsis=True):
    """Basic `__getitem__` keys for `shape`: ints (negative too), slices, at most one Ellipsis, newaxis.

    A key of one entry is sometimes drawn bare (`x[2]` rather than `x[(2,)]`); `()` is a valid key.
    """
    kinds = ["int", "slice", "stop"] + ["none"] * newaxis + ["ellipsis"] * ellipsis
    key, axis = [], 0
    while axis < len(shape):
        kind = draw(st.sampled_from(kinds))
        if kind == "stop":
            break
        if kind == "none":
            key.append(None)
        elif kind == "ellipsis":
            # the ellipsis spans the axes up to the `rest` that the following entries index (all of them:
            # entries after an ellipsis align with the last axes)
            kinds = [k for k in kinds if k not in ("ellipsis", "stop")]
            key.append(Ellipsis)
            axis = len(shape) - draw(st.integers(0, len(shape) - axis))
        elif kind == "int" and shape[axis] > 0:
            key.append(draw(st.integers(-shape[axis], shape[axis] - 1)))
            axis += 1
        else:
            key.append(draw(slices(shape[axis])))
            axis += 1
    if newaxis and draw(st.booleans()):
        key.append(None)
    if len(key) == 1 and draw(st.booleans()):
        return key[0]
    return tuple(key)


def nested_structures(leaves, max_leaves=8):
    """Lists, tuples, dicts (str keys) and `Pair` namedtuples of `leaves`, nested, empty ones included."""
    keys = st.sampled_from("abcdef")
    return st.recursive(leaves, lambda children: st.one_of(
        st.lists(children, max_size=3), st.lists(children, max_size=3).map(tuple),
        st.dictionaries(keys, children, max_size=3), st.builds(Pair, children, children)),
        max_leaves=max_leaves)


@st.composite
def row_partitions(draw, max_rows=5, max_row_length=4):
    """A `RowPartition`: row lengths (empty rows and zero rows included) and their row_splits/value_rowids."""
    lengths = np.array(draw(st.lists(st.integers(0, max_row_length), max_size=max_rows)), np.int64)
    splits = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    rowids = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    return RowPartition(splits, lengths, rowids, len(lengths), int(splits[-1]))


@st.composite
def sparse_indices(draw, dense_shape=None, max_nnz=6):
    """(indices, dense_shape): int64 [nnz, rank] indices, unique, in row-major order, within the shape."""
    if dense_shape is None:
        dense_shape = draw(shapes(min_dims=1, max_dims=3, max_side=5))
    size = int(np.prod(dense_shape))
    flat = sorted(draw(st.sets(st.integers(0, size - 1), max_size=min(max_nnz, size)))) if size else []
    indices = np.stack(np.unravel_index(np.array(flat, np.int64), dense_shape), axis=1) if flat \
        else np.zeros([0, len(dense_shape)], np.int64)
    return indices.astype(np.int64), tuple(dense_shape)
