"""Golden extracts as a user's workflow: the golden JSON format, export from the tables, diff, JUnit.

The format is the one of `tests/golden/*.json` (described in `docs/golden-format.md`):
`source`, `document`, `dimensions`, `items`, `rows`, plus optional header keys
(`exported_by`, `warning`, `verified_by`, `source_sha256`).  The reader checks every
field it compares and ignores keys it does not know (`notes` on the document, `extra`
on rows, `cell_text` on items), so the form-family generator can add its own.

`document_record` turns one document's Parquet rows into the same shape, so exporting
is writing it and checking is `diff_records(golden, document_record(...))`.
"""

from __future__ import annotations

import difflib
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len

if TYPE_CHECKING:
    import pandas as pd

from pipeline import __version__
from pipeline.console import safe
from pipeline.errors import PipelineError

FORMAT_DOC = "docs/golden-format.md"
TABLES = ("documents", "dimensions", "items", "rows")


class GoldenError(PipelineError):
    """A golden file that cannot be used: unreadable, not JSON, or a field of the wrong type."""


# --- the format --------------------------------------------------------------------------

Check = Callable[[Any], bool]


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _num(v: Any) -> bool:
    return (_int(v) or isinstance(v, float)) and math.isfinite(v)


def _str(v: Any) -> bool:
    return isinstance(v, str)


def _strs(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


# name → (check, nullable, what the check wants).  These are the compared fields.
Fields = dict[str, tuple[Check, bool, str]]
KEY = (_int, False, "a whole number")
INT = (_int, True, "a whole number")
NUM = (_num, True, "a number")
TEXT = (_str, True, "text")
TEXTS = (_strs, False, "a list of text")
DOCUMENT: Fields = {
    "agency": TEXT,
    "roc_year": INT,
    "year": INT,
    "title": TEXT,
    "category": TEXT,
    "page_count": INT,
    "total_score": NUM,
    "total_max": NUM,
}
DIMENSION: Fields = {
    "dimension_no": KEY,
    "name": TEXT,
    "max_points": NUM,
    "subtotal": NUM,
    "page_start": INT,
    "page_end": INT,
    "heading": TEXT,
}
ITEM: Fields = {
    "dimension_no": KEY,
    "item_no": KEY,
    "name": TEXT,
    "max_points": NUM,
    "score": NUM,
    "page_start": INT,
    "page_end": INT,
}
ROW: Fields = {
    "row_no": KEY,
    "dimension_no": KEY,
    "item_no": KEY,
    "indicator_no": TEXT,
    "indicator": TEXT,
    "sub_no": TEXT,
    "sub_indicator": TEXT,
    "units": TEXTS,
    "result": TEXT,
    "page_start": INT,
    "page_end": INT,
}
SECTIONS: dict[str, Fields] = {"dimensions": DIMENSION, "items": ITEM, "rows": ROW}


def _check_fields(obj: Any, fields: Fields, where: str) -> list[str]:
    if not isinstance(obj, dict):
        return [f"{where}: expected an object"]
    problems = []
    for name, (ok, nullable, what) in fields.items():
        if name not in obj:
            problems.append(f"{where}.{name}: missing")
        elif obj[name] is None:
            if not nullable:
                problems.append(f"{where}.{name}: must not be null")
        elif not ok(obj[name]):
            problems.append(f"{where}.{name}: expected {what}, got {obj[name]!r:.40}")
    return problems


def validate(data: Any) -> list[str]:
    """Given parsed golden JSON, return every problem found (empty: the golden is usable)."""
    if not isinstance(data, dict):
        return ["expected a JSON object with source, document, dimensions, items and rows"]
    problems = []
    for key in ("source", "verified_by", "source_sha256", "exported_by"):
        if data.get(key) is not None and not isinstance(data[key], str):
            problems.append(f"{key}: expected text")
    if "source" not in data:
        problems.append("source: missing")
    problems += _check_fields(data.get("document"), DOCUMENT, "document")
    for section, fields in SECTIONS.items():
        entries = data.get(section)
        if not isinstance(entries, list):
            problems.append(f"{section}: expected a list")
            continue
        for i, entry in enumerate(entries):
            problems += _check_fields(entry, fields, f"{section}[{i}]")
    return problems


def load(path: Path) -> dict[str, Any]:
    """Given a golden file, return its data; GoldenError naming the file and the first problems."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldenError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise GoldenError(f"{path}: not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise GoldenError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    problems = validate(data)
    if problems:
        more = f" … and {len(problems) - 3} more" if len(problems) > 3 else ""
        raise GoldenError(
            f"{path}: not a golden extract ({FORMAT_DOC}): {'; '.join(problems[:3])}{more}"
        )
    result: dict[str, Any] = data
    return result


def is_verified(golden: Mapping[str, Any]) -> bool:
    return bool(str(golden.get("verified_by") or "").strip())


# --- from the tables ---------------------------------------------------------------------


def read_tables(out_dir: Path, names: Sequence[str] = TABLES) -> dict[str, pd.DataFrame]:
    """Given an output folder, return the named tables (GoldenError if one is missing)."""
    import pandas as pd  # here, not at the top: `evaltable run` never needs it (~1 s)

    tables = {}
    for name in names:
        folder = out_dir / name
        if not folder.is_dir() or not any(folder.glob("*.parquet")):
            raise GoldenError(f"{out_dir} has no {name} table: is it an evaltable output folder?")
        tables[name] = pd.read_parquet(folder)
    return tables


def is_missing(v: Any) -> bool:
    """Given a value read from Parquet, return True for None, NaN and pandas' NA."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or type(v).__name__ == "NAType"


def _plain(v: Any) -> Any:
    """Given a value read from Parquet, return it as JSON would hold it (int for 88.0)."""
    if hasattr(v, "tolist"):
        v = v.tolist()
    if is_missing(v):
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _records(
    df: pd.DataFrame, fields: Fields | Sequence[str], order: list[str]
) -> list[dict[str, Any]]:
    names = list(fields)
    df = df.sort_values(order, kind="mergesort")
    return [{k: _plain(r[k]) for k in names} for r in df[names].to_dict("records")]


def document_record(
    tables: Mapping[str, pd.DataFrame], doc_id: str, *, extra_document: Sequence[str] = ()
) -> dict[str, Any]:
    """Given the tables and a doc id, return that document in the golden format."""
    docs = tables["documents"]
    doc = docs[docs["doc_id"] == doc_id].iloc[0]
    doc_fields = [*DOCUMENT, *extra_document]

    def of(name: str, order: list[str], fields: Fields) -> list[dict[str, Any]]:
        t = tables[name]
        return _records(t[t["doc_id"] == doc_id], fields, order)

    return {
        "source": str(doc["source_path"]),
        "source_sha256": str(doc["source_sha256"]),
        "document": {k: _plain(doc[k]) for k in doc_fields},
        "dimensions": of("dimensions", ["dimension_no"], DIMENSION),
        "items": of("items", ["dimension_no", "item_no"], ITEM),
        "rows": of("rows", ["row_no"], ROW),
    }


def export(record: Mapping[str, Any]) -> dict[str, Any]:
    """Given a document record, return the golden to write: a header first, verified_by empty."""
    return {
        "exported_by": f"evaltable {__version__}",
        "warning": (
            f"Exported from pipeline version {__version__}. Not a golden until a person has "
            "checked every value against the source; then put their name in verified_by."
        ),
        "verified_by": "",
        **record,
    }


def find_documents(docs: pd.DataFrame, key: str) -> list[str]:
    """Given the documents table and a doc id (or prefix), path or file name, return the doc ids."""
    ids = [str(d) for d in docs["doc_id"]]
    exact = [d for d in ids if d == key.lower()]
    if exact:
        return exact
    if len(key) >= 4 and all(c in "0123456789abcdef" for c in key.lower()):
        prefixed = [d for d in ids if d.startswith(key.lower())]
        if prefixed:
            return prefixed
    paths = [(str(d), str(p)) for d, p in zip(docs["doc_id"], docs["source_path"], strict=True)]
    by_path = [d for d, p in paths if p == key or Path(p).resolve() == Path(key).resolve()]
    return by_path or [d for d, p in paths if Path(p).name == Path(key).name]


def match_golden(docs: pd.DataFrame, golden: Mapping[str, Any]) -> list[str]:
    """Given the documents table and a golden, return its document ids: by sha256, else file name."""
    sha = golden.get("source_sha256")
    if sha:
        return [
            str(d) for d, s in zip(docs["doc_id"], docs["source_sha256"], strict=True) if s == sha
        ]
    name = Path(str(golden.get("source", ""))).name
    return [
        str(d)
        for d, p in zip(docs["doc_id"], docs["source_path"], strict=True)
        if name and Path(str(p)).name == name
    ]


# --- differences -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two versions of a document: before (golden/old) → after."""

    part: str  # document, dimension, item, row, metric
    kind: str  # changed, added, removed
    where: str  # "document", "dimension 2", "item 1.1", "row 12"
    column: str | None = None
    before: Any = None
    after: Any = None


def _keyed(
    part: str,
    before: Sequence[Mapping[str, Any]],
    after: Sequence[Mapping[str, Any]],
    key: Callable[[Mapping[str, Any]], tuple[Any, ...]],
    label: Callable[[Mapping[str, Any]], str],
    fields: Sequence[str],
) -> list[Change]:
    """Changes between two lists of records aligned by key order (added, removed, changed columns)."""
    out: list[Change] = []
    a_keys, b_keys = [key(r) for r in before], [key(r) for r in after]
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        if op in ("equal", "replace"):
            for i, j in pairs:
                out += [
                    Change(part, "changed", label(after[j]), f, before[i].get(f), after[j].get(f))
                    for f in fields
                    if before[i].get(f) != after[j].get(f)
                ]
        paired = len(pairs) if op in ("equal", "replace") else 0
        out += [Change(part, "removed", label(before[i])) for i in range(i1 + paired, i2)]
        out += [Change(part, "added", label(after[j])) for j in range(j1 + paired, j2)]
    return out


def _row_key(r: Mapping[str, Any]) -> tuple[Any, ...]:
    return (
        r.get("dimension_no"),
        r.get("item_no"),
        r.get("indicator_no"),
        r.get("sub_no"),
        r.get("sub_indicator"),
    )


def diff_records(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    document_fields: Sequence[str] = tuple(DOCUMENT),
) -> list[Change]:
    """Given two documents in the golden format, return every difference in the compared fields.

    Dimensions and items are matched by number; rows by their place in the hierarchy
    (dimension, item, indicator, sub-indicator), so a row missing from one side shows
    as one row added or removed rather than every later row changed.
    """
    out = [
        Change(
            "document",
            "changed",
            "document",
            f,
            before["document"].get(f),
            after["document"].get(f),
        )
        for f in document_fields
        if before["document"].get(f) != after["document"].get(f)
    ]
    out += _keyed(
        "dimension",
        sorted(before["dimensions"], key=lambda d: d["dimension_no"]),
        sorted(after["dimensions"], key=lambda d: d["dimension_no"]),
        lambda d: (d["dimension_no"],),
        lambda d: f"dimension {d['dimension_no']}",
        list(DIMENSION),
    )
    out += _keyed(
        "item",
        sorted(before["items"], key=lambda i: (i["dimension_no"], i["item_no"])),
        sorted(after["items"], key=lambda i: (i["dimension_no"], i["item_no"])),
        lambda i: (i["dimension_no"], i["item_no"]),
        lambda i: f"item {i['dimension_no']}.{i['item_no']}",
        list(ITEM),
    )
    out += _keyed(
        "row",
        before["rows"],
        after["rows"],
        _row_key,
        lambda r: f"row {r['row_no']}",
        list(ROW),
    )
    return out


# --- golden check results ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One golden checked: exact, differs (with the changes) or missing (no document matched)."""

    golden: str
    result: str  # exact, differs, missing
    doc_id: str | None = None
    source: str | None = None
    changes: tuple[Change, ...] = ()
    reason: str | None = None


def check(
    golden: Mapping[str, Any],
    actual: Mapping[str, Any] | None,
    name: str,
    *,
    reason: str | None = None,
) -> CheckResult:
    """Given a golden and the matching document's record (None: none matched), return the result."""
    if actual is None:
        return CheckResult(name, "missing", reason=reason or "no document matches it")
    changes = tuple(diff_records(golden, actual))
    doc_id = str(actual.get("source_sha256", ""))[:16] or None
    return CheckResult(
        name, "differs" if changes else "exact", doc_id, str(actual.get("source")), changes
    )


def describe(c: Change, width: int = 60) -> str:
    """Given a change, return one compact line: `item 1.1 score: 88 → 87`, `row 5 added`."""
    if c.kind != "changed":
        return f"{c.where} {c.kind}"
    before, after = shown(c, width)
    return f"{c.where} {c.column}: {before} → {after}"


def shown(c: Change, width: int = 60) -> tuple[str, str]:
    """Given a change, return its before and after for a reader, each at most `width` columns.

    Two texts start a little before where they first differ, so the
    difference is in view; CJK characters count two columns.
    """
    a, b = c.before, c.after
    start = 0
    if isinstance(a, str) and isinstance(b, str):
        common = next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        start = max(0, common - width // 6)  # a little context, the difference in view
    return _clip(a, start, width), _clip(b, start, width)


def _clip(value: Any, start: int, width: int) -> str:
    if not isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = ("…" if start else "") + repr(value[start:])[1:-1]
    if cell_len(text) <= width:
        return text
    out, used = [], 1
    for ch in text:
        used += cell_len(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out) + "…"


def junit_xml(results: Sequence[CheckResult], *, suite: str = "evaltable golden check") -> str:
    """Given check results, return a JUnit XML report: one testcase per golden, failures with diffs."""
    failures = sum(r.result != "exact" for r in results)
    root = ET.Element("testsuites", name=suite, tests=str(len(results)), failures=str(failures))
    ts = ET.SubElement(
        root,
        "testsuite",
        name=suite,
        tests=str(len(results)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for r in results:
        # XML cannot hold most control characters: every text goes through safe().
        case = ET.SubElement(ts, "testcase", classname="golden", name=safe(r.golden))
        if r.result == "differs":
            message = f"{len(r.changes)} difference(s) from {safe(r.source)}"
            failure = ET.SubElement(case, "failure", type="differs", message=message)
            failure.text = "\n".join(safe(describe(c, 200)) for c in r.changes)
        elif r.result == "missing":
            reason = safe(r.reason or "no document matches it")
            ET.SubElement(case, "failure", type="missing", message=reason)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
