"""Fixtures for the interop suite: independent Fediverse software against real nodes.

The peers come from scripts/interop-peers.sh (run by the README's test command before
pytest). The suite is meant to run inside `unshare -n`, a network namespace with only
loopback, so nothing can leave the machine; in CI it refuses to run anywhere else.
Logs of every node and peer are kept under test-artifacts/interop/.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest

from tests.interop.services import Service, missing_peers
from tests.multinode.conftest import node_log_sections, open_fleet
from tests.multinode.harness import NodeFleet, NodeProcess
from tests.reporting import recorded, session_artifacts, slug, write_section

_RUNNING: list[list[Service]] = []
OBSERVED = "observed"


def _only_loopback() -> bool:
    # The interfaces of this process's own network namespace (/sys/class/net would show the
    # namespace sysfs was mounted in).
    return [name for _index, name in socket.if_nameindex()] == ["lo"]


@pytest.fixture(scope="session", autouse=True)
def _interop_preconditions() -> None:
    missing = missing_peers()
    if missing:
        pytest.fail(
            f"interop peers not installed ({', '.join(missing)}): run scripts/interop-peers.sh",
            pytrace=False,
        )
    if os.environ.get("CI") and not _only_loopback():
        pytest.fail(
            "in CI the interop suite runs inside `unshare -n` (see scripts/test.sh)", pytrace=False
        )


@pytest.fixture(scope="session")
def interop_artifacts() -> Path:
    return session_artifacts("interop")


@pytest.fixture
def logs(request: pytest.FixtureRequest, interop_artifacts: Path) -> Path:
    path = interop_artifacts / slug(request.node.nodeid)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def fleet(tmp_path: Path, logs: Path) -> Iterator[NodeFleet]:
    yield from open_fleet(tmp_path / "nodes", logs)


@pytest.fixture
def node(fleet: NodeFleet) -> NodeProcess:
    """A running node of the Municipality of Ohrid, on plain HTTP."""
    return fleet.node("a", username="ohrid", display_name="Municipality of Ohrid")


@pytest.fixture
def observed(record_property: Callable[[str, object], None]) -> Callable[[str], None]:
    """``observed(line)``: what a peer made of us, listed at the end of the session."""

    def record(line: str) -> None:
        print(line)
        record_property(OBSERVED, line)

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = [str(value) for _, value in recorded(terminalreporter, OBSERVED)]
    write_section(terminalreporter, "what the independent peers observed", lines)


@pytest.fixture
def services() -> Iterator[list[Service]]:
    """Peers started by a test; stopped at its end (their log tails join a failure's report)."""
    running: list[Service] = []
    _RUNNING.append(running)
    try:
        yield running
    finally:
        _RUNNING.remove(running)
        for service in reversed(running):
            service.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.failed:
        report.sections.extend(node_log_sections())
        for running in _RUNNING:
            for service in running:
                report.sections.append((f"log tail of {service.name}", service.log_tail()))
    return report
