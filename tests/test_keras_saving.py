"""Keras saving: .keras round trips, the .weights.h5 layout, failed saves, tf.train.Checkpoint, and the two-way
weights-file exchange with real Keras 3 (reference-marked, run under /work/tfref)."""
import os
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
