"""Degraded "scans" of PDF fixtures: rasterised grey, skewed, noisy, JPEG-compressed.

For the OCR tests and bench: the pages are rendered with pdfium (never through
the pipeline), turned by a small angle, given sensor noise and saved as JPEG at
a given quality, then packed as an image-only PDF, PNG pages or a multi-page TIFF.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from pipeline.normalise.text import edit_distance


@dataclass(frozen=True, slots=True)
class Degrade:
    dpi: int = 150
    skew: float = 0.5  # degrees, counter-clockwise
    noise: float = 6.0  # standard deviation of grey noise
    jpeg_quality: int = 70


def render_pages(pdf: bytes, dpi: int, pages: list[int] | None = None) -> list[Image.Image]:
    """Given PDF bytes, return its pages (1-based numbers; all if None) as grey images."""
    doc = pdfium.PdfDocument(pdf)
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        return [
            doc[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in numbers
        ]
    finally:
        doc.close()


def degrade(img: Image.Image, how: Degrade, rng: random.Random) -> Image.Image:
    """Given a clean grey page, return it turned, noisy and JPEG-compressed at `how`."""
    turned = img.rotate(how.skew, resample=Image.Resampling.BILINEAR, fillcolor=255, expand=False)
    arr = np.asarray(turned, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, how.noise, arr.shape)
    noisy = Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    noisy.save(buf, "JPEG", quality=how.jpeg_quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def to_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    """Given page images, return an image-only PDF (one JPEG per page, no text layer)."""
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return buf.getvalue()


def to_tiff(pages: list[Image.Image], dpi: int) -> bytes:
    """Given page images, return one multi-page TIFF."""
    buf = io.BytesIO()
    pages[0].save(
        buf, "TIFF", dpi=(dpi, dpi), save_all=True, append_images=pages[1:], compression="tiff_lzw"
    )
    return buf.getvalue()


def to_png(page: Image.Image, dpi: int) -> bytes:
    """Given one page image, return it as PNG bytes with its resolution."""
    buf = io.BytesIO()
    page.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def scan_of(
    pdf: bytes, how: Degrade, seed: int, pages: list[int] | None = None
) -> list[Image.Image]:
    """Given PDF bytes, return its pages degraded like a scan (reproducible by seed)."""
    rng = random.Random(seed)
    return [degrade(p, how, rng) for p in render_pages(pdf, how.dpi, pages)]


def char_accuracy(expected: str, got: str) -> float:
    """Given the true text and a reading, return 1 - CER over whitespace-stripped text."""
    e = "".join(expected.split())
    g = "".join(got.split())
    if not e:
        return 1.0 if not g else 0.0
    return max(0.0, 1 - edit_distance(e, g) / len(e))


# (text, x0, top, bottom, size) of one glyph, in points from the page's top-left.
Glyph = tuple[str, float, float, float, float]


def with_text_layer(scan: bytes, glyphs: list[Glyph]) -> bytes:
    """Given a one-page scan PDF and glyphs, return it with those glyphs drawn invisibly over
    the page image (text render mode 3), as OCR software adds its text layer.  The page
    image is left as it is, so the page renders to the same pixels (needs fonts-arphic-uming).
    """
    from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

    from tools.render_fixtures import LAYOUT_A, register

    register(LAYOUT_A.font)  # the Ming font the fixtures embed
    name = LAYOUT_A.font.name
    doc = pdfium.PdfDocument(scan)
    width, height = doc[0].get_size()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width, height))
    text = canvas.beginText()
    text.setTextRenderMode(3)
    for ch, x0, _top, bottom, size in glyphs:
        text.setFont(name, size)
        text.setTextOrigin(x0, height - bottom + 0.12 * size)
        text.textOut(ch)
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    layer = pdfium.PdfDocument(buf.getvalue()).page_as_xobject(0, doc)
    page = doc[0]
    page.insert_obj(layer.as_pageobject())
    page.gen_content()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
