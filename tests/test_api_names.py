"""The tf namespace: names tfcompat lacks give a clear AttributeError, and tfcompat exports no public
name that TF 2.21 lacks (other than its own few extras), so programs cannot come to rely on one."""
import types

import pytest

import tfcompat as tf
from tfcompat.util.api_names import tf_names

#: tfcompat's own additions to the top-level namespace
EXTRAS = {"": {"install_as_tensorflow", "set_backend", "get_backend", "backends", "framework", "ops",
               "autodiff", "util", "aliasing", "conformance", "graph", "module"}}
NAMESPACES = ["", "math", "nn", "linalg", "random", "bitwise", "dtypes", "errors"]


def _module(ns):
    return tf if not ns else getattr(tf, ns)


def test_a_tf_name_not_implemented_yet_says_so():
    with pytest.raises(AttributeError, match=r"tf.nn.ctc_loss is part of TensorFlow 2.21 but is not implemented yet"):
        tf.nn.ctc_loss  # noqa: B018


def test_a_name_tf_lacks_gets_tf_message():
    with pytest.raises(AttributeError, match=r"^module 'tensorflow' has no attribute 'no_such_thing'$"):
        tf.no_such_thing  # noqa: B018
    assert not hasattr(tf.math, "no_such_thing")


@pytest.mark.parametrize("ns", NAMESPACES)
def test_exports_are_tf_names(ns):
    mod = _module(ns)
    public = {n for n, v in vars(mod).items() if not n.startswith("_") and not (
        isinstance(v, types.ModuleType) and not v.__name__.startswith("tfcompat"))}
    extra = public - tf_names(ns) - EXTRAS.get(ns, set())
    assert not extra, f"tf.{ns} exports names TF 2.21 does not have: {sorted(extra)}"


def test_keras_submodules_name_what_tfcompat_lacks():
    """A Keras 3 name that tfcompat lacks says so, in each tf.keras submodule; other names get Python's text."""
    import tfcompat as tf
    with pytest.raises(AttributeError, match=r"tf\.keras\.layers\.TimeDistributed is part of TensorFlow 2\.21 but is "
                                             r"not implemented yet in tfcompat"):
        tf.keras.layers.TimeDistributed
    with pytest.raises(AttributeError, match=r"tf\.keras\.optimizers\.Ftrl is part of TensorFlow 2\.21"):
        tf.keras.optimizers.Ftrl
    with pytest.raises(AttributeError, match=r"^module 'tensorflow\.keras\.losses' has no attribute 'NoSuchLoss'$"):
        tf.keras.losses.NoSuchLoss
