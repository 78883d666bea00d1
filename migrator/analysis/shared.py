"""A request dict (or a model name) written in one module and sent from another, converted
where it is written.

``config.py`` binds ``PARAMS = {"model": "claude-2", "max_tokens_to_sample": 300}`` and
``app.py`` sends it: ``from config import PARAMS`` then ``client.completions.create(
prompt=..., **PARAMS)``. Migrated one module at a time, the call converts the dict at run
time and ``config.py`` keeps Text Completions' keys. Seen together, the call is planned
as if the dict's entries were its own keyword arguments (as :mod:`migrator.rewrite.splat` does
within one module), and the converted entries go back into ``config.py``:

    PARAMS = {"model": "claude-sonnet-5-5", "max_tokens": 300}      # config.py
    client.messages.create(messages=[...], **PARAMS)                 # app.py

It takes the whole run, in two steps (:func:`migrator.run.runner.run`):

1. Each module is migrated alone. A module that splats a dict it imports from a module
   of the project (found through :mod:`migrator.analysis.project`) *wants* it: it records the
   module, the name and the literal's text, and converts the dict at run time for now.
   A module whose top level binds such a dict, left with Text Completions' keys,
   *offers* it. Both are held until every module of the run is known.
2. A dict is *granted* to the modules that want it when the module binding it is in the
   run and offers the very text they read, and no other module of the run names it (a
   module that reads it for anything else would see its keys change). The senders are
   migrated again with the dict read whole; each records what it made of the literal
   (an :class:`Edit`), and they must all make the same of it. Then the binding module
   is migrated again with the edit given, and its literal is rewritten.

A model name bound once at the top of a settings module (``MODEL = "claude-2"``) and
imported by the modules that send it is shared the same way (rule TCM006): they must all
choose the same model for it, and the other modules of the run may name it only in
``assert`` statements (a test checking the model the code sends follows the code). Its
module often holds nothing of the legacy API; the run reads it all the same. A model name a
class binds (``class Config: MODEL = "claude-2"``, sent as ``Config.MODEL``) is shared
under the name ``Config.MODEL`` (:mod:`migrator.analysis.class_literals`); since the class may be
reached under any name, another module spelling ``MODEL`` is enough to keep it.

What is decided is passed to the engine through a context variable, as
:mod:`migrator.analysis.project` passes the module being read.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from migrator.analysis import project_summary
from migrator.code.trees import python_tree

# A noted finding on the literal: rule code, rule name, message, fix (Safety's value), and
# the entry it points at (its place among the literal's elements; None: the literal).
NoteOnEntry = tuple[str, str, str, str, int | None]


@dataclass(frozen=True)
class Want:
    """A sending module's request for a literal (a request dict, a model name) another
    module binds."""

    path: str  # the binding module, absolute
    name: str
    text: str  # the literal as the sender read it


@dataclass(frozen=True)
class Edit:
    """What a sending module made of a literal another module binds."""

    path: str  # the binding module, absolute
    name: str
    before: str  # the literal's text as read
    after: str  # the converted literal
    notes: tuple[NoteOnEntry, ...]
    sender: str  # the sending module, as the run names it


@dataclass
class Sharing:
    """One module's part in sharing: what it may read and must write, and what it noted."""

    sender: str  # the module, as the run names it
    granted: Mapping[tuple[str, str], str] = field(default_factory=dict)
    given: Mapping[str, Edit] = field(default_factory=dict)  # by the name the module binds
    wanted: dict[tuple[str, str], Want] = field(default_factory=dict)
    edits: dict[tuple[str, str], Edit] = field(default_factory=dict)

    def want(self, located: tuple[Path, str], name: str) -> Want:
        """Ask for the literal ``name`` is bound to in another module (where, its text)."""
        where, text = located
        want = Want(str(where), name, text)
        self.wanted[(want.path, want.name)] = want
        return want

    def grants(self, want: Want) -> bool:
        """Whether the run lets this module read ``want`` whole (and rewrite it)."""
        return self.granted.get((want.path, want.name)) == want.text

    def edit(self, want: Want, after: str, notes: list[NoteOnEntry]) -> None:
        """What this module made of a literal it was granted, with the findings on it."""
        edit = Edit(
            want.path, want.name, want.text, after, tuple(dict.fromkeys(notes)), self.sender
        )
        self.edits[(want.path, want.name)] = edit


_sharing: ContextVar[Sharing | None] = ContextVar("migrator_sharing", default=None)


@contextmanager
def sharing(
    sender: str,
    granted: Mapping[tuple[str, str], str] | None = None,
    given: Mapping[str, Edit] | None = None,
) -> Iterator[Sharing]:
    """While one module (``sender``, as the run names it) is migrated as part of a run:
    what was decided for it."""
    current = Sharing(sender, dict(granted or {}), dict(given or {}))
    token = _sharing.set(current)
    try:
        yield current
    finally:
        _sharing.reset(token)


def current() -> Sharing | None:
    return _sharing.get()


# A top-level name bound to a dict or a Claude model name, or a class attribute bound to a
# model name (``    MODEL: str = "claude-2"``): most modules bind neither.
_TOP_LEVEL_LITERAL = re.compile(
    rf"^[A-Za-z_]\w*[ \t]*=[ \t]*(?:\{{|[rRuU]?[\"']{project_summary.MODEL_PREFIX}|(?:os\.)?(?:environ\.get|getenv)\()"
    rf"|^[ \t]+[A-Za-z_]\w*[ \t]*(?::[^=\n]*)?=[ \t]*(?:[rRuU]?[\"']{project_summary.MODEL_PREFIX}|(?:os\.)?(?:environ\.get|getenv)\()",
    re.MULTILINE,
)


def offers(source: str | None) -> tuple[tuple[str, str], ...]:
    """The request dicts a module's (new) text still binds at its top with legacy keys,
    and the model names: each name, with its literal's text."""
    if source is None or not _TOP_LEVEL_LITERAL.search(source):
        return ()
    try:
        tree = python_tree(source)  # the engine's check of its output parsed it already
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ()
    return tuple(sorted(project_summary.shared_literals(tree, source).items()))


@dataclass(frozen=True)
class Decided:
    """What one held module is given for its second migration."""

    granted: tuple[tuple[tuple[str, str], str], ...] = ()
    given: tuple[tuple[str, Edit], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.granted or self.given)

    def key(self) -> list[object]:
        """The decision as plain data, for the cache of held results."""
        return [
            [[path, name, text] for (path, name), text in self.granted],
            [[name, edit.before, edit.after, list(edit.notes)] for name, edit in self.given],
        ]


NOTHING_DECIDED = Decided()


def grants(
    wants: Mapping[Path, tuple[Want, ...]],
    offered: Mapping[Path, Mapping[str, str]],
    names: Mapping[str, list[Path]],
) -> dict[Path, Decided]:
    """For each sending module, the dicts it may read whole (see the module's docstring).

    ``wants``: each module's wants; ``offered``: each binding module's offers, by name;
    ``names``: for each wanted name, the modules of the run whose text spells it.
    """
    senders: dict[tuple[str, str], list[Path]] = {}
    for path, wanted in wants.items():
        for want in wanted:
            senders.setdefault((want.path, want.name), []).append(path)
    decided: dict[Path, list[tuple[tuple[str, str], str]]] = {}
    for (where, name), paths in senders.items():
        text = offered.get(Path(where), {}).get(name)
        if text is None:
            continue  # not in the run, or already converted there
        texts = {want.text for path in paths for want in wants[path] if want.name == name}
        spelled = {Path(where), *paths}
        if texts != {text} or any(path not in spelled for path in names.get(name, [])):
            continue
        for path in paths:
            decided.setdefault(path, []).append(((where, name), text))
    return {path: Decided(granted=tuple(sorted(granted))) for path, granted in decided.items()}


def is_model(text: str) -> bool:
    """Whether a shared literal is a model name (else a request dict)."""
    return not text.startswith("{")


def asserted_only(tree: ast.Module, name: str) -> bool:
    """Whether a module reads ``name`` (or ``<module>.name``) only in ``assert`` statements:
    a test checking what the code sends, which a model name rewritten where it is bound
    keeps in step with the code."""

    def reads(node: ast.AST) -> bool:
        return (isinstance(node, ast.Name) and node.id == name) or (
            isinstance(node, ast.Attribute) and node.attr == name
        )

    everywhere = sum(map(reads, ast.walk(tree)))
    asserted = sum(
        reads(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assert)
        for inner in ast.walk(node)
    )
    return everywhere == asserted


def spelling(names: set[str]) -> re.Pattern[bytes]:
    """How a module's bytes spell one of ``names`` as a whole word."""
    alternatives = b"|".join(re.escape(name.encode()) for name in sorted(names))
    return re.compile(rb"(?<![\w])(?:" + alternatives + rb")(?![\w])")


def disagreeing(edits: list[Edit]) -> set[tuple[str, str]]:
    """The dicts that the modules sending them made different things of."""
    made: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for edit in edits:
        made.setdefault((edit.path, edit.name), set()).add((edit.before, edit.after))
    return {key for key, versions in made.items() if len(versions) > 1}
