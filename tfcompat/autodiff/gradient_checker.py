"""`tf.test.compute_gradient`: the theoretical (tape) and numerical (central difference) jacobians."""
import numpy as np

__all__ = ["compute_gradient", "max_error"]


def _theoretical(f, xs, i, y_size):
    from .tape import GradientTape
    x = xs[i]
    with GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = f(*xs)
    x_size = int(np.prod(tuple(x.shape), dtype=np.int64))
    jac = tape.jacobian(y, x, unconnected_gradients="zero")
    return np.asarray(jac.numpy(), dtype=x.dtype.real_dtype.as_numpy_dtype).reshape(y_size, x_size)


def _numerical(f, xs, i, y_size, delta):
    from ..framework.convert import convert_to_tensor
    x = xs[i]
    base = x.numpy()
    np_dtype = x.dtype.real_dtype.as_numpy_dtype
    x_size = base.size
    jac = np.zeros((y_size, x_size), dtype=np_dtype)
    for col in range(x_size):
        vals = []
        for sign in (1, -1):
            moved = base.copy().reshape(-1)
            moved[col] = moved[col] + sign * delta
            args = list(xs)
            args[i] = convert_to_tensor(moved.reshape(base.shape), x.dtype)
            vals.append(np.asarray(f(*args).numpy()))
        diff = (vals[0] - vals[1]) / np.asarray(2 * delta, dtype=np_dtype)
        jac[:, col] = diff.reshape(-1)
    return jac


def compute_gradient(f, x, delta=None):
    """For each argument `x[i]` of `f`: (theoretical jacobians, numerical jacobians), each (y_size, x_size).

    Like TF's gradient_checker_v2: `x` is a list or tuple, `delta` defaults to 2**-10, and the
    numerical jacobian is a central difference in the argument's dtype.
    """
    from ..framework.convert import convert_to_tensor
    if not isinstance(x, (list, tuple)):
        raise ValueError("`x` must be a list or tuple of values convertible to a Tensor (arguments to `f`), "
                         f"not a {type(x)}")
    if delta is None:
        delta = 1.0 / 1024
    xs = [convert_to_tensor(v) for v in x]
    for v in xs:
        if v.dtype.is_complex:
            raise NotImplementedError("compute_gradient on complex arguments is not implemented yet in tfcompat")
    y = convert_to_tensor(f(*xs))
    y_size = int(np.prod(tuple(y.shape), dtype=np.int64))
    theoretical = tuple(_theoretical(f, xs, i, y_size) for i in range(len(xs)))
    numerical = tuple(_numerical(f, xs, i, y_size, delta) for i in range(len(xs)))
    return theoretical, numerical


def max_error(grad1, grad2):
    """The largest absolute difference between two lists of jacobians (TF's gradient_checker_v2.max_error)."""
    err = 0.0
    for a, b in zip(grad1, grad2):
        if a.size or b.size:
            err = max(err, float(np.fabs(np.asarray(a) - np.asarray(b)).max()))
    return err
