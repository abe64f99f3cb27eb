"""`keras.utils`: set_random_seed, to_categorical, Progbar, get_file (the download-and-cache helper), and the
serialization registry and data-packing helpers Keras 3 also exports here."""
from ...util.api_names import missing_attribute as _missing_attribute
import hashlib
import os
import random
import urllib.error
import urllib.request

import numpy as np

from ..data_adapter import pack_x_y_sample_weight, unpack_x_y_sample_weight
from ..saving.serialization import (CustomObjectScope, custom_object_scope, deserialize_keras_object,
                                    get_custom_objects, get_registered_name, get_registered_object,
                                    register_keras_serializable, serialize_keras_object)
from .progbar import Progbar

__all__ = ["CustomObjectScope", "Progbar", "custom_object_scope", "deserialize_keras_object", "get_custom_objects",
           "get_file", "get_registered_name", "get_registered_object", "pack_x_y_sample_weight",
           "register_keras_serializable", "serialize_keras_object", "set_random_seed", "to_categorical",
           "unpack_x_y_sample_weight"]


def set_random_seed(seed):
    """Seeds Python's `random`, NumPy and tfcompat's global seed at once."""
    if not isinstance(seed, int):
        raise ValueError(f"Expected `seed` argument to be an integer. Received: seed={seed} (of type {type(seed)})")
    import tfcompat as tf
    random.seed(seed)
    np.random.seed(seed)
    tf.random.set_seed(seed)


def to_categorical(x, num_classes=None):
    """One-hot rows (float64 NumPy for array input, a float32 tensor for a tensor, as Keras 3)."""
    import tfcompat as tf
    if isinstance(x, tf.Tensor):
        if num_classes is None:
            num_classes = int(tf.reduce_max(x).numpy()) + 1
        if x.shape.rank is not None and x.shape.rank > 1 and x.shape[-1] == 1:
            x = tf.reshape(x, x.shape[:-1])
        return tf.one_hot(x, num_classes)
    x = np.array(x, dtype="int64")
    shape = x.shape
    if shape and shape[-1] == 1 and len(shape) > 1:
        shape = tuple(shape[:-1])
    x = x.reshape(-1)
    if not num_classes:
        num_classes = np.max(x) + 1
    out = np.zeros((x.shape[0], num_classes))
    out[np.arange(x.shape[0]), x] = 1
    return out.reshape(shape + (num_classes,))


def _cache_dir(cache_dir):
    if cache_dir is None:
        cache_dir = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return cache_dir


def _hash_file(path, algorithm):
    digest = hashlib.sha256() if algorithm == "sha256" else hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(65535), b""):
            digest.update(chunk)
    return digest.hexdigest()


def get_file(fname=None, origin=None, untar=False, md5_hash=None, file_hash=None, cache_subdir="datasets",
             hash_algorithm="auto", extract=False, archive_format="auto", cache_dir=None, force_download=False):
    """Downloads `origin` into `<cache_dir>/<cache_subdir>/<fname>` unless a cached copy with the right hash is
    there; returns the local path. Offline, it raises Keras's 'URL fetch failure' Exception."""
    if origin is None:
        raise ValueError('Please specify the "origin" argument (URL of the file to download).')
    if untar or extract:
        raise NotImplementedError("get_file(extract=True) is not implemented yet in tfcompat")
    fname = fname or os.path.basename(urllib.request.urlparse(origin).path)
    datadir = os.path.join(_cache_dir(cache_dir), cache_subdir)
    os.makedirs(datadir, exist_ok=True)
    fpath = os.path.join(datadir, fname)
    expected = file_hash or md5_hash
    algorithm = "md5" if md5_hash and not file_hash else (
        hash_algorithm if hash_algorithm != "auto" else ("sha256" if expected and len(expected) == 64 else "md5"))
    if os.path.exists(fpath) and not force_download:
        if expected is None or _hash_file(fpath, algorithm) == expected:
            return fpath
    tmp = fpath + ".part"
    try:
        urllib.request.urlretrieve(origin, tmp)
    except urllib.error.HTTPError as e:
        _remove(tmp)
        raise Exception(f"URL fetch failure on {origin}: {e.code} -- {e.msg}") from None
    except (urllib.error.URLError, OSError) as e:
        _remove(tmp)
        reason = getattr(e, "reason", e)
        raise Exception(f"URL fetch failure on {origin}: {getattr(e, 'errno', None)} -- {reason}") from None
    if expected is not None and _hash_file(tmp, algorithm) != expected:
        _remove(tmp)
        raise ValueError(f"Incomplete or corrupted file detected. The {algorithm} file hash does not match the "
                         f"provided value of {expected}.")
    os.replace(tmp, fpath)
    return fpath


def _remove(path):
    if os.path.exists(path):
        os.remove(path)


__getattr__ = _missing_attribute("keras.utils")  # TF's names tfcompat lacks say so
