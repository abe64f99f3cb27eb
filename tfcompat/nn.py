"""`tf.nn`: activations, softmax, convolution and pooling, losses and normalisation."""
from .ops import conv_ops, nn_ops  # noqa: F401 (their @tf_export entries fill this namespace)
from .ops.nn_ops import log_softmax, relu, sigmoid, softmax, tanh  # noqa: F401
from .util.export import exported

globals().update(exported("nn"))
