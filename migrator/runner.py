"""One run over many files: discover, read, prefilter, migrate, then write or diff.

Never prints; the command line turns a :class:`RunReport` into output. A
file the result cache (:mod:`migrator.cache`) knows by its metadata is not
even read. The others are read and prefiltered, by their bytes and then by
their ``ast`` (:func:`migrator.filekinds.may_need_work`), and libcst is
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

import ast
import dataclasses
import difflib
import enum
import itertools
import json
import os
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from migrator import filekinds, project, shared
from migrator.cache import FOLDER as CACHE_FOLDER
from migrator.cache import CachedResult, ResultCache
from migrator.config import Config
from migrator.discover import discover
from migrator.doubled import NO_ENDPOINTS, Endpoints, ModuleClients, has_doubles, known_clients
from migrator.evidence import left_endpoints
from migrator.findings import Finding, Safety
from migrator.garbage import collected_rarely
from migrator.remap import as_written
from migrator.result import FileResult
from migrator.rule import Rule
from migrator.selection import LeaveOut
from migrator.sourcefile import SourceError, SourceText, read_if_wanted, read_source, write_source

if TYPE_CHECKING:
    from migrator.worktree import UncommittedChanges

# Below this many files to parse, a process pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 4
BATCHES_PER_WORKER = 4


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
    # Written over while it had changes git did not hold (see migrator.worktree).
    uncommitted: bool = False


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files_seen: int = 0
    # Each package's shared module of runtime helpers, and how many modules import it.
    shared_helpers: list[tuple[str, int]] = field(default_factory=list)
    # Modules that got a copy of the runtime helpers of their own.
    inline_helpers: int = 0

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

    @property
    def uncommitted_written(self) -> list[str]:
        """Files written while git held neither their changes nor them (untracked)."""
        return [report.path for report in self.files if report.changed and report.uncommitted]


Progress = Callable[[str], None]
# Interactive review: given a file's path and a way to migrate it leaving changes out, the
# result to write (only the changes the user accepted), or None once the user quit: that
# file and every later one are left as they are.
Reviewer = Callable[[str, Callable[[LeaveOut], FileResult]], FileResult | None]


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
    reviewing = _Review(review, config, rules) if review is not None else None
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
        from migrator.worktree import UncommittedChanges

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
    # module's result is known (see migrator.doubled).
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
                if _held_back(path, known.result, mode, config):
                    held.append((index, path, None, known.result))
                else:
                    outcomes[index] = _report(path, known.result)
            if progress is not None:
                progress(name)
            continue
        unknown.append((index, Path(name)))
    # In a pool, a file that passes the prefilter is migrated by the worker that read it:
    # the same first pass ``_migrate_all`` gives it, while the other files are still read.
    migrated_early: list[tuple[int, _Migrated]] = []
    first_pass = None if reviewing is not None else (config, rules, mode)
    for index, path, read in _prefiltered(unknown, jobs, first_pass):
        kind = filekinds.kind_of(path)
        if isinstance(read, str):  # it could not be read
            outcomes[index] = FileReport(str(path), error=read)
        elif isinstance(read, os.stat_result):  # nothing to do
            if cache is not None:
                cache.put(path, "", read, None)
        else:
            early = read if isinstance(read, _Migrated) else None
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
            if _held_back(path, known.result, mode, config):
                held.append((index, path, source, known.result))
            else:
                outcomes[index] = _finish(source, known.result, mode, uncommitted, reviewing)
        if progress is not None:
            progress(str(path))
    # Each file is finished (written) as soon as its result comes: a run stopped
    # half-way has written what it parsed, and no result waits in memory for the rest.
    results = itertools.chain(
        ((index, e.source, e.result, e.shown) for index, e in migrated_early),
        (
            (to_parse[position][0], to_parse[position][1], result, shown)
            for position, result, shown in _migrate_all(to_parse, config, rules, jobs, mode)
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
            if _held_back(source.path, result, mode, config):
                held.append((index, source.path, source, result))
            else:
                outcomes[index] = _finish(source, result, mode, uncommitted, reviewing, shown)
        if progress is not None:
            progress(str(source.path))
        if reviewing is not None and reviewing.stopped:
            break  # the user quit: the files left are not even parsed
    # A module the byte test passed over may bind a model name another module sends.
    for index, path, result in _unread_binders(clients, found.names):
        clients[path] = result
        found_at[path] = index
        held.append((index, path, None, result))
    # Modules of one package that each need the runtime helpers share one copy of them.
    packages = [
        top_package(path) if _shares_helpers(result, mode, config) else None
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
    held_work = _HeldRun(clients, endpoints, config, rules, mode, jobs, cache)
    again = held_work.all_again(work, found.names)
    for (index, *_), package, redone in zip(held, packages, again, strict=True):
        outcomes[index] = _finish_again(redone, mode, uncommitted, reviewing, endpoints)
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
    from migrator.config import find_pyproject

    names = getattr(rules, "names", None) or tuple(rule.name() for rule in rules)
    chosen = os.environ.get("MIGRATOR_CACHE_DIR")
    if chosen:
        return ResultCache.for_run(Path(chosen), names, config.fingerprint())
    start = paths[0] if paths and paths[0].exists() else Path(".")
    pyproject = find_pyproject(start)
    root = pyproject.parent if pyproject is not None else Path(".")
    return ResultCache.for_run(root / CACHE_FOLDER, names, config.fingerprint())


# Below this many files to read, reading them in this process costs less than a pool.
MIN_FILES_FOR_READING_POOL = 2000
READ_BATCH = 250

Read = SourceText | os.stat_result | str
T = TypeVar("T")


@dataclass
class _Migrated:
    """A file a reading worker also migrated (its first pass), and how it is shown."""

    source: SourceText
    result: CachedResult | FileReport
    shown: Shown | None


FirstPass = tuple[Config, Sequence[type[Rule]], Mode]


def _prefiltered(
    files: list[tuple[int, Path]], jobs: int | None, first_pass: FirstPass | None = None
) -> Iterator[tuple[int, Path, Read | _Migrated]]:
    """Each file read and prefiltered: its text when a rule may act on it, its ``stat``
    when no rule can, or why it could not be read. In a pool of processes when there
    are enough files: the byte scan and the ``ast`` tier are most of a cold run. There,
    with ``first_pass`` (the settings, rules and mode of the run), a file that passes
    is migrated by the worker that read it, while the others are still being read."""
    workers = jobs if jobs is not None else _cores()
    if workers <= 1 or len(files) < MIN_FILES_FOR_READING_POOL:
        for index, path in files:
            yield index, path, _read_and_prefilter(path)
        return
    batches = [files[start : start + READ_BATCH] for start in range(0, len(files), READ_BATCH)]
    # The engine is imported by a worker only once a file it read passes: a run over
    # clean files never imports libcst.
    tasks = [(batch, ([path for _, path in batch], first_pass)) for batch in batches]
    for batch, reads in _in_pool(workers, _read_batch, tasks):
        if isinstance(reads, Exception):  # the worker died: read this batch here
            reads = [_read_and_prefilter(path) for _, path in batch]
        for (index, path), read in zip(batch, reads, strict=True):
            yield index, path, read


def _in_pool(
    workers: int, function: Callable, jobs: list[tuple[T, tuple]]
) -> Iterator[tuple[T, object]]:
    """``function(*arguments)`` of each job in a pool of forked processes, as each ends:
    the job's key and its result, or the exception that ended its worker."""
    import concurrent.futures
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {pool.submit(function, *arguments): key for key, arguments in jobs}
        for future in concurrent.futures.as_completed(futures):
            try:
                yield futures[future], future.result()
            except Exception as error:  # killed, out of memory
                yield futures[future], error


def _read_batch(paths: list[Path], first_pass: FirstPass | None) -> list[Read | _Migrated]:
    reads: list[Read | _Migrated] = []
    for path in paths:
        read = _read_and_prefilter(path)
        if first_pass is not None and isinstance(read, SourceText):
            config, rules, mode = first_pass
            ((result, shown),) = _migrate_batch([read], config, rules, mode)
            reads.append(_Migrated(read, result, shown))
        else:
            reads.append(read)
    return reads


def _read_and_prefilter(path: Path) -> Read:
    kind = filekinds.kind_of(path)

    def needed(raw: bytes) -> bool:
        try:
            return filekinds.may_need_work(kind, raw)
        except Exception:  # a bug in the prefilter must cost no file: the engine looks at it
            return True

    try:
        # Decoded only when it passes: most files are ruled out by their bytes.
        return read_if_wanted(path, needed)
    except SourceError as error:
        return error.message


def _migrate_all(
    work: list[tuple[int, SourceText]],
    config: Config,
    rules: Sequence[type[Rule]],
    jobs: int | None,
    mode: Mode | None = None,
) -> Iterator[tuple[int, CachedResult | FileReport, Shown | None]]:
    """Each file's result (or its error report), by its position in ``work``, as it comes.

    In a pool, with ``mode``, also how each file that is not held back is shown: its
    worker has both texts, and the run's own process is left to print and write."""
    if not work:
        return
    workers = _workers(jobs, len(work))
    if workers <= 1:
        for position, (_, source) in enumerate(work):
            yield position, _migrate(source, config, rules), None
        return
    # Imported before the workers fork, so that none of them pays for it again.
    import migrator.engine  # noqa: F401

    rule_list = list(rules)
    batches = _batches([len(source.raw) for _, source in work], workers)
    tasks = [(batch, ([work[i][1] for i in batch], config, rule_list, mode)) for batch in batches]
    for batch, results in _in_pool(workers, _migrate_batch, tasks):
        if isinstance(results, Exception):  # the worker died
            yield from ((i, _internal_error(work[i][1].path, results), None) for i in batch)
        else:
            for i, (result, shown) in zip(batch, results, strict=True):  # type: ignore[call-overload]
                yield i, result, shown


def _workers(jobs: int | None, files: int) -> int:
    """How many processes to parse ``files`` files with: 1 when a pool would not pay."""
    workers = min(jobs if jobs is not None else _cores(), files)
    return workers if files >= MIN_FILES_FOR_POOL else 1


def _batches(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """Indexes of ``sizes`` in batches of about equal total size, the largest first.

    Small files do not each pay for a round trip to a worker, and the run does not
    end on one big file."""
    order = sorted(range(len(sizes)), key=lambda index: -sizes[index])
    batches: list[list[int]] = [[] for _ in range(min(len(sizes), workers * BATCHES_PER_WORKER))]
    loads = [0] * len(batches)
    for index in order:
        lightest = loads.index(min(loads))
        batches[lightest].append(index)
        loads[lightest] += sizes[index] + 1
    return batches


def _migrate_batch(
    sources: list[SourceText], config: Config, rules: Sequence[type[Rule]], mode: Mode | None
) -> list[tuple[CachedResult | FileReport, Shown | None]]:
    """Each file migrated, and shown when it is final: not held back until the run ends."""
    done: list[tuple[CachedResult | FileReport, Shown | None]] = []
    for source in sources:
        result = _migrate(source, config, rules)
        shown = None
        if isinstance(result, CachedResult) and mode is not None:
            if not _held_back(source.path, result, mode, config):
                shown = _shown_as(source, result, mode)
        done.append((result, shown))
    return done


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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


def _runtime_module(
    target: Path,
    config: Config,
    mode: Mode,
    only: Collection[str] | None = None,
    uncommitted: UncommittedChanges | None = None,
) -> FileReport | None:
    """Create the module named by ``runtime_module`` (or add the helpers it lacks).

    ``only``: the helpers wanted (a package's shared module); every one when None.
    """
    from migrator.runtime import (
        URL_HELPER,
        URL_HELPER_SOURCE,
        adapter_helper,
        module_source,
        request_helpers,
        result_adapter_helpers,
        sdk02_stream_adapter_helpers,
        stream_adapter_helper,
    )

    shown = _shown(target)
    before = ""
    if target.exists():
        try:
            before = read_source(target).text
        except SourceError as error:
            return FileReport(shown, error=error.message)
    sources = {
        **request_helpers(config),
        **dict(adapter_helper(dict_shaped) for dict_shaped in (False, True)),
        **dict(stream_adapter_helper(asynchronous) for asynchronous in (False, True)),
        **result_adapter_helpers(False),
        **result_adapter_helpers(True),
        **sdk02_stream_adapter_helpers(),
        URL_HELPER: URL_HELPER_SOURCE,
    }
    if only is not None:
        sources = {name: source for name, source in sources.items() if name in only}
    missing = [source for name, source in sources.items() if f"def {name}(" not in before]
    if not missing:
        return None
    if before.strip():
        after = before.rstrip("\n") + "\n\n\n" + "\n\n".join(missing)
    elif only is not None:
        after = _SHARED_HEADER + "\n\n".join(missing)
    else:
        after = module_source(config)
    outcome = FileReport(shown, changed=True)
    if mode is Mode.DIFF:
        outcome.diff = unified_diff(shown, before, after)
    elif mode is Mode.WRITE:
        outcome.uncommitted = uncommitted is not None and uncommitted.at_risk(target)
        try:
            _write_new(target, before, after)
        except OSError as error:
            outcome.changed = False
            outcome.error = f"{shown}: cannot write the runtime converter: {error.strerror}"
    return outcome


def _shown(path: Path) -> str:
    """A path as reports show it: from the current folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# The module a package's migrated modules share their helpers from.
SHARED_MODULE = "_legacy_anthropic"
_SHARED_HEADER = (
    '"""The runtime helpers of the migration from Text Completions to Messages.\n\n'
    "Written by migrator, once for the package: its migrated modules import them\n"
    "from here. Yours to keep, edit, or remove once no module imports them.\n"
    '"""\n\n\n'
)


def top_package(path: Path) -> Path | None:
    """The outermost regular package (a folder with ``__init__.py``) that holds ``path``."""
    folder = Path(os.path.abspath(path)).parent
    if not (folder / "__init__.py").is_file():
        return None
    while (folder.parent / "__init__.py").is_file() and folder.parent != folder:
        folder = folder.parent
    return folder if folder.name.isidentifier() else None


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
    result = _migrate(source, config, rules, known_endpoints=None)  # the file is the whole run
    return result if isinstance(result, FileReport) else _finish(source, result, mode)


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
        return _internal_error(path, error)
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


def _internal_error(path: Path, error: BaseException) -> FileReport:
    return FileReport(
        str(path),
        error=f"{path}: internal error ({type(error).__name__}: {error}); the file was left "
        "unchanged. Please report this as a bug, with the call site if you can.",
    )


def _shares_helpers(result: CachedResult, mode: Mode, config: Config) -> bool:
    """Its helpers may go to a module of its package (not when only checking)."""
    return bool(result.helpers) and mode is not Mode.CHECK and not config.runtime_module


def _held_back(path: Path, result: CachedResult, mode: Mode, config: Config) -> bool:
    """Finished once every file is known: a test's doubles, or helpers to share."""
    return (
        has_doubles(result.findings)
        or result.served_endpoints
        or bool(result.wants or result.offers)
        or (_shares_helpers(result, mode, config) and top_package(path) is not None)
    )


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
class _HeldRun:
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
        for batch, results in _in_pool(workers, _again_batch, tasks):
            if isinstance(results, Exception):  # the worker died
                results = [
                    _Again(None, _internal_error(work[i][0], results), self.config) for i in batch
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
        modules share (:mod:`migrator.shared`) converted where they are bound, once the
        modules that send them made the same of them."""
        decisions = _sharing_decisions(self.clients, names)
        if not decisions:
            yield from self.again([(*item, shared.NOTHING_DECIDED) for item in work])
            return
        binders = {Path(path) for d in decisions.values() for (path, _), _ in d.granted}
        # A module that binds one dict and sends another: neither is converted whole.
        _withdraw(
            decisions, {k for p in binders if p in decisions for k, _ in decisions[p].granted}
        )
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
            for path in _withdraw(decisions, withdrawn):
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


def _unread_binders(
    results: Mapping[Path, CachedResult], names: list[str]
) -> list[tuple[int, Path, CachedResult]]:
    """The modules of the run that other modules import a shared literal from, that the
    byte test passed over (a settings module binding ``MODEL = "claude-2"``): each with its
    place in the run and a result that says what it offers."""
    known = {_absolute(path) for path in results}
    wanted = {Path(want.path) for result in results.values() for want in result.wants} - known
    if not wanted:
        return []
    unread = []
    for index, name in enumerate(names):
        if _absolute(name) in wanted:
            try:
                text = read_source(Path(name)).text
            except SourceError:
                continue  # its literal is not read: the senders map theirs at run time
            unread.append((index, Path(name), CachedResult(offers=shared.offers(text))))
    return unread


def _absolute(path: Path | str) -> Path:
    """A path as :mod:`migrator.shared` names modules (as :mod:`migrator.project` does)."""
    return Path(os.path.abspath(path))


def _sharing_decisions(
    results: Mapping[Path, CachedResult], names: list[str]
) -> dict[Path, shared.Decided]:
    """For each module that sends a dict another module binds (by absolute path), those
    it may read whole."""
    wants = {_absolute(path): result.wants for path, result in results.items() if result.wants}
    if not wants:
        return {}
    offered = {
        _absolute(path): dict(result.offers) for path, result in results.items() if result.offers
    }
    wanted = {want.name for found in wants.values() for want in found}
    models = {want.name for found in wants.values() for want in found if shared.is_model(want.text)}
    return shared.grants(wants, offered, _spelling(wanted, names, models))


def _spelling(wanted: set[str], names: list[str], models: set[str]) -> dict[str, list[Path]]:
    """For each wanted name, the files of the run whose bytes spell it (a module the tool
    never parses may still read a dict another module binds); for a model name, not those
    that read it only in ``assert`` statements (tests of what the code sends). A class's
    attribute (``Config.MODEL``) counts as spelled wherever its own name (``MODEL``) is:
    the class may be reached under any name."""
    spelt_as = {name: name.rpartition(".")[2] for name in wanted}
    pattern = shared.spelling(set(spelt_as.values()))
    spelled: dict[str, list[Path]] = {}
    for name in names:
        try:
            with open(name, "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        found = {match.decode() for match in pattern.findall(raw)}
        for each in wanted:
            word = spelt_as[each]
            if word not in found or (each in models and _asserted_only(raw, word)):
                continue
            spelled.setdefault(each, []).append(_absolute(name))
    return spelled


def _asserted_only(raw: bytes, name: str) -> bool:
    try:
        return shared.asserted_only(ast.parse(raw), name)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


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


def _withdraw(decisions: dict[Path, shared.Decided], withdrawn: set[tuple[str, str]]) -> list[Path]:
    """Take back the grants of ``withdrawn`` dicts; the senders that lost one."""
    changed = []
    for path, decided in list(decisions.items()):
        kept = tuple(grant for grant in decided.granted if grant[0] not in withdrawn)
        if kept != decided.granted:
            changed.append(path)
            decisions[path] = dataclasses.replace(decided, granted=kept)
    return changed


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
    shown = _shown_as(source, result, mode) if mode is not None else None
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


def _finish_again(
    again: _Again,
    mode: Mode,
    uncommitted: UncommittedChanges | None = None,
    review: _Review | None = None,
    endpoints: Endpoints = NO_ENDPOINTS,
) -> FileReport:
    """A held file's report, its new text written in WRITE mode (see :func:`_finish`)."""
    if isinstance(again.result, FileReport):
        return again.result
    assert again.source is not None
    if review is not None:  # asked about with the settings it was migrated with
        review = dataclasses.replace(
            review, config=again.config, known=again.known, endpoints=endpoints
        )
    return _finish(again.source, again.result, mode, uncommitted, review, again.shown)


def _report(path: Path, result: CachedResult) -> FileReport:
    return FileReport(
        str(path),
        findings=result.findings,
        changed=result.new_source is not None,
        migrated_sites=result.migrated_sites,
        manual_sites=result.manual_sites,
        helpers=result.helpers,
    )


def _finish(
    source: SourceText,
    result: CachedResult,
    mode: Mode,
    uncommitted: UncommittedChanges | None = None,
    review: _Review | None = None,
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
        shown = _shown_as(source, result, mode)
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


def _shown_as(source: SourceText, result: CachedResult, mode: Mode) -> Shown | None:
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
class _Review:
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
            return _internal_error(path, error)
        self.stopped = chosen is None
        return CachedResult() if chosen is None else _cached(chosen)


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
