"""`python -m tfcompat.conformance.op_table`: the size of the op table (ops, cases, op x dtype combinations)."""
from . import all_cases

cases = all_cases()
apis = sorted({c.api for c in cases})
combos = {(c.api, d) for c in cases for d in c.dtypes}
grads = {(c.api, d) for c in cases if c.grad is not None for d in c.dtypes if d in ("float32", "float64")}
print(f"{len(apis)} ops, {len(cases)} cases, {len(combos)} op x dtype combinations, "
      f"{len(grads)} of them with gradient checks")
