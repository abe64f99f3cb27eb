"""PyTorch backend: convolution and pooling kernels, with their backprop kernels."""


class ConvKernels:
    """Mixin of `TorchBackend` with the conv kernels."""
