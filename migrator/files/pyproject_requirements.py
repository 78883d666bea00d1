"""Requirements in ``pyproject.toml``, found by a small scanner that never re-serialises.

``[project]`` dependencies and optional dependencies, ``[dependency-groups]``, uv and
PDM development lists, Poetry's dependency tables. The scanner finds the strings and
their offsets, and every string it reads is checked against ``tomllib``'s reading of
the same document before anything is edited.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from migrator.contract.requirements import (
    Clause,
    Requirement,
    normalise,
    parse_requirement,
    text_position,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


Path = tuple[object, ...]  # TOML keys and array indexes from the document root


class ScanMismatch(Exception):
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


def pyproject_requirements(text: str) -> Iterator[Requirement]:
    document = tomllib.loads(text)
    for string in _TomlScanner(text).strings():
        if string.value is None:
            continue
        if _value_at(document, string.path) != string.value:
            raise ScanMismatch(
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
    line, column = text_position(text, string.start)
    return Requirement(
        name=normalise(name),
        text=f'{name} = "{string.value}"',
        constraint=constraint,
        alternatives=poetry_alternatives(constraint),
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


def poetry_alternatives(constraint: str) -> tuple[tuple[Clause, ...], ...]:
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
            raise ScanMismatch(f"expected {token!r} at offset {self.at}")
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
                    raise ScanMismatch(f"expected a key at offset {self.at}")
                parts.append(match.group())
                self.at = match.end()
            self.skip(newlines=False)
            if self.text.startswith(".", self.at):
                self.at += 1
                continue
            if not self.text.startswith(until, self.at):
                raise ScanMismatch(f"expected {until!r} at offset {self.at}")
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
                raise ScanMismatch(f"unterminated string at offset {at}")
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
