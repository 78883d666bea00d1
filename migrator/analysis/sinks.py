"""Statements that do nothing more when given one more, empty, piece of text.

The last event of a legacy stream carried no text, only the stop reason, yet
the loop body ran for it too. A Messages loop that reads only text deltas may
skip that run when, and only when, the body provably ignores an empty piece.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.code.syntax import string_value


def ignores_empty_text(
    statement: cst.CSTNode, reads: Sequence[cst.CSTNode], analysis: ModuleAnalysis
) -> bool:
    """Each part of ``statement`` prints one of ``reads`` with ``end=""``, writes it,
    adds it to a string (``+=``), appends it to a list only ever joined with ``""``,
    or flushes a stream."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    text = set(map(id, reads))
    for small in statement.body:
        if isinstance(small, cst.AugAssign):
            if not (isinstance(small.operator, cst.AddAssign) and id(small.value) in text):
                return False
            continue
        if not (isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)):
            return False
        call, func = small.value, small.value.func
        if isinstance(func, cst.Attribute) and func.attr.value == "flush" and not call.args:
            continue
        values = [arg for arg in call.args if arg.keyword is None]
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
        if isinstance(parent, cst.AssignTarget):
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
