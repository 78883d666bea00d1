"""``.completion`` reads the tool could not trace to a legacy call, reported for review
once every call of the module is migrated."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.response_uses import written
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.runtime.helpers import ADAPTER


def report_untraced(rule: type[Rule], plan: ModulePlan) -> None:
    traced = {node for site in plan.sites for node in site.rewrites} | set(plan.rewrites)
    traced |= {node for site in plan.sites for node in site.kept_reads}
    analysis = plan.analysis
    # In a scope where an adapter gives a result the legacy shape, reads stay as they are.
    adapted = {id(site.site.scope) for site in plan.sites if site.stream_at_run_time}
    advice = "if it holds a Text Completions response, read the text of `.content` instead"
    if any(site.result_wrapper == ADAPTER for site in plan.sites):
        # Code a response is handed to reads the adapter's legacy shape, not `.content`.
        advice += (
            f", unless it holds a response handed on through `{ADAPTER}(...)`, which keeps "
            "the legacy shape until that code moves to the Messages response"
        )
    for node, _ in analysis.nodes_of(cst.Attribute):
        if not (isinstance(node, cst.Attribute) and node.attr.value == "completion"):
            continue
        if node in traced or _typed_parameter(node.value, analysis):
            continue
        if id(analysis.scope_of[node]) in adapted:
            continue
        holder = analysis.parent(node)
        if written(node, holder) or (isinstance(holder, cst.Call) and holder.func is node):
            continue
        plan.report(
            rule,
            node,
            f"`.completion` is read from a value the tool cannot trace to a legacy call; {advice}",
            Safety.REVIEW,
        )


def _typed_parameter(value: cst.BaseExpression, analysis: ModuleAnalysis) -> bool:
    """A parameter annotated with a response type: the completion_type rule's to handle."""
    if not isinstance(value, cst.Name):
        return False
    found = analysis.lookup(value.value, analysis.scope_of[value])
    return found is not None and any(
        binding.kind == "param"
        and binding.annotation is not None
        and "Completion" in analysis.module.code_for_node(binding.annotation)
        for binding in found[1]
    )
