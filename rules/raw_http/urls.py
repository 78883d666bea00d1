"""URLs built from a template or joined to a base: where a request's URL ends, as written."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.code.syntax import dotted_name


def urljoin_call(analysis: ModuleAnalysis, expr: cst.BaseExpression, scope: Scope) -> bool:
    """``urljoin(base, path)`` of ``urllib.parse``, with two arguments by position."""
    if not (
        isinstance(expr, cst.Call)
        and len(expr.args) == 2
        and all(arg.keyword is None and not arg.star for arg in expr.args)
    ):
        return False
    func = expr.func
    if isinstance(func, cst.Attribute):  # ``urllib.parse.urljoin``, ``parse.urljoin``
        return func.attr.value == "urljoin" and dotted_name(func.value) in (
            "urllib.parse",
            "parse",
        )
    found = analysis.lookup(func.value, scope) if isinstance(func, cst.Name) else None
    if found is None or len(found[1]) != 1:
        return False
    statement = found[1][0].node
    return (
        isinstance(statement, cst.ImportFrom)
        and dotted_name(statement.module) == "urllib.parse"  # type: ignore[arg-type]
        and isinstance(statement.names, Sequence)
        and any(
            dotted_name(alias.name) == "urljoin"
            and (alias.asname is None or alias.asname.name.value == func.value)  # type: ignore[attr-defined,union-attr]
            for alias in statement.names
        )
    )


def url_template(expr: cst.BaseExpression) -> cst.SimpleString | None:
    """The string a URL is filled into: ``"...".format(...)`` or ``"..." % ...``."""
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "format"
        and isinstance(expr.func.value, cst.SimpleString)
    ):
        return expr.func.value
    if (
        isinstance(expr, cst.BinaryOperation)
        and isinstance(expr.operator, cst.Modulo)
        and isinstance(expr.left, cst.SimpleString)
    ):
        return expr.left
    return None
