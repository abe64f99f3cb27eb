"""Every example in examples/ runs with `python -m tfcompat run` on the backend under test (the test command runs
the suite once per backend, so both are covered) and prints what real TF 2.21 prints (examples/expected/, recorded from TF by the acceptance runner): numbers within rtol 1e-4 / atol 1e-5,
all other text exactly."""
import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples")
EXPECTED = os.path.join(EXAMPLES, "expected")
NAMES = sorted(f[:-4] for f in os.listdir(EXPECTED) if f.endswith(".out"))
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan)\b")


def _same_line(e, a):
    if NUMBER.sub("#", e) != NUMBER.sub("#", a):
        return False
    for x, y in zip(map(float, NUMBER.findall(e)), map(float, NUMBER.findall(a))):
        if not (x == y or (x != x and y != y) or abs(x - y) <= 1e-5 + 1e-4 * abs(x)):
            return False
    return True


def _first_difference(expected, actual):
    """None when the outputs match (the acceptance runner's rule), else the first differing line pair."""
    e, a = expected.splitlines(), actual.splitlines()
    for i, (x, y) in enumerate(zip(e, a)):
        if not _same_line(x, y):
            return f"line {i + 1}: expected {x!r}, got {y!r}"
    if len(e) != len(a):
        return f"expected {len(e)} lines, got {len(a)}"
    return None


def test_every_example_has_an_expected_output():
    programs = {f[:-3] for f in os.listdir(EXAMPLES) if f.endswith(".py") and f != "__init__.py"}
    assert programs - set(NAMES) == {"minimal_backend"}   # a backend, not a TF program
    assert set(NAMES) <= programs


@pytest.mark.parametrize("name", NAMES)
def test_example(name, tmp_path):
    backend = os.environ.get("TFCOMPAT_BACKEND", "numpy")
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg")
    env.pop("TFCOMPAT_BACKEND", None)
    # run from a scratch directory: some examples save models into the working directory
    p = subprocess.run([sys.executable, "-m", "tfcompat", "run", "--backend", backend,
                        os.path.join(EXAMPLES, name + ".py")], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    with open(os.path.join(EXPECTED, name + ".out"), encoding="utf-8") as f:
        diff = _first_difference(f.read(), p.stdout)
    assert diff is None, diff
