"""`python -m benchmarks.report`: runs every benchmark on every available target and writes BENCHMARKS.md
(one table per workload: medians, ratios to real TF and to the raw backend; the machine) and PNG charts of
the ratios in benchmarks/charts/.

    python -m benchmarks.report                                   # everything (several minutes)
    python -m benchmarks.report --workloads power_eager,conv_step --rounds 2 --output /tmp/B.md
    python -m benchmarks.report --keras-rounds 0 --import-repeats 0   # eager workloads only

Each target runs in its own processes. The op workloads: every round starts one worker per target
(`benchmarks._runner --serve`) and asks the targets in turn for one repeat at a time, so a noisy spell on a
shared machine lands on all targets alike; the median is over every repeat of every round. The Keras
workloads (`benchmarks.keras_targets`, one process per target and round, rounds interleaved) take the median
over rounds of each round's best of --keras-repeats.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

from .compare import ROOT, _default_python, _env, _fmt_us, _probe, _run, _table
from .keras_targets import KERAS_DESCRIPTIONS, KERAS_RAW_OF, KERAS_TARGETS, KERAS_WORKLOADS
from .workloads import ALL_TARGETS, DESCRIPTIONS, MAX_REPEATS, RAW_OF, SUITES, WORKLOADS

TF_PYTHON = "/work/tfref/bin/python"
SECTIONS = {"op_latency": "Eager op latency", "training": "Variables, tapes, second order",
            "function": "tf.function: issue 6's power(x, 100)", "data": "tf.data pipeline",
            "sparse_ragged": "Sparse and ragged"}


class Worker:
    """A `benchmarks._runner --serve` process for one target: the report asks every target in turn for one
    repeat of a workload, so that whatever else the machine is doing at that moment hits all targets alike."""

    def __init__(self, proc, log, workloads):
        self.proc, self.log, self.workloads = proc, log, workloads

    @classmethod
    def start(cls, python, target, workloads, repeat_ms, threads):
        """(the calibrated Worker, "") or (None, why it failed)."""
        log = tempfile.TemporaryFile("w+")
        proc = subprocess.Popen([python, "-m", "benchmarks._runner", "--serve", target, "--repeat-ms",
                                 str(repeat_ms), "--workloads", ",".join(workloads)], cwd=ROOT,
                                env=_env(target, threads), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=log, text=True)
        worker = cls(proc, log, [])
        ready, err = worker._answer()
        if ready is None:
            return None, err
        worker.workloads = ready["ready"]
        return worker, ""

    def _answer(self):
        for line in self.proc.stdout:
            if line.startswith(("{", "[")) or line[:1].isdigit():
                return json.loads(line), ""
        self.close()
        self.log.seek(0)
        return None, (self.log.read().strip().splitlines() or ["worker exited"])[-1]

    def time(self, workload):
        """(per-call seconds of one repeat, "") or (None, why)."""
        try:
            self.proc.stdin.write(workload + "\n")
            self.proc.stdin.flush()
        except OSError as e:
            return None, f"{type(e).__name__}: {e}"
        return self._answer()

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait()


class Progress:
    """A one-line progress bar on stderr: [#####.....] done/total elapsed what."""

    def __init__(self, total):
        self.total, self.done, self.t0 = max(total, 1), 0, time.perf_counter()

    def step(self, what):
        width = 30
        fill = width * self.done // self.total
        sys.stderr.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} "
                         f"{time.perf_counter() - self.t0:4.0f}s {what[:50]:50s}")
        sys.stderr.flush()
        self.done += 1

    def close(self):
        self.step("done")
        sys.stderr.write("\n")


def _cmd_output(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine(python, tf_python):
    """Lines describing the machine and the library versions."""
    cpu = next((ln.split(":", 1)[1].strip() for ln in _cmd_output(["lscpu"]).splitlines()
                if ln.startswith("Model name")), platform.processor() or "unknown CPU")
    versions = _cmd_output([python, "-c", "import sys, numpy, tfcompat; v = sys.version.split()[0]\n"
                            "try:\n import torch; t = torch.__version__\nexcept ImportError: t = 'none'\n"
                            "print(f'python {v}, numpy {numpy.__version__}, torch {t}, tfcompat {tfcompat.__version__}')"])
    lines = [f"- CPU: {cpu}, {os.cpu_count()} logical cores (shared with other work while it ran: the ratios "
             f"matter more than the absolute times); {platform.system()} {platform.release()}",
             f"- tfcompat, raw numpy, raw torch: {versions} (`{python}`)"]
    if tf_python:
        tf_versions = _cmd_output([tf_python, "-c", "import os; os.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'\n"
                                   "import importlib.metadata as m\n"
                                   "print(', '.join(f'{d} {m.version(d)}' for d in ('tensorflow', 'keras', 'torch')))"])
        lines.append(f"- real TF / Keras 3 on torch: {tf_versions} (`{tf_python}`)")
    return lines


def _targets(python, tf_python, names, keras=False):
    """{target: interpreter} of the targets that can run here, and {target: why not} for the others."""
    have_torch, run, skipped = _probe(python, "torch"), {}, {}
    for t in names:
        if t in ("tensorflow", "keras-torch"):
            if not tf_python:
                skipped[t] = "no TF interpreter (--tf-python)"
            elif t == "keras-torch" and not (_probe(tf_python, "keras") and _probe(tf_python, "torch")):
                skipped[t] = "keras 3 with torch not importable"
            else:
                run[t] = tf_python
        elif t in ("torch", "tfcompat-torch") and not have_torch:
            skipped[t] = "torch not importable"
        else:
            run[t] = python
    return run, skipped


def _ratio_chart(path, title, rows, ref_name):
    """A horizontal bar chart of {label: ratio} (log scale, 1 marked): lower is faster."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    labels = list(rows)
    fig, ax = plt.subplots(figsize=(7.5, 0.35 * len(labels) + 1.2))
    ratios = [rows[k] for k in labels]
    ax.barh(labels, ratios, color=["#2a7" if r <= 1 else "#c54" for r in ratios])
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xscale("log")
    ax.invert_yaxis()
    ax.set_xlabel(f"time / {ref_name} time (log scale; < 1: faster than {ref_name})")
    ax.set_title(title, fontsize=10)
    ax.tick_params(axis="y", labelsize=8)
    for i, r in enumerate(ratios):
        ax.text(r, i, f" {r:.2f}×", va="center", fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _charts(chart_dir, medians):
    """One chart per tfcompat target and reference: each workload's ratio. Returns the written paths."""
    os.makedirs(chart_dir, exist_ok=True)
    written = []
    for target in ("tfcompat-numpy", "tfcompat-torch"):
        for ref, ref_name in (("tensorflow", "real TF"), ("raw", "the raw backend")):
            rows = {}
            for w, vals in medians.items():
                mine = vals.get(target)
                base = vals.get(RAW_OF[target] if ref == "raw" else ref)
                if mine and base:
                    rows[w] = mine / base
            if rows:
                path = os.path.join(chart_dir, f"{target}_vs_{ref}.png")
                _ratio_chart(path, f"{target} vs {ref_name}", rows, ref_name)
                written.append(path)
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m benchmarks.report", description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default=_default_python(), help="interpreter with tfcompat, numpy and torch")
    ap.add_argument("--tf-python", default=os.environ.get("TFCOMPAT_TF_PYTHON") or (
        TF_PYTHON if os.path.exists(TF_PYTHON) else None), help="interpreter with tensorflow and keras")
    all_workloads = WORKLOADS + KERAS_WORKLOADS + ("import",)
    ap.add_argument("--workloads", default=",".join(all_workloads), help="comma-separated subset of "
                    + ",".join(all_workloads))
    ap.add_argument("--rounds", type=int, default=5, help="processes per target for the op workloads (default 5)")
    ap.add_argument("--repeats", type=int, default=15, help="timed repeats per op workload per process")
    ap.add_argument("--repeat-ms", type=float, default=15.0, help="minimum duration of one repeat")
    ap.add_argument("--keras-rounds", type=int, default=3, help="processes per target for the Keras workloads")
    ap.add_argument("--keras-repeats", type=int, default=2, help="runs per Keras workload per process (best kept)")
    ap.add_argument("--import-repeats", type=int, default=7, help="fresh interpreters per import measurement")
    ap.add_argument("--threads", type=int, default=1, help="thread pools of every library in every target "
                    "(default 1: the same resources for all, and stable timings on a shared machine; 0: defaults)")
    ap.add_argument("--output", default=os.path.join(ROOT, "BENCHMARKS.md"))
    ap.add_argument("--charts", default=os.path.join(ROOT, "benchmarks", "charts"))
    a = ap.parse_args(argv)

    chosen = [w for w in a.workloads.split(",") if w]
    unknown = sorted(set(chosen) - set(all_workloads))
    if unknown:
        ap.error(f"unknown workload(s) {', '.join(unknown)}")
    op_w = [w for w in WORKLOADS if w in chosen]
    keras_w = [w for w in KERAS_WORKLOADS if w in chosen] if a.keras_rounds else []
    imports = a.import_repeats if "import" in chosen else 0
    op_run, op_skip = _targets(a.python, a.tf_python, ALL_TARGETS)
    k_run, k_skip = _targets(a.python, a.tf_python, KERAS_TARGETS) if keras_w else ({}, {})
    steps = a.rounds * (len(op_run) + len(op_w)) * bool(op_w) + a.keras_rounds * len(k_run) + imports * len(op_run)
    bar = Progress(steps)
    t0 = time.perf_counter()

    samples = {t: {w: [] for w in op_w} for t in op_run}
    errors = {}
    for r in range(a.rounds if op_w else 0):
        workers = {}
        for t, py in op_run.items():
            bar.step(f"round {r + 1}/{a.rounds}: start {t}")
            if t not in errors:
                worker, err = Worker.start(py, t, op_w, a.repeat_ms, a.threads)
                if worker is None:
                    errors[t] = err
                else:
                    workers[t] = worker
        for w in op_w:
            bar.step(f"round {r + 1}/{a.rounds}: {w}")
            live = [t for t, wk in workers.items() if w in wk.workloads]
            for i in range(min(a.repeats, MAX_REPEATS.get(w, a.repeats))):
                for t in live[i % len(live):] + live[:i % len(live)]:   # each repeat starts elsewhere
                    if t in workers:
                        value, err = workers[t].time(w)
                        if value is None:
                            errors[t] = err
                            workers.pop(t).close()
                        else:
                            samples[t][w].append(value)
        for wk in workers.values():
            wk.close()
    k_samples = {t: {w: [] for w in keras_w} for t in k_run}
    k_errors = {}
    for r in range(a.keras_rounds if keras_w else 0):
        for t, py in k_run.items():
            bar.step(f"keras round {r + 1}/{a.keras_rounds}: {t}")
            if t in k_errors:
                continue
            res, err = _run(py, t, [t, "--repeats", str(a.keras_repeats)], timeout=1800,
                            module="benchmarks.keras_targets", threads=a.threads)
            if res is None:
                k_errors[t] = err
                continue
            for w in keras_w:
                if res["workloads"].get(w) is not None:
                    k_samples[t][w].append(res["workloads"][w])
    imp = {t: {"import_s": [], "import_first_op_s": []} for t in op_run}
    for i in range(imports):
        for t, py in op_run.items():
            bar.step(f"import {i + 1}/{imports}: {t}")
            res, err = _run(py, t, ["--import-time", t], threads=a.threads)
            if res is not None:
                for k in imp[t]:
                    imp[t][k].append(res[k])
    bar.close()
    elapsed = time.perf_counter() - t0

    not_run = dict(op_skip, **errors)
    medians = {}
    out = ["# tfcompat benchmarks", "",
           f"Written by `python -m benchmarks.report` on {datetime.date.today().isoformat()} "
           f"({elapsed / 60:.0f} min). Lower is faster; a ratio is this target's median ÷ the reference's median: "
           "**vs TF** against real TensorFlow 2.21 (eager, or its tf.function / Keras where the workload says so), "
           "**vs raw** against the same work written by hand in the array library under the target (numpy for "
           "tfcompat-numpy, torch for tfcompat-torch and Keras-on-torch): the floor.", "",
           "## Machine", ""] + machine(a.python, a.tf_python) + [
           f"- thread pools: {a.threads or 'each library default'} per target process (OMP/MKL/OpenBLAS/TF "
           f"intra- and inter-op); op workloads: {a.rounds} process(es) per target × {a.repeats} repeats (each ≥ {a.repeat_ms:g} ms; "
           f"fewer for the slow ones) taken target after target, pooled; Keras: median over {a.keras_rounds} process(es) of the best of "
           f"{a.keras_repeats}; import: median of {imports} fresh interpreters", ""]
    charts_at = len(out)
    for suite, names in SUITES.items():
        names = [w for w in names if w in op_w]
        if not names:
            continue
        out += [f"## {SECTIONS[suite]}", ""]
        for w in names:
            vals = {t: {"med": statistics.median(s[w]), "min": min(s[w])} for t, s in samples.items()
                    if t not in errors and s[w]}
            medians[w] = {t: v["med"] for t, v in vals.items()}
            rows = [(t, vals.get(t), not_run.get(t, "" if t in vals else "no such workload")) for t in ALL_TARGETS]
            out.append(_table(f"{w}: {DESCRIPTIONS[w]}", rows, _fmt_us, vals.get("tensorflow", {}), vals,
                              [("med", "median µs"), ("min", "min µs")], n_ratio=1))
    if keras_w:
        out += ["## Keras fits", "",
                "tfcompat's Keras, TF 2.21's Keras (`tensorflow`), real Keras 3.15 on its torch backend "
                "(`keras-torch`, the same model code), and hand-written torch / numpy loops (the floor; raw numpy "
                "has no conv step).", ""]
        k_not_run = dict(k_skip, **k_errors)
        for w in keras_w:
            scale = 1e-3 if w == "conv_step" else 1.0     # conv_step comes in ms
            vals = {t: {"med": statistics.median(s[w]) * scale} for t, s in k_samples.items() if s[w]}
            medians[w] = {t: v["med"] for t, v in vals.items()}
            rows = [(t, vals.get(t), k_not_run.get(t, "" if t in vals else "no such workload"))
                    for t in KERAS_TARGETS]
            fmt = (lambda s: f"{s * 1e3:.2f}") if w == "conv_step" else (lambda s: f"{s:.3f}")
            unit = "median ms" if w == "conv_step" else "median s"
            out.append(_table(f"{w}: {KERAS_DESCRIPTIONS[w]}", rows, fmt, vals.get("tensorflow", {}), vals,
                              [("med", unit)], raw_of=KERAS_RAW_OF))
    if imports:
        vals = {t: {k: statistics.median(v) for k, v in d.items()} for t, d in imp.items() if d["import_s"]}
        # charted with its first op: `import tfcompat` alone does not import torch yet
        medians["import+first op"] = {t: v["import_first_op_s"] for t, v in vals.items()}
        rows = [(t, vals.get(t), not_run.get(t, "")) for t in ALL_TARGETS]
        out += ["## Import time", "", _table(f"import: {DESCRIPTIONS['import']} (ms)", rows,
                                             lambda s: f"{s * 1e3:.0f}", vals.get("tensorflow", {}), vals,
                                             [("import_s", "import ms"),
                                              ("import_first_op_s", "import+first op ms")])]
    charts = _charts(a.charts, medians)
    rel = [os.path.relpath(p, os.path.dirname(os.path.abspath(a.output))) for p in charts]
    out[charts_at:charts_at] = ["## Charts", "", "Each workload's ratio (log scale; green: faster than the "
                                "reference, red: slower).", ""] + [f"![{os.path.basename(p)[:-4]}]({p})" for p in rel] + [""]
    with open(a.output, "w", encoding="utf-8") as f:
        f.write("\n".join(out).rstrip() + "\n")
    print(f"wrote {a.output} and {len(charts)} chart(s) in {a.charts} ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
