"""Run one PDF through the whole pipeline with two page backends and list every field that differs.

`python -m tools.compare_backends FILE.pdf... [--password PW]`: one line per
difference (table, row, column, the two values), then a summary; exit 1 when
any document differs.  `compare_outputs` is what tests/test_pdf_backends.py uses.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

from pipeline.models import SourceInfo
from pipeline.run import outcome_of, outcome_to_records

# Columns that depend on the run, not on the document.
VOLATILE = frozenset({"seconds", "processed_at", "timings", "peak_rss_mb", "pipeline_version"})


def records_of(
    data: bytes, name: str, backend: str, password: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Given PDF bytes, return every table's records as the pipeline would write them."""
    sha = hashlib.sha256(data).hexdigest()
    source = SourceInfo(name, sha, len(data), "pdf")
    return outcome_to_records(outcome_of(data, source, password=password, backend=backend))


def compare_outputs(
    data: bytes,
    name: str,
    password: str | None = None,
    reference: str = "pdfplumber",
    other: str = "pdfium",
) -> list[str]:
    """Given PDF bytes, return one line per field whose value differs between the two backends."""
    a = records_of(data, name, reference, password)
    b = records_of(data, name, other, password)
    diffs: list[str] = []
    for table in sorted(set(a) | set(b)):
        ra, rb = a.get(table, []), b.get(table, [])
        if len(ra) != len(rb):
            diffs.append(f"{name}: {table}: {len(ra)} rows with {reference}, {len(rb)} with {other}")
        for i, (x, y) in enumerate(zip(ra, rb, strict=False)):
            for col in sorted(set(x) | set(y)):
                if col in VOLATILE:
                    continue
                if x.get(col) != y.get(col):
                    diffs.append(f"{name}: {table}[{i}].{col}: {x.get(col)!r} != {y.get(col)!r}")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--password")
    args = ap.parse_args(argv)
    bad = 0
    for f in args.files:
        diffs = compare_outputs(f.read_bytes(), f.name, args.password)
        bad += bool(diffs)
        for line in diffs:
            sys.stdout.write(line + "\n")
        sys.stdout.write(f"{f.name}: {len(diffs)} differences\n")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
