"""pytest-benchmark setup: which targets run in this process.

tfcompat picks one backend per process, so the tfcompat target is `tfcompat-$TFCOMPAT_BACKEND`
(default numpy). The raw targets run alongside it: raw numpy always, raw torch and real TF eager
when importable. TFCOMPAT_BENCH_TARGETS=a,b,... restricts the set. For every target side by side
in one table, use `python -m benchmarks.compare` instead.
"""
import os

import pytest

from .workloads import MAX_REPEATS, TFCOMPAT_TARGETS, importable, make, tfcompat_target


def bench_targets():
    targets = []
    if importable("tfcompat"):
        targets.append(tfcompat_target())
    targets.append("numpy")
    if importable("torch"):
        targets.append("torch")
    if importable("tensorflow"):
        targets.append("tensorflow")
    only = [t for t in os.environ.get("TFCOMPAT_BENCH_TARGETS", "").split(",") if t]
    return [t for t in targets if t in only or (t in TFCOMPAT_TARGETS and "tfcompat" in only)] if only else targets


def pytest_report_header(config):
    return "benchmark targets: " + ", ".join(bench_targets())


_built = {}


@pytest.fixture
def workload_fns(target):
    """{workload: callable} for the parametrized `target`, built once per session."""
    if target not in _built:
        try:
            _built[target] = make(target)
        except ImportError as e:
            _built[target] = e
    fns = _built[target]
    if isinstance(fns, Exception):
        pytest.skip(f"{target}: {fns}")
    return fns


def run_workload(benchmark, fns, target, suite, workload):
    """Times `fns[workload]` for `target` in the benchmark group '<suite>: <workload>' (skips a target
    without that workload; slow workloads get MAX_REPEATS rounds)."""
    if workload not in fns:
        pytest.skip(f"{target} has no {workload} workload")
    fn = fns[workload]
    benchmark.group = f"{suite}: {workload}"
    benchmark.extra_info["target"] = target
    if workload in MAX_REPEATS:
        benchmark.pedantic(fn, rounds=MAX_REPEATS[workload], iterations=1, warmup_rounds=1)
    else:
        benchmark(fn)
