"""axe-core on every admin page, in English and Macedonian, at phone and desktop width; and the
admin forms used with the keyboard alone.

Three real nodes: the Municipality of Ohrid (approves followers by hand, and holds members
introduced by others for approval), whose admin pages are audited; Youth Centre Split, whose
follow request waits there and through which Ohrid joins the network; and the Municipality of
Alcorcón, an accepted follower that joins the network through Split too (its introduction
waits on Ohrid's network page) and is then stopped, so that the federation page shows a
failing server. Ohrid follows Split and has a practice, an event and a call (published with the
CLI) to list, edit and delete. The admin is made with `sinet-node admin create` and logs in
through the form.

Each page is reached the way its staff reach it (a link, a form sent with its own button) and
audited in the state named: the login with a wrong password, a profile and the publishing
forms with their mistakes shown, a preview, the one-time password of a new account. The
language is chosen with the switcher's link and pages are found by ids and names, never by
English words, since the Macedonian catalogue of the admin may be partly untranslated.
Screenshots: test-artifacts/browser/<session>/screenshots/a11y-admin-*.png; axe's findings,
lesser ones too: test-artifacts/browser/<session>/accessibility/admin-*.json.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import content
from tests.browser.axe import assert_accessible, require_axe
from tests.browser.conftest import FEDERATION_TIMEOUT, replaced
from tests.browser.test_admin import fill, press
from tests.browser.test_pages import _OVERFLOW_JS, WIDTHS, screenshot, show
from tests.browser.test_publishing_forms import choose, pick
from tests.multinode.harness import NodeFleet, NodeProcess, wait_until

pytestmark = pytest.mark.browser

ADMIN: Final = "ana@ohrid.example"
ADMIN_PASSWORD: Final = "lake ohrid in the morning"
AUDITED_LANGUAGES: Final = ("en", "mk")
SESSION_COOKIE: Final = "sinet_session"
SUBMIT: Final = "form.form button[type=submit]"
PUBLISH: Final = "button[name=action][value=publish]"
PREVIEW: Final = "button[name=action][value=preview]"
SECTIONS: Final = {"practice": "practices", "event": "events", "call": "calls"}


@dataclass
class Office:
    """Ohrid and its two peers, the admin's password once chosen, what is there to edit."""

    ohrid: NodeProcess
    split: NodeProcess
    alcorcon: NodeProcess
    one_time_password: str
    tokens: dict[str, str]  # kind -> the token of the one Ohrid published
    shots: Path
    scratch: Path
    password: str | None = None
    people: Iterator[int] = field(default_factory=itertools.count)

    def url(self, path: str) -> str:
        return self.ohrid.base_url + path

    def new_email(self) -> str:
        return f"person{next(self.people)}@ohrid.example"


def _accepted(node: NodeProcess, actor: str) -> bool:
    return {row["actor"]: row["state"] for row in node.status()["following"]}.get(
        actor
    ) == "accepted"


def _requests(node: NodeProcess) -> set[str]:
    return {row["actor"] for row in node.cli_json("requests", "--json")}


def _members(node: NodeProcess) -> dict[str, str]:
    return {row["node"]: row["state"] for row in node.cli_json("network", "--json")}


def _token(uri: str) -> str:
    return uri.rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def office(
    tmp_path_factory: pytest.TempPathFactory, artifacts: Path, browser: WebDriver
) -> Iterator[Office]:
    fleet = NodeFleet(tmp_path_factory.mktemp("a11y-admin-nodes"), artifacts / "nodes" / "a11y")
    fast = {"first_retry_seconds": 1, "poll_interval_seconds": 0.1}
    try:
        # A long first retry: a delivery that failed stays on the federation page.
        ohrid = fleet.node(
            "ohrid",
            display_name="Municipality of Ohrid",
            settings={
                "manually_approves_followers": True,
                "first_retry_seconds": 3600,
                "poll_interval_seconds": 0.1,
                "timezone": "Europe/Skopje",
                "introductions": "approval",
            },
        )
        split = fleet.node("split", display_name="Youth Centre Split", settings=fast)
        alcorcon = fleet.node("alcorcon", display_name="Municipality of Alcorcón", settings=fast)
        split.follow(ohrid.actor)
        alcorcon.follow(ohrid.actor)
        wait_until(
            lambda: {split.actor, alcorcon.actor} <= _requests(ohrid),
            timeout=FEDERATION_TIMEOUT,
            what="both follow requests reach Ohrid",
        )
        ohrid.cli("approve", alcorcon.actor)
        ohrid.follow(split.actor)
        wait_until(
            lambda: _accepted(alcorcon, ohrid.actor) and _accepted(ohrid, split.actor),
            timeout=FEDERATION_TIMEOUT,
            what="Alcorcón follows Ohrid and Ohrid follows Split",
        )
        # Ohrid joins through Split, then Alcorcón does, which introduces itself to Ohrid.
        ohrid.cli("join", split.base_url)
        alcorcon.cli("join", split.base_url)
        wait_until(
            lambda: _members(ohrid).get(alcorcon.base_url) == "pending",
            timeout=FEDERATION_TIMEOUT,
            what="Alcorcón's introduction waits on Ohrid",
        )
        # Alcorcón goes down: what Ohrid publishes now cannot be delivered to it.
        alcorcon.stop()
        scratch = tmp_path_factory.mktemp("a11y-admin-files")
        banner = content.banner_png(scratch / "banner.png", (11, 92, 173), (27, 122, 61))
        items = dict(content.ohrid(banner)[i] for i in (0, 1, 3))
        tokens = {kind: _token(ohrid.publish(kind, data)) for kind, data in items.items()}
        wait_until(
            lambda: ohrid.status()["deliveries"]["pending"] > 0,
            timeout=FEDERATION_TIMEOUT,
            what="deliveries to Alcorcón waiting",
        )
        password = ohrid.cli("admin", "create", "--email", ADMIN).strip().splitlines()[-1]
        yield Office(ohrid, split, alcorcon, password, tokens, artifacts / "screenshots", scratch)
    finally:
        browser.delete_all_cookies()  # the browser is shared with the other browser tests
        fleet.close()


# Getting somewhere ---------------------------------------------------------------------------


def speak(browser: WebDriver, office: Office, language: str, path: str) -> None:
    """Open `path` in `language`, chosen with the switcher's link as a reader does."""
    browser.get(office.url(f"/language/{language}?next={quote(path, safe='')}"))


def log_out(browser: WebDriver, office: Office) -> None:
    """Forget the session, as logging out does (whichever page the browser is on)."""
    browser.execute_cdp_cmd(
        "Network.deleteCookies", {"name": SESSION_COOKIE, "url": office.url("/")}
    )


def log_in(browser: WebDriver, office: Office, email: str, password: str) -> None:
    fill(browser, "email", email)
    fill(browser, "password", password)
    press(browser, By.CSS_SELECTOR, SUBMIT)


def be_admin(browser: WebDriver, office: Office, language: str) -> None:
    """Logged in as the admin (through the form when needed), the interface in `language`."""
    speak(browser, office, language, "/admin")
    bar = browser.find_elements(By.CSS_SELECTOR, ".account-bar")
    if bar and ADMIN in bar[0].text:
        return
    log_out(browser, office)  # someone else, such as a new editor, may be logged in
    speak(browser, office, language, "/login")
    log_in(browser, office, ADMIN, office.password or office.one_time_password)
    if "/admin/password" in browser.current_url:
        fill(browser, "current_password", office.one_time_password)
        fill(browser, "new_password", ADMIN_PASSWORD)
        fill(browser, "confirm_password", ADMIN_PASSWORD)
        press(browser, By.CSS_SELECTOR, SUBMIT)
        office.password = ADMIN_PASSWORD
    assert "/admin" in browser.current_url and "/login" not in browser.current_url


def logged_out_at(path: str) -> Callable[[WebDriver, Office, str], None]:
    def visit(browser: WebDriver, office: Office, language: str) -> None:
        log_out(browser, office)
        speak(browser, office, language, path)

    return visit


def login_with_a_mistake(browser: WebDriver, office: Office, language: str) -> None:
    log_out(browser, office)
    speak(browser, office, language, "/login")
    log_in(browser, office, ADMIN, "not the password")
    assert browser.find_element(By.ID, "email").get_attribute("aria-invalid") == "true"


def forced_password_change(browser: WebDriver, office: Office, language: str) -> None:
    # A new editor's first login, with the one-time password `admin create` printed.
    email = office.new_email()
    password = office.ohrid.cli("admin", "create", "--email", email, "--role", "editor")
    log_out(browser, office)
    speak(browser, office, language, "/login")
    log_in(browser, office, email, password.strip().splitlines()[-1])
    assert "/admin/password" in browser.current_url


def admin_at(path: str) -> Callable[[WebDriver, Office, str], None]:
    def visit(browser: WebDriver, office: Office, language: str) -> None:
        be_admin(browser, office, language)
        browser.get(office.url(path))

    return visit


def password_mismatch(browser: WebDriver, office: Office, language: str) -> None:
    be_admin(browser, office, language)
    browser.get(office.url("/admin/password"))
    fill(browser, "current_password", ADMIN_PASSWORD)
    fill(browser, "new_password", "a new password for the lake")
    fill(browser, "confirm_password", "another password entirely")
    press(browser, By.CSS_SELECTOR, SUBMIT)
    assert browser.find_element(By.ID, "confirm_password-error").is_displayed()


def profile_with_mistakes(browser: WebDriver, office: Office, language: str) -> None:
    be_admin(browser, office, language)
    browser.get(office.url("/admin/profile"))
    fill(browser, "field_value_1", "https://ohrid.example")  # a value without a label
    fill(browser, "field_name_2", "Opening hours")  # a label without a value
    not_an_image = office.scratch / "logo.png"
    not_an_image.write_text("not an image", encoding="utf-8")
    browser.find_element(By.ID, "logo").send_keys(str(not_an_image))
    press(browser, By.CSS_SELECTOR, "form.form button.primary")
    for name in ("field_name_1", "field_value_2", "logo"):
        assert browser.find_element(By.ID, f"{name}-error").is_displayed(), name


def following_with_a_mistake(browser: WebDriver, office: Office, language: str) -> None:
    be_admin(browser, office, language)
    browser.get(office.url("/admin/following"))
    fill(browser, "target", "not a handle")
    press(browser, By.CSS_SELECTOR, SUBMIT)
    assert browser.find_element(By.ID, "target").get_attribute("aria-invalid") == "true"


def account_with_a_mistake(browser: WebDriver, office: Office, language: str) -> None:
    be_admin(browser, office, language)
    browser.get(office.url("/admin/accounts"))
    fill(browser, "email", ADMIN)  # taken already
    press(browser, By.CSS_SELECTOR, SUBMIT)
    assert browser.find_element(By.ID, "email-error").is_displayed()


def one_time_password(browser: WebDriver, office: Office, language: str) -> None:
    be_admin(browser, office, language)
    browser.get(office.url("/admin/accounts"))
    fill(browser, "email", office.new_email())
    press(browser, By.CSS_SELECTOR, SUBMIT)
    assert browser.find_element(By.ID, "one-time-password").text.strip()


def new_form(kind: str) -> Callable[[WebDriver, Office, str], None]:
    return admin_at(f"/admin/{SECTIONS[kind]}/new")


def form_with_mistakes(kind: str) -> Callable[[WebDriver, Office, str], None]:
    def visit(browser: WebDriver, office: Office, language: str) -> None:
        new_form(kind)(browser, office, language)
        press(browser, By.CSS_SELECTOR, PUBLISH)  # everything left empty
        summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
        assert summary.find_elements(By.CSS_SELECTOR, "a[href='#name']")

    return visit


def fill_in(browser: WebDriver, kind: str) -> None:
    """The fields a `kind` needs, in plain words."""
    fill(browser, "name", f"Audited {kind}")
    fill(browser, "summary", "A short summary, two sentences long. It reads well.")
    fill(browser, "content", "## What\n\nA **bold** start and a [link](https://example.org).")
    if kind == "practice":
        fill(browser, "tags", "loneliness, housing")
        fill(browser, "challenge", "social isolation and loneliness")
        choose(browser, "country", "MK")
    elif kind == "event":
        pick(browser, "start", "2031-04-29T10:00")
        pick(browser, "end", "2031-04-29T14:00")
        fill(browser, "location_name", "Ohrid City Hall")
    else:
        fill(browser, "skills", "hosting, Macedonian")
        pick(browser, "closes", "2031-05-31")
        browser.find_element(By.ID, "remote").click()


def form_with_preview(kind: str) -> Callable[[WebDriver, Office, str], None]:
    def visit(browser: WebDriver, office: Office, language: str) -> None:
        new_form(kind)(browser, office, language)
        fill_in(browser, kind)
        press(browser, By.CSS_SELECTOR, PREVIEW)
        assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary")
        assert browser.find_element(By.CSS_SELECTOR, "article.toot").is_displayed()

    return visit


def edit_form(kind: str) -> Callable[[WebDriver, Office, str], None]:
    def visit(browser: WebDriver, office: Office, language: str) -> None:
        be_admin(browser, office, language)
        browser.get(office.url(f"/admin/{SECTIONS[kind]}/{office.tokens[kind]}/edit"))
        assert browser.find_element(By.ID, "name").get_attribute("value")

    return visit


def delete_confirmation(kind: str) -> Callable[[WebDriver, Office, str], None]:
    def visit(browser: WebDriver, office: Office, language: str) -> None:
        be_admin(browser, office, language)
        browser.get(office.url(f"/admin/{SECTIONS[kind]}"))
        token = office.tokens[kind]
        browser.find_element(
            By.CSS_SELECTOR, f"a[href='/admin/{SECTIONS[kind]}/{token}/delete']"
        ).click()
        assert browser.find_element(By.CSS_SELECTOR, "button.danger").is_displayed()

    return visit


def federation_failing(browser: WebDriver, office: Office, language: str) -> None:
    be_admin(browser, office, language)
    alcorcon_host = office.alcorcon.base_url.split("//", 1)[1]

    def shows_the_failure() -> bool:
        browser.get(office.url("/admin/federation"))
        return alcorcon_host in browser.find_element(By.CSS_SELECTOR, "table.table").text

    wait_until(shows_the_failure, timeout=FEDERATION_TIMEOUT, what="Alcorcón's failure shown")


def followers_with_a_request(browser: WebDriver, office: Office, language: str) -> None:
    admin_at("/admin/followers")(browser, office, language)
    actions = browser.find_elements(By.CSS_SELECTOR, "form[action='/admin/followers/accept']")
    assert len(actions) == 1  # Split's request waits; Alcorcón is a follower already


def network_with_an_introduction(browser: WebDriver, office: Office, language: str) -> None:
    admin_at("/admin/network")(browser, office, language)
    assert browser.find_elements(By.CSS_SELECTOR, "form[action='/admin/network/approve']")
    tables = browser.find_elements(By.CSS_SELECTOR, "table.table")
    split_host = office.split.base_url.split("//", 1)[1]
    assert split_host in " ".join(table.text for table in tables)


def network_join_with_a_mistake(browser: WebDriver, office: Office, language: str) -> None:
    be_admin(browser, office, language)
    browser.get(office.url("/admin/network"))
    fill(browser, "target", "not a handle")
    press(browser, By.CSS_SELECTOR, "form[action='/admin/network/join'] button[type=submit]")
    assert browser.find_element(By.ID, "target").get_attribute("aria-invalid") == "true"


def network_leave_confirmation(browser: WebDriver, office: Office, language: str) -> None:
    admin_at("/admin/network")(browser, office, language)
    press(browser, By.CSS_SELECTOR, "a[href='/admin/network/leave']")
    assert browser.find_element(
        By.CSS_SELECTOR, "form[action='/admin/network/leave'] button.danger"
    ).is_displayed()


VISITS: Final[dict[str, Callable[[WebDriver, Office, str], None]]] = {
    "login": logged_out_at("/login"),
    "login-error": login_with_a_mistake,
    "password-forced": forced_password_change,
    "dashboard": admin_at("/admin"),
    "password": admin_at("/admin/password"),
    "password-error": password_mismatch,
    "profile": admin_at("/admin/profile"),
    "profile-errors": profile_with_mistakes,
    "followers": followers_with_a_request,
    "following": admin_at("/admin/following"),
    "following-error": following_with_a_mistake,
    "federation": federation_failing,
    "network": network_with_an_introduction,
    "network-join-error": network_join_with_a_mistake,
    "network-leave": network_leave_confirmation,
    "accounts": admin_at("/admin/accounts"),
    "accounts-error": account_with_a_mistake,
    "one-time-password": one_time_password,
    **{f"{kind}s-list": admin_at(f"/admin/{section}") for kind, section in SECTIONS.items()},
    **{f"{kind}-new": new_form(kind) for kind in SECTIONS},
    **{f"{kind}-new-errors": form_with_mistakes(kind) for kind in SECTIONS},
    **{f"{kind}-new-preview": form_with_preview(kind) for kind in SECTIONS},
    **{f"{kind}-edit": edit_form(kind) for kind in SECTIONS},
    **{f"{kind}-delete": delete_confirmation(kind) for kind in SECTIONS},
}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", AUDITED_LANGUAGES)
@pytest.mark.parametrize("page", list(VISITS))
def test_admin_page_has_no_serious_accessibility_violation(
    browser: WebDriver, office: Office, artifacts: Path, page: str, language: str, width: str
) -> None:
    require_axe()
    show(browser, "about:blank", width)
    VISITS[page](browser, office, language)
    name = f"admin-{page}-{language}-{width}"
    screenshot(browser, office.shots / f"a11y-{name}.png")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    # Longer words in other languages must still fit the screen.
    layout: dict[str, Any] = browser.execute_script(_OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["width"], f"wider than the screen: {layout}"
    assert_accessible(browser, name, save_to=artifacts / "accessibility")


# The keyboard alone -------------------------------------------------------------------------

# The focused element, and how well its focus shows: the contrast of its outline and of its
# ring (a box shadow) against the background around it (WCAG 1.4.11 asks 3:1).
_FOCUS_JS = """
const element = document.activeElement;
const style = getComputedStyle(element);
const colour = text => {
  const match = /rgba?\\(([^)]+)\\)/.exec(text || '');
  if (!match) return null;
  const [r, g, b, a = 1] = match[1].split(',').map(Number);
  return {r, g, b, a};
};
const luminance = c => [c.r, c.g, c.b].map(v => v / 255)
  .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
  .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const contrast = (a, b) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};
let background = {r: 255, g: 255, b: 255, a: 1};
for (let node = element.parentElement; node; node = node.parentElement) {
  const found = colour(getComputedStyle(node).backgroundColor);
  if (found && found.a > 0) { background = found; break; }
}
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
  ? colour(style.outlineColor) : null;
const ring = style.boxShadow !== 'none' ? colour(style.boxShadow) : null;
const box = element.getBoundingClientRect();
return {tag: element.tagName.toLowerCase(), id: element.id, name: element.getAttribute('name'),
  value: element.getAttribute('value'), href: element.getAttribute('href'),
  contrast: Math.max(outline ? contrast(outline, background) : 0,
                     ring ? contrast(ring, background) : 0),
  visible: box.width > 0 && box.height > 0};
"""


def focused(browser: WebDriver) -> dict[str, Any]:
    """The focused element; fails when its focus does not show clearly."""
    where: dict[str, Any] = browser.execute_script(_FOCUS_JS)
    if where["tag"] != "body":
        assert where["visible"], f"the focus is on something not shown: {where}"
        assert where["contrast"] >= 3, f"the focus hardly shows: {where}"
    return where


def keys(browser: WebDriver, *typed: str) -> None:
    """Type on the keyboard, into whatever has the focus (a file field's too: no upload)."""
    ActionChains(browser).send_keys(*typed).perform()


def tab(browser: WebDriver) -> dict[str, Any]:
    keys(browser, Keys.TAB)
    return focused(browser)


def tab_to(browser: WebDriver, wanted: Callable[[dict[str, Any]], bool]) -> int:
    """Press Tab until the focused element is the one wanted; how many presses it took."""
    for presses in range(1, 250):
        if wanted(tab(browser)):
            return presses
    raise AssertionError("Tab never reached the element")


def key_and_wait(browser: WebDriver, key: str) -> None:
    """Press a key that sends a form or follows a link, and wait for the next page."""
    page = browser.find_element(By.TAG_NAME, "html")
    keys(browser, key)
    WebDriverWait(browser, 30).until(replaced(page))


def test_logging_in_and_publishing_with_the_keyboard_alone(
    browser: WebDriver, office: Office, artifacts: Path
) -> None:
    be_admin(browser, office, "mk")  # the admin has chosen their password
    log_out(browser, office)
    show(browser, office.url("/login"), "desktop")
    # The login form: the email field has the focus already; Tab, Enter.
    assert focused(browser)["id"] == "email"
    keys(browser, ADMIN)
    assert tab(browser)["id"] == "password"
    keys(browser, ADMIN_PASSWORD)
    key_and_wait(browser, Keys.ENTER)
    assert browser.current_url == office.url("/admin")
    assert ADMIN in browser.find_element(By.CSS_SELECTOR, ".account-bar").text

    # To the new practice form by links, every focus stop on the way clearly shown.
    tab_to(browser, lambda stop: stop["href"] == "/admin/practices")
    key_and_wait(browser, Keys.ENTER)
    tab_to(browser, lambda stop: stop["href"] == "/admin/practices/new")
    key_and_wait(browser, Keys.ENTER)
    assert tab_to(browser, lambda stop: stop["id"] == "name") > 1
    keys(browser, "Repair cafés run by retired craftspeople")
    order = []
    for typed in (
        "Older craftspeople teach neighbours to mend what they own.",
        "Every Saturday in the **old school**: bikes, lamps, clothes.",
        None,  # the language stays as it is
        "repair, circular economy",
        "social isolation and loneliness",
    ):
        order.append(tab(browser)["id"])
        if typed:
            keys(browser, typed)
    order.append(tab(browser)["id"])
    assert order == ["summary", "content", "language", "tags", "challenge", "country"]
    # A closed list: the arrow keys go through the countries, as a keyboard user does it.
    country = browser.find_element(By.ID, "country")
    for _ in range(300):
        if country.get_attribute("value") == "MK":
            break
        keys(browser, Keys.ARROW_DOWN)
    assert country.get_attribute("value") == "MK"
    assert tab(browser)["id"] == "city"
    keys(browser, "Ohrid")
    # Enter in a field sends the form with its first button: a preview, nothing published.
    key_and_wait(browser, Keys.ENTER)
    assert browser.current_url == office.url("/admin/practices/new")
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert "Repair cafés" in browser.find_element(By.CSS_SELECTOR, "article.toot").text
    assert "Repair cafés run by retired craftspeople" not in {
        item["name"] for item in office.ohrid.objects()
    }
    screenshot(browser, office.shots / "a11y-admin-keyboard-preview.png")
    # From the top of the previewed page to the publish button, and Enter.
    presses = tab_to(browser, lambda stop: (stop["name"], stop["value"]) == ("action", "publish"))
    assert presses > 20  # past the navigation and every field of the form
    key_and_wait(browser, Keys.ENTER)
    assert browser.current_url == office.url("/admin/practices")
    assert "Repair cafés" in browser.find_element(By.CSS_SELECTOR, ".flash-success").text
    assert "Repair cafés run by retired craftspeople" in {
        item["name"] for item in office.ohrid.objects()
    }
    screenshot(browser, office.shots / "a11y-admin-keyboard-published.png")


def test_a_mistake_takes_the_keyboard_to_its_field(browser: WebDriver, office: Office) -> None:
    # Forms without a summary of mistakes focus the first field that has one.
    following_with_a_mistake(browser, office, "mk")
    assert focused(browser)["id"] == "target"
    password_mismatch(browser, office, "mk")
    assert focused(browser)["id"] == "confirm_password"
    # The profile starts at its banner, which says that nothing was saved.
    profile_with_mistakes(browser, office, "mk")
    banner = browser.find_element(By.CSS_SELECTOR, ".flash-error")
    assert browser.switch_to.active_element == banner
    assert tab(browser)["tag"] in ("a", "input", "select", "textarea", "button")
