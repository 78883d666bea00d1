"""The field walk that collects names agrees with a libcst visitor doing the same."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from migrator.rules.prompt_constants.imports import names_read

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "fixtures").glob("*/*.py"))


class _Reference(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_names_as_a_visitor(path: Path):
    module = cst.parse_module(path.read_text(encoding="utf-8"))
    reference = _Reference()
    module.visit(reference)
    assert names_read(module) == reference.names


def test_names_in_imports_are_not_reads():
    module = cst.parse_module(
        "from anthropic import HUMAN_PROMPT as H, AI_PROMPT\nimport os\nprint(H, os.sep)\n"
    )
    assert names_read(module) == {"os", "print", "H", "sep"}
