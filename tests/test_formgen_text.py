"""Generated forms saved as text by LibreOffice Writer (`tools.formgen.render_export`).

The committed exports (`tests/fixtures/formgen_text/libreoffice-text_<seed>.txt`, with the
generated form as expected, every page field 1; `python -m tools.formgen.render_export`)
are read through the whole pipeline: each must come back exactly, and say so.  They cover
merged and unmerged indicator cells, empty units and results cells, points printed on an
item's name line (15), a 具體作法與成果 header (5, 121), notes after the last 小計 (2, 121),
item names, indicators and sub-indicators broken by hand (1, 121), and a sub-indicator's
first line under a one-line indicator that the document opens a cell with after a marker
elsewhere (2258: flagged as reading two ways before), and a sub-indicator's first line that
opens a bracket its second closes (2622: it could read as the indicator's second line; flagged
as reading two ways before), and an indicator whose next line could open the sub-indicator
or go on the indicator, where other rows print "提供預約服務" and the sub-indicator whole
(2822: flagged as reading two ways before).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.models import SourceInfo
from pipeline.run import outcome_of, sha256_bytes
from tests.family import document_to_form
from tools.formgen.compare import diff_forms

EXPORTS = sorted((Path(__file__).resolve().parent / "fixtures" / "formgen_text").glob("*.txt"))


def test_the_exports_are_committed() -> None:
    assert len(EXPORTS) >= 5


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.stem)
def test_a_text_export_reads_exactly(path: Path) -> None:
    data = path.read_bytes()
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    outcome = outcome_of(data, SourceInfo(path.name, sha256_bytes(data), len(data), "text"))
    assert outcome.document is not None, outcome.error
    assert diff_forms(expected, document_to_form(outcome.document, outcome.document.notes)) == []
    assert outcome.status == "ok", outcome.error
