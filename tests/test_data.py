"""tf.data internals: streaming (nothing materialised beyond buffers), shuffle statistics and buffer bounds,
map tracing counts, the gathered batch path agreeing with the stacked one, cache files, ignore_errors."""
import itertools
import time

import numpy as np
import pytest

import tfcompat as tf


def values(ds):
    return [x.tolist() if isinstance(x, np.ndarray) else x for x in ds.as_numpy_iterator()]


def test_generator_over_huge_range_streams():
    pulled = []

    def gen():
        for i in itertools.count():
            pulled.append(i)
            yield i
    ds = tf.data.Dataset.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64))
    out = values(ds.map(lambda x: x * 2).batch(4).take(2))
    assert out == [[0, 2, 4, 6], [8, 10, 12, 14]]
    assert len(pulled) <= 9  # 8 elements, at most one read ahead


def test_huge_range_pipeline_is_lazy():
    start = time.perf_counter()
    ds = tf.data.Dataset.range(10 ** 15).shuffle(16, seed=0).batch(8).skip(2).take(3)
    assert int(ds.cardinality()) == 3
    got = values(ds)
    assert len(got) == 3 and all(len(b) == 8 for b in got)
    assert time.perf_counter() - start < 5


def test_shuffle_buffer_bounds_each_position():
    k = 3
    for seed in range(20):
        out = values(tf.data.Dataset.range(30).shuffle(k, seed=seed))
        assert sorted(out) == list(range(30))
        assert all(x <= i + k - 1 for i, x in enumerate(out))


def test_full_buffer_shuffle_is_roughly_uniform():
    counts = np.zeros((5, 5))
    ds = tf.data.Dataset.range(5).shuffle(5, seed=3)
    for _ in range(2000):
        for pos, x in enumerate(values(ds)):
            counts[pos, x] += 1
    assert np.all(np.abs(counts / 2000 - 0.2) < 0.05)


def test_map_traces_once_and_tf_print_style_effects_per_element():
    traces = []

    def fn(x):
        traces.append(1)
        return x + 1
    ds = tf.data.Dataset.range(100).map(fn)
    assert len(traces) == 1
    for _ in range(3):
        assert values(ds) == list(range(1, 101))
    assert len(traces) == 1


def test_gathered_batches_equal_stacked_batches():
    x = np.arange(50 * 3, dtype=np.float32).reshape(50, 3)
    y = np.array([str(i).encode() for i in range(50)], dtype=object)
    fast = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(7, seed=5).repeat(2).take(90).batch(8)
    slow = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(7, seed=5).repeat(2).take(90).map(
        lambda a, b: (a, b)).batch(8)
    assert fast._input._index_source() is not None and slow._input._index_source() is None
    for (a, b), (c, d) in zip(fast, slow):
        assert np.array_equal(a.numpy(), c.numpy()) and list(b.numpy()) == list(d.numpy())
        assert a.dtype == tf.float32 and b.dtype == tf.string
    assert len(list(fast)) == 12


def test_cache_file_is_reused(tmp_path):
    calls = []

    def gen():
        calls.append(1)
        yield from range(3)
    path = str(tmp_path / "c")
    ds = tf.data.Dataset.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64)).cache(path)
    assert values(ds) == values(ds) == [0, 1, 2]
    again = tf.data.Dataset.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64)).cache(path)
    assert values(again) == [0, 1, 2]
    assert len(calls) == 1


def test_ignore_errors_skips_failing_elements():
    ds = tf.data.Dataset.from_tensor_slices([0, 5, 1]).map(lambda i: tf.gather(tf.constant([10., 20.]), i))
    assert values(ds.ignore_errors()) == [10.0, 20.0]
    with pytest.raises(tf.errors.InvalidArgumentError):
        values(ds)


def test_interleave_cycles_blocks():
    ds = tf.data.Dataset.range(1, 4).interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(3),
                                                cycle_length=2, block_length=2)
    assert values(ds) == [1, 1, 2, 2, 1, 2, 3, 3, 3]


def test_iterator_get_next_end_of_sequence():
    it = iter(tf.data.Dataset.range(1))
    assert int(it.get_next()) == 0
    with pytest.raises(tf.errors.OutOfRangeError, match="End of sequence"):
        it.get_next()


def test_acceptance_s002_dataset_part():
    rng = np.random.RandomState(0)
    images = rng.randint(0, 256, size=(256, 28, 28)).astype(np.uint8)
    labels = rng.randint(0, 10, size=(256,)).astype(np.uint8)
    ds = tf.data.Dataset.from_tensor_slices((tf.cast(images[..., tf.newaxis] / 255, tf.float32),
                                            tf.cast(labels, tf.int64))).shuffle(1000).batch(32)
    for im, lb in ds.take(1):
        assert (im.shape, im.dtype, lb.shape, lb.dtype) == ((32, 28, 28, 1), tf.float32, (32,), tf.int64)
    assert sum(1 for _ in ds) == 8
