"""The worked example of docs/backends.md: the minimal backend passes the areas it claims, and the
conformance suite catches a deliberately broken kernel in it. Each run is a fresh process (a process
chooses its backend once)."""
import json
import os
import subprocess
import sys

import numpy as np

from examples.minimal_backend import MinimalBackend

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLAIMED = "test_tensors.py or test_python_protocol.py"


class BrokenBackend(MinimalBackend):
    """The minimal backend with one wrong kernel: `add` subtracts."""

    name = "minimal-broken"

    @staticmethod
    def add(x, y):
        return np.subtract(x, y)


def run_conformance(target, tmp_path):
    report = tmp_path / "report.md"
    p = subprocess.run([sys.executable, "-m", "tfcompat.conformance", "--target", target, "--quick", "-q",
                        "-k", CLAIMED, "--report", str(report)],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    return p, json.loads((tmp_path / "report.json").read_text())


def test_minimal_backend_passes_its_areas(tmp_path):
    p, report = run_conformance("examples.minimal_backend:MinimalBackend", tmp_path)
    assert p.returncode == 0, p.stdout[-3000:]
    assert set(report["areas"]) == {"tensors", "python_protocol"}
    for area, counts in report["areas"].items():
        assert counts.get("failed", 0) == 0 and counts["passed"] > 20, (area, counts)
    # tests needing complex/float16 are skipped by capability flag, visibly
    assert report["areas"]["tensors"].get("skipped", 0) > 0


def test_conformance_catches_a_broken_kernel(tmp_path):
    p, report = run_conformance("tests.test_example_backend:BrokenBackend", tmp_path)
    assert p.returncode != 0
    assert sum(counts.get("failed", 0) for counts in report["areas"].values()) > 0
    failed = [b for b, status in report["behaviours"].items() if status == "failed"]
    assert failed, "no behaviour failed with a broken add kernel"
    assert "FAILED" in p.stdout
