"""Every public page in headless Chromium, at phone and desktop width, on a running node that
holds publications of three organisations.

Each page must show its heading in the first screen, fit the screen's width (nothing sticks out
to the right), carry the links a visitor needs, load its images, log no console error, keep the
basic landmarks, and leave a full-page screenshot in test-artifacts/browser/<session>/.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import Network, PageCase

pytestmark = pytest.mark.browser

# Pages of the site by name, path and heading. The catalogue pages join this list when they
# land: ("practices", "/practices", …), ("events", "/events", …),
# ("calendar", "/events/calendar", …), ("calls", "/calls", …).
# The month of Ohrid's first event (content.py puts it 24 days from today).
_EVENT_MONTH = datetime.now(UTC) + timedelta(days=24)
SITE_PAGES: list[tuple[str, str, str]] = [
    ("home", "/", "Municipality of Ohrid"),
    ("profile", "/@ohrid", "Municipality of Ohrid"),
    ("vocabulary", "/ns", "The SINet vocabulary"),
    ("tag", "/tags/loneliness", "#loneliness"),
    ("practices", "/practices", "Practices"),
    ("practices-search", "/practices?q=loneliness", "Practices"),
    ("events", "/events", "Upcoming events"),
    (
        "calendar",
        f"/events/calendar?month={_EVENT_MONTH:%Y-%m}",
        f"Events in {_EVENT_MONTH:%B %Y}",
    ),
    ("calls", "/calls", "Volunteer board"),
]
# Object pages, built by conftest from what the three nodes published.
OBJECT_PAGES = [
    "practice",
    "event",
    "cancelled-event",
    "call",
    "split-practice",
    "split-event",
    "split-call",
    "alcorcon-practice",
    "alcorcon-event",
]
WIDTHS = {"phone": (390, 844, True), "desktop": (1280, 800, False)}

# Elements wider than the viewport, or sticking out on its right (the skip link sits off the
# left edge on purpose until it gets focus).
_OVERFLOW_JS = """
const width = document.documentElement.clientWidth;
const wide = [...document.querySelectorAll('body *')].filter(element => {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.right > width + 1;
}).map(element => element.tagName.toLowerCase() +
  (element.className ? '.' + String(element.className).replace(/ /g, '.') : ''));
return {scrollWidth: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 8)};
"""
_IMAGES_JS = """
return [...document.images].map(image => ({src: image.currentSrc || image.src,
  loaded: image.complete && image.naturalWidth > 0, alt: image.getAttribute('alt')}));
"""


def site_page(network: Network, name: str) -> PageCase:
    for key, path, heading in SITE_PAGES:
        if key == name:
            return PageCase(network.ohrid.base_url + path, heading, links=network.feeds)
    return network.pages[name]


def show(browser: WebDriver, url: str, width: str) -> None:
    wide, high, mobile = WIDTHS[width]
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": wide, "height": high, "deviceScaleFactor": 1, "mobile": mobile},
    )
    browser.get_log("browser")  # start with an empty console
    browser.get(url)


def screenshot(browser: WebDriver, path: Path) -> None:
    """The whole page, not only the first screen."""
    metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def console_errors(browser: WebDriver) -> list[dict[str, Any]]:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def check_page(browser: WebDriver, case: PageCase, width: str, shot: Path) -> None:
    served = httpx.get(case.url, headers={"Accept": "text/html"}, timeout=10)
    assert served.status_code == case.status
    show(browser, case.url, width)
    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.is_displayed() and heading.text == case.heading
    viewport_height = browser.execute_script("return window.innerHeight")
    assert heading.rect["y"] < viewport_height, "the heading is below the first screen"
    layout = browser.execute_script(_OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["width"], f"wider than the screen: {layout}"
    assert layout["wide"] == [], f"sticking out on the right: {layout}"
    hrefs = set(browser.execute_script("return [...document.links].map(link => link.href)"))
    missing = [link for link in case.links if link not in hrefs]
    assert not missing, f"missing links: {missing}"
    for image in browser.execute_script(_IMAGES_JS):
        assert image["loaded"], f"image did not load: {image['src']}"
        assert image["alt"] is not None, f"image without alt text: {image['src']}"
    for landmark in ("header", "nav", "main", "footer"):
        assert browser.find_elements(By.TAG_NAME, landmark), f"no <{landmark}>"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang")
    errors = console_errors(browser)
    if case.status != 200:
        # The browser reports the page's own status as a failed load; nothing else may fail.
        errors = [e for e in errors if f"status of {case.status}" not in e["message"]]
    assert errors == [], f"console errors: {errors}"
    screenshot(browser, shot)
    assert shot.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", [key for key, _path, _heading in SITE_PAGES] + OBJECT_PAGES)
def test_page(browser: WebDriver, network: Network, artifacts: Path, name: str, width: str) -> None:
    check_page(
        browser, site_page(network, name), width, artifacts / "screenshots" / f"{name}-{width}.png"
    )


@pytest.mark.parametrize("width", list(WIDTHS))
def test_not_found_page(browser: WebDriver, network: Network, artifacts: Path, width: str) -> None:
    case = PageCase(f"{network.ohrid.base_url}/practices/no-such-practice", "Not Found", status=404)
    check_page(browser, case, width, artifacts / "screenshots" / f"not-found-{width}.png")


def test_a_visitor_goes_from_home_through_the_events_to_a_peers_event_and_its_calendar(
    browser: WebDriver, network: Network
) -> None:
    show(browser, network.ohrid.base_url + "/", "phone")
    browser.find_element(By.LINK_TEXT, "All upcoming events").click()
    browser.find_element(By.LINK_TEXT, "Webinar: the Youth Guarantee after five years").click()
    assert browser.current_url == network.pages["split-event"].url
    assert "Youth Centre Split" in browser.find_element(By.CSS_SELECTOR, ".byline").text
    when = browser.find_element(By.CSS_SELECTOR, ".facts time").text
    assert "16:00\u201317:30" in when
    assert "Europe/Zagreb" in browser.find_element(By.CSS_SELECTOR, ".facts .zone").text
    link = browser.find_element(By.LINK_TEXT, "Add to my calendar").get_attribute("href")
    assert link == network.pages["split-event"].url + ".ics"
    calendar = httpx.get(link, timeout=10)
    assert calendar.status_code == 200 and b"BEGIN:VEVENT" in calendar.content


def test_the_console_check_sees_errors(browser: WebDriver, network: Network) -> None:
    # Guards the guard: a page that logs an error is caught by the same check.
    show(browser, network.ohrid.base_url + "/", "desktop")
    browser.execute_script("console.error('deliberate')")
    assert [e for e in console_errors(browser) if "deliberate" in e["message"]]
