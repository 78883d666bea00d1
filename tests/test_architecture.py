"""The shape of the house: one-way imports between the stages, and modules that fit a sitting.

Every import counts, wherever it is written (at the top, inside a function, under
``TYPE_CHECKING``): a circle of imports is a circle of ideas, whether or not Python
happens to tolerate it. ``docs/architecture.md`` explains the stages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The stages, bottom first: each may import itself and the ones before it.
LAYERS = ("core", "code", "runtime", "analysis", "contract", "doubles", "rewrite", "rules")
LAYERS += ("engine", "files", "run", "cli")
# The pytest plugin and fake API server users import: beside the pipeline, on ``core``.
SIDE = {"testing": ("core", "testing")}
# Only the command line prints.
PRINTING = ("rich", "typer")
RULE_LINES = 300
MODULE_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for folder, package in ((ROOT / "migrator", "migrator"), (ROOT / "rules", "migrator.rules")):
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The modules of migrator, and the outside packages, that ``name`` imports anywhere."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                dotted = f"{base}.{alias.name}"
                found.add(dotted if dotted in MODULES else base)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "migrator" or len(parts) < 2 or parts[1] == "__main__":
        return None  # the package itself (its version) and ``python -m migrator``
    return parts[1]


def test_every_module_sits_in_a_stage() -> None:
    stages = {*LAYERS, *SIDE}
    loose = [name for name in MODULES if _stage(name) not in (*stages, None)]
    assert not loose, f"modules outside the stages of docs/architecture.md: {loose}"


def _upward(graph: dict[str, set[str]]) -> list[str]:
    """Each import of a stage that the importer's stage may not import."""
    upward = []
    for name, imported in graph.items():
        stage = _stage(name)
        if stage is None:
            continue
        allowed = SIDE.get(stage) or LAYERS[: LAYERS.index(stage) + 1]
        for module in sorted(imported):
            target = _stage(module) if module.startswith("migrator.") else None
            if target is not None and target not in allowed:
                upward.append(f"{name} ({stage}) imports {module} ({target})")
    return upward


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components: any with two modules or more is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    return circles


def test_imports_run_down_the_stages() -> None:
    upward = _upward(GRAPH)
    assert not upward, "imports that run up the stages:\n" + "\n".join(upward)


def test_no_import_circles() -> None:
    circles = _circles(GRAPH)
    assert not circles, f"import circles: {circles}"


def test_the_judges_see_what_they_look_for() -> None:
    """On a made-up graph: an analysis module importing the engine, a circle of three
    through a side stage, and nothing reported for what is allowed."""
    graph = {
        "migrator.analysis.names": {"migrator.engine.migrate", "migrator.core.config"},
        "migrator.engine.migrate": {"migrator.analysis.names", "libcst"},
        "migrator.testing.server": {"migrator.testing.wire", "migrator.core.models"},
        "migrator.testing.wire": {"migrator.testing.endpoints"},
        "migrator.testing.endpoints": {"migrator.testing.server", "migrator.cli.app"},
        "migrator.core.config": set(),
    }
    assert _upward(graph) == [
        "migrator.analysis.names (analysis) imports migrator.engine.migrate (engine)",
        "migrator.testing.endpoints (testing) imports migrator.cli.app (cli)",
    ]
    assert sorted(_circles(graph)) == [
        ["migrator.analysis.names", "migrator.engine.migrate"],
        ["migrator.testing.endpoints", "migrator.testing.server", "migrator.testing.wire"],
    ]


def test_only_the_command_line_prints() -> None:
    printing = [
        f"{name} imports {module}"
        for name, imported in GRAPH.items()
        if _stage(name) != "cli"
        for module in sorted(imported)
        if module.split(".")[0] in PRINTING
    ]
    assert not printing, printing


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_fits_a_sitting(name: str) -> None:
    limit = RULE_LINES if name.startswith("migrator.rules") else MODULE_LINES
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= limit, f"{MODULES[name]} has {lines} lines; split it along its seams"


def test_the_walk_sees_the_imports_it_judges() -> None:
    """The test's own reading: a known import of each kind is found."""
    assert "migrator.core.findings" in GRAPH["migrator.contract.rule"]
    assert "migrator.contract.plan" in GRAPH["migrator.contract.rule"]  # under TYPE_CHECKING
    assert "rich" in {module.split(".")[0] for module in GRAPH["migrator.cli.app"]}


def test_every_package_is_installed() -> None:
    """Each folder of modules is listed in ``pyproject.toml``: an installed copy has none
    that is not (the checkout imports them all the same, so only this test notices)."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    packages = {name for name, path in MODULES.items() if path.name == "__init__.py"}
    assert packages - listed == set()
