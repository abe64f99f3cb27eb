"""`python -m tfcompat run prog.py [args] [--backend NAME] [--keras]`: runs an unmodified TF program on tfcompat.
`python -m tfcompat doctor`: versions, backend, devices, what is available, and a short self-test.
`python -m tfcompat bench [options]`: `python -m benchmarks.report` (from a source checkout) writes BENCHMARKS.md."""
import argparse
import os
import runpy
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tfcompat", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a TensorFlow program with `tensorflow` resolved to tfcompat")
    run.add_argument("--backend", default=None, help="numpy | torch | any registered backend")
    run.add_argument("--keras", action="store_true", help="also resolve `import keras` to tfcompat.keras")
    run.add_argument("program")
    run.add_argument("args", nargs=argparse.REMAINDER)
    doctor = sub.add_parser("doctor", help="print versions, backend, devices and run a self-test")
    doctor.add_argument("--backend", default=None, help="the backend to check (default: TFCOMPAT_BACKEND)")
    sub.add_parser("bench", add_help=False, help="run the benchmarks and write BENCHMARKS.md: the options of "
                   "python -m benchmarks.report")
    ns, extra = parser.parse_known_args(argv)
    if ns.command == "bench":
        return _bench(extra)
    if extra:
        parser.error("unrecognized arguments: " + " ".join(extra))
    if ns.backend:
        os.environ["TFCOMPAT_BACKEND"] = ns.backend
    if ns.command == "doctor":
        from .doctor import main as doctor_main
        return doctor_main()
    from .aliasing import install_as_tensorflow
    install_as_tensorflow(keras=ns.keras)
    sys.argv = [ns.program] + ns.args
    sys.path.insert(0, os.path.dirname(os.path.abspath(ns.program)))
    runpy.run_path(ns.program, run_name="__main__")
    return 0


def _bench(options):
    """The benchmarks live in the source checkout (benchmarks/ beside tfcompat/), not in the installed package."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.exists(os.path.join(root, "benchmarks", "report.py")):
        sys.exit("python -m tfcompat bench: the benchmarks are in a source checkout of tfcompat (benchmarks/report.py)")
    sys.path.insert(0, root)
    from benchmarks.report import main as report
    return report(options)


if __name__ == "__main__":
    sys.exit(main())
