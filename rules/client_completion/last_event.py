"""A loop over a pre-0.3 stream that keeps only its last event, which carried the whole
answer: it becomes the final message of ``messages.stream(...)``."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import reads_of_value
from migrator.analysis.response_dict import key_read
from migrator.analysis.response_uses import none_test
from migrator.code.syntax import fill
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.streams import directly_before, uses_after
from migrator.rules.client_completion.events import mapping

# The keys of the last pre-0.3 stream event, and the Message attributes that hold them.
_DICT_FIELDS = {"completion": "content", "stop_reason": "stop_reason", "stop": "stop_sequence"}


def only_last(
    rule: type[Rule],
    plan: CallPlan,
    loop: cst.For,
    flag: cst.Arg | None,
    assignment: cst.SimpleStatementLine | None = None,
) -> bool:
    """``for event in client.completion_stream(...): last = event`` (or ``for last in
    ...: pass``), then ``last[...]``.

    Each event carried the whole text so far, so the last one holds the whole
    answer: the loop becomes ``with client.messages.stream(...) as stream:
    last = stream.get_final_message()`` and the reads of ``last`` after it
    read the Message. False, changing nothing, for any other loop.
    """
    analysis = plan.analysis
    body = loop.body.body  # type: ignore[union-attr]
    line = body[0] if len(body) == 1 else None
    small = line.body if isinstance(line, cst.SimpleStatementLine) else ()
    assign = small[0] if len(small) == 1 else None
    if not (
        loop.orelse is None
        and isinstance(loop.target, cst.Name)
        and (
            loop.iter is plan.call
            if assignment is None
            else directly_before(assignment, loop, analysis)
            and assignment.trailing_whitespace.comment is None
        )
    ):
        return False
    if isinstance(assign, cst.Pass):  # ``for last in stream: pass``: the variable is kept
        kept: cst.Name = loop.target
        uses = uses_after(analysis, loop, kept)
    elif (
        isinstance(assign, cst.Assign)
        and isinstance(assign.value, cst.Name)
        and assign.value.value == loop.target.value
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
    ):
        kept = assign.targets[0].target
        uses = reads_of_value(analysis, kept, assign.value)
    else:
        return False
    if uses is None:
        return False
    # `if last is None:` sees no event before and after alike (a stream that
    # succeeds has one), and stays as written.
    uses = [use for use in uses if not none_test(analysis.parent(use), use)]
    reads = [key_read(use, analysis) for use in uses]
    if not reads or any(
        read is None or read.key not in _DICT_FIELDS or loop in analysis.ancestors(read.node)
        for read in reads
    ):
        return False
    moved: list[cst.SimpleStatementLine] = []
    if assignment is not None:
        # `stream = await client.acompletion_stream(...)` moves down into the `with`.
        stream_name = loop.iter.value  # type: ignore[attr-defined]

        def take(updated: cst.CSTNode) -> cst.RemovalSentinel:
            assert isinstance(updated, cst.SimpleStatementLine)
            moved.append(updated)
            return cst.RemovalSentinel.REMOVE

        plan.rewrites[assignment] = take  # type: ignore[assignment]
    else:
        stream_name = next(
            n for n in ("stream", "stream_2", "stream_3", "_stream") if n not in analysis.spelled
        )
    if flag is not None:
        plan.remove(flag)
    plan.function = "stream"
    for read in reads:
        assert read is not None
        if read.key == "completion":
            plan.rewrites[read.node] = lambda updated: fill(
                '"".join(block.text for block in __m__.content if block.type == "text")',
                {"__m__": mapping(updated)},
            )
        else:
            attribute = _DICT_FIELDS[read.key]
            plan.rewrites[read.node] = lambda updated, attribute=attribute: cst.Attribute(
                mapping(updated), cst.Name(attribute)
            )
            if read.key == "stop_reason":
                plan.stop_reason_reads.append(read.node)
                plan.whole_reads.append(read.node)
    name = kept.value

    awaited = "await " if loop.asynchronous is not None else ""

    def wrap(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.For)
        final = cst.parse_statement(
            f"{name} = {awaited}{stream_name}.get_final_message()",
            config=analysis.module.config_for_parsing,
        )
        request, leading = updated.iter, list(updated.leading_lines)
        if moved:
            # The request's comments come along; the loop's own stay above the `with`.
            request = moved[0].body[0].value  # type: ignore[attr-defined]
            leading = [*moved[0].leading_lines, *(line for line in leading if line.comment)]
        if isinstance(request, cst.Await):
            request = request.expression  # the async helper is entered, not awaited
        return cst.With(
            items=[cst.WithItem(request, asname=cst.AsName(cst.Name(stream_name)))],
            body=cst.IndentedBlock([final]),
            asynchronous=updated.asynchronous,
            leading_lines=leading,
        )

    plan.rewrites[loop] = wrap
    plan.stream_done = True
    plan.report(
        rule,
        loop,
        "the loop only kept the last event, which carried the whole answer: the final "
        "message of `messages.stream(...)` takes its place",
        Safety.SAFE,
    )
    return True
