"""README's command reference is the CLI's own help; regenerate it with `python -m pipeline.cli_docs`."""

from __future__ import annotations

import click
import pytest

from pipeline import cli_docs
from tests.conftest import REPO


def test_readme_command_reference_is_up_to_date() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert cli_docs.updated(text) == text, (
        "README.md's command reference is stale: run `.venv/bin/python -m pipeline.cli_docs`"
    )


def test_reference_lists_every_command_and_option() -> None:
    ref = cli_docs.reference()
    leaves = cli_docs._leaves(cli_docs.cli, click.Context(cli_docs.cli, info_name="evaltable"))  # type: ignore[arg-type]
    assert {ctx.command_path for _, ctx in leaves} >= {
        "evaltable run",
        "evaltable status",
        "evaltable golden export",
        "evaltable golden check",
        "evaltable compare",
        "evaltable completion",
    }
    for command, ctx in leaves:
        assert f"#### `{ctx.command_path}`" in ref
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert f"`{opt}" in ref, opt


def test_a_changed_help_makes_the_readme_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    timeout = next(p for p in cli_docs.cli.commands["run"].params if p.name == "timeout")  # type: ignore[attr-defined]
    monkeypatch.setattr(timeout, "help", "Seconds per document, said differently.")
    assert cli_docs.updated(text) != text


def test_readme_without_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="no generated section"):
        cli_docs.updated("# a README without the markers\n")
