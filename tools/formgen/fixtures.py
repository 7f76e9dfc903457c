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
from tools.formgen.variants import variant, with_extra_columns

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "formgen"
SEEDS = tuple(range(1, 11))  # 10 forms per producer keep the committed PDFs near 6 MB
# Chromium also prints these seeds with columns beyond the five (variants.with_extra_columns).
EXTRA_COLUMN_SEEDS = (11, 12, 13)


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
    ap.add_argument("--extra-only", action="store_true", help="only EXTRA_COLUMN_SEEDS")
    args = ap.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else list(SEEDS)
    source, make = form_source()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, produce in producers().items():
        if args.only and args.only != name:
            continue
        extra = EXTRA_COLUMN_SEEDS if name == "chromium" and not args.seeds else ()
        for seed in (*([] if args.extra_only else seeds), *extra):
            form = make(seed)
            if seed in extra:
                form = with_extra_columns(form, random.Random(seed + 1000))
            rendered = produce(form, random.Random(seed))
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
