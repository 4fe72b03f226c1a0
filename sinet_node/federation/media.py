"""Banner images and logos: a URL is used as it is; a local file or an upload is re-encoded
(sinet_node.content.images) and written under a random name into DATA_DIR/media, which the
node serves at /media/{name}.

Errors: ``MediaError`` (message says what to fix).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from sinet_node.content.images import BANNER_MAX_SIDE, ImageError, check_size, reencode
from sinet_node.objects.common import Image

EXTENSION_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


class MediaError(ValueError):
    """The image is missing, too large or not an image."""


def media_type_of(url: str) -> str | None:
    """An image URL's media type, from its extension (None when it does not say)."""
    return EXTENSION_TYPES.get(Path(urlsplit(url).path).suffix.lower())


def save_image(
    data: bytes,
    media_dir: Path,
    media_url: Callable[[str], str],
    *,
    alt: str | None = None,
    declared_type: str | None = None,
    max_side: int = BANNER_MAX_SIDE,
) -> Image:
    """Re-encode `data` to fit `max_side` and store it under a new random name; MediaError
    when it is no image we accept."""
    try:
        encoded = reencode(data, declared_type=declared_type, max_side=max_side)
    except ImageError as exc:
        raise MediaError(f"image: {exc}") from exc
    # Random, so that nobody can guess the names of files not yet published.
    name = f"{secrets.token_hex(16)}.{encoded.extension}"
    media_dir.mkdir(parents=True, exist_ok=True)
    partial = media_dir / f".{name}.part"
    partial.write_bytes(encoded.data)
    partial.replace(media_dir / name)  # never a half-written file under a served name
    return Image(
        url=media_url(name),
        media_type=encoded.media_type,
        name=alt,
        width=encoded.width,
        height=encoded.height,
    )


def store_image(
    source: str, media_dir: Path, media_url: Callable[[str], str], alt: str | None = None
) -> Image:
    """The Image for `source`: an http(s) URL as it is, a local file re-encoded and stored."""
    parts = urlsplit(source)
    if parts.scheme in ("http", "https") and parts.netloc:
        return Image(url=source, media_type=media_type_of(source), name=alt)
    path = Path(source).expanduser()
    if not path.is_file():
        raise MediaError(f"image: {source!r} is neither an http(s) URL nor a readable file")
    try:
        check_size(path.stat().st_size)  # before reading it
    except ImageError as exc:
        raise MediaError(f"image: {source!r}: {exc}") from exc
    return save_image(path.read_bytes(), media_dir, media_url, alt=alt)
