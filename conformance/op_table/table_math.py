"""Op-table cases for the math area: elementwise unary/binary ops, comparisons, logical and bitwise ops,
reductions, scans, sorting and selection, unique/bincount, segment reductions, matmul and clipping."""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from .spec import OpCase
from ..strategies import arrays, elements, shapes
from .points import away_from_zero, distinct, smooth

F3 = ("float16", "float32", "float64")
F2 = ("float32", "float64")
FB = F3 + ("bfloat16",)
CPLX = ("complex64", "complex128")
SINT = ("int8", "int16", "int32", "int64")
UINT = ("uint8", "uint16", "uint32", "uint64")


def _np(dtype):
    return np.dtype("float32") if dtype == "bfloat16" else np.dtype(dtype)


def one(lo=-10.0, hi=10.0, edge=True, **kw):
    return lambda draw, dtype: (draw(arrays(dtype, lo=lo, hi=hi, edge=edge, **kw)),)


def pair(lo=-10.0, hi=10.0, edge=True, lo2=None, hi2=None):
    """Two arrays of broadcast-compatible shapes (same shape, a trailing-ones variant or a scalar)."""
    def draw_pair(draw, dtype):
        s = draw(shapes(max_dims=3))
        kind = draw(st.sampled_from(("same", "ones", "scalar")))
        s2 = s if kind == "same" else () if kind == "scalar" else tuple(1 if i % 2 else n for i, n in enumerate(s))
        x = draw(arrays(dtype, s, lo, hi, edge))
        y = draw(arrays(dtype, s2, lo if lo2 is None else lo2, hi if hi2 is None else hi2, edge))
        return (x, y) if draw(st.booleans()) else (x, y) if kind == "same" else (y, x)
    return draw_pair


def sm(*shapes_, lo=-1.0, hi=1.0):
    return lambda rs: tuple(smooth(rs, s, lo, hi) for s in shapes_)


def away(*shapes_, lo=0.2, hi=1.0):
    return lambda rs: tuple(away_from_zero(rs, s, lo, hi) for s in shapes_)


def dist(*shapes_):
    return lambda rs: tuple(distinct(rs, s) for s in shapes_)


CASES = []


def case(name, fn, inputs, dtypes=F2, grad=None, grad_inputs=None, **kw):
    CASES.append(OpCase(name, fn, inputs, dtypes, grad, grad_inputs, **kw))


def math_fn(name, ns="math"):
    return lambda tf, *xs: getattr(getattr(tf, ns) if ns else tf, name)(*xs)


# ---------------------------------------------------------------- elementwise unary
# name: (dtypes, input range, gradient points, tolerance override)
UNARY = {
    "negative": (F3 + ("int8", "int32", "int64") + CPLX, (-10, 10), sm((2, 3))),
    "abs": (FB + SINT, (-10, 10), away((2, 3))),
    "sign": (F3 + ("int32", "int64") + CPLX, (-10, 10), away((2, 3))),
    "square": (F3 + SINT + UINT + CPLX, (-10, 10), sm((2, 3))),
    "sqrt": (F3 + CPLX, (0, 10), sm((2, 3), lo=0.5, hi=2.0)),
    "rsqrt": (F3, (0, 10), sm((2, 3), lo=0.5, hi=2.0)),
    "reciprocal": (F3 + CPLX, (-10, 10), away((2, 3), lo=0.5, hi=2.0)),
    "exp": (F3 + CPLX, (-10, 10), sm((2, 3))),
    "expm1": (F3, (-10, 10), sm((2, 3))),
    "log": (F3, (-1, 10), sm((2, 3), lo=0.5, hi=2.0)),
    "log1p": (F3, (-2, 10), sm((2, 3), lo=-0.5, hi=2.0)),
    "sin": (F3 + CPLX, (-10, 10), sm((2, 3))),
    "cos": (F3 + CPLX, (-10, 10), sm((2, 3))),
    "tan": (F3, (-1.5, 1.5), sm((2, 3))),
    "asin": (F3, (-1.25, 1.25), sm((2, 3), lo=-0.8, hi=0.8)),
    "acos": (F3, (-1.25, 1.25), sm((2, 3), lo=-0.8, hi=0.8)),
    "atan": (F3, (-10, 10), sm((2, 3))),
    "sinh": (F3, (-5, 5), sm((2, 3))),
    "cosh": (F3, (-5, 5), sm((2, 3))),
    "tanh": (F3, (-10, 10), sm((2, 3))),
    "asinh": (F3, (-10, 10), sm((2, 3))),
    "acosh": (F3, (0, 10), sm((2, 3), lo=1.5, hi=3.0)),
    "atanh": (F3, (-1.25, 1.25), sm((2, 3), lo=-0.8, hi=0.8)),
    "sigmoid": (F3, (-10, 10), sm((2, 3))),
    "erf": (F3, (-3, 3), sm((2, 3))),
    "erfc": (F3, (-3, 3), sm((2, 3))),
    "lgamma": (F2, (0.125, 10), sm((2, 3), lo=0.5, hi=3.0)),
    "digamma": (F2, (0.125, 10), sm((2, 3), lo=0.5, hi=3.0)),
    "floor": (F3, (-10, 10), None),
    "ceil": (F3, (-10, 10), None),
    "round": (F3 + ("int32", "int64"), (-10, 10), None),
    "rint": (F3, (-10, 10), None),
    "is_nan": (F3, (-10, 10), None),
    "is_inf": (F3, (-10, 10), None),
    "is_finite": (F3, (-10, 10), None),
}
for _n, (_dts, (_lo, _hi), _gi) in UNARY.items():
    case(f"math.{_n}", math_fn(_n), one(_lo, _hi), _dts, grad=(0,) if _gi else None, grad_inputs=_gi,
         tol={"float16": (2e-2, 2e-3)})
case("math.round[half-to-even]", lambda tf, x: tf.math.round(x),
     lambda draw, dtype: (np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5], _np(dtype)),), F3)
case("math.sqrt[int-rejected]", lambda tf, x: tf.math.sqrt(x), one(0, 10), ("int32",))
case("math.floor[int-rejected]", lambda tf, x: tf.math.floor(x), one(), ("int32",))
case("math.negative[uint-rejected]", lambda tf, x: tf.math.negative(x), one(), ("uint8",))
case("math.reciprocal[int-not-found]", lambda tf, x: tf.math.reciprocal(x), one(1, 10), ("int32",))
case("math.polygamma", lambda tf, n, x: tf.math.polygamma(n, x),
     lambda draw, dtype: (draw(arrays(dtype, (3,), 0, 3, False).map(np.floor)), draw(arrays(dtype, (3,), 0.25, 10,
                                                                                             False))),
     F2, grad=(1,), grad_inputs=lambda rs: (np.array([0.0, 1.0, 2.0]), smooth(rs, (3,), 0.5, 3.0)),
     tol={"float32": (1e-4, 1e-5)})
# complex parts
case("math.real", math_fn("real"), one(), CPLX + F2, grad=(0,), grad_inputs=sm((2, 3)))
case("math.imag", math_fn("imag"), one(), CPLX + F2)
case("math.conj", math_fn("conj"), one(), CPLX + F2 + ("int32",), grad=(0,), grad_inputs=sm((2, 3)))
case("math.angle", math_fn("angle"), one(), CPLX + F2)
case("complex", lambda tf, x, y: tf.complex(x, y), pair(), F2)
# the gradient through a real-valued function (tf.test.compute_gradient's rows for complex outputs differ)
case("complex[real-of-product]", lambda tf, x, y: tf.math.real(tf.complex(x, y) * tf.complex(y, x)), pair(), F2,
     grad=(0, 1), grad_inputs=sm((2, 3), (2, 3)))
case("complex[int-rejected]", lambda tf, x, y: tf.complex(x, y), pair(), ("int32",))

# ---------------------------------------------------------------- elementwise binary
BINARY = {
    "add": (F3 + SINT + UINT + CPLX, sm((2, 3), (3,))),
    "subtract": (F3 + SINT + UINT + CPLX, sm((2, 3), (1, 3))),
    "multiply": (F3 + SINT + UINT + CPLX, sm((2, 3), (3,))),
    "divide": (F3 + ("int8", "int32", "int64", "uint8") + CPLX, away((2, 3), (3,))),
    "truediv": (F3 + ("int16", "int32") + CPLX, away((2, 3), (1, 3))),
    "maximum": (FB + SINT + UINT, dist((2, 3), (2, 3))),
    "minimum": (FB + SINT + UINT, dist((2, 3), (2, 3))),
    "squared_difference": (F3 + ("int32", "int64") + CPLX, sm((2, 3), (3,))),
    "atan2": (F3, away((2, 3), (2, 3))),
    "xlogy": (F3 + CPLX, sm((2, 3), (2, 3), lo=0.5, hi=2.0)),
    "xdivy": (F3 + CPLX, away((2, 3), (2, 3))),
    "xlog1py": (F3, sm((2, 3), (2, 3), lo=0.5, hi=2.0)),
    "multiply_no_nan": (F3 + CPLX, away((2, 3), (3,))),
    "divide_no_nan": (F3 + ("int32",), away((2, 3), (3,))),
    "floormod": (F3 + ("int32", "int64"), None),
    "floordiv": (F3 + ("int32", "int64"), None),
    "truncatediv": (("int32", "int64"), None),
    "truncatemod": (F2 + ("int32",), None),
}
for _n, (_dts, _gi) in BINARY.items():
    ns = "" if _n in ("truncatediv", "truncatemod") else "math"
    _in = pair(1, 10) if _n in ("floordiv", "floormod", "truncatediv", "truncatemod") else pair()
    case(f"{ns + '.' if ns else ''}{_n}", math_fn(_n, ns), _in, _dts, grad=(0, 1) if _gi else None, grad_inputs=_gi,
         tol={"float16": (2e-2, 2e-3)})
case("math.pow", math_fn("pow"), pair(0.125, 3, lo2=-2, hi2=2), F3 + CPLX, grad=(0, 1),
     grad_inputs=sm((2, 3), (3,), lo=0.5, hi=1.5), tol={"float16": (2e-2, 2e-3)})
case("math.pow[int]", math_fn("pow"), pair(0, 4, edge=False), ("int8", "int32", "int64"))
case("math.pow[int-negative-exponent]", lambda tf, x: tf.math.pow(x, -1), one(1, 5), ("int32",))
case("math.floordiv[int-by-zero]", lambda tf, x: tf.math.floordiv(x, tf.zeros_like(x)), one(min_dims=1, min_side=1),
     ("int32",))
case("math.floormod[signs]", math_fn("floormod"), lambda draw, dtype: (
    np.array([-7, 7, -7, 7], _np(dtype)), np.array([3, -3, -3, 3], _np(dtype))), F2 + ("int32", "int64"))
case("math.add[string]", lambda tf, x: tf.math.add(x, x), lambda draw, dtype: (np.array([b"a", b"bc"]),), ("string",))
case("math.add[string-int]", lambda tf, x: tf.math.add(x, 1), lambda draw, dtype: (np.array([b"a"]),), ("string",))
case("math.add[int-float-scalar]", lambda tf, x: tf.math.add(x, 1.5), one(), ("int32",))
case("math.add[dtype-mismatch]", lambda tf, x: tf.math.add(x, tf.cast(x, tf.float64)), one(), ("float32",))
case("math.add[incompatible]", lambda tf, x, y: tf.math.add(x, y), lambda draw, dtype: (
    np.zeros((2, 3), _np(dtype)), np.zeros((4,), _np(dtype))), ("float32",))

# comparisons and logic
for _n in ("equal", "not_equal", "less", "less_equal", "greater", "greater_equal"):
    case(f"math.{_n}", math_fn(_n), pair(), FB + SINT + UINT + (CPLX if "equal" in _n and "_" not in _n[5:] else ()))
case("math.equal[complex]", math_fn("equal"), pair(), CPLX)
bools = lambda draw, dtype: (draw(hnp.arrays(np.bool_, st.just((2, 3)))), draw(hnp.arrays(np.bool_, st.just((3,)))))
for _n in ("logical_and", "logical_or", "logical_xor"):
    case(f"math.{_n}", math_fn(_n), bools, ("bool",))
case("math.logical_not", math_fn("logical_not"), lambda draw, dtype: bools(draw, dtype)[:1], ("bool",))
case("math.logical_and[int-rejected]", math_fn("logical_and"), pair(), ("int32",))
ints = lambda draw, dtype: (draw(arrays(dtype, (2, 3))), draw(arrays(dtype, (3,), 0, 7 if dtype.endswith("8") else 20)))
for _n in ("bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"):
    case(f"bitwise.{_n}", math_fn(_n, "bitwise"), ints, SINT + UINT)
case("bitwise.left_shift[past-width]", math_fn("left_shift", "bitwise"), lambda draw, dtype: (
    np.array([1, 1, -8], _np(dtype)), np.array([7, 9, 40], _np(dtype))), ("int8", "int32"))
case("bitwise.invert", math_fn("invert", "bitwise"), lambda draw, dtype: ints(draw, dtype)[:1], SINT + UINT)
case("bitwise.bitwise_and[float-rejected]", math_fn("bitwise_and", "bitwise"), pair(), ("float32",))

# ---------------------------------------------------------------- clipping
def _no_none(result):
    """clip_by_global_norm's (list, norm) with the passed-through None checked and left out."""
    clipped, norm = result
    assert clipped[1] is None
    return clipped[0], clipped[2], norm


case("clip_by_value", lambda tf, x: tf.clip_by_value(x, -1.0, 2.0), one(), F3, grad=(0,),
     grad_inputs=lambda rs: (rs.uniform(-3, 3, (2, 3)),))
case("clip_by_value[min>max]", lambda tf, x: tf.clip_by_value(x, 1.0, 0.0), one(), F2)
case("clip_by_value[tensor-bounds]", lambda tf, x, lo: tf.clip_by_value(x, lo, lo + 1), lambda draw, dtype: (
    draw(arrays(dtype, (2, 3))), draw(arrays(dtype, (3,), edge=False))), F2, grad=(0, 1),
    grad_inputs=lambda rs: (rs.uniform(-3, 3, (2, 3)), rs.uniform(-1, 0, (3,)) + 0.05))
case("clip_by_value[int]", lambda tf, x: tf.clip_by_value(x, 0, 5), one(), ("int32", "int64", "uint8"))
case("clip_by_norm", lambda tf, x: tf.clip_by_norm(x, 1.0), one(), F2, grad=(0,), grad_inputs=sm((2, 3)))
case("clip_by_norm[axes]", lambda tf, x: tf.clip_by_norm(x, 1.5, axes=[1]), one(min_dims=2, max_dims=2), F2,
     grad=(0,), grad_inputs=lambda rs: (rs.uniform(-2, 2, (3, 2)),))
case("clip_by_norm[zeros]", lambda tf, x: tf.clip_by_norm(x, 1.0), lambda draw, dtype: (np.zeros((2, 2), dtype),), F2)
case("clip_by_norm[int-rejected]", lambda tf, x: tf.clip_by_norm(x, 1), one(), ("int32",))
case("clip_by_global_norm", lambda tf, x, y: _no_none(tf.clip_by_global_norm([x, None, y], 1.0)), lambda draw, dtype: (
    draw(arrays(dtype, (2, 2), edge=False)), draw(arrays(dtype, (3,), edge=False))), F2, grad=(0, 1),
    grad_inputs=sm((2, 2), (3,), lo=-2, hi=2))
case("linalg.global_norm", lambda tf, x, y: tf.linalg.global_norm([x, y]), lambda draw, dtype: (
    draw(arrays(dtype, (2, 2))), draw(arrays(dtype, (3,)))), F2, grad=(0, 1), grad_inputs=sm((2, 2), (3,)))

# ---------------------------------------------------------------- reductions
AXES = {"all": None, "-1": -1, "0,-1": [0, -1], "1": 1}
RED = {"reduce_sum": FB + ("int32", "int64", "uint8") + CPLX, "reduce_mean": F3 + ("int32", "int64") + CPLX,
       "reduce_max": FB + ("int32", "int64", "uint8"), "reduce_min": F3 + ("int32", "int64", "uint8"),
       "reduce_prod": F3 + ("int32",), "reduce_logsumexp": F2, "reduce_std": F2 + CPLX,
       "reduce_variance": F2 + CPLX, "reduce_euclidean_norm": F2 + ("int32",)}
for _n, _dts in RED.items():
    for _label, _ax in AXES.items():
        for _keep in (False, True):
            if _keep and _label not in ("-1", "0,-1"):
                continue
            _gi = dist((2, 3)) if _n in ("reduce_max", "reduce_min") else away((2, 3), lo=0.5, hi=1.5) \
                if _n in ("reduce_prod", "reduce_euclidean_norm") else sm((2, 3))
            case(f"math.{_n}[axis={_label}{',keepdims' if _keep else ''}]",
                 (lambda n, a, k: lambda tf, x: getattr(tf.math, n)(x, axis=a, keepdims=k))(_n, _ax, _keep),
                 one(min_dims=2 if _label != "all" else 0, lo=-3 if _n != "reduce_prod" else -2,
                     hi=3 if _n != "reduce_prod" else 2),
                 _dts, grad=(0,), grad_inputs=_gi, tol={"float16": (3e-2, 3e-2), "bfloat16": (5e-2, 5e-2)})
case("math.reduce_sum[empty-axis]", lambda tf, x: tf.math.reduce_sum(x, axis=0), lambda draw, dtype: (
    np.zeros((2, 0), _np(dtype)),), F2 + ("int32",))
case("math.reduce_max[empty]", lambda tf, x: tf.math.reduce_max(x, axis=1), lambda draw, dtype: (
    np.zeros((2, 0), _np(dtype)),), F3 + ("int32", "int64", "uint8"))
case("math.reduce_all", lambda tf, x: tf.math.reduce_all(x, axis=-1), lambda draw, dtype: (
    draw(hnp.arrays(np.bool_, shapes(min_dims=1))),), ("bool",))
case("math.reduce_any[keepdims]", lambda tf, x: tf.math.reduce_any(x, axis=0, keepdims=True), lambda draw, dtype: (
    draw(hnp.arrays(np.bool_, shapes(min_dims=1))),), ("bool",))
case("math.reduce_sum[axis-out-of-range]", lambda tf, x: tf.math.reduce_sum(x, axis=5), one(), ("float32",))
case("math.reduce_variance[int-rejected]", lambda tf, x: tf.math.reduce_variance(x), one(), ("int32",))
case("math.count_nonzero", lambda tf, x: tf.math.count_nonzero(x), one(), F2 + ("int32", "bool"))
case("math.count_nonzero[axis,int32]", lambda tf, x: tf.math.count_nonzero(x, axis=-1, keepdims=True,
                                                                            dtype=tf.int32),
     one(min_dims=1), F2 + ("int64",))
for _n in ("argmax", "argmin"):
    case(f"math.{_n}", math_fn(_n), one(min_dims=1, min_side=1), FB + SINT + UINT)
    case(f"math.{_n}[axis=-1,int32]", (lambda n: lambda tf, x: getattr(tf.math, n)(x, axis=-1,
                                                                               output_type=tf.int32))(_n),
         one(min_dims=2, min_side=1), F2 + ("int32",))
    case(f"math.{_n}[empty-axis]", math_fn(_n), lambda draw, dtype: (np.zeros((0, 2), _np(dtype)),), ("float32",))
case("math.argmax[bool]", math_fn("argmax"), lambda draw, dtype: (
    draw(hnp.arrays(np.bool_, shapes(min_dims=1, min_side=1))),), ("bool",))
# complex products with inf follow Eigen's complex arithmetic, not C99's: complex cases use finite values
case("math.divide_no_nan[complex]", math_fn("divide_no_nan"), pair(edge=False), CPLX, grad=(0, 1),
     grad_inputs=away((2, 3), (3,)))
case("math.cumprod[complex]", lambda tf, x: tf.math.cumprod(x, axis=-1, exclusive=True), one(-2, 2, False, min_dims=1),
     CPLX)
for _n, _dts in (("cumsum", F3 + ("int32", "int64") + CPLX), ("cumprod", F3 + ("int32", "int64"))):
    for _ex in (False, True):
        for _rev in (False, True):
            _lo, _hi = (-3, 3) if _n == "cumsum" else (-2, 2)
            case(f"math.{_n}[exclusive={_ex},reverse={_rev}]",
                 (lambda n, e, r: lambda tf, x: getattr(tf.math, n)(x, axis=-1, exclusive=e, reverse=r))(_n, _ex, _rev),
                 one(_lo, _hi, min_dims=1), _dts, grad=(0,),
                 grad_inputs=away((2, 3), lo=0.5, hi=1.5) if _n == "cumprod" else sm((2, 3)))
    case(f"math.{_n}[axis=0]", (lambda n: lambda tf, x: getattr(tf.math, n)(x, axis=0))(_n), one(min_dims=2),
         F2, grad=(0,), grad_inputs=away((3, 2), lo=0.5, hi=1.5))
    case(f"math.{_n}[axis-out-of-range]", (lambda n: lambda tf, x: getattr(tf.math, n)(x, axis=3))(_n), one(),
         ("float32",))
case("math.add_n", lambda tf, x, y, z: tf.math.add_n([x, y, z]), lambda draw, dtype: tuple(
    draw(arrays(dtype, (2, 3))) for _ in range(3)), F3 + ("int32", "int64") + CPLX, grad=(0, 1, 2),
    grad_inputs=sm((2, 3), (2, 3), (2, 3)))
case("math.add_n[shape-mismatch]", lambda tf, x, y: tf.math.add_n([x, y]), lambda draw, dtype: (
    np.zeros((2,), dtype), np.zeros((3,), dtype)), ("float32",))
case("math.accumulate_n", lambda tf, x, y: tf.math.accumulate_n([x, y]), lambda draw, dtype: (
    draw(arrays(dtype, (2, 3))), draw(arrays(dtype, (2, 3)))), F2)


# ---------------------------------------------------------------- sorting and selection (no NaN: its order is TF's
# sort algorithm's accident)
def no_nan(min_dims=1, **kw):
    def draw_one(draw, dtype):
        if dtype in ("float16", "float32", "float64", "bfloat16"):
            return (draw(hnp.arrays(_np(dtype), shapes(min_dims=min_dims, **kw),
                                    elements=st.sampled_from((0.0, -1.0, 1.0, np.inf, -np.inf, 2.5, -0.5)) |
                                    elements(dtype, edge=False))),)
        return (draw(arrays(dtype, min_dims=min_dims, **kw)),)
    return draw_one


SORTABLE = F3 + ("bfloat16",) + SINT + UINT
case("sort", lambda tf, x: tf.sort(x), no_nan(), SORTABLE, grad=(0,), grad_inputs=dist((2, 4)))
case("sort[DESCENDING]", lambda tf, x: tf.sort(x, direction="DESCENDING"), no_nan(), SORTABLE, grad=(0,),
     grad_inputs=dist((2, 4)))
case("sort[axis=0]", lambda tf, x: tf.sort(x, axis=0), no_nan(min_dims=2), F2 + ("int32",), grad=(0,),
     grad_inputs=dist((3, 2)))
case("sort[bad-direction]", lambda tf, x: tf.sort(x, direction="down"), no_nan(), ("float32",))
case("sort[bool-rejected]", lambda tf, x: tf.sort(x), lambda draw, dtype: (np.array([True, False]),), ("bool",))
case("argsort", lambda tf, x: tf.argsort(x), no_nan(), SORTABLE)
case("argsort[DESCENDING,stable]", lambda tf, x: tf.argsort(x, direction="DESCENDING", stable=True), no_nan(),
     F2 + ("int32", "uint8"))
case("argsort[axis=0]", lambda tf, x: tf.argsort(x, axis=0), no_nan(min_dims=2), F2)
case("math.top_k[k=1]", lambda tf, x: tf.math.top_k(x, k=1), no_nan(min_side=1), SORTABLE, grad=(0,),
     grad_inputs=dist((2, 4)))
case("math.top_k[k=2]", lambda tf, x: tf.math.top_k(x, k=2), no_nan(min_side=2), F3 + ("int32", "int64"),
     grad=(0,), grad_inputs=dist((3, 5)))
case("math.top_k[k>n]", lambda tf, x: tf.math.top_k(x, k=9), no_nan(), ("float32",))
case("math.top_k[int64-indices]", lambda tf, x: tf.math.top_k(x, k=1, index_type=tf.int64), no_nan(min_side=1),
     ("float32",))
case("nn.top_k", lambda tf, x: tf.nn.top_k(x, k=1), no_nan(min_side=1), F2)
case("math.in_top_k", lambda tf, t, p: tf.math.in_top_k(t, p, 2), lambda draw, dtype: (
    np.array(draw(st.lists(st.integers(-1, 4), min_size=3, max_size=3)), np.int32),
    draw(arrays("float32", (3, 4)))), ("float32",))
case("nn.in_top_k", lambda tf, t, p: tf.nn.in_top_k(t, p, 1), lambda draw, dtype: (
    np.array(draw(st.lists(st.integers(0, 3), min_size=2, max_size=2)), np.int64),
    draw(arrays("float32", (2, 4), lo=-2, hi=2).map(np.round))), ("float32",))
case("unique", lambda tf, x: tf.unique(x), one(min_dims=1, max_dims=1, lo=-3, hi=3),
     ("float32", "float64", "int32", "int64", "uint8"))
case("unique[string]", lambda tf, x: tf.unique(x), lambda draw, dtype: (
    np.array(draw(st.lists(st.sampled_from([b"a", b"b", b""]), max_size=6)), dtype=object),), ("string",))
case("unique[2d-rejected]", lambda tf, x: tf.unique(x), one(min_dims=2), ("int32",))
case("unique_with_counts", lambda tf, x: tf.unique_with_counts(x, out_idx=tf.int64),
     one(min_dims=1, max_dims=1, lo=-3, hi=3), ("float32", "int32", "int64"))
nonneg = lambda draw, dtype: (draw(arrays(dtype, lo=0, hi=9, min_dims=1)),)
case("math.bincount", lambda tf, x: tf.math.bincount(x), nonneg, ("int32", "int64"))
case("math.bincount[minlength,maxlength]", lambda tf, x: tf.math.bincount(x, minlength=4, maxlength=6), nonneg,
     ("int32",))
case("math.bincount[weights]", lambda tf, x, w: tf.math.bincount(x, weights=w), lambda draw, dtype: (
    np.array(draw(st.lists(st.integers(0, 5), min_size=4, max_size=4)), np.int32),
    draw(arrays(dtype, (4,), edge=False))), F2 + ("int32",))
case("math.bincount[axis=-1,binary]", lambda tf, x: tf.math.bincount(x, axis=-1, binary_output=True, maxlength=5),
     lambda draw, dtype: (draw(arrays(dtype, lo=0, hi=9, min_dims=2, max_dims=2)),), ("int32",))
case("math.bincount[negative]", lambda tf, x: tf.math.bincount(x), one(-5, -1, min_dims=1, min_side=1), ("int32",))


# ---------------------------------------------------------------- segment reductions
def segments(sorted_ids, min_id=0):
    def draw_seg(draw, dtype):
        n = draw(st.integers(0, 6))
        ids = np.array(draw(st.lists(st.integers(min_id, 4), min_size=n, max_size=n)), np.int32)
        if sorted_ids:
            ids = np.sort(ids)
        return draw(arrays(dtype, (n,) + draw(shapes(max_dims=1, min_side=1)), lo=-5, hi=5, edge=False)), ids
    return draw_seg


SEG_GRAD = lambda rs: (distinct(rs, (5, 2)) * 0.3 + 0.1, np.array([0, 0, 1, 3, 3], np.int32))
USEG_GRAD = lambda rs: (distinct(rs, (5, 2)) * 0.3 + 0.1, np.array([3, 0, -1, 0, 1], np.int32))
for _k in ("sum", "mean", "max", "min", "prod"):
    _dts = F2 + ("int32",) + (CPLX if _k in ("sum", "prod", "mean") else ())
    case(f"math.segment_{_k}", (lambda k: lambda tf, x, i: getattr(tf.math, f"segment_{k}")(x, i))(_k),
         segments(True), _dts, grad=(0,), grad_inputs=SEG_GRAD)
    case(f"math.unsorted_segment_{_k}",
         (lambda k: lambda tf, x, i: getattr(tf.math, f"unsorted_segment_{k}")(x, i, 5))(_k),
         segments(False, -1), _dts, grad=(0,), grad_inputs=USEG_GRAD)
case("math.unsorted_segment_sqrt_n", lambda tf, x, i: tf.math.unsorted_segment_sqrt_n(x, i, 5), segments(False, -1),
     F2, grad=(0,), grad_inputs=USEG_GRAD)
case("math.segment_sum[unsorted-ids]", lambda tf, x, i: tf.math.segment_sum(x, i), lambda draw, dtype: (
    np.ones(3, dtype), np.array([1, 0, 1], np.int32)), ("float32",))
case("math.unsorted_segment_sum[id-out-of-range]", lambda tf, x, i: tf.math.unsorted_segment_sum(x, i, 2),
     lambda draw, dtype: (np.ones(3, dtype), np.array([0, 5, 1], np.int32)), ("float32",))
case("math.unsorted_segment_sum[2d-ids]", lambda tf, x, i: tf.math.unsorted_segment_sum(x, i, 3),
     lambda draw, dtype: (draw(arrays(dtype, (2, 2, 3), edge=False)), np.array([[0, 2], [2, -1]], np.int64)), F2,
     grad=(0,), grad_inputs=lambda rs: (smooth(rs, (2, 2, 3)), np.array([[0, 2], [2, -1]], np.int64)))

# ---------------------------------------------------------------- matmul
def mats(sa, sb, lo=-3, hi=3):
    return lambda draw, dtype: (draw(arrays(dtype, sa, lo, hi)), draw(arrays(dtype, sb, lo, hi)))


MM = F3 + ("int32", "int64") + CPLX
case("matmul", lambda tf, a, b: tf.matmul(a, b), mats((2, 3), (3, 4)), MM + ("bfloat16",), grad=(0, 1),
     grad_inputs=sm((2, 3), (3, 4)), tol={"float16": (2e-2, 2e-2), "bfloat16": (5e-2, 5e-2)})
case("matmul[transpose_a,transpose_b]", lambda tf, a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True),
     mats((3, 2), (4, 3)), MM, grad=(0, 1), grad_inputs=sm((3, 2), (4, 3)), tol={"float16": (2e-2, 2e-2)})
case("matmul[adjoint_a,adjoint_b]", lambda tf, a, b: tf.matmul(a, b, adjoint_a=True, adjoint_b=True),
     mats((3, 2), (4, 3)), F2 + CPLX, grad=(0, 1), grad_inputs=sm((3, 2), (4, 3)))
case("matmul[batch-broadcast]", lambda tf, a, b: tf.matmul(a, b), mats((2, 1, 2, 3), (5, 3, 4)),
     F2 + ("int32",), grad=(0, 1), grad_inputs=sm((2, 1, 2, 3), (5, 3, 4)))
case("matmul[empty]", lambda tf, a, b: tf.matmul(a, b), mats((2, 0), (0, 3)), F2 + ("int32",))
case("matmul[int32-wraps]", lambda tf, a, b: tf.matmul(a, b), lambda draw, dtype: (
    np.array([[2 ** 30, 3]], np.int32), np.array([[4], [5]], np.int32)), ("int32",))
case("matmul[int8-output-int32]", lambda tf, a, b: tf.matmul(a, b, output_type=tf.int32), mats((2, 3), (3, 2)),
     ("int8", "uint8"))
case("matmul[int8-rejected]", lambda tf, a, b: tf.matmul(a, b), mats((2, 3), (3, 2)), ("int8", "int16"))
case("matmul[uint8-not-found]", lambda tf, a, b: tf.matmul(a, b), mats((2, 3), (3, 2), 0, 3), ("uint8",))
case("matmul[size-mismatch]", lambda tf, a, b: tf.matmul(a, b), mats((2, 3), (2, 3)), ("float32",))
case("matmul[batch-mismatch]", lambda tf, a, b: tf.matmul(a, b), mats((2, 2, 3), (3, 3, 4)), ("float32",))
case("matmul[rank-1]", lambda tf, a, b: tf.matmul(a, b), mats((3,), (3, 2)), ("float32",))
