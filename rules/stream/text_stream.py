"""The rewrite to ``with client.messages.stream(...) as stream: for text in
stream.text_stream``, where the request is sent right where the loop starts."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.code.syntax import leading_blank
from migrator.contract.plan import CallPlan
from migrator.core.findings import Safety
from migrator.rewrite.streams import directly_before
from migrator.rules.stream.events import FINAL, renamed

_EVENT_NAMES = frozenset({"event", "evt", "ev", "e", "data", "item", "response", "resp"})


def text_stream(
    plan: CallPlan,
    loop: cst.For,
    assignment: cst.SimpleStatementLine | None,
    reads: list[cst.Attribute],
    finals: dict[cst.BaseExpression, cst.SimpleStatementLine] | None = None,
    last: str | None = None,
) -> bool:
    """Rewrite to ``with client.messages.stream(...) as stream: for text in stream.text_stream``.

    Only where the request is sent right where the loop starts: the stream is
    iterated directly, or assigned by the statement just before the loop.
    Returns False, changing nothing, when the loop does not have that shape. ``last``: the
    loop variable, read after the loop, is given the final message there.
    """
    analysis = plan.analysis
    stream_arg = plan.kwarg("stream")
    if stream_arg is None:
        return False
    iterated = loop.iter.expression if isinstance(loop.iter, cst.Await) else loop.iter
    if assignment is None:
        if iterated is not plan.call:
            return False  # assigned by something other than a plain statement
        stream_name = "stream"
        if not _free(stream_name, loop, analysis):
            return False
    else:
        if not directly_before(assignment, loop, analysis):
            return False
        if assignment.trailing_whitespace.comment is not None:
            return False  # a comment on the assignment would have nowhere to go
        target = assignment.body[0]
        assert isinstance(target, cst.Assign)
        stream_name = target.targets[0].target.value  # type: ignore[attr-defined]
    # The loop variable now holds text: `text`, or its own name unless that names an event.
    own = loop.target.value  # type: ignore[attr-defined]
    names = ("text", "chunk") if own in _EVENT_NAMES else ("text", own)
    text_name = next((name for name in names if _free(name, loop, analysis)), own)

    plan.remove(stream_arg)
    plan.function = "stream"
    for read in reads:
        plan.rewrites[read] = lambda _updated: cst.Name(text_name)
    # After the loop, inside the `with`: `reason = stream.get_final_message().stop_reason`.
    after: list[cst.BaseStatement] = []
    for read, line in (finals or {}).items():
        if isinstance(line, cst.If):  # ``if event.stop_reason: reason = ...``: the line inside
            if not isinstance(analysis.parent(read), cst.Assign):
                continue  # the guard's own read: one final assignment for the two
            inner = line.body.body[0]
            assert isinstance(inner, cst.SimpleStatementLine)
            assign = inner.body[0]
        else:
            assign = line.body[0]
        assert isinstance(assign, cst.Assign)
        final = f"{stream_name}.get_final_message()"
        if loop.asynchronous is not None:
            final = f"(await {final})"
        name = analysis.module.code_for_node(assign.targets[0].target)
        if isinstance(read, cst.Attribute):
            source = f"{name} = {final}.{FINAL[read.attr.value]}"
        else:  # the event itself, kept for what the last one said: the final message
            awaited = "await " if loop.asynchronous is not None else ""
            source = f"{name} = {awaited}{stream_name}.get_final_message()"
        after.append(
            cst.parse_statement(source, config=analysis.module.config_for_parsing).with_changes(
                leading_lines=line.leading_lines
            )
        )
        plan.rewrites[line] = lambda _updated: cst.RemovalSentinel.REMOVE  # type: ignore[assignment,return-value]
    if last is not None:  # the loop variable, read after the loop: the final message
        awaited = "await " if loop.asynchronous is not None else ""
        source = f"{last} = {awaited}{stream_name}.get_final_message()"
        after.append(cst.parse_statement(source, config=analysis.module.config_for_parsing))
    moved: list[cst.SimpleStatementLine] = []
    if assignment is not None:

        def take(updated: cst.CSTNode) -> cst.RemovalSentinel:
            assert isinstance(updated, cst.SimpleStatementLine)
            moved.append(updated)
            return cst.RemovalSentinel.REMOVE

        plan.rewrites[assignment] = take  # type: ignore[assignment]

    def wrap(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.For)
        leading, inner_leading = list(updated.leading_lines), []
        if moved:
            # The request moves down to the loop: its comments come along, and
            # the loop's own comments stay on the loop, inside the `with`.
            statement = moved[0]
            assign = statement.body[0]
            assert isinstance(assign, cst.Assign)
            request = assign.value
            inner_leading = leading[leading_blank(updated) :]
            leading = list(statement.leading_lines)
        else:
            request = updated.iter
        if isinstance(request, cst.Await):
            request = request.expression
        inner = updated.with_changes(
            target=cst.Name(text_name),
            iter=cst.Attribute(cst.Name(stream_name), cst.Name("text_stream")),
            leading_lines=inner_leading,
        )
        return cst.With(
            items=[cst.WithItem(request, asname=cst.AsName(cst.Name(stream_name)))],
            body=cst.IndentedBlock([inner, *after]),
            asynchronous=updated.asynchronous,
            leading_lines=leading,
        )

    plan.rewrites[loop] = wrap
    return True


def _free(name: str, loop: cst.For, analysis: ModuleAnalysis) -> bool:
    """``name`` can be bound where ``loop`` is without changing what any code reads."""
    scope = analysis.scope_of[loop]
    uses = analysis.name_uses.get(name, [])
    if scope.kind != "function":
        return not uses and name not in scope.bindings
    if name in scope.bindings or name in scope.globals or name in scope.nonlocals:
        return False
    return not any(scope.node in analysis.ancestors(use.node) for use in uses)


def ended(
    plan: CallPlan,
    rule: type,
    loop: cst.For,
    finals: dict[cst.BaseExpression, cst.SimpleStatementLine],
    after: tuple[cst.Attribute, ...],
) -> None:
    """The loop reads ``text_stream`` now, and how the stream ended from its final
    message: the reasons read are remapped, ``.stop`` is its ``stop_sequence``."""
    reasons = [
        r
        for r, line in finals.items()
        if isinstance(r, cst.Attribute)
        and r.attr.value == "stop_reason"
        and not (isinstance(line, cst.If) and line.test is r)  # the guard goes with its line
    ]
    plan.stop_reason_reads.extend(reasons)
    plan.whole_reads.extend(reasons)
    for read in after:
        if read.attr.value == "stop":
            plan.rewrites[read] = renamed("stop_sequence")
        else:
            plan.stop_reason_reads.append(read)
            plan.whole_reads.append(read)
    plan.stream_done = True
    plan.report(
        rule,
        loop,
        "the loop reads the text of `messages.stream(...)` from its `text_stream`, "
        "and how it ended from its final message",
        Safety.SAFE,
    )
