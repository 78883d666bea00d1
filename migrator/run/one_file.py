"""One file of a run: migrated (in this process or a worker), then finished: shown,
written and reported. Whether it is held back until every file is known is decided here
too, since a worker that knows it is final shows it at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from migrator.analysis import project, shared
from migrator.analysis.doubled import NO_ENDPOINTS, Endpoints, has_doubles
from migrator.code.sourcefile import SourceError, SourceText, read_source, write_source
from migrator.contract.result import FileResult
from migrator.contract.rule import Rule
from migrator.contract.selection import LeaveOut
from migrator.core.config import Config
from migrator.core.findings import Finding
from migrator.files import filekinds
from migrator.run.cache import CachedResult
from migrator.run.helper_modules import top_package
from migrator.run.remap import as_written
from migrator.run.run_report import FileReport, Mode, Reviewer, unified_diff

if TYPE_CHECKING:
    from migrator.files.worktree import UncommittedChanges


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
    result = _migrate(source, config, rules, known_endpoints=None)  # the file is the whole run
    return result if isinstance(result, FileReport) else finish(source, result, mode)


def _migrate(
    source: SourceText,
    config: Config,
    rules: Sequence[type[Rule]],
    known_clients: Mapping[str, bool] = MappingProxyType({}),
    known_endpoints: Endpoints | None = NO_ENDPOINTS,
    decided: shared.Decided = shared.NOTHING_DECIDED,
) -> CachedResult | FileReport:
    """One file's migration, or the report of its error; runs in a worker process too.

    ``known_endpoints``: those of the run, none until every file is known. ``decided``:
    the request dicts shared with other modules that the run let it convert."""
    path = source.path
    try:
        kind = filekinds.kind_of(path)
        with (
            project.reading(path) as reading,
            shared.sharing(str(path), dict(decided.granted), dict(decided.given)) as sharing,
        ):
            result = filekinds.migrate_text(
                kind,
                source.text,
                str(path),
                config,
                rules,
                known_clients,
                endpoints=known_endpoints,
            )
    except Exception as error:  # a bug must cost one file, never the run
        return internal_error(path, error)
    cached = _cached(result)
    if isinstance(cached, CachedResult):  # valid while the modules it read are unchanged
        cached.depends = dict(reading.consulted)
        cached.wants = tuple(sharing.wanted.values())
        cached.edits = tuple(sharing.edits.values())
        if kind == "python":
            cached.offers = shared.offers(result.new_source)
    return cached


def _cached(result: FileResult) -> CachedResult | FileReport:
    """What a run keeps of a file's result, or the report of its error."""
    if result.error is not None:
        return FileReport(
            result.path,
            findings=result.findings,
            migrated_sites=result.migrated_sites,
            manual_sites=result.manual_sites,
            error=result.error,
        )
    return CachedResult(
        findings=result.findings,
        new_source=result.new_source if result.changed else None,
        migrated_sites=result.migrated_sites,
        manual_sites=result.manual_sites,
        helpers=result.helpers,
        clients=result.clients,
        exact_clients=result.exact_clients,
        views=result.views,
        endpoints_migrated=result.endpoints_migrated,
        endpoints_left=result.endpoints_left,
        served_endpoints=result.served_endpoints,
    )


def internal_error(path: Path, error: BaseException) -> FileReport:
    return FileReport(
        str(path),
        error=f"{path}: internal error ({type(error).__name__}: {error}); the file was left "
        "unchanged. Please report this as a bug, with the call site if you can.",
    )


def shares_helpers(result: CachedResult, mode: Mode, config: Config) -> bool:
    """Its helpers may go to a module of its package (not when only checking)."""
    return bool(result.helpers) and mode is not Mode.CHECK and not config.runtime_module


def held_back(path: Path, result: CachedResult, mode: Mode, config: Config) -> bool:
    """Finished once every file is known: a test's doubles, or helpers to share."""
    return (
        has_doubles(result.findings)
        or result.served_endpoints
        or bool(result.wants or result.offers)
        or (shares_helpers(result, mode, config) and top_package(path) is not None)
    )


def _report(path: Path, result: CachedResult) -> FileReport:
    return FileReport(
        str(path),
        findings=result.findings,
        changed=result.new_source is not None,
        migrated_sites=result.migrated_sites,
        manual_sites=result.manual_sites,
        helpers=result.helpers,
    )


def finish(
    source: SourceText,
    result: CachedResult,
    mode: Mode,
    uncommitted: UncommittedChanges | None = None,
    review: Review | None = None,
    shown: Shown | None = None,
) -> FileReport:
    """The file's report; in DIFF mode its diff, in WRITE mode the new text written (with
    ``review``, only the changes the user accepted). ``shown``: how a worker showed it."""
    if review is not None and result.new_source is not None:
        reviewed = review.result(source)
        if isinstance(reviewed, FileReport):
            return reviewed
        result = reviewed
        shown = None  # it showed the result before the review
    path = source.path
    outcome = _report(path, result)
    if result.new_source is None:
        return outcome
    if shown is None:
        shown = shown_as(source, result, mode)
    if mode is Mode.WRITE:
        outcome.uncommitted = uncommitted is not None and uncommitted.at_risk(path)
        try:
            write_source(source, result.new_source)
        except SourceError as error:
            # Nothing was written: nothing was migrated, and no finding says it was.
            return FileReport(str(path), error=error.message)
    if shown is not None:
        outcome.diff, outcome.findings = shown.diff, shown.findings
    return outcome


@dataclass(frozen=True)
class Shown:
    """A changed file as ``migrate`` shows it: its diff (DIFF mode), and its findings where
    a person reads them, in the file as written (with --diff: as it would be)."""

    diff: str
    findings: list[Finding]


def shown_as(source: SourceText, result: CachedResult, mode: Mode) -> Shown | None:
    """How ``migrate`` shows the file; None when it does not change or when only checking.

    Pure, so that the worker that migrated the file makes it: the diff and the findings'
    positions as written are a fifth of a run's work."""
    if result.new_source is None or mode is Mode.CHECK:
        return None
    path = source.path
    diff = ""
    if mode is Mode.DIFF:
        diff = "".join(
            unified_diff(*view)
            for view in (result.views or [(str(path), source.text, result.new_source)])
        )
    notebook = filekinds.kind_of(path) == "notebook"
    findings = as_written(result.findings, source.text, result.new_source, notebook=notebook)
    return Shown(diff, findings)


@dataclass
class Review:
    """Interactive review of a file, with the settings to migrate it again, leaving changes out."""

    ask: Reviewer
    config: Config
    rules: Sequence[type[Rule]]
    known: Mapping[str, bool] = field(default_factory=dict)
    endpoints: Endpoints = NO_ENDPOINTS
    stopped: bool = False

    def result(self, source: SourceText) -> CachedResult | FileReport:
        """The file's result with the changes the user accepted (none after a quit)."""
        path = source.path
        kind = filekinds.kind_of(path)

        def migrate(leave_out: LeaveOut) -> FileResult:
            return filekinds.migrate_text(
                kind,
                source.text,
                str(path),
                self.config,
                self.rules,
                self.known,
                leave_out,
                endpoints=self.endpoints,
            )

        try:
            chosen = self.ask(str(path), migrate)
        except Exception as error:  # a bug must cost one file, never the run
            return internal_error(path, error)
        self.stopped = chosen is None
        return CachedResult() if chosen is None else _cached(chosen)
