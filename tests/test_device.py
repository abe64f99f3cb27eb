"""`tf.device` scopes, device names and soft placement on a CPU-only machine."""
import importlib.util
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tfcompat as tf

HAVE_TORCH = importlib.util.find_spec("torch") is not None
CPU0 = "/job:localhost/replica:0/task:0/device:CPU:0"
CPU_SPELLINGS = ["CPU:0", "/CPU:0", "/device:CPU:0", "cpu:0", "/cpu:0", "/CPU", CPU0,
                 "/job:localhost/device:CPU:0"]


def _has_gpu():
    return any(d.startswith("GPU") for d in tf.get_backend().devices())


def _made_tensors():
    """A few tensors made in different ways: constants, op results, creation ops, a Variable read."""
    x = tf.constant([1.0, 2.0, 3.0])
    return {"constant": x, "scalar": tf.constant(1), "add": x + 1.0, "matmul": tf.matmul([[1.0]], [[2.0]]),
            "reduce_sum": tf.reduce_sum(x), "zeros": tf.zeros([2, 2]), "convert": tf.convert_to_tensor(np.ones(3)),
            "variable": tf.Variable([1.0, 2.0]) * 2.0}


def test_default_device_is_canonical_cpu():
    if _has_gpu():
        pytest.skip("a GPU is visible: the default device is not CPU")
    for name, t in _made_tensors().items():
        assert t.device == CPU0, name


@pytest.mark.parametrize("spelling", CPU_SPELLINGS)
def test_cpu_scope(spelling):
    with tf.device(spelling):
        made = _made_tensors()
    for name, t in made.items():
        assert t.device == CPU0, (spelling, name)
        assert t.backing_device == CPU0


def test_scope_is_restored_and_nests():
    from tfcompat.framework import context
    before = list(context.local.device_stack)
    with tf.device("CPU:0"):
        with tf.device("/GPU:0"):
            assert tf.constant(1.0).device.endswith("device:CPU:0") or _has_gpu()
        with tf.device("/device:CPU:0"):
            assert tf.constant(1.0).device == CPU0
        assert tf.constant(1.0).device == CPU0
    assert context.local.device_stack == before


def test_scope_restored_after_exception():
    from tfcompat.framework import context
    before = list(context.local.device_stack)
    with pytest.raises(ZeroDivisionError):
        with tf.device("CPU:0"):
            1 / 0
    assert context.local.device_stack == before


@pytest.mark.parametrize("spelling", ["GPU:0", "/GPU:0", "/device:GPU:0", "/gpu:0", "GPU:1"])
def test_unavailable_gpu_falls_back_to_cpu(spelling):
    if _has_gpu():
        pytest.skip("a GPU is visible: nothing to fall back from")
    with tf.device(spelling):                     # no error: soft placement, as TF eager does
        made = _made_tensors()
        y = made["constant"] * 2.0 + 1.0
    assert y.numpy().tolist() == [3.0, 5.0, 7.0]
    for name, t in made.items():
        assert t.device == CPU0, (spelling, name)
    assert y.device == CPU0


def test_ops_mix_tensors_made_in_different_scopes():
    with tf.device("CPU:0"):
        a = tf.constant([1.0, 2.0])
    with tf.device("GPU:0"):
        b = tf.constant([3.0, 4.0])
    assert (a + b).numpy().tolist() == [4.0, 6.0]


def test_backend_native_arrays_on_cpu():
    """The backend's arrays behind the tensors are on the CPU."""
    if _has_gpu():
        pytest.skip("a GPU is visible")
    backend = tf.get_backend()
    with tf.device("GPU:0"):
        t = tf.constant([1.0, 2.0])
    assert backend.device_of(t._data) == "CPU:0"
    if backend.name == "torch":
        import torch
        assert isinstance(t._data, torch.Tensor) and t._data.device.type == "cpu"
    elif backend.name == "numpy":
        assert isinstance(t._data, np.ndarray)


@pytest.mark.skipif(not HAVE_TORCH, reason="torch is not installed")
def test_torch_backend_tensors_are_cpu_torch_tensors():
    """Fresh process on the torch backend: tensors hold torch tensors on cpu, in and out of scopes."""
    code = textwrap.dedent(f"""
        import torch
        import tfcompat as tf
        assert tf.get_backend().name == "torch"
        made = [tf.constant([1.0, 2.0]), tf.constant(3), tf.zeros([2]), tf.reduce_sum(tf.constant([1.0, 2.0]))]
        for spelling in ("CPU:0", "/CPU:0", "/device:CPU:0"):
            with tf.device(spelling):
                made += [tf.constant([1.0]), tf.constant([1.0]) + 1.0]
        if not torch.cuda.is_available():
            with tf.device("GPU:0"):
                made += [tf.constant([1.0]), tf.constant([1.0]) * 2.0]
        for t in made:
            assert isinstance(t._data, torch.Tensor), type(t._data)
            assert t._data.device.type == "cpu", t._data.device
            assert t.device == {CPU0!r}, t.device
        print("OK", len(made))
        """)
    env = {k: v for k, v in os.environ.items() if k not in ("TFCOMPAT_TARGET",)}
    env["TFCOMPAT_BACKEND"] = "torch"
    p = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("OK")
