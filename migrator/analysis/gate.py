"""The second tier of the prefilter: what CPython's ``ast`` says about a module.

The byte test (:mod:`migrator.analysis.prefilter`) passes every module that names
``anthropic`` and ``completions``, so every module of a codebase that calls
OpenAI's ``client.chat.completions.create`` beside Anthropic's client, and the
SDK's own modules, would be parsed with libcst for nothing. ``ast`` parses an
order of magnitude faster; from its tree this tier decides whether any rule can
act on the module, and only then is it parsed with libcst. It never rejects a
module a rule acts on (``tests/test_prefilter.py`` proves it on every fixture,
and ``bench/realworld.py`` on the real-code corpus). A module needs the rules
when:

- it holds evidence of the legacy API (:mod:`migrator.analysis.evidence`), the net every
  legacy site is caught by;
- it has a ``# migrator:`` directive, or does not parse (the engine reports that);
- a string names a completions resource of ``anthropic`` (a ``mock.patch``
  target);
- it imports ``anthropic`` (or ``anthropic_bedrock``), without which no client
  of the module is traced to Anthropic, and names something the legacy SDKs
  had: a ``completions`` resource that is not OpenAI's ``chat.completions``,
  the ``Completion`` type and its resources' classes, the pre-0.3 client's
  methods, its tokenizer (not ``messages.count_tokens``), its modules and
  constants.

A legacy site on a client the module does not trace (one built in another
module) takes ``max_tokens_to_sample`` or a prompt with its markers, which are
evidence.

The tree is walked only for what the bytes say it may hold: the imports' walk
where an import statement names ``anthropic`` or a string a path into it, the
evidence scan where :func:`migrator.analysis.evidence_bytes.may_hold` finds the bytes of some
evidence, the tokenizer's receivers where :func:`migrator.analysis.prefilter.tokenizer_use`
finds a use. Most modules that pass the byte test (OpenAI's calls, Bedrock
bodies, ``anthropic`` in a docstring or a model id) fire none of these and are
not even parsed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from typing import Any

from migrator.analysis.evidence import scan_tree
from migrator.analysis.evidence_bytes import IMPORTS_ANTHROPIC, may_hold
from migrator.analysis.evidence_nodes import (
    CHILD_FIELDS,
    LOOKALIKE_ROOTS,
    OTHER_CLIENTS,
    dotted_name,
    last_name,
)
from migrator.analysis.prefilter import tokenizer_use
from migrator.code.sourcefile import plain_utf8
from migrator.code.trees import python_tree

# Names of the legacy SDKs, read on anything (an attribute, a name, an imported name).
_LEGACY_NAMES = frozenset(
    {
        "Completion",
        "Completions",
        "AsyncCompletions",
        "HUMAN_PROMPT",
        "AI_PROMPT",
        "ApiException",
        "ANTHROPIC_CLIENT_VERSION",
        "get_tokenizer",
        "_tokenizers",
        "tokenizer",
        "api",
        "constants",
    }
)
# Methods of the pre-0.3 client, when called.
_SDK02_METHODS = frozenset({"completion", "completion_stream", "acompletion", "acompletion_stream"})
_ANTHROPIC_ROOTS = ("anthropic", "anthropic_bedrock")
# A dotted path into the SDK, as ``mock.patch`` is given it.
_DOTTED_ANTHROPIC = re.compile(r"anthropic(?:_bedrock)?(?:\.\w+)+")
# The bytes such a path needs: ``anthropic``, a dot, and ``ompletion`` later in the string.
_PATCH_TARGET_BYTES = re.compile(rb"anthropic[^\s'\"]*\.[^\s'\"]*ompletion")


def needs_rules(raw: bytes) -> bool:
    """False when no rule can act on the module with these bytes (see the module docstring).

    The tree is walked only for what the bytes say it may hold; a module whose bytes
    show neither an import of the SDK, nor a path into it, nor any evidence (OpenAI's
    calls, Bedrock bodies, ``anthropic`` in a docstring or a model id) is not even
    parsed: nothing in it is a rule's, whatever its syntax.
    """
    if b"migrator:" in raw:
        return True
    imports = (
        IMPORTS_ANTHROPIC.search(raw) is not None or _PATCH_TARGET_BYTES.search(raw) is not None
    )
    evidence = may_hold(raw)
    if not (imports or evidence):
        return False
    try:
        tree = _tree(raw)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True  # the engine says what is wrong with it
    try:
        return (imports and _walked(tree, tokenizer_use(raw))) or (
            evidence and bool(scan_tree(tree))
        )
    except (RecursionError, MemoryError):
        return True  # a tree too deep to walk here: the engine decides, and says why


def _tree(raw: bytes) -> ast.Module:
    """The module's tree. Parsed from its text when that is the bytes read as UTF-8, the
    text the engine is given: it then finds the tree parsed (:mod:`migrator.code.trees`)."""
    if plain_utf8(raw):
        return python_tree(raw.decode("utf-8"))
    return ast.parse(raw)


def _walked(tree: ast.Module, tokenizer: bool = True) -> bool:
    """A rule may act on the module: it imports the SDK and names what only the legacy
    SDKs had, or a string names a path into the SDK's completions.

    ``tokenizer``: whether the bytes hold a use of the old tokenizer the rule could act on
    (:func:`migrator.analysis.prefilter.tokenizer_use`); only then are its receivers traced."""
    seen = _Seen()
    read_of = _READ.get
    for node in _nodes(tree):  # one walk; what needs more is looked at after it
        # One lookup by the node's class: most nodes are of none of the classes read.
        read = read_of(type(node))
        if read is not None:
            read(seen, node)
    if seen.patch_target:
        return True
    if seen.imports_anthropic:
        if seen.legacy_name:
            return True
        if seen.completions:
            others = _other_vendors(seen.bindings)
            if any(receiver is None or receiver not in others for receiver in seen.completions):
                return True
        if seen.count_tokens and tokenizer and _tokenizer_on_a_client(tree):
            return True
    return False


class _Seen:
    """What one walk over a module saw."""

    def __init__(self) -> None:
        self.imports_anthropic = False
        self.legacy_name = False
        self.patch_target = False
        self.count_tokens = False
        # ``x.completions`` other than ``x.chat.completions``, by the dotted receiver
        self.completions: list[str | None] = []
        # (dotted name, bound to another vendor's module or client)
        self.bindings: list[tuple[str, bool]] = []

    def _attribute(self, node: ast.Attribute) -> None:
        name = node.attr
        if name in _LEGACY_NAMES:
            self.legacy_name = True
        elif name == "completions" and last_name(node.value) != "chat":
            self.completions.append(dotted_name(node.value))
        elif name == "count_tokens":
            self.count_tokens = True

    def _name(self, node: ast.Name) -> None:
        if node.id in _LEGACY_NAMES:
            self.legacy_name = True

    def _call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _SDK02_METHODS:
            self.legacy_name = True

    def _constant(self, node: ast.Constant) -> None:
        text = node.value
        if (
            isinstance(text, str)
            and "ompletion" in text
            and _DOTTED_ANTHROPIC.fullmatch(text.strip())
        ):
            self.patch_target = True

    def _assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        if node.value is None:
            return
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        other = isinstance(value, ast.Call) and _vendor_constructor(value.func)
        for target in targets:
            name = dotted_name(target)
            if name is not None:
                self.bindings.append((name, other))

    def _import(self, node: ast.Import) -> None:
        for alias in node.names:
            root = alias.name.split(".")[0]
            self.imports_anthropic |= root in _ANTHROPIC_ROOTS
            self.bindings.append((alias.asname or root, root in LOOKALIKE_ROOTS))
            self.legacy_name |= alias.name.split(".")[-1] in _LEGACY_NAMES

    def _import_from(self, node: ast.ImportFrom) -> None:
        if node.level == 0 and (node.module or "").split(".")[0] in _ANTHROPIC_ROOTS:
            self.imports_anthropic = True
        for alias in node.names:
            # a class or function, not a module or client
            self.bindings.append((alias.asname or alias.name, False))
            if alias.name in _LEGACY_NAMES or alias.name == "count_tokens":
                self.legacy_name = True


# What the walk reads, by the class of the node (``ast.parse`` builds these classes only).
_READ: dict[type[ast.AST], Callable[[_Seen, Any], None]] = {
    ast.Attribute: _Seen._attribute,
    ast.Name: _Seen._name,
    ast.Call: _Seen._call,
    ast.Constant: _Seen._constant,
    ast.Assign: _Seen._assign,
    ast.AnnAssign: _Seen._assign,
    ast.Import: _Seen._import,
    ast.ImportFrom: _Seen._import_from,
}


def _nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree`` but the expression contexts (``CHILD_FIELDS``), in no
    particular order: ``ast.walk`` without its generators of generators, about three
    times as fast (a large module's walk was most of the tier's time)."""
    stack = [tree]
    pop = stack.pop
    push = stack.append
    extend = stack.extend
    node_class = ast.AST
    fields = CHILD_FIELDS
    while stack:
        node = pop()
        yield node
        for name in fields[type(node)]:
            value = getattr(node, name, None)
            if isinstance(value, list):
                extend([item for item in value if isinstance(item, node_class)])
            elif isinstance(value, node_class):
                push(value)


def _children(node: ast.AST) -> list[ast.AST]:
    """``ast.iter_child_nodes`` but the expression contexts (``CHILD_FIELDS``), as a list:
    the tokenizer's scopes are walked node by node over the whole module."""
    children: list[ast.AST] = []
    for name in CHILD_FIELDS[type(node)]:
        value = getattr(node, name, None)
        if isinstance(value, list):
            children.extend([item for item in value if isinstance(item, ast.AST)])
        elif isinstance(value, ast.AST):
            children.append(value)
    return children


def _other_vendors(bindings: list[tuple[str, bool]]) -> set[str]:
    """What is only ever another vendor's module or client: ``openai``, ``client = OpenAI()``."""
    bound: dict[str, bool] = {}  # dotted name: every binding is another vendor's
    for name, other in bindings:
        bound[name] = bound.get(name, True) and other
    return {name for name, other in bound.items() if other}


def _tokenizer_on_a_client(tree: ast.Module) -> bool:
    """``x.count_tokens`` where ``x`` may be a client of the old SDK.

    The tokenizer rule acts only where ``x`` is traced to a client built by a call:
    not on a name that its function (or the module) only ever assigns something
    else (``resource = a if b else c``), nor on ``messages`` (the current SDK's).
    """
    scopes: list[ast.AST] = [tree]
    found = False

    def visit(scope: ast.AST) -> None:
        nonlocal found
        plain: dict[str, bool] = {}
        uses: list[ast.Attribute] = []
        stack = _children(scope)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                scopes.append(node)
                plain.setdefault(getattr(node, "name", ""), False)
                continue
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                simple = not isinstance(node.value, (ast.Call, ast.Name, ast.Attribute, ast.Await))
                for target in targets:
                    if isinstance(target, ast.Name):
                        plain[target.id] = plain.get(target.id, True) and simple
                    else:
                        stack.append(target)
                stack.append(node.value)
                continue
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                plain[node.id] = False  # a loop or ``with`` target, a walrus, ``del``
            elif isinstance(node, ast.arg):
                plain[node.arg] = False
            elif isinstance(node, ast.alias):
                plain[node.asname or node.name.split(".")[0]] = False
            elif isinstance(node, ast.Attribute) and node.attr == "count_tokens":
                uses.append(node)
            stack.extend(_children(node))
        for use in uses:
            receiver = use.value
            if last_name(receiver) == "messages":
                continue
            if isinstance(receiver, ast.Name) and plain.get(receiver.id, False):
                continue
            found = True

    while scopes and not found:
        visit(scopes.pop())
    return found


def _vendor_constructor(func: ast.expr) -> bool:
    """``OpenAI``, ``openai.AsyncOpenAI``, ``cohere.Client``: another vendor's client class."""
    name = dotted_name(func)
    if name is None:
        return False
    return name.split(".")[-1] in OTHER_CLIENTS or name.split(".")[0] in LOOKALIKE_ROOTS
