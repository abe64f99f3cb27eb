"""User functions of transformations (map, filter, reduce...), traced once like tf.function with the element
structure: tuple elements are passed as separate arguments, any other structure as one."""
import inspect

from ..graph.function import function
from ..graph.tensor_spec import TensorSpec
from ..util import nest

__all__ = ["TracedFunction", "call_args", "tuples"]


def call_args(element):
    """The positional arguments a user function receives for one element."""
    return element if type(element) is tuple else (element,)


def tuples(structure):
    """`structure` with Python lists turned into tuples (TF's rule for function results)."""
    if isinstance(structure, list):
        return tuple(tuples(v) for v in structure)
    if isinstance(structure, tuple):
        items = [tuples(v) for v in structure]
        return type(structure)(*items) if hasattr(structure, "_fields") else tuple(items)
    if isinstance(structure, dict):
        return {k: tuples(v) for k, v in structure.items()}
    return structure


def _user_code(error):
    """TF reports errors raised while tracing a dataset function 'in user code:'."""
    text = str(error)
    if text.startswith("in user code:"):
        return error
    try:
        wrapped = type(error)(f"in user code:\n\n\n    {type(error).__name__}: {text}\n")
    except Exception:  # an error type with another constructor keeps its own text
        return error
    return wrapped


def _check_arity(fn, args):
    """A function taking the wrong number of arguments fails as Python reports it, before tracing."""
    try:
        inspect.signature(fn).bind(*args)
    except TypeError:
        try:
            fn(*args)  # Python rejects the call before running the body
        except TypeError as e:
            raise _user_code(e) from None
    except ValueError:  # no signature (builtins): tracing will tell
        pass


class TracedFunction:
    """`fn` traced once for `in_specs` (a structure of TensorSpecs); called on flat lists of eager tensors."""

    def __init__(self, fn, in_specs):
        self._function = function(fn)
        args = call_args(in_specs)
        _check_arity(fn, args)
        try:
            self._concrete = self._function.get_concrete_function(*args)
        except (TypeError, ValueError, AttributeError, NotImplementedError) as e:
            raise _user_code(e) from None
        cf = self._concrete
        self.output_structure = tuples(cf.structured_outputs)
        flat = cf._flat
        if any(t is None for t in flat) or not flat:
            raise TypeError("tfcompat: a dataset function must return one or more tensors (it returned None).")
        self.output_spec = nest.pack_sequence_as(self.output_structure, [TensorSpec(t.shape, t.dtype) for t in flat])

    def __call__(self, flat_inputs):
        """The flat list of result tensors for one element's flat tensors."""
        out = self._concrete._call_flat(flat_inputs)
        return nest.flatten(out)

