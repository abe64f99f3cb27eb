"""Keras losses and metrics: exact catalogue values on every backend (eagerly and inside tf.function), and
`reference` comparisons of every loss and metric against real Keras 3 on random inputs."""
import numpy as np
import pytest

import tfcompat as tf

keras = tf.keras
YT, YP = [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]]
CAT_P = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]


@pytest.mark.parametrize("make, args, want", [
    (lambda L: L.MeanSquaredError(), (YT, YP), 0.31),
    (lambda L: L.MeanSquaredError(reduction="sum"), (YT, YP), 0.62),
    (lambda L: L.MeanSquaredError(reduction=None), (YT, YP), [0.36, 0.26]),
    (lambda L: L.BinaryCrossentropy(), (YT, YP), 0.8149245),
    (lambda L: L.BinaryCrossentropy(from_logits=True), (YT, [[-18.6, 0.51], [2.94, -12.8]]), 0.865458),
    (lambda L: L.BinaryCrossentropy(from_logits=True), (YT, [[100.0, -100.0], [100.0, 100.0]]), 100.0),
    (lambda L: L.BinaryCrossentropy(), ([[0.0, 1.0]], [[1.0, 0.0]]), 16.03024),
    (lambda L: L.BinaryCrossentropy(label_smoothing=0.2), (YT, YP), 0.7946512),
    (lambda L: L.BinaryCrossentropy(), ([1.0, 0.0], [0.9, 0.2]), 0.16425204),
    (lambda L: L.SparseCategoricalCrossentropy(), ([1, 2], CAT_P), 1.1769392),
    (lambda L: L.CategoricalCrossentropy(), ([[0, 1, 0], [0, 0, 1]], CAT_P), 1.1769392),
    (lambda L: L.SparseCategoricalCrossentropy(from_logits=True), ([1, 2], [[1, 2, 3], [1, 2, 3]]), 0.9076059),
    (lambda L: L.CategoricalCrossentropy(label_smoothing=0.1), ([[0, 1, 0], [0, 0, 1]], CAT_P), 1.4591359),
    (lambda L: L.CategoricalCrossentropy(), ([[0, 1, 0]], [[1.0, 1.0, 2.0]]), 1.3862944),  # TF 2.21's value
    (lambda L: L.Huber(), (YT, YP), 0.155),
    (lambda L: L.Huber(), ([[0.0]], [[3.0]]), 2.5),
    (lambda L: L.Huber(delta=2.0), ([[0.0]], [[3.0]]), 4.0),
    (lambda L: L.KLDivergence(), (YT, YP), 0.45814306),
    (lambda L: L.KLDivergence(), ([[0.5, 0.5]], [[0.9, 0.1]]), 0.51082563),
    (lambda L: L.CosineSimilarity(), ([[0, 1], [1, 1]], [[1, 0], [1, 1]]), -0.49999997),
    (lambda L: L.MeanAbsoluteError(), (YT, [[1, 1], [1, 0]]), 0.5),
    (lambda L: L.LogCosh(), (YT, [[1, 1], [0, 0]]), 0.1084452),
    (lambda L: L.Poisson(), (YT, [[1, 1], [0, 0]]), 0.49999997),
], ids=lambda v: None if callable(v) else "")
@pytest.mark.parametrize("function", [False, True], ids=["eager", "tf.function"])
def test_loss_values(make, args, want, function):
    loss = make(keras.losses)
    t = [tf.constant(a, tf.float32) for a in args]
    call = tf.function(lambda a, b: loss(a, b)) if function else loss
    got = call(*t)
    assert got.dtype == tf.float32
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-5)


def test_sample_weights_and_reductions():
    L = keras.losses
    np.testing.assert_allclose(L.MeanSquaredError()(YT, YP, sample_weight=[0.7, 0.1]).numpy(), 0.139, rtol=1e-6)
    np.testing.assert_allclose(L.MeanSquaredError(reduction="mean_with_sample_weight")(
        YT, YP, sample_weight=[0.7, 0.1]).numpy(), 0.3475, rtol=1e-6)
    assert L.MeanSquaredError(reduction="none")(np.zeros((2, 3, 4)), np.ones((2, 3, 4))).shape == (2, 3)
    assert L.MeanSquaredError()(np.zeros((2, 2)), np.ones((2, 2), np.float64)).dtype == tf.float32
    assert L.mse(np.zeros((2, 2)), np.ones((2, 2))).dtype == tf.float64
    with pytest.raises(ValueError, match="Invalid value for argument `reduction`"):
        L.MeanSquaredError(reduction="bogus")
    assert L.MeanSquaredError(reduction=L.Reduction.AUTO).reduction == "sum_over_batch_size"  # Keras 2
    ignore = L.SparseCategoricalCrossentropy(ignore_class=-1)
    np.testing.assert_allclose(ignore(tf.constant([2, -1]), tf.constant(CAT_P)).numpy(), 16.118097, rtol=1e-6)
    np.testing.assert_allclose(L.cosine_similarity(tf.constant([[0.0, 1], [0, 0]]), tf.constant([[1.0, 0], [1, 1]])),
                               [0.0, 0.0])


def test_loss_names_and_get():
    L = keras.losses
    for name in ("mse", "MSE", "mean_squared_error", "mae", "binary_crossentropy", "bce", "huber", "log_cosh",
                 "kld", "kl_divergence", "poisson", "msle",
                 "cosine_similarity", "hinge", "sparse_categorical_crossentropy", "categorical_crossentropy"):
        assert callable(L.get(name))
    for name in ("logcosh", "kullback_leibler_divergence"):  # module attributes, but not names `get` knows
        with pytest.raises(ValueError, match=f"Could not interpret loss identifier: {name}"):
            L.get(name)
    assert L.get("mse") is L.mean_squared_error is L.MSE
    assert isinstance(L.get("MeanSquaredError"), L.MeanSquaredError)
    with pytest.raises(ValueError, match="Could not interpret loss identifier: nonexistent"):
        L.get("nonexistent")
    assert L.serialize(L.mse) == {"module": "builtins", "class_name": "function", "config": "mean_squared_error",
                                  "registered_name": "function"}
    h = L.get(L.serialize(L.Huber(delta=2.0)))
    assert isinstance(h, L.Huber) and h.get_config()["delta"] == 2.0
    assert L.MeanSquaredError().name == "mean_squared_error" and L.Huber().name == "huber_loss"


@pytest.mark.parametrize("function", [False, True], ids=["eager", "tf.function"])
def test_metric_values(function):
    M = keras.metrics
    cases = [
        (M.AUC(), ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75),
        (M.AUC(num_thresholds=3), ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75),
        (M.AUC(curve="PR"), ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.79726744),
        (M.AUC(from_logits=True), ([0, 0, 1, 1], [-2.197, -0.405, -0.619, 1.386]), 0.75),
        (M.Precision(), ([0, 1, 1, 1], [0.6, 0.4, 0.5, 0.51]), 0.5),
        (M.Precision(thresholds=0.3), ([0, 1, 1, 1], [0.6, 0.4, 0.5, 0.51]), 0.75),
        (M.Precision(), ([0, 1, 1, 1], [1, 0, 1, 1]), 0.6666667),
        (M.Recall(), ([0, 1, 1, 1], [1, 0, 1, 1]), 0.6666667),
        (M.Precision(), ([0, 1], [0.1, 0.2]), 0.0),
        (M.Recall(), ([0, 0], [0.9, 0.2]), 0.0),
        (M.Accuracy(), ([1, 2, 3, 4], [0, 2, 3, 4]), 0.75),
        (M.BinaryAccuracy(), ([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]), 0.75),
        (M.CategoricalAccuracy(), ([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.9], [0.05, 0.95, 0]]), 0.5),
        (M.SparseCategoricalAccuracy(), ([[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]]), 0.5),
        (M.SparseCategoricalAccuracy(), ([2], [[0.1, 0.45, 0.45]]), 0.0),
        (M.TopKCategoricalAccuracy(k=1), ([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]), 0.5),
        (M.SparseTopKCategoricalAccuracy(k=2), ([2, 1], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]), 1.0),
        (M.RootMeanSquaredError(), ([[0, 1], [0, 0]], [[1, 1], [0, 0]]), 0.5),
        (M.MeanSquaredError(), (YT, YP), 0.31),
        (M.MeanAbsoluteError(), (YT, [[1, 1], [1, 0]]), 0.5),
    ]
    for metric, (yt, yp), want in cases:
        upd = tf.function(metric.update_state) if function else metric.update_state
        upd(tf.constant(yt, tf.float32), tf.constant(yp, tf.float32))
        r = metric.result()
        assert r.dtype == tf.float32
        np.testing.assert_allclose(r.numpy(), want, rtol=1e-5, err_msg=repr(metric))
        metric.reset_state()
        assert float(metric.result()) == 0.0


def test_mean_and_names():
    M = keras.metrics
    m = M.Mean()
    assert float(m.result()) == 0.0
    m.update_state([1.0, 3.0, 5.0, 7.0])
    assert float(m.result()) == 4.0
    m.update_state([2.0])
    np.testing.assert_allclose(m.result().numpy(), 3.6, rtol=1e-6)
    assert repr(m) == "<Mean name=mean>" and [v.path for v in m.variables] == ["mean/total", "mean/count"]
    assert [v.path.split("/")[1] for v in M.AUC().variables] == ["true_positives", "false_positives",
                                                                 "true_negatives", "false_negatives"]
    assert [v.path.split("/")[1] for v in M.Precision().variables] == ["true_positives", "false_positives"]
    a, b = M.AUC(), M.AUC()
    assert a.name.startswith("auc") and b.name != a.name
    for name in ("mse", "mae", "binary_accuracy", "accuracy", "categorical_accuracy", "auc", "AUC", "precision"):
        assert isinstance(M.get(name), M.Metric)
    with pytest.raises(ValueError, match="Could not interpret metric identifier: nonexistent"):
        M.get("nonexistent")
    s = M.Sum()
    s.update_state([1.0, 2.0], sample_weight=[1.0, 0.5])
    assert float(s.result()) == 2.0


# ---- differential against real Keras 3 ----
LOSSES = [("MeanSquaredError", {}), ("MeanAbsoluteError", {}), ("MeanAbsolutePercentageError", {}),
          ("MeanSquaredLogarithmicError", {}), ("Huber", {"delta": 0.7}), ("LogCosh", {}),
          ("BinaryCrossentropy", {}), ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}),
          ("CategoricalCrossentropy", {}), ("CategoricalCrossentropy", {"from_logits": True}),
          ("SparseCategoricalCrossentropy", {}), ("SparseCategoricalCrossentropy", {"from_logits": True}),
          ("KLDivergence", {}), ("CosineSimilarity", {}), ("Hinge", {}), ("SquaredHinge", {}),
          ("CategoricalHinge", {}), ("Poisson", {}), ("MeanSquaredError", {"reduction": "sum"}),
          ("BinaryCrossentropy", {"reduction": "none"})]


def _inputs(name, seed):
    rng = np.random.default_rng(seed)
    yp = rng.uniform(0.01, 0.99, (6, 4)).astype(np.float32)
    if name.startswith("Sparse"):
        return rng.integers(0, 4, (6, 1)).astype(np.float32), yp
    if name.startswith("Categorical"):
        return np.eye(4, dtype=np.float32)[rng.integers(0, 4, 6)], yp
    if name in ("BinaryCrossentropy", "Hinge", "SquaredHinge", "KLDivergence"):
        return rng.integers(0, 2, (6, 4)).astype(np.float32), yp
    return rng.normal(size=(6, 4)).astype(np.float32), yp


@pytest.mark.reference
@pytest.mark.parametrize("name, kwargs", LOSSES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(LOSSES)])
def test_losses_match_keras(name, kwargs):
    tf_real = pytest.importorskip("tensorflow")
    for seed in range(3):
        yt, yp = _inputs(name, seed)
        sw = np.random.default_rng(seed).uniform(0, 1, (6,)).astype(np.float32)
        for weights in (None, sw):
            want = getattr(tf_real.keras.losses, name)(**kwargs)(tf_real.constant(yt), tf_real.constant(yp), weights)
            got = getattr(keras.losses, name)(**kwargs)(tf.constant(yt), tf.constant(yp), weights)
            np.testing.assert_allclose(got.numpy(), want.numpy(), rtol=2e-5, atol=1e-6)


METRICS = [("AUC", {}), ("AUC", {"curve": "PR"}), ("AUC", {"num_thresholds": 7, "summation_method": "minoring"}),
           ("Precision", {}), ("Recall", {"thresholds": [0.2, 0.5, 0.8]}), ("Precision", {"top_k": 2}),
           ("Recall", {"class_id": 1}), ("TruePositives", {}), ("FalseNegatives", {"thresholds": [0.3, 0.6]}),
           ("BinaryAccuracy", {}), ("CategoricalAccuracy", {}), ("SparseCategoricalAccuracy", {}),
           ("TopKCategoricalAccuracy", {"k": 2}), ("SparseTopKCategoricalAccuracy", {"k": 2}),
           ("MeanSquaredError", {}), ("MeanAbsoluteError", {}), ("RootMeanSquaredError", {}),
           ("BinaryCrossentropy", {}), ("CategoricalCrossentropy", {}), ("KLDivergence", {})]


@pytest.mark.reference
@pytest.mark.parametrize("name, kwargs", METRICS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(METRICS)])
def test_metrics_match_keras(name, kwargs):
    tf_real = pytest.importorskip("tensorflow")
    want_m, got_m = getattr(tf_real.keras.metrics, name)(**kwargs), getattr(keras.metrics, name)(**kwargs)
    for seed in range(3):
        rng = np.random.default_rng(seed)
        yp = rng.uniform(0, 1, (8, 4)).astype(np.float32)
        if name.startswith("Sparse"):
            yt = rng.integers(0, 4, (8, 1)).astype(np.float32)
        elif name.startswith(("Categorical", "TopK")):
            yt = np.eye(4, dtype=np.float32)[rng.integers(0, 4, 8)]
        else:
            yt = rng.integers(0, 2, (8, 4)).astype(np.float32)
        sw = rng.uniform(0, 1, (8,)).astype(np.float32) if seed == 2 else None
        want_m.update_state(tf_real.constant(yt), tf_real.constant(yp), sample_weight=sw)
        got_m.update_state(tf.constant(yt), tf.constant(yp), sample_weight=sw)
        np.testing.assert_allclose(got_m.result().numpy(), want_m.result().numpy(), rtol=2e-5, atol=1e-6)
    assert [v.path.split("/")[-1] for v in got_m.variables] == [v.path.split("/")[-1] for v in want_m.variables]
