"""The Keras workloads of benchmarks/keras_workloads.py on every target, plus real Keras 3 on its torch backend.

    python -m benchmarks.keras_targets keras-torch --repeats 3     # one JSON line: {workload: seconds}

``keras-torch`` runs the same model code (keras_workloads' Keras half) with ``import keras`` and
KERAS_BACKEND=torch (Keras 3.15 in the /work/tfref venv); the other targets are keras_workloads' own.
"""
import argparse
import json
import os
import types

KERAS_TARGETS = ("tfcompat-numpy", "tfcompat-torch", "tensorflow", "keras-torch", "torch", "numpy")
KERAS_WORKLOADS = ("dense1_fit", "mlp_epoch", "conv_step")
KERAS_DESCRIPTIONS = {
    "dense1_fit": "fit of the seed's Dense(1) model: 2000x2 inputs, RMSprop(0.1), MSE, BinaryAccuracy, 5 epochs of "
                  "batch 16, a fresh model each time, tracing included (s)",
    "mlp_epoch": "one warm epoch of an MLP 784-128(relu)-10 on 60000 samples, batch 128, Adam, sparse CE (s)",
    "conv_step": "one warm training step of the seed's conv model (batch 32 of 28x28x1: Conv2D(16,3) x2, "
                 "GlobalAveragePooling2D, Dense(10), Adam) (ms)",
}
#: the raw library under each target (the floor), for the "vs raw" ratio
KERAS_RAW_OF = {"tfcompat-numpy": "numpy", "tfcompat-torch": "torch", "keras-torch": "torch"}


def run(target, repeats=3):
    """{workload: best-of-`repeats` time} for `target` (seconds; conv_step in ms; None where it has none)."""
    from . import keras_workloads
    if target == "keras-torch":
        os.environ["KERAS_BACKEND"] = "torch"
        import keras
        return keras_workloads._keras(types.SimpleNamespace(keras=keras), keras_workloads._data(), repeats)
    return keras_workloads.run(target, repeats)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("target", choices=KERAS_TARGETS)
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args(argv)
    print("\n" + json.dumps({"target": a.target, "workloads": run(a.target, a.repeats)}))


if __name__ == "__main__":
    main()
