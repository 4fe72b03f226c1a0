"""A loopback inbox farm in its own process: several ports (= several hosts) answering 202.

It runs in a child process so the benchmark's CPU time (``time.process_time``)
counts only the sender; on a 2-core machine the receiver gets the other core.
It speaks just enough HTTP/1.1 for a keep-alive POST: it reads the head, skips
``Content-Length`` bytes of body and answers ``202 Accepted`` with no body. It
never verifies signatures (that is the receiver's CPU, not ours).

Errors: ``ReceiverError`` when the child does not start or answer.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import re
from multiprocessing.connection import Connection
from types import TracebackType

RESPONSE = b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)
_START_TIMEOUT = 20.0


class ReceiverError(Exception):
    """The receiver process did not start or stopped answering."""


class _Inbox(asyncio.Protocol):
    """One keep-alive connection: answer each complete request as soon as it is in."""

    def __init__(self, counter: list[int]) -> None:
        counter[1] += 1  # connections opened: shows whether clients keep them alive
        self._counter = counter
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:  # bounded by the buffer: each turn consumes one whole request
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            match = _CONTENT_LENGTH.search(self._buffer, 0, end + 2)
            total = end + 4 + (int(match.group(1)) if match else 0)
            if len(self._buffer) < total:
                return
            del self._buffer[:total]
            self._counter[0] += 1
            assert self._transport is not None
            self._transport.write(RESPONSE)


async def _serve(hosts: int, conn: Connection) -> None:
    loop = asyncio.get_running_loop()
    counter = [0, 0]  # requests answered, connections accepted
    servers = [
        await loop.create_server(lambda: _Inbox(counter), "127.0.0.1", 0) for _ in range(hosts)
    ]
    conn.send([server.sockets[0].getsockname()[1] for server in servers])
    stop = asyncio.Event()

    def command() -> None:
        message = conn.recv()
        if message == "count":
            conn.send(tuple(counter))
        else:
            stop.set()

    loop.add_reader(conn.fileno(), command)
    await stop.wait()
    loop.remove_reader(conn.fileno())
    for server in servers:
        server.close()
    conn.send("stopped")


def _main(hosts: int, conn: Connection) -> None:
    asyncio.run(_serve(hosts, conn))


class Receiver:
    """``with Receiver(hosts=8) as r:`` -- ``r.inbox(i)`` spreads inboxes over the ports."""

    def __init__(self, hosts: int) -> None:
        self.hosts = hosts
        self.ports: list[int] = []
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=_main, args=(hosts, child_conn), daemon=True)

    def __enter__(self) -> Receiver:
        self._process.start()
        if not self._conn.poll(_START_TIMEOUT):
            self._process.kill()
            raise ReceiverError("the receiver process did not report its ports")
        self.ports = self._conn.recv()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process.is_alive():
            self._conn.send("stop")
            if self._conn.poll(5.0):
                self._conn.recv()
        self._process.join(5.0)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def inbox(self, index: int) -> str:
        """The index-th inbox URL, round-robin over the hosts (one per port)."""
        port = self.ports[index % len(self.ports)]
        return f"http://127.0.0.1:{port}/users/u{index}/inbox"

    def count(self) -> tuple[int, int]:
        """(requests answered, connections accepted) so far; call it outside timed
        sections (it is a pipe round trip)."""
        self._conn.send("count")
        if not self._conn.poll(5.0):
            raise ReceiverError("the receiver did not answer")
        requests, connections = self._conn.recv()
        return int(requests), int(connections)
