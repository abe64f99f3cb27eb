"""Op-table cases for convolution and pooling: padding modes (SAME's asymmetric split on odd sizes,
VALID, explicit), strides, dilations, groups, 1-D/3-D, transposed convolutions, and TF's errors.

Spatial sizes never go below the window (TF's oneDNN CPU kernels abort the process there), and every
case is NHWC: TF's CPU kernels reject NCHW (the op table checks NCHW against torch by the conformance
suite's layout test instead). `squared` variants differentiate through the backprop ops' own gradients.
"""
from hypothesis import strategies as st

from .spec import OpCase
from ..strategies import arrays
from .points import distinct, smooth

F = ("float32", "float64")
F32 = ("float32",)  # TF's float64 CPU kernels have no gradient for dilated or grouped convolutions
CONV_TOL = {"float32": (1e-5, 1e-4), "float64": (1e-10, 1e-9)}


def _batch(draw, low=0):
    return draw(st.integers(low, 2))


def _conv_inputs(x_shape, w_shape):
    """(x, w) with a drawn batch and edge values in x (no empty batch: TF's oneDNN conv returns its input then)."""
    def inputs(draw, dtype):
        x = draw(arrays(dtype, (_batch(draw, 1),) + x_shape))
        w = draw(arrays(dtype, w_shape, edge=False))
        return x, w
    return inputs


def _one_input(shape, edge=True):
    return lambda draw, dtype: (draw(arrays(dtype, (_batch(draw),) + shape, edge=edge)),)


def _smooth(*shapes):
    return lambda rs: tuple(smooth(rs, s) for s in shapes)


def _conv_case(name, fn, x_shape, w_shape, dtypes=F, tol=CONV_TOL, **kw):
    return OpCase(name, fn, _conv_inputs(x_shape, w_shape), dtypes, grad=(0, 1),
                  grad_inputs=_smooth((2,) + x_shape, w_shape), tol=tol, **kw)


def _pool_case(name, fn, shape, dtypes=F, tol=CONV_TOL, **kw):
    return OpCase(name, fn, _one_input(shape), dtypes, grad=(0,),
                  grad_inputs=lambda rs: (distinct(rs, (2,) + shape) * 0.1,), tol=tol, **kw)


EXPLICIT = [[0, 0], [2, 1], [0, 3], [0, 0]]

CASES = [
    # ---- conv2d
    _conv_case("nn.conv2d[SAME]", lambda tf, x, w: tf.nn.conv2d(x, w, 1, "SAME"), (5, 4, 2), (3, 3, 2, 3)),
    _conv_case("nn.conv2d[SAME,s2,odd]", lambda tf, x, w: tf.nn.conv2d(x, w, 2, "SAME"), (5, 6, 2), (3, 2, 2, 3)),
    _conv_case("nn.conv2d[VALID,s2x1]", lambda tf, x, w: tf.nn.conv2d(x, w, [2, 1], "VALID"), (6, 5, 1), (3, 3, 1, 2)),
    _conv_case("nn.conv2d[explicit]", lambda tf, x, w: tf.nn.conv2d(x, w, [1, 2, 2, 1], EXPLICIT), (4, 3, 2), (2, 3, 2, 2)),
    _conv_case("nn.conv2d[SAME,dilations=2]", lambda tf, x, w: tf.nn.conv2d(x, w, 1, "SAME", dilations=2),
               (5, 5, 1), (2, 3, 1, 2), dtypes=F32),
    _conv_case("nn.conv2d[VALID,dilations=2x1]", lambda tf, x, w: tf.nn.conv2d(x, w, 1, "VALID", dilations=[2, 1]),
               (6, 4, 2), (2, 2, 2, 2), dtypes=F32),
    _conv_case("nn.conv2d[grouped]", lambda tf, x, w: tf.nn.conv2d(x, w, 1, "SAME"), (4, 4, 4), (3, 3, 2, 4), dtypes=F32),
    _conv_case("nn.conv2d[squared]", lambda tf, x, w: tf.square(tf.nn.conv2d(x, w, 2, "SAME")), (5, 4, 2),
               (3, 3, 2, 2)),
    OpCase("nn.conv2d[int32]", lambda tf, x, w: tf.nn.conv2d(x, w, 1, "SAME"),
           lambda draw, dtype: (draw(arrays(dtype, (1, 4, 4, 2), lo=-30, hi=30)),
                                draw(arrays(dtype, (3, 3, 2, 2), lo=-30, hi=30))), ("int32",)),
    OpCase("nn.conv2d[channel mismatch]", lambda tf, x, w: tf.nn.conv2d(x, w, 1, "SAME"),
           lambda draw, dtype: (draw(arrays(dtype, (1, 4, 4, 1))), draw(arrays(dtype, (3, 3, 2, 2)))), F),
    OpCase("nn.conv2d[padding=same]", lambda tf, x, w: tf.nn.conv2d(x, w, 1, "same"),
           lambda draw, dtype: (draw(arrays(dtype, (1, 4, 4, 1))), draw(arrays(dtype, (3, 3, 1, 2)))), F),
    OpCase("nn.conv2d[batch stride]", lambda tf, x, w: tf.nn.conv2d(x, w, [2, 1, 1, 1], "SAME"),
           lambda draw, dtype: (draw(arrays(dtype, (1, 4, 4, 1))), draw(arrays(dtype, (3, 3, 1, 2)))), F),
    # ---- other convolutions
    _conv_case("nn.conv1d[SAME,s2]", lambda tf, x, w: tf.nn.conv1d(x, w, 2, "SAME"), (7, 2), (3, 2, 3)),
    _conv_case("nn.conv1d[VALID,dilations=2]", lambda tf, x, w: tf.nn.conv1d(x, w, 1, "VALID", dilations=2),
               (7, 1), (3, 1, 2), dtypes=F32),
    _conv_case("nn.conv3d[SAME]", lambda tf, x, w: tf.nn.conv3d(x, w, [1, 2, 1, 1, 1], "SAME"), (3, 3, 2, 1),
               (2, 2, 2, 1, 2), dtypes=("float32",)),
    _conv_case("nn.convolution[VALID]", lambda tf, x, w: tf.nn.convolution(x, w, padding="VALID"), (4, 4, 2),
               (2, 2, 2, 2), tf_skip={2: "TF's Conv2DBackpropInput gradient fails here "
                                         "(AttributeError: 'NoneType' object has no attribute 'decode')"}),
    _conv_case("nn.depthwise_conv2d[SAME,s2]",
               lambda tf, x, w: tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "SAME"), (5, 4, 2), (3, 3, 2, 2)),
    _conv_case("nn.depthwise_conv2d[VALID,dilations=2]",
               lambda tf, x, w: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID", dilations=[2, 2]),
               (5, 5, 2), (2, 2, 2, 1)),
    OpCase("nn.separable_conv2d[SAME]", lambda tf, x, d, p: tf.nn.separable_conv2d(x, d, p, [1, 1, 1, 1], "SAME"),
           lambda draw, dtype: (draw(arrays(dtype, (_batch(draw, 1), 4, 4, 2))),
                                draw(arrays(dtype, (3, 3, 2, 2), edge=False)),
                                draw(arrays(dtype, (1, 1, 4, 3), edge=False))), F, grad=(0, 1, 2),
           grad_inputs=_smooth((1, 4, 4, 2), (3, 3, 2, 2), (1, 1, 4, 3)), tol=CONV_TOL),
    _conv_case("nn.conv2d_transpose[SAME,s2]",
               lambda tf, x, w: tf.nn.conv2d_transpose(x, w, [tf.shape(x)[0], 5, 6, 2], 2, "SAME"),
               (3, 3, 3), (3, 3, 2, 3)),
    _conv_case("nn.conv2d_transpose[VALID,s2]",
               lambda tf, x, w: tf.nn.conv2d_transpose(x, w, [tf.shape(x)[0], 7, 6, 1], [2, 2], "VALID"),
               (3, 2, 2), (3, 3, 1, 2)),
    _conv_case("nn.conv1d_transpose[SAME,s2]",
               lambda tf, x, w: tf.nn.conv1d_transpose(x, w, [tf.shape(x)[0], 8, 2], 2, "SAME"), (4, 3), (3, 2, 3)),
    # ---- pooling
    _pool_case("nn.max_pool2d[SAME,k3,s2]", lambda tf, x: tf.nn.max_pool2d(x, 3, 2, "SAME"), (5, 4, 2)),
    _pool_case("nn.max_pool2d[VALID,k2,s2]", lambda tf, x: tf.nn.max_pool2d(x, 2, 2, "VALID"), (5, 4, 2),
               dtypes=F + ("float16",)),
    _pool_case("nn.max_pool2d[SAME,k2x3,s1x2]", lambda tf, x: tf.nn.max_pool2d(x, [2, 3], [1, 2], "SAME"),
               (4, 5, 1)),
    _pool_case("nn.max_pool2d[explicit]",
               lambda tf, x: tf.nn.max_pool2d(x, 3, 2, [[0, 0], [1, 1], [2, 1], [0, 0]]), (4, 4, 2),
               tf_skip={2: "TF's MaxPoolGradGrad does not accept EXPLICIT padding"}),
    _pool_case("nn.max_pool2d[squared]", lambda tf, x: tf.square(tf.nn.max_pool2d(x, 2, 2, "SAME")), (5, 4, 2)),
    OpCase("nn.max_pool2d[int]", lambda tf, x: tf.nn.max_pool2d(x, 2, 2, "SAME"), _one_input((5, 3, 2)),
           ("int32", "int64", "uint8", "int8")),
    OpCase("nn.max_pool2d[batch ksize]", lambda tf, x: tf.nn.max_pool2d(x, [2, 2, 2, 1], 1, "SAME"),
           _one_input((4, 4, 1)), F),
    _pool_case("nn.avg_pool2d[SAME,k3,s2]", lambda tf, x: tf.nn.avg_pool2d(x, 3, 2, "SAME"), (5, 4, 2),
               dtypes=F + ("float16",)),
    _pool_case("nn.avg_pool2d[VALID,k2x1,s1]", lambda tf, x: tf.nn.avg_pool2d(x, [2, 1], 1, "VALID"), (4, 3, 2)),
    _pool_case("nn.avg_pool2d[squared]", lambda tf, x: tf.square(tf.nn.avg_pool2d(x, 2, 2, "SAME")), (3, 5, 1)),
    OpCase("nn.avg_pool2d[int32]", lambda tf, x: tf.nn.avg_pool2d(x, 2, 2, "SAME"), _one_input((4, 4, 1)),
           ("int32",)),
    _pool_case("nn.max_pool1d[SAME,k3,s2]", lambda tf, x: tf.nn.max_pool1d(x, 3, 2, "SAME"), (7, 2)),
    _pool_case("nn.avg_pool1d[SAME,k2,s2]", lambda tf, x: tf.nn.avg_pool1d(x, 2, 2, "SAME"), (5, 2)),
    _pool_case("nn.max_pool3d[SAME]", lambda tf, x: tf.nn.max_pool3d(x, 2, 2, "SAME"), (3, 3, 2, 1),
               dtypes=("float32",)),
    _pool_case("nn.avg_pool3d[SAME]", lambda tf, x: tf.nn.avg_pool3d(x, 2, 2, "SAME"), (3, 3, 2, 1),
               dtypes=("float32",)),
    _pool_case("nn.max_pool[N-d,VALID]", lambda tf, x: tf.nn.max_pool(x, 2, 1, "VALID"), (3, 4, 2)),
    _pool_case("nn.avg_pool[N-d,SAME]", lambda tf, x: tf.nn.avg_pool(x, 3, 2, "SAME"), (5, 2)),
    _pool_case("nn.pool[MAX,SAME]", lambda tf, x: tf.nn.pool(x, [2, 2], "MAX", strides=[2, 2], padding="SAME"),
               (5, 4, 1)),
    _pool_case("nn.pool[AVG,VALID]", lambda tf, x: tf.nn.pool(x, [3], "AVG", strides=[2], padding="VALID"), (7, 2)),
]
