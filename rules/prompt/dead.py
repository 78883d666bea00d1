"""Templates that nothing reads once their prompts are messages: found, and removed with
the file's spacing kept."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from migrator.analysis.held import HeldLiterals
from migrator.analysis.held_attributes import held_attribute
from migrator.analysis.names import Binding, ModuleAnalysis
from migrator.code.readwalk import children
from migrator.code.syntax import walk
from migrator.contract.plan import ModulePlan
from migrator.core.findings import Safety


def remove(plan: ModulePlan, line: cst.SimpleStatementLine) -> None:
    """``line`` goes; the blank lines above it stay, above the statement after it."""
    plan.rewrites[line] = lambda _node: cst.RemovalSentinel.REMOVE
    block = plan.analysis.parent(line)
    body = list(getattr(block, "body", ()))
    blank = _blank_run(line.leading_lines)
    if not blank or line not in body or body.index(line) + 1 >= len(body):
        return
    after = body[body.index(line) + 1]
    if any(after in site.rewrites for site in plan.migrated):
        return  # a site rewrites that statement: its layout is the site's
    earlier = plan.rewrites.get(after)

    def spaced(updated: cst.CSTNode) -> cst.CSTNode:
        if earlier is not None:
            updated = earlier(updated)  # type: ignore[assignment]
        own = list(getattr(updated, "leading_lines", ()))
        if not own and not hasattr(updated, "leading_lines"):
            return updated
        keep = _blank_run(own)
        lines = [cst.EmptyLine()] * max(blank, keep) + own[keep:]
        return updated.with_changes(leading_lines=lines)

    plan.rewrites[after] = spaced


def _blank_run(lines: Sequence[cst.EmptyLine]) -> int:
    """How many blank lines (no comment) come first."""
    count = 0
    for line in lines:
        if line.comment is not None:
            break
        count += 1
    return count


def names_in(node: cst.CSTNode) -> list[cst.Name]:
    found: list[cst.Name] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.append(current)
        stack.extend(children(current))
    return found


def dead_template(
    analysis: ModuleAnalysis,
    binding: Binding,
    reads: tuple[cst.Name, ...] | list[cst.Name],
    converted: list[cst.BaseExpression],
) -> bool:
    """``NAME = <a Human/Assistant template>``, bound once, read only inside ``converted``."""
    statement = binding.statement
    line = analysis.parent(statement) if statement is not None else None
    if not (
        isinstance(statement, cst.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0].target, cst.Name)
        and isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
    ):
        return False
    name = statement.targets[0].target.value
    found = analysis.lookup(name, analysis.scope_of[statement.targets[0].target])
    if found is None or len(found[1]) != 1:
        return False
    text = analysis.module.code_for_node(statement.value)
    value = statement.value
    if not _text(value):
        return False  # ``r1 = client.completions.create(...)``: a response, not a template
    evaluated = (
        value.evaluated_value
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString))
        else None
    )
    if not (
        any(marker in text for marker in _TEMPLATE_MARKERS)
        or (isinstance(evaluated, str) and any(m in evaluated for m in _MARKERS))
        or (reads and all(_given_the_markers(analysis, read) for read in reads))
    ):
        return False  # ``"Human: hi"``, a chat log quoted: a value the messages still read
    return bool(reads) and all(
        any(value in analysis.ancestors(read) for value in converted) for read in reads
    )


def _text(value: cst.BaseExpression) -> bool:
    """Text as a template is written: a literal, ``+`` / ``%`` of such, a string method's
    result (``.format``, ``.replace``, ``.join``, ``dedent(...)``), or another name."""
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(value, (cst.Name, cst.Attribute)):
        return True
    if isinstance(value, cst.BinaryOperation):
        return _text(value.left) or _text(value.right)
    if isinstance(value, cst.Call):
        func = value.func
        if isinstance(func, cst.Attribute) and func.attr.value in _STRING_METHODS:
            return _text(func.value)
        named = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
        return named == "dedent" and bool(value.args) and _text(value.args[0].value)
    return False


_STRING_METHODS = frozenset({"format", "replace", "join", "strip", "lstrip", "rstrip"})


def _given_the_markers(analysis: ModuleAnalysis, read: cst.Name) -> bool:
    """``TEMPLATE.format(human=HUMAN_PROMPT, ...)``: a template whose placeholders the
    call fills with the markers."""
    method = analysis.parent(read)
    call = analysis.parent(method) if method is not None else None
    return (
        isinstance(method, cst.Attribute)
        and method.value is read
        and method.attr.value == "format"
        and isinstance(call, cst.Call)
        and any(
            any(marker in analysis.module.code_for_node(arg.value) for marker in _TEMPLATE_MARKERS)
            for arg in call.args
        )
    )


# How a template spells the turn markers in its code: escaped, on lines of a triple-quoted
# string, or as the SDK's constants; or, read as text, the markers themselves.
_TEMPLATE_MARKERS = (
    "\\n\\nHuman:",
    "\\n\\nAssistant:",
    "\n\nHuman:",
    "\n\nAssistant:",
    "HUMAN_PROMPT",
    "AI_PROMPT",
)
_MARKERS = ("\n\nHuman:", "\n\nAssistant:")


def dead_class_templates(plan: ModulePlan, rule: type, converted: Sequence[cst.CSTNode]) -> None:
    """``Backend.PROMPT`` read only by prompts that became messages: reported, since a
    subclass or another module may still read it."""
    analysis = plan.analysis
    inside = {id(node) for value in converted for node in walk(value)}
    seen: set[str] = set()
    for value in converted:
        for read in walk(value):
            if not isinstance(read, cst.Attribute) or read not in analysis.scope_of:
                continue
            held = held_attribute(analysis, read, analysis.scope_of[read])
            if not isinstance(held, HeldLiterals) or held.what in seen:
                continue
            if all(id(other) in inside for other in held.reads):
                seen.add(held.what)
                plan.report(
                    rule,
                    held.literals[0],
                    f"the template {held.what} is no longer read here (its prompts are now "
                    "messages): remove it unless another module or a subclass reads it",
                    Safety.REVIEW,
                )
