"""The backend contract: a table of kernels on a backend's native arrays, plus capability flags.

A backend knows nothing of tapes, Variables or Keras. The frontend validates arguments, computes
result dtypes and raises TF's errors before calling a kernel; a kernel may assume valid input.
Dtypes cross the boundary as TF dtype names ('float32', 'int64', 'bool', 'complex64', ...).
Shapes and axes are tuples of Python ints. A backend subclasses `Backend` and overrides the
kernels it provides; calling one it does not provide raises `NotProvidedError` naming it.
"""

from . import spec_array, spec_conv, spec_linalg, spec_math, spec_nn, spec_random, spec_sparse

# Capability flags a backend may declare in `capabilities`.
FLOAT16, FLOAT64, BFLOAT16, COMPLEX, UNSIGNED_WIDE, CUDA = (
    "float16", "float64", "bfloat16", "complex", "unsigned_wide", "cuda")
# Strings are never a backend's business: string tensors always live on the numpy host backend.


class NotProvidedError(NotImplementedError):
    """Raised when the frontend calls a kernel that the active backend does not implement."""


def _kernel(doc):
    def missing(self, *args, **kwargs):
        raise NotProvidedError(f"kernel '{missing.__name__}' is not provided by backend '{self.name}'")
    missing.__doc__ = doc
    missing.__isabstractkernel__ = True
    return missing


# name -> one-line semantics. Every backend kernel has exactly this meaning.
KERNELS = {
    # conversion and placement
    "from_numpy": "Native array from a numpy array or scalar (copying), on `device` (None: default).",
    "to_numpy": "A numpy ndarray (host copy) of a native array.",
    "shape": "The shape of a native array as a tuple of ints.",
    "device_of": "TF device name of the array's placement, e.g. 'CPU:0' or 'GPU:0'.",
    "to_device": "The array moved to the TF device name `device` ('CPU:0', 'GPU:0').",
    "cast": "Elementwise conversion to `dtype`: floats truncate toward zero, ints wrap, "
            "nonzero -> True, complex -> real part.",
    "copy": "An independent copy of the array.",
    # creation
    "full": "An array of `shape` filled with the Python scalar `value`, of `dtype`.",
    "eye": "A (n, m) identity matrix of `dtype`.",
    "arange": "Evenly spaced values [start, limit) with step `delta` of `dtype`.",
    "linspace": "`num` evenly spaced values from start to stop inclusive, of `dtype`.",
    "random_uniform": "Uniform [minval, maxval) samples of `shape`/`dtype`, deterministic in `seed` (a pair of ints).",
    "random_normal": "Normal(mean, stddev) samples of `shape`/`dtype`, deterministic in `seed` (a pair of ints).",
    # elementwise unary
    "neg": "-x.", "abs": "|x| (complex: modulus).", "sign": "Sign of x (0 at 0).",
    "square": "x*x.", "sqrt": "Square root.", "rsqrt": "1/sqrt(x).", "reciprocal": "1/x.",
    "exp": "e**x.", "expm1": "e**x - 1.", "log": "Natural log.", "log1p": "log(1+x).",
    "sin": "Sine.", "cos": "Cosine.", "tan": "Tangent.", "asin": "Arcsine.", "acos": "Arccosine.",
    "atan": "Arctangent.", "sinh": "Hyperbolic sine.", "cosh": "Hyperbolic cosine.",
    "tanh": "Hyperbolic tangent.", "asinh": "Inverse hyperbolic sine.",
    "acosh": "Inverse hyperbolic cosine.", "atanh": "Inverse hyperbolic tangent.",
    "sigmoid": "1/(1+exp(-x)), saturating exactly to 0 and 1.", "erf": "Error function (float64: NaN at +-inf, as TF's kernel).",
    "erfc": "Complementary error function.", "lgamma": "log|Gamma(x)| (+inf at poles and +-inf).",
    "digamma": "Psi(x) (NaN at poles and -inf, +inf at +inf).",
    "floor": "Round down.", "ceil": "Round up.", "round": "Round half to even.",
    "isnan": "x is NaN.", "isinf": "x is +-inf.", "isfinite": "x is finite.",
    "logical_not": "Boolean not.", "invert": "Bitwise not of integers.",
    "real": "Real part.", "imag": "Imaginary part.", "conj": "Complex conjugate.", "angle": "Complex argument.",
    "relu": "max(x, 0).",
    "relu_grad": "dy * (y > 0) for same-shape dy, y: TF's ReluGrad (a NaN or infinite dy where y <= 0 gives NaN).",
    "softplus": "log(1+exp(x)), computed stably.",
    # elementwise binary (same dtype, numpy broadcasting)
    "add": "x + y (strings: concatenation, host only).", "subtract": "x - y.", "multiply": "x * y.",
    "divide": "True division x / y of floats/complex (IEEE: x/0 -> inf or nan).",
    "div_no_nan": "x / y where y != 0, else 0 (floats/complex, broadcasting; TF's DivNoNan).",
    "floordiv": "Floor division (integers: assumes y != 0).",
    "floormod": "Floor modulo, result has the sign of y (integers: assumes y != 0).",
    "truncatediv": "Division rounding toward zero.", "truncatemod": "C-style remainder (sign of x).",
    "pow": "x ** y (integers: assumes y >= 0).", "maximum": "Elementwise max, NaN propagating.",
    "minimum": "Elementwise min, NaN propagating.", "atan2": "atan2(x, y).",
    "equal": "x == y.", "not_equal": "x != y.", "less": "x < y.", "less_equal": "x <= y.",
    "greater": "x > y.", "greater_equal": "x >= y.",
    "logical_and": "Boolean and.", "logical_or": "Boolean or.", "logical_xor": "Boolean xor.",
    "bitwise_and": "Bitwise and of integers.", "bitwise_or": "Bitwise or.", "bitwise_xor": "Bitwise xor.",
    "left_shift": "x << y.", "right_shift": "x >> y.",
    "where": "Elementwise select: x where cond else y, broadcasting all three.",
    # shape and indexing
    "reshape": "The array with a new shape of the same size.",
    "transpose": "Axes permuted by `perm`.", "broadcast_to": "The array broadcast to `shape`.",
    "concat": "Concatenation of a sequence of arrays along `axis`.",
    "stack": "Stack of a sequence of same-shaped arrays along a new `axis`.",
    "index": "Basic indexing by a tuple of ints (in range, >= 0), slices (step != 0, bounds "
             "already clamped, start/stop may be None) and None (new axis); returns a copy or view.",
    "gather": "Take `indices` (in range) along `axis`.",
    "boolean_mask": "Elements (or rows) of x where the boolean array `mask` is True, flattened over the mask's dims.",
    "nonzero": "Coordinates (int64, shape [n, rank]) of the nonzero elements in row-major order.",
    "set_item": "x with `x[index] = value` applied (index as for `index`); may mutate and return x.",
    # reductions (axes: a non-empty tuple of distinct non-negative ints)
    "reduce_sum": "Sum over `axes`.", "reduce_prod": "Product over `axes`.",
    "reduce_mean": "Mean over `axes` (integers: truncating toward zero, same dtype).",
    "reduce_max": "Max over `axes`, NaN propagating (empty: the dtype's lowest value, -inf for floats).",
    "reduce_min": "Min over `axes`, NaN propagating (empty: the dtype's highest value, inf for floats).",
    "reduce_all": "Logical and over `axes`.", "reduce_any": "Logical or over `axes`.",
    "argmax": "Index (int64) of the first max along `axis`.", "argmin": "Index (int64) of the first min along `axis`.",
    "cumsum": "Inclusive cumulative sum along `axis`.", "cumprod": "Inclusive cumulative product along `axis`.",
    # linear algebra and nn
    "matmul": "Matrix product with batch broadcasting (ranks >= 2); integers wrap on overflow.",
    "softmax": "Softmax along `axis`, computed stably.", "log_softmax": "Log-softmax along `axis`, computed stably.",
}
# the kernels of each further area, each contract in a module of its own
for _area in (spec_array, spec_math, spec_linalg, spec_nn, spec_conv, spec_random, spec_sparse):
    KERNELS.update(_area.KERNELS)


class Backend:
    """Base class of every backend. Subclasses set `name`, `capabilities` and override kernels."""

    name = "abstract"
    capabilities = frozenset()
    #: the namespace of the backend's native array library, for users who want to drop down to it
    module = None

    def devices(self):
        """TF device names this backend can place arrays on, e.g. ['CPU:0', 'GPU:0']."""
        return ["CPU:0"]

    def default_device(self):
        """The TF device name arrays are created on when no `tf.device` scope is active."""
        return "CPU:0"

    def has(self, kernel):
        """True when this backend provides `kernel`."""
        fn = getattr(self, kernel, None)
        return callable(fn) and not getattr(fn, "__isabstractkernel__", False)

    def adopt_numpy(self, a, device=None):
        """A native array for a fresh numpy ndarray the caller hands over and never touches again: the backend
        may share its memory, saving `from_numpy`'s copy (Keras's shuffled batches). The default copies."""
        return self.from_numpy(a, device)

    def __repr__(self):
        return f"<tfcompat backend '{self.name}'>"


for _name, _doc in KERNELS.items():
    _k = _kernel(_doc)
    _k.__name__ = _k.__qualname__ = _name
    setattr(Backend, _name, _k)
del _name, _doc, _k, _area
