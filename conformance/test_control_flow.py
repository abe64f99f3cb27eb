"""Conformance: control flow (CF) and TensorArray (FN-27). Catalogue section I."""
import numpy as np
import pytest

from .helpers import assert_value, raises

behaviour = pytest.mark.behaviour


def graph_mode(tf):
    """Skips a tf.function test on tfcompat until graph control flow lands (tfcompat.graph.control_flow)."""
    if tf.__name__ == "tfcompat":
        try:
            from tfcompat.graph import control_flow
        except ImportError:
            control_flow = None
        if not hasattr(control_flow, "graph_cond") or not hasattr(tf, "function"):
            pytest.skip("graph control flow is not there yet in tfcompat")


@behaviour("CF-01")
def test_CF01_eager_cond_calls_one_branch(tf):
    log = []
    out = tf.cond(tf.constant(True), lambda: log.append("t") or 1, lambda: log.append("f") or 0)
    assert out == 1 and log == ["t"]


@behaviour("CF-01")
def test_CF01_traced_cond_calls_both_branches_once(tf):
    graph_mode(tf)
    log = []

    @tf.function
    def f(p):
        return tf.cond(p, lambda: log.append("t") or tf.constant(1), lambda: log.append("f") or tf.constant(0))

    assert f(tf.constant(True)).numpy() == 1 and f(tf.constant(False)).numpy() == 0
    assert log == ["t", "f"]


@behaviour("CF-02")
def test_CF02_eager_predicates(tf):
    assert tf.cond(True, lambda: 1, lambda: 2) == 1
    assert tf.cond(np.bool_(False), lambda: 1, lambda: 2) == 2
    assert tf.cond(tf.constant(1), lambda: 1, lambda: 2) == 1
    assert tf.cond(tf.constant(0), lambda: 1, lambda: 2) == 2
    assert tf.cond(tf.constant(0.5), lambda: 1, lambda: 2) == 1
    with raises(ValueError, "The truth value of an array with more than one element is ambiguous"):
        tf.cond(tf.constant([True, False]), lambda: 1, lambda: 2)


@behaviour("CF-02")
def test_CF02_traced_predicates(tf):
    graph_mode(tf)

    @tf.function
    def python_bool():
        return tf.cond(True, lambda: 1, lambda: 2)

    with raises(TypeError, "pred must not be a Python bool"):
        python_bool()


@behaviour("CF-03")
def test_CF03_eager_results_unconverted(tf):
    p = tf.constant(True)
    assert tf.cond(p, lambda: 1, lambda: 2) == 1 and type(tf.cond(p, lambda: 1, lambda: 2)) is int
    assert tf.cond(p, lambda: None, lambda: 2) is None
    assert tf.cond(p, lambda: [1, 2], lambda: 2) == [1, 2]
    assert tf.cond(p, lambda: {"a": 1}, lambda: 2) == {"a": 1}


@behaviour("CF-03")
def test_CF03_traced_results_are_tensors(tf):
    graph_mode(tf)

    @tf.function
    def f(p):
        return tf.cond(p, lambda: 2, lambda: 3), tf.cond(p, lambda: [tf.constant(1)], lambda: [tf.constant(0)])

    scalar, listed = f(tf.constant(True))
    assert_value(scalar, 2, tf.int32)
    assert isinstance(listed, list) and len(listed) == 1 and listed[0].numpy() == 1


@behaviour("CF-04")
def test_CF04_eager_no_branch_checks_and_callables(tf):
    assert tf.cond(tf.constant(False), lambda: tf.constant(1), lambda: tf.constant(1.0)).dtype == tf.float32
    with raises(TypeError, "'true_fn' must be callable."):
        tf.cond(tf.constant(True), 1, lambda: 2)
    with raises(TypeError, "'false_fn' must be callable."):
        tf.cond(tf.constant(True), lambda: 1, 2)


@behaviour("CF-04")
def test_CF04_traced_branches_must_agree(tf):
    graph_mode(tf)

    @tf.function
    def dtypes(p):
        return tf.cond(p, lambda: tf.constant(1), lambda: tf.constant(1.0))

    with raises(TypeError, "true_fn and false_fn arguments to tf.cond must have the same number, type, and "
                           "overall structure of return values."):
        dtypes(tf.constant(True))

    @tf.function
    def shapes(p):
        out = tf.cond(p, lambda: tf.zeros([2]), lambda: tf.zeros([3]))
        assert out.shape.as_list() == [None]
        return out

    assert shapes(tf.constant(False)).shape == (3,)


@behaviour("CF-05")
def test_CF05_loop_vars_must_be_a_sequence(tf):
    body = lambda i: (i + 1,)  # noqa: E731
    with raises(TypeError, "Scalar tensor has no `len()`"):
        tf.while_loop(lambda i: i < 10, body, tf.constant(5))
    with raises(ValueError, "'loop_vars' must be provided."):
        tf.while_loop(lambda i: i < 10, body, tf.constant(0))
    with raises(TypeError, "object of type 'int' has no len()"):
        tf.while_loop(lambda i: i < 10, body, 5)
    with raises(ValueError, "'loop_vars' must be provided."):
        tf.while_loop(lambda i: i < 10, body, [])
    i, x = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x + 0.5), (0, 0.))
    assert_value(i, 3, tf.int32)
    assert_value(x, 1.5, tf.float32)


@behaviour("CF-06")
def test_CF06_eager_body_returns_a_sequence(tf):
    i = tf.constant(0)
    with raises(TypeError, "Cannot iterate over a scalar tensor."):
        tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])
    out = tf.while_loop(lambda i: i < 10, lambda i: [i + 1], [i])
    assert isinstance(out, list) and out[0].numpy() == 10
    out = tf.while_loop(lambda i: i < 10, lambda i: (i + 1,), [i])
    assert isinstance(out, tuple) and out[0].numpy() == 10
    out = tf.while_loop(lambda i: i > 10, lambda i: (i + 1,), [i])
    assert isinstance(out, list) and out[0].numpy() == 0
    with raises(TypeError, "The two structures don't have the same nested structure.",
                "don't have the same sequence type"):
        tf.while_loop(lambda i: i < 10, lambda i: (i + 1,), [i], maximum_iterations=5)
    assert tf.while_loop(lambda i: i < 10, lambda i: [i + 1], [i], maximum_iterations=5)[0].numpy() == 5


@behaviour("CF-07")
def test_CF07_traced_while_loop_structures(tf):
    graph_mode(tf)

    @tf.function
    def bare():
        return tf.while_loop(lambda i: i < 10, lambda i: i + 1, [tf.constant(0)])

    out = bare()
    assert isinstance(out, list) and out[0].numpy() == 10

    @tf.function
    def kept_tuple():
        return tf.while_loop(lambda i: i < 10, lambda i: [i + 1], (tf.constant(0),))

    assert isinstance(kept_tuple(), tuple)


@behaviour("CF-08")
def test_CF08_eager_checks_neither_shape_nor_dtype(tf):
    out = tf.while_loop(lambda x: tf.size(x) < 4, lambda x: (tf.concat([x, x], 0),), [tf.constant([1])])
    assert out[0].shape == (4,)
    out = tf.while_loop(lambda x: x < 5, lambda x: (tf.cast(x, tf.float32) + 5.0,), [tf.constant(0)])
    assert_value(out[0], 5.0, tf.float32)


@behaviour("CF-09")
def test_CF09_maximum_iterations(tf):
    always = lambda i: True  # noqa: E731
    assert tf.while_loop(always, lambda i: [i + 1], [0], maximum_iterations=7)[0].numpy() == 7
    assert tf.while_loop(always, lambda i: [i + 1], [0], maximum_iterations=tf.constant(7))[0].numpy() == 7
    with raises(ValueError, "'maximum_iterations' must be a scalar. Received shape: (2,)"):
        tf.while_loop(always, lambda i: (i + 1,), [0], maximum_iterations=[1, 2])


@behaviour("CF-10")
def test_CF10_eager_body_called_per_iteration(tf):
    calls = []
    tf.while_loop(lambda i: i < 10, lambda i: calls.append(1) or (i + 1,), [tf.constant(0)])
    assert len(calls) == 10


@behaviour("CF-11")
def test_CF11_case(tf):
    x = tf.constant(5)
    assert tf.case([(x < 3, lambda: 1), (x < 10, lambda: 2)]) == 2
    assert tf.case([(x < 10, lambda: 1), (x < 10, lambda: 2)]) == 1
    with raises(tf.errors.InvalidArgumentError, "Input error: exclusive=True: more than 1 conditions (?, ?) "
                                                "evaluated as True:"):
        tf.case([(x < 10, lambda: 1), (x < 10, lambda: 2), (x < 3, lambda: 3)], exclusive=True)
    with raises(tf.errors.InvalidArgumentError, "Input error: None of conditions evaluated as True:"):
        tf.case([(x < 3, lambda: 1), (x < 4, lambda: 2)])
    assert tf.case([(x < 3, lambda: 1)], default=lambda: 3) == 3
    with raises(TypeError, "Tensor is unhashable. Instead, use tensor.ref() as the key."):
        tf.case({x < 3: lambda: 1})
    log = []
    tf.case([(x < 3, lambda: log.append(1)), (x < 10, lambda: log.append(2))], default=lambda: log.append(3))
    assert log == [2]
    with raises(TypeError, "pred must be a Tensor, got: True"):
        tf.case([(True, lambda: 1)])


@behaviour("CF-12")
def test_CF12_switch_case(tf):
    fns = [lambda: 0, lambda: 1, lambda: 2]
    assert tf.switch_case(tf.constant(1), fns) == 1
    assert tf.switch_case(tf.constant(7), fns) == 2
    assert tf.switch_case(tf.constant(-1), fns) == 2
    assert tf.switch_case(tf.constant(-1), fns, default=lambda: 9) == 9
    assert tf.switch_case(tf.constant(1, tf.int64), fns) == 1
    with raises(ValueError, "branch indices (keys) must form contiguous range of [0 to 2) but found {0,3}"):
        tf.switch_case(tf.constant(1), {0: lambda: 0, 3: lambda: 1})
    with raises(TypeError, "'branch_index' must be a Tensor, got <class 'int'>"):
        tf.switch_case(1, fns)
    with raises(TypeError, "'branch_index' must be an integer Tensor, got <dtype: 'float32'>"):
        tf.switch_case(tf.constant(1.0), fns)
    log = []
    tf.switch_case(tf.constant(0), [lambda: log.append(0), lambda: log.append(1)])
    assert log == [0]


@behaviour("CF-13")
def test_CF13_map_fn_dtypes(tf):
    x = tf.constant([1, 2, 3])
    half = lambda e: tf.cast(e, tf.float32) / 2  # noqa: E731
    with raises(tf.errors.InvalidArgumentError, "TensorArray dtype is int32 but Op is trying to write dtype float32"):
        tf.map_fn(half, x)
    assert_value(tf.map_fn(half, x, fn_output_signature=tf.float32), [0.5, 1.0, 1.5], tf.float32)
    assert_value(tf.map_fn(half, x, dtype=tf.float32), [0.5, 1.0, 1.5], tf.float32)
    assert_value(tf.map_fn(lambda e: 1, x), [1, 1, 1], tf.int32)
    assert tf.map_fn(lambda e: e, tf.constant([], tf.int32)).shape == (0,)
    calls = []
    tf.map_fn(lambda e: calls.append(1) or e, x)
    assert len(calls) == 3


@behaviour("CF-13")
def test_CF13_map_fn_tensor_spec(tf):
    if not hasattr(tf, "TensorSpec"):
        pytest.skip("tf.TensorSpec is not there yet in tfcompat")
    out = tf.map_fn(lambda e: tf.cast(e, tf.float32) / 2, tf.constant([1, 2, 3]),
                    fn_output_signature=tf.TensorSpec([], tf.float32))
    assert_value(out, [0.5, 1.0, 1.5], tf.float32)


@behaviour("CF-14")
def test_CF14_map_fn_structures(tf):
    x = tf.constant([1, 2, 3])
    with raises(ValueError, "The two structures don't have the same nested structure."):
        tf.map_fn(lambda e: e[0] + e[1], (x, x))
    assert_value(tf.map_fn(lambda e: e[0] + e[1], (x, x), fn_output_signature=tf.int32), [2, 4, 6])
    out = tf.map_fn(lambda e: {"a": e["a"] * 2}, {"a": x})
    assert_value(out["a"], [2, 4, 6])
    with raises(ValueError, "Incompatible shape for value ((2,)), expected ((1,))"):
        tf.map_fn(lambda e: tf.range(e), x)
    assert_value(tf.map_fn(tf.reduce_sum, tf.constant([[1, 2], [3, 4]])), [3, 7])


@behaviour("CF-14")
def test_CF14_map_fn_ragged_output(tf):
    out = tf.map_fn(lambda e: tf.range(e), tf.constant([1, 2, 3]),
                    fn_output_signature=tf.RaggedTensorSpec(shape=[None], dtype=tf.int32))
    assert out.to_list() == [[0], [0, 1], [0, 1, 2]]


@behaviour("CF-15")
def test_CF15_scan(tf):
    e = tf.constant([1, 2, 3, 4])
    assert_value(tf.scan(lambda a, x: a + x, e), [1, 3, 6, 10])
    assert_value(tf.scan(lambda a, x: a + x, e, initializer=10), [11, 13, 16, 20])
    assert_value(tf.scan(lambda a, x: a + x, e, reverse=True), [10, 9, 7, 4])
    s, p = tf.scan(lambda a, x: (a[0] + x, a[1] * x), e, initializer=(0, 1))
    assert_value(s, [1, 3, 6, 10])
    assert_value(p, [1, 2, 6, 24])
    assert_value(tf.scan(lambda a, x: a + tf.cast(x, tf.float32), e, initializer=0.), [1, 3, 6, 10], tf.float32)
    with raises(tf.errors.OutOfRangeError, "Tried to read from index 0 but array size is: 0"):
        tf.scan(lambda a, x: a + x, tf.constant([], tf.int32))


@behaviour("CF-16")
def test_CF16_folds(tf):
    e = tf.constant([1, 2, 3, 4])
    assert_value(tf.foldl(lambda a, x: a + x, e), 10)
    assert_value(tf.foldl(lambda a, x: a - x, e, initializer=0), -10)
    assert_value(tf.foldr(lambda a, x: a - x, e, initializer=0), -10)
    assert_value(tf.foldl(lambda a, x: a - x, e), -8)
    assert_value(tf.foldr(lambda a, x: a - x, e), -2)
    empty = tf.constant([], tf.int32)
    with raises(tf.errors.OutOfRangeError, "Tried to read from index 0 but array size is: 0"):
        tf.foldl(lambda a, x: a - x, empty)
    with raises(tf.errors.OutOfRangeError, "Reading from negative indices (index -1) is not allowed."):
        tf.foldr(lambda a, x: a - x, empty)
    for fold in (tf.foldl, tf.foldr):
        assert fold(lambda a, x: a - x, empty, initializer=5) == 5


@behaviour("FN-27")
def test_FN27_tensor_array_eager(tf):
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    for i in range(4):
        ta = ta.write(i, i)
    assert_value(ta.stack(), [0, 1, 2, 3], tf.int32)
    assert ta.size().numpy() == 4
    with raises(tf.errors.OutOfRangeError, "Tried to write to index 3 but array is not resizeable and size is: 2"):
        tf.TensorArray(tf.float32, size=2).write(3, 1.0)
    once = tf.TensorArray(tf.float32, size=1).write(0, 1.0)
    once.read(0)
    with raises(tf.errors.InvalidArgumentError, "Could not read index 0 twice"):
        once.read(0)


@behaviour("FN-27")
def test_FN27_tensor_array_in_function(tf):
    graph_mode(tf)

    @tf.function
    def f():
        ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
        for i in tf.range(4):
            ta = ta.write(i, i)
        return ta.stack()

    assert_value(f(), [0, 1, 2, 3], tf.int32)


@behaviour("FN-27")
def test_FN27_tensor_array_as_while_loop_variable(tf):
    graph_mode(tf)

    @tf.function
    def f(n):
        ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
        _, ta = tf.while_loop(lambda i, ta: i < n, lambda i, ta: (i + 1, ta.write(i, i)), (0, ta))
        out = ta.stack()
        assert out.shape.as_list() == [None]
        return out, ta.size()

    out, size = f(tf.constant(4))
    assert_value(out, [0, 1, 2, 3], tf.int32)
    assert_value(size, 4, tf.int32)


@behaviour("FN-27")
def test_FN27_graph_tensor_array_reads_and_errors(tf):
    graph_mode(tf)

    @tf.function(autograph=False)
    def f(x):
        ta = tf.TensorArray(tf.float32, size=3).unstack(x)
        assert ta.read(0).shape == ()
        return ta.read(1), ta.read(1), ta.gather([2, 0]), ta.size()

    first, again, gathered, size = f(tf.constant([1.0, 2.0, 3.0]))
    assert first.numpy() == 2.0 and again.numpy() == 2.0      # no clear_after_read in graphs
    assert_value(gathered, [3.0, 1.0], tf.float32)
    assert size.numpy() == 3

    @tf.function(autograph=False)
    def unset():
        return tf.TensorArray(tf.float32, size=2).write(0, 1.0).stack()

    assert_value(unset(), [1.0, 0.0], tf.float32)

    @tf.function(autograph=False)
    def too_far():
        return tf.TensorArray(tf.float32, size=2).write(3, 1.0).stack()

    with raises(tf.errors.InvalidArgumentError, "Trying to modify element 3 in a list with 2 elements."):
        too_far()

    @tf.function(autograph=False)
    def out_of_range(i):
        return tf.TensorArray(tf.float32, size=2).read(i)

    with raises(tf.errors.InvalidArgumentError, "Trying to access element 5 in a list with 2 elements."):
        out_of_range(tf.constant(5))

    @tf.function(autograph=False)
    def inconsistent():
        ta = tf.TensorArray(tf.float32, size=2).write(0, [1.0, 2.0])
        return ta.write(1, [1.0]).stack()

    with raises(ValueError, "Inconsistent shapes: saw (1,) but expected (2,)"):
        inconsistent()


@behaviour("CF-12")
def test_CF12_traced_switch_case(tf):
    graph_mode(tf)
    fns = [lambda: tf.constant(0), lambda: tf.constant(1), lambda: tf.constant(2)]
    switch = tf.function(lambda i: tf.switch_case(i, fns))
    for index, expected in [(1, 1), (7, 2), (-1, 2), (-3, 2), (5, 2)]:
        assert_value(switch(tf.constant(index)), expected, tf.int32)
    with_default = tf.function(lambda i: tf.switch_case(i, fns, default=lambda: tf.constant(9)))
    assert with_default(tf.constant(-1)).numpy() == 9 and with_default(tf.constant(1)).numpy() == 1
    log = []
    logged = tf.function(lambda i: tf.switch_case(i, [lambda: log.append(0) or tf.constant(0),
                                                      lambda: log.append(1) or tf.constant(1)]))
    assert logged(tf.constant(0)).numpy() == 0 and logged(tf.constant(1)).numpy() == 1
    assert log == [0, 1]
    assert_value(tf.function(lambda i: tf.switch_case(i, [lambda: 1, lambda: 2]))(tf.constant(1)), 2, tf.int32)
    with raises(TypeError, "branches[0] and branches[1] arguments to tf.switch_case must have the same number, "
                           "type, and overall structure of return values."):
        tf.function(lambda i: tf.switch_case(i, [lambda: 1, lambda: 2.0]))(tf.constant(1))
    with raises(TypeError, "Input 'branch_index' of 'StatelessCase' Op has type int64 that does not match "
                           "expected type of int32."):
        switch(tf.constant(1, tf.int64))


@behaviour("CF-13")
def test_CF13_traced_map_fn_dtypes(tf):
    graph_mode(tf)
    x = tf.constant([1, 2, 3])
    half = lambda e: tf.cast(e, tf.float32) / 2  # noqa: E731

    @tf.function
    def unsigned():
        return tf.map_fn(half, x)

    with raises(tf.errors.InvalidArgumentError, "Invalid data types; op elements float but list elements int32"):
        unsigned()

    @tf.function
    def signed():
        return (tf.map_fn(half, x, fn_output_signature=tf.float32),
                tf.map_fn(half, x, fn_output_signature=tf.TensorSpec([], tf.float32)),
                tf.map_fn(lambda e: 1, x), tf.map_fn(lambda e: e, tf.constant([], tf.int32)))

    by_dtype, by_spec, python, empty = signed()
    assert_value(by_dtype, [0.5, 1.0, 1.5], tf.float32)
    assert_value(by_spec, [0.5, 1.0, 1.5], tf.float32)
    assert_value(python, [1, 1, 1], tf.int32)
    assert empty.shape == (0,)
    calls = []

    @tf.function
    def counted(v):
        return tf.map_fn(lambda e: calls.append(1) or e * 2, v)

    assert_value(counted(x), [2, 4, 6])
    assert_value(counted(x), [2, 4, 6])
    assert len(calls) == 1       # fn is traced once, not called per element


@behaviour("CF-14")
def test_CF14_traced_map_fn_structures(tf):
    graph_mode(tf)
    x = tf.constant([1, 2, 3])

    @tf.function
    def mismatch():
        return tf.map_fn(lambda e: e[0] + e[1], (x, x))

    with raises(ValueError, "The two structures don't have the same nested structure."):
        mismatch()

    @tf.function
    def structures():
        return (tf.map_fn(lambda e: e[0] + e[1], (x, x), fn_output_signature=tf.int32),
                tf.map_fn(lambda e: {"a": e["a"] * 2}, {"a": x}),
                tf.map_fn(tf.reduce_sum, tf.constant([[1, 2], [3, 4]])))

    pairs, mapped, rows = structures()
    assert_value(pairs, [2, 4, 6])
    assert_value(mapped["a"], [2, 4, 6])
    assert_value(rows, [3, 7])

    @tf.function
    def ragged():
        return tf.map_fn(lambda e: tf.range(e), x)

    with raises(tf.errors.InvalidArgumentError, "PartialTensorShape: Incompatible shapes during merge: [1] vs. [2]"):
        ragged()

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32)])
    def unknown_length(v):
        out = tf.map_fn(lambda e: e * 2, v)
        assert out.shape.as_list() == [None]
        return out

    assert_value(unknown_length(x), [2, 4, 6])


@behaviour("CF-15")
def test_CF15_traced_scan(tf):
    graph_mode(tf)
    e = tf.constant([1, 2, 3, 4])

    @tf.function
    def scans():
        return (tf.scan(lambda a, x: a + x, e), tf.scan(lambda a, x: a + x, e, initializer=10),
                tf.scan(lambda a, x: a + x, e, reverse=True),
                tf.scan(lambda a, x: (a[0] + x, a[1] * x), e, initializer=(0, 1)),
                tf.scan(lambda a, x: a + tf.cast(x, tf.float32), e, initializer=0.))

    plain, initialised, reverse, (s, p), floats = scans()
    assert_value(plain, [1, 3, 6, 10])
    assert_value(initialised, [11, 13, 16, 20])
    assert_value(reverse, [10, 9, 7, 4])
    assert_value(s, [1, 3, 6, 10])
    assert_value(p, [1, 2, 6, 24])
    assert_value(floats, [1, 3, 6, 10], tf.float32)

    @tf.function
    def empty():
        return tf.scan(lambda a, x: a + x, tf.constant([], tf.int32))

    with raises(tf.errors.InvalidArgumentError, "Trying to access element 0 in a list with 0 elements."):
        empty()


@behaviour("CF-16")
def test_CF16_traced_folds(tf):
    graph_mode(tf)
    e = tf.constant([1, 2, 3, 4])
    empty = tf.constant([], tf.int32)

    @tf.function
    def folds():
        return (tf.foldl(lambda a, x: a + x, e), tf.foldl(lambda a, x: a - x, e, initializer=0),
                tf.foldr(lambda a, x: a - x, e, initializer=0), tf.foldl(lambda a, x: a - x, e),
                tf.foldr(lambda a, x: a - x, e), tf.foldl(lambda a, x: a - x, empty, initializer=5),
                tf.foldr(lambda a, x: a - x, empty, initializer=5))

    for value, expected in zip(folds(), [10, -10, -10, -8, -2, 5, 5]):
        assert_value(value, expected, tf.int32)

    @tf.function
    def left():
        return tf.foldl(lambda a, x: a - x, empty)

    @tf.function
    def right():
        return tf.foldr(lambda a, x: a - x, empty)

    with raises(tf.errors.InvalidArgumentError, "Trying to access element 0 in a list with 0 elements."):
        left()
    with raises(tf.errors.InvalidArgumentError, "Trying to access element -1 in a list with 0 elements."):
        right()

