"""Imports run one way: from a later stage to an earlier one, never back.

The stages, lowest first (a module may import its own layer and any lower one):

    vocabulary  models (every record type), errors, limits, display, schemas,
                normalise/patterns.py and normalise/text.py
    extract     page backends, text decoding, OCR: bytes → pages
    layout      pages → grids → token stream; text dumps → token stream
    structure   token stream → Document
    enrich      normalise/* and enrich.py: Document → Details
    validate    Document (+ Details) → checks
    run         records, store, run, batch: one document end to end, many documents
    app         cli*, console, golden, compare, analyst/*

Every import counts, also one inside a function or under `TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

# Module name prefixes per layer, lowest first; the longest matching prefix decides
# ("=name": that module only, not the modules below it).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "vocabulary",
        (
            "=pipeline",  # the package itself (__version__); "=": this module only
            "pipeline.models",
            "pipeline.errors",
            "pipeline.limits",
            "pipeline.display",
            "pipeline.schemas",
            "=pipeline.normalise",
            "pipeline.normalise.patterns",
            "pipeline.normalise.text",
        ),
    ),
    ("extract", ("pipeline.extract",)),
    ("layout", ("pipeline.layout",)),
    ("structure", ("pipeline.structure",)),
    (
        "enrich",
        (
            "pipeline.enrich",
            "pipeline.normalise.dates",
            "pipeline.normalise.entities",
            "pipeline.normalise.metrics",
            "pipeline.normalise.numbers",
            "pipeline.normalise.result_items",
            "pipeline.normalise.units",
        ),
    ),
    ("validate", ("pipeline.validate",)),
    (
        "run",
        ("pipeline.inputs", "pipeline.records", "pipeline.store", "pipeline.run", "pipeline.batch"),
    ),
    (
        "app",
        (
            "pipeline.__main__",
            "pipeline.cli",
            "pipeline.cli_analyst",
            "pipeline.cli_base",
            "pipeline.cli_docs",
            "pipeline.cli_golden",
            "pipeline.console",
            "pipeline.golden",
            "pipeline.compare",
            "pipeline.analyst",
        ),
    ),
)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, package: str = "pipeline") -> set[str]:
    """Given a module's source, return every `package` module it imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n for n in names if n == package or n.startswith(package + "."))
    return found


@functools.cache
def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Given the package folder, return module → the package modules it imports."""
    modules = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        # `from pipeline.x import y` names y too: keep it only when y is a module.
        graph[name] = {m for m in imports_of(path.read_text(encoding="utf-8")) if m in modules}
    return graph


def layer_of(module: str, layers: Iterable[tuple[str, tuple[str, ...]]] = LAYERS) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for i, (_name, prefixes) in enumerate(layers):
        for p in prefixes:
            exact = p.startswith("=")
            p = p.removeprefix("=")
            hit = module == p or (not exact and module.startswith(p + "."))
            if hit and (best is None or len(p) > best[0]):
                best = (len(p), i)
    return None if best is None else best[1]


def wrong_way(
    graph: Mapping[str, set[str]], layers: tuple[tuple[str, tuple[str, ...]], ...] = LAYERS
) -> list[str]:
    """Given an import graph, return every import from a lower layer to a higher one."""
    out: list[str] = []
    for module, deps in sorted(graph.items()):
        here = layer_of(module, layers)
        for dep in sorted(deps):
            there = layer_of(dep, layers)
            if here is not None and there is not None and there > here:
                out.append(f"{module} ({layers[here][0]}) imports {dep} ({layers[there][0]})")
    return out


def test_every_module_has_a_layer() -> None:
    graph = import_graph()
    assert len(graph) > 40  # the walk found the package
    orphans = [m for m in graph if layer_of(m) is None]
    assert orphans == [], f"give these modules a layer in LAYERS: {orphans}"


def test_a_new_module_needs_a_layer() -> None:
    assert layer_of("pipeline.newthing") is None
    assert layer_of("pipeline.normalise.newthing") is None
    assert layer_of("pipeline.normalise") == 0
    assert layer_of("pipeline.layout.newthing") == 2


def test_imports_run_one_way() -> None:
    assert wrong_way(import_graph()) == []


def test_models_import_no_stage() -> None:
    graph = import_graph()
    assert graph["pipeline.models"] == set()


# --- the checker itself can fail ------------------------------------------------------


def test_a_wrong_way_import_is_found() -> None:
    graph = {
        "pipeline.models": set(),
        "pipeline.extract.pdf": {"pipeline.models", "pipeline.layout.grid"},
        "pipeline.layout.grid": {"pipeline.models", "pipeline.extract.pdf"},
        "pipeline.validate": {"pipeline.enrich", "pipeline.normalise.text"},
        "pipeline.models.extra": {"pipeline.enrich"},
    }
    assert wrong_way(graph) == [
        "pipeline.extract.pdf (extract) imports pipeline.layout.grid (layout)",
        "pipeline.models.extra (vocabulary) imports pipeline.enrich (enrich)",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from pipeline.enrich import RowUnit", {"pipeline.enrich", "pipeline.enrich.RowUnit"}),
        ("import pipeline.layout.grid as g", {"pipeline.layout.grid"}),
        ("def f():\n    from pipeline.store import x\n", {"pipeline.store", "pipeline.store.x"}),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pipeline.enrich import D\n",
            {"pipeline.enrich", "pipeline.enrich.D"},
        ),
        ("from . import sibling\nimport pipelines\nimport os", set()),
    ],
)
def test_imports_are_read_everywhere(source: str, expected: set[str]) -> None:
    assert imports_of(source) == expected


def test_the_real_package_with_one_wrong_import_fails(tmp_path: Path) -> None:
    """A copy of the package with one import turned the wrong way is caught."""
    copy = tmp_path / "pipeline"
    for p in PACKAGE.rglob("*.py"):
        target = copy / p.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    structure = copy / "structure.py"
    structure.write_text(
        structure.read_text(encoding="utf-8") + "\nfrom pipeline.validate import validate\n",
        encoding="utf-8",
    )
    assert wrong_way(import_graph(copy)) == [
        "pipeline.structure (structure) imports pipeline.validate (validate)"
    ]
