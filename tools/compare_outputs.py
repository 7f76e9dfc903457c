"""Check that a change to the pipeline leaves its outputs value-for-value identical.

Three steps, each a subcommand:

    python -m tools.compare_outputs inputs DIR [--forms 50] [--no-realworld]
    python -m tools.compare_outputs run DIR OUT [--workers 2] [--backend LIB]
    python -m tools.compare_outputs compare BASE OUT

`inputs` writes the input set once: the seed (`../shared/seeds/*.txt`, if present),
every committed fixture PDF (`tests/fixtures/pdf`, `tests/fixtures/formgen`),
`--forms` generated forms each rendered by `render_textdump` and `render_reportlab`
(`tools.formgen`, seeds 1000…; reportlab is skipped without the arphic fonts), and the
hostile PDFs of `../shared/realworld` (broken, encrypted, rotated: they exercise the
error paths). Both runs must read the same input files: generated PDFs are
deterministic, but the check should not depend on it.

`run` processes DIR with the `evaltable` CLI of a checkout (`python -m pipeline run`
in `--repo`, by default this one; a subprocess, so it works on any commit, e.g. a
`git archive` of the commit before a change) into OUT.

`compare` reads both output folders and compares every Parquet table of every
document row for row and value for value, and the ledger entry of every input. Ignored,
because they describe the run and not the document: `documents.pipeline_version`, and
the ledger's `finished_at`, `seconds`, `peak_rss_mb` and `pipeline_version`. Nothing
else is ignored. It also counts the Parquet files that are byte-for-byte equal. Exit 0
when nothing differs, 1 otherwise; differences are listed (at most `--limit`).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURE_DIRS = (ROOT / "tests" / "fixtures" / "pdf", ROOT / "tests" / "fixtures" / "formgen")
FIRST_FORM_SEED = 1000

# Values that describe the run, not the document (table -> columns).
IGNORED: dict[str, frozenset[str]] = {
    "documents": frozenset({"pipeline_version"}),
    "_ledger": frozenset({"finished_at", "seconds", "peak_rss_mb", "pipeline_version"}),
}


def _copy_inputs(target: Path, realworld: bool) -> int:
    n = 0
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
    sources: list[tuple[str, Path]] = [("seed", p) for p in seeds]
    for d in FIXTURE_DIRS:
        sources += [(f"fixtures/{d.name}", p) for p in sorted(d.glob("*.pdf"))]
    if realworld and (SHARED / "realworld").is_dir():
        sources += [("realworld", p) for p in sorted((SHARED / "realworld").glob("*.pdf"))]
    for sub, path in sources:
        (target / sub).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / sub / path.name)
        n += 1
    return n


def _generate_inputs(target: Path, forms: int) -> int:
    from tools.formgen.generate import generate
    from tools.formgen.render_reportlab import fonts_available, render_reportlab
    from tools.formgen.render_textdump import render_textdump

    producers = [render_textdump] + ([render_reportlab] if fonts_available() else [])
    if len(producers) == 1:
        print("arphic fonts missing: generated forms rendered as text dumps only")
    (target / "generated").mkdir(parents=True, exist_ok=True)
    n = 0
    for seed in range(FIRST_FORM_SEED, FIRST_FORM_SEED + forms):
        form = generate(seed)
        for producer in producers:
            rendered = producer(form, random.Random(seed))
            name = f"form_{seed}_{rendered.producer}{rendered.suffix}"
            (target / "generated" / name).write_bytes(rendered.data)
            n += 1
    return n


def make_inputs(target: Path, forms: int, realworld: bool) -> None:
    if target.exists():
        raise SystemExit(f"{target} exists: inputs are written once and reused")
    target.mkdir(parents=True)
    copied = _copy_inputs(target, realworld)
    generated = _generate_inputs(target, forms)
    manifest = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(target)}\n"
        for p in sorted(target.rglob("*"))
        if p.is_file()
    ]
    (target.parent / f"{target.name}.sha256").write_text("".join(manifest), encoding="utf-8")
    print(f"{copied} copied and {generated} generated inputs in {target}")


def run_pipeline(
    inputs: Path, out: Path, workers: int, backend: str | None, repo: Path = ROOT
) -> int:
    if out.exists():
        raise SystemExit(f"{out} exists: give a new folder")
    inputs, out = inputs.resolve(), out.resolve()  # the run's working folder is `repo`
    argv = [sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out)]
    argv += ["--workers", str(workers), "--quiet"]
    if backend:
        argv += ["--backend", backend]
    done = subprocess.run(argv, cwd=repo, check=False)
    print(f"evaltable exited {done.returncode}; tables in {out}")
    return 0 if done.returncode in (0, 1) else done.returncode


# --- comparing ---------------------------------------------------------------------------


@dataclass
class Report:
    tables: int = 0  # Parquet files compared
    byte_equal: int = 0
    rows: int = 0
    documents: set[str] = field(default_factory=set)
    ledger_entries: int = 0
    diffs: list[str] = field(default_factory=list)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and bool(a == b)


def _compare_rows(
    where: str, ra: list[dict[str, Any]], rb: list[dict[str, Any]], ignored: frozenset[str]
) -> Iterator[str]:
    if len(ra) != len(rb):
        yield f"{where}: {len(ra)} rows != {len(rb)} rows"
    for i, (x, y) in enumerate(zip(ra, rb, strict=False)):
        for col in sorted((set(x) | set(y)) - ignored):
            if col not in x or col not in y:
                yield f"{where}[{i}]: column {col} only in one"
            elif not _same(x[col], y[col]):
                yield f"{where}[{i}].{col}: {x[col]!r} != {y[col]!r}"


def _parquet_files(out: Path) -> set[str]:
    return {str(p.relative_to(out)) for p in out.glob("*/*.parquet")}


def compare_tables(a: Path, b: Path, report: Report) -> None:
    import pyarrow.parquet as pq

    fa, fb = _parquet_files(a), _parquet_files(b)
    report.diffs += [f"{f}: only in {a}" for f in sorted(fa - fb)]
    report.diffs += [f"{f}: only in {b}" for f in sorted(fb - fa)]
    for f in sorted(fa & fb):
        table = f.split("/", 1)[0]
        ta, tb = pq.read_table(a / f), pq.read_table(b / f)
        report.tables += 1
        report.documents.add(Path(f).stem)
        report.byte_equal += (a / f).read_bytes() == (b / f).read_bytes()
        report.rows += ta.num_rows
        if ta.schema != tb.schema or ta.schema.metadata != tb.schema.metadata:
            report.diffs.append(f"{f}: schemas differ:\n{ta.schema}\n!=\n{tb.schema}")
        ignored = IGNORED.get(table, frozenset())
        report.diffs += _compare_rows(f, ta.to_pylist(), tb.to_pylist(), ignored)


def _ledger(out: Path) -> dict[str, dict[str, Any]]:
    db = sqlite3.connect(f"{(out / '_ledger.sqlite').resolve().as_uri()}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        return {r["path"]: dict(r) for r in db.execute("select * from inputs")}
    finally:
        db.close()


def compare_ledgers(a: Path, b: Path, report: Report) -> None:
    la, lb = _ledger(a), _ledger(b)
    report.diffs += [f"ledger: {p} only in {a}" for p in sorted(la.keys() - lb.keys())]
    report.diffs += [f"ledger: {p} only in {b}" for p in sorted(lb.keys() - la.keys())]
    for path in sorted(la.keys() & lb.keys()):
        report.ledger_entries += 1
        report.diffs += _compare_rows(f"ledger {path}", [la[path]], [lb[path]], IGNORED["_ledger"])


def compare(a: Path, b: Path, limit: int) -> int:
    report = Report()
    compare_tables(a, b, report)
    compare_ledgers(a, b, report)
    for line in report.diffs[:limit]:
        print(line)
    if len(report.diffs) > limit:
        print(f"… and {len(report.diffs) - limit} more")
    print(
        f"{report.ledger_entries} inputs, {len(report.documents)} documents, "
        f"{report.tables} Parquet tables ({report.rows} rows) compared; "
        f"{report.byte_equal} files byte-identical; {len(report.diffs)} differences"
    )
    return 1 if report.diffs or not report.tables else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tools.compare_outputs", description=__doc__.split("\n\n")[0]
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("inputs", help="write the input set once")
    p.add_argument("dir", type=Path)
    p.add_argument("--forms", type=int, default=50)
    p.add_argument("--no-realworld", action="store_true")
    p = sub.add_parser("run", help="run this checkout's pipeline on the inputs")
    p.add_argument("inputs", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--backend")
    p.add_argument("--repo", type=Path, default=ROOT, help="checkout whose pipeline runs")
    p = sub.add_parser("compare", help="compare two output folders")
    p.add_argument("a", type=Path)
    p.add_argument("b", type=Path)
    p.add_argument("--limit", type=int, default=50)
    args = ap.parse_args(argv)
    if args.cmd == "inputs":
        make_inputs(args.dir, args.forms, not args.no_realworld)
        return 0
    if args.cmd == "run":
        return run_pipeline(args.inputs, args.out, args.workers, args.backend, args.repo)
    return compare(args.a, args.b, args.limit)


if __name__ == "__main__":
    raise SystemExit(main())
