"""One run over many files: discover, read, prefilter, migrate, then write or diff.

Never prints; the command line turns a :class:`RunReport` into output. A
file the result cache (:mod:`migrator.run.cache`) knows by its metadata is not
even read. The others are read and prefiltered, by their bytes and then by
their ``ast`` (:func:`migrator.files.filekinds.may_need_work`), and libcst is
imported only when a file passes both, so a run over clean files costs a byte
scan. The files that pass and that the cache does not know by their content
are parsed, by a pool of processes when there are enough of them to pay for
its start; a worker also makes the diff of each file it migrated and moves its
findings to the new text, and the files held back until every module is known
(tests whose doubles follow another module) go to a pool of their own, so this
process only prints and writes. Reports come back in discovery order whatever
order the work finished in.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from migrator.analysis.doubled import Endpoints
from migrator.analysis.evidence import left_endpoints
from migrator.code.sourcefile import SourceText
from migrator.contract.rule import Rule
from migrator.core.config import Config, find_pyproject
from migrator.files import filekinds
from migrator.files.discover import discover
from migrator.run.cache import FOLDER as CACHE_FOLDER
from migrator.run.cache import CachedResult, ResultCache
from migrator.run.garbage import collected_rarely
from migrator.run.held_run import HeldRun, finish_again
from migrator.run.helper_modules import (
    SHARED_MODULE,
    _runtime_module,
    _runtime_target,
    _shown,
    top_package,
)
from migrator.run.one_file import Review, _report, finish, held_back, shares_helpers
from migrator.run.run_report import FileReport, Mode, Progress, Reviewer, RunReport
from migrator.run.shared_grants import unread_binders
from migrator.run.workers import Migrated, _prefiltered, migrate_all


@collected_rarely()
def run(
    paths: Sequence[Path],
    config: Config,
    rules: Sequence[type[Rule]],
    mode: Mode,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    watch_uncommitted: bool = False,
    review: Reviewer | None = None,
) -> RunReport:
    """``jobs``: processes that parse (None: one per core, 1: this process only).

    ``watch_uncommitted``: note each file written over uncommitted changes, asking git
    only once a file is about to be written.
    ``review`` (WRITE mode): each file that would change is asked about, then written,
    one at a time in the order found (tests whose doubles follow other modules last).
    """
    reviewing = Review(review, config, rules) if review is not None else None
    if reviewing is not None:
        jobs = 1  # questions come in the order files are found, each file written in turn
    found = discover(
        paths,
        exclude=config.exclude,
        force_exclude=config.force_exclude,
        respect_gitignore=config.respect_gitignore,
        extensions=filekinds.EXTENSIONS,
        filenames=filekinds.DEPENDENCY_FILES,
        wanted_path=filekinds.is_cassette,
    )
    report = RunReport(
        problems=[f"{problem.path}: {problem.message}" for problem in found.problems]
    )
    report.files_seen = len(found.names)
    uncommitted = None
    if watch_uncommitted and mode is Mode.WRITE:
        from migrator.files.worktree import UncommittedChanges

        uncommitted = UncommittedChanges(paths)
    runtime_target: Path | None = None
    if config.runtime_module and mode is not Mode.CHECK:
        where = _runtime_target(paths, config)
        if isinstance(where, str):
            report.problems.append(where)
            return report
        runtime_target = where
    if on_total is not None:
        on_total(len(found.names))
    cache = _cache(paths, config, rules) if use_cache else None
    outcomes: dict[int, FileReport] = {}
    to_parse: list[tuple[int, SourceText]] = []
    # Tests whose doubles stand in for another module's client: finished once every
    # module's result is known (see migrator.analysis.doubled).
    held: list[tuple[int, Path, SourceText | None, CachedResult]] = []
    clients: dict[Path, CachedResult] = {}
    found_at: dict[Path, int] = {}  # each module's place in the order files were found
    unread: list[str] = []  # the endpoints named by files left unchanged by an error

    unknown: list[tuple[int, Path]] = []
    for index, name in enumerate(found.names):
        known = cache.by_metadata(name) if cache is not None else None
        # Known by its metadata, a file is not even read, unless its new text is wanted.
        if known is not None and (
            known.result is None or known.result.new_source is None or mode is Mode.CHECK
        ):
            if known.result is not None:
                path = Path(name)
                clients[path] = known.result
                found_at[path] = index
                if held_back(path, known.result, mode, config):
                    held.append((index, path, None, known.result))
                else:
                    outcomes[index] = _report(path, known.result)
            if progress is not None:
                progress(name)
            continue
        unknown.append((index, Path(name)))
    # In a pool, a file that passes the prefilter is migrated by the worker that read it:
    # the same first pass ``_migrate_all`` gives it, while the other files are still read.
    migrated_early: list[tuple[int, Migrated]] = []
    first_pass = None if reviewing is not None else (config, rules, mode)
    for index, path, read in _prefiltered(unknown, jobs, first_pass):
        kind = filekinds.kind_of(path)
        if isinstance(read, str):  # it could not be read
            outcomes[index] = FileReport(str(path), error=read)
        elif isinstance(read, os.stat_result):  # nothing to do
            if cache is not None:
                cache.put(path, "", read, None)
        else:
            early = read if isinstance(read, Migrated) else None
            source = early.source if early is not None else read
            assert isinstance(source, SourceText)
            # A notebook's diff is made of its cells, which the cache does not keep.
            known = (
                cache.by_content(path, source.fingerprint.sha256)
                if cache is not None and kind != "notebook"
                else None
            )
            if known is None or known.result is None:
                if early is not None:
                    migrated_early.append((index, early))
                else:
                    to_parse.append((index, source))
                continue
            clients[path] = known.result
            found_at[path] = index
            if held_back(path, known.result, mode, config):
                held.append((index, path, source, known.result))
            else:
                outcomes[index] = finish(source, known.result, mode, uncommitted, reviewing)
        if progress is not None:
            progress(str(path))
    # Each file is finished (written) as soon as its result comes: a run stopped
    # half-way has written what it parsed, and no result waits in memory for the rest.
    results = itertools.chain(
        ((index, e.source, e.result, e.shown) for index, e in migrated_early),
        (
            (to_parse[position][0], to_parse[position][1], result, shown)
            for position, result, shown in migrate_all(to_parse, config, rules, jobs, mode)
        ),
    )
    for index, source, result, shown in results:
        if isinstance(result, FileReport):  # an error
            outcomes[index] = result
            unread.extend(left_endpoints(source.text))  # what it names is left as it was
        else:
            if cache is not None:
                cache.put(source.path, source.fingerprint.sha256, source.fingerprint.stat, result)
            clients[source.path] = result
            found_at[source.path] = index
            if held_back(source.path, result, mode, config):
                held.append((index, source.path, source, result))
            else:
                outcomes[index] = finish(source, result, mode, uncommitted, reviewing, shown)
        if progress is not None:
            progress(str(source.path))
        if reviewing is not None and reviewing.stopped:
            break  # the user quit: the files left are not even parsed
    # A module the byte test passed over may bind a model name another module sends.
    for index, path, result in unread_binders(clients, found.names):
        clients[path] = result
        found_at[path] = index
        held.append((index, path, None, result))
    # Modules of one package that each need the runtime helpers share one copy of them.
    packages = [
        top_package(path) if shares_helpers(result, mode, config) else None
        for _, path, _, result in held
    ]
    needing: dict[Path, list[Path]] = {}
    for (_, path, _, _), package in zip(held, packages, strict=True):
        if package is not None:
            needing.setdefault(package, []).append(path)
    shared = {package: paths for package, paths in needing.items() if len(paths) > 1}
    helpers_of: dict[Path, set[str]] = {}
    importers: dict[Path, int] = {}
    endpoints = Endpoints.of(clients.values(), left=unread)
    # In the order files were found, whatever order the workers ended in: of two modules
    # that answer to one dotted name, a test's doubles stand in for the first found.
    clients = dict(sorted(clients.items(), key=lambda item: found_at[item[0]]))
    packages = [package if package in shared else None for package in packages]
    work = [
        (path, source, result, package)
        for (_, path, source, result), package in zip(held, packages, strict=True)
    ]
    held_work = HeldRun(clients, endpoints, config, rules, mode, jobs, cache)
    again = held_work.all_again(work, found.names)
    for (index, *_), package, redone in zip(held, packages, again, strict=True):
        outcomes[index] = finish_again(redone, mode, uncommitted, reviewing, endpoints)
        if package is not None and outcomes[index].helpers:  # what was written calls them
            helpers_of.setdefault(package, set()).update(outcomes[index].helpers)
            importers[package] = importers.get(package, 0) + 1
    if cache is not None:
        cache.save()
    report.files.extend(outcomes[index] for index in sorted(outcomes))
    if not config.runtime_module:
        sharing = sum(importers.values())
        with_helpers = sum(bool(outcome.helpers) and outcome.changed for outcome in report.files)
        report.inline_helpers = with_helpers - sharing
    for package, names in helpers_of.items():
        target = package / f"{SHARED_MODULE}.py"
        module = _runtime_module(target, config, mode, only=names, uncommitted=uncommitted)
        if module is not None:
            report.files.append(module)
        report.shared_helpers.append((_shown(target), importers[package]))
    if runtime_target is not None and any(outcome.helpers for outcome in report.files):
        outcome = _runtime_module(runtime_target, config, mode, uncommitted=uncommitted)
        if outcome is not None:
            report.files.append(outcome)
    return report


def _cache(paths: Sequence[Path], config: Config, rules: Sequence[type[Rule]]) -> ResultCache:
    """The cache of the project: beside its ``pyproject.toml``, else in the current folder.

    ``MIGRATOR_CACHE_DIR`` puts it elsewhere (a CI cache folder, a test's own folder).
    """
    names = getattr(rules, "names", None) or tuple(rule.name() for rule in rules)
    chosen = os.environ.get("MIGRATOR_CACHE_DIR")
    if chosen:
        return ResultCache.for_run(Path(chosen), names, config.fingerprint())
    start = paths[0] if paths and paths[0].exists() else Path(".")
    pyproject = find_pyproject(start)
    root = pyproject.parent if pyproject is not None else Path(".")
    return ResultCache.for_run(root / CACHE_FOLDER, names, config.fingerprint())
