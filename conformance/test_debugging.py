"""Conformance: tf.debugging assertions, tf.py_function and tf.numpy_function (TF 2.21 behaviour: messages, error
classes, graph-mode checks at run time, unknown output shapes)."""
import numpy as np
import pytest

from .helpers import assert_value, raises


def test_unary_asserts_eager_messages(tf):
    x = tf.constant([1.0, -2.0])
    with raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.assert_positive(x)
    assert str(info.value) == ("\nCondition x > 0 did not hold element-wise:\nx (shape=(2,) dtype=float32) = \n"
                               "['1.0', '-2.0']")
    with raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.assert_positive(x, message="custom", summarize=1)
    assert str(info.value).startswith("custom.  \nCondition x > 0") and str(info.value).endswith("['1.0', '...']")
    with raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.assert_non_positive(tf.constant([1.0, 3.0]))
    assert "did not hold element-wise:x (shape=(2,) dtype=float32) = " in str(info.value)  # TF's missing newline
    assert tf.debugging.assert_negative(tf.constant([-1])) is None
    assert tf.debugging.assert_non_negative(tf.constant([0.0, 2.0])) is None


def test_binary_asserts_eager_messages(tf):
    x, y = tf.constant([1.0, -2.0]), tf.constant([1.0, 3.0])
    with raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.assert_equal(x, y)
    assert str(info.value) == ("Condition x == y did not hold.\nIndices of first 1 different values:\n[[1]]\n"
                               "Corresponding x values:\n[-2.]\nCorresponding y values:\n[3.]\nFirst 2 elements of "
                               "x:\n[ 1. -2.]\nFirst 2 elements of y:\n[1. 3.]")
    with raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.assert_equal(1, 2)
    assert str(info.value) == "Condition x == y did not hold.\nFirst 1 elements of x:\n[1]\nFirst 1 elements of y:\n[2]"
    with raises(tf.errors.InvalidArgumentError, "Condition x < y did not hold.\nIndices of first 2 different"):
        tf.debugging.assert_less(y, x)
    with raises(tf.errors.InvalidArgumentError, "Condition x >= y did not hold."):
        tf.debugging.assert_greater_equal(x, y)
    with raises(tf.errors.InvalidArgumentError, "Condition x != y did not hold."):
        tf.debugging.assert_none_equal(x, y)
    assert tf.debugging.assert_less_equal(x, y) is None and tf.debugging.assert_greater(y, x - 1) is None
    assert tf.assert_equal is tf.debugging.assert_equal and tf.assert_less is tf.debugging.assert_less
    assert tf.assert_greater is tf.debugging.assert_greater and tf.assert_rank is tf.debugging.assert_rank
    assert tf.Assert is tf.debugging.Assert


def test_assert_and_assert_near_eager(tf):
    with raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.Assert(False, [tf.constant([1.0, -2.0]), "hi", 3])
    assert str(info.value) == "Expected 'False' to be true. Summarized data: 1.0, -2.0\nb'hi'\n3"
    assert tf.debugging.Assert(True, [1]) is None
    with raises(tf.errors.InvalidArgumentError) as info:
        tf.debugging.assert_near(tf.constant([1.0, -2.0]), tf.constant([1.0, 3.0]))
    assert str(info.value).startswith("Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized "
                                      "data: b''\nb'x and y not equal to tolerance rtol = tf.Tensor(1.1920929e-06")
    assert tf.debugging.assert_near(tf.constant([1.0]), tf.constant([1.0 + 1e-7])) is None


def test_static_checks(tf):
    x = tf.constant([1.0, 2.0])
    with raises(ValueError, "Tensor  must have rank 2.  Received rank 1, shape (2,)"):
        tf.debugging.assert_rank(x, 2)
    with raises(ValueError, "Tensor  must have rank at least 2.  Received rank 1, shape (2,)"):
        tf.debugging.assert_rank_at_least(x, 2)
    assert tf.debugging.assert_rank(x, 1) is None
    with raises(TypeError, "tensor must be of type tf.int32; got tf.float32"):
        tf.debugging.assert_type(x, tf.int32)
    with raises(TypeError, 'Expected "x" to be integer type.  Found: tensor of dtype <dtype: \'float32\'>'):
        tf.debugging.assert_integer(x)
    tf.debugging.assert_shapes([(x, ("N",)), (tf.constant([3.0, 4.0]), ("N",))])
    with raises(ValueError, "Specified by tensor shape=(2,) dtype=float32 dimension 0.  Tensor shape=(3,) "
                "dtype=float32 dimension 0 must have size 2.  Received size 3, shape (3,)"):
        tf.debugging.assert_shapes([(x, ("N",)), (tf.zeros([3]), ("N",))])
    with raises(ValueError, "Tensor  must have rank 2.  Received rank 1, shape (2,)"):
        tf.debugging.assert_shapes([(x, ("N", "M"))])


def test_numerics(tf):
    with raises(tf.errors.InvalidArgumentError, "bad : Tensor had NaN values"):
        tf.debugging.assert_all_finite(tf.constant([1.0, np.nan]), "bad")
    with raises(tf.errors.InvalidArgumentError, "bad : Tensor had Inf values"):
        tf.debugging.check_numerics(tf.constant([1.0, np.inf]), "bad")
    assert_value(tf.debugging.check_numerics(tf.constant([1.0, 3.0]), "bad"), [1.0, 3.0], tf.float32)
    assert (tf.debugging.is_numeric_tensor(tf.constant(1.0)), tf.debugging.is_numeric_tensor(tf.constant("a")),
            tf.debugging.is_numeric_tensor(1.0)) == (True, False, False)
    assert tf.debugging.enable_check_numerics() is None
    tf.debugging.disable_check_numerics()


def test_asserts_in_tf_function_check_at_run_time(tf):
    @tf.function
    def f(x, y):
        tf.debugging.assert_positive(x, message="mm")
        tf.debugging.assert_equal(x, y)
        return x
    assert_value(f(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0])), [1.0, 2.0], tf.float32)
    with raises(tf.errors.InvalidArgumentError, "assertion failed: [mm.  ] [Condition x > 0 did not hold "
                "element-wise:] [x (x:0) = ] [1 -2 3...]"):
        f(tf.constant([1.0, -2.0, 3.0, 4.0]), tf.constant([1.0, -2.0, 3.0, 4.0]))
    with raises(tf.errors.InvalidArgumentError, "assertion failed: [Condition x == y did not hold element-wise:] "
                "[x (x:0) = ] [1 2] [y (y:0) = ] [1 3]"):
        f(tf.constant([1.0, 2.0]), tf.constant([1.0, 3.0]))

    @tf.function
    def g(x):
        tf.debugging.Assert(tf.reduce_all(x > 0), [x], summarize=20)
        return tf.debugging.check_numerics(x, "oops")
    with raises(tf.errors.InvalidArgumentError, "assertion failed: [[1.5 -2e+10][0.1 -3]]"):
        g(tf.constant([[1.5, -2e10], [0.1, -3.0]]))
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        g(tf.constant([1.0, np.inf]))
    assert "oops : Tensor had Inf values" in str(info.value)


def test_static_failures_while_tracing(tf):
    @tf.function
    def rank(x):
        tf.debugging.assert_rank(x, 2)
        return x
    with pytest.raises(ValueError) as info:
        rank(tf.constant([1.0]))
    assert "Tensor x:0 must have rank 2.  Received rank 1, shape (1,)" in str(info.value)

    @tf.function(input_signature=[tf.TensorSpec(None, tf.float32)])
    def unknown(x):
        tf.debugging.assert_rank(x, 2)
        return x
    with raises(tf.errors.InvalidArgumentError, "assertion failed: [] [Tensor x:0 must have rank] [2] "
                "[Received shape: ] [1]"):
        unknown(tf.constant([1.0]))


def test_py_function_eager(tf):
    x = tf.constant([1.0, 2.0])
    assert_value(tf.py_function(lambda a: a * 2, [x], tf.float32), [2.0, 4.0], tf.float32)
    both = tf.py_function(lambda a: (a * 2, a), [x], [tf.float32, tf.float32])
    assert isinstance(both, list) and len(both) == 2
    assert tf.py_function(lambda a: None, [x], []) == []
    assert_value(tf.py_function(lambda a: [1, 2], [x], tf.int32), 1, tf.int32)
    assert_value(tf.py_function(lambda a: a, [x], tf.TensorSpec([2], tf.float32)), [1.0, 2.0], tf.float32)
    assert_value(tf.py_function(Tout=tf.float32)(lambda a: a * 3)(x), [3.0, 6.0], tf.float32)
    assert tf.py_function(lambda a: type(a).__name__, [x], tf.string).numpy() == b"EagerTensor"
    with raises(tf.errors.InvalidArgumentError, "ValueError: Tensor conversion requested dtype int32 for Tensor with "
                "dtype float32"):
        tf.py_function(lambda a: a, [x], tf.int32)
    with raises(tf.errors.UnknownError, "ZeroDivisionError: division by zero\nTraceback (most recent call last):"):
        tf.py_function(lambda a: 1 / 0, [x], tf.float32)
    with raises(tf.errors.InvalidArgumentError, "returns 1 values, but expects to see 2 values. [Op:EagerPyFunc]"):
        tf.py_function(lambda a: a, [x], [tf.float32, tf.float32])
    with raises(TypeError, "Missing required argument: 'Tout'"):
        tf.py_function(lambda a: a, [x])
    with raises(ValueError, "Expected func to be callable. Received func=x of type <class 'str'>."):
        tf.py_function("x", [x], tf.float32)


def test_numpy_function_eager(tf):
    x = tf.constant([1.0, 2.0])
    assert tf.numpy_function(lambda a: type(a).__name__, [x], tf.string).numpy() == b"ndarray"
    assert_value(tf.numpy_function(lambda a: a * 2, [x], tf.float64), [2.0, 4.0], tf.float32)  # Tout unused
    assert_value(tf.numpy_function(lambda a: 1.5, [x], tf.float64), 1.5, tf.float32)
    assert tf.numpy_function(lambda a: None, [x], []) is None
    with pytest.raises(ZeroDivisionError):
        tf.numpy_function(lambda a: 1 / 0, [x], tf.float32)


def test_script_ops_in_tf_function(tf):
    calls = []

    @tf.function
    def f(x):
        y = tf.py_function(lambda a: calls.append(1) or a * 2, [x], tf.float32)
        z = tf.numpy_function(lambda a: a + 1, [x], tf.float32)
        assert repr(y) == "<tf.Tensor 'EagerPyFunc:0' shape=<unknown> dtype=float32>"
        assert repr(z) == "<tf.Tensor 'PyFunc:0' shape=<unknown> dtype=float32>"
        return y, z
    y, z = f(tf.constant([1.0, 2.0]))
    assert calls == [1]
    assert_value(y, [2.0, 4.0], tf.float32)
    assert_value(z, [2.0, 3.0], tf.float32)
    f(tf.constant([3.0, 4.0]))
    assert len(calls) == 2

    @tf.function
    def wrong(x):
        return tf.numpy_function(lambda a: a * 2, [x], tf.float64)
    with raises(tf.errors.InvalidArgumentError, "is float, but expects double"):
        wrong(tf.constant([1.0]))


def test_py_function_gradients(tf):
    x = tf.constant([1.0, 2.0])
    v = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.py_function(lambda a: a * a, [x], tf.float32)
        n = tf.numpy_function(lambda a: a * a, [x], tf.float32)
        closure = tf.py_function(lambda: v * v, [], tf.float32)
        direct = tf.py_function(lambda a: a * a, [v], tf.float32)
        constant = tf.py_function(lambda a: tf.constant(1.0), [x], tf.float32)
    assert_value(t.gradient(y, x), [2.0, 4.0], tf.float32)
    assert t.gradient(n, x) is None and t.gradient(closure, v) is None
    assert_value(t.gradient(direct, v), 6.0, tf.float32)
    assert_value(t.gradient(constant, x), 0.0, tf.float32)  # TF's scalar zero for an unconnected input

    @tf.function
    def cube(a):
        return tf.py_function(lambda b: b * b * b, [a], tf.float32)
    with tf.GradientTape() as t:
        t.watch(x)
        y = cube(x)
    assert_value(t.gradient(y, x), [3.0, 12.0], tf.float32)


def test_py_function_in_dataset_map(tf):
    ds = tf.data.Dataset.range(3).map(lambda x: tf.numpy_function(lambda v: v * 10, [x], tf.int64))
    assert [int(v) for v in ds] == [0, 10, 20]
    assert repr(ds.element_spec) == "TensorSpec(shape=<unknown>, dtype=tf.int64, name=None)"
