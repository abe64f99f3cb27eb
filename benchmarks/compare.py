"""Runs every benchmark target in its own subprocess and prints one markdown table per workload.

    python -m benchmarks.compare [--tf-python PATH] [--python PATH] [--rounds 2] [--import-repeats 5]
    python -m benchmarks.compare --workloads train_step,second_derivative --import-repeats 0

Targets: tfcompat-numpy and tfcompat-torch (tfcompat picks one backend per process, so each gets its
own process), raw numpy and raw torch (same workloads written directly in the array library) -- all
with --python (default: /work/main/.venv's interpreter when this checkout has one, else this one) --
and real TensorFlow eager with --tf-python (default: env TFCOMPAT_TF_PYTHON; the TF column is left
out when neither is given and --python cannot import tensorflow).

Each target process is run --rounds times, rounds interleaved across targets, and all repeats are
pooled, so a noisy spell on a shared machine does not land on a single target. Reported: the median
per-call time in microseconds; "vs TF" = median / TF's median, "vs raw" = median / the median of the
raw library under that target (numpy for tfcompat-numpy, torch for tfcompat-torch); lower is faster.
Import time is measured in fresh interpreters (--import-repeats each, median), inside the process,
so interpreter start-up is not counted.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from .workloads import ALL_TARGETS, DESCRIPTIONS, RAW_OF, WORKLOADS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _default_python():
    venv = os.path.join(ROOT, ".venv", "bin", "python")
    return venv if os.path.exists(venv) else sys.executable


THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TF_NUM_INTRAOP_THREADS",
               "TF_NUM_INTEROP_THREADS")


def _env(target, threads=0):
    """The target process's environment; `threads` > 0 caps every library's thread pools (on a small shared
    machine, spinning OpenMP/BLAS pools turn a 0.5 ms call into 8 ms whenever another process holds a core)."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONDONTWRITEBYTECODE="1")
    if threads:
        env.update({v: str(threads) for v in THREAD_VARS})
    if target.startswith("tfcompat-"):
        env["TFCOMPAT_BACKEND"] = target[len("tfcompat-"):]
    else:
        env.pop("TFCOMPAT_BACKEND", None)
    return env


def _run(python, target, args, timeout=300, module="benchmarks._runner", threads=0):
    """Runs `python -m MODULE ARGS` for `target`; returns (its last JSON line or None, error text)."""
    cmd = [python, "-m", module, *args]
    try:
        p = subprocess.run(cmd, cwd=ROOT, env=_env(target, threads), capture_output=True, text=True,
                           timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"{type(e).__name__}: {e}"
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        err = (p.stderr.strip().splitlines() or ["exit status %d" % p.returncode])[-1]
        return None, err
    return json.loads(lines[-1]), ""


def _probe(python, module):
    try:
        return subprocess.run([python, "-c", f"import importlib.util as u; exit(u.find_spec({module!r}) is None)"],
                              capture_output=True, timeout=120).returncode == 0
    except OSError:
        return False


def _fmt_us(s):
    us = s * 1e6
    return f"{us:.2f}" if us < 100 else f"{us:.0f}"


def _fmt_ratio(a, b):
    return "—" if a is None or b is None else f"{a / b:.2f}×"


_LABEL = {"numpy": "numpy (raw)", "torch": "torch (raw)", "tensorflow": "tensorflow (real TF 2.21)",
          "keras-torch": "keras-torch (Keras 3.15 on torch)"}


def _table(title, rows, unit_fmt, ref_tf, ref_raw, value_cols, n_ratio=None, raw_of=RAW_OF):
    """rows: [(target, {col: value} or None, note)]; a "vs TF" and a "vs raw" ratio (raw: `raw_of[target]`)
    for each of the first `n_ratio` value columns (default: all)."""
    ratio_cols = value_cols[:n_ratio or len(value_cols)]
    many = len(ratio_cols) > 1
    short = [f" ({h[:-3] if h.endswith(' ms') else h})" if many else "" for _, h in ratio_cols]
    ratio_heads = [f"vs TF{s}" for s in short] + [f"vs raw{s}" for s in short]
    out = [f"### {title}", "",
           "| target | " + " | ".join(h for _, h in value_cols) + " | " + " | ".join(ratio_heads) + " |",
           "|---|" + "---:|" * (len(value_cols) + len(ratio_heads))]
    for target, vals, note in rows:
        label = _LABEL.get(target, target)
        if vals is None:
            out.append(f"| {label} | " + " | ".join("n/a" for _ in range(len(value_cols) + len(ratio_heads)))
                       + " |" + (f" not run: {note}" if note else ""))
            continue
        raw_name = raw_of.get(target)
        cells = [unit_fmt(vals[c]) for c, _ in value_cols]
        cells += [_fmt_ratio(vals[c], ref_tf.get(c)) for c, _ in ratio_cols]
        for c, _ in ratio_cols:
            raw = ref_raw.get(raw_name, {}).get(c) if raw_name else None
            cells.append(f"{_fmt_ratio(vals[c], raw)} ({raw_name})" if raw is not None else "—")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m benchmarks.compare", description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default=_default_python(), help="interpreter with tfcompat, numpy (and torch)")
    ap.add_argument("--tf-python", default=os.environ.get("TFCOMPAT_TF_PYTHON"),
                    help="interpreter with tensorflow (default: env TFCOMPAT_TF_PYTHON)")
    ap.add_argument("--targets", default=",".join(ALL_TARGETS), help="comma-separated subset of " + ",".join(ALL_TARGETS))
    ap.add_argument("--workloads", default=",".join(WORKLOADS), help="comma-separated subset of " + ",".join(WORKLOADS))
    ap.add_argument("--rounds", type=int, default=2, help="processes per target, interleaved (default 2)")
    ap.add_argument("--repeats", type=int, default=15, help="timed repeats per workload per process")
    ap.add_argument("--repeat-ms", type=float, default=15.0, help="minimum duration of one repeat")
    ap.add_argument("--import-repeats", type=int, default=5,
                    help="fresh interpreters per import measurement (0: no import table)")
    ap.add_argument("--threads", type=int, default=1, help="thread pools of every library (0: their defaults)")
    ap.add_argument("--json", metavar="PATH", help="also write all raw samples here")
    a = ap.parse_args(argv)

    t_start = time.perf_counter()
    targets = [t for t in a.targets.split(",") if t]
    workloads = [w for w in a.workloads.split(",") if w]
    unknown = sorted(set(workloads) - set(WORKLOADS))
    if unknown:
        ap.error(f"unknown workload(s) {', '.join(unknown)}; expected some of {','.join(WORKLOADS)}")
    python_of, skipped = {}, {}
    have_torch = _probe(a.python, "torch")
    tf_python = a.tf_python or (a.python if _probe(a.python, "tensorflow") else None)
    for t in targets:
        if t == "tensorflow":
            if tf_python:
                python_of[t] = tf_python
            else:
                skipped[t] = "no TF interpreter: pass --tf-python or set TFCOMPAT_TF_PYTHON"
        elif t in ("torch", "tfcompat-torch") and not have_torch:
            skipped[t] = f"torch not importable by {a.python}"
        else:
            python_of[t] = a.python

    samples = {t: {w: [] for w in workloads} for t in python_of}
    imports = {t: {"import_s": [], "import_first_op_s": []} for t in python_of}
    errors = {}
    for r in range(a.rounds):
        for t, py in python_of.items():
            if t in errors:
                continue
            print(f"[round {r + 1}/{a.rounds}] {t} ...", file=sys.stderr, flush=True)
            res, err = _run(py, t, ["--target", t, "--repeats", str(a.repeats), "--repeat-ms", str(a.repeat_ms),
                                    "--workloads", ",".join(workloads)], threads=a.threads)
            if res is None:
                errors[t] = err
                continue
            for w, r_w in res["workloads"].items():
                samples[t][w] += r_w["per_call_s"]
    for i in range(a.import_repeats):
        for t, py in python_of.items():
            if t in errors:
                continue
            print(f"[import {i + 1}/{a.import_repeats}] {t} ...", file=sys.stderr, flush=True)
            res, err = _run(py, t, ["--import-time", t], threads=a.threads)
            if res is None:
                errors[t] = err
                continue
            for k in imports[t]:
                imports[t][k].append(res[k])
    elapsed = time.perf_counter() - t_start

    med = {t: {w: statistics.median(s) for w, s in samples[t].items() if s} for t in python_of if t not in errors}
    imp = {t: {k: statistics.median(v) for k, v in imports[t].items() if v} for t in python_of if t not in errors}
    not_run = dict(skipped, **errors)

    print(f"## tfcompat eager op latency (median per call, µs; lower is faster)\n")
    print(f"- tfcompat / raw numpy / raw torch: `{a.python}`; real TF: `{python_of.get('tensorflow', 'n/a')}`")
    print(f"- thread pools: {a.threads or 'library defaults'}; {a.rounds} process(es) per target × {a.repeats} repeats (each >= {a.repeat_ms:g} ms), "
          f"pooled; ratios are median ÷ reference median (min µs shows the noise floor); whole run {elapsed:.0f} s\n")
    for w in workloads:
        vals = {t: {"med": med[t][w], "min": min(samples[t][w])} for t in med if w in med[t]}
        rows = [(t, vals.get(t), not_run.get(t, "" if t not in med else "no such workload")) for t in targets]
        print(_table(f"{w}: {DESCRIPTIONS[w]}", rows, _fmt_us, vals.get("tensorflow", {}), vals,
                     [("med", "median µs"), ("min", "min µs")], n_ratio=1))
    rows = [(t, imp.get(t), not_run.get(t, "")) for t in targets]
    if a.import_repeats:
        print(_table(f"import: {DESCRIPTIONS['import']} (median of {a.import_repeats}, ms)", rows,
                     lambda s: f"{s * 1e3:.0f}", imp.get("tensorflow", {}), imp,
                     [("import_s", "import ms"), ("import_first_op_s", "import+first op ms")]))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"samples": samples, "imports": imports, "errors": not_run, "elapsed_s": elapsed}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
