"""PyTorch backend: linear-algebra kernels: decompositions, solves, determinants, einsum."""


class LinalgKernels:
    """Mixin of `TorchBackend` with the linalg kernels."""
