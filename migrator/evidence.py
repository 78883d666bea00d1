"""Evidence of the legacy API in a module, read with CPython's ``ast``.

The rules migrate the call sites they can follow; this scan is the net under
them. It lists every place that plainly belongs to Text Completions, on any
receiver and whatever the imports say, so that the engine can check that each
one ended in a migration or in a finding (rule TCM020, ``legacy_evidence``):

- ``max_tokens_to_sample`` as a keyword argument (unless the callee is a function
  of this module, or of another module of the project (:mod:`migrator.project`),
  that takes a parameter of that name: the wrapper's own), or as a
  string (a dict key, a subscript, ``.get``/``.update``/``.setdefault`` arguments,
  a key of JSON text);
- ``HUMAN_PROMPT`` / ``AI_PROMPT`` imported from any module or read as an attribute
  of anything (``anthropic.HUMAN_PROMPT``, ``self.HUMAN_PROMPT``), but a class of the
  module that spells the text itself (:func:`_own_markers`);
- the endpoint ``/v1/complete`` in a string or an f-string;
- the pre-0.3 SDK: ``.completion_stream(`` / ``.acompletion_stream(`` calls (in a
  module that imports ``anthropic``, or with ``prompt=``, ``max_tokens_to_sample=``
  or ``**``),
  ``anthropic.Client(key)`` (a positional key, which the current client refuses;
  also ``Anthropic(key)``, on a name the module is imported as or imported from it),
  the same client given the old client's own options (``api_url=``, ``proxy_url=``,
  ``default_request_timeout=``),
  ``anthropic.api``, ``ApiException`` of ``anthropic``;
- ``completions.create`` (also through ``with_raw_response`` /
  ``with_streaming_response``) with a prompt that holds a Human/Assistant marker;
- a double of ``completions.create`` (not ``chat.completions``) given a legacy
  completion, on a mocked client (``client.completions.create.return_value.completion
  = ...``, ``.return_value = Mock(completion=...)``) or patched on a client
  (``mock.patch.object(svc.client.completions, "create")``);
- the old tokenizer: ``count_tokens`` / ``get_tokenizer`` of ``anthropic``, and
  ``anthropic._tokenizers``; the removed type ``anthropic.types.Completion``;
- ``["completion"]`` read on the answer of Bedrock's ``invoke_model`` (or a chunk of
  ``invoke_model_with_response_stream``) that the module does not show to be another
  vendor's (:mod:`migrator.bedrock_answers`).

Docstrings are not evidence, nor are the helpers migrator itself writes into
code (their names start with ``_legacy_``). OpenAI's look-alike,
``client.completions.create(prompt="...", max_tokens=...)``, holds none of this.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from migrator import project
from migrator.bedrock_answers import SENDS, AnswerRead, answer_reads, may_read_answers
from migrator.trees import python_tree

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


@dataclass(frozen=True)
class Evidence:
    """One place in a module that belongs to the legacy API."""

    line: int  # 1-based
    column: int  # 0-based, in UTF-8 bytes, as ``ast`` counts
    what: str  # names the evidence, for a person
    why: str  # what to do about it
    statement: ast.stmt  # the innermost statement that holds it
    # An answer's read: the statements of the calls it answers, which a finding that
    # leaves them for a person covers too.
    sent_by: tuple[ast.stmt, ...] = ()


def scan(source: str) -> list[Evidence] | None:
    """Every piece of evidence in ``source``, in order; None if it does not parse."""
    try:
        tree = python_tree(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return scan_tree(tree)


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


# Bytes one of which every piece of evidence needs, whatever else the module holds.
_ALWAYS = (b"max_tokens_to_sample", b"HUMAN_PROMPT", b"AI_PROMPT", b"/v1/complete")
# Between two tokens, ``[\s\\]*`` allows spaces and a line continued with a backslash.
# The pre-0.3 SDK's streaming methods, called.
_SDK02_STREAM_CALL = re.compile(rb"\.[\s\\]*a?completion_stream[\s\\]*\(")
# A Human/Assistant marker, in a prompt that ``completions.create`` or ``completion`` is given.
_MARKERS = (b"Human:", b"Assistant:")
# An import statement that may name ``anthropic`` (also across a backslash continuation).
IMPORTS_ANTHROPIC = re.compile(rb"\b(?:import|from)[ \t\\](?:[^\n\\]|\\[\s\S])*?\banthropic")
# The legacy SDK's names read on the ``anthropic`` module: ``anthropic.api``.
_SDK_ATTRIBUTE = rb"(?:api|ApiException|count_tokens|get_tokenizer|_tokenizers|tokenizer)\b"
_ON_THE_MODULE = re.compile(
    rb"anthropic[\s\\]*\.[\s\\]*(?:" + _SDK_ATTRIBUTE + rb"|types[\s\\]*\.[\s\\]*Completion\b)"
)
# The same names imported from the SDK (``from anthropic import api``, over lines in
# parentheses too), or read on a name the module is imported as (``import anthropic as ant``).
_SDK_NAME = re.compile(rb"\b" + _SDK_ATTRIBUTE + rb"|\bCompletion\b")
_FROM_ANTHROPIC = re.compile(
    rb"\bfrom[\s\\.]*anthropic[\w.]*[\s\\]*import[\s\\]*(\([^)]*\)|(?:[^\n\\]|\\[\s\S])*)"
)
_ANTHROPIC_AS = re.compile(rb"\banthropic[\s\\]+as[\s\\]+(\w+)")
# ``anthropic.Client(key)``: a client given anything before a keyword, read on the module
# by any name, or imported from it (``from anthropic import Client as C``, then ``C(key)``).
_POSITIONAL_KEY = re.compile(
    rb"anthropic[\s\\]*\.[\s\\]*(?:Client|Anthropic)[\s\\]*\((?![\s\\]*(?:\)|\w+[\s\\]*=(?!=)))"
)
_POSITIONAL_CALL = rb"[\s\\]*\((?![\s\\]*(?:\)|\*\*|\w+[\s\\]*=(?!=)))"
_CLIENT_IMPORTED = re.compile(rb"\b(Client|Anthropic)\b(?:[\s\\]+as[\s\\]+(\w+))?")
_SDK02_OPTION_BYTES = (b"api_url", b"proxy_url", b"default_request_timeout")
_HTTP_DOUBLE_NAMES = (b"responses", b"respx", b"httpx_mock")
_COMPLETION_KEY = re.compile(rb"[\"']completion[\"']")
# ``.completion``, ``completion=``, ``"completion"``: what ``_completion_shape`` reads.
_COMPLETION_SHAPE = re.compile(rb"\.[\s\\]*completion\b|\bcompletion[\s\\]*=|[\"']completion[\"']")
_CREATE_NAMED = re.compile(rb"[\"']a?create[\"']")
_CREATE_PATH_BYTES = re.compile(rb"\.completions\.a?create[\"']")
# ``x.completions.create.return_value`` / ``.side_effect``: a double on a mocked client.
_CHAINED = re.compile(
    rb"completions[\s\\]*\.[\s\\]*a?create[\s\\]*\.[\s\\]*(?:return_value|side_effect)\b"
)


def may_hold(raw: bytes, retargeted: bool = False) -> bool:
    """False when :func:`scan_tree` finds nothing in the module with these bytes, decided
    from bytes alone: the ``ast`` tier (:mod:`migrator.gate`) walks a module, and the net
    (:mod:`migrator.net`) a migrated one, only when this says it may hold evidence.
    ``retargeted``: the scan is given a ``shaped_before`` (a migrated module's doubles may
    have made a completion before; then no shape of one need be left in these bytes).

    Each kind of evidence needs its own bytes (a string implicitly concatenated from pieces,
    or spelled with escapes, is not read; nor is it by the byte prefilter). A new kind of
    evidence names its bytes here; ``tests/test_prefilter.py`` checks every fixture.
    """
    if any(token in raw for token in _ALWAYS):
        return True
    # Plain scans go first: a regular expression reads the bytes many times slower.
    if b"completion_stream" in raw and _SDK02_STREAM_CALL.search(raw) is not None:
        return True
    if any(marker in raw for marker in _MARKERS) and b"prompt" in raw and b"completion" in raw:
        return True
    if b"anthropic" in raw and _names_the_sdk(raw):
        return True
    if b"completion" not in raw:
        return False  # what is left is a test double: on ``completions``, or giving one
    if may_read_answers(raw):
        return True  # the answer of Bedrock's ``invoke_model`` read for ``completion``
    if any(name in raw for name in _HTTP_DOUBLE_NAMES) and _COMPLETION_KEY.search(raw):
        return True
    if b"completions" in raw and (b"return_value" in raw or b"side_effect" in raw):
        # Given a completion's field, or a ``stop_reason`` (``completions`` holds the rest).
        shaped = b"stop_reason" in raw or _COMPLETION_SHAPE.search(raw) is not None
        if shaped and _CHAINED.search(raw) is not None:
            return True
    if b".completions.a" in raw or b".completions.create" in raw:
        if (b"patch" in raw or b"setattr" in raw) and _CREATE_PATH_BYTES.search(raw):
            return True  # ``patch("app.client.completions.create")``: the tier asks whose
    double = b"completions" in raw and (b"object" in raw or b"setattr" in raw)
    if not (b"MockTransport" in raw or (double and _CREATE_NAMED.search(raw) is not None)):
        return False
    # Whose doubles they are: the module imports the SDK, or made a completion before, or
    # it imports what it patches from a module of the project that may build a client.
    theirs = retargeted or IMPORTS_ANTHROPIC.search(raw) is not None
    shaped = _COMPLETION_SHAPE.search(raw) is not None
    return (b"MockTransport" in raw and shaped and theirs) or (
        double and _CREATE_NAMED.search(raw) is not None and (theirs or shaped or b"import" in raw)
    )


def _names_the_sdk(raw: bytes) -> bool:
    """A name only the legacy SDK had, read on ``anthropic`` or imported from it, or an
    option only its client took."""
    return (
        any(option in raw for option in _SDK02_OPTION_BYTES)
        or _ON_THE_MODULE.search(raw) is not None
        or _POSITIONAL_KEY.search(raw) is not None
        or b"ApiException" in raw
        or (IMPORTS_ANTHROPIC.search(raw) is not None and _sdk_name_imported(raw))
    )


def _sdk_name_imported(raw: bytes) -> bool:
    """A legacy SDK name imported from ``anthropic``, or read on a name it is imported as;
    its client given a key by position under either."""
    clients: set[bytes] = set()
    for imported in _FROM_ANTHROPIC.finditer(raw):
        if _SDK_NAME.search(imported.group(1)) is not None:
            return True
        clients.update(
            found.group(2) or found.group(1)
            for found in _CLIENT_IMPORTED.finditer(imported.group(1))
        )
    aliases = {found.group(1) for found in _ANTHROPIC_AS.finditer(raw)}
    if any(
        re.search(rb"\b" + re.escape(alias) + rb"[\s\\]*\.[\s\\]*" + _SDK_ATTRIBUTE, raw)
        for alias in aliases
    ):
        return True
    called = {rb"(?<![\w.])" + re.escape(name) for name in clients}
    called.update(
        rb"\b" + re.escape(alias) + rb"[\s\\]*\.[\s\\]*(?:Client|Anthropic)" for alias in aliases
    )
    return any(re.search(name + _POSITIONAL_CALL, raw) for name in called)


def scan_tree(tree: ast.Module, shaped_before: Callable[[], bool] | None = None) -> list[Evidence]:
    """Evidence in ``tree``. ``shaped_before``: for a migrated module, whether its input
    made a legacy completion (its doubles were retargeted, and their shape with them)."""
    finder = _Finder(tree)
    finder.shaped_before = shaped_before
    with deep_recursion():
        finder.visit(tree)
    found = sorted(finder.found, key=lambda item: (item.line, item.column))
    unique: dict[tuple[int, int, str], Evidence] = {}
    for item in found:
        unique.setdefault((item.line, item.column, item.what), item)
    return list(unique.values())


def _own_parameters(node: ast.AST, taken: dict[str, set[str]]) -> None:
    """Into ``taken``: a function or class of this module, by name, with the parameter
    names it takes."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        taken.setdefault(node.name, set()).update(project.parameters(node))
    elif isinstance(node, ast.ClassDef):
        taken.setdefault(node.name, set()).update(project.class_parameters(node))


def last_name(func: ast.expr) -> str | None:
    """The last name of ``f`` or ``x.y.f``: a call's function's, or a method's on any receiver."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _other_vendor(node: ast.Call, others: set[str]) -> bool:
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


def _other_vendor_clients(node: ast.AST, names: set[str]) -> None:
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


DOUBLE_WHAT = "a test double replaces"
# ``patch.object(x, "create")``, ``mocker.patch.object(...)``, ``monkeypatch.setattr(x, "create", f)``
_PATCHERS = frozenset({"object", "setattr"})


def patched_create(node: ast.Call) -> ast.Attribute | None:
    """``x.completions`` when ``node`` puts a double on its ``create``."""
    if last_name(node.func) not in _PATCHERS or len(node.args) < 2:
        return None
    target, name = node.args[0], node.args[1]
    if not (isinstance(name, ast.Constant) and name.value in ("create", "acreate")):
        return None
    if not (isinstance(target, ast.Attribute) and target.attr == "completions"):
        return None
    if isinstance(target.value, ast.Attribute) and target.value.attr == "chat":
        return None  # OpenAI's chat completions
    return target


# ``patch("app.client.completions.create")``: a dotted path to a client's ``create``.
_STRING_PATCHERS = frozenset({"patch", "setattr"})
_CREATE_PATH = re.compile(r"^([A-Za-z_][\w.]*)\.completions\.a?create$")


def patched_create_path(node: ast.Call) -> str | None:
    """``app.client`` when ``node`` patches ``create`` of its ``completions`` by a dotted
    path (not the SDK's own classes, not OpenAI's ``chat.completions``)."""
    if last_name(node.func) not in _STRING_PATCHERS or not node.args:
        return None
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    found = _CREATE_PATH.match(first.value)
    if found is None:
        return None
    owner = found.group(1)
    if owner.startswith(("anthropic.", "openai.")) or owner.endswith(".chat") or "." not in owner:
        return None
    return owner


# How a double of ``create`` reached through a mocked client is configured: what it returns,
# or what its successive calls return.
_CONFIGURED = frozenset({"return_value", "side_effect"})
# A legacy completion's fields, as a double's answer is given them.
_ANSWER_FIELDS = frozenset({"completion", "stop_reason"})


def configured_create(target: ast.expr, value: ast.expr) -> ast.Attribute | None:
    """``x.completions.create`` when ``target = value`` makes the double reached through a
    mocked client answer a legacy completion: ``x.completions.create.return_value.completion
    = ...`` (or ``.stop_reason``), or ``.return_value`` / ``.side_effect`` given objects built
    with those fields (``Mock(completion=...)``). A mock takes any attribute, so no patch
    fails once the code under test is migrated: the double is just never called. OpenAI's
    legacy answers hold ``choices``, never these fields."""
    if isinstance(target, ast.Attribute) and target.attr in _ANSWER_FIELDS:
        target = target.value
        if not (isinstance(target, ast.Attribute) and target.attr == "return_value"):
            return None
    elif not (
        isinstance(target, ast.Attribute)
        and target.attr in _CONFIGURED
        and _builds_an_answer(value)
    ):
        return None
    create = target.value
    if not (isinstance(create, ast.Attribute) and create.attr in ("create", "acreate")):
        return None
    resource = create.value
    if not (isinstance(resource, ast.Attribute) and resource.attr == "completions"):
        return None
    if isinstance(resource.value, ast.Attribute) and resource.value.attr == "chat":
        return None  # OpenAI's chat completions
    return create


def _builds_an_answer(value: ast.expr) -> bool:
    """An object built with a legacy completion's fields (``Mock(completion=...)``), or a
    pre-0.3 answer (``{"completion": ...}``), anywhere in ``value``."""
    for part in ast.walk(value):
        if isinstance(part, ast.Call) and any(k.arg in _ANSWER_FIELDS for k in part.keywords):
            return True
        if isinstance(part, ast.Dict) and any(
            isinstance(key, ast.Constant) and key.value == "completion" for key in part.keys
        ):
            return True
    return False


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


def _marked_prompt(call: ast.Call) -> bool:
    """A ``prompt=`` given with Human/Assistant turns: in the prompt itself, or in the stop
    sequences of a prompt built elsewhere (``stop_sequences=[HUMAN_PROMPT]``)."""
    given = {keyword.arg: keyword.value for keyword in call.keywords if keyword.arg}
    if "prompt" not in given:
        return False
    stops = given.get("stop_sequences")
    return _has_marker(given["prompt"]) or (stops is not None and _has_marker(stops))


# The classes of node :class:`_Finder`'s first pass reads, besides constants, attributes
# and keywords: definitions, imports, assignments, ``with`` statements and calls.
_PREPASS_READS = frozenset(
    {
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.Import,
        ast.ImportFrom,
        ast.Assign,
        ast.AnnAssign,
        ast.AugAssign,
        ast.With,
        ast.AsyncWith,
        ast.Call,
    }
)


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


def _breadth_first(tree: ast.AST) -> Iterator[ast.AST]:
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


class _Finder(ast.NodeVisitor):
    def __init__(self, tree: ast.Module) -> None:
        self.found: list[Evidence] = []
        self.statements: list[ast.stmt] = []
        self.classes: list[ast.ClassDef] = []  # those the node visited is in, innermost last
        self.tree = tree
        self.own: dict[str, set[str]] = {}
        # What the module imports, by the name it binds: for a callee it does not define.
        self.imported: dict[str, tuple[int, str, str | None]] = {}
        self.others: set[str] = set()
        self.langchain: set[int] = set()
        # Names imported from LangChain's packages (``ChatAnthropic``, ``Bedrock``...),
        # with the module each comes from.
        self.langchain_names: dict[str, str] = {}
        # ``import anthropic as ant``: the names the module is bound to
        self.modules = {"anthropic"}
        # HTTP mocking libraries the module imports, and the endpoint strings their
        # doubles serve (reported with the double).
        self.http_libraries: set[str] = set()
        self.served: set[int] = set()
        # Names bound to a mock of those libraries (``with responses.RequestsMock() as rsps``).
        self.http_mocks: set[str] = set()
        kwargs = _HeldKwargs()
        # ``completion_stream`` is a common method name: the old SDK's only where
        # the module imports it or the call has its keywords.
        self.imports_anthropic = False
        # ``from anthropic import Client as C``: the names its client classes are bound to.
        self.client_names: set[str] = set()
        # A completion's shape: ``.completion``, ``completion=``, ``["completion"]``.
        self.completion_shape = False
        self.shaped_before: Callable[[], bool] | None = None
        # Whether the module spells the key as a string, and splats a ``model_kwargs``:
        # the walks below that place such strings are needed only then.
        names_the_key = splats_model_kwargs = invokes_a_model = False
        for node in _breadth_first(tree):  # one pass for what the visit must know beforehand
            kind = type(node)
            # Most nodes are names, operators and contexts, which nothing below reads; the
            # three commonest read ones are settled here without a call per reader.
            if kind is ast.Constant:
                self.completion_shape |= node.value == "completion"
                names_the_key |= node.value == "max_tokens_to_sample"
                continue
            if kind is ast.Attribute:
                self.completion_shape |= node.attr == "completion"
                invokes_a_model |= node.attr in SENDS
                continue
            if kind is ast.keyword:
                self.completion_shape |= node.arg == "completion"
                splats_model_kwargs |= (
                    node.arg is None
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "model_kwargs"
                )
                continue
            if kind not in _PREPASS_READS:
                continue
            _own_parameters(node, self.own)
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.imported.update(project.imported_names([node]))
            _other_vendor_clients(node, self.others)
            _langchain_parameters(node, self.langchain)
            kwargs.see(node)
            self.http_mocks.update(_http_mock_names(node))
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("langchain"):
                self.langchain_names.update(
                    (alias.asname or alias.name, node.module or "") for alias in node.names
                )
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("anthropic"):
                self.imports_anthropic = True
                if node.module == "anthropic" and node.level == 0:
                    self.client_names.update(
                        alias.asname or alias.name
                        for alias in node.names
                        if alias.name in _CLIENT_CLASSES
                    )
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                self.http_libraries.update(_HTTP.keys() & {(node.module or "").split(".")[0]})
            elif isinstance(node, ast.Import):
                self.http_libraries.update(
                    _HTTP.keys() & {alias.name.split(".")[0] for alias in node.names}
                )
                self.imports_anthropic |= any(
                    alias.name.split(".")[0] == "anthropic" for alias in node.names
                )
                self.modules.update(
                    alias.asname
                    for alias in node.names
                    if alias.name == "anthropic" and alias.asname
                )
        kwargs.mark(self.langchain, tree)
        self.other_vendor = kwargs.other - self.langchain
        # A dict named ``model_kwargs`` that is splatted into calls is their keywords, not a
        # Bedrock model's ``model_kwargs``: the finding names the calls.
        self.splatted = _splatted_kwargs(tree, kwargs.given) if splats_model_kwargs else {}
        self.langchain -= self.splatted.keys()
        # Where a ``"max_tokens_to_sample"`` string sits, for a finding that says so: a key
        # of a dict a function returns (its name), or a name among others in a collection.
        self.built_by: dict[int, str] = {}
        self.listed: set[int] = set()
        self.own_option: dict[int, str] = {}
        for node in _breadth_first(tree) if names_the_key else ():  # ast.walk's order
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.built_by.update(_returned_keys(node))
            elif isinstance(node, ast.ClassDef):
                self.own_option.update(_option_validators(node))
            elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                self.listed.update(_listed_key(node))
        self.served.update(_served_constants(tree, self.http_libraries, self.http_mocks))
        # Names the module binds at its top level: a double's URL held in one is read here.
        self.module_names = {
            target.id
            for statement in tree.body
            if isinstance(statement, (ast.Assign, ast.AnnAssign))
            for target in (
                statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            )
            if isinstance(target, ast.Name)
        }
        # What each string that names the endpoint says of it (see :func:`left_endpoints`).
        self.endpoints: list[str] = []
        # The ``"completion"`` keys read on Bedrock's answers, with the read each is in.
        self.answer_reads: dict[int, AnswerRead] = {}
        if invokes_a_model and self.completion_shape:
            with deep_recursion():  # it follows expressions as deep as the parser allows
                self.answer_reads = {id(read.key): read for read in answer_reads(tree)}

    def _add(self, node: ast.AST, what: str, why: str, sent_by: tuple[ast.stmt, ...] = ()) -> None:
        # An import is its own statement: the visitor of its class runs before the
        # statement stack has it, so a module-level import has no enclosing one.
        if isinstance(node, ast.stmt):
            statement: ast.stmt | None = node
        else:
            statement = self.statements[-1] if self.statements else None
        if statement is None:
            return
        found = Evidence(node.lineno, node.col_offset, what, why, statement, sent_by)  # type: ignore[attr-defined]
        self.found.append(found)

    # statements ---------------------------------------------------------------------------

    def visit(self, node: ast.AST) -> None:
        """``NodeVisitor.visit``, with each class's method looked up once per run, not once
        per node (a large module has tens of thousands of nodes)."""
        kind = type(node)
        method = _VISITS.get(kind)
        if method is None:
            method = _VISITS[kind] = getattr(
                _Finder, f"visit_{kind.__name__}", _Finder.generic_visit
            )
        method(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.stmt):
            if _is_docstring(node):
                return
            self.statements.append(node)
            self._children(node)
            self.statements.pop()
        else:
            self._children(node)

    def _children(self, node: ast.AST) -> None:
        """``NodeVisitor.generic_visit``: each child visited, in the order of the fields,
        without its generators, and but the expression contexts (:data:`CHILD_FIELDS`)."""
        for name in CHILD_FIELDS[type(node)]:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if not node.name.startswith(HELPER_PREFIX):
            self._body_with_docstring(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        if not node.name.startswith(HELPER_PREFIX):
            self._body_with_docstring(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node)
        self._body_with_docstring(node)
        self.classes.pop()

    def _body_with_docstring(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    ) -> None:
        self.statements.append(node)
        for field in ("decorator_list", "bases", "keywords", "args", "returns"):
            value = getattr(node, field, None)
            if isinstance(value, list):
                for item in value:
                    self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)
        self.statements.pop()
        for child in node.body:
            self.visit(child)

    # imports ------------------------------------------------------------------------------

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        anthropic = module == "anthropic" or module.startswith("anthropic.")
        for alias in node.names:
            name = alias.name
            if name in CONSTANTS:
                self._add(node, f"`{name}` is imported", _GONE_CONSTANT)
            elif anthropic and name in ("ApiException", "count_tokens", "get_tokenizer"):
                self._add(node, f"`{name}` is imported from `{module}`", _GONE_NAME)
            elif (
                module in ("anthropic.types", "anthropic.types.completion") and name == "Completion"
            ):
                self._add(node, "the removed type `Completion` is imported", _GONE_NAME)
            elif anthropic and name in ("api", "_tokenizers", "tokenizer"):
                self._add(node, f"`{module}.{name}` is imported", _GONE_NAME)
        if module in ("anthropic.api", "anthropic._tokenizers", "anthropic.tokenizer"):
            self._add(node, f"`{module}` is imported", _GONE_NAME)
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name in ("anthropic.api", "anthropic._tokenizers", "anthropic.tokenizer"):
                self._add(node, f"`{alias.name}` is imported", _GONE_NAME)
        self.generic_visit(node)

    # expressions --------------------------------------------------------------------------

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in CONSTANTS and isinstance(node.ctx, ast.Store):
            pass  # bound, not read: what it is bound to is evidence of its own
        elif node.attr in CONSTANTS and not self._own_marker(node):
            self._add(node, f"`{'.'.join(_dotted(node))}` is used", _GONE_CONSTANT)
        elif isinstance(node.value, ast.Name) and node.value.id in self.modules:
            if node.attr in ("ApiException", "api"):
                self._add(node, f"`{node.value.id}.{node.attr}` is used", _GONE_NAME)
            elif node.attr in TOKENIZER:
                self._add(node, f"`{node.value.id}.{node.attr}` is used", _TOKENIZER)
        elif node.attr == "Completion" and _dotted(node)[-3:-1] == ["anthropic", "types"]:
            self._add(node, "the removed type `anthropic.types.Completion` is used", _GONE_NAME)
        elif node.attr == "ApiException" and _dotted(node)[:1] == ["anthropic"]:
            self._add(node, f"`{'.'.join(_dotted(node))}` is used", _GONE_NAME)
        self.generic_visit(node)

    @functools.cached_property
    def _marker_classes(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """The module's classes by name, with the markers that are its own strings: read on
        the class, and read on its instances (:func:`_own_markers`). A name two classes
        share has none."""
        classes: dict[str, list[ast.ClassDef]] = {}
        elsewhere: set[tuple[str, str]] = set()  # ``Prompts.HUMAN_PROMPT = ...``
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, []).append(node)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
            ):
                elsewhere.add((node.value.id, node.attr))
        found: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for name, nodes in classes.items():
            if len(nodes) > 1:
                found[name] = (frozenset(), frozenset())
                continue
            on_body, on_instances = _own_markers(nodes[0])
            on_class = frozenset(n for n in on_body if (name, n) not in elsewhere)
            found[name] = (on_class, on_instances & on_class)
        return found

    def _own_marker(self, node: ast.Attribute) -> bool:
        """``Prompts.HUMAN_PROMPT``, or ``self.``/``cls.HUMAN_PROMPT`` in its methods, where
        the class spells the text itself: the project's own string, which no SDK removes."""
        value = node.value
        if not isinstance(value, ast.Name):
            return False
        if value.id in ("self", "cls"):
            owner = self.classes[-1].name if self.classes else None
            return owner is not None and node.attr in self._marker_classes.get(owner, ((), ()))[1]
        return node.attr in self._marker_classes.get(value.id, ((), ()))[0]

    def _splatted(self, node: ast.Constant) -> None:
        """A key of ``model_kwargs`` given as keywords: to LangChain's classes (mindsdb's
        ``ChatAnthropic(**model_kwargs)``) or to the project's own function."""
        funcs = self.splatted[id(node)]
        if all(project.takes_keyword(self.imported, func, node.value) for func in funcs):
            return  # keywords of the project's own functions, in other modules
        callees = list(dict.fromkeys(last_name(func) or "a call" for func in funcs))
        named = ", ".join(f"`{callee}`" for callee in callees)
        where = f"`max_tokens_to_sample` is a key of `model_kwargs`, given as keywords to {named}"
        modules = [self.langchain_names[c] for c in callees if c in self.langchain_names]
        if not modules:
            self._add(node, where, _TOKENS)
        else:
            sends = any(_sends_completions(module) for module in modules)
            self._add(node, where, _LANGCHAIN_OLD if sends else _LANGCHAIN_CHAT)

    def visit_Constant(self, node: ast.Constant) -> None:
        if id(node) in self.served:
            return  # reported with the HTTP double that serves it
        read = self.answer_reads.get(id(node))
        if read is not None:
            self._answer_read(read)
            return
        if id(node) in self.other_vendor:
            # Given to another vendor's Bedrock model only: not Claude's request, so it is
            # left as written, but the key is still Text Completions' and still named.
            if node.value == "max_tokens_to_sample":
                what = "`max_tokens_to_sample` is given to a model that is not Claude"
                self._add(node, what, _OTHER_VENDOR)
            return
        if isinstance(node.value, str):
            if node.value == "max_tokens_to_sample" and id(node) in self.splatted:
                self._splatted(node)
            elif node.value == "max_tokens_to_sample" and id(node) in self.langchain:
                self._add(node, "`max_tokens_to_sample` is given to a LangChain model", _LANGCHAIN)
            elif node.value == "max_tokens_to_sample" and id(node) in self.own_option:
                option = f"{self.own_option[id(node)]}.max_tokens_to_sample"
                self._add(node, f"`{option}` is validated here", _OWN_OPTION)
            elif node.value == "max_tokens_to_sample" and id(node) in self.built_by:
                builder = self.built_by[id(node)]
                self._add(
                    node, f'`"max_tokens_to_sample"` is a key of what `{builder}` builds', _TOKENS
                )
            elif node.value == "max_tokens_to_sample" and id(node) in self.listed:
                self._add(
                    node,
                    '`"max_tokens_to_sample"` is listed among key names, for a request built '
                    "from data at run time",
                    _TOKENS,
                )
            elif node.value == "max_tokens_to_sample":
                self._add(node, '`"max_tokens_to_sample"` is set or read', _TOKENS)
            elif '"max_tokens_to_sample"' in node.value:
                self._add(node, "a JSON text holds `max_tokens_to_sample`", _TOKENS)
            elif ENDPOINT.search(node.value):
                self._add(node, "the legacy endpoint `/v1/complete` is named", _ENDPOINT)
                whole = node.value.startswith(("http://", "https://"))
                self.endpoints.append(node.value if whole else UNKNOWN_START + node.value)

    def _answer_read(self, read: AnswerRead) -> None:
        shown = '["completion"]' if isinstance(read.node, ast.Subscript) else '.get("completion")'
        if read.streamed:
            what = f"`{shown}` is read from a chunk of `invoke_model_with_response_stream`"
            self._add(read.node, what, _STREAMED_ANSWER, read.sent_by)
        else:
            what = f"`{shown}` is read from the answer of `invoke_model`"
            self._add(read.node, what, _ANSWER_READ, read.sent_by)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        if id(node) in self.served:
            return
        text = "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in node.values
        )
        if ENDPOINT.search(text):
            self._add(node, "the legacy endpoint `/v1/complete` is named", _ENDPOINT)
            self.endpoints.append(UNKNOWN_START + text)
            return
        self.generic_visit(node)

    def _shaped_before(self) -> bool:
        return self.shaped_before is not None and self.shaped_before()

    def _http_double(self, node: ast.Call) -> None:
        """A ``responses`` registration, a ``respx`` route or an ``httpx.MockTransport``
        that serves the legacy API to the code under test."""
        library = _http_double_library(node, self.http_libraries, self.http_mocks)
        if library is not None:
            served = [url for url in _double_urls(node) if self._serves(url)]
            shown = library.replace("_", "-")  # pytest-httpx
            if served:
                self.served.update(id(part) for url in served for part in ast.walk(url))
                self._add(
                    served[0], f"a `{shown}` test double serves `/v1/complete`", _HTTP[library]
                )
            elif _answers_a_completion(node) and not self._url_known_here(node):
                # Its URL is the code's own (``svc.API_URL``): it moves with the code, and
                # the body it serves must become a Message.
                self._add(node, f"a `{shown}` test double answers a legacy completion", _ANSWER)
        elif (
            last_name(node.func) == "MockTransport"
            and _dotted(node.func)[:1] != ["httpx2"]
            and self.completion_shape
            and (self.imports_anthropic or self._shaped_before())
        ):
            self._add(node, "an `httpx.MockTransport` test double answers the SDK", _TRANSPORT)

    def _url_known_here(self, node: ast.Call) -> bool:
        """Whether the double's URL is spelled in this module (a string, or a constant of
        it): then whether it names the endpoint is known, and decided by ``_serves``."""
        for url in _double_urls(node):
            if isinstance(url, ast.Name) and url.id in self.module_names:
                return True
            if any(
                isinstance(part, ast.Constant) and isinstance(part.value, str)
                for part in ast.walk(url)
            ):
                return True
        return False

    def _serves(self, url: ast.expr) -> bool:
        """A double's URL names the endpoint: in a string, a concatenation, or a module
        constant read only by doubles (its strings are served)."""
        if isinstance(url, ast.BinOp) and isinstance(url.op, ast.Add):
            return self._serves(url.left) or self._serves(url.right)
        if isinstance(url, ast.Name):
            return id(url) in self.served
        return _names_endpoint(url)

    def _client_class(self, func: ast.expr) -> bool:
        """``anthropic.Client`` / ``anthropic.Anthropic``, on the module by any name it is
        imported as, or imported from it (a class of the module's own by that name is not)."""
        if isinstance(func, ast.Name):
            return func.id in self.client_names and func.id not in self.own
        path = _dotted(func)
        return len(path) == 2 and path[0] in self.modules and path[1] in _CLIENT_CLASSES

    def visit_Assign(self, node: ast.Assign) -> None:
        self.statements.append(node)  # the statement that holds the evidence
        for target in node.targets:
            create = configured_create(target, node.value)
            resource = create.value if create is not None else None
            if (
                isinstance(resource, ast.Attribute)
                and ".".join(_dotted(resource.value)) not in self.others
            ):
                named = ".".join(_dotted(resource)) or "..."
                what = f"{DOUBLE_WHAT} `{named}.{create.attr}` and answers a legacy completion"  # type: ignore[union-attr]
                self._add(resource, what, _CHAIN)
        self.statements.pop()
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        self._http_double(node)
        target = patched_create(node)
        if (
            target is not None
            and ".".join(_dotted(target)) not in self.others
            and (
                self.imports_anthropic
                or self.completion_shape
                or self._shaped_before()
                or project.anthropic_client(self.imported, target.value) is not False
            )
        ):
            self._add(
                target,
                f"{DOUBLE_WHAT} `{'.'.join(_dotted(target)) or '...'}.create`",
                _DOUBLE,
            )
        path = patched_create_path(node)
        if (
            path is not None
            and path not in self.others
            and project.anthropic_client_at(path) is not False
        ):
            self._add(node.args[0], f"{DOUBLE_WHAT} `{path}.completions.create`", _DOUBLE)
        callee = last_name(func)
        own = self.own.get(callee, set()) if callee else set()
        for keyword in node.keywords:
            if keyword.arg != "max_tokens_to_sample" or own & {keyword.arg, project.ANY}:
                continue
            if callee not in self.langchain_names and project.takes_keyword(
                self.imported, func, keyword.arg
            ):
                continue  # a parameter of the project's own function in another module
            if id(keyword.value) in self.langchain:
                self._add(
                    keyword.value,
                    "`max_tokens_to_sample` is given to a LangChain model",
                    _LANGCHAIN,
                )
            elif callee in self.langchain_names:
                sends = _sends_completions(self.langchain_names[callee])
                self._add(
                    keyword.value,
                    f"`max_tokens_to_sample=` is passed to `{callee}`",
                    _LANGCHAIN_OLD if sends else _LANGCHAIN_CHAT,
                )
            else:
                self._add(keyword.value, "`max_tokens_to_sample=` is passed", _TOKENS)
        if node.args and self._client_class(func):
            # The pre-0.3 ``anthropic.Client(key)``: the current client takes keywords only.
            self._add(
                func, f"`{'.'.join(_dotted(func))}(...)` is given its key by position", _POSITIONAL
            )
        elif self._client_class(func):
            for keyword in node.keywords:
                if keyword.arg in SDK02_OPTIONS:
                    shown = ".".join(_dotted(func))
                    what = f"`{keyword.arg}=` is given to `{shown}(...)`"
                    self._add(keyword.value, what, _SDK02_OPTION)
        if isinstance(func, ast.Attribute):
            path = _dotted(func)
            if func.attr in SDK02_STREAMS:
                if self.imports_anthropic or any(
                    k.arg in (None, "prompt", "max_tokens_to_sample") for k in node.keywords
                ):
                    self._add(func, f"the pre-0.3 SDK's `.{func.attr}(...)` is called", _SDK02)
            elif func.attr == "create" and "completions" in path[-4:-1]:
                if _marked_prompt(node) and not _other_vendor(node, self.others):
                    self._add(
                        func,
                        "`completions.create` is called with a Human/Assistant prompt",
                        _CREATE,
                    )
            elif func.attr in ("completion", "acompletion"):
                if _marked_prompt(node) and not own:
                    self._add(
                        func,
                        f"the pre-0.3 SDK's `.{func.attr}(...)` is called with a Human/Assistant prompt",
                        _SDK02,
                    )
        self.generic_visit(node)


# Each node class's visitor of :class:`_Finder`, as it is first met.
_VISITS: dict[type[ast.AST], Callable[[_Finder, Any], None]] = {}


# The registrations and routes of HTTP mocking libraries, by library.
_HTTP_DOUBLE_CALLS = {
    "responses": frozenset({"add", "post", "add_callback", "upsert", "replace"}),
    "respx": frozenset({"post", "route", "request"}),
    "pytest_httpx": frozenset({"add_response", "add_callback"}),
}


# The registrations no request method shares a name with: any receiver's is a double.
_ONLY_DOUBLES = {
    "responses": frozenset({"add", "add_callback", "upsert", "replace"}),
    "respx": frozenset({"route"}),
}
# What builds a mock of ``responses`` or ``respx`` that registrations are made on.
_MOCK_FACTORIES = frozenset({"RequestsMock", "MockRouter", "Router"})


def _http_mock_names(node: ast.AST) -> list[str]:
    """The names ``node`` binds to a mock of ``responses`` or ``respx``: ``rsps`` of ``with
    responses.RequestsMock() as rsps`` or ``router = respx.mock(base_url=...)``."""
    pairs: list[tuple[ast.expr, ast.expr | None]] = []
    if isinstance(node, (ast.With, ast.AsyncWith)):
        pairs = [(item.context_expr, item.optional_vars) for item in node.items]
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        pairs = [(node.value, node.targets[0])]
    return [
        target.id
        for value, target in pairs
        if isinstance(target, ast.Name)
        and isinstance(value, ast.Call)
        and (
            last_name(value.func) in _MOCK_FACTORIES
            or _dotted(value.func)[:1] in (["responses"], ["respx"])
        )
    ]


def _http_double_library(
    node: ast.Call, imported: set[str], mocks: set[str] | frozenset[str] = frozenset()
) -> str | None:
    """The mocking library ``node`` registers a double with, if any: one the module imports
    (``responses``, ``respx``), or pytest-httpx's ``httpx_mock`` fixture. ``mocks``: the
    names bound to a mock of theirs; ``session.post(...)`` on anything else is a request."""
    method = last_name(node.func)
    receiver = _dotted(node.func)[:-1]
    if not receiver:
        return None
    if receiver == ["httpx_mock"]:  # pytest-httpx's fixture
        library: str | None = "pytest_httpx"
    elif receiver[0] in ("respx", "respx_mock"):  # the module, or respx's pytest fixture
        library = "respx"
    elif receiver[0] == "responses":
        library = "responses"
    else:  # ``rsps.add(...)``, ``router.post(...)``: the one library the module imports
        mocking = imported & {"responses", "respx"}
        library = mocking.pop() if len(mocking) == 1 else None
        if (
            library is not None
            and receiver[0] not in mocks
            and method not in _ONLY_DOUBLES[library]
        ):
            return None  # ``session.post(...)``, ``requests.post(...)``: a request
    if library is None or method not in _HTTP_DOUBLE_CALLS[library]:
        return None
    return (
        library
        if library == "pytest_httpx" or library in imported or receiver[0] == "respx_mock"
        else None
    )


def _double_urls(node: ast.Call) -> list[ast.expr]:
    """What a double's registration may be given as its URL."""
    return [*node.args, *(k.value for k in node.keywords if k.arg in ("url", "path"))]


def _answers_a_completion(node: ast.Call) -> bool:
    """A registration whose body (``json={...}``, ``body=json.dumps({...})``) is a Text
    Completions answer: a dict with a ``completion`` key."""
    bodies = [keyword.value for keyword in node.keywords if keyword.arg in ("json", "body")]
    return any(
        isinstance(part, ast.Dict)
        and any(isinstance(key, ast.Constant) and key.value == "completion" for key in part.keys)
        for body in bodies
        for part in ast.walk(body)
    )


def _served_constants(tree: ast.Module, libraries: set[str], mocks: set[str]) -> set[int]:
    """The nodes of module constants that name the endpoint and are read only in the URLs
    of HTTP doubles (``URL = ".../v1/complete"``, ``responses.add(responses.POST, URL,
    ...)``), or in the values of other such constants: the doubles serve them. Each
    read of such a constant is among them, so that its double says it serves the endpoint."""
    values: dict[str, ast.expr] = {}
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            values[statement.targets[0].id] = statement.value
    if not any(_names_endpoint(part) for value in values.values() for part in ast.walk(value)):
        return set()  # no constant names the endpoint: none is served
    stores: dict[str, int] = {}
    loads: dict[str, list[int]] = {}
    in_urls: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                loads.setdefault(node.id, []).append(id(node))
            else:
                stores[node.id] = stores.get(node.id, 0) + 1
        elif isinstance(node, ast.Call) and _http_double_library(node, libraries, mocks):
            in_urls.update(id(part) for url in _double_urls(node) for part in ast.walk(url))
    candidates = {
        name: value
        for name, value in values.items()
        if stores.get(name) == 1 and any(_names_endpoint(part) for part in ast.walk(value))
    }
    served: set[int] = set()
    changed = True
    while changed:  # a constant read only in the value of a served one is served too
        changed = False
        for name, value in list(candidates.items()):
            if all(use in in_urls for use in loads.get(name, [])) and name in loads:
                parts = {id(part) for part in ast.walk(value)}
                served |= parts | set(loads[name])
                in_urls |= parts
                del candidates[name]
                changed = True
    return served


def left_endpoints(source: str) -> tuple[str, ...]:
    """The endpoints ``source`` still names outside its HTTP doubles: each string that names
    ``/v1/complete``, as a URL when the string is a whole one, else the text it knows after
    :data:`UNKNOWN_START`. Code that does not parse may name any."""
    if not ENDPOINT.search(source):
        return ()
    try:
        tree = python_tree(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return (UNKNOWN_START + "/v1/complete",)
    finder = _Finder(tree)
    with deep_recursion():
        finder.visit(tree)
    return tuple(dict.fromkeys(finder.endpoints))


def _names_endpoint(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ENDPOINT.search(node.value) is not None
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in node.values
        )
        return ENDPOINT.search(text) is not None
    return False


def _langchain_parameters(node: ast.AST, held: set[int]) -> None:
    """Into ``held``: the nodes of a ``model_kwargs`` that ``node`` gives a LangChain model.

    ``llm.model_kwargs = {...}``, ``model_kwargs = {...}`` and
    ``model_kwargs["max_tokens_to_sample"] = ...``: the name is LangChain's, and its
    Bedrock LLM forwards the dict into the request body. ``Bedrock(model_kwargs={...})``
    is ``_HeldKwargs``'s: it knows the model the call names.
    """
    values: list[ast.AST] = []
    if isinstance(node, ast.Assign) and any(_names_model_kwargs(t) for t in node.targets):
        values = [node.value, *node.targets]
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and _names_model_kwargs(node.target):
        values = [node.target] + ([node.value] if node.value is not None else [])
    for value in values:
        held.update(id(inner) for inner in ast.walk(value))


class _TopLevel:
    """Straight-line code (a notebook's cells, a function's body): names a module or a
    function binds only by plain assignments in its own body, so that the binding a read
    in a simple statement of that body sees is the last assignment above it."""

    def __init__(self, tree: ast.Module) -> None:
        declared = {
            name
            for node in ast.walk(tree)
            if isinstance(node, (ast.Global, ast.Nonlocal))
            for name in node.names
        }
        self.assigned: dict[tuple[int, str], list[ast.Assign]] = {}
        self.statement: dict[int, tuple[int, ast.stmt]] = {}  # a read's scope and statement
        self.straight: set[tuple[int, str]] = set()
        scopes: list[ast.Module | ast.FunctionDef | ast.AsyncFunctionDef] = [tree]
        scopes += [
            node
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        for scope in scopes:
            assigned: dict[str, list[ast.Assign]] = {}
            for statement in scope.body:
                if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.Expr)):
                    self.statement.update(
                        (id(inner), (id(scope), statement)) for inner in ast.walk(statement)
                    )
                targets = statement.targets if isinstance(statement, ast.Assign) else []
                if len(targets) == 1 and isinstance(targets[0], ast.Name):
                    assigned.setdefault(targets[0].id, []).append(statement)  # type: ignore[arg-type]
            stores = Counter(_own_stores(scope))
            for name, found in assigned.items():
                self.assigned[id(scope), name] = found
                if name not in declared and len(found) == stores[name]:
                    self.straight.add((id(scope), name))

    def reaching(self, read: ast.Name) -> ast.Assign | None:
        """The assignment ``read`` sees, when straight-line code decides it."""
        scope, statement = self.statement.get(id(read), (0, None))
        if statement is None or (scope, read.id) not in self.straight:
            return None
        above = [a for a in self.assigned[scope, read.id] if a.lineno < statement.lineno]
        return above[-1] if above else None


def _own_stores(scope: ast.Module | ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[str]:
    """Each binding of a name in ``scope`` itself (its parameters too), not in the functions
    and classes inside it."""
    if not isinstance(scope, ast.Module):
        arguments = scope.args
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
        yield from (argument.arg for argument in every)
    pending: list[ast.AST] = list(scope.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            yield node.id
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
            pending.extend(node.decorator_list)
            continue  # its body binds its own names
        elif not isinstance(node, ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))


class _HeldKwargs:
    """``model_kwargs=NAME`` and ``model_kwargs=build(...)``: where the dict is built.

    Workshop code builds the dict apart from the model (``inference_modifier =
    {...}``, ``params["max_tokens_to_sample"] = ...``, a function that returns
    it), then hands it over; each of those is LangChain's too.
    """

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.functions: set[str] = set()
        self.assignments: list[tuple[str, ast.AST]] = []
        self.definitions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.calls: list[ast.Call] = []  # calls given ``model_kwargs=``
        self.values: dict[str, list[ast.expr]] = {}  # what each plain name is assigned
        self.other: set[int] = set()  # given only to another vendor's model, once marked
        self.given: set[str] = set()  # every name given as ``model_kwargs=``, once marked

    def see(self, node: ast.AST) -> None:
        if isinstance(node, ast.Call) and any(k.arg == "model_kwargs" for k in node.keywords):
            self.calls.append(node)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.values.setdefault(target.id, []).append(node.value)
                if _names_model_kwargs(target):
                    self._built_by(node.value)
                if isinstance(target, ast.Subscript):
                    target = target.value
                if isinstance(target, ast.Name):
                    self.assignments.append((target.id, node))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.definitions.append(node)

    def _built_by(self, value: ast.expr) -> None:
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            self.functions.add(value.func.id)

    def mark(self, held: set[int], tree: ast.Module) -> None:
        others: set[str] = set()  # names given to another vendor's model
        claude: set[int] = set()  # top-level assignments that reach a model that may be Claude
        other: set[int] = set()  # ... that reach another vendor's model
        # The reaching assignments cost a fifth of a scan: only a model given
        # ``model_kwargs=`` needs them, and most modules have none.
        top = _TopLevel(tree) if self.calls else None
        for call in self.calls:
            assert top is not None
            is_other = self._other_vendor(call, top)
            for keyword in call.keywords:
                if keyword.arg != "model_kwargs":
                    continue
                value = keyword.value
                # a Llama model given the key is the code's own mistake, not Claude's
                (self.other if is_other else held).update(id(inner) for inner in ast.walk(value))
                if not is_other:
                    self._built_by(value)  # ``model_kwargs=get_inference_parameters(...)``
                if not isinstance(value, ast.Name):
                    continue
                self.given.add(value.id)
                reaching = top.reaching(value)
                if reaching is not None:
                    (other if is_other else claude).add(id(reaching))
                else:
                    (others if is_other else self.names).add(value.id)
        for name, node in self.assignments:
            if name in self.names or id(node) in claude:
                held.update(id(inner) for inner in ast.walk(node))
                if isinstance(node, ast.Assign):
                    self._built_by(node.value)  # ``parameters = get_parameter(model_id)``
            elif name in others or id(node) in other:
                self.other.update(id(inner) for inner in ast.walk(node))
        for definition in self.definitions:
            if definition.name in self.functions:
                for inner in ast.walk(definition):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        held.update(id(part) for part in ast.walk(inner.value))

    def _other_vendor(self, call: ast.Call, top: _TopLevel) -> bool:
        """``call`` names another vendor's Bedrock model (``meta.llama3-...``) as its
        ``model_id``: inline, in the name's assignment that reaches a notebook cell, or in a
        name every assignment of the module gives such a string. Anything that may be set
        to a Claude model is Claude's."""
        model = next((k.value for k in call.keywords if k.arg == "model_id"), None)
        reaching = top.reaching(model) if isinstance(model, ast.Name) else None
        if reaching is not None:
            values = [reaching.value]
        elif isinstance(model, ast.Name):
            values = self.values.get(model.id, [])
        else:
            values = [model] if model is not None else []
        return bool(values) and all(
            isinstance(value, ast.Constant)
            and isinstance(value.value, str)
            and not {"anthropic", "claude"} & set(re.split(r"[^a-z]+", value.value.lower()))
            for value in values
        )


def _splatted_kwargs(tree: ast.Module, given: set[str]) -> dict[int, list[ast.expr]]:
    """The nodes of what ``model_kwargs = {...}`` / ``model_kwargs[k] = v`` assign, with the
    callees the name is splatted into (``ChatAnthropic(**model_kwargs)``), when it is and
    is never given to a model as ``model_kwargs=``."""
    callees: list[tuple[int, int, ast.expr]] = []
    assigned: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callees.extend(
                (node.lineno, node.col_offset, node.func)
                for keyword in node.keywords
                if keyword.arg is None
                and isinstance(keyword.value, ast.Name)
                and keyword.value.id == "model_kwargs"
            )
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_plain_model_kwargs(target) for target in targets):
                assigned.append(node)
    if not callees or "model_kwargs" in given:
        return {}
    funcs = [func for *_, func in sorted(callees, key=lambda callee: callee[:2])]
    return {id(inner): funcs for node in assigned for inner in ast.walk(node)}


def _plain_model_kwargs(node: ast.expr) -> bool:
    if isinstance(node, ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name) and node.id == "model_kwargs"


def _returned_keys(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[int, str]:
    """``"max_tokens_to_sample"`` keys of the dicts ``function`` returns as its result
    (``return {...}``, ``return {**{...}, **extra}``, ``return json.dumps({...})``)."""
    keys = {}
    for node in _breadth_first(function):  # ast.walk's order: an inner function's name wins
        if isinstance(node, ast.Return) and node.value is not None:
            for returned in _returned_dicts(node.value):
                for key in returned.keys:
                    if isinstance(key, ast.Constant) and key.value == "max_tokens_to_sample":
                        keys[id(key)] = function.name
    return keys


def _returned_dicts(value: ast.expr) -> list[ast.Dict]:
    if isinstance(value, ast.Call) and last_name(value.func) == "dumps" and value.args:
        return _returned_dicts(value.args[0])
    if not isinstance(value, ast.Dict):
        return []
    merged = [
        part
        for key, inner in zip(value.keys, value.values, strict=True)
        if key is None
        for part in _returned_dicts(inner)
    ]
    return [value, *merged]


def _own_markers(node: ast.ClassDef) -> tuple[frozenset[str], frozenset[str]]:
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


def _option_validators(node: ast.ClassDef) -> dict[int, str]:
    """``@field_validator("max_tokens_to_sample")`` in a class that declares that field: an
    option of the project's own settings (a plugin's), not a request's key."""
    declared = any(
        isinstance(item, ast.AnnAssign)
        and isinstance(item.target, ast.Name)
        and item.target.id == "max_tokens_to_sample"
        for item in node.body
    )
    if not declared:
        return {}
    return {
        id(arg): node.name
        for item in node.body
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
        for decorator in item.decorator_list
        if isinstance(decorator, ast.Call)
        for arg in decorator.args
        if isinstance(arg, ast.Constant) and arg.value == "max_tokens_to_sample"
    }


def _listed_key(node: ast.List | ast.Tuple | ast.Set) -> list[int]:
    """The ``"max_tokens_to_sample"`` among other strings in a collection of key names."""
    if len(node.elts) < 2 or not all(
        isinstance(item, ast.Constant) and isinstance(item.value, str) for item in node.elts
    ):
        return []
    return [
        id(item)
        for item in node.elts
        if isinstance(item, ast.Constant) and item.value == "max_tokens_to_sample"
    ]


def _names_model_kwargs(node: ast.expr) -> bool:
    if isinstance(node, ast.Subscript):
        node = node.value
    return (isinstance(node, ast.Name) and node.id == "model_kwargs") or (
        isinstance(node, ast.Attribute) and node.attr == "model_kwargs"
    )


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


_TOKENS = (
    "Text Completions' token limit; the tool could not follow it to a request it "
    "migrates: send it as `max_tokens` of a `messages.create` request"
)
_OWN_OPTION = (
    "an option of this project named after Text Completions' token limit: whatever reads it "
    "must send it as `max_tokens`; renaming it changes what the project's users set, a choice "
    "for you (`# migrator: ignore[TCM020]` once made)"
)
_LANGCHAIN = (
    "LangChain's `Bedrock` LLM puts its `model_kwargs` into a Text Completions body for "
    "Claude, and the Claude models that took it are retired: use `ChatBedrock` (from "
    "langchain-aws) with `max_tokens` and a current Claude model, and read the `.content` "
    "of its answer"
)
_LANGCHAIN_CHAT = (
    "a LangChain model; langchain-anthropic names it `max_tokens` (the old name is only an "
    "alias there), and older LangChain releases sent Claude Text Completions themselves: "
    "upgrade LangChain, pass `max_tokens` and choose a current Claude model"
)
_OTHER_VENDOR = (
    "Claude Text Completions' token limit, left in another vendor's request, which the tool "
    "does not change: drop the key, or give that model its own limit"
)
_GONE_CONSTANT = (
    "the current SDK has no HUMAN_PROMPT/AI_PROMPT (an import or read fails): write the "
    'turns as `messages` (or the markers as literals, "\\n\\nHuman:" / "\\n\\nAssistant:")'
)
_GONE_NAME = "the current SDK has no such name (an import or read fails): rewrite this by hand"
_TOKENIZER = (
    "the old local tokenizer is gone from the current SDK: count with "
    "`client.messages.count_tokens(...)` (a call to the API) or drop the count"
)
_ENDPOINT = (
    "the Messages API answers at /v1/messages with a `messages` body and `content` blocks; "
    "the tool could not follow this request: migrate it by hand"
)
_SDK02 = "the current SDK has no such method: call `messages.create` (or `messages.stream`)"
_CREATE = (
    "a Text Completions call the tool could not prove to be Anthropic's or could not "
    "migrate: call `messages.create` with `messages`"
)
_DOUBLE = (
    "the current SDK has no completions resource, so the patch fails (AttributeError) "
    "once the code under test is migrated: patch `messages.create` instead, and make the "
    "double return a Message (its text in `content` blocks), since the code now reads that"
)
_CHAIN = (
    "once the code under test is migrated it calls `messages.create` on this mocked client, "
    "which this double leaves unconfigured (a mock answers any call with another mock), so "
    "the test no longer checks what it did: configure `messages.create` instead, and make it "
    "return a Message (its text in `content` blocks), since the code now reads that"
)
_RESPONSES = (
    "the migrated code posts to /v1/messages and reads a Message body (`content` blocks), "
    "which this registration does not serve; `responses` only intercepts `requests`, so it "
    "serves raw HTTP code, never the SDK. It moves with that code when the run migrates "
    "every `requests` post to its URL, and this run did not (the code under test is not in "
    "it, a request to that URL is left for manual work, or the URL is not one the tool can "
    "read): register `/v1/messages` with a Message body, or use the `fake_anthropic` fixture "
    "(docs/testing.md)"
)
_RESPX = (
    "a route on `httpx` never sees the current SDK's requests, which go through `httpx2`: "
    "for SDK code, use the `fake_anthropic` fixture (docs/testing.md) or an "
    "`httpx2.MockTransport` given as `http_client=`; for code that posts with `httpx` "
    "itself, route `/v1/messages` and answer with a Message body (`content` blocks)"
)
_HTTP = {"responses": _RESPONSES, "respx": _RESPX, "pytest_httpx": _RESPX}
_ANSWER = (
    "once the code under test is migrated it reads a Message (`content` blocks, `stop_reason` "
    '"end_turn" for a natural end) from /v1/messages, and this double answers with the legacy '
    "`completion`: serve a Message body at the URL the migrated code posts to, or use the "
    "`fake_anthropic` fixture (docs/testing.md)"
)
_TRANSPORT = (
    "the current SDK takes only `httpx2` objects (an `httpx` one is a TypeError) and reads a "
    "Message body (`content` blocks) from /v1/messages, and this transport answers with "
    "`httpx` responses and a legacy completion: rebuild it with `httpx2.MockTransport`, "
    "`httpx2.Response` and a Message body, or use the `fake_anthropic` fixture "
    "(docs/testing.md)"
)
_MESSAGES_BODY = (
    "once the body sent is a Messages body (`anthropic_version`, `messages`, `max_tokens`), read"
)
_ANSWER_READ = (
    "the text of Bedrock's Claude Text Completions answer; a Messages answer has no `completion` "
    f'(KeyError): {_MESSAGES_BODY} `["content"][0]["text"]` here'
)
_STREAMED_ANSWER = (
    "the text of Bedrock's Claude Text Completions stream; Messages chunks have no `completion` "
    f'(KeyError): {_MESSAGES_BODY} `["delta"]["text"]` of the `content_block_delta` chunks here'
)
_CLIENT_CLASSES = frozenset({"Client", "Anthropic"})
_POSITIONAL = (
    "the pre-0.3 SDK's client took the API key by position; the current one raises "
    "TypeError: pass `api_key=`"
)
# The pre-0.3 client's options that the current one does not take.
SDK02_OPTIONS = frozenset({"api_url", "proxy_url", "default_request_timeout"})
_SDK02_OPTION = (
    "an option of the pre-0.3 SDK's client, which the current one refuses (TypeError): "
    "pass `base_url=` (the URL's origin: the old client joined `v1/complete` onto it), "
    "`timeout=`, or a proxy through `http_client=`, once the calls on this client are migrated"
)
# ``langchain.chat_models.ChatAnthropic`` (langchain_community's, re-exported) builds a
# Human/Assistant prompt and calls ``completions.create`` with ``max_tokens_to_sample``
# (its field, which takes ``max_tokens`` as an alias): no keyword makes it send Messages.
_LANGCHAIN_OLD = (
    "this LangChain class sends Claude Text Completions itself (the Anthropic models of "
    "`langchain` and `langchain_community` do), whatever the keyword is called, so renaming "
    "it migrates nothing: use `ChatAnthropic` from langchain-anthropic (a new dependency; "
    "on current langchain-core, call the model with `.invoke([...])`), with `max_tokens` "
    "within the model's output limit (Text Completions clamped a larger value, Messages "
    "refuses it) and a current Claude model"
)


def _sends_completions(module: str) -> bool:
    """A LangChain module whose Anthropic models send Text Completions themselves."""
    return module.split(".")[0] in ("langchain", "langchain_community")


# What the request carries (as opposed to names the current SDK lacks): it goes with the call.
REQUEST_REASONS = frozenset({_TOKENS, _LANGCHAIN, _LANGCHAIN_CHAT, _LANGCHAIN_OLD, _ENDPOINT})
