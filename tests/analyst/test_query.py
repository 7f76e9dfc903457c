"""`evaltable query`: SQL over the output folder as a user types it; expected values from goldens."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from pipeline.analyst.outputs import DocRef, UsageError, resolve
from pipeline.analyst.query import QueryResult, printable_rows
from pipeline.cli import main
from tests.conftest import load_golden, run_cli

SEED_GOLDEN = "000_c7dbfb6a031a896f.json"
PDF_GOLDEN = "synthetic_landoffice_112.json"


def test_readme_query_just_works(analyst_out: Path) -> None:
    proc = run_cli(
        "query",
        "select dimension_no, sum(score) as total from items group by 1 order by 1",
        "--out",
        analyst_out,
        "--format",
        "json",
    )
    assert proc.returncode == 0, proc.stderr
    got = {r["dimension_no"]: r["total"] for r in json.loads(proc.stdout)}
    expected: dict[int, float] = defaultdict(float)
    seed, pdf = load_golden(SEED_GOLDEN), load_golden(PDF_GOLDEN)
    for it in seed["items"]:  # the seed and its next-year copy (item 1-1 raised by 2)
        expected[it["dimension_no"]] += 2 * it["score"]
    expected[1] += 2
    for it in pdf["items"]:
        expected[it["dimension_no"]] += it["score"]
    assert got == pytest.approx(dict(expected))


def test_every_table_is_a_view(analyst_out: Path) -> None:
    sql = (
        "select d.source_path, count(*) as n from rows r join documents d using (doc_id) "
        "group by 1 order by 1"
    )
    proc = run_cli("query", sql, "--out", analyst_out, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    got = {
        Path(r["source_path"]).name: int(r["n"]) for r in csv.DictReader(io.StringIO(proc.stdout))
    }
    n_seed = len(load_golden(SEED_GOLDEN)["rows"])
    assert got == {
        "landoffice_112.pdf": len(load_golden(PDF_GOLDEN)["rows"]),
        "seed_107.txt": n_seed,
        "seed_108.txt": n_seed,
    }
    tables = ("cells", "checks", "metrics", "row_units", "result_items", "entities", "dimensions")
    sql = "select " + ", ".join(f"(select count(*) from {t}) as {t}" for t in tables)
    proc = run_cli("query", sql, "--out", analyst_out, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    counts = json.loads(proc.stdout)[0]
    assert all(counts[t] > 0 for t in tables), counts
    assert counts["dimensions"] == 15


def test_csv_lists_as_json_and_table_format(analyst_out: Path) -> None:
    sql = "select row_no, units from rows r join documents d using (doc_id) where d.source_path like '%seed_107.txt' and row_no = 1"
    proc = run_cli("query", sql, "--out", analyst_out, "--format", "csv")
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert rows[0] == ["row_no", "units"]
    assert json.loads(rows[1][1]) == load_golden(SEED_GOLDEN)["rows"][0]["units"]
    proc = run_cli("query", sql, "--out", analyst_out)
    assert proc.returncode == 0
    assert "row_no" in proc.stdout and "電資產品課" in proc.stdout
    assert proc.stderr.strip() == "(1 row)"


def test_values_are_shaped_for_each_format() -> None:
    result = QueryResult(
        ("n", "units", "when", "x"), ((1, ["秘書室", "計量課"], date(2018, 1, 2), float("nan")),)
    )
    assert printable_rows(result, "json") == [(1, ["秘書室", "計量課"], "2018-01-02", None)]
    assert printable_rows(result, "csv") == [(1, '["秘書室", "計量課"]', "2018-01-02", None)]
    assert result.numeric() == (True, False, False, True)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("selec 1", "syntax error"),
        ("select * from nope", "nope"),
        ("select nonexistent_column from documents", "nonexistent_column"),
        ("   ", "empty query"),
    ],
)
def test_sql_errors_are_usage_errors_with_duckdbs_message(
    analyst_out: Path, sql: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", sql, "--out", str(analyst_out)]) == 2
    out, err = capsys.readouterr()
    assert message in err
    assert "Traceback" not in err + out
    assert out == ""


def test_sql_error_from_the_command_line(analyst_out: Path) -> None:
    proc = run_cli("query", "selec 1", "--out", analyst_out)
    assert proc.returncode == 2 and "Parser Error" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_missing_folder_and_bad_format(tmp_path: Path, analyst_out: Path) -> None:
    proc = run_cli("query", "select 1", "--out", tmp_path / "nothing")
    assert proc.returncode == 2 and "holds no tables" in proc.stderr
    proc = run_cli("query", "select 1", "--out", analyst_out, "--format", "xml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


DOCS = [
    DocRef("85602e27d9b645b1", "raw/a/seed.txt", "text", "基隆分局", 107, "ok"),
    DocRef("8560aa0000000000", "in/other.pdf", "pdf", "地政事務所", 112, "ok"),
    DocRef("da4ce2e4f3da83fe", "in/seed.pdf", "pdf", None, None, "failed"),
]


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        ("85602e27d9b645b1", "85602e27d9b645b1"),
        ("85602", "85602e27d9b645b1"),
        ("DA4C", "da4ce2e4f3da83fe"),
        ("seed.txt", "85602e27d9b645b1"),
        ("other.pdf", "8560aa0000000000"),
        ("in/seed.pdf", "da4ce2e4f3da83fe"),
    ],
)
def test_documents_are_named_by_id_prefix_or_file(name: str, doc_id: str) -> None:
    assert resolve(DOCS, name).doc_id == doc_id


@pytest.mark.parametrize(
    ("name", "message"), [("8560", "several"), ("zz", "no document"), ("", "empty")]
)
def test_ambiguous_or_unknown_names_are_usage_errors(name: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        resolve(DOCS, name)
