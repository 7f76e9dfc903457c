"""One document end to end: bytes → stream → Document → enriched, checked Outcome.

extract → layout → structure → enrich → validate, composed here for one input;
`pipeline.records` maps the Outcome to table rows, `pipeline.store` writes them and
`pipeline.batch` drives many inputs.  `process_path` is the one per-document
entry point (the batch, the CLI through it, and the tests); errors become data at
one place, `outcome_of`: a document that fails gets status "failed" and the
reason, and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import time
import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pipeline.display import path_key, safe_storage
from pipeline.enrich import enrich
from pipeline.errors import InputError, LimitError, PipelineError
from pipeline.extract.backends import DEFAULT_BACKEND
from pipeline.inputs import DEFAULT_MAX_BYTES, count_pdf_pages, detect_kind, read_input
from pipeline.inputs import sha256_bytes as sha256_bytes  # also for bench/ and tests
from pipeline.models import Check, Document, Outcome, PageStream, SourceInfo, Status
from pipeline.records import outcome_to_records as outcome_to_records  # for bench/ and tools/
from pipeline.structure import split_parts, tokens_to_document
from pipeline.validate import validate

logger = logging.getLogger(__name__)

# OCR: the engine (--ocr), its resolution (--ocr-dpi) and the cache folder reach the
# workers through the environment.
OCR_ENGINE_ENV = "EVALTABLE_OCR"
OCR_DPI_ENV = "EVALTABLE_OCR_DPI"
OCR_CACHE_ENV = "EVALTABLE_OCR_CACHE"
DEFAULT_OCR_CACHE = "interim/ocr"
# Failed checks quoted in documents.error and on the summary line; the rest are in `checks`.
ERROR_FINDINGS_SHOWN = 3
ERROR_FINDING_CHARS = 300


def bytes_to_stream(
    data: bytes,
    kind: str,
    *,
    password: str | None = None,
    max_pages: int | None = None,
    backend: str = DEFAULT_BACKEND,
) -> PageStream:
    """Given an input's bytes and kind, return the layout stage's token stream.

    PDFs and scans go page by page: a text layer is read as text, a page without
    one by OCR.  A text dump's pages are counted as its lines are read, before
    layout, so a dump far over `max_pages` is refused at once instead of after
    minutes of layout.
    """
    if kind in ("pdf", "scan"):
        from pipeline.layout.pages import scan_input_to_stream
        from pipeline.store import OcrCacheDir

        cache = OcrCacheDir(Path(os.environ.get(OCR_CACHE_ENV) or DEFAULT_OCR_CACHE))
        engine = os.environ.get(OCR_ENGINE_ENV) or None
        dpi = os.environ.get(OCR_DPI_ENV)
        return scan_input_to_stream(
            data,
            kind,
            password=password,
            engine=engine,
            dpi=int(dpi) if dpi and dpi.isdigit() else None,
            cache=cache,
            backend=backend,
            max_pages=max_pages,
        )
    from pipeline.extract.text import bytes_to_text
    from pipeline.layout.textdump import text_to_stream

    text, _encoding = bytes_to_text(data)
    return text_to_stream(text, max_pages=max_pages)


def process_bytes(
    data: bytes,
    source: SourceInfo,
    *,
    password: str | None = None,
    max_pages: int | None = None,
    backend: str = DEFAULT_BACKEND,
) -> Outcome:
    """Given an input's bytes, return its Outcome; PipelineErrors propagate to the caller."""
    timings: dict[str, float] = {}
    if max_pages is not None and source.input_kind == "pdf":
        pages = count_pdf_pages(data, password)
        if pages is not None and pages > max_pages:
            raise LimitError.pages(pages, max_pages)
    t0 = time.perf_counter()
    stream = bytes_to_stream(
        data, source.input_kind, password=password, max_pages=max_pages, backend=backend
    )
    if max_pages is not None and stream.page_count > max_pages:
        raise LimitError.pages(stream.page_count, max_pages)
    timings["layout"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    try:
        parts = split_parts(stream)
        docs = [replace(tokens_to_document(p), part_no=n) for n, p in enumerate(parts, start=1)]
    except PipelineError as exc:
        if stream.ocr_pages:
            from pipeline.extract.scan import read_mainly_by_ocr

            exc.input_kind = "scan" if read_mainly_by_ocr(stream) else exc.input_kind
        raise
    timings["structure"] = time.perf_counter() - t1
    outcomes = [document_outcome(d, p, source, timings) for d, p in zip(docs, parts, strict=True)]
    return replace(outcomes[0], parts=tuple(outcomes[1:]))


def document_outcome(
    doc: Document, stream: PageStream, source: SourceInfo, timings: dict[str, float]
) -> Outcome:
    """Given one form read from an input and its token stream, return its Outcome: enriched,
    checked, with a status."""
    t2 = time.perf_counter()
    repaired: tuple[Check, ...] = ()
    if stream.ocr_pages:
        from pipeline.extract.scan import repair_units

        doc, repaired = repair_units(doc, stream.ocr_pages)
    details = enrich(doc)
    timings["enrich"] = timings.get("enrich", 0.0) + time.perf_counter() - t2
    checks = stream.checks + validate(doc, details.units, stream) + repaired
    if stream.ocr_pages:
        from pipeline.extract.scan import ocr_checks, read_mainly_by_ocr

        checks += ocr_checks(stream, doc=doc)
        if read_mainly_by_ocr(stream):
            source = replace(source, input_kind="scan")
    failed = [c for c in checks if not c.passed and c.severity == "error"]
    status: Status = "partial" if failed else "ok"
    error = summarize_findings([f"{c.check}: {c.message}" for c in failed])
    return Outcome(
        source=source,
        status=status,
        error=error,
        document=doc,
        checks=checks,
        timings=timings,
        details=details,
        ocr_pages=stream.ocr_pages,
        ocr_texts=stream.ocr_texts,
    )


def summarize_findings(findings: Sequence[str]) -> str | None:
    """Given failed checks as "check: message", return the document's error: the first few, counted.

    E.g. 100 findings → the first 3 and "… and 97 more; see `checks`" (each finding cut
    at 300 characters); the full list is in the `checks` table.  None when there are none.
    """
    if not findings:
        return None
    shown = [
        f if len(f) <= ERROR_FINDING_CHARS else f[: ERROR_FINDING_CHARS - 1] + "…"
        for f in findings[:ERROR_FINDINGS_SHOWN]
    ]
    more = len(findings) - len(shown)
    tail = f"; … and {more} more; see `checks`" if more else ""
    return safe_storage("; ".join(shown) + tail)


def failed_outcome(source: SourceInfo, reason: str) -> Outcome:
    """Given a source and why it could not be read, return its failed Outcome.

    The reason may quote the input (a library's message with raw PDF bytes, a file
    name): it is stored without control characters.
    """
    return Outcome(source=source, status="failed", error=safe_storage(reason), document=None)


def outcome_of(
    data: bytes,
    source: SourceInfo,
    *,
    password: str | None = None,
    max_pages: int | None = None,
    memory_mb: int | None = None,
    debug: bool = False,
    backend: str = DEFAULT_BACKEND,
) -> Outcome:
    """Given an input's bytes, return its Outcome: the one place errors become data.

    PipelineErrors carry their own reason; running out of recursion or memory and
    our own bugs get a reason too, so one document fails and the batch goes on.
    """
    try:
        return process_bytes(data, source, password=password, max_pages=max_pages, backend=backend)
    except PipelineError as exc:
        logger.info("%s: failed: %s", source.doc_id, exc)
        if exc.input_kind is not None:
            source = replace(source, input_kind=exc.input_kind)
        return failed_outcome(source, str(exc))
    except RecursionError:
        return failed_outcome(source, "input too deeply nested to read (recursion limit)")
    except MemoryError:
        limit = f" ({memory_mb} MB, see --max-memory)" if memory_mb is not None else ""
        return failed_outcome(source, f"memory limit exceeded{limit}")
    except Exception as exc:  # a bug of ours must fail one document, never the batch
        if debug:
            raise
        # One line without --debug: the reason is recorded; the traceback is for --debug.
        logger.warning("%s: internal error: %s", source.doc_id, type(exc).__name__)
        logger.debug("%s: traceback\n%s", source.doc_id, traceback.format_exc())
        return failed_outcome(
            source,
            f"internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it",
        )


def process_path(
    path: Path,
    *,
    known: SourceInfo | None = None,
    password: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int | None = None,
    memory_mb: int | None = None,
    backend: str = DEFAULT_BACKEND,
    debug: bool = False,
) -> Outcome:
    """Given an input's path, return its Outcome: the one per-document entry point.

    Reads the file (a regular file within `max_bytes`), tells its kind and runs the
    stages (`outcome_of`); never raises for a bad document, records why instead.
    `known` is what the batch's plan recorded (ledger key, sha256, size, kind): the
    Outcome is filed under it, and a file whose bytes no longer match it fails.
    """
    try:
        data = read_input(path, max_bytes)
    except InputError as exc:
        if known is None:
            digest = sha256_bytes(os.fsencode(path))
            known = SourceInfo(path_key(str(path)), digest, 0, "text")
        return failed_outcome(known, str(exc))
    kind = detect_kind(path, data)
    if known is None:
        source = SourceInfo(path_key(str(path)), sha256_bytes(data), len(data), kind)
    else:
        source = replace(known, input_kind=kind)
        if sha256_bytes(data) != known.sha256:
            return failed_outcome(source, "file changed while the batch ran; run again")
    return outcome_of(
        data,
        source,
        password=password,
        max_pages=max_pages,
        memory_mb=memory_mb,
        debug=debug,
        backend=backend,
    )


def document_summary(d: Document) -> str:
    """Given a Document, return a one-line human summary."""
    return f"{len(d.dimensions)} dimensions, {len(d.items)} items, {len(d.rows)} rows, {d.page_count} pages"
