"""The "ops" area: every `OpCase` of the op table (`op_table/`) on the target.

- test_op_runs: hypothesis inputs (the tier's budget); the op gives a result or a TF-style error,
  never a backend's own exception.
- test_op_gradient: the tape's Jacobian equals the numerical one (`tf.test.compute_gradient`),
  first order, and second order (the gradient of the gradient) where the case allows it; where real
  TF cannot take a gradient the same way, the case says why and the TF run skips it with that reason.
The values themselves are compared with real TF by the differential tests (`tests/test_op_table.py`).
"""
import pytest

from .helpers import requires
from .op_table import all_cases
from .op_table.check import GRAD_DTYPES, assert_gradient, evaluate, for_examples, tf_style

CASES = all_cases()
PAIRS = [pytest.param(c, d, id=f"{c.name}-{d}", marks=requires(d)) for c in CASES for d in c.dtypes]
GRAD_PAIRS = [pytest.param(c, d, id=f"{c.name}-{d}", marks=requires(d)) for c in CASES if c.grad is not None
              for d in c.dtypes if d in GRAD_DTYPES]


@pytest.mark.parametrize("case,dtype", PAIRS)
def test_op_runs(tf, case, dtype):
    def check(draw):
        out = evaluate(tf, case, case.inputs(draw, dtype), dtype)
        if isinstance(out, Exception):
            assert tf_style(tf, out), f"a non-TF error escaped: {type(out).__module__}.{type(out).__name__}: {out}"
    for_examples(check)


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("case,dtype", GRAD_PAIRS)
def test_op_gradient(tf, target, case, dtype, order):
    if order == 2 and not case.second_order:
        pytest.skip("first order only for this case")
    if target == "tensorflow" and case.tf_skip_reason(order, dtype):
        pytest.skip(case.tf_skip_reason(order, dtype))
    assert_gradient(tf, case, dtype, order)
