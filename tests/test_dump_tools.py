"""Text dumps made by the common dump tools: read exactly, or refused with the tool named.

The round trip of `bench.fuzz` at a few seeds and one committed PDF fixture, per tool
(`make fuzz PRODUCERS="pdftotext pdftotext-layout pdfminer pdfplumber-text
pdfplumber-layout"` runs more).
"""

from __future__ import annotations

import functools
import logging
import random
from pathlib import Path

import pytest

from pipeline.models import SourceInfo
from pipeline.run import outcome_of, sha256_bytes
from tests.family import judge
from tools.formgen.generate import generate
from tools.formgen.model import Rendered
from tools.formgen.render_dumptools import DUMPS, dump_pdf, dumped, pdftotext_available
from tools.formgen.render_reportlab import fonts_available, render_reportlab

# What a refusal must name, per tool: the user learns which export to change.
NAMES = {
    "pdftotext": "pdftotext",
    "pdftotext-layout": "pdftotext -layout",
    "pdfminer": "pdfminer",
    "pdfplumber-text": "pdfplumber's extract_text",
    "pdfplumber-layout": "pdfplumber's extract_text(layout=True)",
}
FIXTURE = Path(__file__).parent / "fixtures" / "pdf" / "seed_a4_merged.pdf"


def _needs(tool: str) -> None:
    if tool.startswith("pdftotext") and not pdftotext_available():
        pytest.skip("pdftotext is not installed (make setup installs poppler-utils)")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


@functools.cache
def _rendered(seed: int) -> Rendered:
    """The seed's form rendered once by reportlab, for every tool to dump."""
    return render_reportlab(generate(seed), random.Random(seed))


@pytest.mark.parametrize("tool", sorted(DUMPS))
def test_generated_forms_dumped_by_each_tool_are_exact_or_refused_by_name(tool: str) -> None:
    _needs(tool)
    if not fonts_available():
        pytest.skip(
            "the arphic fonts reportlab embeds are not installed (make setup installs them when run as root)"
        )
    for seed in (7, 42):
        rt = judge(seed, dumped(tool, _rendered(seed)))
        assert rt.outcome in ("exact", "refused"), rt.report()
        if rt.outcome == "refused":
            assert rt.reason is not None and NAMES[tool] in rt.reason, rt.report()


@pytest.mark.parametrize("tool", sorted(DUMPS))
def test_a_fixture_pdf_dumped_by_each_tool_is_refused_by_name(tool: str) -> None:
    _needs(tool)
    text = dump_pdf(tool, FIXTURE.read_bytes())
    o = outcome_of(text, SourceInfo("form.txt", sha256_bytes(text), len(text), "text"))
    assert o.status == "failed" and o.error is not None and NAMES[tool] in o.error, o.error
