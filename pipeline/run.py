"""Compose the stages for one document; `pipeline.batch` drives many.

extract → layout → structure → validate → records → store.  Errors become data at
one place, `process_path`: a document that fails gets status "failed" and the
reason; the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.enrich import enrich
from pipeline.errors import InputError, LimitError, PipelineError
from pipeline.extract.backends import DEFAULT_BACKEND
from pipeline.models import Column, Document, Outcome, PageStream, SourceInfo
from pipeline.normalise.text import norm_key
from pipeline.schemas import SCHEMA_VERSION
from pipeline.structure import tokens_to_document
from pipeline.validate import validate

logger = logging.getLogger(__name__)

INPUT_SUFFIXES: dict[str, str] = {".txt": "text", ".pdf": "pdf"}
# Bytes we refuse to read into memory for one document.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_kind(path: Path, data: bytes) -> str:
    """Given a file and its bytes, return its input kind: the content wins over the name."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    return INPUT_SUFFIXES.get(path.suffix.lower(), "text")


def bytes_to_stream(
    data: bytes, kind: str, *, password: str | None = None, backend: str = DEFAULT_BACKEND
) -> PageStream:
    """Given an input's bytes and kind, return the layout stage's token stream."""
    if kind == "pdf":
        from pipeline.extract.pdf import PdfSettings, pdf_to_stream

        return pdf_to_stream(data, password=password, settings=PdfSettings(backend=backend))
    from pipeline.extract.text import bytes_to_text
    from pipeline.layout.textdump import text_to_stream

    text, _encoding = bytes_to_text(data)
    return text_to_stream(text)


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
            raise LimitError(f"{pages} pages; the limit is {max_pages} (see --max-pages)")
    t0 = time.perf_counter()
    stream = bytes_to_stream(data, source.input_kind, password=password, backend=backend)
    if max_pages is not None and stream.page_count > max_pages:
        raise LimitError(f"{stream.page_count} pages; the limit is {max_pages} (see --max-pages)")
    timings["layout"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    doc = tokens_to_document(stream)
    timings["structure"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    details = enrich(doc)
    timings["enrich"] = time.perf_counter() - t2
    checks = stream.checks + validate(doc, details.units, stream)
    failed = [c for c in checks if not c.passed and c.severity == "error"]
    status = "partial" if failed else "ok"
    error = "; ".join(f"{c.check}: {c.message}" for c in failed) or None
    return Outcome(
        source=source,
        status=status,
        error=error,
        document=doc,
        checks=checks,
        timings=timings,
        details=details,
    )


def failed_outcome(source: SourceInfo, reason: str) -> Outcome:
    """Given a source and why it could not be read, return its failed Outcome."""
    return Outcome(source=source, status="failed", error=reason, document=None)


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
        logger.error("%s: internal error\n%s", source.doc_id, traceback.format_exc())
        return failed_outcome(
            source,
            f"internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it",
        )


def process_path(path: Path, *, password: str | None = None, debug: bool = False) -> Outcome:
    """Given a path, return its Outcome: never raises for a bad document, records why instead."""
    try:
        data = _read(path)
    except InputError as exc:
        digest = sha256_bytes(str(path).encode())
        return failed_outcome(SourceInfo(str(path), digest, 0, "text"), str(exc))
    kind = detect_kind(path, data)
    source = SourceInfo(path=str(path), sha256=sha256_bytes(data), size=len(data), input_kind=kind)
    return outcome_of(data, source, password=password, debug=debug)


def read_error(exc: OSError) -> InputError:
    """Given the OSError of reading an input, return the InputError a user can act on."""
    if isinstance(exc, PermissionError):
        return InputError(f"cannot read file: permission denied ({exc.filename})")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory")
    return InputError(f"cannot read file: {exc.strerror or exc}")


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > DEFAULT_MAX_BYTES:
            raise InputError(f"file too large ({size} bytes; the limit is {DEFAULT_MAX_BYTES})")
        return path.read_bytes()
    except OSError as exc:
        raise read_error(exc) from exc


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Given files and folders, yield input files: folders recursively (.pdf, .txt), sorted.

    Symlinked folders are not followed, so a symlink loop cannot trap the walk;
    a file named explicitly is yielded whatever its suffix.
    """
    seen: set[Path] = set()
    for p in paths:
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p, followlinks=False):
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


# --- records: Document → table rows ----------------------------------------------------


def outcome_to_records(o: Outcome) -> dict[str, list[dict[str, Any]]]:
    """Given an Outcome, return its rows for every table, keyed by table name."""
    doc_id = o.source.doc_id
    d = o.document
    docrec: dict[str, Any] = {
        "doc_id": doc_id,
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
            }
            for r in d.rows
        ],
        "cells": [
            {
                "doc_id": doc_id,
                "row_no": r.row_no,
                "column": Column(c.column).name.lower(),
                "page": c.page,
                "x0": c.bbox.x0 if c.bbox else None,
                "top": c.bbox.top if c.bbox else None,
                "x1": c.bbox.x1 if c.bbox else None,
                "bottom": c.bbox.bottom if c.bbox else None,
                "text": c.text,
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
                "message": c.message,
            }
            for c in o.checks
        ],
        **_details_records(doc_id, o),
    }


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
