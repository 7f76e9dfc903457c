"""Round trips of generated forms through the pipeline: read, compare, classify.

Shared by the property tests and `make fuzz` (bench/fuzz.py).  The expected side
comes from `tools.formgen` (which never imports `pipeline`); this module only
turns the pipeline's `Outcome` into the same golden format to compare.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from pipeline.models import Document, Outcome, SourceInfo
from pipeline.run import outcome_of, sha256_bytes
from tools.formgen.compare import classify, diff_forms
from tools.formgen.generate import generate
from tools.formgen.model import Producer, Rendered


def document_to_form(doc: Document, notes: str | None) -> dict[str, Any]:
    """Given a read Document, return it in the golden format (the fields the goldens hold)."""
    return {
        "document": {
            "agency": doc.agency,
            "roc_year": doc.roc_year,
            "title": doc.title,
            "category": doc.category,
            "page_count": doc.page_count,
            "notes": notes,
        },
        "dimensions": [
            {
                "dimension_no": d.dimension_no,
                "name": d.name,
                "max_points": d.max_points,
                "subtotal": d.subtotal,
                "page_start": d.page_start,
                "page_end": d.page_end,
                "heading": d.heading,
            }
            for d in doc.dimensions
        ],
        "items": [
            {
                "dimension_no": i.dimension_no,
                "item_no": i.item_no,
                "name": i.name,
                "max_points": i.max_points,
                "score": i.score,
                "page_start": i.page_start,
                "page_end": i.page_end,
            }
            for i in doc.items
        ],
        "rows": [
            {
                "row_no": r.row_no,
                "dimension_no": r.dimension_no,
                "item_no": r.item_no,
                "indicator_no": r.indicator_no,
                "indicator": r.indicator,
                "sub_no": r.sub_no,
                "sub_indicator": r.sub_indicator,
                "units": list(r.units),
                "result": r.result,
                "page_start": r.page_start,
                "page_end": r.page_end,
                "extra": dict(r.extra),
            }
            for r in doc.rows
        ],
    }


@dataclass(frozen=True, slots=True)
class RoundTrip:
    seed: int
    producer: str
    outcome: str  # exact / flagged / refused / false alarm / silently wrong
    status: str
    reason: str | None
    differences: tuple[str, ...]
    rendered: Rendered

    def report(self) -> str:
        head = f"seed {self.seed} via {self.producer}: {self.outcome} (status {self.status})"
        lines = [head, f"  reason: {self.reason}"] + [f"  {d}" for d in self.differences[:15]]
        return "\n".join(lines)


def read(rendered: Rendered) -> Outcome:
    data = rendered.data
    kind = "pdf" if rendered.suffix == ".pdf" else "text"
    source = SourceInfo(f"gen{rendered.suffix}", sha256_bytes(data), len(data), kind)
    return outcome_of(data, source)


def round_trip(seed: int, producer: Producer) -> RoundTrip:
    """Given a seed and a producer, generate, render, read and classify one form."""
    return judge(seed, producer(generate(seed), random.Random(seed)))


def judge(seed: int, rendered: Rendered) -> RoundTrip:
    """Given a seed and its rendering, read and classify the form."""
    o = read(rendered)
    if o.document is None:
        diffs: list[str] = ["no document"]
    else:
        diffs = diff_forms(rendered.expected, document_to_form(o.document, o.document.notes))
    return RoundTrip(
        seed=seed,
        producer=rendered.producer,
        outcome=classify(o.status, diffs, o.error),
        status=o.status,
        reason=o.error,
        differences=tuple(diffs),
        rendered=rendered,
    )
