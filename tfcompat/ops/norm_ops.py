"""Normalisation ops of `tf.nn`: moments, batch_normalization, l2_normalize, local_response_normalization.

Each is composed of tfcompat ops exactly as TF composes it (TF's LRN kernel is written here as a
banded matmul), so the gradients of every order come from the parts.
"""
from ..graph.runtime import value_dependent
import numpy as np

from ..framework.errors import InvalidArgumentError, op_error
from ..util.export import tf_export
from . import array_ops as A
from . import math_ops as M
from .common import shape_of, static_int, static_list, tensor
from ..framework import dtypes as _dt


@tf_export("nn.moments")
@value_dependent("Moments")
def moments(x, axes, shift=None, keepdims=False, name=None):
    """(mean, variance) over `axes`; float16 is computed in float32 (as TF does)."""
    x = tensor(x)
    y = A.cast(x, _dt.float32) if x._dtype is _dt.float16 else x
    axes = static_list(axes)
    mean = M.reduce_mean(y, axes, keepdims=True)
    variance = M.reduce_mean(M.squared_difference(y, A.stop_gradient(mean)), axes, keepdims=True)
    if not keepdims:
        mean, variance = A.squeeze(mean, axes), A.squeeze(variance, axes)
    if x._dtype is _dt.float16:
        return A.cast(mean, _dt.float16), A.cast(variance, _dt.float16)
    return mean, variance


@tf_export("nn.batch_normalization")
def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """(x - mean) * scale / sqrt(variance + epsilon) + offset, in TF's order of operations."""
    x = tensor(x)
    inv = M.rsqrt(M.add(variance, variance_epsilon))
    if scale is not None:
        inv = M.multiply(inv, scale)
    shift = M.subtract(offset, M.multiply(mean, inv)) if offset is not None else \
        M.multiply(M.negative(mean), inv)
    return M.add(M.multiply(x, A.cast(inv, x._dtype)), A.cast(shift, x._dtype))


@tf_export("nn.l2_normalize", "math.l2_normalize", "linalg.l2_normalize")
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """x / sqrt(max(sum(x**2, axis), epsilon)); complex x is normalised by its modulus."""
    axis = dim if axis is None else axis
    x = tensor(x)
    if x._dtype.is_complex:
        re, im = M.real(x), M.imag(x)
        square_sum = M.reduce_sum(M.add(M.square(re), M.square(im)), axis, keepdims=True)
        inv = M.rsqrt(M.maximum(square_sum, epsilon))
        return M.complex_(M.multiply(re, inv), M.multiply(im, inv))
    square_sum = M.reduce_sum(M.square(x), axis, keepdims=True)
    return M.multiply(x, M.rsqrt(M.maximum(square_sum, epsilon)))


_LRN_T = ("half", "bfloat16", "float")


@tf_export("nn.local_response_normalization", "nn.lrn")
@value_dependent("LRN")
def local_response_normalization(input, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, name=None):
    """x / (bias + alpha * sum of x**2 over depth_radius channels either side) ** beta (4-D, NHWC)."""
    from .nn_ops import check
    x = tensor(input)
    check(x, _LRN_T, "LRN")
    r = static_int(depth_radius)
    if len(shape_of(x)) != 4:
        raise op_error(InvalidArgumentError, "LRN", "in must be 4-dimensional")
    if r < 0:
        raise op_error(InvalidArgumentError, "LRN", f"depth_radius = {r} larger than int max")
    bias, alpha, beta = (float(np.float32(v)) for v in (bias, alpha, beta))
    c = shape_of(x)[-1]
    i = np.arange(c)
    band = tensor((np.abs(i[:, None] - i[None, :]) <= r).astype(x._dtype.as_numpy_dtype), x._dtype)
    sqr_sum = M.matmul(M.square(x), band)
    return M.multiply(x, M.pow(M.add(M.multiply(sqr_sum, alpha), bias), -beta))


lrn = local_response_normalization
