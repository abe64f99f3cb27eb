"""Issue 6's power(x, 100): eager, as a tf.function, and the tracing of a fresh tf.function
(raw targets: the plain loop).

    TFCOMPAT_BACKEND=numpy pytest benchmarks/test_function.py --benchmark-only      # (and =torch)
"""
import pytest

from .conftest import bench_targets, run_workload
from .workloads import SUITES


@pytest.mark.parametrize("workload", SUITES["function"])
@pytest.mark.parametrize("target", bench_targets())
def test_function(benchmark, workload_fns, target, workload):
    run_workload(benchmark, workload_fns, target, "function", workload)
