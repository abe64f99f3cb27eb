"""NumPy backend: neural-network kernels beyond the core: activations, normalisation, losses."""


class NnKernels:
    """Mixin of `NumpyBackend` with the nn kernels."""
