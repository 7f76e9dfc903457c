"""Markdown dumps of the PDF fixtures (tests/fixtures/markdown): read as the PDF reads, or
`partial` with the check that says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.models import SourceInfo
from pipeline.run import outcome_of, sha256_bytes
from tests.family import document_to_form

FIXTURES = Path(__file__).parent / "fixtures"


def _read(path: Path, kind: str) -> tuple[str, set[str], dict[str, object]]:
    data = path.read_bytes()
    o = outcome_of(data, SourceInfo(path.name, sha256_bytes(data), len(data), kind))
    assert o.document is not None, o.error
    form = document_to_form(o.document, None)
    failed = {c.check for c in o.checks if not c.passed}
    return o.status, failed, {t: form[t] for t in ("document", "dimensions", "items", "rows")}


@pytest.mark.parametrize(
    "name",
    [
        "seed_a4_merged",
        "synthetic_landoffice_a4_merged",
        # `to_markdown(page_separators=True)`: "--- end of page.page_number=1 ---" lines.
        "synthetic_landoffice_a4_merged.separators",
    ],
)
def test_a_markdown_dump_reads_as_its_pdf(name: str) -> None:
    status, failed, read = _read(FIXTURES / "markdown" / f"{name}.md", "text")
    assert status == "ok", failed
    _, _, truth = _read(FIXTURES / "pdf" / f"{name.split('.')[0]}.pdf", "pdf")
    for table in ("document", "dimensions", "items", "rows"):
        assert read[table] == truth[table], table


def test_columns_the_converter_merged_are_said() -> None:
    path = FIXTURES / "markdown" / "synthetic_landoffice_landscape_repeated.md"
    status, failed, _ = _read(path, "text")
    assert status == "partial" and "markdown_columns_merged" in failed, failed
