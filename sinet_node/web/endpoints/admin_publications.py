"""The staff's pages for our practices, events and calls: the list of ours, the form to publish
a new one or change one, and a confirmation step before a delete.

Everything works without JavaScript. "Preview" and "Add a language" are submit buttons that
show the form again: with the rendered Markdown and the post as a Mastodon timeline will show
it, both read from the document local_publishing.preview builds with the publishing code
itself. "Publish" and "Save changes" go through local_publishing.publish / update and the
delete through local_publishing.delete: the same code, the same checks as the CLI. Every page
needs an editor; every POST is read by auth.checked_form (size limit, CSRF token).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from sinet_node.content.images import MAX_UPLOAD_BYTES, ImageError, check_size, megabytes
from sinet_node.federation import local_publishing
from sinet_node.federation.context import Node
from sinet_node.federation.local_publishing import PublishError
from sinet_node.federation.media import MediaError, save_image
from sinet_node.publishing.errors import Problem
from sinet_node.storage import objects as object_store
from sinet_node.storage.models import StoredObject
from sinet_node.translation import gettext as _
from sinet_node.web import form_choices
from sinet_node.web.admin_pages import admin_page, done
from sinet_node.web.auth import checked_form, require_editor
from sinet_node.web.context import node_of
from sinet_node.web.endpoints.objects import MEDIA_NAME, local_row
from sinet_node.web.names import language_name
from sinet_node.web.problem import HTTPProblem
from sinet_node.web.publication_form import (
    FormInput,
    PublicationForm,
    TranslationRow,
    field_of,
    from_form,
    from_input,
    to_input,
)
from sinet_node.web.publication_labels import KIND_NAMES, LABELS, SECTIONS
from sinet_node.web.timeline_preview import TimelinePost, timeline_post

KINDS_BY_SECTION = {section: kind for kind, section in SECTIONS.items()}


def _kind(request: Request) -> str:
    return KINDS_BY_SECTION[request.url.path.split("/")[2]]


def _list_url(kind: str) -> str:
    return f"/admin/{SECTIONS[kind]}"


async def _our_row(request: Request, kind: str) -> StoredObject:
    """Our live object of `kind` named by the URL's token, or 404 (410 once deleted)."""
    row = await local_row(request, kind, request.path_params["token"])
    if row.deleted_at is not None:
        raise HTTPProblem(410, _("This was deleted; it can no longer be changed."))
    return row


def _banner_url(row: StoredObject | None) -> str:
    attachments = row.document.get("attachment") if row is not None else None
    first = attachments[0] if isinstance(attachments, list) and attachments else attachments
    url = first.get("url") if isinstance(first, dict) else None
    return url if isinstance(url, str) else ""


# Pages --------------------------------------------------------------------------------------


async def listing(request: Request) -> Response:
    await require_editor(request)
    kind = _kind(request)
    node = node_of(request)
    async with node.sessions() as session:
        rows = await object_store.listing(session, local_only=True, kind=kind)
    return await admin_page(
        request, "admin/publications.html", kind=kind, rows=rows, **_names(kind)
    )


async def new_form(request: Request) -> Response:
    await require_editor(request)
    kind = _kind(request)
    settings = node_of(request).settings
    defaults = {"language": settings.language, "timezone": settings.timezone}
    state = PublicationForm(kind=kind, values=defaults)
    return await _form_page(request, state, None)


async def create(request: Request) -> Response:
    await require_editor(request)
    form = await checked_form(request)
    return await _submitted(request, _kind(request), form, None)


async def edit_form(request: Request) -> Response:
    await require_editor(request)
    kind = _kind(request)
    row = await _our_row(request, kind)
    state = from_input(
        kind,
        row.source_input or {},
        image_url=_banner_url(row),
        default_timezone=node_of(request).settings.timezone,
    )
    return await _form_page(request, state, row)


async def update(request: Request) -> Response:
    await require_editor(request)
    kind = _kind(request)
    row = await _our_row(request, kind)
    form = await checked_form(request)
    return await _submitted(request, kind, form, row)


async def delete_form(request: Request) -> Response:
    await require_editor(request)
    kind = _kind(request)
    row = await _our_row(request, kind)
    return await admin_page(
        request, "admin/publication_delete.html", kind=kind, row=row, **_names(kind)
    )


async def delete(request: Request) -> Response:
    await require_editor(request)
    kind = _kind(request)
    row = await _our_row(request, kind)
    await checked_form(request)
    await local_publishing.delete(node_of(request), row.uri)
    message = _("Deleted “%(name)s”. Its followers are told; its page now says it is gone.")
    return await done(request, _list_url(kind), message % {"name": row.name or row.uri})


# The form ------------------------------------------------------------------------------------


@dataclass
class _Errors:
    """Messages by field (next to it), and those of the form as a whole (the summary only)."""

    by_field: dict[str, str]
    general: list[str]

    def add(self, field: str | None, message: str) -> None:
        if field is None:
            self.general.append(message)
        elif field in self.by_field:
            self.by_field[field] += " " + message
        else:
            self.by_field[field] = message

    def __bool__(self) -> bool:
        return bool(self.by_field or self.general)


def _label(field: str, state: PublicationForm) -> str:
    """The field's label as the error sentence starts: 'Title', 'Title (Italiano)'."""
    if field.startswith("tr-"):
        _prefix, index, part = field.split("-", 2)
        rows = state.translations
        lang = rows[int(index)].lang if int(index) < len(rows) else ""
        label = _(LABELS.get(part, part))
        return f"{label} ({language_name(lang)})" if lang and part != "lang" else label
    return _(LABELS.get(field, field))


def _add_problems(
    errors: _Errors, problems: tuple[Problem, ...], form_input: FormInput, state: PublicationForm
) -> None:
    for problem in problems:
        field = field_of(problem.key, form_input.row_of_language, state.kind)
        if field is not None:
            errors.add(field, f"{_label(field, state)} {problem.text}")
        elif problem.key is not None:
            errors.add(None, f"'{problem.key}' {problem.text}")
        else:
            errors.add(None, problem.text)


def _acceptable_banner(node: Node, url: str, row: StoredObject | None) -> bool:
    """The banner a re-shown form carries: the one published, or one uploaded to this node.
    Never a path, never someone else's URL: the form's hidden field is not to be trusted."""
    if url == _banner_url(row):
        return True
    prefix = node.urls.media("")
    name = url.removeprefix(prefix)
    return (
        url.startswith(prefix)
        and MEDIA_NAME.match(name) is not None
        and (Path(node.settings.data_dir) / "media" / name).is_file()
    )


async def _take_upload(node: Node, form: FormData, state: PublicationForm, errors: _Errors) -> None:
    """A newly chosen banner is checked, re-encoded and stored now, so that it stays with the
    form through previews and corrections; the published object links it only once saved."""
    upload = form.get("image")
    if not isinstance(upload, UploadFile) or not (upload.filename or upload.size):
        return
    try:
        check_size(upload.size or 0)  # before reading it
        image = save_image(
            await upload.read(),
            Path(node.settings.data_dir) / "media",
            node.urls.media,
            declared_type=upload.content_type,
        )
    except ImageError as exc:
        errors.add("image", str(exc))
        return
    except MediaError as exc:
        errors.add("image", str(exc).removeprefix("image: "))
        return
    state.image_url = image.url


async def _submitted(
    request: Request, kind: str, form: FormData, row: StoredObject | None
) -> Response:
    node = node_of(request)
    state = from_form(kind, form)
    errors = _Errors({}, [])
    if state.image_url and not _acceptable_banner(node, state.image_url, row):
        state.image_url = ""
        errors.add("image", _("The banner could not be kept: choose the file again."))
    if form.get("image_remove"):
        state.image_url = ""
    await _take_upload(node, form, state, errors)
    action = form.get("action")
    if action == "add_translation":
        state.translations.append(TranslationRow())
        return await _form_page(request, state, row, errors)
    form_input = to_input(state, default_timezone=node.settings.timezone)
    for field, problem in form_input.problems.items():
        errors.add(field, f"{_label(field, state)} {_(problem)}")
    document: dict[str, Any] | None = None
    if action == "publish" and not errors:
        try:
            if row is None:
                await local_publishing.publish(node, kind, form_input.data)
            else:
                await local_publishing.update(node, row.uri, form_input.data)
        except PublishError as exc:
            _add_problems(errors, exc.problems or (Problem(None, str(exc)),), form_input, state)
        else:
            name = str(form_input.data.get("name", ""))
            message = (
                _("Published “%(name)s”. Followers receive it now.")
                if row is None
                else _("Saved “%(name)s”. Followers receive the change now.")
            )
            return await done(request, _list_url(kind), message % {"name": name})
    else:
        # A preview, or a publish the form itself refused: every problem of the input is shown.
        try:
            document = await local_publishing.preview(
                node, kind, form_input.data, uri=row.uri if row is not None else None
            )
        except PublishError as exc:
            _add_problems(errors, exc.problems or (Problem(None, str(exc)),), form_input, state)
    return await _form_page(request, state, row, errors, document if not errors else None)


def _names(kind: str) -> dict[str, Any]:
    titles = KIND_NAMES[kind]
    return {
        "section_title": titles.section,
        "new_title": titles.new,
        "edit_title": titles.edit,
        "delete_title": titles.delete,
        "list_url": _list_url(kind),
    }


def _error_list(state: PublicationForm, errors: _Errors) -> list[tuple[str | None, str]]:
    """The summary at the top, in the order of the fields on the page."""
    order = ["image", *state.fields()]
    for index in range(len(state.translations)):
        order += [f"tr-{index}-{part}" for part in ("lang", "name", "summary", "content")]
    ranked = sorted(
        errors.by_field.items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )
    return [(None, message) for message in errors.general] + [
        (field, message) for field, message in ranked
    ]


def _page_preview(document: dict[str, Any]) -> dict[str, Any]:
    """The rendered Markdown of the description and of each translation."""
    content = document.get("content", "")
    contents = document.get("contentMap") or {}
    names = document.get("nameMap") or {}
    # The maps hold the main language too: it is the one whose text is `content`.
    main = next((lang for lang, html in contents.items() if html == content), None)
    translations = [
        (language_name(lang), names.get(lang, ""), html)
        for lang, html in contents.items()
        if lang != main
    ]
    return {"content": content, "translations": translations}


async def _form_page(
    request: Request,
    state: PublicationForm,
    row: StoredObject | None,
    errors: _Errors | None = None,
    document: dict[str, Any] | None = None,
) -> Response:
    node = node_of(request)
    settings = node.settings
    errors = errors or _Errors({}, [])
    if not state.translations:  # an empty row to start a translation in, without "Add"
        state.translations.append(TranslationRow())
    post: TimelinePost | None = None
    if document is not None:
        post = timeline_post(
            document,
            author_name=settings.name,
            handle=f"@{settings.handle}",
            avatar_url=settings.icon_url or None,
        )
    kind = state.kind
    action_url = (
        f"{_list_url(kind)}/new"
        if row is None
        else f"{_list_url(kind)}/{row.uri.rsplit('/', 1)[1]}/edit"
    )
    return await admin_page(
        request,
        "admin/publication_form.html",
        status_code=400 if errors else 200,
        state=state,
        row=row,
        errors=errors.by_field,
        error_list=_error_list(state, errors),
        post=post,
        page=_page_preview(document) if document is not None else None,
        action_url=action_url,
        labels=LABELS,
        choices=form_choices,
        max_upload=megabytes(MAX_UPLOAD_BYTES),
        **_names(kind),
    )
