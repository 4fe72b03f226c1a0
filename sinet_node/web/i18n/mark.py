"""Marking words for translation where they are defined, not where they are shown."""

from __future__ import annotations


def N_(message: str) -> str:
    """`message` unchanged: the extractor finds it here; the page translates it when shown."""
    return message
