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
(`reason = event.stop_reason`, or `.stop`, on a line of its own or under `if
event.stop_reason:`, the variable read nowhere in the loop, and no `break`)
reads it once the loop is done, from
the final message: `reason = stream.get_final_message().stop_reason` (awaited
for an async client), which is what the variable held after the last legacy
event. A loop that keeps the event itself (`last = event`), read after the
loop only for `.stop_reason` or `.stop`, gets `last = stream.get_final_message()`
after the loop, and `last.stop` becomes `last.stop_sequence`; so does the loop
variable itself, read that way after a loop with no `break` (`for chunk in
stream: ...` then `if chunk.stop_reason == "max_tokens":`), which held the last
event. The request may
move down past lines that only set a name to a literal (`text = ""`).

A stream that is stored and iterated later, entered by a `with` that names it
(`with create(..., stream=True) as stream:`, `async with await ...`), or a
loop that reads how the stream ended in any other way, keeps
`create(..., stream=True)`: the loop skips every event but text deltas
(`content_block_delta` events whose delta is a `text_delta`), and each
`event.completion` becomes `event.delta.text`. A loop that reads how the
stream ended, or whose body would notice one more empty piece, also keeps the
final `message_delta` event, and binds what it reads to names at the top of
its body, from the event that carries each: `text, stop_reason =
event.delta.text, None` for a text delta, `"", event.delta.stop_reason` for
the final `message_delta` (the body then reads `text` and `stop_reason`, or
other names where those are taken). A stop reason so bound and passed on as a
value is given in its legacy spelling, as a response's is (TCM012). Where a
loop in the body could rebind a name, each read stays on its event,
`(event.delta.text if event.type == "content_block_delta" else "")`.

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
yielded, or bound to a name that is only ever iterated, handed on or returned; so does one
whose loop hands each event on whole (`sink.append(event)`, `queue.put(event)`).
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
(it prints with `end=""`, writes, adds the text or its `len` with `+=`, appends
to a list only joined with `""`, extends a list with the text's `.split()`, or
breaks on a test of plain names, such as `if len(buf) >= limit: break`, which
on the same values would only end a loop that was ending; or does its work
under `if piece:` alone; or ends with a `while` on plain names that drains
what was added, `while "\\n" in buf: line, buf = buf.split("\\n", 1)`, with
no `break`, which the last run left false), the loop keeps the final `message_delta` event and reads
`""` as its text, so it runs exactly as many times as before. The stream is closed when the `with` block ends, also on `break`. A
loop that reads how the stream ended keeps the final `message_delta` event,
which like the last legacy event carries no text and the stop reason
(remapped like any other, see TCM012). A loop that reads anything else from
its events, an event read after the loop for anything else, and a
one-line loop body are left untouched and reported; a stream returned or
handed on goes through the adapter above, a review finding.

## References

`MIGRATION.md` change 7; the vendor's stream format in
`seeds/000_63dc1022cb3f3e58.txt`.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.sinks import ignores_empty_text
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.streams import breaks, loop_over
from migrator.rules.stream.comprehension import comprehension
from migrator.rules.stream.events import (
    EVENT_ITSELF,
    bound_fields,
    delta_text,
    event_field,
    event_reads,
    final_assignments,
    kept_event,
    read_after,
    read_after_the_loop,
)
from migrator.rules.stream.handed_on import discarded, handed_on, returned
from migrator.rules.stream.text_stream import ended, text_stream

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
            returned(plan, type(self)) or discarded(plan, type(self)) or handed_on(plan, type(self))
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
            comprehension(plan, type(self), loop, target)
            return
        if not isinstance(loop.body, cst.IndentedBlock):
            plan.block(type(self), loop, "the loop over the stream has its body on one line")
            return
        kept = kept_event(plan.analysis, loop, target)
        last = read_after(plan.analysis, loop, target) if kept is None else ()
        reads = event_reads(plan, loop, target, kept=kept.use if kept else None, after=last)
        if isinstance(reads, str):
            # Each event handed on whole (``sink.append(event)``): in the legacy shape.
            if not reads.startswith(EVENT_ITSELF) or not handed_on(
                plan, type(self), "the loop hands the stream's events on whole"
            ):
                plan.block(type(self), loop, reads)
            return
        # The last legacy event has no text (only the stop reason), yet the body
        # ran for it: a body that would notice keeps the final message_delta.
        ends = [read for read in reads if read.attr.value != "completion"]
        body = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ()
        # `reason = event.stop_reason` in the loop: once the loop is done, the final
        # message's, which is what the variable held after the last legacy event.
        finals = final_assignments(plan.analysis, loop, ends)
        if kept is not None and (finals or not ends) and not breaks(loop):
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
        if last:
            quiet = all(ignores_empty_text(st, texts, plan.analysis) for st in rest)
            if (
                (finals or not ends)
                and quiet
                and not breaks(loop)
                and text_stream(plan, loop, assignment, texts, finals, last=target.value)
            ):
                ended(plan, type(self), loop, finals, last)
            else:
                plan.block(type(self), loop, read_after_the_loop(target))
            return
        if finals and text_stream(plan, loop, assignment, texts, finals):
            ended(plan, type(self), loop, finals, kept.after if kept is not None else ())
            return
        if kept is not None:
            plan.block(type(self), loop, f"the loop keeps the event `{kept.use.value}` itself")
            return
        if not ends and not all(ignores_empty_text(st, reads, plan.analysis) for st in body):
            ends = reads
        if not ends and text_stream(plan, loop, assignment, reads):
            plan.stream_done = True
            plan.report(
                type(self),
                loop,
                "the loop reads the text of `messages.stream(...)` from its `text_stream`",
                Safety.SAFE,
            )
            return
        # Keeping the final message_delta, the loop reads each field from a name bound
        # at its top, or else from the event that carries it, in place.
        bound = bound_fields(plan.analysis, loop, reads) if ends else None
        for read in reads:
            if bound is not None:
                plan.rewrites[read] = lambda _updated, name=bound[1][read.attr.value]: cst.Name(
                    name
                )
            elif not ends:
                plan.rewrites[read] = delta_text
            else:
                plan.rewrites[read] = event_field(read.attr.value, plan.analysis.parent(read))
            if read.attr.value == "stop_reason":
                plan.stop_reason_reads.append(read)  # its values are remapped too
                if bound is not None:
                    plan.whole_reads.append(read)
        shape = (_GUARD_WITH_END if ends else _GUARD).format(event=target.value)
        guard = cst.parse_module(
            bound[0] if bound is not None else shape,
            config=plan.analysis.module.config_for_parsing,
        ).body

        def add_guard(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.IndentedBlock)
            return updated.with_changes(body=[*guard, *updated.body])

        plan.rewrites[loop.body] = add_guard
        plan.stream_done = True
        plan.report(
            type(self),
            loop,
            "the loop over the stream reads the text deltas of Messages events",
            Safety.SAFE,
        )
