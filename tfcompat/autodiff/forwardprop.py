"""`tf.autodiff.ForwardAccumulator`: Jacobian-vector products, built on the reverse-mode tape.

The accumulator records the ops run in its context on a private persistent tape. `jvp(y)` takes
the vector-Jacobian product `g(u) = u^T J` (linear in `u`) on a second tape that watches `u`, then
differentiates `<g(u), tangents>` with respect to `u`: that is `J tangents` (the double-vjp trick).
"""
from ..framework.tensor import Tensor
from .tape import GradientTape, UnconnectedGradients, _unconnected, backprop, stop_recording_scope

__all__ = ["ForwardAccumulator"]


class ForwardAccumulator:
    """Computes `J @ tangents` for the ops executed inside `with ForwardAccumulator(primals, tangents):`."""

    def __init__(self, primals, tangents):
        from ..framework.convert import convert_to_tensor
        from ..util import nest
        self._primals_struct = primals
        self._primals = nest.flatten(primals)
        flat_t = nest.flatten(tangents)
        if len(flat_t) != len(self._primals):
            raise ValueError(f"primals and tangents must have the same structure: got {len(self._primals)} "
                             f"primals and {len(flat_t)} tangents")
        self._tangents = []
        for p, t in zip(self._primals, flat_t):
            t = convert_to_tensor(t, p.dtype)
            if tuple(t.shape) != tuple(p.shape):
                raise ValueError(f"Tangent shape {t.shape} does not match primal shape {p.shape}")
            self._tangents.append(t)
        self._tape = GradientTape(persistent=True, watch_accessed_variables=False)
        self._tape.watch(self._primals)

    def __enter__(self):
        self._tape.__enter__()
        return self

    def __exit__(self, *exc):
        self._tape.__exit__(*exc)

    def jvp(self, primals, unconnected_gradients=UnconnectedGradients.NONE):
        """The Jacobian-vector product of each tensor in `primals` (a nested structure)."""
        from ..util import nest
        unconnected = _unconnected(unconnected_gradients)
        flat = nest.flatten(primals)
        return nest.pack_sequence_as(primals, [self._jvp(y, unconnected) for y in flat])

    def _jvp(self, y, unconnected):
        from ..ops import array_ops
        from .indexed_slices import densify
        value = y if isinstance(y, Tensor) else y.read_value()
        result = None
        if value.dtype.is_floating or value.dtype.is_complex:
            with stop_recording_scope([self._tape]):
                u = array_ops.ones_like(value)   # not zeros: gradients that branch on dy == 0 stay linear
                with GradientTape() as inner:
                    inner.watch(u)
                    vjps = backprop(self._tape, [y], self._primals, [u])
                pairs = [(densify(g), t) for g, t in zip(vjps, self._tangents) if g is not None]
                if pairs:
                    result = inner.gradient([g for g, _ in pairs], u, output_gradients=[t for _, t in pairs])
        if result is None and unconnected is UnconnectedGradients.ZERO:
            result = array_ops.zeros_like(value)
        return result
