"""PyTorch backend: neural-network kernels beyond the core: activations, normalisation, losses."""


class NnKernels:
    """Mixin of `TorchBackend` with the nn kernels."""
