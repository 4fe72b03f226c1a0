"""The browser's form for a practice, an event or a call, and the JSON input it stands for.

The form checks nothing itself: `to_input` only reshapes what was typed into the input that
`sinet-node publish` reads (lists from lines or commas, a local date-time and its zone into
ISO 8601 with an offset, whole numbers from digits), publishing.input judges it, and
`field_of` puts each of its problems back next to the field it came from. The one thing the
form must say itself is what JSON cannot hold: two translations into the same language.
`from_input` goes the other way, to fill the form for an edit.

Exceptions: none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.datastructures import FormData

COMMON_FIELDS: Final = ("name", "summary", "content", "language", "tags", "image_alt")
WHERE_FIELDS: Final = ("location_name", "location_address", "latitude", "longitude", "online_url")
KIND_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "practice": (
        "challenge", "country", "city", "target_groups", "innovation_type", "evidence_level",
        "toolkit_urls", "partners",
    ),
    "event": (
        "start", "end", "timezone", "event_type", "join_mode", "capacity", "status",
        *WHERE_FIELDS,
    ),
    "call": (
        "skills", "closes", "remote", "time_commitment", "how_to_respond", "volunteers_needed",
        *WHERE_FIELDS,
    ),
}  # fmt: skip
# Lists typed one per line; tags and skills may also be separated by commas.
_LINE_LISTS: Final = ("target_groups", "toolkit_urls", "partners")
_COMMA_LISTS: Final = ("tags", "skills")
_PLAIN: Final = (
    "name", "summary", "content", "language", "image_alt", "challenge", "country", "city",
    "innovation_type", "evidence_level", "timezone", "event_type", "join_mode", "status",
    "online_url", "time_commitment", "how_to_respond", "closes",
)  # fmt: skip
_COUNTS: Final = ("capacity", "volunteers_needed")
_ADDRESS_ORDER: Final = (
    "streetAddress", "postalCode", "addressLocality", "addressRegion", "addressCountry",
)  # fmt: skip
# Input keys whose field has another name.
_FIELD_OF_KEY: Final = {
    "startTime": "start",
    "endTime": "end",
    "location": "location_name",
    "location.name": "location_name",
    "location.latitude": "latitude",
    "location.longitude": "longitude",
    "image": "image",
}
MAX_TRANSLATIONS: Final = 12
_ROW_FIELD: Final = re.compile(r"^tr-(\d{1,2})-lang$")


@dataclass
class TranslationRow:
    lang: str = ""
    name: str = ""
    summary: str = ""
    content: str = ""

    def is_blank(self) -> bool:
        return not (self.lang or self.name or self.summary or self.content)


@dataclass
class PublicationForm:
    """What the form holds: the fields as typed, the translations, the stored banner."""

    kind: str
    values: dict[str, str] = field(default_factory=dict)
    translations: list[TranslationRow] = field(default_factory=list)
    # The banner already stored (uploaded with an earlier preview, or the published one).
    image_url: str = ""

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def fields(self) -> tuple[str, ...]:
        return COMMON_FIELDS + KIND_FIELDS[self.kind]


def _text(value: object) -> str:
    """A form value as text; a file where text was expected counts as nothing."""
    return value if isinstance(value, str) else ""


def from_form(kind: str, form: FormData) -> PublicationForm:
    """The form as the browser sent it (the file upload is the caller's)."""
    state = PublicationForm(kind=kind, image_url=_text(form.get("image_current")).strip())
    for name in state.fields():
        state.values[name] = _text(form.get(name))
    rows = sorted(int(match[1]) for key in form if (match := _ROW_FIELD.match(key)) is not None)[
        :MAX_TRANSLATIONS
    ]
    for index in rows:
        row = TranslationRow(
            *(
                _text(form.get(f"tr-{index}-{part}"))
                for part in ("lang", "name", "summary", "content")
            )
        )
        if not row.is_blank():
            state.translations.append(row)
    return state


def _items(text: str, *, commas: bool) -> list[str]:
    parts = re.split(r"[\n,]" if commas else r"\n", text)
    return [part.strip() for part in parts if part.strip()]


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # The zone's own field says what is wrong with it; any offset keeps the times quiet.
        return UTC


def with_offset(local: str, zone_name: str) -> str:
    """'2027-04-29T10:00' read in `zone_name` -> '2027-04-29T10:00:00+02:00'. Anything that is
    not a date and time without an offset is passed on as typed, for the input to judge."""
    text = local.strip()
    try:
        moment = datetime.fromisoformat(text) if len(text) > 10 else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        return text
    return moment.replace(tzinfo=_zone(zone_name)).isoformat()


def _count(text: str) -> int | str:
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() else stripped


def _number(text: str) -> float | str:
    stripped = text.strip()
    try:
        return float(stripped)
    except ValueError:
        return stripped


def _location(state: PublicationForm) -> dict[str, Any] | None:
    place: dict[str, Any] = {}
    if name := state.get("location_name").strip():
        place["name"] = name
    if address := state.get("location_address").strip():
        place["address"] = address
    for key in ("latitude", "longitude"):
        if state.get(key).strip():
            place[key] = _number(state.get(key))
    return place or None


@dataclass(frozen=True)
class FormInput:
    """The input for publishing, and which translation row each language came from."""

    data: dict[str, Any]
    row_of_language: dict[str, int]
    # What the form itself must refuse (field -> problem): a language given twice.
    problems: dict[str, str]


def to_input(state: PublicationForm, *, default_timezone: str) -> FormInput:
    """The JSON input of `sinet-node publish` for what the form holds (empty = left out)."""
    data: dict[str, Any] = {}
    for name in state.fields():
        value = state.get(name)
        if not value.strip():
            continue
        if name in _PLAIN:
            data[name] = value
        elif name in _LINE_LISTS or name in _COMMA_LISTS:
            data[name] = _items(value, commas=name in _COMMA_LISTS)
        elif name in _COUNTS:
            data[name] = _count(value)
    if state.kind == "event":
        zone = state.get("timezone").strip() or default_timezone
        for name, key in (("start", "startTime"), ("end", "endTime")):
            if state.get(name).strip():
                data[key] = with_offset(state.get(name), zone)
    if state.kind != "practice" and (place := _location(state)) is not None:
        data["location"] = place
    if state.kind == "call" and state.get("remote"):
        data["remote"] = True
    if state.image_url:
        data["image"] = state.image_url
    else:
        data.pop("image_alt", None)  # a description of no image
    translations: dict[str, dict[str, str]] = {}
    rows: dict[str, int] = {}
    problems: dict[str, str] = {}
    for index, row in enumerate(state.translations):
        lang = row.lang.strip()
        if lang in translations:
            problems[f"tr-{index}-lang"] = "is already given above: choose another language"
            continue
        texts = {"name": row.name, "summary": row.summary, "content": row.content}
        translations[lang] = {key: text for key, text in texts.items() if text.strip()}
        rows[lang] = index
    if translations:
        data["translations"] = translations
    return FormInput(data=data, row_of_language=rows, problems=problems)


def field_of(key: str | None, row_of_language: Mapping[str, int], kind: str) -> str | None:
    """The form field a problem of the input `key` belongs to (None: the form as a whole)."""
    if key is None:
        return None
    if key.startswith("translations."):
        lang, _, part = key.removeprefix("translations.").partition(".")
        row = row_of_language.get(lang)
        return None if row is None else f"tr-{row}-{part or 'lang'}"
    if key.startswith("location.address"):
        return "location_address"
    base = key.split("[", 1)[0]
    if base in _FIELD_OF_KEY:
        return _FIELD_OF_KEY[base]
    return base if base in COMMON_FIELDS + KIND_FIELDS[kind] else None


# Filling the form from a stored input (an edit) ----------------------------------------------


def _local_time(value: Any, zone_name: str) -> str:
    """An ISO 8601 date-time as a datetime-local field shows it, in the event's zone."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(_zone(zone_name))
    return moment.strftime("%Y-%m-%dT%H:%M")


def _day(value: Any, zone_name: str) -> str:
    """A call's closing date: a bare date as it is; a date-time as its day in the node's zone."""
    text = str(value)
    if len(text) == 10:
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return (moment.astimezone(_zone(zone_name)) if moment.tzinfo else moment).date().isoformat()


def _address_text(address: Any) -> str:
    if isinstance(address, dict):
        parts = [str(address[key]) for key in _ADDRESS_ORDER if address.get(key)]
        return ", ".join(parts)
    return str(address or "")


def from_input(
    kind: str, data: Mapping[str, Any], *, image_url: str, default_timezone: str
) -> PublicationForm:
    """The form filled with a stored input (the JSON the object was last published from)."""
    state = PublicationForm(kind=kind, image_url=image_url)
    for name in state.fields():
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, list):
            joiner = ", " if name in _COMMA_LISTS else "\n"
            state.values[name] = joiner.join(str(item) for item in value)
        elif not isinstance(value, dict | bool):
            state.values[name] = str(value)
    zone = str(data.get("timezone") or default_timezone)
    if kind == "event":
        for name, key in (("start", "startTime"), ("end", "endTime")):
            if data.get(key):
                state.values[name] = _local_time(data[key], zone)
    if kind == "call" and data.get("closes"):
        state.values["closes"] = _day(data["closes"], default_timezone)
    if kind == "call" and data.get("remote") is True:
        state.values["remote"] = "1"
    location = data.get("location")
    if isinstance(location, dict):
        state.values["location_name"] = str(location.get("name") or "")
        state.values["location_address"] = _address_text(location.get("address"))
        for key in ("latitude", "longitude"):
            if location.get(key) is not None:
                state.values[key] = str(location[key])
    translations = data.get("translations")
    if isinstance(translations, dict):
        for lang, texts in translations.items():
            if isinstance(texts, dict):
                state.translations.append(
                    TranslationRow(
                        lang=str(lang),
                        **{
                            key: str(texts.get(key) or "") for key in ("name", "summary", "content")
                        },
                    )
                )
    return state
