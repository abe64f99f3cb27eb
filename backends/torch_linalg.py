"""PyTorch backend: linear-algebra kernels: decompositions, solves, determinants, einsum."""
import torch

from .numpy_linalg import has_zero_pivot

_HALF = (torch.float16, torch.bfloat16)


def _up(x):
    """x in a dtype torch.linalg computes in (half precision -> float32), and the dtype to round back to."""
    return (x.float(), x.dtype) if x.dtype in _HALF else (x, None)


def _down(y, dt):
    return y if dt is None else y.to(dt)


def _diag_index(m, n, k, device):
    """Row and column indices of the k-th diagonal of an m x n matrix."""
    length = max(0, min(m + min(k, 0), n - max(k, 0)))
    i = torch.arange(length, device=device)
    return i - min(k, 0), i + max(k, 0)


def _norm1(x):
    return x.abs().sum(-2).amax(-1) if x.numel() else torch.zeros(x.shape[:-2], device=x.device)


def _singular(a, x, b=None):
    """TF's zero-pivot test, run on a host copy only when LAPACK's result looks singular (see numpy's)."""
    if bool(torch.isfinite(x).all()):
        ratio = _norm1(a) * _norm1(x)
        if b is not None:
            ratio = ratio / _norm1(b).clamp_min(1e-30)
        if not bool((ratio * torch.finfo(a.real.dtype if a.is_complex() else a.dtype).eps > 1).any()):
            return False
    return has_zero_pivot(a.resolve_conj().cpu().numpy())


class LinalgKernels:
    """Mixin of `TorchBackend` with the linalg kernels."""

    @staticmethod
    def einsum(equation, *xs):
        return torch.einsum(equation, *xs)

    @staticmethod
    def matrix_inverse(x):
        x, dt = _up(x)
        inv, info = torch.linalg.inv_ex(x)
        if bool((info != 0).any()) or _singular(x, inv):
            raise ValueError("Input is not invertible.")
        return _down(inv, dt)

    @staticmethod
    def matrix_determinant(x):
        return torch.linalg.det(x)

    @staticmethod
    def slogdet(x):
        sign, logabs = torch.linalg.slogdet(x)
        return sign, logabs.to(x.dtype)

    @staticmethod
    def cholesky(x):
        x, dt = _up(x)
        low, info = torch.linalg.cholesky_ex(x)
        failed = (info != 0)[..., None, None]
        tril = torch.ones(x.shape[-2:], dtype=torch.bool, device=x.device).tril()
        low = torch.where(failed & tril, torch.full((), float("nan"), dtype=x.dtype, device=x.device),
                          torch.where(failed, torch.zeros((), dtype=x.dtype, device=x.device), low))
        return _down(low, dt)

    @staticmethod
    def qr(x, full_matrices):
        x, dt = _up(x)
        q, r = torch.linalg.qr(x, mode="complete" if full_matrices else "reduced")
        return _down(q, dt), _down(r, dt)

    @staticmethod
    def svd(x, full_matrices, compute_uv):
        x, dt = _up(x)
        if not compute_uv:
            return _down(torch.linalg.svdvals(x), dt)
        u, s, vh = torch.linalg.svd(x, full_matrices=full_matrices)
        return _down(s, dt), _down(u, dt), _down(vh.mH.resolve_conj(), dt)

    @staticmethod
    def eigh(x, compute_v):
        x, dt = _up(x)
        if not compute_v:
            return _down(torch.linalg.eigvalsh(x, UPLO="L"), dt)
        e, v = torch.linalg.eigh(x, UPLO="L")
        return _down(e, dt), _down(v, dt)

    @staticmethod
    def matrix_solve(a, b, adjoint):
        (a, dt), (b, _) = _up(a), _up(b)
        a = a.mH if adjoint else a
        x, info = torch.linalg.solve_ex(a, b)
        if bool((info != 0).any()) or _singular(a, x, b):
            raise ValueError("Input matrix is not invertible.")
        return _down(x, dt)

    @staticmethod
    def triangular_solve(a, b, lower, adjoint):
        (a, dt), (b, _) = _up(a), _up(b)
        if adjoint:
            a, lower = a.mH, not lower
        shape = torch.broadcast_shapes(a.shape[:-2], b.shape[:-2])
        a = a.expand(shape + a.shape[-2:])
        b = b.expand(shape + b.shape[-2:])
        return _down(torch.linalg.solve_triangular(a, b, upper=not lower), dt)

    @staticmethod
    def matrix_diag_part(x, k):
        return torch.diagonal(x, offset=k, dim1=-2, dim2=-1).clone()

    @staticmethod
    def matrix_diag(x, k, num_rows, num_cols, padding):
        out = torch.full(x.shape[:-1] + (num_rows, num_cols), padding, dtype=x.dtype, device=x.device)
        rows, cols = _diag_index(num_rows, num_cols, k, x.device)
        out[..., rows, cols] = x
        return out

    @staticmethod
    def matrix_set_diag(x, diag, k):
        out = x.clone()
        rows, cols = _diag_index(x.shape[-2], x.shape[-1], k, x.device)
        out[..., rows, cols] = diag
        return out

    @staticmethod
    def band_part(x, lower, upper):
        m, n = x.shape[-2:]
        d = torch.arange(m, device=x.device)[:, None] - torch.arange(n, device=x.device)[None, :]
        keep = ((d <= lower) | (lower < 0)) & ((-d <= upper) | (upper < 0))
        return torch.where(keep, x, torch.zeros((), dtype=x.dtype, device=x.device))

    @staticmethod
    def cross(a, b):
        return torch.linalg.cross(a, b, dim=-1)
