"""Uploaded images, decoded and re-encoded with Pillow before anything is stored.

What a browser sends is never kept as sent: decoding proves it is an image of a type we
accept, re-encoding drops metadata (EXIF with GPS positions, comments) and anything
appended to the file, and the size is capped. The stored name comes from the re-encoded
bytes, never from the upload's name.

Errors: ``ImageError`` (a message for the person who uploaded the file).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from gettext import gettext as _
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # checked from the header, before decoding (decompression bombs)
ACCEPTED_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")


class ImageError(ValueError):
    """Not an image we accept, or too large."""


@dataclass(frozen=True)
class EncodedImage:
    data: bytes
    media_type: str
    extension: str
    width: int
    height: int

    @property
    def name(self) -> str:
        """A file name from the content: the same image is stored once."""
        return f"{hashlib.sha256(self.data).hexdigest()[:32]}.{self.extension}"


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def reencode(data: bytes, *, max_side: int = 2048) -> EncodedImage:
    """The image in ``data`` as PNG (when it has transparency) or JPEG, at most
    ``max_side`` pixels wide and high."""
    if not data:
        raise ImageError(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageError(
            _("The image is larger than %(mb)d MB; choose a smaller one.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    not_an_image = ImageError(_("The file is not a PNG, JPEG, GIF or WebP image."))
    try:
        with Image.open(BytesIO(data)) as opened:
            if opened.format not in ACCEPTED_FORMATS:
                raise not_an_image
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise ImageError(_("The image has too many pixels; choose a smaller one."))
            opened.load()
            image = ImageOps.exif_transpose(opened) or opened
            image.thumbnail((max_side, max_side))
            output = BytesIO()
            if _has_alpha(image):
                image.convert("RGBA").save(output, format="PNG", optimize=True)
                media_type, extension = "image/png", "png"
            else:
                image.convert("RGB").save(output, format="JPEG", quality=85, optimize=True)
                media_type, extension = "image/jpeg", "jpg"
            return EncodedImage(output.getvalue(), media_type, extension, *image.size)
    except ImageError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise not_an_image from exc
