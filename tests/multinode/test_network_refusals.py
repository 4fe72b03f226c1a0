"""Bad input to the membership protocol (issue 7): nothing half-joined, nothing forged.

`sinet-node join` against servers that are not SINet nodes, cannot be reached, answer
garbage, list members without end or forge their own statement exits 1 with one line that
says why, and leaves the node exactly as it was: no member, no follow, nothing queued. A
directory with forged entries for a real node is joined without them. A running member
refuses forged Add and Remove activities relayed by a third party, and takes a genuine
statement relayed the same way.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.multinode.fake_fediverse import FakeFediverse
from tests.multinode.harness import NodeFleet, NodeProcess, free_port, wait_until
from tests.multinode.hostile_member import HostileMember

pytestmark = pytest.mark.multinode

TIMEOUT = 60.0
FAST = {"first_retry_seconds": 1, "membership_check_seconds": 2}


@pytest.fixture(scope="module")
def joiner(module_fleet: NodeFleet) -> NodeProcess:
    return module_fleet.node("joiner", start=False)


def untouched(node: NodeProcess) -> None:
    """No member, no follow, nothing waiting to be sent."""
    assert node.network() == {}
    status = node.status()
    assert status["following"] == []
    assert status["deliveries"]["pending"] == 0


def refused(node: NodeProcess, target: str) -> str:
    result = node.run_cli("join", target)
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    message = lines[-1]
    assert message.startswith("sinet-node join: "), result.stderr
    return message


@pytest.mark.parametrize(
    ("behaviour", "says"),
    [
        ("not-sinet", "is not a SINet node: its NodeInfo does not declare the sinet-membership"),
        ("garbage-nodeinfo", "is not a SINet node: /.well-known/nodeinfo gave"),
        ("garbage-directory", "could not read"),
        ("endless-entries", "lists more than 1000 members"),
        ("endless-pages", "pages on without end"),
        ("forged-self", "has no valid statement of its own membership"),
        ("no-instance-actor", "names no instance actor on its own origin"),
    ],
)
def test_a_join_through_a_bad_member_fails_with_one_line_and_leaves_nothing(
    joiner: NodeProcess, behaviour: str, says: str
) -> None:
    with HostileMember(behaviour) as hostile:
        message = refused(joiner, hostile.base_url)
        if behaviour.startswith("endless"):
            assert hostile.pages_served <= 102  # it stopped reading
    assert says in message, message
    untouched(joiner)


def test_a_join_through_an_unreachable_address_or_a_non_address_fails_cleanly(
    joiner: NodeProcess,
) -> None:
    assert "could not reach" in refused(joiner, f"http://127.0.0.1:{free_port()}")
    assert "could not look up" in refused(joiner, f"nobody@127.0.0.1:{free_port()}")
    assert "this node itself" in refused(joiner, joiner.base_url)
    untouched(joiner)


def test_forged_entries_for_a_real_node_are_refused_and_the_rest_is_joined(
    module_fleet: NodeFleet,
) -> None:
    victim = module_fleet.node("victim", settings=FAST)  # a real node, in no network
    newcomer = module_fleet.node("newcomer", start=False)
    with HostileMember("forged-entry", victim=victim.base_url) as hostile:
        summary = newcomer.join(hostile.base_url)
        assert summary["members"] == [hostile.base_url]
        failures = [
            failure for failure in summary["failures"] if failure["what"] == victim.base_url
        ]
        assert len(failures) == 2, summary
        assert all("forged" in failure["why"] for failure in failures), failures
        assert victim.base_url not in newcomer.network()
        assert victim.actor not in [entry["actor"] for entry in newcomer.status()["following"]]


def relayed(
    statement: dict[str, Any], activity_type: str, relay: str, number: int
) -> dict[str, Any]:
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{relay}/activities/{activity_type.lower()}-{number}",
        "type": activity_type,
        "actor": relay,
        "object": statement,
    }


def test_a_member_refuses_forged_news_and_takes_genuine_news_from_any_relay(
    module_fleet: NodeFleet,
) -> None:
    member = module_fleet.node("member", settings=FAST)
    friend = module_fleet.node("friend", settings=FAST)
    stranger = module_fleet.node("stranger", settings=FAST)
    genuine = friend.get(f"{friend.base_url}/actor/membership").json()
    with FakeFediverse(servers=1, actors_per_server=1) as fakes:
        relay = fakes.actors[0]
        forger = HostileMember("forged-entry", victim=stranger.base_url)
        forged = forger.entries()[1]  # the stranger's statement, signed by the forger
        left = dict(genuine, membershipState="left", updated="2030-01-01T00:00:00Z")
        inbox = f"{member.base_url}/inbox"
        answers = [
            fakes.run(fakes.post(relay, inbox, activity), timeout=30)
            for activity in (
                relayed(forged, "Add", relay.id, 1),
                relayed(genuine, "Add", relay.id, 2),
                relayed(left, "Remove", relay.id, 3),  # altered after signing
            )
        ]
        assert [answer.status_code for answer in answers] == [202, 202, 202]
        wait_until(
            lambda: member.network().get(friend.base_url, {}).get("state") == "active",
            timeout=TIMEOUT,
            what="the member lists the friend, whose genuine statement a third party relayed",
        )
    assert stranger.base_url not in member.network()
    status = member.status()
    assert stranger.actor not in [entry["actor"] for entry in status["following"]]
    wait_until(
        lambda: friend.actor in [entry["actor"] for entry in member.status()["following"]],
        timeout=TIMEOUT,
        what="the member follows the friend's organisation",
    )
    assert member.network()[friend.base_url]["state"] == "active"  # the forged Remove failed


def test_a_member_found_by_webfinger_for_its_origin_can_be_joined(
    module_fleet: NodeFleet,
) -> None:
    newcomer = module_fleet.node("finder", start=False)
    with HostileMember("webfinger-only") as member:
        summary = newcomer.join(member.base_url)
    assert summary["members"] == [member.base_url]
    # It serves no organisation: only reading what it published can fail.
    assert [failure["why"].split(":")[0] for failure in summary["failures"]] == ["backfill stopped"]
    assert newcomer.network()[member.base_url]["state"] == "active"
