"""A long string literal laid out over lines: the pieces a one-line literal splits into
after each line break it holds, which read as the same string side by side."""

from __future__ import annotations


def string_pieces(text: str) -> list[str] | None:
    """A one-line string literal split after each ``\\n`` escape into adjacent literals
    that read the same (an f-string's pieces without a field lose the ``f``); None when
    it is not one such literal, or holds no line break to split at."""
    prefix = ""
    while text and text[0] in "rRbBuUfF":
        prefix, text = prefix + text[0], text[1:]
    if "r" in prefix.lower() or len(text) < 2 or text[0] not in "\"'" or text[-1] != text[0]:
        return None
    quote, body = text[0], text[1:-1]
    if body.startswith(quote * 2) or quote in body.replace("\\" + quote, ""):
        return None  # triple-quoted, or not one literal
    formatted = "f" in prefix.lower()
    pieces, start, depth, position = [], 0, 0, 0
    while position < len(body):
        char = body[position]
        if formatted and char in "{}":
            if depth == 0 and body[position : position + 2] in ("{{", "}}"):
                position += 2
                continue
            depth += 1 if char == "{" else -1
        elif char == "\\" and depth == 0:
            if body[position + 1 : position + 2] == "n" and position + 2 < len(body):
                pieces.append(body[start : position + 2])
                start = position + 2
            position += 2
            continue
        position += 1
    pieces.append(body[start:])
    if len(pieces) < 2:
        return None
    plain = prefix.replace("f", "").replace("F", "")
    return [
        f"{prefix if formatted and ('{' in piece or '}' in piece) else plain}{quote}{piece}{quote}"
        for piece in pieces
    ]


def laid_out(
    literal: str, head: str | None, tail: str, indent: str, inner: str
) -> list[str] | None:
    """The lines of an item holding ``literal`` (after ``head``, a key and its colon or a
    keyword and its ``=``, when there is one; ``tail`` is its comma), the literal split
    after each line break it holds, in brackets of its own after a head, as a person
    writes a long text."""
    pieces = string_pieces(literal)
    if pieces is None:
        return None
    if head is None:
        return [*(indent + piece for piece in pieces[:-1]), indent + pieces[-1] + tail]
    opening = f"{head} (" if head.endswith(":") else f"{head}("
    return [opening, *(inner + piece for piece in pieces), f"{indent}){tail}"]
