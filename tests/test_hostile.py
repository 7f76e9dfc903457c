"""Hostile and broken inputs: each stopped with a specific reason, the batch unharmed."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium
import pytest

from tests.conftest import REPO, SEED, SHARED, run_cli
from tests.pdfbuild import deep_nesting, flate_bomb, huge_image, self_referencing_form, text_pdf

FIXTURES = REPO / "tests" / "fixtures" / "pdf"
ENCRYPTED = SHARED / "realworld" / "b11_enc_password_test.pdf"


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


def _batch(tmp_path: Path, files: dict[str, bytes], *args: str) -> tuple[pd.DataFrame, str]:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for name, data in files.items():
        (src / name).write_bytes(data)
    (src / "good.txt").write_bytes(SEED.read_bytes())
    proc = run_cli("run", src, "--out", tmp_path / "out", *args)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    docs["name"] = [Path(p).name for p in docs["source_path"]]
    docs = docs.set_index("name")
    assert docs.loc["good.txt", "status"] == "ok"
    assert len(pd.read_parquet(tmp_path / "out" / "rows")) == 48
    return docs, proc.stderr


def test_bad_pdfs_each_get_a_specific_reason(tmp_path: Path) -> None:
    form = (FIXTURES / "synthetic_landoffice_a4_merged.pdf").read_bytes()
    files = {
        "zero.pdf": b"",
        "truncated.pdf": form[:1500],
        "random.pdf": os.urandom(20000),
        "letter.pdf": text_pdf(["Dear residents,", "The office opens at nine."]),
    }
    if ENCRYPTED.exists():  # ../shared/realworld: absent on a plain clone
        files["encrypted.pdf"] = ENCRYPTED.read_bytes()
    docs, stderr = _batch(tmp_path, files)
    reasons = docs["error"].to_dict()
    assert reasons["zero.pdf"].startswith("empty file (0 bytes)")
    assert reasons["random.pdf"].startswith("not a PDF: no %PDF- header")
    assert reasons["letter.pdf"].startswith("no evaluation table found")
    assert reasons["truncated.pdf"], "a truncated PDF needs a reason"
    if ENCRYPTED.exists():
        assert "password" in reasons["encrypted.pdf"]
    for name in ("zero.pdf", "truncated.pdf", "random.pdf", "letter.pdf"):
        assert docs.loc[name, "status"] == "failed"
        assert f"{name}: " in stderr


def test_encrypted_pdf_opens_with_its_password(tmp_path: Path) -> None:
    if not ENCRYPTED.exists():
        pytest.skip(f"{ENCRYPTED} not present (../shared/realworld)")
    src = tmp_path / "enc.pdf"
    src.write_bytes(ENCRYPTED.read_bytes())
    proc = run_cli("run", src, "--out", tmp_path / "out", "--password", "test")
    assert proc.returncode == 1
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    # the right password opens it: the reason is now about its content, not encryption
    assert "password" not in docs["error"].item()
    assert docs["error"].item().startswith("no evaluation table found")
    wrong = run_cli("run", src, "--out", tmp_path / "out2", "--password", "nope")
    assert wrong.returncode == 1 and "wrong password" in wrong.stderr


def test_decompression_bomb_is_stopped_by_a_limit(tmp_path: Path) -> None:
    docs, _ = _batch(
        tmp_path, {"bomb.pdf": flate_bomb(400)}, "--max-memory", "300", "--timeout", "60"
    )
    bomb = docs.loc["bomb.pdf"]
    assert bomb["status"] == "failed"
    assert any(
        s in bomb["error"]
        for s in (
            "memory limit exceeded",
            "time limit exceeded",
            "killed (out of memory?)",
            "no text layer",
        )
    ), bomb["error"]


def test_absurd_image_and_deep_nesting_and_self_drawing_forms(tmp_path: Path) -> None:
    docs, _ = _batch(
        tmp_path,
        {
            "image.pdf": huge_image(),
            "deep.pdf": deep_nesting(50000),
            "cycle.pdf": self_referencing_form(),
        },
        "--timeout",
        "60",
    )
    for name in ("image.pdf", "deep.pdf", "cycle.pdf"):
        assert docs.loc[name, "status"] == "failed"
        assert "internal error" not in docs.loc[name, "error"], docs.loc[name, "error"]
    # the 40-gigapixel image is never decoded whole: pdfium renders the page at 150 dpi for OCR
    assert (
        docs.loc["image.pdf", "error"]
        == "no text layer, and OCR read no text either (pages read by OCR: 1)"
    )
    assert docs.loc["cycle.pdf", "error"].startswith("p1: ")
