"""TF 2.21's public names by namespace (tf_api.json, listed from TF's own dir()), so that a name
tfcompat lacks gets a clear AttributeError: 'not implemented yet' for TF's names, TF's own message
for names TF does not have either."""
import json
import os

_API = None


def tf_names(namespace):
    """The public names of `tf.<namespace>` in TF 2.21 ('' for the top level)."""
    global _API
    if _API is None:
        with open(os.path.join(os.path.dirname(__file__), "tf_api.json"), encoding="utf-8") as f:
            _API = {ns: frozenset(names) for ns, names in json.load(f).items()}
    return _API.get(namespace, frozenset())


def missing_attribute(namespace):
    """A module `__getattr__` for the tfcompat module standing for `tf.<namespace>`."""
    module = "tensorflow" + ("." + namespace if namespace else "")

    def __getattr__(name):
        if not name.startswith("_") and name in tf_names(namespace):
            path = "tf." + (namespace + "." if namespace else "") + name
            raise AttributeError(f"{path} is part of TensorFlow 2.21 but is not implemented yet in tfcompat "
                                 f"(module {module!r} has no attribute {name!r})")
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    return __getattr__
