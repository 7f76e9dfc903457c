"""Run PDFs through the whole pipeline with two page backends and list every field that differs.

`python -m tools.compare_backends FILE.pdf... [--password PW]`: one line per
difference (file, table, row, column, the two values), then a count per file;
exit 1 when any file differs.  `compare_outputs` is what
tests/test_pdf_backends.py and bench/ use.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.extract.backends import REFERENCE_BACKEND
from pipeline.models import SourceInfo
from pipeline.run import outcome_of, outcome_to_records


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One output field whose value depends on the backend."""

    table: str
    row: int  # -1: the tables have different row counts (a and b are the counts)
    column: str
    a: Any
    b: Any

    def __str__(self) -> str:
        return f"{self.table}[{self.row}].{self.column}: {self.a!r} != {self.b!r}"


def records_of(
    data: bytes, name: str, backend: str, password: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Given PDF bytes, return every table's records as the pipeline would write them."""
    source = SourceInfo(name, hashlib.sha256(data).hexdigest(), len(data), "pdf")
    return outcome_to_records(outcome_of(data, source, password=password, backend=backend))


def compare_outputs(
    data: bytes,
    name: str,
    password: str | None = None,
    reference: str = REFERENCE_BACKEND,
    other: str = "pdfium",
) -> list[FieldDiff]:
    """Given PDF bytes, return every field whose value differs between the two backends."""
    a = records_of(data, name, reference, password)
    b = records_of(data, name, other, password)
    diffs: list[FieldDiff] = []
    for table in sorted(set(a) | set(b)):
        ra, rb = a.get(table, []), b.get(table, [])
        if len(ra) != len(rb):
            diffs.append(FieldDiff(table, -1, "rows", len(ra), len(rb)))
        for i, (x, y) in enumerate(zip(ra, rb, strict=False)):
            diffs += [
                FieldDiff(table, i, col, x.get(col), y.get(col))
                for col in sorted(set(x) | set(y))
                if x.get(col) != y.get(col)
            ]
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
        sys.stdout.writelines(f"{f.name}: {d}\n" for d in diffs)
        sys.stdout.write(f"{f.name}: {len(diffs)} differences\n")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
