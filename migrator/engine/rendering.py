"""The migrated module rendered in one walk: rewrites, comments and inserted statements
applied where the plans put them (the rest of the tree kept as it is), then the runtime
helpers imported or written in."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple

import libcst as cst
from libcst.metadata import CodePosition

from migrator.analysis.names import ModuleAnalysis
from migrator.code.fitting import fitted, fitted_header, fitted_test
from migrator.code.syntax import leading_blank, preamble_end
from migrator.code.transformer import Transformer
from migrator.code.wrapping import comment_lines, written_already
from migrator.contract.plan import Rewrite

# Where helpers go in a migrated module, given the helper names it calls: the index of the
# top-level statement they go before, and whether they take over that statement's leading
# comment lines (a notebook cell's marker stays above them).
HelperPlace = Callable[[cst.Module, Collection[str]], tuple[int, bool]]


def _statement(module: cst.Module, source: str) -> cst.BaseStatement:
    """Generated code as a statement of ``module`` (its newline and indentation)."""
    return cst.parse_statement(source, config=module.config_for_parsing)


def with_ancestors(nodes: list[cst.CSTNode], analysis: ModuleAnalysis) -> set[cst.CSTNode]:
    """The nodes and every node above them: where the rewrite has something to do."""
    reach: set[cst.CSTNode] = set()
    for node in nodes:
        current: cst.CSTNode | None = node
        while current is not None and current not in reach:
            reach.add(current)
            current = analysis.parents.get(current)
    return reach


class Apply(Transformer):
    def __init__(
        self,
        rewrites: dict[cst.CSTNode, Rewrite],
        comments: dict[cst.CSTNode, list[str]],
        inserted: dict[cst.CSTNode, list[cst.BaseStatement]] | None = None,
        replaced: set[cst.CSTNode] | None = None,
        reach: set[cst.CSTNode] | None = None,
        fit: CommentFit | None = None,
    ):
        self.rewrites = rewrites
        self.fit = fit
        self.comments = comments
        self.inserted = inserted or {}
        self.replaced = replaced or set()
        # The quotes of the single-quoted f-strings around the node being left.
        self.fstring_quotes: list[str] = []
        # Subtrees with nothing to change are kept as they are, not rebuilt node by node.
        self.reach = reach

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.FormattedString):
            # Pushed whether or not it is entered: its on_leave runs either way.
            self.fstring_quotes.append(_quote_of(node))
        return self.reach is None or node in self.reach

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        updated = super().on_leave(original_node, updated_node)
        if isinstance(original_node, cst.FormattedString):
            self.fstring_quotes.pop()
        # Comments first: a rewrite that moves a statement takes them along.
        updated = self._comment(original_node, updated)
        rewrite = self.rewrites.get(original_node)
        if rewrite is not None and isinstance(updated, cst.CSTNode):
            updated = rewrite(updated)
            forbidden = {quote for quote in self.fstring_quotes if len(quote) == 1}
            if forbidden and isinstance(updated, cst.CSTNode):
                # Before Python 3.12 an f-string's expressions cannot use its quote.
                updated = updated.visit(_Requote(forbidden))
        if self.fit is not None and isinstance(original_node, cst.FunctionDef):
            updated = self.fit.header(original_node, updated)
        if self.fit is not None and isinstance(original_node, cst.If) and rewrite is None:
            updated = self.fit.statement(original_node, updated)  # a test rewritten inside
        if self.fit is not None and isinstance(original_node, cst.SimpleStatementLine):
            if isinstance(updated, cst.FlattenSentinel):  # a statement bound before it
                fitted = [self.fit.statement(original_node, part) for part in updated.nodes]
                updated = cst.FlattenSentinel(fitted)  # type: ignore[arg-type]
            else:
                updated = self.fit.statement(original_node, updated)
        new = self.inserted.get(original_node)
        if new and self.fit is not None:
            new = [self.fit.statement(original_node, statement) for statement in new]
        if new and isinstance(updated, cst.FlattenSentinel) and original_node not in self.replaced:
            return cst.FlattenSentinel([*updated.nodes, *new])
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
            present = [line.comment.value for line in updated.leading_lines if line.comment]
            extra = [
                cst.EmptyLine(indent=True, comment=cst.Comment(line))
                for text in dict.fromkeys(wanted)
                for line in self._new_lines(text, original_node, present)
            ]
            if extra:
                updated = updated.with_changes(leading_lines=[*updated.leading_lines, *extra])
        return updated

    def _new_lines(self, text: str, statement: cst.CSTNode, present: list[str]) -> list[str]:
        """The comment's lines, wrapped to the file's width; none if it is there already."""
        room = self.fit.room(statement) if self.fit is not None else None
        lines = comment_lines(text, room) if room is not None else [text]
        return [] if written_already(lines, present) else lines


class CommentFit(NamedTuple):
    """What a comment above a statement may take: the file's width less the statement's indent."""

    positions: Mapping[cst.CSTNode, CodePosition]
    width: int
    step: str = "    "

    def room(self, statement: cst.CSTNode) -> int | None:
        where = self.positions.get(statement)
        return None if where is None else self.width - where.column

    def header(self, original: cst.FunctionDef, updated: cst.CSTNode) -> cst.CSTNode:
        """A ``def`` whose parameters a rewrite changed, laid over lines if it outgrew the width."""
        where = self.positions.get(original)
        if (
            where is None
            or not isinstance(updated, cst.FunctionDef)
            or updated.params is original.params
        ):
            return updated
        return fitted_header(updated, where.column, self.step, self.width)

    def statement(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.CSTNode:
        """The rewritten statement (or one written beside ``original``, at its indentation),
        broken inside its brackets if it outgrew the width."""
        where = self.positions.get(original)
        if updated is original or where is None:
            return updated
        if isinstance(updated, cst.If):  # a guard written beside it
            return fitted_test(updated, where.column, self.step, self.width)
        if not isinstance(updated, cst.SimpleStatementLine):
            return updated
        return fitted(updated, where.column, self.step, self.width)


def _quote_of(node: cst.FormattedString) -> str:
    return node.start.lstrip("fFrRbBuU")


class _Requote(Transformer):
    """Strings written by a rewrite inside an f-string take a quote it allows."""

    def __init__(self, forbidden: set[str]) -> None:
        self.forbidden = forbidden

    def _other(self, quote: str, body: str) -> str | None:
        if len(quote) != 1 or quote not in self.forbidden:
            return None
        other = "'" if quote == '"' else '"'
        # Backslashes are not allowed in f-string expressions either: no escaping.
        return None if other in self.forbidden or other in body or "\\" in body else other

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        quote, prefix = updated_node.quote, updated_node.prefix
        body = updated_node.value[len(prefix) + len(quote) : -len(quote)]
        other = self._other(quote, body)
        if other is None:
            return updated_node
        return updated_node.with_changes(value=f"{prefix}{other}{body}{other}")

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.FormattedString:
        quote = _quote_of(updated_node)
        text = "".join(
            part.value for part in updated_node.parts if isinstance(part, cst.FormattedStringText)
        )
        other = self._other(quote, text)
        if other is None:
            return updated_node
        prefix = updated_node.start[: -len(quote)]
        return updated_node.with_changes(start=prefix + other, end=other)


def import_helpers(module: cst.Module, where: str, helpers: Mapping[str, str]) -> cst.Module:
    """``from <runtime_module> import ...`` after the imports, unless already there.

    Only the helpers the module calls: those they call in turn live beside them.
    """
    code = module.code
    names = [name for name in sorted(helpers) if f"{name}(" in code]
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


def insert_helpers(
    module: cst.Module, helpers: Mapping[str, str], place: HelperPlace | None = None
) -> cst.Module:
    """Module-level helper functions, after the imports (or where ``place`` says), unless the
    module already has them."""
    defined = {
        statement.name.value for statement in module.body if isinstance(statement, cst.FunctionDef)
    }
    missing = [source for name, source in helpers.items() if name not in defined]
    if not missing:
        return module
    body = list(module.body)
    at, take_leading = place(module, list(helpers)) if place else (preamble_end(module), False)
    above: Sequence[cst.EmptyLine] = ()
    if take_leading and at < len(body):
        above = body[at].leading_lines
        body[at] = body[at].with_changes(leading_lines=())
    two_blank = [cst.EmptyLine(), cst.EmptyLine()]
    new: list[cst.BaseStatement] = []
    for source in missing:
        for index, statement in enumerate(_helper_statements(source, module.config_for_parsing)):
            if index == 0 and isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                statement = statement.with_changes(leading_lines=two_blank)
            new.append(statement)
    if above:
        new[0] = new[0].with_changes(leading_lines=above)  # the cell starts with them
    if at < len(body):
        following = body[at]
        wanted = 2 - leading_blank(following)
        if wanted > 0:
            lines = [*[cst.EmptyLine()] * wanted, *following.leading_lines]
            body[at] = following.with_changes(leading_lines=lines)
    return module.with_changes(body=[*body[:at], *new, *body[at:]])


@functools.lru_cache(maxsize=64)
def _helper_statements(
    source: str, config: cst.PartialParserConfig
) -> tuple[cst.BaseStatement, ...]:
    """A helper's statements, parsed once per text and layout: nodes are never changed in
    place, so every module that gets the helper may share them."""
    return tuple(cst.parse_module(source, config=config).body)
