"""Running an `OpCase` on a module (tfcompat or real TF): inputs as tensors, results, comparisons, Jacobians.

Shared by the conformance "ops" area (`test_op_table.py`, on the target) and the differential
tests in `tests/test_op_table.py` (tfcompat against real TF on the same inputs).
"""
import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from ..tiers import examples

GRAD_DTYPES = ("float32", "float64")
DELTA = {"float32": 1.0 / 1024, "float64": 1e-6}
GRAD_TOL = {"float32": dict(rtol=2e-2, atol=2e-2), "float64": dict(rtol=1e-5, atol=1e-5)}


def for_examples(check, n=8):
    """Runs `check(draw)` on `examples(n)` derandomized examples (the tier's budget; no example database).

    The hypothesis test is built per call: one derandomized @given function shared by thousands of
    parametrized cases grows a settings chain until it overflows the stack (hypothesis 6.170).
    """
    @settings(max_examples=examples(n), deadline=None, derandomize=True, database=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(data=st.data())
    def run(data):
        check(data.draw)
    run()


def to_tensors(mod, arrays, dtype):
    """The case's numpy inputs as tensors of `mod` (bfloat16 cases get float32 arrays, cast here)."""
    out = []
    for a in arrays:
        t = mod.constant(a)
        if dtype == "bfloat16" and a.dtype == np.float32:
            t = mod.cast(t, mod.bfloat16)
        out.append(t)
    return out


def evaluate(mod, case, arrays, dtype):
    """The op's outputs as a nested structure of (dtype name, numpy value), or the exception it raised."""
    try:
        return _nested(case.fn(mod, *to_tensors(mod, arrays, dtype)))
    except Exception as e:  # noqa: BLE001 - the caller judges the exception
        return e


def _nested(out):
    if isinstance(out, (list, tuple)):
        return type(out).__name__ if not hasattr(out, "_fields") else "tuple", [_nested(o) for o in out]
    return out.dtype.name, np.asarray(out.numpy() if hasattr(out, "numpy") else out)


def tf_style(mod, e):
    """True for the errors TF itself raises: `mod.errors.OpError`s, or builtin TypeError/ValueError/IndexError."""
    if isinstance(e, mod.errors.OpError):
        return True
    return type(e).__module__ == "builtins" and isinstance(e, (TypeError, ValueError, IndexError))


def assert_same(ref, got, case, dtype, path="out"):
    """`got` has `ref`'s structure, dtypes, shapes and values (within the case's tolerance), or its error class."""
    if isinstance(ref, Exception) or isinstance(got, Exception):
        assert type(ref).__name__ == type(got).__name__, \
            f"{path}: TF gives {type(ref).__name__}: {ref}; tfcompat gives {type(got).__name__}: {got}"
        return
    if isinstance(ref[1], list):
        assert ref[0] == got[0] and len(ref[1]) == len(got[1]), f"{path}: structure {ref[0]} vs {got[0]}"
        for i, (r, g) in enumerate(zip(ref[1], got[1])):
            assert_same(r, g, case, dtype, f"{path}[{i}]")
        return
    (rd, rv), (gd, gv) = ref, got
    assert rd == gd, f"{path}: dtype {gd}, TF gives {rd}"
    assert rv.shape == gv.shape, f"{path}: shape {gv.shape}, TF gives {rv.shape}"
    if rv.dtype.kind in "fc" or rd == "bfloat16":
        rtol, atol = case.tolerance(rd)
        np.testing.assert_allclose(gv.astype(rv.dtype if rd != "bfloat16" else np.float32),
                                   rv.astype(np.float32) if rd == "bfloat16" else rv,
                                   rtol=rtol, atol=atol, equal_nan=True, err_msg=path)
    else:
        np.testing.assert_array_equal(gv, rv, err_msg=path)


def _grad_args(case, dtype, seed=0):
    rs = np.random.RandomState(seed)
    return [np.asarray(a).astype(dtype) if np.asarray(a).dtype.kind == "f" else np.asarray(a)
            for a in case.grad_inputs(rs)]


def _differentiable(mod, case, args):
    """f(*xs over case.grad positions) -> one tensor (several float outputs concatenated flat)."""
    def f(*xs):
        full = [mod.constant(a) for a in args]
        for i, x in zip(case.grad, xs):
            full[i] = x
        out = case.fn(mod, *full)
        if isinstance(out, (list, tuple)):
            flat = [mod.reshape(o, [-1]) for o in mod.nest.flatten(out) if o.dtype.is_floating]
            out = mod.concat(flat, 0)
        return out
    return f


def _second(mod, f):
    """xs -> gradient of sum(f(xs)) w.r.t. every x, concatenated flat (recorded by an outer tape)."""
    def g(*xs):
        with mod.GradientTape() as t:
            for x in xs:
                t.watch(x)
            y = mod.reduce_sum(f(*xs))
        grads = t.gradient(y, list(xs))
        return mod.concat([mod.reshape(mod.convert_to_tensor(d) if d is not None else mod.zeros_like(x), [-1])
                           for d, x in zip(grads, xs)], 0)
    return g


def jacobians(mod, case, dtype, order):
    """(theoretical, numerical) Jacobians of the case's op (order 2: of its gradient) at its grad point."""
    args = _grad_args(case, dtype)
    f = _differentiable(mod, case, args)
    if order == 2:
        f = _second(mod, f)
    xs = [mod.constant(args[i]) for i in case.grad]
    return mod.test.compute_gradient(f, xs, delta=DELTA[dtype])


def assert_gradient(mod, case, dtype, order):
    """The theoretical Jacobian equals the numerical one within the dtype's tolerance."""
    theoretical, numerical = jacobians(mod, case, dtype, order)
    for t, n in zip(theoretical, numerical):
        np.testing.assert_allclose(t, n, **GRAD_TOL[dtype])
