"""NumPy backend: linear-algebra kernels: decompositions, solves, determinants, einsum."""
import numpy as np

_HALF = (np.float16,)


def _up(x):
    """x in a dtype np.linalg computes in (float16 -> float32), and the dtype to round back to."""
    return (x.astype(np.float32), x.dtype) if x.dtype in _HALF else (x, None)


def _down(y, dt):
    return y if dt is None else y.astype(dt)


def _adj(x):
    return np.conj(np.swapaxes(x, -1, -2))


def _diag_index(m, n, k):
    """Row and column indices of the k-th diagonal of an m x n matrix."""
    length = max(0, min(m + min(k, 0), n - max(k, 0)))
    i = np.arange(length)
    return i - min(k, 0), i + max(k, 0)


def _cholesky_columns(a):
    """Column-by-column Cholesky (vectorised over the batch) and the mask of the matrices that fail."""
    n = a.shape[-1]
    low = np.zeros_like(a)
    failed = np.zeros(a.shape[:-2], bool)
    for j in range(n):  # a loop over the matrix order, as LAPACK's own
        row = low[..., j, :j]
        d = (a[..., j, j] - np.sum(row * np.conj(row), -1)).real
        failed |= ~(d > 0)
        pivot = np.sqrt(np.where(d > 0, d, 1.0))
        low[..., j, j] = pivot
        rest = a[..., j + 1:, j] - np.einsum("...ik,...k->...i", low[..., j + 1:, :j], np.conj(row))
        low[..., j + 1:, j] = rest / pivot[..., None]
    return low, failed


def _norm1(x):
    return np.max(np.sum(np.abs(x), -2), -1) if x.size else np.zeros(x.shape[:-2])


def suspicious(a, x, scale=None):
    """True when a solution x of a x = b looks like LAPACK's answer for an exactly singular a (whose
    blocked LU can miss the zero pivot that TF's Eigen LU finds): non-finite or condition ~ 1/eps."""
    if not np.isfinite(x).all():
        return True
    ratio = _norm1(a) * _norm1(x) / (scale if scale is not None else 1.0)
    return bool(np.any(ratio * np.finfo(a.dtype).eps > 1))


def has_zero_pivot(a):
    """Whether Eigen's unblocked partial-pivot LU (TF's test) meets a zero or NaN pivot in any matrix."""
    a = np.array(a)
    n = a.shape[-1]
    zero = np.zeros(a.shape[:-2], bool)
    rows = np.broadcast_to(np.arange(n), a.shape[:-1])
    for k in range(n):  # a loop over the matrix order, vectorised over the batch
        p = np.argmax(np.abs(a[..., k:, k]), -1) + k
        perm = rows.copy()
        np.put_along_axis(perm, p[..., None], k, -1)
        perm[..., k] = p
        a = np.take_along_axis(a, perm[..., None], -2)
        pivot = a[..., k, k]
        bad = ~(np.abs(pivot) > 0)
        zero |= bad
        a[..., k + 1:, k] /= np.where(bad, 1, pivot)[..., None]
        a[..., k + 1:, k + 1:] -= a[..., k + 1:, k:k + 1] * a[..., k:k + 1, k + 1:]
    return bool(zero.any())


class LinalgKernels:
    """Mixin of `NumpyBackend` with the linalg kernels."""

    @staticmethod
    def einsum(equation, *xs):
        return np.asarray(np.einsum(equation, *xs, optimize=len(xs) > 1))

    @staticmethod
    def matrix_inverse(x):
        x, dt = _up(x)
        try:
            inv = np.linalg.inv(x)
        except np.linalg.LinAlgError:
            raise ValueError("Input is not invertible.") from None
        if suspicious(x, inv) and has_zero_pivot(x):
            raise ValueError("Input is not invertible.")
        return _down(inv, dt)

    @staticmethod
    def matrix_determinant(x):
        return np.asarray(np.linalg.det(x))

    @staticmethod
    def slogdet(x):
        sign, logabs = np.linalg.slogdet(x)
        return np.asarray(sign, x.dtype), np.asarray(logabs, x.dtype)

    @staticmethod
    def cholesky(x):
        x, dt = _up(x)
        try:
            return _down(np.linalg.cholesky(x), dt)
        except np.linalg.LinAlgError:
            low, failed = _cholesky_columns(x)
            tril = np.tril(np.ones(x.shape[-2:], bool))
            return _down(np.where(failed[..., None, None] & tril, np.nan, low), dt)

    @staticmethod
    def qr(x, full_matrices):
        x, dt = _up(x)
        q, r = np.linalg.qr(x, mode="complete" if full_matrices else "reduced")
        return _down(q, dt), _down(r, dt)

    @staticmethod
    def svd(x, full_matrices, compute_uv):
        x, dt = _up(x)
        if not compute_uv:
            return _down(np.linalg.svd(x, compute_uv=False), dt)
        u, s, vh = np.linalg.svd(x, full_matrices=full_matrices)
        return _down(s, dt), _down(u, dt), _down(_adj(vh), dt)

    @staticmethod
    def eigh(x, compute_v):
        x, dt = _up(x)
        if not compute_v:
            return _down(np.linalg.eigvalsh(x, UPLO="L"), dt)
        e, v = np.linalg.eigh(x, UPLO="L")
        return _down(e, dt), _down(v, dt)

    @staticmethod
    def matrix_solve(a, b, adjoint):
        (a, dt), (b, _) = _up(a), _up(b)
        a = _adj(a) if adjoint else a
        try:
            x = np.linalg.solve(a, b)
        except np.linalg.LinAlgError:
            raise ValueError("Input matrix is not invertible.") from None
        if suspicious(a, x, np.maximum(_norm1(b), np.finfo(a.dtype).tiny)) and has_zero_pivot(a):
            raise ValueError("Input matrix is not invertible.")
        return _down(x, dt)

    @staticmethod
    def triangular_solve(a, b, lower, adjoint):
        (a, dt), (b, _) = _up(a), _up(b)
        t = np.tril(a) if lower else np.triu(a)
        if adjoint:
            t, lower = _adj(t), not lower
        try:
            return _down(np.linalg.solve(t, b), dt)
        except np.linalg.LinAlgError:  # a zero pivot: substitution, giving inf/nan as TF does
            return _down(_substitute(t, b, lower), dt)

    @staticmethod
    def matrix_diag_part(x, k):
        return np.diagonal(x, offset=k, axis1=-2, axis2=-1).copy()

    @staticmethod
    def matrix_diag(x, k, num_rows, num_cols, padding):
        out = np.full(x.shape[:-1] + (num_rows, num_cols), padding, x.dtype)
        rows, cols = _diag_index(num_rows, num_cols, k)
        out[..., rows, cols] = x
        return out

    @staticmethod
    def matrix_set_diag(x, diag, k):
        out = x.copy()
        rows, cols = _diag_index(x.shape[-2], x.shape[-1], k)
        out[..., rows, cols] = diag
        return out

    @staticmethod
    def band_part(x, lower, upper):
        m, n = x.shape[-2:]
        d = np.arange(m)[:, None] - np.arange(n)[None, :]
        keep = ((lower < 0) | (d <= lower)) & ((upper < 0) | (-d <= upper))
        return np.where(keep, x, np.zeros((), x.dtype))

    @staticmethod
    def cross(a, b):
        return np.cross(a, b)


def _substitute(t, b, lower):
    """Forward (lower) or back substitution for triangular t, vectorised over batch and columns."""
    shape = np.broadcast_shapes(t.shape[:-2], b.shape[:-2])
    t = np.broadcast_to(t, shape + t.shape[-2:])
    x = np.zeros(shape + b.shape[-2:], np.result_type(t, b))
    b = np.broadcast_to(b, x.shape)
    n = t.shape[-1]
    for i in (range(n) if lower else range(n - 1, -1, -1)):
        acc = np.einsum("...k,...kj->...j", t[..., i, :], x)
        x[..., i, :] = (b[..., i, :] - acc) / t[..., i, i][..., None]
    return x
