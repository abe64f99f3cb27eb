"""Gradient-check points for op-table cases: smooth float64 inputs drawn from a numpy RandomState."""
import numpy as np


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
