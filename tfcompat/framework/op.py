"""Op definitions and the eager executor: one `Op` per TF op, holding its kernel call and gradient.

An op's public function (in `tfcompat/ops/`) converts and checks its arguments and computes the
result dtype (TF's dtype and shape rules), then calls `apply`, which runs the kernel on the active
backend and records the op on every active GradientTape that watches one of its inputs. The op's
gradient is written in tfcompat ops, so tapes that are active while it runs record it in turn.
"""
from . import dtypes as _dt
from .context import ctx, get_backend, local
from .errors import InvalidArgumentError, OpError, UnimplementedError, op_error
from .tensor import EagerTensor

__all__ = ["Op", "defop", "apply", "REGISTRY", "RegisterGradient", "no_gradient"]

REGISTRY = {}
_string = _dt.string
_NO_ATTRS = {}


class Op:
    """A TF op: `forward(backend, *arrays, **attrs)` computes it, `grad(entry, *upstream)` differentiates it.

    `grad` is None for ops without a registered gradient (LookupError when differentiated) and
    `NOT_DIFFERENTIABLE` for ops whose gradient is None by definition (argmax, floor, casts to int).
    `none_ok`: the outputs whose missing upstream gradient reaches `grad` as None instead of zeros
    (TF's FunctionsAcceptingNoneForIndicesMap: the cross entropies' backprop output).
    """

    __slots__ = ("name", "forward", "grad", "explain", "fast", "none_ok")

    def __init__(self, name, forward, grad=None, explain=None, fast=None, none_ok=()):
        self.name, self.forward, self.grad, self.none_ok = name, forward, grad, frozenset(none_ok)
        # fast(backend, attrs) -> a callable of the arrays equal to `forward` with those attrs, or None: the
        # graph executor calls it directly (e.g. the backend's bound kernel), saving wrapper frames per node
        self.fast = fast
        # explain(inputs, attrs) raises TF's error for inputs the kernel rejected; it runs only
        # after a kernel failure, so validation that TF does eagerly costs nothing on the hot path
        self.explain = explain

    def __repr__(self):
        return f"<Op {self.name}>"


NOT_DIFFERENTIABLE = object()


def defop(name, forward, grad=None, explain=None, fast=None, none_ok=()):
    """Defines and registers an op (names are TF's op type names, e.g. 'AddV2')."""
    op = Op(name, forward, grad, explain, fast, none_ok)
    REGISTRY[name] = op
    return op


class RegisterGradient:
    """`tf.RegisterGradient(name)`: decorator that sets the gradient of a registered op."""

    def __init__(self, op_type):
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, fn):
        REGISTRY[self._op_type].grad = fn
        return fn


def no_gradient(op_type):
    """`tf.no_gradient`: marks an op as not differentiable."""
    REGISTRY[op_type].grad = NOT_DIFFERENTIABLE


def apply(op, inputs, dtype, attrs=_NO_ATTRS):
    """Runs `op` eagerly on `inputs` (tensors) giving a tensor of `dtype` (a tuple of dtypes: a tuple)."""
    n = len(inputs)
    if n == 2:  # the hot path: unrolled, no per-input loop
        x, y = inputs
        if x._dtype is _string or y._dtype is _string:
            return _apply_host(op, inputs, dtype, attrs)
        args = (x._data, y._data)
    elif n == 1:
        x = inputs[0]
        if x._dtype is _string:
            return _apply_host(op, inputs, dtype, attrs)
        args = (x._data,)
    else:
        for t in inputs:
            if t._dtype is _string:
                return _apply_host(op, inputs, dtype, attrs)
        args = tuple(t._data for t in inputs)
    try:
        data = op.forward(ctx.backend, *args, **attrs) if attrs else op.forward(ctx.backend, *args)
    except OpError:
        raise
    except NotImplementedError as e:
        raise op_error(UnimplementedError, op.name, str(e)) from None
    except Exception as e:  # a backend exception never reaches the user as such
        data = _on_one_device(op, args, attrs, e)
        if data is None:
            if op.explain is not None:
                op.explain(inputs, attrs)
            raise op_error(InvalidArgumentError, op.name, f"{type(e).__name__}: {e}") from e
    if local.graph is not None:
        return _graph_record(op, inputs, data, dtype, attrs, False)
    if type(dtype) is tuple:
        out = tuple(EagerTensor(d, t) for d, t in zip(data, dtype))
    else:
        out = EagerTensor(data, dtype)
    if local.tapes and local.recording:
        _recorder()(op, inputs, out, attrs)
    return out


def _on_one_device(op, args, attrs, error):
    """Reruns a kernel that failed on operands placed on different devices, after copying them to one
    (TF copies inputs across devices implicitly). Only on the error path: no cost when devices agree."""
    backend = ctx.backend
    devices = {backend.device_of(a) for a in args if hasattr(a, "shape")}
    if len(devices) < 2:
        return None
    target = next((d for d in sorted(devices) if d.startswith("GPU")), backend.default_device())
    moved = [backend.to_device(a, target) if hasattr(a, "shape") else a for a in args]
    try:
        return op.forward(backend, *moved, **attrs)
    except Exception:
        return None


def _recorder():
    """The tape's record function (imported on first use: the tape module imports this one)."""
    global _record
    if _record is None:
        from ..autodiff.tape import record
        _record = record
    return _record


_record = None


def _graph_record(op, inputs, data, dtype, attrs, host):
    """Records the op into the graph being traced (data: its value on the inputs' example values)."""
    from ..graph.graph import record_op
    return record_op(op, inputs, data, dtype, attrs, host)


def _apply_host(op, inputs, dtype, attrs):
    """Runs an op involving strings on the numpy host backend, moving other operands there and back."""
    if ctx.host is None:  # strings can exist before the backend is loaded
        get_backend()
    backend, host = ctx.backend, ctx.host
    arrays = [t._data if (t._dtype is _string or backend is host) else host.from_numpy(backend.to_numpy(t._data))
              for t in inputs]
    try:
        data = op.forward(host, *arrays, **attrs)
    except OpError:
        raise
    except Exception as e:
        raise op_error(InvalidArgumentError, op.name, f"{type(e).__name__}: {e}") from e
    multi = type(dtype) is tuple
    outs = []
    for d, t in zip(data if multi else (data,), dtype if multi else (dtype,)):
        if t is not _string and backend is not host:
            d = backend.from_numpy(d)
        outs.append(EagerTensor(d, t))
    if local.graph is not None:
        data = tuple(o._data for o in outs)
        return _graph_record(op, inputs, data if multi else data[0], dtype, attrs, True)
    return tuple(outs) if multi else outs[0]
