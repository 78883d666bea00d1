"""The bindings a read may see: the nearest plain assignment above it and those after it."""

from __future__ import annotations

import ast
import textwrap

import pytest

from migrator.analysis.bedrock_bindings import _bindings
from migrator.code.dominating import Dominating


def _reaching(source: str) -> list[str] | None:
    """What the last read of ``x`` in the function ``f`` may see, each binding's value as
    written; None: any binding of ``x``."""
    tree = ast.parse(textwrap.dedent(source))
    function = next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef))
    reads = [
        node
        for node in ast.walk(function)
        if isinstance(node, ast.Name) and node.id == "x" and isinstance(node.ctx, ast.Load)
    ]
    last = max(reads, key=lambda node: (node.lineno, node.col_offset))
    found = Dominating(function, _bindings).reaching(last)
    return None if found is None else sorted(ast.unparse(value) for _, _, value in found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    x = 1\n    x = 2\n    print(x)\n", ["2"]),
        ("def f():\n    x = 1\n    x = x + 1\n", ["1"]),  # read before its own binding
        ("def f(c):\n    x = 1\n    if c:\n        x = 2\n    print(x)\n", ["1", "2"]),
        ("def f(c):\n    x = 1\n    if c:\n        x = 2\n        print(x)\n", ["2"]),
        (
            "def f(c):\n    x = 0\n    if c:\n        x = 1\n    else:\n        print(x)\n",
            ["0", "1"],
        ),
        ("def f(x):\n    print(x)\n", None),  # a parameter
        ("def f(c):\n    if c:\n        x = 1\n    print(x)\n", None),  # bound only in a branch
        ("def f(s):\n    x = 0\n    for i in s:\n        print(x)\n        x = i\n", None),
        ("def f(s):\n    for i in s:\n        x = i\n        print(x)\n", ["i"]),
        ("def f(s):\n    x = 0\n    print([x for x in s])\n", None),  # bound in the statement
        ("def f(m):\n    x = 0\n    with m as x:\n        print(x)\n", ["0", "m"]),
    ],
)
def test_the_nearest_plain_assignment_above_a_read_ends_the_search(
    source: str, expected: list[str] | None
):
    assert _reaching(source) == expected
