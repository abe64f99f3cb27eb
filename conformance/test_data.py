"""Conformance: tf.data (DS), catalogue section H: sources, element specs, transformations, cardinality,
shuffling properties (TF's Philox permutations themselves are not pinned), iteration and errors."""
import numpy as np
import pytest

from .helpers import later_op, raises

behaviour = pytest.mark.behaviour


def values(ds):
    return [_plain(x) for x in ds.as_numpy_iterator()]


def _plain(x):
    if isinstance(x, tuple):
        return tuple(_plain(v) for v in x)
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    return x.tolist() if isinstance(x, np.ndarray) else x.item() if isinstance(x, np.generic) else x


def card(ds):
    return int(ds.cardinality())


def spec(tf, shape, dtype):
    return tf.TensorSpec(shape=shape, dtype=dtype)


@behaviour("DS-01")
def test_DS01_slices_infer_dtypes_like_constant(tf):
    ds = tf.data.Dataset.from_tensor_slices([1, 2, 3])
    assert ds.element_spec == spec(tf, (), tf.int32)
    assert values(ds) == [1, 2, 3]
    assert tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]]).element_spec.shape == (2,)
    s = tf.data.Dataset.from_tensor_slices(["a", "b"])
    assert s.element_spec.dtype == tf.string
    assert list(s.as_numpy_iterator()) == [b"a", b"b"]


@behaviour("DS-02")
def test_DS02_numpy_inputs_keep_dtype(tf):
    f = tf.data.Dataset.from_tensor_slices
    assert f(np.array([1.0, 2.0])).element_spec.dtype == tf.float64
    assert f(np.array([1, 2])).element_spec.dtype == tf.int64
    assert f(np.array([1, 2], np.float32)).element_spec.dtype == tf.float32
    assert f([np.float64(1.0)]).element_spec.dtype == tf.float64
    two = f([np.array([1, 2]), np.array([3, 4])])
    assert two.element_spec == spec(tf, (2,), tf.int64)


@behaviour("DS-03")
def test_DS03_tuples_and_dicts_are_structure_lists_are_not(tf):
    f = tf.data.Dataset.from_tensor_slices
    assert f(([1, 2], [3., 4.])).element_spec == (spec(tf, (), tf.int32), spec(tf, (), tf.float32))
    d = f({"a": [1, 2], "b": [[1., 2.], [3., 4.]]})
    assert d.element_spec == {"a": spec(tf, (), tf.int32), "b": spec(tf, (2,), tf.float32)}
    first = next(iter(d))
    assert isinstance(first, dict) and all(tf.is_tensor(v) for v in first.values())
    assert f([(1, 2), (3, 4)]).element_spec == spec(tf, (2,), tf.int32)
    one = tf.data.Dataset.from_tensors((1, "a"))
    assert one.element_spec == (spec(tf, (), tf.int32), spec(tf, (), tf.string))
    assert card(one) == 1


@behaviour("DS-04")
def test_DS04_slicing_errors_and_edges(tf):
    f = tf.data.Dataset.from_tensor_slices
    with raises(ValueError, "Dimensions 2 and 3 are not compatible"):
        f(([1, 2], [3, 4, 5]))
    with raises(ValueError, "Unbatching a tensor is only supported for rank >= 1"):
        f(1)
    with raises(ValueError, "Can't convert non-rectangular Python sequence to Tensor."):
        f([[1, 2], [3]])
    t = tf.data.Dataset.from_tensors([1, 2, 3])
    assert t.element_spec.shape == (3,) and card(t) == 1
    z = f(tf.zeros([0, 3]))
    assert z.element_spec.shape == (3,) and card(z) == 0 and values(z) == []


@behaviour("DS-05")
def test_DS05_reprs(tf):
    r = tf.data.Dataset.range(3)
    s = tf.data.Dataset.from_tensor_slices([1, 2])
    assert repr(s) == str(s) == "<_TensorSliceDataset element_spec=TensorSpec(shape=(), dtype=tf.int32, name=None)>"
    names = {"_RangeDataset": r, "_MapDataset": r.map(lambda x: x), "_BatchDataset": r.batch(2),
             "_ShuffleDataset": r.shuffle(2), "_RepeatDataset": r.repeat(), "_TakeDataset": r.take(1),
             "_FilterDataset": r.filter(lambda x: x > 0), "_PrefetchDataset": r.prefetch(1),
             "_ZipDataset": tf.data.Dataset.zip((r, r)), "_WindowDataset": r.window(2), "CacheDataset": r.cache()}
    for name, ds in names.items():
        assert repr(ds).startswith(f"<{name} element_spec="), repr(ds)
    assert repr(tf.data.Dataset.zip((r, r))) == ("<_ZipDataset element_spec=(TensorSpec(shape=(), dtype=tf.int64, "
                                                 "name=None), TensorSpec(shape=(), dtype=tf.int64, name=None))>")


@behaviour("DS-06")
def test_DS06_range(tf):
    R = tf.data.Dataset.range
    assert R(5).element_spec == spec(tf, (), tf.int64)
    assert values(R(5)) == [0, 1, 2, 3, 4]
    assert values(R(2, 10, 3)) == [2, 5, 8]
    assert values(R(5, 0, -2)) == [5, 3, 1]
    assert values(R(0)) == []
    assert R(3, output_type=tf.int32).element_spec.dtype == tf.int32
    assert R(3, output_type=tf.float32).element_spec.dtype == tf.float32
    with raises(TypeError, "Cannot convert 0.0 to EagerTensor of dtype int64"):
        R(0.0, 3)


@behaviour("DS-07")
def test_DS07_batch(tf):
    r = tf.data.Dataset.range(10)
    b = r.batch(3)
    assert values(b) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    assert b.element_spec == spec(tf, (None,), tf.int64) and card(b) == 4
    assert r.take(9).batch(3).element_spec.shape.as_list() == [None]
    d = r.batch(3, drop_remainder=True)
    assert card(d) == 3 and len(values(d)) == 3
    assert repr(d) == "<_BatchDataset element_spec=TensorSpec(shape=(3,), dtype=tf.int64, name=None)>"
    assert tf.data.Dataset.from_tensor_slices({"a": [1, 2]}).batch(2).element_spec == {
        "a": spec(tf, (None,), tf.int32)}
    for bad in (0, -1):
        with raises(tf.errors.InvalidArgumentError, "Batch size must be greater than zero."):
            r.batch(bad)
    with raises(TypeError, "Cannot convert 2.0 to EagerTensor of dtype int64"):
        r.batch(2.0)
    assert card(r.batch(tf.constant(5, tf.int64))) == 2


@behaviour("DS-08")
def test_DS08_batch_needs_equal_shapes_at_iteration(tf):
    def gen():
        yield [1]
        yield [1, 2]
    ds = tf.data.Dataset.from_generator(gen, output_signature=tf.TensorSpec((None,), tf.int32)).batch(2)
    with raises(tf.errors.InvalidArgumentError, "Cannot batch tensors with different shapes in component 0. First "
                "element had shape [1] and element 1 had shape [2]."):
        list(ds)


@behaviour("DS-09")
def test_DS09_padded_batch(tf):
    ds = tf.data.Dataset.range(1, 5).map(lambda x: tf.fill([x], x))
    p = ds.padded_batch(2)
    assert values(p) == [[[1, 0], [2, 2]], [[3, 3, 3, 0], [4, 4, 4, 4]]]
    assert p.element_spec.shape.rank == 2 and p.element_spec.shape[0] is None
    q = ds.padded_batch(2, padded_shapes=[5], padding_values=tf.constant(-1, tf.int64))
    assert values(q)[0] == [[1, -1, -1, -1, -1], [2, 2, -1, -1, -1]]
    assert q.element_spec.shape.as_list() == [None, 5]
    assert ds.padded_batch(3, drop_remainder=True).element_spec.shape[0] == 3
    with raises(tf.errors.DataLossError, "Attempted to pad to a smaller size than the input element."):
        list(ds.padded_batch(2, padded_shapes=[2]))


@behaviour("DS-10")
def test_DS10_cardinality_constants(tf):
    assert tf.data.INFINITE_CARDINALITY == -1 and tf.data.UNKNOWN_CARDINALITY == -2
    assert type(tf.data.INFINITE_CARDINALITY) is int
    r = tf.data.Dataset.range(4)
    for c in (r.cardinality(), tf.data.experimental.cardinality(r)):
        assert c.dtype == tf.int64 and c.shape == () and int(c) == 4


@behaviour("DS-11")
def test_DS11_cardinality_through_transformations(tf):
    r = tf.data.Dataset.range(10)
    cases = [(r.repeat(), -1), (r.repeat(None), -1), (r.repeat(3), 30), (r.repeat(0), 0), (r.take(3), 3),
             (r.take(20), 10), (r.take(-1), 10), (r.take(0), 0), (r.skip(3), 7), (r.skip(20), 0), (r.skip(-1), 0),
             (r.filter(lambda x: x > 2), -2), (r.map(lambda x: x), 10), (r.shuffle(3), 10), (r.cache(), 10),
             (r.prefetch(1), 10), (r.enumerate(), 10), (r.batch(3), 4), (r.batch(20), 1),
             (r.batch(20, drop_remainder=True), 0), (r.repeat().take(5), 5), (r.repeat().skip(5), -1),
             (r.batch(3).repeat(), -1), (r.repeat().batch(3), -1)]
    for ds, want in cases:
        assert card(ds) == want, repr(ds)
    assert values(r.repeat(0)) == []
    gen = tf.data.Dataset.from_generator(lambda: iter([1]), output_signature=tf.TensorSpec((), tf.int32))
    assert card(gen) == -2


@behaviour("DS-12")
def test_DS12_python_protocol(tf):
    r = tf.data.Dataset.range(10)
    assert len(r) == 10 and len(tf.data.Dataset.range(5).batch(2)) == 3
    with raises(TypeError, "The dataset is infinite."):
        len(r.repeat())
    with raises(TypeError, "The dataset length is unknown."):
        len(r.filter(lambda x: True))
    assert bool(tf.data.Dataset.range(0)) and bool(r.repeat()) and bool(r.filter(lambda x: True))
    with raises(TypeError, "'_RangeDataset' object is not subscriptable"):
        r[0]


@behaviour("DS-13")
def test_DS13_take_skip_repeat(tf):
    R = tf.data.Dataset.range
    assert values(R(10).take(3).repeat(2)) == [0, 1, 2, 0, 1, 2]
    assert values(R(3).take(10)) == [0, 1, 2]
    assert values(R(3).skip(10)) == []
    assert values(R(3).repeat().take(7)) == [0, 1, 2, 0, 1, 2, 0]


@behaviour("DS-14")
def test_DS14_repeat_batch_order(tf):
    r = tf.data.Dataset.range(5)
    assert values(r.repeat(2).batch(3)) == [[0, 1, 2], [3, 4, 0], [1, 2, 3], [4]]
    assert values(r.batch(3).repeat(2)) == [[0, 1, 2], [3, 4], [0, 1, 2], [3, 4]]


@behaviour("DS-15")
def test_DS15_shuffle_arguments_and_buffer(tf):
    r = tf.data.Dataset.range(10)
    assert values(r.shuffle(1)) == list(range(10))
    with raises(TypeError, "shuffle() missing 1 required positional argument: 'buffer_size'"):
        r.shuffle()
    for bad in (0, -1):
        with raises(tf.errors.InvalidArgumentError, "buffer_size must be greater than zero or UNKNOWN_CARDINALITY"):
            r.shuffle(bad)
    firsts = {values(r.shuffle(2))[0] for _ in range(50)}
    assert firsts <= {0, 1}


@behaviour("DS-16")
def test_DS16_reshuffle_and_determinism(tf):
    for seed in (None, 42):
        ds = tf.data.Dataset.range(10).shuffle(10, seed=seed)
        a, b = values(ds), values(ds)
        assert sorted(a) == sorted(b) == list(range(10))
        c, d = values(ds), values(ds)
        assert len({tuple(a), tuple(b), tuple(c), tuple(d)}) > 1
    fresh = lambda: tf.data.Dataset.range(10).shuffle(10, seed=42)  # noqa: E731
    one, two = fresh(), fresh()
    assert [values(one), values(one)] == [values(two), values(two)]
    fixed = tf.data.Dataset.range(10).shuffle(10, seed=42, reshuffle_each_iteration=False)
    assert values(fixed) == values(fixed) == values(fixed)
    orders = []
    for _ in range(2):
        tf.random.set_seed(7)
        orders.append(values(tf.data.Dataset.range(10).shuffle(10)))
    tf.random.set_seed(None)
    assert orders[0] == orders[1] and sorted(orders[0]) == list(range(10))


@behaviour("DS-17")
def test_DS17_shuffle_before_repeat_keeps_epochs(tf):
    got = values(tf.data.Dataset.range(3).shuffle(3, seed=1).repeat(2))
    assert sorted(got[:3]) == [0, 1, 2] and sorted(got[3:]) == [0, 1, 2]


@behaviour("DS-18")
def test_DS18_map_traces_once_at_map_time(tf):
    calls = []

    def fn(x):
        calls.append(1)
        return x * 2
    ds = tf.data.Dataset.range(4).map(fn)
    assert len(calls) == 1
    assert values(ds) == [0, 2, 4, 6] and values(ds) == [0, 2, 4, 6]
    assert len(calls) == 1
    with raises(AttributeError, "in user code:", "'SymbolicTensor' object has no attribute 'numpy'"):
        tf.data.Dataset.range(3).map(lambda x: x.numpy())


@behaviour("DS-19")
def test_DS19_map_arguments_and_results(tf):
    z = tf.data.Dataset.from_tensor_slices(([1, 2], [3, 4]))
    assert values(z.map(lambda a, b: a + b)) == [4, 6]
    with raises(TypeError, "<lambda>() takes 1 positional argument but 2 were given"):
        z.map(lambda a: a)
    d = tf.data.Dataset.from_tensor_slices({"a": [1, 2]})
    assert values(d.map(lambda e: e["a"] * 2)) == [2, 4]
    r = tf.data.Dataset.range(2)
    assert r.map(lambda x: [x, x]).element_spec == (spec(tf, (), tf.int64),) * 2
    assert r.map(lambda x: (x, 1)).element_spec == (spec(tf, (), tf.int64), spec(tf, (), tf.int32))

    def branch(x):
        if x > 1:
            return x
        else:
            return -x
    assert values(tf.data.Dataset.range(4).map(branch)) == [0, -1, 2, 3]


@behaviour("DS-20")
def test_DS20_py_function_loses_shape(tf):
    ds = tf.data.Dataset.range(4).map(lambda x: tf.py_function(lambda v: v * 10, [x], tf.int64))
    assert values(ds) == [0, 10, 20, 30]
    assert repr(ds.element_spec) == "TensorSpec(shape=<unknown>, dtype=tf.int64, name=None)"


@behaviour("DS-21")
def test_DS21_filter(tf):
    r = tf.data.Dataset.range(10)
    assert values(r.filter(lambda x: x % 2 == 0)) == [0, 2, 4, 6, 8]
    with raises(ValueError, "Invalid `predicate`. `predicate` must return a `tf.bool` scalar tensor, but its return "
                "type is TensorSpec(shape=(), dtype=tf.int64, name=None)."):
        r.filter(lambda x: x)


@behaviour("DS-22")
def test_DS22_unbatch(tf):
    u = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]]).unbatch()
    assert values(u) == [1, 2, 3, 4] and u.element_spec.shape == () and card(u) == 4
    b = tf.data.Dataset.range(10).batch(3).unbatch()
    assert values(b) == list(range(10)) and card(b) == -2
    with raises(ValueError, "Cannot unbatch an input with scalar components."):
        tf.data.Dataset.range(3).unbatch()


@behaviour("DS-23")
def test_DS23_zip(tf):
    a, b, c = tf.data.Dataset.range(1, 4), tf.data.Dataset.range(4, 7), tf.data.Dataset.range(7, 10)
    assert values(tf.data.Dataset.zip((a, b))) == [(1, 4), (2, 5), (3, 6)]
    assert values(tf.data.Dataset.zip(a, b)) == [(1, 4), (2, 5), (3, 6)]
    assert card(tf.data.Dataset.zip((a, tf.data.Dataset.range(6)))) == 3
    assert values(tf.data.Dataset.zip({"x": a, "y": b}))[0] == {"x": 1, "y": 4}
    assert values(tf.data.Dataset.zip((a, (b, c))))[0] == (1, (4, 7))


@behaviour("DS-24")
def test_DS24_enumerate(tf):
    e = tf.data.Dataset.from_tensor_slices(["a", "b"]).enumerate()
    assert e.element_spec == (spec(tf, (), tf.int64), spec(tf, (), tf.string))
    assert values(e) == [(0, b"a"), (1, b"b")]
    assert values(tf.data.Dataset.range(2).enumerate(start=5)) == [(5, 0), (6, 1)]


@behaviour("DS-25")
def test_DS25_iteration_outputs(tf):
    r = tf.data.Dataset.range(2)
    it = r.as_numpy_iterator()
    assert type(it).__name__ == "NumpyIterator"
    first = next(it)
    assert type(first) is np.int64
    assert type(next(tf.data.Dataset.from_tensors(np.float32(1)).as_numpy_iterator())) is np.float32
    assert type(next(tf.data.Dataset.from_tensors("a").as_numpy_iterator())) is bytes
    assert type(next(tf.data.Dataset.from_tensors([1]).as_numpy_iterator())) is np.ndarray
    own = iter(r)
    assert type(own).__name__ == "OwnedIterator"
    assert tf.is_tensor(next(own)) and int(next(own)) == 1
    with pytest.raises(StopIteration):
        next(own)


@behaviour("DS-26")
def test_DS26_each_pass_restarts(tf):
    ds = tf.data.Dataset.range(3)
    assert [int(x) for x in ds] == [0, 1, 2] == [int(x) for x in ds]
    calls = []

    def gen():
        calls.append(1)
        yield from range(3)
    g = tf.data.Dataset.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64))
    assert values(g) == values(g) == [0, 1, 2]
    assert len(calls) == 2


@behaviour("DS-27")
def test_DS27_from_generator(tf):
    sig = tf.TensorSpec(shape=(), dtype=tf.int32)
    g = tf.data.Dataset.from_generator(lambda: iter([1, 2]), output_signature=sig)
    assert g.element_spec == sig and card(g) == -2
    rows = tf.data.Dataset.from_generator(lambda: iter([[1], [1, 2]]),
                                          output_signature=tf.TensorSpec((None,), tf.int32))
    assert values(rows) == [[1], [1, 2]]
    legacy = tf.data.Dataset.from_generator(lambda: iter([1]), output_types=tf.int64)
    assert repr(legacy.element_spec) == "TensorSpec(shape=<unknown>, dtype=tf.int64, name=None)"
    with raises(TypeError, "To specify the output signature you need to provide either the `output_signature` "
                "argument or the `output_types` argument."):
        tf.data.Dataset.from_generator(lambda: iter([1]))
    bad_shape = tf.data.Dataset.from_generator(lambda: iter([[1, 2]]),
                                               output_signature=tf.TensorSpec((3,), tf.int32))
    with raises(tf.errors.InvalidArgumentError, "TypeError: `generator` yielded an element of shape (2,) where an "
                "element of shape (3,) was expected."):
        list(bad_shape)
    bad_value = tf.data.Dataset.from_generator(lambda: iter(["a"]), output_signature=sig)
    with raises(tf.errors.InvalidArgumentError, "`generator` yielded an element that could not be converted to the "
                "expected type. The expected type was int32, but the yielded element was a."):
        list(bad_value)
    trunc = tf.data.Dataset.from_generator(lambda: iter([1.5, 2.7, -1.7]), output_signature=sig)
    assert values(trunc) == [1, 2, -1]


@behaviour("DS-28")
def test_DS28_cache_keeps_first_pass(tf):
    calls = []

    def count(x):
        calls.append(1)
        return x
    for cached, want in ((True, 3), (False, 6)):
        calls.clear()
        ds = tf.data.Dataset.range(3).map(lambda x: tf.py_function(count, [x], tf.int64))
        if cached:
            ds = ds.cache()
        values(ds), values(ds)
        assert len(calls) == want


@behaviour("DS-29")
def test_DS29_reduce(tf):
    r = tf.data.Dataset.range(5)
    with raises(TypeError, "Input 'y' of 'AddV2' Op has type int64 that does not match type int32 of argument 'x'."):
        r.reduce(0, lambda s, x: s + x)
    total = r.reduce(np.int64(0), lambda s, x: s + x)
    assert int(total) == 10 and total.dtype == tf.int64 and tf.is_tensor(total)
    f = tf.data.Dataset.from_tensor_slices([1., 2.])
    with raises(TypeError, "Input 'y' of 'AddV2' Op has type float32 that does not match type int32 of argument "
                "'x'."):
        f.reduce(0, lambda s, x: s + x)
    assert float(f.reduce(0., lambda s, x: s + x)) == 3.0
    assert int(tf.data.Dataset.range(0).reduce(np.int64(7), lambda s, x: s + x)) == 7
    s, p = tf.data.Dataset.range(1, 6).reduce((np.int64(0), np.int64(1)), lambda st, x: (st[0] + x, st[1] * x))
    assert (int(s), int(p)) == (15, 120)


@behaviour("DS-30")
def test_DS30_window(tf):
    w = tf.data.Dataset.range(7).window(3)
    assert repr(w.element_spec) == ("DatasetSpec(TensorSpec(shape=(), dtype=tf.int64, name=None), "
                                    "TensorShape([]))")
    wins = list(w)
    assert all(type(x).__name__ == "_VariantDataset" for x in wins)
    assert [values(x) for x in wins] == [[0, 1, 2], [3, 4, 5], [6]]
    assert card(w) == 3 and card(tf.data.Dataset.range(7).window(3, drop_remainder=True)) == 2
    slide = tf.data.Dataset.range(7).window(3, shift=1, drop_remainder=True)
    assert [values(x) for x in slide] == [[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6]]
    strided = tf.data.Dataset.range(7).window(3, shift=2, stride=2)
    assert [values(x) for x in strided] == [[0, 2, 4], [2, 4, 6], [4, 6], [6]]
    assert values(w.flat_map(lambda x: x.batch(3))) == [[0, 1, 2], [3, 4, 5], [6]]


@behaviour("DS-31")
def test_DS31_autotune(tf):
    assert tf.data.AUTOTUNE == tf.data.experimental.AUTOTUNE == -1
    r = tf.data.Dataset.range(6)
    p = r.prefetch(tf.data.AUTOTUNE)
    assert values(p) == values(r) and card(p) == 6
    assert values(r.map(lambda x: x + 1, num_parallel_calls=tf.data.AUTOTUNE)) == [1, 2, 3, 4, 5, 6]


@behaviour("DS-32")
def test_DS32_single_element_and_concatenate(tf):
    one = tf.data.Dataset.from_tensors(5).get_single_element()
    assert tf.is_tensor(one) and int(one) == 5
    with raises(tf.errors.InvalidArgumentError, "Dataset had more than one element."):
        tf.data.Dataset.range(2).get_single_element()
    r = tf.data.Dataset.range(2)
    assert values(r.concatenate(tf.data.Dataset.range(3, 5))) == [0, 1, 3, 4]
    with raises(TypeError, "Incompatible dataset elements:\n  TensorSpec(shape=(), dtype=tf.int64, name=None) vs.   "
                "TensorSpec(shape=(), dtype=tf.float32, name=None)"):
        r.concatenate(tf.data.Dataset.from_tensors(1.0))


@behaviour("DS-33")
def test_DS33_other_transformations(tf):
    R = tf.data.Dataset.range
    assert values(R(3).flat_map(lambda x: R(x))) == [0, 0, 1]
    assert values(R(10).shard(3, 1)) == [1, 4, 7]
    assert values(R(10).take_while(lambda x: x < 3)) == [0, 1, 2]
    assert values(R(5).scan(np.int64(0), lambda s, x: (s + x, s + x))) == [0, 1, 3, 6, 10]
    assert values(tf.data.Dataset.from_tensor_slices([1, 1, 2]).unique()) == [1, 2]
    assert values(R(5).batch(4).rebatch(2)) == [[0, 1], [2, 3], [4]]
    a = tf.data.Dataset.from_tensors("a").repeat()
    b = tf.data.Dataset.from_tensors("b").repeat()
    choice = tf.data.Dataset.from_tensor_slices(tf.constant([0, 1, 1, 0], tf.int64))
    assert values(tf.data.Dataset.choose_from_datasets([a, b], choice)) == [b"a", b"b", b"b", b"a"]


@behaviour("DS-34")
def test_DS34_dataset_loop_in_function(tf):
    @tf.function
    def total(ds):
        s = tf.constant(0, tf.int64)
        for x in ds:
            s += x
        return s
    assert int(total(tf.data.Dataset.range(10))) == 45
