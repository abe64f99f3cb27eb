"""Differential op-table tests: every `OpCase` of `tfcompat.conformance.op_table`, tfcompat against real TF.

- test_op_matches_tensorflow: values within the dtype's tolerance, same dtype, shape, structure and
  error class as real TF on the same hypothesis inputs.
- test_op_gradient_matches_tensorflow: the same Jacobian as TF's tape gives (this is what pins TF's
  subgradient conventions at ties and kinks).
Both are `reference` tests (they need TensorFlow). That each op runs on a backend and that its
gradients are right is the conformance suite's "ops" area (`conformance/test_op_table.py`).
"""
import numpy as np
import pytest

import tfcompat as tfc
from tfcompat.conformance.op_table import all_cases
from tfcompat.conformance.op_table.check import GRAD_DTYPES, assert_same, evaluate, for_examples, jacobians

CASES = all_cases()
PAIRS = [pytest.param(c, d, id=f"{c.name}-{d}") for c in CASES for d in c.dtypes]
GRAD_PAIRS = [pytest.param(c, d, id=f"{c.name}-{d}") for c in CASES if c.grad is not None
              for d in c.dtypes if d in GRAD_DTYPES]


@pytest.mark.reference
@pytest.mark.parametrize("case,dtype", PAIRS)
def test_op_matches_tensorflow(case, dtype):
    tf = pytest.importorskip("tensorflow")

    def check(draw):
        arrays = case.inputs(draw, dtype)
        assert_same(evaluate(tf, case, arrays, dtype), evaluate(tfc, case, arrays, dtype), case, dtype)
    for_examples(check)


@pytest.mark.reference
@pytest.mark.parametrize("case,dtype", GRAD_PAIRS)
def test_op_gradient_matches_tensorflow(case, dtype):
    tf = pytest.importorskip("tensorflow")
    ref, _ = jacobians(tf, case, dtype, 1)
    got, _ = jacobians(tfc, case, dtype, 1)
    rtol, atol = case.tolerance(dtype)
    for r, g in zip(ref, got):
        np.testing.assert_allclose(g, r, rtol=max(rtol, 1e-4), atol=max(atol, 1e-5))
