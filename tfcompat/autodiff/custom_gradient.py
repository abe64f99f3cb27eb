"""`tf.custom_gradient` and `tf.recompute_grad` (eager semantics)."""
import functools
import inspect

from ..framework.context import local
from ..framework.op import Op
from ..framework.tensor import EagerTensor, Tensor

__all__ = ["custom_gradient", "recompute_grad"]


class _NoIds(dict):
    """An id table that never tracks anything: the watcher records no ops."""

    def __setitem__(self, key, value):
        pass


class _VariableWatcher:
    """Sits in the tape stack while the decorated function runs and collects the variables it reads."""

    def __init__(self):
        self._recording = True
        self._watch_accessed = True
        self._variables = {}
        self._reads = {}
        self._ids = _NoIds()
        self._entries = []

    def __enter__(self):
        local.tapes.append(self)
        return self

    def __exit__(self, *exc):
        local.tapes.remove(self)

    def watched_variables(self):
        return list(self._variables.values())


def _accepts_variables(fn):
    try:
        spec = inspect.getfullargspec(fn)
    except TypeError:
        return True
    return "variables" in spec.args or "variables" in spec.kwonlyargs or spec.varkw is not None


def custom_gradient(f=None):
    """Decorator: `f(*x)` returns `(y, grad_fn)`; `grad_fn(*dy)` gives the gradients w.r.t. `x`.

    When `f` reads variables that are not among its inputs, `grad_fn(*dy, variables=...)` must
    return `(input_grads, variable_grads)`.
    """
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        return _call(f, args, kwargs)
    return decorated


def _call(f, args, kwargs):
    from ..framework.convert import convert_to_tensor
    from ..util import nest
    with _VariableWatcher() as watcher:
        result, grad_fn = f(*args, **kwargs)
    flat_args = nest.flatten(args)
    variables = [v for v in watcher.watched_variables() if all(v is not a for a in flat_args)]
    if variables and not _accepts_variables(grad_fn):
        raise TypeError("@tf.custom_gradient grad_fn must accept keyword argument 'variables', since "
                        f"function uses variables: {variables}")
    flat_result = nest.flatten(result)
    outputs = tuple(EagerTensor(r._data, r._dtype) if isinstance(r, Tensor) else convert_to_tensor(r)
                    for r in flat_result)
    if not (local.tapes and local.recording):
        return nest.pack_sequence_as(result, list(outputs))
    inputs = tuple(convert_to_tensor(x) for x in flat_args + variables)
    arg_count = len(flat_args)

    def grad(entry, *dys):
        if variables:
            input_grads, variable_grads = grad_fn(*dys, variables=variables)
            variable_grads = list(variable_grads)
            if len(variable_grads) != len(variables):
                raise ValueError("Must return gradient for each variable from @custom_gradient grad_fn.")
        else:
            input_grads = grad_fn(*dys)
            variable_grads = []
        flat = nest.flatten(input_grads)
        if len(flat) != arg_count:
            raise ValueError(f"custom_gradient function expected to return {arg_count} gradients, but "
                             f"returned {len(flat)} instead.")
        return [None if g is None else _as_grad(g, x) for g, x in zip(flat + variable_grads, inputs)]

    from .tape import record
    record(Op(getattr(f, "__name__", "CustomGradient"), None, grad), inputs, outputs, {})
    return nest.pack_sequence_as(result, list(outputs))


def _as_grad(g, x):
    from ..framework.convert import convert_to_tensor
    if isinstance(g, Tensor) or hasattr(g, "_accumulate"):
        return g
    return convert_to_tensor(g, x.dtype)


def recompute_grad(f):
    """`tf.recompute_grad`: the same values and gradients as `f` (eager: nothing is recomputed)."""
    @functools.wraps(f)
    def inner(*args, **kwargs):
        return f(*args, **kwargs)
    return inner
