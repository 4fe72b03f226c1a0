"""Content: the HTML allow-list, Markdown rendering, plain text and teasers.

Exceptions: none; every function accepts any text.
"""

from .markdown import render_markdown
from .sanitize import sanitize_html
from .text import html_to_text, teaser

__all__ = ["html_to_text", "render_markdown", "sanitize_html", "teaser"]
