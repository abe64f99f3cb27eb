"""`tf.data.Options`: accepted and kept for `with_options`; tfcompat's pipeline has no tunables to apply."""
from ..util.export import tf_export


class _Group:
    """A bag of option attributes (any name may be set; unset ones read as None)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        value = _Group()
        object.__setattr__(self, name, value)
        return value


@tf_export("data.Options")
class Options(_Group):
    """Dataset options (threading, optimization, distribution...)."""
