"""Which clients of other modules a test's doubles stand in for, known once the run saw them all.

A test that patches ``svc.client.completions`` (``mock.patch.object(...,
"create")``) reads the client of the module under test, ``svc.py``. Only the
run knows whether that module was migrated: if its every call on that client
was (``FileResult.clients``), the double moves to ``messages`` with it; if not,
the test stays as written, with its finding. Nothing here imports libcst.

A ``responses`` registration serves a URL, not a client: the run's fact for it
is :class:`Endpoints`, the legacy URLs its raw HTTP code was moved off
(``FileResult.endpoints_migrated``) and those its code still names
(``FileResult.endpoints_left``).
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from migrator.analysis.evidence_doubles import DOUBLE_WHAT, patched_create, patched_create_path
from migrator.analysis.evidence_nodes import UNKNOWN_START, dotted_name, last_name
from migrator.code.trees import python_tree
from migrator.core.findings import Finding


def has_doubles(findings: Iterable[Finding]) -> bool:
    """Whether a module's findings name a double on another module's ``completions``."""
    return any(f.rule == "TCM020" and f.message.startswith(DOUBLE_WHAT) for f in findings)


class ModuleClients(Protocol):
    """What the run learned of a module's clients (``FileResult``, ``CachedResult``)."""

    clients: tuple[str, ...]
    exact_clients: tuple[str, ...]


class ModuleEndpoints(Protocol):
    """What the run learned of a module's legacy endpoints (``FileResult``, ``CachedResult``)."""

    endpoints_migrated: tuple[str, ...]
    endpoints_left: tuple[str, ...]


@dataclass(frozen=True)
class Endpoints:
    """The legacy endpoints of a run: the URLs (ending in ``/v1/complete``) its ``requests``
    posts were moved off, and the endpoints its code still names once migrated (a post left
    for a person, one no rule could follow, a constant).

    A test double that serves an endpoint moves with the code only when the run moved a post
    off it and left nothing that may still ask it (:meth:`proven`).
    """

    migrated: frozenset[str] = frozenset()
    left: frozenset[str] = frozenset()

    @classmethod
    def of(cls, modules: Iterable[ModuleEndpoints], left: Iterable[str] = ()) -> Endpoints:
        """The endpoints of ``modules``, and ``left``: those named by code no rule read."""
        migrated: set[str] = set()
        named = set(left)
        for module in modules:
            migrated.update(module.endpoints_migrated)
            named.update(module.endpoints_left)
        return cls(frozenset(migrated), frozenset(named))

    def moves_any(self, served: Iterable[tuple[str, str]]) -> bool:
        """Whether a double serving ``served`` (url, sender) moves with the run: a module
        whose doubles none of them moves migrates as it did before the run was known."""
        return any(self.proven(url, sender) for url, sender in served)

    def proven(self, url: str, sender: str = "requests") -> bool:
        """Whether every request of the run that may ask ``url`` now asks ``/v1/messages``,
        and ``sender``'s posts (those the double intercepts) were moved off it."""
        return endpoint_key(url, sender) in self.migrated and not self.left_at(url)

    def left_at(self, url: str) -> list[str]:
        """What the run's code still names that may be ``url``."""
        return sorted(named for named in self.left if named == url or named[:1] == UNKNOWN_START)


def endpoint_key(url: str, sender: str) -> str:
    """How ``migrated`` holds a URL ``sender``'s posts were moved off: a ``requests`` post's
    as the URL itself, an ``httpx`` one's after ``"httpx "`` (a URL holds no space), so that
    a ``responses`` registration moves only with ``requests`` code and a ``respx`` route
    only with ``httpx`` code."""
    return url if sender == "requests" else f"{sender} {url}"


# Nothing known: no endpoint is proven (a run's first look at a module).
NO_ENDPOINTS = Endpoints()


def known_clients(
    test: Path, source: str, clients: Mapping[Path, ModuleClients]
) -> dict[str, bool]:
    """The receivers of ``test``'s doubles (``svc.client``, as the test spells them) that are
    clients of a module of the run whose calls were all migrated; each True when those calls
    send just the legacy request's counterpart (``exact_clients``).

    ``clients``: each module of the run with the clients it migrated. A module is
    found by its dotted name from a folder above the test (or that folder's ``src``),
    as Python would import it with the project's root or the test's folder on its path.
    """
    try:
        tree = python_tree(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    names = _imported(tree)
    modules = _importable(test, clients)
    known: dict[str, bool] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        found_receiver = _receiver(node, names)
        if found_receiver is None:
            continue
        receiver, qualified = found_receiver
        module, attribute = ".".join(qualified[:-1]), qualified[-1]
        found = modules.get(module)
        if found is not None and attribute in found.clients:
            known[receiver] = attribute in found.exact_clients
    return known


def _receiver(node: ast.Call, names: Mapping[str, str]) -> tuple[str, list[str]] | None:
    """The client ``node`` puts a double on, as the test spells it and as its dotted name
    from the module that defines it: the receiver of ``create`` in ``patch.object(svc.client
    .completions, "create")``, or the client a patch replaces whole (``patch.object(svc,
    "client")``, ``patch("svc.client")``, ``monkeypatch.setattr(svc, "client", fake)``), whose
    mock a test may configure ``completions.create`` on (``evidence_doubles.configured_create``)."""
    target = patched_create(node)
    path = patched_create_path(node)
    if target is not None:
        receiver = dotted_name(target.value)
    elif path is not None:
        return path, path.split(".")  # a dotted path, as Python imports it
    else:
        receiver = _replaced_whole(node)
        if receiver is not None and _is_string_target(node):
            return receiver, receiver.split(".")  # a dotted path, as Python imports it
    if receiver is None:
        return None
    root, *rest = receiver.split(".")
    if root not in names:
        return None
    return receiver, [*names[root].split("."), *rest]


def _replaced_whole(node: ast.Call) -> str | None:
    """``svc.client`` of ``patch.object(svc, "client")`` or ``patch("svc.client")``."""
    method = last_name(node.func)
    if not node.args or method not in ("object", "setattr", "patch"):
        return None
    first = node.args[0]
    if _is_string_target(node):
        assert isinstance(first, ast.Constant)
        return first.value if "." in first.value else None
    name = node.args[1] if len(node.args) > 1 else None
    if method == "patch" or not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return None
    owner = dotted_name(first)
    return f"{owner}.{name.value}" if owner is not None else None


def _is_string_target(node: ast.Call) -> bool:
    first = node.args[0] if node.args else None
    return (
        last_name(node.func) in ("patch", "setattr")
        and isinstance(first, ast.Constant)
        and isinstance(first.value, str)
    )


def _imported(tree: ast.Module) -> dict[str, str]:
    """Local name: the dotted name it stands for (a module, or a name in a module)."""
    names: dict[str, str] = {}
    for node in tree.body:  # top-level imports: a test module's own
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    root = alias.name.split(".")[0]
                    names[root] = root
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _importable(test: Path, clients: Mapping[Path, ModuleClients]) -> dict[str, ModuleClients]:
    """Dotted module name: its clients, for each module with clients importable from ``test``."""
    folder = Path(os.path.abspath(test)).parent
    roots = [folder, *folder.parents]
    roots += [root / "src" for root in roots]
    # Compared as tuples of path parts: every held test is matched against every module
    # of the run, and ``Path.relative_to`` made that most of the run's serial part.
    root_parts = [root.parts for root in roots]
    found: dict[str, ModuleClients] = {}
    for path, names in clients.items():
        if not names.clients:
            continue
        absolute = Path(os.path.abspath(path)).parts
        for root in root_parts:
            if absolute[: len(root)] != root:
                continue
            parts = list(absolute[len(root) :])
            if parts:
                parts[-1] = _without_suffix(parts[-1])
            if parts and parts[-1] == "__init__":
                parts.pop()
            if parts and all(part.isidentifier() for part in parts):
                found.setdefault(".".join(parts), names)
    return found


def _without_suffix(name: str) -> str:
    """``PurePath(name).with_suffix("").name``: the name without its last suffix."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name
