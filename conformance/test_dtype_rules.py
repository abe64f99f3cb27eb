"""Conformance: no implicit type promotion (PR), property-based. Catalogue section A2.

Two tensors of different dtypes never promote: every binary op raises InvalidArgumentError. When the
first operand's dtype is one the op accepts, the message names both dtypes (TF's type names); when
it is not, TF's attr check speaks first.
"""
import operator

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, raises
from .strategies import KINDS, arrays, dtypes

behaviour = pytest.mark.behaviour

NUMERIC = KINDS["float"] + KINDS["int"] + KINDS["complex"]
#: name -> (function of the tf module, TF op name, the dtypes its kernel accepts)
OPS = {
    "add": (lambda tf: tf.add, "AddV2", NUMERIC),
    "+": (lambda tf: operator.add, "AddV2", NUMERIC),
    "subtract": (lambda tf: tf.subtract, "Sub", tuple(d for d in NUMERIC if d not in ("uint32", "uint64"))),
    "multiply": (lambda tf: tf.multiply, "Mul", NUMERIC),
    "*": (lambda tf: operator.mul, "Mul", NUMERIC),
    "maximum": (lambda tf: tf.maximum, "Maximum", KINDS["float"] + KINDS["int"]),
    "equal": (lambda tf: tf.equal, "Equal", NUMERIC + ("bool",)),
}
#: TF's names of the dtypes whose TF type name differs from the Python one
TYPE_NAME = {"float16": "half", "float32": "float", "float64": "double"}


def _pair(capabilities, first, kinds=("bool", "float", "int", "complex")):
    """(x dtype, y dtype): distinct, of these kinds, x drawn from `first`, both supported by the target."""
    allowed = dtypes(*kinds, capabilities=capabilities)
    return st.tuples(allowed.filter(first), allowed).filter(lambda p: p[0] != p[1])


def _call(tf, name, a, b):
    fn = OPS[name][0](tf)
    return fn(tf.zeros([2], a), tf.zeros([2], b))


@behaviour("PR-01", "PR-02", "PR-03", "PR-08")
@pytest.mark.parametrize("name", OPS)
@settings(**PROPERTY)
@given(data=st.data())
def test_PR01_PR03_mixed_dtypes_never_promote(tf, capabilities, name, data):
    _, op, accepts = OPS[name]
    # `*` with a bool operand is TF's bool dispatch (PR-12), not a mismatch
    kinds = ("float", "int", "complex") if name == "*" else ("bool", "float", "int", "complex")
    a, b = data.draw(_pair(capabilities, lambda d: d in accepts, kinds))
    with raises(tf.errors.InvalidArgumentError, f"cannot compute {op} as input #1(zero-based) was expected to be a "
                                                f"{TYPE_NAME.get(a, a)} tensor but is a {TYPE_NAME.get(b, b)} tensor"):
        _call(tf, name, a, b)


@behaviour("PR-01")
@pytest.mark.parametrize("name", ["add", "maximum"])
@settings(**PROPERTY)
@given(data=st.data())
def test_PR01_unsupported_first_dtype_fails_the_attr_check(tf, capabilities, name, data):
    _, op, accepts = OPS[name]
    a, b = data.draw(_pair(capabilities, lambda d: d not in accepts))
    with raises(tf.errors.InvalidArgumentError, f"Value for attr 'T' of {TYPE_NAME.get(a, a)} is not in the list "
                                                "of allowed values"):
        _call(tf, name, a, b)


@behaviour("PR-04", "PR-06")
@settings(**PROPERTY)
@given(data=st.data())
def test_PR04_PR06_python_and_numpy_operands_take_the_tensor_dtype(tf, capabilities, data):
    dtype = data.draw(dtypes("float", "int", capabilities=capabilities))
    t = tf.ones([2], dtype)
    assert (t + 1).dtype == t.dtype
    assert (t * np.array([2, 3], np.int64)).dtype == t.dtype
    reflected = np.array([2, 3], np.int64) * t
    assert isinstance(reflected, tf.Tensor) and reflected.dtype == t.dtype


@behaviour("PR-12")
@settings(**PROPERTY)
@given(data=st.data(), swap=st.booleans())
def test_PR12_star_with_a_bool_operand_is_an_int32_product_cast_to_bool(tf, capabilities, data, swap):
    other = data.draw(dtypes("bool", "float", "int", "complex", capabilities=capabilities)
                      .filter(lambda d: d != "bfloat16"))
    x = data.draw(arrays(other, (3,), lo=-3.0, hi=3.0, edge=False))
    y = data.draw(arrays("bool", (3,)))
    if swap:
        x, y = y, x
    # cast to int32 truncates toward zero and keeps a complex number's real part
    want = (np.trunc(np.real(x)) != 0) & (np.trunc(np.real(y)) != 0)
    assert_value(tf.constant(x) * tf.constant(y), want, tf.bool)
