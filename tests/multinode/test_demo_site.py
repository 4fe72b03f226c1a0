"""The README's run command, as a visitor sees it: `make demo-init` then `sinet-node run`.

The node is made exactly as `make run` makes it (the Makefile's own `demo-init` target, into a
temporary directory and port), then a visitor finds a practice by a word of its text and by
every filter the catalogue offers, sees the events in the month calendar, imports the .ics
into two calendar parsers and reads the volunteer board.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import httpx
import icalendar
import pytest
import vobject

from tests.multinode.harness import NodeFleet, NodeProcess, wait_until
from tests.multinode.samples import sample

ROOT = Path(__file__).resolve().parents[2]


class _Page(HTMLParser):
    """Headings, links and the options of every <select> of a listing page."""

    def __init__(self) -> None:
        super().__init__()
        self.selects: dict[str, list[str]] = {}
        self.text: list[str] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "select":
            self._select = values.get("name") or ""
            self.selects[self._select] = []
        elif tag == "option" and self._select and values.get("value"):
            self.selects[self._select].append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visit(node: NodeProcess, path: str, **params: str) -> _Page:
    response = httpx.get(node.base_url + path, params=params, timeout=10)
    assert response.status_code == 200, (path, params, response.text[:300])
    page = _Page()
    page.feed(response.text)
    return page


def count_of(page: _Page, noun: str) -> int:
    """The results heading: '14 practices', '1 practice matching …'."""
    for text in page.text:
        words = text.split()
        if len(words) >= 2 and words[0].isdigit() and " ".join(words[1:]).startswith(noun):
            return int(words[0])
    raise AssertionError(f"no result count for {noun}")


@pytest.fixture(scope="module")
def demo_init(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[NodeProcess, str]]:
    root = tmp_path_factory.mktemp("demo")
    fleet = NodeFleet(root / "nodes", root / "logs")
    node = NodeProcess(root=fleet.root, logs=fleet.logs, name="demo", username="ohrid")
    fleet.nodes.append(node)
    made = subprocess.run(
        ["make", "--no-print-directory", "demo-init", f"DEMO_DIR={node.data_dir}",
         f"DEMO_PORT={node.port}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    node.start()
    yield node, made.stdout
    fleet.close()


@pytest.fixture(scope="module")
def demo(demo_init: tuple[NodeProcess, str]) -> NodeProcess:
    return demo_init[0]


def csrf_token(page: httpx.Response) -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text[:300]
    return token.group(1)


def logged_in(node: NodeProcess, output: str) -> tuple[httpx.Client, str]:
    """A browser session of the demo admin, as `make run` says to log in."""
    said = re.search(r"Log in at (\S+) as (\S+) / (\S+)", output)
    assert said, output
    login, email, password = said.groups()
    assert login == f"{node.base_url}/login"
    browser = httpx.Client(base_url=node.base_url, timeout=60, headers={"Accept": "text/html"})
    answer = browser.post(
        "/login",
        data={
            "csrf_token": csrf_token(browser.get("/login")),
            "email": email,
            "password": password,
        },
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/admin"
    return browser, email


def test_the_run_command_says_how_to_log_in_and_it_works(
    demo_init: tuple[NodeProcess, str],
) -> None:
    browser, email = logged_in(*demo_init)
    with closing(browser):
        admin = browser.get("/admin")
        assert admin.status_code == 200  # no forced change: the demo password is for everyone
        assert f"Signed in as {email}" in admin.text


def test_a_practice_is_found_by_a_word_of_its_text(demo: NodeProcess) -> None:
    # "limbo" is only in the body of "Curing the Limbo" (Athens), not in any other practice.
    page = visit(demo, "/practices", q="limbo")
    assert count_of(page, "practice") == 1
    assert "Curing the Limbo" in page.text


def test_every_filter_the_catalogue_offers_finds_practices(demo: NodeProcess) -> None:
    page = visit(demo, "/practices")
    total = count_of(page, "practice")
    assert total >= 12, "the demo network has a dozen practices or more"
    expected = {"challenge", "target_group", "country", "innovation_type", "evidence_level",
                "language", "organisation"}  # fmt: skip
    assert expected <= set(page.selects), page.selects
    for name in sorted(expected):
        assert page.selects[name], f"the {name} filter offers nothing"
        for value in page.selects[name]:
            found = count_of(visit(demo, "/practices", **{name: value}), "practice")
            assert 1 <= found <= total, (name, value, found)


def test_the_events_show_in_the_calendar_and_import_into_calendar_apps(demo: NodeProcess) -> None:
    feed = httpx.get(demo.base_url + "/events.ics", timeout=10)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert len(events) >= 5
    assert len(list(vobject.readOne(feed.text).vevent_list)) == len(events)
    upcoming = sorted(
        (event.decoded("DTSTART"), str(event["SUMMARY"]))
        for event in events
        if event.decoded("DTSTART") > datetime.now(UTC)
    )
    start, name = upcoming[0]
    calendar = visit(demo, "/events/calendar", month=f"{start:%Y-%m}")
    assert name in " ".join(calendar.text)


def test_the_volunteer_board_shows_open_calls_only(demo: NodeProcess) -> None:
    board = " ".join(visit(demo, "/calls").text)
    assert "Mentors for the summer jobs desk" in board  # Šibenik, closes in 12 days
    # Also Šibenik's, remote, closed six days ago: stored, but off the board.
    assert "Translators for the youth exchange" not in board
    remote = " ".join(visit(demo, "/calls", remote="yes").text)
    assert "Mentors for the summer jobs desk" not in remote  # in person only
    assert count_of(visit(demo, "/calls", remote="yes"), "open call") >= 1


def test_a_second_local_node_joins_the_demo_node_and_gets_its_publications(
    demo: NodeProcess, fleet: NodeFleet
) -> None:
    second = fleet.node(
        "second",
        display_name="Youth Centre Split",
        settings={"membership_check_seconds": 2},
        start=False,
    )
    own = [item["id"] for item in demo.objects() if item["id"].startswith(demo.base_url)]
    summary = second.join(demo.base_url)
    assert summary["members"] == [demo.base_url]
    assert summary["imported"] == len(own) and summary["failures"] == []
    assert set(own) <= {item["id"] for item in second.objects(remote=True)}
    second.start()
    wait_until(
        lambda: demo.network().get(second.base_url, {}).get("state") == "active",
        timeout=60,
        what="the demo node lists the second node as a member",
    )


def test_the_demo_admin_joins_a_network_from_the_browser(
    demo_init: tuple[NodeProcess, str], fleet: NodeFleet
) -> None:
    demo = demo_init[0]
    third = fleet.node("third", display_name="Comune di Bologna")
    third.publish("practice", sample("practice", " (Bologna)"))
    browser, _ = logged_in(*demo_init)
    with closing(browser):
        token = csrf_token(browser.get("/admin/network"))
        answer = browser.post(
            "/admin/network/join", data={"csrf_token": token, "target": third.base_url}
        )
        assert answer.status_code == 303, answer.text[:500]
        page = browser.get(answer.headers["location"]).text
    assert f"Joined the network through {third.base_url}" in page
    assert "objects imported: 1" in page
    assert demo.network()[third.base_url]["state"] == "active"
    wait_until(
        lambda: demo.base_url in third.network(),
        timeout=60,
        what="the node joined through learns of the demo node",
    )
