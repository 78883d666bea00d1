"""The rest of the project, as far as one module's evidence needs it.

A module that passes ``max_tokens_to_sample=`` to the project's own function
(``from .llm import complete_text``, then ``complete_text(p, max_tokens_to_sample=300)``;
``client.completion_with_retrieval(..., max_tokens_to_sample=1000)`` on a class of a
package it imports) holds no legacy API: the keyword is a parameter of the
project's own interface, and the request, if any, is made (and migrated) where
that function is written. Within one module the evidence scan sees this itself;
across modules it asks here.

The index is cheap and lazy: nothing is read until a module passes the keyword to
a callee it does not define, and then only the modules that module imports, each
parsed with CPython's ``ast`` once per process and summarised (the functions,
classes and methods it defines, with the parameters each takes, and the names it
imports). Imports are resolved as Python would from the importing file: relative
ones within its package, absolute ones from its folder or a folder above it (up to
the project's root: the first folder with ``pyproject.toml``, ``setup.py``,
``setup.cfg`` or ``.git``), also under ``src/``.

A module's result then depends on other files: :func:`reading` records each file
consulted with its metadata, so that a cached result is used again only while
those files are unchanged (:mod:`migrator.run.cache`).
"""

from __future__ import annotations

import ast
import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from migrator.analysis.project_summary import ANY, LEGACY_KEY, MODEL_PREFIX, Summary, summarise

# Methods of the SDKs that take ``max_tokens_to_sample``: a project method of the same
# name never covers a call of one of these (the receiver may well be the SDK's).
_SDK_METHODS = frozenset(
    {"create", "completion", "acompletion", "completion_stream", "acompletion_stream"}
)
_ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
_MAX_CLIMB = 6  # folders above the importing file searched for an absolute import


@dataclass
class Reading:
    """The file whose evidence is being read, and the files consulted for it."""

    path: Path
    consulted: dict[str, list[int]] = field(default_factory=dict)


_reading: ContextVar[Reading | None] = ContextVar("migrator_project_reading", default=None)


@contextmanager
def reading(path: str | os.PathLike[str]) -> Iterator[Reading]:
    """While the file at ``path`` is migrated or checked: what it imports may be read."""
    absolute = Path(os.path.abspath(path))
    outer = _reading.get()
    if outer is not None and outer.path == absolute:  # already read by a caller
        yield outer
        return
    current = Reading(absolute)
    token = _reading.set(current)
    try:
        yield current
    finally:
        _reading.reset(token)


def metadata(st: os.stat_result) -> list[int]:
    """What says a file is unchanged: size, modification and change times, inode."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def unchanged(consulted: dict[str, list[int]]) -> bool:
    """Whether every file consulted has the metadata it had."""
    for path, known in consulted.items():
        try:
            if metadata(os.stat(path)) != known:
                return False
        except OSError:
            if known:
                return False
    return True


# --- the index -----------------------------------------------------------------------------


def takes_keyword(
    imported: dict[str, tuple[int, str, str | None]], func: ast.expr, keyword: str
) -> bool:
    """Whether the callee ``func``, in the module being read (whose imports are
    ``imported``), is the project's own function, class or method that takes ``keyword``.

    ``name(...)``: a function or class imported from a module of the project;
    ``module.name(...)``: one of a project module imported whole; ``obj.method(...)``:
    a method that the project's modules this module imports define, every definition
    of that name taking the keyword (and never a method name of the SDKs)."""
    current = _reading.get()
    if current is None:
        return False
    if isinstance(func, ast.Name):
        origin = imported.get(func.id)
        if origin is None or origin[2] is None:
            return False
        return _accepts(_function(current, origin), keyword)
    if not isinstance(func, ast.Attribute):
        return False
    if isinstance(func.value, ast.Name) and func.value.id in imported:
        origin = imported[func.value.id]
        found = _module(current, origin[0], _dotted_origin(origin))
        if found is not None:
            return _accepts(found.functions.get(func.attr), keyword)
    if func.attr in _SDK_METHODS:
        return False
    definitions = [
        taken
        for summary in _imported_modules(current, imported)
        for taken in summary.methods.get(func.attr, ())
    ]
    return bool(definitions) and all(_accepts(taken, keyword) for taken in definitions)


def shared_literal(level: int, module: str, name: str) -> tuple[Path, str] | None:
    """The module of the project that ``from module import name`` (at ``level``) reads, and
    the text of the request dict or model name ``name`` is bound to there, when it is one
    (:attr:`Summary.literals`), through a package's re-exports; else None."""
    current = _reading.get()
    if current is None:
        return None
    for _ in range(3):
        path = _located(current, level, module)
        summary = _module(current, level, module)
        if path is None or summary is None:
            return None
        if name in summary.literals:
            return path, summary.literals[name]
        origin = summary.imported.get(name)
        if origin is None or origin[2] is None:
            return None
        current = Reading(path, current.consulted)
        level, module, name = origin
    return None


def anthropic_client(
    imported: dict[str, tuple[int, str, str | None]], value: ast.expr
) -> bool | None:
    """Whether ``value``, in the module being read (whose imports are ``imported``), is a
    client of the SDK that a module of the project binds at its top: ``client`` after
    ``from app import client``, or ``app.client`` after ``import app``. None when no module
    is being read (nothing can be looked up)."""
    if isinstance(value, ast.Name):
        origin = imported.get(value.id)
        if origin is None or origin[2] is None:
            return False
        level, module, name = origin
    elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
        origin = imported.get(value.value.id)
        if origin is None:
            return False
        level, module = origin[0], _dotted_origin(origin)
        name = value.attr
    else:
        return False
    return _binds_client(level, module, name)


def anthropic_client_at(path: str) -> bool | None:
    """Whether the dotted path ``app.client`` (a patch target, as Python imports it) names
    a client of the SDK that a module of the project binds at its top; None when no module
    is being read."""
    module, _, name = path.rpartition(".")
    return _binds_client(0, module, name)


def _binds_client(level: int, module: str, name: str) -> bool | None:
    current = _reading.get()
    if current is None:
        return None
    summary = _module(current, level, module)
    return summary is not None and name in summary.clients


def _dotted_origin(origin: tuple[int, str, str | None]) -> str:
    """The dotted module an import binds: ``pkg.app`` for ``from pkg import app``."""
    _level, module, name = origin
    return module if name is None else f"{module}.{name}" if module else name


def _accepts(taken: frozenset[str] | None, keyword: str) -> bool:
    return taken is not None and bool(taken & {keyword, ANY})


def _function(
    current: Reading, origin: tuple[int, str, str | None], hops: int = 3
) -> frozenset[str] | None:
    """The keywords of the function or class ``from module import name`` names, through
    a package's re-exports (``from .client import Client`` in its ``__init__``)."""
    level, module, name = origin
    assert name is not None
    summary = _module(current, level, module)
    if summary is None:
        # ``from package import module``: a module, not a function
        return None
    if name in summary.functions:
        return summary.functions[name]
    again = summary.imported.get(name)
    if again is None or again[2] is None or hops == 0:
        return None
    path = _located(current, level, module)
    assert path is not None
    return _function(Reading(path, current.consulted), again, hops - 1)


def _imported_modules(
    current: Reading, imported: dict[str, tuple[int, str, str | None]]
) -> Iterator[Summary]:
    """The summaries of the project's modules the module imports: each module named, and
    for a package, each module directly inside its folder."""
    seen: set[Path] = set()
    for level, module, name in imported.values():
        candidates = [module] if name is None else [module, f"{module}.{name}" if module else name]
        for dotted in candidates:
            path = _located(current, level, dotted)
            if path is None or path in seen:
                continue
            seen.add(path)
            summary = _summary_of(current, path)
            if summary is not None:
                yield summary
            folder = path.parent if path.name == "__init__.py" else _package_folder(path)
            if folder is None:
                continue
            for entry in sorted(folder.glob("*.py")):
                if entry not in seen:
                    seen.add(entry)
                    inner = _summary_of(current, entry)
                    if inner is not None:
                        yield inner


def _package_folder(path: Path) -> Path | None:
    """A namespace package (a folder without ``__init__.py``) is located as the folder."""
    return path if path.is_dir() else None


def _module(current: Reading, level: int, dotted: str) -> Summary | None:
    path = _located(current, level, dotted)
    if path is None or path.is_dir():
        return None
    return _summary_of(current, path)


def _located(current: Reading, level: int, dotted: str) -> Path | None:
    """The file (or namespace package folder) ``import dotted`` at ``level`` finds from
    the module being read, or None when it is not the project's."""
    parts = [part for part in dotted.split(".") if part]
    if level:
        base = current.path.parent
        for _ in range(level - 1):
            base = base.parent
        return _in_folder(base, parts) if parts else _in_folder(base.parent, [base.name])
    if not parts:
        return None
    folder = current.path.parent
    for _ in range(_MAX_CLIMB):
        for root in (folder, folder / "src"):
            found = _in_folder(root, parts)
            if found is not None:
                return found
        if any((folder / marker).exists() for marker in _ROOT_MARKERS) or folder.parent == folder:
            return None
        folder = folder.parent
    return None


def _in_folder(root: Path, parts: list[str]) -> Path | None:
    target = root.joinpath(*parts)
    for candidate in (target.with_name(target.name + ".py"), target / "__init__.py"):
        if candidate.is_file():
            return candidate
    if target.is_dir() and any(target.glob("*.py")):
        return target
    return None


def _summary_of(current: Reading, path: Path) -> Summary | None:
    if path.is_dir():
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    current.consulted[str(path)] = metadata(st)
    return _parsed(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=512)
def _parsed(path: str, size: int, mtime_ns: int) -> Summary | None:
    """A module's summary, once per process for one version of the file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        tree = ast.parse(raw)
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    try:  # the literals' text, in the one encoding a module that may share one has here
        shares = LEGACY_KEY.encode() in raw or MODEL_PREFIX.encode() in raw
        source = raw.decode("utf-8-sig") if shares else ""
    except UnicodeDecodeError:
        source = ""
    return summarise(tree, source)
