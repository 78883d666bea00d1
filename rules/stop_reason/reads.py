"""How a read of the stop reason is used, beyond a comparison: tested only for being set,
looked up in a dict keyed by stop reason, or copied to a name whose reads are followed."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import reads_of_value
from migrator.analysis.response_sources import callers_of, enclosing_function
from migrator.analysis.response_uses import none_test, unpacked_names
from migrator.contract.plan import CallPlan


def _copies(plan: CallPlan, read: cst.BaseExpression) -> list[cst.Name] | None:
    """``reason = response.stop_reason``: the reads of ``reason`` that see this value.

    Followed when every value those reads may see is this stop reason or
    ``None`` (``reason = None`` before a stream loop that sets it), so a test
    that reads the variable is a test of the stop reason.
    """
    analysis = plan.analysis
    assign = analysis.parent(read)
    if isinstance(assign, cst.Element):
        return _unpacked_copies(plan, assign)
    if not (
        isinstance(assign, cst.Assign)
        and assign.value is read
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
    ):
        return None
    return reads_of_value(analysis, assign.targets[0].target, read) or None


def _unpacked_copies(plan: CallPlan, element: cst.Element) -> list[cst.Name] | None:
    """``text, reason = response.completion, response.stop_reason``: the reads of
    ``reason``, when that is its one binding."""
    analysis = plan.analysis
    values = analysis.parent(element)
    assign = analysis.parent(values) if isinstance(values, cst.Tuple) else None
    if not (isinstance(assign, cst.Assign) and assign.value is values):
        return None
    names = unpacked_names(assign, values)
    if len(names) != len(values.elements):  # type: ignore[union-attr]
        return None
    return _reads_of(plan, names[list(values.elements).index(element)]) or None  # type: ignore[union-attr]


def _reads_of(plan: CallPlan, name: cst.Name) -> list[cst.Name] | None:
    """The reads of ``name``, when the binding it stores is its only one (what each read
    sees is that value); None when it is bound elsewhere too."""
    analysis = plan.analysis
    found = analysis.lookup(name.value, analysis.scope_of[name])
    if found is None or len(found[1]) != 1:
        return None
    return [use for use in analysis.uses_of(name.value, found[0]) if use is not name]


def truth_test(plan: CallPlan, read: cst.BaseExpression) -> bool:
    """``if response.stop_reason:``, ``not ...``, ``... is None``: only whether it is set."""
    analysis = plan.analysis
    node: cst.CSTNode = read
    parent = analysis.parent(node)
    if isinstance(parent, cst.Comparison):
        return none_test(parent, node)
    while isinstance(parent, (cst.BooleanOperation, cst.UnaryOperation)):
        if isinstance(parent, cst.UnaryOperation) and not isinstance(parent.operator, cst.Not):
            return False
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, (cst.If, cst.While, cst.IfExp)):
        return parent.test is node
    return isinstance(node, cst.UnaryOperation)  # `not x` used as a value is still a bool


def lookup_table(plan: CallPlan, read: cst.BaseExpression) -> cst.Dict | None:
    """The dict literal that ``TABLE[read]`` or ``TABLE.get(read, ...)`` looks ``read`` up in.

    ``TABLE`` is the literal itself or a name bound once to one and used only
    for lookups, so a new entry changes nothing else.
    """
    analysis = plan.analysis
    parent = analysis.parent(read)
    table: cst.BaseExpression | None = None
    if isinstance(parent, cst.Index):
        subscript = analysis.parent(analysis.parent(parent) or parent)
        if isinstance(subscript, cst.Subscript) and len(subscript.slice) == 1:
            table = subscript.value
    elif isinstance(parent, cst.Arg) and parent.keyword is None:
        call = analysis.parent(parent)
        if (
            isinstance(call, cst.Call)
            and call.args[0] is parent
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "get"
        ):
            table = call.func.value
    if isinstance(table, cst.Dict):
        return table
    if not isinstance(table, cst.Name):
        return None
    found = analysis.assigned_once(table.value, analysis.scope_of[table])
    if found is None or not isinstance(found[1], cst.Dict):
        return None
    for use in analysis.uses_of(table.value, found[0]):
        holder = analysis.parent(use)
        if isinstance(holder, cst.AssignTarget):
            continue
        is_lookup = isinstance(holder, cst.Subscript) or (
            isinstance(holder, cst.Attribute) and holder.attr.value == "get"
        )
        if not is_lookup:
            return None
    return found[1]


def returned_copies(plan: CallPlan, read: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    """``return response.stop_reason`` (or ``return text, response.stop_reason``) in a
    function whose every call this module holds: where each caller reads the value.

    Each call must take it whole (used in place, or bound to one name) or unpack the
    tuple into plain names; the function must not be a generator. None otherwise.
    """
    analysis = plan.analysis
    returned: cst.BaseExpression = read
    parent = analysis.parent(read)
    index = None
    if isinstance(parent, cst.Element):
        returned = analysis.parent(parent)  # type: ignore[assignment]
        if not isinstance(returned, cst.Tuple):
            return None
        index = list(returned.elements).index(parent)
    statement = analysis.parent(returned)
    if not (isinstance(statement, cst.Return) and statement.value is returned):
        return None
    function = enclosing_function(statement, analysis)
    if function is None or any(
        isinstance(node, cst.Yield) and enclosing_function(node, analysis) is function
        for node, _scope in analysis.nodes_of(cst.Yield)
    ):
        return None
    calls = callers_of(function, analysis)
    if not calls:
        return None
    reads: list[cst.BaseExpression] = []
    for call in calls:
        value = _result(plan, call)
        holder = analysis.parent(value)
        if index is None:
            if isinstance(holder, cst.Assign):
                copies = _copies(plan, value)
                if copies is None:
                    return None
                reads.extend(copies)
            else:
                reads.append(value)
            continue
        names = unpacked_names(holder, value)
        if len(names) != len(returned.elements):  # type: ignore[attr-defined]
            return None
        copies = _reads_of(plan, names[index])
        if copies is None:
            return None  # bound elsewhere too: which value a read sees depends on the path
        reads.extend(copies)
    return reads


def _result(plan: CallPlan, call: cst.Call) -> cst.BaseExpression:
    """Where a call's return value is had: ``await f()``, ``asyncio.run(f())``, or the call."""
    analysis = plan.analysis
    parent = analysis.parent(call)
    if isinstance(parent, cst.Await):
        return parent
    runner = analysis.parent(parent) if isinstance(parent, cst.Arg) else None
    if (
        isinstance(runner, cst.Call)
        and runner.args[0] is parent
        and parent.keyword is None  # type: ignore[union-attr]
        and analysis.qualified_name(runner.func, analysis.scope_of[runner]) == "asyncio.run"
    ):
        return runner
    return call
