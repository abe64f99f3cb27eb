"""Training steps: a Variable update, the seed's tape train step, a nested second derivative.

    TFCOMPAT_BACKEND=numpy pytest benchmarks/test_training.py --benchmark-only      # (and =torch)
"""
import pytest

from .conftest import bench_targets, run_workload
from .workloads import SUITES


@pytest.mark.parametrize("workload", SUITES["training"])
@pytest.mark.parametrize("target", bench_targets())
def test_training(benchmark, workload_fns, target, workload):
    run_workload(benchmark, workload_fns, target, "training", workload)
