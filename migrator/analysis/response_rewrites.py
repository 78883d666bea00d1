"""The Messages spelling of what was read of a legacy response.

Its text (joined from the text blocks), its stop sequence and the keys of its
dict, written where the legacy read was.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrator.code.fitting import clauses_on_lines
from migrator.code.syntax import fill, line_break, one_step_in

TEXT_TEMPLATE = '"".join(block.text for block in __response__.content if block.type == "text")'
# The same, for a response as a dict (dumped, or a raw HTTP answer).
DICT_TEXT_TEMPLATE = (
    '"".join(block["text"] for block in __data__["content"] if block["type"] == "text")'
)


def text_of(response: cst.BaseExpression) -> cst.BaseExpression:
    """The Messages equivalent of ``response.completion``: the text of its text blocks."""
    return _joined(TEXT_TEMPLATE, "__response__", response)


def _joined(template: str, slot: str, value: cst.BaseExpression) -> cst.BaseExpression:
    """``template`` (a join over a generator) around ``value``. A call laid over lines
    (``create(`` / its arguments / ``)``) is laid out as black writes the join then:
    ``"".join(`` / ``block.text`` / ``for block in create(`` ... ``).content`` /
    ``if ...`` / ``)``, the call's lines one step further in."""
    lines = _over_lines(value)
    if lines is None:
        return fill(template, {slot: value})
    closing, step = lines
    joined = fill(template, {slot: one_step_in(value, step)})
    assert isinstance(joined, cst.Call)
    generator = joined.args[0].value
    assert isinstance(generator, cst.GeneratorExp) and generator.for_in is not None
    inner = closing + step
    return joined.with_changes(
        whitespace_before_args=line_break(inner),
        args=[
            joined.args[0].with_changes(
                value=clauses_on_lines(generator, inner),
                whitespace_after_arg=line_break(closing),
            )
        ],
    )


def _over_lines(value: cst.BaseExpression) -> tuple[str, str] | None:
    """For a call (or an awaited one) whose arguments stand on lines of their own and
    whose closing bracket starts a line: how far in that line is, beyond its block's,
    and the step its arguments are in from it."""
    call = value.expression if isinstance(value, cst.Await) else value
    if not (isinstance(call, cst.Call) and call.args):
        return None
    opening = call.whitespace_before_args
    last = call.args[-1]
    before_closing = (
        last.comma.whitespace_after
        if isinstance(last.comma, cst.Comma)
        else last.whitespace_after_arg
    )
    if not (
        isinstance(opening, cst.ParenthesizedWhitespace)
        and isinstance(before_closing, cst.ParenthesizedWhitespace)
        and opening.indent
        and before_closing.indent
        # A comment after the opening bracket (a linter's suppression) stays on its line.
        and opening.first_line.comment is None
    ):
        return None
    closing, first = before_closing.last_line.value, opening.last_line.value
    if not (first.startswith(closing) and len(first) > len(closing)):
        return None
    return closing, first[len(closing) :]


def completion_as_text(updated: cst.CSTNode) -> cst.CSTNode:
    """Rewrite of a ``<response>.completion`` read: the text, in the read's parentheses."""
    assert isinstance(updated, cst.Attribute)
    return text_of(updated.value).with_changes(lpar=updated.lpar, rpar=updated.rpar)


def dict_text_of(data: cst.BaseExpression) -> cst.BaseExpression:
    """The Messages equivalent of ``data["completion"]`` on a response as a dict."""
    return _joined(DICT_TEXT_TEMPLATE, "__data__", data)


def stop_sequence_attribute(updated: cst.CSTNode) -> cst.CSTNode:
    """Rewrite of ``<response>.stop``, the matched stop sequence: ``.stop_sequence``."""
    assert isinstance(updated, cst.Attribute)
    return updated.with_changes(attr=cst.Name("stop_sequence"))


def rekey(key: str) -> Callable[[cst.CSTNode], cst.CSTNode]:
    """Rewrite of a key read (``data["k"]``, ``data.get("k", ...)``) to read ``key``."""

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        if isinstance(updated, cst.Subscript):
            element = updated.slice[0]
            index = element.slice
            assert isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString)
            quote = index.value.quote
            new_index = index.with_changes(value=cst.SimpleString(f"{quote}{key}{quote}"))
            return updated.with_changes(slice=[element.with_changes(slice=new_index)])
        assert isinstance(updated, cst.Call)
        first = updated.args[0]
        assert isinstance(first.value, cst.SimpleString)
        quote = first.value.quote
        new_first = first.with_changes(value=cst.SimpleString(f"{quote}{key}{quote}"))
        return updated.with_changes(args=[new_first, *updated.args[1:]])

    return rewrite
