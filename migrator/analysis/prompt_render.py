"""The last step of the decomposer: a conversation's parts written back as Python source.

Known text becomes string literals in the prompt's own quoting, holes stay the
expressions they were (inside f-strings where they came from one).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

import libcst as cst

from migrator.analysis.prompt import (
    Conversation,
    Hole,
    NotDecomposable,
    Piece,
    Rendered,
    Style,
    Text,
)
from migrator.code.syntax import string_value, walk


def render_all(conversation: Conversation, code_for: Callable[[cst.CSTNode], str]) -> Rendered:
    """Every part as source; raises NotDecomposable when one cannot be written."""
    read = _response_text_read(conversation)
    if read is not None:
        # Another site rewrites that read, which messages written from the prompt's code
        # would not show: the prompt is converted where it is built.
        raise NotDecomposable(
            f"the prompt reads a response's text (`{code_for(read)}`), which is rewritten "
            "where the prompt is built"
        )
    return Rendered(
        render(conversation.system, code_for) if conversation.system is not None else None,
        [(role, render(body, code_for)) for role, body in conversation.turns],
        render(conversation.prefill, code_for) if conversation.prefill is not None else None,
    )


def render(pieces: Sequence[Piece], code_for: Callable[[cst.CSTNode], str]) -> str:
    """Python source for a string expression equal to the pieces joined at run time."""
    groups: list[tuple[Style | None, list[Piece]]] = []
    for piece in pieces:
        if isinstance(piece, Hole) and piece.part is None:
            groups.append((None, [piece]))
            continue
        style = piece.style if piece.style is not None else Style()
        if isinstance(piece, Text) and groups and groups[-1][0] is not None:
            groups[-1][1].append(piece)
        elif groups and groups[-1][0] == style:
            groups[-1][1].append(piece)
        else:
            groups.append((style, [piece]))
    rendered = [_render_group(style, group, code_for) for style, group in groups]
    return " + ".join(rendered) if rendered else '""'


def _render_group(
    style: Style | None, group: list[Piece], code_for: Callable[[cst.CSTNode], str]
) -> str:
    if style is None:
        (hole,) = group
        assert isinstance(hole, Hole)
        return code_for(hole.expr)
    if len(group) == 1 and isinstance(group[0], Hole) and group[0].text:
        part = group[0].part
        if part is None or (part.conversion is None and part.format_spec is None):
            return code_for(group[0].expr)  # already a string: no f-string around it
    if style.triple and not any(
        "\n" in (p.value if isinstance(p, Text) else code_for(p.expr)) for p in group
    ):
        style = Style(style.quote, False)
    is_f = any(isinstance(p, Hole) for p in group)
    if is_f:
        codes = [code_for(p.part) for p in group if isinstance(p, Hole) and p.part is not None]
        if not _fits(codes, style):
            other = Style("'" if style.quote == '"' else '"', style.triple)
            if not _fits(codes, other):
                raise NotDecomposable(
                    "an interpolated expression holds quotes or backslashes that an f-string "
                    "cannot hold before Python 3.12"
                )
            style = other
    body = []
    for index, piece in enumerate(group):
        if isinstance(piece, Text):
            body.append(_escape(piece.value, style, is_f, at_end=index == len(group) - 1))
        else:
            assert piece.part is not None
            body.append(code_for(piece.part))
    quote = style.quote * (3 if style.triple else 1)
    text = "".join(body)
    if style.triple and text.endswith(style.quote):
        backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
        if backslashes % 2 == 0:  # the closing quotes would swallow it
            text = text[:-1] + "\\" + style.quote
    source = ("f" if is_f else "") + quote + text + quote
    if not is_f and ast.literal_eval(source) != "".join(
        p.value for p in group if isinstance(p, Text)
    ):
        raise AssertionError(f"rendered literal does not round-trip: {source!r}")
    return source


def _fits(codes: list[str], style: Style) -> bool:
    """Each expression can sit inside an f-string of ``style`` (Python 3.8 to 3.11 rules)."""
    for code in codes:
        if "\\" in code or style.quote in code or (not style.triple and "\n" in code):
            return False
    return True


def _escape(text: str, style: Style, fstring: bool, at_end: bool = False) -> str:
    out = []
    for index, char in enumerate(text):
        if char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\n" if style.triple else "\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\t" if style.triple else "\\t")
        elif char == style.quote:
            following = text[index + 1 : index + 2]
            last = at_end and index == len(text) - 1
            needs = not style.triple or following == style.quote or last
            out.append("\\" + char if needs else char)
        elif fstring and char in "{}":
            out.append(char * 2)
        elif ord(char) < 32 or char == "\x7f":
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)


def _response_text_read(conversation: Conversation) -> cst.CSTNode | None:
    """A read of a response's text in the prompt's holes: ``r.completion``,
    ``r["completion"]``."""
    pieces = [*(conversation.system or []), *(conversation.prefill or [])]
    pieces += [piece for _role, turn in conversation.turns for piece in turn]
    for piece in pieces:
        if not isinstance(piece, Hole):
            continue
        for node in walk(piece.expr):
            if isinstance(node, cst.Attribute) and node.attr.value == "completion":
                return node
            if isinstance(node, cst.Subscript) and any(
                isinstance(e.slice, cst.Index) and string_value(e.slice.value) == "completion"
                for e in node.slice
            ):
                return node
    return None
