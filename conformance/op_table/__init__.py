"""The declarative op table: one `OpCase` per op (or op variant), grouped by area in `table_*.py`.

The conformance "ops" area (`test_op_table.py`) runs every case on the target (TF-style errors only,
numeric gradients of first and second order); `tests/test_op_table.py` compares tfcompat with real TF
on the same inputs (values, dtypes, shapes, error classes, Jacobians); `check.py` holds what both share.
`python -m tfcompat.conformance.op_table` prints the table's size.
"""
import importlib
import pkgutil

from .spec import OpCase

__all__ = ["OpCase", "all_cases"]


def all_cases():
    """Every case of every `table_*` module, in module then definition order."""
    cases = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("table_"):
            cases.extend(importlib.import_module(f"{__name__}.{info.name}").CASES)
    names = [c.name for c in cases]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate op-table case names: {sorted(dup)}"
    return cases
