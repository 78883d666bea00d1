"""The evidence scan's own walks keep what ``ast``'s would give, at a fraction of the cost.

The first pass of :class:`migrator.analysis.evidence._Finder` relies on the order of
``ast.walk`` (of two imports of one name, the later wins), and its visit on the
order of ``NodeVisitor``; both are replaced by faster loops that leave out the
expression contexts, held here to the originals on every fixture's input.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from migrator.analysis import evidence, evidence_nodes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INPUTS = sorted(FIXTURES.glob("*/*.before.py"))


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_first_pass_walks_in_the_order_of_ast_walk(path: Path) -> None:
    tree = ast.parse(path.read_bytes())
    walked = list(ast.walk(tree))
    assert list(evidence_nodes.breadth_first(tree)) == [n for n in walked if not _context(n)]
    assert any(_context(node) for node in walked)  # there were some to leave out


def _context(node: ast.AST) -> bool:
    """``Load``, ``Store``, ``Del``: what the walks leave out, since no reader looks at them."""
    return isinstance(node, ast.expr_context)


class _Visits(evidence._Finder):
    """The finder, recording the order its visit reaches the nodes in."""

    def __init__(self, tree: ast.Module) -> None:
        super().__init__(tree)
        self.order: list[ast.AST] = []

    def visit(self, node: ast.AST) -> None:
        self.order.append(node)
        super().visit(node)


class _Reference(_Visits):
    """The same finder with ``NodeVisitor``'s own lookup by name and walk of the fields."""

    def visit(self, node: ast.AST) -> None:
        self.order.append(node)
        ast.NodeVisitor.visit(self, node)

    def _children(self, node: ast.AST) -> None:
        ast.NodeVisitor.generic_visit(self, node)


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_visit_reaches_the_nodes_node_visitor_would(path: Path) -> None:
    tree = ast.parse(path.read_bytes())
    finder, reference = _Visits(tree), _Reference(tree)
    with evidence_nodes.deep_recursion():
        finder.visit(tree)
        reference.visit(tree)
    assert finder.order == [node for node in reference.order if not _context(node)]
    assert finder.order and finder.found == reference.found


def test_a_key_returned_by_an_inner_function_is_named_after_it() -> None:
    """The first pass and the keys' walk go breadth first, as ``ast.walk`` does: the
    inner function, reached after the outer one, names the key it returns."""
    tree = ast.parse(
        "def outer():\n"
        "    def inner():\n"
        '        return {"max_tokens_to_sample": 5}\n'
        '    return {"max_tokens_to_sample": 6}\n'
    )
    keys = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value == "max_tokens_to_sample"
    ]
    outer_key, inner_key = keys  # breadth first: the outer return is shallower
    built_by = evidence._Finder(tree).built_by
    assert built_by == {id(outer_key): "outer", id(inner_key): "inner"}
