"""The Messages spelling of what was read of a legacy response.

Its text (joined from the text blocks), its stop sequence and the keys of its
dict, written where the legacy read was.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrator.code.syntax import fill

TEXT_TEMPLATE = '"".join(block.text for block in __response__.content if block.type == "text")'
# The same, for a response as a dict (dumped, or a raw HTTP answer).
DICT_TEXT_TEMPLATE = (
    '"".join(block["text"] for block in __data__["content"] if block["type"] == "text")'
)


def text_of(response: cst.BaseExpression) -> cst.BaseExpression:
    """The Messages equivalent of ``response.completion``: the text of its text blocks."""
    return fill(TEXT_TEMPLATE, {"__response__": response})


def completion_as_text(updated: cst.CSTNode) -> cst.CSTNode:
    """Rewrite of a ``<response>.completion`` read: the text, in the read's parentheses."""
    assert isinstance(updated, cst.Attribute)
    return text_of(updated.value).with_changes(lpar=updated.lpar, rpar=updated.rpar)


def dict_text_of(data: cst.BaseExpression) -> cst.BaseExpression:
    """The Messages equivalent of ``data["completion"]`` on a response as a dict."""
    return fill(DICT_TEXT_TEMPLATE, {"__data__": data})


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
