"""tools/compare_outputs.py: two output folders compared value for value (it can fail)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.models import SourceInfo
from pipeline.records import outcome_to_records
from pipeline.run import failed_outcome
from pipeline.store import Ledger, LedgerEntry, write_document
from tools.compare_outputs import compare

ENTRY = LedgerEntry(
    path="/in/a.pdf",
    sha256="a" * 64,
    size=10,
    doc_id="a" * 16,
    input_kind="pdf",
    pipeline_version="1.0",
    status="failed",
    error="broken",
    page_count=None,
    roc_year=None,
    duplicate_of=None,
    finished_at="2026-01-01T00:00:00",
    seconds=1.0,
    peak_rss_mb=100.0,
)


def _folder(out: Path, error: str, entry: LedgerEntry) -> Path:
    source = SourceInfo(entry.path, entry.sha256, entry.size, "pdf")
    write_document(out, entry.doc_id, outcome_to_records(failed_outcome(source, error)))
    with Ledger(out) as ledger:
        ledger.record(entry)
    return out


def test_only_run_fields_may_differ(tmp_path: Path, capsys: object) -> None:
    a = _folder(tmp_path / "a", "broken", ENTRY)
    later = replace(ENTRY, finished_at="2026-02-02T00:00:00", seconds=9.0, peak_rss_mb=1.0)
    b = _folder(tmp_path / "b", "broken", replace(later, pipeline_version="2.0"))
    assert compare(a, b, limit=10) == 0
    c = _folder(tmp_path / "c", "broken again", replace(ENTRY, error="broken again"))
    assert compare(a, c, limit=10) == 1
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "documents/aaaaaaaaaaaaaaaa.parquet[0].error: 'broken' != 'broken again'" in out
    assert "ledger /in/a.pdf[0].error: 'broken' != 'broken again'" in out
    assert out.rstrip().endswith("2 differences")


def test_a_changed_pipeline_version_column_is_ignored_but_other_columns_are_not(
    tmp_path: Path,
) -> None:
    a = _folder(tmp_path / "a", "broken", ENTRY)
    b = _folder(tmp_path / "b", "broken", ENTRY)
    doc = b / "documents" / f"{ENTRY.doc_id}.parquet"
    table = pq.read_table(doc)
    version = table.schema.get_field_index("pipeline_version")
    changed = table.set_column(version, "pipeline_version", pa.array(["9.9"]))
    pq.write_table(changed.cast(table.schema), doc)
    assert compare(a, b, limit=10) == 0
    kind = table.schema.get_field_index("input_kind")
    changed = table.set_column(kind, "input_kind", pa.array(["scan"]))
    pq.write_table(changed.cast(table.schema), doc)
    assert compare(a, b, limit=10) == 1


def test_a_missing_table_file_is_a_difference(tmp_path: Path) -> None:
    a = _folder(tmp_path / "a", "broken", ENTRY)
    b = _folder(tmp_path / "b", "broken", ENTRY)
    (b / "cells" / f"{ENTRY.doc_id}.parquet").unlink()
    assert compare(a, b, limit=10) == 1
