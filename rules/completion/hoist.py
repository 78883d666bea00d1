"""``text = client.completions.create(...).completion`` (or the pre-0.3
``client.completion(...)["completion"]``): the response bound to a name of its own on the
line before, so the text is read from that name rather than joined
around the whole call inside a generator."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import free_name
from migrator.analysis.response_rewrites import text_of
from migrator.code.syntax import closing_indent, out_by
from migrator.contract.plan import CallPlan, Rewrite

# Names the response may take, in order of preference.
_NAMES = ("response", "message", "reply")
# What a statement evaluates: the value of its one small statement.
_STATEMENTS = (cst.Assign, cst.AnnAssign, cst.Return, cst.Expr)


def hoisted(
    plan: CallPlan, read: cst.Attribute | cst.Subscript
) -> dict[cst.CSTNode, Rewrite] | None:
    """The rewrites that bind the response first and read its text from the name, when
    ``read`` is the call's one use, chained on it, and nothing but names and literals is
    evaluated before the call in its statement (so the order of evaluation stays)."""
    analysis = plan.analysis
    if plan.result_wrapper is not None or plan.streamed:
        return None
    value: cst.CSTNode = read.value
    if value is not plan.call and not (
        isinstance(value, cst.Await) and value.expression is plan.call
    ):
        return None
    if "\n" in plan.code_for(plan.call.func):
        return None  # a chain broken over lines inside the statement's brackets
    line = plan.site.statement
    if any(site.statement is line and site is not plan.site for site in analysis.calls):
        return None  # two calls would each bind a name before the same line
    if not (
        isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
        and isinstance(line.body[0], _STATEMENTS)
        and _first_evaluated(plan, read, line.body[0])
    ):
        return None
    name = free_name(analysis, plan.site.scope, _NAMES)
    if name is None:
        return None
    held: list[cst.BaseExpression] = []

    def read_name(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, (cst.Attribute, cst.Subscript))
        held.append(updated.value.with_changes(lpar=[], rpar=[]))
        return text_of(cst.Name(name)).with_changes(lpar=updated.lpar, rpar=updated.rpar)

    def bind_first(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.SimpleStatementLine) and held
        # From inside the statement's brackets to the start of a line of its own.
        value = out_by(held[-1], len(closing_indent(held[-1])))
        first = cst.SimpleStatementLine(
            [cst.Assign([cst.AssignTarget(cst.Name(name))], value)],
            leading_lines=updated.leading_lines,
        )
        return cst.FlattenSentinel([first, updated.with_changes(leading_lines=[])])  # type: ignore[return-value]

    return {read: read_name, line: bind_first}


def _first_evaluated(
    plan: CallPlan, read: cst.Attribute | cst.Subscript, statement: cst.CSTNode
) -> bool:
    """Does nothing but names and literals run before ``read`` in ``statement``?"""
    analysis = plan.analysis
    node: cst.CSTNode = read
    while node is not statement:
        parent = analysis.parent(node)
        if parent is None:
            return False
        if isinstance(parent, (cst.Attribute, cst.Subscript)) and parent.value is node:
            pass
        elif isinstance(parent, cst.Call) and (parent.func is node or node in parent.args):
            pass  # a method of the value, or a call it is passed to (its arguments: below)
        elif isinstance(parent, cst.Arg) and parent.value is node and not parent.star:
            call = analysis.parent(parent)
            if not isinstance(call, cst.Call) or not _plain(call.func):
                return False
            before = call.args[: list(call.args).index(parent)]
            if not all(_plain(arg.value) and not arg.star for arg in before):
                return False
        elif isinstance(parent, cst.BinaryOperation):
            if parent.right is node and not _plain(parent.left):
                return False
        elif isinstance(parent, cst.Element) and parent.value is node:
            sequence = analysis.parent(parent)
            if not isinstance(sequence, (cst.Tuple, cst.List)):
                return False
            before = sequence.elements[: list(sequence.elements).index(parent)]
            if not all(_plain(element.value) for element in before):
                return False
        elif isinstance(parent, (cst.Tuple, cst.List)):
            pass  # an element, checked above
        elif isinstance(parent, _STATEMENTS) and getattr(parent, "value", None) is node:
            pass
        else:
            return False
        node = parent
    return True


def _plain(node: cst.BaseExpression) -> bool:
    """A name, a dotted name or a literal: nothing that runs code of its own."""
    if isinstance(node, (cst.Name, cst.SimpleString, cst.Integer, cst.Float)):
        return True
    return isinstance(node, cst.Attribute) and _plain(node.value)
