"""The review page: fragments placed on their pages, text escaped, links between boxes and rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline.analyst.outputs import DocRef
from pipeline.analyst.review import (
    PageImage,
    PageText,
    ReviewData,
    check_rows,
    dump_pages,
    load_review,
    locate_fragments,
    owners,
    review_html,
    source_pages,
)
from pipeline.cli import main
from tests.conftest import SEED

HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>&amp;'


def test_every_seed_fragment_is_found_on_its_dump_page(analyst_out: Path) -> None:
    docs = pd.read_parquet(analyst_out / "documents")
    doc_id = docs[docs.source_path.str.endswith("seed_107.txt")].doc_id.item()
    cells = pd.read_parquet(analyst_out / "cells" / f"{doc_id}.parquet")
    pages = {p.page: p.text for p in dump_pages(SEED.read_bytes())}
    assert len(pages) == docs[docs.doc_id == doc_id].page_count.item()
    missing = []
    for page, group in cells.groupby("page"):
        spans = locate_fragments(pages[int(page)], list(group.text))
        for text, ss in zip(group.text, spans, strict=True):
            lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
            if len(ss) != len(lines):
                missing.append((page, text))
            for (s, e), line in zip(ss, lines, strict=False):
                assert pages[int(page)][s:e] == line
    assert not missing


def test_fragments_do_not_share_a_span() -> None:
    spans = locate_fragments("得分：88\n得分：88\n", ["得分：88", "得分：88", "得分：88"])
    assert spans == [[(0, 5)], [(6, 11)], []]


def _row(no: int, dim: int, item: int, ind: str, units: list[str]) -> dict[str, Any]:
    return {
        "row_no": no,
        "dimension_no": dim,
        "item_no": item,
        "indicator_no": "1",
        "indicator": ind,
        "sub_no": None,
        "sub_indicator": HOSTILE,
        "units": units,
        "result": HOSTILE,
    }


ROWS = (
    _row(1, 1, 1, "甲", ["秘書室"]),
    _row(2, 1, 1, "甲", ["驗發證課"]),
    _row(3, 1, 2, "乙", ["秘書室"]),
    _row(4, 2, 1, "丙", ["資訊室"]),
)


def test_cells_spanning_rows_belong_to_their_first_row() -> None:
    own = owners(ROWS)
    assert [own[(n, "item")] for n in (1, 2, 3, 4)] == [1, 1, 3, 4]
    assert [own[(n, "indicator")] for n in (1, 2, 3, 4)] == [1, 1, 3, 4]
    assert [own[(n, "result")] for n in (1, 2, 3, 4)] == [1, 2, 3, 4]


def test_checks_point_at_their_rows() -> None:
    def c(check: str, message: str) -> dict[str, Any]:
        return {"check": check, "message": message, "passed": False, "severity": "error"}

    assert check_rows(
        c("subtotal_matches_items", "構面1 基礎服務: 小計 178, items sum to 170"), ROWS
    ) == [1, 2, 3]
    assert check_rows(c("score_within_max", "構面1 item 2 乙: 95 of 90"), ROWS) == [3]
    assert check_rows(
        c("row_has_indicator", "rows without indicator or sub-indicator: 2, 4"), ROWS
    ) == [2, 4]
    assert check_rows(c("unit_typo", "驗發證課 → 報驗發證課: strict substring"), ROWS) == [2]
    assert check_rows(c("total_max", "dimension max points sum to 1000"), ROWS) == []


def hostile_review() -> str:
    """A review page of a document whose every text field carries markup."""
    doc = DocRef("0123456789abcdef", HOSTILE, "text", HOSTILE, 107, "partial")
    cells = tuple(
        {
            "row_no": r["row_no"],
            "column": "result",
            "page": 1,
            "x0": None,
            "top": None,
            "x1": None,
            "bottom": None,
            "text": HOSTILE,
        }
        for r in ROWS
    )
    data = ReviewData(
        doc=doc,
        document={
            "source_path": HOSTILE,
            "agency": HOSTILE,
            "roc_year": 107,
            "title": HOSTILE,
            "input_kind": "text",
            "status": "partial",
            "error": HOSTILE,
        },
        items=({"dimension_no": 1, "item_no": 1, "name": HOSTILE},),
        rows=ROWS,
        cells=cells,
        checks=(
            {"check": HOSTILE, "severity": "error", "passed": False, "message": HOSTILE},
            {
                "check": "subtotal_matches_items",
                "severity": "error",
                "passed": False,
                "message": "構面1 甲: 小計 178, items sum to 170",
            },
        ),
    )
    return review_html(data, [PageText(1, (HOSTILE + "\n") * 4)], note=HOSTILE)


def test_document_text_is_escaped_everywhere() -> None:
    page = hostile_review()
    assert page.count("<script") == 1  # the page's own
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp;amp;" in page  # an entity in the text stays text
    assert "Content-Security-Policy" in page and "script-src 'sha256-" in page


def test_review_all_writes_a_page_per_document_and_an_index(
    analyst_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    assert main(["review", "--all", "--html-dir", str(folder), "--out", str(analyst_out)]) == 0
    doc_ids = set(pd.read_parquet(analyst_out / "documents").doc_id)
    assert {p.stem for p in folder.glob("*.html")} == {*doc_ids, "index"}
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{d}.html"' in index for d in doc_ids)
    capsys.readouterr()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "seed_107.txt"], "--html"),
        (["review", "--html", "x.html"], "--html"),
        (["review", "--all"], "--html-dir"),
        (["review", "nope", "--html", "x.html"], "no document named"),
    ],
)
def test_review_usage_errors(
    analyst_out: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*args, "--out", str(analyst_out)]) == 2
    _, err = capsys.readouterr()
    assert message in err and "Traceback" not in err


def test_without_its_source_the_page_is_rebuilt_from_cells(
    analyst_out: Path, tmp_path: Path
) -> None:
    data = load_review(analyst_out, "landoffice_112.pdf")
    gone = replace(data, document={**data.document, "source_path": str(tmp_path / "moved.pdf")})
    pages, note = source_pages(gone, analyst_out)
    assert note is not None and "not found" in note and "cells table" in note
    assert all(isinstance(p, PageImage) and not p.data_uri for p in pages)
    page = review_html(gone, pages, note)
    assert page.count('class="box"') == len(data.cells) and "<img" not in page
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(b"%PDF-1.4 not the processed file")
    other = replace(data, document={**data.document, "source_path": str(changed)})
    assert "changed since it was processed" in (source_pages(other, analyst_out)[1] or "")
