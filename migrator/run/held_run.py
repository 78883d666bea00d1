"""The files a run holds back until every file is known (tests whose doubles follow another
module, modules sharing helpers or request dicts), migrated again with what the run
learned: by a pool when there are enough of them, answered from the cache when their
facts of the run are those a result was stored with."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from migrator.analysis import shared
from migrator.analysis.doubled import (
    NO_ENDPOINTS,
    Endpoints,
    ModuleClients,
    has_doubles,
    known_clients,
)
from migrator.code.sourcefile import SourceError, SourceText, read_source
from migrator.contract.rule import Rule
from migrator.core.config import Config
from migrator.run.cache import CachedResult, ResultCache
from migrator.run.helper_modules import SHARED_MODULE
from migrator.run.one_file import (
    Review,
    Shown,
    _migrate,
    _report,
    finish,
    internal_error,
    shown_as,
)
from migrator.run.run_report import FileReport, Mode
from migrator.run.shared_grants import _absolute, sharing_decisions, withdraw
from migrator.run.workers import _batches, _workers, in_pool

if TYPE_CHECKING:
    from migrator.files.worktree import UncommittedChanges


@dataclass(frozen=True)
class _Clients:
    """What a held test needs of a module of the run (:class:`ModuleClients`): sent to the
    workers in place of its whole result, which holds its new text."""

    clients: tuple[str, ...]
    exact_clients: tuple[str, ...]


@dataclass
class _Again:
    """A held file migrated again with what the run learned, and what finishing it takes."""

    source: SourceText | None  # None: it could not be read (``result`` says why)
    result: CachedResult | FileReport
    config: Config
    known: dict[str, bool] = field(default_factory=dict)
    shown: Shown | None = None  # made by a worker


HeldWork = tuple[Path, SourceText | None, CachedResult, Path | None, shared.Decided]


@dataclass
class HeldRun:
    """The facts of the run that held files are migrated again with."""

    clients: Mapping[Path, CachedResult]
    endpoints: Endpoints
    config: Config
    rules: Sequence[type[Rule]]
    mode: Mode
    jobs: int | None
    cache: ResultCache | None

    def again(self, work: list[HeldWork]) -> Iterator[_Again]:
        """:meth:`_fresh`, answered from the cache for a held file whose bytes and whose
        facts of the run (the clients its doubles stand in for, the run's endpoints, the
        package sharing its helpers) are those its finished result was stored with."""
        if self.cache is None:
            yield from self._fresh(work)
            return
        keys: list[str | None] = []
        hits: dict[int, _Again] = {}
        for position, (path, source, result, package, decided) in enumerate(work):
            if _for_sharing_only(source, result, package, decided, self.mode):
                # Held for what it binds or sends, and nothing came of it: as it was found.
                keys.append(None)
                hits[position] = _Again(None, _report(path, result), self.config)
                continue
            try:
                source = source if source is not None else read_source(path)
            except SourceError:
                keys.append(None)  # ``_again`` says why
                continue
            work[position] = (path, source, result, package, decided)
            known = known_clients(path, source.text, self.clients)
            if not _learns(known, package, result, self.endpoints, decided):
                keys.append(None)  # not migrated again
                continue
            key = json.dumps(
                [
                    sorted(known.items()),
                    None if package is None else package.name,
                    sorted(self.endpoints.migrated),
                    sorted(self.endpoints.left),
                    decided.key(),
                ]
            )
            keys.append(key)
            stored = self.cache.held(path, source.fingerprint.sha256, key)
            if stored is not None:
                hits[position] = _Again(
                    source, stored, _package_config(self.config, package), known
                )
        missing = [item for position, item in enumerate(work) if position not in hits]
        fresh = self._fresh(missing)
        for position, (path, *_) in enumerate(work):
            if position in hits:
                yield hits[position]
                continue
            redone = next(fresh)
            key = keys[position]
            if (
                key is not None
                and redone.source is not None
                and isinstance(redone.result, CachedResult)
            ):
                self.cache.put_held(path, redone.source.fingerprint.sha256, key, redone.result)
            yield redone

    def _fresh(self, work: list[HeldWork]) -> Iterator[_Again]:
        """Each held file (path, text if read, result, package sharing helpers) migrated again,
        in the order of ``work``. By a pool when there are enough of them, which also shows
        them: a test suite that patches the clients of the modules it tests is held back
        whole, and its tests are parsed again once every module is known."""
        workers = _workers(self.jobs, len(work))
        if workers <= 1:
            for path, source, result, package, decided in work:
                yield _again(
                    path,
                    source,
                    result,
                    self.clients,
                    self.config,
                    self.rules,
                    package,
                    self.endpoints,
                    decided,
                )
            return
        summary = {
            path: _Clients(module.clients, module.exact_clients)
            for path, module in self.clients.items()
            if module.clients  # a module without clients answers no double
        }
        sizes = [len(source.raw) if source is not None else 0 for _, source, *_ in work]
        rule_list = list(self.rules)
        tasks = [
            (
                batch,
                (
                    [work[i] for i in batch],
                    summary,
                    self.endpoints,
                    self.config,
                    rule_list,
                    self.mode,
                ),
            )
            for batch in _batches(sizes, workers)
        ]
        done: dict[int, _Again] = {}
        ahead = 0  # the position to yield next: each is finished (written) as soon as it can be
        for batch, results in in_pool(workers, _again_batch, tasks):
            if isinstance(results, Exception):  # the worker died
                results = [
                    _Again(None, internal_error(work[i][0], results), self.config) for i in batch
                ]
            done.update(zip(batch, results, strict=True))  # type: ignore[call-overload]
            while ahead in done:
                yield done.pop(ahead)
                ahead += 1

    def all_again(
        self,
        work: list[tuple[Path, SourceText | None, CachedResult, Path | None]],
        names: list[str],
    ) -> Iterator[_Again]:
        """Each held file migrated again, in the order of ``work``; the request dicts that
        modules share (:mod:`migrator.analysis.shared`) converted where they are bound, once the
        modules that send them made the same of them."""
        decisions = sharing_decisions(self.clients, names)
        if not decisions:
            yield from self.again([(*item, shared.NOTHING_DECIDED) for item in work])
            return
        binders = {Path(path) for d in decisions.values() for (path, _), _ in d.granted}
        # A module that binds one dict and sends another: neither is converted whole.
        withdraw(decisions, {k for p in binders if p in decisions for k, _ in decisions[p].granted})
        senders = [item for item in work if _absolute(item[0]) not in binders]
        bound = [item for item in work if _absolute(item[0]) in binders]
        done: dict[Path, _Again] = {}  # by absolute path
        for _round in range(4):  # each round withdraws a grant: few dicts, few rounds
            redo = [item for item in senders if _absolute(item[0]) not in done]
            done.update(self._redo(redo, decisions))
            withdrawn = _unmade(decisions, done)
            if not withdrawn:
                given = _given(decisions, done)
                done.update(self._redo(bound, given))
                withdrawn = _unapplied(given, done)
                if not withdrawn:
                    break
            for path in withdraw(decisions, withdrawn):
                done.pop(path, None)
            for item in bound:
                done.pop(_absolute(item[0]), None)
        else:
            raise RuntimeError("the run could not settle the request dicts modules share")
        for item in work:
            yield done[_absolute(item[0])]

    def _redo(
        self,
        items: list[tuple[Path, SourceText | None, CachedResult, Path | None]],
        decided: Mapping[Path, shared.Decided],
    ) -> dict[Path, _Again]:
        """The items migrated again with what was decided for each (by absolute path)."""
        paths = [_absolute(item[0]) for item in items]
        work = [
            (*item, decided.get(path, shared.NOTHING_DECIDED))
            for item, path in zip(items, paths, strict=True)
        ]
        return dict(zip(paths, self.again(work), strict=True))


def _unmade(
    decisions: Mapping[Path, shared.Decided], done: Mapping[Path, _Again]
) -> set[tuple[str, str]]:
    """The granted dicts that some sender did not convert whole, or that senders made
    different things of."""
    edits: list[shared.Edit] = []
    missing: set[tuple[str, str]] = set()
    for path, decided in decisions.items():
        if not decided.granted:
            continue  # a binder too, or every grant withdrawn
        result = done[path].result
        made = (
            {(e.path, e.name): e for e in result.edits} if isinstance(result, CachedResult) else {}
        )
        for key, _text in decided.granted:
            if key in made:
                edits.append(made[key])
            else:
                missing.add(key)
    return missing | shared.disagreeing(edits)


def _given(
    decisions: Mapping[Path, shared.Decided], done: Mapping[Path, _Again]
) -> dict[Path, shared.Decided]:
    """For each module binding a granted dict, what its senders made of it."""
    given: dict[Path, dict[str, shared.Edit]] = {}
    for path, decided in decisions.items():
        result = done[path].result if decided.granted else None
        if not isinstance(result, CachedResult):
            continue
        for edit in result.edits:
            given.setdefault(Path(edit.path), {})[edit.name] = edit
    return {
        path: shared.Decided(given=tuple(sorted(edits.items()))) for path, edits in given.items()
    }


def _unapplied(
    given: Mapping[Path, shared.Decided], done: Mapping[Path, _Again]
) -> set[tuple[str, str]]:
    """The given literals that their module still binds as they were (it changed since)."""
    failed = set()
    for path, decided in given.items():
        result = done[path].result
        offered = dict(result.offers) if isinstance(result, CachedResult) else None
        for name, edit in decided.given:
            if offered is None or (edit.after != edit.before and offered.get(name) == edit.before):
                failed.add((str(path), name))
    return failed


def _for_sharing_only(
    source: SourceText | None,
    result: CachedResult,
    package: Path | None,
    decided: shared.Decided,
    mode: Mode,
) -> bool:
    """A file held only in case another module shared a literal with it, unread, that the
    run decided nothing for and that a check reports from its result alone."""
    return (
        source is None
        and not decided
        and package is None
        and not result.served_endpoints
        and not has_doubles(result.findings)
        and (mode is Mode.CHECK or result.new_source is None)
    )


def _again_batch(
    work: list[HeldWork],
    clients: Mapping[Path, ModuleClients],
    endpoints: Endpoints,
    config: Config,
    rules: Sequence[type[Rule]],
    mode: Mode,
) -> list[_Again]:
    return [
        _again(path, source, result, clients, config, rules, package, endpoints, decided, mode)
        for path, source, result, package, decided in work
    ]


def _again(
    path: Path,
    source: SourceText | None,
    result: CachedResult,
    clients: Mapping[Path, ModuleClients],
    config: Config,
    rules: Sequence[type[Rule]],
    package: Path | None,
    endpoints: Endpoints,
    decided: shared.Decided = shared.NOTHING_DECIDED,
    mode: Mode | None = None,
) -> _Again:
    """A file held back until every file was known, migrated again with what the run
    learned; with ``mode`` (in a worker), shown too.

    A test's doubles move where the run migrated the clients they stand in for, and its
    ``responses`` registrations with the posts of the run's ``endpoints``; a module of
    ``package`` imports the helpers its package shares. Not cached: the result depends on
    other modules' results.
    """
    try:
        source = source if source is not None else read_source(path)
    except SourceError as error:
        return _Again(None, FileReport(str(path), error=error.message), config)
    known = known_clients(path, source.text, clients)
    config = _package_config(config, package)
    if _learns(known, package, result, endpoints, decided):
        again = _migrate(source, config, rules, known, endpoints, decided)
        if isinstance(again, FileReport):
            return _Again(source, again, config, known)
        result = again
    shown = shown_as(source, result, mode) if mode is not None else None
    return _Again(source, result, config, known, shown)


def _learns(
    known: Mapping[str, bool],
    package: Path | None,
    result: CachedResult,
    endpoints: Endpoints,
    decided: shared.Decided,
) -> bool:
    """Whether what the run learned changes a held file's migration: clients its doubles
    stand in for, a package sharing its helpers, a post its doubles serve that the run
    moved, or a literal shared with it. Otherwise its first pass stands."""
    return bool(
        known or package is not None or endpoints.moves_any(result.served_endpoints) or decided
    )


def _package_config(config: Config, package: Path | None) -> Config:
    """The settings a module of ``package`` is migrated with: its helpers come from the
    module the package shares (none given: the settings as they are)."""
    if package is None:
        return config
    return dataclasses.replace(config, runtime_module=f"{package.name}.{SHARED_MODULE}")


def finish_again(
    again: _Again,
    mode: Mode,
    uncommitted: UncommittedChanges | None = None,
    review: Review | None = None,
    endpoints: Endpoints = NO_ENDPOINTS,
) -> FileReport:
    """A held file's report, its new text written in WRITE mode (see :func:`finish`)."""
    if isinstance(again.result, FileReport):
        return again.result
    assert again.source is not None
    if review is not None:  # asked about with the settings it was migrated with
        review = dataclasses.replace(
            review, config=again.config, known=again.known, endpoints=endpoints
        )
    return finish(again.source, again.result, mode, uncommitted, review, again.shown)
