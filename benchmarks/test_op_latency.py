"""Eager per-op latency (ops, matmul, conv), one benchmark group per workload, one benchmark per target; that
every target computes the same numbers; import time.

    TFCOMPAT_BACKEND=numpy pytest benchmarks/ --benchmark-only
    TFCOMPAT_BACKEND=torch pytest benchmarks/ --benchmark-only
"""
import os
import subprocess
import sys

import pytest

from .conftest import bench_targets, run_workload
from .workloads import IMPORT_STMT, SUITES, check

TARGETS = bench_targets()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.parametrize("workload", SUITES["op_latency"])
@pytest.mark.parametrize("target", TARGETS)
def test_op_latency(benchmark, workload_fns, target, workload):
    run_workload(benchmark, workload_fns, target, "op", workload)


def test_targets_agree(workload_fns, target):
    """Every target computes the same numbers (so the benchmarks compare like with like)."""
    import numpy as np
    from .workloads import make
    expected = check(make("numpy"))
    got = check(workload_fns)
    for w in set(got) & set(expected):
        np.testing.assert_allclose(got[w], expected[w], rtol=1e-4, err_msg=w)


test_targets_agree = pytest.mark.parametrize("target", TARGETS)(test_targets_agree)


@pytest.mark.parametrize("target", TARGETS)
def test_import_time(benchmark, target):
    """`import X` in a fresh interpreter (the whole process, start-up included, is what is timed;
    the import time measured inside the process goes to extra_info['import_s'])."""
    imp, _ = IMPORT_STMT[target]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    if target.startswith("tfcompat-"):
        env["TFCOMPAT_BACKEND"] = target[len("tfcompat-"):]
    code = ("import time; t = time.perf_counter(); " + imp + "; print(time.perf_counter() - t)")
    inner = []

    def run():
        p = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        inner.append(float(p.stdout.split()[-1]))

    benchmark.group = "import (fresh interpreter)"
    benchmark.extra_info["target"] = target
    benchmark.pedantic(run, rounds=3 if target == "tensorflow" else 5, iterations=1, warmup_rounds=0)
    inner.sort()
    benchmark.extra_info["import_s"] = inner[len(inner) // 2]
