"""Composite tensors (RaggedTensor, SparseTensor) in tf.function: arguments keyed by their spec and passed as
components, input signatures of RaggedTensorSpec/SparseTensorSpec, composite results, ragged and sparse ops that
need partition values (Python-level graph nodes), and gradients through them; results equal TF 2.21's."""
import numpy as np
import pytest

import tfcompat as tf


def _palindrome(x):
    return tf.concat([x, tf.reverse(x, [1])], axis=1)


def test_ragged_argument_traces_once_per_row_count():
    f = tf.function(_palindrome)
    assert f(tf.ragged.constant([[1, 2], [3], [4, 5, 6]])).to_list() == [[1, 2, 2, 1], [3, 3], [4, 5, 6, 6, 5, 4]]
    assert f(tf.ragged.constant([[1], [2, 3]])).to_list() == [[1, 1], [2, 3, 3, 2]]
    assert f(tf.ragged.constant([[1, 2], [3], [4]])).to_list() == [[1, 2, 2, 1], [3, 3], [4, 4]]
    assert f.experimental_get_tracing_count() == 2   # TF's trace type: the row count and the dtypes
    f(tf.ragged.constant([[1.0]]))
    f(tf.ragged.constant([[1, 2], [3]], row_splits_dtype=tf.int32))
    assert f.experimental_get_tracing_count() == 4


def test_ragged_input_signature_one_trace_for_any_row_count():
    traces = []

    @tf.function(input_signature=[tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32)])
    def max_per_row(x):
        traces.append(x.shape.as_list())
        return tf.reduce_max(x, axis=-1)

    out = max_per_row(tf.ragged.constant([[1, 2], [3], [4, 5, 6]]))
    assert out.dtype == tf.int32 and out.numpy().tolist() == [2, 3, 6]
    assert max_per_row(tf.ragged.constant([[7, 2], [-3]])).numpy().tolist() == [7, -3]
    assert max_per_row.experimental_get_tracing_count() == 1 and traces[0] == [None, None]
    cf = max_per_row.get_concrete_function()
    assert repr(cf.structured_input_signature) == \
        "((RaggedTensorSpec(TensorShape([None, None]), tf.int32, 1, tf.int64),), {})"
    assert [t.shape.as_list() for t in cf.inputs] == [[None], [None]]


@pytest.mark.parametrize("value, why", [
    (lambda: tf.ragged.constant([[1.0, 2.0], [3.0]]), "Can not cast TensorSpec(shape=(3,), dtype=tf.float32, "
     "name=None) to TensorSpec(shape=(None,), dtype=tf.int32, name=None)"),
    (lambda: tf.ragged.constant([[1, 2], [3]], row_splits_dtype=tf.int32), "Can not cast TensorSpec(shape=(3,), "
     "dtype=tf.int32, name=None) to TensorSpec(shape=(None,), dtype=tf.int64, name=None)"),
    (lambda: tf.constant([[1, 2], [3, 4]]), "The two structures don't have the same nested structure."),
])
def test_ragged_input_signature_rejects_other_values(value, why):
    f = tf.function(lambda x: x, input_signature=[tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32)])
    with pytest.raises(TypeError) as info:
        f(value())
    assert str(info.value).startswith(f"Binding inputs to tf.function failed due to `{why}")
    assert "for signature: (x: RaggedTensorSpec(TensorShape([None, None]), tf.int32, 1, tf.int64))" in \
        str(info.value)


def test_reduce_retracing_relaxes_the_row_count():
    f = tf.function(lambda x: tf.reduce_sum(x, axis=1), reduce_retracing=True)
    for n in (2, 3, 4, 5):
        out = f(tf.ragged.constant([[1.0] * k for k in range(n)]))
        assert out.numpy().tolist() == list(range(n))
    assert f.experimental_get_tracing_count() == 2


def test_ragged_results_and_their_signature():
    f = tf.function(lambda x: (x * 2, x.row_lengths()))
    rt, lengths = f(tf.ragged.constant([[1, 2], [3]]))
    assert isinstance(rt, tf.RaggedTensor) and rt.to_list() == [[2, 4], [6]] and rt.shape.as_list() == [2, None]
    assert lengths.numpy().tolist() == [2, 1]
    cf = f.get_concrete_function(tf.ragged.constant([[1, 2], [3]]))
    assert [t.shape.as_list() for t in cf.inputs] == [[None], [3]]
    assert "Output Type:\n  Tuple[RaggedTensorSpec(TensorShape([2, None]), tf.int32, 1, tf.int64), TensorSpec(" \
        in cf.pretty_printed_signature()
    made = tf.function(lambda v, s: tf.RaggedTensor.from_row_splits(v, s))
    out = made(tf.constant([1, 2, 3]), tf.constant([0, 2, 3], tf.int64))
    assert isinstance(out, tf.RaggedTensor) and out.to_list() == [[1, 2], [3]]


def test_nested_ragged_and_methods_that_read_partitions():
    f = tf.function(lambda x: (x + 1, tf.reduce_sum(x, axis=[1, 2]), x.row_lengths()))
    for rows in ([[[1, 2], [3]], [[4]], []], [[[1], [3, 4, 5]], [[4, 7]], [[1]]]):
        got, want = f(tf.ragged.constant(rows)), (lambda x: (x + 1, tf.reduce_sum(x, axis=[1, 2]),
                                                             x.row_lengths()))(tf.ragged.constant(rows))
        assert got[0].to_list() == want[0].to_list()
        assert got[1].numpy().tolist() == want[1].numpy().tolist()
        assert got[2].numpy().tolist() == want[2].numpy().tolist()
    assert f.experimental_get_tracing_count() == 1
    g = tf.function(lambda x: (x.to_tensor(), x[1], x.nrows(), tf.shape(x.values)))
    dense, row, n, size = g(tf.ragged.constant([[1, 2], [3]]))
    assert dense.numpy().tolist() == [[1, 2], [3, 0]] and row.numpy().tolist() == [3]
    assert n.dtype == tf.int64 and int(n) == 2 and size.numpy().tolist() == [3]


def test_sparse_arguments_keyed_by_spec():
    f = tf.function(lambda x: tf.sparse.reduce_sum(x, axis=1))
    a = tf.SparseTensor([[0, 1], [2, 3]], [1.0, 2.0], [3, 4])
    assert f(a).numpy().tolist() == [1.0, 0.0, 2.0]
    assert f(tf.SparseTensor([[0, 1]], [5.0], [3, 4])).numpy().tolist() == [5.0, 0.0, 0.0]
    assert f.experimental_get_tracing_count() == 1      # the entry count is not part of the key
    assert f(tf.SparseTensor([[0, 1]], [5.0], [2, 4])).numpy().tolist() == [5.0, 0.0]
    assert f(tf.SparseTensor([[0, 1]], [5], [2, 4])).dtype == tf.int32
    assert f.experimental_get_tracing_count() == 3
    cf = f.get_concrete_function(a)
    assert repr(cf.structured_input_signature) == "((SparseTensorSpec(TensorShape([3, 4]), tf.float32),), {})"
    assert [t.shape.as_list() for t in cf.inputs] == [[None, 2], [None], [2]]


def test_sparse_results_and_input_signature():
    f = tf.function(lambda x: (x * 2.0, x.values))
    st, values = f(tf.SparseTensor([[0, 1], [2, 3]], [1.0, 2.0], [3, 4]))
    assert isinstance(st, tf.SparseTensor) and st.values.numpy().tolist() == [2.0, 4.0]
    assert st.indices.numpy().tolist() == [[0, 1], [2, 3]] and values.numpy().tolist() == [1.0, 2.0]
    shapes = []

    @tf.function(input_signature=[tf.SparseTensorSpec([None, 4], tf.float32)])
    def dense(x):
        shapes.append(x.shape.as_list())
        return tf.sparse.to_dense(x)

    assert dense(tf.SparseTensor([[0, 1]], [5.0], [2, 4])).numpy().tolist() == [[0, 5, 0, 0], [0, 0, 0, 0]]
    assert dense(tf.SparseTensor([[2, 3]], [1.0], [3, 4])).numpy()[2, 3] == 1.0
    assert dense.experimental_get_tracing_count() == 1 and shapes[0] == [None, 4]
    with pytest.raises(TypeError, match=r"Can not cast TensorSpec\(shape=\(1,\), dtype=tf.int32, name=None\) to "
                                        r"TensorSpec\(shape=\(None,\), dtype=tf.float32, name=None\)"):
        dense(tf.SparseTensor([[0, 1]], [5], [2, 4]))


def test_gradients_through_a_ragged_function_with_the_tape_outside():
    f = tf.function(lambda x: tf.reduce_sum(x * x, axis=1))
    x = tf.ragged.constant([[1.0, 2.0], [3.0]])
    with tf.GradientTape() as tape:
        tape.watch(x.values)
        y = f(x)
    assert tape.gradient(y, x.values).numpy().tolist() == [2.0, 4.0, 6.0]
    g = tf.function(lambda x: tf.concat([x, x * 2.0], axis=1))
    with tf.GradientTape() as tape:
        tape.watch(x.values)
        y = tf.reduce_sum(g(x).values * tf.range(6, dtype=tf.float32))
    assert tape.gradient(y, x.values).numpy().tolist() == [4.0, 7.0, 14.0]
    v = tf.Variable([1.0, 2.0, 3.0])
    h = tf.function(lambda x: tf.reduce_sum(x * v[0], axis=1))
    with tf.GradientTape() as tape:
        y = h(tf.RaggedTensor.from_row_lengths(v * 1.0, [2, 1]))
    assert tape.gradient(y, v).numpy().tolist() == [7.0, 1.0, 1.0]


def test_gradients_inside_a_function_and_nested_functions():
    @tf.function
    def inner(x):
        with tf.GradientTape() as tape:
            tape.watch(x.values)
            y = tf.reduce_sum(tf.reduce_max(tf.concat([x, x * 2.0], axis=1), axis=1) * tf.constant([1.0, 10.0]))
        return tape.gradient(y, x.values)

    assert inner(tf.ragged.constant([[1.0, 2.0], [3.0]])).numpy().tolist() == [0.0, 2.0, 20.0]
    assert inner(tf.ragged.constant([[1.0, -2.0], [3.0, 5.0]])).numpy().tolist() == [2.0, 0.0, 0.0, 20.0]
    outer = tf.function(lambda x: inner(x) * 2.0)
    assert outer(tf.ragged.constant([[1.0, 2.0], [3.0]])).numpy().tolist() == [0.0, 4.0, 40.0]

    @tf.function
    def sparse_grad(x):
        with tf.GradientTape() as tape:
            tape.watch(x.values)
            y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(x, tf.ones([4, 2])))
        return tape.gradient(y, x.values)

    assert sparse_grad(tf.SparseTensor([[0, 1], [2, 3]], [1.0, 2.0], [3, 4])).numpy().tolist() == [2.0, 2.0]


@pytest.mark.reference
def test_results_equal_real_tensorflow():
    tf_real = pytest.importorskip("tensorflow")
    cases = {   # name: (the function, given the module; its argument, given the module)
        "palindrome": (lambda t: lambda x: t.concat([x, t.reverse(x, [1])], axis=1),
                       lambda t: t.ragged.constant([[1, 2], [3], [4, 5, 6]])),
        "mean": (lambda t: lambda x: t.reduce_mean(x, axis=1), lambda t: t.ragged.constant([[1, 2], [3], []])),
        "nested": (lambda t: lambda x: t.reduce_max(x, axis=2) * 3,
                   lambda t: t.ragged.constant([[[1, 2], [3]], [[4]], []])),
        "to_tensor": (lambda t: lambda x: x.to_tensor(default_value=-1),
                      lambda t: t.ragged.constant([[1.5], [], [2.0, 3.0]])),
        "sparse": (lambda t: lambda x: x * 3, lambda t: t.SparseTensor([[0, 1], [2, 3]], [1, 2], [3, 4])),
        "sparse_to_dense": (lambda t: lambda x: t.sparse.to_dense(x),
                            lambda t: t.SparseTensor([[0, 1], [2, 3]], [1.0, 2.0], [3, 4])),
    }
    for name, (fn, make) in cases.items():
        ours, theirs = tf.function(fn(tf))(make(tf)), tf_real.function(fn(tf_real))(make(tf_real))
        assert str(ours) == str(theirs), name
