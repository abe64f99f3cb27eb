"""Issue 7's Keras workloads, timed on one target per process and printed one line each (and as JSON with --json).

* ``dense1_fit``: fit of the seed's Dense(1) model (2000x2 inputs, RMSprop(0.1), MSE, BinaryAccuracy; 5 epochs,
  batch 16, verbose=0), a fresh model each time, tracing included (seconds);
* ``mlp_epoch``: one warm epoch of an MLP 784-128(relu)-10 on 60000 samples (batch 128, Adam, sparse CE from logits)
  (seconds);
* ``conv_step``: one warm training step of the seed's conv model (batch 32, 28x28x1: Conv2D(16,3,relu) x2,
  GlobalAveragePooling2D, Dense(10); SparseCategoricalCrossentropy(from_logits), Adam), timed over fit (ms).

Targets: ``tfcompat-numpy``, ``tfcompat-torch`` (``import tfcompat as tf``), ``tensorflow`` (TF's Keras, run with
/work/tfref/bin/python), and the raw baselines ``torch`` and ``numpy`` (the same arithmetic by hand; raw numpy has
no conv step). Usage: ``python benchmarks/keras_workloads.py TARGET [--repeats N] [--json]``.
"""
import argparse
import json
import os
import time

import numpy as np

MLP_N, CONV_STEPS = 60000, 60


def _data():
    rng = np.random.default_rng(0)
    n = 1000
    cov = [[1, 0.5], [0.5, 1]]
    x1 = np.vstack((rng.multivariate_normal([0, 3], cov, n), rng.multivariate_normal([3, 0], cov, n)))
    y1 = np.vstack((np.zeros((n, 1)), np.ones((n, 1))))
    return dict(x1=x1.astype(np.float32), y1=y1.astype(np.float32),
                xm=rng.random((MLP_N, 784), dtype=np.float32), ym=rng.integers(0, 10, MLP_N).astype(np.int64),
                xc=rng.random((32 * CONV_STEPS, 28, 28, 1), dtype=np.float32),
                yc=rng.integers(0, 10, 32 * CONV_STEPS).astype(np.int64))


def _best(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


# ---- Keras (tfcompat or TF) ----
def _keras(tf, d, repeats):
    keras = tf.keras

    def dense1():
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.1), loss=keras.losses.MeanSquaredError(),
                      metrics=[keras.metrics.BinaryAccuracy()])
        model.fit(d["x1"], d["y1"], epochs=5, batch_size=16, verbose=0)

    mlp = keras.Sequential([keras.Input((784,)), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
    mlp.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    mlp.fit(d["xm"][:1280], d["ym"][:1280], batch_size=128, epochs=1, verbose=0)  # trace and build

    conv = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(16, 3, activation="relu"),
                             keras.layers.Conv2D(16, 3, activation="relu"), keras.layers.GlobalAveragePooling2D(),
                             keras.layers.Dense(10)])
    conv.compile(optimizer=keras.optimizers.Adam(),
                 loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    conv.fit(d["xc"][:64], d["yc"][:64], batch_size=32, epochs=1, verbose=0)
    return {"dense1_fit": _best(dense1, repeats),
            "mlp_epoch": _best(lambda: mlp.fit(d["xm"], d["ym"], batch_size=128, epochs=1, verbose=0), repeats),
            "conv_step": 1e3 * _best(lambda: conv.fit(d["xc"], d["yc"], batch_size=32, epochs=1, verbose=0,
                                                      shuffle=False), repeats) / CONV_STEPS}


# ---- raw torch ----
def _torch(d, repeats):
    import torch
    F = torch.nn.functional

    def batches(n, size, shuffle=True):
        order = torch.randperm(n) if shuffle else torch.arange(n)
        return [order[i:i + size] for i in range(0, n, size)]

    def dense1():
        x, y = torch.from_numpy(d["x1"]), torch.from_numpy(d["y1"])
        layer = torch.nn.Linear(2, 1)
        opt = torch.optim.RMSprop(layer.parameters(), lr=0.1, alpha=0.9, eps=1e-7)
        for _ in range(5):
            for idx in batches(len(x), 16):
                xb, yb = x[idx], y[idx]
                out = layer(xb)
                loss = F.mse_loss(out, yb)
                opt.zero_grad()
                loss.backward()
                opt.step()
                ((out > 0.5).float() == yb).float().mean()

    def fit(model, opt, x, y, size, shuffle=True):
        for idx in batches(len(x), size, shuffle):
            loss = F.cross_entropy(model(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()

    mlp = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    mlp_opt = torch.optim.Adam(mlp.parameters(), eps=1e-7)
    xm, ym = torch.from_numpy(d["xm"]), torch.from_numpy(d["ym"])
    conv = torch.nn.Sequential(torch.nn.Conv2d(1, 16, 3), torch.nn.ReLU(), torch.nn.Conv2d(16, 16, 3),
                               torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(),
                               torch.nn.Linear(16, 10))
    conv_opt = torch.optim.Adam(conv.parameters(), eps=1e-7)
    xc, yc = torch.from_numpy(d["xc"]).permute(0, 3, 1, 2).contiguous(), torch.from_numpy(d["yc"])
    fit(conv, conv_opt, xc[:64], yc[:64], 32)
    return {"dense1_fit": _best(dense1, repeats),
            "mlp_epoch": _best(lambda: fit(mlp, mlp_opt, xm, ym, 128), repeats),
            "conv_step": 1e3 * _best(lambda: fit(conv, conv_opt, xc, yc, 32, False), repeats) / CONV_STEPS}


# ---- raw numpy (hand-written gradients) ----
def _numpy(d, repeats):
    rng = np.random.default_rng(1)

    def dense1():
        x, y = d["x1"], d["y1"]
        w, b = rng.uniform(-1, 1, (2, 1)).astype(np.float32), np.zeros(1, np.float32)
        sw, sb = np.zeros_like(w), np.zeros_like(b)
        for _ in range(5):
            order = rng.permutation(len(x))
            for i in range(0, len(x), 16):
                idx = order[i:i + 16]
                xb, yb = x[idx], y[idx]
                out = xb @ w + b
                g = 2 * (out - yb) / out.size
                gw, gb = xb.T @ g, g.sum(0)
                sw = 0.9 * sw + 0.1 * gw * gw
                sb = 0.9 * sb + 0.1 * gb * gb
                w -= 0.1 * gw / (np.sqrt(sw) + 1e-7)
                b -= 0.1 * gb / (np.sqrt(sb) + 1e-7)
                np.mean((out > 0.5) == yb)

    params = [rng.normal(0, 0.05, (784, 128)).astype(np.float32), np.zeros(128, np.float32),
              rng.normal(0, 0.1, (128, 10)).astype(np.float32), np.zeros(10, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    step = [0]

    def mlp_epoch():
        x, y = d["xm"], d["ym"]
        order = rng.permutation(len(x))
        for i in range(0, len(x), 128):
            idx = order[i:i + 128]
            xb, yb = x[idx], y[idx]
            w1, b1, w2, b2 = params
            h = np.maximum(xb @ w1 + b1, 0)
            z = h @ w2 + b2
            p = np.exp(z - z.max(1, keepdims=True))
            p /= p.sum(1, keepdims=True)
            p[np.arange(len(yb)), yb] -= 1
            gz = p / len(yb)
            gh = (gz @ w2.T) * (h > 0)
            grads = [xb.T @ gh, gh.sum(0), h.T @ gz, gz.sum(0)]
            step[0] += 1
            lr = float(1e-3 * np.sqrt(1 - 0.999 ** step[0]) / (1 - 0.9 ** step[0]))
            for j, g in enumerate(grads):
                m[j] += (g - m[j]) * 0.1
                v[j] += (g * g - v[j]) * 0.001
                params[j] -= lr * m[j] / (np.sqrt(v[j]) + 1e-7)

    return {"dense1_fit": _best(dense1, repeats), "mlp_epoch": _best(mlp_epoch, repeats), "conv_step": None}


def run(target, repeats=3):
    d = _data()
    if target.startswith("tfcompat-"):
        os.environ["TFCOMPAT_BACKEND"] = target.split("-", 1)[1]
        import tfcompat as tf
        return _keras(tf, d, repeats)
    if target == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import tensorflow as tf
        return _keras(tf, d, repeats)
    if target == "torch":
        return _torch(d, repeats)
    if target == "numpy":
        return _numpy(d, repeats)
    raise ValueError(f"unknown target {target!r}: tfcompat-numpy, tfcompat-torch, tensorflow, torch or numpy")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = run(args.target, args.repeats)
    if args.json:
        print(json.dumps({"target": args.target, **results}))
        return
    units = {"dense1_fit": "s", "mlp_epoch": "s", "conv_step": "ms"}
    for name, value in results.items():
        print(f"{args.target:15s} {name:11s} " + ("—" if value is None else f"{value:.4g} {units[name]}"))


if __name__ == "__main__":
    main()
