"""Imports tfcompat at configure time, outside pytest's per-collection warning isolation.

tfcompat installs its "no floating-point RuntimeWarnings from tfcompat frames" filter on first import;
an import during collection would run inside pytest's `catch_warnings` and the filter would be undone.
"""


def pytest_configure(config):
    import tfcompat  # noqa: F401
