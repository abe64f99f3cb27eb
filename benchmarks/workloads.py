"""The benchmark workloads, written once per target so every target does the same work.

A *target* is one of:

* ``tfcompat-numpy`` / ``tfcompat-torch``: ``import tfcompat as tf`` on that backend (one per process);
* ``numpy`` / ``torch``: the same work written directly against the raw array library;
* ``tensorflow``: real TF 2 eager.

``make(target)`` returns ``{workload_name: zero-argument callable}`` (raw numpy has no autodiff, so it
has no second_derivative); inputs are built once, outside
the timed callable, so only the op dispatch and the kernel are measured. Nothing here imports a
library at module import time: a target's library is imported only when that target is built.
"""
import importlib.util
import os

WORKLOADS = ("scalar_add", "matmul_2x2", "reduce_sum_1000", "chain10_100", "matmul_1024", "conv2d_mnist",
             "variable_update", "train_step", "second_derivative", "power_eager", "power_function", "power_tracing",
             "data_epoch", "sparse_matmul", "ragged_reduce_mean")
#: the pytest-benchmark suite (benchmarks/test_<suite>.py) and report section of each workload
SUITES = {"op_latency": WORKLOADS[:6], "training": ("variable_update", "train_step", "second_derivative"),
          "function": ("power_eager", "power_function", "power_tracing"), "data": ("data_epoch",),
          "sparse_ragged": ("sparse_matmul", "ragged_reduce_mean")}
#: workloads of a second or so a call: fewer timed repeats (and one call a repeat)
MAX_REPEATS = {"data_epoch": 5, "power_tracing": 7}
DESCRIPTIONS = {
    "scalar_add": "`x + y` on float32 scalars",
    "matmul_2x2": "2x2 float32 matmul",
    "reduce_sum_1000": "reduce_sum of a 1000-vector (float32)",
    "chain10_100": "chain of 10 elementwise ops (add/mul/sub/square...) on a 100-vector (float32)",
    "matmul_1024": "1024x1024 float32 matmul",
    "conv2d_mnist": "conv2d forward, NHWC (32, 28, 28, 1) input, 16 3x3 filters, SAME, float32",
    "train_step": "one step of the seed's linear classifier: 2000x2 inputs, tape, two gradients, "
                  "two assign_sub",
    "second_derivative": "nested-tape second derivative of 4.9 * t**2 at a scalar t",
    "variable_update": "`v.assign_sub(d)` on a 1000-element float32 Variable",
    "power_eager": "issue 6's `power(x, 100)`: 100 int32 10x10 matmuls, eager",
    "power_function": "the same `power(x, 100)` as a tf.function (traced once; raw targets: the plain loop)",
    "power_tracing": "tracing a fresh `tf.function(power)` for `(x, 100)` and its first call",
    "data_epoch": "one epoch of `from_tensor_slices((60000x784 float32, labels)).shuffle(10000).batch(128)"
                  ".prefetch(AUTOTUNE)` (raw: a permutation and 469 gathered batches)",
    "sparse_matmul": "`sparse_dense_matmul`: 10000x10000 sparse at 0.1% density (100,000 values) by 10000x64 "
                     "float32",
    "ragged_reduce_mean": "`reduce_mean(rt, axis=1)` of a float32 RaggedTensor of 100,000 rows (1 to 10 values)",
    "import": "import time in a fresh interpreter (numpy backend for tfcompat)",
}
RAW_TARGETS = ("numpy", "torch", "tensorflow")
TFCOMPAT_TARGETS = ("tfcompat-numpy", "tfcompat-torch")
ALL_TARGETS = TFCOMPAT_TARGETS + RAW_TARGETS
#: the raw array library under each tfcompat target (for the "vs raw backend" ratio)
RAW_OF = {"tfcompat-numpy": "numpy", "tfcompat-torch": "torch"}


def _inputs():
    import numpy as np
    rng = np.random.default_rng(0)
    return dict(
        x=np.float32(1.5), y=np.float32(2.25),
        a=rng.uniform(0.5, 1.0, (2, 2)).astype(np.float32),
        b=rng.uniform(0.5, 1.0, (2, 2)).astype(np.float32),
        v=rng.uniform(0.0, 1.0, 1000).astype(np.float32),
        # values stay in a tame range through the chain (no overflow, no denormals)
        u=rng.uniform(0.5, 1.0, 100).astype(np.float32),
        c=np.full(100, 0.5, np.float32),
        m1=rng.uniform(-1.0, 1.0, (1024, 1024)).astype(np.float32),
        m2=rng.uniform(-1.0, 1.0, (1024, 1024)).astype(np.float32),
        img=rng.uniform(0.0, 1.0, (32, 28, 28, 1)).astype(np.float32),
        filt=rng.uniform(-0.5, 0.5, (3, 3, 1, 16)).astype(np.float32),
        cls_x=np.concatenate([rng.normal((0, 3), 1.0, (1000, 2)), rng.normal((3, 0), 1.0, (1000, 2))]
                             ).astype(np.float32),
        cls_y=np.concatenate([np.zeros((1000, 1)), np.ones((1000, 1))]).astype(np.float32),
        w0=np.array([[0.3], [0.7]], np.float32), t=np.float32(3.0),
        var=rng.uniform(0.0, 1.0, 1000).astype(np.float32), delta=np.full(1000, 1e-3, np.float32),
        px=rng.integers(-1, 2, (10, 10)).astype(np.int32),
        sp_idx=np.unique(rng.integers(0, 10000 * 10000, 100000)), sp_dense=rng.normal(0, 1, (10000, 64)).astype(
            np.float32),
        rg_len=rng.integers(1, 11, 100000).astype(np.int64),
        sp_val=rng.normal(0, 1, 100000).astype(np.float32), rg_val=rng.uniform(0, 1, 600000).astype(np.float32),
    )


def _data_inputs():
    """The data pipeline's 60000x784 images (188 MB: made only when data_epoch runs) and labels."""
    import numpy as np
    rng = np.random.default_rng(1)
    return dict(dx=rng.uniform(0.0, 1.0, (60000, 784)).astype(np.float32),
                dy=rng.integers(0, 10, 60000).astype(np.int64))


def _sparse_coo(d):
    """(row, col, values) of the sparse operand, row-major sorted, no duplicates."""
    import numpy as np
    idx = d["sp_idx"]
    return (idx // 10000).astype(np.int64), (idx % 10000).astype(np.int64), d["sp_val"][:len(idx)]


def _ragged_values(d):
    return d["rg_val"][:int(d["rg_len"].sum())]


def _power_loop(matmul, eye):
    """Issue 6's seed `power(x, y)`: y matmuls starting from a fresh identity."""
    def power(x, y):
        result = eye()
        for _ in range(y):
            result = matmul(x, result)
        return result
    return power


def _chain(x, c, square):
    """10 elementwise ops: add, mul, sub, square, add, mul, sub, square, add, mul."""
    x = x + c
    x = x * c
    x = x - c
    x = square(x)
    x = x + c
    x = x * c
    x = x - c
    x = square(x)
    x = x + c
    return x * c


def _tf_like(tf, d):
    """Workloads for a module with TF 2's API (tfcompat or tensorflow)."""
    import numpy as np
    x, y = tf.constant(d["x"]), tf.constant(d["y"])
    a, b = tf.constant(d["a"]), tf.constant(d["b"])
    v, u, c = tf.constant(d["v"]), tf.constant(d["u"]), tf.constant(d["c"])
    matmul, reduce_sum, square = tf.linalg.matmul, tf.reduce_sum, tf.square
    m1, m2, img, filt = (tf.constant(d[k]) for k in ("m1", "m2", "img", "filt"))
    inputs, targets = tf.constant(d["cls_x"]), tf.constant(d["cls_y"])
    w, bias = tf.Variable(d["w0"]), tf.Variable(tf.zeros((1,)))
    t = tf.constant(d["t"])

    def train_step():
        # restarting from the same weights keeps every timed call the same work
        w.assign(d["w0"])
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(targets - (tf.matmul(inputs, w) + bias)))
        gw, gb = tape.gradient(loss, [w, bias])
        w.assign_sub(gw * 0.1)
        bias.assign_sub(gb * 0.1)
        return loss

    def second_derivative():
        with tf.GradientTape() as outer:
            outer.watch(t)
            with tf.GradientTape() as inner:
                inner.watch(t)
                position = 4.9 * t ** 2
            speed = inner.gradient(position, t)
        return outer.gradient(speed, t)

    var, delta, px = tf.Variable(d["var"]), tf.constant(d["delta"]), tf.constant(d["px"])
    power = _power_loop(tf.matmul, lambda: tf.eye(10, dtype=tf.int32))
    power_function = tf.function(power)
    power_function(px, 100)           # traced here, outside the timing
    rows, cols, vals = _sparse_coo(d)
    sp = tf.sparse.SparseTensor(np.stack([rows, cols], 1), vals, [10000, 10000])
    sp_dense = tf.constant(d["sp_dense"])
    rt = tf.RaggedTensor.from_row_lengths(_ragged_values(d), d["rg_len"])
    fns = {
        "scalar_add": lambda: x + y,
        "matmul_2x2": lambda: matmul(a, b),
        "reduce_sum_1000": lambda: reduce_sum(v),
        "chain10_100": lambda: _chain(u, c, square),
        "matmul_1024": lambda: matmul(m1, m2),
        "conv2d_mnist": lambda: tf.nn.conv2d(img, filt, strides=1, padding="SAME"),
        "variable_update": lambda: var.assign_sub(delta),
        "train_step": train_step,
        "second_derivative": second_derivative,
        "power_eager": lambda: power(px, 100),
        "power_function": lambda: power_function(px, 100),
        "power_tracing": lambda: tf.function(power)(px, 100),
        "sparse_matmul": lambda: tf.sparse.sparse_dense_matmul(sp, sp_dense),
        "ragged_reduce_mean": lambda: tf.reduce_mean(rt, axis=1),
    }
    if "dx" in d:
        ds = tf.data.Dataset.from_tensor_slices((d["dx"], d["dy"])).shuffle(10000).batch(128).prefetch(
            tf.data.AUTOTUNE)
        fns["data_epoch"] = lambda: _count(ds)
    return fns


def _count(batches):
    """Iterates one epoch; the number of batches."""
    n = 0
    for _ in batches:
        n += 1
    return n


def _numpy(d):
    import numpy as np
    # 0-d arrays: what tfcompat's numpy backend holds for a scalar tensor
    x, y = np.asarray(d["x"]), np.asarray(d["y"])
    a, b, v, u, c = d["a"], d["b"], d["v"], d["u"], d["c"]
    matmul, square = np.matmul, np.square
    m1, m2, img, filt = d["m1"], d["m2"], d["img"], d["filt"]
    inputs, targets = d["cls_x"], d["cls_y"]
    w, bias = d["w0"].copy(), np.zeros(1, np.float32)

    def conv2d():
        # SAME padding, stride 1: the windows as a strided view and one tensordot over (kh, kw, c)
        padded = np.pad(img, ((0, 0), (1, 1), (1, 1), (0, 0)))
        windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(1, 2))
        return np.tensordot(windows, filt, axes=([4, 5, 3], [0, 1, 2]))

    def train_step():
        # the hand-derived gradient of mean((y - (xW + b))^2)
        nonlocal w, bias
        w = d["w0"].copy()
        err = (inputs @ w + bias) - targets
        loss = np.mean(err * err)
        g = err * (2.0 / err.size)
        w = w - (inputs.T @ g) * 0.1
        bias = bias - g.sum(0) * 0.1
        return loss

    var, delta = d["var"].copy(), d["delta"]
    power = _power_loop(np.matmul, lambda: np.eye(10, dtype=np.int32))
    rows, cols, vals = _sparse_coo(d)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    sp_rows, sp_dense = rows[starts], d["sp_dense"]

    def sparse_matmul():
        # products of the stored values with their dense rows, summed per sparse row
        out = np.zeros((10000, 64), np.float32)
        out[sp_rows] = np.add.reduceat(vals[:, None] * sp_dense[cols], starts)
        return out

    lengths = d["rg_len"]
    rg_vals, rg_starts = _ragged_values(d), np.r_[0, np.cumsum(lengths)[:-1]]
    fns = {
        "scalar_add": lambda: x + y,
        "matmul_2x2": lambda: matmul(a, b),
        "reduce_sum_1000": lambda: v.sum(),
        "chain10_100": lambda: _chain(u, c, square),
        "matmul_1024": lambda: matmul(m1, m2),
        "conv2d_mnist": conv2d,
        "variable_update": lambda: np.subtract(var, delta, out=var),
        "train_step": train_step,
        "power_eager": lambda: power(d["px"], 100),
        "power_function": lambda: power(d["px"], 100),
        "sparse_matmul": sparse_matmul,
        "ragged_reduce_mean": lambda: np.add.reduceat(rg_vals, rg_starts) / lengths.astype(np.float32),
    }
    if "dx" in d:
        rng, dx, dy = np.random.default_rng(2), d["dx"], d["dy"]

        def data_epoch():
            order = rng.permutation(len(dx))
            return _count((dx[i], dy[i]) for i in (order[j:j + 128] for j in range(0, len(dx), 128)))
        fns["data_epoch"] = data_epoch
    return fns


def _torch(d):
    import torch
    x, y = torch.tensor(d["x"]), torch.tensor(d["y"])
    a, b, v, u, c = (torch.from_numpy(d[k]) for k in "abvuc")
    matmul, square = torch.matmul, torch.square
    m1, m2, filt = torch.from_numpy(d["m1"]), torch.from_numpy(d["m2"]), torch.from_numpy(d["filt"])
    img = torch.from_numpy(d["img"])
    inputs, targets = torch.from_numpy(d["cls_x"]), torch.from_numpy(d["cls_y"])
    w0 = torch.from_numpy(d["w0"])
    w, bias = w0.clone().requires_grad_(), torch.zeros(1, requires_grad=True)
    t = torch.tensor(d["t"], requires_grad=True)
    nn_conv2d = torch.nn.functional.conv2d

    def conv2d():
        out = nn_conv2d(img.permute(0, 3, 1, 2), filt.permute(3, 2, 0, 1), padding=1)
        return out.permute(0, 2, 3, 1)

    def train_step():
        with torch.no_grad():
            w.copy_(w0)
        loss = torch.mean(torch.square(targets - (inputs @ w + bias)))
        gw, gb = torch.autograd.grad(loss, [w, bias])
        with torch.no_grad():
            w.sub_(gw * 0.1)
            bias.sub_(gb * 0.1)
        return loss.detach()

    def second_derivative():
        position = 4.9 * t ** 2
        speed, = torch.autograd.grad(position, t, create_graph=True)
        acceleration, = torch.autograd.grad(speed, t)
        return acceleration

    import numpy as np
    var, delta, px = torch.from_numpy(d["var"].copy()), torch.from_numpy(d["delta"]), torch.from_numpy(d["px"])
    power = _power_loop(torch.matmul, lambda: torch.eye(10, dtype=torch.int32))
    rows, cols, vals = _sparse_coo(d)
    sp = torch.sparse_coo_tensor(torch.from_numpy(np.stack([rows, cols])), torch.from_numpy(vals),
                                 (10000, 10000), check_invariants=False).coalesce()
    sp_dense = torch.from_numpy(d["sp_dense"])
    rg_vals, lengths = torch.from_numpy(_ragged_values(d)), torch.from_numpy(d["rg_len"])
    fns = {
        "scalar_add": lambda: x + y,
        "matmul_2x2": lambda: matmul(a, b),
        "reduce_sum_1000": lambda: torch.sum(v),
        "chain10_100": lambda: _chain(u, c, square),
        "matmul_1024": lambda: matmul(m1, m2),
        "conv2d_mnist": conv2d,
        "variable_update": lambda: var.sub_(delta),
        "train_step": train_step,
        "second_derivative": second_derivative,
        "power_eager": lambda: power(px, 100),
        "power_function": lambda: power(px, 100),
        "sparse_matmul": lambda: torch.sparse.mm(sp, sp_dense),
        "ragged_reduce_mean": lambda: torch.segment_reduce(rg_vals, "mean", lengths=lengths),
    }
    if "dx" in d:
        dx, dy = torch.from_numpy(d["dx"]), torch.from_numpy(d["dy"])

        def data_epoch():
            order = torch.randperm(len(dx))
            return _count((dx[i], dy[i]) for i in order.split(128))
        fns["data_epoch"] = data_epoch
    return fns


def importable(module):
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def tfcompat_target():
    """The tfcompat target this process can run: 'tfcompat-' + TFCOMPAT_BACKEND (default numpy)."""
    return "tfcompat-" + os.environ.get("TFCOMPAT_BACKEND", "numpy")


def make(target, names=None):
    """{workload: callable} for `target` (all its workloads, or those of `names` it has: the 188 MB
    data set is made only for data_epoch); raises ImportError when the target's library is missing."""
    d = _inputs()
    if names is None or "data_epoch" in names:
        d.update(_data_inputs())
    if target.startswith("tfcompat-"):
        backend = target[len("tfcompat-"):]
        import tfcompat
        tfcompat.set_backend(backend)   # RuntimeError if this process already chose another one
        return _tf_like(tfcompat, d)
    if target == "numpy":
        return _numpy(d)
    if target == "torch":
        return _torch(d)
    if target == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow
        return _tf_like(tensorflow, d)
    raise ValueError(f"unknown benchmark target {target!r}; expected one of {ALL_TARGETS}")


def check(fns):
    """Runs each workload once and returns a float summary, so a broken target fails loudly."""
    import numpy as np
    out = {}
    for name, fn in fns.items():
        r = fn()
        r = r.numpy() if hasattr(r, "numpy") else r
        out[name] = float(np.asarray(r, dtype=np.float64).sum())
    return out


#: the statement whose import time is measured, per target ("import + first op" adds a tiny op)
IMPORT_STMT = {
    "tfcompat-numpy": ("import tfcompat as tf", "tf.constant(1.0) + tf.constant(2.0)"),
    "tfcompat-torch": ("import tfcompat as tf", "tf.constant(1.0) + tf.constant(2.0)"),
    "numpy": ("import numpy as np", "np.asarray(1.0, np.float32) + np.asarray(2.0, np.float32)"),
    "torch": ("import torch", "torch.tensor(1.0) + torch.tensor(2.0)"),
    "tensorflow": ("import tensorflow as tf", "tf.constant(1.0) + tf.constant(2.0)"),
}
