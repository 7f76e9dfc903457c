"""The one output module: escaping of hostile text, tables (CJK widths), CSV/JSON, and no other printing."""

from __future__ import annotations

import ast
import csv
import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from pipeline.console import Column, Output, Styled, csv_text, safe, to_json
from tests.conftest import REPO

HOSTILE = {
    # what a file name or a document field may hold → what the terminal must see
    "evil\x1b]0;pwned\x07.txt": "evil\\x1b]0;pwned\\x07.txt",  # OSC: set window title
    "a\nok      forged.txt": "a\\nok      forged.txt",  # a forged output line
    "x\r\x1b[2Ky": "x\\r\\x1b[2Ky",  # carriage return + erase line
    "csi\x9b31m": "csi\\x9b31m",  # C1 CSI
    "del\x7f": "del\\x7f",
    "tab\there": "tab\\there",
    "\u202egnp.exe": "\\u202egnp.exe",  # right-to-left override
    "line\u2028sep": "line\\u2028sep",
    "\udcb5\udca6.txt": "\\xb5\\xa6.txt",  # a Big5 name decoded with surrogateescape
    "[bold red]not markup[/]": "[bold red]not markup[/]",
    ":smile: 評核表 ok": ":smile: 評核表 ok",
}


@pytest.mark.parametrize(("raw", "shown"), HOSTILE.items(), ids=[repr(k) for k in HOSTILE])
def test_safe_escapes_what_a_terminal_would_obey(raw: str, shown: str) -> None:
    assert safe(raw) == shown


@pytest.mark.parametrize("raw", HOSTILE)
def test_a_line_prints_hostile_text_as_visible_escapes(raw: str) -> None:
    out = io.StringIO()
    Output(out, io.StringIO(), force_terminal=True).line(
        Styled("failed ", "red"), " ", raw, ": ", "reason"
    )
    text = out.getvalue()
    visible = text.replace("\x1b[31m", "").replace("\x1b[0m", "")  # our own colour only
    assert visible == f"failed  {HOSTILE[raw]}: reason\n"
    assert text.count("\n") == 1


def test_json_output_escapes_c1_bidi_and_surrogates_and_keeps_the_data() -> None:
    value = {"path": "a\x9b\u202e\udcb5.txt", "error": "bad\x1b[31m\n", "評核": 1}
    text = to_json(value)
    assert not any(0x7F <= ord(c) <= 0x9F or c in "\u202e\x1b\n" for c in text)
    text.encode("utf-8")  # no lone surrogate left: printable on any UTF-8 stream
    assert json.loads(text) == value
    assert "評核" in text  # CJK stays readable


def test_csv_is_exact_in_a_file_and_escaped_on_a_terminal() -> None:
    cols = [Column("path"), Column("pages", numeric=True)]
    rows = [("a\x1b]0;t\x07,\n.txt", 3), ("評核表.txt", None)]
    exact = list(csv.reader(io.StringIO(csv_text(cols, rows, escape=False))))
    assert exact == [["path", "pages"], ["a\x1b]0;t\x07,\n.txt", "3"], ["評核表.txt", ""]]
    shown = csv_text(cols, rows, escape=True)
    assert "\x1b" not in shown and "\x07" not in shown and "a\\x1b]0;t\\x07,\\n.txt" in shown


def _table_screen(width: int, rows: list[tuple[object, ...]]) -> list[str]:
    output = Output(io.StringIO(), io.StringIO(), force_terminal=True, width=width, record=True)
    output.table(
        [Column("status"), Column("path"), Column("pages", numeric=True), Column("reason")], rows
    )
    return output.out.export_text().splitlines()


def test_table_screenshot_aligns_cjk_and_escapes_cells() -> None:
    rows: list[tuple[object, ...]] = [
        ("failed", "in/empty.txt", None, "empty file (0 bytes)"),
        ("partial", "in/基隆分局評核表.txt", 23, "小計 178 ≠ 177"),
        ("failed", "in/evil\x1b]0;t\x07.txt", 1, "a\nforged"),
    ]
    screen = _table_screen(100, rows)
    assert len(screen) == 3 + 3 + 1  # top, header, rule, 3 rows, bottom
    # every line has the same display width: CJK characters count two columns
    assert len({cell_len(ln) for ln in screen}) == 1
    header = screen[1]
    assert [h.strip() for h in header.strip("┃").split("┃")] == [
        "status",
        "path",
        "pages",
        "reason",
    ]
    body = {ln.split("│")[2].strip(): ln for ln in screen[3:-1]}
    assert set(body) == {"in/empty.txt", "in/基隆分局評核表.txt", "in/evil\\x1b]0;t\\x07.txt"}
    assert body["in/基隆分局評核表.txt"].split("│")[3].strip() == "23"  # numbers right-aligned
    assert body["in/基隆分局評核表.txt"].split("│")[3].endswith("23 ")
    assert "a\\nforged" in body["in/evil\\x1b]0;t\\x07.txt"]


def test_narrow_terminal_wraps_cjk_cells_inside_the_table() -> None:
    screen = _table_screen(
        40, [("partial", "in/基隆分局評核表基隆分局評核表.txt", 23, "小計不等於項目分數之和")]
    )
    assert len({cell_len(ln) for ln in screen}) == 1 and cell_len(screen[0]) <= 40
    # a long name folds onto more lines of its cell rather than being cut
    assert (
        "".join(ln.split("│")[2].strip() for ln in screen[3:-1])
        == "in/基隆分局評核表基隆分局評核表.txt"
    )


def test_table_in_a_log_takes_its_natural_width() -> None:
    out = io.StringIO()
    long_path = "in/" + "很長的資料夾名稱/" * 12 + "評核表.txt"
    Output(out, io.StringIO(), width=60).table(["path", "reason"], [(long_path, "empty file")])
    lines = out.getvalue().splitlines()
    assert any(long_path in ln for ln in lines)  # not wrapped, not cut
    assert "\x1b" not in out.getvalue()


def test_table_formats_csv_and_json_go_to_stdout_exactly() -> None:
    rows = [("ok", "a.txt", 23, None)]
    cols = ["status", "path", "pages", "reason"]
    out = io.StringIO()
    Output(out, io.StringIO()).table(cols, rows, fmt="json")
    assert json.loads(out.getvalue()) == [
        {"status": "ok", "path": "a.txt", "pages": 23, "reason": None}
    ]
    out = io.StringIO()
    Output(out, io.StringIO()).table(cols, rows, fmt="csv")
    assert out.getvalue() == "status,path,pages,reason\nok,a.txt,23,\n"


# --- no other way to the terminal -----------------------------------------------------

OUTPUT_MODULE = "pipeline/console.py"
FORBIDDEN_CALLS = {"print", "echo", "secho", "pprint"}
FORBIDDEN_ATTRS = {"stdout", "stderr"}


def _violations(path: Path) -> list[str]:
    found = []
    where = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            if name in FORBIDDEN_CALLS or name == "Console":
                found.append(f"{where}:{node.lineno}: {name}(…)")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in FORBIDDEN_ATTRS
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        ):
            found.append(f"{where}:{node.lineno}: sys.{node.attr}")
    return found


def test_only_the_output_module_writes_to_the_terminal() -> None:
    """Every character the package shows goes through pipeline/console.py (escaped there).

    A bare print(), click.echo(), a new rich Console or a write to sys.stdout/stderr
    anywhere else in the package fails this test: route it through `console.OUTPUT`.
    """
    files = sorted((REPO / "pipeline").rglob("*.py"))
    assert len(files) > 10
    bad = [
        v for f in files if f.relative_to(REPO).as_posix() != OUTPUT_MODULE for v in _violations(f)
    ]
    assert bad == []


def test_the_print_check_catches_a_print(tmp_path: Path) -> None:
    f = tmp_path / "probe.py"
    f.write_text("import sys\nprint('x')\nsys.stderr.write('y')\nclick.echo(1)\n", encoding="utf-8")
    assert len(_violations(f)) == 3
