"""Stop reason: tests of `"stop_sequence"` also accept `"end_turn"`.

## What it does

On a response known to come from a migrated call, rewrites the tests of its
`stop_reason`: `== "stop_sequence"` becomes `in ("end_turn", "stop_sequence")`
(`!=` becomes `not in`), an `in` / `not in` over literal values that holds
`"stop_sequence"` gains `"end_turn"`, a `match` case on `"stop_sequence"`
gains `| "end_turn"`, and a dict it is looked up in (`TABLE[reason]`,
`TABLE.get(reason)`, a literal or a name used only for lookups) maps
`"end_turn"` like `"stop_sequence"`. A stop reason copied into a variable
(`reason = response.stop_reason`, also inside a stream loop after `reason =
None`, or unpacked, `text, reason = response.completion, response.stop_reason`)
has the tests of that variable rewritten the same way, and so does one
returned, alone or in a tuple, by a function whose every call the module
holds: the tests of what each caller binds it to (`text, reason = ask(q)`). Tests of
`"max_tokens"` stay as they are,
and so do tests of whether it is set at all (`if response.stop_reason:`,
`is None`), which Messages keeps. A stop reason of a response that is
stored, printed, returned or passed on (a name, an attribute, a key read) is
given as the legacy API said it, `("stop_sequence" if response.stop_reason ==
"end_turn" else response.stop_reason)`, so the code that reads it sees what it
saw, with a review finding: drop the mapping once that code expects Messages'
values; so is a stream's once the stream is done, read from its final message
(the last event kept, or a reason copied in the loop). One read from the
events as they come, or in a way the tool does not rebuild, is left as it is,
with a review finding: the values it can hold have changed.

## Why is this bad?

Text Completions said `"stop_sequence"` both for a natural end and for a
custom stop sequence; Messages says `"end_turn"` for a natural end and keeps
`"stop_sequence"` for a custom one. A test left alone silently stops matching
the natural end.

## Example

```python
import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
if response.stop_reason == "stop_sequence":
    print("finished")
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
response = client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=50,
    messages=[{"role": "user", "content": "Hi"}],
)
if response.stop_reason in ("end_turn", "stop_sequence"):
    print("finished")
```

## Fix safety

Safe for the tests it rewrites: they match exactly the responses they matched
before. A stop reason passed on as a value keeps the legacy value (a review
finding, since the mapping is the old meaning carried on); one used any other
way is reported for review, because code downstream may compare it to
`"stop_sequence"`.

## References

`MIGRATION.md` change 6.
"""

from __future__ import annotations

import libcst as cst

from migrator.code.syntax import string_value
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.stop_reasons import (
    LEGACY_END,
    NATURAL_END,
    legacy_value,
    remap_comparison,
    unchanged,
)
from migrator.rules.stop_reason.reads import _copies, lookup_table, returned_copies, truth_test


class StopReason(Rule):
    code = "TCM012"
    summary = 'Tests of `stop_reason == "stop_sequence"` also accept `"end_turn"`'
    safety = Safety.SAFE
    since = "0.2.0"

    def apply(self, plan: CallPlan) -> None:
        for read in list(plan.stop_reason_reads):
            self._remap(plan, read)
            plan.stop_reason_reads.remove(read)

    def _remap(self, plan: CallPlan, read: cst.BaseExpression, copied: bool = False) -> None:
        analysis = plan.analysis
        parent = analysis.parent(read)
        if isinstance(parent, cst.ComparisonTarget):
            parent = analysis.parent(parent)
        if isinstance(parent, cst.Comparison) and len(parent.comparisons) == 1:
            if remap_comparison(type(self), plan, parent, read):
                return
        if isinstance(parent, cst.Match) and parent.subject is read:
            self._match(plan, parent)
            return
        if truth_test(plan, read):
            plan.report(
                type(self),
                read,
                "`stop_reason` is tested for being set, which Messages keeps: "
                "set once the response has ended, for every kind of end",
                Safety.SAFE,
            )
            return
        table = lookup_table(plan, read)
        if table is not None and self._table(plan, table, read):
            return
        copies = None if copied else _copies(plan, read) or returned_copies(plan, read)
        if copies is not None:
            for copy in copies:
                if read in plan.whole_reads:
                    plan.whole_reads.append(copy)
                self._remap(plan, copy, copied=True)
            return
        # A stream's reads are rebuilt by the stream rule, unless they read its final
        # message; a response's are read in place.
        whole = not plan.streamed or read in plan.whole_reads
        if whole and legacy_value(type(self), plan, read, analysis.parent(read), analysis):
            return
        plan.report(
            type(self),
            read,
            '`stop_reason` is used as a value: a natural end is now "end_turn" where it was '
            '"stop_sequence"; check the code that reads it',
            Safety.REVIEW,
        )

    def _table(self, plan: CallPlan, table: cst.Dict, read: cst.BaseExpression) -> bool:
        """A dict keyed by stop reason gets an "end_turn" entry like its "stop_sequence" one."""
        entries = {}
        for element in table.elements:
            if not isinstance(element, cst.DictElement):
                return False
            key = string_value(element.key)
            if key is None:
                return False
            entries[key] = element
        if LEGACY_END not in entries:
            unchanged(type(self), plan, read, ", ".join(f'"{key}"' for key in entries))
            return True
        if NATURAL_END in entries:
            return False
        legacy = entries[LEGACY_END]
        if not isinstance(legacy.value, (cst.SimpleString, cst.Name, cst.Integer, cst.Float)):
            return False  # a computed value must not be evaluated twice
        quote = legacy.key.quote if isinstance(legacy.key, cst.SimpleString) else '"'
        entry = legacy.with_changes(key=cst.SimpleString(f"{quote}{NATURAL_END}{quote}"))

        def add_entry(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Dict)
            elements = list(updated.elements)
            index = next(
                i
                for i, e in enumerate(elements)
                if isinstance(e, cst.DictElement) and string_value(e.key) == LEGACY_END
            )
            before = elements[index]
            separator = (
                before.comma
                if isinstance(before.comma, cst.Comma)
                else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            new = entry.with_changes(comma=separator)
            elements.insert(index, new)
            return updated.with_changes(elements=elements)

        plan.rewrites[table] = add_entry
        plan.report(
            type(self),
            read,
            f'the table keyed by `stop_reason` maps "{NATURAL_END}" like "{LEGACY_END}"',
            Safety.SAFE,
        )
        return True

    def _match(self, plan: CallPlan, match: cst.Match) -> None:
        changed = False
        for case in match.cases:
            pattern = case.pattern
            if isinstance(pattern, cst.MatchValue) and string_value(pattern.value) == LEGACY_END:
                widened = cst.MatchOr(
                    [
                        cst.MatchOrElement(
                            cst.MatchValue(cst.SimpleString(f'"{NATURAL_END}"')),
                            separator=cst.BitOr(),
                        ),
                        cst.MatchOrElement(pattern),
                    ]
                )
                plan.rewrites[pattern] = lambda _updated, widened=widened: widened
                changed = True
        subject = match.subject
        if changed:
            plan.report(
                type(self),
                subject,
                f'the `case "{LEGACY_END}"` also matches "{NATURAL_END}", the natural end on Messages',
                Safety.SAFE,
            )
        else:
            unchanged(type(self), plan, subject, "the cases")
