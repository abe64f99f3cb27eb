"""PyTorch backend: random-sampling kernels beyond uniform/normal: truncated normal, categorical, shuffle."""


class RandomKernels:
    """Mixin of `TorchBackend` with the random kernels."""
