"""NumPy backend: random-sampling kernels fed with the frontend's Philox uniforms."""
import numpy as np


class RandomKernels:
    """Mixin of `NumpyBackend` with the random kernels."""

    def categorical(self, logits, uniforms, dtype):
        lg = logits.astype(np.float64)
        finite = np.isfinite(lg)
        top = np.max(np.where(finite, lg, -np.inf), axis=1, keepdims=True)
        top[~np.isfinite(top)] = 0.0
        cdf = np.cumsum(np.where(finite, np.exp(np.where(finite, lg - top, 0.0)), 0.0), axis=1)
        target = uniforms * cdf[:, -1:]
        return (cdf[:, None, :] <= target[:, :, None]).sum(axis=2).astype(self.native_dtype(dtype))
