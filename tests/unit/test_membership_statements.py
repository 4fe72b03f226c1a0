"""The shape of a membership statement: what ``read_statement`` accepts and refuses, and the
statement we make of ourselves (the proof is checked in the integration and multinode tests)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from sinet_node.federation.membership.peers import compatible
from sinet_node.federation.membership.statements import (
    StatementRefused,
    own_statement,
    read_statement,
)
from sinet_node.federation.urls import Urls

URLS = Urls(base="https://sinet.ohrid.mk", username="ohrid")
MOMENT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def good() -> dict[str, Any]:
    return own_statement(URLS, state="active", since=MOMENT, updated=MOMENT)


def test_our_statement_names_our_node_actors_and_state() -> None:
    statement = read_statement(good())
    assert statement.node == "https://sinet.ohrid.mk"
    assert statement.instance_actor == "https://sinet.ohrid.mk/actor"
    assert statement.organisation == "https://sinet.ohrid.mk/users/ohrid"
    assert statement.state == "active"
    assert statement.updated == MOMENT
    assert good()["id"] == URLS.membership and good()["updated"] == "2026-11-23T09:30:00Z"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"type": "Note"}, "expected a Membership"),
        ({"organisation": "https://elsewhere.example/users/x"}, "is not on the member's node"),
        ({"attributedTo": "https://elsewhere.example/actor"}, "is not on the member's node"),
        ({"id": "https://elsewhere.example/actor/membership"}, "is not on the member's node"),
        ({"node": "https://sinet.ohrid.mk/somewhere"}, "must be the member's origin"),
        ({"node": "ftp://sinet.ohrid.mk"}, "needs an http(s) link in 'node'"),
        ({"organisation": None}, "needs an http(s) link in 'organisation'"),
        ({"membershipState": "sleeping"}, "membershipState must be one of"),
        ({"updated": "yesterday"}, "needs 'updated'"),
        ({"updated": "2026-11-23T09:30:00"}, "needs 'updated'"),  # no offset
    ],
)
def test_a_malformed_or_off_origin_statement_is_refused(change: dict[str, Any], says: str) -> None:
    with pytest.raises(StatementRefused) as refused:
        read_statement({**good(), **change})
    assert says in str(refused.value)


@pytest.mark.parametrize("value", [None, "a string", ["a", "list"], 42])
def test_a_statement_must_be_an_object(value: Any) -> None:
    with pytest.raises(StatementRefused):
        read_statement(value)


def test_a_port_is_part_of_the_origin() -> None:
    local = Urls(base="http://127.0.0.1:8100", username="ohrid")
    statement = own_statement(local, state="left", since=MOMENT, updated=MOMENT)
    assert read_statement(statement).node == "http://127.0.0.1:8100"
    with pytest.raises(StatementRefused):
        read_statement({**statement, "organisation": "http://127.0.0.1:8101/users/ohrid"})


@pytest.mark.parametrize(
    ("version", "ok"), [("0.1", True), ("0.9", True), ("1.0", False), ("", False)]
)
def test_versions_of_the_same_major_are_compatible(version: str, ok: bool) -> None:
    assert compatible(version) is ok
