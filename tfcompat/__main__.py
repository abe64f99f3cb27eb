"""`python -m tfcompat run prog.py [args] [--backend NAME]`: runs an unmodified TF program on tfcompat."""
import argparse
import os
import runpy
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tfcompat", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a TensorFlow program with `tensorflow` resolved to tfcompat")
    run.add_argument("--backend", default=None, help="numpy | torch | any registered backend")
    run.add_argument("program")
    run.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args(argv)
    if ns.backend:
        os.environ["TFCOMPAT_BACKEND"] = ns.backend
    from .aliasing import install_as_tensorflow
    install_as_tensorflow()
    sys.argv = [ns.program] + ns.args
    sys.path.insert(0, os.path.dirname(os.path.abspath(ns.program)))
    runpy.run_path(ns.program, run_name="__main__")


if __name__ == "__main__":
    main()
