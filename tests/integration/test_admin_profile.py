"""The profile settings page: what an admin saves is what the site, the actor and every
follower's copy show; bad input changes nothing."""

from __future__ import annotations

import io
import re

from PIL import Image

from sinet_node.config import load_settings
from sinet_node.storage.models import LocalActivity
from tests.conftest import LiveNode
from tests.fakes.fediverse import verify_node_signature
from tests.integration.staff import HTML, PASSWORD, banner, get, log_in, make_account, submit
from tests.integration.test_publishing import follow

PAGE = "/admin/profile"
NEW_PROFILE = {
    "name": "Municipality of Ohrid · Social Services",
    "summary": "Housing, care and work for every generation on the shores of Lake Ohrid.",
    "organisation_kind": "municipality",
    "country": "MK",
    "city": "Ohrid",
    "field_name_1": "Website",
    "field_value_1": "https://ohrid.example",
    "field_name_2": "Email",
    "field_value_2": "social@ohrid.example",
    "manually_approves_followers": "1",
}


def png(width: int, height: int, *, comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGBA", (width, height), (11, 92, 173, 255))
    image.save(buffer, format="PNG")
    return buffer.getvalue() + comment  # bytes after IEND: a re-encoding drops them


async def admin(live: LiveNode) -> None:
    await make_account(live, "admin@ohrid.example")
    assert (await log_in(live.client, "admin@ohrid.example", PASSWORD)).status_code == 303


async def updates(live: LiveNode) -> list[LocalActivity]:
    from sqlalchemy import select

    async with live.node.sessions() as session:
        query = select(LocalActivity).where(LocalActivity.type == "Update")
        return list((await session.scalars(query)).all())


async def test_saving_the_profile_updates_site_actor_and_followers(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    await admin(live)
    logo = png(1200, 800, comment=b"#secret-trailer")
    response = await submit(
        live.client, PAGE, PAGE, NEW_PROFILE, files={"logo": ("logo.png", logo, "image/png")}
    )
    assert response.status_code == 303 and response.headers["location"] == PAGE
    page = await get(live.client, PAGE)
    assert "The profile is saved" in banner(page.text)
    assert 'value="Municipality of Ohrid · Social Services"' in page.text

    # The settings file holds it (a restart keeps it) ...
    saved = load_settings(live.node.settings.data_dir)
    assert saved.name == NEW_PROFILE["name"]
    assert saved.summary == NEW_PROFILE["summary"]
    assert saved.profile_fields == (
        ("Website", "https://ohrid.example"),
        ("Email", "social@ohrid.example"),
    )
    assert (saved.organisation_kind, saved.country, saved.city) == ("municipality", "MK", "Ohrid")
    assert saved.manually_approves_followers is True
    # ... the public pages show it at once ...
    home = await get(live.client, "/")
    assert "Municipality of Ohrid · Social Services" in home.text
    assert "Ohrid, North Macedonia" in home.text
    profile = await get(live.client, "/@ohrid")
    assert NEW_PROFILE["summary"] in profile.text
    # ... the logo was re-encoded (scaled, trailer gone) and is served from our media ...
    assert saved.icon_url.startswith("https://node.example/media/")
    served = await live.client.get(saved.icon_url.removeprefix("https://node.example"))
    assert served.status_code == 200
    assert b"#secret-trailer" not in served.content
    with Image.open(io.BytesIO(served.content)) as stored:
        assert stored.format == "PNG" and max(stored.size) == 400
    # ... the actor document carries it ...
    actor = (
        await live.client.get("/users/ohrid", headers={"Accept": "application/activity+json"})
    ).json()
    assert actor["name"] == NEW_PROFILE["name"]
    assert actor["manuallyApprovesFollowers"] is True
    assert actor["icon"]["url"] == saved.icon_url
    assert {"name": "Email", "value": "social@ohrid.example"} in [
        {"name": item["name"], "value": item["value"]} for item in actor["attachment"]
    ]
    assert (actor["organisationType"], actor["country"], actor["city"]) == (
        "municipality",
        "MK",
        "Ohrid",
    )
    # ... and the follower gets a signed Update of the actor with the new profile.
    await live.drain()
    [received] = live.fediverse.posts_to(alice.inbox)
    verify_node_signature(received, live.node.organisation_key.public_pem, "peer.example")
    update = received.json
    assert update["type"] == "Update" and update["actor"] == live.node.urls.actor
    assert update["object"]["id"] == live.node.urls.actor
    assert update["object"]["name"] == NEW_PROFILE["name"]
    assert update["object"]["icon"]["url"] == saved.icon_url


async def test_removing_the_logo(live: LiveNode) -> None:
    await admin(live)
    files = {"logo": ("logo.png", png(64, 64), "image/png")}
    await submit(live.client, PAGE, PAGE, NEW_PROFILE, files=files)
    assert live.node.settings.icon_url
    await submit(live.client, PAGE, PAGE, NEW_PROFILE | {"remove_logo": "1"})
    assert live.node.settings.icon_url == ""
    assert load_settings(live.node.settings.data_dir).icon_url == ""


async def test_bad_input_is_shown_next_to_the_fields_and_nothing_changes(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    await admin(live)
    before = (live.node.settings.data_dir / "sinet.toml").read_text()
    bad = NEW_PROFILE | {
        "name": "   ",
        "summary": "x" * 501,
        "field_name_3": "Opening hours",  # a label without a value
        "country": "XX",
    }
    response = await submit(
        live.client,
        PAGE,
        PAGE,
        bad,
        files={"logo": ("logo.png", b"GIF89a not really", "image/png")},
    )
    assert response.status_code == 400
    for field, message in (
        ("name", "needs a name"),
        ("summary", "At most 500 characters (now 501)"),
        ("field_value_3", "Give this field a value"),
        ("country", "Choose a country from the list"),
        ("logo", "not a PNG, JPEG, GIF or WebP image"),
    ):
        error = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', response.text)
        assert error and message in error.group(1), field
        assert re.search(rf'id="{field}"[^>]*aria-describedby="[^"]*{field}-error', response.text)
    # What was typed is kept in the form, to be corrected.
    assert 'value="Opening hours"' in response.text
    assert (live.node.settings.data_dir / "sinet.toml").read_text() == before
    assert live.node.settings.name == "Municipality of Ohrid"
    assert await updates(live) == []
    await live.drain()
    assert live.fediverse.posts_to(alice.inbox) == []


async def test_an_oversized_logo_is_refused(live: LiveNode) -> None:
    await admin(live)
    huge = png(16, 16) + b"\0" * (8 * 1024 * 1024)
    response = await submit(
        live.client, PAGE, PAGE, NEW_PROFILE, files={"logo": ("big.png", huge, "image/png")}
    )
    assert response.status_code == 400
    assert "larger than 8 MB" in response.text
    assert live.node.settings.icon_url == ""


async def test_an_editor_cannot_change_the_profile(live: LiveNode) -> None:
    await make_account(live, "editor@ohrid.example", "editor")
    await log_in(live.client, "editor@ohrid.example", PASSWORD)
    page = await get(live.client, PAGE)
    assert page.status_code == 403
    assert "This page is for admins" in page.text
    token = re.search(r'name="csrf_token" value="([^"]*)"', page.text)
    assert token  # the logout form: a valid token, so only the role stops what follows
    response = await live.client.post(
        PAGE, data={"csrf_token": token.group(1), **NEW_PROFILE}, headers=HTML
    )
    assert response.status_code == 403
    assert live.node.settings.name == "Municipality of Ohrid"
    assert await updates(live) == []
