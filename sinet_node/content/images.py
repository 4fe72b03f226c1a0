"""Images people upload (a banner, a logo), made safe to publish: decoded, checked, re-encoded.

Whatever the file's name or declared type says, its bytes must decode as a JPEG, PNG, WebP or
GIF. A picture of more than MAX_PIXELS is refused before it is decoded (a decompression bomb: a
small file that decodes into gigabytes). The result is a new file written by us: turned the right
way up (the EXIF orientation is applied, then dropped), without metadata (EXIF with the camera's
GPS position, XMP, comments: only the colour profile stays), scaled down to fit `max_side`, and the
first frame only of an animation. A JPEG stays a JPEG (photos); a PNG or GIF becomes a PNG
(drawings and logos would blur as JPEG); a WebP becomes a PNG when it has transparency, else a
JPEG (what every Fediverse server shows).

One module for every upload (banners through federation.media, the logo through the profile
page); the messages are for the person who chose the file.

Exceptions:
    ImageError(ValueError): the upload is too large, not an accepted image, or undecodable; the
        message says what to do.
"""

from __future__ import annotations

import hashlib
import io
import struct
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageOps, UnidentifiedImageError

from sinet_node.translation import gettext as _

MAX_UPLOAD_BYTES: Final = 8 * 1024 * 1024
# 40 megapixels: photos from any phone pass; a bomb (e.g. 50,000 x 50,000) does not.
MAX_PIXELS: Final = 40_000_000
# Wide enough for a banner on a large screen, small enough for a timeline.
BANNER_MAX_SIDE: Final = 1600
ACCEPTED_FORMATS: Final = ("JPEG", "PNG", "WEBP", "GIF")
ACCEPTED_TYPES: Final = ("image/jpeg", "image/png", "image/webp", "image/gif")
# What browsers and clients send when they do not know the type: the bytes decide then.
_UNKNOWN_TYPES: Final = ("", "application/octet-stream")
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

    @property
    def name(self) -> str:
        """A file name from the content, for what is stored once however often it is sent."""
        return f"{hashlib.sha256(self.data).hexdigest()[:32]}.{self.extension}"


def megabytes(size: int) -> str:
    """'8 MB', '50.3 MB': a size as people read it."""
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


def _not_accepted() -> ImageError:
    return ImageError(_("The file is not a PNG, JPEG, GIF or WebP image."))


def _damaged() -> ImageError:
    return ImageError(_("The file is damaged or not a PNG, JPEG, GIF or WebP image."))


def check_size(size: int) -> None:
    """Refuse an upload over MAX_UPLOAD_BYTES (callers check before reading it, too)."""
    if size > MAX_UPLOAD_BYTES:
        raise ImageError(
            _("The image is %(size)s, larger than %(limit)s: choose a smaller one.")
            % {"size": megabytes(size), "limit": megabytes(MAX_UPLOAD_BYTES)}
        )


def check_declared_type(declared: str | None) -> None:
    """Refuse an upload that says it is something else than an image we accept (a PDF, a
    text file); an image type that turns out wrong is caught when the bytes are decoded."""
    media_type = (declared or "").split(";", 1)[0].strip().lower()
    if media_type not in ACCEPTED_TYPES + _UNKNOWN_TYPES:
        raise ImageError(
            _("The file is %(type)s, not a PNG, JPEG, GIF or WebP image.") % {"type": media_type}
        )


def _too_many_pixels(size: str) -> ImageError:
    return ImageError(
        _("The image is %(size)s: choose one under %(limit)d million pixels.")
        % {"size": size, "limit": MAX_PIXELS // 1_000_000}
    )


def _opened(data: bytes) -> Image.Image:
    if not data:
        raise ImageError(_("The file is empty."))
    check_size(len(data))
    try:
        # Reads the header only: the size is known before any pixel is decoded.
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except UnidentifiedImageError:
        raise _not_accepted() from None
    except Image.DecompressionBombError:  # Pillow's own guard, for pictures far over ours
        pillow_limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
        raise _too_many_pixels(_("more than %(n)d million pixels") % {"n": pillow_limit}) from None
    except _DECODE_ERRORS:
        raise _damaged() from None
    if image.width * image.height > MAX_PIXELS:
        raise _too_many_pixels(
            _("%(width)d x %(height)d pixels") % {"width": image.width, "height": image.height}
        )
    return image


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def reencode(
    data: bytes, *, declared_type: str | None = None, max_side: int = BANNER_MAX_SIDE
) -> EncodedImage:
    """The upload as a fresh JPEG or PNG without metadata, at most `max_side` pixels wide and
    high, or ImageError."""
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
        raise _damaged() from None
    picture.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
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
