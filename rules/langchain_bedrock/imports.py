"""The import of the old class becomes ``from langchain_aws import ChatBedrock``.

Rewritten once per module, after its models are migrated: the old name's import goes only
when every use of it was renamed.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.contract.plan import ModulePlan, Rewrite
from migrator.rules.langchain_bedrock.classes import AWS_CHAT, NEW_CLASS, NEW_MODULE, imported_as


def imports_new_class(analysis: ModuleAnalysis) -> bool:
    """``ChatBedrock`` is langchain-aws's here already (imported by that name)."""
    scope = analysis.module_scope
    bindings = scope.bindings.get(NEW_CLASS, []) if scope is not None else []
    return bool(bindings) and all(imported_as(b, NEW_CLASS) in AWS_CHAT for b in bindings)


def _import(plan: ModulePlan, constructors: list[cst.Call]) -> None:
    """``from langchain.llms import Bedrock`` -> ``from langchain_aws import ChatBedrock``.

    The old name's import goes when every use of it was renamed; the new one takes its
    place at each import of the old one (a notebook imports in several cells), unless
    the statement keeps other names and the module imports the new one already.
    """
    analysis = plan.analysis
    renamed = {call.func for call in constructors if call.func in plan.rewrites}
    add = not imports_new_class(analysis)
    for name in dict.fromkeys(f.value for f in renamed if isinstance(f, cst.Name)):
        first = next(f for f in renamed if isinstance(f, cst.Name) and f.value == name)
        found = analysis.lookup(name, analysis.scope_of[first])
        assert found is not None
        owner, bindings = found
        statements = [analysis.statement_of.get(b.node) for b in bindings if b.node is not None]
        every = all(use in renamed for use in analysis.uses_of(name, owner))
        for statement in dict.fromkeys(
            s for s in statements if isinstance(s, cst.SimpleStatementLine)
        ):
            plan.rewrites[statement] = _import_rewrite(plan, name, drop=every, add=add)


def _import_rewrite(plan: ModulePlan, name: str, drop: bool, add: bool = True) -> Rewrite:
    new = cst.parse_statement(
        f"from {NEW_MODULE} import {NEW_CLASS}\n", config=plan.analysis.module.config_for_parsing
    )

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.SimpleStatementLine)
        body = []
        for small in updated.body:
            if (
                drop
                and isinstance(small, cst.ImportFrom)
                and not isinstance(small.names, cst.ImportStar)
            ):
                names = [a for a in small.names if (a.asname or a).name.value != name]  # type: ignore[union-attr]
                if not names:
                    continue
                if len(names) != len(small.names):
                    names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    small = small.with_changes(names=names)
            body.append(small)
        if not body:  # replaced in place: comments above it (a notebook's cell marks) stay
            return new.with_changes(
                leading_lines=updated.leading_lines, trailing_whitespace=updated.trailing_whitespace
            )
        body[-1] = body[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        kept = updated.with_changes(body=body)
        return cst.FlattenSentinel([kept, new]) if add else kept  # type: ignore[return-value]

    return rewrite
