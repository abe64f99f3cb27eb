"""Tape lifecycle: a spent non-persistent tape frees what it recorded, training loops do not grow memory,
and tapes are thread-local (a tape never records another thread's ops)."""
import gc
import threading
import tracemalloc

import numpy as np

import tfcompat as tf


def _step(x, y, w, b):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(y - (tf.matmul(x, w) + b)))
    gw, gb = tape.gradient(loss, [w, b])
    w.assign_sub(gw * 0.01)
    b.assign_sub(gb * 0.01)
    return tape


def test_spent_tape_drops_its_intermediates():
    x = tf.constant(np.ones((4, 2), np.float32))
    w, b = tf.Variable(np.ones((2, 1), np.float32)), tf.Variable([0.0])
    tape = _step(x, tf.zeros((4, 1)), w, b)
    assert tape._entries == [] and tape._ids == {} and tape._reads == {}
    assert [v.name for v in tape.watched_variables()] == [w.name, b.name]


def test_ten_thousand_training_steps_do_not_grow_memory():
    rs = np.random.RandomState(0)
    x = tf.constant(rs.normal(size=(64, 2)).astype(np.float32))
    y = tf.constant(rs.normal(size=(64, 1)).astype(np.float32))
    w, b = tf.Variable(np.zeros((2, 1), np.float32)), tf.Variable([0.0])
    for _ in range(500):          # warm caches (scalar constants, lazily built tables)
        _step(x, y, w, b)
    gc.collect()
    tracemalloc.start()
    try:
        for _ in range(1000):
            _step(x, y, w, b)
        gc.collect()
        early, _ = tracemalloc.get_traced_memory()
        for _ in range(9000):
            _step(x, y, w, b)
        gc.collect()
        late, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 9000 more steps: a leak of even one small tensor per step would add > 500 kB
    assert late - early < 64 * 1024, f"memory grew by {late - early} bytes over 9000 steps"


def test_tape_does_not_record_other_threads():
    x = tf.constant(3.0)
    out = {}
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)

        def other():
            out["y"] = x * x      # runs while this thread's tape is active
            with tf.GradientTape() as own:
                own.watch(x)
                z = x * x * x
            out["dz"] = own.gradient(z, x)
        t = threading.Thread(target=other)
        t.start()
        t.join()
        mine = x * x
    assert tape.gradient(out["y"], x) is None
    assert float(tape.gradient(mine, x)) == 6.0
    assert float(out["dz"]) == 27.0
