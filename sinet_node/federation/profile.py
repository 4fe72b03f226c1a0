"""Changing the organisation's profile from the admin pages: the new values are checked,
written to sinet.toml, used by the running node at once, and followers get an ``Update``
of the actor (as Mastodon sends one), so their copy of the profile follows.

Errors: ``ProfileError`` (a message per form field; nothing was changed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sinet_node.config import (
    ORGANISATION_KINDS,
    ConfigError,
    Settings,
    validate_city,
    validate_country,
    write_settings,
)
from sinet_node.content.images import EncodedImage
from sinet_node.federation.actor_updates import queue_actor_update
from sinet_node.federation.context import Node
from sinet_node.storage import keys as key_store
from sinet_node.translation import gettext as _

NAME_MAX = 100
SUMMARY_MAX = 500  # Mastodon's limit for a bio
FIELD_COUNT = 4  # Mastodon shows four profile fields
FIELD_NAME_MAX = 50
FIELD_VALUE_MAX = 200
LOGO_MAX_SIDE = 400


class ProfileError(ValueError):
    """Some values are wrong; ``errors`` maps each form field to what to fix."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class ProfileChanges:
    name: str
    summary: str
    profile_fields: tuple[tuple[str, str], ...]
    organisation_kind: str
    country: str
    city: str
    manually_approves_followers: bool


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _printable(value: str) -> bool:
    return all(char.isprintable() or char in "\n\r\t" for char in value)


def _check_fields(form: Mapping[str, str], errors: dict[str, str]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for number in range(1, FIELD_COUNT + 1):
        name = _one_line(form.get(f"field_name_{number}", ""))
        value = _one_line(form.get(f"field_value_{number}", ""))
        if not name and not value:
            continue
        if not name:
            errors[f"field_name_{number}"] = _("Give this field a label, or clear its value.")
        elif len(name) > FIELD_NAME_MAX:
            errors[f"field_name_{number}"] = _("At most %(n)d characters.") % {"n": FIELD_NAME_MAX}
        if not value:
            errors[f"field_value_{number}"] = _("Give this field a value, or clear its label.")
        elif len(value) > FIELD_VALUE_MAX:
            errors[f"field_value_{number}"] = _("At most %(n)d characters.") % {
                "n": FIELD_VALUE_MAX
            }
        pairs.append((name, value))
    return tuple(pairs)


def check_profile(form: Mapping[str, str]) -> ProfileChanges:
    """The profile form's values, checked; ``ProfileError`` names every wrong field."""
    errors: dict[str, str] = {}
    name = _one_line(form.get("name", ""))
    if not name:
        errors["name"] = _("The organisation needs a name.")
    elif len(name) > NAME_MAX:
        errors["name"] = _("At most %(n)d characters.") % {"n": NAME_MAX}
    summary = form.get("summary", "").replace("\r\n", "\n").strip()
    if len(summary) > SUMMARY_MAX:
        errors["summary"] = _("At most %(n)d characters (now %(count)d).") % {
            "n": SUMMARY_MAX,
            "count": len(summary),
        }
    elif not _printable(summary):
        errors["summary"] = _("Only printable characters, please.")
    fields = _check_fields(form, errors)
    kind = form.get("organisation_kind", "")
    if kind and kind not in ORGANISATION_KINDS:
        errors["organisation_kind"] = _("Choose a kind of organisation from the list.")
    country = city = ""
    try:
        country = validate_country(form.get("country", ""))
    except ConfigError:
        errors["country"] = _("Choose a country from the list.")
    try:
        city = validate_city(form.get("city", ""))
    except ConfigError as exc:
        errors["city"] = str(exc).split(": ", 1)[-1]
    if errors:
        raise ProfileError(errors)
    return ProfileChanges(
        name=name,
        summary=summary,
        profile_fields=fields,
        organisation_kind=kind,
        country=country,
        city=city,
        manually_approves_followers=form.get("manually_approves_followers", "") != "",
    )


def _store_logo(node: Node, logo: EncodedImage) -> str:
    media_dir = node.settings.data_dir / "media"
    media_dir.mkdir(parents=True, exist_ok=True)
    target = media_dir / logo.name
    if not target.exists():  # named by its content: the same logo is stored once
        target.write_bytes(logo.data)
    return node.urls.media(logo.name)


async def update_profile(
    node: Node,
    changes: ProfileChanges,
    *,
    logo: EncodedImage | None = None,
    remove_logo: bool = False,
) -> Settings:
    """Save the profile and send the Update of the actor to every follower. The queued
    Update and the settings file change together: if either fails, neither happens."""
    old = node.settings
    icon_url = "" if remove_logo else (_store_logo(node, logo) if logo else old.icon_url)
    new = replace(
        old,
        name=changes.name,
        summary=changes.summary,
        profile_fields=changes.profile_fields,
        organisation_kind=changes.organisation_kind,
        country=changes.country,
        city=changes.city,
        manually_approves_followers=changes.manually_approves_followers,
        icon_url=icon_url,
    )
    written = False
    try:
        async with node.sessions.begin() as session:
            # The Update describes the new profile, and peers that receive it fetch the
            # actor again: it must already be new.
            node.settings = new
            queue_actor_update(session, node, key_store.ORGANISATION)
            write_settings(new)
            written = True
    except BaseException:
        node.settings = old
        if written:
            write_settings(old)
        raise
    return new
