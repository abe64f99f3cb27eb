"""PyTorch backend: random-sampling kernels fed with the frontend's Philox uniforms."""
import torch


class RandomKernels:
    """Mixin of `TorchBackend` with the random kernels."""

    def categorical(self, logits, uniforms, dtype):
        lg = logits.to(torch.float64)
        finite = torch.isfinite(lg)
        top = torch.where(finite, lg, -torch.inf).amax(dim=1, keepdim=True)
        top = torch.where(torch.isfinite(top), top, torch.zeros_like(top))
        cdf = torch.cumsum(torch.where(finite, torch.exp(torch.where(finite, lg - top, 0.0)), 0.0), dim=1)
        target = uniforms.to(torch.float64) * cdf[:, -1:]
        return torch.searchsorted(cdf.contiguous(), target.contiguous(), right=True).to(self.native_dtype(dtype))
