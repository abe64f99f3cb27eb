"""Linear algebra (`tf.linalg`, `tf.tensordot`, `tf.einsum`, `tf.norm`), with TF's gradients.

Decompositions and solves are backend kernels; tensordot, matvec, trace, logdet, cholesky_solve
and norm are compositions of ops, as in TF, so that their gradients follow from those of the parts.
"""
from ..graph.runtime import value_dependent
import builtins
import collections
import re

import numpy as np

from ..framework import dtypes as _dt
from ..framework.convert import convert_like, convert_to_tensor, dtype_error
from ..framework.errors import FailedPreconditionError, InvalidArgumentError, NotFoundError, op_error
from ..framework.op import apply, defop
from ..framework.tensor import Tensor
from ..util.export import tf_export
from . import array_ops as _a
from . import math_ops as _m
from .common import check_dtype, same_dtype, shape_of, static_int
from .common import tensor as _tensor

_f16, _bf16, _f32, _f64 = _dt.float16, _dt.bfloat16, _dt.float32, _dt.float64
_c64, _c128 = _dt.complex64, _dt.complex128
_INV = frozenset({_f16, _f32, _f64, _c64, _c128})  # what MatrixInverse, Qr accept on CPU
_LAPACK = frozenset({_f32, _f64, _c64, _c128})     # Cholesky, Svd, Eigh, MatrixSolve, determinants
_TRISOLVE = _INV | {_bf16}
_EINSUM = frozenset({_f16, _bf16, _f32, _f64, _dt.int32, _dt.int64, _c64, _c128})
_CROSS = frozenset(_dt.REAL)

LogMatrixDeterminant = collections.namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])
Qr = collections.namedtuple("Qr", ["q", "r"])


def _dims(s):
    return "[" + ",".join(map(str, s)) + "]"


def _not_found(op_name, x, attrs=""):
    return op_error(NotFoundError, op_name, f"Could not find device for node: {{{{node {op_name}}}}} = "
                    f"{op_name}[T=DT_{x._dtype._cname.upper()}{attrs}]")


def _check_kernel_dtype(x, op_name, registered, cpu):
    """TF's two errors: a dtype outside the op's list (IAE) or without a CPU kernel (NotFoundError)."""
    if x._dtype not in cpu:
        if x._dtype not in registered:
            check_dtype(x, registered, op_name)
        raise _not_found(op_name, x)


def _matrices(x, op_name, square=True, index=0):
    """TF's LinearAlgebraOp shape checks: rank >= 2 and (optionally) square inner matrices."""
    s = shape_of(x)
    if len(s) < 2:
        raise op_error(InvalidArgumentError, op_name, f"Input tensor {index} must have rank >= 2, got {len(s)}")
    if square and s[-1] != s[-2]:
        raise op_error(InvalidArgumentError, op_name, "Input matrix must be square.")
    return s


def adjoint(matrix, name=None):
    """`tf.linalg.adjoint`: conjugate transpose of the inner matrices."""
    return _a.matrix_transpose(matrix, conjugate=True)


tf_export("linalg.adjoint")(adjoint)


def _adj(x):
    return _a.matrix_transpose(x, conjugate=True)


def _eye_like(x):
    s = shape_of(x)
    return _a.eye(s[-1], batch_shape=list(s[:-2]), dtype=x._dtype)


# ---------------------------------------------------------------- einsum
def _letters_free(used):
    return [c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used]


def _g_einsum(e, dy):
    """d/dx_i: an einsum of dy with the other (conjugated) operands onto x_i's labels; labels only x_i
    has are broadcast by ones operands, repeated labels placed on the diagonal by identity operands."""
    ins, out = e.attrs["equation"].split("->")
    subs = ins.split(",")
    xs = e.inputs
    grads = []
    for i, (x, s) in enumerate(zip(xs, subs)):
        others = [(conj_or_self(xs[j]), subs[j]) for j in range(len(xs)) if j != i]
        elsewhere = set(out).union(*[set(t) for _, t in others])
        fresh = iter(_letters_free(set(e.attrs["equation"])))
        operands, terms, target, seen = [dy], [out], [], {}
        size = dict(zip(s, shape_of(x)))
        for label in s:
            if label not in seen:
                seen[label] = label
                target.append(label)
                if label not in elsewhere:
                    operands.append(_a.ones([size[label]], x._dtype))
                    terms.append(label)
            else:  # a repeated label: the gradient lives on the diagonal
                new = next(fresh)
                operands.append(_a.eye(size[label], dtype=x._dtype))
                terms.append(label + new)
                target.append(new)
        for t, sub in others:
            operands.append(t)
            terms.append(sub)
        grads.append(_einsum_explicit(",".join(terms) + "->" + "".join(target), operands))
    return grads


def conj_or_self(x):
    return _m.conj(x) if x._dtype.is_complex else x


_einsum_op = defop("Einsum", lambda b, *xs, equation: b.einsum(equation, *xs), _g_einsum)


def _einsum_explicit(equation, operands):
    return apply(_einsum_op, tuple(operands), operands[0]._dtype, {"equation": equation})


def _parse_einsum(equation, n):
    """TF's Python-side parsing: (input subscripts with '0' for ellipsis, output subscripts)."""
    resolved = equation.replace(" ", "")
    ell = "..." in equation
    if ell:
        if "0" in resolved:
            raise ValueError(f'Invalid character "0" in equation: {equation}.')
        resolved = resolved.replace("...", "0")
    allowed = "a-zA-Z" + ("0" if ell else "")
    match = re.match("^([{0},]*)(->[{0}]*)?$".format(allowed), resolved)
    if not match:
        raise ValueError(f"Subscripts have incorrect format: {resolved}")
    inputs = match.group(1).split(",")
    output = match.group(2)[2:] if match.group(2) else None
    if n != len(inputs):
        raise ValueError(f'Got {n} inputs for equation "{equation}", expecting {len(inputs)}')
    if "->" not in resolved:
        counts = collections.Counter(match.group(1))
        output = "".join(x for x in sorted(counts) if x != "," and counts[x] == 1)
    if output and len(set(output)) != len(output):
        raise ValueError(f"Output subscripts contain a label appearing more than once: {equation}")
    for label in output:
        if label != "0" and label not in set(match.group(1)):
            raise ValueError(f"Output subscripts contain the label {label} not present in the input subscripts.")
    return inputs, output


def _einsum_error(first, x, i):
    name = "_MklEinsum" if first._dtype in (_f32, _bf16) else "Einsum"
    return op_error(InvalidArgumentError, "Einsum",
                    f"cannot compute {name} as input #{i}(zero-based) was expected to be a "
                    f"{first._dtype._cname} tensor but is a {x._dtype._cname} tensor")


@tf_export("einsum", "linalg.einsum")
def einsum(equation, *inputs, **kwargs):
    """Einstein summation with TF's equation rules, label checks and ellipsis broadcasting."""
    kwargs.pop("name", None)
    kwargs.pop("optimize", None)
    if kwargs:
        raise TypeError(f'Invalid keyword arguments for einsum: {", ".join(kwargs)}. '
                        f'Valid arguments: name, optimize, greedy.')
    for operand in inputs:
        operand.shape  # noqa: B018 - TF reads it: a list raises AttributeError
    subs, out = _parse_einsum(equation, len(inputs))
    xs = [_tensor(x) for x in inputs]
    for i, x in enumerate(xs[1:], 1):
        if x._dtype is not xs[0]._dtype:
            raise _einsum_error(xs[0], x, i)
    if xs and xs[0]._dtype not in _EINSUM:
        raise op_error(NotFoundError, "Einsum", f"Could not find device for node: {{{{node Einsum}}}} = Einsum"
                       f"[N={len(xs)}, T=DT_{xs[0]._dtype._cname.upper()}, equation=\"{equation}\"]")
    return _einsum_resolved(subs, out, xs)


def _einsum_resolved(subs, out, xs):
    """Checks ranks and label sizes as TF's kernel does, expands ellipses to letters, broadcasts."""
    sizes, ells = {}, []
    for i, (x, s) in enumerate(zip(xs, subs)):
        shape = shape_of(x)
        named = len(s) - (1 if "0" in s else 0)
        if "0" not in s and len(shape) != named:
            raise op_error(InvalidArgumentError, "Einsum", f"Expected input {i} to have rank {named} but got: {len(shape)}")
        if len(shape) < named:
            raise op_error(InvalidArgumentError, "Einsum",
                           f"Expected input {i} to have rank at least {named} but got: {len(shape)}")
        pos = s.find("0")
        n_ell = len(shape) - named
        ells.append(shape[pos:pos + n_ell] if pos >= 0 else ())
        axes = list(range(pos)) + list(range(pos + n_ell, len(shape))) if pos >= 0 else list(range(len(shape)))
        for label, axis in zip(s.replace("0", ""), axes):
            if label in sizes and sizes[label] != shape[axis]:
                raise op_error(InvalidArgumentError, "Einsum",
                               f"Expected dimension {sizes[label]} at axis {axis} of the input shaped "
                               f"{_dims(shape)} but got dimension {shape[axis]}")
            sizes.setdefault(label, shape[axis])
    bshape = ()
    try:
        for e in ells:
            bshape = np.broadcast_shapes(bshape, e)
    except ValueError:
        raise op_error(InvalidArgumentError, "Einsum", "In[0] and In[1] must have compatible batch dimensions: "
                       + " vs. ".join(_dims(e) for e in ells)) from None
    if bshape and "0" not in out:
        raise op_error(InvalidArgumentError, "Einsum",
                       f"Output contains {len(bshape)} broadcasting dimension(s) but no ellipsis (...) "
                       "was found in the output subscripts.")
    letters = "".join(_letters_free(set("".join(subs))))[:len(bshape)]
    terms = []
    for k, (x, s) in enumerate(zip(xs, subs)):
        if "0" in s:
            e = ells[k]
            ell_letters = letters[len(bshape) - len(e):]
            target = bshape[len(bshape) - len(e):]
            if e != target:
                pos = s.find("0")
                shape = shape_of(x)
                xs[k] = _a.broadcast_to(x, list(shape[:pos]) + list(target) + list(shape[pos + len(e):]))
            s = s.replace("0", ell_letters)
        terms.append(s)
    equation = ",".join(terms) + "->" + out.replace("0", letters)
    return _einsum_explicit(equation, xs)


@tf_export("tensordot", "linalg.tensordot")
@value_dependent("tensordot")
def tensordot(a, b, axes, name=None):
    """Tensor contraction over `axes` (an int or a pair of axis lists), by transpose, reshape and matmul."""
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    a_axes, b_axes = _tensordot_axes(a, axes)
    a2, a_free = _tensordot_reshape(a, a_axes)
    b2, b_free = _tensordot_reshape(b, b_axes, flipped=True)
    ab = _m.matmul(a2, b2)
    return ab if list(shape_of(ab)) == a_free + b_free else _a.reshape(ab, a_free + b_free)


def _tensordot_axes(a, axes):
    rank = len(shape_of(a))
    if isinstance(axes, (int, np.integer)):
        if axes < 0:
            raise ValueError(f"`axes` must be at least 0. Received: {axes}.")
        if axes > rank:
            raise ValueError(f"`axes` must not be larger than the number of dimensions of tensor {a}.  "
                             f"Received {axes}, vs tensor dimensions {rank}.")
        return list(range(rank - axes, rank)), list(range(axes))
    if not isinstance(axes, (list, tuple)):
        axes = [list(v) for v in np.asarray(axes._numpy() if hasattr(axes, "_numpy") else axes).tolist()]
    if len(axes) != 2:
        raise ValueError(f"`axes` must be an integer or have length 2. Received {axes}.")
    a_axes, b_axes = axes
    if isinstance(a_axes, (int, np.integer)) and isinstance(b_axes, (int, np.integer)):
        a_axes, b_axes = [a_axes], [b_axes]
    if len(a_axes) != len(b_axes):
        raise ValueError(f"Different number of contraction axes `a` and `b`, {len(a_axes)} != {len(b_axes)}.")
    return [static_int(v) for v in a_axes], [static_int(v) for v in b_axes]


def _tensordot_reshape(a, axes, flipped=False):
    shape = list(shape_of(a))
    axes = [i if i >= 0 else i + len(shape) for i in axes]
    free = [i for i in range(len(shape)) if i not in axes]
    free_dims = [shape[i] for i in free]
    prod_free = int(np.prod(free_dims))
    prod_axes = int(np.prod([shape[i] for i in axes]))
    perm = list(axes) + free if flipped else free + list(axes)
    new_shape = [prod_axes, prod_free] if flipped else [prod_free, prod_axes]
    if perm != list(range(len(shape))):
        a = _a.transpose(a, perm)
    if list(shape_of(a)) != new_shape:
        a = _a.reshape(a, new_shape)
    return a, free_dims


@tf_export("linalg.matvec")
def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False, name=None):
    """Matrix-vector product: matmul with b as a column, squeezed back."""
    a = _tensor(a)
    b = convert_like(b, a._dtype) if not isinstance(b, Tensor) else _tensor(b)
    out = _m.matmul(a, _a.expand_dims(b, -1), transpose_a=transpose_a, adjoint_a=adjoint_a)
    return _a.squeeze(out, -1)


# ---------------------------------------------------------------- inverse and determinants
def _g_inverse(e, dy):
    ainv = e.output
    out = _m.negative(_m.matmul(ainv, _m.matmul(dy, ainv, adjoint_b=True), adjoint_a=True))
    return _adj(out) if e.attrs["adjoint"] else out


def _inverse_failed(inputs, attrs):
    raise op_error(InvalidArgumentError, "MatrixInverse", "Input is not invertible.")


def _inverse_fwd(b, x, adjoint):
    out = b.matrix_inverse(x)
    if adjoint:
        out = b.conj(b.transpose(out, tuple(range(len(x.shape) - 2)) + (len(x.shape) - 1, len(x.shape) - 2)))
    return out


_inverse_op = defop("MatrixInverse", _inverse_fwd, _g_inverse, _inverse_failed)


@tf_export("linalg.inv")
def inv(input, adjoint=False, name=None):
    """Inverse of each square matrix (adjoint: of its conjugate transpose); singular: IAE."""
    x = _tensor(input)
    check_dtype(x, _INV, "MatrixInverse")
    _matrices(x, "MatrixInverse")
    return apply(_inverse_op, (x,), x._dtype, {"adjoint": bool(adjoint)})


def _batch_scale(grad, x):
    """grad ([...]) reshaped to [..., 1, 1] to scale x's matrices."""
    return _a.reshape(grad, list(shape_of(grad)) + [1, 1])


def _g_det(e, dy):
    a = e.inputs[0]
    return _m.multiply(_batch_scale(_m.multiply(dy, _m.conj(e.output)), a), inv(a, adjoint=True))


_det_op = defop("MatrixDeterminant", lambda b, x: b.matrix_determinant(x), _g_det)


@tf_export("linalg.det")
def det(input, name=None):
    """Determinant of each square matrix."""
    x = _tensor(input)
    _check_kernel_dtype(x, "MatrixDeterminant", _INV, _LAPACK)
    _matrices(x, "MatrixDeterminant")
    return apply(_det_op, (x,), x._dtype)


def _g_slogdet(e, dsign, dlog):
    a = e.inputs[0]
    return _m.multiply(_batch_scale(dlog, a), inv(a, adjoint=True))


_slogdet_op = defop("LogMatrixDeterminant", lambda b, x: b.slogdet(x), _g_slogdet)


@tf_export("linalg.slogdet")
def slogdet(input, name=None):
    """(sign, log|det|) of each square matrix, as TF's LogMatrixDeterminant namedtuple."""
    x = _tensor(input)
    _check_kernel_dtype(x, "LogMatrixDeterminant", _INV, _LAPACK)
    _matrices(x, "LogMatrixDeterminant")
    return LogMatrixDeterminant(*apply(_slogdet_op, (x,), (x._dtype, x._dtype)))


@tf_export("linalg.logdet")
@value_dependent("logdet")
def logdet(matrix, name=None):
    """log det of Hermitian positive definite matrices, from their Cholesky factor (real dtype)."""
    chol = cholesky(matrix)
    return _m.multiply(2.0, _m.reduce_sum(_m.log(_m.real(diag_part(chol))), axis=[-1]))


# ---------------------------------------------------------------- decompositions
def _g_cholesky(e, dy):
    low = e.output
    l_inv = triangular_solve(low, _eye_like(low))
    middle = _m.matmul(low, dy, adjoint_a=True)
    middle = set_diag(middle, _m.multiply(diag_part(middle), 0.5))
    middle = band_part(middle, -1, 0)
    grad = _m.matmul(_m.matmul(l_inv, middle, adjoint_a=True), l_inv)
    return _m.multiply(_m.add(grad, _adj(grad)), 0.5)


_cholesky_op = defop("Cholesky", lambda b, x: b.cholesky(x), _g_cholesky)


@tf_export("linalg.cholesky")
def cholesky(input, name=None):
    """Lower Cholesky factor, read from the lower triangle; not positive definite: NaN (TF's CPU result)."""
    x = _tensor(input)
    _check_kernel_dtype(x, "Cholesky", _INV, _LAPACK)
    _matrices(x, "Cholesky")
    return apply(_cholesky_op, (x,), x._dtype)


def _tri_right(x, r):
    """x @ inv(r) for upper-triangular r (TF's _TriangularSolve in its QR gradient)."""
    return _adj(triangular_solve(r, _adj(x), lower=False))


def _qr_grad_deep(q, r, dq, dr):
    qdq = _m.matmul(q, dq, adjoint_a=True)
    qdq_ = _m.subtract(qdq, _adj(qdq))
    rdr = _m.matmul(r, dr, adjoint_b=True)
    rdr_ = _m.subtract(rdr, _adj(rdr))
    tril = band_part(_m.add(qdq_, rdr_), -1, 0)
    grad_a = _m.matmul(q, _m.add(dr, _tri_right(tril, r)))
    grad_b = _tri_right(_m.subtract(dq, _m.matmul(q, qdq)), r)
    ret = _m.add(grad_a, grad_b)
    if q._dtype.is_complex:
        m = _m.subtract(rdr, _adj(qdq))
        eyem = set_diag(_a.zeros_like(m), diag_part(m))
        correction = _m.subtract(eyem, _a.cast(_m.real(eyem), q._dtype))
        ret = _m.add(ret, _tri_right(_m.matmul(q, _adj(correction)), r))
    return ret


def _g_qr(e, dq, dr):
    a = e.inputs[0]
    q, r = e.outputs
    m, n = shape_of(r)[-2], shape_of(r)[-1]
    if m > n and shape_of(q)[-2] == shape_of(q)[-1]:
        raise NotImplementedError("QrGrad not implemented when nrows > ncols and full_matrices is true. ")
    rows = shape_of(q)[-2]
    if rows >= n:
        return _qr_grad_deep(q, r, dq, dr)
    y = _a.getitem(a, (Ellipsis, slice(None), slice(rows, None)))
    u = _a.getitem(r, (Ellipsis, slice(None), slice(None, rows)))
    dv = _a.getitem(dr, (Ellipsis, slice(None), slice(rows, None)))
    du = _a.getitem(dr, (Ellipsis, slice(None), slice(None, rows)))
    dy = _m.matmul(q, dv)
    dx = _qr_grad_deep(q, u, _m.add(dq, _m.matmul(y, dv, adjoint_b=True)), du)
    return _a.concat([dx, dy], axis=-1)


_qr_op = defop("Qr", lambda b, x, full_matrices: b.qr(x, full_matrices), _g_qr)


@tf_export("linalg.qr")
def qr(input, full_matrices=False, name=None):
    """Householder QR of each matrix, as TF's Qr namedtuple (q, r)."""
    x = _tensor(input)
    check_dtype(x, _INV, "Qr")
    _matrices(x, "Qr", square=False)
    return Qr(*apply(_qr_op, (x,), (x._dtype, x._dtype), {"full_matrices": bool(full_matrices)}))


def _safe_reciprocal(x, epsilon=1e-20):
    return _m.multiply(x, _m.reciprocal(_m.add(_m.multiply(x, x), epsilon)))


def _gap_reciprocal(w):
    """f[i, j] = 1 / (w[j] - w[i]) off the diagonal, 0 on it. TF's safe reciprocal gives the same values;
    shifting the zero diagonal instead keeps higher derivatives finite in float32."""
    gaps = _m.subtract(_a.expand_dims(w, -2), _a.expand_dims(w, -1))
    eye = _a.eye(shape_of(w)[-1], dtype=w._dtype)
    return _m.multiply(_m.reciprocal(_m.add(gaps, eye)), _m.subtract(1.0, eye))


def _g_eigh(e, de, dv=None):
    a = e.inputs[0]
    if e.attrs["compute_v"]:
        ev, v = e.outputs
        f = _gap_reciprocal(ev)
        inner = _m.add(diag(de), _m.multiply(f, _m.matmul(v, dv, adjoint_a=True)))
        grad = _m.matmul(v, _m.matmul(inner, v, adjoint_b=True))
    else:
        _, v = eigh(a)
        grad = _m.matmul(v, _m.matmul(diag(de), v, adjoint_b=True))
    grad = band_part(_m.add(grad, _adj(grad)), -1, 0)
    return set_diag(grad, _m.multiply(diag_part(grad), 0.5))


_eigh_op = defop("SelfAdjointEigV2", lambda b, x, compute_v: b.eigh(x, compute_v), _g_eigh)


def _eig_input(tensor_, op_name="SelfAdjointEigV2"):
    x = _tensor(tensor_)
    _check_kernel_dtype(x, op_name, _INV, _LAPACK)
    _matrices(x, op_name)
    return x


def _eig_values(x, e):
    """TF's eigenvalues have the input's dtype (complex inputs: zero imaginary parts)."""
    return _a.cast(e, x._dtype) if x._dtype.is_complex else e


@tf_export("linalg.eigh")
def eigh(tensor, name=None):
    """(e, v): ascending eigenvalues and eigenvectors of self-adjoint matrices (lower triangle read)."""
    x = _eig_input(tensor)
    e, v = apply(_eigh_op, (x,), (x._dtype.real_dtype, x._dtype), {"compute_v": True})
    return _eig_values(x, e), v


@tf_export("linalg.eigvalsh")
def eigvalsh(tensor, name=None):
    """Ascending eigenvalues of self-adjoint matrices."""
    x = _eig_input(tensor)
    return _eig_values(x, apply(_eigh_op, (x,), x._dtype.real_dtype, {"compute_v": False}))


def _g_svd(e, ds, du=None, dv=None):
    """TF's SVD gradient (Townsend; Ionescu et al.), including the m != n terms."""
    a = e.inputs[0]
    ds = _a.cast(ds, a._dtype)
    ds_mat = diag(ds)
    if not e.attrs["compute_uv"]:
        _, u, v = svd(a, compute_uv=True)
        return _m.matmul(u, _m.matmul(ds_mat, v, adjoint_b=True))
    s, u, v = e.outputs
    s = _a.cast(s, a._dtype)
    m, n = shape_of(a)[-2:]
    use_adjoint = m > n
    if use_adjoint:
        m, n, u, v, du, dv = n, m, v, u, dv, du
    if e.attrs["full_matrices"] and builtins.abs(m - n) > 1:
        raise NotImplementedError("svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True")
    s_mat = diag(s)
    s2 = _m.square(s)
    f = _gap_reciprocal(s2)
    s_inv_mat = diag(_safe_reciprocal(s))
    cols = (Ellipsis, slice(None), slice(None, m))
    v1, dv1 = _a.getitem(v, cols), _a.getitem(dv, cols)
    u_gu = _m.matmul(u, du, adjoint_a=True)
    v_gv = _m.matmul(v1, dv1, adjoint_a=True)
    f_u, f_v = _m.multiply(f, u_gu), _m.multiply(f, v_gv)
    term1_nouv = _m.add(_m.add(ds_mat, _m.matmul(_m.add(f_u, _adj(f_u)), s_mat)),
                        _m.matmul(s_mat, _m.add(f_v, _adj(f_v))))
    grad = _m.matmul(u, _m.matmul(term1_nouv, v1, adjoint_b=True))
    if m != n:
        gv1t = _adj(dv1)
        term2_nous = _m.subtract(gv1t, _m.matmul(_m.matmul(gv1t, v1), v1, adjoint_b=True))
        if e.attrs["full_matrices"]:
            rest = (Ellipsis, slice(None), slice(m, n))
            v2, dv2 = _a.getitem(v, rest), _a.getitem(dv, rest)
            term2_nous = _m.subtract(term2_nous, _m.matmul(_m.matmul(v1, dv2, adjoint_a=True), v2, adjoint_b=True))
        grad = _m.add(grad, _m.matmul(_m.matmul(u, s_inv_mat), term2_nous))
    if a._dtype.is_complex:
        l_ = _m.multiply(_eye_like(v_gv), v_gv)
        term3_nouv = _m.matmul(s_inv_mat, _m.subtract(_adj(l_), l_))
        grad = _m.add(grad, _m.multiply(_m.matmul(u, _m.matmul(term3_nouv, v1, adjoint_b=True)), 0.5))
    return _adj(grad) if use_adjoint else grad


_svd_op = defop("Svd", lambda b, x, full_matrices, compute_uv: b.svd(x, full_matrices, compute_uv), _g_svd)


@tf_export("linalg.svd")
def svd(tensor, full_matrices=False, compute_uv=True, name=None):
    """Singular values (descending; real dtype), and with compute_uv TF's order (s, u, v), v not adjointed."""
    x = _tensor(tensor)
    attrs = {"full_matrices": bool(full_matrices), "compute_uv": bool(compute_uv)}
    if x._dtype not in _LAPACK:
        if x._dtype not in _INV:
            check_dtype(x, _INV, "Svd")
        raise _not_found("Svd", x, f", compute_uv={str(bool(compute_uv)).lower()}, "
                         f"full_matrices={str(bool(full_matrices)).lower()}")
    _matrices(x, "Svd", square=False)
    real = x._dtype.real_dtype
    if not compute_uv:
        return apply(_svd_op, (x,), real, attrs)
    return apply(_svd_op, (x,), (real, x._dtype, x._dtype), attrs)


# ---------------------------------------------------------------- solves
def _g_solve(e, dy):
    a = e.inputs[0]
    adj = e.attrs["adjoint"]
    c = e.output
    grad_b = solve(a, dy, adjoint=not adj)
    grad_a = _m.negative(_m.matmul(c, grad_b, adjoint_b=True) if adj else _m.matmul(grad_b, c, adjoint_b=True))
    return grad_a, grad_b


def _solve_failed(inputs, attrs):
    raise op_error(InvalidArgumentError, "MatrixSolve", "Input matrix is not invertible.")


_solve_op = defop("MatrixSolve", lambda b, a, r, adjoint: b.matrix_solve(a, r, adjoint), _g_solve, _solve_failed)


@tf_export("linalg.solve")
def solve(matrix, rhs, adjoint=False, name=None):
    """x with matrix @ x = rhs (adjoint: matrix^H @ x = rhs); same batch shapes; singular: IAE."""
    a = _tensor(matrix)
    b = _tensor(rhs)
    same_dtype("MatrixSolve", [a, b])
    _check_kernel_dtype(a, "MatrixSolve", _INV, _LAPACK)
    sa, sb = shape_of(a), shape_of(b)
    if len(sa) != len(sb):
        raise op_error(InvalidArgumentError, "MatrixSolve", "All input tensors must have the same rank.")
    _matrices(a, "MatrixSolve")
    if sa[:-2] != sb[:-2]:
        raise op_error(InvalidArgumentError, "MatrixSolve", "All input tensors must have the same outer dimensions.")
    if sa[-1] != sb[-2]:
        raise op_error(InvalidArgumentError, "MatrixSolve", "Input matrix and rhs are incompatible.")
    return apply(_solve_op, (a, b), a._dtype, {"adjoint": bool(adjoint)})


def _g_triangular_solve(e, dy):
    a, b = e.inputs
    adj, lower = e.attrs["adjoint"], e.attrs["lower"]
    c = e.output
    grad_b = triangular_solve(a, dy, lower=lower, adjoint=not adj)
    grad_a = _m.negative(_m.matmul(c, grad_b, adjoint_b=True) if adj else _m.matmul(grad_b, c, adjoint_b=True))
    grad_a = band_part(grad_a, -1, 0) if lower else band_part(grad_a, 0, -1)
    return _m.unbroadcast(grad_a, shape_of(a)), _m.unbroadcast(grad_b, shape_of(b))


_trisolve_op = defop("MatrixTriangularSolve",
                     lambda b, a, r, lower, adjoint: b.triangular_solve(a, r, lower, adjoint), _g_triangular_solve)


@tf_export("linalg.triangular_solve")
def triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    """x with t @ x = rhs for the lower (or upper) triangle t of matrix; batch dims broadcast."""
    a = _tensor(matrix)
    b = _tensor(rhs)
    same_dtype("MatrixTriangularSolve", [a, b])
    _check_kernel_dtype(a, "MatrixTriangularSolve", _TRISOLVE, _LAPACK)
    sa, sb = shape_of(a), shape_of(b)
    _matrices(a, "MatrixTriangularSolve")
    if len(sb) < 2:
        raise op_error(InvalidArgumentError, "MatrixTriangularSolve", f"In[1] ndims must be >= 2: {len(sb)}")
    if sa[-1] != sb[-2]:
        raise op_error(InvalidArgumentError, "MatrixTriangularSolve",
                       f"In[0] mismatch In[1] shape: {sa[-1]} vs. {sb[-2]}: {_dims(sa)} {_dims(sb)} "
                       f"{int(bool(lower))} {int(bool(adjoint))}")
    try:
        np.broadcast_shapes(sa[:-2], sb[:-2])
    except ValueError:
        raise op_error(InvalidArgumentError, "MatrixTriangularSolve",
                       f"Incompatible shapes: {_dims(sa)} vs. {_dims(sb)}") from None
    return apply(_trisolve_op, (a, b), a._dtype, {"lower": bool(lower), "adjoint": bool(adjoint)})


@tf_export("linalg.cholesky_solve")
def cholesky_solve(chol, rhs, name=None):
    """x with (chol chol^H) x = rhs, by two triangular solves."""
    y = triangular_solve(chol, rhs, adjoint=False, lower=True)
    return triangular_solve(chol, y, adjoint=True, lower=True)


# ---------------------------------------------------------------- diagonals and bands
def _single_k(k, op_name):
    ks = [static_int(v) for v in np.asarray(k._numpy() if hasattr(k, "_numpy") else k).reshape(-1)]
    if len(ks) == 2 and ks[0] != ks[1]:
        raise NotImplementedError(f"tf.linalg.{op_name} with a band k=(low, high) is not implemented yet in tfcompat")
    if len(ks) not in (1, 2):
        raise op_error(InvalidArgumentError, op_name, f"diag_index must be a scalar or vector with at most 2 elements")
    return ks[0]


def _at_least(x, n, what, op_name):
    s = shape_of(x)
    if len(s) < n:
        raise op_error(InvalidArgumentError, op_name, f"{what} must be at least {n}-dim, received shape: {_dims(s)}")
    return s


def _diag_len(m, n, k):
    return builtins.max(0, builtins.min(m + builtins.min(k, 0), n - builtins.max(k, 0)))


_diag_part_op = defop("MatrixDiagPartV3", lambda b, x, k: b.matrix_diag_part(x, k),
                      lambda e, dy: set_diag(_a.zeros_like(e.inputs[0]), dy, k=e.attrs["k"]))


@tf_export("linalg.diag_part")
@value_dependent("diag_part")
def diag_part(input, name="diag_part", k=0, padding_value=0, align="RIGHT_LEFT"):
    """The k-th diagonal of each matrix (a single k; a band of diagonals is not implemented yet)."""
    x = _tensor(input)
    k = _single_k(k, "MatrixDiagPartV3")
    s = _at_least(x, 2, "input", "MatrixDiagPartV3")
    m, n = s[-2:]
    if not ((-m < k < n) or (m == 0 or n == 0) and k == 0):
        raise op_error(InvalidArgumentError, "MatrixDiagPartV3",
                       f"lower_diag_index is out of bound: {k}. It must be between {-m} and {n}")
    return apply(_diag_part_op, (x,), x._dtype, {"k": k})


def _g_diag(e, dy):
    return diag_part(dy, k=e.attrs["k"])


_diag_op = defop("MatrixDiagV3", lambda b, x, k, rows, cols, padding: b.matrix_diag(x, k, rows, cols, padding), _g_diag)


@tf_export("linalg.diag")
@value_dependent("diag")
def diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT"):
    """Matrices with `diagonal` on their k-th diagonal and `padding_value` elsewhere."""
    x = _tensor(diagonal)
    k = _single_k(k, "MatrixDiagV3")
    pad = convert_to_tensor(padding_value, x._dtype)
    s = _at_least(x, 1, "diagonal", "MatrixDiagV3")
    length = s[-1]
    min_rows, min_cols = length + builtins.max(-k, 0), length + builtins.max(k, 0)
    rows, cols = static_int(num_rows), static_int(num_cols)
    if rows == -1 and cols == -1:
        rows = cols = builtins.max(min_rows, min_cols)
    elif rows == -1:
        rows = min_rows
    elif cols == -1:
        cols = min_cols
    if rows < min_rows or cols < min_cols or (rows != min_rows and cols != min_cols):
        raise op_error(InvalidArgumentError, "MatrixDiagV3", "The number of rows or columns is not consistent "
                       "with the specified d_lower, d_upper, and diagonal.")
    return apply(_diag_op, (x,), x._dtype, {"k": k, "rows": rows, "cols": cols, "padding": pad._numpy().item()})


def _g_set_diag(e, dy):
    k = e.attrs["k"]
    return set_diag(dy, _a.zeros_like(e.inputs[1]), k=k), diag_part(dy, k=k)


_set_diag_op = defop("MatrixSetDiagV3", lambda b, x, d, k: b.matrix_set_diag(x, d, k), _g_set_diag)


@tf_export("linalg.set_diag")
@value_dependent("set_diag")
def set_diag(input, diagonal, name="set_diag", k=0, align="RIGHT_LEFT"):
    """`input` with its k-th diagonal replaced by `diagonal`."""
    x = _tensor(input)
    d = _tensor(diagonal) if isinstance(diagonal, Tensor) else convert_to_tensor(diagonal, x._dtype)
    if d._dtype is not x._dtype:
        raise op_error(InvalidArgumentError, "MatrixSetDiagV3", dtype_error("MatrixSetDiagV3", 1, x._dtype, d._dtype))
    k = _single_k(k, "MatrixSetDiagV3")
    s = _at_least(x, 2, "input", "MatrixSetDiagV3")
    if shape_of(d) != s[:-2] + (_diag_len(s[-2], s[-1], k),):
        raise op_error(InvalidArgumentError, "MatrixSetDiagV3",
                       "Either first dimensions of diagonal don't match input.shape[:-2], or diagonal.shape[:-1] "
                       f"is not equal to the batch dimensions of input. diagonal.shape: {_dims(shape_of(d))}, "
                       f"input.shape: {_dims(s)}")
    return apply(_set_diag_op, (x, d), x._dtype, {"k": k})


_band_op = defop("MatrixBandPart", lambda b, x, lower, upper: b.band_part(x, lower, upper),
                 lambda e, dy: band_part(dy, e.attrs["lower"], e.attrs["upper"]))


@tf_export("linalg.band_part")
@value_dependent("band_part")
def band_part(input, num_lower, num_upper, name=None):
    """Keeps a band of each matrix: num_lower sub- and num_upper superdiagonals (negative: all)."""
    x = _tensor(input)
    lower = convert_to_tensor(num_lower, _dt.int64) if not isinstance(num_lower, Tensor) else num_lower
    upper = convert_to_tensor(num_upper, _dt.int64) if not isinstance(num_upper, Tensor) else num_upper
    lower, upper = static_int(lower), static_int(upper)
    s = _at_least(x, 2, "input", "MatrixBandPart")
    if lower > s[-2]:
        raise op_error(InvalidArgumentError, "MatrixBandPart",
                       f"num_lower must be negative or less or equal to number of rows ({s[-2]}) got: {lower}")
    if upper > s[-1]:
        raise op_error(InvalidArgumentError, "MatrixBandPart",
                       f"num_upper must be negative or less or equal to number of columns ({s[-1]}) got: {upper}")
    return apply(_band_op, (x,), x._dtype, {"lower": lower, "upper": upper})


@tf_export("linalg.trace")
@value_dependent("trace")
def trace(x, name=None):
    """Sum of the main diagonal of each matrix (which need not be square)."""
    return _m.reduce_sum(diag_part(x), [-1])


# ---------------------------------------------------------------- cross and norms
def _g_cross(e, dy):
    u, v = e.inputs
    return cross(v, dy), cross(dy, u)


_cross_op = defop("Cross", lambda b, x, y: b.cross(x, y), _g_cross)


@tf_export("linalg.cross")
def cross(a, b, name=None):
    """Cross product of 3-vectors along the last axis (no broadcasting, as TF)."""
    x, y = _m.match(a, b, "Cross")
    check_dtype(x, _CROSS, "Cross")
    sx, sy = shape_of(x), shape_of(y)
    if sx != sy:
        raise op_error(InvalidArgumentError, "Cross", f"Both inputs must be of same shape: {_dims(sx)} vs. {_dims(sy)}")
    if not sx:
        raise op_error(InvalidArgumentError, "Cross", f"Input must be at least 1D{_dims(sx)}")
    if sx[-1] != 3:
        raise op_error(FailedPreconditionError, "Cross", "Cross-products are only defined for 3-element vectors.")
    return apply(_cross_op, (x, y), x._dtype)


@tf_export("norm", "linalg.norm")
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """Vector norms (p > 0, inf) and matrix norms ('fro', 1, 2, inf) by TF's composition of ops."""
    keepdims = bool(keepdims)
    is_matrix = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix:
        axis = tuple(axis)
        if not isinstance(axis[0], int) or not isinstance(axis[1], int) or axis[0] == axis[1]:
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        supported = ["euclidean", "fro", 1, 2, np.inf]
        if ord not in supported:
            raise ValueError(f"'ord' must be a supported matrix norm in {supported}, got {ord}")
    else:
        if not (isinstance(axis, int) or axis is None):
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        if (not np.isreal(ord) or ord <= 0) and ord not in ["euclidean", 1, 2, np.inf]:
            raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
        if axis is not None:
            axis = (axis,)
    x = convert_to_tensor(tensor)
    rank = len(shape_of(x))
    if ord in ["fro", "euclidean", 2, 2.0]:
        if is_matrix and ord in [2, 2.0]:
            pos = [a % rank if a < 0 else a for a in axis]
            before = [i for i in range(rank) if i not in pos] + pos
            after = [before.index(i) for i in range(rank)]
            s = svd(_a.transpose(x, before), compute_uv=False)
            two = _a.expand_dims(_m.reduce_max(_m.abs(s), axis=-1, keepdims=True), -1)
            result = _a.transpose(two, after)
        else:
            result = _m.sqrt(_m.reduce_sum(_m.multiply(x, _m.conj(x)), list(axis) if axis else None, keepdims=True))
    else:
        result = _m.abs(x)
        if ord == 1:
            result = _m.reduce_sum(result, None if axis is None else axis[0], keepdims=True)
            if is_matrix:
                result = _m.reduce_max(result, axis[-1], keepdims=True)
        elif ord == np.inf:
            if is_matrix:
                result = _m.reduce_sum(result, axis[1], keepdims=True)
            result = _m.reduce_max(result, None if axis is None else axis[0], keepdims=True)
        else:
            result = _m.pow(_m.reduce_sum(_m.pow(result, float(ord)), list(axis) if axis else None, keepdims=True),
                            1.0 / ord)
    if not keepdims:
        result = _a.squeeze(result, list(axis) if axis is not None else None)
    return result
