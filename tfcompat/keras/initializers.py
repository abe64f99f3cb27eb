"""`keras.initializers`: Keras 3's weight initializers (same distributions; drawn with tf.random, so
`tf.random.set_seed` makes them reproducible; an int `seed` gives the same values on every call, as Keras 3)."""
from ..util.api_names import missing_attribute as _missing_attribute
import math

import numpy as np

from .. import random as _random
from ..framework import dtypes as _dt
from ..framework.convert import convert_to_tensor
from ..ops import array_ops as a
from .identifiers import family


class Initializer:
    """Base class: `initializer(shape, dtype=None)` gives a tensor."""

    def __call__(self, shape, dtype=None):
        raise NotImplementedError(f"Initializer {type(self).__name__} does not have a `__call__()` implemented.")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def clone(self):
        return type(self).from_config(self.get_config())


def _dtype(dtype):
    return _dt.as_dtype(dtype or "float32")


class Zeros(Initializer):
    def __call__(self, shape, dtype=None):
        return a.zeros(shape, _dtype(dtype))


class Ones(Initializer):
    def __call__(self, shape, dtype=None):
        return a.ones(shape, _dtype(dtype))


class Constant(Initializer):
    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        return a.broadcast_to(convert_to_tensor(np.asarray(self.value), _dtype(dtype)), shape)

    def get_config(self):
        return {"value": self.value}


class Identity(Initializer):
    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        return convert_to_tensor(self.gain * np.eye(*shape), _dtype(dtype))

    def get_config(self):
        return {"gain": self.gain}


class _Random(Initializer):
    def __init__(self, seed=None):
        if seed is not None and not isinstance(seed, int):
            raise ValueError(f"`seed` argument should be an instance of `keras.random.SeedGenerator()` or an "
                             f"integer. Received: seed={seed}")
        self.seed = seed

    def _draw(self, kind, shape, dtype, **params):
        """A draw from `tf.random.<kind>`; with an int seed, the stateless version (the same every call)."""
        if self.seed is None:
            return getattr(_random, kind)(shape, dtype=dtype, **params)
        return getattr(_random, "stateless_" + kind)(shape, seed=[self.seed, 0], dtype=dtype, **params)

    def get_config(self):
        return {"seed": self.seed}


class RandomNormal(_Random):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None):
        return self._draw("normal", shape, _dtype(dtype), mean=self.mean, stddev=self.stddev)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class TruncatedNormal(RandomNormal):
    def __call__(self, shape, dtype=None):
        return self._draw("truncated_normal", shape, _dtype(dtype), mean=self.mean, stddev=self.stddev)


class RandomUniform(_Random):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval, self.maxval = minval, maxval

    def __call__(self, shape, dtype=None):
        return self._draw("uniform", shape, _dtype(dtype), minval=self.minval, maxval=self.maxval)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


def compute_fans(shape):
    """(fan_in, fan_out) of a weight shape, Keras 3's rule (conv kernels multiply by the receptive field)."""
    shape = tuple(shape)
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = int(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive


class VarianceScaling(_Random):
    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None, input_axes=None,
                 output_axes=None):
        super().__init__(seed)
        if input_axes is not None or output_axes is not None:
            raise NotImplementedError("VarianceScaling input_axes/output_axes is not implemented yet in tfcompat")
        if scale <= 0.0:
            raise ValueError(f"Argument `scale` must be positive float. Received: scale={scale}")
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError("Invalid `mode` argument: expected one of {'fan_in', 'fan_out', 'fan_avg'}. "
                             f"Received: mode={mode}")
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in ("uniform", "truncated_normal", "untruncated_normal"):
            raise ValueError("Invalid `distribution` argument: expected one of {'uniform', 'truncated_normal', "
                             f"'untruncated_normal'}}. Received: distribution={distribution}")
        self.scale, self.mode, self.distribution = scale, mode, distribution

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        dtype = _dtype(dtype)
        if self.distribution == "truncated_normal":
            return self._draw("truncated_normal", shape, dtype, stddev=math.sqrt(scale) / 0.87962566103423978)
        if self.distribution == "untruncated_normal":
            return self._draw("normal", shape, dtype, stddev=math.sqrt(scale))
        limit = math.sqrt(3.0 * scale)
        return self._draw("uniform", shape, dtype, minval=-limit, maxval=limit)

    def get_config(self):
        return {"seed": self.seed, "scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "input_axes": None, "output_axes": None}


def _preset(name, scale, mode, distribution):
    class Preset(VarianceScaling):
        def __init__(self, seed=None, input_axes=None, output_axes=None):
            super().__init__(scale, mode, distribution, seed, input_axes, output_axes)

        def get_config(self):
            return {"seed": self.seed, "input_axes": None, "output_axes": None}
    Preset.__name__ = Preset.__qualname__ = name
    return Preset


GlorotUniform = _preset("GlorotUniform", 1.0, "fan_avg", "uniform")
GlorotNormal = _preset("GlorotNormal", 1.0, "fan_avg", "truncated_normal")
HeNormal = _preset("HeNormal", 2.0, "fan_in", "truncated_normal")
HeUniform = _preset("HeUniform", 2.0, "fan_in", "uniform")
LecunNormal = _preset("LecunNormal", 1.0, "fan_in", "truncated_normal")
LecunUniform = _preset("LecunUniform", 1.0, "fan_in", "uniform")


class Orthogonal(_Random):
    def __init__(self, gain=1.0, seed=None):
        super().__init__(seed)
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        rows = int(np.prod(shape[:-1]))
        cols = shape[-1]
        flat = (max(rows, cols), min(rows, cols))
        q = np.linalg.qr(np.asarray(self._draw("normal", flat, _dt.float32).numpy(), np.float64))
        q, r = q
        q = q * np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return convert_to_tensor(self.gain * q.reshape(shape), _dtype(dtype))

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}


_ALIASES = {"zeros": Zeros, "ones": Ones, "constant": Constant, "identity": Identity,
            "random_normal": RandomNormal, "truncated_normal": TruncatedNormal, "random_uniform": RandomUniform,
            "variance_scaling": VarianceScaling, "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal,
            "he_normal": HeNormal, "he_uniform": HeUniform, "lecun_normal": LecunNormal,
            "lecun_uniform": LecunUniform, "orthogonal": Orthogonal, "uniform": RandomUniform,
            "normal": RandomNormal}
_CLASSES = {c.__name__: c for c in set(_ALIASES.values())}
_CLASSES.update(IdentityInitializer=Identity, OrthogonalInitializer=Orthogonal)
zeros, ones, constant, identity = Zeros, Ones, Constant, Identity
random_normal, truncated_normal, random_uniform, variance_scaling = (RandomNormal, TruncatedNormal, RandomUniform,
                                                                     VarianceScaling)
glorot_uniform, glorot_normal, he_normal, he_uniform = GlorotUniform, GlorotNormal, HeNormal, HeUniform
lecun_normal, lecun_uniform, orthogonal = LecunNormal, LecunUniform, Orthogonal


get, serialize, deserialize = family("initializer", "keras.initializers", {**_ALIASES, **_CLASSES}, Initializer)


def initial_value(shape, initializer, dtype):
    """The starting value of a state variable (metrics, optimizers): 'zeros'/'ones', a number, or an initializer."""
    shape = tuple(shape)
    if isinstance(initializer, str):
        initializer = {"zeros": 0, "ones": 1}[initializer.lower()]
    if callable(initializer):
        return initializer(shape, dtype=dtype)
    return np.full(shape, initializer, dtype.as_numpy_dtype)


__getattr__ = _missing_attribute("keras.initializers")  # TF's names tfcompat lacks say so
