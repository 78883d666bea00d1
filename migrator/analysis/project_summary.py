"""What one module of the project defines and imports, summarised from its tree for the
modules that import it (:mod:`migrator.analysis.project`): the keywords its functions, classes and
methods take, the names it imports, the request dicts and model names it shares, and the
clients of the SDK it binds at its top.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from migrator.analysis.class_literals import class_literals

# A parameter set that takes any keyword: ``**kwargs`` that the function keeps.
ANY = "*"
_MAX_FORWARDS = 3  # ``**kwargs`` handed on to the module's own functions, this deep


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
    # bound once and read nowhere in the module: the literal's text (migrator.analysis.shared).
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
            functions[node.name] = frozenset(taken_keywords(node, defined))
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
    at the top binds (``Config.MODEL``, :mod:`migrator.analysis.class_literals`)."""
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


def taken_keywords(
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    defined: dict[str, ast.FunctionDef | ast.AsyncFunctionDef],
    depth: int = _MAX_FORWARDS,
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
        taken = taken_keywords(defined[callee.id], defined, depth - 1)
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
