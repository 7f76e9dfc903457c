"""The batch engine: incremental runs, reprocessing, crash safety, locking, limits, parallelism."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.store import exclusive
from tests.conftest import REPO, SEED, run_cli, run_cli_process

TABLES = (
    "documents",
    "dimensions",
    "items",
    "rows",
    "cells",
    "checks",
    "metrics",
    "row_units",
    "result_items",
    "entities",
)


def make_archive(folder: Path, n: int) -> list[Path]:
    """n distinct copies of the seed (a trailing line makes each hash differ)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    out = []
    for i in range(n):
        p = folder / f"form_{i:02d}.txt"
        p.write_text(text + "\n" * (i + 1), encoding="utf-8")
        out.append(p)
    return out


def snapshot(out: Path) -> dict[str, pd.DataFrame]:
    """Every table, sorted, for comparing two output folders."""
    snap = {}
    for t in TABLES:
        df = pd.read_parquet(out / t)
        keys = [
            c
            for c in (
                "doc_id",
                "dimension_no",
                "item_no",
                "row_no",
                "page",
                "column",
                "check",
                "message",
            )
            if c in df
        ]
        snap[t] = df.sort_values(keys, kind="mergesort").reset_index(drop=True) if keys else df
    return snap


def assert_same_outputs(a: Path, b: Path) -> None:
    sa, sb = snapshot(a), snapshot(b)
    for t in TABLES:
        pd.testing.assert_frame_equal(sa[t], sb[t], check_like=False, obj=t)


def status_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [
        ln for ln in proc.stderr.splitlines() if ln.split(" ")[0] in ("ok", "partial", "failed")
    ]


def test_second_run_skips_and_reprocess_redoes(tmp_path: Path) -> None:
    inputs = make_archive(tmp_path / "in", 2)
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    first = run_cli("run", tmp_path / "in", "--out", out)
    assert first.returncode == 1 and len(status_lines(first)) == 3
    second = run_cli("run", tmp_path / "in", "--out", out, "--json")
    import json

    summary = json.loads(second.stdout)
    assert summary["counts"] == {"skipped": 3}
    assert status_lines(second) == []
    failed_only = json.loads(
        run_cli("run", tmp_path / "in", "--out", out, "--json", "--reprocess", "failed").stdout
    )
    assert failed_only["counts"] == {"failed": 1, "skipped": 2}
    everything = json.loads(
        run_cli("run", tmp_path / "in", "--out", out, "--json", "--reprocess").stdout
    )
    assert everything["counts"] == {"failed": 1, "ok": 2}
    by_year = json.loads(
        run_cli("run", inputs[0], "--out", out, "--json", "--reprocess", "year=2018").stdout
    )
    assert by_year["counts"] == {"ok": 1}
    assert run_cli("run", inputs[0], "--out", out, "--reprocess", "colour=red").returncode == 2
    status = run_cli("status", "--out", out)
    assert status.returncode == 0
    assert "3 input(s), 46 pages — 1 failed, 2 ok" in status.stdout
    # the status table has one row for the failed input, with its reason
    (bad_row,) = [ln for ln in status.stdout.splitlines() if "bad.txt" in ln]
    assert "failed" in bad_row and "empty file (0 bytes)" in bad_row


def test_changed_file_replaces_its_document_and_copies_are_duplicates(tmp_path: Path) -> None:
    (a,) = make_archive(tmp_path / "in", 1)
    out = tmp_path / "out"
    run_cli("run", a, "--out", out)
    old_id = pd.read_parquet(out / "documents")["doc_id"].item()
    a.write_text(a.read_text(encoding="utf-8") + "\n\n\n\n", encoding="utf-8")
    copy = tmp_path / "in" / "copy.txt"
    copy.write_bytes(a.read_bytes())
    proc = run_cli("run", tmp_path / "in", "--out", out)
    assert proc.returncode == 0, proc.stderr
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == 1 and docs["doc_id"].item() != old_id
    assert not (out / "rows" / f"{old_id}.parquet").exists()
    assert "(same content as" in proc.stderr
    assert len(pd.read_parquet(out / "rows")) == 48


def test_kill_9_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 4)
    clean = tmp_path / "clean"
    assert run_cli("run", tmp_path / "in", "--out", clean, "--workers", "1").returncode == 0
    out = tmp_path / "killed"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            str(tmp_path / "in"),
            "--out",
            str(out),
            "--workers",
            "1",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((out / "rows").glob("*.parquet"))) < 2:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker children, mid-batch
    proc.wait()
    done = len(list((out / "documents").glob("*.parquet")))
    assert 1 <= done < 4, "the kill should land mid-batch"
    # A process of its own, as before: killed workers may hold the lock for a moment.
    rerun = run_cli_process("run", tmp_path / "in", "--out", out, "--workers", "1")
    assert rerun.returncode == 0, rerun.stderr
    assert_same_outputs(clean, out)
    assert not list(out.rglob("*.tmp"))


def test_second_run_on_the_same_outputs_refuses_or_waits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with exclusive(out):
        proc = run_cli("run", SEED, "--out", out)
        assert proc.returncode == 2
        assert "in use by another evaltable run (pid" in proc.stderr
        waiting = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "run", str(SEED), "--out", str(out), "--wait"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        assert waiting.poll() is None, "--wait must block while the lock is held"
    assert waiting.wait(timeout=120) == 0


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--max-pages", "5"), "23 pages; the limit is 5 (see --max-pages)"),
        (("--timeout", "0.01"), "time limit exceeded (0.01 s, see --timeout)"),
        (
            ("--max-bytes", "1000"),
            "file too large (40074 bytes; the limit is 1000, see --max-bytes)",
        ),
    ],
)
def test_limits_fail_one_document_with_a_reason(
    tmp_path: Path, args: tuple[str, ...], reason: str
) -> None:
    (good,) = make_archive(tmp_path / "in", 1)
    bad = tmp_path / "in" / "seed.txt"
    bad.write_bytes(SEED.read_bytes())
    # The good one is small enough for every limit above except its pages/time/bytes;
    # so run them one by one: the limited one fails, a normal run of the other succeeds.
    proc = run_cli("run", bad, "--out", tmp_path / "out", *args)
    assert proc.returncode == 1
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert docs["status"].item() == "failed"
    assert docs["error"].item() == reason
    assert "Traceback" not in proc.stderr
    assert run_cli("run", good, "--out", tmp_path / "out").returncode == 0


def test_memory_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "評核項目 評核指標 次評核指標 主辦單位 執行績效與成果 " * 40 + "\n"
    big.write_text(line * 20000, encoding="utf-8")  # ~50 MB of text, far more once decoded
    proc = run_cli("run", big, "--out", tmp_path / "out", "--max-memory", "64")
    assert proc.returncode == 1
    err = pd.read_parquet(tmp_path / "out" / "documents")["error"].item()
    assert "memory limit exceeded (64 MB" in err or "killed (out of memory?)" in err


def test_serial_pool_and_dask_give_identical_tables(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    make_archive(tmp_path / "in", 4)
    (tmp_path / "in" / "junk.txt").write_bytes(os.urandom(4096))
    serial, pool, dask = tmp_path / "serial", tmp_path / "pool", tmp_path / "dask"
    assert run_cli("run", tmp_path / "in", "--out", serial, "--workers", "1").returncode == 1
    assert run_cli("run", tmp_path / "in", "--out", pool, "--workers", "2").returncode == 1
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        proc = run_cli("run", tmp_path / "in", "--out", dask, "--dask", cluster.scheduler_address)
    assert proc.returncode == 1, proc.stderr
    assert_same_outputs(serial, pool)
    assert_same_outputs(serial, dask)
    assert len(pd.read_parquet(serial / "documents")) == 5


def test_unreachable_dask_scheduler_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    from pipeline import batch

    monkeypatch.setattr(batch.executors, "DASK_CONNECT_TIMEOUT", "1s")
    with pytest.raises(
        batch.DaskUnavailable, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1"
    ):
        batch.run_dask([], "tcp://127.0.0.1:1", lambda r: None)


def test_a_task_the_cluster_loses_becomes_a_failed_document(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from pipeline.batch import Task, TaskResult, run_dask
    from pipeline.models import SourceInfo

    good = Task(SourceInfo(str(SEED), "0" * 64, 1, "text"), str(SEED), str(tmp_path))
    broken = Task(SourceInfo(str(SEED), "1" * 64, 1, "text"), str(SEED), str(tmp_path), limits=None)  # type: ignore[arg-type]
    results: list[TaskResult] = []
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        run_dask([broken, good], cluster.scheduler_address, results.append)
    by_sha = {r.sha256[0]: r for r in results}
    assert by_sha["1"].status == "failed" and by_sha["1"].error.startswith(
        "Dask task failed (AttributeError"
    )
    assert not by_sha["1"].written  # the parent writes the failed row
    assert (
        by_sha["0"].status == "failed"
    )  # sha mismatch on purpose: "file changed while the batch ran"
    assert by_sha["0"].error == "file changed while the batch ran; run again"
