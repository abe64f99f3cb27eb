"""`tf.py_function`, `tf.numpy_function` (`tf.compat.v1.py_func`): Python functions as ops. Eagerly the function
runs at once (py_function differentiable through a private tape); while a graph is traced it becomes one
stateful node that calls the function at every run, with outputs of unknown shape."""
import functools
import itertools
import traceback

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import local
from ..framework.convert import convert_to_tensor
from ..framework.errors import (InvalidArgumentError, OutOfRangeError, ResourceExhaustedError, UnimplementedError,
                                UnknownError)
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape
from ..util.export import tf_export

__all__ = ["py_function", "numpy_function", "py_func"]

_tokens = itertools.count()  # TF's FuncRegistry tokens: pyfunc_0, pyfunc_1, ...
_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
# the status code TF's py_func kernel gives a Python exception raised by the function
_ERRORS = ((ValueError, InvalidArgumentError), (TypeError, InvalidArgumentError), (StopIteration, OutOfRangeError),
           (MemoryError, ResourceExhaustedError), (NotImplementedError, UnimplementedError))


@tf_export("py_function")
def py_function(func=None, inp=None, Tout=None, name=None):
    """`tf.py_function`: calls `func` on eager tensors; differentiable through the ops `func` runs."""
    decorator = _decorator(py_function, "tf.py_function", func, inp, Tout, name=name)
    if decorator is not None:
        return decorator
    _check_callable(func)
    return _script_op("EagerPyFunc", func, inp, Tout, name)


@tf_export("numpy_function")
def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):
    """`tf.numpy_function`: calls `func` on numpy arrays (eagerly: its results converted as they are, Tout unused)."""
    decorator = _decorator(numpy_function, "tf.numpy_function", func, inp, Tout, stateful=stateful, name=name)
    if decorator is not None:
        return decorator
    return py_func(func, inp, Tout, stateful, name)


def py_func(func, inp, Tout, stateful=True, name=None):
    """`tf.compat.v1.py_func`: `tf.numpy_function` without its decorator form."""
    if local.graph is None:
        result = [None if x is None else convert_to_tensor(x) for x in _flatten(func(*[np.array(x) for x in inp]))]
        return result[0] if len(result) == 1 else result
    _check_callable(func)
    return _script_op("PyFunc" if stateful else "PyFuncStateless", func, inp, Tout, name)


def _decorator(script_op, op_name, func, inp, Tout, **kwargs):
    """TF's argument checks; with `func=None`, the decorator form."""
    if Tout is None:
        raise TypeError(f"Missing required argument: 'Tout'\n  If using {op_name} as a decorator, set `Tout`\n  "
                        f"**by name** above the function:\n  `@{op_name}(Tout=tout)`")
    if func is None:
        if inp is not None:
            raise TypeError(f"Don't set the `inp` argument when using {op_name} as a decorator (`func=None`).")

        def decorate(fn):
            @functools.wraps(fn)
            def wrapper(*args):
                return script_op(fn, inp=args, Tout=Tout, **kwargs)
            return wrapper
        return decorate
    if inp is None:
        raise TypeError("Missing argument `inp`:\n  You must set the `inp` argument (the list of arguments to the\n"
                        f"  function), unless you use `{op_name}` as a decorator(`func=None`).")
    return None


def _check_callable(func):
    if not callable(func):
        raise ValueError(f"Expected func to be callable. Received func={func} of type {type(func)}.")


def _flatten(x):
    from ..util import nest
    return nest.flatten(x)


def _script_op(type_, func, inp, Tout, name):
    """Normalizes inputs and Tout, then runs the op eagerly or records it into the graph being traced."""
    from ..graph.tensor_spec import TensorSpec
    inputs = [convert_to_tensor(x) for x in list(inp)]
    listed = isinstance(Tout, (list, tuple))
    specs = list(Tout) if listed else [Tout]
    for s in specs:
        if not isinstance(s, (TensorSpec, _dt.DType)) and hasattr(s, "_to_components"):
            raise NotImplementedError(f"{type_} with Tout {s!r} is not implemented yet in tfcompat")
    touts = [s.dtype if isinstance(s, TensorSpec) else _dt.as_dtype(s) for s in specs]
    op = _ScriptOp(type_, func, touts, f"pyfunc_{next(_tokens)}", len(inputs), name)
    outs = op.record(inputs) if local.graph is not None else op.run(inputs)
    if not touts and local.graph is not None:
        return outs
    return outs if listed else outs[0]


class _ScriptOp:
    """One py_function/numpy_function op: runs `func` on eager tensors and checks its results against Tout."""

    def __init__(self, type_, func, touts, token, n_in, name):
        self.type, self.func, self.touts, self.token, self.name = type_, func, touts, token, name
        self.eager = type_ == "EagerPyFunc"
        self.prefix = (f"{{{{function_node __wrapped__EagerPyFunc_Tin_{n_in}_Tout_{len(touts)}_device_{_DEVICE}}}}} "
                       if self.eager else "")
        self.suffix = f" [Op:{type_}] name: {name or ''}" if self.eager else ""

    # ---- eager ----
    def run(self, inputs):
        """The outputs (a list of eager tensors); active tapes record one op whose gradient a private tape gives."""
        args = [EagerTensor(t._data, t._dtype) for t in inputs]  # func sees the op's own input tensors, as in TF
        if not (self.eager and local.tapes and local.recording):
            return self._call(args)
        from ..autodiff.tape import GradientTape, stop_recording_scope
        with stop_recording_scope(list(local.tapes)):
            with GradientTape(persistent=True) as tape:
                for a in args:
                    if _trainable(a):
                        tape.watch(a)
                inner = self._call(args)
        outs = [EagerTensor(o._data, o._dtype) for o in inner]
        if outs and any(_trainable(a) for a in args):  # outer tapes see only the op, never func's own ops
            self._record(inputs, args, inner, outs, tape)
        return outs

    def _record(self, inputs, args, inner, outs, tape):
        from ..framework.op import Op, _recorder

        def grad(entry, *dys):
            from ..autodiff.tape import stop_recording_scope
            from .array_ops import zeros, zeros_like
            with stop_recording_scope(list(local.tapes)):  # TF's py_function gradient has no gradient itself
                dys = [zeros_like(o) if d is None else d for o, d in zip(inner, dys)]
                gs = iter(tape.gradient(inner, [a for a in args if _trainable(a)], output_gradients=dys))
                out = [next(gs) if _trainable(a) else None for a in args]
                # an unconnected input gets a scalar zero, as TF's gradient py_func converts None
                return [zeros((), a._dtype) if g is None and _trainable(a) else g for a, g in zip(args, out)]
        _recorder()(Op("EagerPyFunc", None, grad), list(inputs), tuple(outs) if len(outs) > 1 else outs[0], {})

    def _call(self, args):
        """Calls func (numpy arrays for numpy_function) and converts its results; errors as TF's kernel gives them."""
        try:
            if self.eager:
                return self._convert_eager(self.func(*args))
            return self._convert_numpy(self.func(*[np.array(a._numpy()) for a in args]))
        except Exception as e:  # noqa: BLE001 (TF turns any exception of func into an op error)
            if isinstance(e, InvalidArgumentError) and getattr(e, "_script_op", None) is self:
                raise
            cls = next((c for t, c in _ERRORS if isinstance(e, t)), UnknownError)
            tb = "\n".join(traceback.format_exception(e))
            raise cls(None, None, f"{self.prefix}{type(e).__name__}: {e}\n{tb}\n{self.suffix}") from None

    def _count_error(self, n):
        err = InvalidArgumentError(None, None, f"{self.prefix}{self.token} returns {n} values, but expects to see "
                                               f"{len(self.touts)} values.{self.suffix}")
        err._script_op = self
        return err

    def _convert_eager(self, ret):
        from ..framework.variables import Variable
        if isinstance(ret, (tuple, list)):
            values = list(zip(ret, self.touts))
        elif ret is None:
            values = []
        else:
            values = [(ret, self.touts[0])]
        outs = []
        for value, dtype in values:
            if isinstance(value, Variable):
                raise RuntimeError("Attempting to return a variable from an eagerly executed py_func. Only numeric "
                                   "data structures like Tensors or NumPy arrays should be returned; to return the "
                                   "value of a variable, make sure to obtain the Tensor backing it by calling "
                                   f"`.read_value()` on the variable in question: {value}")
            outs.append(convert_to_tensor(value, dtype))
        if len(outs) != len(self.touts):
            raise self._count_error(len(outs))
        return outs

    def _convert_numpy(self, ret):
        if isinstance(ret, bytes):
            ret = [ret]
        values = [] if ret is None else [_as_array(x) for x in ret] if isinstance(ret, (tuple, list)) else \
            [_as_array(ret)]
        if len(values) != len(self.touts):
            raise self._count_error(len(values))
        outs = []
        for i, (a, dtype) in enumerate(zip(values, self.touts)):
            got = _dt.string if a.dtype == object else _dt.as_dtype(a.dtype)
            if got is not dtype:
                err = InvalidArgumentError(None, None, f"{i}-th value returned by {self.token} is {got._cname}, "
                                                       f"but expects {dtype._cname}")
                err._script_op = self
                raise err
            outs.append(convert_to_tensor(a, dtype))
        return outs

    # ---- graph ----
    def record(self, inputs):
        """One stateful node calling func at every run (outputs of unknown shape); returns its outputs, or the
        node itself when there are none."""
        from ..graph.graph import record_call
        from ..graph.runtime import _on_tapes

        def call(*eager):
            outs = self.run(list(eager)) if local.graph is None else self.record(list(eager))
            return outs[0] if len(outs) == 1 else tuple(outs) if outs else None

        outs = record_call(self.type, call, inputs, self.touts, [_example(d, ()) for d in self.touts],
                           stateful=True, name=self.name, shapes=[TensorShape(None)] * len(self.touts))
        if not outs:
            return local.graph.operations[-1]
        for o in outs:
            o._data2 = _example(o._dtype, (2,))  # another rank: tensors computed from it learn theirs is unknown
        if self.eager and local.tapes and local.recording:
            _on_tapes(call, outs[0]._node.inputs, outs)
        return outs


def _trainable(t):
    return t._dtype.is_floating or t._dtype.is_complex


def _as_array(x):
    """TF's FuncRegistry._convert: numpy's array of a result, text as an object array of bytes."""
    a = np.asarray(x, order="C")
    if a.dtype.char == "U":
        return np.vectorize(lambda s: s.encode("utf8"), otypes=[object])(a) if a.size else a.astype(object)
    if a.dtype.char == "S":
        return a.astype(object)
    return a


def _example(dtype, shape):
    """A made-up trace-time value (the function is not called while tracing, as in TF)."""
    from ..framework.context import ctx
    if dtype is _dt.string:
        return np.full(shape, b"", dtype=object)
    return ctx.backend.full(shape, 0 if dtype.is_integer or dtype.is_bool else 1, dtype.name, None)
