"""What the decomposer reads of a prompt's expressions: the shapes of ``.format`` and
``.replace`` calls, ``%`` fields, f-string text, and the holes it will not split around."""

from __future__ import annotations

import ast
import re

import libcst as cst

from migrator.analysis.prompt import NotDecomposable, Style

# Holes whose value is likely a whole transcript: splitting around them would
# put several turns into one message, so those prompts wait for the runtime
# converter instead of being guessed at.
_TRANSCRIPT_NAMES = re.compile(
    r"(history|transcript|conversation|dialog|dialogue|chat_log|turns|prompt)s?$", re.I
)


# Template text (value None) or a field: (format spec, value, conversion).
Field = tuple[str, "cst.BaseExpression | None", "str | None"]
PERCENT = re.compile(r"%%|%(?:\((?P<key>[^)]*)\))?(?P<kind>[sra])?")


# Methods of ``str`` that give a ``str``.
STRING_METHODS = frozenset(
    {
        "capitalize",
        "casefold",
        "center",
        "expandtabs",
        "format",
        "format_map",
        "join",
        "ljust",
        "lower",
        "lstrip",
        "removeprefix",
        "removesuffix",
        "replace",
        "rjust",
        "rstrip",
        "strip",
        "swapcase",
        "title",
        "upper",
        "zfill",
    }
)


def is_replace_call(expr: cst.BaseExpression) -> bool:
    """``<template>.replace(old, new)``, with no count and no unpacking."""
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "replace"
        and len(expr.args) == 2
        and all(arg.keyword is None and not arg.star for arg in expr.args)
    )


def is_format_call(expr: cst.BaseExpression) -> bool:
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "format"
    )


def is_simple(expr: cst.BaseExpression) -> bool:
    """Reading it twice, or not at all, changes nothing: a name, a dotted name, a literal."""
    if isinstance(expr, cst.Name):
        return True
    if isinstance(expr, cst.Attribute):
        return is_simple(expr.value)
    return isinstance(expr, (cst.SimpleString, cst.Integer, cst.Float))


def unescape(text: str, raw: bool, style: Style) -> str:
    """The value of the literal text of an f-string part (``{{`` is ``{``)."""
    quote = style.quote * (3 if style.triple else 1)
    # A part of a triple-quoted f-string may end in its quote character (``"""a "{b}"""``):
    # as a literal of its own, that quote would close the string early.
    trailing = 0
    while text.endswith(style.quote) and not text[:-1].endswith("\\"):
        text, trailing = text[:-1], trailing + 1
    value = ast.literal_eval(("r" if raw else "") + quote + text + quote)
    assert isinstance(value, str)
    return (value + style.quote * trailing).replace("{{", "{").replace("}}", "}")


def check_hole(expr: cst.BaseExpression) -> None:
    name = _last_name(expr)
    if name and _TRANSCRIPT_NAMES.search(name):
        raise NotDecomposable(
            f"`{name}` is interpolated into the prompt and may hold several turns; "
            "its markers are only known at run time"
        )


def _last_name(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    if isinstance(expr, cst.Subscript):
        return _last_name(expr.value)
    return None


def opaque_reason(expr: cst.BaseExpression) -> str:
    if isinstance(expr, cst.Name):
        return f"the prompt is the variable `{expr.value}`, built where the tool cannot see its markers"
    if isinstance(expr, cst.Call):
        return "the prompt is built by a function call; its markers are only known at run time"
    return "the prompt is not a string the tool can read"
