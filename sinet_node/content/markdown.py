"""Markdown to safe HTML: what an author writes in `content` becomes the HTML peers receive.

CommonMark with strikethrough, raw HTML disabled (it shows as text), then the sanitiser's
allow-list. Headings move one level down (# becomes h2: the page title is the h1) and images
become links to the image (no <img> is allowed; the alt text stays readable).

Exceptions: none (any text renders).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .sanitize import sanitize_html

_HEADING_SHIFT = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


def _image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = renderer.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escapeHtml(src)}">{escapeHtml(alt)}</a>'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")
    md.add_render_rule("image", _image_as_link)
    return md


def render_markdown(text: str) -> str:
    """Sanitised HTML for Markdown `text`."""
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_SHIFT.get(token.tag, token.tag)
    return sanitize_html(md.renderer.render(tokens, md.options, env)).strip()
