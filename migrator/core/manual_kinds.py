"""Why a site is left for a person: the kinds of ``docs/manual-reasons.md``, and which one a
manual finding is.

A manual finding's message says what the tool saw; its kind says what sort of work it is,
and points to the section of ``docs/manual-reasons.md`` that says what to do. The JSON
reports give each manual finding its kind's ``id``, and the text summaries count the
manual findings of each kind.

A finding is placed by one table, :data:`SIGNS`: the rule that made it and the words of
its message, first match wins. Messages are written for people and their wording is
pinned by the fixtures' expected outputs, so a sign names words that say why the rule
stopped, not the incidental ones. A manual finding that no sign places has no kind:
``tests/test_manual_kinds.py`` migrates every fixture and fails on one, so a new reason
comes with its place on the list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from migrator.core.findings import Finding, Safety

DOC = "docs/manual-reasons.md"


@dataclass(frozen=True)
class ManualKind:
    """One section of ``docs/manual-reasons.md``: ``id`` is stable (the JSON reports carry
    it), ``heading`` is the section's title as written there."""

    id: str
    heading: str

    @property
    def label(self) -> str:
        """The heading as it reads inside a sentence or a list: its first letter lowered."""
        return self.heading[0].lower() + self.heading[1:]

    @property
    def anchor(self) -> str:
        """The heading's anchor as GitHub makes it: lowercase, punctuation dropped, spaces
        become hyphens."""
        kept = re.sub(r"[^\w\- ]", "", self.heading.lower())
        return kept.replace(" ", "-")

    @property
    def doc(self) -> str:
        return f"{DOC}#{self.anchor}"


KINDS: tuple[ManualKind, ...] = (
    ManualKind("request-not-followed", "The request is built where the tool cannot follow"),
    ManualKind("removed-from-sdk", "What the current SDK removed or refuses, used for other work"),
    ManualKind("test-double", "A test double of the removed resource, a recorded cassette"),
    ManualKind("library-sends", "A library sends the request"),
    ManualKind("answer-not-followed", "The answer goes where the tool cannot follow"),
    ManualKind("run-time-value", "Only known at run time"),
    ManualKind("path-dependent", "The value depends on the path taken"),
    ManualKind("does-not-parse", "The code does not parse"),
    ManualKind("refused-prompt", "A prompt the legacy API refused"),
    ManualKind("project-option", "An option of the project's own interface"),
    ManualKind("sdk-pin", "A pin keeps the old SDK"),
)
_BY_ID = {kind.id: kind for kind in KINDS}


@dataclass(frozen=True)
class Sign:
    """A finding of one of ``rules`` (any rule when empty) whose message matches ``words``
    (any message when None) is of the kind ``kind``."""

    kind: str
    rules: frozenset[str] = frozenset()
    words: re.Pattern[str] | None = None

    def matches(self, rule: str, message: str) -> bool:
        if self.rules and rule not in self.rules:
            return False
        return self.words is None or self.words.search(message) is not None


def _sign(kind: str, words: str | None = None, rules: str = "") -> Sign:
    assert kind in _BY_ID, kind
    pattern = None if words is None else re.compile(words)
    return Sign(kind, frozenset(rules.split()), pattern)


# Specific before general: a test double's message names the request it serves, and a
# finding about a pre-0.3 client names its uses.
SIGNS: tuple[Sign, ...] = (
    # The rule knows why it stops: every manual finding it makes is one kind.
    _sign("sdk-pin", rules="TCM018"),
    _sign("library-sends", rules="TCM022"),
    _sign("refused-prompt", r"legacy API refused"),
    _sign("does-not-parse", r"the code does not parse|names no known rule"),
    _sign("library-sends", r"LangChain"),
    _sign(
        "test-double",
        r"test double|recorded Text Completions exchange|this `responses` registration|"
        r"this `respx` route|this patch is not moved|describes the legacy request",
    ),
    _sign("project-option", r"option of this project"),
    _sign(
        "path-dependent",
        r"(assigned|bound) more than once|assigned elsewhere too|depends on the path|"
        r"in one of several places|"
        r"also bound where|where .* may not hold|left for manual work; they can only be "
        r"migrated together|shared with a request left for manual work",
    ),
    _sign(
        "run-time-value",
        r"only known at run time|known only at run time|splatted|may be above|"
        r"no `model=` argument|the model is held in",
    ),
    _sign(
        "removed-from-sdk",
        r"HUMAN_PROMPT|tokenizer|by position|no such (name|method)|no longer exists|is gone\b|"
        r"count_tokens|`httpx`|a module of the pre-0.3 SDK|both sync and async methods|"
        r"used other than by its completion methods|an option of the pre-0.3 SDK's client|"
        r"a `\(connect, read\)` pair",
    ),
    _sign("request-not-followed", r"Claude Text Completions (answer|stream)"),
    _sign(
        "answer-not-followed",
        r"returned|passed to|stored (in|on)|used other than|in a way the tool does not follow|"
        r"is iterated|used whole|after the loop|unpacked|more than one place|does more with|"
        r"other than by its|to something the tool does not follow|"
        r"which a Messages response does not have|is type-checked|is assigned or deleted|"
        r"gathered with|Messages events do not carry|the answer is read|does not parse each|"
        r"yielded to|captured by|is tested for its keys|which Messages changes|"
        r"not assigned to one variable|is subscripted|change its keys|"
        r"uses the event `\w+` itself|keeps the event `\w+` itself|read other than by a `for` "
        r"loop|is read other than with",
    ),
    _sign(
        "request-not-followed",
        r"token limit|legacy endpoint|cannot read|could not prove|cannot be proven|"
        r"used elsewhere|Human/Assistant prompt|not `json.dumps` of a dict|"
        r"changed after it is built|cannot prove to be|not awaited where it is sent|"
        r"does not send this one request|named here but called elsewhere|"
        r"asks for anthropic-version|on a client the tool cannot trace",
    ),
)


def kind_of(rule: str, message: str) -> ManualKind | None:
    """The kind of a manual finding of ``rule`` saying ``message``; None when no sign
    places it (a reason this version has not put on the list)."""
    for sign in SIGNS:
        if sign.matches(rule, message):
            return _BY_ID[sign.kind]
    return None


def finding_kind(finding: Finding) -> ManualKind | None:
    """The kind of ``finding`` when it is manual work; None for one migrated, or unplaced."""
    if finding.fix is not Safety.MANUAL:
        return None
    return kind_of(finding.rule, finding.message)


def finding_document(finding: Finding) -> dict[str, object]:
    """``finding`` as a JSON document; a manual one also names its kind (None if unplaced)."""
    document = finding.as_dict()
    if finding.fix is Safety.MANUAL:
        kind = finding_kind(finding)
        document["kind"] = None if kind is None else kind.id
    return document


def count_by_kind(findings: Iterable[Finding]) -> list[tuple[ManualKind | None, int]]:
    """The manual findings of each kind, most first (ties in the order of :data:`KINDS`);
    those no sign places count under None, last."""
    counts = Counter(finding_kind(f) for f in findings if f.fix is Safety.MANUAL)
    order = [*KINDS, None]
    return sorted(
        counts.items(), key=lambda item: (item[0] is None, -item[1], order.index(item[0]))
    )
