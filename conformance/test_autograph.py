"""Conformance: AutoGraph (FN-12..16, FN-22, FN-31, FN-37, CF-17..CF-29): Python control flow on tensors
inside tf.function becomes graph control flow, with TF's checks and messages."""
import pytest

from .helpers import assert_value, raises

behaviour = pytest.mark.behaviour


@behaviour("FN-12")
def test_FN12_for_over_tf_range_is_one_trace(tf):
    @tf.function
    def total(n):
        s = 0
        for i in tf.range(n):
            s += i
        return s
    assert_value(total(tf.constant(5)), 10, tf.int32)
    assert_value(total(tf.constant(10)), 45, tf.int32)
    assert total.experimental_get_tracing_count() == 1


@behaviour("FN-12")
def test_FN12_if_on_a_tensor_is_one_trace(tf):
    @tf.function
    def simple_relu(x):
        if tf.greater(x, 0):
            return x
        else:
            return 0
    assert_value(simple_relu(tf.constant(1)), 1)
    assert_value(simple_relu(tf.constant(-1)), 0)
    assert simple_relu.experimental_get_tracing_count() == 1


@behaviour("FN-12", "CF-21")
def test_FN12_while_on_a_tensor_condition(tf):
    @tf.function
    def below(n):
        i = 0
        s = 0
        while i < n:
            s += i
            i += 1
        return s
    assert_value(below(tf.constant(5)), 10, tf.int32)


@behaviour("FN-13", "CF-17")
def test_FN13_branches_must_agree(tf):
    @tf.function
    def dtypes(x):
        if x > 0:
            y = 1
        else:
            y = 1.0
        return y

    @tf.function
    def one_branch(x):
        if x > 0:
            y = 1
        return y  # noqa: F821

    with raises(TypeError, "'y' has dtype int32 in the main branch, but dtype float32 in the else branch"):
        dtypes(tf.constant(1))
    with raises(ValueError, "'y' must also be initialized in the else branch"):
        one_branch(tf.constant(1))


@behaviour("CF-17")
def test_CF17_string_vs_int_branches(tf):
    @tf.function
    def f(x):
        if x > 0:
            y = "a"
        else:
            y = 1
        return y
    with raises(TypeError, "'y' has dtype string in the main branch, but dtype int32 in the else branch"):
        f(tf.constant(1))


@behaviour("CF-17")
def test_CF17_different_shapes_merge(tf):
    @tf.function
    def f(x):
        if x > 0:
            y = tf.zeros([2])
        else:
            y = tf.zeros([3])
        assert y.shape.as_list() == [None]
        return y
    assert f(tf.constant(1)).shape == (2,)


@behaviour("FN-14")
def test_FN14_python_loops_are_unrolled(tf):
    calls = []

    @tf.function
    def f(x):
        for item in [1, 2, 3]:
            calls.append(item)
            x = x + item
        return x
    assert_value(f(tf.constant(0)), 6)
    assert calls == [1, 2, 3]


@behaviour("FN-15")
def test_FN15_each_branch_is_traced_once(tf):
    printed = []

    @tf.function
    def fizzbuzz(n):
        for i in tf.range(1, n + 1):
            if i % 15 == 0:
                printed.append("FizzBuzz")
            elif i % 3 == 0:
                printed.append("Fizz")
            elif i % 5 == 0:
                printed.append("Buzz")
            else:
                printed.append("num")
    fizzbuzz(tf.constant(5))
    fizzbuzz(tf.constant(20))
    assert sorted(printed) == ["Buzz", "Fizz", "FizzBuzz", "num"]


@behaviour("FN-16")
def test_FN16_python_bool_picks_the_branch_at_trace_time(tf):
    @tf.function
    def f(x, training):
        if training:
            return x + 1
        return x - 1
    assert_value(f(tf.constant(1), True), 2)
    assert_value(f(tf.constant(1), False), 0)
    assert f.experimental_get_tracing_count() == 2


@behaviour("FN-22")
def test_FN22_if_without_autograph_raises(tf):
    @tf.function(autograph=False)
    def f(x):
        if x > 0:
            return 1
        return 0
    with raises(tf.errors.OperatorNotAllowedInGraphError,
                "Using a symbolic `tf.Tensor` as a Python `bool` is not allowed"):
        f(tf.constant(1))


@behaviour("FN-31")
def test_FN31_recursion_with_a_tensor_condition_raises_staging_error(tf):
    @tf.function
    def rec(n):
        if n > 0:
            return rec(n - 1)
        return n
    with pytest.raises(Exception) as info:
        rec(tf.constant(3))
    assert type(info.value).__name__ == "StagingError"


@behaviour("FN-37")
def test_FN37_to_code_shows_if_stmt(tf):
    def f(x):
        if x > 0:
            x = x * 2
        return x
    assert "ag__.if_stmt" in tf.autograph.to_code(f)


@behaviour("CF-18")
def test_CF18_return_under_a_tensor_if(tf):
    @tf.function
    def both(x):
        if x > 0:
            return 1
        else:
            return 0

    @tf.function
    def only_if(x):
        if x > 0:
            return 1

    @tf.function
    def none_else(x):
        if x > 0:
            return 1
        else:
            return None

    @tf.function
    def expressions(x):
        return (1 if x > 0 else 0), tf.logical_and(x > 0, x < 5)

    @tf.function
    def print_only(x):
        if x > 0:
            tf.print("positive")
        return x

    assert_value(both(tf.constant(3)), 1)
    assert_value(both(tf.constant(-3)), 0)
    with raises(ValueError, "the else branch must also have a return statement."):
        only_if(tf.constant(1))
    with raises(ValueError, "'retval_' is None at the end of the else branch."):
        none_else(tf.constant(1))
    a, b = expressions(tf.constant(3))
    assert_value(a, 1)
    assert_value(b, True)
    assert_value(print_only(tf.constant(2)), 2)


@behaviour("CF-19")
def test_CF19_break_continue_and_return_in_tf_range(tf):
    @tf.function
    def stop(n):
        s = 0
        for i in tf.range(n):
            if i == 3:
                break
            s += i
        return s

    @tf.function
    def odd(n):
        s = 0
        for i in tf.range(n):
            if i % 2 == 0:
                continue
            s += i
        return s

    @tf.function
    def ret(n):
        for i in tf.range(n):
            if i > 1:
                return i
        return -1

    assert_value(stop(tf.constant(10)), 3)
    assert_value(odd(tf.constant(10)), 25)
    with raises(NotImplementedError, "a return statement cannot be placed inside this TensorFlow loop"):
        ret(tf.constant(3))


@behaviour("CF-20")
def test_CF20_tensor_break_in_python_loop(tf):
    @tf.function
    def f(x):
        s = 0
        for i in range(5):
            if x > i:
                break
            s += i
        return s
    with raises(NotImplementedError, "break and return statements which depend on a TF condition are not "
                                     "supported in Python for loops. Did you intend to make it a TF loop?"):
        f(tf.constant(2))


@behaviour("CF-21")
def test_CF21_python_initial_values_and_dtype_errors(tf):
    @tf.function
    def mixed(n):
        s = 0
        for i in tf.range(n):
            s += 1.5
        return s
    with raises(TypeError):
        mixed(tf.constant(3))


@behaviour("CF-22")
def test_CF22_shape_invariants(tf):
    @tf.function
    def grow(n):
        x = tf.constant([0])
        for i in tf.range(n):
            x = tf.concat([x, [i]], 0)
        return x

    @tf.function
    def allowed(n):
        x = tf.constant([0])
        for i in tf.range(n):
            tf.autograph.experimental.set_loop_options(shape_invariants=[(x, tf.TensorShape([None]))])
            x = tf.concat([x, [i]], 0)
        return x

    with raises(ValueError, "'x' has shape (1,) before the loop, but shape (2,) after one iteration. Use "
                            "tf.autograph.experimental.set_loop_options to set shape invariants."):
        grow(tf.constant(3))
    assert_value(allowed(tf.constant(3)), [0, 0, 1, 2])


@behaviour("CF-23")
def test_CF23_a_variable_first_assigned_in_a_loop(tf):
    @tf.function
    def last(n):
        for i in tf.range(n):
            z = i
        return z

    @tf.function
    def halve(x):
        while x > 1.0:
            y = x / 2
            x = y
        return y, x

    assert_value(last(tf.constant(3)), 2)
    assert_value(halve(tf.constant(10.0))[0], 0.625)
    with raises(tf.errors.InvalidArgumentError, "assertion failed: [loop must iterate at least once to initialize z]"):
        last(tf.constant(0))
    with raises(tf.errors.InvalidArgumentError, "assertion failed: [loop must iterate at least once to initialize y]"):
        halve(tf.constant(0.5))


@behaviour("CF-24")
def test_CF24_range_of_a_tensor_is_a_tf_loop(tf):
    traced = []

    @tf.function
    def f(n):
        s = 0
        for i in range(n):
            traced.append(1)
            s += i
        return s
    assert_value(f(tf.constant(5)), 10)
    assert_value(f(tf.constant(7)), 21)
    assert f.experimental_get_tracing_count() == 1 and len(traced) == 1


@behaviour("CF-24")
def test_CF24_for_over_a_tensor_traces_the_body_once(tf):
    seen = []

    @tf.function
    def f(x):
        s = 0
        for e in x:
            seen.append(type(e).__name__)
            s += e
        return s
    assert_value(f(tf.constant([1, 2, 3])), 6)
    assert seen == ["SymbolicTensor"]


@behaviour("CF-25")
def test_CF25_enumerate_over_a_tensor_raises(tf):
    @tf.function
    def f(x):
        s = 0
        for i, v in enumerate(x):
            s += v
        return s
    with raises(tf.errors.OperatorNotAllowedInGraphError, "Iterating over a symbolic `tf.Tensor` is not allowed"):
        f(tf.constant([1, 2]))


@behaviour("CF-26")
def test_CF26_print_in_a_converted_loop_runs_once(tf, capfd):
    import sys

    @tf.function
    def f(n):
        s = 0
        for i in tf.range(n):
            print(i)
            tf.print(i, output_stream=sys.stdout)
            s += i
        return s
    f(tf.constant(2))
    out = capfd.readouterr().out.splitlines()
    assert out == ['Tensor("while/Placeholder:0", shape=(), dtype=int32)', "0", "1"]


@behaviour("CF-28")
def test_CF28_list_appended_in_a_tf_loop_is_out_of_scope(tf):
    @tf.function
    def g(n):
        items = []
        for i in tf.range(n):
            items.append(i)
        return items
    with pytest.raises(ValueError) as info:
        g(tf.constant(3))
    assert type(info.value).__name__ == "InaccessibleTensorError"
    assert str(info.value).endswith("which is out of scope.")


@behaviour("CF-27")
def test_CF27_eager_iteration_over_tf_range(tf):
    s = 0
    for i in tf.range(3):
        assert type(i).__name__ == "EagerTensor"
        s += i
    assert_value(s, 3, tf.int32)


@behaviour("CF-29")
def test_CF29_unparsable_lambdas_run_as_is_with_a_warning(tf, capfd, caplog):
    f, g = tf.function(lambda x: x + 1), tf.function(lambda x: x * 2)
    assert_value(f(tf.constant(1)), 2)
    assert_value(g(tf.constant(3)), 6)
    err = capfd.readouterr().err + caplog.text
    assert "AutoGraph could not transform <function " in err
    assert "found multiple definitions with identical signatures at the location" in err
    assert "To silence this warning, decorate the function with @tf.autograph.experimental.do_not_convert" in err
