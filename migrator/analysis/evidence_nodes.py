"""What the parts of the evidence scan share: the names of the legacy API it looks for,
and how it walks a tree of CPython's ``ast`` and reads a node (its names, the shape of a
legacy completion, the Human/Assistant markers), free of libcst like the scan itself.
"""

from __future__ import annotations

import ast
import contextlib
import re
import sys
from collections.abc import Iterator

ENDPOINT = re.compile(r"/v1/complete(?![\w/-])")
# How an endpoint whose start the code does not spell out is named (``BASE + "/v1/complete"``):
# the text known, after this mark. It may be any endpoint.
UNKNOWN_START = "*"
MARKER = re.compile(r"(?:^|\n)\s*(?:Human|Assistant):")
CONSTANTS = frozenset({"HUMAN_PROMPT", "AI_PROMPT"})
SDK02_STREAMS = frozenset({"completion_stream", "acompletion_stream"})
TOKENIZER = frozenset({"count_tokens", "get_tokenizer", "_tokenizers"})
# What stands between a client and ``create`` on the legacy resource.
CREATE_PATH = frozenset({"create", "completions", "with_raw_response", "with_streaming_response"})
HELPER_PREFIX = "_legacy_"


@contextlib.contextmanager
def deep_recursion() -> Iterator[None]:
    """Room for recursive visitors over any tree CPython parses.

    Its parser accepts brackets and operator chains hundreds of levels deep; a
    visitor recurses a few frames per level, more than the default 1000 frames.
    """
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, 50_000))
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


def last_name(func: ast.expr) -> str | None:
    """The last name of ``f`` or ``x.y.f``: a call's function's, or a method's on any receiver."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def other_vendor(node: ast.Call, others: set[str]) -> bool:
    """A call proven to be another vendor's: a model that is not Claude, or an OpenAI client."""
    for keyword in node.keywords:
        if keyword.arg == "model" and isinstance(keyword.value, ast.Constant):
            if isinstance(keyword.value.value, str) and "claude" not in keyword.value.value:
                return True
    receiver = node.func
    while isinstance(receiver, ast.Attribute) and receiver.attr in CREATE_PATH:
        receiver = receiver.value
    return ".".join(_dotted(receiver)) in others


# Other vendors' SDKs, whose look-alike calls are never Anthropic's, and their client classes.
LOOKALIKE_ROOTS = ("openai", "cohere", "mistralai", "together", "groq", "litellm", "fireworks")
OTHER_CLIENTS = frozenset({"OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI"})


def other_vendor_clients(node: ast.AST, names: set[str]) -> None:
    """Into ``names``: what (``client``, ``self.client``) ``node`` binds to an OpenAI client."""
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
        func = _dotted(node.value.func)
        if func and func[-1] in OTHER_CLIENTS:
            names.update(".".join(_dotted(target)) for target in node.targets)


def completion_shaped(tree: ast.Module) -> bool:
    """Whether ``tree`` reads, sets or gives a legacy completion's field anywhere."""
    return any(_completion_shape(node) for node in ast.walk(tree))


def _completion_shape(node: ast.AST) -> bool:
    """A legacy completion's field, read, set or given: what a double of ``completions``
    is made to return in Anthropic's legacy API (OpenAI's has ``choices``)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "completion"
    if isinstance(node, ast.keyword):
        return node.arg == "completion"
    return isinstance(node, ast.Constant) and node.value == "completion"


def dotted_name(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attributes on a name; None for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _dotted(node: ast.expr) -> list[str]:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append("()")
    return parts[::-1]


def _has_marker(node: ast.expr) -> bool:
    for part in ast.walk(node):
        if (
            isinstance(part, ast.Constant)
            and isinstance(part.value, str)
            and MARKER.search(part.value)
        ):
            return True
        if isinstance(part, ast.Name) and part.id in CONSTANTS:
            return True
        if isinstance(part, ast.Attribute) and part.attr in CONSTANTS:
            return True
    return False


def marked_prompt(call: ast.Call) -> bool:
    """A ``prompt=`` given with Human/Assistant turns: in the prompt itself, or in the stop
    sequences of a prompt built elsewhere (``stop_sequences=[HUMAN_PROMPT]``)."""
    given = {keyword.arg: keyword.value for keyword in call.keywords if keyword.arg}
    if "prompt" not in given:
        return False
    stops = given.get("stop_sequences")
    return _has_marker(given["prompt"]) or (stops is not None and _has_marker(stops))


def marked_names(tree: ast.Module) -> set[str]:
    """The names the module binds to Human/Assistant text (in any scope), and the
    functions that return such text."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and _has_marker(node.value):
                found.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(
                isinstance(part, ast.Return) and part.value is not None and _has_marker(part.value)
                for part in ast.walk(node)
            ):
                found.add(node.name)
    return found


class _ChildFields(dict[type[ast.AST], tuple[str, ...]]):
    """The fields of each class of node that may hold nodes, found once per class: all but
    the expression context (the ``Load`` and ``Store`` of every name and attribute, a
    third of a module's nodes, which no reader looks at), and none of a name or a constant.
    """

    def __missing__(self, kind: type[ast.AST]) -> tuple[str, ...]:
        leaf = kind in (ast.Name, ast.Constant)
        fields = () if leaf else tuple(field for field in kind._fields if field != "ctx")
        self[kind] = fields
        return fields


CHILD_FIELDS = _ChildFields()


def breadth_first(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes of ``tree`` in the order ``ast.walk`` gives them, but the expression
    contexts (:data:`CHILD_FIELDS`), without its generator of generators per node: about
    three times as fast, and the order the first pass relies on (the last import of a
    name wins)."""
    todo = [tree]
    node_class = ast.AST
    fields = CHILD_FIELDS
    for node in todo:  # the list grows as it is read: breadth first, like ast.walk
        yield node
        for name in fields[type(node)]:
            value = getattr(node, name, None)
            if isinstance(value, list):
                todo.extend([item for item in value if isinstance(item, node_class)])
            elif isinstance(value, node_class):
                todo.append(value)


def own_markers(node: ast.ClassDef) -> tuple[frozenset[str], frozenset[str]]:
    """The markers (``HUMAN_PROMPT``, ``AI_PROMPT``) ``node``'s body binds to a string
    literal; and of those, the ones its instances hold as well: the class has no base that
    could set them, and its methods assign them nothing but strings (``None`` aside)."""
    body: set[str] = set()
    for statement in node.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and _a_string(statement.value):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            body.update(t.id for t in targets if isinstance(t, ast.Name) and t.id in CONSTANTS)
    based = any(not (isinstance(b, ast.Name) and b.id == "object") for b in node.bases)
    if not body or based or node.keywords:
        return frozenset(body), frozenset()
    instances = set(body)
    for inner in ast.walk(node):
        if not isinstance(inner, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            continue
        targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr in instances
                and isinstance(target.value, ast.Name)
                and target.value.id in ("self", "cls")
                and not (isinstance(inner, ast.Assign) and _a_string(inner.value, none=True))
            ):
                instances.discard(target.attr)
    return frozenset(body), frozenset(instances)


def _a_string(value: ast.expr | None, none: bool = False) -> bool:
    """``value`` is a string literal (or, with ``none``, ``None``)."""
    return isinstance(value, ast.Constant) and (
        isinstance(value.value, str) or (none and value.value is None)
    )


def is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )
