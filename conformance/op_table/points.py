"""Hypothesis helpers for op-table inputs: shapes, dtype-aware arrays with edge values."""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

INT_RANGE = {"int8": (-100, 100), "uint8": (0, 200), "int16": (-1000, 1000), "int32": (-1000, 1000),
             "int64": (-1000, 1000), "uint16": (0, 1000), "uint32": (0, 1000), "uint64": (0, 1000)}
EDGE_FLOATS = (0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan)


def shapes(min_dims=0, max_dims=3, min_side=0, max_side=4):
    """Array shapes, empty dimensions included unless min_side > 0."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def elements(dtype, lo=-10.0, hi=10.0, edge=True):
    """Elements of `dtype`: floats in [lo, hi] (plus inf/nan/zeros when `edge`), ints in a safe range."""
    if dtype == "bool":
        return st.booleans()
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


def arrays(dtype, shape=None, lo=-10.0, hi=10.0, edge=True, **shape_kwargs):
    """Numpy arrays of `dtype` (a TF dtype name) and the given or a drawn shape."""
    np_dtype = np.dtype("float32") if dtype == "bfloat16" else np.dtype(dtype)
    return hnp.arrays(np_dtype, shape if shape is not None else shapes(**shape_kwargs),
                      elements=elements(dtype, lo, hi, edge))


def smooth(rs, shape, lo=-1.0, hi=1.0):
    """Float64 values uniform in [lo, hi]: a smooth point for gradient checks."""
    return rs.uniform(lo, hi, shape)


def away_from_zero(rs, shape, lo=0.2, hi=1.0):
    """Float64 values with |x| in [lo, hi], random signs: away from a kink at 0."""
    return rs.uniform(lo, hi, shape) * rs.choice([-1.0, 1.0], shape)


def distinct(rs, shape):
    """Float64 values that are pairwise well separated (for max/sort-like ops)."""
    n = int(np.prod(shape))
    return (rs.permutation(n) * 0.37 - n * 0.15).reshape(shape)
