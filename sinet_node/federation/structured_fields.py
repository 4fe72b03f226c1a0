"""A strict parser for RFC 8941 structured-field Dictionaries and Lists.

``Content-Digest`` (RFC 9530) and RFC 9421's ``Signature-Input``/``Signature``
are Dictionaries; this module turns their text into Python values so the
callers compare bytes, not strings. Parsing follows RFC 8941 §4.2 and fails
the whole field on any syntax error, as the RFC requires.

Bare items map to: Integer -> int, Decimal -> float, String -> str,
Token -> Token (a ``str`` subclass), Byte Sequence -> bytes, Boolean -> bool.

Errors:
    StructuredFieldError(ValueError) -- the field text is not valid RFC 8941.
"""

from __future__ import annotations

import base64
import binascii
import string
from dataclasses import dataclass, field

_KEY_START = set(string.ascii_lowercase + "*")
_KEY_CHARS = set(string.ascii_lowercase + string.digits + "_-.*")
_TOKEN_START = set(string.ascii_letters + "*")
_TOKEN_CHARS = set(string.ascii_letters + string.digits + ":/!#$%&'*+-.^_`|~")
_BASE64_CHARS = set(string.ascii_letters + string.digits + "+/=")


class StructuredFieldError(ValueError):
    """The field value does not follow RFC 8941."""


class Token(str):
    """An RFC 8941 Token, kept apart from a String."""


BareItem = int | float | str | bytes | bool
Params = dict[str, BareItem]


@dataclass(frozen=True)
class Item:
    value: BareItem
    params: Params = field(default_factory=dict)


@dataclass(frozen=True)
class InnerList:
    items: tuple[Item, ...]
    params: Params = field(default_factory=dict)


Member = Item | InnerList


def parse_dictionary(text: str) -> dict[str, Member]:
    """RFC 8941 §4.2.2; a repeated key keeps its last value, as the RFC says."""
    parser = _Parser(text)
    result: dict[str, Member] = {}
    parser.skip_sp()
    while not parser.done():
        key = parser.key()
        if parser.peek() == "=":
            parser.advance()
            result[key] = parser.member()
        else:
            result[key] = Item(True, parser.parameters())
        if not parser.next_member():
            break
    return result


def parse_list(text: str) -> list[Member]:
    """RFC 8941 §4.2.1."""
    parser = _Parser(text)
    result: list[Member] = []
    parser.skip_sp()
    while not parser.done():
        result.append(parser.member())
        if not parser.next_member():
            break
    return result


class _Parser:
    """A cursor over the field text; ``peek`` returns "" at the end, which no set contains."""

    def __init__(self, text: str) -> None:
        if not text.isascii():
            raise StructuredFieldError("structured fields are ASCII only")
        self.text = text
        self.pos = 0

    def done(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def advance(self) -> str:
        char = self.peek()
        self.pos += 1
        return char

    def fail(self, what: str) -> StructuredFieldError:
        return StructuredFieldError(f"{what} at offset {self.pos} in {self.text!r}")

    def skip_sp(self) -> None:
        while self.peek() == " ":
            self.pos += 1

    def skip_ows(self) -> None:
        while self.peek() in (" ", "\t"):
            self.pos += 1

    def next_member(self) -> bool:
        """After a member: end of input, or a comma followed by another member."""
        self.skip_ows()
        if self.done():
            return False
        if self.advance() != ",":
            raise self.fail("expected ','")
        self.skip_ows()
        if self.done():
            raise self.fail("trailing ','")
        return True

    def member(self) -> Member:
        if self.peek() == "(":
            return self.inner_list()
        return Item(self.bare_item(), self.parameters())

    def inner_list(self) -> InnerList:
        self.advance()
        items: list[Item] = []
        while not self.done():
            self.skip_sp()
            if self.peek() == ")":
                self.advance()
                return InnerList(tuple(items), self.parameters())
            items.append(Item(self.bare_item(), self.parameters()))
            if self.peek() not in (" ", ")"):
                raise self.fail("expected ' ' or ')' in inner list")
        raise self.fail("unterminated inner list")

    def parameters(self) -> Params:
        params: Params = {}
        while self.peek() == ";":
            self.advance()
            self.skip_sp()
            name = self.key()
            value: BareItem = True
            if self.peek() == "=":
                self.advance()
                value = self.bare_item()
            params[name] = value
        return params

    def key(self) -> str:
        if self.peek() not in _KEY_START:
            raise self.fail("expected a key")
        start = self.pos
        while self.peek() in _KEY_CHARS:
            self.pos += 1
        return self.text[start : self.pos]

    def bare_item(self) -> BareItem:
        char = self.peek()
        if char == "-" or char.isdigit():
            return self.number()
        if char == '"':
            return self.string()
        if char == ":":
            return self.byte_sequence()
        if char == "?":
            return self.boolean()
        if char in _TOKEN_START:
            return self.token()
        raise self.fail("expected an item")

    def number(self) -> int | float:
        start = self.pos
        if self.peek() == "-":
            self.pos += 1
        digits_start = self.pos
        while self.peek().isdigit():
            self.pos += 1
        integer_digits = self.pos - digits_start
        if integer_digits == 0:
            raise self.fail("expected a digit")
        if self.peek() != ".":
            if integer_digits > 15:
                raise self.fail("integer too long")
            return int(self.text[start : self.pos])
        if integer_digits > 12:
            raise self.fail("decimal too long")
        self.pos += 1
        fraction_start = self.pos
        while self.peek().isdigit():
            self.pos += 1
        if not 1 <= self.pos - fraction_start <= 3:
            raise self.fail("decimal needs 1 to 3 fractional digits")
        return float(self.text[start : self.pos])

    def string(self) -> str:
        self.advance()
        chars: list[str] = []
        while not self.done():
            char = self.advance()
            if char == "\\":
                escaped = self.advance()
                if escaped not in ('"', "\\"):
                    raise self.fail("bad escape in string")
                chars.append(escaped)
            elif char == '"':
                return "".join(chars)
            elif not " " <= char <= "~":
                raise self.fail("control character in string")
            else:
                chars.append(char)
        raise self.fail("unterminated string")

    def token(self) -> Token:
        start = self.pos
        self.pos += 1
        while self.peek() in _TOKEN_CHARS:
            self.pos += 1
        return Token(self.text[start : self.pos])

    def byte_sequence(self) -> bytes:
        self.advance()
        end = self.text.find(":", self.pos)
        if end < 0:
            raise self.fail("unterminated byte sequence")
        encoded = self.text[self.pos : end]
        if not set(encoded) <= _BASE64_CHARS:
            raise self.fail("bad base64 in byte sequence")
        self.pos = end + 1
        try:
            # RFC 8941 lets parsers accept missing padding; restore it first.
            return base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
        except binascii.Error as exc:
            raise self.fail("bad base64 in byte sequence") from exc

    def boolean(self) -> bool:
        self.advance()
        char = self.advance()
        if char not in ("0", "1"):
            raise self.fail("expected ?0 or ?1")
        return char == "1"


# -- serialising (RFC 8941 §4.1) ------------------------------------------------
# RFC 9421 signs the *serialised* signature parameters, so a verifier rebuilds them from the
# parsed value; serialising is deterministic, which makes the result independent of the
# sender's spacing.


def serialize_bare_item(value: BareItem) -> str:
    if isinstance(value, bool):
        return "?1" if value else "?0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:.3f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if isinstance(value, bytes):
        return ":" + base64.b64encode(value).decode("ascii") + ":"
    if isinstance(value, Token):
        return str(value)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def serialize_params(params: Params) -> str:
    return "".join(
        f";{name}" if value is True else f";{name}={serialize_bare_item(value)}"
        for name, value in params.items()
    )


def serialize_item(item: Item) -> str:
    return serialize_bare_item(item.value) + serialize_params(item.params)


def serialize_inner_list(inner: InnerList) -> str:
    return (
        "("
        + " ".join(serialize_item(item) for item in inner.items)
        + ")"
        + serialize_params(inner.params)
    )
