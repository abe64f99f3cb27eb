"""`keras.layers`: the layer classes, `serialize` and `deserialize`."""
from ...util.api_names import missing_attribute as _missing_attribute
from .base import InputSpec, Layer
from .core import Activation, Dense, Dropout, Embedding, Flatten, Lambda, Masking, Permute, RepeatVector, Reshape
from .input_layer import Input, InputLayer, KerasTensor
from .merging import (Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract, add, average,
                      concatenate, dot, maximum, minimum, multiply, subtract)
from .normalization import BatchNormalization, LayerNormalization
from .preprocessing import Normalization, Rescaling
from .convolutional import (Conv1D, Conv1DTranspose, Conv2D, Conv2DTranspose, Conv3D, DepthwiseConv2D,
                            SeparableConv2D)
from .convolutional import Conv1D as Convolution1D, Conv2D as Convolution2D, Conv3D as Convolution3D
from .pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D, AvgPool1D, AvgPool2D, AvgPool3D,
                      GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D, GlobalAvgPool1D,
                      GlobalAvgPool2D, GlobalAvgPool3D, GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D,
                      GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D, MaxPool1D, MaxPool2D, MaxPool3D,
                      MaxPooling1D, MaxPooling2D, MaxPooling3D)
from .reshaping import Cropping1D, Cropping2D, UpSampling1D, UpSampling2D, ZeroPadding1D, ZeroPadding2D
from .rnn import GRU, LSTM, RNN, Bidirectional, GRUCell, LSTMCell, SimpleRNN, SimpleRNNCell, StackedRNNCells


def serialize(layer):
    """Keras 3's config dict of a layer ({'module', 'class_name', 'config', 'registered_name'})."""
    module = type(layer).__module__
    if module.startswith("tfcompat.keras.models"):
        module = "keras"
    elif module.startswith("tfcompat.keras.layers"):
        module = "keras.layers"
    out = {"module": module, "class_name": type(layer).__name__, "config": layer.get_config(),
           "registered_name": None if module.startswith("keras") else type(layer).__name__}
    build = layer.get_build_config()
    if build is not None:
        out["build_config"] = build
    return out


def deserialize(config, custom_objects=None):
    """A layer from its `serialize` dict; classes from keras.layers, keras.models or `custom_objects`."""
    name = config["class_name"]
    cls = (custom_objects or {}).get(name) or (custom_objects or {}).get(config.get("registered_name"))
    if cls is None:
        cls = globals().get(name)
    if cls is None:
        from .. import models
        cls = getattr(models, name, None)
    if not (isinstance(cls, type) and issubclass(cls, Layer)):
        raise TypeError(f"Could not locate class '{name}'. Make sure custom classes are decorated with "
                        f"`@keras.saving.register_keras_serializable()`. Full object config: {config}")
    if hasattr(cls, "from_config") and "custom_objects" in cls.from_config.__code__.co_varnames:
        layer = cls.from_config(config["config"], custom_objects=custom_objects)
    else:
        layer = cls.from_config(config["config"])
    if config.get("build_config") and not layer.built:
        layer.build_from_config(config["build_config"])
    return layer


__getattr__ = _missing_attribute("keras.layers")  # TF's names tfcompat lacks say so
