"""SparseTensors: gradients through to_dense, sparse_dense_matmul and the structural ops reach the values and
the dense operands (finite differences, higher order), the matmul kernel agrees with dense matmul and never
densifies, and results equal real TensorFlow's (reference)."""
import numpy as np
import pytest

import tfcompat as tf

INDICES = [[0, 1], [1, 0], [1, 3], [2, 2]]
SHAPE = [3, 4]
VALUES = np.array([0.5, -1.0, 2.0, 1.5], np.float64)
DENSE = np.arange(8, dtype=np.float64).reshape(4, 2) / 4 - 0.7
WEIGHTS = np.arange(12, dtype=np.float64).reshape(3, 4) / 5 - 1


def _numeric_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in range(x.size):
        d = np.zeros_like(x).reshape(-1)
        d[i] = eps
        d = d.reshape(x.shape)
        g.reshape(-1)[i] = (f(x + d) - f(x - d)) / (2 * eps)
    return g


def _sp(values):
    return tf.SparseTensor(INDICES, values, SHAPE)


def _c(x):
    return tf.constant(x, tf.float64)


LOSSES = {
    "to_dense": lambda v, b: tf.reduce_sum(tf.square(tf.sparse.to_dense(_sp(v)) * _c(WEIGHTS))),
    "to_dense_default": lambda v, b: tf.reduce_sum(tf.sparse.to_dense(_sp(v), default_value=2.0) * _c(WEIGHTS)),
    "matmul": lambda v, b: tf.reduce_sum(tf.square(tf.sparse.sparse_dense_matmul(_sp(v), b))),
    "matmul_adjoint_a": lambda v, b: tf.reduce_sum(tf.sin(tf.sparse.sparse_dense_matmul(
        _sp(v), tf.concat([b, b[:2] * 3.0], 0)[:3], adjoint_a=True))),
    "matmul_adjoint_b": lambda v, b: tf.reduce_sum(tf.square(tf.sparse.sparse_dense_matmul(
        _sp(v), tf.transpose(b), adjoint_b=True))),
    "dense_times_sparse": lambda v, b: tf.reduce_sum(tf.square(tf.sparse.sparse_dense_matmul(
        tf.transpose(b), tf.sparse.transpose(_sp(v))))),
    "reduce_sum": lambda v, b: tf.reduce_sum(tf.square(tf.sparse.reduce_sum(_sp(v), axis=1))),
    "reduce_max": lambda v, b: tf.reduce_sum(tf.sparse.reduce_max(_sp(v), axis=0) * _c([1.0, 2.0, 3.0, 4.0])),
    "add_sparse_dense": lambda v, b: tf.reduce_sum(tf.square(tf.sparse.add(_sp(v), _sp(v * v)).values)) +
    tf.reduce_sum(tf.sparse.add(_sp(v), tf.matmul(b, b, transpose_b=True)[:3]) ** 2),
    "cwise_mul_div": lambda v, b: tf.reduce_sum(((_sp(v) * b[:, 0]) / (b[:, 1] + 2.0)).values ** 2),
    "structural": lambda v, b: tf.reduce_sum(tf.square(tf.sparse.to_dense(tf.sparse.reorder(tf.sparse.concat(
        1, [tf.sparse.transpose(_sp(v)), tf.sparse.reshape(_sp(v * 2.0), [4, 3])])))) * tf.range(1.0, 7.0, dtype=tf.float64)),
    "slice_retain_fill": lambda v, b: tf.reduce_sum(tf.sparse.fill_empty_rows(tf.sparse.retain(
        tf.sparse.slice(_sp(v), [1, 0], [2, 4]), [True, False, True]), 0.0)[0].values ** 3),
    "softmax": lambda v, b: tf.reduce_sum(tf.sparse.softmax(_sp(v)).values * _c([1.0, 2.0, 3.0, 4.0])),
    "maximum": lambda v, b: tf.reduce_sum(tf.sparse.maximum(_sp(v), _sp(-v * 0.5)).values ** 2),
    "from_dense": lambda v, b: tf.reduce_sum(tf.sparse.from_dense(tf.sparse.to_dense(_sp(v))).values ** 2),
}


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_gradients_match_finite_differences(name):
    loss_fn = LOSSES[name]
    v, b = _c(VALUES), _c(DENSE)
    with tf.GradientTape() as tape:
        tape.watch([v, b])
        loss = loss_fn(v, b)
    gv, gb = tape.gradient(loss, [v, b], unconnected_gradients=tf.UnconnectedGradients.ZERO)
    want_v = _numeric_grad(lambda x: float(loss_fn(_c(x), _c(DENSE)).numpy()), VALUES)
    want_b = _numeric_grad(lambda x: float(loss_fn(_c(VALUES), _c(x)).numpy()), DENSE)
    np.testing.assert_allclose(tf.convert_to_tensor(gv).numpy(), want_v, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tf.convert_to_tensor(gb).numpy(), want_b, rtol=1e-5, atol=1e-6)


def test_second_order_through_matmul():
    v, b = _c(VALUES), _c(DENSE)
    with tf.GradientTape() as outer:
        outer.watch(v)
        with tf.GradientTape() as inner:
            inner.watch(v)
            loss = tf.reduce_sum(tf.sparse.sparse_dense_matmul(_sp(v * v * v), b))
        g = inner.gradient(loss, v)
    h = outer.gradient(g, v)
    row_sums = DENSE.sum(axis=1)[np.array(INDICES)[:, 1]]
    np.testing.assert_allclose(g.numpy(), 3 * VALUES ** 2 * row_sums, rtol=1e-9)
    np.testing.assert_allclose(h.numpy(), 6 * VALUES * row_sums, rtol=1e-9)


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "int64"])
@pytest.mark.parametrize("order", ["sorted", "shuffled", "duplicates"])
def test_matmul_equals_dense_matmul(dtype, order):
    rng = np.random.default_rng(3)
    flat = np.sort(rng.choice(50 * 40, 120, replace=False))
    idx = np.stack([flat // 40, flat % 40], axis=1)
    if order == "shuffled":
        idx = idx[rng.permutation(len(idx))]
    elif order == "duplicates":
        idx = np.concatenate([idx, idx[:30]])
    vals = rng.integers(-5, 6, len(idx)).astype(dtype)
    b = rng.integers(-5, 6, (40, 7)).astype(dtype)
    dense = np.zeros((50, 40), dtype)
    np.add.at(dense, tuple(idx.T), vals)
    got = tf.sparse.sparse_dense_matmul(tf.SparseTensor(idx, vals, [50, 40]), b)
    assert got.dtype == tf.as_dtype(dtype)
    np.testing.assert_allclose(got.numpy(), dense @ b, rtol=1e-5)


def test_large_matmul_stays_sparse():
    """10000 x 10000 at 0.1% density by 10000 x 64: a dense A would be 400 MB; the kernel gathers rows."""
    rng = np.random.default_rng(0)
    n, nnz = 10000, 100000
    flat = np.sort(rng.choice(n * n, nnz, replace=False))
    idx = np.stack([flat // n, flat % n], axis=1)
    vals = rng.standard_normal(nnz).astype(np.float32)
    b = rng.standard_normal((n, 64)).astype(np.float32)
    got = tf.sparse.sparse_dense_matmul(tf.SparseTensor(idx, vals, [n, n]), b).numpy()
    rows = [0, 17, 9999]
    for r in rows:
        sel = idx[:, 0] == r
        np.testing.assert_allclose(got[r], vals[sel] @ b[idx[sel, 1]], rtol=1e-4, atol=1e-4)


def test_sparse_operands_of_tf_functions():
    st = tf.SparseTensor([[0, 1], [1, 0]], [-4.0, 9.0], [2, 2])
    for fn, want in ((tf.abs, [4.0, 9.0]), (tf.math.negative, [4.0, -9.0]), (tf.math.square, [16.0, 81.0]),
                     (lambda x: tf.cast(x, tf.int32), [-4, 9]), (lambda x: tf.divide(x, 2.0), [-2.0, 4.5])):
        out = fn(st)
        assert isinstance(out, tf.SparseTensor)
        np.testing.assert_allclose(out.values.numpy(), want)
    assert tf.shape(st).numpy().tolist() == [2, 2] and int(tf.size(st)) == 4 and int(tf.rank(st)) == 2
    assert repr(st._type_spec) == "SparseTensorSpec(TensorShape([2, 2]), tf.float32)"
    assert tf.SparseTensorSpec([2, None], tf.float32).is_compatible_with(st)


@pytest.mark.reference
def test_ops_equal_real_tensorflow():
    tf_real = pytest.importorskip("tensorflow")
    cases = {
        "add_unordered": lambda t: t.sparse.add(t.SparseTensor([[2, 4], [0, 3]], [1, 2], [3, 10]),
                                                t.SparseTensor([[0, 3], [2, 4]], [10, 20], [3, 10])),
        "concat": lambda t: t.sparse.concat(0, [t.SparseTensor([[2, 4], [0, 3]], [1, 2], [3, 10]),
                                                t.SparseTensor([[1, 1]], [5], [2, 10])]),
        "concat_expand": lambda t: t.sparse.concat(1, [t.SparseTensor([[0, 3]], [1], [3, 10]),
                                                       t.SparseTensor([[1, 1]], [5], [2, 2])],
                                                   expand_nonconcat_dims=True),
        "reduce_max_sparse": lambda t: t.sparse.reduce_max(t.SparseTensor([[0, 3], [0, 4], [2, 1]], [-1, -5, 2],
                                                                          [3, 10]), axis=1, output_is_sparse=True),
        "reduce_sum_keepdims": lambda t: t.sparse.reduce_sum(t.SparseTensor([[0, 3], [0, 4], [2, 1]], [1, 5, 2],
                                                                            [3, 10]), axis=1, keepdims=True),
        "reshape": lambda t: t.sparse.reshape(t.SparseTensor([[0, 3], [2, 4]], [1, 2], [3, 10]), [5, -1]),
        "fill_empty_rows": lambda t: t.sparse.fill_empty_rows(t.SparseTensor([[3, 1], [0, 2]], [1.0, 2.0],
                                                                             [5, 3]), 7.0)[0],
        "softmax": lambda t: t.sparse.softmax(t.SparseTensor([[0, 0], [0, 2], [1, 1]], [1.0, 2.0, 3.0], [2, 3])),
        "minimum": lambda t: t.sparse.minimum(t.SparseTensor([[0, 0], [1, 1]], [1, -2], [2, 2]),
                                              t.SparseTensor([[0, 0], [0, 1]], [3, -4], [2, 2])),
        "mul_broadcast": lambda t: t.SparseTensor([[0, 3], [2, 4]], [10, 20], [3, 10]) * t.constant([[1], [2], [3]]),
        "div": lambda t: t.SparseTensor([[0, 3], [2, 4]], [10, 20], [3, 10]) / 4,
    }
    for name, fn in cases.items():
        ours, theirs = fn(tf), fn(tf_real)
        assert str(ours) == str(theirs), name
