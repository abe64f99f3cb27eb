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

    @staticmethod
    def sparse_softmax_xent(logits, labels):
        z = logits - logits.amax(1, keepdim=True)
        e = torch.exp(z)
        total = e.sum(1, keepdim=True)
        rows = torch.arange(len(labels), device=labels.device)
        loss = torch.log(total[:, 0]) - z[rows, labels]
        e /= total
        e[rows, labels] -= 1
        return loss, e

    @staticmethod
    def adam_update(var, m, v, grad, alpha, c1, c2, eps):
        m1 = (grad - m).mul_(c1).add_(m)  # temporaries reused in place: 3 allocations instead of 11
        v1 = torch.square(grad).sub_(v).mul_(c2).add_(v)
        step = torch.sqrt(v1).add_(eps)
        step = torch.div(m1 * alpha, step, out=step)
        return torch.sub(var, step, out=step), m1, v1
