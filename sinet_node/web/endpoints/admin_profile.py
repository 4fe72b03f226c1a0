"""The organisation's profile settings (admins): name, description, logo, profile fields,
kind, place, and whether follows are approved by hand. Saving sends followers an Update
of the actor (federation.profile)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from sinet_node.config import ORGANISATION_KINDS, Settings
from sinet_node.content.images import MAX_UPLOAD_BYTES, EncodedImage, ImageError, reencode
from sinet_node.federation.profile import (
    FIELD_COUNT,
    LOGO_MAX_SIDE,
    NAME_MAX,
    SUMMARY_MAX,
    ProfileError,
    check_profile,
    update_profile,
)
from sinet_node.translation import gettext as _
from sinet_node.web.admin_pages import admin_page, done
from sinet_node.web.auth import checked_form, require_admin
from sinet_node.web.context import localiser_of, node_of
from sinet_node.web.names import country_choices, organisation_kind

PAGE = "/admin/profile"


def _values_of(settings: Settings) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": settings.name,
        "summary": settings.summary,
        "organisation_kind": settings.organisation_kind,
        "country": settings.country,
        "city": settings.city,
        "manually_approves_followers": settings.manually_approves_followers,
    }
    for number in range(1, FIELD_COUNT + 1):
        pair = (
            settings.profile_fields[number - 1]
            if number <= len(settings.profile_fields)
            else ("", "")
        )
        values[f"field_name_{number}"], values[f"field_value_{number}"] = pair
    return values


async def _page(
    request: Request,
    values: dict[str, Any],
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    l10n = localiser_of(request)
    return await admin_page(
        request,
        "admin/profile.html",
        status_code=status_code,
        values=values,
        errors=errors or {},
        kinds=[
            ("", _("Not said")),
            *((kind, organisation_kind(kind, l10n)) for kind in ORGANISATION_KINDS),
        ],
        countries=[("", _("Not said")), *country_choices(l10n)],
        field_numbers=range(1, FIELD_COUNT + 1),
        limits={"name": NAME_MAX, "summary": SUMMARY_MAX, "logo_mb": MAX_UPLOAD_BYTES // 2**20},
    )


async def profile_form(request: Request) -> Response:
    await require_admin(request)
    return await _page(request, _values_of(node_of(request).settings))


async def _logo(form: FormData) -> EncodedImage | None:
    upload = form.get("logo")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None  # no file chosen: the logo stays
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    return reencode(data, max_side=LOGO_MAX_SIDE)


async def save_profile(request: Request) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    text = {key: value for key, value in form.items() if isinstance(value, str)}
    values: dict[str, Any] = {
        **text,
        "manually_approves_followers": "manually_approves_followers" in text,
    }
    errors: dict[str, str] = {}
    changes = logo = None
    try:
        changes = check_profile(text)
    except ProfileError as exc:
        errors.update(exc.errors)
    try:
        logo = await _logo(form)
    except ImageError as exc:
        errors["logo"] = str(exc)
    if errors or changes is None:
        return await _page(request, values, errors=errors, status_code=400)
    await update_profile(
        node_of(request), changes, logo=logo, remove_logo="remove_logo" in text and logo is None
    )
    return await done(
        request, PAGE, _("The profile is saved; followers are being sent the new version.")
    )
