"""`python -m tfcompat doctor`: versions, the backend and its devices, what tfcompat provides, and a self-test.

Answers "does tfcompat work here, and on what?" in one screen, for bug reports and first runs.
"""
import importlib
import importlib.metadata
import os
import platform
import sys


def _version(dist):
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _backends():
    """{name: 'ok' or why it cannot load} for every backend registered through the entry points."""
    from tfcompat import backends
    out = {}
    for name in backends.available():
        try:
            backends.load(name)
            out[name] = "ok"
        except Exception as e:  # a broken third-party backend is reported, not raised
            out[name] = f"unavailable ({type(e).__name__}: {e})"
    return out


def _namespaces(tf):
    """TF 2.21's top-level namespaces, split into those tfcompat provides and those it lacks."""
    names = sorted({ns.split(".")[0] for ns in _api_namespaces() if ns})
    have, lack = [], []
    for n in names:
        try:
            getattr(tf, n)
            have.append(n)
        except AttributeError:
            lack.append(n)
    return have, lack


def _api_namespaces():
    """TF 2.21's namespaces ('' for the top level, 'keras.layers'...), as listed from TF's own dir()."""
    import json
    with open(os.path.join(os.path.dirname(__file__), "util", "tf_api.json"), encoding="utf-8") as f:
        return list(json.load(f))


def _self_test(tf):
    """[(what, 'ok' or the error)] for a tensor op, a gradient and a tf.function call."""
    def op():
        got = (tf.constant([[1.0, 2.0]]) @ tf.constant([[3.0], [4.0]])).numpy().item()
        assert got == 11.0, got

    def gradient():
        x = tf.Variable(3.0)
        with tf.GradientTape() as tape:
            y = x * x
        assert tape.gradient(y, x).numpy() == 6.0

    def function():
        f = tf.function(lambda a: tf.reduce_sum(a * 2))
        assert f(tf.ones((2, 2))).numpy() == 8.0

    out = []
    for what, fn in (("tensor op (matmul)", op), ("gradient (GradientTape)", gradient),
                     ("tf.function call", function)):
        try:
            fn()
            out.append((what, "ok"))
        except Exception as e:  # reported, so that doctor always finishes
            out.append((what, f"FAILED: {type(e).__name__}: {e}"))
    return out


def report():
    """The doctor's report as lines of text; the last says whether the self-test passed."""
    import tfcompat as tf
    backend = tf.get_backend()
    lines = ["tfcompat doctor", "",
             f"tfcompat   {tf.__version__} ({os.path.dirname(tf.__file__)})",
             f"python     {platform.python_version()} ({sys.executable})",
             f"platform   {platform.platform()}, {os.cpu_count()} CPUs",
             f"numpy      {_version('numpy')}",
             f"torch      {_version('torch')}", ""]
    source = "TFCOMPAT_BACKEND" if os.environ.get("TFCOMPAT_BACKEND") else "default"
    lines.append(f"backend    {backend.name} ({source}); devices: {', '.join(backend.devices())}; "
                 f"default device {backend.default_device()}")
    if backend.name == "torch":
        import torch
        cuda = (f"CUDA {torch.version.cuda}: " + ", ".join(torch.cuda.get_device_name(i)
                for i in range(torch.cuda.device_count()))) if torch.cuda.is_available() else "no CUDA device"
        lines.append(f"           torch {torch.__version__}, {cuda}")
    lines.append("backends   " + ", ".join(f"{n} {s}" for n, s in _backends().items()))
    have, lack = _namespaces(tf)
    lines += ["", f"tf namespaces provided ({len(have)}): " + ", ".join(have),
              f"not yet ({len(lack)}): " + ", ".join(lack), "", "self-test"]
    results = _self_test(tf)
    lines += [f"  {what:26s} {status}" for what, status in results]
    ok = all(status == "ok" for _, status in results)
    lines += ["", "all checks passed" if ok else "SELF-TEST FAILED"]
    return lines, ok


def main():
    lines, ok = report()
    print("\n".join(lines))
    return 0 if ok else 1
