"""Outbox, followers, following and featured: OrderedCollection + OrderedCollectionPage."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.federation import activities
from sinet_node.federation.membership.registry import own_member, signed_statement
from sinet_node.federation.signed_documents import with_proof
from sinet_node.objects.vocab import document_context
from sinet_node.storage import follows as follow_store
from sinet_node.storage import members as member_store
from sinet_node.storage import objects as object_store
from sinet_node.storage import outbox as outbox_store
from sinet_node.web.authorized_fetch import require_signature_if_configured
from sinet_node.web.context import node_of
from sinet_node.web.negotiation import activity_response
from sinet_node.web.problem import HTTPProblem

PAGE_SIZE = 20
MAX_PAGE = 100_000

# (offset, limit) -> (items, total)
PageLoader = Callable[[int, int], Awaitable[tuple[list[Any], int]]]


def _page_number(request: Request) -> int | None:
    raw = request.query_params.get("page")
    if raw is None:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise HTTPProblem(400, f"page must be a whole number from 1 to {MAX_PAGE}")
    return int(raw)


async def _collection(
    request: Request, collection_id: str, load: PageLoader, *, signed: bool = True
) -> Response:
    if signed:
        await require_signature_if_configured(request)
    page = _page_number(request)
    if page is None:
        _, total = await load(0, 0)
        last = max(1, -(-total // PAGE_SIZE))
        return activity_response(
            {
                "@context": document_context(),
                "id": collection_id,
                "type": "OrderedCollection",
                "totalItems": total,
                "first": f"{collection_id}?page=1",
                "last": f"{collection_id}?page={last}",
            }
        )
    items, total = await load((page - 1) * PAGE_SIZE, PAGE_SIZE)
    document: dict[str, Any] = {
        "@context": document_context(),
        "id": f"{collection_id}?page={page}",
        "type": "OrderedCollectionPage",
        "partOf": collection_id,
        "totalItems": total,
        "orderedItems": items,
    }
    if page * PAGE_SIZE < total:
        document["next"] = f"{collection_id}?page={page + 1}"
    if page > 1:
        document["prev"] = f"{collection_id}?page={page - 1}"
    return activity_response(document)


def _strip_context(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "@context"}


def _check_username(request: Request) -> None:
    if request.path_params["username"] != node_of(request).settings.username:
        raise HTTPProblem(404, f"no actor {request.path_params['username']!r} on this node")


async def outbox(request: Request) -> Response:
    _check_username(request)
    node = node_of(request)

    async def load(offset: int, limit: int) -> tuple[list[Any], int]:
        async with node.sessions() as session:
            total = await outbox_store.count_public(session, node.urls.actor, "Create")
            rows = (
                await outbox_store.public_page(
                    session, node.urls.actor, "Create", offset=offset, limit=limit
                )
                if limit
                else []
            )
            objects = await object_store.by_uris(
                session, [row.object_uri for row in rows if row.object_uri]
            )
        items = []
        for row in rows:
            stored = objects.get(row.object_uri or "")
            current = (
                activities.current_object(stored.document, stored.type, stored.deleted_at)
                if stored
                else None
            )
            item = _strip_context(activities.with_current_object(row.document, current))
            items.append(with_proof(node, item))
        return items, total

    return await _collection(request, node.urls.outbox, load)


async def followers(request: Request) -> Response:
    _check_username(request)
    node = node_of(request)

    async def load(offset: int, limit: int) -> tuple[list[Any], int]:
        async with node.sessions() as session:
            rows = await follow_store.followers(session, node.urls.actor)
        return [row.actor_uri for row in rows[offset : offset + limit]], len(rows)

    return await _collection(request, node.urls.followers, load)


async def following(request: Request) -> Response:
    _check_username(request)
    node = node_of(request)

    async def load(offset: int, limit: int) -> tuple[list[Any], int]:
        async with node.sessions() as session:
            rows = await follow_store.all_following(session, node.urls.actor)
        accepted = [row.actor_uri for row in rows if row.state == follow_store.ACCEPTED]
        return accepted[offset : offset + limit], len(accepted)

    return await _collection(request, node.urls.following, load)


async def featured(request: Request) -> Response:
    _check_username(request)
    node = node_of(request)
    await require_signature_if_configured(request)
    async with node.sessions() as session:
        rows = await object_store.pinned(session)
    return activity_response(
        {
            "@context": document_context(),
            "id": node.urls.featured,
            "type": "OrderedCollection",
            "totalItems": len(rows),
            "orderedItems": [with_proof(node, _strip_context(row.document)) for row in rows],
        }
    )


async def instance_outbox(request: Request) -> Response:
    node = node_of(request)
    return activity_response(
        {
            "@context": document_context(),
            "id": node.urls.instance_outbox,
            "type": "OrderedCollection",
            "totalItems": 0,
            "orderedItems": [],
        }
    )


async def members(request: Request) -> Response:
    """The member directory: every member's own signed statement, ours first. Readable
    unsigned, like the instance actor, so a newcomer can always read it."""
    node = node_of(request)
    own = await own_member(node)

    async def load(offset: int, limit: int) -> tuple[list[Any], int]:
        async with node.sessions() as session:
            rows, total = await member_store.directory_page(session, offset=offset, limit=limit)
        return [
            signed_statement(node, row) if row.id == own.id else row.statement for row in rows
        ], total

    return await _collection(request, node.urls.members, load, signed=False)
