"""`tf.nn`: activations and softmax."""
from .ops.nn_ops import log_softmax, relu, sigmoid, softmax, tanh  # noqa: F401
