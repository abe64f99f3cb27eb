"""TensorFlow's DType objects: names, numpy equivalents, ranges and the `as_dtype` lookup."""
import numpy as np

__all__ = ["DType", "as_dtype"]


class DType:
    """A TF element type; compares equal to itself, its name's numpy dtype and other spellings via `as_dtype`."""

    __slots__ = ("_name", "_np", "_cname", "_enum", "is_floating", "is_integer", "is_complex",
                 "is_bool", "is_unsigned", "is_string", "is_quantized", "__weakref__")

    def __init__(self, name, np_dtype, cname, enum, kind):
        self._name, self._np, self._cname, self._enum = name, np_dtype, cname, enum
        self.is_floating = kind == "f"
        self.is_integer = kind in ("i", "u")
        self.is_unsigned = kind == "u"
        self.is_complex = kind == "c"
        self.is_bool = kind == "b"
        self.is_string = kind == "s"
        self.is_quantized = False

    name = property(lambda self: self._name, doc="The TF name, e.g. 'float32'.")
    as_datatype_enum = property(lambda self: self._enum, doc="TF's DataType enum value.")
    base_dtype = property(lambda self: self, doc="Itself (reference dtypes do not exist in TF 2).")
    real_dtype = property(lambda self: {"complex64": float32, "complex128": float64}.get(self._name, self))
    is_numeric = property(lambda self: not (self.is_string or self.is_bool))

    @property
    def as_numpy_dtype(self):
        """The numpy scalar type (bfloat16 comes from ml_dtypes, as in TF)."""
        if self._np is None:
            import ml_dtypes
            self._np = ml_dtypes.bfloat16
        return self._np

    @property
    def min(self):
        if self.is_floating:
            return _finfo(self).min
        if self.is_integer:
            return np.iinfo(self._np).min
        if self.is_bool:
            return False
        raise TypeError(f"Cannot find minimum value of {self}.")

    @property
    def max(self):
        if self.is_floating:
            return _finfo(self).max
        if self.is_integer:
            return np.iinfo(self._np).max
        if self.is_bool:
            return True
        raise TypeError(f"Cannot find maximum value of {self}.")

    @property
    def size(self):
        return 1 if self.is_string else np.dtype(self.as_numpy_dtype).itemsize

    def is_compatible_with(self, other):
        return self == as_dtype(other)

    def __repr__(self):
        return f"tf.{self._name}"

    def __str__(self):
        return f"<dtype: '{self._name}'>"

    def __eq__(self, other):
        if other is self:
            return True
        if other is None:
            return False
        try:
            return as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return self._enum

    def __reduce__(self):
        return as_dtype, (self._name,)


def _finfo(dt):
    import ml_dtypes
    return ml_dtypes.finfo(dt.as_numpy_dtype)


float16 = DType("float16", np.float16, "half", 19, "f")
float32 = DType("float32", np.float32, "float", 1, "f")
float64 = DType("float64", np.float64, "double", 2, "f")
bfloat16 = DType("bfloat16", None, "bfloat16", 14, "f")
int8 = DType("int8", np.int8, "int8", 6, "i")
int16 = DType("int16", np.int16, "int16", 5, "i")
int32 = DType("int32", np.int32, "int32", 3, "i")
int64 = DType("int64", np.int64, "int64", 9, "i")
uint8 = DType("uint8", np.uint8, "uint8", 4, "u")
uint16 = DType("uint16", np.uint16, "uint16", 17, "u")
uint32 = DType("uint32", np.uint32, "uint32", 22, "u")
uint64 = DType("uint64", np.uint64, "uint64", 23, "u")
bool_ = DType("bool", np.bool_, "bool", 10, "b")
complex64 = DType("complex64", np.complex64, "complex64", 8, "c")
complex128 = DType("complex128", np.complex128, "complex128", 18, "c")
string = DType("string", np.object_, "string", 7, "s")

ALL = (float16, float32, float64, bfloat16, int8, int16, int32, int64, uint8, uint16, uint32,
       uint64, bool_, complex64, complex128, string)
half, double = float16, float64
_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update(half=float16, double=float64, float=float32)
_BY_ENUM = {d.as_datatype_enum: d for d in ALL}
_BY_NP = {np.dtype(d._np): d for d in ALL if d._np is not None and d is not string}
variant = _BY_NAME["variant"] = _BY_ENUM[21] = DType("variant", np.object_, "variant", 21, "v")  # list handles
_BY_PY = {float: float32, int: int32, bool: bool_, complex: complex128, str: string, bytes: string}

FLOATING = frozenset(d for d in ALL if d.is_floating)
INTEGER = frozenset(d for d in ALL if d.is_integer)
COMPLEX = frozenset((complex64, complex128))
NUMERIC = FLOATING | INTEGER | COMPLEX
REAL = FLOATING | INTEGER


def as_dtype(type_value):
    """Converts a DType, name, numpy dtype, python type or enum to a DType (TypeError otherwise)."""
    if type(type_value) is DType:
        return type_value
    if isinstance(type_value, str):
        d = _BY_NAME.get(type_value)
        if d is not None:
            return d
    elif isinstance(type_value, int) and not isinstance(type_value, bool):
        d = _BY_ENUM.get(type_value)
        if d is not None:
            return d
    elif isinstance(type_value, type) and type_value in _BY_PY:
        return _BY_PY[type_value]
    else:
        try:
            npd = np.dtype(type_value)
        except TypeError:
            npd = None
        if npd is not None:
            if npd.kind in "OSU":
                return string
            d = _BY_NP.get(npd)
            if d is not None:
                return d
            if npd.name == "bfloat16":
                return bfloat16
    raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow DType.")
