"""The read-only walk visits what libcst's own visit does, in the same order."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from migrator.code.readwalk import children, holding, walk

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "fixtures").glob("*/*.py")) + sorted((ROOT / "examples").glob("*.py"))


class _Recorder(cst.CSTVisitor):
    """Every call, by node identity; it skips the children of each ``Call``'s arguments."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.calls.append(("visit", id(node)))
        return not isinstance(node, cst.Arg)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.calls.append(("leave", id(original_node)))


def _both(module: cst.Module) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    libcsts, ours = _Recorder(), _Recorder()
    module.visit(libcsts)
    walk(module, ours)
    return libcsts.calls, ours.calls


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_walk_is_libcsts_visit_on_every_fixture(path: Path):
    module = cst.parse_module(path.read_text(encoding="utf-8-sig"))
    libcsts, ours = _both(module)
    assert len(ours) > 10
    assert ours == libcsts


SHAPES = {
    "decorators_before_the_body": "@a.b(c)\ndef f(x: int = 1, *a, k, **kw) -> T:\n    return x\n",
    "import_star": "from m import *\nfrom n import (a as b, c)\n",
    "fstrings": 'x = f"{a!r:>{w}} {b=}"\ny = rb"\\x00" b"s"\n',
    "match": "match p:\n    case [1, *r] if r:\n        pass\n    case {'k': v, **kw}:\n        pass\n",
    "comprehensions": "y = {k: v async for k, v in z if k for w in k}\n",
    "with_and_try": (
        "async def f():\n    async with a as (b, c), d:\n        try:\n            pass\n"
        "        except* E as e:\n            raise\n        else:\n            del x\n"
        "        finally:\n            global g\n"
    ),
    "operators": "x = not a < b <= c is not d in e or -f ** g // h @ i\nx @= 2\nx = [*a, (yield)]\n",
    "deep": "x = " + "(" * 300 + "1" + ")" * 300 + "\n",
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_the_walk_is_libcsts_visit_on_every_shape(name: str):
    libcsts, ours = _both(cst.parse_module(SHAPES[name]))
    assert ours == libcsts


def test_the_walk_builds_no_node(monkeypatch: pytest.MonkeyPatch):
    """What it saves: libcst's visit constructs each node again; the walk constructs none."""
    module = cst.parse_module(SHAPES["decorators_before_the_body"])
    built: list[str] = []
    original = cst.CSTNode.__post_init__

    def counted(self: cst.CSTNode) -> None:
        built.append(type(self).__name__)
        original(self)

    monkeypatch.setattr(cst.CSTNode, "__post_init__", counted)
    walk(module, _Recorder())
    assert built == []
    module.visit(_Recorder())
    assert built  # the test can tell


class _Holders(cst.CSTVisitor):
    """By libcst's own visit: the nodes of a kind and every node above one."""

    def __init__(self, kind: type[cst.CSTNode]) -> None:
        self.kind = kind
        self.stack: list[cst.CSTNode] = []
        self.found: set[cst.CSTNode] = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.stack.append(node)
        if isinstance(node, self.kind):
            self.found.update(self.stack)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_holding_finds_what_libcsts_visit_finds_on_every_fixture(path: Path):
    module = cst.parse_module(path.read_text(encoding="utf-8-sig"))
    for kind in (cst.ParenthesizedWhitespace, cst.Call):
        reference = _Holders(kind)
        walk(module, reference)
        assert holding(module, kind) == reference.found


def test_holding_is_empty_without_the_kind():
    module = cst.parse_module("x = f(a, b)\n")
    assert holding(module, cst.ParenthesizedWhitespace) == set()
    assert holding(module, cst.Call) >= {module, module.body[0]}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_children_are_libcsts_on_every_node_of_every_fixture(path: Path):
    module = cst.parse_module(path.read_text(encoding="utf-8-sig"))
    nodes = [module]
    for node in nodes:  # grows as it is read
        assert children(node) == list(node.children)
        nodes.extend(node.children)
    assert len(nodes) > 10
