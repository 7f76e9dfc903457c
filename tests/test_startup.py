"""What `evaltable run` loads before it knows there is work: a no-op re-run is mostly start-up."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

# Loaded only by the commands that use them (query, review, diff, golden, compare)
# or once a Chinese numeral is read.
NOT_AT_START = ("duckdb", "pandas", "cn2an", "pipeline.cli_analyst", "pipeline.cli_golden")


def test_the_cli_starts_without_the_analyst_libraries() -> None:
    code = (
        "import sys, pipeline.cli\n"
        f"print(','.join(m for m in {NOT_AT_START!r} if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == ""


def test_a_lazy_command_still_runs() -> None:
    from pipeline.cli import main

    assert main(["query", "--help"]) == 0
