"""A read-only walk over a libcst tree: libcst's own order, and no node rebuilt.

``node.visit(visitor)`` rebuilds every node it leaves, even for a visitor that
changes nothing: each node's ``_visit_and_replace_children`` constructs the node
anew from its visited children, and the constructor validates it. In the
analysis walk, which only records what it sees, that was most of the walk's
time. :func:`walk` calls the same ``on_visit`` / ``on_leave`` of a
``cst.CSTVisitor`` on the same nodes in the same order, reading each node's
children from its fields instead.

The order of a node's fields is the order its ``_visit_and_replace_children``
visits them, which is lexical and not the order the fields are declared in (a
function's decorators are declared after its body). It is read once per class
from that method's compiled code: the field names it passes to libcst's
``visit_*`` helpers, in the order the code names them.
``tests/test_readwalk.py`` checks the walk against ``node.visit`` on every
fixture.
"""

from __future__ import annotations

import functools

import libcst as cst

_CSTNode = cst.CSTNode

# What a field's value is, by its class: a node, a sequence of values, or neither.
_OTHER, _NODE, _SEQUENCE = 0, 1, 2


class _Kinds(dict[type, int]):
    """A field value's class to what it is, judged once per class: ``CSTNode`` is an ABC,
    and an ``isinstance`` check against it on every field of every node was a third of
    the walk."""

    def __missing__(self, kind: type) -> int:
        if issubclass(kind, _CSTNode):
            found = _NODE
        elif issubclass(kind, (tuple, list)):
            found = _SEQUENCE
        else:
            found = _OTHER
        self[kind] = found
        return found


_KINDS = _Kinds()


def _children_into(node: cst.CSTNode, into: list[cst.CSTNode]) -> None:
    """Append ``node``'s children to ``into``, in the order libcst visits them."""
    kinds = _KINDS
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        kind = kinds[type(value)]
        if kind == _NODE:
            into.append(value)
        elif kind == _SEQUENCE:
            into.extend(child for child in value if kinds[type(child)] == _NODE)


@functools.cache
def _child_fields(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    """The fields of ``kind`` that hold children, in the order libcst visits them."""
    fields = getattr(kind, "__dataclass_fields__", {})
    code = kind._visit_and_replace_children.__code__
    return tuple(
        dict.fromkeys(name for name in code.co_consts if isinstance(name, str) and name in fields)
    )


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """``node.visit(visitor)`` for a visitor that only reads: the same calls, no new nodes.

    Iterative, so that a deep tree costs no Python recursion.
    """
    on_visit = visitor.on_visit
    on_leave = visitor.on_leave
    # (node, entered): entered nodes are left once their children are done.
    stack: list[tuple[cst.CSTNode, bool]] = [(node, False)]
    pop = stack.pop
    push = stack.append
    while stack:
        current, entered = pop()
        if entered:
            on_leave(current)
            continue
        if not on_visit(current):
            on_leave(current)
            continue
        push((current, True))
        children: list[cst.CSTNode] = []
        _children_into(current, children)
        for child in reversed(children):
            push((child, False))


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """``node.children``, read from its fields: libcst's property visits the node to
    collect them, which costs as much as rebuilding it."""
    found: list[cst.CSTNode] = []
    _children_into(node, found)
    return found


def holding(node: cst.CSTNode, kind: type[cst.CSTNode]) -> set[cst.CSTNode]:
    """The nodes of ``kind`` under ``node`` (itself included) and every node that holds one:
    where a transformer that changes only those has something to do (it may skip the rest)."""
    parents: dict[cst.CSTNode, cst.CSTNode | None] = {node: None}
    found: set[cst.CSTNode] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, kind):
            up: cst.CSTNode | None = current
            while up is not None and up not in found:
                found.add(up)
                up = parents[up]
        below: list[cst.CSTNode] = []
        _children_into(current, below)
        for child in below:
            parents[child] = current
        stack.extend(below)
    return found
