"""Eager per-op latency benchmarks: tfcompat (numpy / torch backends) vs raw numpy, raw torch and real TF.

* `pytest benchmarks/ --benchmark-only` (pytest-benchmark): the tfcompat target picked by
  TFCOMPAT_BACKEND, plus raw numpy, raw torch and real TF when importable, in one process.
* `python -m benchmarks.compare [--tf-python PATH]`: every target in its own subprocess, one
  markdown table per workload (medians in microseconds, ratios to real TF and to the raw backend).

Not part of the test suite: the default testpaths (tests, conformance) never collect this folder.
This package imports nothing heavy, so `python -m benchmarks._runner --import-time ...` measures cleanly.
"""
