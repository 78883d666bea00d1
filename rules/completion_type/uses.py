"""Where a module uses the legacy response type ``Completion``, and which of those uses
only type a value (an annotation, ``isinstance``), the ones that simply become
``Message``."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.response_sources import COMPLETION_CLASSES
from migrator.contract.plan import ModulePlan

_LEGACY = COMPLETION_CLASSES
# What a use of them spells, whatever it is imported as: an attribute's own name, or the
# name an import of it reads (``from anthropic.types import Completion as C``).
_SPELLED = frozenset(name.rsplit(".", 1)[1] for name in _LEGACY)


def _uses(analysis: ModuleAnalysis) -> list[cst.BaseExpression]:
    """Every use of the legacy response type: a name or attribute that reads it, outside
    an import and not part of a longer name."""
    uses: list[cst.BaseExpression] = []
    spelled = not _SPELLED.isdisjoint(analysis.spelled)  # else no name can be a use
    for node, scope in analysis.nodes_of(cst.Attribute, cst.Name) if spelled else ():
        if not isinstance(node, (cst.Name, cst.Attribute)):
            continue
        # The name first: a walk up to the statement for each of the module's names
        # cost more than the rest of the rule.
        if analysis.qualified_name(node, scope) not in _LEGACY:
            continue
        if not (_in_import(node, analysis) or _attribute_name(node, analysis)):
            uses.append(node)
    return uses


def annotated_reads(plan: ModulePlan, uses: list[cst.BaseExpression]):  # type: ignore[no-untyped-def]
    """``param.completion`` reads of parameters annotated with the response type."""
    analysis = plan.analysis
    for use in uses:
        annotation = analysis.parent(use)
        while annotation is not None and not isinstance(annotation, cst.Annotation):
            annotation = analysis.parent(annotation)
        param = analysis.parent(annotation) if annotation is not None else None
        if not isinstance(param, cst.Param):
            continue
        scope = analysis.scope_of.get(param.name)
        function = analysis.parent(analysis.parent(param) or param)
        inner = (
            analysis.scope_of.get(function.body) if isinstance(function, cst.FunctionDef) else None
        )
        if scope is None or inner is None:
            continue
        for read in analysis.uses_of(param.name.value, inner):
            attribute = analysis.parent(read)
            if (
                isinstance(attribute, cst.Attribute)
                and attribute.value is read
                and attribute.attr.value == "completion"
            ):
                yield param.name.value, attribute


def typing_use(node: cst.CSTNode, analysis) -> bool:  # type: ignore[no-untyped-def]
    """Inside an annotation, or the class argument of ``isinstance``."""
    current = node
    parent = analysis.parent(current)
    while parent is not None and not isinstance(parent, cst.BaseStatement):
        if isinstance(parent, cst.Annotation):
            return True
        if isinstance(parent, cst.Arg) and parent.value is current:
            call = analysis.parent(parent)
            if (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Name)
                and call.func.value in ("isinstance", "issubclass")
                and len(call.args) == 2
                and call.args[1] is parent
            ):
                return True
            return False
        if isinstance(parent, cst.Call):
            return False
        current, parent = parent, analysis.parent(parent)
    return False


def _attribute_name(node: cst.CSTNode, analysis) -> bool:  # type: ignore[no-untyped-def]
    """The ``Completion`` of ``anthropic.types.Completion``: part of a use, not one."""
    parent = analysis.parent(node)
    return isinstance(parent, cst.Attribute) and parent.attr is node


def _in_import(node: cst.CSTNode, analysis) -> bool:  # type: ignore[no-untyped-def]
    small = next(
        (a for a in analysis.ancestors(node) if isinstance(a, cst.BaseSmallStatement)), None
    )
    return isinstance(small, (cst.Import, cst.ImportFrom))
