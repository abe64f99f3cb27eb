"""Graph control flow: tf.cond and tf.while_loop inside a trace, as single nodes holding the compiled
branch and loop-body graphs (both branches and the body are traced once; the executor runs them)."""
from ..framework import dtypes as _dt
from ..framework.context import local
from ..framework.convert import convert_to_tensor
from ..framework.op import Op
from ..framework.tensor import EagerTensor, Tensor
from ..framework.tensor_shape import TensorShape
from .executor import Plan
from .graph import Graph
from .symbolic import SymbolicTensor

__all__ = ["graph_cond", "graph_while"]


def _as_tensor(x):
    return x if isinstance(x, Tensor) else convert_to_tensor(x)


def _subgraph(parent, prefix, fn, inputs, shapes):
    """Traces `fn` on placeholders standing for `inputs` (with static `shapes`) in a child graph of `parent`."""
    g = Graph(parent=parent, name=prefix)
    with g.as_default():
        phs = [g.placeholder(t._dtype, s, t._data, None) for t, s in zip(inputs, shapes)]
        outs = fn(*phs)
        outs = [g.capture(_as_tensor(o)) for o in outs]
    return g, phs, outs


def _captures(*graphs):
    """The outer tensors the subgraphs capture (union, in first-use order) and each graph's indices into it."""
    outer, index = [], {}
    for g in graphs:
        for key, (o, _) in g.captures.items():
            if key not in index:
                index[key] = len(outer)
                outer.append(o)
    return outer, [[index[k] for k in g.captures] for g in graphs]


def _inner(g):
    return [inner for _, inner in g.captures.values()]


def _merge(a, b):
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


def _stateful(*graphs):
    return any(op.stateful for g in graphs for op in g.operations)


def _unpack(out, n):
    return out[0] if n == 1 else out


def graph_cond(pred, true_fn, false_fn):
    """Records a cond: `true_fn()`/`false_fn()` return flat lists of tensors of matching dtypes; returns the
    flat list of results (static shapes merged across the branches)."""
    parent = local.graph
    pred = parent.capture(_as_tensor(pred))
    prefix = parent.unique_name("cond")
    tg, _, t_outs = _subgraph(parent, prefix, lambda: true_fn(), [], [])
    fg, _, f_outs = _subgraph(parent, prefix, lambda: false_fn(), [], [])
    if len(t_outs) != len(f_outs) or any(a._dtype is not b._dtype for a, b in zip(t_outs, f_outs)):
        raise TypeError("true_fn and false_fn arguments to tf.cond must have the same number, type, and overall "
                        "structure of return values.")
    outer, (t_idx, f_idx) = _captures(tg, fg)
    t_plan, f_plan = Plan(tg, _inner(tg), t_outs), Plan(fg, _inner(fg), f_outs)
    n = len(t_outs)

    def run(p, *vals):
        if p:
            return _unpack(t_plan(*[vals[i] for i in t_idx]), n)
        return _unpack(f_plan(*[vals[i] for i in f_idx]), n)

    def call(p, *vals):
        if type(p) is SymbolicTensor:
            return _unpack(tuple(graph_cond(p, lambda: t_plan.interpret([vals[i] for i in t_idx]),
                                            lambda: f_plan.interpret([vals[i] for i in f_idx]))), n)
        if p._numpy():
            return _unpack(tuple(t_plan.interpret([vals[i] for i in t_idx])), n)
        return _unpack(tuple(f_plan.interpret([vals[i] for i in f_idx])), n)

    chosen = t_outs if _truth(pred) else f_outs
    outs = parent.add("If", "py", [pred] + outer, [t._dtype for t in t_outs], [(t._data, None) for t in chosen],
                      shapes=[_merge(a.shape, b.shape) for a, b in zip(t_outs, f_outs)], name=prefix, named=True,
                      run=run, call=call, stateful=_stateful(tg, fg))
    if local.tapes and local.recording and outs:
        variables = _variables_read(tg, fg)
        _record_on_tapes(_COND, [pred] + outer + [v._read() for v in variables], outs,
                         {"branches": ((t_plan, t_idx), (f_plan, f_idx)), "variables": variables})
    return outs


def _variables_read(*graphs):
    """The variables the subgraphs read: a tape entry for the node takes a read of each as an input, so tapes
    that watch them connect through the node."""
    out = []
    for g in graphs:
        for v in g.variables_read:
            if not any(v is w for w in out):
                out.append(v)
    return out


def _record_on_tapes(op, inputs, outs, attrs):
    from ..framework.op import _recorder
    _recorder()(op, inputs, tuple(outs) if len(outs) > 1 else outs[0], attrs)


def _cond_grad(entry, *dys):
    """A cond's gradient (for tapes inside a traced function): a cond over the branches' gradients, each
    branch replayed under a tape in its own branch graph. Captured inputs a branch ignores get zeros."""
    from ..autodiff.tape import GradientTape, UnconnectedGradients
    from ..ops.array_ops import zeros_like
    variables = entry.attrs["variables"]
    pred, caps = entry.inputs[0], entry.inputs[1:len(entry.inputs) - len(variables)]
    reads = entry.inputs[len(entry.inputs) - len(variables):]
    dys = [zeros_like(o) if d is None else d for o, d in zip(entry.outputs, dys)]
    wanted = [c._dtype.is_floating or c._dtype.is_complex for c in caps + reads]
    slot = {i: n for n, i in enumerate(i for i, w in enumerate(wanted) if w)}

    def branch(plan, idx):
        def fn():
            g = local.graph
            inner = [g.capture(caps[i]) for i in idx]
            with GradientTape(persistent=True) as tape:
                for t in inner:
                    tape.watch(t)
                for v in variables:
                    tape.watch(v)
                outs = plan.interpret(inner)
            grads = tape.gradient(outs, inner + list(variables), output_gradients=[g.capture(d) for d in dys],
                                  unconnected_gradients=UnconnectedGradients.ZERO)
            full = [zeros_like(c) for c, w in zip(caps + reads, wanted) if w]
            for i, gr in zip(list(idx) + [len(caps) + k for k in range(len(variables))], grads):
                if wanted[i] and gr is not None:
                    full[slot[i]] = full[slot[i]] + gr
            return full
        return fn

    (t_plan, t_idx), (f_plan, f_idx) = entry.attrs["branches"]
    grads = iter(graph_cond(pred, branch(t_plan, t_idx), branch(f_plan, f_idx)) if any(wanted) else [])
    return [None] + [next(grads) if w else None for w in wanted]


def _while_grad(entry, *dys):
    raise NotImplementedError("Gradients through tf.while_loop recorded by a GradientTape inside a tf.function "
                              "are not implemented yet in tfcompat (a tape outside the tf.function call works)")


def _truth(pred):
    try:
        return bool(EagerTensor(pred._data, pred._dtype)._numpy())
    except Exception:
        return True


def _loop_error(i, before, after):
    raise ValueError(f"Input tensor 'Placeholder_{i}:0' enters the loop with shape {before}, but has shape {after} "
                     "after one iteration. To allow the shape to vary across iterations, use the `shape_invariants` "
                     "argument of tf.while_loop to specify a less-specific shape.")


def graph_while(cond, body, loop_vars, shape_invariants=None, on_shape_change=None):
    """Records a while loop over a flat list of tensors; returns the flat list of final values."""
    parent = local.graph
    loop_vars = [parent.capture(_as_tensor(v)) for v in loop_vars]
    shapes = [TensorShape(s) if s is not None else v.shape for v, s in
              zip(loop_vars, shape_invariants or [None] * len(loop_vars))]
    prefix = parent.unique_name("while")
    cg, c_phs, c_out = _subgraph(parent, prefix, lambda *v: [cond(*v)], loop_vars, shapes)
    bg, b_phs, b_outs = _subgraph(parent, prefix, lambda *v: list(body(*v)), loop_vars, shapes)
    if c_out[0]._dtype is not _dt.bool_ or c_out[0].shape.rank not in (None, 0):
        raise TypeError(f"The loop condition must return a scalar boolean tensor, got {c_out[0]!r}")
    if len(b_outs) != len(loop_vars):
        raise ValueError("The two structures don't have the same nested structure: the loop body returned "
                         f"{len(b_outs)} values for {len(loop_vars)} loop variables.")
    for i, (v, o, s) in enumerate(zip(loop_vars, b_outs, shapes)):
        if o._dtype is not v._dtype:
            raise TypeError(f"Loop variable {i} enters the loop with type {v._dtype.name}, but has type "
                            f"{o._dtype.name} after one iteration.")
        if not s.is_compatible_with(o.shape):
            (on_shape_change or _loop_error)(i, s, o.shape)
    outer, (c_idx, b_idx) = _captures(cg, bg)
    c_plan = Plan(cg, c_phs + _inner(cg), c_out)
    b_plan = Plan(bg, b_phs + _inner(bg), b_outs)
    n = len(loop_vars)

    def run(*vals):
        vs, caps = vals[:n], vals[n:]
        cc, bc = [caps[i] for i in c_idx], [caps[i] for i in b_idx]
        while c_plan(*vs, *cc)[0]:
            vs = b_plan(*vs, *bc)
        return _unpack(tuple(vs), n)

    def call(*vals):
        vs, caps = list(vals[:n]), vals[n:]
        cc, bc = [caps[i] for i in c_idx], [caps[i] for i in b_idx]
        if any(type(v) is SymbolicTensor for v in vals):
            return _unpack(tuple(graph_while(lambda *v: c_plan.interpret(list(v) + cc)[0],
                                             lambda *v: b_plan.interpret(list(v) + bc), vs, shapes)), n)
        while c_plan.interpret(vs + cc)[0]._numpy():
            vs = b_plan.interpret(vs + bc)
        return _unpack(tuple(vs), n)

    outs = parent.add("While", "py", loop_vars + outer, [v._dtype for v in loop_vars],
                      [(v._data, None) for v in loop_vars], shapes=shapes, name=prefix, named=True, run=run,
                      call=call, stateful=_stateful(cg, bg))
    if local.tapes and local.recording:
        _record_on_tapes(_WHILE, loop_vars + outer + [v._read() for v in _variables_read(cg, bg)], outs, {})
    return outs


def partitioned_call(plan, tensors):
    """A tf.function called in a TF1 graph: one node running the function's plan (TF's PartitionedCall). Its
    example values come from replaying the plan in a scratch child graph; its gradient replays it under a tape."""
    parent = local.graph
    scratch = Graph(parent=parent, name="PartitionedCall")
    with scratch.as_default():
        outs = plan.interpret([scratch.capture(t) for t in tensors])
    stateful = any(op.stateful for op in plan.operations)
    n = len(outs)
    return parent.add("StatefulPartitionedCall" if stateful else "PartitionedCall", "py", tensors,
                      [o._dtype for o in outs], [(o._data, getattr(o, "_data2", None)) for o in outs],
                      shapes=[o.shape for o in outs], run=lambda *arrays: _unpack(plan(*arrays), n),
                      call=lambda *ts: _unpack(tuple(plan.interpret(list(ts))), n), stateful=stateful,
                      op=Op("PartitionedCall", None, lambda entry, *dys: _call_grad(plan, entry, dys)))


def _call_grad(plan, entry, dys):
    from ..autodiff.tape import GradientTape
    from ..ops.array_ops import zeros_like
    dys = [zeros_like(o) if d is None else d for o, d in zip(entry.outputs, dys)]
    with GradientTape(persistent=True) as tape:
        for t in entry.inputs:
            tape.watch(t)
        outs = plan.interpret(list(entry.inputs))
    return tape.gradient(outs, list(entry.inputs), output_gradients=dys)


_COND = Op("If", None, _cond_grad)
_WHILE = Op("While", None, _while_grad)
