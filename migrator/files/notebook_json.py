"""A notebook's JSON: read and checked, its code cells' sources, and changed sources written back.

Everything but the changed sources is copied as it was read, byte for byte; each new
source is written in the layout its old source had, or the write is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator


class NotebookError(Exception):
    """The file is not a notebook this tool can read; the message says why."""


def load(text: str) -> dict[str, object]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(
            f"not a notebook: invalid JSON ({error.msg} at line {error.lineno}, column "
            f"{error.colno})"
        ) from None
    if not isinstance(document, dict) or "cells" not in document:
        raise NotebookError("not a Jupyter notebook (no list of cells)")
    if document.get("nbformat") != 4:
        raise NotebookError(
            f"nbformat {document.get('nbformat')!r} is not supported, only nbformat 4; "
            "convert it with `jupyter nbconvert --to notebook`"
        )
    cells = document["cells"]
    if not isinstance(cells, list):
        raise NotebookError("not a Jupyter notebook (its cells are not a list)")
    for number, cell in enumerate(cells, 1):
        source = cell.get("source") if isinstance(cell, dict) else None
        if not isinstance(source, (str, list)) or (
            isinstance(source, list) and not all(isinstance(line, str) for line in source)
        ):
            raise NotebookError(f"cell {number} has no source text")
    return document


def is_python(document: dict[str, object]) -> bool:
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return True
    for key, field_name in (("language_info", "name"), ("kernelspec", "language")):
        section = metadata.get(key)
        if isinstance(section, dict) and isinstance(section.get(field_name), str):
            return section[field_name].lower() == "python"
    return True


def code_sources(document: dict[str, object]) -> Iterator[tuple[int, object, str]]:
    """Each code cell: its number (from 1), its ``source`` as stored, and its text."""
    for number, cell in enumerate(document["cells"], 1):  # type: ignore[arg-type]
        if cell.get("cell_type") == "code":
            raw = cell["source"]
            yield number, raw, "".join(raw) if isinstance(raw, list) else raw


def cell_sources(text: str) -> dict[int, str]:
    """The source of each code cell of the notebook ``text``, by the number findings give it.

    What :mod:`migrator.run.remap` aligns to move a finding from a cell as it was read to the
    same cell as it was written.
    """
    sources = {}
    for number, cell in enumerate(load(text)["cells"], 1):  # type: ignore[arg-type]
        if cell.get("cell_type") == "code":
            raw = cell["source"]
            sources[number] = "".join(raw) if isinstance(raw, list) else raw
    return sources


# How json.dumps may have written a cell's source: the indent, the separator of list items
# (Python 2's json wrote ", " at line ends), and whether non-ASCII text is escaped.
_STYLES = [
    (indent, separator, ensure_ascii)
    for indent in (1, 2, 4, 3, 0, "\t", None)
    for separator in ((",", ", ") if indent is not None else (", ", ","))
    for ensure_ascii in (False, True)
]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_INDENT = re.compile(r"[ \t]*")
Style = tuple[int | str | None, str, bool]


def write_back(text: str, document: dict[str, object], changes: dict[int, object]) -> str:
    """The notebook's text with the sources of the cells numbered in ``changes`` replaced.

    Everything else is copied as it was read, byte for byte, whatever its layout (a
    hand-edited line with stray spaces survives). A new source is written in the layout
    that gives its cell's old source exactly; where several do and they write the new one
    differently (an empty list does not show its indent), in the one that reproduces the
    old source of every cell of the notebook. Without such proof it is refused.
    """
    spans = _source_spans(text)
    cells = document["cells"]  # type: ignore[index]
    newline = "\r\n" if "\r\n" in text else "\n"
    pieces, at = [], 0
    for number in sorted(changes):
        start, end = spans[number - 1]
        lead = newline + _base(text, start)
        old = cells[number - 1]["source"]
        fits = [style for style in _STYLES if _rendered(old, style, lead) == text[start:end]]
        written = {_rendered(changes[number], style, lead) for style in fits}
        if len(written) > 1:
            agreed = _agreed_styles(text, spans, cells, newline)
            written = {_rendered(changes[number], style, lead) for style in fits if style in agreed}
        if len(written) != 1:
            raise NotebookError(
                f"the JSON layout of cell {number}'s source is not one this tool can write "
                "back exactly (save the notebook once from Jupyter, or migrate it there)"
            )
        pieces += [text[at:start], written.pop()]
        at = end
    return "".join([*pieces, text[at:]])


def _agreed_styles(
    text: str, spans: list[tuple[int, int]], cells: list[dict[str, object]], newline: str
) -> set[Style]:
    """The layouts that give every cell's source exactly as the notebook holds it."""
    agreed = set(_STYLES)
    for (start, end), cell in zip(spans, cells, strict=True):
        lead = newline + _base(text, start)
        agreed = {
            style for style in agreed if _rendered(cell["source"], style, lead) == text[start:end]
        }
    return agreed


def _base(text: str, at: int) -> str:
    """The indentation of the line that ``at`` is on."""
    return _INDENT.match(text, text.rfind("\n", 0, at) + 1)[0]  # type: ignore[index]


def _rendered(value: object, style: Style, lead: str) -> str:
    """``value`` as JSON in ``style``, each line break followed by ``lead`` (the newline
    and the indentation of the line the value starts on)."""
    indent, separator, ensure_ascii = style
    written = json.dumps(
        value, indent=indent, separators=(separator, ": "), ensure_ascii=ensure_ascii
    )
    return written.replace("\n", lead)


def _source_spans(text: str) -> list[tuple[int, int]]:
    """Where each cell's ``source`` value starts and ends in the notebook's text.

    A reader of just enough JSON to walk the cells (every other value is skipped by
    :mod:`json`'s own scanner); a repeated key counts by its last value, as
    :func:`json.loads` reads it.
    """
    scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]

    def skip(at: int) -> int:
        try:
            return scan(text, at)[1]
        except StopIteration:
            raise NotebookError("its JSON could not be read back") from None

    def members(at: int, value: Callable[[str, int], int]) -> int:
        """The end of the object at ``at``; ``value(key, start)`` reads each value."""
        at = _expect(text, at, "{")
        if text.startswith("}", _space(text, at)):
            return _space(text, at) + 1
        while True:
            key, at = json.decoder.scanstring(text, _expect(text, at, '"'))
            at = value(key, _space(text, _expect(text, at, ":")))
            at = _space(text, at)
            if not text.startswith(",", at):
                return _expect(text, at, "}")
            at += 1

    spans: list[tuple[int, int]] = []

    def cell(key: str, at: int) -> int:
        end = skip(at)
        if key == "source":
            spans[-1] = (at, end)
        return end

    def top(key: str, at: int) -> int:
        if key != "cells":
            return skip(at)
        spans.clear()
        at = _expect(text, at, "[")
        if text.startswith("]", _space(text, at)):
            return _space(text, at) + 1
        while True:
            spans.append((-1, -1))
            at = _space(text, members(_space(text, at), cell))
            if not text.startswith(",", at):
                return _expect(text, at, "]")
            at += 1

    members(_space(text, 0), top)
    if any(start < 0 for start, _ in spans):
        raise NotebookError("its JSON could not be read back")
    return spans


def _space(text: str, at: int) -> int:
    return _WHITESPACE.match(text, at).end()  # type: ignore[union-attr]


def _expect(text: str, at: int, char: str) -> int:
    """Past ``char``, the next character after whitespace at ``at``."""
    at = _space(text, at)
    if not text.startswith(char, at):
        raise NotebookError("its JSON could not be read back")
    return at + 1
