"""The events of a pre-0.3 stream as its loop reads them, and the ``stream=True`` a
Messages request needs to send events at all."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.response_dict import key_read
from migrator.code.syntax import TIGHT_EQUAL
from migrator.contract.plan import CallPlan
from migrator.rewrite.streams import breaks, uses_after

END_FIELDS = {
    "stop_reason": '(__event__.delta.stop_reason if __event__.type == "message_delta" else None)',
    "stop": '(__event__.delta.stop_sequence if __event__.type == "message_delta" else None)',
}


def event_reads(plan: CallPlan, loop: cst.For, target: cst.Name) -> list | str:  # type: ignore[type-arg]
    """The key reads of the loop's event, or why the loop reads it otherwise; after the
    loop, it may be read for what the last event held (see ``uses_after``)."""
    analysis = plan.analysis
    found = analysis.lookup(target.value, analysis.scope_of[target])
    if found is None or len(found[1]) != 1:
        return f"the loop variable `{target.value}` is assigned elsewhere too"
    after = set(map(id, uses_after(analysis, loop, target) or ()))
    reads = []
    for use in analysis.uses_of(target.value, found[0]):
        if use is target:
            continue
        if loop.body not in analysis.ancestors(use) and (
            id(use) not in after or (breaks(loop) and _key(use, analysis) != "completion")
        ):
            return f"the event `{target.value}` is read after the loop, where it is another event"
        read = key_read(use, analysis)
        if read is None or (read.key != "completion" and read.key not in END_FIELDS):
            return (
                f"the loop uses the event `{target.value}` other than by its "
                '`["completion"]`, `["stop_reason"]` or `["stop"]`'
            )
        reads.append(read)
    return reads


def _key(use: cst.Name, analysis: ModuleAnalysis) -> str | None:
    read = key_read(use, analysis)
    return None if read is None else read.key


def ask_to_stream(plan: CallPlan) -> None:
    """``stream=True`` after the call's last argument: ``completion_stream`` streamed
    without it, ``messages.create`` does not."""
    stream = cst.Arg(cst.Name("True"), keyword=cst.Name("stream"), equal=TIGHT_EQUAL)
    plan.args.append(plan.like(plan.args[-1], "stream", stream.value) if plan.args else stream)


def mapping(updated: cst.CSTNode) -> cst.BaseExpression:
    if isinstance(updated, cst.Subscript):
        return updated.value
    assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
    return updated.func.value
