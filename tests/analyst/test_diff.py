"""`evaltable diff`: the seed against a copy with known edits (tests/analyst/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.analyst.diff import diff_metrics, pair_texts
from pipeline.schemas import DIFF_TABLES, SCHEMA_VERSION
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def diff_run(analyst_out: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("diff") / "tables"
    proc = run_cli(
        "diff", "seed_107.txt", "seed_108.txt", "--out", analyst_out, "--parquet", folder
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout, folder


def _changed(folder: Path, table: str) -> pd.DataFrame:
    df = pd.read_parquet(folder / f"{table}.parquet")
    return df[df.status != "same"].reset_index(drop=True)


def test_scores_changed_exactly_where_edited(diff_run: tuple[str, Path]) -> None:
    _, folder = diff_run
    dims = _changed(folder, "diff_dimensions")
    assert dims[["dimension_no", "subtotal_a", "subtotal_b", "change"]].values.tolist() == [
        [1, 178.0, 180.0, 2.0]
    ]
    items = _changed(folder, "diff_items")
    assert items[
        ["dimension_no", "name_a", "score_a", "score_b", "change", "status"]
    ].values.tolist() == [[1, "服務一致及正確性", 88.0, 90.0, 2.0, "changed"]]
    assert len(pd.read_parquet(folder / "diff_items.parquet")) == 11


def test_reworded_indicator_with_similarity(diff_run: tuple[str, Path]) -> None:
    _, folder = diff_run
    rows = _changed(folder, "diff_indicators")
    assert len(rows) == 1
    r = rows.iloc[0]
    assert (r.row_no_a, r.row_no_b, r.status) == (2, 2, "reworded")
    assert "確保於" in r.sub_indicator_a and "務求於" in r.sub_indicator_b
    assert 0.9 < r.similarity < 1.0
    assert len(pd.read_parquet(folder / "diff_indicators.parquet")) == 48


def test_metric_change_matched_by_label_and_unit(diff_run: tuple[str, Path]) -> None:
    _, folder = diff_run
    m = _changed(folder, "diff_metrics")
    assert m[["label", "unit", "value_a", "value_b", "change", "status"]].values.tolist() == [
        ["網路申辦", "批", 50867.0, 52000.0, 1133.0, "changed"]
    ]


def test_terminal_report_and_parquet_metadata(diff_run: tuple[str, Path]) -> None:
    text, folder = diff_run
    assert "A: 經濟部標準檢驗局基隆分局 107" in text and "B: 經濟部標準檢驗局基隆分局 108" in text
    assert "47 unchanged not shown" in text and "務求於" in text
    for name, cols in DIFF_TABLES.items():
        schema = pq.read_schema(folder / f"{name}.parquet")
        assert schema.metadata[b"schema_version"].decode() == SCHEMA_VERSION
        assert [f.name for f in schema] == [c.name for c in cols]
        assert all(f.metadata[b"description"] for f in schema)


def test_unknown_document_is_a_usage_error(analyst_out: Path) -> None:
    proc = run_cli("diff", "seed_107.txt", "nope", "--out", analyst_out)
    assert proc.returncode == 2 and "no document named 'nope'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_pairing_exact_first_then_most_similar() -> None:
    a = ["提升服務及時性", "提高網站使用便利性", "完全不同的指標內容", "提升服務及時性"]
    b = ["提升服務及時性", "提高網站之使用便利性", "新增的評核指標項目"]
    pairs = [(p.a, p.b, p.similarity) for p in pair_texts(a, b, 0.6)]
    assert pairs == [
        (0, 0, 1.0),
        (1, 1, pytest.approx(0.947, abs=0.001)),  # 2*9/19
        (2, None, None),
        (3, None, None),
        (None, 2, None),
    ]


def test_metrics_pair_nth_with_nth_and_skip_unlabelled() -> None:
    def m(label: str | None, value: float | None, row: int) -> dict[str, object]:
        return {"label": label, "unit": "件", "kind": "count", "value": value, "row_no": row}

    a = [m("受理", 10, 1), m("受理", 20, 2), m(None, 5, 3)]
    b = [m("受理", 10, 4), m("受理", 25, 5), m("辦理", 7, 6)]
    got = [
        (r["occurrence"], r["value_a"], r["value_b"], r["status"])
        for r in diff_metrics("a", "b", a, b)
    ]
    assert got == [(1, 10, 10, "same"), (2, 20, 25, "changed"), (1, None, 7, "added")]
