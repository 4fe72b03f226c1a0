"""Markdown rendering: what authors write becomes safe HTML; raw HTML never passes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinet_node.content import render_markdown

from .content_checks import problems


def test_paragraphs_emphasis_lists_and_code() -> None:
    html = render_markdown(
        "Older people in **Ohrid** meet *weekly*.\n\n- coffee\n- walks\n\n1. sign up\n\n"
        "`code` and ~~old plan~~\n\n> a quote\n\n```\nx = 1\n```"
    )
    assert "<p>Older people in <strong>Ohrid</strong> meet <em>weekly</em>.</p>" in html
    assert "<ul>\n<li>coffee</li>\n<li>walks</li>\n</ul>" in html
    assert "<ol>\n<li>sign up</li>\n</ol>" in html
    assert "<code>code</code>" in html and "<s>old plan</s>" in html
    assert "<blockquote>" in html and "<pre><code>x = 1\n</code></pre>" in html


def test_headings_move_one_level_down() -> None:
    html = render_markdown("# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five")
    assert html == "<h2>One</h2>\n<h3>Two</h3>\n<h4>Three</h4>\n<h4>Four</h4>\n<h4>Five</h4>"


def test_links_get_our_rel() -> None:
    assert render_markdown("[toolkit](https://acsi.example/kit)") == (
        '<p><a href="https://acsi.example/kit" rel="nofollow noopener noreferrer">toolkit</a></p>'
    )
    assert 'href="https://acsi.example/kit"' in render_markdown("<https://acsi.example/kit>")


def test_images_become_links_to_the_image_with_their_alt_text() -> None:
    assert render_markdown("![The youth desk](https://i.example/desk.jpg)") == (
        '<p><a href="https://i.example/desk.jpg" rel="nofollow noopener noreferrer">'
        "The youth desk</a></p>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        '![x](https://i.example/a.png"onerror="alert(1))',
        "<svg onload=alert(1)>",
        "[x]: javascript:alert(1)\n\n[x]",
        "<javascript:alert(1)>",
    ],
)
def test_raw_html_and_dangerous_links_never_pass(text: str) -> None:
    html = render_markdown(text)
    assert problems(html) == [], html
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<svg" not in lowered
    # Escaped text may mention javascript:, but no real href may carry it (problems() parses).


def test_raw_html_shows_as_text() -> None:
    assert render_markdown("Use <b>bold</b>") == "<p>Use &lt;b&gt;bold&lt;/b&gt;</p>"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="#*_-[]()!<>`~:/ \nabcjavscript=\"'&;", max_size=80))
def test_any_text_renders_to_allowed_markup(text: str) -> None:
    assert problems(render_markdown(text)) == []
