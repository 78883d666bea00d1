"""What a read of the response's text becomes: a name the text is bound to once, when
the variable is read more than once, or the text of a dumped response's ``"content"``."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import binding_at
from migrator.analysis.response_rewrites import dict_text_of, text_of
from migrator.contract.plan import CallPlan, Rewrite


def text_once(
    plan: CallPlan, reads: list[cst.Attribute] | list[cst.Subscript]
) -> dict[cst.CSTNode, str]:
    """``response.completion`` (or the pre-0.3 dict's ``response["completion"]``) read more
    than once: the name its text is bound to, once.

    For each variable the response is assigned to (by the call's own statement, or by a
    caller of the function that returns it: ``resp = self.step()``), when every read sees
    that one assignment and sits in its scope: ``text = "".join(...)`` goes right after
    it, under a name nothing in the module uses.
    """
    analysis = plan.analysis
    groups: dict[cst.Assign, list[cst.Attribute | cst.Subscript]] = {}
    for read in reads:
        found = binding_at(analysis, read.value) if isinstance(read.value, cst.Name) else None
        statement = found[1].statement if found is not None else None
        if isinstance(statement, cst.Assign) and found[1].node is statement.value:  # type: ignore[index]
            groups.setdefault(statement, []).append(read)
    named: dict[cst.CSTNode, str] = {}
    for assign, group in groups.items():
        line = analysis.parent(assign)
        if not (
            len(group) > 1
            and isinstance(line, cst.SimpleStatementLine)
            and len(line.body) == 1
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
        ):
            continue
        target = assign.targets[0].target
        scope = analysis.scope_of.get(target)
        if any(analysis.scope_of.get(read.value) is not scope for read in group):
            continue
        name = _text_name(plan, target, line)
        if name is None:
            continue
        text = plan.analysis.module.code_for_node(text_of(cst.Name(target.value)))
        plan.statements_after.setdefault(line, []).append(f"{name} = {text}")
        named.update(dict.fromkeys(group, name))
    return named


def _text_name(plan: CallPlan, target: cst.Name, line: cst.SimpleStatementLine) -> str | None:
    """``text``, or ``<variable>_text`` when that is taken or another response shares the
    scope, so neither text hides the other."""
    analysis = plan.analysis
    scope = analysis.scope_of.get(line)
    others = {_assigned_name(site.statement) for site in analysis.calls if site.scope is scope} - {
        target.value,
        None,
    }
    names = (f"{target.value}_text",) if others else ("text", f"{target.value}_text")
    return next((n for n in names if n not in analysis.spelled), None)


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
        assert isinstance(updated, (cst.Attribute, cst.Subscript))
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
