"""Page-backend benchmark (issue 13): evaltable against pdfium's own text speed, in one run.

Usage: `python -m bench.backends [--copies N] [--noop 200]` (part of `make bench`).
On the same PDFs (the nine committed fixtures, N copies each) it times:

(a) pdfium text extraction of every page: the limit;
(b) pdfplumber `extract_tables()` on every page: what a user would write instead;
(c) Camelot lattice on the same pages, when `camelot` imports (else says why not);
(d) `evaltable run --workers 1` end to end (Parquet written) with each backend,
    and each stage's share from a cProfile of the pdfium path in-process;

then the peak RSS of one ~300-page document (each backend, in its own process),
`--workers 2` against `--workers 1`, and a no-op re-run of `--noop` documents.
Prints a Markdown table and writes bench/results/backends.json.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "pdf"
RESULTS = REPO / "bench" / "results"
EVALTABLE = [sys.executable, "-m", "pipeline"]


def corpus(folder: Path, copies: int) -> tuple[list[Path], int]:
    """Given a folder, fill it with `copies` distinct copies of every fixture; return (files, pages)."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    pages = 0
    for src in sorted(FIXTURES.glob("*.pdf")):
        n = len(pdfium.PdfDocument(str(src)))
        for i in range(copies):
            dst = folder / f"{src.stem}_{i}.pdf"
            dst.write_bytes(src.read_bytes() + f"\n%bench copy {i}\n".encode())
            files.append(dst)
            pages += n
    return files, pages


def time_pdfium_text(files: list[Path]) -> float:
    import pypdfium2 as pdfium

    c0, t0 = time.process_time(), time.perf_counter()
    for f in files:
        pdf = pdfium.PdfDocument(f.read_bytes())
        for page in pdf:
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        pdf.close()
    CPU["pdfium_text"] = time.process_time() - c0
    return time.perf_counter() - t0


def time_pdfplumber_tables(files: list[Path]) -> float:
    import pdfplumber

    c0, t0 = time.process_time(), time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
    CPU["extract_tables"] = time.process_time() - c0
    return time.perf_counter() - t0


def time_camelot(files: list[Path]) -> tuple[float | None, str]:
    """Camelot runs from its own venv (bench/camelot-venv) when there is one: it needs OpenCV."""
    venv = REPO / "bench" / "camelot-venv" / "bin" / "python"
    if not venv.exists():
        return None, "no bench/camelot-venv (make bench-camelot creates it from PyPI)"
    code = (
        "import sys, time, camelot\n"
        "t = time.perf_counter()\n"
        "for f in sys.argv[1:]:\n"
        "    camelot.read_pdf(f, pages='all', flavor='lattice')\n"
        "print(time.perf_counter() - t)\n"
    )
    c0 = _children_cpu()
    proc = subprocess.run(
        [str(venv), "-c", code, *map(str, files)], capture_output=True, text=True, check=False
    )
    CPU["camelot"] = _children_cpu() - c0
    if proc.returncode != 0:
        return None, "camelot failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
    return float(proc.stdout.split()[-1]), "lattice"


CPU: dict[str, float] = {}  # CPU seconds (user + system) of the last timing of each kind


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_cli(args: list[str]) -> float:
    """Given `evaltable run` arguments, run it; return wall seconds (CPU seconds in CPU["cli"]).

    CPU time (the CLI and all its workers) is what a busy machine inflates least:
    the bench reports both.
    """
    c0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(
        [*EVALTABLE, "run", *args, "--quiet"], capture_output=True, text=True, check=False
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"evaltable failed ({proc.returncode}):\n{proc.stderr}")
    CPU["cli"] = _children_cpu() - c0
    return time.perf_counter() - t0


STAGES = {
    "backend (pdfium read_pages)": "pipeline/extract/pdfium.py:read_pages",
    "layout (grid)": "pipeline/layout/grid/page.py:page_to_grid",
    "stitch": "pipeline/layout/stitch.py:grids_to_tokens",
    "structure": "pipeline/structure.py:tokens_to_documents",
    "enrich": "pipeline/enrich.py:enrich",
    "validate": "pipeline/validate.py:validate",
    "records": "pipeline/records.py:outcome_to_records",
    "write (Parquet)": "pipeline/store.py:write_document",
}


def stage_shares(files: list[Path], out: Path) -> dict[str, float]:
    """Given PDFs, profile them in-process with the pdfium backend; return each stage's share."""
    import hashlib

    from pipeline.models import SourceInfo
    from pipeline.run import outcome_of, outcome_to_records
    from pipeline.store import write_document

    def work() -> None:
        for f in files:
            data = f.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            source = SourceInfo(str(f), sha, len(data), "pdf")
            outcome = outcome_of(data, source, backend="pdfium")
            write_document(out, sha[:16], outcome_to_records(outcome))

    work()  # warm: imports and first-use compilation are not per document
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.runcall(work)
    total = time.perf_counter() - t0
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    cum: dict[str, float] = {}
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.items():
        for stage, where in STAGES.items():
            path, name = where.split(":")
            if func == name and file.endswith(path):
                cum[stage] = cum.get(stage, 0.0) + ct
    profiled = sum(st[3] for key, st in stats.items() if key[2] == "work") or total
    shares = {k: round(v / profiled, 3) for k, v in cum.items()}
    shares["layout (grid)"] = shares.get("layout (grid)", 0.0)
    return shares


def big_document(path: Path, target_pages: int = 300) -> int:
    """Given a path, write a ~300-page form (fixture pages repeated) there; return its pages."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(FIXTURES / "seed_a4_merged.pdf"))
    dst = pdfium.PdfDocument.new()
    while len(dst) + len(src) <= target_pages:
        dst.import_pages(src)
    dst.save(str(path))
    return len(dst)


def peak_rss_mb(path: Path, backend: str) -> tuple[float, float]:
    """Given a PDF, process it in a fresh process; return (seconds, peak RSS in MB)."""
    code = (
        "import hashlib, resource, sys, time\n"
        "from pathlib import Path\n"
        "from pipeline.models import SourceInfo\n"
        "from pipeline.run import outcome_of\n"
        "p = Path(sys.argv[1]); data = p.read_bytes()\n"
        "t = time.perf_counter()\n"
        "o = outcome_of(data, SourceInfo(str(p), hashlib.sha256(data).hexdigest(), len(data), 'pdf'),"
        " backend=sys.argv[2], max_pages=1000)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " o.status, file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path), backend],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    seconds, mb, _status = proc.stderr.split()[-3:]
    return float(seconds), float(mb)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=1, help="copies of each fixture (9 files each)")
    ap.add_argument("--noop", type=int, default=200, help="documents in the no-op re-run")
    ap.add_argument("--skip-pdfplumber", action="store_true", help="skip (b) and pdfplumber (d)")
    args = ap.parse_args(argv)
    res: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="evaltable-bench-") as tmp:
        root = Path(tmp)
        files, pages = corpus(root / "in", args.copies)
        res["documents"], res["pages"] = len(files), pages
        rows: list[tuple[str, float | None, str, float | None]] = []
        base = time_pdfium_text(files)
        rows.append(("(a) pdfium text extraction (the limit)", base, "", CPU["pdfium_text"]))
        if not args.skip_pdfplumber:
            secs = time_pdfplumber_tables(files)
            rows.append(
                ("(b) pdfplumber extract_tables(), every page", secs, "", CPU["extract_tables"])
            )
        cam, why = time_camelot(files)
        rows.append(("(c) Camelot lattice", cam, why, CPU.get("camelot") if cam else None))
        for backend in ("pdfium", "pdfplumber"):
            if backend == "pdfplumber" and args.skip_pdfplumber:
                continue
            out = root / f"out_{backend}"
            secs = run_cli(
                [str(root / "in"), "--out", str(out), "--workers", "1", "--backend", backend]
            )
            rows.append(
                (
                    f"(d) evaltable run --workers 1 --backend {backend}",
                    secs,
                    "end to end, Parquet written",
                    CPU["cli"],
                )
            )
        out2 = root / "out_w2"
        w2 = run_cli(
            [str(root / "in"), "--out", str(out2), "--workers", "2", "--backend", "pdfium"]
        )
        rows.append(("evaltable run --workers 2 --backend pdfium", w2, "", CPU["cli"]))
        res["table"] = [
            {
                "what": w,
                "seconds": None if s is None else round(s, 2),
                "pages_per_s": None if not s else round(pages / s, 1),
                "vs_pdfium_text": None if not s else round(s / base, 2),
                "note": n,
                "cpu_seconds": None if c is None else round(c, 2),
                "cpu_vs_pdfium_text": None if not c else round(c / CPU["pdfium_text"], 2),
            }
            for w, s, n, c in rows
        ]
        by = {r["what"]: r["seconds"] for r in res["table"]}
        one = by["(d) evaltable run --workers 1 --backend pdfium"]
        res["scaling_2_workers"] = round(one / w2, 2)
        if not args.skip_pdfplumber:
            res["pdfium_vs_extract_tables"] = round(
                one / by["(b) pdfplumber extract_tables(), every page"], 3
            )
        res["pdfium_vs_text"] = round(one / base, 2)
        res["stage_shares_pdfium"] = stage_shares(
            files[: max(9, len(files) // 2)], root / "prof_out"
        )
        big = root / "big.pdf"
        res["big_pages"] = big_document(big)
        res["big"] = {
            b: peak_rss_mb(big, b)
            for b in ("pdfium", "pdfplumber")
            if not (b == "pdfplumber" and args.skip_pdfplumber)
        }
        small = root / "noop_in"
        small.mkdir()
        src = (FIXTURES / "synthetic_landoffice_lo_portrait.pdf").read_bytes()
        for i in range(args.noop):
            (small / f"d{i:04d}.pdf").write_bytes(src + f"\n%noop {i}\n".encode())
        run_cli([str(small), "--out", str(root / "noop_out"), "--backend", "pdfium"])
        res["noop_rerun_s"] = round(run_cli([str(small), "--out", str(root / "noop_out")]), 2)
        res["noop_docs"] = args.noop
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "backends.json").write_text(json.dumps(res, indent=2, ensure_ascii=False))
    lines = [
        f"{res['documents']} documents, {res['pages']} pages",
        "",
        "| configuration | seconds | pages/s | × (a) | CPU s | CPU × (a) | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in res["table"]:
        lines.append(
            f"| {r['what']} | {r['seconds']} | {r['pages_per_s']} | {r['vs_pdfium_text']}"
            f" | {r['cpu_seconds']} | {r['cpu_vs_pdfium_text']} | {r['note']} |"
        )
    lines += [
        "",
        json.dumps({k: v for k, v in res.items() if k != "table"}, indent=1, ensure_ascii=False),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
