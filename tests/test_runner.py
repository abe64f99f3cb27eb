"""The drop-in runner: `python -m tfcompat run [--keras]`, install_as_tensorflow's import errors, and doctor."""
import os
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _python(code, *args, backend=None):
    env = dict(os.environ)
    if backend:
        env["TFCOMPAT_BACKEND"] = backend
    return subprocess.run([sys.executable, *args, "-c", textwrap.dedent(code)] if code is not None
                          else [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def _run(tmp_path, program, *flags):
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(program))
    return _python(None, "-m", "tfcompat", "run", *flags, str(path), "a1", "--x")


def test_run_resolves_tensorflow_and_passes_arguments(tmp_path):
    p = _run(tmp_path, """
        import sys
        import tensorflow as tf
        import tensorflow.compat.v1 as v1
        from tensorflow.keras import layers
        print(tf.__name__, v1.__name__, layers.Dense.__module__.split('.')[0], sys.argv[1:])
        print(tf.reduce_sum(tf.constant([1, 2, 3])).numpy())
    """, "--backend", "torch")
    assert p.returncode == 0, p.stderr
    assert p.stdout.split("\n")[:2] == ["tfcompat tfcompat.compat.v1 tfcompat ['a1', '--x']", "6"]


def test_run_keras_flag(tmp_path):
    program = """
        import keras
        from keras import layers
        import tensorflow as tf
        print(keras is tf.keras, layers is tf.keras.layers, keras.__version__)
    """
    p = _run(tmp_path, program, "--keras")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "True True 3.15.1"


@pytest.mark.parametrize("stmt, error", [
    ("import tensorflow.lite", "tf.lite is part of TensorFlow 2.21 but is not implemented yet in tfcompat"),
    ("from tensorflow import lite", "tf.lite is part of TensorFlow 2.21 but is not implemented yet in tfcompat"),
    ("import tensorflow.keras.applications", "tf.keras.applications is part of TensorFlow 2.21 but is not "
                                             "implemented yet"),
    ("from tensorflow.keras import applications", "tf.keras.applications is part of TensorFlow 2.21 but is not "
                                                  "implemented yet"),
    ("from tensorflow.keras.layers import ConvLSTM3D", "tf.keras.layers.ConvLSTM3D is part of TensorFlow 2.21 but "
                                                       "is not implemented yet"),
    ("tf.lite", "AttributeError: tf.lite is part of TensorFlow 2.21 but is not implemented yet in tfcompat"),
    # names TF lacks too get Python's own errors
    ("import tensorflow.foo", "ModuleNotFoundError: No module named 'tensorflow.foo'"),
    ("from tensorflow.keras import Foo", "ImportError: cannot import name 'Foo' from 'keras._tf_keras.keras'"),
    ("tf.foo", "AttributeError: module 'tensorflow' has no attribute 'foo'"),
])
def test_missing_names_say_not_implemented(stmt, error):
    p = _python(f"""
        import tfcompat
        tfcompat.install_as_tensorflow()
        import tensorflow as tf
        try:
            {stmt}
        except ImportError as e:
            print(type(e).__name__ + ': ' + str(e), isinstance(e, ImportError))
        except AttributeError as e:
            print(type(e).__name__ + ': ' + str(e))
    """)
    assert p.returncode == 0, p.stderr
    assert error in p.stdout


def test_install_keras_refuses_after_real_keras(tmp_path):
    (tmp_path / "keras").mkdir()
    (tmp_path / "keras" / "__init__.py").write_text("")
    p = _python(f"""
        import sys; sys.path.insert(0, {str(tmp_path)!r})
        import keras, tfcompat
        tfcompat.install_as_tensorflow()        # without keras=True a real keras is left alone
        import tensorflow as tf
        from tensorflow.keras import layers     # and never imported through tf.keras
        try:
            tfcompat.install_as_tensorflow(keras=True)
        except RuntimeError as e:
            print(e)
    """)
    assert p.returncode == 0, p.stderr
    assert "the real keras package is already imported" in p.stdout


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_doctor(backend):
    p = _python(None, "-m", "tfcompat", "doctor", "--backend", backend)
    assert p.returncode == 0, p.stdout + p.stderr
    out = p.stdout
    assert f"backend    {backend} (TFCOMPAT_BACKEND); devices: CPU:0" in out
    assert "backends   numpy ok, torch ok" in out
    assert "tf namespaces provided" in out and "keras" in out.split("tf namespaces provided")[1].split("\n")[0]
    for check in ("tensor op (matmul)", "gradient (GradientTape)", "tf.function call"):
        assert any(line.split() and check in line and line.rstrip().endswith("ok") for line in out.splitlines())
    assert out.rstrip().endswith("all checks passed")


def test_bench_passes_its_options_to_the_report(tmp_path):
    out = tmp_path / "B.md"
    p = _python(None, "-m", "tfcompat", "bench", "--workloads", "scalar_add", "--rounds", "0", "--keras-rounds", "0",
                "--import-repeats", "0", "--output", str(out), "--charts", str(tmp_path / "charts"))
    assert p.returncode == 0, p.stderr
    assert out.read_text().startswith("# tfcompat benchmarks")
