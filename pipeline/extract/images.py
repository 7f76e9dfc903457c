"""What counts as an image input: file suffixes and magic bytes (no imaging library needed)."""

from __future__ import annotations

IMAGE_SUFFIXES: tuple[str, ...] = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
IMAGE_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
)


def is_image(data: bytes) -> bool:
    """Given a file's bytes, return True when they start like a PNG, JPEG or TIFF."""
    return data.startswith(IMAGE_MAGIC)
