"""Where a stop list passed to a call comes from: a copy of a known list, a name bound
once, a parameter's default, or a parameter stored on ``self``."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import Binding, ModuleAnalysis, Scope
from migrator.analysis.stored import stored_parameter
from migrator.contract.plan import CallPlan
from migrator.core.findings import Safety
from migrator.rewrite.stops import (
    class_assignments,
    definition,
    empty,
    filtered,
    held_list,
    may_hold_the_marker,
    method_of,
    named_holder,
    strip,
)


def copied(plan: CallPlan, value: cst.BaseExpression) -> tuple[cst.BaseExpression, str] | None:
    """``list(STOPS)`` or ``tuple(STOPS)`` of a sequence that provably holds the marker:
    that sequence, and where it is kept."""
    analysis = plan.analysis
    if not (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value in ("list", "tuple")
        and analysis.lookup(value.func.value, plan.site.scope) is None
        and len(value.args) == 1
        and not value.args[0].star
        and value.args[0].keyword is None
    ):
        return None
    copied = value.args[0].value
    if isinstance(copied, cst.Name) and holds_the_marker(analysis, copied, plan):
        return copied, f"copied with `{value.func.value}(...)`"
    held = held_list(analysis, copied)
    return None if held is None else (copied, held)


def holds_the_marker(analysis: ModuleAnalysis, name: cst.Name, plan: CallPlan) -> bool:
    """``name``'s only binding is a sequence that provably holds the Human marker, or a
    name bound once to one (``def complete(q, stops=STOP_TUPLE)``)."""
    scope = plan.site.scope
    for _depth in range(3):
        found = analysis.lookup(name.value, scope)
        if found is None or len(found[1]) != 1:
            return False
        owner, (binding,) = found
        target = definition(binding, owner)
        if target is None:
            return False
        value, scope = target
        if not isinstance(value, cst.Name):
            return strip(analysis, value, value, scope)[1]
        name = value
    return False


def edited_definition(
    analysis: ModuleAnalysis,
    original: cst.BaseExpression,
    updated: cst.CSTNode,
    scope: Scope,
) -> cst.CSTNode:
    assert isinstance(updated, cst.BaseExpression)
    stripped, _ = strip(analysis, original, updated, scope)
    if stripped is not None:
        return stripped
    # An empty sequence of the same kind: the calls still pass ``stop_sequences=``,
    # and the API takes an empty list.
    return empty(original, updated)


def only_stop_sequences(
    analysis: ModuleAnalysis, name: str, owner: Scope, binding: Binding
) -> bool:
    """Is the value bound to ``name`` read only as ``stop_sequences=name`` of legacy calls?"""
    statement = binding.statement
    if isinstance(statement, cst.Assign) and len(statement.targets) != 1:
        return False  # ``a = stops = [...]``: the value escapes through ``a``
    legacy = {site.call for site in analysis.calls}
    for use in analysis.uses_of(name, owner):
        parent = analysis.parent(use)
        if isinstance(parent, cst.AssignTarget) and isinstance(statement, cst.Assign):
            if parent in statement.targets:
                continue  # the binding itself
        if isinstance(parent, cst.AnnAssign) and parent is statement and parent.target is use:
            continue
        if not (
            isinstance(parent, cst.Arg)
            and parent.value is use
            and parent.keyword is not None
            and parent.keyword.value == "stop_sequences"
            and analysis.parent(parent) in legacy
        ):
            return False
    return True


def parameter_behind(
    analysis: ModuleAnalysis, value: cst.BaseExpression
) -> tuple[str, Binding, Scope] | None:
    """``self.stop`` in a method of a class whose only store of ``stop`` is ``self.stop =
    stop`` in one of its methods, ``stop`` a parameter read nowhere else, and every read
    of ``self.stop`` in the class a ``stop_sequences=`` of a legacy call: that parameter's
    name and binding, and the method's scope."""
    if not (isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name)):
        return None
    owner = method_of(analysis, value.value)
    if owner is None:
        return None
    klass = owner[1]
    name = value.attr.value
    stored = stored_parameter(analysis, klass, name)
    if stored is None or any(held[0] == name for held in class_assignments(klass)):
        return None
    legacy = {site.call for site in analysis.calls}
    for node, _scope in analysis.nodes_of(cst.Attribute):
        if not (isinstance(node, cst.Attribute) and node.attr.value == name):
            continue
        method = method_of(analysis, node.value) if isinstance(node.value, cst.Name) else None
        if method is None:
            return None  # ``llm.stop``: read or stored on an object the tool cannot place
        if method[1] is not klass:
            if _related(method[1], klass):
                return None
            continue  # another class's own attribute
        parent = analysis.parent(node)
        if isinstance(parent, cst.AssignTarget):
            continue  # the one store
        if not (
            isinstance(parent, cst.Arg)
            and parent.keyword is not None
            and parent.keyword.value == "stop_sequences"
            and analysis.parent(parent) in legacy
        ):
            return None
    source, binding, method_scope = stored
    return source.value, binding, method_scope


def _related(one: cst.ClassDef, other: cst.ClassDef) -> bool:
    """Does either class name the other among its bases?"""

    def bases(klass: cst.ClassDef) -> set[str]:
        return {base.value.value for base in klass.bases if isinstance(base.value, cst.Name)}

    return one.name.value in bases(other) or other.name.value in bases(one)


def through_fields(rule: type, plan: CallPlan, arg: cst.Arg) -> None:
    """``stop_sequences=[self.s.human_marker]``, ``list(config.stop) + extra``: a field or
    key of an object the tool cannot place, which this module elsewhere gives the marker
    (a field's default, a keyword of a call, a dict entry); or an element of a list that
    may be the marker, ``[os.environ.get("STOP", HUMAN_PROMPT)]``. Filtered at the call,
    which is exact whatever the object or the element holds."""
    where = named_holder(plan.analysis, arg.value)
    element = may_hold_the_marker(plan.analysis, arg.value, plan.site.scope)
    if where is None and element is not None:
        where = f"`{element}` can be it"
    if where is None:
        return
    value = arg.value
    if isinstance(value, cst.Call):  # ``list(config.stop)``: the comprehension copies it
        value = value.args[0].value
    plan.replace(arg, [arg.with_changes(value=filtered(value, plan.analysis.spelled))])
    plan.report(
        rule,
        arg,
        f"the Human marker that `{plan.code_for(arg.value)}` may hold ({where}) is filtered "
        "out of `stop_sequences` at the call",
        Safety.SAFE,
    )
