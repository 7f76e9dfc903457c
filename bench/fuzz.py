"""`make fuzz N=5000`: generated forms through every producer; counts per outcome.

Prints exact / flagged / refused / false alarm / silently wrong per producer and
the first few seeds of every outcome but exact.  Exits 1 when any form came back
silently wrong.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict

from tests.family import RoundTrip, round_trip
from tools.formgen.producers import PRODUCERS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=5000, help="seeds per producer")
    ap.add_argument("--start", type=int, default=0, help="first seed")
    ap.add_argument("--producer", action="append", help="only these producers")
    ap.add_argument("--show", type=int, default=3, help="reports shown per outcome")
    args = ap.parse_args(argv)
    names = args.producer or sorted(PRODUCERS)
    bad = 0
    for name in names:
        counts: Counter[str] = Counter()
        shown: dict[str, list[RoundTrip]] = defaultdict(list)
        t0 = time.perf_counter()
        for seed in range(args.start, args.start + args.n):
            rt = round_trip(seed, PRODUCERS[name])
            counts[rt.outcome] += 1
            if rt.outcome != "exact" and len(shown[rt.outcome]) < args.show:
                shown[rt.outcome].append(rt)
            if (seed - args.start + 1) % 500 == 0:
                print(f"  {name}: {seed - args.start + 1} forms, {dict(counts)}", file=sys.stderr)
        dt = time.perf_counter() - t0
        order = ("exact", "flagged", "refused", "false alarm", "silently wrong")
        summary = " · ".join(f"{k} {counts[k]}" for k in order)
        print(f"{name}: {args.n} forms in {dt:.0f} s: {summary}")
        for outcome in order[1:]:
            for rt in shown[outcome]:
                print(rt.report())
        bad += counts["silently wrong"]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
