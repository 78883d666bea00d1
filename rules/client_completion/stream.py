"""A pre-0.3 stream, whose every event carried the whole text so far: its loop adds up
the text deltas of Messages events, unless its dicts must stay (the adapter) or only
its last event is kept."""

from __future__ import annotations

import libcst as cst

from migrator.code.syntax import fill
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.streams import field_names, loop_over
from migrator.rules.client_completion.adapter import handed_on, stream_flag
from migrator.rules.client_completion.events import (
    END_FIELDS,
    ask_to_stream,
    event_reads,
    mapping,
)
from migrator.rules.client_completion.last_event import only_last


def _stream(rule: type[Rule], plan: CallPlan) -> None:
    flag = plan.kwarg("stream")
    # The old SDK's own examples passed a redundant `stream=True`: it is kept as it is.
    given = flag is not None and isinstance(flag.value, cst.Name) and flag.value.value == "True"
    if flag is not None and not given and not any(arg.star == "**" for arg in plan.call.args):
        stream_flag(rule, plan, flag)
        return
    # A request splatted from a dict the tool reads whole is planned as its own keywords;
    # one converted at run time may hold `stream` itself.
    splatted = any(arg.star == "**" for arg in plan.call.args) and plan.request_converted
    if (flag is not None and not given) or splatted:
        plan.block(
            rule,
            plan.call,
            "a stream whose request is splatted from a dict or sets `stream=` to something "
            "other than True",
        )
        return
    plan.streamed = True
    found = loop_over(plan)
    if isinstance(found, str) and handed_on(rule, plan, given):
        return
    if isinstance(found, str):
        plan.block(rule, plan.call, found)
        return
    loop, assignment = found
    if not isinstance(loop.target, cst.Name) or not isinstance(loop.body, cst.IndentedBlock):
        plan.block(rule, loop, "the loop unpacks the stream's events or has a one-line body")
        return
    if only_last(rule, plan, loop, flag if given else None, assignment):
        return
    reads = event_reads(plan, loop, loop.target)
    if isinstance(reads, str):
        plan.block(rule, loop, reads)
        return
    texts = any(read.key == "completion" for read in reads)
    text = _free_name(plan, "completion_so_far") if texts else None
    event = loop.target.value
    config = plan.analysis.module.config_for_parsing
    # Read after the loop, how the stream ended is the last message_delta's: kept aside.
    after = [read for read in reads if loop.body not in plan.analysis.ancestors(read.node)]
    last = _free_name(plan, "last_delta") if any(r.key != "completion" for r in after) else None
    # Read in the loop, it is bound to a name from the event that carries it.
    ends = {read.key for read in reads if read.key != "completion" and read not in after}
    bound = _end_names(plan, loop, ends)
    guard = cst.parse_module(_guard(event, text, last, bound), config=config).body
    for read in reads:
        if read.key == "completion":
            plan.rewrites[read.node] = lambda _updated: cst.Name(text)  # type: ignore[arg-type]
        elif read in after or bound is not None:
            if read in after:
                field = "stop_reason" if read.key == "stop_reason" else "stop_sequence"
                code = f"{last}.delta.{field}"
            else:
                code = bound[read.key]  # type: ignore[index]
            plan.rewrites[read.node] = lambda _updated, code=code: fill(code, {})
            if read.key == "stop_reason":
                plan.stop_reason_reads.append(read.node)
                plan.whole_reads.append(read.node)
        else:
            template = END_FIELDS[read.key]
            plan.rewrites[read.node] = lambda updated, template=template: fill(
                template, {"__event__": mapping(updated)}
            )
            if read.key == "stop_reason":
                plan.stop_reason_reads.append(read.node)

    def add_guard(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.IndentedBlock)
        return updated.with_changes(body=[*guard, *updated.body])

    plan.rewrites[loop.body] = add_guard
    start = f'{text} = ""'
    if text is None:
        pass  # nothing adds up the text
    elif assignment is not None:
        plan.statements_after.setdefault(assignment, []).append(start)
    else:

        def start_first(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.For)
            first = cst.parse_statement(start, config=config)
            return cst.FlattenSentinel(  # type: ignore[return-value]
                [
                    first.with_changes(leading_lines=updated.leading_lines),
                    updated.with_changes(leading_lines=[]),
                ]
            )

        plan.rewrites[loop] = start_first
    if not given:
        ask_to_stream(plan)
    plan.stream_done = True
    plan.report(
        rule,
        loop,
        "each event of the stream carried the whole text so far: the loop adds up the "
        f"text deltas of Messages events in `{text}` and reads that"
        if text is not None
        else "the loop reads how the stream ended from the Messages `message_delta` event",
        Safety.SAFE,
    )


def _end_names(plan: CallPlan, loop: cst.For, ends: set[str]) -> dict[str, str] | None:
    """The names the loop's reads of how the stream ended are bound to, by key; None when
    there are none to bind, or a name is taken."""
    return field_names(plan.analysis, plan.analysis.scope_of[loop], ends) if ends else None


def _guard(event: str, text: str | None, last: str | None, bound: dict[str, str] | None) -> str:
    """The lines opening the loop: a text delta adds to ``text``, the ``message_delta``
    says how the stream ended (kept in ``last`` for reads after the loop, its fields bound
    for those in it), every other event is skipped."""
    names = ", ".join(bound.values()) if bound else ""
    none = ", ".join("None" for _ in bound) if bound else ""
    fields = {"stop_reason": "stop_reason", "stop": "stop_sequence"}
    ends = ", ".join(f"{event}.delta.{fields[key]}" for key in bound) if bound else ""
    delta = [f"{text} += {event}.delta.text"] if text else []
    delta += [f"{names} = {none}"] if bound else []
    final = [f"{names} = {ends}"] if bound else []
    final += [f"{last} = {event}"] if last else []
    lines = [f'if {event}.type == "content_block_delta" and {event}.delta.type == "text_delta":']
    lines += [f"    {line}" for line in delta or ["pass"]]
    if final:
        lines += [f'elif {event}.type == "message_delta":', *(f"    {line}" for line in final)]
        lines += ["else:", "    continue"]
    else:
        lines += [f'elif {event}.type != "message_delta":', "    continue"]
    return "\n".join(lines) + "\n"


def _free_name(plan: CallPlan, base: str) -> str:
    """``base`` (or ``base_2``, ...): a name the module does not spell anywhere."""
    code = plan.analysis.module.code
    name, number = base, 1
    while name in code:
        number += 1
        name = f"{base}_{number}"
    return name
