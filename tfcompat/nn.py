"""`tf.nn`: activations, softmax, convolution and pooling, losses and normalisation."""
from .ops import conv_ops as _conv_ops, nn_ops as _nn_ops  # noqa: F401 (their @tf_export entries fill this)
from .ops.nn_ops import log_softmax, relu, sigmoid, softmax, tanh  # noqa: F401
from .util.api_names import missing_attribute as _missing_attribute
from .util.export import exported as _exported

globals().update(_exported("nn"))
__getattr__ = _missing_attribute("nn")
