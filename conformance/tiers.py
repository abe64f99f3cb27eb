"""Example budgets for the property tests: `--quick` (CI), default, `--thorough`.

The conftest sets TFCOMPAT_CONFORMANCE_TIER before test modules are imported; `examples(n)` scales a
test's default budget by the tier, so a test that asks for more examples keeps asking for more.
"""
import os

SCALE = {"quick": 0.2, "default": 1.0, "thorough": 8.0}


def tier():
    return os.environ.get("TFCOMPAT_CONFORMANCE_TIER", "default")


def examples(n):
    """`n` (the default tier's budget) scaled for the current tier, at least 2."""
    return max(2, int(n * SCALE.get(tier(), 1.0)))
