"""Requirements in dependency files, found with their exact place in the text.

``requirements*.txt`` (pip's format), ``pyproject.toml`` (``[project]``
dependencies and optional dependencies, ``[dependency-groups]``, uv and PDM
development lists, Poetry's dependency tables) and ``setup.cfg``
(``install_requires``, ``extras_require``). Each requirement goes to the rules'
``apply_dependency``; an edit replaces the requirement's version constraint and
nothing else, so every other byte of the file (comments, layout, TOML quoting)
stays as it was. TOML is never re-serialised: a small scanner finds the
strings and their offsets, and every string it reads is checked against
``tomllib``'s reading of the same document before anything is edited.

Imports no libcst: a run over dependency files parses no Python.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from migrator.config import Config
from migrator.result import FileResult
from migrator.rule import Finding, Rule, Safety

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

Kind = Literal["requirements", "pyproject", "setup_cfg"]
Clause = tuple[str, str]  # a PEP 440 operator and its version, "==" "0.*" included

_OPERATOR = r"(?:===|==|!=|~=|<=|>=|<|>)"
_CLAUSE = re.compile(rf"({_OPERATOR})\s*([A-Za-z0-9_.*+!-]+)")
_SPECIFIER = rf"{_OPERATOR}\s*[A-Za-z0-9_.*+!-]+(?:\s*,\s*{_OPERATOR}\s*[A-Za-z0-9_.*+!-]+)*"
_PEP508 = re.compile(
    rf"""
    (?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)
    \s*(?:\[(?P<extras>[^\]]*)\])?
    \s*(?:\(\s*(?P<parenthesised>{_SPECIFIER})\s*\)|(?P<bare>{_SPECIFIER}))?
    \s*(?P<rest>.*)
    """,
    re.VERBOSE | re.DOTALL,
)


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares it: ``Anthropic_SDK`` is ``anthropic-sdk``."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Requirement:
    """One requirement, where it is, and what its version constraint allows.

    ``alternatives`` is the constraint as PEP 440 clauses, any of whose lists
    may hold (Poetry's ``||``); a PEP 508 requirement has exactly one list.
    ``start``/``end`` are the offsets of the constraint's text, or of where
    one would go, in the file.
    """

    name: str  # normalised
    text: str  # the requirement as written, for messages
    constraint: str
    alternatives: tuple[tuple[Clause, ...], ...]
    style: Literal["pep508", "poetry"]
    start: int
    end: int
    line: int
    column: int
    # Why the constraint cannot be rewritten in place, and what to do instead; or None.
    frozen: str | None = None


@dataclass
class DependencyPlan:
    """What the rules decide about one requirement: findings and at most one new constraint."""

    requirement: Requirement
    config: Config
    path: str
    findings: list[Finding] = field(default_factory=list)
    new_constraint: str | None = None
    manual: bool = False

    def report(self, rule: type[Rule], message: str, fix: Safety) -> None:
        where = self.requirement
        self.findings.append(
            Finding(self.path, where.line, where.column, rule.code, rule.name(), message, fix)
        )
        self.manual = self.manual or fix is Safety.MANUAL

    def replace_constraint(self, new_constraint: str) -> None:
        if self.requirement.frozen is not None:
            raise ValueError(f"cannot rewrite a frozen requirement: {self.requirement.frozen}")
        self.new_constraint = new_constraint


def migrate_dependencies(
    text: str, path: str, kind: Kind, config: Config, rules: Sequence[type[Rule]]
) -> FileResult:
    """Run the rules over every requirement of one dependency file."""
    try:
        requirements = list(read_requirements(text, kind))
    except (tomllib.TOMLDecodeError, _ScanMismatch) as error:
        return FileResult(path, text, text, error=f"{path}: {error}; the file was left unchanged.")
    findings: list[Finding] = []
    edits: list[tuple[int, int, str]] = []
    migrated = manual = 0
    for plan in apply_rules(requirements, path, config, rules):
        requirement = plan.requirement
        findings.extend(plan.findings)
        if plan.new_constraint is not None:
            edits.append((requirement.start, requirement.end, plan.new_constraint))
            migrated += 1
        elif plan.manual:
            manual += 1
    new_text = text
    for start, end, replacement in sorted(edits, reverse=True):
        new_text = new_text[:start] + replacement + new_text[end:]
    return FileResult(
        path, text, new_text, sorted(findings), migrated_sites=migrated, manual_sites=manual
    )


def apply_rules(
    requirements: Sequence[Requirement], path: str, config: Config, rules: Sequence[type[Rule]]
) -> list[DependencyPlan]:
    instances = [rule() for rule in rules]
    plans = []
    for requirement in requirements:
        plan = DependencyPlan(requirement, config, path)
        for rule in instances:
            rule.apply_dependency(plan)
        plans.append(plan)
    return plans


def read_requirements(text: str, kind: Kind) -> Iterator[Requirement]:
    if kind == "requirements":
        return _requirements_txt(text)
    if kind == "setup_cfg":
        return _setup_cfg(text)
    return _pyproject(text)


# --- PEP 508 strings ------------------------------------------------------------------------


def parse_requirement(text: str, line_text: str, offsets: Sequence[int]) -> Requirement | None:
    """A requirement read from ``line_text``, whose characters sit at ``offsets`` of ``text``.

    None for what is not a plain name-and-version requirement (a URL, a path,
    a file include): nothing there is a version constraint to look at.
    """
    lead = len(line_text) - len(line_text.lstrip())
    match = _PEP508.fullmatch(line_text, lead)
    if not offsets:
        return None
    if match is None:
        return None
    rest = match["rest"].strip()
    frozen = None
    if rest and not rest.startswith((";", "--")):
        return None  # "name @ url", or something this reader does not know: not guessed at
    if "--hash" in rest:
        frozen = "it is pinned by hash (--hash): compile the file again"
    group = "parenthesised" if match["parenthesised"] is not None else "bare"
    if match[group] is not None:
        start, end = match.span(group)
    else:
        start = end = match.end("extras") + 1 if match["extras"] is not None else match.end("name")
    constraint = line_text[start:end]
    absolute_start = offsets[start] if start < len(offsets) else offsets[-1] + 1
    absolute_end = offsets[end - 1] + 1 if end > start else absolute_start
    if absolute_end - absolute_start != end - start and frozen is None:
        frozen = "its version constraint is split over continued lines: change it by hand"
    line, column = _position(text, offsets[match.start("name")])
    return Requirement(
        name=normalise(match["name"]),
        text=line_text[match.start("name") : match.start("rest")].strip(),
        constraint=constraint,
        alternatives=(tuple(_CLAUSE.findall(constraint)),),
        style="pep508",
        start=absolute_start,
        end=absolute_end,
        line=line,
        column=column,
        frozen=frozen,
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- pip install command lines ------------------------------------------------------------

_PIP_INSTALL = re.compile(
    r"[ \t]*(?:%pip|!\s*(?:uv\s+pip|pip3?|\S*python\S*\s+-m\s+pip))\s+install\b(?P<args>.*)"
)
_ARGUMENT = re.compile(r"\"([^\"]*)\"|'([^']*)'|(\S+)")
# pip options whose value is the next word, not a requirement.
_TAKES_VALUE = frozenset(
    "-r --requirement -c --constraint -e --editable -i --index-url --extra-index-url -f "
    "--find-links -t --target --prefix --root --python-version --platform --src".split()
)


def pip_install_requirements(text: str, start: int, end: int) -> Iterator[Requirement]:
    """The requirements named by a ``pip install`` line (``%pip``, ``!pip``) at ``text[start:end]``.

    They are frozen: such a line is IPython syntax, which is left as written.
    """
    match = _PIP_INSTALL.fullmatch(text, start, end)
    if match is None:
        return
    skip_next = False
    for argument in _ARGUMENT.finditer(text, match.start("args"), end):
        group = next(index for index in (1, 2, 3) if argument[index] is not None)
        word = argument[group]
        if skip_next or word.startswith("-"):
            skip_next = word in _TAKES_VALUE
            continue
        offsets = range(argument.start(group), argument.end(group))
        requirement = parse_requirement(text, word, offsets)  # type: ignore[arg-type]
        if requirement is not None:
            yield replace(
                requirement,
                frozen="it is an IPython install line, left as written: change it by hand",
            )


# --- requirements.txt -----------------------------------------------------------------------

_COMMENT = re.compile(r"(^|\s+)#.*$")


def _requirements_txt(text: str) -> Iterator[Requirement]:
    for logical, offsets in _logical_lines(text):
        comment = _COMMENT.search(logical)
        if comment is not None:
            logical, offsets = logical[: comment.start()], offsets[: comment.start()]
        if not logical.strip() or logical.lstrip().startswith("-"):
            continue  # an option line: -r, -c, -e, --index-url ...
        requirement = parse_requirement(text, logical, offsets)
        if requirement is not None:
            yield requirement


def _logical_lines(text: str) -> Iterator[tuple[str, list[int]]]:
    """pip's lines: a backslash at the end of a line continues it on the next one."""
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for physical in text.splitlines(keepends=True):
        body = physical.rstrip("\r\n")
        if body.endswith("\\") and not _COMMENT.search(body):
            chars.extend(body[:-1])
            offsets.extend(range(position, position + len(body) - 1))
        else:
            chars.extend(body)
            offsets.extend(range(position, position + len(body)))
            yield "".join(chars), offsets
            chars, offsets = [], []
        position += len(physical)
    if chars:
        yield "".join(chars), offsets


# --- setup.cfg ------------------------------------------------------------------------------

_SECTION = re.compile(r"\[(?P<name>[^\]]+)\]\s*$")
_OPTION = re.compile(r"(?P<key>[^=:\s][^=:]*?)\s*[=:]\s*(?P<value>.*)$")


def _setup_cfg(text: str) -> Iterator[Requirement]:
    section = ""
    in_requirements = False
    position = 0
    for physical in text.splitlines(keepends=True):
        body = physical.rstrip("\r\n")
        stripped = body.strip()
        start = position
        position += len(physical)
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if body[0].isspace():
            if in_requirements:
                yield from _cfg_value(text, body, start)
            continue
        header = _SECTION.match(body)
        if header is not None:
            section = header["name"].strip().lower()
            in_requirements = False
            continue
        option = _OPTION.match(body)
        if option is None:
            in_requirements = False
            continue
        key = option["key"].strip().lower().replace("-", "_")
        in_requirements = (section == "options" and key == "install_requires") or (
            section == "options.extras_require"
        )
        if in_requirements and option["value"].strip():
            yield from _cfg_value(text, option["value"], start + option.start("value"))


def _cfg_value(text: str, value: str, start: int) -> Iterator[Requirement]:
    comment = _COMMENT.search(value)
    if comment is not None:
        value = value[: comment.start()]
    if value.strip().startswith("file:"):
        return
    requirement = parse_requirement(text, value, range(start, start + len(value)))  # type: ignore[arg-type]
    if requirement is not None:
        yield requirement


# --- pyproject.toml -------------------------------------------------------------------------

Path = tuple[object, ...]  # TOML keys and array indexes from the document root


class _ScanMismatch(Exception):
    """The scanner read the document otherwise than tomllib: edit nothing."""


@dataclass(frozen=True)
class _String:
    path: Path
    value: str | None  # None when escapes or line breaks make the text differ from the value
    start: int  # of the content, inside the quotes
    end: int


_PEP508_LISTS = (
    ("project", "dependencies", int),
    ("project", "optional-dependencies", str, int),
    ("dependency-groups", str, int),
    ("tool", "uv", "dev-dependencies", int),
    ("tool", "uv", "constraint-dependencies", int),
    ("tool", "uv", "override-dependencies", int),
    ("tool", "pdm", "dev-dependencies", str, int),
)
_POETRY_TABLES = (
    ("tool", "poetry", "dependencies"),
    ("tool", "poetry", "dev-dependencies"),
)


def _pyproject(text: str) -> Iterator[Requirement]:
    document = tomllib.loads(text)
    for string in _TomlScanner(text).strings():
        if string.value is None:
            continue
        if _value_at(document, string.path) != string.value:
            raise _ScanMismatch(
                f"reading {'.'.join(map(str, string.path))} gave two different values"
            )
        requirement = _toml_requirement(text, string)
        if requirement is not None:
            yield requirement


def _toml_requirement(text: str, string: _String) -> Requirement | None:
    assert string.value is not None
    path = string.path
    if any(_matches(path, pattern) for pattern in _PEP508_LISTS):
        return parse_requirement(text, string.value, range(string.start, string.end))  # type: ignore[arg-type]
    table = _poetry_table(path)
    if table is None:
        return None
    name, rest = path[len(table)], path[len(table) + 1 :]
    if not (rest == () or rest == ("version",) or (len(rest) == 2 and rest[1] == "version")):
        return None
    assert isinstance(name, str)
    constraint = string.value.strip()
    lead = len(string.value) - len(string.value.lstrip())
    start = string.start + lead
    line, column = _position(text, string.start)
    return Requirement(
        name=normalise(name),
        text=f'{name} = "{string.value}"',
        constraint=constraint,
        alternatives=_poetry_alternatives(constraint),
        style="poetry",
        start=start,
        end=start + len(constraint),
        line=line,
        column=column,
    )


def _matches(path: Path, pattern: tuple[object, ...]) -> bool:
    return len(path) == len(pattern) and all(
        isinstance(part, want) if isinstance(want, type) else part == want
        for part, want in zip(path, pattern, strict=True)
    )


def _poetry_table(path: Path) -> Path | None:
    for table in _POETRY_TABLES:
        if path[: len(table)] == table and len(path) > len(table):
            return table
    group = path[:5]
    if (
        len(path) > 5
        and group[:3] == ("tool", "poetry", "group")
        and isinstance(group[3], str)
        and group[4] == "dependencies"
    ):
        return group
    return None


_POETRY_CLAUSE = re.compile(r"(\^|~=|~|===|==|!=|<=|>=|<|>|=)?\s*([A-Za-z0-9_.*+!-]+)")


def _poetry_alternatives(constraint: str) -> tuple[tuple[Clause, ...], ...]:
    """Poetry's constraint syntax (``^0.25``, ``~0.25``, ``0.25.0``, ``>=0.3,<1 || ^2``) as PEP 440."""
    alternatives = []
    for alternative in constraint.split("||"):
        clauses: list[Clause] = []
        for operator, version in _POETRY_CLAUSE.findall(alternative.replace(",", " ")):
            if version == "*":
                continue
            if operator in ("^", "~"):
                clauses.extend(_poetry_range(operator, version))
            elif operator in ("", "="):
                clauses.append(("==", version))
            else:
                clauses.append((operator, version))
        alternatives.append(tuple(clauses))
    return tuple(alternatives)


def _poetry_range(operator: str, version: str) -> list[Clause]:
    release = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]] or [0]
    if operator == "~":
        keep = 1 if len(release) == 1 else 2
    else:  # caret: the first non-zero part may not change
        keep = next((index + 1 for index, part in enumerate(release) if part), len(release))
    bound = [*release[: keep - 1], release[keep - 1] + 1]
    return [(">=", version), ("<", ".".join(map(str, bound)))]


def _value_at(document: object, path: Path) -> object:
    node = document
    for part in path:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return node


class _TomlScanner:
    """Every string value of a TOML document with its key path and offsets.

    Only as much TOML as finding strings needs: tables, arrays of tables,
    dotted and quoted keys, arrays, inline tables, comments; other values are
    skipped over.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.found: list[_String] = []
        self.table_counts: dict[Path, int] = {}

    def strings(self) -> list[_String]:
        table: Path = ()
        while True:
            self.skip(newlines=True)
            if self.at >= len(self.text):
                return self.found
            if self.text.startswith("[[", self.at):
                self.at += 2
                keys = self.keys("]")
                self.expect("]]")
                array = (*self.resolve(keys[:-1]), keys[-1])
                index = self.table_counts.get(array, 0)
                self.table_counts[array] = index + 1
                table = (*array, index)
            elif self.text[self.at] == "[":
                self.at += 1
                table = self.resolve(self.keys("]"))
                self.expect("]")
            else:
                keys = self.keys("=")
                self.expect("=")
                self.value((*table, *keys))

    def resolve(self, keys: Path) -> Path:
        """A header's path, with the index of each array of tables it goes through:
        ``[fruit.info]`` after ``[[fruit]]`` is in the last fruit."""
        resolved: list[object] = []
        for key in keys:
            resolved.append(key)
            count = self.table_counts.get(tuple(resolved))
            if count is not None:
                resolved.append(count - 1)
        return tuple(resolved)

    def skip(self, newlines: bool) -> None:
        while self.at < len(self.text):
            char = self.text[self.at]
            if char in " \t" or (newlines and char in "\r\n"):
                self.at += 1
            elif char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end == -1 else end
            else:
                return

    def expect(self, token: str) -> None:
        self.skip(newlines=False)
        if not self.text.startswith(token, self.at):
            raise _ScanMismatch(f"expected {token!r} at offset {self.at}")
        self.at += len(token)

    def keys(self, until: str) -> Path:
        parts: list[object] = []
        while True:
            self.skip(newlines=False)
            char = self.text[self.at : self.at + 1]
            if char in ('"', "'"):
                value, _ = self.string()
                parts.append(value)
            else:
                match = re.compile(r"[A-Za-z0-9_-]+").match(self.text, self.at)
                if match is None:
                    raise _ScanMismatch(f"expected a key at offset {self.at}")
                parts.append(match.group())
                self.at = match.end()
            self.skip(newlines=False)
            if self.text.startswith(".", self.at):
                self.at += 1
                continue
            if not self.text.startswith(until, self.at):
                raise _ScanMismatch(f"expected {until!r} at offset {self.at}")
            return tuple(parts)

    def value(self, path: Path) -> None:
        self.skip(newlines=False)
        char = self.text[self.at : self.at + 1]
        if char in ('"', "'"):
            start = self.at
            value, (content_start, content_end) = self.string()
            quote = self.text[start]
            multiline = self.text.startswith(quote * 3, start)
            # Only a one-line string whose text is its value can be edited by offsets.
            plain = not multiline and "\n" not in value and (quote == "'" or "\\" not in value)
            self.found.append(_String(path, value if plain else None, content_start, content_end))
        elif char == "[":
            self.at += 1
            index = 0
            while True:
                self.skip(newlines=True)
                if self.text.startswith("]", self.at):
                    self.at += 1
                    return
                self.value((*path, index))
                index += 1
                self.skip(newlines=True)
                if self.text.startswith(",", self.at):
                    self.at += 1
        elif char == "{":
            self.at += 1
            while True:
                self.skip(newlines=True)
                if self.text.startswith("}", self.at):
                    self.at += 1
                    return
                keys = self.keys("=")
                self.expect("=")
                self.value((*path, *keys))
                self.skip(newlines=True)
                if self.text.startswith(",", self.at):
                    self.at += 1
        else:
            match = re.compile(r"[^,\]}\r\n#]*").match(self.text, self.at)
            assert match is not None
            self.at = match.end()

    def string(self) -> tuple[str, tuple[int, int]]:
        """The text of the string at the cursor and its offsets; escapes are not decoded,
        since only strings without them are read as requirements."""
        text, at = self.text, self.at
        for quote in ('"""', "'''", '"', "'"):
            if text.startswith(quote, at):
                break
        start = at + len(quote)
        end = start
        while True:
            end = text.find(quote, end)
            if end == -1:
                raise _ScanMismatch(f"unterminated string at offset {at}")
            if quote.startswith('"') and _escaped(text, end, start):
                end += 1
                continue
            break
        if len(quote) == 3:
            while text.startswith(quote[0], end + 3):
                end += 1  # up to two quotes may end the content of a multi-line string
        self.at = end + len(quote)
        raw = text[start:end]
        return raw, (start, end)


def _escaped(text: str, index: int, floor: int) -> bool:
    backslashes = 0
    while index - 1 - backslashes >= floor and text[index - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
