"""`keras.datasets.imdb.load_data`: 25000 + 25000 reviews as word-index lists, labels 0/1 (Keras's shuffling,
start/oov characters and index offset). The npz's object arrays are read without unpickling code."""
import io
import zipfile

import numpy as np

from ..utils import get_file
from .cifar10 import _Unpickler

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def _load_npz(path):
    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith(".npy"):
                buffer = io.BytesIO(archive.read(member))
                version = np.lib.format.read_magic(buffer)
                shape, fortran, dtype = np.lib.format._read_array_header(buffer, version)
                if dtype.hasobject:
                    arrays[member[:-4]] = _Unpickler(buffer).load()
                else:
                    buffer.seek(0)
                    arrays[member[:-4]] = np.load(buffer, allow_pickle=False)
    return arrays


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
              index_from=3, **kwargs):
    path = get_file(fname=path, origin=f"{_ORIGIN}imdb.npz",
                    file_hash="69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f")
    f = _load_npz(path)
    x_train, labels_train, x_test, labels_test = f["x_train"], f["y_train"], f["x_test"], f["y_test"]
    rng = np.random.RandomState(seed)
    for_train = np.arange(len(x_train))
    rng.shuffle(for_train)
    x_train, labels_train = x_train[for_train], labels_train[for_train]
    for_test = np.arange(len(x_test))
    rng.shuffle(for_test)
    x_test, labels_test = x_test[for_test], labels_test[for_test]
    if start_char is not None:
        x_train = [[start_char] + [w + index_from for w in x] for x in x_train]
        x_test = [[start_char] + [w + index_from for w in x] for x in x_test]
    elif index_from:
        x_train = [[w + index_from for w in x] for x in x_train]
        x_test = [[w + index_from for w in x] for x in x_test]
    else:
        x_train, x_test = [list(x) for x in x_train], [list(x) for x in x_test]
    if maxlen:
        keep = [i for i, x in enumerate(x_train) if len(x) < maxlen]
        x_train, labels_train = [x_train[i] for i in keep], labels_train[keep]
        keep = [i for i, x in enumerate(x_test) if len(x) < maxlen]
        x_test, labels_test = [x_test[i] for i in keep], labels_test[keep]
        if not x_train or not x_test:
            raise ValueError(f"After filtering for sequences shorter than maxlen={maxlen}, no sequence was kept. "
                             "Increase maxlen.")
    xs = x_train + x_test
    labels = np.concatenate([labels_train, labels_test])
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        xs = [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    idx = len(x_train)
    return (np.array(xs[:idx], dtype="object"), labels[:idx]), (np.array(xs[idx:], dtype="object"), labels[idx:])
