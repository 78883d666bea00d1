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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from migrator.analysis.prefilter import may_contain_legacy
from migrator.contract.result import FileResult
from migrator.contract.rule import Rule
from migrator.contract.selection import NOTHING, CallChange, LeaveOut
from migrator.core.config import Config
from migrator.core.findings import Finding
from migrator.files.notebook_cells import (
    Cell,
    Placer,
    code_cells,
    helper_cell,
    join,
    program_cells,
    split,
)
from migrator.files.notebook_json import NotebookError, is_python, load, write_back


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
        document = load(text)
    except NotebookError as error:
        return FileResult(path, text, text, error=f"{path}: {error}; it was skipped.")
    nonce = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    cells = code_cells(document, nonce)
    programs = program_cells(document)
    # A cell that does not parse raises SyntaxError when it runs, and only that cell: the
    # others are migrated, and what the broken one holds of the legacy API is reported.
    broken = [cell for cell in [*cells, *programs] if not _parses(cell.body)]
    if not is_python(document) and (broken or not cells):
        # Another kernel's language: only named, never rewritten.
        unread = _unread(path, cells, rules)
        return FileResult(path, text, text, unread, manual_sites=len(unread))
    pins, pinned = _install_pins(cells, path, config, rules)
    unread = _unread(path, broken, rules)
    pins, pinned = sorted([*pins, *unread]), pinned + len(unread)
    cells = [cell for cell in cells if cell not in broken]
    programs = [program for program in programs if program not in broken]
    module = join(cells, nonce)
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
        new_text = write_back(text, document, changes)
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
    cells: list[Cell],
    nonce: str,
    path: str,
    config: Config,
    rules: Sequence[type[Rule]],
    leave_out: LeaveOut,
) -> _Migrated:
    """The cells the kernel runs, migrated as the one module they make."""
    from migrator.engine.migrate import migrate_source  # libcst only for notebooks that need it

    place = Placer(cells)
    result = migrate_source(
        module,
        path,
        config,
        rules,
        locate=place.locate(path),
        place_helpers=helper_cell(cells, nonce),
        leave_out=leave_out,
    )
    return _Migrated(
        [place.finding(finding) for finding in result.findings],
        result,
        lambda: split(result.new_source, cells, nonce),
        result.calls_changed,
    )


def _migrate_program(
    program: Cell,
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
    from migrator.engine.migrate import migrate_source  # libcst only for notebooks that need it

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


def _unread(path: str, cells: Sequence[Cell], rules: Sequence[type[Rule]]) -> list[Finding]:
    """What the rules say of cells that are not read as Python (evidence of the legacy API)."""
    findings: list[Finding] = []
    for cell in cells:
        result = FileResult(path, cell.source, cell.source, error="not read as Python")
        for rule in rules:
            result = rule().review_output(result)
        findings.extend(replace(finding, cell=cell.number) for finding in result.findings)
    return findings


def _install_pins(
    cells: list[Cell], path: str, config: Config, rules: Sequence[type[Rule]]
) -> tuple[list[Finding], int]:
    """What the rules say of the requirements of ``%pip install`` lines (never rewritten)."""
    from migrator.contract.requirements import pip_install_requirements
    from migrator.files.dependencies import apply_rules

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
