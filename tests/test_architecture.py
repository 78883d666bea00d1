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
    return {
        module if module in MODULES or not module.startswith("migrator") else module
        for module in found
    }


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


def test_imports_run_down_the_stages() -> None:
    upward = []
    for name, imported in GRAPH.items():
        stage = _stage(name)
        if stage is None:
            continue
        allowed = SIDE.get(stage) or LAYERS[: LAYERS.index(stage) + 1]
        for module in sorted(imported):
            target = _stage(module) if module.startswith("migrator.") else None
            if target is not None and target not in allowed:
                upward.append(f"{name} ({stage}) imports {module} ({target})")
    assert not upward, "imports that run up the stages:\n" + "\n".join(upward)


def test_no_import_circles() -> None:
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
        for target in GRAPH[module]:
            if target not in GRAPH:
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

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert not circles, f"import circles: {circles}"


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
