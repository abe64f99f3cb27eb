"""`tf.GradientTape`: records ops on watched tensors and runs their gradients (written in tfcompat ops).

Tensors are identified by `id()`: a tape keeps every tensor it tracks alive, so ids stay unique
while the tape holds them. Because gradients are themselves tfcompat ops, a tape that is active
while another tape's `gradient` runs records the backward pass, giving higher-order derivatives.
"""
import enum
import logging

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import local
from ..framework.op import NOT_DIFFERENTIABLE
from ..framework.tensor import EagerTensor, Tensor
from ..framework.variables import ResourceVariable, Variable

__all__ = ["GradientTape", "UnconnectedGradients", "record", "stop_recording_scope"]

_log = logging.getLogger("tensorflow")
_LEAF_TYPES = frozenset({EagerTensor, Variable, ResourceVariable})


class UnconnectedGradients(enum.Enum):
    """What `gradient` returns for sources the target does not depend on."""
    NONE = "none"
    ZERO = "zero"


class Entry:
    """One recorded op application: what its gradient function sees.

    `in_ids`/`out_ids` are the ids of `inputs`/`outputs` (taken once, at record time). `needed[i]` tells
    the gradient function whether input i leads to a source of the running `gradient` call (TF's
    skip_input_indices): costly input gradients nobody asked for can be skipped.
    """

    __slots__ = ("op", "inputs", "outputs", "attrs", "needed", "in_ids", "out_ids")

    def __init__(self, op, inputs, outputs, attrs, in_ids, out_ids):
        self.op, self.inputs, self.outputs, self.attrs = op, inputs, outputs, attrs
        self.in_ids, self.out_ids = in_ids, out_ids
        self.needed = None

    @property
    def output(self):
        return self.outputs[0]


def _differentiable(dtype):
    return dtype.is_floating or dtype.is_complex


def record(op, inputs, out, attrs):
    """Called by the executor after each op while tapes are active."""
    in_ids = tuple(map(id, inputs))
    entry = None
    for tape in local.tapes:
        ids = tape._ids
        if not tape._recording or ids.keys().isdisjoint(in_ids):
            continue
        if entry is None:
            if type(out) is tuple:
                entry = Entry(op, inputs, out, attrs, in_ids, tuple(map(id, out)))
            else:
                entry = Entry(op, inputs, (out,), attrs, in_ids, (id(out),))
        tape._entries.append(entry)
        ids.update(zip(entry.out_ids, entry.outputs))


def watch_variable_read(variable, tensor):
    """Called when a Variable is read: tapes that watch it (or auto-watch it) track the read tensor."""
    key = id(variable)
    for tape in local.tapes:
        if not tape._recording:
            continue
        if key not in tape._variables:
            if not (tape._watch_accessed and variable.trainable):
                continue
            tape._variables[key] = variable
        reads = tape._reads.get(key)
        if reads is None:
            tape._reads[key] = [tensor]
        else:
            reads.append(tensor)
        tape._ids[id(tensor)] = tensor


class stop_recording_scope:
    """Context manager pausing the given tape(s)."""

    def __init__(self, tapes):
        self._tapes = tapes

    def __enter__(self):
        self._saved = [t._recording for t in self._tapes]
        for t in self._tapes:
            t._recording = False

    def __exit__(self, *exc):
        for t, s in zip(self._tapes, self._saved):
            t._recording = s


class GradientTape:
    """Records operations for automatic differentiation (TF 2 semantics)."""

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed = watch_accessed_variables
        self._recording = False
        self._active = False
        self._used = False
        self._reset_state()

    def _reset_state(self):
        self._entries = []
        self._ids = {}          # id -> tensor: every tensor whose gradient this tape can compute
        self._variables = {}    # id(variable) -> variable, in watch order
        self._reads = {}        # id(variable) -> tensors read from it while watched

    def __enter__(self):
        if self._active:
            raise ValueError("Tape is still recording, This can happen if you try to re-enter an "
                             "already-active tape.")
        self._active = self._recording = True
        local.tapes.append(self)
        return self

    def __exit__(self, *exc):
        self._active = self._recording = False
        if self in local.tapes:
            local.tapes.remove(self)

    def watch(self, tensor):
        """Ensures `tensor` (or each tensor/variable of a nested structure) is traced by this tape."""
        for t in _flatten(tensor):
            if hasattr(t, "_watch_on"):           # Variables and composite tensors
                t._watch_on(self)
                continue
            if not isinstance(t, Tensor):
                raise ValueError(f"Passed in object {t!r} of type '{type(t).__name__}', not tf.Tensor "
                                 "or tf.Variable or ExtensionType.")
            if not _differentiable(t.dtype):
                _log.warning("The dtype of the watched tensor must be floating (e.g. tf.float32), "
                             "got %r", t.dtype)
            self._ids[id(t)] = t

    def _watch_variable(self, variable):
        self._variables[id(variable)] = variable

    def stop_recording(self):
        """Context manager: ops run inside it are not recorded on this tape."""
        if not self._recording:
            raise ValueError("Tape must be recording when calling stop_recording().")
        return stop_recording_scope([self])

    def reset(self):
        """Discards everything recorded so far; recording continues."""
        self._reset_state()

    def watched_variables(self):
        return tuple(self._variables.values())

    def _check_usable(self):
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set of "
                               "gradients (or jacobians)")

    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        """d(sum of targets)/d(sources), mirroring the structure of `sources`."""
        self._check_usable()
        if target is None:
            raise TypeError("Argument `target` should be a list or nested structure of Tensors, "
                            "Variables or CompositeTensors to be differentiated, but received None.")
        unconnected = (unconnected_gradients if unconnected_gradients is UnconnectedGradients.NONE
                       else _unconnected(unconnected_gradients))
        if self._recording and self._persistent:
            _log.warning("Calling GradientTape.gradient on a persistent tape inside its context is "
                         "significantly less efficient than calling it outside the context (it causes "
                         "the gradient ops to be recorded on the tape, leading to increased CPU and "
                         "memory usage). Only call GradientTape.gradient inside the context if you "
                         "actually want to trace the gradient in order to compute higher order derivatives.")
        flat_sources = _flatten(sources)
        flat_targets = [target] if type(target) is EagerTensor else [_as_target(t) for t in _flatten(target)]
        if output_gradients is not None:
            output_gradients = [None if g is None else _convert(g) for g in _flatten(output_gradients)]
        composite = flat_sources is not sources and any(hasattr(s, "_gradient_components") for s in flat_sources)
        if composite:  # a RaggedTensor or SparseTensor source: its values' gradient, rewrapped
            wrt = [s._gradient_components() if hasattr(s, "_gradient_components") else s for s in flat_sources]
            grads = [g if g is None or not hasattr(s, "_gradient_components") else s._replace_gradient_components(g)
                     for g, s in zip(backprop(self, flat_targets, wrt, output_gradients), flat_sources)]
        else:
            grads = backprop(self, flat_targets, flat_sources, output_gradients)
        self._mark_used()
        if unconnected is UnconnectedGradients.ZERO:
            from ..ops import array_ops
            grads = [array_ops.zeros_like(_source_value(s)) if g is None else g
                     for g, s in zip(grads, flat_sources)]
        if type(sources) is EagerTensor:
            return grads[0]
        if flat_sources is not sources:       # a flat list is its own flattening
            from ..util import nest
            return nest.pack_sequence_as(sources, grads)
        return grads


    def _mark_used(self):
        """A non-persistent tape is spent: drop what it recorded (watched_variables() stays)."""
        if not self._persistent:
            self._used = True
            self._entries, self._ids, self._reads = [], {}, {}

    def _seeded_backprop(self, target, sources, seeds):
        """[d<target, seed>/d source for each source] for each seed (self paused while it runs)."""
        with stop_recording_scope([self]):
            return [backprop(self, [target], sources, [seed]) for seed in seeds]

    def jacobian(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
                 parallel_iterations=None, experimental_use_pfor=True):
        """d target[i...] / d source[j...] for each source: shape target.shape + source.shape."""
        from ..util import nest
        self._check_usable()
        target_shape = tuple(target.shape)     # AttributeError for a list, as in TF
        unconnected = _unconnected(unconnected_gradients)
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError("GradientTape must be created with persistent=True to compute the jacobian "
                               "with eager execution enabled and with  experimental_use_pfor set to False.")
        flat_sources = nest.flatten(sources)
        value = _as_target(target)
        tval = value if isinstance(value, Tensor) else value.read_value()
        n = 1
        for d in target_shape:
            n *= d
        seeds = _one_hot_seeds(n, target_shape, tval.dtype)
        rows = self._seeded_backprop(value, flat_sources, seeds)
        self._mark_used()
        out = [_stack_rows([r[i] for r in rows], target_shape, s, tval.dtype, unconnected)
               for i, s in enumerate(flat_sources)]
        return nest.pack_sequence_as(sources, out)

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        """Per-example jacobians: target (B, ...) and source (B, ...) give (B,) + target[1:] + source[1:]."""
        from ..framework.tensor_shape import TensorShape
        from ..ops import array_ops
        self._check_usable()
        ts, ss = tuple(target.shape), tuple(source.shape)
        for s in (ts, ss):
            if len(s) < 2:
                raise ValueError(f"Shape {TensorShape(s)} must have rank at least 2")
        if ts[0] != ss[0]:
            raise ValueError(f"Need first dimension of target shape ({TensorShape(ts)}) and source shape "
                             f"({TensorShape(ss)}) to match.")
        unconnected = _unconnected(unconnected_gradients)
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError("GradientTape must be created with persistent=True to compute the jacobian "
                               "with eager execution enabled and with  experimental_use_pfor set to False.")
        value = _as_target(target)
        tval = value if isinstance(value, Tensor) else value.read_value()
        b, m = ts[0], 1
        for d in ts[1:]:
            m *= d
        seeds = []
        for j in range(m):
            a = np.zeros((b, m), tval.dtype.as_numpy_dtype)
            a[:, j] = 1
            seeds.append(_convert(a.reshape(ts)))
        rows = [r[0] for r in self._seeded_backprop(value, [source], seeds)]
        self._mark_used()
        out_shape = [b] + list(ts[1:]) + list(ss[1:])
        if all(r is None for r in rows):
            if unconnected is UnconnectedGradients.ZERO or m == 0:
                return array_ops.zeros(out_shape, tval.dtype)
            return None
        src = _source_value(source)
        rows = [array_ops.zeros_like(src) if r is None else _densify(r) for r in rows]
        return array_ops.reshape(array_ops.stack(rows, axis=1), out_shape)


def _flatten(structure):
    """nest.flatten, with the common cases first: one tensor, a flat list of tensors and variables
    (returned as is: the caller must not modify it)."""
    t = type(structure)
    if t is EagerTensor:
        return [structure]
    if t is list and _LEAF_TYPES.issuperset(map(type, structure)):
        return structure
    from ..util import nest
    return nest.flatten(structure)


def _unconnected(value):
    try:
        return UnconnectedGradients(value)
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: {value!r}") from None


def _one_hot_seeds(n, shape, dtype):
    eye = np.eye(n, dtype=dtype.as_numpy_dtype) if n else None
    return [_convert(eye[i].reshape(shape)) for i in range(n)]


def _stack_rows(rows, target_shape, source, dtype, unconnected):
    """One source's jacobian from the per-element gradients (None rows: zeros)."""
    from ..ops import array_ops
    src = _source_value(source) if not isinstance(source, Tensor) else source
    out_shape = list(target_shape) + list(src.shape)
    if all(r is None for r in rows):
        if unconnected is UnconnectedGradients.ZERO or not rows:
            return array_ops.zeros(out_shape, dtype if not rows else src.dtype)
        return None
    rows = [array_ops.zeros_like(src) if r is None else _densify(r) for r in rows]
    return array_ops.reshape(array_ops.stack(rows), out_shape)


def _convert(x):
    from ..framework.convert import convert_to_tensor
    return convert_to_tensor(x)


def _as_target(t):
    if isinstance(t, Tensor) or hasattr(t, "_watch_on"):
        return t
    return _convert(t)


def _source_value(s):
    return s.read_value() if hasattr(s, "read_value") and not isinstance(s, Tensor) else s


def _source_ids(tape, source):
    """The tensor ids standing for `source` on this tape: a variable stands for all its reads."""
    if isinstance(source, Tensor):
        return [id(source)]
    if hasattr(source, "_tape_ids"):
        return source._tape_ids(tape)
    raise AttributeError(f"'{type(source).__name__}' object has no attribute '_id'")


def backprop(tape, targets, sources, output_gradients):
    """Reverse-mode accumulation over the tape's entries, from `targets` to `sources`."""
    grads = _seeds(targets, output_gradients)
    source_keys = []
    depends = set()
    for s in sources:
        if type(s) is EagerTensor:
            keys = (id(s),)
        else:
            keys = _source_ids(tape, s)
            if not isinstance(s, Tensor):
                keys.append(id(s))    # a variable target seeds the variable itself
        source_keys.append(keys)
        depends.update(keys)
    # the entries that depend on a source (forward over the tape); backward, those that also lead
    # to a target are the ones whose outputs have received a gradient
    path = []
    for e in tape._entries:
        if not depends.isdisjoint(e.in_ids):
            depends.update(e.out_ids)
            path.append(e)
    contains = depends.__contains__
    for e in reversed(path):
        out_ids = e.out_ids
        if len(out_ids) == 1:
            dys = grads.get(out_ids[0])
            if dys is None:
                continue
            dys = (dys if type(dys) is EagerTensor else _densify(dys),)
        else:
            dys = [grads.get(k) for k in out_ids]
            if all(d is None for d in dys):
                continue
            none_ok = e.op.none_ok
            dys = [(None if i in none_ok else _op_modules()[0].zeros_like(o)) if d is None else
                   (_densify(d) if type(d) is not EagerTensor else d) for i, (d, o) in enumerate(zip(dys, e.outputs))]
        grad = e.op.grad
        if grad is NOT_DIFFERENTIABLE:
            continue
        if grad is None:
            raise LookupError(f"gradient registry has no entry for: {e.op.name}")
        e.needed = needed = tuple(map(contains, e.in_ids))
        in_grads = grad(e, *dys)
        if not isinstance(in_grads, (list, tuple)):
            in_grads = (in_grads,)
        for k, x, g, need in zip(e.in_ids, e.inputs, in_grads, needed):
            if g is None or not need:
                continue
            dtype = x._dtype
            if not (dtype.is_floating or dtype.is_complex):
                continue
            prev = grads.get(k)
            grads[k] = g if prev is None else _accumulate(prev, g)
    result = []
    for s, keys in zip(sources, source_keys):
        total = None
        for k in keys:
            g = grads.get(k)
            if g is not None:
                total = g if total is None else _accumulate(total, g)
        if total is not None and hasattr(total, "_densify_if_needed"):
            total = total._densify_if_needed(s)
        result.append(total)
    return result


def _seeds(targets, output_gradients):
    """{id(target): its upstream gradient}: ones, or the given output gradient (summed over repeats)."""
    array_ops, math_ops = _op_modules()
    grads = {}
    for i, t in enumerate(targets):
        # a variable target stands for its handle: it seeds the variable itself, not its reads
        dtype = t._dtype if type(t) is EagerTensor else t.dtype
        if not _differentiable(dtype):
            continue
        tid = id(t)
        g = output_gradients[i] if output_gradients else None
        if g is None:
            g = (array_ops._full(t._data.shape, 1, dtype) if type(t) is EagerTensor
                 else array_ops.ones_like(t) if isinstance(t, Tensor) else array_ops.ones(tuple(t.shape), dtype))
        elif t.shape.is_fully_defined() and tuple(g.shape) != tuple(t.shape):
            math_ops.equal(g, array_ops.zeros(tuple(t.shape), dtype))  # TF's "Incompatible shapes"
        grads[tid] = math_ops.add(grads[tid], g) if tid in grads else g
    return grads


def _op_modules():
    """tfcompat.ops' array_ops and math_ops (imported on first use: they import this package)."""
    global _OPS
    if _OPS is None:
        from ..ops import array_ops, math_ops
        _OPS = array_ops, math_ops
    return _OPS


_OPS = None


def _densify(g):
    from .indexed_slices import densify
    return densify(g)


def _accumulate(a, b):
    from ..ops import math_ops
    if hasattr(a, "_accumulate"):
        return a._accumulate(b)
    if hasattr(b, "_accumulate"):
        return b._accumulate(a)
    return math_ops.add(a, b)
