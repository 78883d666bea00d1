"""A baseline: the findings a project accepts for now, so that CI fails only on new ones.

``check --write-baseline FILE`` records each finding as its file, its rule and the code of
its line (the line's text with the surrounding whitespace stripped; in a notebook, the line
within its cell); ``check --baseline FILE`` then reports only the findings the file does not
account for. Line numbers are left out on purpose: an edit above a baselined call moves it,
and a moved call is still the call that was accepted. Entries count: two identical entries
account for two identical findings, and a third is new.

The file is a small JSON document meant to be committed and reviewed: one entry per line,
sorted, with paths relative to the baseline's own folder in POSIX form, so that it reads
the same from any working folder and on any machine. ``BASELINE_VERSION`` changes when its
shape does; a file of another version is refused rather than guessed at.

A run sees only the paths it was given and the rules it ran; entries for other files or
rules are neither reported as gone nor dropped when the baseline is written again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from migrator.code.sourcefile import SourceError, read_source
from migrator.core.findings import Finding
from migrator.core.wording import plural
from migrator.files import filekinds
from migrator.run.run_report import RunReport

BASELINE_VERSION = 1

# Line ends as Python's tokenizer counts them, as finding positions do.
_NEWLINES = re.compile(r"\r\n?|\n")
_ENTRY_KEYS = ("path", "rule", "code")


class BaselineError(Exception):
    """The baseline cannot be read or written; the message names the file and what to do."""


@dataclass(frozen=True, order=True)
class Entry:
    """One accepted finding: where, which rule, and the code of its line."""

    path: str  # POSIX, relative to the baseline's folder
    rule: str
    code: str

    def as_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)


@dataclass(frozen=True)
class Scope:
    """What a run looked at: an entry outside it can be neither matched nor missed."""

    paths: tuple[Path, ...]  # absolute, as :func:`_absolute` spells them
    rules: frozenset[str]  # codes

    @classmethod
    def of(cls, paths: Iterable[Path], rules: Iterable[str]) -> Scope:
        return cls(tuple(_absolute(path) for path in paths), frozenset(rules))

    def holds(self, entry: Entry, folder: Path) -> bool:
        if entry.rule not in self.rules:
            return False
        where = Path(os.path.normpath(folder / entry.path))
        return any(where == path or where.is_relative_to(path) for path in self.paths)


@dataclass(frozen=True)
class Comparison:
    """A run's report with the baselined findings taken out, and what the baseline missed."""

    report: RunReport  # only the new findings
    baselined: int  # findings the baseline accounts for
    gone: int  # entries, within the run's scope, that no finding matched

    def nothing_new(self) -> str:
        """The summary of a run whose every finding is in the baseline."""
        files = plural(self.report.files_seen, "file")
        return f"No new legacy Text Completions calls ({files} checked)."

    def notes(self, path: Path) -> list[str]:
        """What the baseline at ``path`` kept back, and what to do about entries now gone."""
        notes = []
        if self.baselined:
            one = self.baselined == 1
            notes.append(
                f"{plural(self.baselined, 'finding')} in the baseline {path} "
                f"{'is' if one else 'are'} not shown."
            )
        if self.gone:
            entries = plural(self.gone, "baseline entry", "baseline entries")
            notes.append(
                f"{entries} {'is' if self.gone == 1 else 'are'} gone (no longer "
                f"found): run `migrator check --write-baseline {path}` to shrink the baseline."
            )
        return notes


def read(path: Path) -> list[Entry]:
    """The entries of the baseline at ``path``; :class:`BaselineError` says what is wrong."""
    again = f"record a new one with `migrator check --write-baseline {path}`"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file; {again}") from None
    except (OSError, UnicodeDecodeError) as error:
        problem = getattr(error, "strerror", None) or str(error)
        raise BaselineError(f"{path}: cannot read the baseline ({problem}); {again}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"{path}: not JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            f"fix it or {again}"
        ) from None
    return _entries_of(document, path, again)


def _entries_of(document: object, path: Path, again: str) -> list[Entry]:
    if not isinstance(document, dict) or "version" not in document:
        raise BaselineError(f'{path}: not a migrator baseline (no "version" key); {again}')
    version = document["version"]
    if version != BASELINE_VERSION:
        raise BaselineError(
            f"{path}: baseline version {version!r} is not supported (this migrator reads "
            f"version {BASELINE_VERSION}); {again}"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f'{path}: "findings" is not a list; fix it or {again}')
    entries = []
    for number, item in enumerate(findings, 1):
        if (
            not isinstance(item, dict)
            or sorted(item) != sorted(_ENTRY_KEYS)
            or not all(isinstance(value, str) for value in item.values())
        ):
            raise BaselineError(
                f"{path}: finding {number} is not an object of the strings "
                f"{', '.join(_ENTRY_KEYS)}; fix it or {again}"
            )
        entries.append(Entry(item["path"], item["rule"], item["code"]))
    return entries


def record(path: Path, findings: Sequence[Finding], scope: Scope) -> tuple[int, int]:
    """Write the baseline of ``findings`` at ``path``: how many entries it recorded, and how
    many it kept from the file there before, for files or rules outside ``scope``."""
    folder = _absolute(path).parent
    kept: list[Entry] = []
    if path.is_file():
        try:
            kept = [entry for entry in read(path) if not scope.holds(entry, folder)]
        except BaselineError:
            kept = []  # a broken baseline is what --write-baseline is there to replace
    entries = entries_for(findings, folder)
    _write(path, sorted([*entries, *kept]))
    return len(entries), len(kept)


def compare(report: RunReport, entries: Collection[Entry], path: Path, scope: Scope) -> Comparison:
    """``report`` without the findings the baseline at ``path`` accounts for."""
    folder = _absolute(path).parent
    unmatched = Counter(entries)
    findings = sorted(report.findings)
    new: set[int] = set()
    for finding, entry in zip(findings, entries_for(findings, folder), strict=True):
        if unmatched[entry] > 0:
            unmatched[entry] -= 1
        else:
            new.add(id(finding))
    files = [
        dataclasses.replace(file, findings=[f for f in file.findings if id(f) in new])
        for file in report.files
    ]
    gone = sum(count for entry, count in unmatched.items() if scope.holds(entry, folder))
    return Comparison(
        report=dataclasses.replace(report, files=files),
        baselined=len(findings) - len(new),
        gone=gone,
    )


def entries_for(findings: Sequence[Finding], folder: Path) -> list[Entry]:
    """Each finding's entry, in order, for a baseline kept in ``folder``."""
    lines = _Lines()
    return [
        Entry(_relative(finding.path, folder), finding.rule, lines.code(finding))
        for finding in findings
    ]


class _Lines:
    """The lines of the files findings are in, each file (or notebook cell) read once."""

    def __init__(self) -> None:
        self._lines: dict[tuple[str, int | None], list[str]] = {}

    def code(self, finding: Finding) -> str:
        key = (finding.path, finding.cell)
        if key not in self._lines:
            self._lines[key] = _NEWLINES.split(_text(finding.path, finding.cell))
        lines = self._lines[key]
        return lines[finding.line - 1].strip() if 0 < finding.line <= len(lines) else ""


def _text(path: str, cell: int | None) -> str:
    """The text a finding's line number counts in: the file, or a notebook's cell.

    Empty when it cannot be read: the finding is then matched by file and rule alone.
    """
    try:
        text = read_source(Path(path)).text
    except SourceError:
        return ""
    if cell is None or filekinds.kind_of(path) != "notebook":
        return text
    try:
        source = json.loads(text)["cells"][cell - 1]["source"]
    except (ValueError, LookupError, TypeError):
        return ""
    return "".join(source) if isinstance(source, list) else str(source)


def _absolute(path: Path | str) -> Path:
    """``path`` from the root, its folders' symbolic links resolved: one file, one spelling,
    whatever the working folder or the linked checkout it is reached through."""
    absolute = Path(os.path.abspath(path))
    return Path(os.path.realpath(absolute.parent)) / absolute.name


def _relative(path: str, folder: Path) -> str:
    absolute = _absolute(path)
    try:
        return PurePath(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return absolute.as_posix()


def _write(path: Path, entries: Sequence[Entry]) -> None:
    """One entry a line, so that a diff of the baseline shows each finding that came or went;
    written whole or not at all."""
    if entries:
        body = ",\n    ".join(entry.as_json() for entry in entries)
        findings = f"[\n    {body}\n  ]"
    else:
        findings = "[]"
    text = f'{{\n  "version": {BASELINE_VERSION},\n  "findings": {findings}\n}}\n'
    temporary = path.with_name(path.name + ".migrator-tmp")
    try:
        temporary.write_text(text, encoding="utf-8", newline="\n")
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise BaselineError(
            f"{path}: cannot write the baseline ({error.strerror or error}); "
            "give a path in a folder that exists and can be written"
        ) from None
