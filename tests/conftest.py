"""Shared fixtures: repository paths, the golden extracts, one CLI run over the seed."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Property tests check values, not speed: on a loaded 2-core machine (the suite runs
# on every core) an example may take longer than Hypothesis' 200 ms deadline.
settings.register_profile("evaltable", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("evaltable")

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "raw" / "000_c7dbfb6a031a896f.txt"
GOLDEN_DIR = REPO / "tests" / "golden"
SHARED = REPO.parent / "shared"


def load_golden(name: str) -> dict[str, Any]:
    with open(GOLDEN_DIR / name, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@pytest.fixture(scope="session")
def seed_golden() -> dict[str, Any]:
    return load_golden("000_c7dbfb6a031a896f.json")


def run_cli(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run `evaltable ARGS` in this process as a user would, capturing its exit code and output.

    In-process (`pipeline.cli.main`) to keep the suite fast; the batch still forks its
    workers.  Tests that need a process of its own (to kill it, or to run two at once)
    use `run_cli_process`.
    """
    from pipeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def run_cli_process(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run `python -m pipeline ARGS` in a process of its own, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed processed once through the real CLI; returns the output folder."""
    out = tmp_path_factory.mktemp("seed_out")
    proc = run_cli("run", SEED, "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out
