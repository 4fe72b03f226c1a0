"""JSON in and out (orjson: fast, strict about what it accepts). A leaf like config."""

from __future__ import annotations

from typing import Any

import orjson


def dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def loads(data: bytes | str) -> Any:
    """Parse JSON; raises ValueError (orjson.JSONDecodeError) on anything invalid."""
    return orjson.loads(data)
