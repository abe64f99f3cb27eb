"""Graph control flow for converted code: an if or a loop over symbolic tensors becomes the graph's cond or
while over the statement's state, with AutoGraph's checks and error texts (TF's operators/control_flow.py)."""
from ..framework.tensor import Tensor
from ..util import nest


class StagingError(Exception):
    """AutoGraph's error for a failure while staging (tracing) converted code, e.g. endless recursion."""


_impl = {}


def is_symbolic(x):
    """True for a symbolic tensor of a graph being traced (False while graph mode is unavailable)."""
    f = _impl.get("is_symbolic")
    if f is None:
        try:
            from ..graph import is_symbolic as f
        except ImportError:
            def f(x):
                return False
        _impl["is_symbolic"] = f
    return f(x)


def _graph_cond(pred, true_fn, false_fn):
    from ..graph.control_flow import graph_cond
    return _as_list(graph_cond(pred, true_fn, false_fn))


def _graph_while(cond, body, loop_vars, shape_invariants):
    from ..graph.control_flow import graph_while
    return _as_list(graph_while(cond, body, loop_vars, shape_invariants=shape_invariants))


def _as_list(out):
    return list(out) if isinstance(out, (list, tuple)) else [out]


def _tensor(v):
    if isinstance(v, Tensor):
        return v
    from ..framework.convert import convert_to_tensor
    return convert_to_tensor(v)


def _flat_tensors(values):
    from ..ops.tensor_array import flows     # graph TensorArrays travel as their flows
    return [_tensor(t) for v in values for t in flows(nest.flatten(v))]


def _pack(structure, flat):
    from ..ops.tensor_array import with_flows
    if not structure:
        return ()
    return tuple(nest.pack_sequence_as(list(structure), with_flows(nest.flatten(list(structure)), flat)))


def logical_not(a):
    from ..ops.math_ops import logical_not as op
    return op(a)


def lazy_bool(a, b, is_and):
    """`a and b()` / `a or b()` for a symbolic `a`: a cond, so that b's ops run only when needed."""
    first = lambda: [_tensor(b())]  # noqa: E731
    keep = lambda: [a]  # noqa: E731
    return _graph_cond(a, first, keep)[0] if is_and else _graph_cond(a, keep, first)[0]


def if_exp(cond, if_true, if_false, expr_repr):
    cond = verify_condition(cond, f"if expression ({expr_repr})")
    out = {}

    def branch(fn, key):
        def run():
            out[key] = fn()
            return [_tensor(t) for t in nest.flatten(out[key])]
        return run
    flat = _graph_cond(cond, branch(if_true, 0), branch(if_false, 1))
    return nest.pack_sequence_as(out[0], flat)


def verify_condition(cond, tag):
    """A symbolic condition must be a bool scalar (or a one-element tensor), as TF's AutoGraph checks."""
    hint = "to check for None, use `is not None`"
    cond = _tensor(cond)
    if cond.dtype.name != "bool":
        raise ValueError(f"condition of {tag} expected to be `tf.bool` scalar, got {cond}; to use as boolean "
                         f"Tensor, use `tf.cast`; {hint}")
    shape = cond.shape
    if shape.rank == 0:
        return cond
    if shape.rank is not None:
        known = 1
        for d in shape.as_list():
            known *= d if d is not None else 1
        if known > 1:
            raise ValueError(f"condition of {tag} expected to be `tf.bool` scalar, got {cond}; {hint}")
    from ..ops.array_ops import reshape
    return reshape(cond, ())


# -- if ----------------------------------------------------------------------------------------------------------

def if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts, undefined):
    cond = verify_condition(cond, "if statement")
    init = get_state()
    results = {}

    def branch(fn, label, other):
        def run():
            set_state(init)
            fn()
            values = get_state()[:nouts]
            _verify_branch_vars(values, symbol_names, label, undefined)
            results[label] = values
            if other in results:
                main, alt = (values, results[other]) if label == "main" else (results[other], values)
                _verify_cond_vars(main, alt, symbol_names)
            return _flat_tensors(values) or [_tensor(0)]
        return run

    flat = _graph_cond(cond, branch(body, "main", "else"), branch(orelse, "else", "main"))
    final = _pack(results["main"], flat[:sum(len(nest.flatten(v)) for v in results["main"])]) if nouts else ()
    set_state(final + tuple(init[nouts:]))


def _verify_branch_vars(values, names, branch, undefined):
    undefined_var, undefined_return = undefined
    for name, value in zip(names, values):
        if isinstance(value, undefined_var):
            raise ValueError(f"'{name}' must also be initialized in the {branch} branch")
        if isinstance(value, undefined_return):
            raise ValueError(f"the {branch} branch must also have a return statement.")


def _verify_cond_vars(main, alt, names):
    for name, a, b in zip(names, main, alt):
        try:
            nest.assert_same_structure(a, b)
        except (ValueError, TypeError) as e:
            raise TypeError(f"'{name}' must have the same nested structure in the main and else branches:"
                            f"\n\n{e}") from e
        for x, y in zip(nest.flatten(a), nest.flatten(b)):
            if x is None:
                raise ValueError(f"'{name}' is None at the end of the main branch.")
            if y is None:
                raise ValueError(f"'{name}' is None at the end of the else branch.")
            x, y = _as_tensor_if_python(x), _as_tensor_if_python(y)
            if hasattr(x, "dtype") and hasattr(y, "dtype") and x.dtype != y.dtype:
                raise TypeError(f"'{name}' has dtype {x.dtype.name} in the main branch, but dtype {y.dtype.name} "
                                f"in the else branch")


def _as_tensor_if_python(v):
    return _tensor(v) if isinstance(v, (bool, int, float, str)) else v


# -- loops -------------------------------------------------------------------------------------------------------

def while_stmt(test, body, get_state, set_state, symbol_names, opts, undefined):
    init = tuple(get_state())
    nulls = _verify_init_vars(init, symbol_names, undefined)
    if nulls:
        return _while_defining(test, body, get_state, set_state, symbol_names, opts, undefined, init, nulls)
    _stage_while(test, body, get_state, set_state, symbol_names, init, _invariants(opts, init))


def _stage_while(test, body, get_state, set_state, symbol_names, init, invariants):
    def cond_fn(*flat):
        set_state(_pack(init, flat))
        return verify_condition(test(), "while loop")

    def body_fn(*flat):
        entry = _pack(init, flat)
        set_state(entry)
        body()
        exit_ = tuple(get_state())
        _verify_loop_vars(init, entry, exit_, symbol_names, invariants)
        return _flat_tensors(exit_)

    flat_invariants = [inv for v, inv in zip(init, invariants) for _ in nest.flatten(v)]
    out = _graph_while(cond_fn, body_fn, _flat_tensors(init), flat_invariants)
    set_state(_pack(init, out))


def _while_defining(test, body, get_state, set_state, symbol_names, opts, undefined, init, nulls):
    """A loop that first assigns some of its variables (TF's way): one iteration staged in a throwaway graph
    gives their dtypes and shapes, zeros of those enter the loop, and a run-time assert fails a call whose
    loop never iterates ('loop must iterate at least once to initialize ...')."""
    from ..debugging import Assert
    first = _first_iteration(body, get_state, set_state, init)
    init, invariants = list(init), _invariants(opts, init)
    for i in nulls:
        init[i], shape = _placeholder(first[i], symbol_names[i], undefined)
        if shape is not None:
            invariants[i] = shape
    count = [_tensor(0)]
    aug_get, aug_set = _with_counter(count, get_state, set_state)

    def aug_body():
        body()
        count[0] = count[0] + 1

    set_state(tuple(init))
    _stage_while(test, aug_body, aug_get, aug_set, ("<internal counter>",) + tuple(symbol_names),
                 (count[0],) + tuple(init), [None] + invariants)
    names = ", ".join(symbol_names[i] for i in nulls)
    Assert(count[0] > 0, [f"loop must iterate at least once to initialize {names}"])


def _with_counter(state, get_state, set_state):
    """get/set of a loop's state with an internal counter (`state[0]`) in front of the user's variables."""
    def get():
        return (state[0],) + tuple(get_state())

    def set_(values):
        state[0] = values[0]
        set_state(tuple(values[1:]))
    return get, set_


def _first_iteration(body, get_state, set_state, init):
    """The state after one iteration of `body`, staged in a child graph that is then dropped."""
    from ..framework.context import local
    from ..graph.graph import Graph
    with Graph(parent=local.graph, name="tmp").as_default():
        set_state(init)
        try:
            body()
            return tuple(get_state())
        finally:
            set_state(init)


def _placeholder(value, name, undefined):
    """TF's stand-in for a variable the loop defines: zeros of its first value's dtype and shape (unknown dims 0,
    with its shape as the invariant), or a Python scalar's zero."""
    from ..ops import array_ops
    if isinstance(value, (bool, int, float)):
        return type(value)(0), None
    if not isinstance(value, Tensor) or isinstance(value, undefined):
        raise ValueError(f"'{name}' must be defined before the loop.")
    dims = value.shape.as_list() if value.shape.rank is not None else []
    known = [0 if d is None else d for d in dims]
    return array_ops.zeros(known, value.dtype), (value.shape if known != dims else None)


def _verify_init_vars(init, names, undefined):
    """TF's checks of the loop variables on entry; the indices of those not defined yet."""
    undefined_var, undefined_return = undefined
    nulls = []
    for i, (name, value) in enumerate(zip(names, init)):
        if isinstance(value, undefined_return):
            raise NotImplementedError("a return statement cannot be placed inside this TensorFlow loop; this may "
                                      "happen if a return statement depends on a static Python condition such as "
                                      "a hyperparameter")
        if value is None:
            raise ValueError(f"'{name}' is not allowed to be None before the loop")
        if isinstance(value, undefined_var):
            nulls.append(i)
    return nulls


def _invariants(opts, init):
    by_id = {id(v): shape for v, shape in opts.get("shape_invariants", ())}
    from ..framework.tensor_shape import TensorShape
    return [None if by_id.get(id(v)) is None else TensorShape(by_id[id(v)]) for v in init]


def _is_subshape(left, right):
    if right.rank is None:
        return True
    if left.rank != right.rank:
        return False
    return all(r is None or l == r for l, r in zip(left.as_list(), right.as_list()))


def _verify_loop_vars(init, entry, exit_, names, invariants):
    for name, first, before, after, invariant in zip(names, init, entry, exit_, invariants):
        if after is None:
            raise ValueError(f"'{name}' is None at the end of the iteration.")
        try:
            nest.assert_same_structure(before, after)
        except (ValueError, TypeError) as e:
            raise TypeError(f"'{name}' does not have the same nested structure after one iteration.\n\n{e}") from e
        for f, b, a in zip(nest.flatten(first), nest.flatten(before), nest.flatten(after)):
            f, b, a = (_as_tensor_if_python(v) for v in (f, b, a))
            if not (hasattr(b, "shape") and hasattr(a, "shape")):   # e.g. TensorArrays
                continue
            if b.dtype != a.dtype:
                raise TypeError(f"'{name}' has dtype {b.dtype.name} before the loop, but dtype {a.dtype.name} after "
                                f"one iteration")
            if invariant is None:
                if not _is_subshape(a.shape, b.shape):
                    raise ValueError(f"'{name}' has shape {b.shape} before the loop, but shape {a.shape} after one "
                                     f"iteration. Use tf.autograph.experimental.set_loop_options to set shape "
                                     f"invariants.")
            elif not _is_subshape(f.shape, invariant):
                raise ValueError(f"'{name}' has shape {f.shape} before the loop, which does not conform with the "
                                 f"shape invariant {invariant}.")
            elif not _is_subshape(a.shape, invariant):
                raise ValueError(f"'{name}' has shape {a.shape} after one iteration, which does not conform with "
                                 f"the shape invariant {invariant}.")


_RANGES = {}   # id(symbolic tf.range result) -> (result, start, limit, delta), the last few only


def note_range(result, start, limit, delta):
    """Remembers how a symbolic tf.range was made, so that a for loop over it counts instead of indexing."""
    if len(_RANGES) > 32:
        _RANGES.clear()
    _RANGES[id(result)] = (result, start, limit, delta)


def for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts, undefined):
    from ..ops import array_ops, math_ops
    known = _RANGES.get(id(iter_))
    if known is not None and known[0] is iter_:
        _, start, limit, delta = known
        element = lambda i: i  # noqa: E731
    else:
        start, limit, delta = 0, array_ops.shape(iter_)[0], 1
        element = lambda i: array_ops.gather(iter_, i)  # noqa: E731
    state = [_tensor(start)]
    aug_get, aug_set = _with_counter(state, get_state, set_state)

    def aug_body():
        i = state[0]
        body(element(i))
        state[0] = i + delta

    def aug_test():
        i = state[0]
        if isinstance(delta, (int, float)):
            main = i < limit if delta >= 0 else i > limit
        else:
            main = math_ops.logical_or(math_ops.logical_and(delta >= 0, i < limit),
                                       math_ops.logical_and(delta < 0, i > limit))
        if extra_test is not None:
            main = math_ops.logical_and(main, _tensor(extra_test()))
        return main

    while_stmt(aug_test, aug_body, aug_get, aug_set, ("<internal iterate>",) + tuple(symbol_names), opts, undefined)
