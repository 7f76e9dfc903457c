"""Options checked before any work: a bad value is exit 2 with one line naming it; help, version, completion."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import click
import pytest

from pipeline import __version__, cli
from pipeline.models import SourceInfo
from tests.conftest import SEED, run_cli

BAD_VALUES = [
    # (option, value, words the one-line message must contain)
    ("--timeout", "nan", "finite"),
    ("--timeout", "inf", "finite"),
    ("--timeout", "-inf", "finite"),
    ("--timeout", "0", "more than 0"),
    ("--timeout", "-5", "more than 0"),
    ("--timeout", "ten", "not a number"),
    ("--timeout", "1e9", "at most 604800"),
    ("--max-memory", "1", "a worker needs at least 64 MB"),
    ("--max-memory", "63", "a worker needs at least 64 MB"),
    ("--max-memory", "99999999999999", "at most 1048576 MB"),
    ("--max-memory", "2.5", "not a whole number"),
    ("--workers", "0", "at least 1"),
    ("--workers", "-1", "at least 1"),
    ("--workers", "many", "not a whole number"),
    ("--max-pages", "0", "at least 1"),
    ("--ocr-dpi", "99", "at least 100 dpi"),
    ("--ocr-dpi", "301", "at most 300 dpi"),
    ("--ocr-dpi", "1.5", "not a whole number"),
    ("--max-bytes", "0", "at least 1"),
    ("--reprocess", "", "unknown filter ''"),
    ("--reprocess", "colour=red", "unknown filter"),
    ("--reprocess", "kind=zzz", "kind=text|pdf|scan"),
    ("--reprocess", "year=18", "year=YYYY"),
    ("--reprocess", "year=abcd", "year=YYYY"),
    ("--reprocess", "roc_year=", "roc_year=NNN"),
    ("--reprocess", "version=", "version=X"),
    ("--reprocess", "ALL", "unknown filter"),
    ("--dask", "", "not a scheduler address"),
    ("--dask", "garbage", "expected tcp://HOST:PORT"),
    ("--dask", "tcp://", "not a scheduler address"),
    ("--dask", "http://host:8786", "not a scheduler address"),
    ("--dask", "host:99999", "not a scheduler address"),
    ("--dask", "host:8786\n", "not a scheduler address"),
]


@pytest.mark.parametrize(("option", "value", "words"), BAD_VALUES)
def test_an_invalid_value_is_a_one_line_usage_error(
    tmp_path: Path, option: str, value: str, words: str
) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", SEED, "--out", out, option, value)
    assert proc.returncode == 2
    assert proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith("evaltable run: error: ") and option in line and words in line, line
    assert not out.exists(), "nothing may be done before the options are checked"


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--timeout", "0.01", 0.01),
        ("--timeout", "604800", 604800.0),
        ("--max-memory", "64", 64),
        ("--max-memory", " 4096 ", 4096),
        ("--workers", "1", 1),
        ("--ocr-dpi", "200", 200),
        ("--reprocess", "failed", "failed"),
        ("--reprocess", "year=2018", "year=2018"),
        ("--reprocess", "roc_year=107", "roc_year=107"),
        ("--reprocess", "kind=pdf", "kind=pdf"),
        ("--reprocess", "version=0.1.0", "version=0.1.0"),
        ("--dask", "tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("--dask", "tls://scheduler.example.org:8786", "tls://scheduler.example.org:8786"),
        ("--dask", "tcp://[::1]:8786", "tcp://[::1]:8786"),
        ("--dask", "scheduler:8786", "scheduler:8786"),
    ],
)
def test_valid_values_parse(option: str, value: str, expected: object) -> None:
    params = cli.run.make_context("run", ["x.txt", "--out", "o", option, value]).params
    got = params[option.lstrip("-").replace("-", "_")]
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["x.txt", "--out", "o"], None),
        (["x.txt", "--out", "o", "--reprocess"], "all"),  # last: the filter is optional
        (["x.txt", "--reprocess", "--out", "o"], "all"),  # followed by an option
        (["--reprocess", "stale", "x.txt", "--out", "o"], "stale"),
        (["x.txt", "--out", "o", "--reprocess=failed"], "failed"),
    ],
)
def test_reprocess_takes_an_optional_filter(argv: list[str], expected: str | None) -> None:
    assert cli.run.make_context("run", argv).params["reprocess"] == expected


def test_defaults_are_the_batch_defaults() -> None:
    params = cli.run.make_context("run", ["x.txt", "--out", "o"]).params
    from pipeline.batch import Limits

    limits = Limits()
    assert (params["timeout"], params["max_memory"], params["max_pages"], params["max_bytes"]) == (
        limits.seconds,
        limits.memory_mb,
        limits.pages,
        limits.bytes,
    )
    assert params["workers"] is None  # the machine's cores, decided when the run starts
    from pipeline.batch.tasks import Task
    from pipeline.extract.ocr import DEFAULT_OCR_SETTINGS

    task = Task(SourceInfo("x.txt", "0" * 64, 0, "text"), "x.txt", "o")
    assert (params["ocr"], params["ocr_dpi"]) == (task.ocr, task.ocr_dpi)
    assert (task.ocr, task.ocr_dpi) == (DEFAULT_OCR_SETTINGS.engine, DEFAULT_OCR_SETTINGS.dpi)


def test_other_usage_errors_are_one_line_too(tmp_path: Path) -> None:
    cases = [
        (("run", SEED), "Missing option '--out'"),
        (("run", "--out", tmp_path), "Missing argument 'PATH...'"),
        (("frobnicate",), "No such command 'frobnicate'"),
        (("run", SEED, "--out", tmp_path, "--colour"), "No such option '--colour'"),
        (("run", SEED, "--out", SEED), "is a file"),
        (("run", tmp_path / "missing.txt", "--out", tmp_path), "no such file or folder"),
        (("status", "--out", tmp_path / "nowhere"), "does not exist"),
        (("status", "--out", tmp_path), "has no ledger"),
        (("status", "--out", tmp_path, "--json", "--format", "csv"), "contradict"),
        (("completion", "powershell"), "'powershell' is not one of"),
    ]
    for argv, words in cases:
        proc = run_cli(*argv)
        assert proc.returncode == 2, argv
        (line,) = proc.stderr.splitlines()
        assert words in line and "Traceback" not in line, (argv, line)


def test_no_command_shows_the_help_and_exits_2() -> None:
    proc = run_cli()
    assert proc.returncode == 2
    assert "Usage: evaltable" in proc.stderr and "run" in proc.stderr


def test_version() -> None:
    proc = run_cli("--version")
    assert (proc.returncode, proc.stdout) == (0, f"evaltable {__version__}\n")


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # commands imported lazily included
        cmd = group.get_command(ctx, name)
        assert cmd is not None
        if isinstance(cmd, click.Group):
            out += _command_paths(cmd, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


def _parse(words: list[str]) -> None:
    """Parse an example's words down to its command (paths it names need not exist)."""
    cmd: click.Command = cli.cli
    while isinstance(cmd, click.Group):
        name, words = words[0], words[1:]
        sub = cmd.get_command(click.Context(cmd), name)
        assert sub is not None, name
        cmd = sub
    try:
        cmd.make_context(name, words)
    except click.BadParameter as exc:
        if "does not exist" not in exc.format_message():
            raise


@pytest.mark.parametrize("path", _command_paths(cli.cli), ids=" ".join)  # type: ignore[arg-type]
def test_every_command_has_help_with_examples_that_parse(path: tuple[str, ...]) -> None:
    proc = run_cli(*path, "--help")
    assert proc.returncode == 0
    assert "Examples:" in proc.stdout
    examples = [
        ln.strip() for ln in proc.stdout.splitlines() if ln.strip().startswith("evaltable ")
    ]
    assert len(examples) >= 2
    for example in examples:
        words = shlex.split(example)[1:]
        cut = next((i for i, w in enumerate(words) if w in (">", ">>", "|")), len(words))
        words = words[:cut]
        if words[-1] != "--help":
            _parse(words)


def test_completion_scripts_and_completions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for shell in ("bash", "zsh", "fish"):
        proc = run_cli("completion", shell)
        assert proc.returncode == 0 and "_EVALTABLE_COMPLETE" in proc.stdout

    def complete(words: str) -> list[str]:
        monkeypatch.setenv("_EVALTABLE_COMPLETE", "bash_complete")
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv(
            "COMP_CWORD", str(len(words.split()) - (0 if words.endswith(" ") else 1))
        )
        with pytest.raises(SystemExit) as stop:
            cli.main([])
        assert stop.value.code == 0
        return [ln.split(",", 1)[1] for ln in capsys.readouterr().out.splitlines()]

    assert complete("evaltable st") == ["status"]
    assert "--reprocess" in complete("evaltable run x --re")
    assert complete("evaltable run x --reprocess ki") == [
        "kind=text",
        "kind=pdf",
        "kind=scan",
        "kind=",
    ]
    assert complete("evaltable status --format ") == ["table", "csv", "json"]


def test_ctrl_c_is_exit_130(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run_batch", interrupted)
    proc = run_cli("run", SEED, "--out", tmp_path / "o")
    assert proc.returncode == 130
    assert (
        proc.stderr
        == "evaltable: interrupted; finished documents are recorded, run again to go on\n"
    )


def test_status_formats(seed_outputs: Path) -> None:
    table = run_cli("status", "--out", seed_outputs, "--all")
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0] == f"{seed_outputs}: 1 input(s), 23 pages — 1 ok"
    (row,) = [ln for ln in lines if SEED.name in ln]
    assert [c.strip() for c in row.strip("│").split("│")] == ["ok", str(SEED), "23", ""]
    assert not any(
        SEED.name in ln for ln in run_cli("status", "--out", seed_outputs).stdout.splitlines()
    )
    as_json = json.loads(run_cli("status", "--out", seed_outputs, "--json").stdout)
    assert as_json == json.loads(
        run_cli("status", "--out", seed_outputs, "--format", "json").stdout
    )
    assert [(e["path"], e["status"], e["doc_id"]) for e in as_json] == [
        (str(SEED), "ok", "85602e27d9b645b1")
    ]
    csv_lines = run_cli("status", "--out", seed_outputs, "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("path,sha256,size,doc_id,") and len(csv_lines) == 2


def test_a_hostile_file_name_is_escaped_in_run_and_status(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "evil\x1b]0;pwned\x07\nok      forged.txt").write_text("not a form", encoding="utf-8")
    out = tmp_path / "out"
    run = run_cli("run", src, "--out", out)
    status = run_cli("status", "--out", out)
    assert (run.returncode, status.returncode) == (1, 0)
    for text in (run.stdout, run.stderr, status.stdout, status.stderr):
        assert "\x1b" not in text and "\x07" not in text
    (line,) = [ln for ln in run.stderr.splitlines() if ln.startswith(("ok", "failed"))]
    assert line.startswith(
        f"failed  {src}/evil\\x1b]0;pwned\\x07\\nok      forged.txt: no evaluation"
    )
    (row,) = [ln for ln in status.stdout.splitlines() if "forged.txt" in ln]
    assert "evil\\x1b]0;pwned\\x07\\nok      forged.txt" in row and "failed" in row
