"""A pre-0.3 client used by sync and async methods alike: the old ``Client`` served
both, the current SDK needs two. The one built stays the sync ``Anthropic``; an
``AsyncAnthropic`` is built beside it from the first one's settings, and the async
calls move to it."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import free_name
from migrator.analysis.names import ClientKind, LegacyCall
from migrator.contract.plan import CallPlan
from migrator.rules.client_completion.client import _parameter

# The current client's attribute that holds what the pre-0.3 parameter set.
_SETTINGS = {"api_key": "api_key", "api_url": "base_url", "default_request_timeout": "timeout"}


def async_twin(plan: CallPlan, siblings: list[LegacyCall]) -> str | None:
    """Record the async client built after each construction and the async calls' move
    to it; or say why it cannot be done."""
    site = plan.site
    analysis = plan.analysis
    receiver = site.receiver
    statements: list[tuple[cst.SimpleStatementLine, cst.Call]] = []
    for constructor in site.constructors:
        if not isinstance(constructor.func, cst.Attribute):
            return (
                "the client is used by both sync and async methods, and `Client` is imported "
                "by name: Messages needs an `Anthropic` and an `AsyncAnthropic` client"
            )
        assign = analysis.parent(constructor)
        line = analysis.parent(assign) if isinstance(assign, cst.Assign) else None
        if not (
            isinstance(assign, cst.Assign)
            and len(assign.targets) == 1
            and isinstance(line, cst.SimpleStatementLine)
            and len(line.body) == 1
            and isinstance(receiver, (cst.Name, cst.Attribute))
            and plan.code_for(assign.targets[0].target) == plan.code_for(receiver)
        ):
            return (
                "the client is used by both sync and async methods, and is not built by an "
                "assignment of its own: Messages needs an `Anthropic` and an `AsyncAnthropic` client"
            )
        statements.append((line, constructor))
    name = _twin_name(plan, receiver)
    if name is None:
        return (
            "the client is used by both sync and async methods, and the names an async client "
            "would take are in use: Messages needs an `Anthropic` and an `AsyncAnthropic` client"
        )
    holder = plan.code_for(receiver)
    twin = name if isinstance(receiver, cst.Name) else f"{plan.code_for(receiver.value)}.{name}"  # type: ignore[union-attr]
    if site.kind is ClientKind.ASYNC:
        plan.rewrites[receiver] = lambda _updated: cst.parse_expression(twin)
    if site is siblings[0]:  # one construction, however many calls share it
        for line, constructor in statements:
            module = plan.code_for(constructor.func.value)  # type: ignore[attr-defined]
            settings = ", ".join(
                f"{_SETTINGS[parameter]}={holder}.{_SETTINGS[parameter]}"
                for parameter in (
                    _parameter(arg, index) for index, arg in enumerate(constructor.args)
                )
                if parameter in _SETTINGS
            )
            plan.statements_after.setdefault(line, []).append(
                f"{twin} = {module}.AsyncAnthropic({settings})"
            )
    return None


def _twin_name(plan: CallPlan, receiver: cst.BaseExpression) -> str | None:
    """The name of the async client: ``async_client`` beside ``client``."""
    analysis = plan.analysis
    base = receiver.value if isinstance(receiver, cst.Name) else receiver.attr.value  # type: ignore[attr-defined]
    candidates = (f"async_{base}", f"{base}_async", f"a{base}")
    if isinstance(receiver, cst.Name):
        found = analysis.lookup(base, plan.site.scope)
        assert found is not None
        return free_name(analysis, found[0], candidates)
    taken = {
        node.attr.value
        for node, _ in analysis.nodes_of(cst.Attribute)
        if isinstance(node, cst.Attribute)
    } | set(analysis.name_uses)
    return next((candidate for candidate in candidates if candidate not in taken), None)
