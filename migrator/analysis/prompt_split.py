"""The second step of the decomposer: flattened pieces split at the markers.

The known text before the first Human marker is the system prompt, the turns
alternate after it, and text after the final Assistant marker is the prefill;
a prompt the legacy API refused, or one whose turns a value may hold, raises.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from migrator.analysis.prompt import (
    ASSISTANT,
    HUMAN,
    MARKER,
    Conversation,
    Hole,
    NotDecomposable,
    Piece,
    Style,
    Text,
    merge,
)


def split(pieces: Sequence[Piece]) -> Conversation:
    """Split flattened pieces into system, turns and prefill (see MIGRATION.md changes 1 to 3)."""
    segments: list[tuple[str | None, list[Piece]]] = [(None, [])]
    drop_space = False
    for piece in pieces:
        if isinstance(piece, Hole):
            # The API drops one space after a marker, also from a value's text.
            segments[-1][1].append(_without_leading_space(piece) if drop_space else piece)
            drop_space = False
            continue
        position = 0
        for match in MARKER.finditer(piece.value):
            _append_text(segments[-1][1], piece.value[position : match.start()], piece, drop_space)
            role = "user" if match.group() == HUMAN else "assistant"
            segments.append((role, []))
            drop_space = True
            position = match.end()
        rest = piece.value[position:]
        _append_text(segments[-1][1], rest, piece, drop_space)
        if rest:
            drop_space = False
    style = next((p.style for p in pieces if isinstance(p, Text)), Style())
    return _conversation(segments, style)


def _without_leading_space(hole: Hole) -> Hole:
    """``value.removeprefix(" ")`` for a value right after a marker."""
    if hole.part is not None and not (
        hole.text and hole.part.conversion is None and hole.part.format_spec is None
    ):
        quote = (hole.style or Style()).quote
        if quote in cst.Module([]).code_for_node(hole.part):
            quote = "'" if quote == '"' else '"'
        text = cst.FormattedString([hole.part], start=f"f{quote}", end=quote)
    else:
        text = hole.expr
        if not isinstance(text, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
            text = text.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    call = cst.Call(
        cst.Attribute(text, cst.Name("removeprefix")), [cst.Arg(cst.SimpleString('" "'))]
    )
    return Hole(call, plain=hole.plain, text=True)


def _append_text(into: list[Piece], text: str, source: Text, drop_space: bool) -> None:
    if drop_space and text.startswith(" "):
        text = text[1:]
    if text:
        into.append(Text(text, source.style))


def _conversation(segments: list[tuple[str | None, list[Piece]]], style: Style) -> Conversation:
    system_pieces = segments[0][1]
    turns = segments[1:]
    if not turns or turns[0][0] != "user":
        if any(isinstance(p, Hole) for p in system_pieces):
            raise NotDecomposable(
                'no "\\n\\nHuman:" marker in the literal text; '
                "the interpolated values may hold the turns, which only the runtime converter can see"
            )
        raise NotDecomposable(
            'the prompt has no "\\n\\nHuman:" turn before its first Assistant turn, '
            "which the legacy API refused",
            runtime=False,
        )
    if turns[-1][0] != "assistant":
        if any(isinstance(p, Hole) for p in turns[-1][1]):
            raise NotDecomposable(
                'no "\\n\\nAssistant:" marker after the last Human turn in the literal text; '
                "an interpolated value may end the prompt with one"
            )
        raise NotDecomposable(
            'the prompt does not end with an "\\n\\nAssistant:" turn, which the legacy API refused',
            runtime=False,
        )
    system: list[Piece] | None = system_pieces
    if all(isinstance(p, Text) and not p.value.strip() for p in system_pieces):
        system = None
    for piece in system_pieces:
        if isinstance(piece, Hole) and not piece.plain:
            raise NotDecomposable(
                "a value interpolated before the first Human marker may hold turns of its own; "
                "only the run time can tell"
            )
    prefill = _strip_end(turns[-1][1])
    if prefill and len(turns) > 1 and turns[-2][0] == "assistant":
        raise NotDecomposable("the prompt ends with two Assistant turns in a row")
    merged: list[tuple[str, list[Piece]]] = []
    for role, body in turns[:-1]:
        assert role is not None
        if merged and merged[-1][0] == role:
            merged[-1] = (role, [*merged[-1][1], Text("\n\n", style), *body])
        else:
            merged.append((role, list(body)))
    for role, body in merged:
        if not body:
            raise NotDecomposable(f"the prompt has an empty {role} turn, which Messages rejects")
    if not prefill and merged[-1][0] == "assistant":
        # "...\n\nAssistant: ok\n\nAssistant:": the response continues the last
        # assistant turn, which is a prefill in all but name.
        prefill = _strip_end(merged.pop()[1])
    return Conversation(system, [(r, merge(b)) for r, b in merged], prefill or None, style)


def ends_without_prefill(pieces: Sequence[Piece]) -> bool:
    """The pieces provably end with ``"\\n\\nAssistant:"`` and nothing but whitespace."""
    if not pieces or not isinstance(pieces[-1], Text):
        return False
    text = pieces[-1].value
    return ASSISTANT in text and not text[text.rindex(ASSISTANT) + len(ASSISTANT) :].strip()


def _strip_end(pieces: list[Piece]) -> list[Piece]:
    """The prefill without trailing whitespace, which Messages rejects."""
    pieces = list(pieces)
    while pieces and isinstance(pieces[-1], Text):
        last = pieces[-1]
        assert isinstance(last, Text)
        stripped = last.value.rstrip()
        if stripped:
            pieces[-1] = Text(stripped, last.style)
            return pieces
        pieces.pop()
    last = pieces[-1] if pieces else None
    if isinstance(last, Hole) and last.value and last.value == last.value.rstrip():
        return pieces  # a constant's text, which ends in no whitespace
    if pieces:
        raise NotDecomposable(
            "the prefill after the final Assistant marker ends with an interpolated value; "
            "its trailing whitespace cannot be checked"
        )
    return pieces
