"""Images people upload (a banner, a logo), made safe to publish: decoded, checked, re-encoded.

Whatever the file's name or declared type says, its bytes must decode as a JPEG, PNG, WebP or
GIF. A picture of more than MAX_PIXELS is refused before it is decoded (a decompression bomb: a
small file that decodes into gigabytes). The result is a new file written by us: turned the right
way up (the EXIF orientation is applied, then dropped), without metadata (EXIF with the camera's
GPS position, XMP, comments: only the colour profile stays), scaled down to fit `bounds`, and the
first frame only of an animation. A JPEG stays a JPEG (photos); a PNG or GIF becomes a PNG
(drawings and logos would blur as JPEG); a WebP becomes a PNG when it has transparency, else a
JPEG (what every Fediverse server shows).

Exceptions:
    ImageError(ValueError): the upload is too large, not an accepted image, or undecodable; the
        message says what to do.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES: Final = 8 * 1024 * 1024
# 40 megapixels: photos from any phone pass; a bomb (e.g. 50,000 x 50,000) does not.
MAX_PIXELS: Final = 40_000_000
# Wide enough for a banner on a large screen, small enough for a timeline.
BANNER_BOUNDS: Final = (1600, 1600)
ACCEPTED_FORMATS: Final = ("JPEG", "PNG", "WEBP", "GIF")
ACCEPTED_TYPES: Final = ("image/jpeg", "image/png", "image/webp", "image/gif")
# What browsers and clients send when they do not know the type: the bytes decide then.
_UNKNOWN_TYPES: Final = ("", "application/octet-stream")
_ACCEPTED_TEXT: Final = "a JPEG, PNG, WebP or GIF image"
# What Pillow raises on damaged or hostile files, beyond its own UnidentifiedImageError.
_DECODE_ERRORS: Final = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    struct.error,
    Image.DecompressionBombError,
)


class ImageError(ValueError):
    """The upload cannot be published as an image; the message says what to do."""


@dataclass(frozen=True)
class EncodedImage:
    """A re-encoded image, ready to be stored under a name of our choosing."""

    data: bytes
    media_type: str
    extension: str
    width: int
    height: int


def megabytes(size: int) -> str:
    """'8 MB', '50.3 MB': a size as people read it."""
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


def check_declared_type(declared: str | None) -> None:
    """Refuse an upload that says it is something else than an image we accept (a PDF, a
    text file); an image type that turns out wrong is caught when the bytes are decoded."""
    media_type = (declared or "").split(";", 1)[0].strip().lower()
    if media_type not in ACCEPTED_TYPES + _UNKNOWN_TYPES:
        raise ImageError(f"the file is {media_type}; choose {_ACCEPTED_TEXT}")


def _opened(data: bytes) -> Image.Image:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageError(
            f"the image is {megabytes(len(data))}; the limit is {megabytes(MAX_UPLOAD_BYTES)}"
        )
    try:
        # Reads the header only: the size is known before any pixel is decoded.
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except UnidentifiedImageError:
        raise ImageError(f"the file is not {_ACCEPTED_TEXT}") from None
    except Image.DecompressionBombError:  # Pillow's own guard, for pictures far over ours
        pillow_limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
        raise ImageError(_too_many_pixels(f"more than {pillow_limit} million pixels")) from None
    except _DECODE_ERRORS:
        raise ImageError(f"the file is damaged or not {_ACCEPTED_TEXT}") from None
    if image.width * image.height > MAX_PIXELS:
        raise ImageError(_too_many_pixels(f"{image.width} x {image.height} pixels"))
    return image


def _too_many_pixels(size: str) -> str:
    return f"the image is {size}; keep it under {MAX_PIXELS // 1_000_000} million pixels"


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def reencode(
    data: bytes, *, declared_type: str | None = None, bounds: tuple[int, int] = BANNER_BOUNDS
) -> EncodedImage:
    """The upload as a fresh JPEG or PNG without metadata, fitting in `bounds`, or ImageError."""
    check_declared_type(declared_type)
    image = _opened(data)
    try:
        image.seek(0)  # an animation keeps its first frame
        image.load()
        profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image) or image
        transparent = _has_transparency(upright)
        as_png = image.format in ("PNG", "GIF") or transparent
        picture = upright.convert("RGBA" if transparent else "RGB")
    except _DECODE_ERRORS:
        raise ImageError(f"the file is damaged or not {_ACCEPTED_TEXT}") from None
    picture.thumbnail(bounds, Image.Resampling.LANCZOS)
    picture.info.clear()  # Pillow would copy a JPEG comment or PNG text from here
    out = io.BytesIO()
    # Saved from pixels only: no EXIF, XMP or comment is passed on. The colour profile stays,
    # or photos from phones (Display P3) would lose their colours.
    extra = {"icc_profile": profile} if isinstance(profile, bytes) else {}
    if as_png:
        picture.save(out, "PNG", optimize=True, **extra)
        media_type, extension = "image/png", "png"
    else:
        picture.save(out, "JPEG", quality=85, optimize=True, progressive=True, **extra)
        media_type, extension = "image/jpeg", "jpg"
    return EncodedImage(out.getvalue(), media_type, extension, picture.width, picture.height)
