"""PDF text layer → token stream: the born-digital path's single entry point, `pdf_to_stream`.

`read_pages` is the only code that touches pdfplumber/pdfminer: it opens the
bytes, walks the pages one at a time, copies each page's chars and rulings into
our own dataclasses and flushes pdfplumber's per-page cache, so no more than one
page's pdfminer objects are alive at a time.  Every library failure is caught
right there and re-raised as a specific `PipelineError`.  Layout (`grid`) and
`stitch` are pure functions over the copied primitives.
"""

from __future__ import annotations

import io
import logging
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pipeline.errors import (
    EncryptedError,
    InputError,
    LimitError,
    NotAFormError,
    NoTextLayerError,
    PipelineError,
)
from pipeline.extract.backends import (
    BACKENDS,
    DEFAULT_BACKEND,
    REFERENCE_BACKEND,
    NeedsReference,
    load_backend,
)
from pipeline.extract.charspace import install as install_charspace
from pipeline.extract.radicals import fold_radicals
from pipeline.layout.grid import (
    DEFAULT_GRID_SETTINGS,
    GridSettings,
    PageGrid,
    is_cid_garbage,
    line_kind,
    page_to_grid,
    page_to_text,
)
from pipeline.layout.primitives import Char, PageContent, Ruling
from pipeline.layout.stitch import grids_to_tokens
from pipeline.models import Furniture, PageStream

logger = logging.getLogger(__name__)

DEFAULT_FORM_PROBE_PAGES = 3  # give up when none of the first N pages has the header row
DEFAULT_CID_GARBAGE_RATIO = 0.2  # share of (cid:N) glyphs that makes a page's text unusable
DEFAULT_MAX_PAGES = 400  # a form has ~25 pages; far more is another kind of document

# What pdfminer and pdfplumber raise on malformed input.  pdfplumber wraps most of it
# in PdfminerException, but page construction and object conversion let the raw
# errors through; they are caught only around library calls, never around our code.
LIBRARY_ERRORS: tuple[type[BaseException], ...] = (
    PdfminerException,
    MalformedPDFException,
    PSException,
    RecursionError,
    zlib.error,
    struct.error,
    UnicodeDecodeError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    OverflowError,
    ZeroDivisionError,
    EOFError,
    MemoryError,
)

NO_TEXT = "no text layer (scanned page?); OCR is not available yet"


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """Limits of the PDF path, validated once; defaults are the named constants above."""

    form_probe_pages: int = DEFAULT_FORM_PROBE_PAGES
    cid_garbage_ratio: float = DEFAULT_CID_GARBAGE_RATIO
    max_pages: int | None = DEFAULT_MAX_PAGES
    grid: GridSettings = field(default_factory=lambda: DEFAULT_GRID_SETTINGS)
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


def _describe(err: BaseException) -> str:
    inner = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    if isinstance(inner, BaseException):
        text = str(inner) or type(inner).__name__
        return f"{type(inner).__name__}: {text}"
    return f"{type(err).__name__}: {inner}"


def _inner(err: BaseException) -> BaseException:
    if isinstance(err, PdfminerException) and err.args and isinstance(err.args[0], BaseException):
        return err.args[0]
    return err


def library_error(err: BaseException, where: str, *, password: str | None) -> PipelineError:
    """Given an exception raised inside pdfminer/pdfplumber, return the PipelineError to raise."""
    inner = _inner(err)
    if isinstance(inner, PDFPasswordIncorrect):
        if password is None:
            return EncryptedError("encrypted PDF: a password is required (--password)")
        return EncryptedError("encrypted PDF: wrong password")
    if isinstance(inner, PDFEncryptionError):
        return EncryptedError(f"encrypted PDF: unsupported encryption ({inner})")
    if isinstance(inner, MemoryError):
        return LimitError(
            f"{where}: memory limit exceeded while reading the PDF "
            "(a decompression bomb?); see --max-memory"
        )
    if isinstance(inner, RecursionError):
        return InputError(
            f"{where}: malformed PDF: objects nest too deeply (cyclic XObject or page tree?)"
        )
    return InputError(f"{where}: malformed PDF ({_describe(err)})")


@contextmanager
def open_pdf(data: bytes, password: str | None = None) -> Iterator[Any]:
    """Given PDF bytes, yield an open pdfplumber document; every open failure is a PipelineError."""
    if not data:
        raise InputError("empty file (0 bytes): not a PDF")
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF: no %PDF- header in the first 1 KiB")
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password)
    except LIBRARY_ERRORS as err:
        raise library_error(err, "open", password=password) from err
    try:
        yield pdf
    finally:
        # Closing re-walks a malformed page tree and raises again: that error must not
        # replace the specific one already on its way (or fail a document that was read).
        try:
            pdf.close()
        except LIBRARY_ERRORS as err:
            logger.debug("close: %s", _describe(err))


def page_count(pdf: Any, password: str | None = None) -> int:
    """Given an open document, return its number of pages (walking the page tree once)."""
    try:
        return len(pdf.pages)
    except LIBRARY_ERRORS as err:
        raise library_error(err, "page tree", password=password) from err


install_charspace()  # pdfminer places Tc between glyphs only (see pipeline/extract/charspace.py)


def _char(d: dict[str, Any]) -> Char:
    return Char(
        text=fold_radicals(str(d["text"])),
        x0=float(d["x0"]),
        top=float(d["top"]),
        x1=float(d["x1"]),
        bottom=float(d["bottom"]),
        size=float(d.get("size") or 0.0) or float(d["bottom"]) - float(d["top"]),
        upright=bool(d.get("upright", True)),
    )


def _ruling(d: dict[str, Any]) -> Ruling:
    return Ruling(
        x0=float(d["x0"]), top=float(d["top"]), x1=float(d["x1"]), bottom=float(d["bottom"])
    )


def read_pages(pdf: Any, *, password: str | None = None) -> Iterator[PageContent]:
    """Given an open document, yield each page's primitives, flushing pdfplumber's cache as it goes."""
    for n, page in enumerate(page_list(pdf, password), start=1):
        try:
            chars = tuple(_char(d) for d in page.chars)
            rulings = tuple(_ruling(d) for d in page.edges)
            content = PageContent(
                page_no=n,
                width=float(page.width),
                height=float(page.height),
                chars=chars,
                rulings=rulings,
                images=len(page.images),
            )
        except LIBRARY_ERRORS as err:
            raise library_error(err, f"p{n}", password=password) from err
        finally:
            page.close()
        yield content


def page_list(pdf: Any, password: str | None = None) -> list[Any]:
    try:
        return list(pdf.pages)
    except LIBRARY_ERRORS as err:
        raise library_error(err, "page tree", password=password) from err


def check_text_layer(page: PageContent, settings: PdfSettings = DEFAULT_PDF_SETTINGS) -> bool:
    """Given a page, return False for a blank page, True for usable text; raise NoTextLayerError otherwise."""
    solid = [c for c in page.chars if not c.text.isspace()]
    if not solid:
        if page.images:
            raise NoTextLayerError(f"p{page.page_no}: {NO_TEXT}")
        return False
    garbage = sum(1 for c in solid if is_cid_garbage(c.text))
    if garbage >= settings.cid_garbage_ratio * len(solid):
        raise NoTextLayerError(
            f"p{page.page_no}: no usable text layer: {garbage} of {len(solid)} glyphs are (cid:N) "
            "placeholders (CID font without a Unicode map); OCR is not available yet"
        )
    return True


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


def pages_to_grids(
    pages: Iterator[PageContent],
    settings: PdfSettings = DEFAULT_PDF_SETTINGS,
    ocr: Callable[[int], PageContent] | None = None,
) -> list[PageGrid]:
    """Given pages in order, return the table grid of each page that has one.

    A page without a usable text layer is read by `ocr` (its page number in,
    the same primitives out) when one is given.  Raises NotAFormError as soon
    as the first `form_probe_pages` pages passed without the column-header row,
    so long unrelated documents fail fast.
    """
    grids: list[PageGrid] = []
    blank_only = True
    for page in pages:
        try:
            has_text = check_text_layer(page, settings)
        except NoTextLayerError:
            if ocr is None:
                raise
            page = ocr(page.page_no)
            has_text = any(not c.text.isspace() for c in page.chars)
        blank_only = blank_only and not has_text
        if has_text:
            grid = page_to_grid(page, settings.grid, previous=grids[-1] if grids else None)
            if grid is None and grids:
                grid = loose_page(page, grids[-1], settings.grid)
            if grid is not None:
                grids.append(grid)
        if not grids and page.page_no >= settings.form_probe_pages:
            break
    if not grids:
        if blank_only:
            raise NoTextLayerError(f"p1: {NO_TEXT}")
        raise NotAFormError("no evaluation table found: no page has the 評核項目 … header")
    return grids


def pdf_to_stream(
    data: bytes,
    *,
    password: str | None = None,
    settings: PdfSettings = DEFAULT_PDF_SETTINGS,
    ocr: Callable[[int], PageContent] | None = None,
) -> PageStream:
    """Given the bytes of a PDF, return its token stream; pages without text go to `ocr` if given."""
    try:
        return _pdf_to_stream(data, password, settings, settings.backend, ocr)
    except NeedsReference as why:
        logger.debug("pdf: %s; read with %s", why, REFERENCE_BACKEND)
        return _pdf_to_stream(data, password, settings, REFERENCE_BACKEND, ocr)


def _pdf_to_stream(
    data: bytes,
    password: str | None,
    settings: PdfSettings,
    backend_name: str,
    ocr: Callable[[int], PageContent] | None = None,
) -> PageStream:
    backend = load_backend(backend_name)
    with backend.open_pdf(data, password) as pdf:
        count = backend.page_count(pdf, password)
        if count == 0:
            raise InputError("PDF has no pages (broken page tree or cross-reference table?)")
        if settings.max_pages is not None and count > settings.max_pages:
            raise LimitError(f"PDF has {count} pages; the limit is {settings.max_pages}")
        grids = pages_to_grids(backend.read_pages(pdf, password=password), settings, ocr)
    tokens = grids_to_tokens(grids)
    variant = next((g.header_variant for g in grids if g.header_variant), None)
    logger.debug("pdf: %d pages, %d with a table, %d tokens", count, len(grids), len(tokens))
    return PageStream(tokens=tokens, page_count=count, header_variant=variant)
