"""Where a Bedrock stream loop meets Messages chunks: right after it parses one.

The legacy stream sent one chunk per piece of text, then a last one with no text that
said how the stream ended. Messages sends more: the message and each content block
opening and closing, and the end. A guard written after the line that parses a chunk
skips what the legacy stream never sent, so the rest of the loop sees what it saw:

- when the rest only prints the text or adds it up (an empty piece changes nothing),
  the guard lets the text deltas alone through, and each read is the delta's text;
- otherwise it also lets through the final ``message_delta`` event, which, like the
  last legacy chunk, has no text and says how the stream ended, and the fields the loop
  reads are bound to names there (the loop's own name, when its next line bound the
  text to one).

What runs before that line runs for every event, so it may only bind names from what
it reads, test them and ``continue``; and it may not read the parsed chunk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.sinks import ignores_empty_text
from migrator.code.syntax import walk
from migrator.rewrite.json_body import JSON_FIELDS
from migrator.rewrite.streams import field_names

_TEXT_DELTA = '{data}["type"] == "content_block_delta" and {data}["delta"]["type"] == "text_delta"'
_ONLY_TEXT = (
    'if {data}["type"] != "content_block_delta" or {data}["delta"]["type"] != "text_delta":\n'
    "    continue\n"
)


@dataclass
class ChunkGuard:
    line: cst.SimpleStatementLine  # the parse, after which the guard goes
    code: str
    # The name each field is bound to; empty when the text is read in place.
    names: dict[str, str]
    # The loop's own ``text = chunk["completion"]`` lines, which the guard now binds.
    taken: dict[cst.CSTNode, cst.SimpleStatementLine]


def chunk_guard(
    analysis: ModuleAnalysis,
    loop: cst.For,
    parse: cst.Call,
    reads: Sequence[tuple[str, cst.CSTNode]],
) -> ChunkGuard | None:
    """The guard for a loop whose chunk ``parse`` is read by ``reads`` (field, read);
    None when the loop is not one it can be written into."""
    assign = analysis.parent(parse)
    line = analysis.parent(assign) if assign is not None else None
    if not (
        isinstance(assign, cst.Assign)
        and assign.value is parse
        and len(assign.targets) == 1
        and isinstance(target := assign.targets[0].target, cst.Name)
        and isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
    ):
        return None
    data = target.value
    rest = _rest_of_iteration(analysis, loop, line, data)
    if rest is None:
        return None
    taken = _own_text_lines(analysis, line, reads)
    texts = [read for field, read in reads if field == "completion" and read not in taken]
    only_text = all(field == "completion" for field, _ in reads)
    for read in taken:
        held = taken[read].body[0]
        assert isinstance(held, cst.Assign) and isinstance(held.targets[0].target, cst.Name)
        uses = _uses(analysis, held.targets[0].target)
        only_text = only_text and uses is not None
        texts.extend(uses or ())
    kept = [statement for statement in rest if statement not in taken.values()]
    only_text = only_text and all(
        any(loop.body is a for a in analysis.ancestors(read)) for read in texts
    )
    if only_text and all(ignores_empty_text(st, texts, analysis) for st in kept):
        return ChunkGuard(line, _ONLY_TEXT.format(data=data), {}, {})
    own: dict[str, str] = {}
    for held_line in taken.values():
        held = held_line.body[0]
        assert isinstance(held, cst.Assign) and isinstance(held.targets[0].target, cst.Name)
        own["completion"] = held.targets[0].target.value
    found = field_names(analysis, analysis.scope_of[line], {f for f, _ in reads}, own)
    if found is None:
        return None
    names, fields = found, list(found)
    bound = ", ".join(names[field] for field in fields)
    text, end = (
        ", ".join(JSON_FIELDS[field][column].format(data=data) for field in fields)
        for column in (0, 1)
    )
    code = (
        f"if {_TEXT_DELTA.format(data=data)}:\n"
        f"    {bound} = {text}\n"
        f'elif {data}["type"] == "message_delta":\n'
        f"    {bound} = {end}\n"
        "else:\n"
        "    continue\n"
    )
    return ChunkGuard(line, code, names, taken)


def _rest_of_iteration(
    analysis: ModuleAnalysis, loop: cst.For, line: cst.SimpleStatementLine, data: str
) -> list[cst.BaseStatement] | None:
    """What runs after ``line`` in one turn of ``loop``, in order; None unless the line
    sits in the loop's body or in ``if`` blocks there (no ``else``, a test that only
    reads), after statements that only read and never read the chunk ``data``."""
    rest: list[cst.BaseStatement] = []
    node: cst.CSTNode = line
    while True:
        block = analysis.parent(node)
        if not isinstance(block, cst.IndentedBlock):
            return None
        index = next(i for i, statement in enumerate(block.body) if statement is node)
        before = block.body[:index]
        if not all(_quiet(statement) for statement in before) or any(
            isinstance(name, cst.Name) and name.value == data
            for statement in before
            for name in walk(statement)
        ):
            return None
        rest.extend(block.body[index + 1 :])
        holder = analysis.parent(block)
        if holder is loop:
            return rest
        if not (
            isinstance(holder, cst.If)
            and holder.body is block
            and holder.orelse is None
            and _reads_only(holder.test)
        ):
            return None
        node = holder


def _own_text_lines(
    analysis: ModuleAnalysis,
    line: cst.SimpleStatementLine,
    reads: Sequence[tuple[str, cst.CSTNode]],
) -> dict[cst.CSTNode, cst.SimpleStatementLine]:
    """``text = chunk["completion"]`` right after the parse, with no comment: the name the
    guard binds the text to, where that line bound it."""
    block = analysis.parent(line)
    assert isinstance(block, cst.IndentedBlock)
    index = next(i for i, statement in enumerate(block.body) if statement is line)
    following = block.body[index + 1] if index + 1 < len(block.body) else None
    texts = {id(read): read for field, read in reads if field == "completion"}
    if not (
        isinstance(following, cst.SimpleStatementLine)
        and len(following.body) == 1
        and isinstance(held := following.body[0], cst.Assign)
        and len(held.targets) == 1
        and isinstance(held.targets[0].target, cst.Name)
        and id(held.value) in texts
        and following.trailing_whitespace.comment is None
        and not any(empty.comment for empty in following.leading_lines)
    ):
        return {}
    return {held.value: following}


def _uses(analysis: ModuleAnalysis, name: cst.Name) -> list[cst.CSTNode] | None:
    """The reads of ``name``, bound nowhere else; None when it is bound elsewhere too."""
    found = analysis.lookup(name.value, analysis.scope_of[name])
    if found is None or len(found[1]) != 1:
        return None
    return [use for use in analysis.uses_of(name.value, found[0]) if use is not name]


def _quiet(statement: cst.CSTNode) -> bool:
    """Binds names from what it reads, tests, passes or continues; nothing else."""
    if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
        return all(_quiet_small(small) for small in statement.body)
    if isinstance(statement, cst.IndentedBlock):
        return all(_quiet(inner) for inner in statement.body)
    if isinstance(statement, cst.If):
        orelse = statement.orelse
        return (
            _reads_only(statement.test)
            and _quiet(statement.body)
            and (orelse is None or _quiet(orelse if isinstance(orelse, cst.If) else orelse.body))
        )
    return False


def _quiet_small(small: cst.BaseSmallStatement) -> bool:
    if isinstance(small, (cst.Pass, cst.Continue)):
        return True
    return (
        isinstance(small, cst.Assign)
        and all(isinstance(target.target, cst.Name) for target in small.targets)
        and _reads_only(small.value)
    )


def _reads_only(expr: cst.BaseExpression) -> bool:
    """Names, literals, attributes, subscripts, ``.get(...)``, tests of them."""
    if isinstance(expr, (cst.Name, cst.SimpleString, cst.Integer, cst.Float)):
        return True
    if isinstance(expr, cst.Attribute):
        return _reads_only(expr.value)
    if isinstance(expr, cst.Subscript):
        return _reads_only(expr.value) and all(
            isinstance(element.slice, cst.Index) and _reads_only(element.slice.value)
            for element in expr.slice
        )
    if isinstance(expr, cst.Call):
        return (
            isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value == "get"
            and _reads_only(expr.func.value)
            and all(
                arg.keyword is None and not arg.star and _reads_only(arg.value) for arg in expr.args
            )
        )
    if isinstance(expr, cst.Comparison):
        return _reads_only(expr.left) and all(
            _reads_only(target.comparator) for target in expr.comparisons
        )
    if isinstance(expr, cst.BooleanOperation):
        return _reads_only(expr.left) and _reads_only(expr.right)
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        return _reads_only(expr.expression)
    return False


def unlike_for_more_events(
    analysis: ModuleAnalysis,
    loop: cst.For,
    handled: set[cst.CSTNode],
    ends: Sequence[cst.CSTNode],
) -> cst.CSTNode | None:
    """For a loop every Messages event runs through (no guard): the first statement that
    would run differently for the events the legacy stream never sent; None when there is
    none. ``handled`` holds the statements that read the text and ignore an empty piece,
    and the chunk's parse; an ``if`` on how the stream ended runs once either way."""
    end_ids = set(map(id, ends))

    def first(block: cst.BaseSuite) -> cst.CSTNode | None:
        for statement in block.body:
            if statement in handled or _quiet(statement):
                continue
            if isinstance(statement, cst.If) and statement.orelse is None:
                if any(id(node) in end_ids for node in walk(statement.test)):
                    continue
                if _reads_only(statement.test) and (inner := first(statement.body)) is None:
                    continue
                return inner if _reads_only(statement.test) else statement
            return statement
        return None

    return first(loop.body)
