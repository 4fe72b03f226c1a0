"""Tolerant, typed reading of one JSON object, and the date-time format we write.

Real-world documents spell the same property many ways: a single value or a list, a link as a
string or as an object, `sinet:challenge` or the full IRI instead of `challenge`, a JSON-LD
value object instead of a bare value. `Fields` reads all of those and raises `CodecError`, naming
the field, for anything it cannot read. It records which keys were read, so that the rest can be
kept (`extra`) instead of lost.

Exceptions: CodecError (from .errors), for every value of the wrong type.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from .errors import CodecError
from .vocab import (
    AS_NS,
    AS_PUBLIC,
    ICAL_NS,
    MOBILIZON_NS,
    SCHEMA_NS,
    SECURITY_NS,
    SINET_NS,
    TOOT_NS,
)

# Namespaces whose terms we read under their short name, whatever the document's spelling.
_NAMESPACES = (
    SINET_NS,
    AS_NS,
    TOOT_NS,
    SCHEMA_NS,
    "http://schema.org/",
    "https://schema.org/",
    "https://schema.org#",
    MOBILIZON_NS,
    SECURITY_NS,
)
_PREFIXES = ("sinet:", "as:", "toot:", "schema:", "sc:", "mz:", "sec:")
# A date-time longer than this is not one; refuse it before parsing.
_MAX_DATETIME_CHARS = 64


def short_name(key: str) -> str:
    """`challenge` for `challenge`, `sinet:challenge` and the full IRI alike."""
    if key in ("@id", "@type"):
        return key[1:]
    # iCalendar's `status` keeps its prefix: a bare `status` means other things elsewhere.
    if key.startswith(ICAL_NS):
        return "ical:" + key[len(ICAL_NS) :]
    for namespace in _NAMESPACES:
        if key.startswith(namespace) and len(key) > len(namespace):
            return key[len(namespace) :]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key


def describe(value: Any) -> str:
    """A short name for a JSON value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def parse_datetime(value: Any, where: str) -> datetime:
    """An aware datetime from ISO 8601 text; no offset means UTC, a bare date means midnight."""
    if not isinstance(value, str):
        raise CodecError(f"{where}: expected an ISO 8601 date-time, got {describe(value)}")
    text = value.strip()
    if len(text) > _MAX_DATETIME_CHARS:
        raise CodecError(f"{where}: expected an ISO 8601 date-time, got a long text")
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise CodecError(f"{where}: {text!r} is not an ISO 8601 date-time") from None
    if parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def format_datetime(value: datetime, where: str) -> str:
    """Always a full date-time with an offset: Fedify drops a whole Create over a bare date."""
    if not isinstance(value, datetime):
        raise CodecError(f"{where}: expected a datetime, got {type(value).__name__}")
    offset = value.utcoffset()
    if offset is None:
        raise CodecError(f"{where}: the datetime has no time zone")
    text = value.isoformat()
    return text[:-6] + "Z" if not offset else text


def type_names(value: Any, where: str) -> tuple[str, ...]:
    """The `type` of a document as short names (`as:Note` and the IRI read as `Note`)."""
    if isinstance(value, str):
        return (short_name(value),)
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return tuple(short_name(item) for item in value)
    raise CodecError(f"{where}.type: expected a type name, got {describe(value)}")


def _unwrap(value: Any) -> Any:
    # A JSON-LD value object ({"@value": ...}) stands for its value.
    if isinstance(value, Mapping) and "@value" in value:
        return value["@value"]
    return value


class Fields:
    """One JSON object, read field by field under canonical short names."""

    def __init__(self, doc: Mapping[Any, Any], where: str) -> None:
        self.where = where
        self._doc = doc
        self._keys: dict[str, str] = {}
        # Every spelling of each term: reading a term consumes them all, so that a duplicate
        # spelling never lingers in `extra` to contradict the value that was read.
        self._spellings: dict[str, list[str]] = {}
        self._used: set[str] = set()
        for key in doc:
            if not isinstance(key, str):
                raise CodecError(f"{where}: property names must be text")
        # Plain keys first: they win over another spelling of the same term. A null is the
        # same as an absent key, so it shadows nothing.
        present = [key for key, value in doc.items() if value is not None]
        for key in present:
            if short_name(key) == key:
                self._keys[key] = key
        for key in present:
            self._keys.setdefault(short_name(key), key)
        for key in doc:
            self._spellings.setdefault(short_name(key), []).append(key)

    def path(self, key: str) -> str:
        return f"{self.where}.{key}"

    def has(self, key: str) -> bool:
        original = self._keys.get(key)
        return original is not None and self._doc[original] is not None

    def raw(self, key: str) -> Any:
        """The value as it came (None when absent), marking the term as read."""
        self._used.update(self._spellings.get(key, ()))
        original = self._keys.get(key)
        return None if original is None else _unwrap(self._doc[original])

    def peek(self, key: str) -> Any:
        """The value without marking it read (for values we may hand to `extra`)."""
        original = self._keys.get(key)
        return None if original is None else _unwrap(self._doc[original])

    def text(self, key: str) -> str | None:
        value = self.raw(key)
        if isinstance(value, list):
            value = _unwrap(value[0]) if value else None
        if value is None or isinstance(value, str):
            return value
        raise CodecError(f"{self.path(key)}: expected text, got {describe(value)}")

    def required_text(self, key: str) -> str:
        value = self.text(key)
        if value is None:
            raise CodecError(f"{self.path(key)}: missing")
        return value

    def link(self, key: str) -> str | None:
        value = self.raw(key)
        if value is None or (isinstance(value, list) and not value):
            return None
        if isinstance(value, list):
            # Several links (PeerTube's url): prefer the HTML page.
            for item in value:
                if isinstance(item, Mapping) and item.get("mediaType") == "text/html":
                    return _link_value(item, self.path(key))
            return _link_value(value[0], self.path(key))
        return _link_value(value, self.path(key))

    def required_link(self, key: str) -> str:
        value = self.link(key)
        if value is None:
            raise CodecError(f"{self.path(key)}: missing")
        return value

    def links(self, key: str) -> tuple[str, ...]:
        value = self.raw(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        return tuple(_link_value(item, self.path(key)) for item in items)

    def addresses(self, key: str) -> tuple[str, ...]:
        """`to`/`cc`: links, with the compact spellings of the public collection made full."""
        return tuple(
            AS_PUBLIC if link in ("as:Public", "Public") else link for link in self.links(key)
        )

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        result = []
        for item in items:
            item = _unwrap(item)
            if not isinstance(item, str):
                raise CodecError(f"{self.path(key)}: expected a list of text, got {describe(item)}")
            result.append(item)
        return tuple(result)

    def datetime(self, key: str) -> datetime | None:
        value = self.raw(key)
        return None if value is None else parse_datetime(value, self.path(key))

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value in ("true", "false"):
            return value == "true"
        raise CodecError(f"{self.path(key)}: expected true or false, got {describe(value)}")

    def integer(self, key: str) -> int | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().isdecimal() and len(value) < 20:
            return int(value)
        raise CodecError(f"{self.path(key)}: expected a whole number, got {describe(value)}")

    def number(self, key: str) -> float | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise CodecError(f"{self.path(key)}: expected a number, got text") from None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
            if math.isfinite(number):
                return number
        raise CodecError(f"{self.path(key)}: expected a finite number, got {describe(value)}")

    def lang_map(self, key: str) -> dict[str, str]:
        value = self.raw(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise CodecError(f"{self.path(key)}: expected a language map, got {describe(value)}")
        result: dict[str, str] = {}
        for lang, text in value.items():
            text = _unwrap(text)
            if text is None:
                continue
            if not isinstance(lang, str) or not isinstance(text, str):
                raise CodecError(f"{self.path(key)}: language map values must be text")
            result[lang] = text
        return result

    def items(self, key: str) -> list[Any]:
        """A single value or a list, as a list (empty when absent)."""
        value = self.raw(key)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]

    def extra(self) -> dict[str, Any]:
        """The keys nobody read, under their original spelling (`@context` and nulls left out:
        in JSON-LD a null is the same as an absent key)."""
        return {
            key: value
            for key, value in self._doc.items()
            if key not in self._used and key != "@context" and value is not None
        }


def _link_value(value: Any, where: str) -> str:
    value = _unwrap(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        for key in ("id", "@id", "href", "url"):
            inner = value.get(key)
            if isinstance(inner, str):
                return inner
    raise CodecError(f"{where}: expected a link, got {describe(value)}")
