"""`keras.datasets.fashion_mnist.load_data`: 60000 + 10000 28x28 uint8 clothing images (gzipped IDX files)."""
import gzip
import os

import numpy as np

from ..utils import get_file

_BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
_FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz")


def load_data():
    dirname = os.path.join("datasets", "fashion-mnist")
    paths = [get_file(f, origin=_BASE + f, cache_subdir=dirname) for f in _FILES]

    def read(path, offset):
        with gzip.open(path, "rb") as f:
            return np.frombuffer(f.read(), np.uint8, offset=offset)
    y_train, y_test = read(paths[0], 8), read(paths[2], 8)
    x_train = read(paths[1], 16).reshape(len(y_train), 28, 28)
    x_test = read(paths[3], 16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)
