"""Keras saving: .keras round trips, the .weights.h5 layout, failed saves, tf.train.Checkpoint, and the two-way
weights-file exchange with real Keras 3 (reference-marked, run under /work/tfref)."""
import os
import re
import subprocess
import sys
import zipfile

import numpy as np
import pytest

import tfcompat as tf

keras = tf.keras
h5py = pytest.importorskip("h5py")

_REAL_KERAS = """
import sys, numpy as np, keras
mode, path = sys.argv[1], sys.argv[2]
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)])
x = np.linspace(-1, 1, 12, dtype="float32").reshape(4, 3)
if mode == "write":
    m.save_weights(path)
else:
    m.load_weights(path)
np.save(path + ".pred.npy", m.predict(x, verbose=0))
"""


def _model():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)])


def _x():
    return np.linspace(-1, 1, 12, dtype="float32").reshape(4, 3)


def _real_keras(mode, path):
    python = "/work/tfref/bin/python"
    if not os.path.exists(python):
        pytest.skip("the reference environment is not installed")
    subprocess.run([python, "-c", _REAL_KERAS, mode, path], check=True, capture_output=True)
    return np.load(path + ".pred.npy")


@pytest.mark.reference
def test_weights_written_by_real_keras_load_here(tmp_path):
    path = str(tmp_path / "real.weights.h5")
    expected = _real_keras("write", path)
    model = _model()
    model.load_weights(path)
    np.testing.assert_allclose(model.predict(_x(), verbose=0), expected, atol=1e-5)


@pytest.mark.reference
def test_weights_written_here_load_in_real_keras(tmp_path):
    path = str(tmp_path / "ours.weights.h5")
    model = _model()
    model.save_weights(path)
    np.testing.assert_allclose(_real_keras("read", path), model.predict(_x(), verbose=0), atol=1e-5)


def test_keras_zip_round_trip(tmp_path):
    model = _model()
    model.compile("adam", "mse")
    model.fit(_x(), np.ones((4, 2)), verbose=0)
    path = str(tmp_path / "m.keras")
    model.save(path)
    with zipfile.ZipFile(path) as z:
        assert [(i.filename, i.compress_type) for i in z.infolist()] == [
            ("metadata.json", 0), ("config.json", 0), ("model.weights.h5", 0)]
    loaded = keras.models.load_model(path)
    assert type(loaded).__name__ == "Sequential" and loaded.name == model.name and loaded.loss == "mse"
    assert int(loaded.optimizer.iterations.numpy()) == 1
    np.testing.assert_allclose(loaded.predict(_x(), verbose=0), model.predict(_x(), verbose=0))
    bare = keras.models.load_model(path, compile=False)
    assert not hasattr(bare, "optimizer") and not bare.compiled


def test_keras2_save_without_extension(tmp_path):
    model = _model()
    path = str(tmp_path / "noext")
    model.save(path)
    loaded = keras.models.load_model(path)
    np.testing.assert_allclose(loaded.predict(_x(), verbose=0), model.predict(_x(), verbose=0))


def test_weights_layout(tmp_path):
    model = _model()
    model.compile("sgd", "mse")
    path = str(tmp_path / "w.weights.h5")
    model.save_weights(path)
    names = []
    with h5py.File(path) as f:
        f.visititems(lambda n, o: names.append((n, getattr(o, "shape", None))))
        assert dict(f.attrs) == {}
    assert names == [("layers", None), ("layers/dense", None), ("layers/dense/vars", None),
                     ("layers/dense/vars/0", (3, 4)), ("layers/dense/vars/1", (4,)), ("layers/dense_1", None),
                     ("layers/dense_1/vars", None), ("layers/dense_1/vars/0", (4, 2)),
                     ("layers/dense_1/vars/1", (2,)), ("optimizer", None), ("optimizer/vars", None),
                     ("optimizer/vars/0", ()), ("optimizer/vars/1", ()), ("vars", None)]


def test_subclassed_model_walk(tmp_path):
    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.zz = keras.layers.Dense(3)
            self.aa = keras.layers.Dense(2)

        def call(self, x):
            return self.aa(self.zz(x))
    m = M()
    m(_x())
    path = str(tmp_path / "s.weights.h5")
    m.save_weights(path)
    with h5py.File(path) as f:
        assert sorted(k for k in f) == ["aa", "layers", "vars"]
        assert sorted(f["layers"]) == ["dense"]
    other = M()
    other(_x())
    other.load_weights(path)
    np.testing.assert_allclose(other(_x()).numpy(), m(_x()).numpy())


def test_errors(tmp_path):
    model = _model()
    for bad in ("w.h5", "w", "w.weights.keras"):
        with pytest.raises(ValueError, match=f"The filename must end in `.weights.h5`. Received: filepath={bad}"):
            model.save_weights(bad)
    with pytest.raises(FileNotFoundError):
        model.load_weights(str(tmp_path / "nonexist.weights.h5"))
    with pytest.raises(ValueError, match="File not found: filepath=nonexist.keras"):
        keras.models.load_model("nonexist.keras")
    other = keras.Sequential([keras.Input((3,)), keras.layers.Dense(5), keras.layers.Dense(2)])
    path = str(tmp_path / "w.weights.h5")
    model.save_weights(path)
    with pytest.raises(ValueError, match="objects could not be loaded"):
        other.load_weights(path)


def test_failed_save_leaves_nothing(tmp_path, monkeypatch):
    from tfcompat.keras.saving import saving_lib
    model = _model()

    def boom(*args):
        raise RuntimeError("disk full")
    monkeypatch.setattr(saving_lib, "write_weights", boom)
    with pytest.raises(RuntimeError):
        model.save_weights(str(tmp_path / "w.weights.h5"))
    assert os.listdir(tmp_path) == []


def test_custom_objects(tmp_path):
    @keras.saving.register_keras_serializable(package="KD")
    class Scale(keras.layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}
    model = keras.Sequential([keras.Input((3,)), Scale(3.0), keras.layers.Dense(2)])
    path = str(tmp_path / "c.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    np.testing.assert_allclose(loaded(_x()).numpy(), model(_x()).numpy(), rtol=1e-6)


def test_checkpoint_and_manager(tmp_path):
    class M(tf.Module):
        def __init__(self):
            super().__init__()
            self.v = tf.Variable([1.0, 2.0])
            self.w = tf.Variable(3.0)
    m = M()
    ckpt = tf.train.Checkpoint(model=m)
    path = ckpt.save(str(tmp_path / "c"))
    assert isinstance(path, str) and path.endswith("c-1")
    assert sorted(os.listdir(tmp_path)) == ["c-1.data-00000-of-00001", "c-1.index", "checkpoint"]
    assert ckpt.save(str(tmp_path / "c")).endswith("c-2")
    assert tf.train.latest_checkpoint(str(tmp_path)).endswith("c-2")
    m.v.assign([0.0, 0.0])
    ckpt.restore(path).assert_consumed()
    np.testing.assert_allclose(m.v.numpy(), [1.0, 2.0])
    mgr = tf.train.CheckpointManager(tf.train.Checkpoint(model=M()), str(tmp_path / "mgr"), max_to_keep=2)
    saved = [mgr.save() for _ in range(3)]
    assert [os.path.basename(p) for p in saved] == ["ckpt-1", "ckpt-2", "ckpt-3"]
    assert mgr.checkpoints == saved[1:]
    assert not os.path.exists(saved[0] + ".index")


def test_build_configs_as_keras3(tmp_path):
    """Layers record their first build shape; configs carry it (Sequential also as build_input_shape)."""
    dense = keras.layers.Dense(2)
    assert dense.get_build_config() is None
    dense(np.ones((5, 3), np.float32))
    assert dense.get_build_config() == {"input_shape": (5, 3)}
    seq = keras.Sequential([keras.layers.Dense(2)])
    seq(np.ones((5, 3), np.float32))
    config = seq.get_config()
    assert config["build_input_shape"] == (5, 3) and config["layers"][-1]["build_config"] == {"input_shape": (5, 3)}
    rebuilt = keras.Sequential.from_config(config)
    assert rebuilt.built and rebuilt.layers[0].kernel.shape == (3, 2)
    inputs = keras.Input((3,))
    functional = keras.Model(inputs, keras.layers.Dense(2)(inputs))
    assert functional.get_build_config() == {"input_shape": None}
    assert functional.get_config()["layers"][1]["build_config"] == {"input_shape": (None, 3)}
    assert "dtype" not in functional.get_config()
    path = str(tmp_path / "f.keras")
    functional.save(path)
    with zipfile.ZipFile(path) as archive:
        import json
        saved = json.loads(archive.read("config.json"))
    assert (saved["module"], saved["registered_name"], saved["compile_config"]) == (
        "keras.src.models.functional", "Functional", {})
    assert isinstance(keras.models.load_model(path), keras.Model)


def test_utils_exports_serialization_registry():
    for name in ("register_keras_serializable", "get_custom_objects", "custom_object_scope", "CustomObjectScope",
                 "serialize_keras_object", "deserialize_keras_object", "get_registered_name",
                 "get_registered_object", "pack_x_y_sample_weight", "unpack_x_y_sample_weight"):
        assert getattr(keras.utils, name) is getattr(keras.saving, name, getattr(keras.utils, name))


def test_save_rejects_unknown_extensions(tmp_path):
    model = _model()
    with pytest.raises(ValueError, match="Invalid filepath extension for saving"):
        model.save(str(tmp_path / "m.pb"))
    model.save(str(tmp_path / "keras2_style"))  # Keras 2's extensionless path: a .keras zip
    assert zipfile.is_zipfile(str(tmp_path / "keras2_style"))


# ---- legacy HDF5 (`model.save('x.h5')`) ----
_H5_MODELS = '''
import numpy as np


def subclassed(keras):
    class Built(keras.Model):
        """A subclassed model that builds itself, so the legacy format (which keeps no build config) can refill it."""
        def __init__(self, units=3, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.d1 = keras.layers.Dense(5, activation="relu")
            self.drop = keras.layers.Dropout(0.2)
            self.d2 = keras.layers.Dense(units)
            self.build((None, 4))

        def build(self, shape):
            self.d1.build(shape)
            self.d2.build((None, 5))
            self.built = True

        def call(self, x, training=False):
            return self.d2(self.drop(self.d1(x), training=training))

        def get_config(self):
            return {**super().get_config(), "units": self.units}
    return Built


def build(keras, kind):
    L = keras.layers
    if kind == "dense":
        return keras.Sequential([keras.Input((3,)), L.Dense(4, activation="relu"), L.Dropout(0.5), L.Dense(2)])
    if kind == "conv":
        return keras.Sequential([keras.Input((6, 6, 2)), L.Conv2D(3, 3), L.Flatten(), L.Dense(2)])
    if kind == "batchnorm":
        return keras.Sequential([keras.Input((3,)), L.Dense(4), L.BatchNormalization(), L.Dense(2)])
    if kind == "rnn":
        return keras.Sequential([keras.Input((5,), dtype="int32"), L.Embedding(10, 4), L.LSTM(3), L.Dense(1)])
    if kind == "functional":
        a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
        h = L.Dense(4, activation="tanh")(a)
        return keras.Model([a, b], L.Dense(2, name="out")(L.Concatenate()([h, b])))
    return subclassed(keras)(3)


def inputs(kind):
    rng = np.random.RandomState(0)
    if kind == "conv":
        return rng.randn(2, 6, 6, 2).astype("float32")
    if kind == "rnn":
        return rng.randint(0, 10, (2, 5)).astype("int32")
    if kind == "functional":
        return [rng.randn(2, 3).astype("float32"), rng.randn(2, 2).astype("float32")]
    return rng.randn(2, 4 if kind == "subclassed" else 3).astype("float32")
'''
_REAL_H5 = _H5_MODELS + '''
import sys
import keras
mode, kind, path = sys.argv[1:4]
if mode == "save":
    model = build(keras, kind)
    model.compile(optimizer="adam", loss="mean_squared_error", metrics=["mae"])
    model.save(path)
elif mode == "load":
    model = keras.models.load_model(path, custom_objects={"Built": subclassed(keras)})
    assert model.compiled and type(model.optimizer).__name__ == "Adam"
else:
    model = build(keras, kind)
    model.load_weights(path)
np.save(path + ".pred.npy", model.predict(inputs(kind), verbose=0))
'''
_LEGACY_WEIGHTS = '''
import os, sys
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np, tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu", input_shape=(3,)), tf.keras.layers.Dense(2)])
model.save_weights(sys.argv[1])
np.save(sys.argv[1] + ".pred.npy", model.predict(np.linspace(-1, 1, 12, dtype="float32").reshape(4, 3), verbose=0))
'''
_models = {}
exec(_H5_MODELS, _models)
_KINDS = ["dense", "conv", "rnn", "functional", "subclassed", "batchnorm"]


def _h5_model(kind):
    return _models["build"](keras, kind)


def _h5_inputs(kind):
    return _models["inputs"](kind)


def _run_real(script, *args):
    python = "/work/tfref/bin/python"
    if not os.path.exists(python):
        pytest.skip("the reference environment is not installed")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    subprocess.run([python, "-c", script, *args], check=True, capture_output=True, env=env)
    return np.load(args[-1] + ".pred.npy")


@pytest.mark.parametrize("compiled", [False, True])
@pytest.mark.parametrize("kind", _KINDS)
def test_h5_round_trip(tmp_path, kind, compiled):
    model = _h5_model(kind)
    if compiled:
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error", metrics=["mae"])
    path = str(tmp_path / "m.h5")
    model.save(path)
    loaded = keras.models.load_model(path, custom_objects={"Built": type(model)})
    assert type(loaded) is type(model) and loaded.name == model.name and loaded.compiled == compiled
    np.testing.assert_allclose(loaded.predict(_h5_inputs(kind), verbose=0), model.predict(_h5_inputs(kind), verbose=0),
                               atol=1e-6)
    if compiled:
        assert type(loaded.optimizer).__name__ == "Adam" and loaded.loss is keras.losses.mean_squared_error
        np.testing.assert_allclose(float(loaded.optimizer.learning_rate.numpy()), 0.01)


def test_h5_training_state_as_keras3(tmp_path, caplog):
    """Keras 3 builds the loaded optimizer on the model's own (top-level) variables, so only the iteration count
    and learning rate come back; include_optimizer=False and compile=False load uncompiled."""
    import logging
    model = _model()
    model.compile(optimizer="adam", loss="mean_squared_error")
    model.fit(_x(), np.ones((4, 2)), batch_size=2, verbose=0)
    path = str(tmp_path / "m.hdf5")
    model.save(path)
    with h5py.File(path) as f:
        opt, dense = model.optimizer.name, model.layers[0].name
        assert list(f["optimizer_weights"].attrs["weight_names"])[:3] == [
            f"{opt}/iteration", f"{opt}/learning_rate", f"{opt}/{model.name}_{dense}_kernel_momentum"]
        assert len(f["optimizer_weights"].attrs["weight_names"]) == 10
    loaded = keras.models.load_model(path)
    assert int(loaded.optimizer.iterations.numpy()) == 2 and len(loaded.optimizer.variables) == 2
    assert not keras.models.load_model(path, compile=False).compiled
    bare = str(tmp_path / "bare.h5")
    model.save(bare, include_optimizer=False)
    with h5py.File(bare) as f:
        assert sorted(f.attrs) == ["backend", "keras_version", "model_config"] and list(f) == ["model_weights"]
    with caplog.at_level(logging.WARNING):
        assert not keras.models.load_model(bare).compiled
    assert "No training configuration found in the save file, so the model was *not* compiled." in caplog.text


def test_h5_loss_alias_is_not_loadable_as_keras3(tmp_path):
    model = _model()
    model.compile(optimizer="adam", loss="mse")
    path = str(tmp_path / "m.h5")
    model.save(path)
    with pytest.raises(ValueError, match="^Could not deserialize 'keras.metrics.mse' because it is not a "
                                         "KerasSaveable subclass$"):
        keras.models.load_model(path)
    assert keras.models.load_model(path, compile=False).name == model.name


def test_h5_load_weights(tmp_path):
    model = _model()
    path = str(tmp_path / "m.h5")
    model.save(path)
    other = _model()
    other.load_weights(path)
    np.testing.assert_allclose(other.predict(_x(), verbose=0), model.predict(_x(), verbose=0))
    named = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name=model.layers[1].name),
                              keras.layers.Dense(3, name="unsaved")])
    named.load_weights(path, by_name=True)  # only the layer named as a saved one is filled
    np.testing.assert_array_equal(named.layers[0].kernel.numpy(), model.layers[1].kernel.numpy())
    with pytest.raises(ValueError, match=r"^Shape mismatch in layer #0 \(named dense_\d+\)for weight "
                                         r"sequential_\d+/dense_\d+/kernel. Weight expects shape \(3, 5\). Received "
                                         r"saved weight with shape \(3, 4\)$"):
        keras.Sequential([keras.Input((3,)), keras.layers.Dense(5), keras.layers.Dense(2)]).load_weights(path)
    with pytest.raises(ValueError, match="^Layer count mismatch when loading weights from file. Model expected 0 "
                                         "layers, found 2 saved layers.$"):
        keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(2)]).load_weights(path)
    with pytest.raises(ValueError, match=r"^The filename must end in `.weights.h5`. Received: filepath=w.h5$"):
        model.save_weights("w.h5")


def test_h5_errors_and_failed_save(tmp_path, monkeypatch):
    from tfcompat.keras.saving import legacy_h5
    missing = str(tmp_path / "nope.h5")
    with pytest.raises(FileNotFoundError, match=r"^\[Errno 2\] Unable to synchronously open file \(unable to open "
                                                f"file: name = '{missing}'"):
        keras.models.load_model(missing)
    with h5py.File(str(tmp_path / "empty.h5"), "w"):
        pass
    with pytest.raises(ValueError, match="^No model config found in the file at"):
        keras.models.load_model(str(tmp_path / "empty.h5"))
    path = str(tmp_path / "m.h5")
    _model().save(path)
    before = open(path, "rb").read()

    def boom(*args):
        raise RuntimeError("disk full")
    monkeypatch.setattr(legacy_h5, "_write_model_weights", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        _model().save(path)
    with pytest.raises(RuntimeError, match="disk full"):
        _model().save(str(tmp_path / "new.h5"))
    assert sorted(os.listdir(tmp_path)) == ["empty.h5", "m.h5"]
    assert open(path, "rb").read() == before


@pytest.mark.parametrize("safe_mode", [True, False])
def test_h5_lambda_bytecode_never_runs(tmp_path, safe_mode):
    import json
    path = str(tmp_path / "m.h5")
    _model().save(path)
    with h5py.File(path, "r+") as f:
        config = json.loads(f.attrs["model_config"])
        config["config"]["layers"].insert(1, {"class_name": "Lambda", "config": {
            "name": "lambda", "function": {"class_name": "__lambda__", "config": {
                "code": "4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAfABkARQAUwApAk7pAgAAAKkAKQHaAXhyAgAAAHICAAAA",
                "defaults": None, "closure": None}}, "arguments": {}}})
        f.attrs["model_config"] = json.dumps(config).encode("utf8")
    message = "Requested the deserialization of a `Lambda` layer whose `function` is a Python lambda." if safe_mode \
        else "tfcompat never runs code stored in a file"
    with pytest.raises(ValueError, match=re.escape(message)):
        keras.models.load_model(path, safe_mode=safe_mode)


@pytest.mark.reference
@pytest.mark.parametrize("kind", ["dense", "conv", "functional", "subclassed", "rnn"])
def test_h5_written_by_real_keras_loads_here(tmp_path, kind):
    path = str(tmp_path / "real.h5")
    expected = _run_real(_REAL_H5, "save", kind, path)
    Built = _models["subclassed"](keras)
    loaded = keras.models.load_model(path, custom_objects={"Built": Built})
    assert loaded.compiled and type(loaded.optimizer).__name__ == "Adam"
    np.testing.assert_allclose(loaded.predict(_h5_inputs(kind), verbose=0), expected, atol=1e-5)
    model = _h5_model(kind)
    model.load_weights(path)
    np.testing.assert_allclose(model.predict(_h5_inputs(kind), verbose=0), expected, atol=1e-5)


@pytest.mark.reference
@pytest.mark.parametrize("kind", ["dense", "conv", "rnn", "functional", "subclassed"])
def test_h5_written_here_loads_in_real_keras(tmp_path, kind):
    path = str(tmp_path / "ours.h5")
    model = _h5_model(kind)
    model.compile(optimizer="adam", loss="mean_squared_error", metrics=["mae"])
    model.save(path)
    expected = model.predict(_h5_inputs(kind), verbose=0)
    np.testing.assert_allclose(_run_real(_REAL_H5, "load", kind, path), expected, atol=1e-5)
    np.testing.assert_allclose(_run_real(_REAL_H5, "weights", kind, path), expected, atol=1e-5)


@pytest.mark.reference
def test_h5_weights_only_file_of_legacy_keras_loads_here(tmp_path):
    path = str(tmp_path / "lw.h5")
    expected = _run_real(_LEGACY_WEIGHTS, path)
    model = _model()
    model.load_weights(path)
    np.testing.assert_allclose(model.predict(_x(), verbose=0), expected, atol=1e-5)


def test_lambda_layers_save_and_load_by_name_and_never_run_stored_bytecode(tmp_path):
    """A named function comes back by name (custom_objects); a Python lambda is saved as Keras 3 does (real Keras
    loads it with safe_mode=False) and refused on load in tfcompat."""
    def double(v):
        return v * 2
    model = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(double, output_shape=(3,)), keras.layers.Dense(2)])
    path = str(tmp_path / "named.keras")
    model.save(path)
    loaded = keras.models.load_model(path, custom_objects={"double": double})
    x = np.ones((2, 3), np.float32)
    np.testing.assert_array_equal(loaded(x).numpy(), model(x).numpy())
    config = model.layers[0].get_config()
    assert config["function"]["class_name"] == "function" and config["function"]["config"] == "double"
    assert config["output_shape"] == (3,) and config["arguments"] == {}
    anonymous = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(lambda v: v * 2)])
    assert anonymous.layers[0].get_config()["function"]["class_name"] == "__lambda__"
    path = str(tmp_path / "lambda.keras")
    anonymous.save(path)
    with pytest.raises(ValueError, match="Requested the deserialization of a `Lambda` layer whose `function` is a "
                                         "Python lambda"):
        keras.models.load_model(path)
