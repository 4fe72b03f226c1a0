"""The `sinet-node` command-line contract (shared/CLI.md), as a script or an operator sees it.

Most commands run in-process through ``main([...])`` (fast, same code path as the
console script); a few run the installed ``sinet-node`` program as a subprocess to
prove what a shell sees: exit status, one line on stderr, no traceback. State that
needs a peer (followers, follows in each state, a remote object) is made through the
node's own inbox with a fake Fediverse, as in the integration tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from sinet_node.cli.main import build_parser, main
from sinet_node.config import CONFIG_FILE, load_settings
from sinet_node.federation import follows
from sinet_node.federation.worker import Worker
from sinet_node.node import open_node
from sinet_node.web.app import create_app
from tests.conftest import Clock, LiveNode
from tests.fakes.fediverse import FakeActor, FakeFediverse

BASE_URL = "https://node.example"
ACTOR = f"{BASE_URL}/users/ohrid"
INPUTS = Path(__file__).parent.parent / "fixtures" / "inputs"
PROGRAM = Path(sys.executable).parent / "sinet-node"
AS = {"Accept": "application/activity+json"}
OBJECT_KEYS = {"id", "type", "kind", "attributedTo", "name", "summary", "content"}
CONTRACT_COMMANDS = [
    "init",
    "run",
    "publish",
    "update",
    "delete",
    "follow",
    "unfollow",
    "requests",
    "approve",
    "reject",
    "status",
    "objects",
    "rotate-keys",
]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Result:
    """`sinet-node ARGS` in-process; argparse's exits become exit codes as in a shell."""
    capsys.readouterr()
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_program(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """The installed console script, as a shell runs it."""
    environment = {k: v for k, v in os.environ.items() if k != "SINET_DATA_DIR"}
    environment.update(env or {})
    done = subprocess.run(
        [str(PROGRAM), *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def assert_one_line_error(result: Result, *says: str) -> None:
    assert result.code != 0, result
    assert "Traceback" not in result.err, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{result.err}"
    for words in says:
        assert words in lines[0], f"{words!r} not in {lines[0]!r}"
    assert result.out == "", f"nothing on stdout when failing, got {result.out!r}"


def init_args(data_dir: Path, *extra: str) -> list[str | Path]:
    return [
        "init",
        "--data-dir",
        data_dir,
        "--url",
        BASE_URL,
        "--name",
        "Municipality of Ohrid",
        "--username",
        "ohrid",
        *extra,
    ]


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def example(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((INPUTS / f"{kind}.json").read_text())
    return data


@asynccontextmanager
async def connected(data_dir: Path, fediverse: FakeFediverse) -> AsyncIterator[LiveNode]:
    """The node in DATA_DIR, in-process over ASGI, with peers from a fake Fediverse."""
    clock = Clock()
    # The commands queue work at the real time; a clock cut to the second would find it
    # not yet due.
    clock.now = datetime.now(UTC)
    settings = load_settings(data_dir)
    async with open_node(settings, clock=clock, transport=fediverse.transport()) as node:
        transport = httpx.ASGITransport(app=create_app(node))
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
            yield LiveNode(node, client, Worker(node), fediverse, clock)


def follow_of(actor: FakeActor) -> dict[str, Any]:
    return {"id": f"{actor.id}/follows/1", "type": "Follow", "actor": actor.id, "object": ACTOR}


# --help ----------------------------------------------------------------------------


def test_the_program_answers_help() -> None:
    result = run_program("--help")
    assert result.code == 0, result.err
    assert "--data-dir" in result.out
    for command in CONTRACT_COMMANDS:
        assert command in result.out


def _parser_commands() -> list[str]:
    parser = build_parser()
    choices: dict[str, Any] = {}
    for action in parser._actions:  # argparse keeps subcommands on its subparsers action
        choices.update(getattr(action, "choices", None) or {})
    return sorted(choices)


def test_every_command_of_the_contract_exists() -> None:
    assert set(CONTRACT_COMMANDS) <= set(_parser_commands())


@pytest.mark.parametrize("command", _parser_commands())
def test_every_command_answers_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    result = run_cli(capsys, command, "--help")
    assert result.code == 0, result.err
    assert "--data-dir" in result.out
    assert result.out.startswith(f"usage: sinet-node {command}")


# A populated node: followers, follows in every state, deliveries, local and remote objects.


@dataclass(frozen=True)
class Populated:
    data_dir: Path
    practice: str  # published with the CLI
    alice: str  # follows us
    bob: str  # we follow him, accepted; he posted a note
    carol: str  # we follow her; her server refused our Follow for good (410)
    dave: str  # we follow him; his server answers 503, so the delivery waits for a retry
    eve: str  # we followed her, she rejected
    note: str  # Bob's note, the one remote object


async def _populate(data_dir: Path, practice: str) -> Populated:
    fediverse = FakeFediverse()
    alice, bob, carol, dave, eve = (
        fediverse.add_actor(f"https://{host}.example/users/{host}")
        for host in ("alice", "bob", "carol", "dave", "eve")
    )
    fediverse.program(carol.inbox, httpx.Response(410))
    fediverse.program(dave.inbox, httpx.Response(503))
    async with connected(data_dir, fediverse) as live:
        await live.drain()  # the practice went out before anyone followed: no deliveries
        await live.deliver(alice, follow_of(alice))
        for peer in (bob, carol, dave, eve):
            await follows.follow(live.node, peer.id)
        await live.drain()
        bob_follow = fediverse.posts_to(bob.inbox)[0].json["id"]
        eve_follow = fediverse.posts_to(eve.inbox)[0].json["id"]
        accept = {"id": f"{bob.id}/accept/1", "type": "Accept", "actor": bob.id}
        await live.deliver(bob, accept | {"object": bob_follow})
        reject = {"id": f"{eve.id}/reject/1", "type": "Reject", "actor": eve.id}
        await live.deliver(eve, reject | {"object": eve_follow})
        note: dict[str, Any] = {
            "id": f"{bob.id}/notes/1",
            "type": "Note",
            "attributedTo": bob.id,
            "content": "<p>Hello from Bob's node</p>",
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
        }
        create = {"id": f"{bob.id}/create/1", "type": "Create", "actor": bob.id, "object": note}
        await live.deliver(bob, create)
        await live.drain()
    return Populated(data_dir, practice, alice.id, bob.id, carol.id, dave.id, eve.id, note["id"])


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Populated:
    data_dir = tmp_path_factory.mktemp("populated") / "node"
    practice = write_json(data_dir.parent / "practice.json", example("practice"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):  # capsys is per test; this fixture is per module
        assert main([str(arg) for arg in init_args(data_dir)]) == 0
        assert main(["publish", "--data-dir", str(data_dir), "practice", str(practice)]) == 0
    return asyncio.run(_populate(data_dir, out.getvalue().splitlines()[-1]))


def test_status_json_has_exactly_the_contract_shape(
    capsys: pytest.CaptureFixture[str], populated: Populated
) -> None:
    result = run_cli(capsys, "status", "--data-dir", populated.data_dir, "--json")
    assert result.code == 0, result.err
    status = result.json
    assert set(status) == {
        "actor",
        "handle",
        "inbox",
        "shared_inbox",
        "followers",
        "following",
        "deliveries",
    }
    assert status["actor"] == ACTOR
    assert status["handle"] == "ohrid@node.example"
    assert status["inbox"] == f"{ACTOR}/inbox"
    assert isinstance(status["shared_inbox"], str)
    assert status["shared_inbox"].startswith(BASE_URL + "/")
    assert status["followers"] == [populated.alice]
    assert all(set(item) == {"actor", "state"} for item in status["following"])
    assert {item["actor"]: item["state"] for item in status["following"]} == {
        populated.bob: "accepted",
        populated.carol: "pending",
        populated.dave: "pending",
        populated.eve: "rejected",
    }
    # Accept to Alice, Follows to Bob and Eve delivered; Carol's 410 is final; Dave's 503
    # will be retried.
    assert status["deliveries"] == {"pending": 1, "failed": 1, "done": 3}
    assert all(type(n) is int for n in status["deliveries"].values())


def test_objects_json_lists_exactly_the_contract_keys(
    capsys: pytest.CaptureFixture[str], populated: Populated
) -> None:
    result = run_cli(capsys, "objects", "--data-dir", populated.data_dir, "--json")
    assert result.code == 0, result.err
    items = {item["id"]: item for item in result.json}
    assert all(set(item) == OBJECT_KEYS for item in items.values())
    assert set(items) == {populated.practice, populated.note}
    practice = items[populated.practice]
    assert practice["kind"] == "practice"
    assert practice["type"] == "Article"
    assert practice["attributedTo"] == ACTOR
    assert practice["name"] == example("practice")["name"]
    assert "<strong>coach</strong>" in practice["content"]  # Markdown rendered to HTML
    note = items[populated.note]
    assert note == {
        "id": populated.note,
        "type": "Note",
        "kind": "note",
        "attributedTo": populated.bob,
        "name": None,
        "summary": None,
        "content": "<p>Hello from Bob's node</p>",
    }


def test_objects_remote_lists_only_what_came_from_other_servers(
    capsys: pytest.CaptureFixture[str], populated: Populated
) -> None:
    result = run_cli(capsys, "objects", "--data-dir", populated.data_dir, "--json", "--remote")
    assert result.code == 0, result.err
    assert [item["id"] for item in result.json] == [populated.note]


def test_json_output_is_json_only(capsys: pytest.CaptureFixture[str], populated: Populated) -> None:
    for command in ("status", "objects", "requests"):
        result = run_cli(capsys, command, "--data-dir", populated.data_dir, "--json")
        assert result.code == 0
        json.loads(result.out)  # the whole of stdout parses


# Follow requests -------------------------------------------------------------------


async def _request_follows(data_dir: Path, fediverse: FakeFediverse, names: list[str]) -> None:
    async with connected(data_dir, fediverse) as live:
        for name in names:
            actor = fediverse.add_actor(f"https://{name}.example/users/{name}")
            await live.deliver(actor, follow_of(actor))
        await live.drain()


async def _send_queued(data_dir: Path, fediverse: FakeFediverse) -> None:
    """What `run` does with the queue: the worker sends what the commands queued."""
    async with connected(data_dir, fediverse) as live:
        await live.drain()


def test_requests_approve_and_reject(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data_dir = tmp_path / "node"
    assert run_cli(capsys, *init_args(data_dir, "--approve-followers")).code == 0
    fediverse = FakeFediverse()
    asyncio.run(_request_follows(data_dir, fediverse, ["frank", "grace"]))
    frank, grace = fediverse.actors.values()
    assert fediverse.received == []  # held for approval: nothing answered yet

    pending = run_cli(capsys, "requests", "--data-dir", data_dir, "--json")
    assert pending.code == 0, pending.err
    assert [set(item) for item in pending.json] == [{"actor", "received"}] * 2
    assert [item["actor"] for item in pending.json] == [frank.id, grace.id]
    for item in pending.json:
        assert isinstance(item["received"], str)
        assert datetime.fromisoformat(item["received"]).tzinfo is not None

    assert run_cli(capsys, "approve", "--data-dir", data_dir, frank.id).code == 0
    assert run_cli(capsys, "reject", "--data-dir", data_dir, grace.id).code == 0
    assert run_cli(capsys, "requests", "--data-dir", data_dir, "--json").json == []
    status = run_cli(capsys, "status", "--data-dir", data_dir, "--json").json
    assert status["followers"] == [frank.id]

    asyncio.run(_send_queued(data_dir, fediverse))
    assert [p.json["type"] for p in fediverse.posts_to(frank.inbox)] == ["Accept"]
    assert [p.json["type"] for p in fediverse.posts_to(grace.inbox)] == ["Reject"]

    assert_one_line_error(run_cli(capsys, "approve", "--data-dir", data_dir, grace.id), grace.id)


# publish ---------------------------------------------------------------------------


@pytest.fixture
def node_dir(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    data_dir = tmp_path / "node"
    result = run_cli(capsys, *init_args(data_dir))
    assert result.code == 0, result.err
    return data_dir


@pytest.mark.parametrize("kind", ["practice", "event", "call"])
def test_publish_prints_the_id_as_the_last_line(
    capsys: pytest.CaptureFixture[str], node_dir: Path, kind: str
) -> None:
    result = run_cli(capsys, "publish", "--data-dir", node_dir, kind, INPUTS / f"{kind}.json")
    assert result.code == 0, result.err
    uri = result.out.splitlines()[-1]
    assert uri.startswith(BASE_URL + "/")
    listed = run_cli(capsys, "objects", "--data-dir", node_dir, "--json").json
    assert [(item["id"], item["kind"]) for item in listed] == [(uri, kind)]


def test_the_program_publishes_and_prints_the_id_last(tmp_path: Path) -> None:
    data_dir = tmp_path / "node"
    assert run_program(*init_args(data_dir)).code == 0
    published = run_program("publish", "--data-dir", data_dir, "event", INPUTS / "event.json")
    assert published.code == 0, published.err
    uri = published.out.splitlines()[-1]
    # SINET_DATA_DIR stands in for --data-dir.
    listed = run_program("objects", "--json", env={"SINET_DATA_DIR": str(data_dir)})
    assert listed.code == 0, listed.err
    assert [item["id"] for item in json.loads(listed.out)] == [uri]


def test_update_and_delete_by_id(capsys: pytest.CaptureFixture[str], node_dir: Path) -> None:
    uri = run_cli(
        capsys, "publish", "--data-dir", node_dir, "practice", INPUTS / "practice.json"
    ).out.splitlines()[-1]
    changed = write_json(node_dir.parent / "changed.json", example("practice") | {"name": "New"})
    assert run_cli(capsys, "update", "--data-dir", node_dir, uri, changed).code == 0
    listed = run_cli(capsys, "objects", "--data-dir", node_dir, "--json").json
    assert [item["name"] for item in listed] == ["New"]
    assert run_cli(capsys, "delete", "--data-dir", node_dir, uri).code == 0
    assert run_cli(capsys, "objects", "--data-dir", node_dir, "--json").json == []


# Errors: one line on stderr that says what to fix, non-zero exit, nothing stored -------

ErrorCase = Callable[[Path], list[str | Path]]


def _file(data_dir: Path, name: str, data: Any) -> Path:
    return write_json(data_dir.parent / name, data)


def _invalid_json(data_dir: Path) -> list[str | Path]:
    bad = data_dir.parent / "broken.json"
    bad.write_text('{"name": "unfinished', encoding="utf-8")
    return ["publish", "--data-dir", data_dir, "practice", bad]


def _missing_key(data_dir: Path) -> list[str | Path]:
    data = {k: v for k, v in example("practice").items() if k != "challenge"}
    return ["publish", "--data-dir", data_dir, "practice", _file(data_dir, "m.json", data)]


def _unknown_key(data_dir: Path) -> list[str | Path]:
    data = example("practice") | {"colour": "red"}
    return ["publish", "--data-dir", data_dir, "practice", _file(data_dir, "u.json", data)]


def _bad_date(data_dir: Path) -> list[str | Path]:
    data = example("event") | {"startTime": "next tuesday"}
    return ["publish", "--data-dir", data_dir, "event", _file(data_dir, "d.json", data)]


def _not_an_object(data_dir: Path) -> list[str | Path]:
    return ["publish", "--data-dir", data_dir, "call", _file(data_dir, "l.json", [1, 2])]


UNKNOWN_ID = f"{BASE_URL}/practices/no-such-thing"

ERROR_CASES: dict[str, tuple[ErrorCase, tuple[str, ...]]] = {
    "unknown command": (lambda d: ["frobnicate"], ("frobnicate",)),
    "no command": (lambda d: [], ("COMMAND",)),
    "unknown option": (lambda d: ["status", "--data-dir", d, "--bogus"], ("--bogus",)),
    "unknown kind": (
        lambda d: ["publish", "--data-dir", d, "novel", INPUTS / "practice.json"],
        ("novel",),
    ),
    "missing argument": (lambda d: ["delete", "--data-dir", d], ("ID",)),
    "init without --url": (lambda d: ["init", "--data-dir", d, "--name", "X"], ("--url",)),
    "invalid JSON": (_invalid_json, ("broken.json", "invalid JSON")),
    "missing file": (
        lambda d: ["publish", "--data-dir", d, "practice", d.parent / "nope.json"],
        ("nope.json", "no such file"),
    ),
    "missing required key": (_missing_key, ("m.json", "challenge")),
    "unknown key": (_unknown_key, ("u.json", "colour")),
    "bad date": (_bad_date, ("d.json", "startTime", "offset")),
    "not a JSON object": (_not_an_object, ("l.json", "object")),
    "init into an existing node": (lambda d: list(init_args(d)), ("already", "never")),
    "init with a bad url": (
        lambda d: ["init", "--data-dir", d.parent / "fresh", "--url", "ftp://x", "--name", "X"],
        ("--url",),
    ),
    "update of an unknown id": (
        lambda d: ["update", "--data-dir", d, UNKNOWN_ID, INPUTS / "practice.json"],
        (UNKNOWN_ID,),
    ),
    "delete of an unknown id": (lambda d: ["delete", "--data-dir", d, UNKNOWN_ID], (UNKNOWN_ID,)),
    "follow of garbage": (
        lambda d: ["follow", "--data-dir", d, "not a handle!"],
        ("not a handle!", "user@host"),
    ),
    "unfollow of a stranger": (
        lambda d: ["unfollow", "--data-dir", d, "https://peer.example/users/x"],
        ("https://peer.example/users/x",),
    ),
    "approve without a request": (
        lambda d: ["approve", "--data-dir", d, "https://peer.example/users/x"],
        ("https://peer.example/users/x",),
    ),
}


def _snapshot(capsys: pytest.CaptureFixture[str], data_dir: Path) -> tuple[Any, ...]:
    objects = run_cli(capsys, "objects", "--data-dir", data_dir, "--json")
    status = run_cli(capsys, "status", "--data-dir", data_dir, "--json")  # deliveries, follows
    config = (data_dir / CONFIG_FILE).read_text(encoding="utf-8")
    return objects.json, status.json, config


@pytest.fixture(scope="module")
def error_node(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One node for all the error cases: each compares its own before and after, and
    a failing command must leave it as it was anyway."""
    data_dir = tmp_path_factory.mktemp("errors") / "node"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main([str(arg) for arg in init_args(data_dir)]) == 0
        practice = str(INPUTS / "practice.json")
        assert main(["publish", "--data-dir", str(data_dir), "practice", practice]) == 0
    return data_dir


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_errors_are_one_line_and_store_nothing(
    capsys: pytest.CaptureFixture[str], error_node: Path, case: str
) -> None:
    make_args, says = ERROR_CASES[case]
    before = _snapshot(capsys, error_node)
    assert len(before[0]) == 1  # the practice: "unchanged" is not "still empty"
    result = run_cli(capsys, *make_args(error_node))
    assert_one_line_error(result, *says)
    assert _snapshot(capsys, error_node) == before
    assert not (error_node.parent / "fresh").exists()  # a refused init creates nothing


def test_no_data_dir_is_one_line_that_names_both_ways(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SINET_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    for args in (["status", "--json"], ["objects", "--json"], ["publish", "event", "x.json"]):
        assert_one_line_error(run_cli(capsys, *args), "--data-dir", "SINET_DATA_DIR")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("exists", [True, False])
def test_a_directory_that_is_not_a_node_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, exists: bool
) -> None:
    target = tmp_path / "not-a-node"
    if exists:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    commands: list[list[str | Path]] = [
        ["status", "--json"],
        ["publish", "practice", INPUTS / "practice.json"],
    ]
    for command, *rest in commands:
        result = run_cli(capsys, command, "--data-dir", target, *rest)
        assert_one_line_error(result, str(target), "init")
    assert sorted(tmp_path.rglob("*")) == before


def test_the_program_fails_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    for args, says in (
        ((), "COMMAND"),
        (("status", "--json"), "SINET_DATA_DIR"),
        (("objects", "--data-dir", tmp_path, "--json"), "init"),
    ):
        result = run_program(*args)
        assert_one_line_error(result, says)


# Keys are made once ------------------------------------------------------------------


async def _published_keys(data_dir: Path) -> dict[str, tuple[str, str]]:
    async with connected(data_dir, FakeFediverse()) as live:
        keys = {}
        for url in (live.node.urls.actor, live.node.urls.instance_actor):
            document = (await live.client.get(url, headers=AS)).json()
            keys[url] = (document["publicKey"]["id"], document["publicKey"]["publicKeyPem"])
        return keys


def test_init_makes_keys_once(capsys: pytest.CaptureFixture[str], node_dir: Path) -> None:
    first = asyncio.run(_published_keys(node_dir))
    assert first[ACTOR][0] == f"{ACTOR}#main-key"
    assert first[ACTOR][1] != first[f"{BASE_URL}/actor"][1]  # each actor its own key
    assert run_cli(capsys, "status", "--data-dir", node_dir, "--json").code == 0
    assert_one_line_error(run_cli(capsys, *init_args(node_dir)), "already")
    assert asyncio.run(_published_keys(node_dir)) == first


def test_the_handle_keeps_the_port(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data_dir = tmp_path / "node"
    url = "http://127.0.0.1:8101"
    args: list[str | Path] = ["init", "--data-dir", data_dir, "--url", url, "--name", "Ohrid"]
    assert run_cli(capsys, *args, "--allow-private", "127.0.0.1").code == 0
    status = run_cli(capsys, "status", "--data-dir", data_dir, "--json").json
    assert status["handle"] == "ohrid@127.0.0.1:8101"
    assert status["actor"] == "http://127.0.0.1:8101/users/ohrid"


# The organisation's logo ----------------------------------------------------------


def test_init_with_a_logo_puts_it_on_the_actor(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.integration.test_publishing import same_pixels, tiny_png

    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())
    data_dir = tmp_path / "node"
    assert run_cli(capsys, *init_args(data_dir, "--icon", str(logo))).code == 0

    async def actor_and_logo() -> tuple[dict[str, Any], httpx.Response]:
        async with connected(data_dir, FakeFediverse()) as live:
            actor = (
                await live.client.get(ACTOR, headers={"Accept": "application/activity+json"})
            ).json()
            return actor, await live.client.get(actor["icon"]["url"])

    actor, served = asyncio.run(actor_and_logo())
    assert actor["icon"]["type"] == "Image" and actor["icon"]["mediaType"] == "image/png"
    assert actor["icon"]["url"].startswith(f"{BASE_URL}/media/")
    assert served.status_code == 200 and same_pixels(served.content, logo.read_bytes())


def test_init_with_a_logo_that_is_not_an_image_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bogus = tmp_path / "logo.png"
    bogus.write_text("not an image")
    data_dir = tmp_path / "node"
    result = run_cli(capsys, *init_args(data_dir, "--icon", str(bogus)))
    assert_one_line_error(result, "--icon")
    assert not (data_dir / "sinet.toml").exists()


def test_status_counts_queued_work_before_the_node_runs(
    capsys: pytest.CaptureFixture[str], node_dir: Path
) -> None:
    """Published while `run` is stopped: the delivery waits, and status says so."""
    before = run_cli(capsys, "status", "--data-dir", node_dir, "--json").json
    assert before["deliveries"] == {"pending": 0, "failed": 0, "done": 0}
    run_cli(capsys, "publish", "--data-dir", node_dir, "practice", INPUTS / "practice.json")
    after = run_cli(capsys, "status", "--data-dir", node_dir, "--json").json
    assert after["deliveries"] == {"pending": 1, "failed": 0, "done": 0}
