"""Issue 16: hostile file systems, hostile text, hostile output folders.

The batch never hangs, never crashes with a traceback, never writes outside --out.
Each test reproduces one break of the issue (numbered as there).  Most run the batch
in-process (`run_batch`, `cli.main`); forked children still do the documents.
CI runs as root, which reads and writes anything: where a permission matters, a
forked child drops to `nobody` with os.setuid first, and says so.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import signal
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import batch, cli, inputs, store
from pipeline.batch import Limits, Task, TaskResult, run_batch
from pipeline.display import safe_display, safe_storage
from pipeline.errors import LimitError
from pipeline.limits import OptionError, check_dask_address, check_reprocess
from pipeline.models import Check, SourceInfo
from pipeline.records import outcome_to_records
from pipeline.run import outcome_of, process_bytes, summarize_findings
from tests.conftest import REPO, SEED

LIMITS = Limits(seconds=120)
NOBODY = 65534
A4 = REPO / "tests" / "fixtures" / "pdf" / "seed_a4_merged.pdf"


def seed_variant(path: Path, n: int) -> Path:
    """A copy of the seed whose content (hence doc id) differs by n trailing newlines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SEED.read_bytes() + b"\n" * n)
    return path


def run(paths: list[Path], out: Path, **kw: object) -> batch.BatchResult:
    return run_batch(paths, out, workers=1, limits=LIMITS, **kw)  # type: ignore[arg-type]


def docs(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents")


def main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the CLI in-process; return (exit code, stdout + stderr).  Usage errors raise SystemExit."""
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    cap = capsys.readouterr()
    text = cap.out + cap.err
    assert "Traceback" not in text
    return code, text


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging forever (the bug some of these tests reproduce is a hang)."""

    def boom(signum: int, frame: object) -> None:
        raise TimeoutError(f"hung for {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def as_nobody(fn: Callable[[], int]) -> int:
    """Run fn in a forked child that dropped root for `nobody`; return its exit code."""
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            code = fn()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder `nobody` can enter (pytest's tmp_path is root-only, 0700)."""
    d = Path(tempfile.mkdtemp(prefix="evaltable-rel-"))
    d.chmod(0o755)
    try:
        yield d
    finally:
        for p in d.rglob("*"):
            with contextlib.suppress(OSError):
                p.chmod(0o755 if p.is_dir() and not p.is_symlink() else 0o644)
        import shutil

        shutil.rmtree(d, ignore_errors=True)


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="drops root with os.setuid")


# 1 ---------------------------------------------------------------------------------


def test_01_a_non_utf8_file_name_is_processed_and_stored_with_its_bytes_escaped(
    tmp_path: Path,
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    raw = "107年度評核表.txt".encode("big5")  # what unzipping a Windows archive gives
    name = os.fsdecode(raw)
    (src / name).write_bytes(SEED.read_bytes())
    seed_variant(src / "after.txt", 1)
    out = tmp_path / "out"
    result = run([src], out)
    assert sorted(r.status for r in result.results) == ["ok", "ok"]
    stored = set(docs(out)["source_path"])
    escaped = str(src) + "/" + raw.decode("utf-8", "backslashreplace")
    assert escaped in stored and str(src / "after.txt") in stored
    assert os.fsencode(
        escaped.encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8", "surrogateescape")
    ) == os.fsencode(str(src / name))  # lossless: the escaped form gives the bytes back
    again = run([src], out)
    assert [r.skipped for r in again.results] == [True, True]


# 2 ---------------------------------------------------------------------------------


def test_02_a_fifo_and_a_device_symlink_are_failed_rows_not_a_hang(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    os.mkfifo(src / "x.txt")
    (src / "z.txt").symlink_to("/dev/zero")
    seed_variant(src / "good.txt", 0)
    with deadline(60):
        result = run([src], tmp_path / "out")
    by_name = {Path(r.path).name: r for r in result.results}
    assert by_name["x.txt"].status == "failed"
    assert by_name["x.txt"].error == "not a regular file: a FIFO (named pipe)"
    assert by_name["z.txt"].error == "not a regular file: a character device"
    assert by_name["good.txt"].status == "ok"


# 3 ---------------------------------------------------------------------------------


def test_03_same_relative_path_from_two_folders_is_two_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_variant(tmp_path / "a" / "forms" / "form_001.txt", 1)
    seed_variant(tmp_path / "b" / "forms" / "form_001.txt", 2)
    out = tmp_path / "out"
    for folder in ("a", "b"):
        monkeypatch.chdir(tmp_path / folder)
        run([Path("forms/form_001.txt")], out)
    d = docs(out)
    assert sorted(d["source_path"]) == [
        str(tmp_path / "a" / "forms" / "form_001.txt"),
        str(tmp_path / "b" / "forms" / "form_001.txt"),
    ]
    assert len(list((out / "rows").glob("*.parquet"))) == 2


# 4 ---------------------------------------------------------------------------------


def test_04_escapes_never_reach_the_terminal_or_the_stored_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    evil = "x.txt\nok      forged.txt: 48 rows\x1b]0;pwned\x07.txt"
    (src / evil).write_bytes(b"")  # fails: empty file
    out = tmp_path / "out"
    code, text = main(["run", str(src), "--out", str(out), "--workers", "1"], capsys)
    assert code == 1
    assert "\x1b" not in text and "\x07" not in text
    assert not any(line.startswith("ok ") for line in text.splitlines()), text
    assert "x.txt\\nok      forged.txt" in text
    # the lock holder's text is shown escaped too
    with store.exclusive(out):
        (out / store.LOCK_NAME).write_text("pid 1\x1b[2J\x1b]0;owned\x07")
        code, text = main(["run", str(src), "--out", str(out)], capsys)
    assert code == 2 and "\x1b" not in text and "pid 1\\x1b[2J" in text
    # stored messages: library errors quoting raw bytes, check messages quoting names
    failed = outcome_of(b"%PDF-1.4\n\x1b[31m", SourceInfo("p", "0" * 64, 9, "pdf"))
    assert failed.error is not None and "\x1b" not in failed.error
    assert safe_storage("Non-Ascii85 digit found: \x1b\x9b") == (
        "Non-Ascii85 digit found: \\x1b\\x9b"
    )
    o = outcome_of(SEED.read_bytes(), SourceInfo("s", "1" * 64, 1, "text"))
    bad = Check("units", "error", "unknown unit 報驗\x1b]0;x\x07課", False)
    records = outcome_to_records(o.__class__(**{**_fields(o), "checks": (bad,)}))
    assert records["checks"][0]["message"] == "unknown unit 報驗\\x1b]0;x\\x07課"
    assert safe_display("表\u202e.txt") == "表\\u202e.txt"


def _fields(o: object) -> dict[str, object]:
    return {f: getattr(o, f) for f in o.__slots__}  # type: ignore[attr-defined]


# 5 ---------------------------------------------------------------------------------


def _sleeping_execute(task: Task, *, debug: bool = False) -> TaskResult:
    time.sleep(600)
    raise AssertionError("unreachable")


def _gone(pid: int, within: float) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:  # gone, or a zombie (dead, not yet reaped)
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def test_05_a_worker_dies_with_its_killed_parent_and_holds_no_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch.isolate, "execute", _sleeping_execute)
    out = tmp_path / "out"
    r, w = os.pipe()
    parent = os.fork()
    if parent == 0:  # the run's parent: holds the lock, starts a worker, reports its pid
        try:
            os.close(r)
            with store.exclusive(out):
                child = batch.isolate.start_child(
                    Task(SourceInfo(str(SEED), "0" * 64, 1, "text"), str(SEED), str(out))
                )
                os.write(w, str(child.pid).encode())
                time.sleep(600)
        finally:
            os._exit(0)
    os.close(w)
    worker = int(os.read(r, 64))
    os.close(r)
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    assert _gone(worker, 5), "the worker outlived its parent"
    with store.exclusive(out):  # a new run is not refused in the name of the dead one
        pass


def test_05_a_worker_enforces_its_own_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch.isolate, "execute", _sleeping_execute)
    monkeypatch.setattr(batch.isolate, "CHILD_GRACE_SECONDS", 1)
    child = batch.isolate.start_child(
        Task(
            SourceInfo(str(SEED), "0" * 64, 1, "text"),
            str(SEED),
            "/nonexistent",
            limits=Limits(seconds=1),
        )
    )
    assert _gone(child.pid, 8), "the worker ran past its limit with nobody enforcing it"
    result = batch.isolate.finish_child(child, timed_out=False)
    assert result.error == "time limit exceeded (1 s, see --timeout)"


def test_05_sigterm_shuts_the_run_down_like_ctrl_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch.isolate, "execute", _sleeping_execute)
    seed_variant(tmp_path / "in" / "a.txt", 1)
    out = tmp_path / "out"
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            with store.exclusive(out):
                run([tmp_path / "in"], out)
        except KeyboardInterrupt:
            code = 130
        finally:
            os._exit(code)
    time.sleep(1.5)  # the worker is asleep on the document
    workers = [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == pid]
    os.kill(pid, signal.SIGTERM)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 130
    assert workers and all(_gone(w, 5) for w in workers)
    with store.Ledger(out) as ledger:
        assert ledger.entries() == []  # interrupted: nothing recorded, a re-run does it


def _ppid(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


# 6 ---------------------------------------------------------------------------------


def _interrupted_execute(task: Task, *, debug: bool = False) -> TaskResult:
    os.kill(os.getpid(), signal.SIGINT)  # the group's Ctrl-C reaching the worker
    time.sleep(60)
    raise AssertionError("unreachable")


def test_06_a_worker_interrupted_by_the_user_is_not_a_failed_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = seed_variant(tmp_path / "in" / "a.txt", 1)
    out = tmp_path / "out"
    monkeypatch.setattr(batch.isolate, "execute", _interrupted_execute)
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent was started with `&`
    try:
        with pytest.raises(KeyboardInterrupt):
            run([a], out)
    finally:
        signal.signal(signal.SIGINT, old)
    with store.Ledger(out) as ledger:
        assert ledger.entries() == []
    monkeypatch.undo()
    assert [r.status for r in run([a], out).results] == ["ok"]


# 7 ---------------------------------------------------------------------------------


def test_07_a_malformed_page_tree_is_an_input_error_not_an_internal_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = bytearray(A4.read_bytes())
    data[4462] ^= 1  # one bit flip in the page tree
    o = outcome_of(bytes(data), SourceInfo("a4", "0" * 64, len(data), "pdf"))
    assert o.status == "failed"
    assert o.error is not None and o.error.startswith("page tree: malformed PDF (")
    assert "Traceback" not in caplog.text


# 8 ---------------------------------------------------------------------------------


def test_08_a_symlinked_lock_is_refused_never_written_through(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out / store.LOCK_NAME).symlink_to(victim)
    with pytest.raises(store.OutputError, match="is a symlink"), store.exclusive(out):
        pass
    assert victim.read_text() == "precious"


def test_08_a_ledger_doc_id_never_becomes_a_path_outside_out(tmp_path: Path) -> None:
    a = seed_variant(tmp_path / "in" / "a.txt", 1)
    out = tmp_path / "out"
    run([a], out)
    victim = tmp_path / "x.parquet"
    victim.write_text("precious")
    db = sqlite3.connect(out / store.LEDGER_NAME)
    db.execute("update inputs set doc_id = '../../x', sha256 = 'changed'")
    db.commit()
    db.close()
    with pytest.raises(store.LedgerError, match="invalid doc_id"):
        run([a], out)
    assert victim.read_text() == "precious"
    with pytest.raises(store.OutputError):
        store.remove_document(out, "../../x")


# 9 ---------------------------------------------------------------------------------


def test_09_damaged_outputs_are_noticed_and_redone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = seed_variant(tmp_path / "in" / "a.txt", 1)
    out = tmp_path / "out"
    run([a], out)
    (doc_id,) = docs(out)["doc_id"]
    rows = out / "rows" / f"{doc_id}.parquet"
    good_rows = rows.read_bytes()
    rows.write_bytes(good_rows[: len(good_rows) // 2])  # truncated
    (out / "cells" / f"{doc_id}.parquet").unlink()  # deleted
    again = run([a], out)
    assert [r.skipped for r in again.results] == [False]
    assert rows.read_bytes() and len(pd.read_parquet(out / "rows")) == 48
    assert len(pd.read_parquet(out / "cells")) > 0
    # same size, bytes damaged: only reading notices; `status --verify` does, the next run redoes it
    data = bytearray(rows.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = b"\xff" * 64
    rows.write_bytes(bytes(data))
    assert [r.skipped for r in run([a], out).results] == [True]  # size matches: not noticed
    code, text = main(["status", "--out", str(out), "--verify"], capsys)
    assert code == 1 and f"damaged {a}: rows/{doc_id}.parquet is unreadable" in text
    assert [r.skipped for r in run([a], out).results] == [False]
    assert len(pd.read_parquet(out / "rows")) == 48
    code, text = main(["status", "--out", str(out), "--verify"], capsys)
    assert code == 0 and "\ndamaged " not in text


# 10 --------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["corrupt", "truncated", "wrong-schema"])
def test_10_a_bad_ledger_is_a_clear_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    a = seed_variant(tmp_path / "in" / "a.txt", 1)
    out = tmp_path / "out"
    run([a], out)
    ledger = out / store.LEDGER_NAME
    with sqlite3.connect(ledger) as db:  # fold the WAL in, so the file is the whole ledger
        db.execute("pragma wal_checkpoint(truncate)")
    if damage == "corrupt":
        ledger.write_bytes(os.urandom(8192))
    elif damage == "truncated":
        ledger.write_bytes(ledger.read_bytes()[:6000])
    else:
        ledger.unlink()
        with sqlite3.connect(ledger) as db:
            db.execute("create table inputs (x text)")
    for f in out.glob(store.LEDGER_NAME + "-*"):
        f.unlink()
    code, text = main(["run", str(a), "--out", str(out)], capsys)
    assert code == 2 and "ledger" in text, text
    code, text = main(["status", "--out", str(out)], capsys)
    assert code == 2 and "ledger" in text, text


def test_10_an_output_folder_that_cannot_be_used_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = seed_variant(tmp_path / "in" / "a.txt", 1)
    afile = tmp_path / "afile"
    afile.write_text("x")
    for out in (afile, afile / "sub"):  # --out names a file; --out cannot be created
        code, text = main(["run", str(a), "--out", str(out)], capsys)
        assert code == 2 and str(afile) in text, text


def test_10_disk_full_stops_the_batch_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Disk full is simulated at the write: pyarrow raises ENOSPC (the forked worker inherits it)."""
    a = seed_variant(tmp_path / "in" / "a.txt", 1)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full)
    code, text = main(["run", str(a), "--out", str(tmp_path / "out"), "--workers", "1"], capsys)
    assert code == 2 and "disk full" in text, text


@needs_root
def test_10_read_only_outputs_are_usage_errors_and_status_still_reads(
    shared_tmp: Path,
) -> None:
    """Permissions bind only a non-root user: the run and status happen in a child as `nobody`."""
    a = seed_variant(shared_tmp / "in" / "a.txt", 1)
    a.chmod(0o644)
    out = shared_tmp / "out"
    with store.exclusive(out):
        run([a], out)
    for p in [out, *out.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)  # readable, not writable, by nobody
    sink = shared_tmp / "stderr.txt"
    sink.touch()
    sink.chmod(0o666)

    def in_child(argv: list[str]) -> Callable[[], int]:
        def go() -> int:
            fd = os.open(sink, os.O_WRONLY | os.O_TRUNC)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            import sys

            sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", buffering=0), write_through=True)
            sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", buffering=0), write_through=True)
            try:
                return cli.main(argv)
            except SystemExit as exc:
                return int(exc.code or 0)
            except BaseException as exc:
                print(f"Traceback: {exc!r}", file=sys.stderr)
                return 99

        return go

    assert as_nobody(in_child(["status", "--out", str(out)])) == 0, sink.read_text()
    assert "1 input(s), 23 pages — 1 ok" in sink.read_text()
    assert as_nobody(in_child(["run", str(a), "--out", str(out)])) == 2, sink.read_text()
    assert "Traceback" not in sink.read_text()
    # a table folder that is not writable (the rest is): a clear error, not an aborted batch
    out.chmod(0o777)
    (out / store.LEDGER_NAME).chmod(0o666)
    for f in out.glob(store.LEDGER_NAME + "-*"):
        f.chmod(0o666)
    (out / store.LOCK_NAME).chmod(0o666)
    b = seed_variant(shared_tmp / "in" / "b.txt", 2)
    b.chmod(0o644)
    code = as_nobody(in_child(["run", str(b), "--out", str(out), "--workers", "1"]))
    assert code == 2, sink.read_text()
    assert "permission denied" in sink.read_text() and "Traceback" not in sink.read_text()


# 11 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--reprocess", ""],
        ["--reprocess", "kind=zzz"],
        ["--timeout", "inf"],
        ["--timeout", "nan"],
        ["--dask", "garbage"],
        ["--dask", ""],
        ["--max-memory", "99999999999999"],
        ["--max-memory", "1"],
    ],
)
def test_11_invalid_option_values_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, text = main(["run", str(SEED), "--out", str(tmp_path / "out"), *args], capsys)
    assert code == 2, text
    assert args[0] in text or "--reprocess" in text
    assert not (tmp_path / "out").exists(), "nothing may be processed"


def test_11_option_checks_are_plain_functions() -> None:
    assert check_reprocess("year=2018") == "year=2018"
    assert check_reprocess(None) is None
    assert check_dask_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert check_dask_address("127.0.0.1:8786") == "127.0.0.1:8786"
    for bad in ("tcp://host:99999", "tcp://host", "http://host:80"):
        with pytest.raises(OptionError):
            check_dask_address(bad)
    with pytest.raises(OptionError):
        Limits(seconds=float("nan"))


# 12 --------------------------------------------------------------------------------


def test_12_when_a_duplicates_original_changes_the_copy_becomes_the_source(
    tmp_path: Path,
) -> None:
    a = seed_variant(tmp_path / "in" / "a.txt", 1)
    b = tmp_path / "in" / "b_copy.txt"  # a longer name: the relabelled file changes size
    b.write_bytes(a.read_bytes())
    out = tmp_path / "out"
    run([tmp_path / "in"], out)
    seed_variant(a, 5)  # the original changes; the copy keeps the old content
    run([tmp_path / "in"], out)
    fresh = tmp_path / "fresh"
    run([tmp_path / "in"], fresh)
    cols = ["doc_id", "source_path", "status"]
    assert docs(out)[cols].sort_values("doc_id").values.tolist() == (
        docs(fresh)[cols].sort_values("doc_id").values.tolist()
    )
    with store.Ledger(out) as ledger:
        assert ledger.by_path()[str(b)].duplicate_of is None
    assert all(r.skipped for r in run([tmp_path / "in"], out).results)  # nothing looks damaged


# 13 --------------------------------------------------------------------------------


def test_13_a_crash_between_the_ledger_commit_and_the_cleanup_is_finished_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = seed_variant(tmp_path / "in" / "a.txt", 1)
    out = tmp_path / "out"
    run([a], out)
    (old_id,) = docs(out)["doc_id"]
    seed_variant(a, 5)

    def crash(*args: object) -> None:
        raise KeyboardInterrupt("killed right after the commit")

    monkeypatch.setattr(batch.ledger_policy, "remove_document", crash)
    with pytest.raises(KeyboardInterrupt):
        run([a], out)
    monkeypatch.undo()
    run([a], out)
    assert old_id not in set(docs(out)["doc_id"])
    assert not list(out.glob(f"*/{old_id}.parquet"))


# 14 --------------------------------------------------------------------------------


def test_14_text_layout_is_linear_in_the_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: the width measurements the layout makes per copy of the form."""
    from pipeline.layout import textdump
    from pipeline.layout.textdump import blocks, calibration, columns, units
    from pipeline.normalise.text import display_width

    calls = 0

    def counting(text: str) -> int:
        nonlocal calls
        calls += 1
        return display_width(text)

    for module in (blocks, calibration, columns, units):
        if hasattr(module, "display_width"):
            monkeypatch.setattr(module, "display_width", counting)
    seed = SEED.read_text(encoding="utf-8")
    per_copy = []
    for copies in (2, 16):
        calls = 0
        textdump.text_to_stream(seed * copies)
        per_copy.append(calls / copies)
    assert per_copy[1] < per_copy[0] * 1.5, per_copy


def test_14_the_page_limit_is_checked_before_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.layout import textdump

    def no_layout(*args: object) -> None:
        raise AssertionError("layout ran on a dump over the page limit")

    monkeypatch.setattr(textdump, "blocks_to_tokens", no_layout)
    with pytest.raises(LimitError, match="23 pages; the limit is 5"):
        process_bytes(SEED.read_bytes(), SourceInfo("s", "0" * 64, 1, "text"), max_pages=5)


# 15 --------------------------------------------------------------------------------


def test_15_a_path_too_long_to_open_gets_a_failed_row(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    seed_variant(src / "good.txt", 1)
    fd = os.open(src, os.O_RDONLY)
    try:  # nest below PATH_MAX through relative creations, as an unzip would
        for _ in range(20):
            os.mkdir("d" * 250, dir_fd=fd)
            nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        os.close(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    result = run([src], tmp_path / "out")
    failed = [r for r in result.results if r.status == "failed"]
    assert len(failed) == 1 and "File name too long" in (failed[0].error or ""), failed
    assert [r.status for r in result.results if r.path.endswith("good.txt")] == ["ok"]


@needs_root
def test_15_an_unreadable_subfolder_gets_a_failed_row(shared_tmp: Path) -> None:
    """Root reads any folder: the walk runs in a child as `nobody`."""
    src = shared_tmp / "in"
    (src / "locked").mkdir(parents=True)
    (src / "locked" / "form.txt").write_bytes(SEED.read_bytes())
    (src / "locked").chmod(0o700)
    found = shared_tmp / "found.json"
    found.touch()
    found.chmod(0o666)

    def walk() -> int:
        problems: list[tuple[str, str]] = []
        files = list(
            inputs.iter_inputs([src], onerror=lambda p, e: problems.append((str(p), str(e))))
        )
        found.write_text(json.dumps({"files": [str(f) for f in files], "problems": problems}))
        return 0

    assert as_nobody(walk) == 0
    report = json.loads(found.read_text())
    assert report["files"] == []
    assert report["problems"] == [[str(src / "locked"), "cannot read folder: Permission denied"]]


# 16 --------------------------------------------------------------------------------


def test_16_a_rerun_that_skips_failed_inputs_still_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    out = str(tmp_path / "out")
    assert main(["run", str(src), "--out", out], capsys)[0] == 1
    code, text = main(["run", str(src), "--out", out], capsys)
    assert code == 1 and "1 skipped" in text


# 17 --------------------------------------------------------------------------------


def test_17_many_failed_checks_are_summarised_with_a_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pipeline.run

    many = [Check(f"subtotal_{i}", "error", "小計 " + "九" * 80, False) for i in range(100)]
    monkeypatch.setattr(pipeline.run, "validate", lambda doc, units, stream=None: tuple(many))
    o = process_bytes(SEED.read_bytes(), SourceInfo("s", "0" * 64, 1, "text"))
    assert o.status == "partial" and o.error is not None
    assert o.error.endswith("; … and 97 more; see `checks`")
    assert o.error.startswith("subtotal_0: 小計 ") and len(o.error) < 1000
    assert len(o.checks) == 100  # the full list stays in `checks`
    assert summarize_findings([]) is None
    assert summarize_findings(["a: " + "x" * 1000]) == "a: " + "x" * 296 + "…"


def test_17_display_escaping_leaves_printable_text_alone() -> None:
    assert safe_display("經濟部標準檢驗局 (107 年) 100%") == "經濟部標準檢驗局 (107 年) 100%"
    assert safe_display(os.fsdecode(b"\xa6~.txt")) == "\\xa6~.txt"
    assert stat.S_ISREG(os.stat(SEED).st_mode)
