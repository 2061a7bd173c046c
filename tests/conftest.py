"""Shared pytest set-up: measured figures that tests report are printed at the end of the run."""

import pytest

_FIGURES: list[str] = []


@pytest.fixture
def report(request):
    """``report("...")`` keeps a measured figure for the summary at the end of the test run.

    The figure travels on the test's report, so it reaches the summary from a pytest-xdist
    worker too (make test runs the main tests on two workers)."""
    return lambda line: request.node.user_properties.append(("measured", line))


def pytest_runtest_logreport(report):
    for key, value in getattr(report, "user_properties", ()):
        if key == "measured" and value not in _FIGURES:
            _FIGURES.append(value)


def pytest_terminal_summary(terminalreporter):
    if _FIGURES:
        terminalreporter.section("measured")
        for line in _FIGURES:
            terminalreporter.write_line(line)
