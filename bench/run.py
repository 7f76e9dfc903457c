"""Batch benchmark: pages per second serial, with a process pool, and on a Dask LocalCluster.

Usage: `python -m bench.run [--forms 200] [--skip-dask]` (or `make bench`).  Builds an
archive of rendered forms under bench/results/archive (copies of the committed
fixture PDFs, each made unique by a trailing PDF comment), then times:

* baseline: pdfium's own text extraction of every page, in this process — the
  floor any PDF pipeline pays, measured in the same run so ratios are comparable
  across machines;
* evaltable with --workers 1, --workers 2, and a 2-worker Dask LocalCluster;
* a no-op re-run (every input skipped by the ledger);
* peak memory per worker (ru_maxrss reported by each document's child).

Prints a table and writes bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "pdf"
RESULTS = REPO / "bench" / "results"


def build_archive(n: int, folder: Path, pattern: str) -> tuple[int, int]:
    """Given a count, write n unique form PDFs into folder; return (files, pages)."""
    import pypdfium2 as pdfium

    sources = sorted(FIXTURES.glob(pattern))
    if not sources:
        raise SystemExit(f"no fixture PDFs in {FIXTURES}")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    pages = 0
    counts = {}
    for src in sources:
        pdf = pdfium.PdfDocument(str(src))
        counts[src] = len(pdf)
        pdf.close()
    for i in range(n):
        src = sources[i % len(sources)]
        data = src.read_bytes() + f"\n%evaltable-bench copy {i}\n".encode()
        (folder / f"form_{i:04d}.pdf").write_bytes(data)
        pages += counts[src]
    return n, pages


def baseline_pdfium(folder: Path) -> tuple[float, int]:
    """Given the archive, return (seconds, pages) for pdfium text extraction of every page."""
    import pypdfium2 as pdfium

    t0 = time.perf_counter()
    pages = 0
    for p in sorted(folder.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(p))
        for page in pdf:
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
            pages += 1
        pdf.close()
    return time.perf_counter() - t0, pages


def run_cli(args: list[str]) -> tuple[float, dict[str, object]]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", *args, "--json", "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"evaltable failed ({proc.returncode}):\n{proc.stderr}")
    summary: dict[str, object] = json.loads(proc.stdout)
    return seconds, summary


def peak_rss(out: Path) -> float:
    import sqlite3

    db = sqlite3.connect(out / "_ledger.sqlite")
    (value,) = db.execute("select max(peak_rss_mb) from inputs").fetchone()
    db.close()
    return float(value or 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--forms", type=int, default=200)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-local", action="store_true", help="only the Dask configuration")
    ap.add_argument(
        "--fixtures",
        default="seed_*.pdf",
        help="fixture PDFs to copy (default: the 22-24 page seed renderings)",
    )
    args = ap.parse_args()

    archive = RESULTS / "archive"
    files, pages = build_archive(args.forms, archive, args.fixtures)
    print(f"archive: {files} forms, {pages} pages in {archive}")
    base_s, base_pages = baseline_pdfium(archive)
    rows = [("pdfium text extraction (baseline, 1 process)", base_s, base_pages / base_s, None)]

    configs: list[tuple[str, list[str]]] = []
    if not args.skip_local:
        configs += [
            ("evaltable --workers 1", ["--workers", "1"]),
            ("evaltable --workers 2", ["--workers", "2"]),
        ]
    cluster = None
    if not args.skip_dask:
        from distributed import LocalCluster

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        configs.append(
            ("evaltable --dask (LocalCluster, 2 workers)", ["--dask", cluster.scheduler_address])
        )
    results: dict[str, object] = {
        "forms": files,
        "pages": pages,
        "baseline_pages_per_s": base_pages / base_s,
    }
    try:
        for name, extra in configs:
            out = RESULTS / "out"
            shutil.rmtree(out, ignore_errors=True)
            seconds, summary = run_cli([str(archive), "--out", str(out), *extra])
            rate = pages / seconds
            rows.append((name, seconds, rate, peak_rss(out)))
            results[name] = {
                "seconds": seconds,
                "pages_per_s": rate,
                "counts": summary["counts"],
                "peak_rss_mb": peak_rss(out),
            }
            if name.endswith("--workers 2"):
                noop_s, noop = run_cli([str(archive), "--out", str(out), "--workers", "2"])
                rows.append(("no-op re-run (all skipped)", noop_s, None, None))
                results["noop"] = {"seconds": noop_s, "counts": noop["counts"]}
    finally:
        if cluster is not None:
            cluster.close()

    print(f"\n{'configuration':<46} {'seconds':>8} {'pages/s':>8} {'vs pdfium':>9} {'peak MB':>8}")
    for name, seconds, rate, rss in rows:
        ratio = f"{rate / (base_pages / base_s):.3f}" if rate else "-"
        print(
            f"{name:<46} {seconds:>8.1f} {rate if rate else 0:>8.1f} {ratio:>9} {rss if rss else 0:>8.0f}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
