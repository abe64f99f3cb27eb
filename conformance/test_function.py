"""Conformance: tf.function (FN-01..FN-38, except what test_print.py and test_autograph.py pin): tracing and
retracing, input signatures, concrete functions, captures, variables, graph semantics. Catalogue section D."""
import logging

import numpy as np
import pytest

from .helpers import assert_value, later_op, raises

behaviour = pytest.mark.behaviour

@behaviour("FN-01")
def test_FN01_python_side_effects_run_while_tracing_only(tf, capsys):
    seen = []

    @tf.function
    def f(x):
        print("traced")
        seen.append(1)
        return x + 1
    for _ in range(3):
        assert_value(f(tf.constant(1)), 2, tf.int32)
    assert capsys.readouterr().out == "traced\n"
    assert seen == [1]


@behaviour("FN-03")
def test_FN03_tensor_dtype_and_shape_retrace(tf):
    @tf.function
    def f(x):
        return x
    f(tf.constant(1))
    f(tf.constant(2))
    assert f.experimental_get_tracing_count() == 1
    f(tf.constant(1.0))
    assert f.experimental_get_tracing_count() == 2
    f(tf.constant([1, 2]))
    f(tf.constant([1, 2, 3]))
    assert f.experimental_get_tracing_count() == 4


@behaviour("FN-04")
def test_FN04_python_scalars_trace_by_value(tf):
    @tf.function
    def g(x):
        return x + 1
    for v in (0, 1, 2):
        g(v)
    assert g.experimental_get_tracing_count() == 3

    @tf.function
    def f(x):
        return x + 1
    assert_value(f(1), 2, tf.int32)
    assert_value(f(True), 2, tf.int32)
    assert_value(f(1.0), 2, tf.int32)
    assert f.experimental_get_tracing_count() == 1

    @tf.function
    def h(x):
        return x + 1
    assert_value(h(1.0), 2.0, tf.float32)
    assert_value(h(1), 2.0, tf.float32)


@behaviour("FN-05")
def test_FN05_new_values_reuse_the_trace(tf):
    @tf.function
    def train(x):
        return x * 2
    assert_value(train(tf.constant(10)), 20)
    assert_value(train(tf.constant(20)), 40)
    assert_value(train(np.array([1.0, 2.0], np.float32)), [2.0, 4.0], tf.float32)
    assert_value(train(np.array([3.0, 4.0], np.float32)), [6.0, 8.0], tf.float32)
    assert train.experimental_get_tracing_count() == 2


@behaviour("FN-06")
def test_FN06_return_values_become_tensors(tf):
    @tf.function
    def f():
        return 1, 1.0, "s", None, {"a": 2}, [3, (4.0,)]
    i, x, s, none, d, lst = f()
    assert_value(i, 1, tf.int32)
    assert_value(x, 1.0, tf.float32)
    assert s.dtype == tf.string and s.numpy() == b"s"
    assert none is None
    assert list(d) == ["a"] and d["a"].dtype == tf.int32
    assert type(lst) is list and type(lst[1]) is tuple
    assert_value(lst[0], 3, tf.int32)
    assert_value(lst[1][0], 4.0, tf.float32)

    @tf.function
    def nothing(x):
        x + 1
    assert nothing(tf.constant(1)) is None


@behaviour("FN-07")
def test_FN07_tracing_count_type_and_python_function(tf):
    def g(x):
        return x

    f = tf.function(g)
    assert type(f).__name__ == "Function"
    assert f.python_function is g
    assert f.experimental_get_tracing_count() == 0
    f(1)
    f(2)
    f(2)
    assert f.experimental_get_tracing_count() == 2


@behaviour("FN-08")
def test_FN08_input_signature(tf):
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32)])
    def collatz(x):
        even = tf.bitwise.bitwise_and(x, 1) == 0
        return tf.where(even, tf.bitwise.right_shift(x, 1), 3 * x + 1)
    assert_value(collatz(tf.constant([1, 2])), [4, 1], tf.int32)
    assert_value(collatz(tf.constant([1, 2, 3])), [4, 1, 10], tf.int32)
    assert collatz.experimental_get_tracing_count() == 1
    with raises(TypeError, "Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(2, 2), "
                "dtype=tf.int32, name=None) to TensorSpec(shape=(None,), dtype=tf.int32, name=None)`",
                "for signature: (x: TensorSpec(shape=(None,), dtype=tf.int32, name=None))."):
        collatz(tf.constant([[1, 2], [3, 4]]))
    with raises(TypeError, "`Can not cast TensorSpec(shape=(2,), dtype=tf.float32, name=None) to "
                "TensorSpec(shape=(None,), dtype=tf.int32, name=None)`"):
        collatz(tf.constant([1.0, 2.0]))
    assert_value(collatz([1, 2]), [4, 1], tf.int32)
    assert collatz.experimental_get_tracing_count() == 1


@behaviour("FN-08")
def test_FN08_input_signature_converts_python_and_numpy(tf):
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def vec(x):
        return x
    assert_value(vec(np.array([1.0, 2.0])), [1.0, 2.0], tf.float32)

    @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
    def scalar(x):
        return x
    assert_value(scalar(3), 3.0, tf.float32)

    @tf.function(input_signature=[tf.TensorSpec(None, tf.float32)])
    def any_rank(x):
        return x
    any_rank(1.0)
    any_rank([1.0])
    assert_value(any_rank([[1.0]]), [[1.0]], tf.float32)
    assert any_rank.experimental_get_tracing_count() == 1


@behaviour("FN-08")
def test_FN08_input_signature_arity_errors(tf):
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32)])
    def f(x):
        return x
    with raises(TypeError, "Binding inputs to tf.function failed due to `too many positional arguments`."):
        f(tf.constant([1, 2]), 3)
    with raises(TypeError, "Binding inputs to tf.function failed due to `missing a required argument: 'x'`. "
                "Received args: () and kwargs: {} for signature: (x: TensorSpec(shape=(None,), dtype=tf.int32, "
                "name=None))."):
        f()


@behaviour("FN-09")
def test_FN09_argument_outside_the_signature_keeps_its_default(tf):
    @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
    def g(x, y=1):
        return x + y
    with raises(TypeError, "Binding inputs to tf.function failed due to `Can not cast 2 to Literal[1]`. "
                "Received args: (1.0, 2) and kwargs: {} for signature: (x: TensorSpec(shape=(), "
                "dtype=tf.float32, name=None), y: Literal[1] = <captured_default_value>)."):
        g(1.0, 2)
    assert_value(g(1.0, 1), 2.0, tf.float32)
    assert_value(g(1.0), 2.0, tf.float32)


@behaviour("FN-10")
def test_FN10_reduce_retracing_generalises_shapes(tf):
    @tf.function(reduce_retracing=True)
    def f(x):
        return tf.shape(x)
    for n in (3, 5, 7, 9):
        assert_value(f(tf.zeros([n])), [n], tf.int32)
    assert f.experimental_get_tracing_count() == 2
    text = f.pretty_printed_concrete_signatures()
    assert "TensorSpec(shape=(3,), dtype=tf.float32, name=None)" in text
    assert "TensorSpec(shape=(None,), dtype=tf.float32, name=None)" in text

    @tf.function(reduce_retracing=True)
    def g(x):
        return x
    g(tf.constant([1]))
    g(tf.constant([1, 2]))
    g(tf.constant([1.0]))
    assert g.experimental_get_tracing_count() == 3


@behaviour("FN-10")
def test_FN10_experimental_relax_shapes_is_the_same(tf):
    @tf.function(experimental_relax_shapes=True)
    def f(x):
        return x + 1
    for n in (3, 5, 7, 9):
        assert_value(f(tf.zeros([n])), np.ones(n), tf.float32)
    assert f.experimental_get_tracing_count() == 2


@behaviour("FN-11")
def test_FN11_variable_created_every_call_raises(tf):
    @tf.function
    def f(x):
        v = tf.Variable(1.0)
        return v + x
    with raises(ValueError, "tf.function only supports singleton tf.Variables created on the first call. Make "
                "sure the tf.Variable is only created once or created outside tf.function. See "
                "https://www.tensorflow.org/guide/function#creating_tfvariables for more information."):
        f(1.0)


@behaviour("FN-11")
def test_FN11_variable_created_on_a_later_trace_raises(tf):
    made = []

    @tf.function
    def f(flag):
        if flag:
            made.append(tf.Variable(1.0))
        return 1.0
    f(False)
    with raises(ValueError, "Creating variables on a non-first call to a function decorated with tf.function."):
        f(True)


@behaviour("FN-11")
def test_FN11_create_if_none_is_allowed(tf):
    class Count:
        def __init__(self):
            self.count = None

        @tf.function
        def __call__(self):
            if self.count is None:
                self.count = tf.Variable(0)
            return self.count.assign_add(1)
    c = Count()
    first = c()
    assert type(first).__name__ == "EagerTensor"
    assert_value(first, 1, tf.int32)
    assert_value(c(), 2, tf.int32)


@behaviour("FN-17")
def test_FN17_function_equals_eager(tf):
    def f(x):
        return tf.reduce_sum(tf.sin(x) * x ** 2)
    x = tf.constant([0.1, 0.2, 0.3])
    eager, graph = f(x), tf.function(f)(x)
    assert graph.dtype == tf.float32
    np.testing.assert_allclose(graph.numpy(), eager.numpy(), rtol=1e-6)
    np.testing.assert_allclose(graph.numpy(), 0.03554192930459976, rtol=1e-6)


@behaviour("FN-18")
def test_FN18_concrete_functions(tf):
    @tf.function
    def dbl(a):
        return a + a
    cf = dbl.get_concrete_function(tf.constant("a"))
    assert type(cf).__name__ == "ConcreteFunction"
    assert dbl.get_concrete_function(tf.TensorSpec([], tf.string)) is cf
    assert cf(tf.constant("b")).numpy() == b"bb"
    assert cf(a=tf.constant("c")).numpy() == b"cc"
    with raises(tf.errors.InvalidArgumentError, "as input #0(zero-based) was expected to be a string tensor but "
                "is a int32 tensor"):
        cf(tf.constant(1))
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        cf(tf.constant(1))
    assert str(info.value).startswith("cannot compute __inference_dbl_")


@behaviour("FN-19")
def test_FN19_python_arguments_are_literals_of_the_concrete_function(tf):
    @tf.function
    def pw(a, b):
        return a ** b
    square = pw.get_concrete_function(a=tf.TensorSpec(None), b=2)
    assert_value(square(tf.constant(10.0)), 100.0, tf.float32)
    assert_value(square(tf.constant(10.0), b=2), 100.0, tf.float32)
    with raises(TypeError, "Binding inputs to tf.function failed due to `Can not cast 3 to Literal[2]`."):
        square(tf.constant(10.0), b=3)
    with raises(TypeError, "`Can not cast 3 to Literal[2]`"):
        square(tf.constant(10.0), 3)
    assert str(square) == ("ConcreteFunction Input Parameters:\n"
                           "  a (POSITIONAL_OR_KEYWORD): TensorSpec(shape=<unknown>, dtype=tf.float32, name=None)\n"
                           "  b (POSITIONAL_OR_KEYWORD): Literal[2]\n"
                           "Output Type:\n"
                           "  TensorSpec(shape=<unknown>, dtype=tf.float32, name=None)\n"
                           "Captures:\n"
                           "  None")


@behaviour("FN-20")
def test_FN20_concrete_function_text(tf):
    @tf.function
    def dbl(a):
        return a + a
    cf = dbl.get_concrete_function(tf.constant("a"))
    block = ("Input Parameters:\n"
             "  a (POSITIONAL_OR_KEYWORD): TensorSpec(shape=(), dtype=tf.string, name=None)\n"
             "Output Type:\n"
             "  TensorSpec(shape=(), dtype=tf.string, name=None)\n"
             "Captures:\n"
             "  None")
    assert str(cf) == "ConcreteFunction " + block
    dbl(tf.constant(1))
    assert dbl.pretty_printed_concrete_signatures() == block + "\n\n" + block.replace("string", "int32")


@behaviour("FN-21")
def test_FN21_run_functions_eagerly(tf, capsys):
    seen = []

    @tf.function
    def f(x):
        print("run")
        seen.append(tf.executing_eagerly())
        return x
    assert tf.config.functions_run_eagerly() is False
    tf.config.run_functions_eagerly(True)
    try:
        assert tf.config.functions_run_eagerly() is True
        for _ in range(3):
            f(1)
    finally:
        tf.config.run_functions_eagerly(False)
    assert tf.config.functions_run_eagerly() is False
    assert capsys.readouterr().out == "run\n" * 3
    assert seen == [True, True, True]
    assert f.experimental_get_tracing_count() == 0


@behaviour("FN-22")
def test_FN22_inside_a_trace(tf):
    seen = {}

    @tf.function
    def f(x):
        seen["eager"] = tf.executing_eagerly()
        with raises(AttributeError, "'SymbolicTensor' object has no attribute 'numpy'"):
            x.numpy()
        with raises(tf.errors.OperatorNotAllowedInGraphError,
                    "Using a symbolic `tf.Tensor` as a Python `bool` is not allowed."):
            bool(x)
        return x
    assert_value(f(tf.constant(1)), 1)
    assert seen == {"eager": False}


@behaviour("FN-23")
def test_FN23_len_and_shape_inside(tf):
    seen = {}

    @tf.function(input_signature=[tf.TensorSpec([None, 3])])
    def f(x):
        seen["shape"] = x.shape.as_list()
        n = len(x)
        seen["len_is_tensor"] = tf.is_tensor(n)
        return n, tf.shape(x)
    n, shape = f(tf.zeros([3, 3]))
    assert_value(n, 3, tf.int32)
    assert_value(shape, [3, 3], tf.int32)
    n, shape = f(tf.zeros([5, 3]))
    assert_value(n, 5, tf.int32)
    assert_value(shape, [5, 3], tf.int32)
    assert seen == {"shape": [None, 3], "len_is_tensor": True}

    @tf.function
    def known(x):
        return len(x)
    assert_value(known(tf.zeros([4, 2])), 4, tf.int32)


@behaviour("FN-24")
def test_FN24_closures_by_value_variables_live(tf):
    foo = [1]

    @tf.function
    def buggy_add():
        return 1 + foo[0]
    assert_value(buggy_add(), 2, tf.int32)
    foo[0] = 100
    assert_value(buggy_add(), 2, tf.int32)

    v = tf.Variable(1)

    @tf.function
    def variable_add():
        return 1 + v
    assert_value(variable_add(), 2, tf.int32)
    v.assign(100)
    assert_value(variable_add(), 101, tf.int32)


@behaviour("FN-25")
def test_FN25_changed_python_attributes_go_stale(tf):
    class SimpleModel:
        def __init__(self):
            self.bias = 0.0
            self.weight = 2.0

    @tf.function
    def evaluate(model, x):
        return model.weight * x + model.bias
    model, x = SimpleModel(), tf.constant(10.0)
    assert_value(evaluate(model, x), 20.0, tf.float32)
    model.bias = 5.0
    assert_value(evaluate(model, x), 20.0, tf.float32)
    assert evaluate.experimental_get_tracing_count() == 1

    class VariableModel:
        def __init__(self):
            self.bias = tf.Variable(0.0)
            self.weight = tf.Variable(2.0)
    model = VariableModel()
    assert_value(evaluate(model, x), 20.0, tf.float32)
    model.bias.assign(5.0)
    assert_value(evaluate(model, x), 25.0, tf.float32)


@behaviour("FN-26")
def test_FN26_python_iterator_is_consumed_once(tf):
    @tf.function
    def consume_next(iterator):
        return next(iterator)
    iterator = iter([1, 2, 3])
    assert [int(consume_next(iterator)) for _ in range(3)] == [1, 1, 1]


@behaviour("FN-26")
def test_FN26_dataset_iterator_advances(tf):
    @tf.function
    def consume_next(iterator):
        return next(iterator)
    iterator = iter(tf.data.Dataset.from_tensor_slices([1, 2, 3]))
    assert [int(consume_next(iterator)) for _ in range(3)] == [1, 2, 3]


@behaviour("FN-27")
def test_FN27_leaked_tensor_is_symbolic(tf):
    leaked = []

    @tf.function
    def f(x):
        y = x + 1
        leaked.append(y)
        return y
    assert_value(f(tf.constant(1)), 2)
    with raises(AttributeError, "'SymbolicTensor' object has no attribute 'numpy'"):
        leaked[0].numpy()


@behaviour("FN-28")
def test_FN28_assign_is_baked_into_the_graph(tf):
    class Model:
        def __init__(self):
            self.v = tf.Variable(0)
            self.counter = 0

        @tf.function
        def __call__(self):
            if self.counter == 0:
                self.counter += 1
                self.v.assign_add(1)
            return self.v
    m = Model()
    assert [int(m()) for _ in range(3)] == [1, 2, 3]


@behaviour("FN-29")
def test_FN29_container_arguments(tf):
    @tf.function
    def add(d):
        return d["a"] + d["b"]
    add({"a": tf.constant(1), "b": tf.constant(2)})
    assert_value(add({"b": tf.constant(20), "a": tf.constant(10)}), 30)
    assert add.experimental_get_tracing_count() == 1

    @tf.function
    def first(xs):
        return xs[0]
    first([1, 2])
    assert_value(first([2, 1]), 2, tf.int32)
    assert first.experimental_get_tracing_count() == 2

    def raw(x):
        return x
    a, b = tf.function(raw), tf.function(raw)
    a(1)
    b(1)
    assert a.experimental_get_tracing_count() == b.experimental_get_tracing_count() == 1


@behaviour("FN-30")
def test_FN30_methods_trace_per_instance(tf):
    class K:
        @tf.function
        def f(self, x):
            return x
    a, b = K(), K()
    a.f(1)
    b.f(1)
    a.f(1)
    assert a.f.experimental_get_tracing_count() == 1
    assert b.f.experimental_get_tracing_count() == 1


@behaviour("FN-30")
def test_FN30_variables_as_arguments_do_not_retrace(tf):
    @tf.function
    def double(v):
        return v * 2.0
    assert_value(double(tf.Variable(1.0)), 2.0, tf.float32)
    assert_value(double(tf.Variable(3.0)), 6.0, tf.float32)
    assert double.experimental_get_tracing_count() == 1
    double(tf.Variable([3.0]))
    assert double.experimental_get_tracing_count() == 2

    @tf.function
    def bump(v):
        v.assign_add(1.0)
        return v.read_value()
    a, b = tf.Variable(1.0), tf.Variable(10.0)
    assert_value(bump(a), 2.0)
    assert_value(bump(b), 11.0)
    assert_value(bump(a), 3.0)
    assert bump.experimental_get_tracing_count() == 1
    assert float(a.numpy()) == 3.0 and float(b.numpy()) == 11.0


@behaviour("FN-32")
def test_FN32_unused_ops_do_not_run(tf):
    @tf.function
    def unused(x):
        tf.gather(x, [1])
        return x
    assert_value(unused(tf.constant([0.0])), [0.0], tf.float32)
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.gather(tf.constant([0.0]), [1])


@behaviour("FN-32")
def test_FN32_asserts_still_run(tf):
    @tf.function
    def positive(x):
        tf.debugging.assert_positive(x)
        return x
    assert_value(positive(tf.constant([1.0])), [1.0], tf.float32)
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        positive(tf.constant([-1.0]))
    assert "Condition x > 0 did not hold element-wise" in str(info.value)


@behaviour("FN-33")
def test_FN33_static_shapes_are_checked_while_tracing(tf):
    @tf.function
    def f(x):
        return x[5]
    with raises(ValueError, "slice index 5 of dimension 0 out of bounds. for '{{node strided_slice}} = "):
        f(tf.constant([1, 2, 3]))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant([1, 2, 3])[5]


@behaviour("FN-34")
def test_FN34_numpy_on_symbolic_tensors(tf):
    @tf.function
    def np_sum(x):
        return np.sum(x)
    with pytest.raises(NotImplementedError):
        np_sum(tf.constant([1, 2]))

    @tf.function
    def frozen():
        return np.random.rand()

    @tf.function
    def fresh():
        return tf.random.uniform([])
    assert frozen().numpy() == frozen().numpy()
    assert fresh().numpy() != fresh().numpy()


@behaviour("FN-35")
def test_FN35_returning_variables(tf):
    v = tf.Variable(1.0)

    @tf.function
    def get():
        return v

    @tf.function
    def bump():
        return v.assign_add(1.0)

    @tf.function
    def total(vs):
        return vs[0] + vs[1]
    got = get()
    assert type(got).__name__ == "EagerTensor"
    assert_value(got, 1.0, tf.float32)
    bumped = bump()
    assert type(bumped).__name__ == "EagerTensor"
    assert_value(bumped, 2.0, tf.float32)
    assert_value(total([tf.Variable(1.0), tf.Variable(2.0)]), 3.0, tf.float32)


@behaviour("FN-36")
def test_FN36_function_method_differentiable_wrt_variables(tf):
    class Scale:
        def __init__(self):
            self.v = tf.Variable(2.0)

        @tf.function
        def __call__(self, x):
            return self.v * x
    m = Scale()
    with tf.GradientTape() as tape:
        y = m(tf.constant(3.0))
    assert_value(y, 6.0, tf.float32)
    assert_value(tape.gradient(y, m.v), 3.0, tf.float32)


@behaviour("FN-36")
def test_FN36_module_call(tf):
    class Scale(tf.Module):
        def __init__(self):
            super().__init__()
            self.v = tf.Variable(2.0)

        @tf.function
        def __call__(self, x):
            return self.v * x
    m = Scale()
    with tf.GradientTape() as tape:
        y = m(tf.constant(3.0))
    assert_value(y, 6.0, tf.float32)
    assert_value(tape.gradient(y, m.v), 3.0, tf.float32)


@behaviour("FN-37")
def test_FN37_jit_compile_is_accepted(tf):
    @tf.function(jit_compile=True)
    def f(x):
        return x * 2.0
    assert_value(f(tf.constant(2.0)), 4.0, tf.float32)


@behaviour("FN-38")
def test_FN38_frequent_retracing_warns(tf):
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("tensorflow")
    logger.addHandler(handler)
    try:
        @tf.function
        def f(x):
            return x
        for i in range(8):
            f(i)
    finally:
        logger.removeHandler(handler)
    warnings = [r for r in records if "triggered tf.function retracing" in r.getMessage()]
    assert [r.levelname for r in warnings] == ["WARNING", "WARNING"]
    first, second = (r.getMessage() for r in warnings)
    assert first.startswith("5 out of the last 5 calls to <function ")
    assert second.startswith("6 out of the last 6 calls to <function ")
    assert "f at 0x" in first
    assert "Tracing is expensive and the excessive number of tracings could be due to (1) creating " \
           "@tf.function repeatedly in a loop, (2) passing tensors with different shapes, (3) passing Python " \
           "objects instead of tensors." in first


@behaviour("FN-38")
def test_FN38_calls_without_tracing_count_in_the_history(tf):
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("tensorflow")
    logger.addHandler(handler)
    try:
        @tf.function
        def g(x):
            return x
        for i in range(4):
            g(tf.zeros([i]))
        g(tf.zeros([1]))
        assert not records
        g(tf.zeros([4]))
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage()[:26] for r in records] == ["5 out of the last 6 calls "]


def test_methods_nested_functions_and_signatures(tf):
    @tf.function
    def inner(x):
        return x * 2

    @tf.function
    def outer(x):
        return inner(x) + 1
    assert_value(outer(tf.constant(3)), 7, tf.int32)
    assert inner.experimental_get_tracing_count() == 1
    assert_value(inner(tf.constant(3)), 6, tf.int32)
    assert inner.experimental_get_tracing_count() == 1

    @tf.function
    def kw(x, y=1):
        return x + y
    kw(tf.constant(1), 2)
    kw(tf.constant(1), y=2)
    kw(x=tf.constant(1), y=2)
    assert kw.experimental_get_tracing_count() == 1


def test_functions_flush_float32_denormals_to_zero(tf):
    """TF's kernels run with FTZ/DAZ: a denormal product or operand counts as zero inside a function."""
    mul = tf.function(lambda x, y: x * y)
    assert mul(tf.constant(1e-39), tf.constant(0.5)).numpy() == 0.0
    assert mul(tf.constant(3e-39), tf.constant(1e30)).numpy() == 0.0  # the denormal operand is read as 0
    assert mul(tf.constant(1e-30), tf.constant(1e-10)).numpy() == 0.0  # a denormal result is flushed
    np.testing.assert_allclose(mul(tf.constant(1e-30), tf.constant(1e-2)).numpy(), 1e-32, rtol=1e-6)
    assert mul(tf.constant(1e-300, tf.float64), tf.constant(1e-10, tf.float64)).numpy() == 0.0
