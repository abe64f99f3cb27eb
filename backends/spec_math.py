"""The contract of the math kernels: name -> one-line semantics (merged into `base.KERNELS`).

Sorting kernels order NaN as larger than every number (last ascending, first descending) and keep
equal keys in their original order in both directions.
"""

KERNELS = {
    "sort": "Values sorted along the last axis, ascending or (`descending`) descending; stable, NaN largest.",
    "argsort": "The stable sorting permutation (int64) along the last axis, ascending or `descending`, NaN largest.",
    "top_k": "(values, int64 indices) of the `k` largest along the last axis, descending, ties to the lower "
             "index, NaN largest.",
    "unique": "(y, idx, counts) of a 1-D array: its distinct values in first-occurrence order, the index of each "
              "element's value in y (int64) and each value's count (int64); NaNs are all distinct, -0 == 0.",
    "bincount": "A 1-D array of `length` and `dtype`: at each v, the count of the int64 values x == v (or the sum "
                "of their `weights`, an array like x or None); values outside [0, length) are ignored.",
    "segment_reduce": "Reduction `kind` ('sum', 'prod', 'max', 'min') of the rows of x (shape (n, ...)) into "
                      "`num` segments by the int64 ids (shape (n,)); ids < 0 are dropped; an empty segment "
                      "holds 0 (sum), 1 (prod), the dtype's lowest (max) or highest (min) finite value.",
    "polygamma": "psi^(n)(x) elementwise (n and x broadcast, same float dtype) for integral n >= 0: digamma at n = 0, "
                 "(-1)**(n+1) n! zeta(n+1, x) above; NaN for non-integral n.",
    "complex": "The complex array with real part x and imaginary part y (same float dtype, broadcast), exact for "
               "inf and NaN parts.",
    "matmul_int": "Integer matrix product with batch broadcasting, wrapping on overflow, on any device.",
}
