"""Statements that do nothing more when given one more, empty, piece of text.

The last event of a legacy stream carried no text, only the stop reason, yet
the loop body ran for it too. A Messages loop that reads only text deltas may
skip that run when, and only when, the body provably ignores an empty piece.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from migrator.analysis.flow import is_store
from migrator.analysis.names import ModuleAnalysis
from migrator.code.syntax import string_value, walk


def ignores_empty_text(
    statement: cst.CSTNode, reads: Sequence[cst.CSTNode], analysis: ModuleAnalysis
) -> bool:
    """Each part of ``statement`` prints one of ``reads`` with ``end=""``, writes it,
    adds it (or its ``len``) with ``+=``, appends it to a list only ever joined with
    ``""``, extends a list with its ``.split()``, or flushes a stream; or ``statement``
    is ``if <piece>: ...`` with no ``else``, or ``if <test>: break``, whose test reads
    names alone (run once more on the same values, it breaks out of a loop that was
    about to end, or goes on as before), or a ``while`` that drains what was added
    (see :func:`_drains`)."""
    text = set(map(id, reads))
    if isinstance(statement, cst.While):
        return _drains(statement, analysis)
    if isinstance(statement, cst.If):
        if statement.orelse is None and id(statement.test) in text:
            return True  # `if piece:`: an empty piece runs nothing
        return _breaks_on_plain_test(statement, analysis)
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        if isinstance(small, cst.AugAssign):
            added = small.value
            if _builtin_call(added, "len", analysis):
                added = added.args[0].value  # type: ignore[attr-defined]
            if not (isinstance(small.operator, cst.AddAssign) and id(added) in text):
                return False
            continue
        if not (isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)):
            return False
        call, func = small.value, small.value.func
        if isinstance(func, cst.Attribute) and func.attr.value == "flush" and not call.args:
            continue
        values = [arg for arg in call.args if arg.keyword is None]
        if _extends_with_words(call, text, analysis):
            continue
        if not (len(values) == 1 and id(values[0].value) in text and not values[0].star):
            return False
        if isinstance(func, cst.Attribute) and func.attr.value == "write":
            if len(call.args) != 1:
                return False
            continue
        if isinstance(func, cst.Attribute) and func.attr.value == "append":
            if len(call.args) != 1 or not _only_joined(func.value, analysis):
                return False
            continue
        if not (isinstance(func, cst.Name) and func.value == "print"):
            return False
        keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword}
        if string_value(keywords.get("end")) != "" or set(keywords) - {"end", "flush", "file"}:
            return False
    return True


def _only_joined(pieces: cst.BaseExpression, analysis: ModuleAnalysis) -> bool:
    """``pieces`` is a list built here and only read by ``"".join(pieces)``."""
    if not isinstance(pieces, cst.Name):
        return False
    found = analysis.assigned_once(pieces.value, analysis.scope_of[pieces])
    if found is None or not (isinstance(found[1], cst.List) and not found[1].elements):
        return False
    for use in analysis.uses_of(pieces.value, found[0]):
        parent = analysis.parent(use)
        if isinstance(parent, cst.AssignTarget) or is_store(analysis, use):
            continue
        if isinstance(parent, cst.Attribute) and parent.attr.value == "append":
            continue
        call = analysis.parent(parent)
        joined = (
            isinstance(parent, cst.Arg)
            and isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "join"
            and string_value(call.func.value) == ""
            and len(call.args) == 1
        )
        if not joined:
            return False
    return True


def _extends_with_words(call: cst.Call, text: set[int], analysis: ModuleAnalysis) -> bool:
    """``words.extend(piece.split())``, ``words`` a list made here: ``"".split()`` is
    empty."""
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value == "extend"
        and isinstance(func.value, cst.Name)
        and len(call.args) == 1
        and call.args[0].keyword is None
        and not call.args[0].star
    ):
        return False
    split = call.args[0].value
    if not (
        isinstance(split, cst.Call)
        and not split.args
        and isinstance(split.func, cst.Attribute)
        and split.func.attr.value == "split"
        and id(split.func.value) in text
    ):
        return False
    found = analysis.assigned_once(func.value.value, analysis.scope_of[func.value])
    return found is not None and isinstance(found[1], cst.List)


def _drains(statement: cst.While, analysis: ModuleAnalysis) -> bool:
    """``while "\\n" in buffer: ...`` last in the body of a ``for`` loop, its test made of
    names and literals, with no ``break`` or ``else``: the last run left the test false,
    and with nothing but an empty piece added since, it stays false."""
    block = analysis.parent(statement)
    loop = analysis.parent(block) if block is not None else None
    return (
        isinstance(block, cst.IndentedBlock)
        and block.body[-1] is statement
        and isinstance(loop, cst.For)
        and statement.orelse is None
        and _plain(statement.test, analysis)
        and not any(isinstance(node, cst.Break) for node in walk(statement.body))
    )


def _breaks_on_plain_test(statement: cst.If, analysis: ModuleAnalysis) -> bool:
    """``if <test>: break`` in the body of a loop with no ``else``, the test made of
    names, literals, comparisons, ``and``/``or``/``not`` and ``len(name)``."""
    loop = analysis.parent(analysis.parent(statement))
    body = statement.body
    return (
        isinstance(loop, cst.For)
        and loop.orelse is None
        and statement.orelse is None
        and isinstance(body, cst.IndentedBlock)
        and len(body.body) == 1
        and isinstance(body.body[0], cst.SimpleStatementLine)
        and len(body.body[0].body) == 1
        and isinstance(body.body[0].body[0], cst.Break)
        and _plain(statement.test, analysis)
    )


def _plain(test: cst.BaseExpression, analysis: ModuleAnalysis) -> bool:
    """``test`` reads values and calls nothing but the builtin ``len`` of a name."""
    if isinstance(test, (cst.Name, cst.Integer, cst.Float, cst.SimpleString)):
        return True
    if isinstance(test, cst.Comparison):
        return _plain(test.left, analysis) and all(
            _plain(target.comparator, analysis) for target in test.comparisons
        )
    if isinstance(test, cst.BooleanOperation):
        return _plain(test.left, analysis) and _plain(test.right, analysis)
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return _plain(test.expression, analysis)
    return _builtin_call(test, "len", analysis) and isinstance(
        test.args[0].value,  # type: ignore[attr-defined]
        cst.Name,
    )


def _builtin_call(node: cst.BaseExpression, name: str, analysis: ModuleAnalysis) -> bool:
    """``node`` is ``name(one_argument)``, ``name`` the builtin, not bound in the module."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == name
        and len(node.args) == 1
        and node.args[0].keyword is None
        and not node.args[0].star
        and analysis.lookup(name, analysis.scope_of[node.func]) is None
    )
