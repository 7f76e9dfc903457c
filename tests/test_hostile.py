"""Hostile and broken inputs: each stopped with a specific reason, the batch unharmed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium

from tests.conftest import SEED, run_cli


def blank_pdf(path: Path, pages: int) -> None:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    pdf.save(str(path))
    pdf.close()


def test_thousands_of_pages_stopped_by_the_page_limit(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    blank_pdf(src / "huge.pdf", 3000)
    (src / "good.txt").write_bytes(SEED.read_bytes())
    proc = run_cli("run", src, "--out", tmp_path / "out")
    assert proc.returncode == 1
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("source_path")
    huge = docs.loc[str(src / "huge.pdf")]
    assert huge["status"] == "failed" and huge["input_kind"] == "pdf"
    assert huge["error"] == "3000 pages; the limit is 1000 (see --max-pages)"
    assert docs.loc[str(src / "good.txt"), "status"] == "ok"
    assert "Traceback" not in proc.stderr
