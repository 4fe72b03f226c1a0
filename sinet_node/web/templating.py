"""The Jinja2 environment over the templates shipped inside the package."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape


def _format_time(value: Any, fmt: str = "%A %d %B %Y, %H:%M") -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, datetime):
        return str(value.strftime(fmt))
    return ""


def create_templates() -> Environment:
    env = Environment(
        loader=PackageLoader("sinet_node.web", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _format_time
    return env
