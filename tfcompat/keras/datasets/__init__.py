"""`keras.datasets`: mnist, fashion_mnist, cifar10, imdb (downloaded and cached in ~/.keras/datasets as Keras does)."""
from . import cifar10, fashion_mnist, imdb, mnist

__all__ = ["cifar10", "fashion_mnist", "imdb", "mnist"]
