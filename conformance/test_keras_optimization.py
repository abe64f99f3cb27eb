"""Conformance: Keras optimizers, losses and metrics (catalogue area K: KT-01, KT-03, KT-15..KT-25; MK-21)."""
import re

import numpy as np
import pytest

from .helpers import assert_value, raises

behaviour = pytest.mark.behaviour


def _run(tf, opt, steps, grad=(0.1, -0.5), start=(1.0, 2.0)):
    w = tf.Variable(list(start))
    out = []
    for _ in range(steps):
        opt.apply_gradients([(tf.constant(list(grad)), w)])
        out.append(w.numpy().copy())
    return out


@behaviour("KT-01")
def test_KT01_optimizer_identifiers(tf):
    for name, cls in [("adam", "Adam"), ("rmsprop", "RMSprop"), ("sgd", "SGD"), ("adagrad", "Adagrad"),
                      ("adamw", "AdamW"), ("nadam", "Nadam"), ("adamax", "Adamax"), ("adadelta", "Adadelta"),
                      ("ADAM", "Adam"), ("Adam", "Adam")]:
        opt = tf.keras.optimizers.get(name)
        assert type(opt).__name__ == cls
        assert opt.get_config()["learning_rate"] == (0.009999999776482582 if cls == "SGD" else 0.0010000000474974513)
    with raises(ValueError, "Could not interpret optimizer identifier: nonexistent"):
        tf.keras.optimizers.get("nonexistent")


@behaviour("KT-03")
def test_KT03_loss_function_aliases(tf):
    L = tf.keras.losses
    for name in ("mse", "mae", "MSE", "kld", "logcosh", "kullback_leibler_divergence", "binary_crossentropy",
                 "categorical_crossentropy", "sparse_categorical_crossentropy", "huber", "poisson"):
        assert callable(getattr(L, name)), name
    assert L.mse is L.MSE


@behaviour("KT-15")
def test_KT15_sgd(tf):
    S = tf.keras.optimizers.SGD
    np.testing.assert_allclose(_run(tf, S(0.1), 2), [[0.99, 2.05], [0.98, 2.1]], rtol=1e-6)
    np.testing.assert_allclose(_run(tf, S(0.1, momentum=0.9), 3), [[0.99, 2.05], [0.971, 2.145], [0.9439, 2.2805]],
                               rtol=1e-6)
    np.testing.assert_allclose(_run(tf, S(0.1, momentum=0.9, nesterov=True), 2), [[0.981, 2.095], [0.9539, 2.2305]],
                               rtol=1e-6)


@behaviour("KT-16")
def test_KT16_adam(tf):
    cfg = tf.keras.optimizers.Adam().get_config()
    assert (cfg["beta_1"], cfg["beta_2"], cfg["epsilon"], cfg["amsgrad"]) == (0.9, 0.999, 1e-07, False)
    np.testing.assert_allclose(_run(tf, tf.keras.optimizers.Adam(0.1), 2),
                               [[0.9000038, 2.0999987], [0.80000705, 2.1999972]], rtol=1e-6)
    (w,) = _run(tf, tf.keras.optimizers.Adam(), 1, grad=(1e-4, 1.0), start=(0.0, 0.0))
    np.testing.assert_allclose(w, [-0.00096934, -0.00099999], rtol=1e-4)


@behaviour("KT-17")
def test_KT17_rmsprop(tf):
    cfg = tf.keras.optimizers.RMSprop().get_config()
    assert (cfg["rho"], cfg["momentum"], cfg["epsilon"], cfg["centered"]) == (0.9, 0.0, 1e-07, False)
    np.testing.assert_allclose(_run(tf, tf.keras.optimizers.RMSprop(0.01), 2),
                               [[0.9683788, 2.0316226], [0.9454378, 2.0545642]], rtol=1e-6)
    (w,) = _run(tf, tf.keras.optimizers.RMSprop(), 1, grad=(1.0, 1e-4), start=(0.0, 0.0))
    np.testing.assert_allclose(w, [-0.003162276, -0.000314658], rtol=1e-5)


@behaviour("KT-18")
def test_KT18_other_optimizer_facts(tf):
    O = tf.keras.optimizers
    cfg = O.Adagrad().get_config()
    assert (cfg["initial_accumulator_value"], cfg["epsilon"]) == (0.1, 1e-07)
    np.testing.assert_allclose(_run(tf, O.Adagrad(0.1), 2), [[0.9698489, 2.0845153], [0.9409814, 2.149065]],
                               rtol=1e-6)
    assert O.AdamW().get_config()["weight_decay"] == 0.004
    np.testing.assert_allclose(_run(tf, O.AdamW(0.1), 1)[0], [0.89960384, 2.0991986], rtol=1e-6)
    np.testing.assert_allclose(_run(tf, O.SGD(1.0, clipnorm=0.1), 1, grad=(3.0, 4.0))[0], [0.94, 1.92], rtol=1e-6)
    np.testing.assert_allclose(_run(tf, O.SGD(1.0, global_clipnorm=1.0), 1, grad=(3.0, 4.0))[0], [0.4, 1.2],
                               rtol=1e-6)
    np.testing.assert_allclose(_run(tf, O.SGD(1.0, clipvalue=0.1), 1, grad=(3.0, -4.0))[0], [0.9, 2.1], rtol=1e-6)
    opt = O.SGD(0.1)
    assert int(opt.iterations) == 0 and opt.iterations.dtype in ("int64", tf.int64)
    _run(tf, opt, 1)
    assert int(opt.iterations) == 1


@behaviour("KT-19")
def test_KT19_schedules(tf):
    s = tf.keras.optimizers.schedules

    def values(sched, steps):
        out = [sched(step) for step in steps]
        assert all(type(o).__name__ == "EagerTensor" and o.dtype == tf.float32 for o in out)
        return [float(o) for o in out]

    np.testing.assert_allclose(values(s.ExponentialDecay(0.1, 10, 0.5), [0, 5, 10, 20]),
                               [0.1, 0.0707107, 0.05, 0.025], rtol=1e-6)
    np.testing.assert_allclose(values(s.ExponentialDecay(0.1, 10, 0.5, staircase=True), [0, 5, 9, 10, 15, 20]),
                               [0.1, 0.1, 0.1, 0.05, 0.05, 0.025], rtol=1e-6)
    np.testing.assert_allclose(values(s.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]), [0, 10, 11, 20, 21]),
                               [1.0, 1.0, 0.5, 0.5, 0.1], rtol=1e-6)
    np.testing.assert_allclose(values(s.CosineDecay(1.0, 10), [0, 5, 10, 20]), [1.0, 0.5, 0.0, 0.0], atol=1e-7)
    np.testing.assert_allclose(values(s.CosineDecay(1.0, 10, alpha=0.1), [0, 5, 10, 20]), [1.0, 0.55, 0.1, 0.1],
                               rtol=1e-6)
    np.testing.assert_allclose(values(s.CosineDecay(0.0, 10, warmup_target=1.0, warmup_steps=5), [0, 1, 5, 10, 15]),
                               [0.0, 0.2, 1.0, 0.5, 0.0], atol=1e-7)
    np.testing.assert_allclose(values(s.InverseTimeDecay(1.0, 10, 0.5), [0, 10, 20]), [1.0, 0.6666667, 0.5],
                               rtol=1e-6)
    np.testing.assert_allclose(values(s.PolynomialDecay(1.0, 10, 0.0), [0, 5, 10, 20]), [1.0, 0.5, 0.0, 0.0],
                               atol=1e-7)
    opt = tf.keras.optimizers.SGD(s.ExponentialDecay(0.1, 1, 0.5))
    w, lrs = tf.Variable([1.0, 2.0]), []
    for _ in range(3):
        lrs.append(float(opt.learning_rate))
        opt.apply_gradients([(tf.constant([0.1, -0.5]), w)])
    np.testing.assert_allclose(lrs, [0.1, 0.05, 0.025], rtol=1e-6)
    with raises(TypeError, "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` "
                "constructor argument, hence its learning rate is not settable."):
        opt.learning_rate = 0.5
    opt = tf.keras.optimizers.SGD(0.1)
    opt.learning_rate = 0.5
    assert float(opt.learning_rate) == 0.5


YT, YP = [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]]


def _loss(tf, loss, yt, yp, **kw):
    return loss(tf.constant(yt, tf.float32), tf.constant(yp, tf.float32), **kw)


@behaviour("KT-20")
def test_KT20_reductions(tf):
    L = tf.keras.losses
    assert_value(_loss(tf, L.MeanSquaredError(), YT, YP), 0.31, tf.float32, rtol=1e-6)
    assert_value(_loss(tf, L.MeanSquaredError(reduction="sum"), YT, YP), 0.62, rtol=1e-6)
    assert_value(_loss(tf, L.MeanSquaredError(reduction="mean"), YT, YP), 0.31, rtol=1e-6)
    for r in (None, "none"):
        assert_value(_loss(tf, L.MeanSquaredError(reduction=r), YT, YP), [0.36, 0.26], rtol=1e-6)
    assert L.MeanSquaredError(reduction="none")(tf.zeros((2, 3, 4)), tf.ones((2, 3, 4))).shape == (2, 3)
    assert_value(_loss(tf, L.MeanSquaredError(), YT, YP, sample_weight=tf.constant([0.7, 0.1])), 0.139, rtol=1e-6)
    assert_value(_loss(tf, L.MeanSquaredError(reduction="mean_with_sample_weight"), YT, YP,
                       sample_weight=tf.constant([0.7, 0.1])), 0.3475, rtol=1e-6)
    assert L.MeanSquaredError()(tf.constant(YT, tf.float64), tf.constant(YP, tf.float64)).dtype == tf.float32
    assert L.mse(np.array(YT), np.array(YP)).dtype == tf.float64


@behaviour("KT-21")
def test_KT21_binary_crossentropy(tf):
    B = tf.keras.losses.BinaryCrossentropy
    assert_value(_loss(tf, B(), YT, YP), 0.8149245, rtol=1e-6)
    assert_value(_loss(tf, B(from_logits=True), YT, [[-18.6, 0.51], [2.94, -12.8]]), 0.865458, rtol=1e-6)
    assert_value(_loss(tf, B(from_logits=True), [[0.0, 1.0]], [[100.0, -100.0]]), 100.0, rtol=1e-6)
    assert_value(_loss(tf, B(), [[0.0, 1.0]], [[1.0, 0.0]]), 16.03024, rtol=1e-6)
    assert_value(_loss(tf, B(label_smoothing=0.2), YT, YP), 0.7946512, rtol=1e-6)
    assert_value(_loss(tf, B(), [1.0, 0.0], [0.9, 0.2]), 0.16425204, rtol=1e-6)
    cfg = B().get_config()
    assert (cfg["from_logits"], cfg["label_smoothing"], cfg["axis"]) == (False, 0.0, -1)


@behaviour("KT-22")
def test_KT22_categorical_losses(tf):
    L = tf.keras.losses
    yp = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
    onehot = [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    assert_value(_loss(tf, L.SparseCategoricalCrossentropy(), [1, 2], yp), 1.1769392, rtol=1e-6)
    assert_value(_loss(tf, L.CategoricalCrossentropy(), onehot, yp), 1.1769392, rtol=1e-6)
    logits = [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]
    assert_value(_loss(tf, L.SparseCategoricalCrossentropy(from_logits=True), [1, 2], logits), 0.9076059, rtol=1e-6)
    assert_value(_loss(tf, L.CategoricalCrossentropy(from_logits=True), onehot, logits), 0.9076059, rtol=1e-6)
    assert_value(_loss(tf, L.CategoricalCrossentropy(label_smoothing=0.1), onehot, yp), 1.4591359, rtol=1e-6)
    ignore = L.SparseCategoricalCrossentropy(ignore_class=-1)
    assert_value(ignore(tf.constant([1, -1]), tf.constant([[0.1, 0.8, 0.1], [0.05, 0.95, 0.0]])), 0.22314355,
                 rtol=1e-6)


@behaviour("KT-23")
def test_KT23_regression_losses(tf):
    L = tf.keras.losses
    assert_value(_loss(tf, L.Huber(), YT, YP), 0.155, rtol=1e-6)
    assert_value(_loss(tf, L.Huber(), [[0.0]], [[3.0]]), 2.5, rtol=1e-6)
    assert_value(_loss(tf, L.Huber(delta=2.0), [[0.0]], [[3.0]]), 4.0, rtol=1e-6)
    assert_value(_loss(tf, L.KLDivergence(), YT, YP), 0.45814306, rtol=1e-6)
    assert_value(_loss(tf, L.KLDivergence(), [[0.5, 0.5]], [[0.9, 0.1]]), 0.51082563, rtol=1e-6)
    assert_value(_loss(tf, L.CosineSimilarity(), [[0, 1], [1, 1]], [[1, 0], [1, 1]]), -0.49999997, rtol=1e-6)
    per_sample = L.cosine_similarity(tf.constant([[0.0, 1.0], [1.0, 1.0]]), tf.constant([[1.0, 0.0], [1.0, 1.0]]))
    assert_value(per_sample, [0.0, -1.0], rtol=1e-6)
    zero = L.cosine_similarity(tf.constant([[0.0, 0.0]]), tf.constant([[1.0, 1.0]]))
    assert not np.isnan(zero.numpy()).any() and float(zero[0]) == 0.0
    assert_value(_loss(tf, L.MeanAbsoluteError(), YT, [[1, 1], [1, 0]]), 0.5, rtol=1e-6)
    assert_value(_loss(tf, L.LogCosh(), YT, [[1, 1], [0, 0]]), 0.1084452, rtol=1e-6)
    assert_value(_loss(tf, L.Poisson(), YT, [[1, 1], [0, 0]]), 0.49999997, rtol=1e-6)


def _metric(tf, m, yt, yp):
    m.update_state(tf.constant(yt, tf.float32), tf.constant(yp, tf.float32))
    return m.result()


@behaviour("KT-24")
def test_KT24_threshold_metrics(tf):
    M = tf.keras.metrics
    auc = M.AUC()
    assert auc.num_thresholds == 200 and auc.curve.name == "ROC" and auc.summation_method.name == "INTERPOLATION"
    yt, yp = [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]
    assert_value(_metric(tf, auc, yt, yp), 0.75, tf.float32, rtol=1e-6)
    assert_value(_metric(tf, M.AUC(num_thresholds=3), yt, yp), 0.75, rtol=1e-6)
    assert_value(_metric(tf, M.AUC(curve="PR"), yt, yp), 0.79726744, rtol=1e-6)
    logits = np.log(np.array(yp) / (1 - np.array(yp)))
    assert_value(_metric(tf, M.AUC(from_logits=True), yt, logits), 0.75, rtol=1e-6)
    assert_value(_metric(tf, M.Precision(), [0, 1, 1, 1], [0.6, 0.4, 0.5, 0.51]), 0.5, rtol=1e-6)
    assert_value(_metric(tf, M.Precision(thresholds=0.3), [0, 1, 1, 1], [0.6, 0.4, 0.5, 0.51]), 0.75, rtol=1e-6)
    assert_value(_metric(tf, M.Precision(), [0, 1, 1, 1], [1, 0, 1, 1]), 0.6666667, rtol=1e-6)
    rec = M.Recall()
    assert_value(_metric(tf, rec, [0, 1, 1, 1], [1, 0, 1, 1]), 0.6666667, rtol=1e-6)
    assert_value(_metric(tf, M.Precision(), [1, 1], [0.1, 0.2]), 0.0)
    assert_value(_metric(tf, M.Recall(), [0, 0], [0.9, 0.2]), 0.0)
    assert_value(_metric(tf, M.Precision(top_k=1), [[0, 1, 0]], [[0.5, 0.5, 0.1]]), 0.0)
    assert type(rec.result()).__name__ == "EagerTensor"
    rec.reset_state()
    assert float(rec.result()) == 0.0


@behaviour("KT-25")
def test_KT25_other_metrics(tf):
    M = tf.keras.metrics
    assert_value(_metric(tf, M.Accuracy(), [1, 2, 3, 4], [0, 2, 3, 4]), 0.75, rtol=1e-6)
    assert_value(_metric(tf, M.BinaryAccuracy(), [[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]), 0.75, rtol=1e-6)
    assert_value(_metric(tf, M.CategoricalAccuracy(), [[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.9], [0.05, 0.95, 0]]),
                 0.5, rtol=1e-6)
    assert_value(_metric(tf, M.SparseCategoricalAccuracy(), [[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]]), 0.5,
                 rtol=1e-6)
    assert_value(_metric(tf, M.SparseCategoricalAccuracy(), [2], [[0.1, 0.45, 0.45]]), 0.0)
    mean = M.Mean()
    assert float(mean.result()) == 0.0
    mean.update_state(tf.constant([1.0, 3.0, 5.0, 7.0]))
    assert float(mean.result()) == 4.0
    mean.update_state(tf.constant([2.0]))
    assert_value(mean.result(), 3.6, rtol=1e-6)
    assert repr(mean) == "<Mean name=mean>"
    assert_value(_metric(tf, M.RootMeanSquaredError(), [[0, 1], [0, 0]], [[1, 1], [0, 0]]), 0.5, rtol=1e-6)
    assert [v.path.split("/")[-1] for v in M.Precision().variables] == ["true_positives", "false_positives"]
    assert [v.path.split("/")[-1] for v in M.AUC().variables] == ["true_positives", "false_positives",
                                                                   "true_negatives", "false_negatives"]
    a, b = M.AUC(), M.Precision()
    assert re.fullmatch(r"auc(_\d+)?", a.name) and re.fullmatch(r"precision(_\d+)?", b.name)
    assert M.AUC().name != a.name


@behaviour("MK-21")
def test_MK21_apply_gradients_on_plain_variables(tf):
    opt = tf.keras.optimizers.SGD(0.1)
    v, u = tf.Variable([1.0, 2.0]), tf.Variable([3.0])
    with pytest.warns(UserWarning):  # Keras 3 warns about the variable without a gradient, then skips it
        opt.apply_gradients([(tf.constant([1.0, 1.0]), v), (None, u)])
    assert_value(v.read_value(), [0.9, 1.9], rtol=1e-6)
    assert_value(u.read_value(), [3.0])
    assert int(opt.iterations) == 1
    table = tf.Variable([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    grad = tf.IndexedSlices(tf.constant([[1.0, 1.0]]), tf.constant([2]), tf.constant([3, 2]))
    tf.keras.optimizers.SGD(0.5).apply_gradients([(grad, table)])
    assert_value(table.read_value(), [[1, 1], [2, 2], [2.5, 2.5]])
