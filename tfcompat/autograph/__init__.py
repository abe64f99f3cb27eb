"""`tf.autograph`: AutoGraph, which rewrites Python control flow on tensors into graph control flow.

`convert(fn)` (used by tf.function) returns the converted function; `to_code` shows its source.
"""
from ..util.api_names import missing_attribute as _missing_attribute
from . import experimental
from .converter import convert, to_code, to_graph

__all__ = ["convert", "experimental", "to_code", "to_graph"]
__getattr__ = _missing_attribute("autograph")
