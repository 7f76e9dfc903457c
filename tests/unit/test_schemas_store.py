"""The schema module refuses wrong records; the store never leaves half a file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import store
from pipeline.schemas import TABLES, SchemaMismatch, arrow_schema, to_table

DOC = "00000000000000dd"  # write_document refuses anything but 16 hex digits
CHECK = {"doc_id": "d", "check": "c", "severity": "info", "passed": True, "message": "m"}


def test_every_column_is_described() -> None:
    for name in TABLES:
        for field in arrow_schema(name):
            assert field.metadata and field.metadata[b"description"], f"{name}.{field.name}"


def test_missing_and_extra_columns_fail_loudly() -> None:
    with pytest.raises(SchemaMismatch, match=r"missing \['message'\]"):
        to_table("checks", [{k: v for k, v in CHECK.items() if k != "message"}])
    with pytest.raises(SchemaMismatch, match=r"extra \['oops'\]"):
        to_table("checks", [{**CHECK, "oops": 1}])
    with pytest.raises(SchemaMismatch, match="nulls in a non-null column"):
        to_table("checks", [{**CHECK, "message": None}])


def test_unsafe_cast_fails() -> None:
    with pytest.raises(Exception, match=r"(?i)integer|int|convert"):
        to_table(
            "dimensions",
            [
                {
                    "doc_id": "d",
                    "dimension_no": "one",
                    "name": "n",
                    "max_points": 1,
                    "subtotal": 1.0,
                    "page_start": 1,
                    "page_end": 1,
                    "heading": "h",
                }
            ],
        )


def test_failed_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_document(tmp_path, DOC, {"checks": [CHECK]})
    target = tmp_path / "checks" / f"{DOC}.parquet"
    before = target.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", boom)
    with pytest.raises(store.OutputError, match="disk full"):  # a clear usage error, exit 2
        store.write_document(tmp_path, DOC, {"checks": [{**CHECK, "message": "new"}]})
    assert target.read_bytes() == before
    assert not list((tmp_path / "checks").glob(".*.tmp"))
    assert pd.read_parquet(tmp_path / "checks")["message"].tolist() == ["m"]


def test_bad_records_write_nothing(tmp_path: Path) -> None:
    with pytest.raises(SchemaMismatch):
        store.write_document(tmp_path, DOC, {"checks": [CHECK], "rows": [{"bad": 1}]})
    assert not (tmp_path / "checks").exists()


def test_clean_temp_removes_leftovers(tmp_path: Path) -> None:
    (tmp_path / "rows").mkdir()
    (tmp_path / "rows" / ".d.abc.tmp").write_bytes(b"half")
    assert store.clean_temp(tmp_path) == 1
