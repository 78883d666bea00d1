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
those files are unchanged (:mod:`migrator.cache`).
"""

from __future__ import annotations

import ast
import functools
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from migrator.class_literals import class_literals

# A parameter set that takes any keyword: ``**kwargs`` that the function keeps.
ANY = "*"
# Methods of the SDKs that take ``max_tokens_to_sample``: a project method of the same
# name never covers a call of one of these (the receiver may well be the SDK's).
_SDK_METHODS = frozenset(
    {"create", "completion", "acompletion", "completion_stream", "acompletion_stream"}
)
_ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
_MAX_CLIMB = 6  # folders above the importing file searched for an absolute import
_MAX_FORWARDS = 3  # ``**kwargs`` handed on to the module's own functions, this deep


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


# --- what a module defines -----------------------------------------------------------------


def parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The keywords ``function`` takes as its own: its parameters, and any keyword when it
    keeps a ``**kwargs`` (one it does not hand on to another call)."""
    args = function.args
    names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    if args.kwarg is not None and not passes_on(function, args.kwarg.arg):
        names.add(ANY)
    return names


def passes_on(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether a function hands its ``**name`` on to another call (``f(**name)``)."""
    return any(
        isinstance(node, ast.keyword)
        and node.arg is None
        and isinstance(node.value, ast.Name)
        and node.value.id == name
        for node in ast.walk(function)
    )


def _forwarded_to(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> list[ast.expr]:
    """The callees ``function`` hands its ``**name`` to."""
    return [
        node.func
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
        and any(
            k.arg is None and isinstance(k.value, ast.Name) and k.value.id == name
            for k in node.keywords
        )
    ]


def class_parameters(node: ast.ClassDef) -> set[str]:
    """What constructing the class takes: its ``__init__``'s parameters, and its annotated
    fields (dataclasses, pydantic models, attrs classes)."""
    names: set[str] = set()
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == "__init__":
            args = item.args
            names.update(a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs])
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names.add(item.target.id)
    return names


@dataclass(frozen=True)
class Summary:
    """What one module of the project defines and imports, for the modules importing it."""

    # Top-level functions and classes: the keywords each takes.
    functions: dict[str, frozenset[str]]
    # Methods of its classes, by name: the keywords of each definition of that name.
    methods: dict[str, tuple[frozenset[str], ...]]
    # Names it imports at the top: (level, module, name) where they come from.
    imported: dict[str, tuple[int, str, str | None]]
    # Request dicts of Text Completions (``PARAMS = {"model": ..., "max_tokens_to_sample":
    # 300}``) and Claude model names (``MODEL = "claude-2"``) it binds at the top, each
    # bound once and read nowhere in the module: the literal's text (migrator.shared).
    literals: dict[str, str] = field(default_factory=dict)
    # Names it binds at the top to an Anthropic client (``client = anthropic.Anthropic()``).
    clients: frozenset[str] = frozenset()


# The SDKs' client classes, as a module's top level builds them.
_CLIENT_CLASSES = frozenset(
    {
        "Anthropic",
        "AsyncAnthropic",
        "Client",
        "AnthropicBedrock",
        "AsyncAnthropicBedrock",
        "AnthropicVertex",
        "AsyncAnthropicVertex",
    }
)


def top_level_clients(
    tree: ast.Module, imported: dict[str, tuple[int, str, str | None]]
) -> frozenset[str]:
    """The names the module binds at its top to a client of the SDK: ``anthropic.X(...)``
    or ``X(...)`` with ``X`` imported from ``anthropic``, for a client class ``X``."""
    clients = set()
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
            continue
        func = node.value.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            origin = imported.get(func.value.id)
            sdk = origin is not None and origin[2] is None and origin[1] == "anthropic"
            named = func.attr
        elif isinstance(func, ast.Name):
            origin = imported.get(func.id)
            sdk = origin is not None and origin[1] == "anthropic" and origin[0] == 0
            named = origin[2] if origin is not None and origin[2] else ""
        else:
            continue
        if sdk and named in _CLIENT_CLASSES:
            clients.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(clients)


def summarise(tree: ast.Module, source: str = "") -> Summary:
    functions: dict[str, frozenset[str]] = {}
    methods: dict[str, list[frozenset[str]]] = {}
    defined = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions[node.name] = frozenset(_taken(node, defined, _MAX_FORWARDS))
        elif isinstance(node, ast.ClassDef):
            functions[node.name] = frozenset(class_parameters(node))
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    methods.setdefault(item.name, []).append(frozenset(parameters(item)))
    imported = dict(imported_names(tree.body))
    return Summary(
        functions,
        {name: tuple(sets) for name, sets in methods.items()},
        imported,
        shared_literals(tree, source) if _MAY_SHARE.search(source) else {},
        top_level_clients(tree, imported),
    )


LEGACY_KEY = "max_tokens_to_sample"
MODEL_PREFIX = "claude"
_MAY_SHARE = re.compile(f"{LEGACY_KEY}|{MODEL_PREFIX}")


def shared_literals(tree: ast.Module, source: str) -> dict[str, str]:
    """The module's top-level names bound once to a dict literal with the legacy token
    limit among its string keys, or to a string naming a Claude model, that nothing in the
    module reads or binds again: each with the literal's text. Also a model name a class
    at the top binds (``Config.MODEL``, :mod:`migrator.class_literals`)."""
    found: dict[str, ast.Dict | ast.Constant] = {}
    bound: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            if isinstance(target, ast.Name) and (isinstance(value, ast.Dict) or _model(value)):
                found[target.id] = value
    if not found:
        return class_literals(tree, source, _model)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in found:
            bound[node.id] = bound.get(node.id, 0) + 1  # a read, or a binding of its own
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                bound[name] = bound.get(name, 0) + 1
    literals = class_literals(tree, source, _model)
    for name, literal in found.items():
        if bound.get(name) != 1:
            continue
        if isinstance(literal, ast.Dict):
            keys = [key.value if isinstance(key, ast.Constant) else None for key in literal.keys]
            if LEGACY_KEY not in keys or not all(isinstance(key, str) for key in keys):
                continue
        text = ast.get_source_segment(source, literal)
        if text is not None:
            literals[name] = text
    return literals


def _model(value: ast.expr) -> bool:
    """A Claude model name, or a read of the environment that defaults to one
    (``os.environ.get("MODEL", "claude-2")``)."""
    if isinstance(value, ast.Call) and len(value.args) == 2 and not value.keywords:
        callee = value.func
        names = []
        while isinstance(callee, ast.Attribute):
            names.append(callee.attr)
            callee = callee.value
        if isinstance(callee, ast.Name):
            names.append(callee.id)
        if ".".join(reversed(names)) in ENVIRONMENT_READS:
            value = value.args[1]
    return (
        isinstance(value, ast.Constant)
        and isinstance(value.value, str)
        and value.value.startswith(MODEL_PREFIX)
    )


# The reads of the environment a settings module may give a default model to.
ENVIRONMENT_READS = frozenset({"os.environ.get", "environ.get", "os.getenv", "getenv"})


def _taken(
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    defined: dict[str, ast.FunctionDef | ast.AsyncFunctionDef],
    depth: int,
) -> set[str]:
    """A top-level function's keywords, following a ``**kwargs`` it hands on only to the
    module's own functions: then a keyword every one of them takes is its own too
    (``complete_text(prompt, **kwargs)`` dispatching to ``complete_text_claude(...,
    max_tokens_to_sample=2000, **kwargs)``)."""
    names = parameters(function)
    kwarg = function.args.kwarg
    if kwarg is None or ANY in names or depth == 0:
        return names
    callees = _forwarded_to(function, kwarg.arg)
    if not callees or not all(isinstance(c, ast.Name) and c.id in defined for c in callees):
        return names
    shared: set[str] | None = None
    for callee in callees:
        assert isinstance(callee, ast.Name)
        taken = _taken(defined[callee.id], defined, depth - 1)
        shared = taken if shared is None else shared & taken
    return names | (shared or set())


def imported_names(body: list[ast.stmt]) -> Iterator[tuple[str, tuple[int, str, str | None]]]:
    """Each name the statements import: (level, module, the name in it; None for a
    module imported whole)."""
    for node in body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname is not None:
                    yield alias.asname, (0, alias.name, None)
                else:
                    top = alias.name.split(".")[0]
                    yield top, (0, top, None)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name != "*":
                    yield alias.asname or alias.name, (node.level, node.module or "", alias.name)


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
