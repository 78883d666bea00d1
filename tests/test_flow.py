"""Which binding a read sees (migrator.analysis.flow): one answer where the code runs straight, none
where a branch, a loop, a `try`, a walrus or another function could change it."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from migrator.analysis.flow import binding_at, reaching
from migrator.analysis.names_walk import analyse


def _reads(source: str, name: str):
    module = cst.parse_module(textwrap.dedent(source))
    analysis = analyse(module)
    lines = module.code.splitlines()
    reads = []
    for use in analysis.name_uses[name]:
        statement = analysis.statement_of[use.node]
        text = module.code_for_node(statement).strip().splitlines()[0]
        if "# read" in text:
            reads.append(use.node)
    assert reads, "mark the statement that reads with `# read`"
    return module, analysis, lines, reads


def _seen(source: str, name: str = "x") -> str | None:
    """The first line of the statement that binds what the marked read sees."""
    module, analysis, _, reads = _reads(source, name)
    binding = reaching(analysis, reads[-1])
    if binding is None:
        return None
    site = binding.statement if binding.statement is not None else binding.node
    if isinstance(site, cst.BaseSmallStatement):
        return module.code_for_node(site).strip().rstrip(";")
    statement = analysis.statement_of.get(site, site)
    return module.code_for_node(statement).strip().splitlines()[0]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 1\nx = 2\nprint(x)  # read\n", "x = 2"),
        ("x = 1\nprint(x)  # read\nx = 2\n", "x = 1"),
        ("x = 1\nif c:\n    x = 2\nprint(x)  # read\n", None),
        ("x = 1\nif c:\n    x = 2\n    print(x)  # read\n", "x = 2"),
        ("x = 1\nif c:\n    print(x)  # read\nelse:\n    x = 2\n", "x = 1"),
        ("x = 1\ntry:\n    x = 2\n    print(x)  # read\nexcept E:\n    pass\n", "x = 2"),
        ("x = 1\ntry:\n    x = 2\nexcept E:\n    print(x)  # read\n", None),
        ("x = 1\ntry:\n    x = 2\nexcept E:\n    pass\nprint(x)  # read\n", None),
        ("x = 0\nfor i in r:\n    print(x)  # read\n    x = i\n", None),
        ("x = 0\nfor x in r:\n    print(x)  # read\n    x = 5\n", "for x in r:"),
        ("x = 0\nwhile c:\n    x = 1\nprint(x)  # read\n", None),
        ("x = 1\nwith f() as g:\n    x = 2\nprint(x)  # read\n", "x = 2"),
        ("x = 1\nx = x + 1  # read\n", "x = 1"),
        ("x = 1\nx = 2; print(x)  # read\n", "x = 2"),
        ("x = 1\nif (x := 2) and x:  # read\n    pass\n", None),
        ("x = 1\ndef f():\n    global x\n    x = 2\nx = 3\nprint(x)  # read\n", None),
        ("x = 1\nx = 2\ndef f():\n    print(x)  # read\n", None),
        ("def f(x):\n    print(x)  # read\n    x = 2\n", "def f(x):"),
    ],
)
def test_reaching(source: str, expected: str | None) -> None:
    assert _seen(source) == expected


def test_a_binding_owns_the_reads_it_alone_reaches() -> None:
    source = """
    body = 1  # first
    print(body)  # read
    body = 2
    print(body)
    print(body)
    """
    module, analysis, _, reads = _reads(source, "body")
    first = analysis.name_uses["body"][0].node  # the target of `body = 1`
    found = binding_at(analysis, first)
    assert found is not None
    assert found[2] == reads
    second = binding_at(analysis, analysis.name_uses["body"][2].node)
    assert second is not None and len(second[2]) == 2


def test_a_read_that_may_see_two_bindings_leaves_both_unclear() -> None:
    source = """
    body = 1
    if c:
        body = 2
    print(body)  # read
    """
    _, analysis, _, _ = _reads(source, "body")
    targets = [u.node for u in analysis.name_uses["body"][:2]]
    assert [binding_at(analysis, t) for t in targets] == [None, None]


def test_a_binding_that_surely_ran_shields_the_reads_after_it() -> None:
    # The loop's read may see `body = 2` or `body = 3`, never `body = 1`.
    source = """
    body = 1
    print(body)  # read
    body = 2
    for i in r:
        print(body)
        body = 3
    """
    _, analysis, _, reads = _reads(source, "body")
    first = binding_at(analysis, analysis.name_uses["body"][0].node)
    assert first is not None and first[2] == reads
    assert binding_at(analysis, analysis.name_uses["body"][2].node) is None
