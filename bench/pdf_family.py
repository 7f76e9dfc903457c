"""`make measure-formgen`: outcomes per PDF producer on the committed renderings plus live ones.

Reads every `<producer>_<seed>.pdf` + `.json` pair in the folders given (default:
the committed `tests/fixtures/formgen`), plus `--reportlab N` live reportlab
renderings of generated forms, runs each through the whole pipeline and classifies
it against the producer's expected form (`tools.formgen.compare.classify`: exact /
flagged / refused / false alarm / silently wrong).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.family import document_to_form, read
from tools.formgen.compare import classify, diff_forms
from tools.formgen.fixtures import OUT, form_source
from tools.formgen.model import Rendered

ORDER = ("exact", "flagged", "refused", "false alarm", "silently wrong")


def judge(rendered: Rendered) -> tuple[str, list[str], str]:
    """Given a rendering, return its outcome class, the differences and the pipeline's reason."""
    o = read(rendered)
    if o.document is None:
        diffs = ["no document"]
    else:
        diffs = diff_forms(rendered.expected, document_to_form(o.document, o.document.notes))
    return classify(o.status, diffs, o.error), diffs, o.error or ""


def committed(folder: Path) -> list[tuple[str, Rendered]]:
    out = []
    for pdf in sorted(folder.glob("*.pdf")):
        producer = pdf.stem.rsplit("_", 1)[0]
        expected: dict[str, Any] = json.loads(pdf.with_suffix(".json").read_text("utf-8"))
        out.append((pdf.name, Rendered(producer, ".pdf", pdf.read_bytes(), expected)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("dirs", nargs="*", type=Path, default=[OUT])
    ap.add_argument("--reportlab", type=int, default=20, help="live reportlab forms (seeds 1..N)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    cases = [c for folder in args.dirs for c in committed(folder)]
    if args.reportlab:
        from tools.formgen.render_reportlab import render_reportlab

        _, make = form_source()
        cases += [
            (f"reportlab seed {s}", render_reportlab(make(s), random.Random(s)))
            for s in range(1, args.reportlab + 1)
        ]
    for name, rendered in cases:
        kind, diffs, err = judge(rendered)
        tally[rendered.producer][kind] += 1
        if args.verbose and kind != "exact":
            print(f"{name}: {kind} {err[:100]} | {'; '.join(diffs[:3])[:300]}")
    for producer, c in sorted(tally.items()):
        n = sum(c.values())
        counts = ", ".join(f"{k} {c[k]}" for k in ORDER)
        print(f"{producer:12} {n:3} forms: {counts} (exact {100 * c['exact'] / n:.0f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
