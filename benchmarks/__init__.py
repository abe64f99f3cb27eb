"""Benchmarks: tfcompat (numpy / torch backends) vs raw numpy, raw torch, real TF and Keras 3 on torch.

* `pytest benchmarks/ --benchmark-only` (pytest-benchmark): one suite per area (test_op_latency,
  test_training, test_function, test_data, test_sparse_ragged, test_keras_fits) on the tfcompat target
  picked by TFCOMPAT_BACKEND, plus raw numpy, raw torch and real TF when importable, in one process.
* `python -m benchmarks.report`: every target in its own subprocesses, writes BENCHMARKS.md (tables of
  medians and ratios, the machine) and charts in benchmarks/charts/.
* `python -m benchmarks.compare [--tf-python PATH]`: the eager workloads' tables, printed.

Not part of the test suite: the default testpaths (tests, conformance) never collect this folder.
This package imports nothing heavy, so `python -m benchmarks._runner --import-time ...` measures cleanly.
"""
