"""Pre-0.3 streams whose dicts are still read as they were: with a ``stream=`` flag known
only at run time, or handed to code the tool does not follow. Both go through
``_legacy_completion_stream_dicts(...)``, written into the module."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ClientKind
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.streams import iterated_only, loop_over
from migrator.rules.client_completion.events import ask_to_stream, event_reads
from migrator.runtime.helpers import SDK02_STREAM_ADAPTER, sdk02_stream_adapter_helpers


def stream_flag(rule: type[Rule], plan: CallPlan, flag: cst.Arg) -> None:
    """``completion_stream(..., stream=flag)``: the old SDK sent the flag as it was.

    With a false flag the server answered in one piece, which the stream gave as
    one dict with the whole text; with a true one, a dict per piece. The call
    keeps ``stream=flag`` and its result goes through
    ``_legacy_completion_stream_dicts(...)``, which gives the loop the same dicts
    from a Messages response or stream, so the loop is left as it is.
    """
    shown = " ".join(plan.code_for(flag.value).split())
    if plan.site.kind is ClientKind.ASYNC:
        plan.block(
            rule,
            plan.call,
            f"`stream={shown}` is only known at run time on an async stream: call "
            "`messages.stream(...)` or `messages.create(...)` by hand",
        )
        return
    found = loop_over(plan)
    if isinstance(found, str):
        plan.block(rule, plan.call, found)
        return
    loop = found[0]
    if not isinstance(loop.target, cst.Name) or not isinstance(loop.body, cst.IndentedBlock):
        plan.block(rule, loop, "the loop unpacks the stream's events or has a one-line body")
        return
    reads = event_reads(plan, loop, loop.target)
    if isinstance(reads, str):
        plan.block(rule, loop, reads)
        return
    plan.helpers.update(sdk02_stream_adapter_helpers())
    plan.result_wrapper = SDK02_STREAM_ADAPTER
    plan.stream_done = True
    plan.report(
        rule,
        flag,
        f"`stream={shown}` is only known at run time: `{SDK02_STREAM_ADAPTER}(...)` gives "
        "the loop the dicts `completion_stream` gave (the whole text so far, one per piece, "
        'or one for a request that does not stream; a natural end as "stop_sequence"); '
        "choose `messages.stream(...)` or `messages.create(...)` by hand and drop it",
        Safety.REVIEW,
    )


def handed_on(rule: type[Rule], plan: CallPlan, given: bool) -> bool:
    """``completion_stream(...)`` handed to code the tool does not follow, and used for
    nothing else (see :func:`migrator.rewrite.streams.iterated_only`): that code gets the
    dicts it got, through ``_legacy_completion_stream_dicts(...)``. Not on an async
    client, whose stream is awaited."""
    analysis = plan.analysis
    parent = analysis.parent(plan.call)
    if plan.site.kind is ClientKind.ASYNC or not iterated_only(
        analysis, plan.call, parent, assigned=True
    ):
        return False
    if not given:
        ask_to_stream(plan)
    plan.helpers.update(sdk02_stream_adapter_helpers())
    plan.result_wrapper = SDK02_STREAM_ADAPTER
    plan.stream_done = True
    plan.report(
        rule,
        plan.call,
        "the stream is handed to code the tool does not follow: "
        f"`{SDK02_STREAM_ADAPTER}(...)` gives it the dicts `completion_stream` gave (the "
        'whole text so far, one per piece; a natural end as "stop_sequence"); move that '
        "code to `messages.stream(...)` and drop it",
        Safety.REVIEW,
    )
    return True
