"""A rewritten statement that no longer fits its line, broken as black would break it.

A rewrite can make a one-line statement longer than the file's own style allows (its
longest line, or 100 columns if that is shorter): a response read inside a larger
expression, a request dict converted at run time, a count of tokens. A reviewer runs
the formatter; so does this, for the statement alone and the common case only. The
line is split inside its last bracket pair whose opening line fits (black's "right
hand split", trailers such as ``.strip()`` staying after the closing bracket); what is
inside goes on one line of its own, one indentation step in, when it fits there, else
one item a line with a trailing comma. A statement over lines, or with a comment at
the end of its line, keeps its layout: its author chose it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple, TypeVar

import libcst as cst

from migrator.code.codegen import code_of
from migrator.code.readwalk import holding
from migrator.code.syntax import line_break
from migrator.code.transformer import Transformer

_Collection = (cst.List, cst.Set, cst.Dict)
_Bracketed = cst.Call | cst.List | cst.Set | cst.Dict | cst.Tuple
_Node = TypeVar("_Node", bound=cst.CSTNode)


def fitted(
    updated: cst.SimpleStatementLine,
    column: int,
    step: str,
    width: int,
) -> cst.SimpleStatementLine:
    """``updated`` broken inside its brackets when it outgrew ``width`` on one line.

    One that a rewrite wrote over lines keeps its layout; one it wrote on one line is
    laid out afresh, even where the statement had been over lines before (a subscript
    broken inside its brackets that the rewrite replaced).

    ``column``: where the statement starts; ``step``: the file's indentation unit.
    """
    if len(updated.body) != 1 or updated.trailing_whitespace.comment is not None:
        return updated
    small = updated.body[0]
    text = _code(small)
    value = getattr(small, "value", None)
    if "\n" in text or column + len(text) <= width or not isinstance(value, cst.BaseExpression):
        return updated
    layout = _Layout(column, step, width)
    if isinstance(value, cst.Tuple) and not value.lpar and isinstance(small, cst.Assign):
        # `a, b = x, y`: black puts the values in brackets, one a line.
        return updated.with_changes(body=[small.with_changes(value=layout.tuple_of(value))])
    if isinstance(small, (cst.Assign, cst.AnnAssign, cst.Return)) and _fluent(value):
        # `x = a(...).b().c()`: black brackets the whole value rather than split a chain.
        inside = _code(value)
        if not value.lpar and layout.fits(step, inside):
            bracketed = value.with_changes(
                lpar=[cst.LeftParen(whitespace_after=line_break(step))],
                rpar=[cst.RightParen(whitespace_before=line_break(""))],
            )
            return updated.with_changes(body=[small.with_changes(value=bracketed)])
    broken = layout.within(small, value, "", 0)
    return updated if broken is small else updated.with_changes(body=[broken])


class _Layout(NamedTuple):
    """Where lines start (``column``, the block's), the indentation unit, the width."""

    column: int
    step: str
    width: int

    def fits(self, indent: str, text: str, tail: int = 0) -> bool:
        return self.column + len(indent) + len(text) + tail <= self.width

    def within(self, holder: _Node, value: cst.CSTNode, indent: str, tail: int) -> _Node:
        """``holder`` (which starts a line at ``indent`` and holds ``value``), broken inside
        ``value``'s brackets so that its first line fits; as it was when nothing does."""
        if isinstance(value, _Collection) and value.elements:
            return holder.deep_replace(value, self.opened(value, indent))
        if isinstance(value, cst.GeneratorExp) and isinstance(holder, cst.Arg) and not value.lpar:
            return holder.deep_replace(value, clauses_on_lines(value, indent))
        if not isinstance(value, cst.BaseExpression):
            return holder
        for bracket in _split_points(value):
            candidate = holder.deep_replace(bracket, self.opened(bracket, indent))
            if self.fits(indent, _code(candidate).split("\n", 1)[0]):
                return candidate
        return holder

    def opened(self, node: _Bracketed, indent: str) -> _Bracketed:
        """``node`` with its items on lines of their own, one step in from ``indent``."""
        items = _items(node)
        inner = indent + self.step
        inside = ", ".join(_code(_bare(item)) for item in items)
        magic = _magic(node) or (len(items) == 1 and _magic(_value_of(items[0])))
        if (
            self.fits(inner, inside)
            and not magic
            and (isinstance(node, cst.Call) or len(items) == 1)
        ):
            return _hugged(node, [_bare(item) for item in items], indent, inner)
        if len(items) == 1:
            # One item that does not fit its own line either: broken in its turn.
            item = _bare(items[0])
            return _hugged(node, [self.within(item, _value_of(item), inner, 0)], indent, inner)
        spread = [self.item(_bare(item), inner) for item in items]
        return _exploded(node, spread, indent, inner)

    def item(self, item: _Node, indent: str) -> _Node:
        """An item on a line of its own (its comma after it), broken if it does not fit."""
        if self.fits(indent, _code(item), tail=1) and not _magic(_value_of(item)):
            return item
        return self.within(item, _value_of(item), indent, 1)

    def tuple_of(self, value: cst.Tuple) -> cst.Tuple:
        """An unbracketed tuple in brackets, one element a line."""
        spread = [self.item(_bare(item), self.step) for item in value.elements]
        return _exploded(
            value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]),
            spread,
            "",
            self.step,
        )


def _code(node: cst.CSTNode) -> str:
    return code_of(node)


def _fluent(value: cst.BaseExpression) -> bool:
    """Does the chain read two attributes of what calls or subscripts return, as
    ``a(x).b().c`` does? Black lays such a chain out as a whole, never split at one call."""
    node, reads = value, 0
    while isinstance(node, (cst.Call, cst.Attribute, cst.Subscript)):
        if isinstance(node, cst.Attribute):
            reads += isinstance(node.value, (cst.Call, cst.Subscript))
            node = node.value
        else:
            node = node.func if isinstance(node, cst.Call) else node.value
    return reads >= 2


def _split_points(value: cst.BaseExpression) -> Iterator[_Bracketed]:
    """The bracket pairs black may split the statement at, the last one in the text first.

    Down the chain of trailers: ``a.b(x).c(y)`` offers ``c(y)``, then ``b(x)``. A call
    with nothing between its brackets offers none (there is nothing to put on a line).
    """
    node: cst.BaseExpression = value.expression if isinstance(value, cst.Await) else value
    while True:
        if isinstance(node, cst.Call):
            if node.args:
                yield node
            node = node.func
        elif isinstance(node, (cst.Attribute, cst.Subscript)):
            node = node.value
        elif (
            isinstance(node, cst.BinaryOperation)
            and not node.lpar
            and not isinstance(node.left, cst.BinaryOperation)
        ):
            # `"{" + f(x)`: the brackets of the last operand. With more operators black
            # brackets the whole expression instead.
            node = node.right
        elif isinstance(node, _Collection) and _items(node):
            yield node
            return
        else:
            return


def _items(node: _Bracketed) -> list[cst.CSTNode]:
    return list(node.args if isinstance(node, cst.Call) else node.elements)


def _value_of(item: cst.CSTNode) -> cst.CSTNode | None:
    return getattr(item, "value", None)


def _magic(node: cst.CSTNode | None) -> bool:
    """Does the bracketed ``node`` end in a comma? Black then keeps it one item a line."""
    if not isinstance(node, _Bracketed) or not _items(node):
        return False
    return (
        getattr(_items(node)[-1], "comma", cst.MaybeSentinel.DEFAULT)
        is not cst.MaybeSentinel.DEFAULT
    )


def clauses_on_lines(generator: cst.GeneratorExp, indent: str) -> cst.GeneratorExp:
    """A generator's ``for`` and ``if`` clauses each on a line of their own, at ``indent``."""
    clause: cst.CompFor | None = generator.for_in
    clauses: list[cst.CompFor] = []
    while clause is not None:
        clauses.append(clause)
        clause = clause.inner_for_in
    rebuilt: cst.CompFor | None = None
    for clause in reversed(clauses):
        ifs = [test.with_changes(whitespace_before=line_break(indent)) for test in clause.ifs]
        rebuilt = clause.with_changes(
            whitespace_before=line_break(indent), ifs=ifs, inner_for_in=rebuilt
        )
    return generator.with_changes(for_in=rebuilt)


def _bare(item: cst.CSTNode) -> cst.CSTNode:
    """The item as written on one line: no comma, no space around it."""
    changes: dict[str, object] = {"comma": cst.MaybeSentinel.DEFAULT}
    if isinstance(item, cst.Arg):
        changes["whitespace_after_arg"] = cst.SimpleWhitespace("")
    return item.with_changes(**changes)


def _hugged(node: _Bracketed, items: list[cst.CSTNode], indent: str, inner: str) -> _Bracketed:
    """The items together on lines of their own, ``inner`` in; the closing bracket at ``indent``."""
    comma = cst.Comma(cst.SimpleWhitespace(""), cst.SimpleWhitespace(" "))
    items = [*(item.with_changes(comma=comma) for item in items[:-1]), items[-1]]
    return _with_items(node, items, line_break(inner), line_break(indent))


def _exploded(node: _Bracketed, items: list[cst.CSTNode], indent: str, inner: str) -> _Bracketed:
    """One item a line, each with its comma, ``inner`` in; the closing bracket at ``indent``."""
    last = len(items) - 1
    spread = [
        item.with_changes(
            comma=cst.Comma(whitespace_after=line_break(inner if index < last else indent))
        )
        for index, item in enumerate(items)
    ]
    return _with_items(node, spread, line_break(inner), None)


def _with_items(
    node: _Bracketed,
    items: list[cst.CSTNode],
    opening: cst.ParenthesizedWhitespace,
    closing: cst.ParenthesizedWhitespace | None,
) -> _Bracketed:
    """``node`` with ``items``, a line break after its opening bracket and (unless the last
    item's comma carries it) before its closing one."""
    if isinstance(node, cst.Call):
        if closing is not None:
            items[-1] = items[-1].with_changes(whitespace_after_arg=closing)
        return node.with_changes(args=items, whitespace_before_args=opening)
    if isinstance(node, cst.Tuple):
        changes = {"lpar": [node.lpar[0].with_changes(whitespace_after=opening)]}
        closed = closing or cst.SimpleWhitespace("")
        changes["rpar"] = [node.rpar[0].with_changes(whitespace_before=closed)]
        return node.with_changes(elements=items, **changes)
    brackets = {
        cst.List: ("lbracket", "rbracket"),
        cst.Set: ("lbrace", "rbrace"),
        cst.Dict: ("lbrace", "rbrace"),
    }
    left, right = brackets[type(node)]
    changes: dict[str, object] = {
        "elements": items,
        left: getattr(node, left).with_changes(whitespace_after=opening),
    }
    bare = cst.SimpleWhitespace("")
    changes[right] = getattr(node, right).with_changes(whitespace_before=closing or bare)
    return node.with_changes(**changes)


def realigned(call: cst.Call, old_func: cst.BaseExpression, block: str, column: int) -> cst.Call:
    """``call``'s continuation lines kept aligned with its opening bracket, which moved.

    ``client.completions.create(model=...,`` with the next arguments lined up under
    ``model`` becomes ``client.messages.create(``, three columns to the left: each
    line that started at or beyond the old bracket (a comment among them too) moves
    by as much. ``old_func``: what stood before the bracket; ``block``: the statement's
    indentation, which a continuation line's own indentation is counted from;
    ``column``: where the call starts on its line.
    """
    before, now = _code(old_func), _code(call.func)
    if "\n" in before or "\n" in now:
        return call
    shift = len(now) - len(before)
    if not shift:
        return call
    mover = _Realign(column + len(before) + len(_code(call.whitespace_after_func)), shift, block)
    opening = call.whitespace_before_args
    if isinstance(opening, cst.ParenthesizedWhitespace):
        opening = mover.moved(opening)
    return call.with_changes(
        whitespace_before_args=opening, args=[mover.arg(arg) for arg in call.args]
    )


class _Realign(Transformer):
    """Every continuation line that starts past ``bracket``, moved by ``shift`` columns."""

    def __init__(self, bracket: int, shift: int, block: str) -> None:
        self.bracket = bracket
        self.shift = shift
        self.block = block
        self.reach: set[cst.CSTNode] = set()

    def arg(self, arg: cst.Arg) -> cst.Arg:
        """``arg`` with its continuation lines moved: only the nodes that lead to one are
        rebuilt. One with no line that moves (one written on one line holds no
        ``ParenthesizedWhitespace``; black's layout has none past the bracket) is kept as
        it is."""
        self.reach = holding(arg, cst.ParenthesizedWhitespace)
        breaks = (node for node in self.reach if isinstance(node, cst.ParenthesizedWhitespace))
        return arg.visit(self) if any(map(self._moves, breaks)) else arg

    def _moves(self, node: cst.ParenthesizedWhitespace) -> bool:
        """Whether :meth:`moved` changes a line of ``node``."""
        if any(
            line.comment is not None
            and line.indent
            and self._line(line.whitespace.value) != line.whitespace.value
            for line in node.empty_lines
        ):
            return True
        last = node.last_line.value if node.indent else ""
        return bool(node.indent) and self._column(last) > self.bracket and self._line(last) != last

    def on_visit(self, node: cst.CSTNode) -> bool:
        return node in self.reach and super().on_visit(node)

    def leave_ParenthesizedWhitespace(
        self, original_node: cst.ParenthesizedWhitespace, updated_node: cst.ParenthesizedWhitespace
    ) -> cst.ParenthesizedWhitespace:
        return self.moved(updated_node)

    def moved(self, node: cst.ParenthesizedWhitespace) -> cst.ParenthesizedWhitespace:
        lines = [
            line.with_changes(whitespace=cst.SimpleWhitespace(self._line(line.whitespace.value)))
            if line.comment is not None and line.indent
            else line
            for line in node.empty_lines
        ]
        last = node.last_line.value if node.indent else ""
        if not node.indent or self._column(last) <= self.bracket:
            return node.with_changes(empty_lines=lines)
        return node.with_changes(
            empty_lines=lines, last_line=cst.SimpleWhitespace(self._line(last))
        )

    def _column(self, indentation: str) -> int:
        return len(self.block) + len(indentation)

    def _line(self, indentation: str) -> str:
        if self._column(indentation) <= self.bracket or "\t" in indentation:
            return indentation
        if self.shift > 0:
            return indentation + " " * self.shift
        return indentation[: self.shift] if indentation.endswith(" " * -self.shift) else indentation


def fitted_header(updated: cst.FunctionDef, column: int, step: str, width: int) -> cst.FunctionDef:
    """A ``def`` whose parameters a rewrite made too wide for one line, laid out as black
    writes it: the parameters on a line of their own, or one a line when they do not fit.

    ``column``: where the ``def`` starts; only plain parameters (no ``/``, ``*`` or
    ``**``) written on one line are laid out."""
    params = updated.params
    plain = params.params
    if (
        not plain
        or params.posonly_params
        or params.kwonly_params
        or params.star_arg is not cst.MaybeSentinel.DEFAULT
        or params.star_kwarg is not None
    ):
        return updated
    inside = code_of(params)
    returns = f" -> {code_of(updated.returns.annotation)}" if updated.returns is not None else ""
    head = f"{'async ' if updated.asynchronous else ''}def {updated.name.value}("
    if "\n" in inside or column + len(head) + len(inside) + len(returns) + 2 <= width:
        return updated
    bare = [
        p.with_changes(
            comma=cst.MaybeSentinel.DEFAULT, whitespace_after_param=cst.SimpleWhitespace("")
        )
        for p in plain
    ]
    together = ", ".join(code_of(p) for p in bare)
    if column + len(step) + len(together) <= width:
        comma = cst.Comma(cst.SimpleWhitespace(""), cst.SimpleWhitespace(" "))
        laid = [*(p.with_changes(comma=comma) for p in bare[:-1]), bare[-1]]
        laid[-1] = laid[-1].with_changes(whitespace_after_param=line_break(""))
    else:
        laid = [
            p.with_changes(
                comma=cst.Comma(whitespace_after=line_break(step if i < len(bare) - 1 else ""))
            )
            for i, p in enumerate(bare)
        ]
    return updated.with_changes(
        params=params.with_changes(params=laid), whitespace_before_params=line_break(step)
    )


def fitted_test(updated: cst.If, column: int, step: str, width: int) -> cst.If:
    """An ``if`` written by a rewrite whose test is too wide for its line, laid out as
    black writes it: the test in brackets of its own, one operand of its ``and`` / ``or``
    a line. ``column``: where the ``if`` starts; other tests stay as they are."""
    test = updated.test
    if not isinstance(test, cst.BooleanOperation) or test.lpar:
        return updated
    if column + len(f"if {code_of(test)}:") <= width:
        return updated
    operands: list[tuple[str, cst.BaseExpression]] = []
    node: cst.BaseExpression = test
    kind = type(test.operator)
    while isinstance(node, cst.BooleanOperation) and type(node.operator) is kind and not node.lpar:
        operands.append((code_of(node.operator).strip(), node.right))
        node = node.left
    operator = operands[0][0]
    parts = [code_of(node), *(f"{operator} {code_of(right)}" for _, right in reversed(operands))]
    lines = "".join(f"{step}{part}\n" for part in parts)
    laid = cst.parse_statement(f"if (\n{lines}):\n{step}pass\n")
    assert isinstance(laid, cst.If)
    return updated.with_changes(test=laid.test)
