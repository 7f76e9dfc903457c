"""Every committed PDF fixture through every common dump tool: read exactly, or refused by name.

`python -m bench.dump_tools` dumps each `tests/fixtures/pdf/*.pdf` with each tool of
`tools.formgen.render_dumptools.DUMPS` (pdftotext, pdftotext -layout, pdfminer, pdfplumber's
extract_text and extract_text(layout=True)), reads the dump as a text input and prints one
line per pair: `exact` (status ok, and dimensions, items and rows equal to what the PDF
itself reads), `spaces only` (ok, and equal once whitespace is left out: a space one of
the two readings lost where LibreOffice drew none, or the tool printed or dropped one,
see README "Text dumps"), `refused` (failed, the reason naming the tool), `flagged`
(partial, the failed checks named), or `silently wrong` / `refused without the tool's
name` — the two outcomes that must not happen.  Exits 1 when any pair ends so.  Generated forms through the
same tools: `python -m bench.fuzz --producer pdftotext …` (`make fuzz`).  `make test` runs a
sample of both (`tests/test_dump_tools.py`); the whole matrix takes about half a minute.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Literal

from pipeline.models import SourceInfo
from pipeline.run import outcome_of, sha256_bytes
from tests.family import document_to_form
from tools.formgen.compare import unspaced
from tools.formgen.render_dumptools import DUMPS, TOOL_NAMES, dump_pdf, pdftotext_available

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pdf"
BAD = ("silently wrong", "refused without the tool's name")


def tables(
    data: bytes, kind: Literal["text", "pdf"]
) -> tuple[str, str | None, list[str], dict[str, object]]:
    """Given an input and its kind, return its status, error, failed checks and tables."""
    o = outcome_of(data, SourceInfo(f"form.{kind}", sha256_bytes(data), len(data), kind))
    failed = [c.check for c in o.checks if not c.passed and c.severity == "error"]
    if o.document is None:
        return o.status, o.error, failed, {}
    form = document_to_form(o.document, None)
    return o.status, o.error, failed, {t: form[t] for t in ("dimensions", "items", "rows")}


def judge(tool: str, pdf: Path) -> tuple[str, str]:
    """Given a tool and a fixture, return the outcome of its dump and a note."""
    status, error, failed, read = tables(dump_pdf(tool, pdf.read_bytes()), "text")
    if status == "failed" and not read:
        named = error is not None and TOOL_NAMES[tool] in error
        return ("refused" if named else BAD[1]), (error or "")[:100]
    if status != "ok":
        return "flagged", ", ".join(failed) or (error or "")[:100]
    _, _, _, truth = tables(pdf.read_bytes(), "pdf")
    if read == truth:
        return "exact", ""
    differ = [t for t in read if read[t] != truth[t]]
    if all(unspaced(read[t]) == unspaced(truth[t]) for t in differ):
        return "spaces only", "differs from the PDF's reading in spaces: " + ", ".join(differ)
    return BAD[0], "differs from the PDF's reading in " + ", ".join(differ)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tool", action="append", choices=sorted(DUMPS), help="only these tools")
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    tools = args.tool or sorted(DUMPS)
    if not pdftotext_available():
        tools = [t for t in tools if not t.startswith("pdftotext")]
        print("pdftotext is not installed (make setup installs poppler-utils): skipped")
    counts: Counter[tuple[str, str]] = Counter()
    start = time.perf_counter()
    for pdf in sorted(FIXTURES.glob("*.pdf")):
        for tool in tools:
            outcome, note = judge(tool, pdf)
            counts[tool, outcome] += 1
            print(f"{pdf.stem:42} {tool:18} {outcome:16} {note}", flush=True)
    print(f"\n{time.perf_counter() - start:.0f} s")
    for tool in tools:
        row = " · ".join(f"{o} {n}" for (t, o), n in sorted(counts.items()) if t == tool)
        print(f"{tool}: {row}")
    return 1 if any(o in BAD for _, o in counts) else 0


if __name__ == "__main__":
    sys.exit(main())
