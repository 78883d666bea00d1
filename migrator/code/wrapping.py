"""Long comments the tool writes, wrapped over several comment lines as a reviewer would.

A ``# migrator: manual [...]`` reason can run to two hundred characters; written on one
line it breaks the file's style. It goes over as many comment lines as it needs, each
within the file's own width (its longest line, or 100 columns if that is shorter), at
the statement's indentation. Only the first line holds the ``# migrator:`` marker, so
a comment above a statement still reads as one finding, whatever its length.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

# The start of a comment line that carries on the one above it.
CONTINUATION = "#   "

# A `code span` of a reason, and what stands for a space inside one while it is wrapped.
_CODE_SPAN = re.compile(r"`[^`]*`")
_KEPT = "\x00"

# The widest line a rewrite may write when the file's own lines are all shorter.
WIDEST = 100


def file_width(source: str) -> int:
    """The width a line the tool writes may take: the file's longest line, 100 at least."""
    return max(WIDEST, *(len(line) for line in source.splitlines())) if source else WIDEST


def comment_lines(text: str, room: int) -> list[str]:
    """``text`` (a ``# ...`` comment) over lines of at most ``room`` characters.

    Words are never split: a single word longer than the room keeps its own line.
    """
    if len(text) <= room or not text.startswith("#"):
        return [text]
    # A `code span` is never broken: split, ``# migrator: ignore`` quoted in a reason
    # could start a line of its own and read as a directive.
    body = _CODE_SPAN.sub(lambda span: span.group().replace(" ", _KEPT), text[1:].strip())
    lines = textwrap.wrap(
        body,
        width=max(room, 20),
        initial_indent="# ",
        subsequent_indent=CONTINUATION,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_KEPT, " ") for line in lines] or [text]


def written_already(wanted: Sequence[str], present: Sequence[str]) -> bool:
    """Is the comment ``wanted`` (its lines) above the statement already, wrapped or not?

    A second run over the tool's own output must not write it twice, whatever width
    either run wrapped it to.
    """
    return _words(wanted) in {_words(comment) for comment in _comments(present)}


def _comments(lines: Sequence[str]) -> list[list[str]]:
    """Comment lines grouped into comments: a continuation line belongs to the one above."""
    comments: list[list[str]] = []
    for line in lines:
        if comments and line.startswith(CONTINUATION):
            comments[-1].append(line)
        else:
            comments.append([line])
    return comments


def _words(lines: Sequence[str]) -> str:
    return " ".join(" ".join(line.lstrip("#").split()) for line in lines)


_CARRIED_ON = re.compile(r"\r?\n[ \t]*" + re.escape(CONTINUATION))


def unwrapped(source: str) -> str:
    """``source`` with each wrapped comment back on one line, as it reads.

    For whatever reads the comments the tool writes by their text (the keys a
    ``# migrator: removed`` comment names, a reason quoted in a test).
    """
    return _CARRIED_ON.sub(" ", source)
