"""`init --kind --country --city`: the organisation's profile facts, checked with one-line
errors, kept in sinet.toml and published on the actor as `sinet:` terms."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from sinet_node.config import CONFIG_FILE, ORGANISATION_KINDS, load_settings
from sinet_node.objects.vocab import ORGANISATION_TYPES, TERMS
from tests.cli.test_cli import (
    ACTOR,
    AS,
    assert_one_line_error,
    connected,
    init_args,
    run_cli,
)
from tests.fakes.fediverse import FakeFediverse


def test_the_config_and_the_vocabulary_know_the_same_kinds() -> None:
    assert tuple(ORGANISATION_KINDS) == ORGANISATION_TYPES
    [term] = [term for term in TERMS if term.name == "organisationType"]
    assert term.values == ORGANISATION_TYPES


async def _actor(data_dir: Path) -> dict[str, Any]:
    async with connected(data_dir, FakeFediverse()) as live:
        document: dict[str, Any] = (await live.client.get(ACTOR, headers=AS)).json()
        return document


@pytest.mark.parametrize(
    ("kind", "stored"),
    [("municipality", "municipality"), ("citizens' group", "citizens_group"),
     ("Civil-society organisation", "civil_society"), ("public_authority", "public_authority")],
)  # fmt: skip
def test_init_keeps_the_profile_and_the_actor_publishes_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, stored: str
) -> None:
    data_dir = tmp_path / "node"
    args = init_args(data_dir, "--kind", kind, "--country", "mk", "--city", "  Ohrid ")
    assert run_cli(capsys, *args).code == 0
    settings = load_settings(data_dir)
    assert (settings.organisation_kind, settings.country, settings.city) == (stored, "MK", "Ohrid")
    actor = asyncio.run(_actor(data_dir))
    assert (actor["organisationType"], actor["country"], actor["city"]) == (stored, "MK", "Ohrid")


def test_without_the_options_the_actor_says_nothing_of_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "node"
    assert run_cli(capsys, *init_args(data_dir)).code == 0
    actor = asyncio.run(_actor(data_dir))
    assert not {"organisationType", "country", "city"} & set(actor)


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--kind", "church", "choose one of civil_society, municipality"),
        ("--country", "XX", "not an ISO 3166-1 country code"),
        ("--country", "UK", "use GB"),
        ("--country", "Macedonia", "two letters like MK"),
        ("--city", "x" * 101, "at most 100 characters"),
        ("--city", "Ohrid\x1b[2J", "printable"),
    ],
)
def test_bad_profile_options_are_one_line_errors_and_create_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, value: str, says: str
) -> None:
    data_dir = tmp_path / "node"
    result = run_cli(capsys, *init_args(data_dir, option, value))
    assert_one_line_error(result, option, says)
    assert not data_dir.exists()


def test_a_bad_profile_in_sinet_toml_is_refused_by_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "node"
    assert run_cli(capsys, *init_args(data_dir)).code == 0
    config = data_dir / CONFIG_FILE
    config.write_text(config.read_text().replace('country = ""', 'country = "ZZ"'))
    result = run_cli(capsys, "status", "--data-dir", data_dir, "--json")
    assert_one_line_error(result, "sinet.toml: country", "not an ISO 3166-1 country code")
