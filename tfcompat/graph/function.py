"""`tf.function`: traces a Python function into a graph once per input signature (TF's retracing rules), then
runs the compiled graph; `ConcreteFunction` is one trace."""
import functools
import inspect
import itertools
import logging
import types
import weakref

import numpy as np

from ..framework import dtypes as _dt
from ..framework.context import local
from ..framework.convert import convert_to_tensor
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import EagerTensor, Tensor
from ..framework.tensor_shape import TensorShape
from ..framework.variables import ResourceVariable, Variable
from ..util import nest
from ..util.export import tf_export
from .graph import Graph, resize_example
from .runtime import composite_spec, flat_components
from .symbolic import SymbolicTensor
from .tensor_spec import TensorSpec

__all__ = ["function", "Function", "ConcreteFunction", "run_functions_eagerly", "functions_run_eagerly"]

_eagerly = [False]
_ids = itertools.count(1)
_PY = (int, float, bool, str, bytes, complex, type(None))


def run_functions_eagerly(run_eagerly):
    """`tf.config.run_functions_eagerly`: run every tf.function's Python body at each call (no tracing)."""
    _eagerly[0] = bool(run_eagerly)


def functions_run_eagerly():
    return _eagerly[0]


@tf_export("function")
def function(func=None, input_signature=None, autograph=True, jit_compile=None, reduce_retracing=False,
             experimental_implements=None, experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None, experimental_follow_type_hints=None,
             name=None):
    """`tf.function`, as a decorator (with or without arguments) or a call."""
    def decorate(fn):
        return Function(fn, name, input_signature, autograph, jit_compile,
                        bool(reduce_retracing or experimental_relax_shapes))
    return decorate if func is None else decorate(func)


# ---- signatures: what makes a new trace ----
def _encode(x, tensors):
    """The cache key of one argument (tensors by dtype and shape, Python values by value), collecting tensors."""
    t = type(x)
    if t is EagerTensor:
        tensors.append(x)
        return ("T", x._dtype, tuple(x._data.shape))
    if t in _PY:
        return ("P", x)
    if t is list or t is tuple or isinstance(x, tuple):
        return ("L", t, tuple(_encode(v, tensors) for v in x))
    if t is dict:
        return ("D", tuple((k, _encode(x[k], tensors)) for k in sorted(x, key=str)))
    if t is SymbolicTensor:
        tensors.append(x)
        return ("T", x._dtype, x._shape._dims)
    if isinstance(x, (np.ndarray, np.generic)):
        x = convert_to_tensor(x)
        tensors.append(x)
        return ("T", x._dtype, tuple(x._data.shape))
    if isinstance(x, Variable):
        tensors.append(x)
        return ("V", x._dtype, x._shape._dims)
    if isinstance(x, TensorSpec):
        tensors.append(x)
        return ("T", x.dtype, x.shape._dims)
    spec = composite_spec(x)
    if spec is not None:  # RaggedTensor, SparseTensor (or their specs): keyed by spec, passed as components
        tensors.extend(spec._component_specs if spec is x else x._to_components())
        return ("C", spec)
    return ("O", id(x))


def _substitute(x, it, specs=None):
    """`x` with each tensor (in `_encode`'s order) replaced by the next item of `it`; a composite is rebuilt
    from its next components (with the next of `specs`, the trace's specs, if given), or stays a spec when
    those are TensorSpecs."""
    t = type(x)
    if t is EagerTensor or t is SymbolicTensor or isinstance(x, (np.ndarray, np.generic, TensorSpec, Variable)):
        return next(it)
    if t in _PY:
        return x
    if t is list:
        return [_substitute(v, it, specs) for v in x]
    if t is tuple:
        return tuple(_substitute(v, it, specs) for v in x)
    if isinstance(x, tuple):
        return t(*[_substitute(v, it, specs) for v in x])
    if t is dict:
        return {k: _substitute(x[k], it, specs) for k in sorted(x, key=str)}
    spec = composite_spec(x)
    if spec is not None:
        spec = spec if specs is None else next(specs)
        parts = [next(it) for _ in spec._component_specs]
        return spec if isinstance(parts[0], TensorSpec) else spec._from_components(parts)
    return x


def _generalize(a, b):
    """The least specific key covering keys a and b (tensor dims that differ become None), or None."""
    if a[0] != b[0]:
        return None
    if a[0] == "T":
        if a[1] is not b[1] or a[2] is None or b[2] is None or len(a[2]) != len(b[2]):
            return None if a[1] is not b[1] else ("T", a[1], None)
        return ("T", a[1], tuple(x if x == y else None for x, y in zip(a[2], b[2])))
    if a[0] == "L":
        if a[1] is not b[1] or len(a[2]) != len(b[2]):
            return None
        kids = [_generalize(x, y) for x, y in zip(a[2], b[2])]
        return None if None in kids else ("L", a[1], tuple(kids))
    if a[0] == "D":
        if [k for k, _ in a[1]] != [k for k, _ in b[1]]:
            return None
        kids = [_generalize(x, y) for (_, x), (_, y) in zip(a[1], b[1])]
        return None if None in kids else ("D", tuple((k, v) for (k, _), v in zip(a[1], kids)))
    if a[0] == "C":
        general = a[1] if a[1] == b[1] else a[1].most_specific_common_supertype([b[1]])
        return None if general is None else ("C", general)
    return a if a == b else None


def _covers(pattern, key):
    return _generalize(pattern, key) == pattern


def _key(args, kwargs, tensors):
    """The cache key of a call (one structure, so `_generalize` relaxes it whole), collecting its tensors."""
    return ("L", tuple, (("L", tuple, tuple(_encode(a, tensors) for a in args)),
                         _encode(kwargs, tensors) if kwargs else ("P", None)))


class Function:
    """A polymorphic graph function: one ConcreteFunction per input signature."""

    def __init__(self, python_function, name=None, input_signature=None, autograph=True, jit_compile=None,
                 reduce_retracing=False):
        self._python_function = python_function
        self._name = name or getattr(python_function, "__name__", "function")
        self._autograph, self._jit_compile = autograph, jit_compile
        self._reduce_retracing = reduce_retracing
        self._input_signature = None if input_signature is None else tuple(input_signature)
        self._cache, self._relaxed, self._special = {}, [], {}
        self._tracing_count = 0
        self._traced_variables = False
        self._converted = None
        self._bound = weakref.WeakKeyDictionary()
        self._calls = _detector(python_function)
        try:
            self._signature = inspect.signature(python_function)
        except (TypeError, ValueError):
            self._signature = None
        params = list(self._signature.parameters.values()) if self._signature else []
        simple = all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params)
        self._arity = len(params) if simple else -1
        self._param_names = [p.name for p in params]
        functools.update_wrapper(self, python_function, updated=())

    python_function = property(lambda self: self._python_function)
    input_signature = property(lambda self: self._input_signature)

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        try:
            return self._bound[instance]
        except (KeyError, TypeError):
            pass
        bound = Function(types.MethodType(self._python_function, instance), self._name, self._input_signature,
                         self._autograph, self._jit_compile, self._reduce_retracing)
        try:
            self._bound[instance] = bound
        except TypeError:
            pass
        return bound

    def experimental_get_tracing_count(self):
        return self._tracing_count

    def __repr__(self):
        return f"<tensorflow.python.eager.polymorphic_function.polymorphic_function.Function object at {id(self):#x}>"

    # ---- calls ----
    def __call__(self, *args, **kwargs):
        if _eagerly[0]:
            return self._python_function(*args, **kwargs)
        if self._input_signature is not None:
            args, kwargs = self._bind_signature(args, kwargs)
        elif kwargs or len(args) != self._arity:
            args, kwargs = self._canonical(args, kwargs)
        tensors = []
        key = _key(args, kwargs, tensors)
        cf = self._cache.get(key)
        if cf is None:
            count = self._tracing_count
            cf = self._find_or_trace(key, args, kwargs, tensors)
            if local.graph is None:
                self._calls.called(self._tracing_count != count, self._python_function)
        elif local.graph is None:
            self._calls.called(False, None)
        return cf._call_flat(tensors)

    def _canonical(self, args, kwargs):
        """Arguments bound to the function's parameters, defaults filled in (so f(1), f(1, y=2) and f(1, 2)
        share a trace when y defaults to 2)."""
        if self._signature is None:
            return args, kwargs
        try:
            bound = self._signature.bind(*args, **kwargs)
        except TypeError as e:
            raise self._binding_error(e, args, kwargs) from None
        bound.apply_defaults()
        return bound.args, bound.kwargs

    def _binding_error(self, why, args, kwargs):
        return TypeError(f"Binding inputs to tf.function failed due to `{why}`. Received args: {tuple(args)} and "
                         f"kwargs: {kwargs} for signature: {self._signature_text()}.")

    def _signature_text(self, literals=None):
        """The signature as TF prints it: parameters with their types (TensorSpecs of the input_signature, or
        `literals` of a trace) and `<captured_default_value>` for defaults."""
        if self._signature is None:
            return "(*args, **kwargs)"
        specs = self._input_signature if literals is None else literals
        parts = []
        for i, p in enumerate(self._signature.parameters.values()):
            if p.kind is p.VAR_POSITIONAL or p.kind is p.VAR_KEYWORD:
                parts.append(str(p))
            elif specs is not None and i < len(specs):
                parts.append(f"{p.name}: {_type_text(specs[i])}")
            elif specs is not None and p.default is not p.empty:
                parts.append(f"{p.name}: Literal[{p.default!r}] = <captured_default_value>")
            else:
                parts.append(p.name if p.default is p.empty else f"{p.name}=<captured_default_value>")
        return "(" + ", ".join(parts) + ")"

    def _bind_signature(self, args, kwargs):
        """Converts arguments to the input_signature's specs (TF's TypeError when they do not fit)."""
        given = args, kwargs
        args, kwargs = self._canonical(args, kwargs)
        specs = self._input_signature
        out = []
        for i, a in enumerate(args):
            if i >= len(specs):
                default = self._signature.parameters[self._param_names[i]].default
                if a is not default and not (type(a) in _PY and a == default):
                    raise self._binding_error(f"Can not cast {a!r} to Literal[{default!r}]", *given)
                continue
            out.append(self._fit(specs[i], a, given))
        return tuple(out), {}

    def _fit(self, spec, value, given):
        """`value` converted to the structure of `spec` (TensorSpecs at the leaves)."""
        if isinstance(spec, TensorSpec):
            return self._fit_tensor(spec, value, given)
        if isinstance(spec, (list, tuple)) and isinstance(value, (list, tuple)) and len(spec) == len(value):
            fitted = [self._fit(s, v, given) for s, v in zip(spec, value)]
            return fitted if type(spec) is list else tuple(fitted)
        if isinstance(spec, dict) and isinstance(value, dict) and set(spec) == set(value):
            return {k: self._fit(spec[k], value[k], given) for k in spec}
        if composite_spec(spec) is spec:
            return self._fit_composite(spec, value, given)
        raise self._binding_error(f"Can not cast {value!r} to {_type_text(spec)}", *given)

    def _fit_composite(self, spec, value, given):
        """A RaggedTensor or SparseTensor checked component by component against `spec` (TF's messages)."""
        specs, parts = spec._component_specs, flat_components([value])
        if len(parts) != len(specs):
            first, second = f"type=list str={specs}", f"type=list str={parts}"
            raise self._binding_error(
                f"The two structures don't have the same nested structure.\n\nFirst structure: {first}\n\n"
                f"Second structure: {second}\n\nMore specifically: The two structures don't have the same number "
                f"of elements. First structure: {first}. Second structure: {second}\nEntire first structure:\n"
                f"[{', '.join('.' * len(specs))}]\nEntire second structure:\n[{', '.join('.' * len(parts))}]",
                *given)
        for s, p in zip(specs, parts):
            if not isinstance(p, Tensor) or p.dtype is not s.dtype or not s.shape.is_compatible_with(p.shape):
                what = TensorSpec(p.shape, p.dtype) if isinstance(p, Tensor) else repr(p)
                raise self._binding_error(f"Can not cast {what} to {s}", *given)
        return value

    def _fit_tensor(self, spec, value, given):
        if isinstance(value, Variable):
            value = value.read_value()
        if not isinstance(value, Tensor):
            try:
                value = convert_to_tensor(value, spec.dtype)
            except (TypeError, ValueError):
                raise self._binding_error(f"Can not cast {value!r} to {spec}", *given) from None
        if value.dtype is not spec.dtype or not spec.shape.is_compatible_with(value.shape):
            raise self._binding_error(f"Can not cast {TensorSpec(value.shape, value.dtype)} to {spec}", *given)
        return value

    def _find_or_trace(self, key, args, kwargs, tensors):
        if self._input_signature is not None:
            if self._cache:
                return next(iter(self._cache.values()))
            general = _key(self._input_signature, {}, [])
            cf = self._trace(args, kwargs, tensors, _key_shapes(general), key=general)
            self._cache[key] = cf
            return cf
        for pattern, cf in self._relaxed:
            if _covers(pattern, key):
                return cf
        shapes = None
        if self._reduce_retracing:
            for old in list(self._cache):
                general = _generalize(old, key)
                if general is not None and general != key:
                    shapes = _key_shapes(general)
                    cf = self._trace(args, kwargs, tensors, shapes, key=general)
                    self._relaxed.append((general, cf))
                    return cf
        if _key_specs(key):
            shapes = _key_shapes(key)
        cf = self._trace(args, kwargs, tensors, shapes, key=key)
        self._cache[key] = cf
        return cf

    # ---- tracing ----
    def _traceable(self):
        if self._converted is None:
            fn = self._python_function
            if self._autograph:
                try:
                    from ..autograph import convert
                except ImportError:
                    convert = None
                if convert is not None:
                    fn = convert(fn)
            self._converted = fn
        return self._converted

    def _trace(self, args, kwargs, tensors, shapes=None, count=True, key=None):
        cf = self._trace_once(args, kwargs, tensors, shapes, key)
        if cf.graph.created_variables:
            if self._traced_variables or self._tracing_count:
                raise ValueError("Creating variables on a non-first call to a function decorated with tf.function.")
            self._traced_variables = True
            cf = self._trace_once(args, kwargs, tensors, shapes, key)
            if cf.graph.created_variables:
                raise ValueError("tf.function only supports singleton tf.Variables created on the first call. Make "
                                 "sure the tf.Variable is only created once or created outside tf.function. See "
                                 "https://www.tensorflow.org/guide/function#creating_tfvariables for more "
                                 "information.")
        if count:
            self._tracing_count += 1
        return cf

    def _trace_once(self, args, kwargs, tensors, shapes, key):
        graph = Graph(name=f"{self._name}")
        names = self._leaf_names(args, kwargs)
        specs = _key_specs(key) if key is not None else []
        given = _composite_examples(key, tensors) if specs else {}
        slots = []
        with graph.as_default():
            for i, t in enumerate(tensors):
                if isinstance(t, Variable):
                    slots.append(_VariableArgument(t, graph))
                    continue
                shape = None if shapes is None else shapes[i]
                slots.append(_placeholder(graph, t, shape, names[i] if i < len(names) else "args", given.get(i)))
            it, sit = iter(slots), iter(specs)
            sym_args = tuple(_substitute(a, it, sit) for a in args)
            sym_kwargs = {k: _substitute(kwargs[k], it, sit) for k in sorted(kwargs, key=str)}
            out = self._traceable()(*sym_args, **sym_kwargs)
            flat = [_output(o) for o in flat_components(nest.flatten(out))]
        return ConcreteFunction(self, graph, slots, out, flat, (args, kwargs), key)

    def _leaf_names(self, args, kwargs):
        names = []
        for i, a in enumerate(args):
            base = self._param_names[i] if i < len(self._param_names) else f"args_{i}"
            names.extend([base] * len(_encode_count(a)))
        for k in sorted(kwargs, key=str):
            names.extend([k] * len(_encode_count(kwargs[k])))
        return names

    def get_concrete_function(self, *args, **kwargs):
        """The ConcreteFunction for these arguments (tensors or TensorSpecs), tracing it if needed."""
        if self._input_signature is not None and not args and not kwargs:
            if self._cache:
                return next(iter(self._cache.values()))
            args = tuple(self._input_signature)
        elif kwargs or len(args) != self._arity:
            args, kwargs = self._canonical(args, kwargs)
        tensors = []
        key = _key(args, kwargs, tensors)
        cf = self._cache.get(key)
        if cf is not None:
            return cf
        for pattern, found in self._relaxed:
            if _covers(pattern, key):
                return found
        shapes = _key_shapes(key)
        cf = self._trace(args, kwargs, tensors, shapes, key=key)
        if all(s is None or s.is_fully_defined() for s in shapes):
            self._cache[key] = cf
        else:
            self._relaxed.append((key, cf))
        return cf

    def _concrete_functions(self):
        return list(self._cache.values()) + [cf for _, cf in self._relaxed]

    def pretty_printed_concrete_signatures(self, verbose=True):
        return "\n\n".join(cf.pretty_printed_signature() for cf in self._concrete_functions())

    def _specialize(self, cf, everything, tensors):
        """A trace of `cf`'s function for the exact shapes of `tensors`: the frontend may have read example
        values while tracing a signature with unknown dimensions, so each new concrete shape gets its own
        (with the same static shapes: the function sees the signature it was traced for)."""
        key = (id(cf), tuple(tuple(t._data.shape) for t in tensors))
        hit = self._special.get(key)
        if hit is None:
            args, kwargs = cf._template
            it = iter(everything)
            args = tuple(_substitute(a, it) for a in args)
            kwargs = {k: _substitute(kwargs[k], it) for k in sorted(kwargs, key=str)}
            shapes = [getattr(s, "_shape", None) if type(s) is SymbolicTensor else None for s in cf._slots]
            hit = self._special[key] = self._trace(args, kwargs, list(everything), shapes, count=False, key=cf._key)
        return hit


class _Retracing:
    """TF's frequent-retracing detector: warns (twice at most) when 5 of the last calls (about 10) traced."""

    __slots__ = ("tracings", "calls", "warnings")

    def __init__(self):
        self.tracings, self.calls, self.warnings = [], 0, 0

    def called(self, traced, function):
        self.calls += 1
        if not traced:
            if not self.tracings:
                self.tracings.append(0)
            self.tracings[-1] += 1
            return
        self.tracings.append(1)
        while self.tracings and self.calls - self.tracings[0] > 10:
            self.calls -= self.tracings.pop(0)
        if self.warnings < 2 and len(self.tracings) >= 5:
            self.warnings += 1
            logging.getLogger("tensorflow").warning(
                f"{len(self.tracings)} out of the last {self.calls} calls to {function} triggered tf.function "
                "retracing. Tracing is expensive and the excessive number of tracings could be due to (1) creating "
                "@tf.function repeatedly in a loop, (2) passing tensors with different shapes, (3) passing Python "
                "objects instead of tensors. For (1), please define your @tf.function outside of the loop. For "
                "(2), @tf.function has reduce_retracing=True option that can avoid unnecessary retracing. For (3), "
                "please refer to https://www.tensorflow.org/guide/function#controlling_retracing and "
                "https://www.tensorflow.org/api_docs/python/tf/function for  more details.")


_detectors = weakref.WeakKeyDictionary()


def _detector(fn):
    """The retracing detector of a Python function's code (shared by every tf.function of it, as in TF)."""
    while hasattr(fn, "__wrapped__"):
        fn = fn.__wrapped__
    fn = getattr(fn, "__func__", fn)
    key = getattr(fn, "__code__", fn)
    try:
        found = _detectors.get(key)
        if found is None:
            found = _detectors[key] = _Retracing()
        return found
    except TypeError:
        return _Retracing()


class _BoundHandle:
    """The handle of a Variable argument: the value of the Variable bound for the current call."""

    __slots__ = ("variable",)

    def __init__(self, variable):
        self.variable = variable

    value = property(lambda self: self.variable._handle.value,
                     lambda self, v: setattr(self.variable._handle, "value", v))


class _VariableArgument(ResourceVariable):
    """Stands for a Variable argument inside its trace: reads and writes go to the Variable of the current call,
    so other Variables of the same dtype and shape reuse the trace (TF passes resource handles). Outside the
    trace (a tape replaying the graph, an enclosing trace inlining it) it is the bound Variable itself."""

    def __init__(self, variable, graph):
        self.__dict__.update(variable.__dict__)
        self._handle = _BoundHandle(variable)
        self._graph = graph

    def _own(self):
        g = local.graph
        return g is not None and self._graph.is_ancestor_of(g)

    def _read(self):
        return super()._read() if self._own() else self._handle.variable._read()

    def _store(self, new, read_value):
        return super()._store(new, read_value) if self._own() else self._handle.variable._store(new, read_value)


def _encode_count(x):
    tensors = []
    _encode(x, tensors)
    return tensors


def _key_leaves(key, out):
    """The tensor-carrying leaves of a key, in `_encode`'s order."""
    if key[0] in "TVC":
        out.append(key)
    elif key[0] == "L":
        for c in key[2]:
            _key_leaves(c, out)
    elif key[0] == "D":
        for _, c in key[1]:
            _key_leaves(c, out)
    return out


def _key_shapes(key):
    """The static shape of each placeholder of a trace for `key` (None for Variables)."""
    out = []
    for k in _key_leaves(key, []):
        if k[0] == "C":
            out.extend(s.shape for s in k[1]._component_specs)
        else:
            out.append(TensorShape(k[2]) if k[0] == "T" else None)
    return out


def _key_specs(key):
    return [k[1] for k in _key_leaves(key, []) if k[0] == "C"]


def _composite_examples(key, tensors):
    """{leaf index: (example, second example)} for the components of composite arguments: their spec makes
    the pair consistent (a ragged tensor's row splits must fit its values in both examples)."""
    from ..framework.context import ctx
    backend, out, i = ctx.backend, {}, 0
    for k in _key_leaves(key, []):
        if k[0] != "C":
            i += 1
            continue
        specs = k[1]._component_specs
        parts = tensors[i:i + len(specs)]
        made_up = isinstance(parts[0], TensorSpec)
        arrays = [_made_up(s.dtype, s.shape, 2) if made_up else p._data for p, s in zip(parts, specs)]
        pairs = k[1]._trace_examples(arrays, made_up, _resized, backend.to_numpy, backend.from_numpy)
        out.update(zip(range(i, i + len(specs)), pairs))
        i += len(specs)
    return out


def _resized(a, shape):
    """A second example: `a` resized to `shape` (values cycled)."""
    if isinstance(a, np.ndarray) and a.dtype == object:
        return np.resize(a, shape) if a.size else np.full(shape, b"", dtype=object)
    return resize_example(a, shape)


def _placeholder(graph, t, shape, name, given=None):
    """A placeholder for argument `t` (a tensor, or a TensorSpec: then with made-up example values); `given`:
    its (example, second example) when a composite argument chose them."""
    if given is not None:
        dtype = t.dtype if isinstance(t, TensorSpec) else t._dtype
        return graph.placeholder(dtype, shape, given[0], given[1], name=name)
    if isinstance(t, TensorSpec):
        example = _made_up(t.dtype, t.shape, 2)
        dtype = t.dtype
    else:
        example, dtype = t._data, t._dtype
    if shape is None:
        shape = TensorShape._known(tuple(example.shape))
    example2 = None
    if not shape.is_fully_defined():
        dims = tuple(example.shape)
        if shape.rank is None:  # another rank too, so that derived tensors learn their rank is unknown
            shape2 = tuple(d + 1 for d in dims) + (2,)
        else:
            shape2 = tuple(d + 1 if s is None else d for d, s in zip(dims, shape.as_list()))
        example2 = resize_example(example, shape2) if dtype is not _dt.string else np.resize(example, shape2)
    return graph.placeholder(dtype, shape, example, example2, name=name)


def _made_up(dtype, shape, unknown):
    """An example value for a TensorSpec: ones (zeros for integers), unknown dims of size `unknown`."""
    from ..framework.context import ctx
    dims = (unknown,) if shape.rank is None else tuple(unknown if d is None else d for d in shape.as_list())
    if dtype is _dt.string:
        return np.full(dims, b"", dtype=object)
    value = 0 if dtype.is_integer or dtype.is_bool else 1
    return ctx.backend.full(dims, value, dtype.name, None)


def _output(x):
    """A function result leaf as a tensor (Python numbers and strings converted, as TF does), or None."""
    if x is None or isinstance(x, Tensor):
        return x
    if isinstance(x, Variable):
        return x.read_value()
    if isinstance(x, (Tensor,)) or type(x) in _PY or isinstance(x, (np.ndarray, np.generic)):
        return convert_to_tensor(x)
    if hasattr(type(x), "__tf_tensor__"):
        return convert_to_tensor(x)
    raise TypeError(f"To be compatible with tf.function, Python functions must return zero or more Tensors or "
                    f"ExtensionTypes or None values; in compilation of {x!r}, found return value of type "
                    f"{type(x).__name__}, which is not a Tensor or ExtensionType.")


class ConcreteFunction:
    """One trace of a Function: its graph, its compiled plan, and how to pack results. `_slots` has one entry
    per tensor or Variable argument leaf: its placeholder, or the `_VariableArgument` standing for it."""

    def __init__(self, function, graph, slots, structure, flat_outputs, template, key=None):
        from .executor import Plan
        self._function, self.graph, self._slots, self._key = function, graph, slots, key
        self.inputs = [s for s in slots if type(s) is SymbolicTensor]
        self._variables = [(i, s) for i, s in enumerate(slots) if type(s) is not SymbolicTensor]
        self._tensor_slots = [i for i, s in enumerate(slots) if type(s) is SymbolicTensor]
        self._structure, self._flat = structure, flat_outputs
        self._template = template
        self._live = [t for t in flat_outputs if t is not None]
        self._plan = Plan(graph, self.inputs, self._live)
        self._out_dtypes = [t._dtype for t in self._live]
        self._exact = all(p._shape.is_fully_defined() for p in self.inputs)
        self._example_shapes = [tuple(p._data.shape) for p in self.inputs]
        self._single = len(flat_outputs) == 1 and not nest.is_nested(structure) and flat_outputs[0] is not None
        leaves = nest.flatten(structure)
        self._out_specs = [composite_spec(o) for o in leaves] if len(leaves) != len(flat_outputs) else None
        self._name = f"__inference_{function._name}_{next(_ids)}"

    structured_outputs = property(lambda self: self._structure)
    outputs = property(lambda self: list(self._live))
    name = property(lambda self: self._name)

    @property
    def structured_input_signature(self):
        args, kwargs = self._template
        it = iter([TensorSpec(s._shape, s._dtype) for s in self._slots])
        specs = iter(_key_specs(self._key)) if self._key is not None else None
        return (tuple(_substitute(a, it, specs) for a in args),
                {k: _substitute(kwargs[k], it, specs) for k in sorted(kwargs, key=str)})

    def _call_flat(self, everything):
        """Runs the trace on its argument leaves (tensors, and Variables bound to their stand-ins)."""
        tensors = everything
        if self._variables:
            for i, proxy in self._variables:
                proxy._handle.variable = everything[i]
            tensors = [everything[i] for i in self._tensor_slots]
        if not self._exact and [tuple(t._data.shape) for t in tensors] != self._example_shapes:
            return self._function._specialize(self, everything, tensors)._call_flat(everything)
        if local.graph is not None and local.graph.v1:
            from .control_flow import partitioned_call
            outs = partitioned_call(self._plan, tensors)
        elif local.tapes or local.graph is not None:
            outs = self._plan.interpret(tensors)
        else:
            arrays = self._plan(*[t._data for t in tensors])
            outs = [EagerTensor(a, d) for a, d in zip(arrays, self._out_dtypes)]
        if self._single:
            return outs[0]
        it = iter(outs)
        if self._out_specs is not None:
            return self._pack_composites(it)
        return nest.pack_sequence_as(self._structure, [None if t is None else next(it) for t in self._flat])

    def _pack_composites(self, it):
        """The results, composite ones (RaggedTensor, SparseTensor) rebuilt from their components."""
        leaves, flat = [], iter(self._flat)
        for spec in self._out_specs:
            if spec is None:
                leaves.append(None if next(flat) is None else next(it))
                continue
            parts = [next(it) for _ in spec._component_specs]
            for _ in parts:
                next(flat)
            leaves.append(spec._from_components(parts))
        return nest.pack_sequence_as(self._structure, leaves)

    def __call__(self, *args, **kwargs):
        """Calls the trace with tensors for its tensor parameters; Python parameters, which may be left out,
        must equal the traced literals."""
        fn = self._function
        targs, tkwargs = self._template
        names = fn._param_names
        values = list(targs)
        given = [False] * len(targs)
        extra = dict(tkwargs)
        for i, a in enumerate(args):
            if i >= len(values):
                raise self._binding_error("too many positional arguments", args, kwargs)
            values[i], given[i] = a, True
        for k, v in kwargs.items():
            if k in names[:len(values)]:
                i = names.index(k)
                values[i], given[i] = v, True
            elif k in extra:
                extra[k] = v
            else:
                raise self._binding_error(f"got an unexpected keyword argument '{k}'", args, kwargs)
        everything = []
        for name, value, template, was_given in zip(names, values, targs, given):
            self._bind(name, value, template, everything, args, kwargs, was_given)
        for k in sorted(extra, key=str):
            self._bind(k, extra[k], tkwargs[k], everything, args, kwargs, True)
        return self._call_flat(everything)

    def _bind(self, name, value, template, everything, args, kwargs, given):
        traced = []
        _encode(template, traced)
        if not traced:
            if not (value is template or (type(value) in _PY and value == template)):
                raise self._binding_error(f"Can not cast {value!r} to Literal[{template!r}]", args, kwargs)
            return
        if not given:
            raise self._binding_error(f"missing a required argument: '{name}'", args, kwargs)
        for slot, v in zip(self._slots[len(everything):len(everything) + len(traced)],
                           flat_components(nest.flatten(value))):
            if type(slot) is not SymbolicTensor:
                everything.append(v)
                continue
            t = v if isinstance(v, Tensor) else convert_to_tensor(v, slot._dtype)
            if t._dtype is not slot._dtype:
                index = self.inputs.index(slot)
                raise op_error(InvalidArgumentError, self._name,
                               f"cannot compute {self._name} as input #{index}(zero-based) was expected to "
                               f"be a {slot._dtype.name} tensor but is a {t._dtype.name} tensor")
            everything.append(t)

    def _binding_error(self, why, args, kwargs):
        fn = self._function
        return TypeError(f"Binding inputs to tf.function failed due to `{why}`. Received args: {tuple(args)} and "
                         f"kwargs: {kwargs} for signature: {fn._signature_text(self.structured_input_signature[0])}"
                         f" -> {_type_text(self._output_type())}.")

    def _output_type(self):
        spec = lambda t: None if t is None else composite_spec(t) or TensorSpec(t._shape, t._dtype)
        if nest.is_nested(self._structure):
            return nest.map_structure(spec, self._structure)
        return None if self._structure is None else spec(self._flat[0])

    def pretty_printed_signature(self, verbose=True):
        args, kwargs = self.structured_input_signature
        lines = ["Input Parameters:"]
        names = self._function._param_names
        for i, a in enumerate(args):
            name = names[i] if i < len(names) else f"args_{i}"
            lines.append(f"  {name} (POSITIONAL_OR_KEYWORD): {_type_text(a)}")
        for k, v in kwargs.items():
            lines.append(f"  {k} (KEYWORD_ONLY): {_type_text(v)}")
        lines += ["Output Type:", f"  {_type_text(self._output_type())}", "Captures:", "  None"]
        return "\n".join(lines)

    def __str__(self):
        return "ConcreteFunction " + self.pretty_printed_signature()

    def __repr__(self):
        return f"<ConcreteFunction {self._name} at {id(self):#X}>"


def _type_text(x):
    if isinstance(x, TensorSpec) or composite_spec(x) is x:
        return repr(x)
    if isinstance(x, dict):
        return "Dict[" + ", ".join(f"[{k!r}, {_type_text(v)}]" for k, v in x.items()) + "]"
    if isinstance(x, list):
        return "List[" + ", ".join(_type_text(v) for v in x) + "]"
    if isinstance(x, tuple):
        return "Tuple[" + ", ".join(_type_text(v) for v in x) + "]"
    return f"Literal[{x!r}]"
