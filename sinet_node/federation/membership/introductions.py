"""Membership news from other nodes: ``Add`` (a member is in) and ``Remove`` (it left), each
carrying the member's own signed statement, whoever relays it.

An activity from a node that cannot be checked yet (the member's node is down) is noted and
checked again by the keeper; a forged statement is refused.
"""

from __future__ import annotations

from sinet_node.federation.context import Node
from sinet_node.federation.handlers import Incoming, Unprocessable, handles
from sinet_node.federation.membership.registry import merge, own_member
from sinet_node.federation.membership.statements import STATEMENT_TYPE, check_entry, origin_of
from sinet_node.storage import members as member_store
from sinet_node.storage.members import ACTIVE, LEFT

EXPECTED_STATE = {"Add": ACTIVE, "Remove": LEFT}


@handles("Add", "Remove")
async def on_membership_news(node: Node, incoming: Incoming) -> None:
    document = incoming.object
    if not isinstance(document, dict) or document.get("type") != STATEMENT_TYPE:
        return  # another Add or Remove (Mastodon's pinned posts, say): not ours to act on
    own = await own_member(node)  # news of others makes us a member of their network
    if own.state == LEFT:
        return  # we left the network: its news is not ours any more
    checked = await check_entry(node, document)
    if checked.statement is None:
        raise Unprocessable(checked.problem or "refused")
    if checked.statement.state != EXPECTED_STATE[incoming.type]:
        raise Unprocessable(
            f"{incoming.type} carries a statement that says {checked.statement.state!r}"
        )
    if not checked.verified and not await _from_member(node, incoming.actor):
        # Claims nobody can check are kept only on a member's word (and only so many).
        raise Unprocessable(f"{checked.problem}; and {incoming.actor} is not a member")
    await merge(node, checked.statement, verified=checked.verified, introduced_by=incoming.actor)


async def _from_member(node: Node, actor: str) -> bool:
    async with node.sessions() as session:
        row = await member_store.by_node(session, origin_of(actor) or "")
    return row is not None and row.state in member_store.IN_TOUCH
