"""`tf.Tensor` (the abstract type) and `EagerTensor`: an immutable wrapper of one backend array."""
import numpy as np

from . import dtypes as _dt
from .context import canonical_device, ctx
from .tensor_shape import TensorShape

__all__ = ["Tensor", "EagerTensor", "Reference", "is_tensor_like"]


class Reference:
    """A hashable reference to a tensor or variable (`t.ref()`), compared by identity."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def deref(self):
        return self._obj

    def __hash__(self):
        return id(self._obj)

    def __eq__(self, other):
        return isinstance(other, Reference) and other._obj is self._obj

    def __repr__(self):
        return f"<Reference wrapping {self._obj!r}>"


class Tensor:
    """The type every TF tensor is an instance of; operators are attached by the op modules."""

    __slots__ = ()
    __array_priority__ = 100
    OVERLOADABLE_OPERATORS = frozenset()

    def __hash__(self):
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def ref(self):
        return Reference(self)

    experimental_ref = ref

    def get_shape(self):
        return self.shape

    @property
    def ndim(self):
        return self.shape.rank

    def __setitem__(self, key, value):
        raise TypeError(f"'{_qualname(self)}' object does not support item assignment")

    def __delitem__(self, key):
        raise TypeError(f"'{_qualname(self)}' object doesn't support item deletion")


def _qualname(t):
    return "tensorflow.python.framework.ops.EagerTensor" if isinstance(t, EagerTensor) else type(t).__name__


class EagerTensor(Tensor):
    """A concrete tensor holding a backend array (`_data`) and its TF dtype (`_dtype`)."""

    # _slice_of: (variable, key) on the tensors `variable[key]` returns (unset otherwise); it gives them `assign`
    __slots__ = ("_data", "_dtype", "_slice_of", "_keras_mask", "__weakref__")

    def __init__(self, data, dtype):
        self._data = data
        self._dtype = dtype

    @property
    def assign(self):
        """`variable[key].assign(value)`: only a tensor read from a variable's slice has it, as in TF."""
        try:
            variable, key = self._slice_of
        except AttributeError:
            raise AttributeError(f"'{_qualname(self)}' object has no attribute 'assign'") from None

        def assign(value, use_locking=None, name=None, read_value=True):
            out = variable._assign_slice(key, value)
            return out if read_value else None
        return assign

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return TensorShape._known(tuple(self._data.shape))

    @property
    def device(self):
        if self._dtype is _dt.string:
            return canonical_device("CPU:0")
        return canonical_device(ctx.backend.device_of(self._data))

    @property
    def backing_device(self):
        return self.device

    @property
    def name(self):
        raise AttributeError("Tensor.name is undefined when eager execution is enabled.")

    @property
    def op(self):
        raise AttributeError("Tensor.op is undefined when eager execution is enabled.")

    @property
    def graph(self):
        raise AttributeError("Tensor.graph is undefined when eager execution is enabled.")

    def _backend(self):
        return ctx.host if self._dtype is _dt.string else ctx.backend

    def _numpy(self):
        """The value as a numpy ndarray (a copy: writing to it leaves the tensor unchanged)."""
        if self._dtype is _dt.string:
            return np.array(self._data, dtype=object)
        return ctx.backend.to_numpy(self._data)

    def numpy(self):
        a = self._numpy()
        return a[()] if a.ndim == 0 else a

    def __array__(self, dtype=None, copy=None):
        a = self._numpy()
        return a if dtype is None else a.astype(dtype)

    def __len__(self):
        shape = self._data.shape
        if not shape:
            raise TypeError("Scalar tensor has no `len()`")
        return shape[0]

    def __iter__(self):
        shape = self._data.shape
        if not shape:
            raise TypeError("Cannot iterate over a scalar tensor.")
        return (self[i] for i in range(shape[0]))

    def __bool__(self):
        a = self._numpy()
        return bool(a) if a.size else False  # TF: an empty tensor is False (numpy 2 raises)

    def __int__(self):
        return int(self._scalar())

    def __float__(self):
        return float(self._scalar())

    def __complex__(self):
        return complex(self._scalar())

    def __index__(self):
        return self._scalar().__index__()

    def _scalar(self):
        a = self._numpy()
        if a.ndim:
            raise TypeError("only 0-dimensional arrays can be converted to Python scalars")
        return a[()]

    def __format__(self, spec):
        return format(self.numpy(), spec)

    def __reduce__(self):
        from .convert import convert_to_tensor
        return convert_to_tensor, (self.numpy(),)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def set_shape(self, shape):
        if not self.shape.is_compatible_with(shape):
            raise ValueError(f"Tensor's shape {self.shape} is not compatible with supplied shape "
                             f"{TensorShape(shape)}.")

    def __repr__(self):
        return f"<tf.Tensor: shape={self.shape}, dtype={self._dtype.name}, numpy={numpy_text(self, True)}>"

    def __str__(self):
        return f"tf.Tensor({numpy_text(self, False)}, shape={self.shape}, dtype={self._dtype.name})"


def numpy_text(t, is_repr):
    """TF's text of a tensor's value: python repr for scalars in repr, numpy's text otherwise."""
    a = t._numpy()
    if a.ndim == 0:
        return repr(a.item()) if is_repr else str(a[()])
    text = repr(a) if is_repr else str(a)
    return "\n" + text if "\n" in text else text


def is_tensor_like(x):
    """`tf.is_tensor`: Tensors, Variables and composite tensors."""
    return isinstance(x, Tensor) or getattr(x, "_is_tensor_like", False)
