"""Jupyter notebooks: their code cells migrated as one module, everything else kept.

The code cells are joined into one module, in order, so that a client made
in one cell and called in another is seen as the notebook's kernel sees it.
Each cell starts after a marker comment; after migration the module is cut
back into cells at the markers (a rewrite that lost or moved one leaves the
notebook unchanged and says so), and positions are mapped back to
``cell N, line L``. Cells are numbered from 1, counting every cell, as
notebook editors show them.

IPython syntax is left exactly as written: line magics (``%pip``), shell
lines (``!ls``, ``x = !ls``), help (``obj?``) are replaced by a placeholder
call (code whose effects the rules cannot see) for the parse and restored
byte for byte; a cell magic (``%%bash``)
leaves its whole cell alone, except the magics whose body is Python
(``%%time``, ``%%timeit``, ``%%capture``, ``%%prun``), where only the magic
line is masked. A ``%%writefile app.py`` (or ``%%file``) cell writes its body to a
Python file that runs as a program of its own: it is migrated as a module of its own,
seeing none of the kernel's names, with any runtime helpers it needs inside it; one
whose target is not a ``.py`` file is left alone. Markdown and raw cells,
outputs, execution counts and metadata are not touched: the JSON is written back
as it was read, byte for byte, but for the sources of the changed cells, each
written in the layout its old source had (indentation, ``ensure_ascii``, line
ends); a notebook where that layout cannot be proven is reported and left
unchanged.
"""

from __future__ import annotations

import ast
import hashlib
import itertools
import json
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from migrator.config import Config
from migrator.prefilter import may_contain_legacy
from migrator.result import FileResult
from migrator.rule import Finding, Rule
from migrator.selection import NOTHING, CallChange, LeaveOut

if TYPE_CHECKING:
    import libcst as cst

    from migrator.rendering import HelperPlace

PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
_HELP = re.compile(r"[ \t]*(?:\?{1,2}[\w.]+|[\w.]+\?{1,2})[ \t]*")
_FROM_MAGIC = re.compile(r"[ \t]*[\w.]+[ \t]*=[ \t]*[%!]")
# `%%writefile [-a] target` (`%%file` is its alias): the cell's body is written to target.
_WRITEFILE = re.compile(
    r"[ \t]*%%(?:writefile|file)(?:[ \t]+(?:-a|--append))?[ \t]+(?P<target>\S.*?)[ \t]*"
)


class NotebookError(Exception):
    """The file is not a notebook this tool can read; the message says why."""


@dataclass
class _Cell:
    number: int  # 1-based, counting every cell
    source: str
    as_list: bool
    body: str  # the source with IPython syntax masked, ending with a newline unless empty
    first_line: int = 0  # of the body, in the joined module
    masks: dict[str, tuple[str, str]] = field(default_factory=dict)  # see _mask
    magic_lines: list[int] = field(default_factory=list)
    head: str = ""  # a %%writefile cell's magic line, above its body

    @property
    def lines(self) -> int:
        return self.body.count("\n")


@dataclass
class _Migrated:
    """What one module of the notebook (its kernel's cells, or a written program) became."""

    findings: list[Finding]
    result: FileResult
    new_sources: Callable[[], dict[int, str]]  # by cell number; raises NotebookError
    calls_changed: tuple[CallChange, ...]


def migrate_notebook(
    text: str,
    path: str,
    config: Config,
    rules: Sequence[type[Rule]],
    leave_out: LeaveOut = NOTHING,
) -> FileResult:
    """``leave_out`` names calls by their start in the module the code cells make; the
    calls of ``%%writefile`` programs by their start below that module's last line, each
    program after the one before it (as ``calls_changed`` names them)."""
    try:
        document = _load(text)
    except NotebookError as error:
        return FileResult(path, text, text, error=f"{path}: {error}; it was skipped.")
    nonce = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    cells = _code_cells(document, nonce)
    programs = _program_cells(document)
    # A cell that does not parse raises SyntaxError when it runs, and only that cell: the
    # others are migrated, and what the broken one holds of the legacy API is reported.
    broken = [cell for cell in [*cells, *programs] if not _parses(cell.body)]
    if not _is_python(document) and (broken or not cells):
        # Another kernel's language: only named, never rewritten.
        unread = _unread(path, cells, rules)
        return FileResult(path, text, text, unread, manual_sites=len(unread))
    pins, pinned = _install_pins(cells, path, config, rules)
    unread = _unread(path, broken, rules)
    pins, pinned = sorted([*pins, *unread]), pinned + len(unread)
    cells = [cell for cell in cells if cell not in broken]
    programs = [program for program in programs if program not in broken]
    module = _join(cells, nonce)
    offset = module.count("\n")
    parts = []
    if may_contain_legacy(module.encode("utf-8", "surrogatepass")):
        parts.append(_migrate_kernel(module, cells, nonce, path, config, rules, leave_out))
    for program in programs:
        if may_contain_legacy(program.body.encode("utf-8", "surrogatepass")):
            parts.append(_migrate_program(program, offset, path, config, rules, leave_out))
        offset += program.lines
    if not parts:
        return FileResult(path, text, text, pins, manual_sites=pinned)
    findings = sorted([*pins, *(finding for part in parts for finding in part.findings)])
    counts = {
        "migrated_sites": sum(part.result.migrated_sites for part in parts),
        "manual_sites": sum(part.result.manual_sites for part in parts) + pinned,
    }
    errors = [part.result.error for part in parts if part.result.error]
    error = "\n".join(errors) or None
    unchanged = FileResult(path, text, text, findings, error=error, **counts)
    changed = [part for part in parts if part.result.changed]
    if not changed:
        return unchanged
    views, changes = [], {}
    try:
        new_sources = {
            number: new for part in changed for number, new in part.new_sources().items()
        }
        for cell in sorted([*cells, *programs], key=lambda cell: cell.number):
            new = new_sources.get(cell.number, cell.source)
            if new != cell.source:
                views.append((f"{path}:cell {cell.number}", cell.source, new))
                changes[cell.number] = new.splitlines(keepends=True) if cell.as_list else new
        new_text = _write_back(text, document, changes)
    except NotebookError as error:
        unchanged.error = f"{path}: {error}; the notebook was left unchanged."
        return unchanged
    return FileResult(
        path,
        text,
        new_text,
        findings,
        helpers=set().union(*(part.result.helpers for part in changed)),
        views=views,
        calls_changed=tuple(change for part in changed for change in part.calls_changed),
        rules_changed=tuple(
            dict.fromkeys(code for part in changed for code in part.result.rules_changed)
        ),
        **counts,
    )


def _migrate_kernel(
    module: str,
    cells: list[_Cell],
    nonce: str,
    path: str,
    config: Config,
    rules: Sequence[type[Rule]],
    leave_out: LeaveOut,
) -> _Migrated:
    """The cells the kernel runs, migrated as the one module they make."""
    from migrator.engine import migrate_source  # libcst only for notebooks that need it

    place = _Placer(cells)
    result = migrate_source(
        module,
        path,
        config,
        rules,
        locate=place.locate(path),
        place_helpers=_helper_cell(cells, nonce),
        leave_out=leave_out,
    )
    return _Migrated(
        [place.finding(finding) for finding in result.findings],
        result,
        lambda: _split(result.new_source, cells, nonce),
        result.calls_changed,
    )


def _migrate_program(
    program: _Cell,
    offset: int,
    path: str,
    config: Config,
    rules: Sequence[type[Rule]],
    leave_out: LeaveOut,
) -> _Migrated:
    """A ``%%writefile x.py`` cell's body, migrated as the separate program it is.

    The file runs apart from the notebook (``streamlit run app.py``, a Lambda): it sees
    none of the kernel's names, and cannot count on a runtime module being importable
    where it runs, so the helpers it needs go inside it. Its calls are named ``offset``
    lines further down than in its body, so that they cannot be taken for the kernel's.
    """
    from migrator.engine import migrate_source  # libcst only for notebooks that need it

    lines = program.head.count("\n")  # the magic line is the cell's first line

    def locate(line: int, column: int) -> str:
        return f"{path}:cell {program.number}:line {line + lines}:col {column}"

    def shift(position: tuple[int, int], by: int) -> tuple[int, int]:
        return position[0] + by, position[1]

    own = LeaveOut(
        frozenset(
            shift(call, -offset)
            for call in leave_out.calls
            if offset < call[0] <= offset + program.lines
        ),
        leave_out.rules,
    )
    inline = replace(config, runtime_module=None)
    result = migrate_source(program.body, path, inline, rules, locate=locate, leave_out=own)

    def new_sources() -> dict[int, str]:
        body = result.new_source
        if not program.source.endswith("\n") and body.endswith("\n"):
            body = body[:-1]
        return {program.number: program.head + body}

    changes = tuple(
        CallChange(shift(change.start, offset), frozenset(shift(p, offset) for p in change.linked))
        for change in result.calls_changed
    )
    findings = [
        replace(finding, cell=program.number, line=finding.line + lines)
        for finding in result.findings
    ]
    return _Migrated(findings, result, new_sources, changes)


def _parses(body: str) -> bool:
    try:
        ast.parse(body)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _unread(path: str, cells: Sequence[_Cell], rules: Sequence[type[Rule]]) -> list[Finding]:
    """What the rules say of cells that are not read as Python (evidence of the legacy API)."""
    findings: list[Finding] = []
    for cell in cells:
        result = FileResult(path, cell.source, cell.source, error="not read as Python")
        for rule in rules:
            result = rule().review_output(result)
        findings.extend(replace(finding, cell=cell.number) for finding in result.findings)
    return findings


def _load(text: str) -> dict[str, object]:
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


def _is_python(document: dict[str, object]) -> bool:
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return True
    for key, field_name in (("language_info", "name"), ("kernelspec", "language")):
        section = metadata.get(key)
        if isinstance(section, dict) and isinstance(section.get(field_name), str):
            return section[field_name].lower() == "python"
    return True


def _code_sources(document: dict[str, object]) -> Iterator[tuple[int, object, str]]:
    """Each code cell: its number (from 1), its ``source`` as stored, and its text."""
    for number, cell in enumerate(document["cells"], 1):  # type: ignore[arg-type]
        if cell.get("cell_type") == "code":
            raw = cell["source"]
            yield number, raw, "".join(raw) if isinstance(raw, list) else raw


def _code_cells(document: dict[str, object], nonce: str) -> list[_Cell]:
    found = []
    for number, raw, source in _code_sources(document):
        masked = _mask(source, f"_migrator_ipython_{nonce}_{number}_")
        if masked is None:
            continue  # a cell magic whose body is not Python
        body, masks, magic_lines = masked
        if body and not body.endswith("\n"):
            body += "\n"
        found.append(
            _Cell(number, source, isinstance(raw, list), body, masks=masks, magic_lines=magic_lines)
        )
    return found


def _program_cells(document: dict[str, object]) -> list[_Cell]:
    """The ``%%writefile x.py`` cells: their body is a Python program of its own."""
    found = []
    for number, raw, source in _code_sources(document):
        head = source.splitlines(keepends=True)[0] if source else ""
        magic = _WRITEFILE.fullmatch(head.rstrip("\r\n"))
        if magic is None or not _writes_python(magic["target"]):
            continue
        body = source[len(head) :]
        if body and not body.endswith("\n"):
            body += "\n"
        found.append(_Cell(number, source, isinstance(raw, list), body, head=head))
    return found


def _writes_python(target: str) -> bool:
    """Whether ``%%writefile``'s target (quoted or not) names a Python source file."""
    if len(target) > 1 and target[0] == target[-1] and target[0] in "\"'":
        target = target[1:-1]
    return target.endswith(".py")


def _helper_cell(cells: Sequence[_Cell], nonce: str) -> HelperPlace:
    """Where a notebook's runtime helpers go: in the first code cell that runs before their
    first use and holds no IPython line (an install or magic cell runs apart from the code,
    and is often skipped), after that cell's imports."""
    marker = re.compile(rf"# migrator-notebook-cell (\d+) {nonce}$")

    def place(module: cst.Module, names: Collection[str]) -> tuple[int, bool]:
        from migrator.syntax import is_preamble

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


def _join(cells: list[_Cell], nonce: str) -> str:
    parts = []
    line = 1
    for cell in cells:
        parts.append(_marker(cell.number, nonce))
        cell.first_line = line + 1
        parts.append(cell.body)
        line += 1 + cell.lines
    return "".join(parts)


def _split(module: str, cells: list[_Cell], nonce: str) -> dict[int, str]:
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
        body = _unmask(body, cell.masks)
        if not cell.source.endswith("\n") and body.endswith("\n"):
            body = body[:-1]
        sources[cell.number] = body
    return sources


def _install_pins(
    cells: list[_Cell], path: str, config: Config, rules: Sequence[type[Rule]]
) -> tuple[list[Finding], int]:
    """What the rules say of the requirements of ``%pip install`` lines (never rewritten)."""
    from migrator.dependencies import apply_rules, pip_install_requirements

    findings, manual = [], 0
    for cell in cells:
        lines = cell.source.splitlines(keepends=True)
        starts = [0, *itertools.accumulate(len(line) for line in lines)]
        requirements = [
            requirement
            for index in cell.magic_lines
            for requirement in pip_install_requirements(
                cell.source, starts[index], starts[index] + len(lines[index].rstrip("\r\n"))
            )
        ]
        for plan in apply_rules(requirements, path, config, rules):
            findings.extend(replace(finding, cell=cell.number) for finding in plan.findings)
            manual += plan.manual
    return findings, manual


# --- IPython syntax -------------------------------------------------------------------------


def _mask(source: str, prefix: str) -> tuple[str, dict[str, tuple[str, str]], list[int]] | None:
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


def _unmask(text: str, masks: dict[str, tuple[str, str]]) -> str:
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


# --- positions ------------------------------------------------------------------------------


class _Placer:
    """Lines of the joined module as cell numbers and lines within cells."""

    def __init__(self, cells: list[_Cell]) -> None:
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


def cell_sources(text: str) -> dict[int, str]:
    """The source of each code cell of the notebook ``text``, by the number findings give it.

    What :mod:`migrator.remap` aligns to move a finding from a cell as it was read to the
    same cell as it was written.
    """
    sources = {}
    for number, cell in enumerate(_load(text)["cells"], 1):  # type: ignore[arg-type]
        if cell.get("cell_type") == "code":
            raw = cell["source"]
            sources[number] = "".join(raw) if isinstance(raw, list) else raw
    return sources


# --- the JSON layout ------------------------------------------------------------------------

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


def _write_back(text: str, document: dict[str, object], changes: dict[int, object]) -> str:
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
