"""Shared pytest set-up: measured figures that tests report are printed at the end of the run."""

import pytest

_FIGURES: list[str] = []


@pytest.fixture
def report():
    """``report("...")`` keeps a measured figure for the summary at the end of the test run."""
    return _FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if _FIGURES:
        terminalreporter.section("measured")
        for line in _FIGURES:
            terminalreporter.write_line(line)
