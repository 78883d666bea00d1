"""Git's ignore rules (gitignore(5)), without running git.

Patterns are compiled to regular expressions once. Paths handed to the matcher are POSIX-style
and relative to the "top" of the walk (the git work tree's root, or the folder being walked when
it is not inside a work tree); each pattern list knows the folder it came from.

Whether a path is ignored is decided by the last pattern that matches it, where the lists are
ordered from lowest precedence (.git/info/exclude, then .gitignore files from the top down) to
highest (the deepest .gitignore). A path inside an ignored folder is never looked at, because
the walker does not enter ignored folders: that is how git makes a file under an excluded
folder impossible to re-include with "!".
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# The ASCII sets git's wildmatch uses for [[:name:]] (git's own ctype, not the C locale's).
_CHAR_CLASSES = {
    "alnum": "a-zA-Z0-9",
    "alpha": "a-zA-Z",
    "blank": " \\t",
    "cntrl": "\\x00-\\x1f\\x7f",
    "digit": "0-9",
    "graph": "!-~",
    "lower": "a-z",
    "print": " -~",
    "punct": "!-/:-@\\[-`{-~",
    "space": " \\t\\n\\r",
    "upper": "A-Z",
    "xdigit": "0-9a-fA-F",
}


class _NeverMatches(Exception):
    """The pattern is malformed in a way that makes git's wildmatch give up on every path."""


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    negated: bool
    dir_only: bool
    # Without a slash a pattern looks only at the last path component, at any depth.
    basename_only: bool

    def matches(self, path: str, name: str, is_dir: bool) -> bool:
        if self.dir_only and not is_dir:
            return False
        return self.regex.fullmatch(name if self.basename_only else path) is not None


class PatternList:
    """The patterns of one ignore file, which apply to the paths below its folder."""

    __slots__ = ("base", "patterns", "_any_name", "_any_path")

    def __init__(self, base: str, patterns: tuple[Pattern, ...]) -> None:
        self.base = base  # the file's folder relative to the top: "" or ending with "/"
        self.patterns = patterns
        # Most paths match no pattern at all; one combined regex per kind settles that in a
        # single call instead of one per pattern.
        self._any_name = _union(p for p in patterns if p.basename_only)
        self._any_path = _union(p for p in patterns if not p.basename_only)

    def last_match(self, relative: str, name: str, is_dir: bool) -> Pattern | None:
        if self._any_name.fullmatch(name) is None and self._any_path.fullmatch(relative) is None:
            return None
        for pattern in reversed(self.patterns):
            if pattern.matches(relative, name, is_dir):
                return pattern
        return None


def _union(patterns: Iterable[Pattern]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.regex.pattern})" for p in patterns) or "(?!)", re.DOTALL)


@dataclass(frozen=True)
class IgnoreRules:
    lists: tuple[PatternList, ...] = ()

    def with_patterns(self, folder: str, patterns: tuple[Pattern, ...]) -> IgnoreRules:
        """Rules for `folder` (relative to the top) and below, adding its own ignore file."""
        if not patterns:
            return self
        base = f"{folder}/" if folder else ""
        return IgnoreRules(self.lists + (PatternList(base, patterns),))

    def is_ignored(self, path: str, is_dir: bool) -> bool:
        """`path` must lie inside the folder of every list (the walker guarantees it)."""
        name = path.rpartition("/")[2]
        for plist in reversed(self.lists):
            pattern = plist.last_match(path[len(plist.base) :], name, is_dir)
            if pattern is not None:
                return not pattern.negated
        return False


def parse_patterns(text: str) -> tuple[Pattern, ...]:
    patterns = []
    for line in text.split("\n"):
        pattern = compile_pattern(line.removesuffix("\r"))
        if pattern is not None:
            patterns.append(pattern)
    return tuple(patterns)


def read_patterns(path: Path) -> tuple[Pattern, ...]:
    """Patterns of an ignore file; OSError is left to the caller, who knows how to report it."""
    raw = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    # Git treats the file as bytes; surrogateescape keeps odd bytes comparable with the
    # names os.scandir returns.
    return parse_patterns(raw.decode("utf-8", "surrogateescape"))


def compile_pattern(line: str) -> Pattern | None:
    """One line of an ignore file, or None for blank lines, comments and hopeless patterns."""
    if not line or line.startswith("#"):
        return None
    line = _strip_trailing_spaces(line)
    negated = line.startswith("!")
    if negated:
        line = line[1:]
    dir_only = line.endswith("/")
    if dir_only:
        line = line[:-1]
    basename_only = "/" not in line
    line = line.removeprefix("/")
    if not line:
        return None
    # git compares the wildcard-free start of a pattern on its own and wildmatches only the
    # rest, so a "**" right after that start counts as beginning a path component ("a**/b").
    wildcards_at = next((i for i, char in enumerate(line) if char in "*?[\\"), len(line))
    try:
        regex = re.compile(
            re.escape(line[:wildcards_at]) + _translate(line[wildcards_at:]), re.DOTALL
        )
    except _NeverMatches:
        return None
    return Pattern(regex, negated, dir_only, basename_only)


def _strip_trailing_spaces(line: str) -> str:
    """Drop trailing spaces that are not escaped with a backslash, as git does."""
    end = len(line)
    last_space = None
    i = 0
    while i < end:
        char = line[i]
        if char == " ":
            if last_space is None:
                last_space = i
        else:
            if char == "\\":
                i += 1
            last_space = None
        i += 1
    return line if last_space is None else line[:last_space]


def _translate(pattern: str) -> str:
    """Regex for git's wildmatch with WM_PATHNAME: wildcards and brackets never match "/"."""
    out = []
    i, end = 0, len(pattern)
    while i < end:
        char = pattern[i]
        if char == "*":
            i = _translate_stars(pattern, i, out)
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            i = _translate_bracket(pattern, i, out)
        elif char == "\\":
            if i + 1 == end:
                raise _NeverMatches
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def _translate_stars(pattern: str, i: int, out: list[str]) -> int:
    start = i
    while i < len(pattern) and pattern[i] == "*":
        i += 1
    # "**" is special only as a whole path component; elsewhere it is a plain "*".
    whole_component = (
        i - start >= 2
        and (start == 0 or pattern[start - 1] == "/")
        and (i == len(pattern) or pattern.startswith(("/", "\\/"), i))
    )
    if not whole_component:
        out.append("[^/]*")
        return i
    if i == len(pattern):
        out.append(".*")
        return i
    if pattern[i] == "\\":
        # git skips the zero-folder shortcut when the slash is escaped.
        out.append(".*/")
        return i + 2
    out.append("(?:.*/)?")  # "**/" is zero or more folders
    return i + 1


def _translate_bracket(pattern: str, i: int, out: list[str]) -> int:
    """A bracket expression, parsed the way git's wildmatch parses it."""
    end = len(pattern)
    i += 1
    negated = i < end and pattern[i] in "!^"
    if negated:
        i += 1
    members: list[str] = []
    first = True
    while True:
        if i >= end:
            raise _NeverMatches  # unterminated bracket
        char = pattern[i]
        if char == "]" and not first:
            i += 1
            break
        first = False
        if char == "\\":
            if i + 1 >= end:
                raise _NeverMatches
            low = pattern[i + 1]
            i += 2
        elif char == "[" and pattern.startswith(":", i + 1):
            close = pattern.find("]", i + 2)
            if close == -1:
                raise _NeverMatches
            if close - 1 >= i + 2 and pattern[close - 1] == ":":
                name = pattern[i + 2 : close - 1]
                if name not in _CHAR_CLASSES:
                    raise _NeverMatches
                members.append(_CHAR_CLASSES[name])
                i = close + 1
                continue
            low = "["
            i += 1
        else:
            low = char
            i += 1
        if pattern.startswith("-", i) and i + 1 < end and pattern[i + 1] != "]":
            high, i = _range_end(pattern, i + 1)
            # git matches nothing for a reversed range; Python would reject it.
            if low <= high:
                members.append(f"{re.escape(low)}-{re.escape(high)}")
        else:
            members.append(re.escape(low))
    if negated:
        out.append(f"[^/{''.join(members)}]")
    elif members:
        out.append(f"(?!/)[{''.join(members)}]")
    else:
        out.append("(?!)")
    return i


def _range_end(pattern: str, i: int) -> tuple[str, int]:
    if pattern[i] == "\\":
        if i + 1 >= len(pattern):
            raise _NeverMatches
        return pattern[i + 1], i + 2
    return pattern[i], i + 1


def find_work_tree(start: Path) -> Path | None:
    """The nearest folder at or above `start` (an absolute, resolved path) holding `.git`."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def info_exclude_file(work_tree: Path) -> Path:
    """Where git keeps the repository-local exclude file for this work tree.

    In a linked worktree or a submodule `.git` is a file pointing at the real git folder, and
    a worktree shares info/exclude with the main repository (its "common dir").
    """
    git_dir = _resolve_git_dir(work_tree / ".git")
    try:
        common = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        return git_dir / "info" / "exclude"
    return (git_dir / common) / "info" / "exclude"


def _resolve_git_dir(dot_git: Path) -> Path:
    if dot_git.is_dir():
        return dot_git
    try:
        first_line = dot_git.read_text(encoding="utf-8").partition("\n")[0]
    except OSError:
        return dot_git
    prefix = "gitdir:"
    if not first_line.startswith(prefix):
        return dot_git
    return dot_git.parent / first_line[len(prefix) :].strip()
