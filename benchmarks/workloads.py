"""The benchmark workloads, written once per target so every target does the same work.

A *target* is one of:

* ``tfcompat-numpy`` / ``tfcompat-torch``: ``import tfcompat as tf`` on that backend (one per process);
* ``numpy`` / ``torch``: the same work written directly against the raw array library;
* ``tensorflow``: real TF 2 eager.

``make(target)`` returns ``{workload_name: zero-argument callable}``; inputs are built once, outside
the timed callable, so only the op dispatch and the kernel are measured. Nothing here imports a
library at module import time: a target's library is imported only when that target is built.
"""
import importlib.util
import os

WORKLOADS = ("scalar_add", "matmul_2x2", "reduce_sum_1000", "chain10_100")
DESCRIPTIONS = {
    "scalar_add": "`x + y` on float32 scalars",
    "matmul_2x2": "2x2 float32 matmul",
    "reduce_sum_1000": "reduce_sum of a 1000-vector (float32)",
    "chain10_100": "chain of 10 elementwise ops (add/mul/sub/square...) on a 100-vector (float32)",
    "import": "import time in a fresh interpreter (numpy backend for tfcompat)",
}
RAW_TARGETS = ("numpy", "torch", "tensorflow")
TFCOMPAT_TARGETS = ("tfcompat-numpy", "tfcompat-torch")
ALL_TARGETS = TFCOMPAT_TARGETS + RAW_TARGETS
#: the raw array library under each tfcompat target (for the "vs raw backend" ratio)
RAW_OF = {"tfcompat-numpy": "numpy", "tfcompat-torch": "torch"}


def _inputs():
    import numpy as np
    rng = np.random.default_rng(0)
    return dict(
        x=np.float32(1.5), y=np.float32(2.25),
        a=rng.uniform(0.5, 1.0, (2, 2)).astype(np.float32),
        b=rng.uniform(0.5, 1.0, (2, 2)).astype(np.float32),
        v=rng.uniform(0.0, 1.0, 1000).astype(np.float32),
        # values stay in a tame range through the chain (no overflow, no denormals)
        u=rng.uniform(0.5, 1.0, 100).astype(np.float32),
        c=np.full(100, 0.5, np.float32),
    )


def _chain(x, c, square):
    """10 elementwise ops: add, mul, sub, square, add, mul, sub, square, add, mul."""
    x = x + c
    x = x * c
    x = x - c
    x = square(x)
    x = x + c
    x = x * c
    x = x - c
    x = square(x)
    x = x + c
    return x * c


def _tf_like(tf, d):
    """Workloads for a module with TF 2's API (tfcompat or tensorflow)."""
    x, y = tf.constant(d["x"]), tf.constant(d["y"])
    a, b = tf.constant(d["a"]), tf.constant(d["b"])
    v, u, c = tf.constant(d["v"]), tf.constant(d["u"]), tf.constant(d["c"])
    matmul, reduce_sum, square = tf.linalg.matmul, tf.reduce_sum, tf.square
    return {
        "scalar_add": lambda: x + y,
        "matmul_2x2": lambda: matmul(a, b),
        "reduce_sum_1000": lambda: reduce_sum(v),
        "chain10_100": lambda: _chain(u, c, square),
    }


def _numpy(d):
    import numpy as np
    # 0-d arrays: what tfcompat's numpy backend holds for a scalar tensor
    x, y = np.asarray(d["x"]), np.asarray(d["y"])
    a, b, v, u, c = d["a"], d["b"], d["v"], d["u"], d["c"]
    matmul, square = np.matmul, np.square
    return {
        "scalar_add": lambda: x + y,
        "matmul_2x2": lambda: matmul(a, b),
        "reduce_sum_1000": lambda: v.sum(),
        "chain10_100": lambda: _chain(u, c, square),
    }


def _torch(d):
    import torch
    x, y = torch.tensor(d["x"]), torch.tensor(d["y"])
    a, b, v, u, c = (torch.from_numpy(d[k]) for k in "abvuc")
    matmul, square = torch.matmul, torch.square
    return {
        "scalar_add": lambda: x + y,
        "matmul_2x2": lambda: matmul(a, b),
        "reduce_sum_1000": lambda: torch.sum(v),
        "chain10_100": lambda: _chain(u, c, square),
    }


def importable(module):
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def tfcompat_target():
    """The tfcompat target this process can run: 'tfcompat-' + TFCOMPAT_BACKEND (default numpy)."""
    return "tfcompat-" + os.environ.get("TFCOMPAT_BACKEND", "numpy")


def make(target):
    """{workload: callable} for `target`; raises ImportError when the target's library is missing."""
    d = _inputs()
    if target.startswith("tfcompat-"):
        backend = target[len("tfcompat-"):]
        import tfcompat
        tfcompat.set_backend(backend)   # RuntimeError if this process already chose another one
        return _tf_like(tfcompat, d)
    if target == "numpy":
        return _numpy(d)
    if target == "torch":
        return _torch(d)
    if target == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow
        return _tf_like(tensorflow, d)
    raise ValueError(f"unknown benchmark target {target!r}; expected one of {ALL_TARGETS}")


def check(fns):
    """Runs each workload once and returns a float summary, so a broken target fails loudly."""
    import numpy as np
    out = {}
    for name, fn in fns.items():
        r = fn()
        r = r.numpy() if hasattr(r, "numpy") else r
        out[name] = float(np.asarray(r, dtype=np.float64).sum())
    return out


#: the statement whose import time is measured, per target ("import + first op" adds a tiny op)
IMPORT_STMT = {
    "tfcompat-numpy": ("import tfcompat as tf", "tf.constant(1.0) + tf.constant(2.0)"),
    "tfcompat-torch": ("import tfcompat as tf", "tf.constant(1.0) + tf.constant(2.0)"),
    "numpy": ("import numpy as np", "np.asarray(1.0, np.float32) + np.asarray(2.0, np.float32)"),
    "torch": ("import torch", "torch.tensor(1.0) + torch.tensor(2.0)"),
    "tensorflow": ("import tensorflow as tf", "tf.constant(1.0) + tf.constant(2.0)"),
}
