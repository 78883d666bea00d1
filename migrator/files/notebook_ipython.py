"""IPython syntax in a notebook's code cells, masked for the parse and restored byte for byte.

Line magics, shell lines and help become a placeholder call (code whose effects the
rules cannot see); a cell magic whose body is not Python leaves its cell alone.
"""

from __future__ import annotations

import re

from migrator.files.notebook_json import NotebookError

PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
_HELP = re.compile(r"[ \t]*(?:\?{1,2}[\w.]+|[\w.]+\?{1,2})[ \t]*")
_FROM_MAGIC = re.compile(r"[ \t]*[\w.]+[ \t]*=[ \t]*[%!]")


def mask(source: str, prefix: str) -> tuple[str, dict[str, tuple[str, str]], list[int]] | None:
    """The cell with each IPython line replaced by a placeholder call, the lines, and
    the (0-based) numbers of the masked lines.

    None for a cell magic whose body is not Python: the cell is left alone.
    """
    lines = source.splitlines(keepends=True)
    masks: dict[str, tuple[str, str]] = {}  # placeholder -> (its indent, the original line)
    magic_lines: list[int] = []
    out: list[str] = []
    scanner = _LineScanner()
    continuing_magic = False
    indent = ""
    for index, line in enumerate(lines):
        content = line.rstrip("\r\n")
        stripped = content.lstrip()
        magic = continuing_magic
        if not magic and index == 0 and stripped.startswith("%%"):
            name = stripped[2:].split(maxsplit=1)[0] if stripped[2:].strip() else ""
            if name not in PYTHON_CELL_MAGICS:
                return None
            magic = True
        elif not magic and scanner.at_statement_start():
            magic = (
                stripped.startswith(("%", "!", "?"))
                or _HELP.fullmatch(content) is not None
                or _FROM_MAGIC.match(content) is not None
            )
        if not magic:
            scanner.feed(line)
            out.append(line)
            continue
        if not continuing_magic:
            indent = content[: len(content) - len(stripped)]
        # A magic continued with a backslash is masked line by line, at its first line's indent.
        continuing_magic = content.endswith("\\")
        placeholder = f"{prefix}{len(masks)}"
        masks[placeholder] = (indent, line)
        magic_lines.append(index)
        # A call: to the rules, an IPython line is code with effects they cannot see.
        out.append(f"{indent}{placeholder}(){line[len(content) :]}")
    return "".join(out), masks, magic_lines


def unmask(text: str, masks: dict[str, tuple[str, str]]) -> str:
    for placeholder, (indent, original) in masks.items():
        pattern = re.compile(rf"^([ \t]*){placeholder}\(\)[ \t]*(\r?\n|$)", re.M)
        matches = list(pattern.finditer(text))
        if len(matches) != 1:
            raise NotebookError("an IPython line could not be put back where it was")
        match = matches[0]
        content = original.rstrip("\r\n")
        if match[1] != indent:
            # A rewrite moved the line into another block: keep the block's indentation.
            content = match[1] + content.removeprefix(indent)
        text = text[: match.start()] + content + match[2] + text[match.end() :]
    return text


class _LineScanner:
    """Whether the next line starts a statement: not inside a string, brackets or after ``\\``."""

    def __init__(self) -> None:
        self.quote: str | None = None
        self.depth = 0
        self.continued = False

    def at_statement_start(self) -> bool:
        return self.quote is None and self.depth == 0 and not self.continued

    def feed(self, line: str) -> None:
        index, comment = 0, False
        while index < len(line):
            char = line[index]
            if self.quote is not None:
                if char == "\\":
                    index += 2
                    continue
                if line.startswith(self.quote, index):
                    index += len(self.quote)
                    self.quote = None
                    continue
                index += 1
                continue
            if char == "#":
                comment = True
                break
            if char in "\"'":
                self.quote = char * 3 if line.startswith(char * 3, index) else char
                index += len(self.quote)
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(0, self.depth - 1)
            index += 1
        if self.quote is not None and len(self.quote) == 1:
            self.quote = None  # a one-line string cannot go on (the cell would not parse)
        self.continued = not comment and self.quote is None and line.rstrip("\r\n").endswith("\\")
