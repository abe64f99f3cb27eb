"""Conformance: linear algebra. `tf.einsum` (OP-16) and the defining properties of the decompositions
and solves (reconstruction, residuals, orthogonality), which hold whatever sign convention TF picks."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, np_of, raises

behaviour = pytest.mark.behaviour


# ---------------------------------------------------------------- OP-16 einsum
@behaviour("OP-16")
def test_OP16_python_lists_rejected_numpy_accepted(tf):
    with raises(AttributeError, "'list' object has no attribute 'shape'"):
        tf.einsum("ij->ji", [[1.0, 2.0]])
    t = tf.einsum("ij->ji", np.ones((1, 2)))
    assert t.dtype == tf.float64 and tuple(t.shape) == (2, 1)


@behaviour("OP-16")
def test_OP16_tensor_equations(tf):
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    assert_value(tf.einsum("ij,jk->ik", a, a), [[7.0, 10.0], [15.0, 22.0]], tf.float32)
    assert_value(tf.einsum("ii", a), 5.0)
    assert_value(tf.einsum("ii->i", a), [1.0, 4.0])
    assert_value(tf.einsum("i,j->ij", tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])), [[3.0, 4.0], [6.0, 8.0]])
    assert_value(tf.einsum("ij->", a), 10.0)
    assert_value(tf.einsum("ij,jk->ik", tf.constant([[1, 2]]), tf.constant([[3], [4]])), [[11]], tf.int32)
    v = tf.constant([1.0, 2.0])
    assert_value(tf.einsum("i,ij,j->", v, a, tf.constant([1.0, 1.0])), 17.0)
    assert_value(tf.einsum("i,ij,j->", tf.constant([1.0, 1.0]), tf.constant([[1.0, 2.0], [3.0, 0.0]]),
                           tf.constant([1.0, 1.0])), 6.0)


@behaviour("OP-16")
def test_OP16_ellipsis_broadcasts(tf):
    out = tf.einsum("...ij,...jk->...ik", tf.ones([5, 1, 2, 3]), tf.ones([4, 3, 2]))
    assert tuple(out.shape) == (5, 4, 2, 2)
    assert_value(out, np.full((5, 4, 2, 2), 3.0))


@behaviour("OP-16")
def test_OP16_implicit_output_sorted(tf):
    x = tf.constant([[1.0, 2.0, 3.0]])
    assert_value(tf.einsum("ba", x), [[1.0], [2.0], [3.0]])
    assert_value(tf.einsum(" I J -> J I ", x), [[1.0], [2.0], [3.0]])


@behaviour("OP-16")
def test_OP16_errors(tf):
    with raises(tf.errors.InvalidArgumentError,
                "cannot compute _MklEinsum as input #1(zero-based) was expected to be a float tensor but is a int32 tensor"):
        tf.einsum("i,i->", tf.ones([3]), tf.ones([3], tf.int32))
    with raises(tf.errors.InvalidArgumentError,
                "Expected dimension 3 at axis 0 of the input shaped [2,3] but got dimension 2"):
        tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([2, 3]))
    with raises(ValueError, "Output subscripts contain the label k not present in the input subscripts."):
        tf.einsum("ij->k", tf.ones([2, 3]))


@behaviour("OP-16")
@settings(**PROPERTY)
@given(m=st.integers(1, 4), k=st.integers(1, 4), n=st.integers(1, 4), seed=st.integers(0, 2**16))
def test_OP16_einsum_is_matmul(tf, m, k, n, seed):
    rs = np.random.RandomState(seed)
    a, b = rs.randn(m, k), rs.randn(k, n)
    np.testing.assert_allclose(np_of(tf.einsum("ij,jk->ik", a, b)), a @ b, rtol=1e-10, atol=1e-12)


# ---------------------------------------------------------------- properties of decompositions and solves
def _spd(rs, *shape):
    m = rs.randn(*shape)
    return m @ np.swapaxes(m, -1, -2) + shape[-1] * np.eye(shape[-1])


SEEDS = st.integers(0, 2**16)


@settings(**PROPERTY)
@given(seed=SEEDS, n=st.integers(1, 4))
def test_inverse_times_matrix_is_identity(tf, seed, n):
    a = np.random.RandomState(seed).randn(2, n, n) + n * np.eye(n)
    inv = np_of(tf.linalg.inv(tf.constant(a)))
    np.testing.assert_allclose(inv @ a, np.broadcast_to(np.eye(n), a.shape), atol=1e-10)


def test_inverse_of_singular_matrix_raises(tf):
    with raises(tf.errors.InvalidArgumentError, "Input is not invertible."):
        tf.linalg.inv(tf.constant([[1.0, 2.0], [2.0, 4.0]]))


@settings(**PROPERTY)
@given(seed=SEEDS, n=st.integers(1, 4))
def test_det_and_slogdet_agree(tf, seed, n):
    a = tf.constant(np.random.RandomState(seed).randn(3, n, n))
    sign, logabs = tf.linalg.slogdet(a)
    np.testing.assert_allclose(np_of(sign) * np.exp(np_of(logabs)), np_of(tf.linalg.det(a)), rtol=1e-8)


@settings(**PROPERTY)
@given(seed=SEEDS, n=st.integers(1, 4))
def test_cholesky_reconstructs(tf, seed, n):
    a = _spd(np.random.RandomState(seed), 2, n, n)
    low = np_of(tf.linalg.cholesky(tf.constant(a)))
    np.testing.assert_allclose(low @ np.swapaxes(low, -1, -2), a, rtol=1e-10, atol=1e-10)
    assert np.all(np.triu(low, 1) == 0)
    np.testing.assert_allclose(np_of(tf.linalg.logdet(tf.constant(a))), np.linalg.slogdet(a)[1], rtol=1e-10)


@settings(**PROPERTY)
@given(seed=SEEDS, m=st.integers(1, 4), n=st.integers(1, 4), full=st.booleans())
def test_qr_reconstructs_and_is_orthonormal(tf, seed, m, n, full):
    a = np.random.RandomState(seed).randn(2, m, n)
    q, r = (np_of(t) for t in tf.linalg.qr(tf.constant(a), full_matrices=full))
    k = m if full else min(m, n)
    assert q.shape == (2, m, k) and r.shape == (2, k, n)
    np.testing.assert_allclose(q @ r, a, atol=1e-10)
    np.testing.assert_allclose(np.swapaxes(q, -1, -2) @ q, np.broadcast_to(np.eye(k), (2, k, k)), atol=1e-10)
    assert np.all(np.tril(r, -1) == 0)


@settings(**PROPERTY)
@given(seed=SEEDS, m=st.integers(1, 4), n=st.integers(1, 4))
def test_svd_order_and_reconstruction(tf, seed, m, n):
    a = np.random.RandomState(seed).randn(2, m, n)
    s, u, v = (np_of(t) for t in tf.linalg.svd(tf.constant(a), compute_uv=True))
    k = min(m, n)
    assert s.shape == (2, k) and u.shape == (2, m, k) and v.shape == (2, n, k)
    assert np.all(np.diff(s, axis=-1) <= 1e-12)
    np.testing.assert_allclose((u * s[..., None, :]) @ np.swapaxes(v, -1, -2), a, atol=1e-10)
    np.testing.assert_allclose(np_of(tf.linalg.svd(tf.constant(a), compute_uv=False)), s, atol=1e-10)


@settings(**PROPERTY)
@given(seed=SEEDS, n=st.integers(1, 4))
def test_eigh_reconstructs_from_lower_triangle(tf, seed, n):
    rs = np.random.RandomState(seed)
    a = _spd(rs, n, n)
    noisy = np.tril(a) + np.triu(rs.randn(n, n), 1)   # only the lower triangle is read
    e, v = (np_of(t) for t in tf.linalg.eigh(tf.constant(noisy)))
    assert np.all(np.diff(e) >= -1e-12)
    np.testing.assert_allclose((v * e) @ v.T, a, atol=1e-9)
    np.testing.assert_allclose(np_of(tf.linalg.eigvalsh(tf.constant(noisy))), e, atol=1e-10)


@settings(**PROPERTY)
@given(seed=SEEDS, n=st.integers(1, 4), adjoint=st.booleans())
def test_solve_residual(tf, seed, n, adjoint):
    rs = np.random.RandomState(seed)
    a = rs.randn(2, n, n) + n * np.eye(n)
    b = rs.randn(2, n, 3)
    x = np_of(tf.linalg.solve(tf.constant(a), tf.constant(b), adjoint=adjoint))
    op = np.swapaxes(a, -1, -2) if adjoint else a
    np.testing.assert_allclose(op @ x, b, atol=1e-10)


@settings(**PROPERTY)
@given(seed=SEEDS, n=st.integers(1, 4), lower=st.booleans(), adjoint=st.booleans())
def test_triangular_solve_residual_and_broadcast(tf, seed, n, lower, adjoint):
    rs = np.random.RandomState(seed)
    a = rs.randn(n, n) + n * np.eye(n)
    b = rs.randn(3, n, 2)
    x = np_of(tf.linalg.triangular_solve(tf.constant(a), tf.constant(b), lower=lower, adjoint=adjoint))
    t = np.tril(a) if lower else np.triu(a)
    np.testing.assert_allclose((t.T if adjoint else t) @ x, b, atol=1e-10)


def test_cholesky_solve_residual(tf):
    a = _spd(np.random.RandomState(0), 2, 3, 3)
    b = np.random.RandomState(1).randn(2, 3, 2)
    x = np_of(tf.linalg.cholesky_solve(tf.linalg.cholesky(tf.constant(a)), tf.constant(b)))
    np.testing.assert_allclose(a @ x, b, atol=1e-10)


@settings(**PROPERTY)
@given(seed=SEEDS)
def test_norms_match_numpy(tf, seed):
    x = np.random.RandomState(seed).randn(3, 4)
    t = tf.constant(x)
    np.testing.assert_allclose(np_of(tf.norm(t)), np.linalg.norm(x), rtol=1e-12)
    for ord_ in ("fro", 1, 2, np.inf):
        np.testing.assert_allclose(np_of(tf.norm(t, ord=ord_, axis=[0, 1])), np.linalg.norm(x, ord_), rtol=1e-10)
    for ord_ in (1, 2, 3, np.inf):
        np.testing.assert_allclose(np_of(tf.norm(t, ord=ord_, axis=1)), np.linalg.norm(x, ord_, axis=1), rtol=1e-10)
    assert tuple(tf.norm(t, axis=1, keepdims=True).shape) == (3, 1)


def test_norm_argument_errors(tf):
    with raises(ValueError, "'ord' must be a supported vector norm, got -1"):
        tf.norm(tf.ones([3]), ord=-1)
    with raises(ValueError, "'axis' must be None, an integer, or a tuple of 2 unique integers"):
        tf.norm(tf.ones([3, 3]), axis=[0, 0])


def test_tensordot_matvec_cross_trace(tf):
    a, b = np.arange(24.0).reshape(2, 3, 4), np.arange(24.0).reshape(4, 3, 2)
    np.testing.assert_allclose(np_of(tf.tensordot(a, b, [[1, 2], [1, 0]])), np.tensordot(a, b, [[1, 2], [1, 0]]))
    np.testing.assert_allclose(np_of(tf.tensordot(a, b, 1)), np.tensordot(a, b, 1))
    m, v = np.arange(6.0).reshape(2, 3), np.array([1.0, 2.0, 3.0])
    assert_value(tf.linalg.matvec(m, v), m @ v)
    assert_value(tf.linalg.cross(tf.constant([1.0, 0, 0]), tf.constant([0.0, 1, 0])), [0.0, 0.0, 1.0])
    assert_value(tf.linalg.trace(tf.ones([2, 3, 3])), [3.0, 3.0])
    with raises(ValueError, "`axes` must be at least 0. Received: -1."):
        tf.tensordot(tf.ones([2, 3]), tf.ones([3, 4]), -1)


def test_diagonals_and_bands(tf):
    x = tf.reshape(tf.range(12.0), [3, 4])
    assert_value(tf.linalg.diag_part(x), [0.0, 5.0, 10.0])
    assert_value(tf.linalg.diag_part(x, k=1), [1.0, 6.0, 11.0])
    assert_value(tf.linalg.diag([1.0, 2.0], k=1), [[0.0, 1.0, 0.0], [0.0, 0.0, 2.0], [0.0, 0.0, 0.0]])
    assert_value(tf.linalg.set_diag(tf.zeros([2, 3]), [1.0, 2.0]), [[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    assert_value(tf.linalg.band_part(tf.ones([3, 3]), 1, 0), [[1.0, 0, 0], [1, 1, 0], [0, 1, 1]])
    assert_value(tf.linalg.adjoint(tf.constant([[1 + 1j, 2 + 0j]])), [[1 - 1j], [2]])
