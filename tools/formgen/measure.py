"""Exact / flagged / silently wrong per producer: `python -m tools.formgen.measure [DIR...]`.

Reads every `<producer>_<seed>.pdf` + `.json` pair in the folders given (default:
the committed `tests/fixtures/formgen`), plus live reportlab renderings of
`--reportlab N` forms, runs each through the whole pipeline and compares it with
the producer's expected form (`compare.classify`).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from pipeline.models import SourceInfo
from pipeline.run import outcome_of, sha256_bytes
from tools.formgen.compare import classify
from tools.formgen.fixtures import OUT, form_source


def judge(data: bytes, expected: dict[str, object]) -> tuple[str, list[str], str]:
    src = SourceInfo("x.pdf", sha256_bytes(data), len(data), "pdf")
    o = outcome_of(data, src)
    kind, diffs = classify(o.status, o.document, expected)
    return kind, diffs, o.error or ""


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("dirs", nargs="*", type=Path, default=[OUT])
    ap.add_argument("--reportlab", type=int, default=20, help="live reportlab forms (seeds 1..N)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for folder in args.dirs:
        for pdf in sorted(folder.glob("*.pdf")):
            producer = pdf.stem.rsplit("_", 1)[0]
            expected = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
            kind, diffs, err = judge(pdf.read_bytes(), expected)
            tally[producer][kind] += 1
            if args.verbose and kind != "exact":
                print(f"{pdf.name}: {kind} {err[:100]} | {'; '.join(diffs[:3])[:300]}")
    if args.reportlab:
        from tools.formgen.render_reportlab import render_reportlab

        _, make = form_source()
        for seed in range(1, args.reportlab + 1):
            r = render_reportlab(make(seed), random.Random(seed))
            kind, diffs, err = judge(r.data, r.expected)
            tally["reportlab"][kind] += 1
            if args.verbose and kind != "exact":
                print(f"reportlab {seed}: {kind} {err[:100]} | {'; '.join(diffs[:3])[:300]}")
    for producer, c in sorted(tally.items()):
        n = sum(c.values())
        print(
            f"{producer:12} {n:3} forms: exact {c['exact']:3} ({100 * c['exact'] / n:.0f}%), "
            f"flagged {c['flagged']:3}, silently wrong {c['wrong']:3}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
