"""The declarative op table: one `OpCase` per op (or op variant), grouped by area in `table_*.py`.

`tests/test_op_table.py` drives every case: on the active backend (runs, TF-style errors only,
numeric gradients of first and second order) and, where TensorFlow is installed, against real TF
(values, dtypes, shapes, error classes and gradients). `python -m tests.op_table` prints the counts.
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
