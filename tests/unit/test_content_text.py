"""Plain text from HTML, and teasers that fit and end on a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sinet_node.content import html_to_text, render_markdown, teaser


def test_paragraphs_breaks_entities_and_lists() -> None:
    html = (
        "<p>Hello &amp; welcome<br>to Ohrid</p>\n<p>Two   spaces\nand a newline</p>"
        "<ul>\n<li>coffee</li>\n<li><p>walks</p></li>\n</ul><p>end</p>"
    )
    assert html_to_text(html) == (
        "Hello & welcome\nto Ohrid\n\nTwo spaces and a newline\n\n- coffee\n- walks\n\nend"
    )


def test_scripts_and_styles_are_not_text() -> None:
    assert html_to_text("<p>a</p><script>var x = 1;</script><style>p{}</style><p>b</p>") == (
        "a\n\nb"
    )


def test_markdown_round_trip_to_text() -> None:
    text = html_to_text(render_markdown("# Programme\n\nIntro *text*.\n\n- one\n- two"))
    assert text == "Programme\n\nIntro text.\n\n- one\n- two"


def test_mastodon_content_reads_naturally() -> None:
    html = (
        '<p><span class="h-card"><a href="https://s.example/@ohrid" class="u-url mention">'
        "@<span>ohrid</span></a></span> We will come! "
        '<a href="https://m.example/tags/loneliness" rel="tag">#<span>loneliness</span></a></p>'
    )
    assert html_to_text(html) == "@ohrid We will come! #loneliness"


def test_teaser_keeps_text_that_fits() -> None:
    assert teaser("  short text  ", 20) == "short text"
    assert teaser("exactly ten", 11) == "exactly ten"


def test_teaser_cuts_on_a_word_boundary_with_an_ellipsis() -> None:
    assert teaser("The quick brown fox jumps over the lazy dog", 20) == "The quick brown fox…"
    assert teaser("One desk, for young people out of work", 12) == "One desk…"


def test_teaser_trims_dangling_punctuation_before_the_ellipsis() -> None:
    assert teaser("Challenge: youth unemployment in cities", 12) == "Challenge…"


def test_teaser_cuts_a_single_long_word_hard() -> None:
    assert teaser("https://toolkits.example.org/a/very/long/path", 20) == "https://toolkits.ex…"


def test_teaser_of_tiny_limits() -> None:
    assert teaser("abc", 1) == "…"
    assert teaser("abc", 0) == ""


@given(st.text(max_size=300), st.integers(min_value=0, max_value=320))
def test_teaser_never_exceeds_its_limit_and_keeps_a_prefix(text: str, limit: int) -> None:
    result = teaser(text, limit)
    assert len(result) <= limit
    stripped = text.strip()
    if len(stripped) <= limit:
        assert result == stripped
    elif limit > 1:
        assert result.endswith("…")
        assert stripped.startswith(result[:-1])


def test_markup_the_standard_parser_chokes_on_still_converts() -> None:
    # html.parser raises AssertionError on "<![;"; the text before it must still come out.
    assert html_to_text("<p>before</p><![;after") == "before"


@given(st.text(alphabet="<>!-[]/&#;xpab= \"'\n", max_size=40))
def test_any_markup_converts_without_error(html: str) -> None:
    assert isinstance(html_to_text(html), str)
