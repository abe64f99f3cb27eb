"""NumPy backend: linear-algebra kernels: decompositions, solves, determinants, einsum."""


class LinalgKernels:
    """Mixin of `NumpyBackend` with the linalg kernels."""
