"""`keras.datasets`: mnist, fashion_mnist, cifar10, imdb (downloaded and cached in ~/.keras/datasets as Keras does)."""
from ...util.api_names import missing_attribute as _missing_attribute
from . import cifar10, fashion_mnist, imdb, mnist

__all__ = ["cifar10", "fashion_mnist", "imdb", "mnist"]


__getattr__ = _missing_attribute("keras.datasets")  # TF's names tfcompat lacks say so
