"""What a read of the response's text becomes: a name the text is bound to once, when
the variable is read more than once, or the text of a dumped response's ``"content"``."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import binding_at
from migrator.analysis.response_rewrites import dict_text_of, text_of
from migrator.contract.plan import CallPlan, Rewrite


def text_once(plan: CallPlan, reads: list[cst.Attribute]) -> dict[cst.Attribute, str]:
    """``response.completion`` read more than once: the name its text is bound to, once.

    For the variable the call is assigned to, when every read sees that
    assignment and sits in its scope: ``text = "".join(...)`` goes right after
    it, under a name nothing in the module uses.
    """
    analysis = plan.analysis
    statement = plan.site.statement
    assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    if not (
        isinstance(assign, cst.Assign)
        and len(statement.body) == 1  # type: ignore[union-attr]
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
        and (assign.value is plan.call or getattr(assign.value, "expression", None) is plan.call)
        and len(reads) > 1
    ):
        return {}
    target = assign.targets[0].target
    scope = analysis.scope_of.get(target)
    for read in reads:
        found = binding_at(analysis, read.value) if isinstance(read.value, cst.Name) else None
        if found is None or found[1].node is not assign.value:
            return {}
        if analysis.scope_of.get(read.value) is not scope:
            return {}
    taken = analysis.spelled
    # Two responses of one scope each get their own name, so neither text hides the other.
    others = {
        _assigned_name(site.statement) for site in analysis.calls if site.scope is plan.site.scope
    } - {target.value, None}
    names = (f"{target.value}_text",) if others else ("text", f"{target.value}_text")
    name = next((n for n in names if n not in taken), None)
    if name is None:
        return {}
    line = f"{name} = {plan.analysis.module.code_for_node(text_of(cst.Name(target.value)))}"
    plan.statements_after.setdefault(statement, []).append(line)
    return dict.fromkeys(reads, name)


def _assigned_name(statement: cst.CSTNode) -> str | None:
    """``NAME = ...``: the name (the single target of a one-statement line)."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    assign = statement.body[0]
    if isinstance(assign, cst.Assign) and len(assign.targets) == 1:
        target = assign.targets[0].target
        return target.value if isinstance(target, cst.Name) else None
    return None


def named(name: str) -> Rewrite:
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Attribute)
        return cst.Name(name, lpar=updated.lpar, rpar=updated.rpar)

    return rewrite


def dict_text(updated: cst.CSTNode) -> cst.CSTNode:
    """``data["completion"]`` / ``data.get("completion")``: the text of ``data["content"]``."""
    if isinstance(updated, cst.Subscript):
        data = updated.value
    else:
        assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
        data = updated.func.value
    return dict_text_of(data).with_changes(lpar=updated.lpar, rpar=updated.rpar)  # type: ignore[attr-defined]
