# Macedonian text: Cyrillic letters that look like Latin ones are meant.
# ruff: noqa: RUF001
"""Publishing in one's own language, end to end, as a new user of `make run` does it.

Ohrid's node is set up as `make run` sets it up (`sinet-node init`, then `python -m
sinet_node.demo`, which publishes the demo content and makes the demo admin); Youth Centre
Split follows it. In headless Chromium at phone width, the admin logs in with the demo
password, switches the interface to Macedonian with the language switcher, and publishes a
practice, an event and a call in Macedonian through the forms; each is then read on Ohrid's
public pages and at Split.

Fields and buttons are found by their ids and names, never by their words: the Macedonian
catalogue of the admin pages may still be partly untranslated, so the test holds whichever
words the page shows. Screenshots: test-artifacts/browser/<session>/screenshots/mk-*.png.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from sinet_node.demo import DEMO_EMAIL, DEMO_PASSWORD
from tests.browser import content
from tests.browser.conftest import FEDERATION_TIMEOUT, replaced
from tests.browser.test_admin import fill, press
from tests.browser.test_pages import _OVERFLOW_JS, console_errors, screenshot, show
from tests.browser.test_publishing_forms import choose, pick, remote_names
from tests.multinode.harness import NodeFleet, NodeProcess, wait_until

pytestmark = pytest.mark.browser

LANGUAGE: Final = "mk"
PUBLISH: Final = "button[name=action][value=publish]"
PREVIEW: Final = "button[name=action][value=preview]"
PRACTICE: Final = "Соседски кругови за грижа"
EVENT: Final = "Работилница: поправка наместо фрлање"
CALL: Final = "Волонтери за меѓугенерациското кафе"
# Far enough ahead that the event is upcoming and the call open whenever the suite runs.
_DAY: Final = datetime.now(UTC) + timedelta(days=40)


@dataclass
class Newsroom:
    ohrid: NodeProcess
    split: NodeProcess
    shots: Path
    files: Path
    published: dict[str, str] = field(default_factory=dict)  # kind -> URI

    def url(self, path: str) -> str:
        return self.ohrid.base_url + path


@pytest.fixture(scope="module")
def newsroom(
    tmp_path_factory: pytest.TempPathFactory, artifacts: Path, browser: WebDriver
) -> Iterator[Newsroom]:
    fleet = NodeFleet(tmp_path_factory.mktemp("mk-nodes"), artifacts / "nodes" / "mk")
    fast = {"first_retry_seconds": 1, "poll_interval_seconds": 0.1}
    try:
        ohrid = fleet.node(
            "ohrid",
            display_name="Municipality of Ohrid",
            settings=fast | {"timezone": "Europe/Skopje"},
            start=False,
        )
        # What `make run` does between `init` and `run`.
        demo = subprocess.run(
            [sys.executable, "-m", "sinet_node.demo", "--data-dir", str(ohrid.data_dir)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert demo.returncode == 0, demo.stderr
        assert f"as {DEMO_EMAIL} / {DEMO_PASSWORD}" in demo.stdout
        ohrid.start()
        split = fleet.node("split", display_name="Youth Centre Split", settings=fast)
        split.follow(ohrid.actor)
        wait_until(
            lambda: {e["state"] for e in split.status()["following"]} == {"accepted"},
            timeout=FEDERATION_TIMEOUT,
            what="Split follows Ohrid",
        )
        files = tmp_path_factory.mktemp("mk-files")
        yield Newsroom(ohrid, split, artifacts / "screenshots", files)
    finally:
        browser.delete_all_cookies()  # the browser is shared with the other browser tests
        fleet.close()


def shot(browser: WebDriver, newsroom: Newsroom, name: str) -> None:
    """A full-page screenshot; the page must fit the phone's width and log no error."""
    layout = browser.execute_script(_OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["width"], f"wider than the screen: {layout}"
    screenshot(browser, newsroom.shots / f"mk-{name}.png")
    here = browser.current_url.split("?")[0]
    errors = [
        error
        for error in console_errors(browser)
        if not (here in error["message"] and "responded with a status of 4" in error["message"])
    ]
    assert errors == []


def in_macedonian(browser: WebDriver) -> None:
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == LANGUAGE


def at_the_desk(browser: WebDriver, newsroom: Newsroom, path: str) -> None:
    """On the admin page `path`, logged in, in Macedonian (when a test runs alone, too)."""
    show(browser, newsroom.url(path), "phone")
    if "/login" in browser.current_url:
        fill(browser, "email", DEMO_EMAIL)
        fill(browser, "password", DEMO_PASSWORD)
        press(browser, By.CSS_SELECTOR, "form.form button[type=submit]")
    if browser.find_element(By.TAG_NAME, "html").get_attribute("lang") != LANGUAGE:
        switch_language(browser)
    assert browser.current_url == newsroom.url(path)
    in_macedonian(browser)


def switch_language(browser: WebDriver) -> None:
    page = browser.find_element(By.TAG_NAME, "html")
    switcher = browser.find_element(By.CSS_SELECTOR, "nav.languages")
    switcher.find_element(By.CSS_SELECTOR, f"a[hreflang='{LANGUAGE}']").click()
    WebDriverWait(browser, 30).until(replaced(page))


def follow(browser: WebDriver, css: str) -> None:
    """Click a link and wait for its page."""
    press(browser, By.CSS_SELECTOR, css)


def published_uri(browser: WebDriver, newsroom: Newsroom, kind: str, name: str) -> str:
    """After Publish: the list, with a banner naming it and a row that links to its page."""
    section = {"practice": "practices", "event": "events", "call": "calls"}[kind]
    assert browser.current_url == newsroom.url(f"/admin/{section}")
    in_macedonian(browser)
    assert name in browser.find_element(By.CSS_SELECTOR, ".flash-success").text
    links = browser.find_elements(By.CSS_SELECTOR, "table.table tbody tr td:first-child a")
    hrefs = {link.text: str(link.get_attribute("href")) for link in links}
    assert name in hrefs, hrefs
    uri = hrefs[name]
    assert uri.startswith(f"{newsroom.ohrid.base_url}/{section}/")
    newsroom.published[kind] = uri
    return uri


def read_everywhere(browser: WebDriver, newsroom: Newsroom, kind: str, name: str, uri: str) -> None:
    """Its page and the public listing at Ohrid, then Split's listing once Split has it."""
    section = {"practice": "practices", "event": "events", "call": "calls"}[kind]
    show(browser, uri, "phone")
    in_macedonian(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    shot(browser, newsroom, f"{kind}-page-phone")
    show(browser, newsroom.url(f"/{section}"), "phone")
    assert name in browser.find_element(By.TAG_NAME, "main").text
    wait_until(
        lambda: remote_names(newsroom.split).get(uri) == name,
        timeout=FEDERATION_TIMEOUT,
        what=f"Split holds the {kind}",
    )
    show(browser, newsroom.split.base_url + f"/{section}", "phone")
    listing = browser.find_element(By.TAG_NAME, "main")
    assert name in listing.text
    # Split's card links to its own copy, which credits Ohrid.
    card = listing.find_element(By.LINK_TEXT, name)
    assert str(card.get_attribute("href")).startswith(f"{newsroom.split.base_url}/network/")
    shot(browser, newsroom, f"{kind}-at-split-phone")


def test_the_demo_admin_logs_in_and_switches_to_macedonian(
    browser: WebDriver, newsroom: Newsroom
) -> None:
    show(browser, newsroom.url("/login?next=/admin"), "phone")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    fill(browser, "email", DEMO_EMAIL)
    fill(browser, "password", DEMO_PASSWORD)
    press(browser, By.CSS_SELECTOR, "form.form button[type=submit]")
    assert browser.current_url == newsroom.url("/admin")
    switch_language(browser)
    # The same page, now in Macedonian, and the switcher says so.
    assert browser.current_url == newsroom.url("/admin")
    in_macedonian(browser)
    current = browser.find_element(By.CSS_SELECTOR, "nav.languages a[aria-current='true']")
    assert current.get_attribute("hreflang") == LANGUAGE
    shot(browser, newsroom, "admin-dashboard-phone")
    # The choice holds on the next page.
    follow(browser, "nav.admin-nav a[href='/admin/practices']")
    in_macedonian(browser)


def test_a_practice_in_macedonian(browser: WebDriver, newsroom: Newsroom) -> None:
    at_the_desk(browser, newsroom, "/admin/practices")
    follow(browser, "a[href='/admin/practices/new']")
    in_macedonian(browser)
    banner = content.banner_png(newsroom.files / "banner.png", (11, 92, 173), (242, 183, 5))
    fill(browser, "name", PRACTICE)
    fill(browser, "summary", "Постарите луѓе и нивните соседи се среќаваат секоја недела.")
    fill(
        browser,
        "content",
        "## Како работи\n\nДесет соседи, од кои еден е **обучен волонтер**.\n\n"
        "- средби секој вторник\n- телефонски круг во зима",
    )
    choose(browser, "language", LANGUAGE)
    fill(browser, "tags", "осаменост, грижа")
    fill(browser, "challenge", "социјална изолација и осаменост")
    choose(browser, "country", "MK")
    fill(browser, "city", "Охрид")
    browser.find_element(By.ID, "image").send_keys(str(banner))
    fill(browser, "image_alt", "Сино-жолт банер")
    press(browser, By.CSS_SELECTOR, PREVIEW)
    in_macedonian(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    post = browser.find_element(By.CSS_SELECTOR, "article.toot")
    assert PRACTICE in post.text and "#осаменост" in post.text
    rendered = browser.find_element(By.CSS_SELECTOR, ".content.rendered")
    assert rendered.find_element(By.TAG_NAME, "strong").text == "обучен волонтер"
    shot(browser, newsroom, "admin-practice-preview-phone")

    press(browser, By.CSS_SELECTOR, PUBLISH)
    uri = published_uri(browser, newsroom, "practice", PRACTICE)
    shot(browser, newsroom, "admin-practices-phone")
    read_everywhere(browser, newsroom, "practice", PRACTICE, uri)
    # Its Cyrillic hashtags lead to the tag's page, which lists it.
    show(browser, uri, "phone")
    tag = browser.find_element(By.CSS_SELECTOR, "a[href*='/tags/']")
    assert "осаменост" in tag.text
    follow(browser, "a[href*='/tags/']")
    assert PRACTICE in browser.find_element(By.TAG_NAME, "main").text


def test_an_event_in_macedonian_after_a_mistake(browser: WebDriver, newsroom: Newsroom) -> None:
    at_the_desk(browser, newsroom, "/admin/events")
    follow(browser, "a[href='/admin/events/new']")
    fill(browser, "name", EVENT)
    fill(browser, "summary", "Донесете ја скршената ламба: заедно ќе ја поправиме.")
    fill(browser, "content", "Работилница за сите генерации во старото училиште.")
    choose(browser, "language", LANGUAGE)
    pick(browser, "start", f"{_DAY:%Y-%m-%d}T10:00")
    pick(browser, "end", f"{_DAY:%Y-%m-%d}T09:00")  # ends before it starts
    fill(browser, "location_name", "Старото училиште")
    fill(browser, "location_address", "Македонски Просветители 12, Охрид")
    choose(browser, "event_type", "workshop")
    press(browser, By.CSS_SELECTOR, PUBLISH)
    # Refused next to the field, whatever words the page uses; nothing was published.
    in_macedonian(browser)
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert summary.find_element(By.CSS_SELECTOR, "a[href='#end']")
    assert browser.find_element(By.ID, "end").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "name").get_attribute("value") == EVENT
    shot(browser, newsroom, "admin-event-mistake-phone")
    pick(browser, "end", f"{_DAY:%Y-%m-%d}T13:00")
    press(browser, By.CSS_SELECTOR, PUBLISH)
    uri = published_uri(browser, newsroom, "event", EVENT)
    read_everywhere(browser, newsroom, "event", EVENT, uri)
    show(browser, uri, "phone")
    assert "10:00" in browser.find_element(By.CSS_SELECTOR, ".facts").text


def test_a_call_in_macedonian(browser: WebDriver, newsroom: Newsroom) -> None:
    at_the_desk(browser, newsroom, "/admin/calls")
    follow(browser, "a[href='/admin/calls/new']")
    fill(browser, "name", CALL)
    fill(browser, "summary", "Помогнете им на постарите соседи и студентите да се запознаат.")
    fill(browser, "content", "Ни требаат луѓе да ги пречекаат гостите и да сварат кафе.")
    choose(browser, "language", LANGUAGE)
    fill(browser, "skills", "гостопримство, македонски")
    pick(browser, "closes", f"{_DAY + timedelta(days=20):%Y-%m-%d}")
    fill(browser, "volunteers_needed", "4")
    browser.find_element(By.ID, "remote").click()
    shot(browser, newsroom, "admin-call-form-phone")
    press(browser, By.CSS_SELECTOR, PUBLISH)
    uri = published_uri(browser, newsroom, "call", CALL)
    read_everywhere(browser, newsroom, "call", CALL, uri)
