"""Render the committed producer fixtures: `python -m tools.formgen.fixtures [--only PRODUCER]`.

Writes `tests/fixtures/formgen/<producer>_<seed>.pdf` and `<producer>_<seed>.json`
(the producer's `Rendered.expected`) so `make test` needs neither Chromium nor
LibreOffice: hand-varied goldens (`variants.variant`), Chromium forms with columns
beyond the five, and generated forms (`generate.generate`, stems `<producer>_gNNN`).
Needs `make fixtures-deps`.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from tools.formgen.model import Form, Producer
from tools.formgen.variants import variant, with_extra_columns, with_extras

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "formgen"
SEEDS = tuple(range(1, 11))  # hand-varied goldens (variants.variant), per producer
# Chromium prints fewer of those, plus columns beyond the five and generated forms, to keep
# the committed PDFs near 6 MB.
VARIANT_SEEDS = {"chromium": tuple(range(1, 6)), "libreoffice": SEEDS}
EXTRA_COLUMN_SEEDS = (11, 12, 13)  # Chromium, with variants.with_extra_columns
GENERATED_SEEDS = {"chromium": (1, 6, 14, 20), "libreoffice": ()}  # generate.generate, as <p>_gNNN
# Generated forms given columns beyond the five as the `<p>-extra` fuzz producers give
# them (`variants.with_extras`), as <p>_xNNN: each once read ok and wrong.
EXTRA_GENERATED_SEEDS = {"chromium": (10657,), "libreoffice": (5, 22, 9920)}


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


def cases(name: str, only_seeds: Sequence[int] | None) -> list[tuple[str, Form]]:
    """Given a producer's name, return (stem, form) for each committed rendering of it."""
    out: list[tuple[str, Form]] = []
    for seed in only_seeds or VARIANT_SEEDS[name]:
        out.append((f"{name}_{seed:03d}", variant(seed)))
    if only_seeds:
        return out
    if name == "chromium":
        for seed in EXTRA_COLUMN_SEEDS:
            form = with_extra_columns(variant(seed), random.Random(seed + 1000))
            out.append((f"{name}_{seed:03d}", form))
    source, make = form_source()
    if source == "generate":
        out += [(f"{name}_g{seed:03d}", make(seed)) for seed in GENERATED_SEEDS[name]]
        out += [(f"{name}_x{seed:03d}", make(seed)) for seed in EXTRA_GENERATED_SEEDS[name]]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--only", help="render only this producer")
    ap.add_argument("--seeds", help="comma-separated variant seeds (default: all committed)")
    ap.add_argument("--stem", help="render only the fixture with this name")
    args = ap.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else None
    OUT.mkdir(parents=True, exist_ok=True)
    for name, produce in producers().items():
        if args.only and args.only != name:
            continue
        for stem_name, form in cases(name, seeds):
            if args.stem and args.stem != stem_name:
                continue
            seed = int(stem_name.rsplit("_", 1)[1].lstrip("gx"))
            extra = "_x" in stem_name
            rendered = (with_extras(produce, name) if extra else produce)(form, random.Random(seed))
            stem = OUT / stem_name
            stem.with_suffix(".pdf").write_bytes(rendered.data)
            expected = dict(rendered.expected)
            kind = "generate" if "_g" in stem_name or extra else "variant"
            expected["source"] = f"{kind}({seed}) via {name}" + (" -extra" if extra else "")
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
