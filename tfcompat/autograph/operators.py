"""The `ag__` runtime of converted code: each operator runs plain Python unless its condition (or iterated
value) is a symbolic tensor being traced, in which case it stages graph control flow with TF's checks."""
from . import staging
from .staging import StagingError  # noqa: F401  (part of ag__)
from .calls import converted_call  # noqa: F401  (part of ag__)


class Undefined:
    """The value of a variable that a converted statement may leave unassigned."""

    __slots__ = ("symbol_name",)

    def __init__(self, symbol_name):
        self.symbol_name = symbol_name

    def read(self):
        raise UnboundLocalError(f"'{self.symbol_name}' is used before assignment")

    def __repr__(self):
        return self.symbol_name


class UndefinedReturnValue:
    """The return value of a function before any return statement ran."""


def ld(v):
    """Loads a variable, raising UnboundLocalError if a converted statement left it undefined."""
    if v.__class__ is Undefined:
        return v.read()
    return v


def ldu(load, name):
    """The variable's value, or Undefined(name) where it is not bound yet."""
    try:
        return load()
    except NameError:
        return Undefined(name)


def ret(retval, do_return):
    """The function's result: None where no return statement ran."""
    return None if isinstance(retval, UndefinedReturnValue) else retval


def not_(a):
    if staging.is_symbolic(a):
        return staging.logical_not(a)
    return not a


def and_(a, b):
    """Lazy `a and b`: b runs only when a holds (a tf.cond when a is symbolic)."""
    a = a()
    if staging.is_symbolic(a):
        return staging.lazy_bool(a, b, True)
    return a and b()


def or_(a, b):
    """Lazy `a or b`."""
    a = a()
    if staging.is_symbolic(a):
        return staging.lazy_bool(a, b, False)
    return a or b()


def if_exp(cond, if_true, if_false, expr_repr):
    """`if_true() if cond else if_false()`, a tf.cond for a symbolic condition."""
    if staging.is_symbolic(cond):
        return staging.if_exp(cond, if_true, if_false, expr_repr)
    return if_true() if cond else if_false()


def if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts):
    """An if statement: a tf.cond over the state when `cond` is symbolic, else a Python if."""
    if staging.is_symbolic(cond):
        staging.if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts, (Undefined,
                        UndefinedReturnValue))
    elif cond:
        body()
    else:
        orelse()


def while_stmt(test, body, get_state, set_state, symbol_names, opts):
    """A while loop: a tf.while_loop when its first test is symbolic, else a Python loop."""
    first = test()
    if staging.is_symbolic(first):
        staging.while_stmt(test, body, get_state, set_state, symbol_names, opts, (Undefined, UndefinedReturnValue))
        return
    cond = first
    while _py_test(cond, _WHILE_CHANGED):
        body()
        cond = test()


def for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    """A for loop: a tf.while_loop over a symbolic tensor's first dimension, else a Python loop."""
    if staging.is_symbolic(iter_):
        staging.for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts,
                         (Undefined, UndefinedReturnValue))
        return
    if extra_test is None:
        for target in iter_:
            body(target)
        return
    if _py_test(extra_test(), _FOR_JUMP):
        for target in iter_:
            body(target)
            if not _py_test(extra_test(), _FOR_JUMP):
                break


_DOC = ("\nSee https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/autograph/g3doc/reference/"
        "limitations.md#consistency-of-control-flow-types for more info.")
_FOR_JUMP = ("break and return statements which depend on a TF condition are not supported in Python for loops. "
             "Did you intend to make it a TF loop?" + _DOC)
_WHILE_CHANGED = ("The condition of while loop started as non-Tensor, then changed to Tensor. This may happen either "
                  "because variables changed type, or when a break or return statement inside the loop depends on a "
                  "Tensor condition. In both cases, changing to a TF loop should remove the error." + _DOC)


def _py_test(value, message):
    if staging.is_symbolic(value):
        raise NotImplementedError(message)
    return value


def set_loop_options(parallel_iterations=None, swap_memory=None, maximum_iterations=None, shape_invariants=None):
    """`tf.autograph.experimental.set_loop_options`: read by the converter from a loop's first statement;
    a call that runs (unconverted code) does nothing."""
    del parallel_iterations, swap_memory, maximum_iterations, shape_invariants
