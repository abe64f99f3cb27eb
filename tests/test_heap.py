"""The process heap setting made at import (tfcompat/framework/heap.py): on by default on glibc, off on request."""
import subprocess
import sys

import pytest

CODE = "from tfcompat.framework.heap import keep_freed_memory; print(keep_freed_memory())"


def _run(env_value):
    env = {"PATH": "/usr/bin:/bin"}
    if env_value is not None:
        env["TFCOMPAT_HEAP"] = env_value
    return subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=True).stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_thresholds_are_set_on_glibc():
    import ctypes
    try:
        ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        pytest.skip("not glibc")
    assert _run(None).strip() == "True"


def test_system_keeps_malloc_defaults():
    assert _run("system").strip() == "False"
