"""The pdfplumber page backend (the reference): PDF bytes → `PageContent` per page.

`read_pages` is the only code that touches pdfplumber/pdfminer: it opens the
bytes, walks the pages one at a time, copies each page's chars and rulings into
our own dataclasses and flushes pdfplumber's per-page cache, so no more than one
page's pdfminer objects are alive at a time.  Every library failure is caught
right there and re-raised as a specific `PipelineError`.  The pages go to layout
(`pipeline.layout.pages`), which composes grid and stitch over them.
"""

from __future__ import annotations

import io
import logging
import os
import struct
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pipeline.errors import EncryptedError, InputError, LimitError, PipelineError
from pipeline.extract.charspace import install as install_charspace
from pipeline.extract.marked import install as install_marked
from pipeline.extract.radicals import fold_radicals
from pipeline.models import Char, PageContent, Ruling

logger = logging.getLogger(__name__)

# The libraries' own exception types: always a malformed (or encrypted) PDF.
LIBRARY_OWN_ERRORS: tuple[type[BaseException], ...] = (
    PdfminerException,
    MalformedPDFException,
    PSException,
)
# What pdfminer and pdfplumber raise on malformed input.  pdfplumber wraps most of it
# in PdfminerException, but page construction and object conversion let the raw
# builtin errors through (a KeyError for a missing dictionary entry, a ValueError for
# a bad number).  They are caught only around library calls, and a builtin error only
# counts when the library raised it (`raised_by_library`): the same error raised by our
# own code is a bug of ours, reported as an internal error, never as "malformed PDF".
LIBRARY_ERRORS: tuple[type[BaseException], ...] = (
    *LIBRARY_OWN_ERRORS,
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


# Running out of these is the document's doing wherever it happens.
_RESOURCE_ERRORS = (MemoryError, RecursionError)
_OUR_CODE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def raised_by_library(err: BaseException) -> bool:
    """Given an error caught around a library call, return False when our own code raised it.

    The frame that raised is the last of the traceback: in `pipeline/` it is ours.
    The libraries' own types and running out of memory or recursion always count.
    """
    if isinstance(err, LIBRARY_OWN_ERRORS + _RESOURCE_ERRORS):
        return True
    tb = err.__traceback__
    if tb is None:
        return True
    while tb.tb_next is not None:
        tb = tb.tb_next
    return not os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_OUR_CODE)


def _library(err: BaseException, where: str, password: str | None) -> PipelineError:
    """Given an error caught around a library call, return its PipelineError; re-raise our own."""
    if not raised_by_library(err):
        raise err
    return library_error(err, where, password=password)


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
        raise _library(err, "open", password) from err
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
        raise _library(err, "page tree", password) from err


install_charspace()  # pdfminer places Tc between glyphs only (see pipeline/extract/charspace.py)
install_marked()  # pdfplumber forgets an MCID inside a nested tag (pipeline/extract/marked.py)


def _char(d: dict[str, Any]) -> Char:
    return Char(
        text=fold_radicals(str(d["text"])),
        x0=float(d["x0"]),
        top=float(d["top"]),
        x1=float(d["x1"]),
        bottom=float(d["bottom"]),
        size=float(d.get("size") or 0.0) or float(d["bottom"]) - float(d["top"]),
        upright=bool(d.get("upright", True)),
        mcid=d.get("mcid"),
    )


def _ruling(d: dict[str, Any]) -> Ruling:
    return Ruling(
        x0=float(d["x0"]), top=float(d["top"]), x1=float(d["x1"]), bottom=float(d["bottom"])
    )


def image_cover(
    boxes: Sequence[tuple[float, float, float, float]], width: float, height: float
) -> float:
    """Given image boxes (x0, top, x1, bottom) on a page and its size, return the largest
    one's share of the page, its box clipped to the page (0 for none)."""
    best = 0.0
    for x0, top, x1, bottom in boxes:
        w = min(float(x1), width) - max(float(x0), 0.0)
        h = min(float(bottom), height) - max(float(top), 0.0)
        if w > 0 and h > 0:
            best = max(best, w * h)
    return min(1.0, best / (width * height)) if width > 0 and height > 0 else 0.0


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
                image_cover=image_cover(
                    [(d["x0"], d["top"], d["x1"], d["bottom"]) for d in page.images],
                    float(page.width),
                    float(page.height),
                ),
            )
        except LIBRARY_ERRORS as err:
            raise _library(err, f"p{n}", password) from err
        finally:
            page.close()
        yield content


def page_list(pdf: Any, password: str | None = None) -> list[Any]:
    try:
        return list(pdf.pages)
    except LIBRARY_ERRORS as err:
        raise _library(err, "page tree", password) from err
