"""Window arithmetic shared by the convolution and pooling kernels of every backend."""


def out_sizes(sizes, ksize, strides, dilations, padding):
    """Output spatial sizes of a strided, dilated window over `sizes` padded by (lo, hi) pairs."""
    return tuple(max((n + lo + hi - (k - 1) * d - 1) // s + 1, 0)
                 for n, k, s, d, (lo, hi) in zip(sizes, ksize, strides, dilations, padding))
