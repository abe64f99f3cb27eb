"""AutoGraph converter unit tests: converted functions behave exactly as the originals on Python values and
eager tensors, and the generated code has TF's functional form (ag__.if_stmt, while_stmt, for_stmt)."""
import logging

import numpy as np
import pytest

import tfcompat as tf
from tfcompat.autograph import convert, to_code

GLOBAL_OFFSET = 10


def same(fn, *args):
    """Runs fn and its conversion on the same arguments; both results (or exception types) must agree."""
    def run(f):
        try:
            out = f(*args)
        except Exception as e:  # noqa: BLE001 (the exception type is the result being compared)
            return ("raised", type(e))
        return ("value", np.asarray(out.numpy()) if hasattr(out, "numpy") else out)
    expected, got = run(fn), run(convert(fn))
    assert type(expected[1]) is type(got[1]) or isinstance(expected[1], np.ndarray)
    if isinstance(expected[1], np.ndarray):
        np.testing.assert_array_equal(got[1], expected[1])
    else:
        assert got == expected
    return got[1]


def branches(x):
    if x > 0:
        y = x
    elif x < -5:
        y = -x * 2
    else:
        y = 0
    return y


def early_returns(x):
    if x > 0:
        return 1
    if x < -3:
        return -1
    x += 1
    return x


def return_in_loop(n):
    for i in range(n):
        if i * i > 10:
            return i
    return -1


def loops_with_jumps(n):
    s = 0
    for i in range(n):
        if i > 7:
            break
        if i % 2 == 0:
            continue
        s += i
    else:
        s = -s
    k = 0
    while k < n:
        k += 1
        if k == 3:
            continue
        if k > 5:
            break
        s += k
    else:
        s += 1000
    return s


def nested_loops(n):
    total = 0
    for i in range(n):
        for j in range(i):
            if j > 2:
                break
            total += j
        if total > 20:
            break
    return total, i


def boolean_ops(a, b):
    c = a and b
    d = a or b
    e = not a
    f = 1 if a else 2
    g = a and b or not a
    return c, d, e, f, g


def tuple_targets(pairs):
    out = []
    for i, (a, b) in enumerate(pairs):
        out.append(i * a + b)
    return out


def uses_global(x):
    if x > 0:
        x = x + GLOBAL_OFFSET
    return x


def make_closure(k):
    def inner(x):
        if x > k:
            x = x - k
        return x
    return inner


def helper(x):
    if x > 0:
        return x * 2
    return x


def calls_helper(x):
    return helper(x) + helper(-x)


def unassigned_then_read(x):
    if x > 0:
        y = 1
    return y  # noqa: F821 (undefined on the else path on purpose)


def defaults(x, scale=3, *, shift=1):
    while x < 100:
        x = x * scale + shift
    return x


def generator(n):
    for i in range(n):
        yield i


@pytest.mark.parametrize("x", [5, 0, -2, -9])
def test_if_elif_else(x):
    same(branches, x)
    same(branches, tf.constant(x))


@pytest.mark.parametrize("x", [5, 0, -2, -9])
def test_early_returns(x):
    same(early_returns, x)
    same(early_returns, tf.constant(x))


@pytest.mark.parametrize("n", [0, 3, 10])
def test_return_inside_python_loop(n):
    same(return_in_loop, n)


@pytest.mark.parametrize("n", [0, 1, 4, 12])
def test_break_continue_and_loop_else(n):
    same(loops_with_jumps, n)


def test_nested_loops_keep_their_own_break():
    assert same(nested_loops, 9) == nested_loops(9)


@pytest.mark.parametrize("a,b", [(0, 1), (2, 0), (3, 4), (0, 0), ("", "s")])
def test_boolean_operators_keep_python_semantics(a, b):
    same(boolean_ops, a, b)


def test_lazy_and_or_do_not_evaluate_the_right_side():
    calls = []

    def side(v):
        calls.append(v)
        return v

    def f(a):
        return a and side(1), a or side(2)
    assert convert(f)(0) == (0, 2)
    assert calls == [2]


def test_tuple_targets_enumerate_and_list_mutation():
    same(tuple_targets, [(1, 2), (3, 4), (5, 6)])


def test_globals_and_closures_stay_live():
    global GLOBAL_OFFSET
    same(uses_global, 1)
    GLOBAL_OFFSET = 20
    assert convert(uses_global)(1) == 21
    GLOBAL_OFFSET = 10
    inner = make_closure(4)
    same(inner, 10)
    same(inner, 1)


def test_calls_to_user_functions_are_converted():
    same(calls_helper, 3)
    assert "ag__.converted_call(helper" in to_code(calls_helper)


def test_a_variable_left_unassigned_raises_unbound_local_error():
    same(unassigned_then_read, 1)
    with pytest.raises(UnboundLocalError):
        convert(unassigned_then_read)(-1)


def test_defaults_and_keyword_only_arguments():
    same(defaults, 1)
    assert convert(defaults)(1, 2, shift=0) == defaults(1, 2, shift=0)


def test_methods_and_super():
    class Base:
        def value(self, x):
            return x + 1

    class Child(Base):
        def value(self, x):
            if x > 0:
                return super().value(x) * 10
            return 0

    c = Child()
    assert convert(c.value)(2) == 30
    assert convert(c.value)(-2) == 0


def test_lambdas():
    f = lambda x: x if x > 0 else -x  # noqa: E731
    assert convert(f)(-3) == 3 and convert(f)(tf.constant(-3)).numpy() == 3
    assert "ag__.if_exp" in to_code(f)


def test_eager_tensor_loops_iterate_in_python():
    def f(n):
        s = 0
        for i in tf.range(n):
            s += i
        return s
    out = convert(f)(tf.constant(4))
    assert out.numpy() == 6 and out.dtype == tf.int32


def test_range_of_an_eager_tensor_is_tf_range():
    def f(n):
        s = 0
        for i in range(n):
            s += i
        return s
    assert convert(f)(tf.constant(5)).numpy() == 10
    assert convert(f)(5) == 10


def test_generators_and_do_not_convert_run_as_is():
    assert convert(generator) is generator

    @tf.autograph.experimental.do_not_convert
    def plain(x):
        return x
    assert convert(plain) is plain


def test_conversion_is_cached():
    assert convert(branches) is convert(branches)


def test_to_code_shows_the_functional_form():
    code = to_code(loops_with_jumps)
    for name in ("ag__.for_stmt", "ag__.while_stmt", "ag__.if_stmt", "def tf__loops_with_jumps"):
        assert name in code
    assert "ag__.if_stmt" in to_code(branches)


def test_set_loop_options_becomes_loop_options():
    def f(x):
        for i in range(3):
            tf.autograph.experimental.set_loop_options(shape_invariants=[(x, tf.TensorShape([None]))])
            x = x + 1
        return x
    code = to_code(f)
    assert "set_loop_options" not in code and "{'shape_invariants': [(" in code
    assert convert(f)(1) == 4


def test_two_lambdas_on_one_line_run_as_is_with_tf_warning(caplog):
    f, g = (lambda x: x + 1), (lambda x: x * 2)
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        assert convert(f) is f
    assert "AutoGraph could not transform <function " in caplog.text and "<lambda> at 0x" in caplog.text
    assert "found multiple definitions with identical signatures" in caplog.text
    assert "Match 0:\nlambda x: x + 1\n\nMatch 1:\nlambda x: x * 2\n" in caplog.text
    assert "To silence this warning, decorate the function with @tf.autograph.experimental.do_not_convert" \
        in caplog.text
    assert g(2) == 4


def test_unreadable_source_runs_as_is(caplog):
    namespace = {}
    exec("def dyn(x):\n    return x + 1\n", namespace)  # noqa: S102 (a function without source on purpose)
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        assert convert(namespace["dyn"]) is namespace["dyn"]
    assert "could not get source code" in caplog.text
