"""NumPy backend: convolution and pooling kernels, with their backprop kernels."""


class ConvKernels:
    """Mixin of `NumpyBackend` with the conv kernels."""
