"""Graph mode: tf.function tracing into graphs of recorded ops, the graph executor, and TF1 graphs."""
from ..framework.context import local
from .graph import Graph, InaccessibleTensorError, is_symbolic
from .runtime import record_side_effect, runtime_op, value_dependent

__all__ = ["tracing", "is_symbolic", "record_side_effect", "runtime_op", "value_dependent", "Graph",
           "InaccessibleTensorError"]


def tracing():
    """True while ops are being recorded into a graph instead of running eagerly."""
    return local.graph is not None
