"""`keras.activations`: Keras 3's activation functions, `get` by name and `serialize`."""
from ..util.api_names import missing_attribute as _missing_attribute
from .. import nn
from ..ops import math_ops as m
from ..ops.array_ops import split


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return nn.relu(x)
    y = m.where(x >= threshold, x, negative_slope * (x - threshold)) if threshold else \
        (nn.leaky_relu(x, negative_slope) if negative_slope else nn.relu(x))
    return m.minimum(y, max_value) if max_value is not None else y


def leaky_relu(x, negative_slope=0.2):
    return nn.leaky_relu(x, negative_slope)


def relu6(x):
    return nn.relu6(x)


def elu(x, alpha=1.0):
    y = nn.elu(x)
    return y if alpha == 1.0 else m.where(x > 0, y, alpha * y)


def selu(x):
    return nn.selu(x)


def softplus(x):
    return nn.softplus(x)


def softsign(x):
    return nn.softsign(x)


def silu(x):
    return nn.silu(x)


swish = silu


def gelu(x, approximate=False):
    return nn.gelu(x, approximate=approximate)


def celu(x, alpha=1.0):
    return m.maximum(x, 0.0) + alpha * (m.exp(m.minimum(x, 0.0) / alpha) - 1.0)


def sigmoid(x):
    return m.sigmoid(x)


def hard_sigmoid(x):
    return nn.relu6(x + 3.0) / 6.0


def hard_silu(x):
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def tanh(x):
    return m.tanh(x)


def exponential(x):
    return m.exp(x)


def linear(x):
    return x


def mish(x):
    return x * m.tanh(nn.softplus(x))


def log_sigmoid(x):
    return -nn.softplus(-x)


def softmax(x, axis=-1):
    return nn.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    return nn.log_softmax(x, axis=axis)


def glu(x, axis=-1):
    a, b = split(x, 2, axis=axis)
    return a * m.sigmoid(b)


_ALL = {f.__name__: f for f in (relu, leaky_relu, relu6, elu, selu, softplus, softsign, silu, gelu, celu, sigmoid,
                                hard_sigmoid, hard_silu, tanh, exponential, linear, mish, log_sigmoid, softmax,
                                log_softmax, glu)}
_ALL.update(swish=silu, hard_swish=hard_silu)


def get(identifier):
    """An activation function from a name, a function, a config dict or None (linear)."""
    if identifier is None:
        return linear
    if isinstance(identifier, dict):
        identifier = identifier.get("config", identifier.get("class_name"))
    if isinstance(identifier, str):
        fn = _ALL.get(identifier)
        if fn is None:
            raise ValueError(f"Could not interpret activation function identifier: {identifier}")
        return fn
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret activation function identifier: {identifier}")


def serialize(activation):
    """The name Keras 3 stores in a config for an activation."""
    name = getattr(activation, "__name__", None)
    if name in _ALL and _ALL[name] is activation:
        return name
    if name == "silu":
        return "silu"
    from .layers.base import Layer
    if isinstance(activation, Layer):
        return {"module": "keras.layers", "class_name": type(activation).__name__,
                "config": activation.get_config(), "registered_name": None}
    return name


def deserialize(config, custom_objects=None):
    return get(config)


__getattr__ = _missing_attribute("keras.activations")  # TF's names tfcompat lacks say so
