"""The data dictionary is generated from pipeline/schemas.py and kept in step with it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.analyst.dictionary import DICTIONARY_PATH, render_dictionary
from pipeline.schemas import DIFF_TABLES, EXAMPLES, SCHEMA_VERSION, TABLE_DOCS, TABLES
from tests.conftest import REPO


def test_dictionary_is_not_stale() -> None:
    committed = (REPO / DICTIONARY_PATH).read_text(encoding="utf-8")
    assert committed == render_dictionary(), (
        f"{DICTIONARY_PATH} is stale: run `make docs` and commit it"
    )


def test_dictionary_names_every_column_with_type_and_description() -> None:
    text = render_dictionary()
    for name, cols in {**TABLES, **DIFF_TABLES}.items():
        section = text.split(f"## `{name}`\n", 1)[1].split("\n## ", 1)[0]
        for c in cols:
            line = next(ln for ln in section.splitlines() if ln.startswith(f"| `{c.name}` |"))
            assert c.description.replace("|", "\\|") in line


def test_every_table_and_column_has_a_doc_and_an_example_of_its_type() -> None:
    for name, cols in {**TABLES, **DIFF_TABLES}.items():
        assert TABLE_DOCS.get(name), name
        assert set(EXAMPLES[name]) == {c.name for c in cols}, name
        for c in cols:
            pa.array([EXAMPLES[name][c.name]], type=c.type)  # raises if it does not fit


def test_parquet_files_carry_schema_version_and_descriptions(analyst_out: Path) -> None:
    files = 0
    for name, cols in TABLES.items():
        described = {c.name: c.description for c in cols}
        for path in sorted((analyst_out / name).glob("*.parquet")):
            schema = pq.read_schema(path)
            assert schema.metadata[b"schema_version"].decode() == SCHEMA_VERSION, path
            assert schema.metadata[b"table"].decode() == name, path
            got = {f.name: (f.metadata or {}).get(b"description", b"").decode() for f in schema}
            assert got == described, path
            files += 1
    assert files == 3 * len(TABLES)


def test_a_changed_description_makes_the_dictionary_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    before = render_dictionary()
    cols = TABLES["items"]
    changed = (*cols[:3], replace(cols[3], description="changed"), *cols[4:])
    monkeypatch.setitem(TABLES, "items", changed)
    assert render_dictionary() != before
