"""Op-table cases for the core ops that came with the framework (elementwise math, reductions, shapes)."""
from .spec import OpCase
from .strategies import arrays, away_from_zero, smooth

ELEMENTWISE = ("float16", "float32", "float64")


def _one(**kw):
    return lambda draw, dtype: (draw(arrays(dtype, **kw)),)


CASES = [
    OpCase("math.square", lambda tf, x: tf.math.square(x), _one(), ELEMENTWISE + ("int32",),
           grad=(0,), grad_inputs=lambda rs: (smooth(rs, (2, 3)),)),
    OpCase("math.abs", lambda tf, x: tf.math.abs(x), _one(), ELEMENTWISE + ("int32", "int64"),
           grad=(0,), grad_inputs=lambda rs: (away_from_zero(rs, (2, 3)),)),
    OpCase("reduce_sum[axis=-1]", lambda tf, x: tf.reduce_sum(x, axis=-1), _one(min_dims=1),
           ("float32", "float64", "int32"), grad=(0,), grad_inputs=lambda rs: (smooth(rs, (2, 3)),)),
]
