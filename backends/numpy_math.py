"""NumPy backend: math kernels beyond the core: sorting, top_k, unique, bincount, segment reductions,
polygamma and integer matmul. All vectorised."""
import math

import numpy as np

# the Euler-Maclaurin coefficients of Cephes' Hurwitz zeta (as in Eigen, hence TF)
_ZETA_A = (12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
           -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15,
           1.8152105401943546773e17, -7.1661652561756670113e18)
_FACTORIAL = np.array([float(math.factorial(k)) for k in range(171)])
_IDENTITY = {"sum": np.add, "prod": np.multiply, "max": np.fmax, "min": np.fmin}


def _argsort(x, descending):
    """Stable argsort along the last axis; descending reverses a stable sort of the reversed array,
    so that equal keys keep their order and NaN (last ascending) comes first."""
    if not descending:
        return np.argsort(x, axis=-1, kind="stable")
    n = x.shape[-1]
    return (n - 1) - np.argsort(x[..., ::-1], axis=-1, kind="stable")[..., ::-1]


def _extreme(dtype, lowest):
    """The dtype's lowest or highest finite value (TF's empty-segment max/min)."""
    if dtype.kind == "f" or dtype.name == "bfloat16":
        import ml_dtypes
        info = ml_dtypes.finfo(dtype)
    else:
        info = np.iinfo(dtype)
    return info.min if lowest else info.max


def _zeta(s, q):
    """Hurwitz zeta(s, q) for s > 1, vectorised after Cephes: a direct sum up to q + N > 9, then the
    Euler-Maclaurin tail."""
    s, q = np.broadcast_arrays(np.asarray(s, np.float64), np.asarray(q, np.float64))
    total = q ** -s
    a = q.copy()
    steps = 9 + (int(math.ceil(9 - np.nanmin(q))) if q.size and np.nanmin(q) < 0 else 0)
    b = np.zeros_like(q)
    for _ in range(steps):
        a = a + 1.0
        b = a ** -s
        total = total + b
    w = a
    total = total + b * w / (s - 1.0) - 0.5 * b
    fac, k = np.ones_like(q), 0.0
    for coeff in _ZETA_A:
        fac = fac * (s + k)
        b = b / w
        total = total + fac * b / coeff
        k += 1.0
        fac = fac * (s + k)
        b = b / w
        k += 1.0
    bad_pole = (q <= 0) & (q == np.floor(q))
    total = np.where(s == 1.0, np.inf, total)
    return np.where(bad_pole, np.inf, total)


class MathKernels:
    """Mixin of `NumpyBackend` with the math kernels."""

    def sort(self, x, descending):
        if not descending:
            return np.sort(x, axis=-1, kind="stable")
        return np.take_along_axis(x, _argsort(x, True), -1)

    def argsort(self, x, descending):
        return _argsort(x, descending).astype(np.int64)

    def top_k(self, x, k):
        idx = _argsort(x, True)[..., :k]
        return np.take_along_axis(x, idx, -1), idx.astype(np.int64)

    def unique(self, x):
        n = x.shape[0]
        order = np.argsort(x, kind="stable")
        s = x[order]
        start = np.ones(n, bool)
        if n:
            start[1:] = s[1:] != s[:-1]          # NaN != NaN: every NaN starts a group of its own
        group = np.cumsum(start) - 1             # group of each sorted element
        first = order[start]                     # first occurrence of each group (stable sort)
        rank = np.empty(first.shape[0], np.int64)
        by_first = np.argsort(first, kind="stable")
        rank[by_first] = np.arange(first.shape[0])
        idx = np.empty(n, np.int64)
        idx[order] = rank[group]
        counts = np.bincount(idx, minlength=first.shape[0]).astype(np.int64)
        return x[first[by_first]], idx, counts

    def bincount(self, x, weights, length, dtype):
        keep = (x >= 0) & (x < length)
        out = np.zeros(length, self.native_dtype(dtype))
        np.add.at(out, x[keep], 1 if weights is None else weights[keep])
        return out

    def segment_reduce(self, x, ids, num, kind):
        ufunc = _IDENTITY[kind]
        init = {"sum": 0, "prod": 1}.get(kind)
        if init is None:
            init = _extreme(x.dtype, kind == "max")
        out = np.full((num,) + x.shape[1:], init, x.dtype)
        keep = ids >= 0
        ufunc.at(out, ids[keep], x[keep])
        return out

    def polygamma(self, n, x):
        dt = x.dtype
        n64, x64 = n.astype(np.float64), x.astype(np.float64)
        whole = (n64 == np.floor(n64)) & (n64 >= 0)
        order = np.clip(np.where(whole, n64, 1), 0, 170).astype(np.int64)
        sign = np.where(order % 2 == 1, 1.0, -1.0)
        higher = sign * _FACTORIAL[order] * _zeta(order + 1.0, x64)
        out = np.where(order == 0, self.digamma(x64) if np.any(order == 0) else 0.0, higher)
        return np.where(whole, out, np.nan).astype(dt)

    def complex(self, x, y):
        x, y = np.broadcast_arrays(x, y)
        out = np.empty(x.shape, np.complex64 if x.dtype == np.float32 else np.complex128)
        out.real, out.imag = x, y
        return out

    def matmul_int(self, a, b):
        return np.matmul(a, b)
