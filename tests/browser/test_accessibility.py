# Macedonian text: Cyrillic letters that look like Latin ones are meant.
# ruff: noqa: RUF001
"""Accessibility and languages in headless Chromium, on the running three-node network.

axe-core audits every public page (the site's pages, each object page of ours and of the
peers, the error page) in English and in Macedonian, at phone and desktop width, and fails on
any serious or critical violation (tests/browser/axe.py prints what and where). A reader then
switches the language with the switcher, as a visitor does: the page turns Macedonian, and
the choice holds on the next page. Pages in Macedonian and Italian are photographed at phone
width (test-artifacts/browser/<session>/screenshots/lang-*.png).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.axe import assert_accessible, audit, require_axe
from tests.browser.conftest import Network
from tests.browser.test_pages import (
    _OVERFLOW_JS,
    OBJECT_PAGES,
    SITE_PAGES,
    WIDTHS,
    screenshot,
    show,
)

pytestmark = pytest.mark.browser

AUDITED_LANGUAGES = ("en", "mk")
PAGES = [key for key, _path, _heading in SITE_PAGES] + OBJECT_PAGES + ["not-found"]


@pytest.fixture
def reader(browser: WebDriver) -> Iterator[WebDriver]:
    """The session's browser, forgetting the language it chose when the test ends (the other
    browser tests read the pages in the English their Accept-Language asks for)."""
    yield browser
    browser.delete_all_cookies()


def url_of(network: Network, name: str) -> str:
    for key, path, _heading in SITE_PAGES:
        if key == name:
            return network.ohrid.base_url + path
    if name == "not-found":
        return network.ohrid.base_url + "/practices/no-such-practice"
    return network.pages[name].url


def in_language(network: Network, url: str, language: str) -> str:
    """The switcher's link that chooses `language` and lands on `url`."""
    parts = urlsplit(url)
    here = parts.path + (f"?{parts.query}" if parts.query else "")
    return f"{network.ohrid.base_url}/language/{language}?next={quote(here, safe='')}"


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", AUDITED_LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(
    reader: WebDriver, network: Network, artifacts: Path, name: str, language: str, width: str
) -> None:
    require_axe()
    show(reader, in_language(network, url_of(network, name), language), width)
    assert reader.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    # Longer words in other languages must still fit a phone's screen.
    layout = reader.execute_script(_OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["width"], f"wider than the screen: {layout}"
    assert_accessible(reader, f"{name}-{language}-{width}", save_to=artifacts / "accessibility")


def test_the_audit_sees_a_serious_violation(reader: WebDriver, network: Network) -> None:
    # Guards the guard: a page made inaccessible on purpose fails the audit.
    require_axe()
    show(reader, network.ohrid.base_url + "/", "desktop")
    reader.execute_script(
        "document.querySelector('main').insertAdjacentHTML('afterbegin',"
        ' \'<img src="/static/favicon.svg"><p style="color:#bbb;background:#fff">faint</p>'
        '<input type="text">\');'
    )
    rules = {violation.rule for violation in audit(reader, "broken-home")}
    assert {"image-alt", "color-contrast", "label"} <= rules
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(reader, "broken-home")


# The focused element and how its focus shows: an outline (or a ring drawn as a box shadow).
_FOCUSED_JS = """
const element = document.activeElement;
const style = getComputedStyle(element);
const box = element.getBoundingClientRect();
return {tag: element.tagName.toLowerCase(), text: (element.innerText || element.value || '').trim(),
  outline: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0,
  shadow: style.boxShadow, visible: box.width > 0 && box.height > 0 && box.left >= 0};
"""


@pytest.mark.parametrize("name", ["home", "practices", "practice", "calendar"])
def test_keyboard_focus_is_visible_in_reading_order(
    reader: WebDriver, network: Network, name: str
) -> None:
    show(reader, in_language(network, url_of(network, name), "mk"), "desktop")
    body = reader.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    first = reader.execute_script(_FOCUSED_JS)
    # The first stop is the skip link, which appears when focused.
    assert (first["tag"], first["text"], first["visible"]) == ("a", "Прескокни до содржината", True)
    stops = []
    for _ in range(40):
        reader.switch_to.active_element.send_keys(Keys.TAB)
        focused = reader.execute_script(_FOCUSED_JS)
        if focused["tag"] == "body":
            break  # past the last link: focus leaves the page
        stops.append(focused["text"])
        assert focused["visible"], f"focus on an element off screen: {focused}"
        shows = focused["outline"] != "none" and focused["width"] >= 2
        assert shows or focused["shadow"] != "none", f"focus does not show: {focused}"
    # The switcher, then the site's name and navigation, come before the page's own links.
    assert stops[:7] == ["English", "Македонски", "Italiano", "Hrvatski", "Español",
                         "Nederlands", "Municipality of Ohrid"]  # fmt: skip
    assert stops[7:11] == ["Практики", "Настани", "Волонтирај", "Профил"]
    assert len(stops) > 12


def test_a_reader_switches_to_macedonian_and_it_stays(
    reader: WebDriver, network: Network, artifacts: Path
) -> None:
    show(reader, network.ohrid.base_url + "/", "phone")
    assert reader.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    switcher = reader.find_element(By.CSS_SELECTOR, "nav.languages")
    assert switcher.is_displayed()
    assert switcher.get_attribute("aria-label") == "Language"
    switcher.find_element(By.LINK_TEXT, "Македонски").click()
    # The same page, now in Macedonian: Cyrillic navigation, dates and headings.
    assert reader.current_url == network.ohrid.base_url + "/"
    assert reader.find_element(By.TAG_NAME, "html").get_attribute("lang") == "mk"
    nav = reader.find_element(By.CSS_SELECTOR, "header nav[aria-label='Главна']")
    assert [link.text for link in nav.find_elements(By.TAG_NAME, "a")] == [
        "Практики", "Настани", "Волонтирај", "Профил",
    ]  # fmt: skip
    assert "Претстојни настани" in reader.find_element(By.TAG_NAME, "main").text
    current = reader.find_element(By.CSS_SELECTOR, "nav.languages a[aria-current='true']")
    assert current.text == "Македонски"
    screenshot(reader, artifacts / "screenshots" / "lang-mk-home-phone.png")
    # The next page remembers the choice, without asking again.
    nav.find_element(By.LINK_TEXT, "Практики").click()
    assert reader.current_url == network.ohrid.base_url + "/practices"
    assert reader.find_element(By.TAG_NAME, "html").get_attribute("lang") == "mk"
    assert reader.find_element(By.TAG_NAME, "h1").text == "Практики"
    # A practice Ohrid translated into Macedonian is read in Macedonian; the others keep their
    # language, marked so that a screen reader pronounces them right.
    translated = reader.find_element(By.CSS_SELECTOR, "h3[lang='mk'] a")
    assert translated.text == "Тандем домови: студенти кои живеат со постари лица"
    translated.click()
    title = reader.find_element(By.TAG_NAME, "h1")
    assert (title.text, title.get_attribute("lang")) == (
        "Тандем домови: студенти кои живеат со постари лица",
        "mk",
    )
    assert "Пребарај" not in reader.find_element(By.TAG_NAME, "main").text  # not a listing
    screenshot(reader, artifacts / "screenshots" / "lang-mk-practice-phone.png")
    # And back to English with the same switcher.
    reader.find_element(By.CSS_SELECTOR, "nav.languages").find_element(
        By.LINK_TEXT, "English"
    ).click()
    assert reader.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert reader.find_element(By.TAG_NAME, "h1").text.startswith("Tandem Homes")


@pytest.mark.parametrize("name", ["home", "event", "calls", "calendar", "alcorcon-practice"])
def test_italian_pages_at_phone_width(
    reader: WebDriver, network: Network, artifacts: Path, name: str
) -> None:
    show(reader, in_language(network, url_of(network, name), "it"), "phone")
    assert reader.find_element(By.TAG_NAME, "html").get_attribute("lang") == "it"
    nav = reader.find_element(By.CSS_SELECTOR, "header nav[aria-label='Principale']")
    assert nav.find_element(By.LINK_TEXT, "Pratiche").is_displayed()
    layout = reader.execute_script(_OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["width"], f"wider than the screen: {layout}"
    screenshot(reader, artifacts / "screenshots" / f"lang-it-{name}-phone.png")
