"""`python -m tfcompat.conformance --target NAME [--quick | --thorough] [--report FILE.md] [--xfails FILE]
[pytest options]`: runs the installed conformance suite against a backend or real TensorFlow."""
import sys

import pytest


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    return pytest.main(["--pyargs", "tfcompat.conformance", "-p", "no:cacheprovider", *args])


if __name__ == "__main__":
    sys.exit(main())
