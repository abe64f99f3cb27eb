"""Makes `import tensorflow` (and every `tensorflow.X`) resolve to tfcompat (and `tfcompat.X`)."""
import importlib
import importlib.abc
import importlib.util
import sys


class _TensorflowAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A meta-path finder that serves `tensorflow[.x]` from `tfcompat[.x]`."""

    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow" or name.startswith("tensorflow."):
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        return importlib.import_module("tfcompat" + spec.name[len("tensorflow"):])

    def exec_module(self, module):
        pass


def install_as_tensorflow():
    """After this, `import tensorflow as tf` gives tfcompat in this process."""
    if not any(isinstance(f, _TensorflowAlias) for f in sys.meta_path):
        sys.meta_path.insert(0, _TensorflowAlias())
