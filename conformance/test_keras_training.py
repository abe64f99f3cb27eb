"""Conformance: Keras training (catalogue area K: KT-02, KT-04..KT-12, KT-26, KT-27): fit/evaluate/predict
return forms, History, batching, validation split, progress output, EarlyStopping, ModelCheckpoint."""
import re
import warnings

import numpy as np
import pytest

from .helpers import raises

behaviour = pytest.mark.behaviour


def _linear(tf, lr=0.0, kernel=1.0, metrics=None, loss="mse", units=1, inputs=1):
    """Dense(units) with a fixed kernel and zero bias, trained by SGD at `lr` (0 keeps it fixed)."""
    model = tf.keras.Sequential([tf.keras.Input((inputs,)), tf.keras.layers.Dense(units)])
    model.set_weights([np.full((inputs, units), kernel, np.float32), np.zeros(units, np.float32)])
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=lr), loss=loss, metrics=metrics)
    return model


@behaviour("KT-02")
def test_KT02_loss_string_kept_and_resolved_at_fit(tf):
    model = _linear(tf, loss="mse")
    assert model.loss == "mse"
    model = _linear(tf, loss="nonexistent")
    with raises(ValueError, "Could not interpret loss identifier: nonexistent"):
        model.fit(np.zeros((2, 1)), np.zeros((2, 1)), verbose=0)
    for name in ("mean_squared_error", "MSE", "mae", "huber", "log_cosh", "kld", "poisson", "hinge"):
        h = _linear(tf, loss=name).fit(np.ones((4, 1)), np.ones((4, 1)), verbose=0)
        assert list(h.history) == ["loss"]
    with raises(ValueError, "Could not interpret loss identifier: logcosh"):
        _linear(tf, loss="logcosh").fit(np.ones((2, 1)), np.ones((2, 1)), verbose=0)


@behaviour("KT-04")
@pytest.mark.parametrize("loss,y_shape,units,expected", [
    ("sparse_categorical_crossentropy", (4,), 3, "SparseCategoricalAccuracy"),
    ("sparse_categorical_crossentropy", (4, 1), 3, "SparseCategoricalAccuracy"),
    ("categorical_crossentropy", (4, 3), 3, "CategoricalAccuracy"),
    ("binary_crossentropy", (4, 1), 1, "BinaryAccuracy"),
    ("mse", (4, 1), 1, "BinaryAccuracy"),
    ("mse", (4, 3), 3, "CategoricalAccuracy"),
])
def test_KT04_accuracy_from_shapes(tf, loss, y_shape, units, expected):
    model = _linear(tf, kernel=0.5, loss=loss, units=units, metrics=["acc"])
    y = np.zeros(y_shape, np.float32)
    if loss.startswith("sparse"):
        y = np.zeros(y_shape, np.int64)
    h = model.fit(np.ones((4, 1), np.float32), y, verbose=0)
    metric = model.metrics[1].metrics[0]
    assert type(metric).__name__ == expected and metric.name == "acc"
    assert sorted(h.history) == ["acc", "loss"]


@behaviour("KT-05")
def test_KT05_history(tf):
    model = _linear(tf, metrics=["mse", "mae", "accuracy"])
    h = model.fit(np.ones((4, 1)), np.ones((4, 1)), epochs=2, verbose=0, validation_data=(np.ones((2, 1)),
                                                                                           np.ones((2, 1))))
    assert list(h.history) == ["accuracy", "loss", "mae", "mse", "val_accuracy", "val_loss", "val_mae", "val_mse"]
    assert all(type(v) is float for vs in h.history.values() for v in vs)
    assert all(len(v) == 2 for v in h.history.values())
    assert h.params == {"verbose": 0, "epochs": 2, "steps": 1}
    assert h.epoch == [0, 1] and h.model is model and model.history is h


@behaviour("KT-06")
def test_KT06_metrics_names(tf):
    assert _linear(tf).metrics_names == ["loss"]
    model = _linear(tf, metrics=["mae"])
    model.fit(np.ones((2, 1)), np.ones((2, 1)), verbose=0)
    assert model.metrics_names == ["loss", "compile_metrics"]
    plain = _linear(tf)
    plain.fit(np.ones((2, 1)), np.ones((2, 1)), verbose=0)
    assert plain.metrics_names == ["loss"]


@behaviour("KT-07")
def test_KT07_return_forms(tf):
    x, y = np.arange(4, dtype=np.float32).reshape(4, 1), np.zeros((4, 1), np.float32)
    plain = _linear(tf)
    assert isinstance(plain.evaluate(x, y, verbose=0), float)
    model = _linear(tf, metrics=["mse", "mae"])
    out = model.evaluate(x, y, verbose=0)
    assert isinstance(out, list) and len(out) == 3
    np.testing.assert_allclose(out, [3.5, 3.5, 1.5], rtol=1e-6)
    d = model.evaluate(x, y, verbose=0, return_dict=True)
    assert list(d) == ["loss", "mae", "mse"]
    before = _linear(tf, lr=0.1).train_on_batch(x, y)
    np.testing.assert_allclose(before, 3.5, rtol=1e-6)
    assert isinstance(model.test_on_batch(x, y), list)


@behaviour("KT-08")
def test_KT08_predict(tf):
    model = _linear(tf, units=3)
    p = model.predict(np.ones((10, 1), np.float64), verbose=0)
    assert type(p) is np.ndarray and p.dtype == np.float32 and p.shape == (10, 3)
    assert type(model.predict_on_batch(np.ones((2, 1), np.float32))) is np.ndarray
    p = model.predict(tf.constant(np.ones((40, 1), np.float32)), verbose=0)
    assert p.shape == (40, 3)


@behaviour("KT-09")
def test_KT09_batching_and_per_sample_loss(tf):
    h = _linear(tf).fit(np.ones((100, 1)), np.ones((100, 1)), verbose=0)
    assert h.params["steps"] == 4
    h = _linear(tf).fit(np.ones((100, 1)), np.ones((100, 1)), batch_size=30, validation_split=0.1, verbose=0)
    assert h.params["steps"] == 3
    x, y = np.arange(10, dtype=np.float32).reshape(10, 1), np.zeros((10, 1), np.float32)
    model = _linear(tf)
    h = model.fit(x, y, batch_size=4, verbose=0)
    assert h.history["loss"][0] == pytest.approx(28.5, rel=1e-6)
    assert model.evaluate(x, y, batch_size=4, verbose=0) == pytest.approx(28.5, rel=1e-6)


@behaviour("KT-10")
@pytest.mark.parametrize("split,val_loss,loss", [(0.2, 72.5, 17.5), (0.25, 64.666667, 13.0), (0.3, 64.666667, 13.0)])
@pytest.mark.parametrize("shuffle", [True, False])
def test_KT10_validation_split_takes_the_tail(tf, split, val_loss, loss, shuffle):
    x, y = np.arange(10, dtype=np.float32).reshape(10, 1), np.zeros((10, 1), np.float32)
    h = _linear(tf).fit(x, y, validation_split=split, shuffle=shuffle, verbose=0)
    assert h.history["val_loss"][0] == pytest.approx(val_loss, rel=1e-5)
    assert h.history["loss"][0] == pytest.approx(loss, rel=1e-5)


_TIME = r"\d+(?:ms|us|s)/step"


@behaviour("KT-11")
def test_KT11_verbose_2(tf, capsys):
    x, y = np.zeros((8, 1), np.float32), np.zeros((8, 1), np.float32)
    model = _linear(tf, metrics=["mae"])
    capsys.readouterr()
    model.fit(x, y, epochs=2, batch_size=4, verbose=2, validation_data=(x, y))
    out = capsys.readouterr().out
    line = rf"2/2 - \d+s - {_TIME} - loss: 0\.0000e\+00 - mae: 0\.0000e\+00 - val_loss: 0\.0000e\+00 - " \
           r"val_mae: 0\.0000e\+00\n"
    assert re.fullmatch(rf"Epoch 1/2\n{line}Epoch 2/2\n{line}", out), out
    model.fit(x, y, epochs=1, batch_size=4, verbose=2)
    assert not capsys.readouterr().out.startswith("Epoch")
    model.evaluate(x, y + 2, batch_size=4, verbose=2)
    assert re.fullmatch(rf"2/2 - \d+s - {_TIME} - loss: 4\.0000 - mae: 2\.0000\n", capsys.readouterr().out)
    model.predict(x, batch_size=4, verbose=2)
    assert re.fullmatch(rf"2/2 - \d+s - {_TIME}\n", capsys.readouterr().out)


@behaviour("KT-12")
def test_KT12_progress_bar(tf, capsys):
    x, y = np.zeros((8, 1), np.float32), np.full((8, 1), 2.0, np.float32)
    model = _linear(tf)
    capsys.readouterr()
    model.fit(x, y, epochs=1, batch_size=4, verbose=1)
    out = capsys.readouterr().out
    final = (r"\r\x1b\[1m2/2\x1b\[0m \x1b\[32m━{20}\x1b\[0m\x1b\[37m\x1b\[0m \x1b\[1m\d+s\x1b\[0m "
             rf"{_TIME} - loss: 4\.0000 *\n")
    assert re.search(final + r"\Z", out), repr(out)
    assert not out.startswith("Epoch")
    model.evaluate(np.zeros((10, 1), np.float32), np.full((10, 1), 2.0, np.float32), batch_size=1, verbose=1)
    out = capsys.readouterr().out
    assert re.search(r"\x1b\[1m10/10\x1b\[0m \x1b\[32m━{20}\x1b\[0m\x1b\[37m\x1b\[0m", out), repr(out)


@behaviour("KT-26")
def test_KT26_early_stopping(tf):
    x, y = np.ones((4, 1), np.float32), np.zeros((4, 1), np.float32)
    es = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=2)
    h = _linear(tf).fit(x, y, epochs=10, verbose=0, callbacks=[es])
    assert len(h.history["loss"]) == 3 and es.stopped_epoch == 2 and es.wait == 2
    assert es.best == pytest.approx(h.history["loss"][0])
    es = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=0)
    assert len(_linear(tf).fit(x, y, epochs=10, verbose=0, callbacks=[es]).history["loss"]) == 2
    es = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=3, baseline=0.0)
    assert len(_linear(tf).fit(x, y, epochs=10, verbose=0, callbacks=[es]).history["loss"]) == 3
    es = tf.keras.callbacks.EarlyStopping()
    assert es.monitor == "val_loss" and es.min_delta == 0 and es.mode == "auto" and es.baseline is None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        h = _linear(tf).fit(x, y, epochs=3, verbose=0, callbacks=[es])
    assert len(h.history["loss"]) == 3
    assert any("Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: "
               "loss" in str(w.message) for w in caught)


@behaviour("KT-26")
def test_KT26_early_stopping_message(tf, capsys):
    es = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=0, verbose=1)
    _linear(tf).fit(np.ones((4, 1)), np.zeros((4, 1)), epochs=5, verbose=0, callbacks=[es])
    assert "Epoch 2: early stopping" in capsys.readouterr().out


@behaviour("KT-27")
def test_KT27_model_checkpoint(tf, tmp_path, capsys):
    with raises(ValueError, "The filepath provided must end in `.keras` (Keras model format). Received: "
                            "filepath=ckpt"):
        tf.keras.callbacks.ModelCheckpoint("ckpt")
    with raises(ValueError, "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must "
                            "end in `.weights.h5` (Keras weights format). Received: filepath=ckpt.h5"):
        tf.keras.callbacks.ModelCheckpoint("ckpt.h5", save_weights_only=True)
    x, y = np.ones((4, 1), np.float32), np.full((4, 1), 2.0, np.float32)
    mc = tf.keras.callbacks.ModelCheckpoint(str(tmp_path / "m_{epoch:02d}_{loss:.2f}.keras"))
    model = _linear(tf, lr=0.1)
    h = model.fit(x, y, epochs=3, verbose=0, callbacks=[mc])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"m_{i + 1:02d}_{loss:.2f}.keras" for i, loss in enumerate(h.history["loss"])]
    best = str(tmp_path / "best.weights.h5")
    mc = tf.keras.callbacks.ModelCheckpoint(best, monitor="loss", save_best_only=True, save_weights_only=True,
                                            verbose=1)
    capsys.readouterr()
    h = model.fit(x, y, epochs=1, verbose=0, callbacks=[mc])
    out = capsys.readouterr().out
    loss = h.history["loss"][0]
    assert f"\nEpoch 1: loss improved from None to {loss:.5f}, saving model to {best}\n" in out
    assert f"\nEpoch 1: finished saving model to {best}\n" in out
    assert mc.best == loss
    mc = tf.keras.callbacks.ModelCheckpoint(str(tmp_path / "v.keras"), save_best_only=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, epochs=1, verbose=0, callbacks=[mc])
    assert any("Can save best model only with val_loss available." in str(w.message) for w in caught)
    assert (tmp_path / "v.keras").exists()
