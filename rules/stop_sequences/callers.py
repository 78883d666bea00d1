"""A stop list that a function's parameter brings to the call, from the module's callers.

``def generate(text, stop): ... stop_sequences=stop``, or ``self.stop = stop`` in
``__init__``: no default holds the Human marker, but a call of the function (a
construction of the class) in this module passes a list that does. Filtering the marker
out at the call is exact when every value the parameter gets here is a list or tuple;
otherwise the call is reported, since Messages would honour the marker as a stop.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.analysis.flow import value_at
from migrator.analysis.held import argument_for
from migrator.analysis.names import Binding, ModuleAnalysis, Scope
from migrator.code.codegen import code_of
from migrator.code.syntax import string_value
from migrator.contract.plan import CallPlan
from migrator.core.findings import Safety
from migrator.rewrite.stops import filtered, holds_the_marker_value, surely_sequence


@dataclass(frozen=True)
class Passed:
    where: str  # what passes the marker, for the finding
    sequences: bool  # every value the parameter gets in this module is a list or tuple
    # A call seen passing something else (not a list or tuple, or nothing for no default).
    other: bool = False


def passed_by_callers(analysis: ModuleAnalysis, binding: Binding, owner: Scope) -> Passed | None:
    """Where the module's calls give the parameter ``binding`` of ``owner`` (a function, or
    a class's ``__init__``) a value holding the Human marker (``where`` empty when none
    does); None when its callers cannot be found."""
    param, function, parent = binding.node, owner.node, owner.parent
    if not (
        binding.kind == "param"
        and isinstance(param, cst.Param)
        and isinstance(function, cst.FunctionDef)
        and parent is not None
    ):
        return None
    positional = [*function.params.posonly_params, *function.params.params]
    index = positional.index(param) if param in positional else None
    if parent.kind == "class" and function.name.value == "__init__":
        assert isinstance(parent.node, cst.ClassDef)
        callee, where = parent.node.name.value, parent.parent
        index = index - 1 if index else None  # ``self`` is not passed
    elif parent.kind in ("module", "function"):
        callee, where = function.name.value, parent
    else:
        return None  # another method: its callers are reached through objects
    found = analysis.lookup(callee, where) if where is not None else None
    if found is None or len(found[1]) != 1:
        return None
    holding: list[str] = []
    unknown = other = False
    for use in analysis.uses_of(callee, found[0]):
        call = analysis.parent(use)
        if not (isinstance(call, cst.Call) and call.func is use):
            unknown = True  # handed on: its callers are unknown
            continue
        value = argument_for(call, param.name.value, index) or _splatted(
            analysis, call, param.name.value
        )
        if value is None:
            unknown = unknown or any(arg.star for arg in call.args)
            value = param.default
            if value is None:
                continue
        scope = analysis.scope_of.get(value)
        if scope is not None and holds_the_marker_value(analysis, value, scope):
            holding.append(f"`{' '.join(code_of(value).split())}` given to `{callee}`")
        other = other or not surely_sequence(value)
    return Passed(", ".join(dict.fromkeys(holding)), not (unknown or other), other)


def filter_from_callers(
    rule: type, plan: CallPlan, arg: cst.Arg, binding: Binding, owner: Scope
) -> bool:
    """Filter the marker the callers pass out of ``stop_sequences=`` at the call, or say why
    it stays. False when no caller is seen passing it, and none passing anything but a list
    or tuple: what else gives the name a value may still be read."""
    passed = passed_by_callers(plan.analysis, binding, owner)
    if passed is None:
        return False
    if not passed.where:
        return passed.other
    shown = plan.code_for(arg.value)
    if passed.sequences:
        plan.replace(arg, [arg.with_changes(value=filtered(arg.value, plan.analysis.spelled))])
        plan.report(
            rule,
            arg,
            f"the Human marker that `{shown}` may hold ({passed.where}) is filtered out of "
            "`stop_sequences` at the call",
            Safety.SAFE,
        )
        return True
    plan.report(
        rule,
        arg,
        f"`{shown}` may hold the Human marker ({passed.where}), which Messages would honour "
        "as a stop sequence; it is not filtered at the call, where it may be something other "
        "than a list (`None`): drop the marker where the list is built",
        Safety.REVIEW,
    )
    return True


def _splatted(analysis: ModuleAnalysis, call: cst.Call, name: str) -> cst.BaseExpression | None:
    """The entry ``name`` of a dict literal the call splats (``Backend(**CONFIG)``), inline
    or bound once to a name."""
    for arg in call.args:
        if arg.star != "**":
            continue
        held = arg.value
        if isinstance(held, cst.Name):
            found = value_at(analysis, held)
            held = found[1] if found is not None else held
        if not isinstance(held, cst.Dict):
            continue
        for element in held.elements:
            if isinstance(element, cst.DictElement) and string_value(element.key) == name:
                return element.value
    return None
