"""Membership statements: what a member says of itself, signed by its instance actor.

A statement is a small ``Membership`` document (node, organisation, state, when) carrying a
proof (FEP-8b32) by the instance actor it is attributed to. Directories and ``Add``/``Remove``
activities carry statements as their members signed them, so whoever relays one cannot
change it, and nobody can make one for a node that is not theirs: the key must be one the
member's own instance actor lists, and every link in it must be on the member's origin.

Errors: ``StatementRefused`` (malformed or forged: never acceptable);
``ActorUnavailable`` when the member's instance actor cannot be fetched to check it (try again
later).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sinet_node.federation.activities import iso
from sinet_node.federation.context import Node
from sinet_node.federation.discovery import MEMBERSHIP_PROTOCOL_VERSION
from sinet_node.federation.proof_check import ProofRejected, check_proof
from sinet_node.federation.remote_actors import ActorUnavailable
from sinet_node.federation.urls import Urls
from sinet_node.objects.vocab import document_context
from sinet_node.storage.members import ACTIVE, LEFT
from sinet_node.storage.objects import parse_time

STATEMENT_TYPE = "Membership"
STATES = (ACTIVE, LEFT)
CHECK_CONCURRENCY = 4


class StatementRefused(ValueError):
    """Not a statement anybody may act on; the message says why."""


@dataclass(frozen=True)
class Statement:
    node: str  # the member's origin
    instance_actor: str
    organisation: str
    state: str
    updated: datetime
    document: dict[str, Any]  # as its member signed it


def own_statement(urls: Urls, *, state: str, since: datetime, updated: datetime) -> dict[str, Any]:
    """Our statement, unsigned: it is proven whenever it is sent or served."""
    return {
        "@context": document_context(),
        "id": urls.membership,
        "type": STATEMENT_TYPE,
        "attributedTo": urls.instance_actor,
        "node": urls.origin,
        "organisation": urls.actor,
        "membershipState": state,
        "membershipProtocol": MEMBERSHIP_PROTOCOL_VERSION,
        "published": iso(since),
        "updated": iso(updated),
    }


def origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _link(document: dict[str, Any], field: str) -> str:
    value = document.get(field)
    if isinstance(value, dict):
        value = value.get("id")
    if not isinstance(value, str) or origin_of(value) is None:
        raise StatementRefused(f"a membership statement needs an http(s) link in {field!r}")
    return value


def read_statement(document: Any) -> Statement:
    """The statement's fields, once its shape is right and all its links are on one origin
    (the proof is not checked here)."""
    if not isinstance(document, dict):
        raise StatementRefused("a membership statement must be a JSON object")
    if document.get("type") != STATEMENT_TYPE:
        raise StatementRefused(f"expected a {STATEMENT_TYPE}, got {document.get('type')!r}")
    links = {field: _link(document, field) for field in ("id", "attributedTo", "organisation")}
    node = origin_of(_link(document, "node"))
    if node is None or _link(document, "node").rstrip("/") != node:
        raise StatementRefused("'node' must be the member's origin (scheme://host[:port])")
    for field, link in links.items():
        if origin_of(link) != node:
            raise StatementRefused(f"{field} {link} is not on the member's node {node}")
    state = document.get("membershipState")
    if state not in STATES:
        raise StatementRefused(f"membershipState must be one of {', '.join(STATES)}")
    updated = parse_time(document.get("updated"))
    if updated is None:
        raise StatementRefused("a membership statement needs 'updated' (a time with offset)")
    return Statement(
        node=node,
        instance_actor=links["attributedTo"],
        organisation=links["organisation"],
        state=str(state),
        updated=updated,
        document=document,
    )


async def verify_statement(node: Node, statement: Statement) -> None:
    """Raises unless the statement's proof by its member's instance actor verifies."""
    try:
        proven = await check_proof(node, statement.document, statement.instance_actor)
    except ProofRejected as exc:
        raise StatementRefused(f"the statement for {statement.node} is forged: {exc}") from exc
    if not proven:
        raise StatementRefused(f"the statement for {statement.node} carries no proof")


@dataclass(frozen=True)
class Checked:
    statement: Statement | None  # None: refused
    verified: bool
    problem: str | None


async def check_entry(node: Node, entry: Any) -> Checked:
    """One statement as found (in a directory, an Add): verified, not checkable yet (its
    member's node is down), or refused."""
    try:
        statement = read_statement(entry)
        await verify_statement(node, statement)
    except StatementRefused as exc:
        return Checked(None, False, str(exc))
    except ActorUnavailable as exc:
        return Checked(statement, False, f"cannot be checked yet: {exc}")
    return Checked(statement, True, None)


async def check_entries(
    node: Node, entries: Sequence[Any], *, on_each: Callable[[], None] | None = None
) -> list[Checked]:
    """``check_entry`` for each, a few at a time (each may fetch its member's actor)."""
    limit = asyncio.Semaphore(CHECK_CONCURRENCY)

    async def one(entry: Any) -> Checked:
        async with limit:
            checked = await check_entry(node, entry)
        if on_each is not None:
            on_each()
        return checked

    return list(await asyncio.gather(*(one(entry) for entry in entries)))
