"""The seed against its hand-made golden extract: lossless partition and full regression."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.conftest import SEED

# Lines outside the table cells.  Written independently of the pipeline's own
# patterns on purpose: this test checks the golden, not the parser.
FURNITURE = (
    re.compile(r"評核項目\s+評核指標\s+次評核指標\s+主辦單位"),
    re.compile(r"^\s*\S+\s+\d+年度提升服務效能評核表"),
    re.compile(r"^\s*整體服務類機關\s*$"),
    re.compile(r"^\s*(評核)?構面[一二三四五]\("),
    re.compile(r"^\s*小計\s+\d+\s+分\s*$"),
)


def _squash(text: str) -> str:
    return "".join(text.split())


def _golden_cells(golden: dict[str, Any]) -> list[str]:
    """Every cell's text of the golden, in document order, merged cells once."""
    items = {(i["dimension_no"], i["item_no"]): i for i in golden["items"]}
    out: list[str] = []
    seen_items: set[tuple[int, int]] = set()
    last_indicator: tuple[Any, ...] | None = None
    for r in golden["rows"]:
        key = (r["dimension_no"], r["item_no"])
        if key not in seen_items:
            seen_items.add(key)
            out.append(items[key]["cell_text"])
            last_indicator = None
        ind = (key, r["indicator_no"], r["indicator"])
        if r["indicator"] is not None and ind != last_indicator:
            out.append((f"{r['indicator_no']}." if r["indicator_no"] else "") + r["indicator"])
        last_indicator = ind
        out.append((r["sub_no"] or "") + (r["sub_indicator"] or ""))
        out.extend(r["units"])
        out.append(r["result"] or "")
    return out


def test_golden_is_a_lossless_partition_of_the_source(seed_golden: dict[str, Any]) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    kept = [ln for ln in lines if not any(p.search(ln) for p in FURNITURE)]
    removed = len(lines) - len(kept)
    assert removed == 23 + 5 * 4, removed  # headers + (title, category, heading, 小計) × 5
    assert _squash("".join(_golden_cells(seed_golden))) == _squash("".join(kept))


def test_golden_scores_add_up(seed_golden: dict[str, Any]) -> None:
    dims = seed_golden["dimensions"]
    assert [d["subtotal"] for d in dims] == [178, 258, 174, 176, 88]
    for d in dims:
        scores = [
            i["score"] for i in seed_golden["items"] if i["dimension_no"] == d["dimension_no"]
        ]
        assert sum(scores) == d["subtotal"]
    assert seed_golden["document"]["total_score"] == 874


@pytest.fixture(scope="module")
def tables(seed_outputs: Path) -> dict[str, pd.DataFrame]:
    names = ("documents", "dimensions", "items", "rows", "cells", "checks", "metrics", "row_units")
    return {n: pd.read_parquet(seed_outputs / n) for n in names}


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    out = []
    for rec in df[columns].to_dict("records"):
        clean = {}
        for k, v in rec.items():
            if hasattr(v, "tolist"):
                v = v.tolist()
            elif isinstance(v, float) and v.is_integer():
                v = int(v)
            clean[k] = None if v is pd.NA or (isinstance(v, float) and pd.isna(v)) else v
        out.append(clean)
    return out


def test_documents_row(tables: dict[str, pd.DataFrame], seed_golden: dict[str, Any]) -> None:
    docs = tables["documents"]
    assert len(docs) == 1
    got = _records(docs, list(seed_golden["document"]))[0]
    assert got == seed_golden["document"]
    row = docs.iloc[0]
    assert row["status"] == "ok" and row["input_kind"] == "text" and pd.isna(row["error"])
    assert row["source_sha256"].startswith(row["doc_id"]) and len(row["source_sha256"]) == 64


def test_every_dimension(tables: dict[str, pd.DataFrame], seed_golden: dict[str, Any]) -> None:
    cols = list(seed_golden["dimensions"][0])
    assert _records(tables["dimensions"], cols) == seed_golden["dimensions"]


def test_every_item(tables: dict[str, pd.DataFrame], seed_golden: dict[str, Any]) -> None:
    expected = [{k: v for k, v in i.items() if k != "cell_text"} for i in seed_golden["items"]]
    assert _records(tables["items"], list(expected[0])) == expected


def test_every_row_every_column(
    tables: dict[str, pd.DataFrame], seed_golden: dict[str, Any]
) -> None:
    cols = list(seed_golden["rows"][0])
    got = _records(tables["rows"].sort_values("row_no"), cols)
    assert len(got) == len(seed_golden["rows"]) == 48
    for g, e in zip(got, seed_golden["rows"], strict=True):
        assert g == e, f"row {e['row_no']}"


def test_every_check_passes(tables: dict[str, pd.DataFrame]) -> None:
    checks = tables["checks"]
    assert checks["passed"].all(), checks[~checks["passed"]].to_dict("records")
    subtotal_msgs = checks[checks["check"] == "subtotal_matches_items"]["message"].tolist()
    assert len(subtotal_msgs) == 5
    typos = checks[checks["check"] == "unit_typo"]["message"].tolist()
    assert typos == ["驗發證課 → 報驗發證課: strict substring of 報驗發證課 (17× vs 1×)"]


def test_cells_cover_every_row_on_its_pages(tables: dict[str, pd.DataFrame]) -> None:
    cells, rows = tables["cells"], tables["rows"]
    assert set(cells["row_no"]) == set(rows["row_no"])
    span = cells.groupby("row_no")["page"].agg(["min", "max"])
    merged = rows.set_index("row_no").join(span)
    assert (merged["page_start"] == merged["min"]).all()
    assert (merged["page_end"] == merged["max"]).all()
    assert set(cells["column"]) == {"item", "indicator", "sub", "units", "result"}


def test_duckdb_reads_the_tables(seed_outputs: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    q = f"""
        select d.dimension_no, d.name, d.subtotal, sum(i.score) as items
        from read_parquet('{seed_outputs}/dimensions/*.parquet') d
        join read_parquet('{seed_outputs}/items/*.parquet') i using (doc_id, dimension_no)
        group by all order by 1
    """
    got = duckdb.sql(q).fetchall()
    assert [(r[0], r[2]) for r in got] == [(1, 178), (2, 258), (3, 174), (4, 176), (5, 88)]
    assert all(r[2] == r[3] for r in got)


def test_metrics_point_into_the_results(seed_outputs: Path) -> None:
    rows = pd.read_parquet(seed_outputs / "rows").set_index("row_no")
    metrics = pd.read_parquet(seed_outputs / "metrics")
    assert len(metrics) > 100
    for m in metrics.itertuples():
        assert rows.loc[m.row_no, "result"][m.start : m.end] == m.text
    # facts read off the source by hand (row 24: 服務便捷性 2.(1); row 41: 內部同仁滿意度調查)
    facts = {(r.row_no, r.kind, r.value, r.unit) for r in metrics.itertuples()}
    assert {
        (24, "count", 50927.0, "批"),
        (24, "count", 50867.0, "批"),
        (24, "percent", 99.0, "%"),
    } <= facts
    assert (41, "score", 4.85, "分") in facts
    dates = set(metrics.loc[metrics["kind"] == "date", "date"])
    assert {"2017-10-27", "2018-05-28", "2018-06-01"} <= dates


def test_row_units_split_qualifiers_and_map_typos(seed_outputs: Path) -> None:
    units = pd.read_parquet(seed_outputs / "row_units")
    rows = pd.read_parquet(seed_outputs / "rows")
    assert len(units) == sum(len(u) for u in rows["units"])
    q = units[units["unit"] == "資訊小組(各單位)"].iloc[0]
    assert (q["unit_canonical"], q["qualifier"]) == ("資訊小組", "各單位")
    typo = units[units["unit"] == "驗發證課"].iloc[0]
    assert typo["unit_canonical"] == "報驗發證課" and "strict substring" in typo["mapping_reason"]
    assert units.loc[units["unit"] != "驗發證課", "mapping_reason"].isna().all()


def test_result_items_and_entities(seed_outputs: Path) -> None:
    rows = pd.read_parquet(seed_outputs / "rows").set_index("row_no")
    items = pd.read_parquet(seed_outputs / "result_items")
    row4 = items[items["row_no"] == 4]
    assert row4["marker"].tolist() == ["1.", "2."]
    for it in items.itertuples():
        assert it.text in rows.loc[it.row_no, "result"][it.start : it.end]
    ents = pd.read_parquet(seed_outputs / "entities")
    assert "線上書面審查系統" in set(ents["text"])
    for e in ents.itertuples():
        assert rows.loc[e.row_no, "result"][e.start : e.end] == e.text
