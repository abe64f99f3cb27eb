"""NumPy backend: neural-network kernels beyond the core: activations, normalisation, losses."""
import numpy as np

_SELU_SCALE, _SELU_ALPHA = 1.0507009873554805, 1.6732632423543772


def _zero(x):
    return np.zeros((), x.dtype)


class NnKernels:
    """Mixin of `NumpyBackend` with the nn kernels."""

    @staticmethod
    def relu6(x):
        return np.minimum(np.maximum(x, _zero(x)), np.asarray(6, x.dtype))

    @staticmethod
    def elu(x):
        return np.where(x > 0, x, np.expm1(np.minimum(x, _zero(x))))

    @staticmethod
    def selu(x):
        neg = np.expm1(np.minimum(x, _zero(x))) * np.asarray(_SELU_ALPHA, x.dtype)
        return np.where(x > 0, x, neg) * np.asarray(_SELU_SCALE, x.dtype)

    @staticmethod
    def leaky_relu(x, alpha):
        return np.where(x > 0, x, x * np.asarray(alpha, x.dtype))

    @staticmethod
    def softsign(x):
        return x / (np.abs(x) + np.asarray(1, x.dtype))

    @staticmethod
    def sparse_softmax_xent(logits, labels):
        z = logits - logits.max(1, keepdims=True)
        e = np.exp(z)
        total = e.sum(1, keepdims=True)
        rows = np.arange(len(labels))
        loss = np.log(total[:, 0]) - z[rows, labels]
        e /= total
        e[rows, labels] -= np.asarray(1, e.dtype)
        return loss, e

    @staticmethod
    def adam_update(var, m, v, grad, alpha, c1, c2, eps):
        m1 = grad - m  # each temporary is reused in place: 3 allocations instead of 11
        m1 *= c1
        m1 += m
        v1 = np.square(grad)
        v1 -= v
        v1 *= c2
        v1 += v
        step = np.sqrt(v1)
        step += eps
        np.divide(m1 * alpha, step, out=step)
        return np.subtract(var, step, out=step), m1, v1
