"""Fixtures for the multi-node tests: node fleets whose logs are kept, and measured figures.

Logs go to test-artifacts/multinode/<session>/<test>/ (or $SINET_TEST_ARTIFACTS) and
stay there after the run; a failing test shows the tail of every live node's logs.
Figures recorded with the ``figures`` fixture are printed at the end of the session.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest

from tests.multinode.harness import SINET_NODE, NodeFleet
from tests.reporting import recorded, session_artifacts, slug, write_section

_OPEN_FLEETS: list[NodeFleet] = []
FIGURE = "figure"

Figures = Callable[[str, object], None]


@pytest.fixture(scope="session")
def artifacts_root() -> Path:
    return session_artifacts("multinode")


@pytest.fixture(scope="session", autouse=True)
def _sinet_node_installed() -> None:
    if not SINET_NODE.exists():
        pytest.fail(f"{SINET_NODE} is missing: install the package in the venv that runs pytest")


def open_fleet(root: Path, logs: Path) -> Iterator[NodeFleet]:
    """A fleet registered for log tails on failure, closed (nodes stopped) at the end."""
    fleet = NodeFleet(root, logs)
    _OPEN_FLEETS.append(fleet)
    try:
        yield fleet
    finally:
        _OPEN_FLEETS.remove(fleet)
        fleet.close()


@pytest.fixture
def fleet(
    request: pytest.FixtureRequest, tmp_path: Path, artifacts_root: Path
) -> Iterator[NodeFleet]:
    yield from open_fleet(tmp_path / "nodes", artifacts_root / slug(request.node.nodeid))


@pytest.fixture(scope="module")
def module_fleet(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    artifacts_root: Path,
) -> Iterator[NodeFleet]:
    name = slug(request.module.__name__.rsplit(".", 1)[-1])
    yield from open_fleet(tmp_path_factory.mktemp(name), artifacts_root / name)


@pytest.fixture
def figures(record_property: Callable[[str, object], None], artifacts_root: Path) -> Figures:
    """``figures(label, value)``: print, keep in figures.txt, and list at the session's end."""

    def record(label: str, value: object) -> None:
        line = f"{label}: {value}"
        print(line)
        record_property(FIGURE, line)
        with (artifacts_root / "figures.txt").open("a", encoding="utf-8") as file:
            file.write(line + "\n")

    return record


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.failed:
        report.sections.extend(node_log_sections())
    return report


def node_log_sections() -> list[tuple[str, str]]:
    """The log tails of every node still open, for a failed test's report."""
    return [
        (f"log tail of node {node.name}", node.log_tail())
        for fleet in _OPEN_FLEETS
        for node in fleet.nodes
    ]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = [f"{test}: {value}" for test, value in recorded(terminalreporter, FIGURE)]
    write_section(terminalreporter, "multinode figures", lines)
