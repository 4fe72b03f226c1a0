"""Publishing from the browser: the forms for practices, events and calls, as a member of staff
uses them and as followers and visitors then see the result.

Every test drives the real app over HTTP with a real login, CSRF token and multipart bodies;
followers are signed fake peers that record what the node delivers to them.
"""

from __future__ import annotations

import io
import time
import tracemalloc
from collections.abc import AsyncIterator

import pytest
from PIL import Image
from sqlalchemy import func, select

from sinet_node.federation import local_publishing
from sinet_node.storage.models import LocalActivity, OutgoingActivity, StoredObject
from tests.conftest import LiveNode
from tests.integration.admin_browser import HTML, Staff, staff_member
from tests.integration.html_page import HtmlPage
from tests.integration.test_publishing import AS, follow, load

SECTIONS = {"practice": "practices", "event": "events", "call": "calls"}
GPS_IFD = 0x8825


def photo_jpeg(width: int = 2400, height: int = 1200) -> bytes:
    """A JPEG as a phone writes it, with its GPS position in EXIF."""
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 7.0, 0.0), 3: "E", 4: (20.0, 48.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "JPEG", exif=exif)
    return out.getvalue()


FORMS: dict[str, dict[str, str]] = {
    "practice": {
        "name": "Jongerenloket: one desk for young people",
        "summary": "Job coaching, benefits and education advice for 18-27 year olds.",
        "content": "## What it does\n\nYoung people meet a **coach** first.\n\n- one intake",
        "language": "en",
        "tags": "youth work, Employment",
        "challenge": "youth unemployment",
        "country": "NL",
        "city": "Rotterdam",
        "target_groups": "young people\nunemployed people",
        "innovation_type": "reinvent",
        "evidence_level": "correlation",
        "toolkit_urls": "https://example.org/toolkits/jongerenloket.pdf",
        "partners": "Municipality of Rotterdam",
        "image_alt": "A coach and a young man at a desk",
        "tr-0-lang": "nl",
        "tr-0-name": "Jongerenloket",
        "tr-0-summary": "Eén loket voor jongeren.",
        "tr-0-content": "Jongeren spreken eerst een **coach**.",
    },
    "event": {
        "name": "Co-learning workshop: transferring social innovations",
        "summary": "A half-day workshop for municipalities.",
        "content": "Bring one practice you would like to try in your city.",
        "language": "en",
        "start": "2027-04-29T10:00",
        "end": "2027-04-29T14:00",
        "timezone": "Europe/Skopje",
        "event_type": "workshop",
        "join_mode": "free",
        "status": "CONFIRMED",
        "capacity": "30",
        "location_name": "Ohrid City Hall",
        "location_address": "Dimitar Vlahov 57, Ohrid",
        "online_url": "https://meet.example.org/sinet",
    },
    "call": {
        "name": "Volunteers for the intergenerational café",
        "summary": "Help older neighbours and students meet every Thursday.",
        "content": "We need people to welcome guests and make coffee.",
        "language": "en",
        "skills": "hosting, Macedonian",
        "closes": "2027-05-31",
        "volunteers_needed": "6",
        "time_commitment": "3 hours a week",
        "how_to_respond": "Write to volunteers@ohrid.example",
        "location_name": "Ohrid community centre",
        "location_address": "Ohrid",
        "remote": "1",
    },
}


@pytest.fixture
async def staff(live: LiveNode) -> AsyncIterator[Staff]:
    yield await staff_member(live)


async def stored_counts(live: LiveNode) -> tuple[int, int]:
    """(objects, activities queued or recorded): what a failed form must leave untouched."""
    async with live.node.sessions() as session:
        objects = await session.scalar(select(func.count(StoredObject.id)))
        recorded = await session.scalar(select(func.count(LocalActivity.id)))
        queued = await session.scalar(select(func.count(OutgoingActivity.id)))
    return int(objects or 0), int(recorded or 0) + int(queued or 0)


def media_files(live: LiveNode) -> list[str]:
    media = live.node.settings.data_dir / "media"
    return sorted(p.name for p in media.iterdir()) if media.exists() else []


async def published_uri(staff: Staff, kind: str) -> str:
    """The object the list page links first (the newest)."""
    page = await staff.page(f"/admin/{SECTIONS[kind]}")
    links = [
        href for href in page.hrefs() if href.startswith(f"https://node.example/{SECTIONS[kind]}/")
    ]
    assert links, page.text
    return links[0]


def error_of(page: HtmlPage, field: str) -> str:
    """The message next to `field`, checking that the field points to it."""
    [control] = [element for element in page.elements if element.attrs.get("id") == field]
    assert control.attrs.get("aria-invalid") == "true"
    assert f"{field}-error" in control.attrs.get("aria-describedby", "").split()
    [message] = page.all("p", id=f"{field}-error")
    return message.text.strip()


def summary_links(page: HtmlPage) -> list[str]:
    return [
        element.attrs["href"]
        for element in page.all("a")
        if element.attrs.get("href", "").startswith("#") and element.attrs["href"] != "#main"
    ]


# Publishing each kind ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["practice", "event", "call"])
async def test_publishing_through_the_form_reaches_followers_and_the_public_page(
    live: LiveNode, staff: Staff, kind: str
) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    form = await staff.page(f"/admin/{SECTIONS[kind]}/new")
    # Every input has its label.
    labelled = {element.attrs.get("for") for element in form.all("label")}
    controls = [
        element.attrs["id"]
        for element in form.elements
        if element.tag in ("input", "textarea", "select") and element.attrs.get("type") != "hidden"
    ]
    assert controls and set(controls) <= labelled
    files = {"image": ("banner.jpg", photo_jpeg(), "image/jpeg")} if kind == "practice" else None
    response = await staff.post(
        f"/admin/{SECTIONS[kind]}/new", FORMS[kind] | {"action": "publish"}, files
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/admin/{SECTIONS[kind]}"
    listing = await staff.page(f"/admin/{SECTIONS[kind]}")
    assert f"Published “{FORMS[kind]['name']}”" in listing.text
    uri = await published_uri(staff, kind)

    page = await live.client.get(uri, headers=HTML)
    assert page.status_code == 200 and FORMS[kind]["name"] in HtmlPage.parse(page.text).text
    await live.drain()
    [delivery] = live.fediverse.posts_to(alice.inbox)
    create = delivery.json
    assert create["type"] == "Create" and create["object"]["id"] == uri
    sent = create["object"]
    assert sent["name"] == FORMS[kind]["name"]
    assert sent["summary"].startswith(FORMS[kind]["summary"])
    if kind == "practice":
        assert (sent["country"], sent["city"], sent["challenge"]) == (
            "NL",
            "Rotterdam",
            "youth unemployment",
        )
        assert sent["targetGroups"] == ["young people", "unemployed people"]
        assert sent["innovationType"] == "reinvent" and sent["evidenceLevel"] == "correlation"
        assert sent["nameMap"]["nl"] == "Jongerenloket"
        assert "<strong>coach</strong>" in sent["contentMap"]["nl"]
        assert {tag["name"] for tag in sent["tag"]} == {"#YouthWork", "#Employment"}
        [banner] = sent["attachment"]
        assert banner["name"] == "A coach and a young man at a desk"
        served = await live.client.get(banner["url"])
        image = Image.open(io.BytesIO(served.content))
        assert image.size == (1600, 800)  # scaled down
        assert GPS_IFD not in image.getexif()  # the GPS position is gone
    if kind == "event":
        assert sent["startTime"] == "2027-04-29T10:00:00+02:00"
        assert sent["endTime"] == "2027-04-29T14:00:00+02:00"
        assert sent["timezone"] == "Europe/Skopje"
    if kind == "call":
        assert "2027-05-31" in sent["summary"]


async def test_preview_shows_the_markdown_and_the_mastodon_post_and_stores_nothing(
    live: LiveNode, staff: Staff
) -> None:
    fields = FORMS["practice"] | {"action": "preview"}
    response = await staff.post(
        "/admin/practices/new", fields, {"image": ("banner.jpg", photo_jpeg(), "image/jpeg")}
    )
    assert response.status_code == 200, response.text
    page = HtmlPage.parse(response.text)
    # The rendered Markdown, from the document publish would send.
    [rendered, translated] = page.all("div", **{"class": "content rendered"})
    assert "What it does" in rendered.text and "<h3>What it does</h3>" in response.text
    assert "<strong>coach</strong>" in response.text
    assert "Jongeren spreken eerst een coach." in translated.text
    # The post as a Mastodon timeline shows it: name, summary, link, image, hashtags.
    [post] = page.all("article", **{"class": "toot"})
    assert FORMS["practice"]["name"] in post.text
    assert FORMS["practice"]["summary"] in post.text
    assert "node.example/practices/preview" in post.text
    assert "#YouthWork" in post.text and "#Employment" in post.text
    [image] = [e for e in page.all("img") if e.attrs.get("alt") == FORMS["practice"]["image_alt"]][
        :1
    ]
    assert image.attrs["src"].startswith("https://node.example/media/")
    # The upload stays with the form, so that it need not be chosen again.
    [kept] = page.all("input", name="image_current")
    assert kept.attrs["value"] == image.attrs["src"]
    assert await stored_counts(live) == (0, 0)
    # Publishing the previewed form keeps that banner.
    response = await staff.post(
        "/admin/practices/new",
        FORMS["practice"] | {"action": "publish", "image_current": kept.attrs["value"]},
    )
    assert response.status_code == 303
    uri = await published_uri(staff, "practice")
    document = (await live.client.get(uri, headers=AS)).json()
    assert document["attachment"][0]["url"] == kept.attrs["value"]


async def test_add_a_language_gives_another_translation_row(staff: Staff) -> None:
    response = await staff.post(
        "/admin/events/new",
        FORMS["event"]
        | {"tr-0-lang": "mk", "tr-0-name": "Работилница", "action": "add_translation"},
    )
    assert response.status_code == 200
    page = HtmlPage.parse(response.text)
    assert [e.attrs["name"] for e in page.all("select") if e.attrs["name"].startswith("tr-")] == [
        "tr-0-lang",
        "tr-1-lang",
    ]
    assert page.all("input", name="tr-0-name")[0].attrs["value"] == "Работилница"


# Editing and deleting ------------------------------------------------------------------------


async def test_edit_is_prefilled_and_saving_sends_an_update(live: LiveNode, staff: Staff) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    uri = await local_publishing.publish(live.node, "event", load("event"))
    token = uri.rsplit("/", 1)[1]
    await live.drain()
    live.fediverse.received.clear()

    form = await staff.page(f"/admin/events/{token}/edit")
    value = {
        e.attrs["name"]: e.attrs.get("value", "") for e in form.all("input") if "name" in e.attrs
    }
    assert value["name"] == load("event")["name"]
    assert value["start"] == "2027-04-29T10:00" and value["end"] == "2027-04-29T14:00"
    assert value["location_name"] == "Ohrid City Hall"
    assert value["online_url"] == "https://meet.example.org/sinet-colearning"
    selected = [e.attrs["value"] for e in form.all("option") if "selected" in e.attrs]
    assert "Europe/Skopje" in selected

    fields = {
        name: text for name, text in value.items() if name not in ("csrf_token", "image_current")
    }
    fields |= {
        "name": "Co-learning workshop (moved to the afternoon)",
        "end": "2027-04-29T17:00",
        "summary": load("event")["summary"],
        "content": load("event")["content"],
        "timezone": "Europe/Skopje",
        "join_mode": "free",
        "status": "CONFIRMED",
        "action": "publish",
    }
    response = await staff.post(f"/admin/events/{token}/edit", fields)
    assert response.status_code == 303, response.text

    await live.drain()
    [update] = [item.json for item in live.fediverse.posts_to(alice.inbox)]
    assert update["type"] == "Update"
    assert update["object"]["name"] == "Co-learning workshop (moved to the afternoon)"
    assert update["object"]["endTime"] == "2027-04-29T17:00:00+02:00"
    assert update["object"]["startTime"] == "2027-04-29T10:00:00+02:00"  # kept as it was
    page = HtmlPage.parse((await live.client.get(uri, headers=HTML)).text)
    assert "moved to the afternoon" in page.text


async def test_delete_asks_first_then_sends_delete_and_the_page_is_gone(
    live: LiveNode, staff: Staff
) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    uri = await local_publishing.publish(live.node, "call", load("call"))
    token = uri.rsplit("/", 1)[1]
    await live.drain()
    live.fediverse.received.clear()

    confirm = await staff.page(f"/admin/calls/{token}/delete")
    assert "This cannot be undone" in confirm.text
    assert (await live.client.get(uri, headers=HTML)).status_code == 200  # asking changed nothing
    response = await staff.post(f"/admin/calls/{token}/delete", {}, files={})
    assert response.status_code == 303
    assert (await live.client.get(uri, headers=HTML)).status_code == 410
    assert (await live.client.get(uri, headers=AS)).json()["type"] == "Tombstone"
    await live.drain()
    [delete] = [item.json for item in live.fediverse.posts_to(alice.inbox)]
    assert delete["type"] == "Delete" and delete["object"]["id"] == uri
    listing = await staff.page("/admin/calls")
    assert uri not in listing.hrefs()
    assert (await staff.get(f"/admin/calls/{token}/edit")).status_code == 410


# Bad input: a clear message next to the field, nothing stored ---------------------------------


async def test_missing_required_fields_are_named_next_to_each_and_nothing_is_stored(
    live: LiveNode, staff: Staff
) -> None:
    response = await staff.post("/admin/practices/new", {"action": "publish", "language": "en"})
    assert response.status_code == 400
    page = HtmlPage.parse(response.text)
    assert summary_links(page) == [
        "#name",
        "#summary",
        "#content",
        "#tags",
        "#challenge",
        "#country",
    ]
    assert error_of(page, "name") == "Title is required"
    assert error_of(page, "country") == "Country is required"
    assert "Nothing was published yet" in page.text
    assert await stored_counts(live) == (0, 0)


async def test_an_event_that_ends_before_it_starts(live: LiveNode, staff: Staff) -> None:
    fields = FORMS["event"] | {"end": "2027-04-29T09:00", "action": "publish"}
    response = await staff.post("/admin/events/new", fields)
    assert response.status_code == 400
    page = HtmlPage.parse(response.text)
    assert error_of(page, "end") == "End must be after the start"
    assert summary_links(page) == ["#end"]
    # What was typed stays in the form.
    assert page.all("input", name="name")[0].attrs["value"] == FORMS["event"]["name"]
    assert await stored_counts(live) == (0, 0)


async def test_a_time_zone_that_does_not_exist(live: LiveNode, staff: Staff) -> None:
    fields = FORMS["event"] | {"timezone": "Europe/Atlantis", "action": "publish"}
    response = await staff.post("/admin/events/new", fields)
    assert response.status_code == 400
    page = HtmlPage.parse(response.text)
    assert error_of(page, "timezone").startswith(
        "Time zone must be an IANA time zone name like Europe/Skopje"
    )
    assert summary_links(page) == ["#timezone"]  # the times themselves are fine
    assert await stored_counts(live) == (0, 0)


async def test_a_call_with_a_closing_date_that_is_no_date(live: LiveNode, staff: Staff) -> None:
    fields = FORMS["call"] | {"closes": "31/05/2027", "skills": "", "action": "publish"}
    response = await staff.post("/admin/calls/new", fields)
    page = HtmlPage.parse(response.text)
    assert error_of(page, "closes").startswith("Closing date must be a date like 2027-05-31")
    assert error_of(page, "skills") == "Skills needed is required"
    assert await stored_counts(live) == (0, 0)


async def test_a_translation_problem_is_shown_on_its_row(live: LiveNode, staff: Staff) -> None:
    fields = FORMS["practice"] | {
        "tr-0-summary": "x" * 501,
        "tr-1-lang": "nl",
        "tr-1-name": "Tweede",
        "action": "publish",
    }
    page = HtmlPage.parse((await staff.post("/admin/practices/new", fields)).text)
    assert (
        error_of(page, "tr-0-summary") == "Summary (Dutch) is 501 characters long; keep it to 500"
    )
    assert error_of(page, "tr-1-lang") == (
        "Language is already given above: choose another language"
    )
    assert await stored_counts(live) == (0, 0)


async def test_a_file_that_is_not_an_image_is_refused_next_to_the_field(
    live: LiveNode, staff: Staff
) -> None:
    fields = FORMS["practice"] | {"action": "publish"}
    fake = {"image": ("banner.png", b"<svg onload=alert(1)></svg>" * 10, "image/png")}
    response = await staff.post("/admin/practices/new", fields, fake)
    assert response.status_code == 400
    page = HtmlPage.parse(response.text)
    assert error_of(page, "image") == "The file is not a PNG, JPEG, GIF or WebP image."
    assert media_files(live) == [] and await stored_counts(live) == (0, 0)


async def test_an_image_over_the_limit_is_refused_next_to_the_field(
    live: LiveNode, staff: Staff
) -> None:
    big = {"image": ("holiday.jpg", b"\xff\xd8\xff" + b"\x00" * (9 * 1024 * 1024), "image/jpeg")}
    response = await staff.post(
        "/admin/practices/new", FORMS["practice"] | {"action": "publish"}, big
    )
    assert response.status_code == 400
    page = HtmlPage.parse(response.text)
    assert error_of(page, "image") == (
        "The image is 9.0 MB, larger than 8 MB: choose a smaller one."
    )
    assert media_files(live) == [] and await stored_counts(live) == (0, 0)


async def test_a_50_mb_upload_is_refused_with_a_message_and_bounded_memory(
    live: LiveNode, staff: Staff
) -> None:
    boundary = "----sinet-test-boundary"
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="csrf_token"\r\n\r\n{staff.token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\npublish\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="huge.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = 50 * 1024 * 1024
    chunk = b"\x00" * (256 * 1024)
    sent = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        yield head
        for _ in range(size // len(chunk)):
            sent += len(chunk)
            yield chunk
        yield tail

    headers = HTML | {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(len(head) + size + len(tail)),
    }
    tracemalloc.start()
    started = time.monotonic()
    response = await live.client.post("/admin/practices/new", content=body(), headers=headers)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 413
    assert "The form is too large: at most 10 MB" in HtmlPage.parse(response.text).text
    assert peak < 30 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"  # never the whole 50 MB
    assert elapsed < 15
    assert media_files(live) == [] and await stored_counts(live) == (0, 0)


@pytest.mark.parametrize("csrf", ["", "forged-token-value-that-is-long-enough"])
async def test_a_missing_or_wrong_csrf_token_changes_nothing(
    live: LiveNode, staff: Staff, csrf: str
) -> None:
    response = await staff.post(
        "/admin/practices/new", FORMS["practice"] | {"action": "publish"}, csrf=csrf
    )
    assert response.status_code == 403
    assert "Nothing was changed" in HtmlPage.parse(response.text).text
    assert await stored_counts(live) == (0, 0)


async def test_a_forged_banner_field_is_not_published(live: LiveNode, staff: Staff) -> None:
    for forged in ("/etc/hostname", "https://elsewhere.example/tracker.png"):
        fields = FORMS["practice"] | {"action": "publish", "image_current": forged}
        response = await staff.post("/admin/practices/new", fields)
        assert response.status_code == 400
        page = HtmlPage.parse(response.text)
        assert error_of(page, "image") == "The banner could not be kept: choose the file again."
    assert await stored_counts(live) == (0, 0)


async def test_without_a_login_the_pages_send_to_the_login(live: LiveNode) -> None:
    for path in ("/admin/practices", "/admin/events/new", "/admin/calls/abc/edit"):
        response = await live.client.get(path, headers=HTML)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
    response = await live.client.post(
        "/admin/practices/new", data=FORMS["practice"] | {"action": "publish"}, headers=HTML
    )
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    api = await live.client.get("/admin/practices", headers={"Accept": "application/json"})
    assert api.status_code == 401
    assert await stored_counts(live) == (0, 0)


async def test_someone_elses_object_cannot_be_edited(live: LiveNode, staff: Staff) -> None:
    assert (await staff.get("/admin/practices/nosuchtoken/edit")).status_code == 404
    uri = await local_publishing.publish(live.node, "event", load("event"))
    token = uri.rsplit("/", 1)[1]
    # An event's token under the practices' path is no practice.
    assert (await staff.get(f"/admin/practices/{token}/edit")).status_code == 404
