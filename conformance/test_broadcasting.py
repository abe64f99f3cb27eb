"""Conformance: broadcasting (BC), property-based. Catalogue section A6.

Binary ops and tf.where broadcast exactly as numpy does (values, shapes, empty axes included), and
shapes numpy cannot broadcast raise TF's InvalidArgumentError naming both shapes.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from .helpers import PROPERTY, assert_value, raises
from .strategies import arrays, dtypes, shape_tuples

behaviour = pytest.mark.behaviour

#: tf function name -> numpy reference
BINARY = {"add": np.add, "multiply": np.multiply, "maximum": np.maximum, "subtract": np.subtract}
#: element dtypes drawn (bfloat16 has no numpy reference of its own)
KINDS = ("float", "int")


def _dims(shape):
    return "[" + ",".join(map(str, shape)) + "]"


def _tolerance(dtype):
    return {"float16": 1e-3}.get(dtype, 1e-6)


@behaviour("BC-01", "BC-02")
@pytest.mark.parametrize("name", BINARY)
@settings(**PROPERTY)
@given(data=st.data(), shape_pair=shape_tuples(2))
def test_BC01_BC02_binary_ops_broadcast_like_numpy(tf, capabilities, name, data, shape_pair):
    dtype = data.draw(dtypes(*KINDS, capabilities=capabilities).filter(lambda d: d != "bfloat16"))
    if name == "subtract" and dtype in ("uint32", "uint64"):
        dtype = "int64"   # TF's Sub has no uint32/uint64 kernel
    x, y = (data.draw(arrays(dtype, s)) for s in shape_pair)
    fn = getattr(tf, name)
    try:
        np.broadcast_shapes(x.shape, y.shape)
    except ValueError:
        with raises(tf.errors.InvalidArgumentError, f"Incompatible shapes: {_dims(x.shape)} vs. {_dims(y.shape)}"):
            fn(tf.constant(x), tf.constant(y))
        return
    with np.errstate(all="ignore"):
        want = BINARY[name](x, y)
    assert_value(fn(tf.constant(x), tf.constant(y)), want, getattr(tf, dtype), rtol=_tolerance(dtype))


@behaviour("BC-01", "BC-02", "DV-14")
@settings(**PROPERTY)
@given(data=st.data(), shapes=shape_tuples(3))
def test_BC01_BC02_where_broadcasts_all_three(tf, data, shapes):
    cond = data.draw(arrays("bool", shapes[0]))
    x, y = (data.draw(arrays("float32", s)) for s in shapes[1:])
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        with raises(tf.errors.InvalidArgumentError, f"condition {_dims(shapes[0])}, then {_dims(shapes[1])}, "
                                                    f"and else {_dims(shapes[2])} must be broadcastable"):
            tf.where(tf.constant(cond), tf.constant(x), tf.constant(y))
        return
    assert_value(tf.where(tf.constant(cond), tf.constant(x), tf.constant(y)), np.where(cond, x, y), tf.float32)


@behaviour("BC-01")
@settings(**PROPERTY)
@given(shape_pair=shape_tuples(2))
def test_BC01_broadcast_static_shape(tf, shape_pair):
    try:
        want = np.broadcast_shapes(*shape_pair)
    except ValueError:
        with raises(ValueError, "Incompatible shapes for broadcasting"):
            tf.broadcast_static_shape(tf.TensorShape(shape_pair[0]), tf.TensorShape(shape_pair[1]))
        return
    assert tf.broadcast_static_shape(tf.TensorShape(shape_pair[0]), tf.TensorShape(shape_pair[1])) == want
