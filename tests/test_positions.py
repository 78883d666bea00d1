"""start_positions gives the starts libcst's PositionProvider gives, for any set of nodes."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import CodePosition, MetadataWrapper, PositionProvider

from migrator.code.positions import start_positions

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "fixtures").glob("*/*.before.py")) + [
    ROOT / "migrator" / "engine" / "migrate.py"
]
ODD = {
    "crlf": "import os\r\n\r\nx = (1,\r\n     2)\r\nif x:\r\n    y = f'{x}'\r\n",
    "cr_only": "a = 1\rb = [\r  2]\r",
    "no_final_newline": "def f():\n    return 1",
    "leading_comments": "# one\n\n# two\n@decorator\n# three\nclass A:  # four\n    pass\n",
    "tabs_and_continuations": "if a:\n\tb = 1 + \\\n\t    2\n\tc = '''x\ny'''\n",
    "semicolons": "a = 1; b = 2; print(a)\n",
}


class _All(cst.CSTVisitor):
    def __init__(self) -> None:
        self.nodes: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(node)
        return True


def _compare(source: str) -> None:
    module = cst.parse_module(source)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    visitor = _All()
    module.visit(visitor)
    everything = start_positions(module, visitor.nodes)
    assert {n: everything[n] for n in visitor.nodes} == {
        n: expected[n].start for n in visitor.nodes
    }
    # A few nodes alone: nothing depends on the others being tracked too.
    few = visitor.nodes[len(visitor.nodes) // 3 :: 97]
    assert start_positions(module, few) == {node: expected[node].start for node in few}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_node_of_every_fixture(path: Path):
    _compare(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_layouts(name: str):
    _compare(ODD[name])


def test_nothing_wanted_costs_nothing():
    assert start_positions(cst.parse_module("x = 1\n"), []) == {}


@pytest.mark.parametrize("name", sorted(ODD))
def test_each_node_alone(name: str):
    """Rendering stops once the wanted starts are known: right after any node."""
    module = cst.parse_module(ODD[name])
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    visitor = _All()
    module.visit(visitor)
    for node in visitor.nodes:
        assert start_positions(module, [node]) == {node: expected[node].start}


def test_what_follows_the_last_wanted_node_is_not_rendered(monkeypatch: pytest.MonkeyPatch):
    module = cst.parse_module("x = 1\ny = 'text'\n")
    first = module.body[0]

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("rendered")

    monkeypatch.setattr(cst.SimpleString, "_codegen_impl", refuse)
    assert start_positions(module, [first]) == {first: CodePosition(1, 0)}
