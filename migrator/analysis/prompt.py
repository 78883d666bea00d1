"""The legacy-prompt decomposer shared by the prompt rules.

A Text Completions prompt is one string with ``"\\n\\nHuman:"`` and
``"\\n\\nAssistant:"`` markers. The decomposer flattens the expression that
builds it into *pieces*, known text and expression *holes*, splits the known
text at the markers, and returns a :class:`Conversation`: an optional system
prompt, the turns, and an optional prefill. Holes stay expressions: an f-string
hole stays an f-string hole inside the message it falls in.

Whatever the decomposer cannot prove (a marker that could come from a value
only known at run time, a prompt that is not a string) raises
:class:`NotDecomposable` with a reason a person can act on.

The steps are :mod:`migrator.analysis.prompt_flatten`, :mod:`migrator.analysis.prompt_split` and
:mod:`migrator.analysis.prompt_render`; this module holds what they share: the markers,
the pieces, the conversation and the error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

HUMAN = "\n\nHuman:"
ASSISTANT = "\n\nAssistant:"
MARKER = re.compile(r"\n\nHuman:|\n\nAssistant:")


class NotDecomposable(Exception):
    """The prompt cannot be proven to split into a conversation; ``str(e)`` says why.

    ``runtime`` is False when converting at run time would not help either:
    the prompt is not text, or its literal text already shows that the legacy
    API refused it.
    """

    def __init__(self, reason: str, *, runtime: bool = True) -> None:
        super().__init__(reason)
        self.runtime = runtime


@dataclass(frozen=True)
class Style:
    """How a string literal was spelled, so rendered text looks like its source."""

    quote: str = '"'
    triple: bool = False


@dataclass(frozen=True)
class Text:
    value: str
    style: Style = field(default_factory=Style)


@dataclass(frozen=True)
class Hole:
    """A value only known at run time.

    ``part`` is set for a hole taken from an f-string (it keeps its conversion
    and format spec); otherwise ``expr`` was an operand of ``+`` and is already
    a string.
    """

    expr: cst.BaseExpression
    style: Style | None = None
    part: cst.FormattedStringExpression | None = None
    # The value is proven to be a string without markers (a name bound once
    # to such a literal), so it may stand anywhere, even before the first turn.
    plain: bool = False
    # A plain value's text, where the hole shows it as it is (no ``!r``, no spec).
    value: str | None = None
    # The value is proven to be a string, whatever its text (an f-string, a literal's
    # ``.format(...)``, ``str(...)``): alone, it needs no f-string around it.
    text: bool = False


Piece = Text | Hole


def known_alone(pieces: list[Piece] | None) -> bool:
    """One piece whose text is known: a literal, or a constant shown as it is (``SYSTEM``).
    Read where the prompt is sent, it is the same value as where the prompt was built."""
    alone = pieces[0] if pieces and len(pieces) == 1 else None
    return isinstance(alone, Text) or (isinstance(alone, Hole) and alone.value is not None)


@dataclass
class Conversation:
    system: list[Piece] | None
    turns: list[tuple[str, list[Piece]]]
    prefill: list[Piece] | None
    style: Style


@dataclass(frozen=True)
class Rendered:
    """A conversation's parts as Python source, rendered once by :func:`render_all`."""

    system: str | None
    turns: list[tuple[str, str]]
    prefill: str | None


ConstantLookup = Callable[[cst.BaseExpression], "str | None"]
# A name that holds a template string: its value and how to read names there.
TemplateLookup = Callable[[cst.BaseExpression], "tuple[cst.BaseExpression, ConstantLookup] | None"]


def merge(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].value + piece.value, merged[-1].style)
        elif isinstance(piece, Text) and not piece.value:
            continue
        else:
            merged.append(piece)
    return merged
