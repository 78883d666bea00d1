"""The adapter call around a migrated call, laid out as a reviewer would write it.

When ``stream=`` is known only at run time, the migrated call is wrapped in an
adapter that gives its result the legacy shape. Written around the call as it
stands, ``adapter(client.messages.create(`` would open a line and ``))`` close
one, the arguments indented for the inner call alone; or a call that fitted its
line would run past it. Black puts the inner call on a line of its own, one
step in, between the adapter's brackets (and its arguments one a line when it
is still too long); so does this, whenever the call is laid over lines or the
line would be longer than the file's own style allows.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst
from libcst.metadata import CodePosition

from migrator.code.syntax import line_break, one_argument_a_line, one_step_in
from migrator.code.wrapping import file_width
from migrator.contract.plan import CallPlan, Rewrite


def adapter_rewrite(
    plan: CallPlan, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> Rewrite:
    """A rewrite of the migrated call (or its ``await``) into ``plan.result_wrapper(...)``."""
    helper = plan.result_wrapper
    assert helper is not None
    module = plan.analysis.module
    step = module.default_indent

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        # Positions are known only once every rule has run: read them here.
        assert isinstance(updated, cst.BaseExpression)
        lines = source.splitlines()
        where = positions.get(plan.site.call)
        before = module.code_for_node(plan.site.call)
        block = _leading(lines, positions.get(plan.site.statement))
        # The call's line may be a continuation line: its indentation beyond the block's.
        extra = _leading(lines, where)[len(block) :]
        if not _laid_over_lines(updated):
            if where is None or "\n" in before:
                return _around(helper, updated)  # no line to measure: as it was written
            limit = file_width(source)
            # An ``await`` was on the line already: it grows by what the call gains, and
            # by the adapter's name and brackets.
            call = module.code_for_node(_call_of(updated))
            grown = len(call) - len(before) + len(helper) + len("()")
            if len(lines[where.line - 1]) + grown <= limit:
                return _around(helper, updated)
            if len(block + extra + step + module.code_for_node(updated)) > limit:
                updated = _one_argument_a_line(updated, extra, module)
        return _on_its_own_line(helper, updated, extra, step)

    return rewrite


def _leading(lines: list[str], where: CodePosition | None) -> str:
    if where is None or where.line > len(lines):
        return ""
    line = lines[where.line - 1]
    return line[: len(line) - len(line.lstrip())]


def _around(helper: str, inner: cst.BaseExpression) -> cst.Call:
    return cst.Call(cst.Name(helper), [cst.Arg(inner)])


def _call_of(expression: cst.BaseExpression) -> cst.BaseExpression:
    return expression.expression if isinstance(expression, cst.Await) else expression


def _one_argument_a_line(
    expression: cst.BaseExpression, indent: str, module: cst.Module
) -> cst.BaseExpression:
    """The call (awaited or not), written on one line, with its arguments one a line."""
    call = _call_of(expression)
    if not isinstance(call, cst.Call) or not call.args:
        return expression
    broken = one_argument_a_line(call, indent, module.default_indent)
    if isinstance(expression, cst.Await):
        return expression.with_changes(expression=broken)
    return broken


def _laid_over_lines(expression: cst.BaseExpression) -> bool:
    """Does the expression break its line between brackets (not inside a string)?"""
    finder = _LineBreaks()
    expression.visit(finder)
    return finder.found


class _LineBreaks(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = False

    def visit_ParenthesizedWhitespace(self, node: cst.ParenthesizedWhitespace) -> bool:
        self.found = True
        return False


def _on_its_own_line(helper: str, inner: cst.BaseExpression, indent: str, step: str) -> cst.Call:
    """``helper(`` / the inner expression one step in / ``)`` back at ``indent``."""
    shifted = one_step_in(inner, step)
    return _around(helper, shifted).with_changes(
        args=[cst.Arg(shifted, whitespace_after_arg=line_break(indent))],
        whitespace_before_args=line_break(indent + step),
    )
