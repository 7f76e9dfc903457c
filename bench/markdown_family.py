"""Markdown dumps of generated forms: render each with a PDF producer, convert the PDF with
pymupdf4llm, read the Markdown, and count outcomes as `make fuzz` does.

pymupdf4llm is no dependency of the project (it is AGPL): give the Python of a venv that
has it (`python -m venv /tmp/mu && /tmp/mu/bin/pip install pymupdf4llm`):

    python -m bench.markdown_family --python /tmp/mu/bin/python --producer chromium -n 25

A form read `ok` whose only differences are spaces (a Markdown dump keeps no space at a
line's end, and the converter adds some at glyph gaps) or the page count (a page holding
no table, notes only, shows in no Markdown dump without page rules) counts as "spaces or
pages only", apart from "silently wrong".  Each Markdown that is not exact is kept with
`--keep DIR`.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.family import document_to_form, judge, read
from tools.formgen.compare import diff_forms, unspaced
from tools.formgen.generate import generate
from tools.formgen.producers import PRODUCERS
from tools.render_lo import RenderError

CONVERT = (
    "import sys, pymupdf4llm\n"
    "sys.stdout.write(pymupdf4llm.to_markdown(sys.argv[1], show_progress=False))\n"
)
ORDER = ("exact", "flagged", "refused", "false alarm", "spaces or pages only", "silently wrong")


def to_markdown(python: str, pdf: bytes) -> bytes:
    """Given a Python with pymupdf4llm and a PDF's bytes, return its Markdown."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        proc = subprocess.run(
            [python, "-c", CONVERT, f.name], capture_output=True, check=True, timeout=900
        )
    return proc.stdout


def outcome(seed: int, rendered: Any) -> tuple[str, list[str]]:
    """Given a seed and its Markdown rendering, return its outcome and differences."""
    rt = judge(seed, rendered)
    if rt.outcome != "silently wrong":
        return rt.outcome, list(rt.differences)
    o = read(rendered)
    assert o.document is not None
    got = document_to_form(o.document, o.document.notes)
    diffs = diff_forms(unspaced(rendered.expected), unspaced(got))
    diffs = [d for d in diffs if not d.startswith("document.page_count")]
    return ("spaces or pages only" if not diffs else "silently wrong"), diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--python", required=True, help="a Python that has pymupdf4llm")
    ap.add_argument("--producer", default="chromium", help="the PDF producer")
    ap.add_argument("-n", type=int, default=25, help="forms")
    ap.add_argument("--start", type=int, default=30000, help="first seed")
    ap.add_argument("--keep", type=Path, help="write each Markdown that is not exact here")
    args = ap.parse_args(argv)
    counts: Counter[str] = Counter()
    t0 = time.perf_counter()
    for seed in range(args.start, args.start + args.n):
        try:
            pdf = PRODUCERS[args.producer](generate(seed), random.Random(seed))
        except RenderError as e:
            counts["render error"] += 1
            print(f"seed {seed}: render error: {str(e)[:200]}")
            continue
        md = to_markdown(args.python, pdf.data)
        rendered = replace(pdf, producer=f"{args.producer}+markdown", suffix=".md", data=md)
        result, diffs = outcome(seed, rendered)
        counts[result] += 1
        if result != "exact":
            print(f"seed {seed}: {result}: {'; '.join(diffs[:2])[:300]}", flush=True)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{args.producer}_{seed}.md").write_bytes(md)
    summary = " · ".join(f"{k} {counts[k]}" for k in (*ORDER, "render error"))
    print(
        f"{args.producer} → markdown: {args.n} forms in {time.perf_counter() - t0:.0f} s: {summary}"
    )
    return 1 if counts["silently wrong"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
