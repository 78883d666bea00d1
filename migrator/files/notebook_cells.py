"""A notebook's code cells as one module: joined at marker comments, cut back, and placed.

The kernel's cells are joined in order behind a marker each, cut back into cells at the
markers after migration, and a line of the joined module is placed as ``cell N, line L``;
a ``%%writefile x.py`` cell is a program of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from migrator.core.findings import Finding
from migrator.files.notebook_ipython import mask, unmask
from migrator.files.notebook_json import NotebookError, code_sources

if TYPE_CHECKING:
    import libcst as cst

    from migrator.engine.rendering import HelperPlace

# `%%writefile [-a] target` (`%%file` is its alias): the cell's body is written to target.
_WRITEFILE = re.compile(
    r"[ \t]*%%(?:writefile|file)(?:[ \t]+(?:-a|--append))?[ \t]+(?P<target>\S.*?)[ \t]*"
)


@dataclass
class Cell:
    number: int  # 1-based, counting every cell
    source: str
    as_list: bool
    body: str  # the source with IPython syntax masked, ending with a newline unless empty
    first_line: int = 0  # of the body, in the joined module
    masks: dict[str, tuple[str, str]] = field(default_factory=dict)  # see mask
    magic_lines: list[int] = field(default_factory=list)
    head: str = ""  # a %%writefile cell's magic line, above its body

    @property
    def lines(self) -> int:
        return self.body.count("\n")


def code_cells(document: dict[str, object], nonce: str) -> list[Cell]:
    found = []
    for number, raw, source in code_sources(document):
        masked = mask(source, f"_migrator_ipython_{nonce}_{number}_")
        if masked is None:
            continue  # a cell magic whose body is not Python
        body, masks, magic_lines = masked
        if body and not body.endswith("\n"):
            body += "\n"
        found.append(
            Cell(number, source, isinstance(raw, list), body, masks=masks, magic_lines=magic_lines)
        )
    return found


def program_cells(document: dict[str, object]) -> list[Cell]:
    """The ``%%writefile x.py`` cells: their body is a Python program of its own."""
    found = []
    for number, raw, source in code_sources(document):
        head = source.splitlines(keepends=True)[0] if source else ""
        magic = _WRITEFILE.fullmatch(head.rstrip("\r\n"))
        if magic is None or not _writes_python(magic["target"]):
            continue
        body = source[len(head) :]
        if body and not body.endswith("\n"):
            body += "\n"
        found.append(Cell(number, source, isinstance(raw, list), body, head=head))
    return found


def _writes_python(target: str) -> bool:
    """Whether ``%%writefile``'s target (quoted or not) names a Python source file."""
    if len(target) > 1 and target[0] == target[-1] and target[0] in "\"'":
        target = target[1:-1]
    return target.endswith(".py")


def helper_cell(cells: Sequence[Cell], nonce: str) -> HelperPlace:
    """Where a notebook's runtime helpers go: in the first code cell that runs before their
    first use and holds no IPython line (an install or magic cell runs apart from the code,
    and is often skipped), after that cell's imports."""
    marker = re.compile(rf"# migrator-notebook-cell (\d+) {nonce}$")

    def place(module: cst.Module, names: Collection[str]) -> tuple[int, bool]:
        from migrator.code.syntax import is_preamble

        number = cells[0].number  # the first cell's marker is in the module's header
        cell_of: list[int] = []
        starts: set[int] = set()
        for index, statement in enumerate(module.body):
            for line in statement.leading_lines:
                found = marker.match(line.comment.value) if line.comment else None
                if found:
                    number = int(found[1])
                    starts.add(index)
            cell_of.append(number)
        used = (
            cell_of[index]
            for index, statement in enumerate(module.body)
            if any(name in module.code_for_node(statement) for name in names)
        )
        first_use = next(used, cell_of[-1] if cell_of else number)
        plain = [cell.number for cell in cells if not cell.masks and cell.number <= first_use]
        wanted = plain[0] if plain else first_use
        at = next((i for i, cell in enumerate(cell_of) if cell == wanted), len(cell_of))
        start = at
        while at < len(cell_of) and cell_of[at] == wanted and is_preamble(module.body[at]):
            at += 1
        return at, at == start and at in starts

    return place


def _marker(number: int, nonce: str) -> str:
    return f"# migrator-notebook-cell {number} {nonce}\n"


def join(cells: list[Cell], nonce: str) -> str:
    parts = []
    line = 1
    for cell in cells:
        parts.append(_marker(cell.number, nonce))
        cell.first_line = line + 1
        parts.append(cell.body)
        line += 1 + cell.lines
    return "".join(parts)


def split(module: str, cells: list[Cell], nonce: str) -> dict[int, str]:
    """Each cell's new source, cut from the migrated module at the markers."""
    pattern = re.compile(rf"^# migrator-notebook-cell (\d+) {nonce}\r?\n", re.M)
    found = list(pattern.finditer(module))
    if [int(match[1]) for match in found] != [cell.number for cell in cells]:
        raise NotebookError("the migrated code could not be cut back into its cells")
    sources = {}
    for index, (cell, match) in enumerate(zip(cells, found, strict=True)):
        end = found[index + 1].start() if index + 1 < len(found) else len(module)
        body = module[match.end() : end]
        if index == 0:
            # Code written above the first cell's marker (an import) belongs to the first cell.
            body = module[: match.start()] + body
        body = unmask(body, cell.masks)
        if not cell.source.endswith("\n") and body.endswith("\n"):
            body = body[:-1]
        sources[cell.number] = body
    return sources


class Placer:
    """Lines of the joined module as cell numbers and lines within cells."""

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells

    def where(self, line: int) -> tuple[int, int]:
        for cell in self.cells:
            if line < cell.first_line + max(cell.lines, 1):
                return cell.number, max(1, line - cell.first_line + 1)
        last = self.cells[-1]
        return last.number, max(1, line - last.first_line + 1)

    def finding(self, finding: Finding) -> Finding:
        cell, line = self.where(finding.line)
        return replace(finding, cell=cell, line=line)

    def locate(self, path: str) -> Callable[[int, int], str]:
        def locate(line: int, column: int) -> str:
            cell, in_cell = self.where(line)
            return f"{path}:cell {cell}:line {in_cell}:col {column}"

        return locate
