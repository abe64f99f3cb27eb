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
