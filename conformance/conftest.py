"""Chooses what the conformance suite tests: `--target NAME` or TFCOMPAT_TARGET.

NAME is a tfcompat backend (`numpy`, `torch`, any registered one, or a `module:attribute` path)
or `tensorflow` (real TF, where the suite checks itself). Default: TFCOMPAT_BACKEND, else numpy.
Tests take the `tf` fixture, the module under test, and never import tensorflow or tfcompat themselves.
"""
import os

import pytest


def pytest_addoption(parser):
    parser.addoption("--target", default=None,
                     help="numpy | torch | <registered backend> | module:attribute | tensorflow")


def _target(config):
    return (config.getoption("--target", default=None) or os.environ.get("TFCOMPAT_TARGET")
            or os.environ.get("TFCOMPAT_BACKEND") or "numpy")


def pytest_configure(config):
    config.addinivalue_line("markers", "behaviour(*ids): the catalogue behaviour IDs a test pins")
    target = _target(config)
    config._tfcompat_target = target
    if target != "tensorflow":
        import tfcompat
        tfcompat.set_backend(target)


def pytest_report_header(config):
    return f"conformance target: {config._tfcompat_target}"


@pytest.fixture(scope="session")
def target(pytestconfig):
    """The target's name ('numpy', 'torch', 'tensorflow', ...)."""
    return pytestconfig._tfcompat_target


@pytest.fixture(scope="session")
def tf(target):
    """The module under test: real tensorflow, or tfcompat on the chosen backend."""
    if target == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow
        return tensorflow
    import tfcompat
    return tfcompat
