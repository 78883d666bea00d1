"""``# migrator: ignore`` comments: which findings they silence, and which silence nothing.

A comment ``# migrator: ignore[TCM006, stop_reason] reason`` silences the findings of the
rules it names (codes or names) on its own line; a bare ``# migrator: ignore`` silences every
rule there. On the first line of a legacy call it covers every finding of that call, wherever
it is reported. The engine leaves a call with a silenced finding exactly as written: a call is
migrated whole or not at all. Only comments count (libcst's ``Comment`` nodes), never the text
of a string, and the comments the tool writes itself (``# migrator: manual [...]``) are not
directives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import CodePosition

from migrator.core.catalog import CODES, UnknownRule, code_of

# The directive, its optional code list, and the free-text reason up to the next comment, so
# that removing the directive keeps whatever other tool's comment follows it. It starts the
# comment or a later ``#`` segment of it: a comment that quotes it (``# migrator: ignore``
# in backticks, say) is prose.
DIRECTIVE = re.compile(
    r"(?:^|(?<=\s))#\s*migrator:\s*ignore(?![\w-])\s*(?:\[(?P<codes>[^\]]*)\])?(?P<reason>[^#]*)"
)
ALL = "*"


@dataclass
class Suppression:
    """One directive inside one comment."""

    comment: cst.Comment
    line: int
    start: int  # span of the directive (with its reason) inside the comment's text
    end: int
    # Codes it names, resolved from codes or names; None for a bare directive (every rule).
    codes: tuple[str, ...] | None
    spelled: tuple[str, ...]  # the entries as written, in order, for messages and rewrites
    unknown: tuple[str, ...]
    used: set[str] = field(default_factory=set)

    def covers(self, code: str) -> bool:
        if self.codes is None:
            self.used.add(ALL)
            return True
        if code in self.codes:
            self.used.add(code)
            return True
        return False

    def unused_codes(self, selected: set[str]) -> list[str]:
        """Codes that silenced nothing, among the rules that ran (others could not be used)."""
        if self.codes is None:
            everything = set(CODES.values()) <= selected
            return [ALL] if everything and not self.used else []
        return [code for code in self.codes if code in selected and code not in self.used]


@dataclass(frozen=True)
class Unused:
    """A directive that silenced nothing: the codes it names in vain (``*``: bare), or names
    no rule at all (``suppression.unknown``)."""

    suppression: Suppression
    codes: tuple[str, ...]


class Suppressions:
    """Every directive of one module, by line."""

    def __init__(self, found: Iterable[Suppression]) -> None:
        self.by_line: dict[int, list[Suppression]] = {}
        for suppression in found:
            self.by_line.setdefault(suppression.line, []).append(suppression)

    def __bool__(self) -> bool:
        return bool(self.by_line)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (s for line in sorted(self.by_line) for s in self.by_line[line])

    def covering(self, line: int, code: str) -> Suppression | None:
        """The directive on ``line`` that silences ``code`` (marking it used), if any."""
        for suppression in self.by_line.get(line, ()):
            if suppression.covers(code):
                return suppression
        return None

    def unused(self, selected: set[str]) -> list[Unused]:
        found = []
        for suppression in self:
            codes = tuple(suppression.unused_codes(selected))
            if codes or suppression.unknown:
                found.append(Unused(suppression, codes))
        return found


def collect(
    module: cst.Module, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> Suppressions:
    """The directives in ``module``, parsed from ``source``."""
    found: list[Suppression] = []

    class Comments(cst.CSTVisitor):
        def visit_Comment(self, node: cst.Comment) -> None:
            where = positions.get(node)
            if where is None:
                return
            for match in DIRECTIVE.finditer(node.value):
                found.append(_parse(node, where.line, match))

    if "migrator:" in source:  # most files have none: skip the walk
        module.visit(Comments())
    return Suppressions(found)


def _parse(comment: cst.Comment, line: int, match: re.Match[str]) -> Suppression:
    # The reason belongs to the directive: it goes when the directive goes.
    end = match.end()
    listed = match.group("codes")
    if listed is None:
        return Suppression(comment, line, match.start(), end, None, (), ())
    spelled = tuple(entry.strip() for entry in listed.split(",") if entry.strip())
    codes: list[str] = []
    unknown: list[str] = []
    for entry in spelled:
        try:
            codes.append(code_of(entry))
        except UnknownRule:
            unknown.append(entry)
    return Suppression(comment, line, match.start(), end, tuple(codes), spelled, tuple(unknown))


def without(suppression: Suppression, unused: Iterable[str]) -> str | None:
    """The comment's new text with the unused part of a directive gone; None: drop it all."""
    unused = set(unused)
    text = suppression.comment.value
    kept = [
        entry for entry in suppression.spelled if ALL not in unused and code_of(entry) not in unused
    ]
    if kept:
        directive = text[suppression.start : suppression.end]
        listed = re.sub(r"\[[^\]]*\]", "[" + ", ".join(kept) + "]", directive, count=1)
        return text[: suppression.start] + listed + text[suppression.end :]
    before = text[: suppression.start].rstrip()
    after = text[suppression.end :].lstrip()
    rest = f"{before}  {after}" if before and after else before or after
    return rest or None
