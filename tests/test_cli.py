"""The command line as a user meets it: exit codes, failures as data, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.run import process_path
from tests.conftest import SEED, run_cli


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    """A folder with the seed, three bad .txt files and one nested good copy."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "good.txt").write_bytes(SEED.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "junk.txt").write_bytes(bytes(range(256)) * 64)
    (src / "letter.txt").write_text(
        "各位鄉親：\n本所訂於下週舉辦說明會，歡迎參加。\n", encoding="utf-8"
    )
    # Big5-HKSCS: the seed has 鱻, which plain CP950 cannot encode.
    (src / "sub" / "big5.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("big5hkscs"))
    (src / "sub" / "utf16.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    (src / "notes.md").write_text("not an input", encoding="utf-8")
    return src


def test_bad_inputs_fail_alone_with_specific_reasons(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", batch, "--out", out)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    docs = pd.read_parquet(out / "documents").set_index("source_path")
    status = {Path(p).name: s for p, s in docs["status"].items()}
    assert status == {
        "good.txt": "ok",
        "big5.txt": "ok",
        "utf16.txt": "ok",
        "empty.txt": "failed",
        "junk.txt": "failed",
        "letter.txt": "failed",
    }
    errors = {Path(p).name: e for p, e in docs["error"].items()}
    assert errors["empty.txt"] == "empty file (0 bytes)"
    assert errors["junk.txt"].startswith("not a text file")
    assert errors["letter.txt"].startswith("no evaluation table found")
    # one line per failure on stderr, naming the file and the reason
    fail_lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("failed")]
    assert len(fail_lines) == 3 and all("txt: " in ln for ln in fail_lines)
    # the good documents' rows are there, whatever failed around them
    rows = pd.read_parquet(out / "rows")
    assert rows.groupby("doc_id").size().tolist() == [48, 48, 48]  # good, big5 and utf16


def test_big5_and_utf8_copies_give_identical_rows(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli("run", batch / "good.txt", batch / "sub" / "big5.txt", "--out", out)
    rows = pd.read_parquet(out / "rows")
    a, b = (g.drop(columns="doc_id").reset_index(drop=True) for _, g in rows.groupby("doc_id"))
    pd.testing.assert_frame_equal(a, b)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("run", tmp_path / "missing.txt", "--out", tmp_path / "o").returncode == 2
    assert run_cli("run", SEED).returncode == 2  # --out missing
    assert run_cli("frobnicate").returncode == 2
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    proc = run_cli("run", empty, "--out", tmp_path / "o")
    assert proc.returncode == 2 and "no .pdf or .txt inputs" in proc.stderr


def test_json_summary(tmp_path: Path) -> None:
    proc = run_cli("run", SEED, "--out", tmp_path / "o", "--json")
    assert proc.returncode == 0
    summary = json.loads(proc.stdout)
    assert summary["counts"] == {"ok": 1}
    assert summary["documents"][0]["doc_id"] == "85602e27d9b645b1"


def test_rerun_replaces_a_documents_rows(tmp_path: Path) -> None:
    out = tmp_path / "o"
    for _ in range(2):
        assert run_cli("run", SEED, "--out", out).returncode == 0
    assert len(pd.read_parquet(out / "rows")) == 48
    assert len(pd.read_parquet(out / "documents")) == 1
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_unreadable_file_is_a_failed_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root (CI) reads any mode, so the permission error is simulated at the open.
    import pipeline.inputs

    f = tmp_path / "secret.txt"
    f.write_bytes(SEED.read_bytes())

    def deny(path: object, *args: object) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(pipeline.inputs.os, "open", deny)
    outcome = process_path(f)
    monkeypatch.undo()
    assert outcome.status == "failed"
    assert outcome.error == "cannot read file: permission denied"
    assert outcome.source.path == str(f)


def test_dangling_symlink_is_a_failed_row(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    proc = run_cli("run", src, "--out", tmp_path / "o")
    assert proc.returncode == 1
    assert "gone.txt: cannot read file: No such file or directory" in proc.stderr


def test_symlink_loop_in_input_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_bytes(SEED.read_bytes())
    (src / "loop").symlink_to(src, target_is_directory=True)
    (src / "self.txt").symlink_to(src / "self.txt")
    proc = run_cli("run", src, "--out", tmp_path / "o")
    assert proc.returncode == 1, proc.stderr
    docs = pd.read_parquet(tmp_path / "o" / "documents")
    assert sorted(docs["status"]) == ["failed", "ok"]
    assert "symbolic links" in docs.loc[docs["status"] == "failed", "error"].item()
