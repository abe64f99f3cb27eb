"""sparse_dense_matmul of a 10000x10000 0.1%-dense matrix by 10000x64; reduce_mean over a
100,000-row RaggedTensor.

    TFCOMPAT_BACKEND=numpy pytest benchmarks/test_sparse_ragged.py --benchmark-only      # (and =torch)
"""
import pytest

from .conftest import bench_targets, run_workload
from .workloads import SUITES


@pytest.mark.parametrize("workload", SUITES["sparse_ragged"])
@pytest.mark.parametrize("target", bench_targets())
def test_sparse_ragged(benchmark, workload_fns, target, workload):
    run_workload(benchmark, workload_fns, target, "sparse_ragged", workload)
