"""Streams the tool does not iterate itself: returned to callers or handed to code it does
not follow (through the adapter that gives events in the legacy shape), or requested and
never read."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ClientKind
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.streams import iterated_only
from migrator.runtime.helpers import (
    AWAITED_STREAM_ADAPTER,
    awaited_stream_adapter_helpers,
    stream_adapter_helper,
)


def returned(plan: CallPlan, rule: type[Rule]) -> bool:
    """``return client.completions.create(..., stream=True)``: callers read the events.

    The stream goes back through ``_legacy_completion_events(...)``, which gives
    its callers events in the legacy shape (an async generator for an awaited
    async stream; for one its callers await, ``_legacy_completion_events_awaited``,
    which gives them that generator once awaited). False, changing nothing, for any
    other use.
    """
    node, parent, awaited = _request_in_place(plan)
    if not isinstance(parent, cst.Return) or parent.value is not node:
        return False
    if plan.site.kind is ClientKind.ASYNC and not awaited:
        # A coroutine its callers await: awaited, it gives them the events.
        plan.helpers.update(awaited_stream_adapter_helpers())
        name = AWAITED_STREAM_ADAPTER
    else:
        name, source = stream_adapter_helper(awaited)
        plan.helpers[name] = source
    plan.result_wrapper = name  # around the request, laid out as black would
    plan.stream_done = True
    plan.report(
        rule,
        parent,
        f"the stream is returned to callers the tool does not follow: `{name}(...)` gives "
        "them events in the legacy shape (`completion`, then `stop_reason` with a natural "
        'end as "stop_sequence"); move them to `messages.stream(...)` and drop it',
        Safety.REVIEW,
    )
    return True


def handed_on(
    plan: CallPlan,
    rule: type[Rule],
    what: str = "the stream is handed to code the tool does not follow",
) -> bool:
    """A stream handed to code the tool does not follow, and used for nothing else:
    given as an argument (``collect(create(..., stream=True))``, ``enumerate(...)``,
    ``list(...)``), yielded, or bound to a name whose every use is one of those or a
    loop (``for``, a comprehension) or ``return``.

    It reaches that code through ``_legacy_completion_events(...)``, events in the
    legacy shape, which iterating is all the code may do with them: a stream that is
    entered, closed or read for an attribute (``stream.response``) keeps its
    finding. False, changing nothing, for any other use.
    """
    analysis = plan.analysis
    node, parent, awaited = _request_in_place(plan)
    if plan.site.kind is ClientKind.ASYNC and not awaited:
        return False  # a coroutine: whoever awaits it expects the stream itself
    if not iterated_only(analysis, node, parent, assigned=True):
        return False
    name, source = stream_adapter_helper(awaited)
    plan.helpers[name] = source
    plan.result_wrapper = name
    plan.stream_done = True
    plan.report(
        rule,
        plan.call,
        f"{what}: `{name}(...)` gives it events in the legacy shape (`completion`, then "
        '`stop_reason` with a natural end as "stop_sequence"); move that code to '
        "`messages.stream(...)` and drop it",
        Safety.REVIEW,
    )
    return True


def discarded(plan: CallPlan, rule: type[Rule]) -> bool:
    """A stream requested and dropped (``create(..., stream=True)`` as a statement, as
    code does that only waits for an error status): no event is ever read, so the
    request is all there is to migrate."""
    node: cst.CSTNode = plan.call
    parent = plan.analysis.parent(node)
    if isinstance(parent, cst.Await):
        node, parent = parent, plan.analysis.parent(parent)
    if not isinstance(parent, cst.Expr) or parent.value is not node:
        return False
    plan.stream_done = True
    plan.report(
        rule,
        plan.call,
        "the stream is requested and never read: only the request changes",
        Safety.SAFE,
    )
    return True


def _request_in_place(plan: CallPlan) -> tuple[cst.CSTNode, cst.CSTNode | None, bool]:
    """The request as its code holds it (the call, or its ``await``), what holds that, and
    whether it is awaited there."""
    node: cst.CSTNode = plan.call
    parent = plan.analysis.parent(node)
    awaited = isinstance(parent, cst.Await)
    if awaited:
        node, parent = parent, plan.analysis.parent(parent)
    return node, parent, awaited
