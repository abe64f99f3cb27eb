"""Reverse-mode autodiff owned by the frontend: one tape mechanism for every backend.

`tf.autodiff` namespace: ForwardAccumulator, GradientTape.
"""
from .forwardprop import ForwardAccumulator  # noqa: F401
from .tape import GradientTape  # noqa: F401
