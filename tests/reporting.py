"""What the multi-process suites add to pytest's report: kept logs and recorded lines."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest


def slug(text: str) -> str:
    """A file name from a test id."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:120]


def session_artifacts(suite: str) -> Path:
    """test-artifacts/SUITE/<time>-<pid>/ (or under $SINET_TEST_ARTIFACTS), kept after the run."""
    base = os.environ.get("SINET_TEST_ARTIFACTS")
    root = Path(base) if base else Path(__file__).resolve().parents[1] / "test-artifacts"
    session = root / suite / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    session.mkdir(parents=True, exist_ok=True)
    return session


def recorded(terminalreporter: pytest.TerminalReporter, name: str) -> list[tuple[str, object]]:
    """(test name, value) for each ``record_property(name, value)`` of the session's tests."""
    return [
        (report.nodeid.rsplit("::", 1)[-1], value)
        for reports in terminalreporter.stats.values()
        for report in reports
        if isinstance(report, pytest.TestReport) and report.when == "call"
        for key, value in report.user_properties
        if key == name
    ]


def write_section(terminalreporter: pytest.TerminalReporter, title: str, lines: list[str]) -> None:
    if lines:
        terminalreporter.section(title)
        for line in lines:
            terminalreporter.write_line(line)
