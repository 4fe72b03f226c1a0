"""HTTP dates (RFC 9110 §5.6.7): IMF-fixdate written and read without locale dependence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from sinet_node.federation.httpdate import format_http_date, parse_http_date, parse_imf_fixdate

MOMENT = datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)


def test_format_is_imf_fixdate() -> None:
    """RFC 9110 §5.6.7 example: Sun, 06 Nov 1994 08:49:37 GMT."""
    assert format_http_date(MOMENT) == "Sun, 06 Nov 1994 08:49:37 GMT"


def test_format_converts_to_utc_and_drops_microseconds() -> None:
    cet = timezone(timedelta(hours=1))
    local = datetime(1994, 11, 6, 9, 49, 37, 999_999, tzinfo=cet)
    assert format_http_date(local) == "Sun, 06 Nov 1994 08:49:37 GMT"


def test_format_refuses_naive_datetime() -> None:
    with pytest.raises(ValueError):
        format_http_date(datetime(1994, 11, 6, 8, 49, 37))


def test_strict_parse_round_trip() -> None:
    assert parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT") == MOMENT


@pytest.mark.parametrize(
    "text",
    [
        "Sunday, 06-Nov-94 08:49:37 GMT",  # RFC 850: obsolete, not for signatures
        "Sun Nov  6 08:49:37 1994",  # asctime
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "1994-11-06T08:49:37Z",
        "",
    ],
)
def test_strict_parse_rejects_other_forms(text: str) -> None:
    assert parse_imf_fixdate(text) is None


@pytest.mark.parametrize(
    "text",
    ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"],
)
def test_lenient_parse_accepts_all_three_http_forms(text: str) -> None:
    """RFC 9110 §5.6.7: recipients accept the two obsolete forms too (used for Retry-After)."""
    assert parse_http_date(text) == MOMENT


@pytest.mark.parametrize("text", ["", "soon", "120", "Sun, 06 Nov"])
def test_lenient_parse_returns_none_for_garbage(text: str) -> None:
    assert parse_http_date(text) is None
