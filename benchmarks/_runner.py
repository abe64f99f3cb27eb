"""Child process of `python -m benchmarks.compare`: times one target's workloads, prints one JSON line.

    python -m benchmarks._runner --target tfcompat-numpy      # (TFCOMPAT_BACKEND is set from the target)
    python -m benchmarks._runner --import-time tensorflow     # one fresh-interpreter import measurement
    python -m benchmarks._runner --serve numpy                # worker: one repeat per workload name on stdin

Timing: each workload is warmed up, then calibrated so that one repeat (a timeit loop of n calls,
garbage collection off) takes >= --repeat-ms; the result is a list of per-call seconds, one per repeat.
"""
import argparse
import json
import sys
import time
import timeit


def calibrated(target, repeat_ms, names=None, warmup_ms=30.0):
    """{workload: (timeit.Timer, n)} for the workloads `names` (default all) that `target` has: each warmed
    up, n calls making a repeat of >= repeat_ms."""
    from . import workloads
    fns = workloads.make(target, names)
    # e.g. raw numpy has no autodiff workload
    fns = {w: fns[w] for w in (names or workloads.WORKLOADS) if w in fns}
    workloads.check(fns)
    out = {}
    for name, fn in fns.items():
        timer = timeit.Timer(fn)
        end = time.perf_counter() + warmup_ms / 1e3
        while time.perf_counter() < end:
            fn()
        n = 1
        while True:                       # calibrate: a repeat of n calls takes >= repeat_ms
            t = timer.timeit(n)
            if t >= repeat_ms / 1e3:
                break
            n = max(n * 2, int(n * (repeat_ms / 1e3) / max(t, 1e-9) * 1.1))
        out[name] = (timer, n)
    return out


def time_workloads(target, repeats, repeat_ms, names=None):
    """{workload: timings} for the workloads `names` (default all) that `target` has."""
    from .workloads import MAX_REPEATS
    out = {}
    for name, (timer, n) in calibrated(target, repeat_ms, names).items():
        r = min(repeats, MAX_REPEATS.get(name, repeats))
        out[name] = {"number": n, "per_call_s": [s / n for s in timer.repeat(r, n)]}
    return out


def serve(target, repeat_ms, names=None):
    """Worker mode: calibrates, prints {"ready": [workloads]}, then answers each workload name read from
    stdin with one repeat's per-call seconds, so that a caller can interleave targets repeat by repeat."""
    timers = calibrated(target, repeat_ms, names)
    print(json.dumps({"ready": list(timers)}), flush=True)
    for line in sys.stdin:
        timer, n = timers[line.strip()]
        print(json.dumps(timer.timeit(n) / n), flush=True)


def import_time(target):
    """Seconds for `import X` and for `import X` + a first tiny op, in this (fresh) interpreter."""
    from .workloads import IMPORT_STMT
    imp, first = IMPORT_STMT[target]
    if "tensorflow" in imp:
        import os
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    g = {}
    t0 = time.perf_counter()
    exec(imp, g)
    t1 = time.perf_counter()
    exec(first, g)
    t2 = time.perf_counter()
    return {"import_s": t1 - t0, "import_first_op_s": t2 - t0}


def main(argv=None):
    p = argparse.ArgumentParser()
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--target")
    g.add_argument("--import-time", metavar="TARGET")
    g.add_argument("--serve", metavar="TARGET", help="worker mode (see serve())")
    p.add_argument("--repeats", type=int, default=15)
    p.add_argument("--repeat-ms", type=float, default=15.0)
    p.add_argument("--workloads", help="comma-separated subset of the workloads (default: all)")
    a = p.parse_args(argv)
    if a.serve:
        return serve(a.serve, a.repeat_ms, a.workloads.split(",") if a.workloads else None)
    if a.import_time:
        # must run before anything imports the measured modules; benchmarks/__init__ imports nothing
        res = import_time(a.import_time)
    else:
        res = {"target": a.target, "python": sys.executable, "workloads": time_workloads(
            a.target, a.repeats, a.repeat_ms, a.workloads.split(",") if a.workloads else None)}
    sys.stdout.write("\n" + json.dumps(res) + "\n")


if __name__ == "__main__":
    main()
