"""`keras.datasets.cifar10.load_data`: 50000 + 10000 32x32x3 uint8 images, labels (n, 1). The Python-pickle batches
are read with an unpickler that builds only NumPy arrays and plain containers (no code from the file runs)."""
import os
import pickle
import tarfile

import numpy as np

from ..backend import image_data_format
from ..utils import get_file

_ALLOWED = {("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
            ("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "scalar"),
            ("numpy._core.multiarray", "scalar"), ("builtins", "bytes")}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"Refusing to load {module}.{name} from a dataset file")
        return super().find_class(module, name)


def load_batch(fpath, label_key="labels"):
    with open(fpath, "rb") as f:
        d = _Unpickler(f, encoding="bytes").load()
    d = {k.decode("utf8"): v for k, v in d.items()}
    return d["data"].reshape(-1, 3, 32, 32), d[label_key]


def load_data():
    dirname = "cifar-10-batches-py"
    archive = get_file(fname="cifar-10-python.tar.gz", origin="https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                       file_hash="6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce")
    root = os.path.dirname(archive)
    path = os.path.join(root, dirname)
    if not os.path.isdir(path):
        with tarfile.open(archive) as tar:
            tar.extractall(root, filter="data")
    x_train = np.empty((50000, 3, 32, 32), dtype="uint8")
    y_train = np.empty((50000,), dtype="uint8")
    for i in range(1, 6):
        x, y = load_batch(os.path.join(path, f"data_batch_{i}"))
        x_train[(i - 1) * 10000:i * 10000], y_train[(i - 1) * 10000:i * 10000] = x, y
    x_test, y_test = load_batch(os.path.join(path, "test_batch"))
    y_train, y_test = y_train.reshape(-1, 1), np.reshape(y_test, (-1, 1)).astype(y_train.dtype)
    if image_data_format() == "channels_last":
        x_train, x_test = x_train.transpose(0, 2, 3, 1), x_test.transpose(0, 2, 3, 1)
    return (x_train, y_train), (x_test.astype(x_train.dtype), y_test)
