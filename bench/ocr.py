"""OCR benchmark: whole fixture documents as degraded scans, read back and scored against their goldens.

Usage: `python -m bench.ocr [--engine rapidocr|tesseract] [--dpi 150] [--docs STEM...] [--seed N]`
(or `make bench-ocr`); `--generated N [--start S]` reads N forms of the family (seeds S..,
rendered by reportlab) instead of the fixtures.  Each fixture PDF is rasterised by tools/scanlike.py (grey,
skewed 0.3-1°, noise, JPEG q60-80) into an image-only PDF, then read in a fresh
child process (one core, an empty OCR cache) so CPU seconds and peak memory are
its own.  Reports per document: structure exact (dimension, item and row counts,
every score, subtotal and maximum), 1 - CER of the text columns (whitespace
stripped), units F1, CPU s/page and peak MB.  Writes bench/results/ocr.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "pdf"
GOLDEN = REPO / "tests" / "golden"
RESULTS = REPO / "bench" / "results"
DEFAULT_DOCS = ("synthetic_landoffice_a4_merged", "seed_a4_merged")
TEXT_COLUMNS = ("indicator", "sub_indicator", "result")


def make_scan(stem: str, dpi: int, seed: int, pdf: bytes | None = None) -> Path:
    """Given a fixture (or a name and its PDF bytes), write its degraded image-only PDF under
    bench/results/ocr and return it."""
    from tools.scanlike import Degrade, scan_of, to_pdf

    rng = random.Random(seed)
    pdf = (FIXTURES / f"{stem}.pdf").read_bytes() if pdf is None else pdf
    how = Degrade(
        dpi=dpi,
        skew=rng.choice((-1, 1)) * rng.uniform(0.3, 1.0),
        noise=rng.uniform(4, 8),
        jpeg_quality=rng.randint(60, 80),
    )
    out = RESULTS / "ocr" / f"{stem}_{dpi}dpi.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(to_pdf(scan_of(pdf, how, seed), dpi))
    return out


def fixture_golden(stem: str) -> dict[str, Any]:
    from tools.fixture_cases import FIXTURE_CASES

    golden: dict[str, Any] = json.loads((GOLDEN / FIXTURE_CASES[stem]).read_text(encoding="utf-8"))
    return golden


def generated(seed: int) -> tuple[bytes, dict[str, Any]]:
    """Given a seed, return a generated form rendered by reportlab and the form as rendered
    (the family's expected values; `make fixtures-deps` installs the fonts)."""
    from tools.formgen.generate import generate
    from tools.formgen.render_reportlab import render_reportlab

    r = render_reportlab(generate(seed), random.Random(seed))
    return r.data, dict(r.expected)


def child(path: Path) -> dict[str, Any]:
    """Read one scan in this process; return the document in golden form plus CPU and memory."""
    import resource
    import time

    from pipeline.models import SourceInfo
    from pipeline.run import outcome_of, sha256_bytes
    from tests.family import document_to_form

    data = path.read_bytes()
    t0 = time.process_time()
    o = outcome_of(data, SourceInfo(str(path), sha256_bytes(data), len(data), "pdf"))
    cpu = time.process_time() - t0
    return {
        "status": o.status,
        "error": o.error,
        "input_kind": o.source.input_kind,
        "form": document_to_form(o.document, None) if o.document else None,
        "cpu_s": cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "low_confidence": [c.message for c in o.checks if c.check == "ocr_low_confidence"],
    }


def _fold(unit: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", unit).split())


def units_f1(
    expected: list[dict[str, Any]], got: list[dict[str, Any]], *, fold: bool = False
) -> float:
    """Given golden and read rows, return the F1 of (row, unit) pairs; `fold`: NFKC, no spaces.

    Folding forgives what no OCR can see: a full-width （ printed as a half-width ( .
    """
    f = _fold if fold else str
    e = Counter((r["row_no"], f(u)) for r in expected for u in r["units"])
    g = Counter((r["row_no"], f(u)) for r in got for u in r["units"])
    hit = sum((e & g).values())
    if not e and not g:
        return 1.0
    p = hit / max(1, sum(g.values()))
    r = hit / max(1, sum(e.values()))
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def units_named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Given rows in golden form, return them with each unit as `row_units` names it: the
    name split from its note and mapped onto the document's own vocabulary
    (`normalise.units`: 長期照頗管理中心 → 長期照顧管理中心 when the document prints the
    latter more often), written back as "name|note"."""
    from pipeline.normalise.units import canonical_units, split_unit

    mapping = canonical_units([u for r in rows for u in r["units"]])
    out = []
    for r in rows:
        named = []
        for u in r["units"]:
            name, note = split_unit(u)
            named.append(f"{mapping.get(name, (name, None))[0] if name else name}|{note or ''}")
        out.append({**r, "units": named})
    return out


def structure_differences(golden: dict[str, Any], form: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for table in ("dimensions", "items", "rows"):
        if len(golden[table]) != len(form[table]):
            out.append(f"{table}: {len(form[table])} != {len(golden[table])}")
    for g, f in zip(golden["dimensions"], form["dimensions"], strict=False):
        for k in ("max_points", "subtotal"):
            if g[k] != f[k]:
                out.append(f"dimension {g['dimension_no']} {k} {f[k]} != {g[k]}")
    for g, f in zip(golden["items"], form["items"], strict=False):
        for k in ("dimension_no", "item_no", "max_points", "score"):
            if g[k] != f[k]:
                out.append(f"item {g['dimension_no']}.{g['item_no']} {k} {f[k]} != {g[k]}")
    return out


def score(stem: str, golden: dict[str, Any], result: dict[str, Any], pages: int) -> dict[str, Any]:
    from tools.scanlike import char_accuracy

    form = result["form"]
    row: dict[str, Any] = {
        "doc": stem,
        "status": result["status"],
        "input_kind": result["input_kind"],
        "s_per_page": round(result["cpu_s"] / pages, 2),
        "peak_mb": round(result["peak_mb"]),
        "pages": pages,
    }
    if form is None:
        return {**row, "error": result["error"]}
    diffs = structure_differences(golden, form)
    expected = "".join(str(r[c] or "") for r in golden["rows"] for c in TEXT_COLUMNS)
    got = "".join(str(r[c] or "") for r in form["rows"] for c in TEXT_COLUMNS)
    return {
        **row,
        # Status ok with another structure: what must never happen.
        "silently_wrong": bool(diffs) and result["status"] == "ok",
        "structure_exact": not diffs,
        "structure_differences": diffs[:10],
        "text_accuracy": round(char_accuracy(expected, got), 4),
        "units_f1": round(units_f1(golden["rows"], form["rows"]), 4),
        "units_f1_folded": round(units_f1(golden["rows"], form["rows"], fold=True), 4),
        # What an analyst joins on (`row_units`): name and note, typos mapped in each document.
        "units_f1_named": round(
            units_f1(units_named(golden["rows"]), units_named(form["rows"])), 4
        ),
        "error": result["error"],
    }


REALWORLD = REPO.parent / "shared" / "realworld"
REALWORLD_SCANS = ("b02", "b13", "b20", "b21", "b22", "b28", "b29", "b30")


def realworld(engine: str) -> list[dict[str, Any]]:
    """Run the third-party scans (not evaluation forms) through the CLI; return status and reason."""
    import time

    rows = []
    for prefix in REALWORLD_SCANS:
        path = next(iter(sorted(REALWORLD.glob(f"{prefix}_*"))), None)
        if path is None:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pipeline",
                    "run",
                    str(path),
                    "--out",
                    tmp,
                    "--ocr",
                    engine,
                    "--json",
                    "--workers",
                    "1",
                ],
                capture_output=True,
                text=True,
                cwd=tmp,
                check=False,
                env={**os.environ, "EVALTABLE_OCR_CACHE": str(Path(tmp) / "cache")},
            )
            seconds = time.perf_counter() - t0
            try:
                import pandas as pd

                docs = pd.read_parquet(Path(tmp) / "documents")
                status, error = str(docs["status"].iloc[0]), docs["error"].iloc[0]
            except (OSError, ValueError, KeyError, IndexError) as exc:
                status, error = "no output", f"{exc}; exit {proc.returncode}: {proc.stderr[-500:]}"
        rows.append(
            {
                "file": path.name,
                "exit": proc.returncode,
                "status": status,
                "reason": error,
                "seconds": round(seconds, 1),
            }
        )
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", default="rapidocr", choices=("rapidocr", "tesseract"))
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument(
        "--det-scale",
        type=float,
        help="RapidOCR detection at this scale of each crop (default: the engine's)",
    )
    ap.add_argument("--docs", nargs="*", default=list(DEFAULT_DOCS))
    ap.add_argument(
        "--generated",
        type=int,
        metavar="N",
        help="instead of fixtures: N generated forms (form family, rendered by reportlab)",
    )
    ap.add_argument("--start", type=int, default=0, help="first generated form's seed")
    ap.add_argument(
        "--seed",
        type=int,
        default=1,
        help="degradation seed of the first document; the next ones take the following seeds",
    )
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--realworld", action="store_true", help="the shared/realworld scans instead")
    args = ap.parse_args(argv)
    if args.realworld:
        out = RESULTS / f"ocr_realworld_{args.engine}.json"
        rows = realworld(args.engine)
        RESULTS.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0
    if args.child:
        print(json.dumps(child(args.child), ensure_ascii=False))
        return 0
    import pypdfium2 as pdfium

    rows = []
    docs: list[tuple[str, bytes | None, dict[str, Any] | None]]
    if args.generated:
        seeds = range(args.start, args.start + args.generated)
        docs = [(f"generated_{k}", *generated(k)) for k in seeds]
    else:
        docs = [(stem, None, None) for stem in args.docs]
    for n, (stem, pdf, golden) in enumerate(docs):
        scan = make_scan(stem, args.dpi, seed=args.seed + n, pdf=pdf)
        pages = len(pdfium.PdfDocument(scan.read_bytes()))
        with tempfile.TemporaryDirectory() as cache:
            env = {
                **os.environ,
                "EVALTABLE_OCR": args.engine,
                "EVALTABLE_OCR_CACHE": cache,
                "OMP_NUM_THREADS": "1",
                "OMP_THREAD_LIMIT": "1",
            }
            if args.det_scale is not None:
                env["EVALTABLE_OCR_DET_SCALE"] = str(args.det_scale)
            proc = subprocess.run(
                [sys.executable, "-m", "bench.ocr", "--child", str(scan)],
                capture_output=True,
                text=True,
                env=env,
                cwd=REPO,
                check=False,
            )
        if proc.returncode != 0:
            rows.append({"doc": stem, "error": proc.stderr[-2000:]})
            continue
        result = json.loads(proc.stdout.splitlines()[-1])
        read_back = RESULTS / "ocr" / f"{stem}_{args.dpi}dpi_{args.engine}.json"
        read_back.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        row = score(stem, golden or fixture_golden(stem), result, pages)
        rows.append(
            {
                "engine": args.engine,
                "dpi": args.dpi,
                "det_scale": args.det_scale,
                "seed": args.seed + n,
                **row,
            }
        )
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"ocr_{args.engine}_{args.dpi}.json"
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
