"""Control flow: tf.cond, case, switch_case, while_loop, map_fn, scan, foldl, foldr, vectorized_map.

Eagerly these are plain Python calls with TF's argument checks and error texts; while tracing they build the
graph's cond and while nodes (tfcompat.graph.control_flow). map_fn, scan and the folds are written as TF writes
them (TensorArrays driven by while_loop), so they keep TF's dtype rules in both modes.
"""
from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import Tensor, is_tensor_like
from ..framework.tensor_shape import TensorShape
from ..util import nest
from ..util.export import tf_export
from . import array_ops, math_ops
from .logging_ops import graph_module
from .tensor_array import TensorArray, flows, list_reserve, list_set_item, list_stack, with_flows

__all__ = ["cond", "case", "switch_case", "while_loop", "map_fn", "scan", "foldl", "foldr", "vectorized_map"]


def _tracing():
    graph = graph_module()
    return graph is not None and graph.tracing()


# ---- tf.cond, tf.case, tf.switch_case ------------------------------------------------------------------------

@tf_export("cond")
def cond(pred, true_fn=None, false_fn=None, name=None):
    """Calls `true_fn()` if `pred` is true, else `false_fn()`; eagerly the result is returned unconverted."""
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    if _tracing():
        return _graph_cond(pred, true_fn, false_fn)
    value = convert_to_tensor(pred)._numpy()
    return true_fn() if value else false_fn()  # numpy truthiness, as TF (its errors for vectors and empties)


@tf_export("case")
def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """Runs the function of the first true predicate (all checked if `exclusive`), else `default`.

    As TF: without a default the last pair becomes the default, which asserts that its predicate holds.
    """
    predicates, actions = _case_pairs(pred_fn_pairs, exclusive)
    if default is None:
        default = _last_pair_default(predicates, actions[-1])
        predicates, actions = predicates[:-1], actions[:-1]
    if exclusive:
        _assert_at_most_one(predicates)
    for predicate, action in zip(predicates, actions):
        if predicate._numpy():
            return action()
    return default()


def _last_pair_default(predicates, action):
    def default():
        if not predicates[-1]._numpy():
            raise InvalidArgumentError(
                None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: "
                "b'Input error: None of conditions evaluated as True:'\n" + _bools(predicates))
        return action()
    return default


def _bools(predicates):
    return ", ".join(str(bool(p._numpy())) for p in predicates)


def _graph_cond(pred, true_fn, false_fn):
    """tf.cond while tracing: both branches traced once (true first), outputs converted and checked as TF."""
    from ..graph.control_flow import graph_cond
    if isinstance(pred, bool):
        raise TypeError("pred must not be a Python bool", pred)
    pred = convert_to_tensor(pred)
    if pred.dtype is not _dt.bool_:
        raise InvalidArgumentError(None, None, f"Input 'pred' passed {pred.dtype.name} expected bool while building "
                                   "NodeDef 'cond/switch_pred/_2' using Op<name=Switch>")
    if pred.shape.rank not in (None, 0):
        dims = ",".join("?" if d is None else str(d) for d in pred.shape.as_list())
        raise InvalidArgumentError(None, None, f"The second input must be a scalar, but it has shape [{dims}]")
    outputs = []

    def branch(fn):
        def run():
            out = fn()
            flat = [_symbolic(convert_to_tensor(x)) for x in flows(nest.flatten(out))]
            if outputs:
                _check_branches(outputs[0], out)
            outputs.append(out)
            return flat
        return run

    flat = graph_cond(pred, branch(true_fn), branch(false_fn))
    return nest.pack_sequence_as(outputs[0], with_flows(nest.flatten(outputs[0]), flat))


def _symbolic(t):
    """A branch output as a node of the branch graph (a constant is passed through identity)."""
    return t if graph_module().is_symbolic(t) else array_ops.identity(t)


def _check_branches(true_out, false_out):
    if len(nest.flatten(true_out)) != len(nest.flatten(false_out)):
        raise AssertionError(str([len(nest.flatten(true_out)), len(nest.flatten(false_out))]))
    try:
        assert_same_structure(true_out, false_out)
    except (TypeError, ValueError) as e:
        raise TypeError("true_fn and false_fn arguments to tf.cond must have the same number, type, and overall "
                        f"structure of return values.\n\ntrue_fn output: {true_out}\nfalse_fn output: {false_out}"
                        f"\n\nError details:\n{e}") from None


def _case_pairs(pred_fn_pairs, exclusive):
    if not isinstance(pred_fn_pairs, (list, tuple, dict)):
        raise TypeError(f"'pred_fn_pairs' must be a list, tuple, or dict. Received: {type(pred_fn_pairs)}")
    if isinstance(pred_fn_pairs, dict):
        if not exclusive:
            raise ValueError("Unordered dictionaries are not supported for the 'pred_fn_pairs' argument when "
                             "`exclusive=False` and eager mode is enabled.")
        pred_fn_pairs = list(pred_fn_pairs.items())
    for pair in pred_fn_pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'pred_fn_pairs' must be a 2-tuple. Received {pair}.")
        pred, fn = pair
        if isinstance(pred, Tensor):
            if pred.dtype != _dt.bool_:
                raise TypeError("pred must be Tensor of type bool: %s" % pred.name)
        else:
            raise TypeError("pred must be a Tensor, got: %s" % pred)
        if not callable(fn):
            raise TypeError("fn for pred %s must be callable." % pred.name)
    predicates, actions = zip(*pred_fn_pairs)
    return predicates, actions


def _assert_at_most_one(predicates):
    if sum(bool(p._numpy()) for p in predicates) > 1:
        names = ", ".join("?" for _ in predicates)
        raise InvalidArgumentError(None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                                   f"Summarized data: b'Input error: exclusive=True: more than 1 conditions "
                                   f"({names}) evaluated as True:'\n" + _bools(predicates))


@tf_export("switch_case")
def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    """Runs `branch_fns[branch_index]`; an index out of range runs `default`, or the last branch."""
    if not isinstance(branch_index, Tensor):
        raise TypeError("'branch_index' must be a Tensor, got {}".format(type(branch_index)))
    if not branch_index.dtype.is_integer:
        raise TypeError("'branch_index' must be an integer Tensor, got {}".format(branch_index.dtype))
    if not branch_fns:
        raise ValueError("Must provide at least one item in 'branch_fns'")
    if not isinstance(branch_fns, (list, tuple, dict)):
        raise TypeError("'branch_fns' must be a list, tuple, or dict")
    if isinstance(branch_fns, dict):
        branch_fns = branch_fns.items()
    if all(callable(fn) for fn in branch_fns):
        branch_fns = list(enumerate(branch_fns))
    for pair in branch_fns:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'branch_fns' must be a 2-tuple. Received {pair}.")
        key, fn = pair
        if not isinstance(key, int):
            raise TypeError("key must be a Python `int`, got {}".format(type(key)))
        if not callable(fn):
            raise TypeError("fn for key {} must be callable.".format(key))
    keys = [p[0] for p in branch_fns]
    if min(keys) < 0 or max(keys) >= len(keys) or len(set(keys)) != len(keys):
        raise ValueError("branch indices (keys) must form contiguous range of [0 to {}) but found {{{}}}".format(
            len(keys), ",".join(map(str, sorted(keys)))))
    actions = [p[1] for p in sorted(branch_fns, key=lambda p: p[0])]
    if default is not None:
        actions.append(default)
    if _tracing():
        return _graph_switch(branch_index, actions)
    last = len(actions) - 1
    outside = math_ops.logical_or(math_ops.less(branch_index, 0), math_ops.greater_equal(branch_index, last + 1))
    return actions[int(array_ops.where(outside, last, branch_index))]()


def _graph_switch(index, actions):
    """switch_case while tracing: a chain of graph conds; every branch is traced once, in order."""
    from ..graph.control_flow import graph_cond
    if index.dtype is not _dt.int32:
        raise TypeError(f"Input 'branch_index' of 'StatelessCase' Op has type {index.dtype.name} that does not "
                        "match expected type of int32.")
    last = len(actions) - 1
    index = array_ops.where(math_ops.logical_or(index < 0, index > last), last, index)
    outputs = []

    def branch(k):
        def run():
            out = actions[k]()
            flat = [_symbolic(convert_to_tensor(x)) for x in flows(nest.flatten(out))]
            if outputs:
                _check_switch_branches(outputs[0], out, flat, k)
            outputs.append((out, flat))
            return flat
        return run

    def chain(k):
        if k == last:
            return branch(k)
        return lambda: list(graph_cond(math_ops.equal(index, k), branch(k), chain(k + 1)))

    flat = chain(0)()
    return nest.pack_sequence_as(outputs[0][0], with_flows(nest.flatten(outputs[0][0]), flat))


def _check_switch_branches(first, out, flat, k):
    """TF's check that branch k's outputs match branch 0's in structure and dtypes."""
    problem = _difference(first[0], out)
    if problem is None and [t.dtype for t in first[1]] != [t.dtype for t in flat]:
        problem = (TypeError, "The outputs have different types")
    if problem is not None:
        raise TypeError(f"branches[0] and branches[{k}] arguments to tf.switch_case must have the same number, "
                        f"type, and overall structure of return values.\n\nbranches[0] output: {first[0]}\n"
                        f"branches[{k}] output: {out}\n\nError details:\n{problem[1]}")


# ---- tf.while_loop ------------------------------------------------------------------------------------------

@tf_export("while_loop")
def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True,
               swap_memory=False, maximum_iterations=None, name=None):
    """Repeats `loop_vars = body(*loop_vars)` while `cond(*loop_vars)`; eagerly a Python loop (TF 2 API)."""
    return _while_loop(cond, body, loop_vars, parallel_iterations, maximum_iterations, return_same_structure=True,
                       shape_invariants=shape_invariants)


def _while_loop(cond, body, loop_vars, parallel_iterations=10, maximum_iterations=None,
                return_same_structure=False, shape_invariants=None):
    """TF's while_loop (return_same_structure=False is the v1 form that map_fn, scan and the folds use)."""
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
    loop_vars = nest.map_structure(_read_variable, loop_vars)
    if _tracing():
        return _graph_while(cond, body, loop_vars, shape_invariants, maximum_iterations)
    if not loop_vars:
        raise ValueError("'loop_vars' must be provided.")
    try_to_pack = len(loop_vars) == 1 and not return_same_structure
    if maximum_iterations is not None:
        limit = convert_to_tensor(maximum_iterations)
        if limit.shape.rank != 0:
            raise ValueError(f"'maximum_iterations' must be a scalar. Received shape: {limit.shape}")
        limit = int(limit.numpy())
        user_cond, user_body = cond, body
        if try_to_pack:
            loop_vars = (0, loop_vars[0])
            cond = lambda i, lv: math_ops.logical_and(i < limit, user_cond(lv))  # noqa: E731
            body = lambda i, lv: (i + 1, user_body(lv))  # noqa: E731
        else:
            loop_vars = (0, loop_vars)
            cond = lambda i, lv: math_ops.logical_and(i < limit, user_cond(*lv))  # noqa: E731
            body = lambda i, lv: (i + 1, user_body(*lv))  # noqa: E731
        try_to_pack = False
    packed = False
    initial = list(loop_vars)
    while cond(*loop_vars):
        loop_vars = body(*loop_vars)
        if try_to_pack and not isinstance(loop_vars, (list, tuple)):
            packed = True
            loop_vars = (loop_vars,)
        assert_same_structure(initial, list(loop_vars), spec_first=True)
    loop_vars = nest.map_structure(lambda x: x if isinstance(x, TensorArray) else convert_to_tensor(x), loop_vars)
    if maximum_iterations is not None:
        return loop_vars[1]
    return loop_vars[0] if packed else loop_vars


def _graph_while(cond, body, loop_vars, shape_invariants, maximum_iterations):
    """tf.while_loop while tracing: cond and body traced once; the result keeps loop_vars' container."""
    from ..graph.control_flow import graph_while
    structure = loop_vars
    templates = nest.flatten(structure)     # graph TensorArrays travel as their flows
    flat = [convert_to_tensor(x) for x in flows(templates)]
    invariants = [None] * len(flat) if shape_invariants is None else list(nest.flatten(shape_invariants))
    counted = maximum_iterations is not None
    if counted:
        limit = convert_to_tensor(maximum_iterations)
        flat, invariants = [convert_to_tensor(0, limit.dtype)] + flat, [None] + invariants

    def unpack(values):
        return nest.pack_sequence_as(structure, with_flows(templates, values[1:] if counted else values))

    def loop_cond(*values):
        out = convert_to_tensor(cond(*unpack(values)))
        if out.dtype is not _dt.bool_:
            raise InvalidArgumentError(None, None, f"Input 'input' passed {out.dtype.name} expected bool while "
                                       "building NodeDef 'while/LoopCond/_8' using Op<name=LoopCond>")
        return math_ops.logical_and(values[0] < limit, out) if counted else out

    def loop_body(*values):
        out = body(*unpack(values))
        if len(structure) == 1 and not isinstance(out, (list, tuple)):
            out = [out]
        problem = _difference(list(structure), list(out)) if nest.is_nested(out) else (ValueError, "")
        if problem is not None:
            raise ValueError("The two structures don't have the same nested structure.\n\nFirst structure: "
                             f"{_describe(structure)}\n\nSecond structure: {_describe(out)}\n\nMore "
                             f"specifically: {problem[1]}")
        templates[:] = nest.flatten(out)     # the arrays leave the loop with the body's element shapes
        flat_out = [convert_to_tensor(x) for x in flows(templates)]
        return ([values[0] + 1] if counted else []) + flat_out

    result = graph_while(loop_cond, loop_body, flat, [None if s is None else TensorShape(s) for s in invariants])
    return unpack(list(result))


def _read_variable(x):
    return convert_to_tensor(x) if is_tensor_like(x) and not isinstance(x, Tensor) else x


# ---- TF's nest.assert_same_structure (with check_types) and its error texts --------------------------------

def assert_same_structure(first, second, spec_first=False):
    """Raises TF's ValueError/TypeError when the nested structures differ (sequence types must match)."""
    if _difference(first, second) is None:
        return
    shown = _as_specs(first) if spec_first else first
    cls, detail = _difference(shown, second)
    raise cls("The two structures don't have the same nested structure.\n\n"
              f"First structure: {_describe(shown)}\n\nSecond structure: {_describe(second)}\n\n"
              f"More specifically: {detail}\nEntire first structure:\n{_dots(first)}\n"
              f"Entire second structure:\n{_dots(second)}")


def _difference(a, b):
    seq_a, seq_b = nest.is_nested(a), nest.is_nested(b)
    if seq_a != seq_b:
        seq, other = (a, b) if seq_a else (b, a)
        return ValueError, f'Substructure "{_describe(seq)}" is a sequence, while substructure ' \
                           f'"{_describe(other)}" is not'
    if not seq_a:
        return None
    if isinstance(a, dict) != isinstance(b, dict) or (type(a) is not type(b) and not (
            isinstance(a, dict) and isinstance(b, dict))):
        return TypeError, (f"The two namedtuples don't have the same sequence type. First structure "
                           f"{_describe(a)} has type {type(a).__name__}, while second structure "
                           f"{_describe(b)} has type {type(b).__name__}")
    if isinstance(a, dict):
        if set(a) != set(b):
            return ValueError, (f"The two dictionaries don't have the same set of keys. First structure has keys "
                                f"type=list str={sorted(a)}, while second structure has keys type=list "
                                f"str={sorted(b)}")
        pairs = [(a[k], b[k]) for k in sorted(a)]
    else:
        if len(a) != len(b):
            return ValueError, (f"The two structures don't have the same number of elements. First structure: "
                                f"{_describe(a)}. Second structure: {_describe(b)}")
        pairs = zip(a, b)
    for x, y in pairs:
        problem = _difference(x, y)
        if problem is not None:
            return problem
    return None


class _Spec:
    """Stands for a value's TensorSpec in error texts (TF prints the loop's type specs)."""

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        try:
            t = convert_to_tensor(self.value)
        except (TypeError, ValueError):
            return repr(self.value)
        return f"TensorSpec(shape={t.shape}, dtype=tf.{t.dtype.name}, name=None)"

    __str__ = __repr__


def _as_specs(structure):
    return nest.map_structure(lambda x: x if isinstance(x, TensorArray) else _Spec(x), structure)


def _describe(x):
    kind = "TensorSpec" if isinstance(x, _Spec) else type(x).__name__
    return f"type={kind} str={x!s}"


def _dots(x):
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k!r}: {_dots(v)}" for k, v in x.items()) + "}"
    if isinstance(x, (list, tuple)):
        inner = [_dots(v) for v in x]
        if isinstance(x, list):
            return "[" + ", ".join(inner) + "]"
        return "(" + ", ".join(inner) + ("," if len(inner) == 1 else "") + ")"
    return "."


# ---- tf.map_fn, tf.vectorized_map ---------------------------------------------------------------------------

@tf_export("map_fn")
def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False, infer_shape=True,
           name=None, fn_output_signature=None):
    """Applies `fn` to each slice of `elems` along axis 0 and stacks the results."""
    if fn_output_signature is None:
        fn_output_signature = dtype
    if not callable(fn):
        raise TypeError(f"The provided function {fn.__name__} is not callable.fn must be callable.")
    elems = nest.map_structure(_read_variable, elems)
    elems_flat = nest.flatten(elems)
    if len(elems_flat) == 0:
        raise ValueError("elems must be a Tensor or (possibly nested) sequence of Tensors. Got {}, which does "
                         "not contain any Tensors.".format(elems))
    if fn_output_signature is None:
        result_specs = [(TensorShape(None), convert_to_tensor(e).dtype) for e in elems_flat]
        result_structure = elems
    else:
        result_specs = [_spec(s) for s in nest.flatten(fn_output_signature)]
        result_structure = fn_output_signature
    elems_flat = [convert_to_tensor(e) for e in elems_flat]
    if elems_flat[0].shape.rank is not None and elems_flat[0].shape.rank < 1:
        raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    n = _runtime_dim(elems_flat[0], _leading_dim(elems_flat))
    elems_ta = [TensorArray(t.dtype, size=n, infer_shape=True).unstack(t) for t in elems_flat]
    result_ta = [TensorArray(d, size=n, infer_shape=infer_shape, element_shape=s) for s, d in result_specs]

    def compute(i, tas):
        value = nest.pack_sequence_as(elems, [ta.read(i) for ta in elems_ta])
        result = fn(value)
        assert_same_structure(fn_output_signature or elems, result)
        return i + 1, [ta.write(i, v) for ta, v in zip(tas, nest.flatten(result))]

    _, tas = _while_loop(lambda i, _: i < n, compute, (0, result_ta), maximum_iterations=n)
    return nest.pack_sequence_as(result_structure, [ta.stack() for ta in tas])


def _spec(signature):
    """(shape, dtype) of an fn_output_signature leaf: a dtype or a TensorSpec."""
    if "Ragged" in type(signature).__name__:
        raise NotImplementedError("tf.map_fn with a RaggedTensorSpec output is not implemented yet in tfcompat")
    if hasattr(signature, "shape") and hasattr(signature, "dtype"):
        return TensorShape(signature.shape), _dt.as_dtype(signature.dtype)
    try:
        return TensorShape(None), _dt.as_dtype(signature)
    except TypeError:
        raise TypeError("map_fn can not generate %s outputs" % (signature,)) from None


def _runtime_dim(t, static):
    """The size of axis 0: static when known, else a tensor (the shape when the graph runs)."""
    return static if static is not None else array_ops.shape(t)[0]


def _leading_dim(elems_flat):
    """The common size of axis 0 (TF's 'Dimensions a and b are not compatible' ValueError otherwise)."""
    n = elems_flat[0].shape[0]
    for t in elems_flat[1:]:
        if None not in (n, t.shape[0]) and t.shape[0] != n:
            raise ValueError(f"Dimensions {n} and {t.shape[0]} are not compatible")
    return n


@tf_export("vectorized_map")
def vectorized_map(fn, elems, fallback_to_while_loop=True, warn=True):
    """`fn` over axis 0 of `elems`, stacked; run as a loop over the slices (TF's while-loop fallback)."""
    elems = nest.map_structure(lambda e: convert_to_tensor(_read_variable(e)), elems)
    flat = nest.flatten(elems)
    n = _leading_dim(flat)
    if _tracing():
        return _graph_vectorized_map(fn, elems, flat, n)
    if n == 0:
        return map_fn(fn, elems)
    outputs = [fn(nest.pack_sequence_as(elems, [t[i] for t in flat])) for i in range(n)]
    return nest.map_structure(lambda *parts: array_ops.stack(parts), *outputs)


def _graph_vectorized_map(fn, elems, flat, n_static):
    """vectorized_map while tracing: `fn` traced once (as TF's), in a loop that writes each iteration's outputs
    together as one element of a list, stacked part by part afterwards."""
    n = _runtime_dim(flat[0], n_static)
    elems_ta = [TensorArray(t.dtype, size=n).unstack(t) for t in flat]
    traced = []

    def body(i, results):
        out = fn(nest.pack_sequence_as(elems, [ta.read(i) for ta in elems_ta]))
        leaves = [convert_to_tensor(x) for x in nest.flatten(out)]
        traced[:] = [out, leaves]
        return i + 1, list_set_item(results, i, leaves)

    _, results = _while_loop(lambda i, _: i < n, body, (0, list_reserve(n)))
    out, leaves = traced
    parts = [list_stack(results, t.dtype, t.shape, n_static, component=k if len(leaves) > 1 else -1)
             for k, t in enumerate(leaves)]
    return nest.pack_sequence_as(out, parts)


# ---- tf.scan, tf.foldl, tf.foldr ----------------------------------------------------------------------------

@tf_export("scan")
def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
         infer_shape=True, reverse=False, name=None):
    """Running `a = fn(a, e)` over axis 0 of `elems`, every accumulator stacked (from the end if `reverse`)."""
    if not callable(fn):
        raise TypeError(f"{fn.__name__} is not callable. Please provide a callable function.")
    in_nested = nest.is_nested(elems)
    in_pack = (lambda x: nest.pack_sequence_as(elems, x)) if in_nested else (lambda x: x[0])
    structure = elems if initializer is None else initializer
    out_nested = nest.is_nested(structure)
    out_flatten = (lambda x: nest.flatten(x)) if out_nested else (lambda x: [x])
    out_pack = (lambda x: nest.pack_sequence_as(structure, x)) if out_nested else (lambda x: x[0])
    elems_flat = [convert_to_tensor(e) for e in (nest.flatten(elems) if in_nested else [elems])]
    n = _runtime_dim(elems_flat[0], elems_flat[0].shape[0])
    elems_ta = [TensorArray(e.dtype, size=n, element_shape=e.shape[1:], infer_shape=True).unstack(e)
                for e in elems_flat]
    if initializer is None:
        a_flat = [ta.read(n - 1 if reverse else 0) for ta in elems_ta]
        start = 1
    else:
        a_flat = [convert_to_tensor(a) for a in out_flatten(initializer)]
        start = 0
    accs = [TensorArray(a.dtype, size=n, element_shape=a.shape if infer_shape else None, infer_shape=infer_shape)
            for a in a_flat]
    if initializer is None:
        accs = [ta.write(n - 1 if reverse else 0, a) for ta, a in zip(accs, a_flat)]

    def compute(i, a_flat, tas):
        a_out = fn(out_pack(a_flat), in_pack([ta.read(i) for ta in elems_ta]))
        assert_same_structure(structure, a_out)
        flat_out = out_flatten(a_out)
        tas = [ta.write(i, v) for ta, v in zip(tas, flat_out)]
        return (i - 1 if reverse else i + 1), flat_out, tas

    if reverse:
        first, condition = n - 1 - start, (lambda i, _1, _2: i >= 0)
    else:
        first, condition = start, (lambda i, _1, _2: i < n)
    _, _, tas = _while_loop(condition, compute, (first, a_flat, accs), maximum_iterations=n)
    return out_pack([ta.stack() for ta in tas])


@tf_export("foldl")
def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, name=None):
    """`a = fn(a, e)` over axis 0 of `elems` from the front; the first element starts `a` without initializer."""
    return _fold(fn, elems, initializer, reverse=False)


@tf_export("foldr")
def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, name=None):
    """`a = fn(a, e)` over axis 0 of `elems` from the back; the last element starts `a` without initializer."""
    return _fold(fn, elems, initializer, reverse=True)


def _fold(fn, elems, initializer, reverse):
    if not callable(fn):
        raise TypeError(f"{fn.__name__} is not callable. Please provide a callable function.")
    first = convert_to_tensor(nest.flatten(elems)[0])
    n = _runtime_dim(first, first.shape[0])
    elems_ta = nest.map_structure(
        lambda e: TensorArray(convert_to_tensor(e).dtype, size=n, infer_shape=True).unstack(e), elems)

    def read(i):
        return nest.map_structure(lambda ta: ta.read(i), elems_ta)

    if reverse:
        i, a = (n - 1, read(n - 1)) if initializer is None else (n, initializer)

        def compute(i, a):
            return [i - 1, fn(a, read(i - 1))]
        condition = lambda i, a: i > 0  # noqa: E731
    else:
        i, a = (1, read(0)) if initializer is None else (0, initializer)

        def compute(i, a):
            return [i + 1, fn(a, read(i))]
        condition = lambda i, a: i < n  # noqa: E731
    _, result = _while_loop(condition, compute, [i, a], maximum_iterations=n)
    return result

