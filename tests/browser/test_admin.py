"""The admin pages in headless Chromium, against two real nodes: the Municipality of Ohrid
(approves its followers by hand) and Youth Centre Split, which asks to follow it.

An admin made with `sinet-node admin create` logs in through the form with the one-time
password, is made to choose a password, accepts Split's follow request, changes the
profile (and sees it on the public pages and at Split), and uses the federation page to
send again what Split missed while it was down. Screenshots of each page are kept in
test-artifacts/browser/<session>/screenshots/admin-*.png.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from PIL import Image
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.conftest import FEDERATION_TIMEOUT, replaced
from tests.browser.test_pages import console_errors, screenshot, show
from tests.multinode.harness import NodeFleet, NodeProcess, wait_until

pytestmark = pytest.mark.browser

EMAIL = "ana@ohrid.example"
NEW_PASSWORD = "lake ohrid in the morning"
NEW_NAME = "Municipality of Ohrid: Social Services"
PRACTICE = {
    "name": "Neighbourhood care circles",
    "summary": "Older people and their neighbours meet weekly and look after each other.",
    "content": "Circles of ten neighbours, one of them a trained volunteer.",
    "tags": ["loneliness"],
    "challenge": "social isolation and loneliness",
    "country": "MK",
}


@dataclass
class Site:
    ohrid: NodeProcess
    split: NodeProcess
    one_time_password: str
    shots: Path
    password: str | None = None  # the admin's own, once chosen

    def url(self, path: str) -> str:
        return self.ohrid.base_url + path


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, artifacts: Path, browser: WebDriver
) -> Iterator[Site]:
    fleet = NodeFleet(tmp_path_factory.mktemp("admin-nodes"), artifacts / "nodes")
    try:
        # A long first retry: only the federation page's button may hurry a delivery.
        ohrid = fleet.node(
            "ohrid",
            display_name="Municipality of Ohrid",
            settings={
                "manually_approves_followers": True,
                "first_retry_seconds": 3600,
                "poll_interval_seconds": 0.1,
            },
        )
        split = fleet.node(
            "split",
            display_name="Youth Centre Split",
            settings={"first_retry_seconds": 1, "poll_interval_seconds": 0.1},
        )
        split.follow(ohrid.actor)
        wait_until(
            lambda: ohrid.cli_json("requests", "--json"),
            timeout=FEDERATION_TIMEOUT,
            what="Split's follow request reaches Ohrid",
        )
        password = ohrid.cli("admin", "create", "--email", EMAIL).strip().splitlines()[-1]
        yield Site(ohrid, split, password, artifacts / "screenshots")
    finally:
        browser.delete_all_cookies()  # the browser is shared with the other browser tests
        fleet.close()


def shoot(browser: WebDriver, site: Site, name: str) -> None:
    path = site.shots / f"admin-{name}.png"
    screenshot(browser, path)
    assert path.read_bytes().startswith(b"\x89PNG")
    # A form answered with 400 or 429 is reported as a failed load of the page itself.
    here = browser.current_url.split("?")[0]
    errors = [
        error
        for error in console_errors(browser)
        if not (
            error["message"].startswith(here) and "responded with a status of 4" in error["message"]
        )
    ]
    assert errors == []


def fill(browser: WebDriver, field_id: str, text: str) -> None:
    element = browser.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def press(browser: WebDriver, by: str, selector: str) -> None:
    """Click a submit button and wait for the page the server answers with."""
    page = browser.find_element(By.TAG_NAME, "html")
    button = browser.find_element(by, selector)
    # A full-page screenshot can leave the viewport where the button is not: bring it back.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(browser, 30).until(replaced(page))


def banner(browser: WebDriver) -> str:
    return str(browser.find_element(By.CSS_SELECTOR, ".flash").text)


def log_in(browser: WebDriver, site: Site) -> None:
    """Be logged in on Ohrid (through the form), whatever the tests before did."""
    show(browser, site.url("/admin"), "desktop")
    if "/login" not in browser.current_url:
        return
    fill(browser, "email", EMAIL)
    fill(browser, "password", site.password or site.one_time_password)
    press(browser, By.CSS_SELECTOR, "form.form button[type=submit]")
    if "/admin/password" in browser.current_url:
        choose_password(browser, site)


def choose_password(browser: WebDriver, site: Site) -> None:
    fill(browser, "current_password", site.one_time_password)
    fill(browser, "new_password", NEW_PASSWORD)
    fill(browser, "confirm_password", NEW_PASSWORD)
    press(browser, By.CSS_SELECTOR, "form.form button[type=submit]")
    site.password = NEW_PASSWORD


def test_an_admin_logs_in_and_must_choose_a_password(browser: WebDriver, site: Site) -> None:
    show(browser, site.url("/admin/followers"), "desktop")
    assert "/login?next=/admin/followers" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text == "Log in"
    shoot(browser, site, "login")
    fill(browser, "email", EMAIL)
    fill(browser, "password", "not my password")
    press(browser, By.CSS_SELECTOR, "form.form button[type=submit]")
    assert "Wrong email or password." in banner(browser)
    assert browser.find_element(By.ID, "email").get_attribute("aria-invalid") == "true"
    shoot(browser, site, "login-error")

    fill(browser, "email", EMAIL)
    fill(browser, "password", site.one_time_password)
    press(browser, By.CSS_SELECTOR, "form.form button[type=submit]")
    assert "/admin/password" in browser.current_url
    assert "one-time password" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    # A too-short password is refused next to its field, with nothing changed.
    fill(browser, "current_password", site.one_time_password)
    fill(browser, "new_password", "short")
    fill(browser, "confirm_password", "short")
    press(browser, By.CSS_SELECTOR, "form.form button[type=submit]")
    error = browser.find_element(By.ID, "new_password-error").text
    assert "at least 10 characters" in error
    shoot(browser, site, "password-forced")
    choose_password(browser, site)
    # Back where the login started, with the banner.
    assert browser.current_url == site.url("/admin/followers")
    assert "Your password has been changed." in banner(browser)
    assert f"Signed in as {EMAIL}" in browser.find_element(By.CSS_SELECTOR, ".account-bar").text


def split_follows(site: Site) -> bool:
    states = {row["actor"]: row["state"] for row in site.split.status()["following"]}
    return states.get(site.ohrid.actor) == "accepted"


def ensure_split_follows(site: Site) -> None:
    """Split follows Ohrid, accepted (through the page below, or here when run alone)."""
    if not split_follows(site):
        site.ohrid.cli("approve", site.split.actor, check=False)
        wait_until(lambda: split_follows(site), timeout=FEDERATION_TIMEOUT, what="accepted")


def test_the_admin_accepts_a_pending_follow_request(browser: WebDriver, site: Site) -> None:
    log_in(browser, site)
    show(browser, site.url("/admin/followers"), "desktop")
    assert (
        "Youth Centre Split"
        in browser.find_element(By.ID, "requests").find_element(By.XPATH, "..").text
    )
    shoot(browser, site, "followers-request")
    press(browser, By.CSS_SELECTOR, "button[aria-label='Accept Youth Centre Split']")
    assert "now follows" in banner(browser)
    assert "1 follower" in browser.find_element(By.ID, "followers-heading").text
    shoot(browser, site, "followers-accepted")

    wait_until(
        lambda: split_follows(site), timeout=FEDERATION_TIMEOUT, what="Split sees it accepted"
    )


def _logo(path: Path) -> Path:
    image = Image.new("RGB", (640, 640), (11, 92, 173))
    for x in range(160, 480):
        for y in range(260, 380):
            image.putpixel((x, y), (242, 183, 5))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def _credit_at_split(site: Site) -> str:
    """The name a visitor of Split's node reads under Ohrid's practice."""
    page = httpx.get(
        site.split.base_url + "/practices", headers={"Accept": "text/html"}, timeout=10
    )
    return page.text


def test_profile_changes_show_on_the_site_and_at_the_follower(
    browser: WebDriver, site: Site, tmp_path: Path
) -> None:
    # Split follows Ohrid: what Ohrid publishes reaches it, credited to Ohrid.
    ensure_split_follows(site)
    practice = site.ohrid.publish("practice", PRACTICE)
    wait_until(
        lambda: practice in {item["id"] for item in site.split.objects(remote=True)},
        timeout=FEDERATION_TIMEOUT,
        what="Split holds Ohrid's practice",
    )
    assert "Municipality of Ohrid" in _credit_at_split(site)
    assert NEW_NAME not in _credit_at_split(site)

    log_in(browser, site)
    show(browser, site.url("/admin/profile"), "desktop")
    fill(browser, "name", NEW_NAME)
    fill(browser, "summary", "Housing, care and work for every generation by Lake Ohrid.")
    Select(browser.find_element(By.ID, "organisation_kind")).select_by_value("municipality")
    Select(browser.find_element(By.ID, "country")).select_by_value("MK")
    fill(browser, "city", "Ohrid")
    fill(browser, "field_name_1", "Website")
    fill(browser, "field_value_1", "https://ohrid.example")
    browser.find_element(By.ID, "logo").send_keys(str(_logo(tmp_path / "logo.png")))
    shoot(browser, site, "profile-form")
    press(browser, By.CSS_SELECTOR, "form.form button.primary")
    assert "The profile is saved" in banner(browser)
    logo = browser.find_element(By.CSS_SELECTOR, "img.logo-preview")
    assert browser.execute_script("return arguments[0].naturalWidth", logo) == 400
    shoot(browser, site, "profile-saved")

    # The public pages show it at once...
    show(browser, site.url("/"), "desktop")
    assert browser.find_element(By.TAG_NAME, "h1").text == NEW_NAME
    assert "Ohrid, North Macedonia" in browser.find_element(By.CSS_SELECTOR, ".place").text
    home_logo = browser.find_element(By.CSS_SELECTOR, "img.logo")
    assert browser.execute_script("return arguments[0].naturalWidth", home_logo) == 400
    shoot(browser, site, "public-home")
    show(browser, site.url("/@ohrid"), "phone")
    assert browser.find_element(By.TAG_NAME, "h1").text == NEW_NAME
    # ...and Split, which got the Update of the actor, credits the practice to the new name.
    wait_until(
        lambda: NEW_NAME in _credit_at_split(site),
        timeout=FEDERATION_TIMEOUT,
        what="Split shows Ohrid's new name",
    )
    show(browser, site.split.base_url + "/practices", "desktop")
    assert NEW_NAME in browser.find_element(By.TAG_NAME, "main").text
    shoot(browser, site, "split-sees-new-name")


def test_the_federation_page_sends_again_what_a_server_missed(
    browser: WebDriver, site: Site
) -> None:
    ensure_split_follows(site)
    site.split.stop()
    event = {
        **PRACTICE,
        "name": "Care circles: what the first year taught us",
    }
    missed = site.ohrid.publish("practice", event)
    log_in(browser, site)

    def failing() -> bool:
        show(browser, site.url("/admin/federation"), "desktop")
        return (
            "127.0.0.1"
            in browser.find_element(By.ID, "hosts-heading").find_element(By.XPATH, "..").text
            and "cannot connect" in browser.page_source
        )

    wait_until(failing, timeout=FEDERATION_TIMEOUT, interval=0.5, what="the failure is shown")
    shoot(browser, site, "federation-failing")
    site.split.start()
    press(browser, By.XPATH, "//button[normalize-space()='Retry all now']")
    assert "will be sent again" in banner(browser)
    wait_until(
        lambda: missed in {item["id"] for item in site.split.objects(remote=True)},
        timeout=FEDERATION_TIMEOUT,
        what="Split gets the practice it missed after the retry",
    )
    show(browser, site.url("/admin/federation"), "phone")
    assert "Nothing is waiting" in browser.find_element(By.TAG_NAME, "main").text
    shoot(browser, site, "federation-retried")


def test_logging_out(browser: WebDriver, site: Site) -> None:
    log_in(browser, site)
    show(browser, site.url("/admin"), "phone")
    shoot(browser, site, "dashboard-phone")
    press(browser, By.XPATH, "//button[normalize-space()='Log out']")
    assert "You have logged out." in browser.find_element(By.TAG_NAME, "main").text
    show(browser, site.url("/admin"), "desktop")
    assert "/login" in browser.current_url
