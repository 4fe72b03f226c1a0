"""The HTML allow-list: XSS payloads come out harmless, ordinary markup comes out intact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinet_node.content import sanitize_html

from .content_checks import problems

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<p onclick="alert(1)" onmouseover="alert(2)">hi</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="https://evil.example/x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input type="password"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%">cover</div>',
    "<!--<script>alert(1)</script>-->",
    '<a href="https://ok.example" target="_blank" rel="opener">x</a>',
    '<span class="invisible" id="x" data-x="y">z</span>',
    "<template><script>alert(1)</script></template>",
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    '<video><source onerror="alert(1)"></video>',
    '"><script>alert(1)</script>',
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_come_out_harmless(payload: str) -> None:
    clean = sanitize_html(payload)
    assert problems(clean) == [], clean
    lowered = clean.lower()
    for marker in ("<script", "onerror", "onload", "onclick", "javascript:", "data:", "style="):
        assert marker not in lowered, clean


def test_script_and_style_text_is_dropped_with_the_tag() -> None:
    assert sanitize_html("<script>alert(1)</script>hello<style>p{}</style>") == "hello"
    assert sanitize_html("<svg><text>drawn</text></svg>ok") == "ok"


def test_ordinary_markup_survives() -> None:
    html = (
        "<h2>Why</h2><p>Some <strong>bold</strong>, <em>em</em>, <b>b</b>, <i>i</i>, <u>u</u>, "
        "<s>s</s> and <code>code</code>.<br>Next line.</p><ul><li>one</li></ul>"
        "<ol><li>two</li></ol><blockquote><p>quote</p></blockquote><pre><code>x = 1</code></pre>"
        "<h3>h3</h3><h4>h4</h4>"
    )
    assert sanitize_html(html) == html


def test_links_keep_http_https_and_mailto_and_always_get_our_rel() -> None:
    assert sanitize_html('<a href="https://acsi.example/toolkit">toolkit</a>') == (
        '<a href="https://acsi.example/toolkit" rel="nofollow noopener noreferrer">toolkit</a>'
    )
    assert 'href="mailto:info@ohrid.example"' in sanitize_html(
        '<a href="mailto:info@ohrid.example">mail</a>'
    )
    assert 'rel="nofollow noopener noreferrer"' in sanitize_html(
        '<a href="http://a.example" rel="me">x</a>'
    )


@pytest.mark.parametrize("href", ["/admin", "//evil.example/x", "?q=1", "#top", "page.html"])
def test_relative_links_lose_their_href(href: str) -> None:
    # On our pages a relative link would point at our own host.
    assert sanitize_html(f'<a href="{href}">x</a>') == '<a rel="nofollow noopener noreferrer">x</a>'


def test_only_mastodons_link_shortening_classes_survive() -> None:
    html = '<span class="invisible">https://</span><span class="ellipsis h-card">a.example</span>'
    assert sanitize_html(html) == (
        '<span class="invisible">https://</span><span class="ellipsis">a.example</span>'
    )


def test_headings_and_divs_outside_the_list_become_their_nearest_allowed_kin() -> None:
    assert sanitize_html("<h1>Title</h1><div>text</div><h6>small</h6>") == (
        "<h2>Title</h2><p>text</p><h4>small</h4>"
    )
    assert sanitize_html("<divider>x</divider>") == "x"


def test_images_are_not_allowed() -> None:
    assert sanitize_html('<p>a<img src="https://i.example/x.png" alt="x">b</p>') == "<p>ab</p>"


TAGS = st.sampled_from(
    ["p", "a", "script", "img", "svg", "div", "h1", "span", "style", "iframe", "b", "math", "x"]
)
ATTRS = st.sampled_from(
    ['href="javascript:alert(1)"', 'href="https://a.example"', "onclick=alert(1)",
     'style="x"', 'class="invisible"', 'src="data:x"', "href=/rel", ""]
)  # fmt: skip
FRAGMENTS = st.lists(
    st.one_of(
        st.builds(lambda t, a: f"<{t} {a}>", TAGS, ATTRS),
        st.builds(lambda t: f"</{t}>", TAGS),
        st.text(alphabet="<>\"'=/&;#x:abc ", max_size=8),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(FRAGMENTS)
def test_whatever_goes_in_only_allowed_markup_comes_out(html: str) -> None:
    assert problems(sanitize_html(html)) == []
