"""Keras fits (benchmarks/keras_workloads.py: Dense(1) fit, MLP epoch, conv step) on this process's targets:
tfcompat, raw torch/numpy, TF's Keras when importable, real Keras 3 on torch when `keras` is importable.
One benchmark per target times the whole run; each workload's best-of-1 time goes to extra_info.

    TFCOMPAT_BACKEND=numpy pytest benchmarks/test_keras_fits.py --benchmark-only
"""
import pytest

from .conftest import bench_targets
from .keras_targets import run
from .workloads import importable

TARGETS = bench_targets() + (["keras-torch"] if importable("keras") and not importable("tensorflow") else [])


@pytest.mark.parametrize("target", TARGETS)
def test_keras_fits(benchmark, target):
    results = {}
    benchmark.group = "keras fits (dense1_fit + mlp_epoch + conv_step)"
    benchmark.extra_info["target"] = target
    benchmark.pedantic(lambda: results.update(run(target, repeats=1)), rounds=1, iterations=1)
    benchmark.extra_info.update(results)
