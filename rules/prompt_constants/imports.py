"""Where the constants come to be defined in the module: its imports of them from the SDK,
each replaced by a definition with the same text or dropped when nothing reads it, and the
definitions f-string fields read, written after the module's imports."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache

import libcst as cst

from migrator.analysis.names import CONSTANTS
from migrator.code.syntax import catches_import_error, leading_blank, preamble_end
from migrator.code.transformer import Transformer

_NAMES = {qualified.rsplit(".", 1)[1]: value for qualified, value in CONSTANTS.items()}


def with_definitions(module: cst.Module, definitions: dict[str, str]) -> cst.Module:
    """``NAME = "..."`` after the module's imports, once however many fields read it."""
    statements = [_definition(module, name, value) for name, value in sorted(definitions.items())]
    return _after_imports(module, statements)


def _definition(module: cst.Module, name: str, value: str) -> cst.BaseStatement:
    """``NAME = "..."``: the constant's text, escaped as the SDK wrote it."""
    source = f'{name} = "{value.encode("unicode_escape").decode()}"'
    return cst.parse_statement(source, config=module.config_for_parsing)


def _after_imports(module: cst.Module, statements: list[cst.BaseStatement]) -> cst.Module:
    """``statements`` after the module's leading imports, where linters expect module-level
    code to start, set apart from the imports and from the code after them by a blank line."""
    body = list(module.body)
    at = preamble_end(module)
    placed = [
        statement.with_changes(leading_lines=[cst.EmptyLine()] if index == 0 < at else [])
        for index, statement in enumerate(statements)
    ]
    if at < len(body) and leading_blank(body[at]) == 0:
        body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine(), *body[at].leading_lines])
    return module.with_changes(body=[*body[:at], *placed, *body[at:]])


# Where the constants were imported from: the separate Bedrock package had its own.
_MODULES = ("anthropic", "anthropic._constants", "anthropic_bedrock")


def constant_aliases(node: cst.ImportFrom) -> list[cst.ImportAlias]:
    if node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
        return []
    if cst.helpers.get_full_name_for_node(node.module) not in _MODULES:
        return []
    return [
        alias for alias in node.names if cst.helpers.get_full_name_for_node(alias.name) in _NAMES
    ]


def _local(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return cst.helpers.get_full_name_for_node(alias.name) or ""


def settle_imports(module: cst.Module, read_before: set[str], constants: bool) -> cst.Module:
    """Runs on the migrated module, whose reads are walked once: the constants' imports
    replaced (``constants``), then an unused ``import anthropic`` dropped. Neither changes
    what the module reads outside its imports."""
    reads = names_read(module)
    if constants:
        module = replace_imports(module, read_before, reads)
    return drop_module_import(module, read_before, reads)


def replace_imports(module: cst.Module, read_before: set[str], reads: set[str]) -> cst.Module:
    """Only the reads left after the rewrite count (``reads``).

    A name the module never read stays defined too: other modules may
    import it from this one. Definitions replacing an import among the
    module's leading imports go after those imports, where linters expect
    module-level code to start.
    """
    preamble = set(module.body[: preamble_end(module)])
    replace = _ReplaceImports(
        module, lambda name: name in reads or name not in read_before, preamble
    )
    new = module.visit(replace)
    assert isinstance(new, cst.Module)
    return _after_imports(new, replace.deferred) if replace.deferred else new


def names_read(module: cst.Module) -> set[str]:
    """Every name in the module outside import statements.

    Read straight off the nodes' fields: the order does not matter here, and a
    libcst visitor would rebuild every node of the module on the way.
    """
    names: set[str] = set()
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is cst.Name:
            names.add(node.value)  # type: ignore[attr-defined]
            continue
        if kind is cst.ImportFrom or kind is cst.Import:
            continue
        for name in _child_fields(kind):
            value = getattr(node, name)
            if isinstance(value, (list, tuple)):
                stack.extend(item for item in value if _is_node(type(item)))
            elif _is_node(type(value)):
                stack.append(value)
    return names


@cache
def _child_fields(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


@cache
def _is_node(kind: type) -> bool:
    return issubclass(kind, cst.CSTNode)


# The nodes whose fields may hold a statement line: what an import is reached through.
_HOLDS_STATEMENTS = (
    cst.Module,
    cst.BaseCompoundStatement,
    cst.BaseSuite,
    cst.Else,
    cst.ExceptHandler,
    cst.ExceptStarHandler,
    cst.Finally,
    cst.MatchCase,
)


class _ReplaceImports(Transformer):
    def __init__(
        self, module: cst.Module, needed: Callable[[str], bool], preamble: set[cst.CSTNode]
    ) -> None:
        self.module = module
        self.needed = needed
        self.preamble = preamble
        self.deferred: list[cst.BaseStatement] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Entered only where statements may be: an import is never inside an expression,
        and a walk into one would rebuild each of its nodes for nothing. A line's small
        statements are read whole when it is left."""
        return isinstance(node, _HOLDS_STATEMENTS)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | cst.RemovalSentinel:
        body: list[cst.BaseSmallStatement] = []
        definitions: list[cst.BaseStatement] = []
        for small in updated_node.body:
            aliases = constant_aliases(small) if isinstance(small, cst.ImportFrom) else []
            if not aliases:
                body.append(small)
                continue
            assert isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)
            for alias in aliases:
                name = _local(alias)
                if self.needed(name):
                    value = _NAMES[cst.helpers.get_full_name_for_node(alias.name) or ""]
                    definitions.append(_definition(self.module, name, value))
            keep = [alias for alias in small.names if alias not in aliases]
            if keep:
                keep[-1] = keep[-1].with_changes(comma=small.names[-1].comma)
                body.append(small.with_changes(names=keep))
        if body == list(updated_node.body):
            return updated_node
        commented = updated_node.trailing_whitespace.comment is not None or any(
            line.comment is not None for line in updated_node.leading_lines
        )
        if original_node in self.preamble and (body or not commented):
            self.deferred.extend(definitions)
            definitions = []
        statements: list[cst.BaseStatement] = []
        if body:
            body[-1] = body[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            statements.append(updated_node.with_changes(body=body))
        statements.extend(definitions)
        if not statements:
            return cst.RemovalSentinel.REMOVE
        statements[0] = statements[0].with_changes(leading_lines=updated_node.leading_lines)
        if not body:  # the line's own comment stays with what replaces it
            statements[0] = statements[0].with_changes(
                trailing_whitespace=updated_node.trailing_whitespace
            )
        return cst.FlattenSentinel(statements)

    def leave_Try(
        self, original_node: cst.Try, updated_node: cst.Try
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | cst.RemovalSentinel:
        """``try: from anthropic import HUMAN_PROMPT`` / ``except ImportError: ...``: once
        the import is a definition, nothing in the ``try`` can raise ImportError, so the
        handler can never run; the definitions stand alone, as a person would write them."""
        if (
            updated_node.body is original_node.body
            or updated_node.orelse is not None
            or updated_node.finalbody is not None
            or not all(catches_import_error(handler) for handler in updated_node.handlers)
            or not isinstance(updated_node.body, cst.IndentedBlock)
            or not all(_is_definition(line) for line in updated_node.body.body)
        ):
            return updated_node
        statements = list(updated_node.body.body)
        if not statements:
            return cst.RemovalSentinel.REMOVE
        statements[0] = statements[0].with_changes(leading_lines=updated_node.leading_lines)
        return cst.FlattenSentinel(statements)


def _is_definition(line: cst.BaseStatement) -> bool:
    """``NAME = "..."``: a line that cannot raise."""
    return isinstance(line, cst.SimpleStatementLine) and all(
        isinstance(small, cst.Assign)
        and isinstance(small.value, cst.SimpleString)
        and all(isinstance(target.target, cst.Name) for target in small.targets)
        for small in line.body
    )


def drop_module_import(module: cst.Module, read_before: set[str], reads: set[str]) -> cst.Module:
    """``import anthropic`` at the top of a module that read it only for the constants now
    written out: the import goes, as a linter would ask. One the module never read stays
    (another module may import it from this one), and so does one inside a block, whose
    removal could leave the block empty."""
    body: list[cst.BaseStatement] = []
    changed = False
    carried: list[cst.EmptyLine] | None = None  # the leading lines of a line that went
    for line in module.body:
        if carried is not None:
            lines = [*carried, *line.leading_lines]
            if not body:  # nothing above it now: no blank lines at the top of the file
                while lines and lines[0].comment is None:
                    lines.pop(0)
            line = line.with_changes(leading_lines=lines)
            carried = None
        if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
            small = line.body[0]
            if isinstance(small, cst.Import):
                keep = [
                    alias
                    for alias in small.names
                    if not (
                        cst.helpers.get_full_name_for_node(alias.name) == "anthropic"
                        and _local(alias) in read_before
                        and _local(alias) not in reads
                    )
                ]
                if len(keep) != len(small.names):
                    changed = True
                    if not keep and line.trailing_whitespace.comment is None:
                        carried = [row for row in line.leading_lines if row.comment is not None]
                        continue
                    if keep:
                        keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                        line = line.with_changes(body=[small.with_changes(names=keep)])
        body.append(line)
    return module.with_changes(body=body) if changed else module
