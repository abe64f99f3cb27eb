"""PyTorch backend: math kernels beyond the core: special functions, sorting, top_k, unique, segment reductions."""


class MathKernels:
    """Mixin of `TorchBackend` with the math kernels."""
