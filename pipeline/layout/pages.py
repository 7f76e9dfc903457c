"""Pages → grids → tokens: the one place a paged input (PDF or scan) is composed.

Backends in `pipeline.extract` yield `PageContent` per page (the pdfplumber or
pdfium text layer, or OCR); here each page is routed (its text layer, or OCR when
it has none and an OCR reader is given), turned into a grid (`grid.page_to_grid`)
and the grids into one token stream (`stitch.grids_to_tokens`).
`scan_input_to_stream` is the entry point for PDFs and image files alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

from pipeline.errors import InputError, LimitError, NotAFormError, NoTextLayerError
from pipeline.extract.backends import (
    BACKENDS,
    DEFAULT_BACKEND,
    REFERENCE_BACKEND,
    NeedsReference,
    load_backend,
)
from pipeline.extract.ocr import (
    DEFAULT_OCR_SETTINGS,
    OcrCache,
    OcrPage,
    OcrSettings,
    image_pages,
    ocr_page,
    pdf_page_reader,
)
from pipeline.layout.grid import (
    DEFAULT_GRID_SETTINGS,
    GridSettings,
    PageGrid,
    is_cid_garbage,
    line_kind,
    page_to_grid,
    page_to_text,
)
from pipeline.layout.layers import (
    DEFAULT_LAYER_SETTINGS,
    LayerSettings,
    choose_layer,
    is_scan_layer,
)
from pipeline.layout.stitch import grids_to_stream
from pipeline.layout.wrapspaces import wrap_spaces
from pipeline.models import Check, Furniture, OcrText, PageContent, PageStream

logger = logging.getLogger(__name__)

DEFAULT_FORM_PROBE_PAGES = 3  # give up when none of the first N pages has the header row
DEFAULT_CID_GARBAGE_RATIO = 0.2  # share of (cid:N) glyphs that makes a page's text unusable
DEFAULT_MAX_PAGES = 400  # a form has ~25 pages; far more is another kind of document

# How a page is read: its text layer, not at all (blank), by OCR, or (a text layer over an
# image covering the page: a scan's OCR layer) by whichever of the two reads better.
PageRoute = Literal["text", "blank", "ocr", "layer"]

# Reads one page by OCR: given the page as the backend read it, whether its text layer is
# to be compared with OCR (route "layer") and whether it may be probed first (no table found
# yet: `ocr_page`), returns the page to use and whether it is OCR's reading (False: the
# text layer was kept).
OcrReader = Callable[[PageContent, bool, bool], tuple[PageContent, bool]]

NO_TEXT = "no text layer (scanned page?)"
NO_FORM = "no evaluation table found: no page has the 評核項目 … header"


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """Limits of the PDF path, validated once; defaults are the named constants above."""

    form_probe_pages: int = DEFAULT_FORM_PROBE_PAGES
    cid_garbage_ratio: float = DEFAULT_CID_GARBAGE_RATIO
    max_pages: int | None = DEFAULT_MAX_PAGES
    grid: GridSettings = field(default_factory=lambda: DEFAULT_GRID_SETTINGS)
    layers: LayerSettings = field(default_factory=lambda: DEFAULT_LAYER_SETTINGS)
    backend: str = DEFAULT_BACKEND  # which library reads the pages: a key of BACKENDS

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise ValueError(
                f"PdfSettings.backend must be one of {', '.join(sorted(BACKENDS))}, "
                f"got {self.backend!r}"
            )
        if self.form_probe_pages < 1:
            raise ValueError(
                f"PdfSettings.form_probe_pages must be >= 1, got {self.form_probe_pages}"
            )
        if not 0 < self.cid_garbage_ratio <= 1:
            raise ValueError(
                f"PdfSettings.cid_garbage_ratio must be in (0, 1], got {self.cid_garbage_ratio}"
            )
        if self.max_pages is not None and self.max_pages < 1:
            raise ValueError(f"PdfSettings.max_pages must be >= 1 or None, got {self.max_pages}")


DEFAULT_PDF_SETTINGS = PdfSettings()


def page_route(
    page: PageContent, settings: PdfSettings = DEFAULT_PDF_SETTINGS
) -> tuple[PageRoute, str]:
    """Given a page, return how to read it and why: "text" (its text layer), "blank"
    (nothing printed), "ocr" (images without text, or a text layer of (cid:N)
    placeholders), or "layer" (text over an image covering the page: `layout.layers`),
    with the reason the text layer cannot be used as it is."""
    solid = [c for c in page.chars if not c.text.isspace()]
    if not solid:
        return ("ocr", f"p{page.page_no}: {NO_TEXT}") if page.images else ("blank", "")
    garbage = sum(1 for c in solid if is_cid_garbage(c.text))
    if garbage >= settings.cid_garbage_ratio * len(solid):
        return "ocr", (
            f"p{page.page_no}: no usable text layer: {garbage} of {len(solid)} glyphs are (cid:N) "
            "placeholders (CID font without a Unicode map)"
        )
    if is_scan_layer(page, settings.layers):
        return "layer", f"p{page.page_no}: text over an image covering the page (an OCR layer?)"
    return "text", ""


def check_text_layer(page: PageContent, settings: PdfSettings = DEFAULT_PDF_SETTINGS) -> bool:
    """Given a page, return False for a blank page, True for usable text; raise NoTextLayerError otherwise."""
    route, why = page_route(page, settings)
    if route == "ocr":
        raise NoTextLayerError(why)
    return route == "text"


def loose_page(
    page: PageContent, previous: PageGrid, settings: GridSettings = DEFAULT_GRID_SETTINGS
) -> PageGrid:
    """Given a page without a table after the table began, return it as a grid without cells:
    its lines are furniture (the notes and signature lines printed after the last 小計, a
    heading the next page's table goes on with)."""
    text = page_to_text(page, settings)
    furniture = tuple(
        Furniture(kind=line_kind(ln.text), text=ln.text, page=page.page_no, bbox=ln.bbox)
        for ln in text.lines
    )
    return PageGrid(
        page_no=page.page_no,
        furniture=furniture,
        cells=(),
        columns=previous.columns,
        body_top=0.0,
        body_bottom=0.0,
        header_variant=previous.header_variant,
        lattice_columns=previous.lattice_columns,
        lattice_rows=False,
        labels=previous.labels,
    )


def heading_page(
    page: PageContent, first: PageGrid, settings: GridSettings = DEFAULT_GRID_SETTINGS
) -> list[PageGrid]:
    """Given the page before the table's first page and the first page's grid, return it
    as a grid without cells (`loose_page`) where it holds the headings the table goes on
    with and nothing else: the title's, category's and one dimension's lines, the table
    page none above its cells (the table moved on to the next page whole: `chromium-extra`
    10657).  Else none: a summary page's lines are no heading of the table's."""
    above = [f for f in first.furniture if f.bbox is None or f.bbox.bottom <= first.body_top]
    if any(f.kind == "dimension" for f in above):
        return []
    loose = loose_page(page, first, settings)
    kinds = [f.kind for f in loose.furniture]
    if kinds.count("dimension") != 1 or not set(kinds) <= {"title", "category", "dimension"}:
        return []
    return [loose]


def pages_to_grids(
    pages: Iterator[PageContent],
    settings: PdfSettings = DEFAULT_PDF_SETTINGS,
    ocr: OcrReader | None = None,
) -> list[PageGrid]:
    """Given pages in order, return the table grid of each page that has one (after the
    table began, a page with none as its lines, `loose_page`; before it, a page of the
    table's headings only, `heading_page`).

    Each page is routed here (`page_route`): a page without a usable text layer is
    read by `ocr` (the page in, the same primitives out) when one is given, else it
    fails the document (NoTextLayerError); a scan's OCR layer is compared with OCR
    when `ocr` is given, else read as it is.  Raises NotAFormError as soon
    as the first `form_probe_pages` pages passed without the column-header row,
    so long unrelated documents fail fast.
    """
    grids: list[PageGrid] = []
    blank_only = True
    looked = by_ocr = 0
    before: PageContent | None = None  # the last page with text before the table's first
    for page in pages:
        route, why = page_route(page, settings)
        if route == "ocr" and ocr is None:
            raise NoTextLayerError(why)
        looked += 1
        if route in ("ocr", "layer") and ocr is not None:
            page, used = ocr(page, route == "layer", route == "ocr" and not grids)
            by_ocr += used
            has_text = any(not c.text.isspace() for c in page.chars)
        else:
            has_text = route in ("text", "layer")
        blank_only = blank_only and not has_text
        if has_text:
            grid = page_to_grid(page, settings.grid, previous=grids[-1] if grids else None)
            if grid is None and grids:
                grid = loose_page(page, grids[-1], settings.grid)
            if grid is not None and not grids and before is not None:
                grids += heading_page(before, grid, settings.grid)
            if grid is not None:
                grids.append(grid)
            before = page
        if not grids and page.page_no >= settings.form_probe_pages:
            break
    if not grids:
        err = (NoTextLayerError if blank_only else NotAFormError)(
            f"p1: {NO_TEXT}" if blank_only else NO_FORM
        )
        # Most pages looked at were read by OCR: a scan, as `read_mainly_by_ocr` says of one read.
        err.input_kind = "scan" if 2 * by_ocr > looked else None
        raise err
    return grids


def pdf_to_stream(
    data: bytes,
    *,
    password: str | None = None,
    settings: PdfSettings = DEFAULT_PDF_SETTINGS,
    ocr: OcrReader | None = None,
) -> PageStream:
    """Given the bytes of a PDF, return its token stream; pages without text go to `ocr` if given."""
    try:
        return _pdf_to_stream(data, password, settings, settings.backend, ocr)
    except NeedsReference as why:
        logger.debug("pdf: %s; read with %s", why, REFERENCE_BACKEND)
        return _pdf_to_stream(data, password, settings, REFERENCE_BACKEND, ocr)


def _noting(ocr: OcrReader | None, pages: list[int]) -> OcrReader | None:
    """Given an OCR reader (or None), return it noting in `pages` each page number whose
    OCR reading it returns."""
    if ocr is None:
        return None
    read = ocr

    def noted(page: PageContent, compare: bool, probe: bool) -> tuple[PageContent, bool]:
        out, by_ocr = read(page, compare, probe)
        if by_ocr:
            pages.append(page.page_no)
        return out, by_ocr

    return noted


def _pdf_to_stream(
    data: bytes,
    password: str | None,
    settings: PdfSettings,
    backend_name: str,
    ocr: OcrReader | None = None,
) -> PageStream:
    backend = load_backend(backend_name)
    read_by_ocr: list[int] = []
    with backend.open_pdf(data, password) as pdf:
        count = backend.page_count(pdf, password)
        if count == 0:
            raise InputError("PDF has no pages (broken page tree or cross-reference table?)")
        if settings.max_pages is not None and count > settings.max_pages:
            raise LimitError.pages(count, settings.max_pages)
        pages = backend.read_pages(pdf, password=password)
        grids = pages_to_grids(pages, settings, _noting(ocr, read_by_ocr))
    # LibreOffice's undrawn spaces at wraps, where the document's habit says they stood.
    spaced = wrap_spaces(grids, frozenset(read_by_ocr))
    tokens, checks = grids_to_stream(spaced.grids, ocr_pages=frozenset(read_by_ocr))
    checks = (*checks, *spaced.checks())
    variant = next((g.header_variant for g in grids if g.header_variant), None)
    logger.debug("pdf: %d pages, %d with a table, %d tokens", count, len(grids), len(tokens))
    return PageStream(tokens=tokens, page_count=count, header_variant=variant, checks=checks)


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
    """Given PDF bytes, return its token stream: text-layer pages read as text, the others by
    OCR, a scan's OCR layer by the better of the two (`layout.layers`; the `ocr_layer` check)."""
    read = pdf_page_reader(data, password=password, settings=settings, cache=cache)
    done: list[OcrPage] = []
    compared: list[Check] = []

    def ocr(page: PageContent, compare: bool, probe: bool) -> tuple[PageContent, bool]:
        read_page = read(page.page_no, probe)
        if compare:
            use_ocr, check = choose_layer(page, read_page.texts, pdf_settings.layers)
            compared.append(check)
            if not use_ocr:
                return page, False
        done.append(read_page)
        return read_page.content, True

    try:
        stream = pdf_to_stream(data, password=password, settings=pdf_settings, ocr=ocr)
    except NoTextLayerError as exc:
        if done:
            raise _scan_failed(f"{NO_OCR_TEXT} ({_ocr_count(done)})", exc) from exc
        raise
    except NotAFormError as exc:
        if done:
            raise _scan_failed(f"{exc} ({_ocr_count(done)})", exc) from exc
        raise
    stream = replace(stream, checks=stream.checks + tuple(compared))
    return _with_ocr(stream, done)


def _scan_failed(message: str, exc: NotAFormError | NoTextLayerError) -> NotAFormError:
    """Given why a scan holds no form and the error that said so, return the error to
    raise: the message, and the kind `pages_to_grids` found the input to be."""
    out = NotAFormError(message)
    out.input_kind = exc.input_kind
    return out


def _ocr_count(done: Sequence[OcrPage]) -> str:
    """Given the pages OCR read, say how many, and how many only as far as their table's
    first rows (no header label there)."""
    probed = sum(p.probed for p in done)
    first_rows = f"; {probed} of them only their table's first rows" if probed else ""
    return f"pages read by OCR: {len(done)}{first_rows}"


def image_to_stream(
    data: bytes,
    *,
    settings: OcrSettings = DEFAULT_OCR_SETTINGS,
    cache: OcrCache | None = None,
    max_pages: int | None = None,
) -> PageStream:
    """Given image bytes (one page, or a multi-page TIFF), return its token stream read by OCR.

    Each page image stands for a page without a text layer, read through the same OCR
    reader a scanned PDF page is (probed first until the table is found)."""
    done: list[OcrPage] = []
    frames: dict[int, tuple[np.ndarray[Any, Any], float]] = {}

    def pages() -> Iterator[PageContent]:
        for n, (gray, dpi) in enumerate(image_pages(data, settings), start=1):
            if max_pages is not None and n > max_pages:
                raise LimitError(f"more than {max_pages} pages; the limit (see --max-pages)")
            frames[n] = (gray, dpi)
            height, width = gray.shape[:2]
            pt = 72.0 / dpi
            yield PageContent(
                page_no=n, width=width * pt, height=height * pt, chars=(), rulings=(), images=1
            )

    def ocr(page: PageContent, compare: bool, probe: bool) -> tuple[PageContent, bool]:
        gray, dpi = frames.pop(page.page_no)
        read = ocr_page(gray, dpi, page.page_no, settings=settings, cache=cache, probe=probe)
        done.append(read)
        return read.content, True

    try:
        grids = pages_to_grids(pages(), DEFAULT_PDF_SETTINGS, ocr)
    except NoTextLayerError as exc:
        raise NotAFormError(f"{NO_OCR_TEXT} ({_ocr_count(done)})") from exc
    except NotAFormError as exc:
        raise NotAFormError(f"{exc} ({_ocr_count(done)})") from exc
    tokens, checks = grids_to_stream(grids, ocr_pages=frozenset(p.content.page_no for p in done))
    variant = next((g.header_variant for g in grids if g.header_variant), None)
    count = len(done)
    stream = PageStream(tokens=tokens, page_count=count, header_variant=variant, checks=checks)
    return _with_ocr(stream, done)


def scan_input_to_stream(
    data: bytes,
    kind: str,
    *,
    password: str | None = None,
    engine: str | None = None,
    cache: OcrCache | None = None,
    backend: str | None = None,
    max_pages: int | None = None,
    dpi: int | None = None,
) -> PageStream:
    """Given PDF or image bytes (kind "pdf" or "scan"), return the token stream: text layers
    as text, the rest by OCR.  `max_pages` (--max-pages) replaces the PDF path's own
    default limit, so a user's higher limit holds all the way down; `dpi` (--ocr-dpi) is
    both what pages without a text layer are rasterised at and what finer page images are
    scaled down to."""
    settings = DEFAULT_OCR_SETTINGS
    if engine:
        settings = replace(settings, engine=engine)
    if dpi is not None:
        settings = replace(settings, dpi=dpi, work_dpi=float(dpi))
    if kind == "scan":
        return image_to_stream(data, settings=settings, cache=cache, max_pages=max_pages)
    pdf_settings = DEFAULT_PDF_SETTINGS
    if backend:
        pdf_settings = replace(pdf_settings, backend=backend)
    if max_pages is not None:
        pdf_settings = replace(pdf_settings, max_pages=max_pages)
    return pdf_or_scan_to_stream(
        data, password=password, settings=settings, cache=cache, pdf_settings=pdf_settings
    )
