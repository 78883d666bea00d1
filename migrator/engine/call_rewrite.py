"""The rewrite of one migrated call: its new function and arguments, laid out like the
old ones, its messages list rendered at the call's indentation, and the call broken one
argument a line when it no longer fits its line."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import libcst as cst
from libcst.metadata import CodePosition

from migrator.code.codegen import code_of
from migrator.code.fitting import realigned
from migrator.code.syntax import one_argument_a_line
from migrator.code.transformer import Replace, pair_nodes
from migrator.code.wrapping import file_width
from migrator.contract.plan import MESSAGES_PLACEHOLDER, CallPlan, Rewrite
from migrator.rewrite.adapted import adapter_rewrite


def _call_rewrite(
    plan: CallPlan, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> Rewrite:
    awaited = isinstance(plan.analysis.parent(plan.call), cst.Await)

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        indent = _messages_indent(plan, source, positions)
        func = updated.func
        assert isinstance(func, cst.Attribute)
        if plan.site.sdk02_method is not None:
            # ``client.completion(...)`` of the pre-0.3 SDK: ``client.messages.create(...)``.
            new_func = func.with_changes(
                value=cst.Attribute(func.value, cst.Name(plan.method)),
                attr=cst.Name(plan.function),
            )
        else:
            assert isinstance(func.value, cst.Attribute)
            new_func = func.with_changes(
                value=func.value.with_changes(attr=cst.Name(plan.method)),
                attr=cst.Name(plan.function) if plan.function != func.attr.value else func.attr,
            )
        args = [_render_messages(arg, plan, indent) for arg in plan.args]
        # Arguments kept from the source (or rebuilt by a rule around parts of it)
        # must carry the edits made inside them, such as an inlined constant.
        pairs: dict[cst.CSTNode, cst.CSTNode] = {}
        for original, now in zip(plan.site.call.args, updated.args, strict=True):
            pair_nodes(original.value, now.value, pairs)
        laid = _layout(args, plan.site.call.args)
        if pairs:  # a walk that replaces nothing would rebuild every node of the arguments
            edited = Replace(pairs)
            laid = [arg.visit(edited) for arg in laid]
        new = _aligned(plan, updated.with_changes(func=new_func, args=laid), source, positions)
        fitted = _fitted(plan, new, source, positions)
        if plan.result_wrapper is not None and not awaited:
            return adapter_rewrite(plan, source, positions)(fitted)
        return fitted

    return rewrite


def _aligned(
    plan: CallPlan, call: cst.Call, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> cst.Call:
    """Continuation lines lined up with the old opening bracket follow it to the new one."""
    where = positions.get(plan.site.call)
    statement = positions.get(plan.site.statement)
    if where is None or statement is None:
        return call
    line = source.splitlines()[statement.line - 1]
    block = line[: len(line) - len(line.lstrip())]
    return realigned(call, plan.site.call.func, block, where.column)


def _whole_value(plan: CallPlan) -> bool:
    """Is the call (awaited or not) the whole value of its statement?"""
    analysis = plan.analysis
    node: cst.CSTNode = plan.call
    parent = analysis.parent(node)
    if isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return, cst.Expr)):
        return getattr(parent, "value", None) is node
    return False


def _fitted(
    plan: CallPlan, call: cst.Call, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> cst.Call:
    """One argument a line, as black writes it, when the call no longer fits its line.

    Only a call that is the whole value of its statement, written on one line
    (or with its arguments on one line of their own), that would now run past
    the file's own longest line (100 columns at least); a call laid over lines
    keeps its layout.
    """
    module = plan.analysis.module
    where = positions.get(plan.site.call)
    if where is None or not call.args:
        return call
    if not _whole_value(plan):
        return call  # inside a larger expression: breaking it would read worse
    after = code_of(call, module)
    new_lines = after.split("\n")
    if len(new_lines) not in (1, 3):
        return call  # laid over lines already: its layout stays (whatever it was before)
    before = code_of(plan.site.call, module)
    lines = source.splitlines()
    widest = file_width(source)
    old_lines = before.split("\n")
    if len(old_lines) == 1 == len(new_lines):
        # `x = client.messages.create(a, b, c)`: the whole call on its line.
        length = len(lines[where.line - 1]) - len(before) + len(after)
    elif len(old_lines) == 3 == len(new_lines) and where.line < len(lines):
        # `x = client.messages.create(\n    a, b, c\n)`: the arguments on a line of their own.
        length = len(lines[where.line]) - len(old_lines[1].strip()) + len(new_lines[1].strip())
    else:
        return call  # laid over lines already: its layout stays
    if length <= widest or "#" in after:
        return call  # fits; or a comment among the arguments would have nowhere to go
    return one_argument_a_line(call, "", module.default_indent)


def _messages_indent(
    plan: CallPlan, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> str:
    """Indentation of the messages list's lines, relative to the enclosing block.

    libcst adds the block's own indentation to generated lines, so only the
    part beyond it is written here.
    """
    lines = source.splitlines()

    def leading(node: cst.CSTNode) -> str | None:
        where = positions.get(node)
        if where is None:
            return None
        line = lines[where.line - 1]
        return line[: len(line) - len(line.lstrip())]

    block = leading(plan.site.statement) or ""
    prompt = plan.original_kwarg("prompt")
    line = (leading(prompt) if prompt is not None else None) or block
    return line[len(block) :] if line.startswith(block) else ""


def messages_renderer(plan: CallPlan) -> Callable[[cst.Arg, str], cst.Arg]:
    """Lays out ``plan``'s messages list where a request dict holds it, at an indentation."""
    return lambda arg, indent: _render_messages(arg, plan, indent)


def _render_messages(arg: cst.Arg, plan: CallPlan, indent: str) -> cst.Arg:
    if not (isinstance(arg.value, cst.Name) and arg.value.value == MESSAGES_PLACEHOLDER):
        return arg
    return arg.with_changes(value=plan.expression(_messages_list(plan, indent)))


def _messages_list(plan: CallPlan, indent: str) -> str:
    quote = plan.conversation.style.quote if plan.conversation else '"'
    items = [
        f"{{{quote}role{quote}: {quote}{role}{quote}, {quote}content{quote}: {content}}}"
        for role, content in plan.messages
    ]
    if len(items) == 1 and "\n" not in items[0]:
        return f"[{items[0]}]"
    body = "".join(f"{indent}    {item},\n" for item in items)
    return f"[\n{body}{indent}]"


def bind_statements(plan: CallPlan) -> None:
    """The prompt's variable gets its messages (and system prompt) right where it was built."""
    bound = plan.bound
    assert bound is not None
    if bound.returned:
        plan.statements_after.setdefault(bound.statement, []).append(
            f"return {_messages_list(plan, '')}"
        )
        plan.replaced_statements.add(bound.statement)
        return
    lines = []
    if plan.bound_system is not None:
        lines.append(f"{bound.system_name} = {plan.bound_system}")
    lines.append(f"{bound.messages_name} = {_messages_list(plan, '')}")
    plan.statements_after.setdefault(bound.statement, []).extend(lines)
    if bound.replace:
        plan.replaced_statements.add(bound.statement)


def _layout(args: list[cst.Arg], original: Sequence[cst.Arg]) -> list[cst.Arg]:
    """Commas and trailing whitespace so that the new arguments read like the old ones."""
    if not args:
        return args
    separator = next(
        (arg.comma for arg in original if isinstance(arg.comma, cst.Comma)),
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
    )
    last = original[-1] if original else None
    laid: list[cst.Arg] = []
    for index, arg in enumerate(args):
        if index < len(args) - 1:
            # A copy of the original last argument carries the comma before ``)``.
            own = isinstance(arg.comma, cst.Comma) and (last is None or arg.comma is not last.comma)
            comma = arg.comma if own else separator
            after = (
                cst.SimpleWhitespace("")
                if last is not None
                and (arg is last or arg.whitespace_after_arg is last.whitespace_after_arg)
                else arg.whitespace_after_arg
            )
            laid.append(arg.with_changes(comma=comma, whitespace_after_arg=after))
        elif last is not None:
            laid.append(
                arg.with_changes(comma=last.comma, whitespace_after_arg=last.whitespace_after_arg)
            )
        else:
            laid.append(arg)
    return laid
