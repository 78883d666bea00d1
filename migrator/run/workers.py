"""The pools of processes of a run: files read and prefiltered, then migrated, in batches
by forked workers when there are enough of them to pay for the pool's start, else in this
process. Results come back as each batch ends, by their place in the work."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from migrator.code.sourcefile import SourceError, SourceText, read_if_wanted
from migrator.contract.rule import Rule
from migrator.core.config import Config
from migrator.files import filekinds
from migrator.run.cache import CachedResult
from migrator.run.one_file import Shown, _migrate, held_back, internal_error, shown_as
from migrator.run.run_report import FileReport, Mode

# Below this many files to parse, a process pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 4
BATCHES_PER_WORKER = 4


# Below this many files to read, reading them in this process costs less than a pool.
MIN_FILES_FOR_READING_POOL = 2000
READ_BATCH = 250

Read = SourceText | os.stat_result | str
T = TypeVar("T")


@dataclass
class Migrated:
    """A file a reading worker also migrated (its first pass), and how it is shown."""

    source: SourceText
    result: CachedResult | FileReport
    shown: Shown | None


FirstPass = tuple[Config, Sequence[type[Rule]], Mode]


def _prefiltered(
    files: list[tuple[int, Path]], jobs: int | None, first_pass: FirstPass | None = None
) -> Iterator[tuple[int, Path, Read | Migrated]]:
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
    for batch, reads in in_pool(workers, _read_batch, tasks):
        if isinstance(reads, Exception):  # the worker died: read this batch here
            reads = [_read_and_prefilter(path) for _, path in batch]
        for (index, path), read in zip(batch, reads, strict=True):
            yield index, path, read


def in_pool(
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


def _read_batch(paths: list[Path], first_pass: FirstPass | None) -> list[Read | Migrated]:
    reads: list[Read | Migrated] = []
    for path in paths:
        read = _read_and_prefilter(path)
        if first_pass is not None and isinstance(read, SourceText):
            config, rules, mode = first_pass
            ((result, shown),) = _migrate_batch([read], config, rules, mode)
            reads.append(Migrated(read, result, shown))
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


def migrate_all(
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
    import migrator.engine.migrate  # noqa: F401

    rule_list = list(rules)
    batches = _batches([len(source.raw) for _, source in work], workers)
    tasks = [(batch, ([work[i][1] for i in batch], config, rule_list, mode)) for batch in batches]
    for batch, results in in_pool(workers, _migrate_batch, tasks):
        if isinstance(results, Exception):  # the worker died
            yield from ((i, internal_error(work[i][1].path, results), None) for i in batch)
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
            if not held_back(source.path, result, mode, config):
                shown = shown_as(source, result, mode)
        done.append((result, shown))
    return done


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
