"""Makes `import tensorflow` (and every `tensorflow.X`, and optionally `keras`) resolve to tfcompat.

A TF 2.21 API name that tfcompat lacks fails at import with "... is not implemented yet in tfcompat"
(`import tensorflow.lite`, `from tensorflow import lite`, `from tensorflow.keras import applications`;
`from tensorflow.math import X` of a plain module cannot be caught: Python reports "cannot import name").
"""
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys

#: tf.keras reads as Keras 3's `keras._tf_keras.keras` (tfcompat.keras carries that __name__)
_TF_KERAS = "keras._tf_keras.keras"


class NotImplementedModuleError(ModuleNotFoundError):
    """A TF 2.21 module or name that tfcompat does not provide yet."""


def _missing(label, tf_path, requested):
    """The error for a missing `requested` module standing for TF's `tf_path`; None if TF lacks it too."""
    from .util.api_names import tf_names
    parent, _, leaf = tf_path.rpartition(".")
    if not tf_path or leaf not in tf_names(parent):
        return None
    # the exception's name is TF's path, so `from X import Y` reports it instead of swallowing it
    return NotImplementedModuleError(
        f"{label} is part of TensorFlow 2.21 but is not implemented yet in tfcompat "
        f"(no module named {requested!r})", name="tensorflow." + tf_path)


class _TensorflowAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A meta-path finder that serves `tensorflow[.x]` (and `keras[.x]` when asked) from `tfcompat[.x]`."""

    def __init__(self, keras=False):
        self.keras = keras

    def _target(self, name):
        """(tfcompat module name, TF API path, label for errors) for an aliased `name`, else None."""
        if name == "tensorflow" or name.startswith("tensorflow."):
            rest = name[len("tensorflow"):]
            return "tfcompat" + rest, rest[1:], "tf" + rest
        if name.startswith(_TF_KERAS + "."):
            rest = name[len(_TF_KERAS):]
            return "tfcompat.keras" + rest, "keras" + rest, "tf.keras" + rest
        if self.keras and (name == "keras" or name.startswith("keras.")):
            rest = name[len("keras"):]
            return "tfcompat.keras" + rest, "keras" + rest, name
        return None

    def find_spec(self, name, path=None, target=None):
        mapped = self._target(name)
        if mapped is None:
            self._check_fromlist(name)
            return None
        real, tf_path, label = mapped
        try:
            module = importlib.import_module(real)
        except ModuleNotFoundError as e:
            if e.name != real:
                raise
            err = _missing(label, tf_path, name)
            if err is None:
                return None     # Python's own "No module named ..." (TF lacks it too)
            raise err from None
        return importlib.util.spec_from_loader(name, self, origin=getattr(module, "__file__", None))

    @staticmethod
    def _check_fromlist(name):
        """`from tensorflow import lite` imports `tfcompat.lite` (the module's own name): report TF's
        names that tfcompat lacks there too (not under tfcompat.keras, whose __getattr__ imports)."""
        parent, _, leaf = name.rpartition(".")
        if not (parent == "tfcompat" or parent.startswith("tfcompat.")) or parent == "tfcompat.keras":
            return
        package = sys.modules.get(parent)
        if package is None or leaf in vars(package) or not hasattr(package, "__path__") or \
                importlib.machinery.PathFinder.find_spec(name, package.__path__) is not None:
            return
        tf_path = name[len("tfcompat."):]
        err = _missing("tf." + tf_path, tf_path, "tensorflow." + tf_path)
        if err is not None:
            raise err

    def create_module(self, spec):
        return importlib.import_module(self._target(spec.name)[0])

    def exec_module(self, module):
        pass


def install_as_tensorflow(keras=False):
    """After this, `import tensorflow as tf` gives tfcompat in this process (and `import keras` gives
    tfcompat.keras when `keras` is true)."""
    finder = next((f for f in sys.meta_path if isinstance(f, _TensorflowAlias)), None)
    if finder is None:
        finder = _TensorflowAlias(keras)
        sys.meta_path.insert(0, finder)
    finder.keras = finder.keras or keras
    import tfcompat.keras
    # `from tensorflow.keras import X` imports `keras._tf_keras.keras.X`: never the real keras package
    sys.modules.setdefault(_TF_KERAS, tfcompat.keras)
    if keras:
        present = sys.modules.get("keras")
        if present is not None and present is not tfcompat.keras:
            raise RuntimeError("install_as_tensorflow(keras=True): the real keras package is already imported "
                               "in this process; call it before `import keras`")
