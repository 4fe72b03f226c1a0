"""The cavage-12 ``Signature`` header: its parameters, its parser, its failures.

``parse_signature_header`` reads either a ``Signature`` header or an
``Authorization: Signature ...`` value into a frozen ``SignatureParams``.
The failure vocabulary shared by all signature checks lives here too.

Errors:
    SignatureError(Exception) -- ``.reason`` (a ``SignatureFailure``) says which
        check failed, ``.detail`` says why in words fit for a problem+json body.
        This module raises only ``MALFORMED``.
"""

from __future__ import annotations

import base64
import binascii
import enum
import re
from dataclasses import dataclass

REQUEST_TARGET = "(request-target)"
CREATED = "(created)"
EXPIRES = "(expires)"
PSEUDO_HEADERS = frozenset({REQUEST_TARGET, CREATED, EXPIRES})


class SignatureFailure(enum.Enum):
    """Why a signed request was refused; the inbox maps each to a status code."""

    MISSING = "missing"
    UNSUPPORTED_SCHEME = "unsupported_scheme"
    MALFORMED = "malformed"
    UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
    MISSING_COVERED_HEADER = "missing_covered_header"
    DATE_MISSING = "date_missing"
    DATE_INVALID = "date_invalid"
    DATE_OUT_OF_WINDOW = "date_out_of_window"
    DIGEST_MISSING = "digest_missing"
    DIGEST_MISMATCH = "digest_mismatch"
    BAD_SIGNATURE = "bad_signature"
    KEY_UNAVAILABLE = "key_unavailable"
    KEY_OWNER_MISMATCH = "key_owner_mismatch"


class SignatureError(Exception):
    """A request's signature was refused; ``reason`` is machine-readable."""

    def __init__(self, reason: SignatureFailure, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class SignatureParams:
    """A parsed Signature header; ``headers`` are the covered names, lower-case."""

    key_id: str
    algorithm: str
    headers: tuple[str, ...]
    signature: bytes
    created: int | None = None
    expires: int | None = None


_AUTH_SCHEME = re.compile(r"\s*signature\s+(?![\s=])", re.IGNORECASE)
_PARAM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_TIMESTAMP = re.compile(r"\d{1,10}(?:\.\d+)?")


def _malformed(detail: str) -> SignatureError:
    return SignatureError(SignatureFailure.MALFORMED, detail)


def _parse_params(text: str) -> dict[str, str]:
    params: dict[str, str] = {}
    pos, end = 0, len(text)
    while True:
        while pos < end and text[pos] in " \t,":
            pos += 1
        if pos >= end:
            return params
        match = _PARAM_NAME.match(text, pos)
        if match is None:
            raise _malformed(f"expected a parameter name at offset {pos}")
        name = match.group().lower()  # keyId and keyid mean the same to everyone
        pos = match.end()
        while pos < end and text[pos] in " \t":
            pos += 1
        if pos >= end or text[pos] != "=":
            raise _malformed(f"parameter {name!r} has no value")
        pos += 1
        while pos < end and text[pos] in " \t":
            pos += 1
        if pos < end and text[pos] == '"':
            value_chars: list[str] = []
            pos += 1
            while pos < end and text[pos] != '"':
                if text[pos] == "\\" and pos + 1 < end:
                    pos += 1
                value_chars.append(text[pos])
                pos += 1
            if pos >= end:
                raise _malformed(f"unterminated quoted value for {name!r}")
            pos += 1
            value = "".join(value_chars)
        else:
            comma = text.find(",", pos)
            stop = end if comma < 0 else comma
            value = text[pos:stop].strip()
            pos = stop
        if name in params:
            raise _malformed(f"parameter {name!r} appears twice")
        params[name] = value
        while pos < end and text[pos] in " \t":
            pos += 1
        if pos < end and text[pos] != ",":
            raise _malformed(f"expected ',' at offset {pos}")


def _timestamp(params: dict[str, str], name: str) -> int | None:
    raw = params.get(name)
    if raw is None:
        return None
    if not _TIMESTAMP.fullmatch(raw):
        raise _malformed(f"{name} must be a Unix timestamp, not {raw!r}")
    return int(raw.split(".")[0])  # expires may carry a fraction; we compare whole seconds


def is_signature_authorization(value: str) -> bool:
    """True for an ``Authorization: Signature ...`` value."""
    return _AUTH_SCHEME.match(value) is not None


def parse_signature_header(value: str) -> SignatureParams:
    """Parse a ``Signature`` header or an ``Authorization: Signature`` value."""
    scheme = _AUTH_SCHEME.match(value)
    params = _parse_params(value[scheme.end() :] if scheme else value)
    key_id = params.get("keyid", "")
    if not key_id:
        raise _malformed("keyId is missing")
    if not params.get("signature"):
        raise _malformed("signature is missing")
    try:
        signature = base64.b64decode("".join(params["signature"].split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _malformed("signature is not valid base64") from exc
    # An absent algorithm means "derive it from the key" -- exactly what hs2019 names.
    algorithm = params.get("algorithm", "hs2019").strip().lower()
    # Mastodon and the drafts before -10 default to "date"; since we demand more
    # than that anyway, the default only shapes the error message.
    headers = tuple(params.get("headers", "date").lower().split())
    if not headers:
        raise _malformed("headers parameter is empty")
    unknown = [h for h in headers if h.startswith("(") and h not in PSEUDO_HEADERS]
    if unknown:
        raise _malformed(f"unknown pseudo-header {unknown[0]}")
    return SignatureParams(
        key_id=key_id,
        algorithm=algorithm,
        headers=headers,
        signature=signature,
        created=_timestamp(params, "created"),
        expires=_timestamp(params, "expires"),
    )
