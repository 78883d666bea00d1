"""Small facts about the layout of a module that several rewrites need."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping

import libcst as cst

from migrator.code.readwalk import children
from migrator.code.transformer import Transformer


def fill(template: str, values: Mapping[str, cst.BaseExpression]) -> cst.BaseExpression:
    """``template`` parsed, its placeholder names replaced by the given expressions."""
    return _template(template).visit(_Fill(values))  # type: ignore[return-value]


@functools.lru_cache(maxsize=64)
def _template(template: str) -> cst.BaseExpression:
    """A template parsed once for every fill: the fill builds each use a tree of its own
    (only leaves such as whitespace are shared, and nodes are never changed in place)."""
    return cst.parse_expression(template)


class _Fill(Transformer):
    def __init__(self, values: Mapping[str, cst.BaseExpression]) -> None:
        self.values = values

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self.values.get(original_node.value, updated_node)


def string_value(node: cst.CSTNode | None) -> str | None:
    """The text of a plain string literal (not bytes, not an f-string), else None."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def preamble_end(module: cst.Module) -> int:
    """Index of the first statement after the docstring and the leading imports."""
    at = 0
    for index, statement in enumerate(module.body):
        if is_preamble(statement):
            at = index + 1
        else:
            break
    return at


def leading_blank(statement: cst.BaseStatement) -> int:
    count = 0
    for line in statement.leading_lines:
        if line.comment is not None:
            break
        count += 1
    return count


def is_preamble(statement: cst.BaseStatement) -> bool:
    """A docstring, an import, or a ``try:`` / ``if`` block of imports at the top of a module."""
    if isinstance(statement, cst.SimpleStatementLine):
        return all(
            isinstance(small, (cst.Import, cst.ImportFrom))
            or (isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString))
            for small in statement.body
        )
    if isinstance(statement, (cst.Try, cst.If)):
        inner = [*statement.body.body]
        return bool(inner) and all(is_preamble(item) for item in inner)
    return False


# The ``=`` of a keyword argument, as black writes it.
TIGHT_EQUAL = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)
# The ``, `` between arguments.
ARG_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def plain_literal(value: cst.BaseExpression) -> bool:
    """``""``, ``0``, ``None``, ``True``, ``[]``, ``{}``: a value no code could change or
    depend on."""
    if isinstance(value, (cst.List, cst.Dict, cst.Tuple)):
        return not value.elements
    if isinstance(value, cst.Name):
        return value.value in ("None", "True", "False")
    return isinstance(value, (cst.SimpleString, cst.Integer, cst.Float))


def keyword_call(name: str, keywords: list[tuple[str, cst.BaseExpression]]) -> cst.Call:
    """``name(k1=v1, k2=v2)``: a call to a runtime helper, spaced as black writes it."""
    args = [
        cst.Arg(value, keyword=cst.Name(keyword), equal=TIGHT_EQUAL, comma=ARG_COMMA)
        for keyword, value in keywords
    ]
    if args:
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return cst.Call(cst.Name(name), args)


def with_flag(value: cst.BaseExpression, keyword: str) -> list[cst.Arg]:
    """The arguments ``value, keyword=True`` of a call to a runtime helper."""
    return [
        cst.Arg(value, comma=ARG_COMMA),
        cst.Arg(cst.Name("True"), keyword=cst.Name(keyword), equal=TIGHT_EQUAL),
    ]


_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})


def catches_import_error(handler: cst.ExceptHandler) -> bool:
    """``except ImportError:`` (or ``ModuleNotFoundError``, alone or in a tuple)."""
    caught = handler.type
    names = (
        [element.value for element in caught.elements]
        if isinstance(caught, cst.Tuple)
        else [caught]
    )
    return bool(names) and all(
        isinstance(name, cst.Name) and name.value in _IMPORT_ERRORS for name in names
    )


def dotted_name(node: cst.BaseExpression) -> str | None:
    """``svc.client.completions`` for that chain of names; None for anything else."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def returned_through(helper: str) -> Callable[[cst.CSTNode], cst.CSTNode]:
    """A rewrite of ``return value`` into ``return helper(value)``."""

    def wrap(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Return) and updated.value is not None
        return updated.with_changes(value=cst.Call(cst.Name(helper), [cst.Arg(updated.value)]))

    return wrap


def walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """``node`` and every node below it, parents first."""
    yield node
    for child in children(node):
        yield from walk(child)


def line_break(indent: str) -> cst.ParenthesizedWhitespace:
    """A line break inside brackets; the next line starts ``indent`` in from its block."""
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), indent=True, last_line=cst.SimpleWhitespace(indent)
    )


def one_argument_a_line(call: cst.Call, indent: str, step: str) -> cst.Call:
    """The call's arguments one a line, each with its comma, as black writes a call that
    does not fit its line: ``step`` in from ``indent``, the indentation of the call's own
    line beyond its block's, where the closing bracket goes."""
    last = len(call.args) - 1
    args = [
        arg.with_changes(
            comma=cst.Comma(whitespace_after=line_break(indent + (step if index < last else ""))),
            whitespace_after_arg=cst.SimpleWhitespace(""),
        )
        for index, arg in enumerate(call.args)
    ]
    opening = call.whitespace_before_args
    if not isinstance(opening, cst.ParenthesizedWhitespace):
        opening = line_break(indent + step)
    return call.with_changes(whitespace_before_args=opening, args=args)


def one_step_in(expr: cst.BaseExpression, step: str) -> cst.BaseExpression:
    """``expr`` with every continuation line (and each comment among them) ``step`` further
    in: what an expression needs when it moves to a line one step deeper."""
    return _reindented(expr, lambda text: step + text)


def closing_indent(expr: cst.BaseExpression) -> str:
    """The indentation (beyond its block's) of the line a call's closing bracket is on,
    which is where the call's own line starts; empty when it is not on a line of its own."""
    call = expr.expression if isinstance(expr, cst.Await) else expr
    if not isinstance(call, cst.Call) or not call.args:
        return ""
    last = call.args[-1]
    space = last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else None
    if not isinstance(space, cst.ParenthesizedWhitespace):
        space = last.whitespace_after_arg
    return space.last_line.value if isinstance(space, cst.ParenthesizedWhitespace) else ""


def out_by(expr: cst.BaseExpression, columns: int) -> cst.BaseExpression:
    """``expr`` with every continuation line (and each comment among them) ``columns``
    fewer spaces in: what an expression needs when it moves to the start of a line."""

    def out(text: str) -> str:
        return text[min(columns, len(text) - len(text.lstrip(" "))) :]

    return _reindented(expr, out)


def _reindented(expr: cst.BaseExpression, change: Callable[[str], str]) -> cst.BaseExpression:
    shifted = expr.visit(_Reindent(change))
    assert isinstance(shifted, cst.BaseExpression)
    return shifted


class _Reindent(cst.CSTTransformer):
    """Every continuation line of an expression (and each comment among them) indented
    as ``change`` says."""

    def __init__(self, change: Callable[[str], str]) -> None:
        self.change = change

    def _line(self, space: cst.SimpleWhitespace) -> cst.SimpleWhitespace:
        return cst.SimpleWhitespace(self.change(space.value))

    def leave_ParenthesizedWhitespace(
        self, original_node: cst.ParenthesizedWhitespace, updated_node: cst.ParenthesizedWhitespace
    ) -> cst.ParenthesizedWhitespace:
        comments = [
            line.with_changes(whitespace=self._line(line.whitespace))
            if line.comment is not None
            else line
            for line in updated_node.empty_lines
        ]
        return updated_node.with_changes(
            empty_lines=comments, last_line=self._line(updated_node.last_line)
        )
