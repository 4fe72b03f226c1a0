"""Fixtures for the browser tests: Debian's headless Chromium, and a small network of real nodes.

Three `sinet-node run` processes on loopback (the multinode harness): the Municipality of
Ohrid follows Youth Centre Split and the Municipality of Alcorcón, all three publish, and the
browser visits Ohrid's node, which shows its own publications and the other two's.

Chromium and chromedriver are Debian's (`apt-get install chromium chromium-driver`;
scripts/browser-tools.sh does it for `make test`). Without them the suite fails under CI
(CI=true) and is skipped elsewhere, with the reason. Screenshots and node logs are kept in
test-artifacts/browser/<session>/ (or under $SINET_TEST_ARTIFACTS).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from tests.browser import content
from tests.multinode.harness import NodeFleet, NodeProcess, wait_until

CHROMIUM = Path(os.environ.get("SINET_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("SINET_CHROMEDRIVER", "/usr/bin/chromedriver"))
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=en-GB",
)
FEDERATION_TIMEOUT = 60.0


def replaced(page: WebElement) -> Callable[[WebDriver], bool]:
    """Whether the document `page` belongs to has been replaced by the next one. While it is
    being torn down Chrome may say that its node 'does not belong to the document' rather
    than that it is stale: both mean the old page is gone."""

    def gone(_browser: WebDriver) -> bool:
        try:
            page.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    return gone


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    base = os.environ.get("SINET_TEST_ARTIFACTS")
    root = Path(base) if base else Path(__file__).resolve().parents[2] / "test-artifacts"
    session = root / "browser" / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    (session / "screenshots").mkdir(parents=True, exist_ok=True)
    return session


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        reason = (
            f"the browser tests need Debian's chromium and chromedriver; missing: "
            f"{', '.join(missing)} (apt-get install chromium chromium-driver, or run "
            f"scripts/browser-tools.sh as root)"
        )
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


@dataclass(frozen=True)
class PageCase:
    """A page to open: where, the heading it must show, links it must carry, its status."""

    url: str
    heading: str
    links: tuple[str, ...] = ()
    status: int = 200


@dataclass(frozen=True)
class Network:
    ohrid: NodeProcess
    split: NodeProcess
    alcorcon: NodeProcess
    pages: dict[str, PageCase]  # the object pages, by name

    @property
    def feeds(self) -> tuple[str, str]:
        return (f"{self.ohrid.actor}/feed.rss", f"{self.ohrid.actor}/feed.atom")


class _Anchors(HTMLParser):
    """href -> link text of every <a>, read from a page as served."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), ""

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links[re.sub(r"\s+", " ", self._text).strip()] = self._href
            self._href = None


def link_to(node: NodeProcess, path: str, text: str) -> str:
    """Where the link called `text` on the node's page at `path` leads, as a visitor finds it."""
    response = httpx.get(node.base_url + path, headers={"Accept": "text/html"}, timeout=10)
    anchors = _Anchors()
    anchors.feed(response.text)
    assert text in anchors.links, f"no link {text!r} on {path}: {sorted(anchors.links)}"
    return anchors.links[text]


def _publish_all(node: NodeProcess, items: list[tuple[str, dict[str, object]]]) -> list[str]:
    return [node.publish(kind, data) for kind, data in items]


def _following_accepted(node: NodeProcess, actors: set[str]) -> bool:
    states = {entry["actor"]: entry["state"] for entry in node.status()["following"]}
    return all(states.get(actor) == "accepted" for actor in actors)


def _holds(node: NodeProcess, ids: set[str]) -> bool:
    return ids <= {item["id"] for item in node.objects(remote=True)}


@pytest.fixture(scope="session")
def network(tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> Iterator[Network]:
    fleet = NodeFleet(tmp_path_factory.mktemp("browser-nodes"), artifacts / "nodes")
    try:
        yield _build_network(fleet, tmp_path_factory.mktemp("browser-media"))
    finally:
        fleet.close()


def _build_network(fleet: NodeFleet, media: Path) -> Network:
    fast = {"first_retry_seconds": 1, "poll_interval_seconds": 0.1}
    ohrid = fleet.node(
        "ohrid",
        display_name="Municipality of Ohrid",
        settings=fast
        | {
            "timezone": "Europe/Skopje",
            "summary": "Social innovation in the Municipality of Ohrid: housing, care and "
            "work for every generation.",
        },
    )
    split = fleet.node(
        "split",
        display_name="Youth Centre Split",
        settings=fast | {"timezone": "Europe/Zagreb"},
    )
    alcorcon = fleet.node(
        "alcorcon",
        display_name="Municipality of Alcorcón",
        settings=fast | {"timezone": "Europe/Madrid"},
    )
    for peer in (split, alcorcon):
        ohrid.follow(peer.actor)
    wait_until(
        lambda: _following_accepted(ohrid, {split.actor, alcorcon.actor}),
        timeout=FEDERATION_TIMEOUT,
        what="Ohrid's follows accepted",
    )
    ohrid_banner = content.banner_png(media / "ohrid.png", (11, 92, 173), (27, 122, 61))
    split_banner = content.banner_png(media / "split.png", (164, 67, 11), (242, 183, 5))
    ours = _publish_all(ohrid, content.ohrid(ohrid_banner))
    theirs = _publish_all(split, content.split(split_banner)) + _publish_all(
        alcorcon, content.alcorcon()
    )
    wait_until(
        lambda: _holds(ohrid, set(theirs)),
        timeout=FEDERATION_TIMEOUT,
        what="Ohrid holds what Split and Alcorcón published",
    )
    return Network(ohrid, split, alcorcon, _pages(ohrid, split, alcorcon, ours, theirs))


def _pages(
    ohrid: NodeProcess,
    split: NodeProcess,
    alcorcon: NodeProcess,
    ours: list[str],
    theirs: list[str],
) -> dict[str, PageCase]:
    base = ohrid.base_url
    feeds = (f"{ohrid.actor}/feed.rss", f"{ohrid.actor}/feed.atom")
    own = dict(zip(("practice", "event", "cancelled-event", "call"), ours, strict=True))
    names = {
        "practice": "Tandem Homes: students living with older people",
        "event": "Co-learning workshop: transfer toolkits for social innovation",
        "cancelled-event": "Focus group: loneliness in winter",
        "call": "Volunteers for the intergenerational café",
        "split-practice": "Youth Guarantee desk: an offer within four months",
        "split-event": "Webinar: the Youth Guarantee after five years",
        "split-call": "Mentors for first job interviews",
        "alcorcon-practice": "Caring neighbourhoods: a network against loneliness",
        "alcorcon-event": "SINet conference 2027: cities that care",
    }
    pages = {
        key: PageCase(uri, names[key], links=(f"{base}/@ohrid", *feeds)) for key, uri in own.items()
    }
    for key in ("event", "cancelled-event"):
        pages[key] = PageCase(
            own[key], names[key], links=(f"{own[key]}.ics", f"{ohrid.actor}/events.ics")
        )
    remote = dict(
        zip(
            ("split-practice", "split-event", "split-call", "alcorcon-practice", "alcorcon-event"),
            theirs,
            strict=True,
        )
    )
    for key, original in remote.items():
        peer = split if key.startswith("split") else alcorcon
        # Found as a visitor finds it: in the network's listing of that kind.
        listing = {"practice": "/practices", "event": "/events", "call": "/calls"}[
            key.split("-")[1]
        ]
        url = link_to(ohrid, listing, names[key])
        assert url.startswith(f"{base}/network/"), url
        pages[key] = PageCase(url, names[key], links=(original, f"{peer.base_url}/@{peer.name}"))
    return pages
