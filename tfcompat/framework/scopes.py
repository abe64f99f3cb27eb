"""`tf.device`, `tf.name_scope`, `tf.executing_eagerly` and friends."""
import contextlib
import re

from .context import get_backend, local

_DEV = re.compile(r"(?:/?job:[^/]*)?(?:/replica:\d+)?(?:/task:\d+)?/?(?:device:)?([A-Za-z]+)(?::(\d+))?$")


def _normalize_device(name):
    if name is None or name == "":
        return None
    m = _DEV.match(str(name).strip())
    if not m:
        raise ValueError(f"Could not parse device name {name!r}")
    kind, idx = m.group(1).upper(), m.group(2) or "0"
    dev = f"{kind}:{idx}"
    # soft placement, as TF eager does: an unavailable device falls back to the backend default
    return dev if dev in get_backend().devices() else get_backend().default_device()


@contextlib.contextmanager
def device(device_name):
    """Places tensors created inside on `device_name` ('CPU:0', '/GPU:0', ...)."""
    local.device_stack.append(_normalize_device(device_name))
    try:
        yield
    finally:
        local.device_stack.pop()


class name_scope:
    """`tf.name_scope(name)`: prefixes the names of variables created inside."""

    def __init__(self, name):
        if not isinstance(name, str):
            raise TypeError(f"name for name_scope must be a string: {name!r}")
        self._name = name.rstrip("/")

    @property
    def name(self):
        return self._name

    def __enter__(self):
        scopes = local.__dict__.setdefault("name_scopes", [])
        scopes.append(self._name)
        return "/".join(scopes) + "/"

    def __exit__(self, *exc):
        local.__dict__["name_scopes"].pop()


def executing_eagerly():
    """True unless ops are being recorded into a graph (a tf.function trace, TF1 graph mode)."""
    return local.graph is None
