"""Tests of a stop reason remapped: a natural end is ``"end_turn"`` on Messages, where
Text Completions said ``"stop_sequence"``.

Shared by the stop-reason rule (TCM012), on an SDK response, and by the JSON rules
(raw HTTP, Bedrock), on a parsed answer: each hands its own sink for the edits and
the findings.
"""

from __future__ import annotations

from typing import Protocol

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.code.syntax import fill, string_value
from migrator.contract.plan import Rewrite
from migrator.core.findings import Safety

NATURAL_END = "end_turn"
LEGACY_END = "stop_sequence"


class Sink(Protocol):
    """Where a remapping records its edits and says what it did: a call's plan, or a
    JSON rule's outcome."""

    rewrites: dict[cst.CSTNode, Rewrite]

    def report(self, rule: type, node: cst.CSTNode, message: str, fix: Safety) -> None: ...


def remap_comparison(
    rule: type, plan: Sink, comparison: cst.Comparison, read: cst.BaseExpression
) -> bool:
    """Remap a test of a stop reason; False for a comparison that is not one it knows."""
    (target,) = comparison.comparisons
    operator = target.operator
    other = target.comparator if comparison.left is read else comparison.left
    if isinstance(operator, (cst.Equal, cst.NotEqual)):
        if string_value(other) == LEGACY_END:
            new_operator = cst.In() if isinstance(operator, cst.Equal) else cst.NotIn()
            values = cst.parse_expression(f'("{NATURAL_END}", "{LEGACY_END}")')
            replacement = cst.Comparison(
                left=read,
                comparisons=[cst.ComparisonTarget(new_operator, values)],
                lpar=comparison.lpar,
                rpar=comparison.rpar,
            )
            _replace(rule, plan, comparison, read, replacement)
            return True
        if string_value(other) is not None:
            unchanged(rule, plan, read, string_value(other))
            return True
        return False
    if isinstance(operator, (cst.In, cst.NotIn)) and comparison.left is read:
        values = target.comparator
        if not isinstance(values, (cst.Tuple, cst.List, cst.Set)):
            return False
        strings = [string_value(element.value) for element in values.elements]
        if any(value is None for value in strings):
            return False
        if LEGACY_END not in strings or NATURAL_END in strings:
            unchanged(rule, plan, read, ", ".join(f'"{s}"' for s in strings if s))
            return True
        elements = list(values.elements)
        last = elements[-1]
        elements[-1] = last.with_changes(
            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
        elements.append(cst.Element(cst.SimpleString(f'"{NATURAL_END}"'), comma=last.comma))
        new_values = values.with_changes(elements=elements)
        replacement = comparison.with_changes(
            comparisons=[target.with_changes(comparator=new_values)]
        )
        _replace(rule, plan, comparison, read, replacement)
        return True
    return False


def _replace(
    rule: type,
    plan: Sink,
    comparison: cst.Comparison,
    read: cst.BaseExpression,
    replacement: cst.Comparison,
) -> None:
    # The read inside is rewritten too (its receiver may change), so the
    # new comparison is built from the updated node.
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Comparison)
        side = updated.left if comparison.left is read else updated.comparisons[0].comparator
        return replacement.with_changes(left=side) if replacement.left is read else replacement

    plan.rewrites[comparison] = rewrite
    plan.report(
        rule,
        read,
        f'the test of "{LEGACY_END}" also accepts "{NATURAL_END}", the natural end on Messages',
        Safety.SAFE,
    )


def unchanged(rule: type, plan: Sink, read: cst.BaseExpression, values: str | None) -> None:
    plan.report(
        rule,
        read,
        f"`stop_reason` compared with {values}: unchanged on Messages",
        Safety.SAFE,
    )


def legacy_value(
    rule: type,
    plan: Sink,
    read: cst.BaseExpression,
    parent: cst.CSTNode | None = None,
    analysis: ModuleAnalysis | None = None,
) -> bool:
    """A stop reason passed on as a value (printed, returned, stored): given as the legacy
    API said it, ``"stop_sequence"`` for a natural end, so what reads it sees what it saw.
    Only for a read that is cheap and safe to evaluate twice (a name, an attribute of
    names, a string key of one); False for anything else. In brackets unless it is a
    whole value of its ``parent`` (an argument, what is assigned or returned)."""
    if not _plain_read(read):
        return False
    earlier = plan.rewrites.get(read)

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        if earlier is not None:
            updated = earlier(updated)
        assert isinstance(updated, cst.BaseExpression)
        bare = updated.with_changes(lpar=[], rpar=[])
        if not _plain_read(bare):
            # an earlier rewrite made it a conditional read (a JSON event's stop reason),
            # which binds looser than ``==`` and the conditional around it
            bare = bare.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        mapped = fill(f'"{LEGACY_END}" if __r__ == "{NATURAL_END}" else __r__', {"__r__": bare})
        if alone:
            return mapped
        return mapped.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])

    alone = (
        isinstance(parent, (cst.Arg, cst.Assign, cst.AnnAssign, cst.Return, cst.Index))
        and parent.value is read
        and not (isinstance(parent, cst.Arg) and parent.star)
    ) or _bracketed_element(analysis, parent, read)

    plan.rewrites[read] = rewrite
    plan.report(
        rule,
        read,
        f'`stop_reason` is passed on as a value: a natural end ("{NATURAL_END}" on Messages) '
        f'is given as "{LEGACY_END}", as the legacy API said it, so the code that reads it '
        "sees what it saw; drop the mapping once that code expects Messages' values",
        Safety.REVIEW,
    )
    return True


def _plain_read(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Name):
        return True
    if isinstance(node, cst.Attribute):
        return _plain_read(node.value)
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        return (
            isinstance(index, cst.Index)
            and string_value(index.value) is not None
            and _plain_read(node.value)
        )
    if (  # ``data.get("stop_reason")`` of a dict read from JSON: as cheap as a subscript
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "get"
        and len(node.args) == 1
        and not node.args[0].keyword
        and not node.args[0].star
        and string_value(node.args[0].value) is not None
    ):
        return _plain_read(node.func.value)
    return False


def _bracketed_element(
    analysis: ModuleAnalysis | None, parent: cst.CSTNode | None, read: cst.CSTNode
) -> bool:
    """An element of a list, a set or a bracketed tuple, or a dict's value: its commas and
    brackets already set it apart."""
    if isinstance(parent, cst.DictElement):
        return parent.value is read
    if not (isinstance(parent, cst.Element) and parent.value is read):
        return False
    holder = analysis.parent(parent) if analysis is not None else None
    return isinstance(holder, (cst.List, cst.Set)) or (
        isinstance(holder, cst.Tuple) and bool(holder.lpar)
    )
