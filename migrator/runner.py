"""One run over many files: discover, read, prefilter, migrate, then write or diff.

Never prints; the command line turns a :class:`RunReport` into output. libcst
is imported only when a file passes the prefilter, so a run over clean files
costs a byte scan.
"""

from __future__ import annotations

import difflib
import enum
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from migrator import filekinds
from migrator.config import Config
from migrator.discover import discover
from migrator.rule import Finding, Rule, Safety
from migrator.sourcefile import SourceError, read_source, write_source


class Mode(str, enum.Enum):
    CHECK = "check"
    DIFF = "diff"
    WRITE = "write"


@dataclass
class FileReport:
    path: str
    findings: list[Finding] = field(default_factory=list)
    changed: bool = False
    diff: str = ""
    migrated_sites: int = 0
    manual_sites: int = 0
    error: str | None = None
    helpers: set[str] = field(default_factory=set)


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files_seen: int = 0

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.files for finding in report.findings]

    @property
    def errors(self) -> list[str]:
        return self.problems + [report.error for report in self.files if report.error]

    @property
    def files_changed(self) -> int:
        return sum(report.changed for report in self.files)

    @property
    def migrated_sites(self) -> int:
        return sum(report.migrated_sites for report in self.files)

    @property
    def manual_sites(self) -> int:
        return sum(report.manual_sites for report in self.files)

    def count(self, fix: Safety) -> int:
        return sum(finding.fix is fix for finding in self.findings)


Progress = Callable[[str], None]


def run(
    paths: Sequence[Path],
    config: Config,
    rules: Sequence[type[Rule]],
    mode: Mode,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> RunReport:
    found = discover(
        paths,
        exclude=config.exclude,
        respect_gitignore=config.respect_gitignore,
        extensions=filekinds.EXTENSIONS,
        filenames=filekinds.DEPENDENCY_FILES,
    )
    report = RunReport(
        problems=[f"{problem.path}: {problem.message}" for problem in found.problems]
    )
    report.files_seen = len(found.files)
    runtime_target: Path | None = None
    if config.runtime_module and mode is not Mode.CHECK:
        where = _runtime_target(paths, config)
        if isinstance(where, str):
            report.problems.append(where)
            return report
        runtime_target = where
    if on_total is not None:
        on_total(len(found.files))
    for path in found.files:
        outcome = process_file(path, config, rules, mode)
        if outcome is not None:
            report.files.append(outcome)
        if progress is not None:
            progress(str(path))
    if runtime_target is not None and any(outcome.helpers for outcome in report.files):
        outcome = _runtime_module(runtime_target, config, mode)
        if outcome is not None:
            report.files.append(outcome)
    return report


def _runtime_target(paths: Sequence[Path], config: Config) -> Path | str:
    """Where the module named by ``runtime_module`` lives, or why it cannot be written.

    Its path is the dotted name under the project root: the folder of the
    ``pyproject.toml`` that holds the configuration, else the current folder.
    """
    from migrator.config import find_pyproject

    assert config.runtime_module is not None
    start = paths[0] if paths and paths[0].exists() else Path(".")
    pyproject = find_pyproject(start)
    root = pyproject.parent if pyproject is not None else Path(".").resolve()
    parts = config.runtime_module.split(".")
    target = root.joinpath(*parts[:-1], parts[-1] + ".py")
    if not target.exists() and root.joinpath(*parts, "__init__.py").exists():
        target = root.joinpath(*parts, "__init__.py")
    setting = f"runtime_module = {config.runtime_module!r}"
    if not target.parent.is_dir():
        return (
            f"{setting}: the folder {target.parent} does not exist, so the runtime converter "
            "has nowhere to go; create the package or name another module. Nothing was changed."
        )
    if target.exists() and not target.is_file():
        return (
            f"{setting}: {target} is not a file, so the runtime converter cannot be written "
            "there; name another module. Nothing was changed."
        )
    if not os.access(target if target.exists() else target.parent, os.W_OK):
        return (
            f"{setting}: {target} cannot be written; make it writable or name another module. "
            "Nothing was changed."
        )
    return target


def _runtime_module(target: Path, config: Config, mode: Mode) -> FileReport | None:
    """Create the module named by ``runtime_module`` (or add the helpers it lacks)."""
    from migrator.runtime import (
        MODEL_HELPER,
        PROMPT_HELPER,
        REQUEST_HELPER,
        model_helper,
        module_source,
        prompt_helper,
        request_helper,
    )

    try:
        shown = str(target.resolve().relative_to(Path.cwd()))
    except ValueError:
        shown = str(target)
    before = ""
    if target.exists():
        try:
            before = read_source(target).text
        except SourceError as error:
            return FileReport(shown, error=error.message)
    sources = {
        PROMPT_HELPER: prompt_helper(),
        MODEL_HELPER: model_helper(config),
        REQUEST_HELPER: request_helper(config),
    }
    missing = [source for name, source in sources.items() if f"def {name}(" not in before]
    if not missing:
        return None
    if before.strip():
        after = before.rstrip("\n") + "\n\n\n" + "\n\n".join(missing)
    else:
        after = module_source(config)
    outcome = FileReport(shown, changed=True)
    if mode is Mode.DIFF:
        outcome.diff = unified_diff(shown, before, after)
    elif mode is Mode.WRITE:
        try:
            _write_new(target, before, after)
        except OSError as error:
            outcome.changed = False
            outcome.error = f"{shown}: cannot write the runtime converter: {error.strerror}"
    return outcome


def _write_new(target: Path, before: str, after: str) -> None:
    if target.exists():
        write_source(read_source(target), after)
        return
    temporary = target.with_name(target.name + ".migrator-tmp")
    temporary.write_text(after, encoding="utf-8")
    temporary.replace(target)


def process_file(
    path: Path, config: Config, rules: Sequence[type[Rule]], mode: Mode
) -> FileReport | None:
    """The report of one file, or None when it holds nothing to migrate."""
    try:
        source = read_source(path)
    except SourceError as error:
        return FileReport(str(path), error=error.message)
    kind = filekinds.kind_of(path)
    if not filekinds.may_need_work(kind, source.raw):
        return None
    try:
        result = filekinds.migrate_text(kind, source.text, str(path), config, rules)
    except Exception as error:  # a bug must cost one file, never the run
        return FileReport(
            str(path),
            error=f"{path}: internal error ({type(error).__name__}: {error}); the file was left "
            "unchanged. Please report this as a bug, with the call site if you can.",
        )
    outcome = FileReport(
        str(path),
        findings=result.findings,
        changed=result.changed,
        migrated_sites=result.migrated_sites,
        manual_sites=result.manual_sites,
        error=result.error,
        helpers=result.helpers,
    )
    if not result.changed:
        return outcome
    if mode is Mode.DIFF:
        outcome.diff = "".join(unified_diff(*view) for view in result.diff_views())
    elif mode is Mode.WRITE:
        try:
            write_source(source, result.new_source)
        except SourceError as error:
            outcome.changed = False
            outcome.error = error.message
    return outcome


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
