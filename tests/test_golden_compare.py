"""`evaltable golden export/check` and `evaltable compare` as a user runs them (issue 15)."""

from __future__ import annotations

import copy
import json
import shlex
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from rich.cells import cell_len

from pipeline import golden
from tests.conftest import GOLDEN_DIR, REPO, SEED, run_cli

SEED_GOLDEN = GOLDEN_DIR / "000_c7dbfb6a031a896f.json"
SYNTHETIC_GOLDEN = GOLDEN_DIR / "synthetic_landoffice_112.json"
SYNTHETIC_PDF = REPO / "tests" / "fixtures" / "pdf" / "synthetic_landoffice_a4_merged.pdf"


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _verified(data: dict[str, Any]) -> dict[str, Any]:
    return {**copy.deepcopy(data), "verified_by": "test (a copy of the hand-checked golden)"}


@pytest.fixture(scope="module")
def seed_golden_data() -> dict[str, Any]:
    return golden.load(SEED_GOLDEN)


def test_our_goldens_pass_golden_check(seed_outputs: Path, tmp_path: Path) -> None:
    # Our goldens carry verified_by (how they were checked: tests/golden/README.md).
    seed = run_cli("golden", "check", SEED_GOLDEN, "--out", seed_outputs)
    assert seed.returncode == 0, seed.stdout + seed.stderr
    assert "exact" in seed.stdout and "differs" not in seed.stdout
    out = tmp_path / "pdf"
    assert run_cli("run", SYNTHETIC_PDF, "--out", out, "--quiet").returncode == 0
    synthetic = run_cli(
        "golden",
        "check",
        SYNTHETIC_GOLDEN,
        "--out",
        out,
        "--doc",
        SYNTHETIC_PDF.name,
    )
    assert synthetic.returncode == 0, synthetic.stdout + synthetic.stderr


def test_export_writes_an_unverified_golden_that_checks_exact(
    seed_outputs: Path, tmp_path: Path, seed_golden_data: dict[str, Any]
) -> None:
    target = tmp_path / "g" / "seed.json"
    proc = run_cli("golden", "export", "85602e27", "--out", seed_outputs, "-o", target)
    assert proc.returncode == 0, proc.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith('{\n "exported_by": "evaltable ')
    data = json.loads(text)
    assert list(data)[:3] == ["exported_by", "warning", "verified_by"] and data["verified_by"] == ""
    assert "checked every value against the source" in data["warning"]
    assert data["source_sha256"].startswith("85602e27d9b645b1")
    # the same hierarchy as the hand-made golden (which also has items' cell_text)
    for section in ("document", "dimensions", "rows"):
        assert data[section] == seed_golden_data[section], section
    assert data["items"] == [
        {k: v for k, v in i.items() if k != "cell_text"} for i in seed_golden_data["items"]
    ]
    refused = run_cli("golden", "check", target, "--out", seed_outputs)
    assert refused.returncode == 2 and "verified_by is empty" in refused.stderr
    assert (
        run_cli("golden", "check", target, "--out", seed_outputs, "--allow-unverified").returncode
        == 0
    )
    again = run_cli("golden", "export", "85602e27", "--out", seed_outputs, "-o", target)
    assert again.returncode == 2 and "--force" in again.stderr


def test_a_changed_score_makes_check_exit_1_and_name_the_item(
    seed_outputs: Path, tmp_path: Path, seed_golden_data: dict[str, Any]
) -> None:
    data = _verified(seed_golden_data)
    item = next(i for i in data["items"] if (i["dimension_no"], i["item_no"]) == (2, 1))
    item["score"] = item["score"] - 1
    junit = tmp_path / "report.xml"
    proc = run_cli(
        "golden",
        "check",
        _write(tmp_path / "g.json", data),
        "--out",
        seed_outputs,
        "--junit",
        junit,
    )
    assert proc.returncode == 1
    assert "differs" in proc.stdout
    (line,) = [ln for ln in proc.stdout.splitlines() if "item 2.1" in ln]
    assert "score" in line and str(item["score"]) in line and str(item["score"] + 1) in line
    # JUnit: testsuites/testsuite/testcase with a failure naming the difference
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("tests") == "1" and suite.get("failures") == "1"
    (case,) = suite.findall("testcase")
    assert case.get("name") == str(tmp_path / "g.json") and case.get("classname") == "golden"
    (failure,) = case.findall("failure")
    assert failure.get("type") == "differs" and "item 2.1 score" in (failure.text or "")


def test_a_row_deleted_from_a_golden_shows_as_added(
    seed_outputs: Path, tmp_path: Path, seed_golden_data: dict[str, Any]
) -> None:
    data = _verified(seed_golden_data)
    del data["rows"][24]  # row 25, not renumbered: the person only deleted it
    proc = run_cli(
        "golden",
        "check",
        _write(tmp_path / "g.json", data),
        "--out",
        seed_outputs,
        "--format",
        "json",
    )
    assert proc.returncode == 1
    (result,) = json.loads(proc.stdout)
    assert result["result"] == "differs"
    assert [(c["part"], c["kind"], c["where"]) for c in result["changes"]] == [
        ("row", "added", "row 25")
    ]


def test_missing_document_and_exact_document_in_one_report(
    seed_outputs: Path, tmp_path: Path, seed_golden_data: dict[str, Any]
) -> None:
    other = _verified(seed_golden_data)
    other["source"] = "raw/not_processed.txt"
    folder = tmp_path / "goldens"
    folder.mkdir()
    _write(folder / "a.json", _verified(seed_golden_data))
    _write(folder / "b.json", other)
    junit = tmp_path / "r.xml"
    proc = run_cli("golden", "check", folder, "--out", seed_outputs, "--junit", junit)
    assert proc.returncode == 1
    rows = {
        ln.split("│")[1].strip(): ln.split("│")[2].strip()
        for ln in proc.stdout.splitlines()
        if ".json" in ln
    }
    assert rows == {str(folder / "a.json"): "exact", str(folder / "b.json"): "missing"}
    cases = ET.parse(junit).getroot().find("testsuite").findall("testcase")  # type: ignore[union-attr]
    assert [c.find("failure") is None for c in cases] == [True, False]


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (
            lambda d: d["rows"][3].__setitem__("units", "報驗發證課"),
            "rows[3].units: expected a list of text",
        ),
        (lambda d: d["document"].pop("agency"), "document.agency: missing"),
        (lambda d: d["items"][0].__setitem__("score", "88"), "items[0].score: expected a number"),
        (lambda d: d.pop("rows"), "rows: expected a list"),
    ],
)
def test_a_malformed_golden_is_a_usage_error(
    seed_outputs: Path, tmp_path: Path, seed_golden_data: dict[str, Any], mutate: Any, words: str
) -> None:
    data = _verified(seed_golden_data)
    mutate(data)
    proc = run_cli("golden", "check", _write(tmp_path / "bad.json", data), "--out", seed_outputs)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert words in line and "docs/golden-format.md" in line


def test_extra_optional_keys_are_tolerated(
    seed_outputs: Path, tmp_path: Path, seed_golden_data: dict[str, Any]
) -> None:
    data = _verified(seed_golden_data)
    data["document"]["notes"] = "generated form family: variant B"
    data["rows"][0]["extra"] = {"layout": "merged"}
    data["generator"] = {"seed": 7}
    proc = run_cli("golden", "check", _write(tmp_path / "g.json", data), "--out", seed_outputs)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_compare_a_folder_with_itself_reports_no_change(seed_outputs: Path) -> None:
    proc = run_cli("compare", seed_outputs, seed_outputs)
    assert proc.returncode == 0, proc.stderr
    assert "1 document(s), 0 changed" in proc.stdout
    as_csv = run_cli("compare", seed_outputs, seed_outputs, "--format", "csv")
    assert as_csv.stdout.splitlines() == [
        "doc_id,path,old_status,new_status,part,kind,where,column,old,new"
    ]


def test_compare_after_editing_one_cell_reports_that_row_and_column(tmp_path: Path) -> None:
    src = tmp_path / "in" / "form.txt"
    src.parent.mkdir()
    shutil.copy(SEED, src)
    old, new = tmp_path / "old", tmp_path / "new"
    assert run_cli("run", src, "--out", old, "-q").returncode == 0
    text = src.read_text(encoding="utf-8")
    assert text.count("完成訂定商品報驗發證") == 1  # row 1's result, source line 39
    src.write_text(text.replace("完成訂定商品報驗發證", "完成制定商品報驗發證"), encoding="utf-8")
    assert run_cli("run", src, "--out", new, "-q").returncode == 0
    proc = run_cli("compare", old, new, "--format", "json", "--parquet", tmp_path / "changes")
    assert proc.returncode == 0, proc.stderr
    changes = json.loads(proc.stdout)
    assert [(c["path"], c["part"], c["kind"], c["where"], c["column"]) for c in changes] == [
        (str(src), "row", "changed", "row 1", "result")
    ]
    assert changes[0]["old"].startswith("完成訂定") and changes[0]["new"].startswith("完成制定")
    stored = pd.read_parquet(tmp_path / "changes" / "changes.parquet")
    assert stored[["where", "column"]].values.tolist() == [["row 1", "result"]]
    table = run_cli("compare", old, new)
    assert "1 document(s), 1 changed" in table.stdout and "row changed" in table.stdout


def test_compare_refuses_incompatible_schemas(seed_outputs: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(seed_outputs, other)
    docs_file = next((other / "documents").glob("*.parquet"))
    docs = pd.read_parquet(docs_file)
    docs["schema_version"] = "2.0"
    docs.to_parquet(docs_file)
    proc = run_cli("compare", seed_outputs, other)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert "schema versions 1." in line and "2.0" in line and "not comparable" in line


def test_golden_and_compare_usage_errors(tmp_path: Path, seed_outputs: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for argv, words in [
        (
            ("golden", "check", SEED_GOLDEN, "--out", empty, "--allow-unverified"),
            "has no documents table",
        ),
        (
            ("golden", "export", "ffff0000", "--out", seed_outputs, "-o", tmp_path / "x.json"),
            "no document",
        ),
        (("golden", "check", empty, "--out", seed_outputs), "no .json goldens"),
        (("compare", seed_outputs, empty), "has no documents table"),
    ]:
        proc = run_cli(*argv)
        assert proc.returncode == 2, argv
        (line,) = proc.stderr.splitlines()
        assert words in line, (argv, line)


def _recipe() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- upgrade recipe -->\n```sh\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line.split("#", 1)[0]) for line in block.splitlines() if line.strip()]


def test_the_readme_upgrade_recipe_end_to_end(
    tmp_path: Path, seed_golden_data: dict[str, Any]
) -> None:
    (tmp_path / "archive").mkdir()
    shutil.copy(SEED, tmp_path / "archive" / SEED.name)
    (tmp_path / "goldens").mkdir()
    _write(tmp_path / "goldens" / "seed.json", _verified(seed_golden_data))
    assert run_cli("run", "archive/", "--out", "outputs/", "-q", cwd=tmp_path).returncode == 0
    steps = _recipe()
    assert [s[:2] for s in steps] == [
        ["cp", "-r"],
        ["evaltable", "run"],
        ["evaltable", "compare"],
        ["evaltable", "golden"],
    ]
    for step in steps:
        if step[0] == "cp":
            shutil.copytree(tmp_path / step[2], tmp_path / step[3])
            continue
        proc = run_cli(*step[1:], cwd=tmp_path)
        assert proc.returncode == 0, (step, proc.stdout, proc.stderr)
        if step[1] == "compare":
            assert "1 document(s), 0 changed" in proc.stdout
        if step[1] == "golden":
            assert "exact" in proc.stdout


def test_shown_values_start_where_two_texts_differ() -> None:
    before = "甲" * 100 + "乙丙丁"
    after = "甲" * 100 + "乙X丁"
    old, new = golden.shown(golden.Change("row", "changed", "row 1", "result", before, after), 20)
    assert old.startswith("…甲") and "乙丙丁" in old and "乙X丁" in new
    assert max(cell_len(old), cell_len(new)) <= 20
    assert golden.shown(golden.Change("item", "changed", "item 1.1", "score", 88, 87.5)) == (
        "88",
        "87.5",
    )


def test_largest_changes_rank_status_then_numbers_then_rows_then_text() -> None:
    from pipeline.compare import Comparison, DocumentChanges, largest

    changes = (
        golden.Change("row", "changed", "row 3", "result", "abc", "abd"),
        golden.Change("row", "added", "row 9"),
        golden.Change("item", "changed", "item 1.1", "score", 88, 80),
        golden.Change("document", "changed", "document", "status", "ok", "partial"),
        golden.Change("item", "changed", "item 1.2", "score", 10, 11),
    )
    result = Comparison(
        "1.1", "1.1", (DocumentChanges("d" * 16, "a.txt", "ok", "partial", changes),)
    )
    assert [c.where for _, c in largest(result, 4)] == ["document", "item 1.1", "item 1.2", "row 9"]


def test_unwritable_report_paths_are_usage_errors(seed_outputs: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    for argv in [
        ("golden", "export", "85602e27", "--out", seed_outputs, "-o", blocker / "g.json"),
        (
            "golden",
            "check",
            SEED_GOLDEN,
            "--out",
            seed_outputs,
            "--allow-unverified",
            "--junit",
            blocker / "r.xml",
        ),
        ("compare", seed_outputs, seed_outputs, "--parquet", blocker / "changes"),
    ]:
        proc = run_cli(*argv)
        assert proc.returncode == 2, argv
        (line,) = proc.stderr.splitlines()
        assert "cannot write" in line and "a_file" in line, line
