"""`tf.compat.v1.gradients`: reverse-mode differentiation over a TF1 graph's recorded ops, by the tape's own
backprop (the graph's op nodes stand for tape entries; gradient ops are recorded under 'gradients/')."""
from ..autodiff.tape import Entry, UnconnectedGradients, backprop
from ..framework.context import local
from ..framework.convert import convert_to_tensor
from ..framework.variables import Variable
from ..util import nest

__all__ = ["gradients"]


class _GraphTape:
    """What `backprop` reads from a tape: the graph's differentiable op nodes as entries, and the read
    tensors of each source variable."""

    def __init__(self, graph, sources, stops):
        self._entries = [Entry(op.op, op.inputs, tuple(op.outputs), op.attrs, tuple(map(id, op.inputs)),
                               tuple(map(id, op.outputs)))
                         for op in graph.operations
                         if op.op is not None and not any(id(o) in stops for o in op.outputs)]
        self._reads = {id(v): v._graph_reads for v in sources if isinstance(v, Variable)}


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False, gate_gradients=False,
              aggregation_method=None, stop_gradients=None, unconnected_gradients=UnconnectedGradients.NONE):
    """d(sum of ys)/d(x) for each x: a list (None for an x that ys do not depend on)."""
    g = local.graph
    if g is None:
        raise RuntimeError("tf.gradients is not supported when eager execution is enabled. Use "
                           "tf.GradientTape instead.")
    unconnected = UnconnectedGradients(unconnected_gradients)
    ys = [_tensor(y) for y in nest.flatten(ys)]
    xs = nest.flatten(xs)
    if grad_ys is None:
        grad_ys = [None] * len(ys)
    else:
        grad_ys = nest.flatten(grad_ys)
        if len(grad_ys) != len(ys):
            raise ValueError(f"Passed {len(grad_ys)} grad_ys for {len(ys)} ys")
    stops = {id(_tensor(t)) for t in nest.flatten(stop_gradients)} if stop_gradients is not None else set()
    tape = _GraphTape(g, xs, stops)
    scope = g.unique_name(name)
    g._scope.append(scope[len("/".join(g._scope)) + 1:] if g._scope else scope)
    try:
        from ..ops import array_ops
        seeds = [array_ops.ones_like(y) if gy is None else convert_to_tensor(gy, y.dtype)
                 for y, gy in zip(ys, grad_ys)]
        grads = backprop(tape, ys, xs, seeds)
        if unconnected is UnconnectedGradients.ZERO:
            grads = [array_ops.zeros(x.shape, x.dtype) if gr is None else gr for gr, x in zip(grads, xs)]
    finally:
        g._scope.pop()
    return grads


def _tensor(x):
    element = getattr(x, "_graph_element", None)
    return element() if element is not None else convert_to_tensor(x)
