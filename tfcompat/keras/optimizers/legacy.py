"""`tf.keras.optimizers.legacy`: Keras 2 code that names these gets the Keras 3 optimizers (same arithmetic)."""
from . import Adadelta, Adagrad, Adam, Adamax, Nadam, Optimizer, RMSprop, SGD  # noqa: F401
