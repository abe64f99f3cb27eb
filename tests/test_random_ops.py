"""tf.random: seed rules, TF's Philox values, distribution statistics, errors; and (reference) the
same calls on real TensorFlow give the same numbers (bit for bit for uniform and integer draws,
within 2 ulp for Box-Muller normals, whose float log/sin/cos TF takes from glibc)."""
import numpy as np
import pytest

import tfcompat as tfc

SEEDS = [(1, 2), (0, 0), (-5, 123456789012), (2**40, -1)]
FLOATS = ["float16", "bfloat16", "float32", "float64"]


def _np(t):
    return np.asarray(t.numpy()).astype(np.float64) if t.dtype.is_floating else t.numpy()


# ---- seed rules and TF's published values (OP-27, OP-28, DT-22)
def test_global_and_op_seed_sequences():
    tfc.random.set_seed(1)
    first = [tfc.random.uniform([2]), tfc.random.uniform([2]), tfc.random.uniform([2], seed=5),
             tfc.random.uniform([2], seed=5)]
    want = [[0.16513085, 0.9014813], [0.51010704, 0.44353175], [0.195606, 0.02986085], [0.28997242, 0.18651283]]
    np.testing.assert_allclose([t.numpy() for t in first], want, rtol=1e-6)
    tfc.random.set_seed(1)
    again = [tfc.random.uniform([2]), tfc.random.uniform([2]), tfc.random.uniform([2], seed=5),
             tfc.random.uniform([2], seed=5)]
    np.testing.assert_array_equal([t.numpy() for t in again], [t.numpy() for t in first])


def test_op_seed_independent_of_other_ops():
    tfc.random.set_seed(7)
    a = tfc.random.normal([4], seed=3).numpy()
    tfc.random.set_seed(7)
    tfc.random.uniform([10])
    tfc.random.normal([2])
    np.testing.assert_array_equal(tfc.random.normal([4], seed=3).numpy(), a)


def test_normal_after_set_seed_42():
    tfc.random.set_seed(42)
    np.testing.assert_allclose(tfc.random.normal([3]).numpy(), [0.3274685, -0.8426258, 0.3194337], rtol=1e-6)


def test_stateless_and_generator_values():
    np.testing.assert_allclose(tfc.random.stateless_uniform([2], seed=[1, 2]).numpy(), [0.8440604, 0.19204533],
                               rtol=1e-6)
    g = tfc.random.Generator.from_seed(1)
    np.testing.assert_allclose(g.normal([2]).numpy(), [0.43842274, -0.53439844], rtol=1e-6)
    np.testing.assert_allclose(g.normal([2]).numpy(), [1.6307176, 0.00784778], rtol=1e-6)
    np.testing.assert_array_equal(tfc.random.Generator.from_seed(1).normal([2]).numpy(),
                                  tfc.random.Generator.from_seed(1).normal([2]).numpy())


def test_unseeded_ops_differ():
    tfc.random.set_seed(None)
    assert not np.array_equal(tfc.random.uniform([8]).numpy(), tfc.random.uniform([8]).numpy())


# ---- distributions (statistics with generous tolerances)
@pytest.mark.parametrize("dtype", FLOATS)
def test_uniform_normal_truncated_statistics(dtype):
    tfc.random.set_seed(3)
    u = _np(tfc.random.uniform([20000], minval=-2.0, maxval=3.0, dtype=dtype))
    assert u.min() >= -2 and u.max() <= 3 and abs(u.mean() - 0.5) < 0.05
    n = _np(tfc.random.normal([20000], mean=1.0, stddev=2.0, dtype=dtype))
    assert abs(n.mean() - 1) < 0.06 and abs(n.std() - 2) < 0.06
    t = _np(tfc.random.truncated_normal([20000], mean=-1.0, stddev=0.5, dtype=dtype))
    assert t.min() >= -2.0 and t.max() <= 0.0 and abs(t.mean() + 1) < 0.02
    assert abs(t.std() - 0.5 * 0.8796) < 0.02          # std of N(0,1) truncated to (-2, 2)


@pytest.mark.parametrize("dtype", ["int32", "int64"])
def test_uniform_int_range(dtype):
    v = tfc.random.uniform([5000], minval=-3, maxval=4, dtype=dtype, seed=1)
    assert v.dtype.name == dtype
    assert set(np.unique(v.numpy())) == set(range(-3, 4))


def test_categorical_frequencies_and_dtype():
    logits = tfc.math.log(tfc.constant([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]]))
    s = tfc.random.categorical(logits, 20000, seed=4)
    assert s.dtype == tfc.int64 and s.shape == (2, 20000)
    f0 = np.bincount(s.numpy()[0], minlength=3) / 20000
    np.testing.assert_allclose(f0, [0.1, 0.2, 0.7], atol=0.02)
    assert set(np.unique(s.numpy()[1])) <= {0, 1}
    assert tfc.random.categorical(logits, 3, dtype=tfc.int32).dtype == tfc.int32


def test_shuffle_is_a_permutation_of_rows():
    x = tfc.reshape(tfc.range(20), [10, 2])
    y = tfc.random.shuffle(x, seed=2).numpy()
    assert sorted(map(tuple, y)) == sorted(map(tuple, x.numpy()))
    assert tfc.random.shuffle(tfc.constant(3.0)).numpy() == 3.0


def test_generator_api():
    g = tfc.random.Generator.from_seed(5)
    assert g.uniform([3], minval=2, maxval=9, dtype=tfc.int64).dtype == tfc.int64
    assert g.uniform_full_int([2]).dtype == tfc.uint64
    assert g.make_seeds(3).shape == (2, 3)
    kids = g.split(2)
    assert not np.array_equal(kids[0].normal([4]).numpy(), kids[1].normal([4]).numpy())
    t = g.truncated_normal([1000]).numpy()
    assert np.abs(t).max() < 2
    assert tfc.random.Generator.from_non_deterministic_state().normal([2]).shape == (2,)


# ---- TF's errors
@pytest.mark.parametrize("call,cls,text", [
    (lambda: tfc.random.uniform([2], dtype=tfc.int32), ValueError, "Must specify maxval for integer dtype"),
    (lambda: tfc.random.uniform([2], dtype=tfc.int8, maxval=3), ValueError, "Accepted dtypes are"),
    (lambda: tfc.random.uniform([2], minval=5, maxval=5, dtype=tfc.int32), tfc.errors.InvalidArgumentError,
     "Need minval < maxval, got 5 >= 5"),
    (lambda: tfc.random.uniform([2], minval=[0, 1], maxval=[3, 4], dtype=tfc.int32),
     tfc.errors.InvalidArgumentError, "minval must be 0-D, got shape [2]"),
    (lambda: tfc.random.uniform([-1]), tfc.errors.InvalidArgumentError, "Dimension -1 must be >= 0"),
    (lambda: tfc.random.normal([2], dtype=tfc.int32), TypeError, "Cannot convert 0.0 to EagerTensor of dtype int32"),
    (lambda: tfc.random.stateless_uniform([2], seed=1), tfc.errors.InvalidArgumentError,
     "seed must have shape [2], not []"),
    (lambda: tfc.random.stateless_uniform([2], seed=[1.0, 2.0]), tfc.errors.InvalidArgumentError,
     "Value for attr 'Tseed' of float is not in the list of allowed values: int32, int64"),
    (lambda: tfc.random.categorical([1.0, 2.0], 3), tfc.errors.InvalidArgumentError,
     "logits should be a matrix, got shape [2]"),
    (lambda: tfc.random.categorical([[1.0, 2.0]], -1), tfc.errors.InvalidArgumentError,
     "num_samples should be non-negative, got -1"),
    (lambda: tfc.random.categorical(tfc.zeros([2, 0]), 2), tfc.errors.InvalidArgumentError,
     "num_classes should be positive, got 0"),
    (lambda: tfc.random.categorical([[1, 2]], 2), tfc.errors.NotFoundError, "Could not find device for node"),
    (lambda: tfc.random.categorical([[1.0]], 2, dtype=tfc.int16), ValueError, "Accepted dtypes are"),
])
def test_errors(call, cls, text):
    with pytest.raises(cls) as info:
        call()
    assert type(info.value) is cls and text in str(info.value)


# ---- differential: the same calls on real TensorFlow
def _calls():
    for s in SEEDS:
        for d in FLOATS:
            yield f"stateless_uniform{s}{d}", (lambda tf, s=s, d=d: tf.random.stateless_uniform(
                [3, 37], seed=s, minval=-1.5, maxval=2.0, dtype=d)), True
            yield f"stateless_normal{s}{d}", (lambda tf, s=s, d=d: tf.random.stateless_normal(
                [37, 3], seed=s, mean=0.5, stddev=3.0, dtype=d)), False
            yield f"stateless_truncated_normal{s}{d}", (lambda tf, s=s, d=d: tf.random.stateless_truncated_normal(
                [101], seed=s, dtype=d)), False
        for d in ("int32", "int64"):
            yield f"stateless_int{s}{d}", (lambda tf, s=s, d=d: tf.random.stateless_uniform(
                [5, 7], seed=s, minval=-2**20, maxval=12345, dtype=d)), True
        for d in ("int32", "int64", "uint32", "uint64"):
            yield f"stateless_full{s}{d}", (lambda tf, s=s, d=d: tf.random.stateless_uniform(
                [9], seed=s, minval=None, maxval=None, dtype=d)), True
        yield f"stateless_categorical{s}", (lambda tf, s=s: tf.random.stateless_categorical(
            tf.constant([[0.0, 1.0, -np.inf, 2.0], [3.0, 0.0, 0.5, np.nan]]), 7, seed=s)), True
        yield f"split{s}", (lambda tf, s=s: tf.random.split(tf.constant(s[:1] + (7,), tf.int64), 3)), True
        yield f"fold_in{s}", (lambda tf, s=s: tf.random.fold_in(tf.constant((3, 4), tf.int32), 11)), True


def _stateful_sequence(tf):
    tf.random.set_seed(11)
    out = [tf.random.uniform([5]), tf.random.normal([3], seed=2), tf.random.normal([3], seed=2),
           tf.random.uniform([2, 2], minval=3, maxval=9, dtype=tf.int64), tf.random.truncated_normal([6]),
           tf.random.uniform([4], seed=9, dtype=tf.float64), tf.random.categorical([[0.0, 1.0, 2.0]], 6),
           tf.random.categorical([[0.0, 1.0, 2.0]], 6, seed=1), tf.random.uniform([3], minval=-1.0, maxval=0.5)]
    g = tf.random.Generator.from_seed(123)
    out += [g.uniform([5]), g.normal([3], dtype=tf.float64), g.truncated_normal([5]),
            g.uniform([4], minval=0, maxval=10, dtype=tf.int32), g.uniform_full_int([2], dtype=tf.int64),
            g.make_seeds(2)]
    return out


def _compare(ref, got, exact):
    assert ref.dtype.name == got.dtype.name and tuple(ref.shape) == tuple(got.shape)
    r, g = _np(ref), _np(got)
    if exact:
        np.testing.assert_array_equal(g, r)
    else:
        rtol = {"float16": 1e-3, "bfloat16": 8e-3, "float32": 2.5e-7, "float64": 5e-16}[ref.dtype.name]
        np.testing.assert_allclose(g, r, rtol=rtol, atol=rtol)


@pytest.mark.reference
@pytest.mark.parametrize("name,call,exact", [pytest.param(*c, id=c[0]) for c in _calls()])
def test_stateless_matches_tensorflow(name, call, exact):
    tf = pytest.importorskip("tensorflow")
    _compare(call(tf), call(tfc), exact)


@pytest.mark.reference
def test_stateful_sequence_matches_tensorflow():
    tf = pytest.importorskip("tensorflow")
    ints = {"int32", "int64"}
    for i, (r, g) in enumerate(zip(_stateful_sequence(tf), _stateful_sequence(tfc))):
        _compare(r, g, r.dtype.name in ints or i in (0, 5, 8, 9))
