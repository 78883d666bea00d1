"""Findings moved from the text a run read to the text it wrote.

The engine reports every finding where it saw it, in the file as it was: that
is what ``check`` prints, and what the result cache keeps. Once ``migrate``
has written a file (or, with ``--diff``, would), a line above a finding may
have come or gone: a runtime helper inserted after the imports, a ``#
migrator: manual`` comment above a statement, a call laid over more lines.
A person reading ``path:line:col`` then opens the new file, so ``migrate``
reports its findings there.

The old text is aligned with the new one line by line (:mod:`difflib`): a
position on a line kept as it was moves with it, column and all. A position
on a line that was rewritten is aligned token by token within the
block of lines that replaced it, so ``model="claude-2"`` still points at
``model=`` once the call is laid over several lines; text that was replaced
maps to the start of what replaced it. Notebooks are aligned cell by cell:
their findings name a cell and a line within it.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from migrator.core.findings import Finding

# Lines end where CPython and libcst end them; str.splitlines also splits at form
# feeds and other separators, which would shift every position after one.
_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")
# Names, numbers, runs of blanks, line breaks, and any other character, one token each.
_TOKEN = re.compile(r"\w+|[ \t]+|\r\n|.", re.DOTALL)
# A rewritten block longer than this (in characters, both sides together) is aligned
# line by line only: aligning its tokens costs about the product of the two lengths.
MAX_BLOCK = 20_000

Position = tuple[int, int]  # line from 1, column from 1


def as_written(
    findings: Sequence[Finding], before: str, after: str, *, notebook: bool = False
) -> list[Finding]:
    """``findings`` of ``before``, at their positions in ``after``, in the same order.

    In a notebook (``before`` and ``after`` are its JSON), each finding with a
    cell is moved within that cell's code.
    """
    if before == after:
        return list(findings)
    if notebook:
        return _in_cells(findings, before, after)
    move = mover(before, after)
    return [_moved(finding, move) for finding in findings]


def _in_cells(findings: Sequence[Finding], before: str, after: str) -> list[Finding]:
    from migrator.files.notebook_json import NotebookError, cell_sources

    try:
        old, new = cell_sources(before), cell_sources(after)
    except NotebookError:
        return list(findings)
    movers: dict[int, Callable[[int, int], Position]] = {}
    moved = []
    for finding in findings:
        cell = finding.cell
        if cell is None or cell not in old or cell not in new:
            moved.append(finding)
            continue
        if cell not in movers:
            movers[cell] = mover(old[cell], new[cell])
        moved.append(_moved(finding, movers[cell]))
    return moved


def _moved(finding: Finding, move: Callable[[int, int], Position]) -> Finding:
    line, column = move(finding.line, finding.column)
    if (line, column) == (finding.line, finding.column):
        return finding
    return replace(finding, line=line, column=column)


def lines_of(text: str) -> list[str]:
    """The lines of ``text`` with their endings (``\\n``, ``\\r\\n`` or ``\\r``)."""
    lines = _LINE_END.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def mover(before: str, after: str) -> Callable[[int, int], Position]:
    """A function from a (line, column) of ``before`` to where that text is in ``after``."""
    old, new = lines_of(before), lines_of(after)
    blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    starts = [block[1] for block in blocks]

    @cache
    def aligned(index: int) -> Callable[[int], int | None]:
        _tag, i1, i2, j1, j2 = blocks[index]
        return _characters("".join(old[i1:i2]), "".join(new[j1:j2]))

    def move(line: int, column: int) -> Position:
        at = line - 1
        if not blocks or at < 0:
            return line, column
        if at >= len(old):  # past the end (an empty file, a default position): keep the distance
            return max(1, line + len(new) - len(old)), column
        index = bisect.bisect_right(starts, at) - 1
        tag, i1, i2, j1, j2 = blocks[index]
        if tag == "equal":
            return j1 + at - i1 + 1, column
        if j1 == j2:  # the line is gone: the code that now follows where it was
            return _code_from(new, j1)
        width = sum(map(len, old[i1:i2])) + sum(map(len, new[j1:j2]))
        if width > MAX_BLOCK:
            return min(j1 + at - i1, j2 - 1) + 1, column
        within = min(column - 1, len(old[at].rstrip("\r\n")))
        offset = aligned(index)(sum(map(len, old[i1:at])) + within)
        if offset is None:  # only blanks follow in the block
            return _code_from(new, j2)
        return _position(new[j1:j2], offset, first_line=j1 + 1)

    return move


def _characters(before: str, after: str) -> Callable[[int], int | None]:
    """A function from an offset of ``before`` to the offset of the same text in ``after``.

    The two are aligned by tokens (names, numbers, runs of blanks, any other character),
    so that a name kept whole is found whole: ``client.completions`` aligns ``client``
    with the ``client`` of ``_legacy_completion(client.messages``, not with letters of
    ``_legacy_completion``. Text kept moves exactly; text that was replaced maps to the
    start of what replaced it, text that was removed to what follows it; None when only
    blanks follow.
    """
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    old_starts = [0, *itertools.accumulate(map(len, old))]
    new_starts = [0, *itertools.accumulate(map(len, new))]
    operations = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    firsts = [operation[1] for operation in operations]

    def offset(at: int) -> int | None:
        token = min(bisect.bisect_right(old_starts, at) - 1, max(len(old) - 1, 0))
        index = max(bisect.bisect_right(firsts, token) - 1, 0)
        tag, i1, _i2, j1, _j2 = operations[index]
        if tag == "equal":
            return new_starts[j1 + token - i1] + at - old_starts[token]
        # The first thing a person sees of the replacement (or of what follows what was
        # removed), not the line break or the blanks before it.
        start = j1
        while start < len(new) and new[start].isspace():
            start += 1
        return new_starts[start] if start < len(new) else None

    return offset


def _position(lines: Sequence[str], offset: int, first_line: int) -> Position:
    """The (line, column) of a character offset into the joined ``lines``."""
    for number, text in enumerate(lines):
        if offset < len(text) or number == len(lines) - 1:
            column = min(offset, len(text.rstrip("\r\n"))) + 1
            return first_line + number, column
        offset -= len(text)
    return first_line, 1


def _code_from(lines: Sequence[str], index: int) -> Position:
    """The first code at or after ``lines[index]`` (its indentation skipped): where a
    person lands when what a finding was about is gone. The last line when none is."""
    for number in range(index, len(lines)):
        text = lines[number].rstrip("\r\n")
        if text.strip():
            return number + 1, len(text) - len(text.lstrip()) + 1
    return max(len(lines), 1), 1
