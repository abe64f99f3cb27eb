"""Conformance: Keras 3's model.summary() text (KT-13, KT-14) and the progress line of a dataset of unknown
cardinality (KT-31)."""
import re

import numpy as np
import pytest

behaviour = pytest.mark.behaviour

KT13 = """Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ dense (Dense)                   │ (None, 4)              │            16 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 2)              │            10 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
"""


@pytest.fixture
def keras(tf, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    tf.keras.backend.clear_session()
    return tf.keras


def _summary(model):
    calls = []
    model.summary(print_fn=lambda *args, **kwargs: calls.append((args, kwargs)))
    return calls


@behaviour("KT-13")
def test_KT13_summary_text(keras):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)])
    calls = _summary(model)
    assert len(calls) == 1 and calls[0][1] == {}
    assert calls[0][0] == (KT13,)


@behaviour("KT-14")
def test_KT14_unbuilt_and_functional(keras):
    text = _summary(keras.Sequential([keras.layers.Dense(4)]))[0][0][0]
    assert "?" in text and "0 (unbuilt)" in text
    inp = keras.Input((3,), name="inp")
    text = _summary(keras.Model(inp, keras.layers.Dense(2)(inp)))[0][0][0]
    row = next(line for line in text.splitlines() if "inp (InputLayer)" in line)
    assert "(None, 3)" in row and row.rstrip("│ ").endswith("0")


@behaviour("KT-14")
def test_KT14_wrapped_name_and_optimizer_params(keras):
    model = keras.Sequential([keras.Input((3,)), keras.layers.BatchNormalization(), keras.layers.Dense(2)])
    text = _summary(model)[0][0][0]
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if "batch_normalization" in line)
    assert "(BatchNormalization)" in lines[i + 1]
    assert " Non-trainable params: 6 (24.00 B)" in lines
    plain = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dense(2)])
    plain.compile(optimizer="adam", loss="mse")
    plain.fit(np.ones((4, 3), np.float32), np.ones((4, 2), np.float32), verbose=0)
    lines = _summary(plain)[0][0][0].splitlines()
    assert " Optimizer params: 54 (220.00 B)" in lines and " Total params: 80 (324.00 B)" in lines


@behaviour("KT-31")
def test_KT31_unknown_cardinality_progress(tf, keras, capfd):
    ds = tf.data.Dataset.from_tensor_slices((np.ones((8, 1), np.float32), np.ones((8, 1), np.float32)))
    ds = ds.filter(lambda x, y: True).batch(4)
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="zeros",
                                                                    bias_initializer="ones")])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    capfd.readouterr()
    model.fit(ds, epochs=1, verbose=1)
    out = capfd.readouterr().out
    assert re.search(r"\r      1/Unknown \x1b\[1m\d+s\x1b\[0m \d+(?:us|ms|s)/step - loss: 0\.0000e\+00", out)
    assert "2/2" in out
    model.fit(ds, epochs=1, verbose=2)
    out = capfd.readouterr().out
    assert re.search(r"^2/2 - \d+s - \d+(?:us|ms|s)/step - loss: 0\.0000e\+00$", out, re.M)
