"""A list, set or generator comprehension over a stream: a condition keeps the events
that carry text, and the final ``message_delta`` unless ``"".join`` ignores it."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.stream.events import delta_text, event_field, event_reads

# The same, as the condition of a comprehension.
_KEEP = '{event}.type == "content_block_delta" and {event}.delta.type == "text_delta"'
_KEEP_WITH_END = (
    '{event}.type == "message_delta" or '
    '({event}.type == "content_block_delta" and {event}.delta.type == "text_delta")'
)


def comprehension(plan: CallPlan, rule: type[Rule], loop: cst.CompFor, target: cst.Name) -> None:
    """``[event.completion for event in stream]``: a condition keeps the events that
    carry text, and the final ``message_delta`` unless ``"".join`` ignores it."""
    comprehension = plan.analysis.parent(loop)
    assert isinstance(comprehension, (cst.ListComp, cst.SetComp, cst.GeneratorExp))
    reads = event_reads(plan, loop, target, region=comprehension)
    if isinstance(reads, str):
        plan.block(rule, loop, reads)
        return
    ends = [read for read in reads if read.attr.value != "completion"]
    if not ends and not _joined_text(comprehension, reads, plan.analysis):
        ends = reads
    for read in reads:
        plan.rewrites[read] = event_field(read.attr.value) if ends else delta_text
        if read.attr.value == "stop_reason":
            plan.stop_reason_reads.append(read)
    test = cst.parse_expression(
        (_KEEP_WITH_END if ends else _KEEP).format(event=target.value),
        config=plan.analysis.module.config_for_parsing,
    )

    def add_condition(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.CompFor)
        # On the line of the ``for`` when the comprehension is split over lines.
        condition = cst.CompIf(test, whitespace_before=updated.whitespace_before)
        return updated.with_changes(ifs=[condition, *updated.ifs])

    plan.rewrites[loop] = add_condition
    plan.stream_done = True
    plan.report(
        rule,
        loop,
        "the comprehension over the stream reads the text deltas of Messages events",
        Safety.SAFE,
    )


def _joined_text(
    comprehension: cst.BaseExpression, reads: list[cst.Attribute], analysis: ModuleAnalysis
) -> bool:
    """``"".join(event.completion for event in stream)``: an empty last piece adds nothing."""
    if not (isinstance(comprehension, (cst.ListComp, cst.GeneratorExp)) and len(reads) == 1):
        return False
    if comprehension.elt is not reads[0]:  # type: ignore[comparison-overlap]
        return False
    arg = analysis.parent(comprehension)
    call = analysis.parent(arg) if isinstance(arg, cst.Arg) else comprehension
    return (
        isinstance(call, cst.Call)
        and len(call.args) == 1
        and call.args[0] is arg
        and not call.args[0].star
        and call.args[0].keyword is None
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "join"
        and isinstance(call.func.value, cst.SimpleString)
        and call.func.value.evaluated_value == ""
    )
