"""Keras training beyond the catalogue: custom train_step, iterables of batches, run_eagerly parity, callbacks,
utils and the dataset cache."""
import os

import numpy as np
import pytest

import tfcompat as tf

keras = tf.keras


def _data(n=64):
    rng = np.random.RandomState(0)
    x = rng.randn(n, 3).astype("float32")
    return x, x @ np.array([[1.0], [-2.0], [0.5]], "float32")


def _model(seed_weights=True):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.set_weights([np.full((3, 1), 0.1, np.float32), np.zeros(1, np.float32)])
    return model


@pytest.mark.parametrize("run_eagerly", [False, True])
def test_fit_learns_and_graph_equals_eager(run_eagerly):
    x, y = _data()
    model = _model()
    model.compile(keras.optimizers.SGD(0.1), "mse", run_eagerly=run_eagerly)
    h = model.fit(x, y, epochs=5, batch_size=16, shuffle=False, verbose=0)
    assert h.history["loss"][-1] < h.history["loss"][0] / 10
    other = _model()
    other.compile(keras.optimizers.SGD(0.1), "mse", run_eagerly=not run_eagerly)
    other.fit(x, y, epochs=5, batch_size=16, shuffle=False, verbose=0)
    np.testing.assert_allclose(model.get_weights()[0], other.get_weights()[0], rtol=1e-5)


def test_custom_train_step():
    class Custom(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(1)
            self.tracker = keras.metrics.Mean(name="my_loss")

        def call(self, x):
            return self.dense(x)

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(self(x, training=True) - y))
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            self.tracker.update_state(loss)
            return {"my_loss": self.tracker.result()}
    x, y = _data()
    model = Custom()
    model.compile(optimizer="adam")
    h = model.fit(x, y, epochs=2, verbose=0)
    assert list(h.history) == ["my_loss"]


def test_iterable_and_generator_batches():
    x, y = _data()
    model = _model()
    model.compile(keras.optimizers.SGD(0.05), "mse")
    batches = [(x[i:i + 16], y[i:i + 16]) for i in range(0, 64, 16)]
    class Batches:  # a re-iterable with a length, like a PyDataset
        def __iter__(self):
            return iter(batches)

        def __len__(self):
            return len(batches)
    h = model.fit(Batches(), epochs=2, verbose=0)
    assert h.params["steps"] == 4 and len(h.history["loss"]) == 2

    def gen():
        while True:
            for b in batches:
                yield b
    h = model.fit(gen(), steps_per_epoch=3, epochs=2, verbose=0)
    assert h.params["steps"] == 3
    assert model.predict(iter([x[:5], x[5:9]]), verbose=0).shape == (9, 1)


def test_regularizer_and_add_loss_join_the_loss():
    x, y = _data(8)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, kernel_regularizer=keras.regularizers.l2(1.0))])
    model.set_weights([np.ones((3, 1), np.float32), np.zeros(1, np.float32)])
    model.compile(keras.optimizers.SGD(0.0), "mse")
    pred = x @ np.ones((3, 1), np.float32)
    expected = np.mean((pred - y) ** 2) + 3.0
    assert model.evaluate(x, y, verbose=0) == pytest.approx(expected, rel=1e-5)


def test_multi_output_losses():
    inp = keras.Input((3,))
    a = keras.layers.Dense(1, name="a")(inp)
    b = keras.layers.Dense(1, name="b")(inp)
    model = keras.Model(inp, [a, b])
    model.compile("sgd", loss=["mse", "mae"])
    x, y = _data(8)
    h = model.fit(x, [y, y], verbose=0)
    assert sorted(h.history) == ["a_loss", "b_loss", "loss"]
    out = model.evaluate(x, [y, y], verbose=0)
    assert len(out) == 3 and out[0] == pytest.approx(out[1] + out[2], rel=1e-5)


def test_callbacks(tmp_path, capsys):
    x, y = _data()
    model = _model()
    model.compile(keras.optimizers.SGD(0.1), "mse")
    seen = []
    csv_path = str(tmp_path / "log.csv")
    h = model.fit(x, y, epochs=3, verbose=0, callbacks=[
        keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.05),
        keras.callbacks.CSVLogger(csv_path),
        keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch))])
    assert seen == [0, 1, 2]
    assert h.history["learning_rate"] == [pytest.approx(0.05)] * 3
    lines = open(csv_path).read().splitlines()
    assert lines[0] == "epoch,learning_rate,loss,val_learning_rate,val_loss" and len(lines) == 4
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=0, min_delta=1e9)
    model.fit(x, y, epochs=2, verbose=0, callbacks=[plateau])
    assert float(model.optimizer.learning_rate.numpy()) == pytest.approx(0.025)
    bad = _model()
    bad.compile(keras.optimizers.SGD(1e30), "mse")
    capsys.readouterr()
    h = bad.fit(x * 1e10, y, epochs=5, verbose=0, callbacks=[keras.callbacks.TerminateOnNaN()])
    assert "Invalid loss, terminating training" in capsys.readouterr().out


def test_utils():
    np.testing.assert_array_equal(keras.utils.to_categorical([0, 2], 3), [[1, 0, 0], [0, 0, 1]])
    assert keras.utils.to_categorical(np.array([[1], [0]])).shape == (2, 2)
    keras.utils.set_random_seed(3)
    a = np.random.rand()
    keras.utils.set_random_seed(3)
    assert np.random.rand() == a
    with pytest.raises(ValueError, match="Expected `seed` argument to be an integer"):
        keras.utils.set_random_seed(1.5)


def test_mnist_from_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    datasets = tmp_path / "datasets"
    datasets.mkdir()
    arrays = {"x_train": np.zeros((2, 28, 28), np.uint8), "y_train": np.array([1, 2], np.uint8),
              "x_test": np.ones((1, 28, 28), np.uint8), "y_test": np.array([3], np.uint8)}
    np.savez(datasets / "mnist.npz", **arrays)
    from tfcompat.keras.datasets import mnist
    monkeypatch.setattr(mnist, "get_file", lambda fname, origin, file_hash: str(datasets / fname))
    (x, y), (xt, yt) = mnist.load_data()
    assert x.shape == (2, 28, 28) and list(y) == [1, 2] and yt[0] == 3


def test_get_file_cache_and_offline_error(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    os.makedirs(tmp_path / "datasets")
    (tmp_path / "datasets" / "f.bin").write_bytes(b"abc")
    assert keras.utils.get_file("f.bin", origin="http://127.0.0.1:9/f.bin") == str(tmp_path / "datasets" / "f.bin")
    with pytest.raises(Exception, match="URL fetch failure on http://127.0.0.1:9/g.bin"):
        keras.utils.get_file("g.bin", origin="http://127.0.0.1:9/g.bin")
    assert not (tmp_path / "datasets" / "g.bin").exists()
