"""Compose the stages for one document; `pipeline.batch` drives many.

extract → layout → structure → validate → records → store.  Errors become data at
one place, `process_path`: a document that fails gets status "failed" and the
reason; the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.display import path_key, safe_storage
from pipeline.enrich import enrich
from pipeline.errors import InputError, LimitError, PipelineError
from pipeline.extract.backends import DEFAULT_BACKEND
from pipeline.extract.images import IMAGE_SUFFIXES, is_image
from pipeline.models import CellRef, Column, Document, Outcome, PageStream, SourceInfo
from pipeline.normalise.text import norm_key
from pipeline.schemas import SCHEMA_VERSION, box_point
from pipeline.structure import split_parts, tokens_to_document
from pipeline.validate import validate

logger = logging.getLogger(__name__)

INPUT_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".pdf": "pdf",
    **dict.fromkeys(IMAGE_SUFFIXES, "scan"),  # an image file is always a scan
}
# OCR: the engine (--ocr) and the cache folder reach the workers through the environment.
OCR_ENGINE_ENV = "EVALTABLE_OCR"
OCR_CACHE_ENV = "EVALTABLE_OCR_CACHE"
DEFAULT_OCR_CACHE = "interim/ocr"
# Bytes we refuse to read into memory for one document.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
# Failed checks quoted in documents.error and on the summary line; the rest are in `checks`.
ERROR_FINDINGS_SHOWN = 3
ERROR_FINDING_CHARS = 300
READ_CHUNK = 1 << 20


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_kind(path: Path, data: bytes) -> str:
    """Given a file and its bytes, return its input kind: the content wins over the name."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if is_image(data):
        return "scan"
    return INPUT_SUFFIXES.get(path.suffix.lower(), "text")


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
        from pipeline.extract.scan import scan_input_to_stream
        from pipeline.store import OcrCacheDir

        cache = OcrCacheDir(Path(os.environ.get(OCR_CACHE_ENV) or DEFAULT_OCR_CACHE))
        engine = os.environ.get(OCR_ENGINE_ENV) or None
        return scan_input_to_stream(
            data, kind, password=password, engine=engine, cache=cache, backend=backend
        )
    from pipeline.extract.text import bytes_to_text
    from pipeline.layout.textdump import text_to_stream

    text, _encoding = bytes_to_text(data)
    return text_to_stream(text, max_pages=max_pages)


def count_pdf_pages(data: bytes, password: str | None = None) -> int | None:
    """Given PDF bytes, return the page count read cheaply by pdfium, or None if pdfium cannot tell.

    Used to refuse absurd documents before the expensive layout pass; any file
    pdfium cannot open goes on to the PDF extractor, which gives the specific reason.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except (pdfium.PdfiumError, ValueError, OSError):
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


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
    parts = split_parts(stream)
    docs = [replace(tokens_to_document(p), part_no=n) for n, p in enumerate(parts, start=1)]
    timings["structure"] = time.perf_counter() - t1
    outcomes = [document_outcome(d, p, source, timings) for d, p in zip(docs, parts, strict=True)]
    return replace(outcomes[0], parts=tuple(outcomes[1:]))


def document_outcome(
    doc: Document, stream: PageStream, source: SourceInfo, timings: dict[str, float]
) -> Outcome:
    """Given one form read from an input and its token stream, return its Outcome: enriched,
    checked, with a status."""
    t2 = time.perf_counter()
    details = enrich(doc)
    timings["enrich"] = timings.get("enrich", 0.0) + time.perf_counter() - t2
    checks = stream.checks + validate(doc, details.units, stream)
    if stream.ocr_pages:
        from pipeline.extract.scan import ocr_checks, read_mainly_by_ocr

        checks += ocr_checks(stream)
        if read_mainly_by_ocr(stream):
            source = replace(source, input_kind="scan")
    failed = [c for c in checks if not c.passed and c.severity == "error"]
    status = "partial" if failed else "ok"
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


def process_path(path: Path, *, password: str | None = None, debug: bool = False) -> Outcome:
    """Given a path, return its Outcome: never raises for a bad document, records why instead."""
    try:
        data = read_input(path, DEFAULT_MAX_BYTES)
    except InputError as exc:
        digest = sha256_bytes(os.fsencode(path))
        return failed_outcome(SourceInfo(path_key(str(path)), digest, 0, "text"), str(exc))
    kind = detect_kind(path, data)
    source = SourceInfo(
        path=path_key(str(path)), sha256=sha256_bytes(data), size=len(data), input_kind=kind
    )
    return outcome_of(data, source, password=password, debug=debug)


def read_error(exc: OSError) -> InputError:
    """Given the OSError of reading an input, return the InputError a user can act on."""
    if isinstance(exc, PermissionError):
        return InputError("cannot read file: permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory")
    return InputError(f"cannot read file: {exc.strerror or exc}")


def _kind_of_mode(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def open_input(path: Path, max_bytes: int) -> tuple[int, int]:
    """Given an input path, return (an open descriptor, size) of a regular file within max_bytes.

    Only regular files (or symlinks to them) are inputs.  The type is checked before
    opening (opening a FIFO blocks, a device may have side effects) and again on the
    open descriptor, opened non-blocking, so a file swapped in between is caught too.
    """
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"not a regular file: {_kind_of_mode(st.st_mode)}")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except OSError as exc:
        raise read_error(exc) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"not a regular file: {_kind_of_mode(st.st_mode)}")
        if st.st_size > max_bytes:
            raise InputError(
                f"file too large ({st.st_size} bytes; the limit is {max_bytes}, see --max-bytes)"
            )
    except BaseException:
        os.close(fd)
        raise
    return fd, st.st_size


def iter_chunks(path: Path, max_bytes: int) -> Iterator[bytes]:
    """Given an input path, yield its bytes in chunks; InputError if unreadable, not a regular
    file, or over max_bytes (also when it grows past the limit while being read)."""
    fd, _size = open_input(path, max_bytes)
    total = 0
    try:
        while True:
            try:
                chunk = os.read(fd, READ_CHUNK)
            except OSError as exc:
                raise read_error(exc) from exc
            if not chunk:
                return
            total += len(chunk)
            if total > max_bytes:
                raise InputError(
                    f"file too large (over {max_bytes} bytes while reading; see --max-bytes)"
                )
            yield chunk
    finally:
        os.close(fd)


def read_input(path: Path, max_bytes: int) -> bytes:
    """Given an input path, return its bytes (see `iter_chunks` for what is refused)."""
    return b"".join(iter_chunks(path, max_bytes))


# An input folder that cannot be listed, or a path the OS refuses: reported, never skipped.
OnWalkError = Callable[[Path, InputError], None]


def iter_inputs(paths: Iterable[Path], onerror: OnWalkError | None = None) -> Iterator[Path]:
    """Given files and folders, yield input files: folders recursively (.pdf, .txt, images), sorted.

    Symlinked folders are not followed, so a symlink loop cannot trap the walk;
    a file named explicitly is yielded whatever its suffix.  A subfolder that cannot
    be read (permissions, a path too long) goes to `onerror` with the reason.
    """
    seen: set[Path] = set()

    def walk_error(exc: OSError) -> None:
        if onerror is not None:
            where = Path(exc.filename) if exc.filename else Path("?")
            onerror(where, InputError(f"cannot read folder: {exc.strerror or exc}"))

    for p in paths:
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p, followlinks=False, onerror=walk_error):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    fp = Path(root) / f
                    if fp.suffix.lower() in INPUT_SUFFIXES and not f.startswith("."):
                        found.append(fp)
            for fp in sorted(found):
                if fp not in seen:
                    seen.add(fp)
                    yield fp
        elif p not in seen:
            seen.add(p)
            yield p


def input_key(path: Path) -> str:
    """Given an input path as found, return its ledger key: absolute, the folder resolved.

    Two runs from different working directories agree on it; a symlinked file keeps
    its own name (only its folder is resolved); a name that is not UTF-8 is stored
    with its bytes escaped (`display.path_key`).
    """
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    return path_key(os.path.join(folder, os.path.basename(path)))


# --- records: Document → table rows ----------------------------------------------------


def outcome_to_records(o: Outcome) -> dict[str, list[dict[str, Any]]]:
    """Given an Outcome, return its rows for every table, keyed by table name."""
    records = _part_records(o)
    for part in o.parts:
        for name, recs in _part_records(part).items():
            records.setdefault(name, []).extend(recs)
    return records


def part_doc_id(doc_id: str, part_no: int) -> str:
    """Given an input's doc_id and a form's place in it, return the form's doc_id.

    The first (or only) form keeps the input's id; the further forms of a bundle
    get `<id>-<part_no>`.
    """
    return doc_id if part_no == 1 else f"{doc_id}-{part_no}"


def _part_records(o: Outcome) -> dict[str, list[dict[str, Any]]]:
    d = o.document
    part_no = d.part_no if d is not None else 1
    doc_id = part_doc_id(o.source.doc_id, part_no)
    docrec: dict[str, Any] = {
        "doc_id": doc_id,
        "part_no": part_no,
        "source_path": o.source.path,
        "source_sha256": o.source.sha256,
        "input_kind": o.source.input_kind,
        "agency": None,
        "roc_year": None,
        "year": None,
        "title": None,
        "category": None,
        "page_count": None,
        "status": o.status,
        "error": o.error,
        "total_score": None,
        "total_max": None,
        "notes": None,
        "pipeline_version": __version__,
        "schema_version": SCHEMA_VERSION,
    }
    if d is None:
        return {"documents": [docrec]}
    subtotals = [x.subtotal for x in d.dimensions]
    maxes = [x.max_points for x in d.dimensions]
    docrec.update(
        agency=d.agency,
        roc_year=d.roc_year,
        year=d.year,
        title=d.title,
        category=d.category,
        page_count=d.page_count,
        total_score=None
        if any(s is None for s in subtotals)
        else sum(s for s in subtotals if s is not None),
        total_max=None if any(m is None for m in maxes) else sum(m for m in maxes if m is not None),
        notes=d.notes,
    )
    return {
        "documents": [docrec],
        "dimensions": [
            {
                "doc_id": doc_id,
                "dimension_no": x.dimension_no,
                "name": x.name,
                "max_points": x.max_points,
                "subtotal": x.subtotal,
                "page_start": x.page_start,
                "page_end": x.page_end,
                "heading": x.heading,
            }
            for x in d.dimensions
        ],
        "items": [
            {
                "doc_id": doc_id,
                "dimension_no": x.dimension_no,
                "item_no": x.item_no,
                "name": x.name,
                "name_norm": norm_key(x.name),
                "max_points": x.max_points,
                "score": x.score,
                "page_start": x.page_start,
                "page_end": x.page_end,
            }
            for x in d.items
        ],
        "rows": [
            {
                "doc_id": doc_id,
                "row_no": r.row_no,
                "dimension_no": r.dimension_no,
                "item_no": r.item_no,
                "indicator_no": r.indicator_no,
                "indicator": r.indicator,
                "indicator_norm": norm_key(r.indicator),
                "sub_no": r.sub_no,
                "sub_indicator": r.sub_indicator,
                "sub_indicator_norm": norm_key(r.sub_indicator),
                "units": list(r.units),
                "result": r.result,
                "page_start": r.page_start,
                "page_end": r.page_end,
                "extra": list(r.extra),
            }
            for r in d.rows
        ],
        "cells": [
            {
                "doc_id": doc_id,
                "row_no": r.row_no,
                "column": Column(c.column).name.lower(),
                "page": c.page,
                "x0": box_point(c.bbox.x0) if c.bbox else None,
                "top": box_point(c.bbox.top) if c.bbox else None,
                "x1": box_point(c.bbox.x1) if c.bbox else None,
                "bottom": box_point(c.bbox.bottom) if c.bbox else None,
                "text": c.text,
                **cell_source(o, c),
            }
            for r in d.rows
            for c in r.cells
        ],
        "checks": [
            {
                "doc_id": doc_id,
                "check": c.check,
                "severity": c.severity,
                "passed": c.passed,
                "message": safe_storage(c.message),
            }
            for c in o.checks
        ],
        **_details_records(doc_id, o),
    }


def cell_source(o: Outcome, cell: CellRef) -> dict[str, Any]:
    """Given an Outcome and one cell fragment, return its `source` and OCR `confidence` columns.

    The confidence is the lowest of the OCR lines whose centre lies in the fragment's box.
    """
    if cell.page not in o.ocr_pages:
        return {"source": "text", "confidence": None}
    b = cell.bbox
    found = [
        t.confidence
        for t in o.ocr_texts
        if t.page == cell.page
        and b is not None
        and b.x0 - 1 <= (t.bbox.x0 + t.bbox.x1) / 2 <= b.x1 + 1
        and b.top - 1 <= (t.bbox.top + t.bbox.bottom) / 2 <= b.bottom + 1
    ]
    return {"source": "ocr", "confidence": min(found) if found else None}


def _numbered(pairs: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, int, Any]]:
    """Given (row_no, x) pairs in order, yield (row_no, 1-based position within the row, x)."""
    seen: dict[int, int] = {}
    for row_no, x in pairs:
        seen[row_no] = seen.get(row_no, 0) + 1
        yield row_no, seen[row_no], x


def _details_records(doc_id: str, o: Outcome) -> dict[str, list[dict[str, Any]]]:
    """Given an Outcome, return its metrics, row_units, result_items and entities rows."""
    x = o.details
    if x is None:
        return {}
    return {
        "metrics": [
            {
                "doc_id": doc_id,
                "row_no": row_no,
                "metric_no": n,
                "kind": m.kind,
                "value": m.value,
                "unit": m.unit,
                "label": m.label,
                "qualifier": m.qualifier,
                "text": m.text,
                "date": m.date,
                "start": m.start,
                "end": m.end,
            }
            for row_no, n, m in _numbered(x.metrics)
        ],
        "row_units": [
            {
                "doc_id": doc_id,
                "row_no": u.row_no,
                "unit_no": u.unit_no,
                "unit": u.unit,
                "unit_canonical": u.unit_canonical,
                "qualifier": u.qualifier,
                "mapping_reason": u.reason,
            }
            for u in x.units
        ],
        "result_items": [
            {
                "doc_id": doc_id,
                "row_no": row_no,
                "entry_no": n,
                "item_no": it.item_no,
                "marker": it.marker,
                "level": it.level,
                "text": it.text,
                "start": it.start,
                "end": it.end,
            }
            for row_no, n, it in _numbered(x.result_items)
        ],
        "entities": [
            {
                "doc_id": doc_id,
                "row_no": row_no,
                "text": e.text,
                "kind": e.kind,
                "start": e.start,
                "end": e.end,
            }
            for row_no, e in x.entities
        ],
    }


def document_summary(d: Document) -> str:
    """Given a Document, return a one-line human summary."""
    return f"{len(d.dimensions)} dimensions, {len(d.items)} items, {len(d.rows)} rows, {d.page_count} pages"
