"""Requirements as written: where each one's version constraint sits in the text.

PEP 508 strings (``requirements*.txt`` lines, ``setup.cfg`` options, ``%pip install``
command lines), and :class:`DependencyPlan`, what the rules decide about one of them.
``pyproject.toml`` is read by :mod:`migrator.files.pyproject_requirements`; the rules run
over both in :mod:`migrator.files.dependencies`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from migrator.core.config import Config
from migrator.core.findings import Finding, Safety

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

    def report(self, rule: type, message: str, fix: Safety) -> None:
        where = self.requirement
        self.findings.append(
            Finding(self.path, where.line, where.column, rule.code, rule.name(), message, fix)
        )
        self.manual = self.manual or fix is Safety.MANUAL

    def replace_constraint(self, new_constraint: str) -> None:
        if self.requirement.frozen is not None:
            raise ValueError(f"cannot rewrite a frozen requirement: {self.requirement.frozen}")
        self.new_constraint = new_constraint


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
    line, column = text_position(text, offsets[match.start("name")])
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


def text_position(text: str, offset: int) -> tuple[int, int]:
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


def requirements_txt(text: str) -> Iterator[Requirement]:
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


def setup_cfg_requirements(text: str) -> Iterator[Requirement]:
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
