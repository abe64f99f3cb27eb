"""NumPy backend: array kernels beyond the core: slicing, gather_nd/scatter_nd, padding, tiling, one_hot, searchsorted."""


class ArrayKernels:
    """Mixin of `NumpyBackend` with the array kernels."""
