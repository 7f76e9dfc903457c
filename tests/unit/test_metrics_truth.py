"""Precision and recall of `result_to_metrics` against the hand-made truth list of the seed.

The truth (tests/metrics_truth/*.json) was written by reading the source, not by
running the code.  A prediction matches a truth entry when kind, value and unit
agree (and, for dates, years and periods, the ISO date); labels are compared
loosely (one contains the other) and reported separately, not asserted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise.metrics import Metric, result_to_metrics

ROOT = Path(__file__).resolve().parents[2]
TRUTH_DIR = ROOT / "tests" / "metrics_truth"
TRUTH_FILES = sorted(TRUTH_DIR.glob("*.json"))
MIN_PRECISION = MIN_RECALL = 0.95
_TEMPORAL = ("date", "year", "period")


@dataclass(frozen=True, slots=True)
class Score:
    truth: int
    predicted: int
    matched: int
    labels_agreeing: int
    misses: tuple[str, ...]
    extras: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 1.0


def _key(kind: str, value: float | None, unit: str | None, date: str | None) -> tuple[object, ...]:
    rounded = None if value is None else round(float(value), 6)
    return (kind, rounded, unit, date if kind in _TEMPORAL else None)


def _labels_agree(expected: str | None, got: str | None) -> bool:
    if expected is None or got is None:
        return expected is got
    a, b = re.sub(r"\s", "", expected), re.sub(r"\s", "", got)
    return a in b or b in a


def score_document(truth: dict[str, Any]) -> Score:
    """Given one truth file's content, return the counts of the comparison."""
    n_truth = n_pred = matched = labels = 0
    misses: list[str] = []
    extras: list[str] = []
    for ctx in truth["contexts"]:
        predicted: list[Metric] = list(result_to_metrics(ctx["context"], truth["roc_year"]))
        n_truth += len(ctx["metrics"])
        n_pred += len(predicted)
        for want in ctx["metrics"]:
            key = _key(want["kind"], want["value"], want["unit"], want["date"])
            hit = next((p for p in predicted if _key(p.kind, p.value, p.unit, p.date) == key), None)
            if hit is None:
                misses.append(f"{key} in {ctx['context'][:30]}…")
                continue
            predicted.remove(hit)
            matched += 1
            labels += _labels_agree(want["label"], hit.label)
        extras += [f"{p.kind} {p.value} {p.unit} {p.text!r}" for p in predicted]
    return Score(n_truth, n_pred, matched, labels, tuple(misses), tuple(extras))


@pytest.fixture(params=TRUTH_FILES, ids=[p.stem for p in TRUTH_FILES])
def truth(request: pytest.FixtureRequest) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(request.param).read_text(encoding="utf-8"))
    return data


def test_truth_list_is_big_enough_and_taken_from_the_source(truth: dict[str, Any]) -> None:
    metrics = [m for ctx in truth["contexts"] for m in ctx["metrics"]]
    quantities = [m for m in metrics if m["kind"] not in _TEMPORAL]
    dates = [m for m in metrics if m["kind"] == "date"]
    assert len(quantities) >= 40
    assert len(dates) >= 8
    source = ROOT / truth["source"]
    if not source.exists():
        pytest.skip(f"{source} not present")
    flat = re.sub(r"\s", "", source.read_text(encoding="utf-8"))
    for ctx in truth["contexts"]:
        assert re.sub(r"\s", "", ctx["context"]) in flat, ctx["context"][:40]


def test_precision_and_recall(truth: dict[str, Any]) -> None:
    s = score_document(truth)
    label_rate = s.labels_agreeing / s.matched if s.matched else 0.0
    print(
        f"\n{truth['document']}: truth={s.truth} predicted={s.predicted} matched={s.matched} "
        f"precision={s.precision:.3f} recall={s.recall:.3f} "
        f"labels agreeing={s.labels_agreeing}/{s.matched} ({label_rate:.3f})"
    )
    for line in s.misses:
        print("  missed:", line)
    for line in s.extras:
        print("  extra: ", line)
    assert s.precision >= MIN_PRECISION, s.extras
    assert s.recall >= MIN_RECALL, s.misses
