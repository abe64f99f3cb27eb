"""Op-table cases for linear algebra: einsum, tensordot, matvec, decompositions, solves, norms, diagonals.

Matrix inputs are well conditioned (M M^H + n I, or M + n I); decompositions whose signs TF leaves
undefined (svd, eigh) are compared after fixing each vector's sign by its first entry.
"""
import numpy as np

from .spec import OpCase
from ..strategies import arrays
from .points import away_from_zero, distinct, smooth

F = ("float32", "float64")
FC = F + ("complex64",)
DECOMP_TOL = {"float32": (2e-3, 2e-4), "complex64": (2e-3, 2e-4)}


def _np_dtype(dtype):
    return np.float32 if dtype == "bfloat16" else np.dtype(dtype)


def _m(draw, dtype, shape, lo=-1.0, hi=1.0):
    return draw(arrays(dtype, shape, lo=lo, hi=hi, edge=False))


def _spd(draw, dtype, shape=(2, 3, 3)):
    """Hermitian positive definite matrices M M^H + n I."""
    m = _m(draw, dtype, shape).astype(np.complex128 if dtype.startswith("complex") else np.float64)
    n = shape[-1]
    a = m @ np.conj(np.swapaxes(m, -1, -2)) + np.diag(np.arange(n, 2 * n) * 1.5)  # distinct eigenvalues
    return a.astype(_np_dtype(dtype))


def _wellcond(draw, dtype, shape=(2, 3, 3)):
    """Diagonally dominant (so invertible) general matrices M + n I."""
    return (_m(draw, dtype, shape) + shape[-1] * np.eye(shape[-1])).astype(_np_dtype(dtype))


def _distinct(draw, dtype, shape):
    """Full-rank matrices with well separated singular values: small noise on a diagonal 3, 2, 1, ..."""
    k = min(shape[-2:])
    base = np.zeros(shape[-2:])
    base[np.arange(k), np.arange(k)] = np.arange(k, 0, -1) * 1.5
    return (base + 0.3 * _m(draw, dtype, shape)).astype(_np_dtype(dtype))


def _g_distinct(shape):
    def make(rs):
        k = min(shape[-2:])
        base = np.zeros(shape[-2:])
        base[np.arange(k), np.arange(k)] = np.arange(k, 0, -1) * 1.5
        return (base + 0.3 * rs.uniform(-1, 1, shape),)
    return make


def _g_spd(rs, shape=(2, 3, 3)):
    m = rs.uniform(-1, 1, shape)
    return m @ np.swapaxes(m, -1, -2) + shape[-1] * np.eye(shape[-1])


def _g_wellcond(rs, shape=(2, 3, 3)):
    return rs.uniform(-1, 1, shape) + shape[-1] * np.eye(shape[-1])


def _sym(tf, x):
    """(x + x^H) / 2: the symmetric perturbations for which Cholesky's gradient is defined."""
    return (x + tf.linalg.adjoint(x)) / 2


def _fix_signs(tf, *vs):
    """Vectors (columns) with the sign of the first one's first row, applied to all."""
    d = tf.sign(tf.math.real(vs[0][..., :1, :]))
    d = tf.cast(d, vs[0].dtype)
    return tuple(v * d for v in vs)


def _svd_uv(tf, x, full=False):
    s, u, v = tf.linalg.svd(x, full_matrices=full, compute_uv=True)
    if full:  # the extra columns of u (or v) have a sign of their own
        return s, tf.linalg.matmul(u[..., :, :s.shape[-1]] * s[..., None, :], v[..., :, :s.shape[-1]], adjoint_b=True)
    return (s,) + _fix_signs(tf, u, v)


def _eigh(tf, x):
    e, v = tf.linalg.eigh(x)
    return (e,) + _fix_signs(tf, v)


def _edge(dtype, edge):
    """Complex products with inf/nan differ between BLAS and Eigen (inf vs nan): finite complex inputs."""
    return edge and not dtype.startswith("complex")


def _pair(shape_a, shape_b, lo=-10.0, hi=10.0, edge=True):
    return lambda draw, dtype: (draw(arrays(dtype, shape_a, lo=lo, hi=hi, edge=_edge(dtype, edge))),
                                draw(arrays(dtype, shape_b, lo=lo, hi=hi, edge=_edge(dtype, edge))))


def _one(shape, lo=-10.0, hi=10.0, edge=True):
    return lambda draw, dtype: (draw(arrays(dtype, shape, lo=lo, hi=hi, edge=_edge(dtype, edge))),)


def _g(*shapes):
    return lambda rs: tuple(smooth(rs, s) for s in shapes)


EINSUM_DTYPES = ("float16", "float32", "float64", "int32", "complex64")

CASES = [
    # ---- einsum (behaviour OP-16)
    OpCase("einsum[ij,jk->ik]", lambda tf, a, b: tf.einsum("ij,jk->ik", a, b), _pair((2, 3), (3, 4)),
           EINSUM_DTYPES, grad=(0, 1), grad_inputs=_g((2, 3), (3, 4)), tol={"float16": (1e-2, 5e-2)}),
    OpCase("einsum[...ij,...jk->...ik]", lambda tf, a, b: tf.einsum("...ij,...jk->...ik", a, b),
           _pair((2, 1, 2, 3), (4, 3, 2)), F, grad=(0, 1), grad_inputs=_g((2, 1, 2, 3), (4, 3, 2))),
    OpCase("einsum[i...j->j...i]", lambda tf, a: tf.einsum("i...j->j...i", a), _one((2, 3, 1, 4)), F,
           grad=(0,), grad_inputs=_g((2, 3, 1, 4))),
    OpCase("einsum[ii]", lambda tf, a: tf.einsum("ii", a), _one((3, 3)), F + ("int32",),
           grad=(0,), grad_inputs=_g((3, 3))),
    OpCase("einsum[ii->i]", lambda tf, a: tf.einsum("ii->i", a), _one((3, 3)), F,
           grad=(0,), grad_inputs=_g((3, 3))),
    OpCase("einsum[iij->ij]", lambda tf, a: tf.einsum("iij->ij", a), _one((2, 2, 3)), F,
           grad=(0,), grad_inputs=_g((2, 2, 3))),
    OpCase("einsum[i,j->ij]", lambda tf, a, b: tf.einsum("i,j->ij", a, b), _pair((3,), (2,)), F,
           grad=(0, 1), grad_inputs=_g((3,), (2,))),
    OpCase("einsum[ij->]", lambda tf, a: tf.einsum("ij->", a), _one((2, 3)), F, grad=(0,), grad_inputs=_g((2, 3))),
    OpCase("einsum[ij,j->]", lambda tf, a, b: tf.einsum("ij,j->", a, b), _pair((2, 3), (3,)), F,
           grad=(0, 1), grad_inputs=_g((2, 3), (3,))),
    OpCase("einsum[ba]", lambda tf, a: tf.einsum("ba", a), _one((1, 3)), F),
    OpCase("einsum[i,ij,j->]", lambda tf, a, b, c: tf.einsum("i,ij,j->", a, b, c),
           lambda draw, dtype: (draw(arrays(dtype, (2,))), draw(arrays(dtype, (2, 3))), draw(arrays(dtype, (3,)))),
           F, grad=(0, 1, 2), grad_inputs=_g((2,), (2, 3), (3,))),
    OpCase("einsum[bij,bjk->bik]", lambda tf, a, b: tf.einsum("bij,bjk->bik", a, b), _pair((2, 2, 3), (2, 3, 2)),
           ("float32", "float64", "complex64"), grad=(0, 1), grad_inputs=_g((2, 2, 3), (2, 3, 2))),
    OpCase("einsum[mixed dtypes]", lambda tf, a, b: tf.einsum("i,i->", a, b),
           lambda draw, dtype: (draw(arrays(dtype, (3,))), np.arange(3, dtype=np.int32)), F),
    OpCase("einsum[size mismatch]", lambda tf, a, b: tf.einsum("ij,jk->ik", a, b), _pair((2, 3), (2, 3)), F),
    OpCase("einsum[rank mismatch]", lambda tf, a: tf.einsum("ijk->i", a), _one((2, 3)), F),
    OpCase("einsum[no output ellipsis]", lambda tf, a, b: tf.einsum("...i,...i->i", a, b), _pair((2, 3), (2, 3)), F),
    OpCase("einsum[int8]", lambda tf, a: tf.einsum("ij->ji", a), _one((2, 3)), ("int8",)),
    # ---- tensordot, matvec
    OpCase("tensordot[axes=1]", lambda tf, a, b: tf.tensordot(a, b, 1), _pair((2, 3), (3, 4)),
           ("float32", "float64", "int32"), grad=(0, 1), grad_inputs=_g((2, 3), (3, 4))),
    OpCase("tensordot[axes=pairs]", lambda tf, a, b: tf.tensordot(a, b, [[1, 2], [1, 0]]),
           _pair((2, 3, 4), (4, 3, 2)), F, grad=(0, 1), grad_inputs=_g((2, 3, 4), (4, 3, 2))),
    OpCase("tensordot[axes=0]", lambda tf, a, b: tf.tensordot(a, b, 0), _pair((2,), (3,)), F,
           grad=(0, 1), grad_inputs=_g((2,), (3,))),
    OpCase("tensordot[mismatch]", lambda tf, a, b: tf.tensordot(a, b, 1), _pair((2, 3), (2, 4)), F),
    OpCase("linalg.matvec", lambda tf, a, b: tf.linalg.matvec(a, b), _pair((2, 2, 3), (3,)), FC,
           grad=(0, 1), grad_inputs=_g((2, 2, 3), (3,))),
    OpCase("linalg.matvec[adjoint_a]", lambda tf, a, b: tf.linalg.matvec(a, b, adjoint_a=True),
           _pair((2, 3), (2,)), FC, grad=(0, 1), grad_inputs=_g((2, 3), (2,))),
    # ---- inverse and determinants
    OpCase("linalg.inv", lambda tf, a: tf.linalg.inv(a), lambda draw, dtype: (_wellcond(draw, dtype),),
           ("float16",) + FC, grad=(0,), grad_inputs=lambda rs: (_g_wellcond(rs),),
           tol={"float16": (2e-2, 2e-2), **DECOMP_TOL}),
    OpCase("linalg.inv[adjoint]", lambda tf, a: tf.linalg.inv(a, adjoint=True),
           lambda draw, dtype: (_wellcond(draw, dtype),), FC, grad=(0,),
           grad_inputs=lambda rs: (_g_wellcond(rs),), tol=DECOMP_TOL),
    OpCase("linalg.inv[singular]", lambda tf, a: tf.linalg.inv(a),
           lambda draw, dtype: (np.array([[1, 2], [2, 4]], dtype) * draw(arrays(dtype, (), lo=1, hi=3, edge=False)),), F),
    OpCase("linalg.inv[int32]", lambda tf, a: tf.linalg.inv(a), _one((2, 2)), ("int32",)),
    OpCase("linalg.inv[not square]", lambda tf, a: tf.linalg.inv(a), _one((2, 3)), F),
    OpCase("linalg.det", lambda tf, a: tf.linalg.det(a), lambda draw, dtype: (_wellcond(draw, dtype),), FC,
           grad=(0,), grad_inputs=lambda rs: (_g_wellcond(rs),), tol=DECOMP_TOL),
    OpCase("linalg.det[float16]", lambda tf, a: tf.linalg.det(a), _one((2, 2)), ("float16",)),
    OpCase("linalg.slogdet", lambda tf, a: tf.linalg.slogdet(a), lambda draw, dtype: (_wellcond(draw, dtype),),
           FC, grad=(0,), grad_inputs=lambda rs: (_g_wellcond(rs),), tol=DECOMP_TOL),
    OpCase("linalg.logdet", lambda tf, a: tf.linalg.logdet(_sym(tf, a)), lambda draw, dtype: (_spd(draw, dtype),), FC,
           grad=(0,), grad_inputs=lambda rs: (_g_spd(rs),), tol=DECOMP_TOL),
    # ---- decompositions
    OpCase("linalg.cholesky", lambda tf, a: tf.linalg.cholesky(_sym(tf, a)),
           lambda draw, dtype: (_spd(draw, dtype),), FC, grad=(0,), grad_inputs=lambda rs: (_g_spd(rs),),
           tol=DECOMP_TOL),
    OpCase("linalg.cholesky[lower triangle]", lambda tf, a: tf.linalg.cholesky(a),
           lambda draw, dtype: (np.tril(_spd(draw, dtype)) + np.triu(_m(draw, dtype, (2, 3, 3)), 1),), F,
           tol=DECOMP_TOL),
    # TF fills the lower triangle with NaN and leaves the upper one uninitialised: compare the lower one
    OpCase("linalg.cholesky[not positive definite]", lambda tf, a: tf.linalg.band_part(tf.linalg.cholesky(a), -1, 0),
           lambda draw, dtype: (-_spd(draw, dtype, (3, 3)),), F),
    OpCase("linalg.qr", lambda tf, a: tf.linalg.qr(a), lambda draw, dtype: (_distinct(draw, dtype, (2, 3, 3)),),
           FC, grad=(0,), grad_inputs=_g_distinct((2, 3, 3)), tol=DECOMP_TOL),
    # half precision: TF's Householder flushes tiny squared norms to 0 in float16 (no reflection), and
    # LAPACK picks column signs differently on near-dependent columns: |Q| and |R| are compared
    OpCase("linalg.qr[float16]", lambda tf, a: [tf.abs(t) for t in tf.linalg.qr(a)],
           lambda draw, dtype: (_wellcond(draw, dtype),),
           ("float16",), tol={"float16": (5e-2, 5e-2)}),
    OpCase("linalg.qr[tall]", lambda tf, a: tf.linalg.qr(a), lambda draw, dtype: (_distinct(draw, dtype, (4, 2)),), F,
           grad=(0,), grad_inputs=_g_distinct((4, 2)), tol=DECOMP_TOL),
    OpCase("linalg.qr[wide]", lambda tf, a: tf.linalg.qr(a), lambda draw, dtype: (_distinct(draw, dtype, (2, 4)),), F,
           grad=(0,), grad_inputs=_g_distinct((2, 4)), tol=DECOMP_TOL),
    OpCase("linalg.qr[full_matrices]", lambda tf, a: tf.linalg.qr(a, full_matrices=True)[1],
           lambda draw, dtype: (_distinct(draw, dtype, (4, 2)),), F, tol=DECOMP_TOL),
    OpCase("linalg.svd", lambda tf, a: tf.linalg.svd(a, compute_uv=False), lambda draw, dtype: (_distinct(draw, dtype, (2, 3, 3)),), FC,
           grad=(0,), grad_inputs=_g_distinct((2, 3, 3)), tol=DECOMP_TOL),
    OpCase("linalg.svd[compute_uv]", lambda tf, a: _svd_uv(tf, a), lambda draw, dtype: (_distinct(draw, dtype, (2, 3, 3)),),
           F, grad=(0,), grad_inputs=_g_distinct((2, 3, 3)), tol=DECOMP_TOL),
    OpCase("linalg.svd[compute_uv,tall]", lambda tf, a: _svd_uv(tf, a), lambda draw, dtype: (_distinct(draw, dtype, (4, 2)),),
           F, grad=(0,), grad_inputs=_g_distinct((4, 2)), tol=DECOMP_TOL),
    OpCase("linalg.svd[compute_uv,wide]", lambda tf, a: _svd_uv(tf, a), lambda draw, dtype: (_distinct(draw, dtype, (2, 3)),),
           F, grad=(0,), grad_inputs=_g_distinct((2, 3)), tol=DECOMP_TOL),
    OpCase("linalg.svd[full_matrices]", lambda tf, a: _svd_uv(tf, a, full=True),
           lambda draw, dtype: (_distinct(draw, dtype, (3, 2)),), F, grad=(0,), grad_inputs=_g_distinct((3, 2)), tol=DECOMP_TOL),
    OpCase("linalg.eigh", lambda tf, a: _eigh(tf, a), lambda draw, dtype: (_spd(draw, dtype),), F,
           grad=(0,), grad_inputs=lambda rs: (_g_spd(rs),), tol=DECOMP_TOL,
           tf_skip={(2, "float32"): "TF's float32 second derivative of eigh is off by up to 0.07 at this point"}),
    OpCase("linalg.eigvalsh", lambda tf, a: tf.linalg.eigvalsh(a), lambda draw, dtype: (_spd(draw, dtype),), FC,
           grad=(0,), grad_inputs=lambda rs: (_g_spd(rs),), tol=DECOMP_TOL),
    OpCase("linalg.eigh[float16]", lambda tf, a: tf.linalg.eigh(a), _one((2, 2)), ("float16",)),
    # ---- solves
    OpCase("linalg.solve", lambda tf, a, b: tf.linalg.solve(a, b),
           lambda draw, dtype: (_wellcond(draw, dtype), _m(draw, dtype, (2, 3, 2))), FC, grad=(0, 1),
           grad_inputs=lambda rs: (_g_wellcond(rs), smooth(rs, (2, 3, 2))), tol=DECOMP_TOL),
    OpCase("linalg.solve[adjoint]", lambda tf, a, b: tf.linalg.solve(a, b, adjoint=True),
           lambda draw, dtype: (_wellcond(draw, dtype), _m(draw, dtype, (2, 3, 2))), F, grad=(0, 1),
           grad_inputs=lambda rs: (_g_wellcond(rs), smooth(rs, (2, 3, 2))), tol=DECOMP_TOL),
    OpCase("linalg.solve[singular]", lambda tf, a, b: tf.linalg.solve(a, b),
           lambda draw, dtype: (np.array([[1, 2], [2, 4]], dtype), _m(draw, dtype, (2, 1))), F),
    OpCase("linalg.solve[rank mismatch]", lambda tf, a, b: tf.linalg.solve(a, b),
           lambda draw, dtype: (_wellcond(draw, dtype), _m(draw, dtype, (3, 2))), F),
    OpCase("linalg.triangular_solve", lambda tf, a, b: tf.linalg.triangular_solve(a, b),
           lambda draw, dtype: (_wellcond(draw, dtype), _m(draw, dtype, (2, 3, 2))), FC, grad=(0, 1),
           grad_inputs=lambda rs: (_g_wellcond(rs), smooth(rs, (2, 3, 2))), tol=DECOMP_TOL),
    OpCase("linalg.triangular_solve[upper,adjoint]",
           lambda tf, a, b: tf.linalg.triangular_solve(a, b, lower=False, adjoint=True),
           lambda draw, dtype: (_wellcond(draw, dtype), _m(draw, dtype, (2, 3, 2))), F, grad=(0, 1),
           grad_inputs=lambda rs: (_g_wellcond(rs), smooth(rs, (2, 3, 2))), tol=DECOMP_TOL),
    OpCase("linalg.triangular_solve[broadcast]", lambda tf, a, b: tf.linalg.triangular_solve(a, b),
           lambda draw, dtype: (_wellcond(draw, dtype, (3, 3)), _m(draw, dtype, (2, 3, 2))), F, grad=(0, 1),
           grad_inputs=lambda rs: (_g_wellcond(rs, (3, 3)), smooth(rs, (2, 3, 2))), tol=DECOMP_TOL),
    OpCase("linalg.triangular_solve[zero pivot]", lambda tf, a, b: tf.linalg.triangular_solve(a, b),
           lambda draw, dtype: (np.array([[0, 0], [1, 4]], dtype), np.array([[2], [9]], dtype)), F),
    OpCase("linalg.cholesky_solve", lambda tf, a, b: tf.linalg.cholesky_solve(tf.linalg.cholesky(_sym(tf, a)), b),
           lambda draw, dtype: (_spd(draw, dtype), _m(draw, dtype, (2, 3, 1))), F, grad=(0, 1),
           grad_inputs=lambda rs: (_g_spd(rs), smooth(rs, (2, 3, 1))), tol=DECOMP_TOL),
    # ---- norms
    OpCase("norm", lambda tf, x: tf.norm(x), _one((2, 3), lo=-3, hi=3), FC, grad=(0,),
           grad_inputs=lambda rs: (away_from_zero(rs, (2, 3)),)),
    OpCase("norm[ord=1,axis=1]", lambda tf, x: tf.norm(x, ord=1, axis=1), _one((2, 3), lo=-3, hi=3), F,
           grad=(0,), grad_inputs=lambda rs: (away_from_zero(rs, (2, 3)),)),
    OpCase("norm[ord=inf,keepdims]", lambda tf, x: tf.norm(x, ord=np.inf, axis=-1, keepdims=True),
           _one((2, 3), lo=-3, hi=3), F, grad=(0,), grad_inputs=lambda rs: (distinct(rs, (2, 3)),)),
    OpCase("norm[ord=3]", lambda tf, x: tf.norm(x, ord=3, axis=0), _one((2, 3), lo=-3, hi=3), F,
           grad=(0,), grad_inputs=lambda rs: (away_from_zero(rs, (2, 3)),)),
    OpCase("linalg.norm[fro]", lambda tf, x: tf.linalg.norm(x, ord="fro", axis=[-2, -1]),
           _one((2, 2, 3), lo=-3, hi=3), F, grad=(0,), grad_inputs=lambda rs: (away_from_zero(rs, (2, 2, 3)),)),
    OpCase("linalg.norm[ord=1,matrix]", lambda tf, x: tf.linalg.norm(x, ord=1, axis=(0, 1)),
           _one((3, 3), lo=-3, hi=3), F, grad=(0,), grad_inputs=lambda rs: (distinct(rs, (3, 3)),)),
    OpCase("linalg.norm[ord=inf,matrix]", lambda tf, x: tf.linalg.norm(x, ord=np.inf, axis=(1, 0)),
           _one((3, 3), lo=-3, hi=3), F, grad=(0,), grad_inputs=lambda rs: (distinct(rs, (3, 3)),)),
    OpCase("linalg.norm[ord=2,matrix]", lambda tf, x: tf.linalg.norm(x, ord=2, axis=[1, 2]),
           lambda draw, dtype: (_distinct(draw, dtype, (2, 3, 3)),), F, grad=(0,), grad_inputs=_g_distinct((2, 3, 3)),
           tol=DECOMP_TOL),
    OpCase("norm[bad ord]", lambda tf, x: tf.norm(x, ord=-1), _one((3,)), F),
    # ---- diagonals, bands, trace, cross
    OpCase("linalg.trace", lambda tf, x: tf.linalg.trace(x), _one((2, 3, 4)), F + ("int32",),
           grad=(0,), grad_inputs=_g((2, 3, 4))),
    OpCase("linalg.diag", lambda tf, x: tf.linalg.diag(x), _one((2, 3)), F + ("int32", "complex64"),
           grad=(0,), grad_inputs=_g((2, 3))),
    OpCase("linalg.diag[k=1]", lambda tf, x: tf.linalg.diag(x, k=1), _one((3,)), F, grad=(0,), grad_inputs=_g((3,))),
    OpCase("linalg.diag[k=-1,num_rows,padding]", lambda tf, x: tf.linalg.diag(x, k=-1, num_rows=4, padding_value=7),
           _one((2, 2)), F, grad=(0,), grad_inputs=_g((2, 2))),
    OpCase("linalg.diag_part", lambda tf, x: tf.linalg.diag_part(x), _one((2, 3, 4)), F + ("int32",),
           grad=(0,), grad_inputs=_g((2, 3, 4))),
    OpCase("linalg.diag_part[k=-1]", lambda tf, x: tf.linalg.diag_part(x, k=-1), _one((3, 4)), F,
           grad=(0,), grad_inputs=_g((3, 4))),
    OpCase("linalg.diag_part[k out of bounds]", lambda tf, x: tf.linalg.diag_part(x, k=5), _one((3, 4)), F),
    OpCase("linalg.set_diag", lambda tf, x, d: tf.linalg.set_diag(x, d), _pair((2, 3, 4), (2, 3)), F,
           grad=(0, 1), grad_inputs=_g((2, 3, 4), (2, 3))),
    OpCase("linalg.set_diag[k=1]", lambda tf, x, d: tf.linalg.set_diag(x, d, k=1), _pair((4, 3), (2,)), F,
           grad=(0, 1), grad_inputs=_g((4, 3), (2,))),
    OpCase("linalg.set_diag[bad shape]", lambda tf, x, d: tf.linalg.set_diag(x, d), _pair((3, 3), (2,)), F),
    OpCase("linalg.band_part", lambda tf, x: tf.linalg.band_part(x, 1, 0), _one((2, 3, 4)),
           F + ("int32", "complex64"), grad=(0,), grad_inputs=_g((2, 3, 4))),
    OpCase("linalg.band_part[-1,1]", lambda tf, x: tf.linalg.band_part(x, -1, 1), _one((4, 3)), F,
           grad=(0,), grad_inputs=_g((4, 3))),
    OpCase("linalg.band_part[too wide]", lambda tf, x: tf.linalg.band_part(x, 5, 0), _one((3, 3)), F),
    OpCase("linalg.adjoint", lambda tf, x: tf.linalg.adjoint(x), _one((2, 3)), F + ("complex64",),
           grad=(0,), grad_inputs=_g((2, 3))),
    OpCase("linalg.cross", lambda tf, a, b: tf.linalg.cross(a, b), _pair((2, 3), (2, 3)),
           F + ("int32",), grad=(0, 1), grad_inputs=_g((2, 3), (2, 3))),
    OpCase("linalg.cross[not 3]", lambda tf, a, b: tf.linalg.cross(a, b), _pair((2,), (2,)), F),
]
