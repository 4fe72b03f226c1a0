"""`rotate-keys` and `share` from the command line: what an operator sees, and what a peer
then reads from the node."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from sinet_node.config import load_settings
from sinet_node.node import open_node
from sinet_node.storage import keys as key_store
from tests.cli.test_cli import (
    assert_one_line_error,
    example,
    init_args,
    run_cli,
    write_json,
)


@pytest.fixture
def data_dir(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    directory = tmp_path / "node"
    assert run_cli(capsys, *init_args(directory)).code == 0
    return directory


async def _current_ids(data_dir: Path) -> set[str]:
    async with open_node(load_settings(data_dir)) as node:
        return {node.keys.of(owner).http.key_id for owner in key_store.OWNERS} | {
            node.keys.of(owner).proof.key_id for owner in key_store.OWNERS
        }


def test_rotate_keys_prints_four_new_key_ids_and_the_node_uses_them(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    before = asyncio.run(_current_ids(data_dir))
    assert before == {
        "https://node.example/users/ohrid#main-key",
        "https://node.example/users/ohrid#ed25519-key",
        "https://node.example/actor#main-key",
        "https://node.example/actor#ed25519-key",
    }
    result = run_cli(capsys, "rotate-keys", "--data-dir", data_dir, "--grace-days", "2")
    assert result.code == 0, result.err
    printed = set(result.out.split())
    assert len(printed) == 4 and not printed & before
    assert "2 days" in result.err
    assert asyncio.run(_current_ids(data_dir)) == printed
    again = run_cli(capsys, "rotate-keys", "--data-dir", data_dir)
    assert again.code == 0 and not set(again.out.split()) & printed


@pytest.mark.parametrize("grace", ["-1", "nan", "inf", "100000", "soon"])
def test_rotate_keys_refuses_a_bad_grace_period_and_keeps_the_keys(
    capsys: pytest.CaptureFixture[str], data_dir: Path, grace: str
) -> None:
    before = asyncio.run(_current_ids(data_dir))
    result = run_cli(capsys, "rotate-keys", "--data-dir", data_dir, "--grace-days", grace)
    assert result.code != 0
    assert_one_line_error(result, "--grace-days")
    assert asyncio.run(_current_ids(data_dir)) == before


def test_share_of_something_the_node_does_not_hold_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    result = run_cli(capsys, "share", "--data-dir", data_dir, "https://split.example/practices/404")
    assert result.code == 1
    assert_one_line_error(result, "not an object this node holds")


def test_share_of_our_own_practice_prints_its_id(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    practice = write_json(data_dir.parent / "practice.json", example("practice"))
    published = run_cli(capsys, "publish", "--data-dir", data_dir, "practice", practice)
    uri = published.out.splitlines()[-1]
    shared = run_cli(capsys, "share", "--data-dir", data_dir, uri)
    assert shared.code == 0, shared.err
    assert shared.out.splitlines()[-1] == uri
