"""The conformance suite's pytest plugin: target, example tier, capabilities, xfails, report.

Registered as a `pytest11` entry point, so `pytest --pyargs tfcompat.conformance --target NAME`,
`python -m tfcompat.conformance --target NAME` and a plain `pytest conformance` all see its options.

`--target NAME` (or TFCOMPAT_TARGET): a tfcompat backend (`numpy`, `torch`, any registered one, or a
`module:attribute` path) or `tensorflow` (real TF, where the suite checks itself). Default:
TFCOMPAT_BACKEND, else numpy. Tests take the `tf` fixture, the module under test, and never import
tensorflow or tfcompat themselves. `@pytest.mark.requires("float64")` skips a test, visibly, on a
backend whose capability flags lack it. `--xfails FILE` marks the tests a backend knows it fails.
"""
import fnmatch
import os

import pytest

from .report import Report

#: capabilities every target has (strings live on tfcompat's numpy host backend)
ALWAYS = frozenset({"string"})


def pytest_addoption(parser):
    group = parser.getgroup("tfcompat conformance")
    group.addoption("--target", default=None,
                    help="numpy | torch | <registered backend> | module:attribute | tensorflow")
    tier = group.addmutuallyexclusivegroup() if hasattr(group, "addmutuallyexclusivegroup") else group
    tier.addoption("--quick", action="store_true", help="small hypothesis budgets (CI)")
    tier.addoption("--thorough", action="store_true", help="large hypothesis budgets")
    group.addoption("--report", default=None, metavar="FILE.md",
                    help="write the area x outcome table and behaviour statuses (and FILE.json)")
    group.addoption("--xfails", default=None, metavar="FILE",
                    help="a backend's known failures: one test id glob per line, '#' comments")


def _target(config):
    return (config.getoption("--target", default=None) or os.environ.get("TFCOMPAT_TARGET")
            or os.environ.get("TFCOMPAT_BACKEND") or "numpy")


def pytest_configure(config):
    # pytest loads this plugin (and so tfcompat) inside a warnings context it later undoes
    from tfcompat.framework import ignore_float_warnings
    ignore_float_warnings()
    config.addinivalue_line("markers", "behaviour(*ids): the catalogue behaviour IDs a test pins")
    config.addinivalue_line("markers", "requires(*capabilities): backend capability flags the test needs")
    target = _target(config)
    config._tfcompat_target = target
    if config.getoption("--quick", default=False):
        os.environ["TFCOMPAT_CONFORMANCE_TIER"] = "quick"
    elif config.getoption("--thorough", default=False):
        os.environ["TFCOMPAT_CONFORMANCE_TIER"] = "thorough"
    report = config.getoption("--report", default=None)
    if report:
        config.pluginmanager.register(Report(report, target), "tfcompat-conformance-report")


def _capabilities(config):
    """The target's capability flags (None: real TF, which has all); chooses the tfcompat backend."""
    if not hasattr(config, "_tfcompat_capabilities"):
        if config._tfcompat_target == "tensorflow":
            config._tfcompat_capabilities = None
        else:
            import tfcompat
            tfcompat.set_backend(config._tfcompat_target)
            config._tfcompat_capabilities = frozenset(tfcompat.get_backend().capabilities) | ALWAYS
    return config._tfcompat_capabilities


def pytest_report_header(config):
    if not _is_conformance_run(config):
        return None
    caps = _capabilities(config)
    return (f"conformance target: {config._tfcompat_target} (capabilities: "
            f"{'all' if caps is None else ', '.join(sorted(caps))}; tier: "
            f"{os.environ.get('TFCOMPAT_CONFORMANCE_TIER', 'default')})")


def _xfail_entries(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            pattern, _, reason = line.partition("#")
            if pattern.strip():
                entries.append((pattern.strip(), reason.strip() or "listed in " + os.path.basename(path)))
    return entries


def _is_conformance_run(config):
    """True when the session may collect the conformance suite (its options are otherwise inert)."""
    return any("conformance" in str(a) for a in config.args) or config.getoption("--target") is not None


def pytest_collection_modifyitems(config, items):
    for item in items:
        for m in item.iter_markers("requires"):
            caps = _capabilities(config)
            missing = [c for c in m.args if caps is not None and c not in caps]
            if missing:
                item.add_marker(pytest.mark.skip(
                    reason=f"backend '{config._tfcompat_target}' lacks capability {', '.join(missing)}"))
    path = config.getoption("--xfails", default=None)
    if path:
        entries = _xfail_entries(path)
        used = set()
        for item in items:
            for pattern, reason in entries:
                if fnmatch.fnmatchcase(item.nodeid, pattern) or fnmatch.fnmatchcase(item.nodeid, "*" + pattern):
                    item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
                    used.add(pattern)
        config._tfcompat_unused_xfails = [p for p, _ in entries if p not in used]


def pytest_terminal_summary(terminalreporter, config):
    for pattern in getattr(config, "_tfcompat_unused_xfails", []):
        terminalreporter.write_line(f"xfails entry matches no test: {pattern}", yellow=True)


@pytest.fixture(scope="session")
def target(pytestconfig):
    """The target's name ('numpy', 'torch', 'tensorflow', ...)."""
    return pytestconfig._tfcompat_target


@pytest.fixture(scope="session")
def capabilities(pytestconfig):
    """The target's capability flags (None for real TF, which has them all): for `strategies.dtypes`."""
    return _capabilities(pytestconfig)


@pytest.fixture(scope="session")
def tf(target, pytestconfig):
    """The module under test: real tensorflow, or tfcompat on the chosen backend."""
    _capabilities(pytestconfig)
    if target == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow
        return tensorflow
    import tfcompat
    return tfcompat
