"""`keras.datasets.mnist.load_data`: 60000 + 10000 28x28 uint8 digits."""
import numpy as np

from ..utils import get_file

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def load_data(path="mnist.npz"):
    path = get_file(fname=path, origin=f"{_ORIGIN}mnist.npz",
                    file_hash="731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1")
    with np.load(path, allow_pickle=False) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
