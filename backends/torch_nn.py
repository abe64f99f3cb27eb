"""PyTorch backend: neural-network kernels beyond the core: activations, normalisation, losses."""
import torch

_SELU_SCALE, _SELU_ALPHA = 1.0507009873554805, 1.6732632423543772


class NnKernels:
    """Mixin of `TorchBackend` with the nn kernels."""

    @staticmethod
    def relu6(x):
        return torch.clamp(x, 0, 6)

    @staticmethod
    def elu(x):
        return torch.where(x > 0, x, torch.expm1(torch.clamp(x, max=0)))

    @staticmethod
    def selu(x):
        neg = torch.expm1(torch.clamp(x, max=0)) * _SELU_ALPHA
        return torch.where(x > 0, x, neg) * _SELU_SCALE

    @staticmethod
    def leaky_relu(x, alpha):
        return torch.where(x > 0, x, x * alpha)

    @staticmethod
    def softsign(x):
        return x / (torch.abs(x) + 1)
