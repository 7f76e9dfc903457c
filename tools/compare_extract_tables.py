"""Compare pdfplumber's own `page.extract_tables()` with our PDF path on the committed fixtures.

pdfplumber runs twice: with its defaults (ruling lines) and with the "text"
strategy for both directions (what one would try on a table without rules).

`python -m tools.compare_extract_tables` prints, per fixture: the table rows
pdfplumber returns, how many of them are repeated header rows, how many are
pieces of a logical row cut by a page break, how many item / indicator cells
come back empty (merged cells are filled in only on their first row), and the
logical rows our pdf_to_stream → structure returns, beside the golden's count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pdfplumber

from pipeline.layout.pages import pdf_to_stream
from pipeline.structure import tokens_to_document
from tools.fixture_cases import FIXTURE_CASES

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
GOLDEN = ROOT / "tests" / "golden"
CASES = FIXTURE_CASES


TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def plumber_counts(pdf_path: Path, settings: dict[str, Any] | None = None) -> dict[str, int]:
    """Given a PDF, return counts over every row of every table `extract_tables()` finds."""
    rows = header = empty_merged = tables = subtotal = 0
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables(settings or {}):
                tables += 1
                for row in table:
                    rows += 1
                    text = "".join(c or "" for c in row)
                    if "評核項目" in text:
                        header += 1
                    elif text.replace(" ", "").startswith("小計"):
                        subtotal += 1
                    elif len(row) >= 2:
                        empty_merged += sum(1 for c in row[:2] if not (c or "").strip())
            page.close()
    return {
        "tables": tables,
        "rows": rows,
        "header_rows": header,
        "subtotal_rows": subtotal,
        "empty_item_or_indicator_cells": empty_merged,
    }


def main() -> int:
    out: dict[str, Any] = {}
    for stem, golden_name in CASES.items():
        pdf_path = FIXTURES / f"{stem}.pdf"
        golden = json.loads((GOLDEN / golden_name).read_text(encoding="utf-8"))
        pages = json.loads((FIXTURES / f"{stem}.pages.json").read_text(encoding="utf-8"))
        doc = tokens_to_document(pdf_to_stream(pdf_path.read_bytes()))
        split = sum(b - a for a, b in pages["rows"].values())
        counts = plumber_counts(pdf_path)
        counts["body_rows"] = counts["rows"] - counts["header_rows"] - counts["subtotal_rows"]
        text = plumber_counts(pdf_path, TEXT_STRATEGY)
        text["body_rows"] = text["rows"] - text["header_rows"] - text["subtotal_rows"]
        out[stem] = {
            "pages": pages["page_count"],
            "row_pieces_from_page_breaks": split,
            "pdfplumber": counts,
            "pdfplumber_text_strategy": text,
            "ours": {
                "logical_rows": len(doc.rows),
                "items": len(doc.items),
                "dimensions": len(doc.dimensions),
            },
            "golden": {"rows": len(golden["rows"]), "items": len(golden["items"])},
        }
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
