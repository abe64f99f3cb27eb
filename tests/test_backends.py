"""The backend registry (`tfcompat.backends`) and the backend contract (`backends.base`).

Anything that needs a process whose backend is not chosen yet runs in a fresh subprocess
(`sys.executable`), since a process has exactly one backend and the suite may have chosen it.
"""
import importlib.util
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tfcompat import backends
from tfcompat.backends import Backend, NotProvidedError
from tfcompat.backends.base import KERNELS

HAVE_TORCH = importlib.util.find_spec("torch") is not None

# A tiny third-party backend: a handful of kernels on numpy arrays, nothing else.
TINY_MODULE = '''
import numpy as np
from tfcompat.backends import Backend


class TinyBackend(Backend):
    """Third-party test backend: just enough kernels for tf.constant and tf.add."""

    name = "tiny"
    module = np

    def from_numpy(self, a, device=None):
        return np.array(a)

    def to_numpy(self, x):
        return np.array(x)

    def shape(self, x):
        return tuple(np.shape(x))

    def device_of(self, x):
        return "CPU:0"

    def copy(self, x):
        return np.array(x)

    def cast(self, x, dtype):
        return np.asarray(x).astype(dtype)

    def add(self, x, y):
        return np.add(x, y)
'''
TINY_KERNELS = ("from_numpy", "to_numpy", "shape", "device_of", "copy", "cast", "add")


def run_py(code, env=None, cwd=None):
    """Runs `code` in a fresh interpreter with a clean backend choice; returns the CompletedProcess."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("TFCOMPAT_BACKEND", "TFCOMPAT_TARGET")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=full_env, cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def _pythonpath(*dirs):
    return os.pathsep.join([str(d) for d in dirs] + [p for p in [os.environ.get("PYTHONPATH")] if p])


@pytest.fixture
def tiny_dist(tmp_path):
    """A directory holding module `tinybackend` and an installed-looking `tinybackend-0.1.dist-info`
    whose entry_points.txt registers `tiny = tinybackend:TinyBackend` in group `tfcompat.backends`."""
    (tmp_path / "tinybackend.py").write_text(TINY_MODULE)
    info = tmp_path / "tinybackend-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tinybackend\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[{backends.ENTRY_POINT_GROUP}]\ntiny = tinybackend:TinyBackend\n")
    return tmp_path


# --- registry ---------------------------------------------------------------------------------

def test_available_lists_builtin_backends():
    names = backends.available()
    assert {"numpy", "torch"} <= set(names)
    assert names == sorted(names)


def test_entry_point_group_name():
    assert backends.ENTRY_POINT_GROUP == "tfcompat.backends"


def test_unknown_backend_raises_value_error_listing_available():
    with pytest.raises(ValueError) as info:
        backends.load("no_such_backend")
    msg = str(info.value)
    assert "no_such_backend" in msg
    for name in backends.available():
        assert name in msg


def test_load_builtin_by_name():
    b = backends.load("numpy")
    assert isinstance(b, Backend) and b.name == "numpy"


def test_load_module_attribute_path():
    from tfcompat.backends.numpy_backend import NumpyBackend
    b = backends.load("tfcompat.backends.numpy_backend:NumpyBackend")
    assert type(b) is NumpyBackend and b.name == "numpy"


def test_load_module_attribute_path_third_party(tiny_dist, monkeypatch):
    monkeypatch.syspath_prepend(str(tiny_dist))
    b = backends.load("tinybackend:TinyBackend")
    assert isinstance(b, Backend) and b.name == "tiny"


def test_load_rejects_a_non_backend():
    with pytest.raises(TypeError, match="not a tfcompat.backends.Backend"):
        backends.load("builtins:object")


def test_register_by_class_and_instance(tiny_dist, monkeypatch):
    monkeypatch.syspath_prepend(str(tiny_dist))
    from tinybackend import TinyBackend
    monkeypatch.setattr(backends, "_registered", dict(backends._registered))
    backends.register("tiny_class", TinyBackend)
    inst = TinyBackend()
    backends.register("tiny_instance", inst)
    assert {"tiny_class", "tiny_instance"} <= set(backends.available())
    assert type(backends.load("tiny_class")) is TinyBackend
    assert backends.load("tiny_instance") is inst


def test_third_party_entry_point_is_found_and_loaded(tiny_dist, monkeypatch):
    assert "tiny" not in backends.available()
    monkeypatch.syspath_prepend(str(tiny_dist))   # also invalidates import caches
    from importlib.metadata import entry_points
    assert "tiny" in [ep.name for ep in entry_points(group="tfcompat.backends")]
    assert "tiny" in backends.available()
    b = backends.load("tiny")
    assert type(b).__name__ == "TinyBackend" and b.name == "tiny"
    for k in TINY_KERNELS:
        assert b.has(k), k
    assert not b.has("exp") and not b.has("matmul")
    with pytest.raises(NotProvidedError, match="kernel 'exp' is not provided by backend 'tiny'"):
        b.exp(b.from_numpy(1.0))


def test_third_party_backend_runs_a_program(tiny_dist):
    p = run_py("""
        import tfcompat as tf
        assert tf.get_backend().name == "tiny", tf.get_backend()
        x = tf.constant([1.0, 2.0]) + tf.constant([3.0, 4.0])
        y = tf.add(x, tf.constant(0.5))
        assert type(y._data).__module__ == "numpy"
        print("RESULT", y.numpy().tolist(), y.dtype.name, tuple(y.shape))
        try:
            tf.exp(x)
        except tf.errors.UnimplementedError as e:
            print("UNIMPLEMENTED", e)
        else:
            raise SystemExit("tf.exp ran on a backend without an exp kernel")
        """, env={"TFCOMPAT_BACKEND": "tiny", "PYTHONPATH": _pythonpath(tiny_dist)})
    assert p.returncode == 0, p.stderr
    assert "RESULT [4.5, 6.5] float32 (2,)" in p.stdout
    line = next(ln for ln in p.stdout.splitlines() if ln.startswith("UNIMPLEMENTED"))
    assert "not provided by backend" in line and "'exp'" in line and "'tiny'" in line


def test_unknown_backend_from_environment_fails_clearly():
    p = run_py("""
        import tfcompat as tf
        try:
            tf.constant(1.0)
        except ValueError as e:
            print("ERROR", e)
        """, env={"TFCOMPAT_BACKEND": "no_such_backend"})
    assert p.returncode == 0, p.stderr
    assert "ERROR" in p.stdout and "no_such_backend" in p.stdout and "numpy" in p.stdout


# --- choosing the backend -----------------------------------------------------------------------

def test_set_backend_before_first_tensor():
    p = run_py("""
        import tfcompat as tf
        b = tf.set_backend("numpy")
        assert tf.get_backend() is b and b.name == "numpy"
        assert type(tf.constant(1.0)._data).__module__ == "numpy"
        print("OK")
        """)
    assert p.returncode == 0 and "OK" in p.stdout, p.stderr


def test_set_backend_after_first_tensor_raises_runtime_error():
    p = run_py("""
        import tfcompat as tf
        tf.constant(1.0)
        try:
            tf.set_backend("torch")
        except RuntimeError as e:
            print("RUNTIME", e)
        print("STILL", tf.get_backend().name, float((tf.constant(1.0) + 1.0).numpy()))
        """, env={"TFCOMPAT_BACKEND": "numpy"})
    assert p.returncode == 0, p.stderr
    assert "RUNTIME" in p.stdout and "'numpy'" in p.stdout, p.stdout
    assert "STILL numpy 2.0" in p.stdout


# --- the contract -------------------------------------------------------------------------------

def test_kernel_table_is_nonempty():
    assert len(KERNELS) > 50
    assert {"from_numpy", "to_numpy", "add", "matmul", "reduce_sum"} <= set(KERNELS)


@pytest.mark.parametrize("kernel", sorted(KERNELS))
def test_every_kernel_has_a_docstring(kernel):
    assert KERNELS[kernel].strip()
    fn = getattr(Backend, kernel)
    assert fn.__name__ == kernel
    assert fn.__doc__ and fn.__doc__.strip() == KERNELS[kernel].strip()


def test_base_backend_provides_nothing():
    b = Backend()
    assert not any(b.has(k) for k in KERNELS)
    assert not b.has("no_such_kernel")
    with pytest.raises(NotProvidedError, match="kernel 'add' is not provided by backend 'abstract'"):
        b.add(1, 2)
    assert issubclass(NotProvidedError, NotImplementedError)


def _builtin(name):
    if name == "torch" and not HAVE_TORCH:
        pytest.skip("torch is not installed")
    return backends.load(name)


@pytest.mark.parametrize("name", ["numpy", "torch"])
def test_builtin_backend_provides_every_kernel(name):
    b = _builtin(name)
    assert b.name == name
    missing = [k for k in KERNELS if not b.has(k)]
    assert not missing, f"backend {name!r} lacks kernels: {missing}"


@pytest.mark.parametrize("name", ["numpy", "torch"])
def test_builtin_backend_devices(name):
    b = _builtin(name)
    assert "CPU:0" in b.devices()
    assert b.default_device() in b.devices()
    assert b.module is not None


def test_import_tfcompat_does_not_import_torch_under_numpy():
    p = run_py("""
        import sys
        import tfcompat as tf
        assert "torch" not in sys.modules, "import tfcompat imported torch"
        x = tf.reduce_sum(tf.constant([1.0, 2.0]) * 2.0)
        import tfcompat.backends
        names = tfcompat.backends.available()
        assert "torch" in names
        assert tf.get_backend().name == "numpy"
        assert "torch" not in sys.modules, "using the numpy backend imported torch"
        print("OK", float(x.numpy()))
        """, env={"TFCOMPAT_BACKEND": "numpy"})
    assert p.returncode == 0, p.stderr
    assert "OK 6.0" in p.stdout


@pytest.mark.parametrize("name", ["numpy", "torch"])
def test_adopt_numpy_keeps_values_and_may_share_memory(name):
    b = _builtin(name)
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    adopted = b.adopt_numpy(a)
    np.testing.assert_array_equal(b.to_numpy(adopted), a)
    a[0, 0] = 7  # the caller broke its promise: a sharing backend shows it, which is the point of adopting
    assert b.to_numpy(adopted)[0, 0] in (0, 7)
    reversed_view = a[:, ::-1]  # no shared memory possible for torch: copied
    np.testing.assert_array_equal(b.to_numpy(b.adopt_numpy(reversed_view)), reversed_view)


def test_the_default_adopt_numpy_copies():
    class Copying(Backend):
        def from_numpy(self, a, device=None):
            return np.array(a)
    a = np.ones(3, np.float32)
    adopted = Copying().adopt_numpy(a)
    a[0] = 5
    assert adopted[0] == 1
