"""A prompt held in a variable: the one plain assignment that binds it, and where its
messages go (written where it is assigned, or at the call), or why neither is sound."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.analysis.flow import binding_at, bound_names, runs_before
from migrator.analysis.names import Scope
from migrator.analysis.prompt import ConstantLookup, Conversation, Hole
from migrator.analysis.prompt_syntax import is_simple
from migrator.contract.plan import Bound, CallPlan


@dataclass(frozen=True)
class _Variable:
    name: str
    value: cst.BaseExpression
    constant: ConstantLookup
    owner: Scope
    statement: cst.SimpleStatementLine
    reads: tuple[cst.Name, ...]  # every read of this binding of the name


def _variable(plan: CallPlan, expr: cst.BaseExpression) -> _Variable | None:
    """``prompt=NAME`` where NAME is assigned once, by a plain assignment statement."""
    if not isinstance(expr, cst.Name) or plan.analysis.constant_value(expr, plan.site.scope):
        return None
    analysis = plan.analysis
    found = binding_at(analysis, expr)
    if found is None or found[1].kind != "assign":
        return None
    owner, binding, reads = found
    assign = binding.statement
    if not (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
    ) and not (isinstance(assign, cst.AnnAssign) and isinstance(assign.target, cst.Name)):
        return None
    line = analysis.parent(assign)
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    assert isinstance(binding.node, cst.BaseExpression)

    def constant(inner: cst.BaseExpression) -> str | None:
        return analysis.constant_value(inner, owner)

    return _Variable(expr.value, binding.node, constant, owner, line, tuple(reads))


def bind(
    plan: CallPlan, use: cst.BaseExpression, variable: _Variable, conversation: Conversation
) -> Bound | None | str:
    """Where the messages of a prompt held in a variable go: a Bound, None to
    write them at the call, or the reason neither is sound."""
    analysis = plan.analysis
    holes = [
        piece
        for body in [conversation.system or [], conversation.prefill or []]
        + [turn for _role, turn in conversation.turns]
        for piece in body
        if isinstance(piece, Hole)
    ]
    if variable.owner is not plan.site.scope:
        if variable.owner is analysis.module_scope and not holes:
            return None  # a module-level constant: its text can be written at the call
        return (
            f"the prompt is `{variable.name}`, assigned in another scope with interpolated "
            "values; when they are read is only known at run time"
        )
    if not runs_before(analysis, variable.statement, plan.site.statement):
        return f"the prompt is `{variable.name}`, assigned where it may not run before the call"
    replace = variable.owner.kind == "function" and list(variable.reads) == [use]
    if not replace and not all(is_simple(hole.expr) for hole in holes):
        return (
            f"the prompt `{variable.name}` is also read elsewhere and interpolates computed "
            "values, which must not be evaluated twice"
        )
    names = bound_names(analysis, variable.owner, variable.name, ("messages", "system"))
    if names is None:
        return "the names `messages` and `system` are taken in this scope"
    return Bound(variable.statement, replace, names["messages"], names["system"])
