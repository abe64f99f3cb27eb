"""tf.Module beyond the catalogue: paths, tuples, cycles, nested scopes, with_name_scope, tf.function methods."""
import numpy as np

import tfcompat as tf


class Leaf(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(1.0, name="w")


def test_tuples_nested_dicts_and_paths():
    m = tf.Module()
    m.pair = (Leaf(name="first"), {"k": [tf.Variable(2.0, name="deep")]})
    paths = [path for path, _ in m._flatten(predicate=lambda v: isinstance(v, tf.Variable), with_path=True)]
    assert paths == [("pair", 1, "k", 0), ("pair", 0, "w")]
    assert [s.name for s in m.submodules] == ["first"]


def test_cycles_and_non_trainable():
    a, b = Leaf(), Leaf()
    a.other, b.other = b, a
    assert len(a.variables) == 2 and a.submodules == (b,)  # a itself is not walked again (TF)
    a.frozen = tf.Variable(3.0, trainable=False)
    assert len(a.trainable_variables) == 2 and len(a.non_trainable_variables) == 1


def test_name_scope_nests_under_outer_scope():
    with tf.name_scope("outer"):
        m = tf.Module(name="inner")
    assert m.name_scope.name == "outer/inner/"
    with m.name_scope:
        assert tf.Variable(1.0, name="v").name == "outer/inner/v:0"
    with tf.name_scope("elsewhere"):
        with m.name_scope:
            assert tf.Variable(1.0, name="v").name == "outer/inner/v:0"


def test_tf_function_method_and_gradients():
    class Affine(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable([[2.0]])

        @tf.function
        def __call__(self, x):
            return tf.matmul(x, self.w)
    f = Affine()
    x = tf.constant([[3.0]])
    np.testing.assert_allclose(np.asarray(f(x)), [[6.0]])
    with tf.GradientTape() as tape:
        y = f(x)
    np.testing.assert_allclose(np.asarray(tape.gradient(y, f.trainable_variables)[0]), [[3.0]])


def test_with_name_scope_keeps_method_metadata():
    class M(tf.Module):
        @tf.Module.with_name_scope
        def make(self):
            """Doc."""
            return tf.Variable(1.0, name="x")
    m = M(name="mm")
    assert M.make.__doc__ == "Doc." and M.make.__name__ == "make"
    assert m.make().name == "mm/x:0"
