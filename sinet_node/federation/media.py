"""Banner images: a URL is used as it is; a local file is checked and copied under a
generated name into DATA_DIR/media.

Errors: ``MediaError`` (message says what to fix).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from sinet_node.objects.common import Image

MAX_IMAGE_BYTES = 8 * 1024 * 1024
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)
EXTENSION_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


class MediaError(ValueError):
    """The image is missing, too large or not an image."""


def sniff(data: bytes) -> tuple[str, str]:
    """(media type, extension) from the file's first bytes."""
    for magic, media_type, extension in SIGNATURES:
        if data.startswith(magic):
            return media_type, extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    raise MediaError("image: the file is not a PNG, JPEG, GIF or WebP image")


def media_type_of(url: str) -> str | None:
    """An image URL's media type, from its extension (None when it does not say)."""
    return EXTENSION_TYPES.get(Path(urlsplit(url).path).suffix.lower())


def store_image(
    source: str, media_dir: Path, media_url: Callable[[str], str], alt: str | None = None
) -> Image:
    parts = urlsplit(source)
    if parts.scheme in ("http", "https") and parts.netloc:
        return Image(url=source, media_type=media_type_of(source), name=alt)
    path = Path(source).expanduser()
    if not path.is_file():
        raise MediaError(f"image: {source!r} is neither an http(s) URL nor a readable file")
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise MediaError(f"image: {source!r} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB")
    data = path.read_bytes()
    media_type, extension = sniff(data)
    name = f"{hashlib.sha256(data).hexdigest()[:32]}.{extension}"
    media_dir.mkdir(parents=True, exist_ok=True)
    target = media_dir / name
    if not target.exists():
        target.write_bytes(data)
    return Image(url=media_url(name), media_type=media_type, name=alt)
