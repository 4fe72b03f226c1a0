"""Real `sinet-node` processes on loopback, driven through the CLI contract (shared/CLI.md).

``NodeProcess`` wraps one node: ``init`` into its own data directory on a free port,
``start`` (``sinet-node run`` as a subprocess, output to a log file that is kept),
``stop`` (SIGTERM; the node must exit cleanly within 5 s), ``kill`` (SIGKILL),
``restart``, and ``cli`` for every other command. ``NodeFleet`` owns the nodes of
one test or module and stops them at the end. ``wait_until`` polls with a deadline:
the tests never sleep a fixed time.

The binary is the ``sinet-node`` next to ``sys.executable``, i.e. the one installed
in the venv that runs pytest.

Errors:
    NodeCommandError(AssertionError) -- a CLI command exited non-zero (stderr attached).
    NodeCrashed(AssertionError) -- `run` exited while it should be serving.
    WaitTimeout(AssertionError) -- a ``wait_until`` condition was not met in time.
They derive from AssertionError so pytest reports them as test failures.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import httpx

SINET_NODE = Path(sys.executable).parent / "sinet-node"
STOP_DEADLINE_SECONDS = 5.0  # CLI.md: `run` exits cleanly within 5 s of SIGTERM
START_TIMEOUT_SECONDS = 30.0
COMMAND_TIMEOUT_SECONDS = 120.0
LOOPBACK = "127.0.0.1"
AS_JSON = "application/activity+json"

T = TypeVar("T")


class NodeCommandError(AssertionError):
    """A `sinet-node` command exited non-zero."""


class NodeCrashed(AssertionError):
    """`sinet-node run` exited while it should be serving."""


class WaitTimeout(AssertionError):
    """A polled condition was not met before its deadline."""


def free_port() -> int:
    """A port the kernel considers free right now (the node binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until(
    predicate: Callable[[], T],
    *,
    timeout: float,
    interval: float = 0.1,
    what: str = "condition",
) -> T:
    """Call ``predicate`` until it returns something truthy; return that value.

    Raises ``WaitTimeout`` (with the last value seen) when ``timeout`` seconds pass.
    """
    __tracebackhide__ = True
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WaitTimeout(f"{what}: not met within {timeout:g} s (last value: {value!r})")
        time.sleep(min(interval, remaining))


def tail(path: Path, lines: int = 80) -> str:
    if not path.exists():
        return f"({path} does not exist)"
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement that inserts ``text`` as is (no backslash escapes)."""
    return lambda _match: text


def rewrite_settings(config: Path, values: dict[str, Any]) -> None:
    """Set top-level keys in a node's sinet.toml, keeping every other line as it is."""
    text = config.read_text(encoding="utf-8")
    for key, value in values.items():
        line = f"{key} = {_toml_value(value)}"
        pattern = re.compile(rf"^{re.escape(key)}\s*=.*$", re.MULTILINE)
        text, count = pattern.subn(_literal(line), text)
        if not count:
            text = text.rstrip("\n") + f"\n{line}\n"
    parsed = tomllib.loads(text)  # fail here, not in the node, on a bad rewrite
    for key, value in values.items():
        assert parsed[key] == (list(value) if isinstance(value, tuple) else value), key
    config.write_text(text, encoding="utf-8")


class NodeProcess:
    """One node: its data directory, port, log files and (while running) its process."""

    def __init__(self, *, root: Path, logs: Path, name: str, username: str) -> None:
        self.name = name
        self.username = username
        self.data_dir = root / name
        self.port = free_port()
        self.run_log = logs / f"{name}-run.log"
        self.cli_log = logs / f"{name}-cli.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        # Set before init when the node is published behind a TLS terminator.
        self.public_url: str | None = None

    # URLs (CLI.md: actor http://127.0.0.1:PORT/users/U, shared inbox /inbox)
    @property
    def local_url(self) -> str:
        """Where the process listens (plain HTTP on loopback)."""
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def base_url(self) -> str:
        """The node's BASE_URL: what peers see and every id is built from."""
        return self.public_url or self.local_url

    @property
    def actor(self) -> str:
        return f"{self.base_url}/users/{self.username}"

    @property
    def inbox(self) -> str:
        return f"{self.actor}/inbox"

    @property
    def shared_inbox(self) -> str:
        return f"{self.base_url}/inbox"

    @property
    def key_id(self) -> str:
        return f"{self.actor}#main-key"

    @property
    def config_file(self) -> Path:
        return self.data_dir / "sinet.toml"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __repr__(self) -> str:
        return f"NodeProcess({self.name!r}, {self.base_url})"

    # -- commands ------------------------------------------------------------------

    def cli(self, *args: str, check: bool = True, timeout: float = COMMAND_TIMEOUT_SECONDS) -> str:
        """Run `sinet-node ARGS --data-dir DIR`; return stdout (NodeCommandError on failure)."""
        __tracebackhide__ = True
        return self.run_cli(*args, check=check, timeout=timeout).stdout

    def run_cli(
        self, *args: str, check: bool = False, timeout: float = COMMAND_TIMEOUT_SECONDS
    ) -> subprocess.CompletedProcess[str]:
        """Run `sinet-node ARGS --data-dir DIR`; the exit status, stdout and stderr."""
        __tracebackhide__ = True
        command = [str(SINET_NODE), *args, "--data-dir", str(self.data_dir)]
        started = time.monotonic()
        result = subprocess.run(
            command, capture_output=True, timeout=timeout, env=self._env(), check=False
        )
        stdout = result.stdout.decode("utf-8", errors="replace")
        stderr = result.stderr.decode("utf-8", errors="replace")
        with self.cli_log.open("a", encoding="utf-8") as log:
            log.write(
                f"\n$ {' '.join(command[1:])}\n"
                f"# exit {result.returncode} after {time.monotonic() - started:.2f} s\n"
                f"{stdout}{'--- stderr ---' + chr(10) + stderr if stderr else ''}"
            )
        if check and result.returncode != 0:
            raise NodeCommandError(
                f"[{self.name}] sinet-node {' '.join(args)} exited {result.returncode}:\n"
                f"{stderr.strip() or stdout.strip()}"
            )
        return subprocess.CompletedProcess(command, result.returncode, stdout, stderr)

    def cli_json(self, *args: str) -> Any:
        return json.loads(self.cli(*args))

    def init(
        self, *, display_name: str | None = None, settings: dict[str, Any] | None = None
    ) -> None:
        self.cli(
            "init",
            "--url",
            self.base_url,
            "--name",
            display_name or f"Node {self.name.upper()}",
            "--username",
            self.username,
            "--allow-private",
            LOOPBACK,
        )
        if settings:
            self.configure(**settings)

    def configure(self, **values: Any) -> None:
        """Rewrite settings in sinet.toml; they apply at the next start."""
        rewrite_settings(self.config_file, values)

    def settings(self) -> dict[str, Any]:
        return tomllib.loads(self.config_file.read_text(encoding="utf-8"))

    def status(self) -> dict[str, Any]:
        status: dict[str, Any] = self.cli_json("status", "--json")
        return status

    def objects(self, *, remote: bool = False) -> list[dict[str, Any]]:
        objects: list[dict[str, Any]] = self.cli_json(
            "objects", "--json", *(["--remote"] if remote else [])
        )
        return objects

    def publish(self, kind: str, data: dict[str, Any]) -> str:
        """Publish from a JSON file; return the object id (the last line on stdout)."""
        return self._last_line(self.cli("publish", kind, str(self._input_file(kind, data))))

    def update(self, object_id: str, data: dict[str, Any]) -> str:
        return self._last_line(self.cli("update", object_id, str(self._input_file("update", data))))

    def delete(self, object_id: str) -> str:
        return self._last_line(self.cli("delete", object_id))

    def follow(self, target: str) -> str:
        return self._last_line(self.cli("follow", target))

    def join(self, target: str) -> dict[str, Any]:
        """`sinet-node join TARGET --json`: the summary."""
        summary: dict[str, Any] = self.cli_json("join", target, "--json")
        return summary

    def network(self) -> dict[str, dict[str, Any]]:
        """The members this node knows, by node URL."""
        return {entry["node"]: entry for entry in self.cli_json("network", "--json")}

    # -- the running process -----------------------------------------------------------

    def start(self, *, timeout: float = START_TIMEOUT_SECONDS) -> float:
        """Start `sinet-node run`; return the seconds until NodeInfo answered."""
        assert not self.running, f"{self.name} is already running"
        self.starts += 1
        started = time.monotonic()
        with self.run_log.open("ab") as log:
            log.write(f"\n===== start #{self.starts} on port {self.port} =====\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                [
                    str(SINET_NODE),
                    "run",
                    "--data-dir",
                    str(self.data_dir),
                    "--host",
                    LOOPBACK,
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._env(),
                start_new_session=True,  # a Ctrl-C of pytest must not reach the node first
            )
        wait_until(
            self._serves_nodeinfo, timeout=timeout, interval=0.05, what=f"{self.name} serving"
        )
        return time.monotonic() - started

    def stop(self) -> float:
        """SIGTERM; assert a clean exit within 5 s; return how long it took."""
        process = self._live_process()
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=STOP_DEADLINE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise AssertionError(
                f"{self.name} did not exit within {STOP_DEADLINE_SECONDS:g} s of SIGTERM"
            ) from None
        elapsed = time.monotonic() - started
        self._note(f"stopped by SIGTERM in {elapsed:.2f} s, exit status {code}")
        assert code == 0, f"{self.name} exited with status {code} after SIGTERM"
        return elapsed

    def kill(self) -> None:
        """SIGKILL: no chance to finish anything."""
        process = self._live_process()
        process.kill()
        process.wait()
        self._note("killed with SIGKILL")

    def restart(self) -> float:
        self.stop()
        return self.start()

    def get(self, url: str, *, accept: str = AS_JSON) -> httpx.Response:
        """An unsigned GET (public objects answer those by default)."""
        return httpx.get(url, headers={"Accept": accept}, timeout=10)

    def log_tail(self, lines: int = 80) -> str:
        return (
            f"--- {self.run_log} ---\n{tail(self.run_log, lines)}\n"
            f"--- {self.cli_log} ---\n{tail(self.cli_log, lines // 2)}"
        )

    # -- helpers -----------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "SINET_DATA_DIR"}
        env["PYTHONUNBUFFERED"] = "1"  # the log shows what happened up to a SIGKILL
        return env

    def _live_process(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            raise NodeCrashed(f"{self.name} is not running\n{self.log_tail()}")
        return self.process

    def _serves_nodeinfo(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise NodeCrashed(
                f"{self.name}: `sinet-node run` exited with {self.process.returncode} "
                f"before serving\n{self.log_tail()}"
            )
        try:
            response = httpx.get(f"{self.local_url}/.well-known/nodeinfo", timeout=2)
        except httpx.TransportError:
            return False
        return response.status_code == 200

    def _note(self, message: str) -> None:
        with self.run_log.open("a", encoding="utf-8") as log:
            log.write(f"===== {message} =====\n")

    def _input_file(self, label: str, data: dict[str, Any]) -> Path:
        inputs = self.data_dir.parent / f"{self.name}-inputs"
        inputs.mkdir(exist_ok=True)
        path = inputs / f"{label}-{time.monotonic_ns()}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    @staticmethod
    def _last_line(stdout: str) -> str:
        lines = [line.strip() for line in stdout.splitlines() if line.strip()]
        assert lines, "the command printed nothing on stdout"
        return lines[-1]


class NodeFleet:
    """The nodes of one test (or module): created, started, and stopped at the end."""

    def __init__(self, root: Path, logs: Path) -> None:
        self.root = root
        self.logs = logs
        self.nodes: list[NodeProcess] = []
        root.mkdir(parents=True, exist_ok=True)
        logs.mkdir(parents=True, exist_ok=True)

    def node(
        self,
        name: str,
        *,
        settings: dict[str, Any] | None = None,
        start: bool = True,
        username: str | None = None,
        display_name: str | None = None,
        public_url: str | None = None,
    ) -> NodeProcess:
        """Init a node called NAME (username NAME unless given), apply settings, start it.

        ``public_url`` is the BASE_URL when the node is served behind a TLS terminator.
        """
        node = NodeProcess(root=self.root, logs=self.logs, name=name, username=username or name)
        node.public_url = public_url
        self.nodes.append(node)
        node.init(display_name=display_name, settings=settings)
        if start:
            node.start()
        return node

    def log_tails(self, lines: int = 80) -> str:
        return "\n\n".join(node.log_tail(lines) for node in self.nodes)

    def close(self) -> None:
        """Stop every node still running; a node that ignores SIGTERM is an error."""
        errors: list[str] = []
        for node in self.nodes:
            if node.running:
                try:
                    node.stop()
                except AssertionError as exc:
                    errors.append(str(exc))
        assert not errors, "; ".join(errors)
