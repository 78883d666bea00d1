"""Parse once, run the rules in order, render, validate. Never prints.

``migrate_source`` is the whole pipeline for one file's text; the front ends
(command line, pre-commit, tests) decide what to do with its result.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import CodePosition

from migrator.analysis import ModuleAnalysis, analyse
from migrator.config import Config
from migrator.plan import MESSAGES_PLACEHOLDER, CallPlan, ModulePlan, Note, Rewrite
from migrator.positions import start_positions
from migrator.prefilter import may_contain_legacy
from migrator.rule import Finding, Rule, Safety
from migrator.syntax import leading_blank, preamble_end

COMMENT_PREFIX = "# migrator:"
# Keyword arguments of Text Completions that Messages does not take: a site
# that still has one after every rule ran is not finished.
LEGACY_ONLY = ("prompt", "max_tokens_to_sample", "temperature", "top_p", "top_k")


@dataclass
class FileResult:
    path: str
    source: str
    new_source: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    migrated_sites: int = 0
    manual_sites: int = 0
    # Names of the runtime helpers the new source calls.
    helpers: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return self.error is None and self.new_source != self.source


class _Engine:
    """Marker for findings the engine itself raises (unfinished sites)."""

    code = "TCM001"

    @staticmethod
    def name() -> str:
        return "completions_create"


def migrate_source(
    source: str, path: str, config: Config, rules: Sequence[type[Rule]]
) -> FileResult:
    """Migrate one module's text; ``source`` is returned unchanged when nothing applies."""
    if not may_contain_legacy(source.encode("utf-8", "surrogatepass")):
        return FileResult(path, source, source)
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        message = (
            f"{path}:{error.raw_line}:{error.raw_column + 1}: cannot parse: {error.message}. "
            "Fix the syntax error (or exclude the file); it was left unchanged."
        )
        return FileResult(path, source, source, error=message)
    # Filled once every node a finding or a layout needs is known (one pass for all).
    positions: dict[cst.CSTNode, CodePosition] = {}
    analysis = analyse(module)
    instances = [rule() for rule in rules]

    plans: list[CallPlan] = []
    for site in analysis.calls:
        plan = CallPlan(site, analysis, config, list(site.call.args))
        for rule in instances:
            rule.apply(plan)
            if plan.blocked:
                break
        if not plan.blocked:
            _check_finished(plan)
        plans.append(plan)

    _block_linked(plans)

    notes: list[Note] = []
    rewrites: dict[cst.CSTNode, Rewrite] = {}
    comments: dict[cst.CSTNode, list[str]] = {}
    helpers: dict[str, str] = {}
    inserted: dict[cst.CSTNode, list[str]] = {}
    replaced: set[cst.CSTNode] = set()
    migrated = manual = 0
    for plan in plans:
        if plan.blocked:
            manual += 1
            notes.extend(plan.blockers)
            for blocker in plan.blockers:
                comment = f"{COMMENT_PREFIX} manual [{blocker.rule}] {blocker.message}"
                comments.setdefault(plan.site.statement, []).append(comment)
            continue
        migrated += 1
        notes.extend(plan.notes)
        rewrites.update(plan.rewrites)
        rewrites[plan.call] = _call_rewrite(plan, source, positions)
        if plan.comments:
            comments.setdefault(plan.site.statement, []).extend(plan.comments)
        helpers.update(plan.helpers)
        if plan.bound is not None:
            _bind_statements(plan)
        for statement, lines in plan.statements_after.items():
            inserted.setdefault(statement, []).extend(lines)
        replaced |= plan.replaced_statements

    module_plan = ModulePlan(analysis, config, plans)
    for rule in instances:
        rule.apply_module(module_plan)
    for check in module_plan.last_checks:
        check()
    notes.extend(module_plan.notes)
    rewrites.update(module_plan.rewrites)
    for statement, lines in module_plan.comments.items():
        comments.setdefault(statement, []).extend(lines)
    helpers.update(module_plan.helpers)

    # Sites that share a response variable report its reads once.
    unique = {(id(note.node), note.rule, note.message): note for note in notes}
    wanted = {note.node for note in unique.values()}
    for plan in plans:  # where the messages list is laid out
        wanted.add(plan.site.statement)
        prompt = plan.original_kwarg("prompt")
        if prompt is not None:
            wanted.add(prompt)
    positions.update(start_positions(module, wanted))
    findings = sorted(_finding(path, note, positions) for note in unique.values())
    counts = {"migrated_sites": migrated, "manual_sites": manual}
    if not rewrites and not comments and not helpers and not module_plan.finishers:
        return FileResult(path, source, source, findings, **counts)
    statements = {
        statement: [_statement(module, line) for line in dict.fromkeys(lines)]
        for statement, lines in inserted.items()
    }
    reach = _with_ancestors([*rewrites, *comments, *statements], analysis)
    new_module = module.visit(_Apply(rewrites, comments, statements, replaced, reach))
    if helpers and config.runtime_module:
        new_module = _import_helpers(new_module, config.runtime_module, helpers)
    elif helpers:
        new_module = _insert_helpers(new_module, helpers)
    for finish in module_plan.finishers:
        new_module = finish(new_module)
    new_source = new_module.code
    try:
        ast.parse(new_source)
    except SyntaxError as error:
        message = (
            f"{path}: the rewritten code would not parse ({error.msg} at line {error.lineno}); "
            "the file was left unchanged. Please report this as a bug."
        )
        return FileResult(path, source, source, findings, error=message)
    return FileResult(path, source, new_source, findings, helpers=set(helpers), **counts)


def _block_linked(plans: Sequence[CallPlan]) -> None:
    """Calls whose responses reach the same reads migrate together or not at all."""
    blocked = {plan.call for plan in plans if plan.blocked}
    changed = True
    while changed:
        changed = False
        for plan in plans:
            if plan.blocked or not any(call in blocked for call in plan.linked):
                continue
            plan.block(
                _Engine,
                plan.call,
                "its response is read through the same variable as that of another legacy "
                "call, which is left for manual work; they can only be migrated together",
            )
            blocked.add(plan.call)
            changed = True


def _check_finished(plan: CallPlan) -> None:
    """Block a site a deselected rule left half done: correct or untouched."""
    leftovers = [name for name in LEGACY_ONLY if plan.kwarg(name) is not None]
    if plan.method == "completions":
        leftovers.insert(0, "the call itself")
    if plan.stop_reason_reads:
        leftovers.append("the `stop_reason` reads")
    if plan.streamed and not plan.stream_done:
        leftovers.append("the stream handling")
    if plan.conversation is not None:
        if plan.conversation.system is not None and not plan.system_done:
            leftovers.append("the system prompt")
        if plan.conversation.prefill is not None and not plan.prefill_done:
            leftovers.append("the prefill")
    if leftovers:
        plan.block(
            _Engine,
            plan.call,
            f"not migrated: the selected rules leave {', '.join(leftovers)} unconverted",
        )


def _finding(path: str, note: Note, positions: Mapping[cst.CSTNode, CodePosition]) -> Finding:
    where = positions.get(note.node)
    line, column = (where.line, where.column + 1) if where else (1, 1)
    return Finding(path, line, column, note.rule, note.name, note.message, note.fix)


def _call_rewrite(
    plan: CallPlan, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> Rewrite:
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        indent = _messages_indent(plan, source, positions)
        func = updated.func
        assert isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute)
        new_func = func.with_changes(
            value=func.value.with_changes(attr=cst.Name(plan.method)),
            attr=cst.Name(plan.function) if plan.function != func.attr.value else func.attr,
        )
        args = [_render_messages(arg, plan, indent) for arg in plan.args]
        # Arguments kept from the source (or wrapped by a rule) must carry the
        # edits made inside them, such as an inlined constant.
        edited = _Replace(
            {
                original.value: now.value
                for original, now in zip(plan.site.call.args, updated.args, strict=True)
            }
        )
        laid = [arg.visit(edited) for arg in _layout(args, plan.site.call.args)]
        return updated.with_changes(func=new_func, args=laid)

    return rewrite


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


def _bind_statements(plan: CallPlan) -> None:
    """The prompt's variable gets its messages (and system prompt) right where it was built."""
    bound = plan.bound
    assert bound is not None
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
                if last is not None and arg is last
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


class _Replace(cst.CSTTransformer):
    """Swap nodes for their replacements, found by identity, in one pass."""

    def __init__(self, replacements: Mapping[cst.CSTNode, cst.CSTNode]) -> None:
        self.replacements = replacements

    def on_visit(self, node: cst.CSTNode) -> bool:
        return node not in self.replacements

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        return self.replacements.get(original_node, updated_node)


def _statement(module: cst.Module, source: str) -> cst.BaseStatement:
    """Generated code as a statement of ``module`` (its newline and indentation)."""
    return cst.parse_statement(source, config=module.config_for_parsing)


def _with_ancestors(nodes: list[cst.CSTNode], analysis: ModuleAnalysis) -> set[cst.CSTNode]:
    """The nodes and every node above them: where the rewrite has something to do."""
    reach: set[cst.CSTNode] = set()
    for node in nodes:
        current: cst.CSTNode | None = node
        while current is not None and current not in reach:
            reach.add(current)
            current = analysis.parents.get(current)
    return reach


class _Apply(cst.CSTTransformer):
    def __init__(
        self,
        rewrites: dict[cst.CSTNode, Rewrite],
        comments: dict[cst.CSTNode, list[str]],
        inserted: dict[cst.CSTNode, list[cst.BaseStatement]] | None = None,
        replaced: set[cst.CSTNode] | None = None,
        reach: set[cst.CSTNode] | None = None,
    ):
        self.rewrites = rewrites
        self.comments = comments
        self.inserted = inserted or {}
        self.replaced = replaced or set()
        # Subtrees with nothing to change are kept as they are, not rebuilt node by node.
        self.reach = reach

    def on_visit(self, node: cst.CSTNode) -> bool:
        return self.reach is None or node in self.reach

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        updated = super().on_leave(original_node, updated_node)
        # Comments first: a rewrite that moves a statement takes them along.
        updated = self._comment(original_node, updated)
        rewrite = self.rewrites.get(original_node)
        if rewrite is not None and isinstance(updated, cst.CSTNode):
            updated = rewrite(updated)
        new = self.inserted.get(original_node)
        if new and isinstance(updated, cst.SimpleStatementLine):
            if original_node in self.replaced:
                new = list(new)
                new[0] = new[0].with_changes(leading_lines=updated.leading_lines)
                if isinstance(new[-1], cst.SimpleStatementLine):
                    new[-1] = new[-1].with_changes(trailing_whitespace=updated.trailing_whitespace)
                return cst.FlattenSentinel(new)
            return cst.FlattenSentinel([updated, *new])
        return updated

    def _comment(self, original_node: cst.CSTNode, updated):  # type: ignore[no-untyped-def]
        wanted = self.comments.get(original_node)
        if wanted and isinstance(updated, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            present = {line.comment.value for line in updated.leading_lines if line.comment}
            extra = [
                cst.EmptyLine(indent=True, comment=cst.Comment(text))
                for text in dict.fromkeys(wanted)
                if text not in present
            ]
            if extra:
                updated = updated.with_changes(leading_lines=[*updated.leading_lines, *extra])
        return updated


def _import_helpers(module: cst.Module, where: str, helpers: Mapping[str, str]) -> cst.Module:
    """``from <runtime_module> import ...`` after the imports, unless already there."""
    names = sorted(helpers)
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if (
                    isinstance(small, cst.ImportFrom)
                    and small.module is not None
                    and cst.helpers.get_full_name_for_node(small.module) == where
                    and not isinstance(small.names, cst.ImportStar)
                ):
                    present = {cst.helpers.get_full_name_for_node(a.name) for a in small.names}
                    names = [name for name in names if name not in present]
    if not names:
        return module
    line = _statement(module, f"from {where} import {', '.join(names)}")
    at = preamble_end(module)
    body = list(module.body)
    if at == 0 and body:
        body[0] = body[0].with_changes(leading_lines=[cst.EmptyLine(), *body[0].leading_lines])
    return module.with_changes(body=[*body[:at], line, *body[at:]])


def _insert_helpers(module: cst.Module, helpers: Mapping[str, str]) -> cst.Module:
    """Module-level helper functions, after the imports, unless the module already has them."""
    defined = {
        statement.name.value for statement in module.body if isinstance(statement, cst.FunctionDef)
    }
    missing = [source for name, source in helpers.items() if name not in defined]
    if not missing:
        return module
    body = list(module.body)
    at = preamble_end(module)
    two_blank = [cst.EmptyLine(), cst.EmptyLine()]
    new: list[cst.BaseStatement] = []
    for source in missing:
        parsed = cst.parse_module(source, config=module.config_for_parsing)
        for index, statement in enumerate(parsed.body):
            if index == 0 and isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                statement = statement.with_changes(leading_lines=two_blank)
            new.append(statement)
    if at < len(body):
        following = body[at]
        wanted = 2 - leading_blank(following)
        if wanted > 0:
            lines = [*[cst.EmptyLine()] * wanted, *following.leading_lines]
            body[at] = following.with_changes(leading_lines=lines)
    return module.with_changes(body=[*body[:at], *new, *body[at:]])


__all__ = ["FileResult", "ModuleAnalysis", "Safety", "migrate_source"]
