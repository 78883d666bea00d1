"""What a run decides of the request dicts its modules share (:mod:`migrator.analysis.shared`):
which senders may read a dict another module binds, found from every module's first
pass, and the binders the byte test passed over."""

from __future__ import annotations

import ast
import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path

from migrator.analysis import shared
from migrator.code.sourcefile import SourceError, read_source
from migrator.run.cache import CachedResult


def unread_binders(
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
    """A path as :mod:`migrator.analysis.shared` names modules (as :mod:`migrator.analysis.project` does)."""
    return Path(os.path.abspath(path))


def sharing_decisions(
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


def withdraw(decisions: dict[Path, shared.Decided], withdrawn: set[tuple[str, str]]) -> list[Path]:
    """Take back the grants of ``withdrawn`` dicts; the senders that lost one."""
    changed = []
    for path, decided in list(decisions.items()):
        kept = tuple(grant for grant in decided.granted if grant[0] not in withdrawn)
        if kept != decided.granted:
            changed.append(path)
            decisions[path] = dataclasses.replace(decided, granted=kept)
    return changed
