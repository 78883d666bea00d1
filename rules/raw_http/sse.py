"""A streamed answer's SSE loop, rewritten for the events of Messages.

Text Completions sends ``completion`` events that each carry text and, in the last,
the stop reason; Messages sends text deltas and a ``message_delta`` that ends the
stream. The loop's tests of the event and its reads of the text and the end change
together, or the site is left for a person.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.response_dict import key_read
from migrator.analysis.sinks import ignores_empty_text
from migrator.contract.plan import generated
from migrator.rewrite.json_body import Manual, membership, stream_end, stream_text
from migrator.rules.raw_http.sse_bound import bound_fields
from migrator.rules.raw_http.sse_events import (
    EventTests,
    _negated,
    bytes_compared,
    compared_values,
    is_continue,
)


class SseLoop(EventTests):
    """A ``for line in response.iter_lines():`` loop that parses the events by hand."""

    def migrate(self) -> None:
        analysis = self.analysis
        data, parsed_at = self._data()
        found = analysis.lookup(data.value, analysis.scope_of[data])
        assert found is not None
        uses = [u for u in analysis.uses_of(data.value, found[0]) if u is not data]
        texts: list[tuple[str, cst.CSTNode]] = []
        ends: list[tuple[str, cst.CSTNode]] = []
        tests: list[tuple[cst.Comparison, cst.BaseExpression | None]] = []
        for use in uses:
            if not self.inside(use):
                raise Manual(use, f"the parsed event `{data.value}` is read after the loop")
            tested = membership(analysis, use)
            if tested == "error":
                continue
            if tested == "completion":
                comparison = analysis.parent(analysis.parent(use) or use)
                assert isinstance(comparison, cst.Comparison)
                tests.append((comparison, None))
                continue
            key = key_read(use, analysis)
            if key is None:
                raise Manual(use, f"the loop uses the parsed event `{data.value}` whole")
            field_name, read = key.key, key.node
            if field_name == "completion":
                texts.append(("text", read))
            elif field_name in ("stop_reason", "stop"):
                ends.append((field_name, read))
            elif field_name == "type":
                tests.append(self._type_test(read))
            elif field_name != "error":
                raise Manual(
                    read,
                    f"the loop reads `{field_name}` of the events, which Messages events do not carry",
                )
        tests.extend(self._event_name_tests(data))
        reads = [read for _kind, read in texts]
        self._check_literals(tests, reads)
        # The last legacy `completion` event carries no text, only the stop
        # reason: the `message_delta` event stands for it unless whatever the
        # loop does with a `completion` event is a no-op for empty text.
        self.precise = {c for c, _ in tests if self._parsed_before(parsed_at, c)}
        # Tests of the SSE event's name (`event: content_block_delta`): once rewritten, only
        # content blocks' deltas pass, and a migrated request's blocks are text.
        self.named = {
            c
            for c, subject in tests
            if isinstance(subject, cst.Name) and subject.value != data.value
        }
        whole = bool(ends) or not self._text_only(tests, reads, parsed_at)
        for comparison, subject in tests:
            self._rewrite_test(comparison, subject, data, parsed_at, whole)
        names = bound_fields(self, tests, reads, ends, data) if whole else None
        if names is not None:
            for read in reads:
                self.outcome.rewrites[read] = lambda _u, name=names["completion"]: cst.Name(name)
            for field_name, read in ends:
                name = names[field_name]
                self.outcome.rewrites[read] = lambda _u, name=name: cst.Name(name)
                if field_name == "stop_reason":
                    self.site._stop_reason(read)
            self.outcome.note(
                self.loop,
                "the SSE loop reads the text deltas and the end of Messages events, bound to "
                "names where the event's type is tested",
            )
            return
        for read in reads:
            simple = not whole and self._guarded(read)
            self.outcome.rewrites[read] = stream_text(read, data.value, simple)
        for field_name, read in ends:
            self.outcome.rewrites[read] = stream_end(read, data.value, field_name)
            if field_name == "stop_reason":
                self.site._stop_reason(read)
        self.outcome.note(
            self.loop,
            "the SSE loop reads the text deltas and the end of Messages events",
        )

    def _text_only(
        self,
        tests: list[tuple[cst.Comparison, cst.BaseExpression | None]],
        reads: list[cst.CSTNode],
        parsed_at: cst.CSTNode,
    ) -> bool:
        """Does the loop do nothing with a `completion` event but write out its text?"""
        completion = [c for c, _ in tests if "completion" in compared_values(c)]
        if not completion:
            for read in reads:
                if not ignores_empty_text(self._statement(read), [read], self.analysis):
                    raise Manual(
                        read,
                        "the loop handles every event's data alike, and the events differ on "
                        "Messages; it does more with the text than print or append it to a string",
                    )
            return True
        for comparison in completion:
            statements = self._guarded_statements(comparison)
            if statements is None:
                return False
            for statement in statements:
                if statement is parsed_at:
                    continue
                if not ignores_empty_text(statement, reads, self.analysis):
                    return False
        return True

    def _statement(self, node: cst.CSTNode) -> cst.CSTNode:
        return self.analysis.statement_of.get(node, node)

    def _guarded_statements(self, comparison: cst.Comparison) -> list[cst.CSTNode] | None:
        """The statements that run only when the test holds (or None if unclear)."""
        node: cst.CSTNode = comparison
        parent = self.analysis.parent(node)
        while isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.And):
            node, parent = parent, self.analysis.parent(parent)
        if not isinstance(parent, cst.If) or parent.test is not node:
            return None
        if not _negated(comparison):
            body = parent.body
            return list(body.body) if isinstance(body, cst.IndentedBlock) else None
        if node is comparison and self._skips_others(parent):
            block = self.analysis.parent(parent)
            if isinstance(block, cst.IndentedBlock):
                statements = list(block.body)
                return statements[statements.index(parent) + 1 :]
        return None

    def _rewrite_test(
        self,
        comparison: cst.Comparison,
        subject: cst.BaseExpression | None,
        data: cst.Name,
        parsed_at: cst.CSTNode,
        whole: bool,
    ) -> None:
        """A `completion` test becomes a test for a text delta, or (``whole``) also for
        the `message_delta` event that ends the stream as the last `completion` event did."""
        values = compared_values(comparison)
        if "completion" not in values:
            return  # ping, error: the same events on Messages
        operator = comparison.comparisons[0].operator
        if len(values) != 1 or not isinstance(
            operator, (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)
        ):
            raise Manual(
                comparison,
                "the loop tests for the `completion` event in a way the tool does not follow",
            )
        negated = isinstance(operator, (cst.NotEqual, cst.NotIn))
        # Lines read as bytes give bytes event names: the new names are bytes too.
        b = "b" if bytes_compared(comparison) else ""
        if subject is None:  # "completion" in data
            kind = f'{data.value}["type"]'
        else:
            kind = self.analysis.module.code_for_node(subject)
        if comparison in self.precise:
            test = f'{kind} == {b}"content_block_delta" and {data.value}["delta"]["type"] == "text_delta"'
            if whole:
                test = f'({test}) or {kind} == {b}"message_delta"'
        elif subject is None:
            raise Manual(comparison, "the loop tests the event's data before it parses it")
        elif whole:
            # The data is parsed inside: the reads check the delta's type themselves.
            test = f'{kind} in ({b}"content_block_delta", {b}"message_delta")'
        else:
            test = f'{kind} == {b}"content_block_delta"'
        if negated:
            test = f"not ({test})"
        parent = self.analysis.parent(comparison)
        wrap = isinstance(
            parent, (cst.BooleanOperation, cst.UnaryOperation, cst.Comparison, cst.ComparisonTarget)
        )
        compound = " and " in test or " or " in test or test.startswith("not ")
        source = f"({test})" if (wrap and compound) or comparison.lpar else test
        new = generated(self.analysis.module, source)
        self.outcome.rewrites[comparison] = lambda _updated: new

    def _parsed_before(self, statement: cst.CSTNode, node: cst.CSTNode) -> bool:
        """``statement`` runs before ``node`` in every pass of the loop that reaches it."""
        block = self.analysis.parent(statement)
        body = getattr(block, "body", None)
        if not isinstance(body, (list, tuple)):
            return False
        for ancestor in self.analysis.ancestors(node):
            if ancestor in body:
                return list(body).index(ancestor) > list(body).index(statement)
        return False

    def _guarded(self, read: cst.CSTNode) -> bool:
        """Only text deltas reach ``read``: it sits in the body of ``if <completion test>:``,
        or after ``if <not a completion test>: continue`` in a block that holds it."""
        child: cst.CSTNode = read
        for ancestor in self.analysis.ancestors(read):
            if isinstance(ancestor, cst.If) and child is ancestor.body:
                if any(
                    (test in self.precise or test in self.named) and not _negated(test)
                    for test in _conjuncts(ancestor.test)
                ):
                    return True
            if isinstance(ancestor, cst.IndentedBlock) and child in ancestor.body:
                for earlier in ancestor.body[: list(ancestor.body).index(child)]:
                    if self._skips_others(earlier):
                        return True
            if ancestor is self.loop:
                return False
            child = ancestor
        return False

    def _skips_others(self, statement: cst.CSTNode) -> bool:
        """``if <not a completion test>: continue``."""
        if not (
            isinstance(statement, cst.If)
            and statement.orelse is None
            and statement.test in self.precise
            and _negated(statement.test)
        ):
            return False
        body = statement.body
        lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
        return len(lines) == 1 and is_continue(lines[0])


def _conjuncts(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The operands of ``a and b and c`` (``test`` itself when it is not such a chain)."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return [*_conjuncts(test.left), *_conjuncts(test.right)]
    return [test]
