"""Where each public function appears in the tf namespace, declared beside its definition.

`@tf_export("nn.relu", "math.relu")` puts a function at `tf.nn.relu` and `tf.math.relu`; a path
without a dot is top level (`tf.X`). Namespace modules (`tfcompat/nn.py`...) pull in their table.
"""
API = {}  # namespace ('' for top level, 'nn', 'math', 'linalg', 'random', ...) -> {name: object}


def tf_export(*paths):
    """Decorator registering `obj` under each dotted `paths` of the tf namespace."""
    def register(obj):
        for path in paths:
            namespace, _, name = path.rpartition(".")
            API.setdefault(namespace, {})[name] = obj
        return obj
    return register


def exported(namespace):
    """{name: object} of everything exported into `namespace` so far."""
    return dict(API.get(namespace, {}))
