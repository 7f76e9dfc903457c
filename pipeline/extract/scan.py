"""Scans → token stream: image files, and PDFs whose pages lack a text layer, through OCR.

Routing is per page: `pdf_or_scan_to_stream` reads a PDF's text layer where it
has one and OCRs the other pages; `image_to_stream` OCRs every page of a PNG,
JPEG or (multi-page) TIFF.  Both hand the same `PageContent` to the shared grid
and stitching code, and record which pages were OCR'd and every line read there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace

from pipeline.errors import LimitError, NotAFormError, NoTextLayerError
from pipeline.extract.ocr import (
    DEFAULT_OCR_SETTINGS,
    OcrCache,
    OcrPage,
    OcrSettings,
    image_to_pages,
    pdf_page_reader,
)
from pipeline.extract.pdf import DEFAULT_PDF_SETTINGS, PdfSettings, pages_to_grids, pdf_to_stream
from pipeline.layout.primitives import PageContent
from pipeline.layout.stitch import grids_to_tokens
from pipeline.models import Check, OcrText, PageStream
from pipeline.normalise.patterns import ITEM_POINTS, ITEM_SCORE, SUBTOTAL

logger = logging.getLogger(__name__)

NO_OCR_TEXT = "no text layer, and OCR read no text either"


def _with_ocr(stream: PageStream, pages: list[OcrPage]) -> PageStream:
    texts: tuple[OcrText, ...] = tuple(t for p in pages for t in p.texts)
    return replace(stream, ocr_pages=tuple(p.content.page_no for p in pages), ocr_texts=texts)


def pdf_or_scan_to_stream(
    data: bytes,
    *,
    password: str | None = None,
    settings: OcrSettings = DEFAULT_OCR_SETTINGS,
    cache: OcrCache | None = None,
    pdf_settings: PdfSettings = DEFAULT_PDF_SETTINGS,
) -> PageStream:
    """Given PDF bytes, return its token stream: text-layer pages read as text, the others by OCR."""
    read = pdf_page_reader(data, password=password, settings=settings, cache=cache)
    done: list[OcrPage] = []

    def ocr(page_no: int) -> PageContent:
        page = read(page_no)
        done.append(page)
        return page.content

    try:
        stream = pdf_to_stream(data, password=password, settings=pdf_settings, ocr=ocr)
    except NoTextLayerError as exc:
        if done:
            raise NotAFormError(f"{NO_OCR_TEXT} (pages read by OCR: {len(done)})") from exc
        raise
    except NotAFormError as exc:
        if done:
            raise NotAFormError(f"{exc} (pages read by OCR: {len(done)})") from exc
        raise
    return _with_ocr(stream, done)


def image_to_stream(
    data: bytes,
    *,
    settings: OcrSettings = DEFAULT_OCR_SETTINGS,
    cache: OcrCache | None = None,
    max_pages: int | None = None,
) -> PageStream:
    """Given image bytes (one page, or a multi-page TIFF), return its token stream read by OCR."""
    done: list[OcrPage] = []

    def pages() -> Iterator[PageContent]:
        for page in image_to_pages(data, settings=settings, cache=cache):
            if max_pages is not None and page.content.page_no > max_pages:
                raise LimitError(f"more than {max_pages} pages; the limit (see --max-pages)")
            done.append(page)
            yield page.content

    try:
        grids = pages_to_grids(pages(), DEFAULT_PDF_SETTINGS)
    except NoTextLayerError as exc:
        raise NotAFormError(f"{NO_OCR_TEXT} (pages read by OCR: {len(done)})") from exc
    except NotAFormError as exc:
        raise NotAFormError(f"{exc} (pages read by OCR: {len(done)})") from exc
    tokens = grids_to_tokens(grids)
    variant = next((g.header_variant for g in grids if g.header_variant), None)
    count = len(done)
    stream = PageStream(tokens=tokens, page_count=count, header_variant=variant)
    return _with_ocr(stream, done)


def scan_input_to_stream(
    data: bytes,
    kind: str,
    *,
    password: str | None = None,
    engine: str | None = None,
    cache: OcrCache | None = None,
    backend: str | None = None,
) -> PageStream:
    """Given PDF or image bytes (kind "pdf" or "scan"), return the token stream: text layers
    as text, the rest by OCR."""
    settings = OcrSettings(engine=engine) if engine else DEFAULT_OCR_SETTINGS
    if kind == "scan":
        return image_to_stream(data, settings=settings, cache=cache)
    pdf_settings = PdfSettings(backend=backend) if backend else DEFAULT_PDF_SETTINGS
    return pdf_or_scan_to_stream(
        data, password=password, settings=settings, cache=cache, pdf_settings=pdf_settings
    )


def read_mainly_by_ocr(stream: PageStream) -> bool:
    """Given a stream, return True when OCR read more than half of its pages (a scan)."""
    return 2 * len(stream.ocr_pages) > stream.page_count


def _is_score(text: str) -> bool:
    t = text.replace(" ", "")
    return any(p.regex.match(t) for p in (SUBTOTAL, ITEM_SCORE, ITEM_POINTS))


def ocr_checks(
    stream: PageStream, settings: OcrSettings = DEFAULT_OCR_SETTINGS
) -> tuple[Check, ...]:
    """Given a stream with OCR'd pages, return what OCR was unsure of and what was repaired.

    Low-confidence lines are a warning; a score, subtotal or (N分) read below the
    threshold is an error (the document becomes partial): a number we could not
    read surely must not pass as read.
    """
    texts = stream.ocr_texts
    low = [t for t in texts if t.confidence < settings.min_confidence]
    low_scores = [t for t in low if _is_score(t.text)]
    repaired = [t for t in texts if t.raw != t.text]
    pages = ", ".join(str(p) for p in stream.ocr_pages)
    out = [
        Check(
            "ocr_pages",
            "info",
            f"{len(stream.ocr_pages)} of {stream.page_count} pages read by OCR (p{pages}), "
            f"{len(texts)} lines",
            True,
        ),
        Check(
            "ocr_low_confidence",
            "warning",
            f"{len(low)} of {len(texts)} OCR lines below confidence {settings.min_confidence}"
            + (": " + "; ".join(_where(t) for t in low[:20]) if low else ""),
            not low,
        ),
        Check(
            "ocr_scores_read",
            "error",
            (
                f"{len(low_scores)} scores or subtotals read below confidence "
                f"{settings.min_confidence}: " + "; ".join(_where(t) for t in low_scores)
            )
            if low_scores
            else "every score and subtotal OCR read was read with confidence",
            not low_scores,
        ),
    ]
    for t in repaired:
        out.append(
            Check(
                "ocr_repair",
                "info",
                f"p{t.page} ({t.bbox.x0:.0f},{t.bbox.top:.0f}): OCR read {t.raw!r}, repaired to "
                f"{t.text!r}",
                True,
            )
        )
    return tuple(out)


def _where(t: OcrText) -> str:
    return f"p{t.page} ({t.bbox.x0:.0f},{t.bbox.top:.0f}) {t.text!r} {t.confidence:.2f}"
