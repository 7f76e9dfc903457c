"""The data dictionary: `docs/data-dictionary.md`, generated from `pipeline.schemas`.

`python -m pipeline.analyst.dictionary` (or `make docs`) rewrites it; a test fails
when the committed file differs from what `render_dictionary` returns.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from pipeline.schemas import DIFF_TABLES, EXAMPLES, SCHEMA_VERSION, TABLE_DOCS, TABLES, Col

DICTIONARY_PATH = "docs/data-dictionary.md"


def type_name(t: pa.DataType) -> str:
    """Given an Arrow type, return the name an analyst knows it by (DuckDB's spelling)."""
    if pa.types.is_list(t):
        return f"list of {type_name(t.value_type)}"
    names = {
        pa.string(): "text",
        pa.int32(): "integer",
        pa.int64(): "bigint",
        pa.float64(): "double",
        pa.bool_(): "boolean",
    }
    return names.get(t, str(t))


def _example(value: object) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, list | bool) else str(value)
    text = text.replace("|", "\\|")
    return f"`{text}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_section(name: str, cols: tuple[Col, ...]) -> list[str]:
    """Given a table's name and columns, return its Markdown section's lines."""
    examples = EXAMPLES.get(name, {})
    lines = [f"## `{name}`", "", TABLE_DOCS.get(name, ""), ""]
    lines += [
        "| column | type | null? | description | example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in cols:
        lines.append(
            f"| `{c.name}` | {type_name(c.type)} | {'yes' if c.nullable else 'no'} "
            f"| {_cell(c.description)} | {_example(examples.get(c.name))} |"
        )
    return [*lines, ""]


def render_dictionary() -> str:
    """Return the data dictionary as Markdown: every table, column, type, description, example."""
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated from pipeline/schemas.py by `make docs`; do not edit by hand. -->",
        "",
        f"Schema version **{SCHEMA_VERSION}**. Each table is a folder `<out>/<table>/` of Parquet",
        "files, one per document (`<doc_id>.parquet`); each file carries `schema_version` and",
        "`table` in its schema metadata and every column's description in its field metadata.",
        "`evaltable query` sees each table as a view of the same name.",
        "",
    ]
    for name, cols in TABLES.items():
        lines += table_section(name, cols)
    lines += [
        "# Tables written by `evaltable diff A B --parquet DIR`",
        "",
        "One file per table, `DIR/<table>.parquet`, comparing document A with document B.",
        "",
    ]
    for name, cols in DIFF_TABLES.items():
        lines += table_section(name, cols)
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    from pipeline.console import OUTPUT
    from pipeline.store import write_text

    path = Path(__file__).resolve().parents[2] / DICTIONARY_PATH
    text = render_dictionary()
    stale = not path.exists() or path.read_text(encoding="utf-8") != text
    if stale:
        write_text(path, text)
    OUTPUT.note(f"{path}: {'updated' if stale else 'up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
