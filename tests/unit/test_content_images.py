"""Uploaded images: only real JPEG, PNG, WebP and GIF pass; what we store is re-encoded by us,
upright, without metadata, scaled down, and bombs are refused before they are decoded."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image

from sinet_node.content.images import (
    MAX_UPLOAD_BYTES,
    EncodedImage,
    ImageError,
    check_declared_type,
    megabytes,
    reencode,
)

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ARTIST = 0x013B


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def decoded(result: EncodedImage) -> Image.Image:
    image = Image.open(io.BytesIO(result.data))
    image.load()
    return image


def phone_photo(width: int = 400, height: int = 200) -> bytes:
    """A JPEG as phones write them: EXIF with the author, a GPS position and 'rotate 90°'."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[ARTIST] = "Ana Petrovska"
    exif[ORIENTATION] = 6  # the camera was held upright: turn 90° clockwise to show
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 7.0, 0.0), 3: "E", 4: (20.0, 48.0, 0.0)})
    return encoded(image, "JPEG", exif=exif, comment=b"shot in Ohrid")


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG signature and IHDR claiming a huge picture, with almost no pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_phone_photo_loses_its_metadata_and_is_turned_upright() -> None:
    result = reencode(phone_photo(), declared_type="image/jpeg")
    assert (result.media_type, result.extension) == ("image/jpeg", "jpg")
    image = decoded(result)
    assert image.format == "JPEG"
    assert (image.width, image.height) == (200, 400) == (result.width, result.height)
    exif = image.getexif()
    assert ARTIST not in exif and ORIENTATION not in exif and GPS_IFD not in exif
    assert b"Ana Petrovska" not in result.data and b"Ohrid" not in result.data
    assert "comment" not in image.info and "exif" not in image.info
    assert image.getpixel((100, 200))[0] > 150  # still the red picture


def test_a_large_picture_is_scaled_down_keeping_its_shape() -> None:
    result = reencode(encoded(Image.new("RGB", (4000, 1000), "navy"), "PNG"))
    assert (result.width, result.height, result.media_type) == (1600, 400, "image/png")
    assert decoded(result).size == (1600, 400)
    photo = reencode(encoded(Image.new("RGB", (2400, 3200), "olive"), "JPEG"))
    assert (photo.width, photo.height, photo.media_type) == (1200, 1600, "image/jpeg")


def test_a_small_picture_keeps_its_size() -> None:
    result = reencode(encoded(Image.new("RGB", (120, 80), "teal"), "WEBP"))
    assert (result.width, result.height, result.media_type) == (120, 80, "image/jpeg")


def test_a_webp_photo_becomes_a_jpeg_and_a_transparent_one_a_png() -> None:
    photo = reencode(encoded(Image.new("RGB", (80, 60), "teal"), "WEBP"))
    assert photo.media_type == "image/jpeg"
    cutout = reencode(encoded(Image.new("RGBA", (80, 60), (0, 0, 0, 0)), "WEBP", lossless=True))
    assert cutout.media_type == "image/png" and decoded(cutout).mode == "RGBA"


def test_transparency_is_kept_as_png() -> None:
    logo = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    logo.putpixel((10, 10), (255, 0, 0, 255))
    result = reencode(encoded(logo, "PNG"), declared_type="image/png")
    assert result.media_type == "image/png"
    image = decoded(result)
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0 and image.getpixel((10, 10)) == (255, 0, 0, 255)


def test_an_animated_gif_keeps_its_first_frame() -> None:
    frames = [Image.new("RGB", (50, 50), colour) for colour in ("red", "lime", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    result = reencode(out.getvalue(), declared_type="image/gif")
    image = decoded(result)
    assert getattr(image, "n_frames", 1) == 1
    red, green, blue = image.convert("RGB").getpixel((25, 25))  # type: ignore[misc]
    assert red > 200 and green < 60 and blue < 60


def test_max_side_fits_a_logo() -> None:
    result = reencode(encoded(Image.new("RGB", (1000, 800), "gold"), "JPEG"), max_side=400)
    assert (result.width, result.height) == (400, 320)


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (b"<svg onload=alert(1)>", "image/png", "The file is not a PNG, JPEG, GIF or WebP image."),
        (b"%PDF-1.7\n...", "application/pdf", "The file is application/pdf, not a PNG"),
        (b"BM" + b"\x00" * 60, None, "not a PNG, JPEG, GIF or WebP image"),  # a BMP
        (b"", "image/jpeg", "The file is empty."),
    ],
)
def test_what_is_not_an_accepted_image_is_refused(
    data: bytes, declared: str | None, expected: str
) -> None:
    with pytest.raises(ImageError) as caught:
        reencode(data, declared_type=declared)
    assert expected in str(caught.value)


def test_a_bmp_declared_as_bmp_is_refused_by_its_type() -> None:
    with pytest.raises(ImageError, match="The file is image/bmp, not a PNG, JPEG, GIF or WebP"):
        check_declared_type("image/bmp")
    check_declared_type("image/jpeg; charset=binary")
    check_declared_type("application/octet-stream")  # the bytes decide
    check_declared_type(None)


def test_a_damaged_image_is_refused() -> None:
    whole = encoded(Image.effect_noise((300, 300), 80).convert("RGB"), "JPEG")
    with pytest.raises(ImageError, match="damaged or not a PNG, JPEG"):
        reencode(whole[: len(whole) // 3])


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (8000, 8000, "The image is 8000 x 8000 pixels: choose one under 40 million pixels."),
        (
            50_000,
            50_000,
            "The image is more than 178 million pixels: choose one under 40 million pixels.",
        ),
    ],
)
def test_a_decompression_bomb_is_refused_before_it_is_decoded(
    width: int, height: int, expected: str
) -> None:
    bomb = png_header_only(width, height)  # billions of pixels in 100 bytes
    started = time.monotonic()
    with pytest.raises(ImageError) as caught:
        reencode(bomb, declared_type="image/png")
    assert str(caught.value) == expected
    assert time.monotonic() - started < 1


def test_a_file_over_the_limit_is_refused_by_its_size() -> None:
    with pytest.raises(ImageError, match=r"The image is 8\.5 MB, larger than 8 MB"):
        reencode(b"\xff\xd8\xff" + b"\x00" * (MAX_UPLOAD_BYTES + 512 * 1024))


def test_sizes_read_as_megabytes() -> None:
    assert megabytes(8 * 1024 * 1024) == "8 MB"
    assert megabytes(50 * 1024 * 1024 + 300_000) == "50 MB"
    assert megabytes(1_500_000) == "1.4 MB"
