"""Shared fixtures: repository paths, the golden extracts, one CLI run over the seed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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
    """Run `python -m pipeline ARGS` as a user would, capturing its output."""
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
