"""Process-wide execution context: the chosen backend, the host backend for strings, device scopes."""
import contextlib
import os
import threading

__all__ = ["ctx", "set_backend", "get_backend"]


class _Context(threading.local):
    """Thread-local part of the context: the device scope stack and the active gradient tapes."""

    def __init__(self):
        self.device_stack = []
        self.tapes = []          # active GradientTapes, innermost last
        self.recording = True    # False inside tape.stop_recording()
        self.graph = ctx.default_graph  # the graph ops are recorded into (tf.function tracing, TF1 graph mode)


class _LazyBackend:
    """Stands in for the backend until first use, so the backend can be chosen before any tensor exists."""

    def __getattr__(self, attr):
        return getattr(_load_default(), attr)


class _Process:
    backend = _LazyBackend()     # replaced by the real backend on first use
    host = None                  # the numpy backend, where strings live
    chosen = None
    default_graph = None         # every thread's graph in TF1 graph mode (tfcompat/graph/v1_mode.py)


ctx = _Process()
local = _Context()


def _load_default():
    return set_backend(os.environ.get("TFCOMPAT_BACKEND", "numpy"))


def set_backend(name):
    """Chooses the backend by name (or passes a Backend instance). Only before the first tensor is made."""
    from .. import backends
    if ctx.chosen is not None:
        if isinstance(name, str) and name == ctx.chosen.name:
            return ctx.chosen
        raise RuntimeError(f"tfcompat backend is already '{ctx.chosen.name}'; choose the backend "
                           "before the first tensor is created (or set TFCOMPAT_BACKEND).")
    backend = name if isinstance(name, backends.Backend) else backends.load(name)
    ctx.backend = ctx.chosen = backend
    ctx.host = backend if backend.name == "numpy" else backends.load("numpy")
    return backend


def get_backend():
    """The active backend object (loading the default one if none was chosen yet)."""
    return ctx.chosen or _load_default()


def host():
    """The numpy backend: strings always live there."""
    get_backend()
    return ctx.host


def current_device():
    """The TF device name for new tensors: the innermost `tf.device` scope, else the backend default."""
    stack = local.device_stack
    return stack[-1] if stack else None


def canonical_device(name):
    """Canonical TF device name: '/job:localhost/replica:0/task:0/device:CPU:0'."""
    return "/job:localhost/replica:0/task:0/device:" + name


@contextlib.contextmanager
def outside_graph():
    """Runs eagerly even while a graph is being traced (TF's init_scope): variable initial values, and the
    trace-time example values of Python-level graph nodes."""
    saved = local.graph
    local.graph = None
    try:
        yield
    finally:
        local.graph = saved
