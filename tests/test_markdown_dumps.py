"""Markdown dumps of the PDF fixtures (tests/fixtures/markdown): read as the PDF reads, or
`partial` with the check that says why."""

from __future__ import annotations

import random
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


def test_mutated_markdown_dumps_end_with_a_status_never_an_internal_error() -> None:
    # Random edits of a committed dump (pipes, breaks, rules, form feeds, 小計 inserted;
    # characters dropped, swapped or replaced): each reads or fails with a reason.  A table
    # of separator rows alone ("|---|---|") had raised IndexError.
    base = (FIXTURES / "markdown" / "synthetic_landoffice_a4_merged.md").read_text()
    rng = random.Random(5)
    pieces = ["|", "<br>", "\n", "\\", "*", "#", "---", "小計", "(1)", "\f", "\n|---|---|\n"]
    for _ in range(40):
        text = list(base)
        for _ in range(rng.randint(1, 40)):
            i = rng.randrange(len(text))
            op = rng.random()
            if op < 0.3:
                del text[i]
            elif op < 0.6:
                text.insert(i, rng.choice(pieces))
            elif op < 0.8:
                text[i] = rng.choice("|-\n 得分：0123")
            else:
                j = rng.randrange(len(text))
                text[i], text[j] = text[j], text[i]
        data = "".join(text).encode()
        o = outcome_of(data, SourceInfo("form.md", sha256_bytes(data), len(data), "text"))
        assert o.error is None or "internal error" not in o.error, o.error
