"""Sample outputs for the analysts' tools: the seed, an edited 'next year' copy, a PDF form.

The next-year copy is the seed with four edits made here, so the diff's expected
changes come from these edits, not from the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED, run_cli

PDF_FORM = REPO / "tests" / "fixtures" / "pdf" / "synthetic_landoffice_a4_merged.pdf"

# (old, new, count): each edit must occur exactly `count` times in the seed.
NEXT_YEAR_EDITS: tuple[tuple[str, str, int], ...] = (
    ("基隆分局 107年度提升", "基隆分局 108年度提升", 5),  # the title on every page
    ("得分：88 \n\n1.訂定申辦", "得分：90 \n\n1.訂定申辦", 1),  # item 1-1: 88 → 90
    ("小計        178       分", "小計        180       分", 1),  # dimension 1: 178 → 180
    ("率，確保於處理時限內完成。", "率，務求於處理時限內完成。", 1),  # row 2 reworded
    ("網路申辦計 50,867批。", "網路申辦計 52,000批。", 1),  # a count metric of row 27
)


def next_year_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new, count in NEXT_YEAR_EDITS:
        assert text.count(old) == count, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="session")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("analyst_src")
    shutil.copy(SEED, src / "seed_107.txt")
    (src / "seed_108.txt").write_text(next_year_text(), encoding="utf-8")
    shutil.copy(PDF_FORM, src / "landoffice_112.pdf")
    return src


@pytest.fixture(scope="session")
def analyst_out(sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three sample forms processed by the real CLI (absolute paths, so review finds them)."""
    out = tmp_path_factory.mktemp("analyst_out")
    proc = run_cli("run", sources, "--out", out, "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    return out
