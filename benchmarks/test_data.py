"""tf.data: one epoch of from_tensor_slices(60000x784).shuffle(10000).batch(128).prefetch.

    TFCOMPAT_BACKEND=numpy pytest benchmarks/test_data.py --benchmark-only      # (and =torch)
"""
import pytest

from .conftest import bench_targets, run_workload
from .workloads import SUITES


@pytest.mark.parametrize("workload", SUITES["data"])
@pytest.mark.parametrize("target", bench_targets())
def test_data(benchmark, workload_fns, target, workload):
    run_workload(benchmark, workload_fns, target, "data", workload)
