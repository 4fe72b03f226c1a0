"""Publishing from the browser, as an editor does it, in headless Chromium against real nodes.

Two `sinet-node run` processes: Ohrid, where the editor works, and Split, which follows Ohrid.
The editor is made with `sinet-node admin create`, logs in with the one-time password and
chooses their own; then fills the forms for a practice (with a banner upload and a
translation), an event (first with a mistake) and a call, previews and publishes each, sees
them on Ohrid's public pages and at Split, edits the practice and deletes the call.
Screenshots go to test-artifacts/browser/<session>/screenshots/publishing-*.png.

Typing into date and time pickers depends on the browser's locale, so those two fields are
set through their `value`, as a picker sets them; everything else is typed and clicked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser import content
from tests.browser.conftest import FEDERATION_TIMEOUT, replaced
from tests.browser.test_pages import console_errors, screenshot, show
from tests.multinode.harness import NodeFleet, NodeProcess, wait_until

pytestmark = pytest.mark.browser

EDITOR = "editor@ohrid.example"
NEW_PASSWORD = "olive trees by the lake"


@dataclass
class Desk:
    """The two nodes, where screenshots go, and what the editor published so far."""

    ohrid: NodeProcess
    split: NodeProcess
    shots: Path
    one_time_password: str
    published: dict[str, str] = field(default_factory=dict)

    def shot(self, browser: WebDriver, name: str) -> None:
        path = self.shots / f"publishing-{name}.png"
        screenshot(browser, path)
        assert path.read_bytes().startswith(b"\x89PNG")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> Iterator[Desk]:
    fleet = NodeFleet(tmp_path_factory.mktemp("publishing-nodes"), artifacts / "nodes")
    fast = {"first_retry_seconds": 1, "poll_interval_seconds": 0.1}
    try:
        ohrid = fleet.node(
            "ohrid",
            display_name="Municipality of Ohrid",
            settings=fast | {"timezone": "Europe/Skopje"},
        )
        split = fleet.node(
            "split",
            display_name="Youth Centre Split",
            settings=fast | {"timezone": "Europe/Zagreb"},
        )
        split.follow(ohrid.actor)
        wait_until(
            lambda: {e["state"] for e in split.status()["following"]} == {"accepted"},
            timeout=FEDERATION_TIMEOUT,
            what="Split follows Ohrid",
        )
        password = ohrid.cli("admin", "create", "--email", EDITOR, "--role", "editor")
        yield Desk(ohrid, split, artifacts / "screenshots", password.strip().splitlines()[-1])
    finally:
        fleet.close()


def type_into(browser: WebDriver, field_id: str, text: str) -> WebElement:
    element = browser.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)
    return element


def choose(browser: WebDriver, field_id: str, value: str) -> None:
    Select(browser.find_element(By.ID, field_id)).select_by_value(value)


def pick(browser: WebDriver, field_id: str, value: str) -> None:
    """What a date or time picker does: set the field's value."""
    element = browser.find_element(By.ID, field_id)
    browser.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        element,
        value,
    )
    assert element.get_attribute("value") == value


def press(browser: WebDriver, label: str) -> None:
    """Click a button that sends its form, and wait for the page that answers."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, f"//button[normalize-space()='{label}']").click()
    WebDriverWait(browser, 15).until(replaced(page))


def no_mistakes(browser: WebDriver) -> None:
    summaries = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert not summaries, summaries[0].text


def flash(browser: WebDriver) -> str:
    return str(browser.find_element(By.CSS_SELECTOR, ".flash").text)


def remote_names(node: NodeProcess) -> dict[str, str]:
    return {item["id"]: item["name"] for item in node.objects(remote=True)}


def newest_link(browser: WebDriver, desk: Desk, section: str) -> str:
    link = browser.find_element(By.CSS_SELECTOR, "table.table tbody tr td a")
    href = str(link.get_attribute("href"))
    assert href.startswith(f"{desk.ohrid.base_url}/{section}/")
    return href


def images_loaded(browser: WebDriver) -> list[dict[str, object]]:
    return list(
        browser.execute_script(
            "return [...document.images].map(i => ({src: i.src, ok: i.complete && "
            "i.naturalWidth > 0, alt: i.getAttribute('alt')}))"
        )
    )


def test_log_in_with_the_one_time_password_and_choose_a_new_one(
    browser: WebDriver, desk: Desk
) -> None:
    show(browser, f"{desk.ohrid.base_url}/admin/practices/new", "desktop")
    assert "/login" in browser.current_url  # not logged in: sent to the login first
    type_into(browser, "email", EDITOR)
    type_into(browser, "password", desk.one_time_password)
    press(browser, "Log in")
    assert "/admin/password" in browser.current_url
    type_into(browser, "current_password", desk.one_time_password)
    type_into(browser, "new_password", NEW_PASSWORD)
    type_into(browser, "confirm_password", NEW_PASSWORD)
    press(browser, "Change password")
    # Back where the editor wanted to go.
    assert browser.current_url.endswith("/admin/practices/new")
    assert browser.find_element(By.TAG_NAME, "h1").text == "New practice"


def test_a_practice_with_a_banner_and_a_translation(
    browser: WebDriver, desk: Desk, tmp_path: Path
) -> None:
    banner = content.banner_png(tmp_path / "banner.png", (11, 92, 173), (242, 183, 5))
    show(browser, f"{desk.ohrid.base_url}/admin/practices/new", "desktop")
    type_into(browser, "name", "Tandem Homes: students living with older people")
    type_into(
        browser,
        "summary",
        "Students get a room, older people get company: matched by the city.",
    )
    type_into(
        browser,
        "content",
        "## How it works\n\nThe city matches a **student** with an older person.\n\n"
        "- a room for a few hours of company\n- a contract for one school year",
    )
    type_into(browser, "tags", "loneliness, housing")
    type_into(browser, "challenge", "social isolation and loneliness")
    choose(browser, "country", "MK")
    type_into(browser, "city", "Ohrid")
    type_into(browser, "target_groups", "older people\nstudents")
    choose(browser, "innovation_type", "complement")
    choose(browser, "evidence_level", "anecdotal")
    browser.find_element(By.ID, "image").send_keys(str(banner))
    type_into(browser, "image_alt", "A blue and yellow banner")
    choose(browser, "tr-0-lang", "mk")
    type_into(browser, "tr-0-name", "Тандем домови")
    type_into(browser, "tr-0-summary", "Студенти и постари луѓе живеат заедно.")
    press(browser, "Preview")
    no_mistakes(browser)

    post = browser.find_element(By.CSS_SELECTOR, "article.toot")
    assert "Tandem Homes: students living with older people" in post.text
    assert "Students get a room" in post.text and "#loneliness" in post.text
    rendered = browser.find_element(By.CSS_SELECTOR, ".content.rendered")
    assert rendered.find_element(By.TAG_NAME, "strong").text == "student"
    assert all(image["ok"] for image in images_loaded(browser)), images_loaded(browser)
    assert console_errors(browser) == []
    desk.shot(browser, "practice-preview")

    press(browser, "Publish")
    assert browser.current_url.endswith("/admin/practices")
    assert "Published “Tandem Homes" in flash(browser)
    desk.shot(browser, "practice-list")
    uri = newest_link(browser, desk, "practices")
    desk.published["practice"] = uri

    show(browser, uri, "desktop")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Tandem Homes")
    banner_image = browser.find_element(By.CSS_SELECTOR, "img.banner")
    assert banner_image.get_attribute("alt") == "A blue and yellow banner"
    assert all(image["ok"] for image in images_loaded(browser))
    desk.shot(browser, "practice-page")
    name = "Tandem Homes: students living with older people"
    wait_until(
        lambda: remote_names(desk.split).get(uri) == name,
        timeout=FEDERATION_TIMEOUT,
        what="Split holds the practice",
    )


def test_an_event_first_with_a_mistake_then_right(browser: WebDriver, desk: Desk) -> None:
    show(browser, f"{desk.ohrid.base_url}/admin/events/new", "desktop")
    type_into(browser, "name", "Co-learning workshop: transfer toolkits")
    type_into(browser, "summary", "A half-day workshop for municipalities.")
    type_into(browser, "content", "Bring one practice you would like to try in your city.")
    pick(browser, "start", "2027-04-29T10:00")
    pick(browser, "end", "2027-04-29T09:00")  # ends before it starts
    type_into(browser, "location_name", "Ohrid City Hall")
    type_into(browser, "location_address", "Dimitar Vlahov 57, Ohrid")
    choose(browser, "event_type", "workshop")
    press(browser, "Publish")

    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "Nothing was published yet" in summary.text
    # The summary has the focus: the keyboard and a screen reader start at the mistakes.
    assert browser.switch_to.active_element == summary
    link = summary.find_element(By.CSS_SELECTOR, "a[href='#end']")
    message = browser.find_element(By.ID, "end-error").text
    assert message.startswith("End must be after")
    assert "end-error" in str(browser.find_element(By.ID, "end").get_attribute("aria-describedby"))
    desk.shot(browser, "event-errors")
    link.click()  # the summary takes the keyboard to the field
    assert browser.switch_to.active_element.get_attribute("id") == "end"

    pick(browser, "end", "2027-04-29T14:00")
    press(browser, "Publish")
    assert "Published “Co-learning workshop" in flash(browser)
    uri = newest_link(browser, desk, "events")
    desk.published["event"] = uri
    show(browser, uri, "phone")
    assert "10:00" in browser.find_element(By.CSS_SELECTOR, ".facts").text
    desk.shot(browser, "event-page-phone")
    wait_until(
        lambda: uri in remote_names(desk.split), timeout=FEDERATION_TIMEOUT, what="Split holds it"
    )


def test_a_call_for_volunteers(browser: WebDriver, desk: Desk) -> None:
    show(browser, f"{desk.ohrid.base_url}/admin/calls/new", "phone")
    type_into(browser, "name", "Volunteers for the intergenerational café")
    type_into(browser, "summary", "Help older neighbours and students meet every Thursday.")
    type_into(browser, "content", "We need people to welcome guests and make coffee.")
    type_into(browser, "skills", "hosting, Macedonian")
    pick(browser, "closes", "2027-05-31")
    type_into(browser, "volunteers_needed", "6")
    browser.find_element(By.ID, "remote").click()
    press(browser, "Preview")
    assert (
        "Volunteers for the intergenerational café"
        in browser.find_element(By.CSS_SELECTOR, "article.toot").text
    )
    desk.shot(browser, "call-preview-phone")
    press(browser, "Publish")
    assert "Published “Volunteers" in flash(browser)
    uri = newest_link(browser, desk, "calls")
    desk.published["call"] = uri
    wait_until(
        lambda: uri in remote_names(desk.split), timeout=FEDERATION_TIMEOUT, what="Split holds it"
    )


def test_editing_the_practice_reaches_the_page_and_split(browser: WebDriver, desk: Desk) -> None:
    uri = desk.published["practice"]
    token = uri.rsplit("/", 1)[1]
    show(browser, f"{desk.ohrid.base_url}/admin/practices", "desktop")
    browser.find_element(By.CSS_SELECTOR, f"a[href='/admin/practices/{token}/edit']").click()
    name = browser.find_element(By.ID, "name")
    assert name.get_attribute("value") == "Tandem Homes: students living with older people"
    assert browser.find_element(By.ID, "tr-0-name").get_attribute("value") == "Тандем домови"
    # The banner stays unless another is chosen.
    assert browser.find_element(By.CSS_SELECTOR, ".current-banner img").get_attribute("src")
    type_into(browser, "name", "Tandem Homes: students and older people under one roof")
    press(browser, "Save changes")
    assert "Saved “Tandem Homes: students and older people" in flash(browser)
    page = httpx.get(uri, headers={"Accept": "text/html"}, timeout=10)
    assert "under one roof" in page.text
    assert "/media/" in page.text  # the banner is still there
    wait_until(
        lambda: remote_names(desk.split).get(uri, "").endswith("under one roof"),
        timeout=FEDERATION_TIMEOUT,
        what="Split applies the Update",
    )


def test_deleting_the_call_asks_first(browser: WebDriver, desk: Desk) -> None:
    uri = desk.published["call"]
    token = uri.rsplit("/", 1)[1]
    show(browser, f"{desk.ohrid.base_url}/admin/calls", "desktop")
    browser.find_element(By.CSS_SELECTOR, f"a[href='/admin/calls/{token}/delete']").click()
    assert "cannot be undone" in browser.find_element(By.TAG_NAME, "main").text
    desk.shot(browser, "call-delete-confirm")
    press(browser, "Delete it")
    assert "Deleted “Volunteers" in flash(browser)
    assert httpx.get(uri, headers={"Accept": "text/html"}, timeout=10).status_code == 410
    wait_until(
        lambda: uri not in remote_names(desk.split),
        timeout=FEDERATION_TIMEOUT,
        what="Split removes the call",
    )
