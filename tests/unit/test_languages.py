"""Which language a page is written in: the reader's choice, then Accept-Language by q-value
(a regional tag counts for its language), then the node's language, then English."""

from __future__ import annotations

import pytest

from sinet_node.web.i18n.languages import accept_language, negotiate, supported


@pytest.mark.parametrize(
    ("header", "ranges"),
    [
        ("mk-MK,mk;q=0.9,en-US;q=0.8,en;q=0.7", ["mk-MK", "mk", "en-US", "en"]),
        # Weights decide, not the order they were written in; equal weights keep it.
        ("en;q=0.5, it;q=0.9, hr", ["hr", "it", "en"]),
        ("es, nl", ["es", "nl"]),
        # q=0 means "not this one"; weights that do not parse skip their range.
        ("mk;q=0, it", ["it"]),
        ("mk;q=1.5, it;q=abc, hr;q=0.3", ["hr"]),
        ("*;q=0.1, nl", ["nl", "*"]),
        # Nothing, spaces, junk.
        ("", []),
        (None, []),
        (" , ;q=1, <script>, en--GB, 12", []),
        ("EN-gb;Q=0.8", ["EN-gb"]),
    ],
)
def test_accept_language_is_read_by_weight(header: str | None, ranges: list[str]) -> None:
    assert accept_language(header) == ranges


def test_a_huge_header_is_cut_not_refused() -> None:
    header = ",".join(["xx;q=0.9"] * 5000) + ",mk"
    assert len(accept_language(header)) <= 50
    assert negotiate(None, header, "en") == "en"  # mk is past what is read


@pytest.mark.parametrize(
    ("tag", "language"),
    [("mk", "mk"), ("mk-MK", "mk"), ("IT", "it"), ("hr-HR", "hr"), ("es-419", "es"),
     ("nl-BE", "nl"), ("en-GB", "en"), ("de", None), ("", None), (None, None), ("*", None)],
)  # fmt: skip
def test_supported_maps_a_tag_to_an_interface_language(tag: str | None, language: str) -> None:
    assert supported(tag) == language


@pytest.mark.parametrize(
    ("cookie", "accept", "node", "language"),
    [
        # The browser's best language the interface has.
        (None, "mk-MK,mk;q=0.9,en;q=0.8", "en", "mk"),
        (None, "de-DE,de;q=0.9,it;q=0.8,en;q=0.5", "en", "it"),
        (None, "en;q=0.2, es;q=0.9", "mk", "es"),
        # Nothing the interface has: the node's language, then English.
        (None, "de, fr;q=0.8", "hr", "hr"),
        (None, "de", "sv", "en"),
        (None, None, "nl", "nl"),
        (None, None, "nl-BE", "nl"),
        (None, "", "xx", "en"),
        # "*" stands for everything else: the node's language, not a later range.
        (None, "de, *;q=0.5, it;q=0.1", "mk", "mk"),
        # The reader's own choice wins over the browser's; a cookie we do not offer is ignored.
        ("it", "mk", "en", "it"),
        ("hr", None, "en", "hr"),
        ("klingon", "es", "en", "es"),
        ("", "nl", "en", "nl"),
    ],
)
def test_negotiation_order(
    cookie: str | None, accept: str | None, node: str, language: str
) -> None:
    assert negotiate(cookie, accept, node) == language
