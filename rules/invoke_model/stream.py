"""The stream of a Bedrock site: the one loop over the events of its ``response["body"]``.

Each event's chunk is parsed with ``json.loads``; its ``completion`` becomes the text of a
Messages text delta, and its stop reason the one of the ``message_delta`` event.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import binding_at
from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.response_dict import key_read
from migrator.analysis.sinks import ignores_empty_text
from migrator.rewrite.json_body import Manual, stream_end, stream_text
from migrator.rewrite.json_site import JsonSite
from migrator.rules.invoke_model.chunks import ChunkGuard, chunk_guard, unlike_for_more_events

# Keys of a parsed stream chunk that both formats carry, or that end the stream.
_CHUNK_EXTRAS = {"amazon-bedrock-invocationMetrics"}


class Stream(JsonSite):
    """The stream part of ``_Site`` (``site.py``), which sets ``call``; the body is read
    where the answer part finds it."""

    call: cst.Call

    def _stream(self) -> None:
        reads = self._body_reads()
        if len(reads) != 1:
            if reads:
                raise Manual(self.call, "the stream is read in more than one place")
            return
        loop = self._loop(reads[0])
        self._chunks(loop)

    def _loop(self, stream: cst.BaseExpression) -> cst.For:
        analysis = self.analysis
        parent = analysis.parent(stream)
        if isinstance(parent, cst.For) and parent.iter is stream:
            return parent
        target = None
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
            target = parent.targets[0].target
        if not isinstance(target, cst.Name):
            raise Manual(stream, "the event stream is used in a way the tool does not follow")
        found = binding_at(analysis, target)
        if found is None:
            raise Manual(target, f"`{target.value}` is assigned more than once")
        loops = []
        for use in found[2]:
            holder = analysis.parent(use)
            if isinstance(holder, cst.For) and holder.iter is use:
                loops.append(holder)
            elif not isinstance(holder, (cst.If, cst.While)):  # `if stream:` tests
                raise Manual(use, f"the event stream `{target.value}` is used other than in a loop")
        if len(loops) != 1:
            raise Manual(target, f"the event stream `{target.value}` is not read by one loop")
        return loops[0]

    def _chunks(self, loop: cst.For) -> None:
        analysis = self.analysis
        parsed = [
            node
            for node in analysis.scope_of
            if isinstance(node, cst.Call)
            and any(a is loop.body for a in analysis.ancestors(node))
            and analysis.qualified_name(node.func, analysis.scope_of[node]) == "json.loads"
        ]
        if len(parsed) != 1:
            raise Manual(loop, "the loop does not parse each chunk with one `json.loads`")
        uses, name = self._value_uses(parsed[0], "the parsed chunk")
        texts, ends, extras = [], [], False
        for use in uses:
            if not any(a is loop.body for a in analysis.ancestors(use)):
                raise Manual(use, f"{name} is read after the loop")
            read = key_read(use, analysis)  # type: ignore[arg-type]
            if read is None:
                raise Manual(use, f"{name} is used whole, and the chunks differ on Messages")
            if read.key == "completion":
                texts.append(read.node)
            elif read.key in ("stop_reason", "stop"):
                ends.append((read.key, read.node))
            elif read.key in _CHUNK_EXTRAS:
                extras = True  # the last chunk's: a guard would pass over it
            else:
                raise Manual(read.node, f"{name} is read for `{read.key}`")
        reads = [("completion", read) for read in texts] + ends
        guard = None if extras else chunk_guard(analysis, loop, parsed[0], reads)
        if guard is not None:
            self._guarded(loop, guard, reads)
            return
        handled: set[cst.CSTNode] = {analysis.statement_of.get(parsed[0], parsed[0])}
        for read in texts:
            statement = analysis.statement_of.get(read, read)
            if not ignores_empty_text(statement, [read], analysis) and not _held_text(
                analysis, loop, statement, read
            ):
                raise Manual(
                    read,
                    "the loop does more with each chunk's text than print it or add it to a "
                    "string, and Messages chunks without text would reach it",
                )
            handled.add(statement)
            self.outcome.rewrites[read] = stream_text(read, "", simple=False)
        unlike = unlike_for_more_events(analysis, loop, handled, [read for _, read in ends])
        if unlike is not None:
            raise Manual(
                unlike,
                f"the loop does more with each event than read its chunk "
                f"(`{self.plan.code_for(unlike).strip().splitlines()[0]}`), and a Messages "
                "stream sends more events than the Text Completions one did",
            )
        for field_name, read in ends:
            self.outcome.rewrites[read] = stream_end(read, "", field_name)
            if field_name == "stop_reason":
                self._stop_reason(read)
        self.outcome.note(loop, "the stream loop reads the text deltas of Messages events")

    def _guarded(
        self, loop: cst.For, guard: ChunkGuard, reads: list[tuple[str, cst.CSTNode]]
    ) -> None:
        """The guard after the chunk's parse, and each read of a field from where it is now."""
        rewrites = self.outcome.rewrites
        for field_name, read in reads:
            if read in guard.taken:
                rewrites[guard.taken[read]] = lambda _updated: cst.RemovalSentinel.REMOVE  # type: ignore[assignment,return-value]
            elif not guard.names:
                rewrites[read] = stream_text(read, "", simple=True)
            else:
                rewrites[read] = lambda _updated, name=guard.names[field_name]: cst.Name(name)
                if field_name == "stop_reason":
                    self._stop_reason(read)
        statements = cst.parse_module(
            guard.code, config=self.analysis.module.config_for_parsing
        ).body
        earlier = rewrites.get(guard.line)

        def guarded(updated: cst.CSTNode) -> cst.CSTNode:
            if earlier is not None:
                updated = earlier(updated)
            return cst.FlattenSentinel([updated, *statements])  # type: ignore[return-value]

        rewrites[guard.line] = guarded
        what = "the text deltas" if not guard.names else "the text deltas and the final event"
        self.outcome.note(
            loop, f"the stream loop skips the Messages events other than {what}, after the parse"
        )


def _held_text(
    analysis: ModuleAnalysis, loop: cst.For, statement: cst.CSTNode, read: cst.CSTNode
) -> bool:
    """``text = chunk["completion"]``, then only printed, written or added up: the
    text is held in a name bound nowhere else, read in the loop alone, by statements that
    each ignore an empty piece (as AWS's own streaming examples read it)."""
    if not (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(assign := statement.body[0], cst.Assign)
        and assign.value is read
        and len(assign.targets) == 1
        and isinstance(name := assign.targets[0].target, cst.Name)
    ):
        return False
    found = analysis.lookup(name.value, analysis.scope_of[name])
    if found is None or len(found[1]) != 1:
        return False
    uses = [use for use in analysis.uses_of(name.value, found[0]) if use is not name]
    if not uses or not all(loop.body in analysis.ancestors(use) for use in uses):
        return False
    statements = {id(s): s for s in (analysis.statement_of.get(use, use) for use in uses)}
    return all(ignores_empty_text(s, uses, analysis) for s in statements.values())
