"""Shared helpers of the conformance suite (they use only what a test passes in: no tf import here)."""
import contextlib

import numpy as np
import pytest

from .tiers import examples

# Hypothesis settings for the property tests: the tier's budget, no deadline (TF's first call is slow);
# a failure prints the falsifying example and a @reproduce_failure line that replays it exactly.
PROPERTY = dict(max_examples=examples(25), deadline=None, print_blob=True)


#: the backend capability flag each dtype needs (dtypes not listed need none)
CAPABILITY_OF = {"float16": "float16", "bfloat16": "bfloat16", "float64": "float64", "complex64": "complex",
                 "complex128": "complex", "uint16": "unsigned_wide", "uint32": "unsigned_wide",
                 "uint64": "unsigned_wide"}


def requires(*dtypes):
    """Marks a test that needs the backend capabilities of these dtype names (skipped, by flag, where absent)."""
    return pytest.mark.requires(*sorted({CAPABILITY_OF[d] for d in dtypes if d in CAPABILITY_OF}))


def dtype_params(*names):
    """pytest.param per dtype name, each carrying the capability mark its dtype needs."""
    return [pytest.param(n, marks=requires(n), id=n) for n in names]


def later_op(op_name):
    """Marks a test that needs an op tfcompat does not have yet (a later op-library issue).

    The test must pass on real TensorFlow; on tfcompat targets it is an expected failure (strict,
    so the mark has to go once the op lands).
    """
    return pytest.mark.xfail("config._tfcompat_target != 'tensorflow'",
                             reason=f"op not implemented yet in tfcompat: {op_name}", strict=True)


@contextlib.contextmanager
def raises(cls, *substrings):
    """Like pytest.raises, but the class must match exactly and every substring must be in the message."""
    with pytest.raises(cls) as info:
        yield info
    assert type(info.value) is cls, f"raised {type(info.value).__module__}.{type(info.value).__qualname__}, " \
                                    f"expected exactly {cls.__module__}.{cls.__qualname__}: {info.value}"
    msg = str(info.value)
    for s in substrings:
        assert s in msg, f"{s!r} not in message {msg!r}"


def np_of(t):
    """The value of a tensor (or variable) as a numpy array."""
    return np.asarray(t.numpy())


def assert_value(t, expected, dtype=None, tf=None, rtol=1e-6, atol=0.0):
    """Checks a tensor's value (with a float tolerance) and, if given, its dtype."""
    if dtype is not None:
        assert t.dtype == dtype, f"dtype {t.dtype!r} != {dtype!r}"
    a = np_of(t)
    e = np.asarray(expected)
    assert a.shape == e.shape, f"shape {a.shape} != {e.shape}"
    if a.dtype.kind in "fc":
        np.testing.assert_allclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
    else:
        np.testing.assert_array_equal(a, e)
