"""`keras.regularizers`: L1, L2, L1L2 (and Keras 2's function-style aliases l1, l2, l1_l2)."""
from ..util.api_names import missing_attribute as _missing_attribute
from ..ops import math_ops as m
from .identifiers import family


class Regularizer:
    """Base class: `regularizer(weight)` gives a scalar penalty added to the layer's losses."""

    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError(f"{type(self).__name__} does not implement get_config()")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1L2(Regularizer):
    def __init__(self, l1=0.0, l2=0.0):
        self.l1, self.l2 = float(l1), float(l2)

    def __call__(self, x):
        out = 0.0
        if self.l1:
            out = out + self.l1 * m.reduce_sum(m.abs(x))
        if self.l2:
            out = out + self.l2 * m.reduce_sum(m.square(x))
        return out

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    def __init__(self, l1=0.01):
        self.l1 = float(l1)

    def __call__(self, x):
        return self.l1 * m.reduce_sum(m.abs(x))

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    def __init__(self, l2=0.01):
        self.l2 = float(l2)

    def __call__(self, x):
        return self.l2 * m.reduce_sum(m.square(x))

    def get_config(self):
        return {"l2": self.l2}


l1, l2, l1_l2 = L1, L2, L1L2
_CLASSES = {"L1": L1, "L2": L2, "L1L2": L1L2, "l1": L1, "l2": L2, "l1_l2": L1L2}


get, serialize, deserialize = family("regularizer", "keras.regularizers", _CLASSES)


__getattr__ = _missing_attribute("keras.regularizers")  # TF's names tfcompat lacks say so
