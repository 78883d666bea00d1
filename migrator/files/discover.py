"""Which files a run looks at: the files given, and the wanted files inside the folders given.

Folders are walked with os.scandir without following symbolic links to folders, skipping the
folders no one wants migrated (virtual environments, caches, VCS data), the user's exclude
globs and, by default, whatever git would ignore. Anything given explicitly is the user's
choice and is not filtered: a given file is included and a given folder walked, unless
``force_exclude`` asks to apply the excludes to them too (:mod:`migrator.files.excludes`).
Paths come back as the user spelled the folder, joined with the path below it, so reports show
paths the user recognises.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from migrator.files.excludes import (
    DEFAULT_EXCLUDED,
    DEFAULT_EXCLUDES,
    VENV_MARKER,
    compile_globs,
    given_path_excluded,
    user_excluded,
)
from migrator.files.gitignore import IgnoreRules, find_work_tree, info_exclude_file, read_patterns

# Re-exported: the default excludes are read where they are applied, by the walk.
__all__ = ["DEFAULT_EXCLUDES", "Discovery", "DiscoveryProblem", "discover"]


@dataclass(frozen=True)
class DiscoveryProblem:
    path: Path
    message: str


@dataclass
class Discovery:
    # The paths found, as strings: a warm run looks most files up by name alone, and a
    # ``Path`` per file costs more than that lookup.
    names: list[str]
    problems: list[DiscoveryProblem]

    @functools.cached_property
    def files(self) -> list[Path]:
        return [Path(name) for name in self.names]


class _Candidate(NamedTuple):  # a tuple: there is one per file, and it is cheaper to build
    path: str
    real: str  # identity of the file, to list it once however it was reached
    via_link: bool


class _Folder(NamedTuple):  # one per folder of the tree: a tuple is cheaper to build
    path: str  # as the user spelled the root, joined with the names below it
    rel: str  # relative to the given root, for exclude globs
    top_rel: str  # relative to the top of the ignore rules (the git work tree)
    real: str
    rules: IgnoreRules
    is_root: bool


@dataclass
class _Walker:
    excluded: re.Pattern[str] | None
    respect_gitignore: bool
    extensions: tuple[str, ...]
    filenames: re.Pattern[str] | None
    # Files wanted by where they are (recorded cassettes): the path as walked.
    wanted_path: Callable[[str], bool] | None = None
    # Apply the excludes to the paths given too (--force-exclude).
    force_exclude: bool = False
    candidates: list[_Candidate] = field(default_factory=list)
    problems: list[DiscoveryProblem] = field(default_factory=list)
    walked: set[str] = field(default_factory=set)

    def add_given(self, path: Path) -> None:
        if self.force_exclude and given_path_excluded(path, self.excluded):
            return
        try:
            st = os.stat(path)
        except OSError as exc:
            self.problem(path, _describe_stat_error(path, exc))
            return
        if stat.S_ISDIR(st.st_mode):
            self.walk(path, st)
        elif stat.S_ISREG(st.st_mode):
            real = _identity(os.path.realpath(path))
            self.candidates.append(_Candidate(str(path), real, os.path.islink(path)))
        else:
            self.problem(path, "not a regular file or folder (a device, pipe or socket?); skipped")

    def walk(self, root: Path, st: os.stat_result) -> None:
        real_root = os.path.realpath(root)
        if real_root in self.walked:
            return
        self.walked.add(real_root)
        rules, top_rel = self.root_rules(Path(real_root))
        visited = {(st.st_dev, st.st_ino)}
        pending = [_Folder(str(root), "", top_rel, real_root, rules, is_root=True)]
        while pending:
            pending.extend(self.scan(pending.pop(), visited))

    def scan(self, folder: _Folder, visited: set[tuple[int, int]]) -> Iterator[_Folder]:
        entries = self.list_folder(folder.path)
        if entries is None:
            return
        names = {entry.name: entry for entry in entries}
        if not folder.is_root and VENV_MARKER in names:
            return
        rules, top_rel = self.folder_rules(folder, names)
        # Run for every entry of the tree: the tests that need no path come first, and a
        # tree without ignore rules or excludes asks neither for each file.
        ignoring = self.respect_gitignore and bool(rules.lists)
        excluding = self.excluded is not None
        extensions = self.extensions
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                rel = _join(folder.rel, name)
                ignore_path = _join(top_rel, name)
                if (
                    self.skips_folder(name, rel, ignore_path, rules)
                    if excluding or ignoring
                    else DEFAULT_EXCLUDED.fullmatch(name) is not None
                ):
                    continue
                try:
                    inode = entry.stat(follow_symlinks=False)
                except OSError:
                    continue  # removed while we were looking
                if (inode.st_dev, inode.st_ino) in visited:
                    self.problem(
                        Path(entry.path), "folder already visited (a mount loop?); skipped"
                    )
                    continue
                visited.add((inode.st_dev, inode.st_ino))
                real = _inside(folder.real, name)
                yield _Folder(entry.path, rel, ignore_path, real, rules, is_root=False)
            elif name.endswith(extensions) or self.wants_name(name, entry.path):
                if excluding or ignoring:
                    rel = _join(folder.rel, name)
                    if not self.wants_file(entry, rel, _join(top_rel, name), rules):
                        continue
                elif not self.is_file(entry, wanted=True):
                    continue
                if entry.is_symlink():
                    self.candidates.append(
                        _Candidate(entry.path, _identity(os.path.realpath(entry.path)), True)
                    )
                else:
                    self.candidates.append(
                        _Candidate(entry.path, _identity(_inside(folder.real, name)), False)
                    )

    def wants_name(self, name: str, path: str) -> bool:
        return (
            name.endswith(self.extensions)
            or (self.filenames is not None and self.filenames.fullmatch(name) is not None)
            or (self.wanted_path is not None and self.wanted_path(path))
        )

    def list_folder(self, path: str) -> list[os.DirEntry[str]] | None:
        try:
            with os.scandir(path) as it:
                return list(it)
        except OSError as exc:
            self.problem(
                Path(path), f"{_reason(exc, 'cannot list folder')}; its files were skipped"
            )
            return None

    def folder_rules(
        self, folder: _Folder, names: dict[str, os.DirEntry[str]]
    ) -> tuple[IgnoreRules, str]:
        if not self.respect_gitignore:
            return folder.rules, folder.top_rel
        rules, top_rel = folder.rules, folder.top_rel
        if ".git" in names:
            # A repository of its own (the walk root, a submodule or a nested clone): git
            # applies only its own ignore files there.
            rules, top_rel = self.load(IgnoreRules(), "", info_exclude_file(Path(folder.real))), ""
        # Like git (since 2.32), do not read an ignore file through a symbolic link.
        gitignore = names.get(".gitignore")
        if gitignore is not None and gitignore.is_file(follow_symlinks=False):
            rules = self.load(rules, top_rel, Path(gitignore.path))
        return rules, top_rel

    def root_rules(self, real_root: Path) -> tuple[IgnoreRules, str]:
        """Rules from the ignore files above a given folder, inside its git work tree."""
        if not self.respect_gitignore:
            return IgnoreRules(), ""
        work_tree = find_work_tree(real_root)
        if work_tree is None or work_tree == real_root:
            # Outside a work tree only the folder's own ignore files count, and a work tree's
            # root is read like any other folder when the walk enters it.
            return IgnoreRules(), ""
        rules = self.load(IgnoreRules(), "", info_exclude_file(work_tree))
        folder, top_rel = work_tree, ""
        for part in real_root.relative_to(work_tree).parts:
            rules = self.load(rules, top_rel, folder / ".gitignore")
            folder, top_rel = folder / part, _join(top_rel, part)
        return rules, top_rel

    def load(self, rules: IgnoreRules, top_rel: str, ignore_file: Path) -> IgnoreRules:
        try:
            patterns = read_patterns(ignore_file)
        except (FileNotFoundError, NotADirectoryError):
            return rules
        except OSError as exc:
            self.problem(
                ignore_file,
                f"{_reason(exc, 'cannot read ignore file')}; its rules were not applied",
            )
            return rules
        return rules.with_patterns(top_rel, patterns)

    def skips_folder(self, name: str, rel: str, ignore_path: str, rules: IgnoreRules) -> bool:
        return (
            DEFAULT_EXCLUDED.fullmatch(name) is not None
            or self.user_excluded(rel, name)
            or (self.respect_gitignore and rules.is_ignored(ignore_path, is_dir=True))
        )

    def wants_file(
        self, entry: os.DirEntry[str], rel: str, ignore_path: str, rules: IgnoreRules
    ) -> bool:
        wanted = not self.user_excluded(rel, entry.name) and not (
            self.respect_gitignore and rules.is_ignored(ignore_path, is_dir=False)
        )
        return self.is_file(entry, wanted)

    def is_file(self, entry: os.DirEntry[str], wanted: bool) -> bool:
        """A regular file, or a link to one; a link that is broken or loops is reported
        when the file is ``wanted``."""
        try:
            # Follows a symbolic link: links to files count, links to folders do not.
            if entry.is_file():
                return wanted
        except OSError as exc:  # a symbolic link loop
            if wanted:
                self.problem(Path(entry.path), _describe_stat_error(Path(entry.path), exc))
            return False
        if wanted and entry.is_symlink() and not os.path.exists(entry.path):
            # A broken link to a Python file is a file the run cannot see: say so.
            self.problem(Path(entry.path), _describe_stat_error(Path(entry.path), _enoent()))
        return False

    def user_excluded(self, rel: str, name: str) -> bool:
        return user_excluded(self.excluded, rel, name)

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(DiscoveryProblem(path, message))


def discover(
    paths: Sequence[Path],
    *,
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    extensions: tuple[str, ...] = (".py",),
    filenames: re.Pattern[str] | None = None,
    wanted_path: Callable[[str], bool] | None = None,
    force_exclude: bool = False,
) -> Discovery:
    """The files to look at; below folders, those ending in ``extensions`` or whose whole
    name matches ``filenames``. ``force_exclude``: a given path the excludes match is
    left out too, as a walk of the current folder would leave it."""
    walker = _Walker(
        compile_globs(exclude),
        respect_gitignore,
        extensions,
        filenames,
        wanted_path,
        force_exclude=force_exclude,
    )
    for path in paths:
        walker.add_given(Path(path))
    problems = sorted(dict.fromkeys(walker.problems), key=lambda p: (_sort_key(p.path), p.message))
    return Discovery(names=_choose(walker.candidates), problems=problems)


def _choose(candidates: list[_Candidate]) -> list[str]:
    """One path per file, sorted; a file reached directly wins over a symbolic link to it."""
    paths: Iterable[str]
    if len({candidate.real for candidate in candidates}) == len(candidates):
        paths = [candidate.path for candidate in candidates]  # each file reached once
    else:
        chosen: dict[str, str] = {}
        for candidate in sorted(candidates, key=lambda c: (c.via_link, c.path)):
            chosen.setdefault(candidate.real, candidate.path)
        paths = chosen.values()
    # Spelled as ``Path`` spells them (``x.py`` for ``./x.py`` under ``.``): the cache keys
    # a file by its name, whichever way it was found.
    here = os.curdir + os.sep
    names = [path[len(here) :] if path.startswith(here) else path for path in paths]
    return sorted(names) if os.sep == "/" else sorted(names, key=_posix)


def _posix(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


def _sort_key(path: Path) -> str:
    return path.as_posix()


def _join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name


def _inside(folder: str, name: str) -> str:
    """``os.path.join(folder, name)``, for a folder path without a trailing separator but the
    root's; run for every file of the walk, so without ``join``'s generality."""
    return f"{folder}{name}" if folder.endswith(os.sep) else f"{folder}{os.sep}{name}"


def _identity(real_path: str) -> str:
    return os.path.normcase(real_path)


def _enoent() -> OSError:
    return FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))


def _describe_stat_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return f"dangling symbolic link (to {os.readlink(path)}); fix or remove the link"
    if exc.errno == errno.ENOENT:
        return "path does not exist; check the spelling"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; fix the link"
    return f"{_reason(exc, 'cannot access')}; check the path"


def _reason(exc: OSError, action: str) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied: {action} (fix its permissions or exclude it)"
    return f"{action}: {exc.strerror or exc}"
