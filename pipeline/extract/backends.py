"""The page-backend seam: which library turns a PDF's pages into `PageContent`.

A backend is a module with three functions (the `PageBackend` protocol):
`open_pdf(data, password)` (a context manager yielding the open document),
`page_count(pdf, password)` and `read_pages(pdf, password=...)` (one
`PageContent` per page, streamed).  Each raises only specific `PipelineError`s,
with the same messages, so a document's status and reason do not depend on the
backend (a backend that would read a damaged file differently raises
`NeedsReference`).  `load_backend` is the one place a name becomes a backend.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol, cast

from pipeline.errors import PipelineError
from pipeline.models import PageContent

# name → module implementing PageBackend
BACKENDS: dict[str, str] = {
    "pdfplumber": "pipeline.extract.pdf",
    "pdfium": "pipeline.extract.pdfium",
}
REFERENCE_BACKEND = "pdfplumber"  # what the others are compared with (tests/test_pdf_backends.py)
DEFAULT_BACKEND = "pdfium"  # same tables as the reference, several times faster


class NeedsReference(PipelineError):
    """A backend met a file it reads differently from the reference (a damaged one): use that.

    Raised only by a backend and caught only by `pdf_to_stream`, which reads the
    document again with REFERENCE_BACKEND, so the status and reason of damaged
    files do not depend on the backend.
    """


class PageBackend(Protocol):
    def open_pdf(self, data: bytes, password: str | None = None) -> AbstractContextManager[Any]: ...

    def page_count(self, pdf: Any, password: str | None = None) -> int: ...

    def read_pages(self, pdf: Any, *, password: str | None = None) -> Iterator[PageContent]: ...


def load_backend(name: str) -> PageBackend:
    """Given a backend name (a key of BACKENDS), return its module."""
    try:
        module = BACKENDS[name]
    except KeyError:
        raise ValueError(
            f"unknown PDF backend {name!r}; choose one of {', '.join(sorted(BACKENDS))}"
        ) from None
    return cast(PageBackend, importlib.import_module(module))
