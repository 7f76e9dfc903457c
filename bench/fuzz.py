"""`make fuzz N=5000`: generated forms through every producer; counts per outcome.

Prints exact / flagged / refused / false alarm / silently wrong per producer and
the first few seeds of every outcome but exact.  Exits 1 when any form came back
silently wrong.  A form the producer itself cannot render or locate (Chromium or
LibreOffice failing, a cell's text not found in the PDF: `RenderError`) counts as a
render error with its message, and the run goes on; `--keep DIR` writes every
rendering that is not exact as `<producer>_<seed>.pdf` + `.json` (the committed
fixtures' format, readable by `bench.pdf_family DIR`).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from tests.family import RoundTrip, judge
from tools.formgen.generate import generate
from tools.formgen.producers import PRODUCERS
from tools.render_lo import RenderError

ORDER = ("exact", "flagged", "refused", "false alarm", "silently wrong", "render error")


def keep(folder: Path, rt: RoundTrip) -> None:
    """Given a folder and a round trip, write its rendering and expected form there."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{rt.producer}_{rt.seed}"
    stem.with_suffix(rt.rendered.suffix).write_bytes(rt.rendered.data)
    text = json.dumps(rt.rendered.expected, ensure_ascii=False, indent=1)
    stem.with_suffix(".json").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=5000, help="seeds per producer")
    ap.add_argument("--start", type=int, default=0, help="first seed")
    ap.add_argument("--producer", action="append", help="only these producers")
    ap.add_argument("--show", type=int, default=3, help="reports shown per outcome")
    ap.add_argument("--keep", type=Path, help="write renderings that are not exact here")
    args = ap.parse_args(argv)
    names = args.producer or sorted(PRODUCERS)
    bad = 0
    for name in names:
        counts: Counter[str] = Counter()
        shown: dict[str, list[RoundTrip]] = defaultdict(list)
        t0 = time.perf_counter()
        for seed in range(args.start, args.start + args.n):
            try:
                rendered = PRODUCERS[name](generate(seed), random.Random(seed))
            except RenderError as e:
                counts["render error"] += 1
                print(f"seed {seed} via {name}: render error: {str(e)[:300]}")
                continue
            rt = judge(seed, rendered)
            counts[rt.outcome] += 1
            if args.keep and rt.outcome != "exact":
                keep(args.keep, rt)
            if rt.outcome != "exact" and len(shown[rt.outcome]) < args.show:
                shown[rt.outcome].append(rt)
            if rt.outcome == "silently wrong":  # at once: a long run may be stopped early
                print(f"seed {seed} via {name}: silently wrong", flush=True)
            if (seed - args.start + 1) % 500 == 0:
                print(f"  {name}: {seed - args.start + 1} forms, {dict(counts)}", file=sys.stderr)
        dt = time.perf_counter() - t0
        summary = " · ".join(f"{k} {counts[k]}" for k in ORDER)
        print(f"{name}: {args.n} forms in {dt:.0f} s: {summary}")
        for outcome in ORDER[1:-1]:
            for rt in shown[outcome]:
                print(rt.report())
        bad += counts["silently wrong"]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
