"""NumPy backend: random-sampling kernels beyond uniform/normal: truncated normal, categorical, shuffle."""


class RandomKernels:
    """Mixin of `NumpyBackend` with the random kernels."""
