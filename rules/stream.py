"""Streams: a loop over `completion` events reads the text deltas of Messages events.

## What it does

For `create(..., stream=True)` iterated by a `for` (or `async for`) loop that
reads only the text of its events (`event.completion`) and would not notice
one more empty piece (see Fix safety), where the request is
sent right where the loop starts (iterated directly, or assigned by the
statement just before the loop), the loop is written the way one would today:
`with client.messages.stream(...) as stream: for text in stream.text_stream:`
(`async with` / `async for` for an async client, whose `await` goes, since the
helper is entered rather than awaited). Comments on the request's statement
move with it. A loop that also keeps how the stream ended in a variable
(`reason = event.stop_reason`, or `.stop`, on a line of its own, the variable
read nowhere in the loop, and no `break`) reads it once the loop is done, from
the final message: `reason = stream.get_final_message().stop_reason` (awaited
for an async client), which is what the variable held after the last legacy
event. A loop that keeps the event itself (`last = event`), read after the
loop only for `.stop_reason` or `.stop`, gets `last = stream.get_final_message()`
after the loop, and `last.stop` becomes `last.stop_sequence`. The request may
move down past lines that only set a name to a literal (`text = ""`).

A stream that is stored and iterated later, entered by a `with` that names it
(`with create(..., stream=True) as stream:`, `async with await ...`), or a
loop that reads how the stream ended in any other way, keeps
`create(..., stream=True)`: the loop skips every event but text deltas
(`content_block_delta` events whose delta is a `text_delta`), or also keeps the
final `message_delta` event when it reads how the stream ended, and each
`event.completion` becomes `event.delta.text`.

A list, set or generator comprehension over the stream gets the same test as
its first condition: `"".join(event.completion for event in stream)` keeps
the text deltas only; any other comprehension also keeps the final
`message_delta` event, whose text reads as `""`, so that it has as many
elements as before.

A stream returned by a function (`return client.completions.create(...,
stream=True)`, or the awaited async one) goes back through
`_legacy_completion_events(...)`, a generator written into the module that
gives its callers events in the legacy shape: one with `.completion` per piece
of text, then one with no text that carries `.stop_reason` (a natural end as
`"stop_sequence"`) and `.stop`, as many as before. That is a review finding:
move the callers to `messages.stream(...)` and drop the adapter. An async
request its callers await themselves (`return client.completions.create(...,
stream=True)` without `await`) goes back through
`_legacy_completion_events_awaited(...)`, which gives them the same events once
awaited. A stream handed to code the tool does not follow, and used for
nothing else, goes through the same adapter where it is requested: given as an
argument (`collect(create(..., stream=True))`, `list(...)`, `enumerate(...)`),
yielded, or bound to a name that is only ever iterated, handed on or returned.
A stream that is also entered, closed, read for an attribute
(`stream.response`), printed, logged or given to a builtin that does more than
iterate it (`str(stream)`) is left as it was, with its finding.

A stream requested and never read (the call is a statement of its own, as in
code that only waits for an error status) keeps `stream=True`: only its
request changes.

A stream of the pre-0.3 SDK (`client.completion_stream(...)`), whose events
each carried the whole text so far, is converted with its call (TCM017).

## Why is this bad?

A Text Completions stream yields `completion` events that each carry a piece
of text in `.completion`. A Messages stream yields `message_start`,
`content_block_start`, `content_block_delta`, `content_block_stop`,
`message_delta` and `message_stop` events: the text is in
`event.delta.text` of the deltas, and the other events have no text at all.

## Example

```python
import anthropic

client = anthropic.Anthropic()
stream = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Count to five{anthropic.AI_PROMPT}",
    stream=True,
)
for event in stream:
    print(event.completion, end="")
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
with client.messages.stream(
    model="claude-sonnet-5-5",
    max_tokens=100,
    messages=[{"role": "user", "content": "Count to five"}],
) as stream:
    for text in stream.text_stream:
        print(text, end="")
```

## Fix safety

Safe: the loop sees the same text, piece by piece, and an `error` event still
raises. The last legacy event carried no text, only the stop reason, and the
loop body ran for it too: unless the body provably ignores an empty piece
(it prints with `end=""`, writes, adds to a string, or appends to a list only
joined with `""`), the loop keeps the final `message_delta` event and reads
`""` as its text, so it runs exactly as many times as before. The stream is closed when the `with` block ends, also on `break`. A
loop that reads how the stream ended keeps the final `message_delta` event,
which like the last legacy event carries no text and the stop reason
(remapped like any other, see TCM012). A loop that reads anything else from
its events, an event read after the loop (it would be another event), and a
one-line loop body are left untouched and reported; a stream returned or
handed on goes through the adapter above, a review finding.

## References

`MIGRATION.md` change 7; the vendor's stream format in
`seeds/000_63dc1022cb3f3e58.txt`.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.analysis import ClientKind, ModuleAnalysis
from migrator.findings import Safety
from migrator.flow import reads_of_value
from migrator.plan import CallPlan
from migrator.rule import Rule
from migrator.runtime import (
    AWAITED_STREAM_ADAPTER,
    awaited_stream_adapter_helpers,
    stream_adapter_helper,
)
from migrator.sinks import ignores_empty_text
from migrator.streams import iterated_only, loop_over
from migrator.syntax import fill, leading_blank

_GUARD = (
    'if {event}.type != "content_block_delta" or {event}.delta.type != "text_delta":\n'
    "    continue\n"
)


# When the loop also reads how the stream ended, the final message_delta event
# is kept: like the last legacy event, it has no text and carries the reason.
_GUARD_WITH_END = (
    'if {event}.type != "message_delta" and (\n'
    '    {event}.type != "content_block_delta" or {event}.delta.type != "text_delta"\n'
    "):\n"
    "    continue\n"
)
# The same, as the condition of a comprehension.
_KEEP = '{event}.type == "content_block_delta" and {event}.delta.type == "text_delta"'
_KEEP_WITH_END = (
    '{event}.type == "message_delta" or '
    '({event}.type == "content_block_delta" and {event}.delta.type == "text_delta")'
)
_FIELDS = {
    "completion": '(__event__.delta.text if __event__.type == "content_block_delta" else "")',
    "stop_reason": '(__event__.delta.stop_reason if __event__.type == "message_delta" else None)',
    "stop": '(__event__.delta.stop_sequence if __event__.type == "message_delta" else None)',
}


class Stream(Rule):
    code = "TCM013"
    summary = "A loop over a stream reads `event.delta.text` of text-delta events"
    safety = Safety.SAFE
    since = "0.2.0"

    def apply(self, plan: CallPlan) -> None:
        if not plan.streamed or plan.stream_done:
            return  # or a stream of the pre-0.3 SDK, handled with its call (TCM017)
        found = loop_over(plan, entered=True, comprehensions=True)
        if isinstance(found, str) and (
            self._returned(plan) or self._discarded(plan) or self._handed_on(plan)
        ):
            return
        if isinstance(found, str):
            plan.block(type(self), plan.call, found)
            return
        loop, assignment = found
        target = loop.target
        if not isinstance(target, cst.Name):
            plan.block(type(self), loop, "the stream's events are unpacked by the loop")
            return
        if isinstance(loop, cst.CompFor):
            self._comprehension(plan, loop, target)
            return
        if not isinstance(loop.body, cst.IndentedBlock):
            plan.block(type(self), loop, "the loop over the stream has its body on one line")
            return
        kept = _kept_event(plan.analysis, loop, target)
        reads = _event_reads(plan, loop, target, kept=kept.use if kept else None)
        if isinstance(reads, str):
            plan.block(type(self), loop, reads)
            return
        # The last legacy event has no text (only the stop reason), yet the body
        # ran for it: a body that would notice keeps the final message_delta.
        ends = [read for read in reads if read.attr.value != "completion"]
        body = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ()
        # `reason = event.stop_reason` in the loop: once the loop is done, the final
        # message's, which is what the variable held after the last legacy event.
        finals = _final_assignments(plan.analysis, loop, ends)
        if kept is not None and (finals or not ends) and not _breaks(loop):
            finals = {**finals, kept.use: kept.line}  # type: ignore[dict-item]
        elif kept is not None:
            plan.block(type(self), loop, f"the loop keeps the event `{kept.use.value}` itself")
            return
        texts = [read for read in reads if read.attr.value == "completion"]
        rest = [st for st in body if st not in finals.values()]
        if finals and not all(ignores_empty_text(st, texts, plan.analysis) for st in rest):
            finals = {}
        if kept is not None and not finals:
            plan.block(type(self), loop, f"the loop keeps the event `{kept.use.value}` itself")
            return
        if finals and _text_stream(plan, loop, assignment, texts, finals):
            plan.stop_reason_reads.extend(
                r for r in finals if isinstance(r, cst.Attribute) and r.attr.value == "stop_reason"
            )
            if kept is not None:
                for read in kept.after:
                    if read.attr.value == "stop":
                        plan.rewrites[read] = _renamed("stop_sequence")
                    else:
                        plan.stop_reason_reads.append(read)
            plan.stream_done = True
            plan.report(
                type(self),
                loop,
                "the loop reads the text of `messages.stream(...)` from its `text_stream`, "
                "and how it ended from its final message",
                Safety.SAFE,
            )
            return
        if kept is not None:
            plan.block(type(self), loop, f"the loop keeps the event `{kept.use.value}` itself")
            return
        if not ends and not all(ignores_empty_text(st, reads, plan.analysis) for st in body):
            ends = reads
        if not ends and _text_stream(plan, loop, assignment, reads):
            plan.stream_done = True
            plan.report(
                type(self),
                loop,
                "the loop reads the text of `messages.stream(...)` from its `text_stream`",
                Safety.SAFE,
            )
            return
        for read in reads:
            if not ends:
                plan.rewrites[read] = _delta_text
            else:
                plan.rewrites[read] = _event_field(read.attr.value)
            if read.attr.value == "stop_reason":
                plan.stop_reason_reads.append(read)  # its values are remapped too
        event = target.value
        guard = cst.parse_statement(
            (_GUARD_WITH_END if ends else _GUARD).format(event=event),
            config=plan.analysis.module.config_for_parsing,
        )

        def add_guard(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.IndentedBlock)
            return updated.with_changes(body=[guard, *updated.body])

        plan.rewrites[loop.body] = add_guard
        plan.stream_done = True
        plan.report(
            type(self),
            loop,
            "the loop over the stream reads the text deltas of Messages events",
            Safety.SAFE,
        )

    def _returned(self, plan: CallPlan) -> bool:
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
            type(self),
            parent,
            f"the stream is returned to callers the tool does not follow: `{name}(...)` gives "
            "them events in the legacy shape (`completion`, then `stop_reason` with a natural "
            'end as "stop_sequence"); move them to `messages.stream(...)` and drop it',
            Safety.REVIEW,
        )
        return True

    def _handed_on(self, plan: CallPlan) -> bool:
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
            type(self),
            plan.call,
            f"the stream is handed to code the tool does not follow: `{name}(...)` gives it "
            "events in the legacy shape (`completion`, then `stop_reason` with a natural end "
            'as "stop_sequence"); move that code to `messages.stream(...)` and drop it',
            Safety.REVIEW,
        )
        return True

    def _discarded(self, plan: CallPlan) -> bool:
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
            type(self),
            plan.call,
            "the stream is requested and never read: only the request changes",
            Safety.SAFE,
        )
        return True

    def _comprehension(self, plan: CallPlan, loop: cst.CompFor, target: cst.Name) -> None:
        """``[event.completion for event in stream]``: a condition keeps the events that
        carry text, and the final ``message_delta`` unless ``"".join`` ignores it."""
        comprehension = plan.analysis.parent(loop)
        assert isinstance(comprehension, (cst.ListComp, cst.SetComp, cst.GeneratorExp))
        reads = _event_reads(plan, loop, target, region=comprehension)
        if isinstance(reads, str):
            plan.block(type(self), loop, reads)
            return
        ends = [read for read in reads if read.attr.value != "completion"]
        if not ends and not _joined_text(comprehension, reads, plan.analysis):
            ends = reads
        for read in reads:
            plan.rewrites[read] = _event_field(read.attr.value) if ends else _delta_text
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
            type(self),
            loop,
            "the comprehension over the stream reads the text deltas of Messages events",
            Safety.SAFE,
        )


def _request_in_place(plan: CallPlan) -> tuple[cst.CSTNode, cst.CSTNode | None, bool]:
    """The request as its code holds it (the call, or its ``await``), what holds that, and
    whether it is awaited there."""
    node: cst.CSTNode = plan.call
    parent = plan.analysis.parent(node)
    awaited = isinstance(parent, cst.Await)
    if awaited:
        node, parent = parent, plan.analysis.parent(parent)
    return node, parent, awaited


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


_EVENT_NAMES = frozenset({"event", "evt", "ev", "e", "data", "item", "response", "resp"})
# What the final message of ``messages.stream(...)`` holds for each field of the last
# legacy event.
_FINAL = {"stop_reason": "stop_reason", "stop": "stop_sequence"}


def _final_assignments(
    analysis: ModuleAnalysis, loop: cst.For, ends: list[cst.Attribute]
) -> dict[cst.Attribute, cst.SimpleStatementLine]:
    """``NAME = event.stop_reason`` (or ``.stop``) lines of the loop's body, by read.

    Each must be a line of its own at the top of the body, its name read nowhere
    in the loop, and the loop must not ``break`` (after which the variable held
    what an earlier event said). Empty when any end read is not such a line.
    """
    body = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ()
    if not ends or _breaks(loop):
        return {}
    found: dict[cst.Attribute, cst.SimpleStatementLine] = {}
    for read in ends:
        assign = analysis.parent(read)
        line = analysis.parent(assign) if assign is not None else None
        if not (
            isinstance(assign, cst.Assign)
            and assign.value is read
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
            and isinstance(line, cst.SimpleStatementLine)
            and len(line.body) == 1
            and line in body
            and line.trailing_whitespace.comment is None
        ):
            return {}
        name = assign.targets[0].target.value
        uses = analysis.name_uses.get(name, [])
        if any(
            use.node is not assign.targets[0].target and loop in analysis.ancestors(use.node)
            for use in uses
        ):
            return {}
        found[read] = line
    return found


def _breaks(loop: cst.For) -> bool:
    """Does a ``break`` leave this loop (not one nested in it)?"""

    class Finder(cst.CSTVisitor):
        found = False

        def visit_Break(self, node: cst.Break) -> None:
            self.found = True

        def visit_For(self, node: cst.For) -> bool:
            return False

        def visit_While(self, node: cst.While) -> bool:
            return False

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

    finder = Finder()
    loop.body.visit(finder)
    return finder.found


def _text_stream(
    plan: CallPlan,
    loop: cst.For,
    assignment: cst.SimpleStatementLine | None,
    reads: list[cst.Attribute],
    finals: dict[cst.BaseExpression, cst.SimpleStatementLine] | None = None,
) -> bool:
    """Rewrite to ``with client.messages.stream(...) as stream: for text in stream.text_stream``.

    Only where the request is sent right where the loop starts: the stream is
    iterated directly, or assigned by the statement just before the loop.
    Returns False, changing nothing, when the loop does not have that shape.
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
        if not _directly_before(assignment, loop, analysis):
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
        assign = line.body[0]
        assert isinstance(assign, cst.Assign)
        final = f"{stream_name}.get_final_message()"
        if loop.asynchronous is not None:
            final = f"(await {final})"
        name = analysis.module.code_for_node(assign.targets[0].target)
        if isinstance(read, cst.Attribute):
            source = f"{name} = {final}.{_FINAL[read.attr.value]}"
        else:  # the event itself, kept for what the last one said: the final message
            awaited = "await " if loop.asynchronous is not None else ""
            source = f"{name} = {awaited}{stream_name}.get_final_message()"
        after.append(
            cst.parse_statement(source, config=analysis.module.config_for_parsing).with_changes(
                leading_lines=line.leading_lines
            )
        )
        plan.rewrites[line] = lambda _updated: cst.RemovalSentinel.REMOVE  # type: ignore[assignment,return-value]
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


def _directly_before(
    statement: cst.SimpleStatementLine, loop: cst.For, analysis: ModuleAnalysis
) -> bool:
    block = analysis.parent(loop)
    body = getattr(block, "body", None)
    if not isinstance(body, (list, tuple)) or analysis.parent(statement) is not block:
        return False
    index = list(body).index(loop)
    # Only lines that set a name to a literal may stand between (`text = ""`,
    # `last = None`): the request moves down past them.
    while index > 0 and body[index - 1] is not statement and _sets_literal(body[index - 1]):
        index -= 1
    return index > 0 and body[index - 1] is statement


def _sets_literal(statement: cst.CSTNode) -> bool:
    """``name = ""``, ``= 0``, ``= None``, ``= []``: nothing the request could depend on."""
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return False
    assign = statement.body[0]
    if not (
        isinstance(assign, cst.Assign)
        and all(isinstance(target.target, cst.Name) for target in assign.targets)
    ):
        return False
    value = assign.value
    if isinstance(value, (cst.List, cst.Dict, cst.Tuple)):
        return not value.elements
    if isinstance(value, cst.Name):
        return value.value in ("None", "True", "False")
    return isinstance(value, (cst.SimpleString, cst.Integer, cst.Float))


@dataclass(frozen=True)
class _Kept:
    """``last = event`` in the loop, and after it only ``last.stop_reason`` / ``last.stop``."""

    use: cst.Name  # ``event`` on the right of the assignment
    line: cst.SimpleStatementLine
    after: tuple[cst.Attribute, ...]  # the reads of ``last`` after the loop


def _kept_event(analysis: ModuleAnalysis, loop: cst.For, target: cst.Name) -> _Kept | None:
    """The loop keeps its event in a name, read after the loop for how the stream ended.

    The line is one of its own at the top of the body; every read of the name sees
    this binding (or ``None`` before the loop), comes after the loop, and reads
    ``.stop_reason`` or ``.stop``, which the final message holds too (the last
    legacy event's ``.completion`` was empty: not followed).
    """
    body = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ()
    for line in body:
        if not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1):
            continue
        assign = line.body[0]
        if not (
            isinstance(assign, cst.Assign)
            and isinstance(assign.value, cst.Name)
            and assign.value.value == target.value
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
            and line.trailing_whitespace.comment is None
        ):
            continue
        reads = reads_of_value(analysis, assign.targets[0].target, assign.value)
        if reads is None:
            return None
        after = []
        for read in reads:
            holder = analysis.parent(read)
            if loop in analysis.ancestors(read):
                return None
            if not (
                isinstance(holder, cst.Attribute)
                and holder.value is read
                and holder.attr.value in _FINAL
                and not isinstance(analysis.parent(holder), (cst.AssignTarget, cst.Del))
            ):
                return None
            after.append(holder)
        return _Kept(assign.value, line, tuple(after)) if after else None
    return None


def _renamed(attribute: str):  # type: ignore[no-untyped-def]
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Attribute)
        return updated.with_changes(attr=cst.Name(attribute))

    return rewrite


def _event_reads(
    plan: CallPlan,
    loop: cst.For | cst.CompFor,
    target: cst.Name,
    region: cst.CSTNode | None = None,
    kept: cst.Name | None = None,
) -> list[cst.Attribute] | str:
    """Every ``event.completion`` read in the loop (in ``region``, the loop's body unless
    given), or why the loop reads more."""
    if region is None:
        assert isinstance(loop, cst.For)
        region = loop.body
    analysis = plan.analysis
    found = analysis.lookup(target.value, analysis.scope_of[target])
    if found is None:
        return "the loop variable cannot be resolved"
    owner, bindings = found
    if len(bindings) != 1:
        return f"the loop variable `{target.value}` is assigned elsewhere too"
    reads: list[cst.Attribute] = []
    for use in analysis.uses_of(target.value, owner):
        if use is target or use is kept:
            continue
        parent = analysis.parent(use)
        if region not in analysis.ancestors(use):
            return f"the event `{target.value}` is read after the loop, where it is another event"
        if isinstance(parent, cst.Attribute) and parent.value is use:
            if parent.attr.value in _FIELDS:
                reads.append(parent)
                continue
            return (
                f"the loop reads `.{parent.attr.value}` of the stream's events, which Messages "
                "events do not carry that way"
            )
        return f"the loop uses the event `{target.value}` itself, whose shape changes"
    return reads


def _delta_text(updated: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(updated, cst.Attribute)
    delta = cst.Attribute(updated.value, cst.Name("delta"))
    return updated.with_changes(value=delta, attr=cst.Name("text"))


def _event_field(field: str):  # type: ignore[no-untyped-def]
    """``event.stop_reason`` and friends, read from the event that carries them."""

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Attribute)
        return fill(_FIELDS[field], {"__event__": updated.value})

    return rewrite
