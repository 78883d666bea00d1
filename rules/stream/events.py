"""What a loop over a stream reads of its events: the reads of ``event.completion`` and
its friends, the event kept in a name, and the lines that keep how the stream ended; and
how each read is written for Messages events."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.analysis.flow import reads_of_value
from migrator.analysis.names import ModuleAnalysis
from migrator.code.codegen import code_of
from migrator.code.syntax import fill, walk
from migrator.contract.plan import CallPlan
from migrator.rewrite.streams import breaks, field_names, uses_after

FIELDS = {
    "completion": '(__event__.delta.text if __event__.type == "content_block_delta" else "")',
    "stop_reason": '(__event__.delta.stop_reason if __event__.type == "message_delta" else None)',
    "stop": '(__event__.delta.stop_sequence if __event__.type == "message_delta" else None)',
}

# How the reason begins when the loop hands its events on whole (``sink.append(event)``).
EVENT_ITSELF = "the loop uses the event"

# What the final message of ``messages.stream(...)`` holds for each field of the last
# legacy event.
FINAL = {"stop_reason": "stop_reason", "stop": "stop_sequence"}


def final_assignments(
    analysis: ModuleAnalysis, loop: cst.For, ends: list[cst.Attribute]
) -> dict[cst.Attribute, cst.SimpleStatementLine]:
    """``NAME = event.stop_reason`` (or ``.stop``) lines of the loop's body, by read.

    Each must be a line of its own at the top of the body, its name read nowhere
    in the loop, and the loop must not ``break`` (after which the variable held
    what an earlier event said). Empty when any end read is not such a line.
    """
    body = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ()
    if not ends or breaks(loop):
        return {}
    found: dict[cst.Attribute, cst.SimpleStatementLine | cst.If] = {}
    guards = {id(guard.test): guard for guard in body if _guarded(guard, ends)}
    for read in ends:
        if id(read) in guards:  # ``if event.stop_reason:`` around the line below
            found[read] = guards[id(read)]
            continue
        assign = analysis.parent(read)
        line = analysis.parent(assign) if assign is not None else None
        guard = analysis.parent(analysis.parent(line)) if line is not None else None
        if not (
            isinstance(assign, cst.Assign)
            and assign.value is read
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
            and isinstance(line, cst.SimpleStatementLine)
            and len(line.body) == 1
            and (line in body or (isinstance(guard, cst.If) and id(guard.test) in guards))
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
        found[read] = line if line in body else guard  # type: ignore[assignment]
    return found  # type: ignore[return-value]


def _guarded(statement: cst.BaseStatement, ends: list[cst.Attribute]) -> bool:
    """``if event.stop_reason: reason = event.stop_reason``: set only once the stream
    says how it ended, which is what the final message holds."""
    inner = statement.body.body if isinstance(statement, cst.If) else ()
    line = inner[0] if len(inner) == 1 else None
    assign = (
        line.body[0] if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 else None
    )
    return (
        isinstance(statement, cst.If)
        and statement.orelse is None
        and any(statement.test is read for read in ends)
        and isinstance(assign, cst.Assign)
        and isinstance(assign.value, cst.Attribute)
        and isinstance(statement.test, cst.Attribute)
        and any(assign.value is read for read in ends)
        and assign.value.attr.value == statement.test.attr.value
        and code_of(assign.value.value) == code_of(statement.test.value)
    )


@dataclass(frozen=True)
class _Kept:
    """``last = event`` in the loop, and after it only ``last.stop_reason`` / ``last.stop``."""

    use: cst.Name  # ``event`` on the right of the assignment
    line: cst.SimpleStatementLine
    after: tuple[cst.Attribute, ...]  # the reads of ``last`` after the loop


def kept_event(analysis: ModuleAnalysis, loop: cst.For, target: cst.Name) -> _Kept | None:
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
                and holder.attr.value in FINAL
                and not isinstance(analysis.parent(holder), (cst.AssignTarget, cst.Del))
            ):
                return None
            after.append(holder)
        return _Kept(assign.value, line, tuple(after)) if after else None
    return None


def read_after(
    analysis: ModuleAnalysis, loop: cst.For, target: cst.Name
) -> tuple[cst.Attribute, ...]:
    """``if chunk.stop_reason == "max_tokens"`` after ``for chunk in stream:``: the loop
    variable read, once the loop is done, for how the stream ended (the last event's
    ``.stop_reason`` or ``.stop``, which the final message holds too); empty when it is
    read after the loop for anything else, or not at all."""
    uses = uses_after(analysis, loop, target)
    reads = []
    for use in uses or ():
        holder = analysis.parent(use)
        if not (
            isinstance(holder, cst.Attribute)
            and holder.value is use
            and holder.attr.value in FINAL
            and not isinstance(analysis.parent(holder), (cst.AssignTarget, cst.Del))
        ):
            return ()
        reads.append(holder)
    return tuple(reads)


def read_after_the_loop(target: cst.Name) -> str:
    return f"the event `{target.value}` is read after the loop, where it is another event"


def renamed(attribute: str):  # type: ignore[no-untyped-def]
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Attribute)
        return updated.with_changes(attr=cst.Name(attribute))

    return rewrite


def event_reads(
    plan: CallPlan,
    loop: cst.For | cst.CompFor,
    target: cst.Name,
    region: cst.CSTNode | None = None,
    kept: cst.Name | None = None,
    after: tuple[cst.Attribute, ...] = (),
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
        if use is target or use is kept or any(read.value is use for read in after):
            continue
        parent = analysis.parent(use)
        if region not in analysis.ancestors(use):
            return read_after_the_loop(target)
        if isinstance(parent, cst.Attribute) and parent.value is use:
            if parent.attr.value in FIELDS:
                reads.append(parent)
                continue
            return (
                f"the loop reads `.{parent.attr.value}` of the stream's events, which Messages "
                "events do not carry that way"
            )
        return f"{EVENT_ITSELF} `{target.value}` itself, whose shape changes"
    return reads


def delta_text(updated: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(updated, cst.Attribute)
    delta = cst.Attribute(updated.value, cst.Name("delta"))
    return updated.with_changes(value=delta, attr=cst.Name("text"))


# Where an expression stands alone: the value of an assignment, an argument.
_WHOLE_VALUE = (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Arg, cst.Return)


def event_field(field: str, parent: cst.CSTNode | None = None):  # type: ignore[no-untyped-def]
    """``event.stop_reason`` and friends, read from the event that carries them; in
    parentheses unless the read is a whole value (``x += ...``, an argument)."""

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Attribute)
        value = fill(FIELDS[field], {"__event__": updated.value})
        if isinstance(parent, _WHOLE_VALUE):
            return value.with_changes(lpar=[], rpar=[])
        return value

    return rewrite


_VALUES = {
    "completion": ("{event}.delta.text", '""'),
    "stop_reason": ("None", "{event}.delta.stop_reason"),
    "stop": ("None", "{event}.delta.stop_sequence"),
}


def bound_fields(
    analysis: ModuleAnalysis, loop: cst.For, reads: list[cst.Attribute]
) -> tuple[str, dict[str, str]] | None:
    """For a loop that keeps the final ``message_delta`` event: the lines that open its
    body, binding each field it reads to a name from the event that carries it (the text
    from a text delta, how the stream ended from the final ``message_delta``), and those
    names by field; None when a name is taken, or a loop in the body could rebind one."""
    target = loop.target
    assert isinstance(target, cst.Name)
    if any(isinstance(node, cst.For | cst.While) for node in walk(loop.body)):
        return None
    scope = next(use.scope for use in analysis.name_uses[target.value] if use.node is target)
    names = field_names(analysis, scope, {read.attr.value for read in reads})
    if names is None:
        return None
    fields = list(names)
    bound = ", ".join(names.values())
    event = target.value
    text, end = (
        ", ".join(_VALUES[field][column].format(event=event) for field in fields)
        for column in (0, 1)
    )
    return (
        f'if {event}.type == "content_block_delta" and {event}.delta.type == "text_delta":\n'
        f"    {bound} = {text}\n"
        f'elif {event}.type == "message_delta":\n'
        f"    {bound} = {end}\n"
        "else:\n"
        "    continue\n"
    ), names
