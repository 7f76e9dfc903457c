"""Render the committed producer fixtures: `python -m tools.formgen.fixtures [--only PRODUCER]`.

Writes `tests/fixtures/formgen/<producer>_<seed>.pdf` and `<producer>_<seed>.json`
(the producer's `Rendered.expected`) for every seed in `SEEDS`, so `make test`
needs neither Chromium nor LibreOffice.  Forms come from `generate.generate(seed)`
when the lead's generator is present, else from `variants.variant(seed)`.
Needs `make fixtures-deps`.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from tools.formgen.model import Form, Producer
from tools.formgen.variants import variant

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "formgen"
SEEDS = tuple(range(1, 11))  # 10 forms per producer keep the committed PDFs near 5 MB


def form_source() -> tuple[str, Callable[[int], Form]]:
    """Return the name and function that make the form of a seed."""
    try:
        from tools.formgen.generate import generate  # type: ignore[import-not-found]
    except ImportError:
        return "variant", variant
    return "generate", generate


def producers() -> dict[str, Producer]:
    from tools.formgen.render_chromium import render_chromium
    from tools.formgen.render_lo import render_lo

    return {"chromium": render_chromium, "libreoffice": render_lo}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--only", help="render only this producer")
    ap.add_argument("--seeds", help="comma-separated seeds (default: SEEDS)")
    args = ap.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else list(SEEDS)
    source, make = form_source()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, produce in producers().items():
        if args.only and args.only != name:
            continue
        for seed in seeds:
            rendered = produce(make(seed), random.Random(seed))
            stem = OUT / f"{name}_{seed:03d}"
            stem.with_suffix(".pdf").write_bytes(rendered.data)
            expected = dict(rendered.expected)
            expected["source"] = f"{source}({seed}) via {name}"
            stem.with_suffix(".json").write_text(
                json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            print(
                f"{stem.name}: {len(rendered.data) // 1024} KiB, "
                f"{expected['document']['page_count']} pages"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
