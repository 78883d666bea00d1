"""The first step of the decomposer: a prompt expression flattened into pieces.

Literals, f-strings, ``+``, the markers' constants and ``.format`` / ``%``
templates become known text; every other value is a hole (refused when its
name says it may hold a whole transcript).
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Callable

import libcst as cst

from migrator.analysis.prompt import (
    MARKER,
    ConstantLookup,
    Hole,
    NotDecomposable,
    Piece,
    Style,
    TemplateLookup,
    Text,
    merge,
)
from migrator.analysis.prompt_syntax import (
    PERCENT,
    STRING_METHODS,
    Field,
    check_hole,
    is_format_call,
    is_replace_call,
    is_simple,
    opaque_reason,
    unescape,
)
from migrator.code.syntax import string_value


def flatten(
    expr: cst.BaseExpression,
    constant: ConstantLookup,
    *,
    strict: bool = True,
    template: TemplateLookup | None = None,
    text_name: Callable[[cst.Name], bool] | None = None,
) -> list[Piece]:
    """The pieces of a string expression, in order; adjacent text merged.

    ``template`` finds the literal behind a name used as a ``.format`` / ``%``
    template. ``strict=False`` never refuses a value: anything unknown is a
    hole. It answers questions about the known text (does the prompt end with
    the Assistant marker?) for prompts that will be converted at run time.
    ``text_name`` tells a name that is surely a ``str`` though its value is unknown (a
    parameter annotated ``str``), whose hole can be passed on as it is.
    """
    flattener = _Flattener(constant, template or (lambda _expr: None), strict)
    if text_name is not None:
        flattener.text_name = text_name
    pieces: list[Piece] = []
    flattener.flatten(expr, pieces, top=strict)
    return merge(pieces)


class _Flattener:
    def __init__(self, constant: ConstantLookup, template: TemplateLookup, strict: bool) -> None:
        self.constant = constant
        self.template = template
        self.strict = strict
        self.text_name: Callable[[cst.Name], bool] = lambda _name: False

    def flatten(self, expr: cst.BaseExpression, out: list[Piece], top: bool = False) -> None:
        if isinstance(expr, cst.SimpleString):
            prefix = expr.prefix.lower()
            if "b" in prefix:
                raise NotDecomposable("the prompt is a bytes literal", runtime=False)
            value = expr.evaluated_value
            assert isinstance(value, str)
            out.append(Text(value, Style(expr.quote[0], len(expr.quote) == 3)))
            return
        if isinstance(expr, cst.ConcatenatedString):
            self.flatten(expr.left, out)
            self.flatten(expr.right, out)
            return
        if isinstance(expr, cst.FormattedString):
            self.fstring(expr, out)
            return
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            self.flatten(expr.left, out)
            self.flatten(expr.right, out)
            return
        known = self.constant(expr)
        if known is not None:
            out.append(Text(known))
            return
        if is_replace_call(expr):
            filled = []
            try:
                self.replace_call(expr, filled)  # type: ignore[arg-type]
            except NotDecomposable:
                pass  # not a template the tool reads: a value like any other
            else:
                out.extend(filled)
                return
        if is_format_call(expr) or (
            isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo)
        ):
            filled: list[Piece] = []
            try:
                if isinstance(expr, cst.Call):
                    assert isinstance(expr.func, cst.Attribute)
                    self.format_call(expr, expr.func.value, filled)
                else:
                    assert isinstance(expr, cst.BinaryOperation)
                    self.percent(expr, filled)
            except NotDecomposable:
                if self.strict:
                    raise
                out.extend(self.template_tail(expr))
                return
            else:
                out.extend(filled)
                return
        if top:
            raise NotDecomposable(opaque_reason(expr))
        self.hole(Hole(expr), out)

    def hole(self, hole: Hole, out: list[Piece]) -> None:
        pieces = self.constant_text(hole.expr)
        text = None if pieces is None else "".join(piece.value for piece in pieces)
        part = hole.part
        as_is = part is None or (part.conversion is None and part.format_spec is None)
        if pieces is not None and text is not None and MARKER.search(text):
            if as_is:
                # A few-shot preamble (`FEW_SHOT + f"..."`): its turns are the prompt's.
                out.extend(pieces)
                return
        elif text is not None:
            # A plain value; its text counts where it is shown as it is (no `!r`, no spec).
            hole = dataclasses.replace(hole, plain=True, text=True, value=text if as_is else None)
            out.append(hole)
            return
        if self.strict:
            check_hole(hole.expr)
        if self.is_text(hole.expr):
            hole = dataclasses.replace(hole, text=True)
        out.append(hole)

    def constant_text(self, expr: cst.BaseExpression) -> list[Text] | None:
        """The text of ``expr`` when it is a name bound once to literal text, else None."""
        found = self.template(expr) if isinstance(expr, cst.Name) else None
        if found is None:
            return None
        pieces: list[Piece] = []
        try:
            _Flattener(found[1], self.template, True).flatten(found[0], pieces, top=True)
        except NotDecomposable:
            return None
        texts = [piece for piece in pieces if isinstance(piece, Text)]
        return texts if len(texts) == len(pieces) else None

    def is_text(self, expr: cst.BaseExpression, depth: int = 0) -> bool:
        """Is ``expr`` a ``str`` when it runs, whatever its text: a string literal or
        f-string, ``str(...)``, a sum of strings, a string method of a string (a
        literal's ``.format(...)``, ``"".join(...)``, a string's ``.strip()``), or a name
        bound once to one of these."""
        if depth > 4:
            return False
        if isinstance(expr, (cst.SimpleString, cst.FormattedString)):
            return "b" not in expr.prefix.lower()
        if isinstance(expr, cst.ConcatenatedString):
            return self.is_text(expr.left, depth + 1)
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            # both: ``"a" + x`` may be whatever ``x.__radd__`` makes of it
            return self.is_text(expr.left, depth + 1) and self.is_text(expr.right, depth + 1)
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo):
            return self.is_text(expr.left, depth + 1)
        if isinstance(expr, cst.Call):
            if isinstance(expr.func, cst.Name):
                return expr.func.value == "str" and len(expr.args) == 1 and not expr.args[0].star
            return (
                isinstance(expr.func, cst.Attribute)
                and expr.func.attr.value in STRING_METHODS
                and self.is_text(expr.func.value, depth + 1)
            )
        if isinstance(expr, cst.Name):
            found = self.template(expr)
            if found is None:
                return self.text_name(expr)
            return self.is_text(found[0], depth + 1)
        return False

    def fstring(self, expr: cst.FormattedString, out: list[Piece]) -> None:
        if "b" in expr.prefix.lower():
            raise NotDecomposable("the prompt is a bytes literal", runtime=False)
        style = Style(expr.start[-1], expr.start.endswith(expr.start[-1] * 3))
        raw = "r" in expr.prefix.lower()
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                out.append(Text(unescape(part.value, raw, style), style))
                continue
            assert isinstance(part, cst.FormattedStringExpression)
            known = self.constant(part.expression)
            if known is not None and part.conversion is None and part.format_spec is None:
                out.append(Text(known, style))
                continue
            self.hole(Hole(part.expression, style, part), out)

    # --- templates -----------------------------------------------------------
    def template_tail(self, expr: cst.BaseExpression) -> list[Piece]:
        """A filled template as an unknown value followed by its fixed ending, if any."""
        template = expr.func.value if isinstance(expr, cst.Call) else expr.left  # type: ignore[attr-defined]
        try:
            text, style = self.template_text(template)
        except NotDecomposable:
            return [Hole(expr)]
        fields = "%" if isinstance(expr, cst.BinaryOperation) else "{}"
        last_field = max(text.rfind(char) for char in fields)
        tail = text[last_field + 1 :]
        return [Hole(expr), Text(tail, style)] if tail else [Hole(expr)]

    def template_text(self, expr: cst.BaseExpression) -> tuple[str, Style]:
        """The text of a ``.format`` / ``%`` template: a literal, or a name bound to one."""
        found = self.template(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None
        inner = _Flattener(found[1] if found else self.constant, self.template, True)
        pieces: list[Piece] = []
        inner.flatten(found[0] if found else expr, pieces, top=True)
        pieces = merge(pieces)
        if any(isinstance(piece, Hole) for piece in pieces):
            raise NotDecomposable(
                "the template itself holds interpolated values, whose braces or percent "
                "signs are only known at run time"
            )
        text = "".join(piece.value for piece in pieces if isinstance(piece, Text))
        style = next((piece.style for piece in pieces if isinstance(piece, Text)), Style())
        return text, style

    def format_call(self, call: cst.Call, template: cst.BaseExpression, out: list[Piece]) -> None:
        text, style = self.template_text(template)
        positional: list[cst.BaseExpression] = []
        named: dict[str, cst.BaseExpression] = {}
        for arg in call.args:
            if arg.star:
                raise NotDecomposable("the template is filled from `*args` / `**kwargs`")
            if arg.keyword is None:
                positional.append(arg.value)
            else:
                named[arg.keyword.value] = arg.value
        fields: list[Field] = []
        automatic = 0
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as error:
            raise NotDecomposable(
                f"the template does not parse as a format string ({error})"
            ) from None
        for literal, field_name, spec, conversion in parsed:
            if literal:
                fields.append((literal, None, None))
            if field_name is None:
                continue
            if field_name == "":
                field_name, automatic = str(automatic), automatic + 1
            if "{" in (spec or ""):
                raise NotDecomposable("the template nests a field in a format spec")
            if field_name.isdigit():
                index = int(field_name)
                if index >= len(positional):
                    raise NotDecomposable(f"the template reads argument {index}, which is missing")
                value = positional[index]
            elif field_name.isidentifier():
                if field_name not in named:
                    raise NotDecomposable(f"the template reads `{field_name}`, which is missing")
                value = named[field_name]
            else:
                raise NotDecomposable(
                    f"the template reads `{{{field_name}}}`, an attribute or index"
                )
            fields.append((spec or "", value, conversion))
        self.fill(fields, [*positional, *named.values()], style, out)

    def replace_call(self, call: cst.Call, out: list[Piece]) -> None:
        """``TEMPLATE.replace("<<DOC>>", doc)``: one placeholder, a literal, filled
        wherever it is in a template whose text is known, and nowhere in a marker."""
        assert isinstance(call.func, cst.Attribute)
        text, style = self.template_text(call.func.value)
        placeholder = string_value(call.args[0].value)
        if not placeholder:
            raise NotDecomposable("the placeholder is not a literal")
        spans = [match.span() for match in MARKER.finditer(text)]
        fields: list[Field] = []
        value = call.args[1].value
        last = 0
        while (at := text.find(placeholder, last)) >= 0:
            end = at + len(placeholder)
            if any(start < end and at < stop for start, stop in spans):
                raise NotDecomposable("the placeholder is part of a marker")
            if text[last:at]:
                fields.append((text[last:at], None, None))
            fields.append(("", value, None))
            last = end
        if text[last:]:
            fields.append((text[last:], None, None))
        self.fill(fields, [value], style, out)

    def percent(self, expr: cst.BinaryOperation, out: list[Piece]) -> None:
        text, style = self.template_text(expr.left)
        values = expr.right
        fields: list[Field] = []
        position = 0
        ordered: list[cst.BaseExpression] = []
        by_key: dict[str, cst.BaseExpression] = {}
        if isinstance(values, cst.Tuple):
            if any(isinstance(e, cst.StarredElement) for e in values.elements):
                raise NotDecomposable("the `%` values are unpacked from a sequence")
            ordered = [element.value for element in values.elements]
        elif isinstance(values, cst.Dict):
            for element in values.elements:
                if not isinstance(element, cst.DictElement) or not isinstance(
                    element.key, cst.SimpleString
                ):
                    raise NotDecomposable("the `%` mapping has keys that are not literals")
                key = element.key.evaluated_value
                assert isinstance(key, str)
                by_key[key] = element.value
        elif self.constant(values) is not None or isinstance(
            values, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
        ):
            ordered = [values]
        else:
            raise NotDecomposable(
                "the `%` operand may be a tuple; what it fills in is only known at run time"
            )
        last = 0
        for match in PERCENT.finditer(text):
            literal, last = text[last : match.start()], match.end()
            if match.group() == "%%":
                literal += "%"
            if literal:
                fields.append((literal, None, None))
            if match.group() == "%%":
                continue
            key, kind = match.group("key"), match.group("kind")
            if kind is None:
                raise NotDecomposable(
                    f"the template uses `{text[match.start() : match.end() + 4]}...`, "
                    "a `%` format the tool does not rewrite"
                )
            if key is not None:
                if key not in by_key:
                    raise NotDecomposable(f"the template reads `%({key})s`, which is missing")
                value = by_key[key]
            else:
                if position >= len(ordered):
                    raise NotDecomposable("the template has more `%s` fields than values")
                value, position = ordered[position], position + 1
            fields.append(("", value, kind))
        if text[last:]:
            fields.append((text[last:], None, None))
        if position != len(ordered) or (by_key and ordered):
            raise NotDecomposable("the template and its `%` values do not match")
        self.fill(fields, [*ordered, *by_key.values()], style, out)

    def fill(
        self,
        fields: list[Field],
        arguments: list[cst.BaseExpression],
        style: Style,
        out: list[Piece],
    ) -> None:
        """Template text and its fields as pieces; the values keep their evaluation."""
        used = [value for _text, value, _conversion in fields if value is not None]
        complex_arguments = [id(value) for value in arguments if not is_simple(value)]
        complex_uses = [id(value) for value in used if not is_simple(value)]
        if complex_uses != complex_arguments:
            raise NotDecomposable(
                "a value the template fills in is a computed expression that would not be "
                "evaluated exactly once, in order"
            )
        for text, value, conversion in fields:
            if value is None:
                out.append(Text(text, style))
                continue
            known = self.constant(value)
            if known is None and isinstance(value, cst.SimpleString):
                evaluated = value.evaluated_value
                known = evaluated if isinstance(evaluated, str) else None
            if isinstance(value, cst.Integer) and not text and conversion in (None, "s", "r"):
                # ``.format(count=3)``: the digits, not ``f"{3}"``.
                out.append(Text(str(int(value.value.replace("_", ""), 0)), style))
                continue
            if known is not None and not text and conversion in (None, "s"):
                out.append(Text(known, style))
                continue
            if known is not None:
                raise NotDecomposable("a marker is filled in with a conversion or format spec")
            spec = [cst.FormattedStringText(text)] if text else None
            part = cst.FormattedStringExpression(
                expression=value, conversion=conversion, format_spec=spec
            )
            self.hole(Hole(value, style, part), out)
