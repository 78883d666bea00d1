"""Evidence of the legacy API in a module, read with CPython's ``ast``.

The rules migrate the call sites they can follow; this scan is the net under
them. It lists every place that plainly belongs to Text Completions, on any
receiver and whatever the imports say, so that the engine can check that each
one ended in a migration or in a finding (rule TCM020, ``legacy_evidence``):

- ``max_tokens_to_sample`` as a keyword argument (unless the callee is a function
  of this module, or of another module of the project (:mod:`migrator.analysis.project`),
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
  ``with_streaming_response``) with a prompt that holds a Human/Assistant marker, or
  whose answer is read for ``.completion`` (chained, through a name, or on the events of
  a loop over it), unless it is given OpenAI's ``max_tokens=``;
- a double of ``completions.create`` (not ``chat.completions``) given a legacy
  completion, on a mocked client (``client.completions.create.return_value.completion
  = ...``, ``.return_value = Mock(completion=...)``) or patched on a client
  (``mock.patch.object(svc.client.completions, "create")``);
- the old tokenizer: ``count_tokens`` / ``get_tokenizer`` of ``anthropic``, and
  ``anthropic._tokenizers``; the removed type ``anthropic.types.Completion``;
- ``["completion"]`` read on the answer of Bedrock's ``invoke_model`` (or a chunk of
  ``invoke_model_with_response_stream``) that the module does not show to be another
  vendor's (:mod:`migrator.analysis.bedrock_answers`).

Docstrings are not evidence, nor are the helpers migrator itself writes into
code (their names start with ``_legacy_``). OpenAI's look-alike,
``client.completions.create(prompt="...", max_tokens=...)``, holds none of this.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from migrator.analysis import project_summary
from migrator.analysis.bedrock_answers import SENDS, AnswerRead, answer_reads
from migrator.analysis.evidence_calls import CallVisits
from migrator.analysis.evidence_doubles import http_mock_names, served_constants
from migrator.analysis.evidence_keys import (
    HeldKwargs,
    langchain_parameters,
    listed_key,
    option_validators,
    returned_keys,
    splatted_kwargs,
)
from migrator.analysis.evidence_nodes import (
    CHILD_FIELDS,
    CONSTANTS,
    ENDPOINT,
    HELPER_PREFIX,
    UNKNOWN_START,
    breadth_first,
    deep_recursion,
    is_docstring,
    other_vendor_clients,
)
from migrator.analysis.evidence_reads import ExpressionVisits
from migrator.analysis.evidence_reasons import (
    _HTTP,
    CLIENT_CLASSES,
    GONE_CONSTANT,
    GONE_NAME,
    TOKENS,
)
from migrator.code.trees import python_tree


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
        taken.setdefault(node.name, set()).update(project_summary.parameters(node))
    elif isinstance(node, ast.ClassDef):
        taken.setdefault(node.name, set()).update(project_summary.class_parameters(node))


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


class _Finder(ExpressionVisits, CallVisits, ast.NodeVisitor):
    def __init__(self, tree: ast.Module) -> None:
        self.found: list[Evidence] = []
        self.statements: list[ast.stmt] = []
        self.classes: list[ast.ClassDef] = []  # those the node visited is in, innermost last
        # The functions the node visited is in, innermost last.
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
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
        kwargs = HeldKwargs()
        # ``completion_stream`` is a common method name: the old SDK's only where
        # the module imports it or the call has its keywords.
        self.imports_anthropic = False
        # ``from anthropic import Client as C``: the names its client classes are bound to.
        self.client_names: set[str] = set()
        # A completion's shape: ``.completion``, ``completion=``, ``["completion"]``.
        self.completion_shape = False
        # The module's classes, for a subclass of the client (``class Claude(anthropic.Client)``).
        self.class_defs: list[ast.ClassDef] = []
        # Names bound to a Messages body (``body = json.dumps({"messages": ...})``), and names
        # bound to anything else as well: a Bedrock call that sends the first kind is no
        # Text Completions request, whatever its model id.
        self.messages_bodies: set[str] = set()
        self.other_bodies: set[str] = set()
        self.shaped_before: Callable[[], bool] | None = None
        # Whether the module spells the key as a string, and splats a ``model_kwargs``:
        # the walks below that place such strings are needed only then.
        names_the_key = splats_model_kwargs = invokes_a_model = False
        for node in breadth_first(tree):  # one pass for what the visit must know beforehand
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
            if kind is ast.ClassDef:
                self.class_defs.append(node)
            _own_parameters(node, self.own)
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.imported.update(project_summary.imported_names([node]))
            other_vendor_clients(node, self.others)
            langchain_parameters(node, self.langchain)
            kwargs.see(node)
            self.http_mocks.update(http_mock_names(node))
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
                        if alias.name in CLIENT_CLASSES
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
        # A function that hands its ``**kwargs`` on to the module's own functions takes
        # what they all take (``batch(**options)`` calling ``ask(q, **options)``).
        defined = {
            node.name: node
            for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        for name, function in defined.items():
            if function.args.kwarg is not None:
                self.own[name] |= project_summary.taken_keywords(function, defined)
        kwargs.mark(self.langchain, tree)
        self.other_vendor = kwargs.other - self.langchain
        # A dict named ``model_kwargs`` that is splatted into calls is their keywords, not a
        # Bedrock model's ``model_kwargs``: the finding names the calls.
        self.splatted = splatted_kwargs(tree, kwargs.given) if splats_model_kwargs else {}
        self.langchain -= self.splatted.keys()
        # Where a ``"max_tokens_to_sample"`` string sits, for a finding that says so: a key
        # of a dict a function returns (its name), or a name among others in a collection.
        self.built_by: dict[int, str] = {}
        self.listed: set[int] = set()
        self.own_option: dict[int, str] = {}
        for node in breadth_first(tree) if names_the_key else ():  # ast.walk's order
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.built_by.update(returned_keys(node))
            elif isinstance(node, ast.ClassDef):
                self.own_option.update(option_validators(node))
            elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                self.listed.update(listed_key(node))
        self.served.update(served_constants(tree, self.http_libraries, self.http_mocks))
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
            if is_docstring(node):
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
            self.functions.append(node)
            self._body_with_docstring(node)
            self.functions.pop()

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        if not node.name.startswith(HELPER_PREFIX):
            self.functions.append(node)
            self._body_with_docstring(node)
            self.functions.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node)
        for statement in node.body:
            # ``max_tokens_to_sample: int = 300``: a settings class holding the legacy limit
            # under its name, which only a Text Completions request takes, when nothing
            # here reads it by name nor converts requests at run time.
            targets = (
                statement.targets
                if isinstance(statement, ast.Assign)
                else [statement.target]
                if isinstance(statement, ast.AnnAssign)
                else []
            )
            for target in targets:
                if (
                    isinstance(target, ast.Name)
                    and target.id == "max_tokens_to_sample"
                    and not self._limit_followed()
                ):
                    self.statements.append(statement)
                    self._add(target, f"`{node.name}.max_tokens_to_sample` is a field", TOKENS)
                    self.statements.pop()
        self._body_with_docstring(node)
        self.classes.pop()

    def _limit_followed(self) -> bool:
        """Is the module's ``max_tokens_to_sample`` field read by name here (where each use
        is judged), or are its requests converted at run time?"""
        followed = getattr(self, "_followed", None)
        if followed is None:
            # Rarely asked (a class holding the field): its import stays off the scan's path.
            from migrator.runtime.helpers import REQUEST_HELPER

            followed = self._followed = any(
                (isinstance(node, ast.Attribute) and node.attr == "max_tokens_to_sample")
                or (isinstance(node, ast.Name) and node.id == REQUEST_HELPER)
                for node in ast.walk(self.tree)
            )
        return followed

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
                self._add(node, f"`{name}` is imported", GONE_CONSTANT)
            elif anthropic and name in ("ApiException", "count_tokens", "get_tokenizer"):
                self._add(node, f"`{name}` is imported from `{module}`", GONE_NAME)
            elif (
                module in ("anthropic.types", "anthropic.types.completion") and name == "Completion"
            ):
                self._add(node, "the removed type `Completion` is imported", GONE_NAME)
            elif anthropic and name in ("api", "_tokenizers", "tokenizer"):
                self._add(node, f"`{module}.{name}` is imported", GONE_NAME)
        if module in ("anthropic.api", "anthropic._tokenizers", "anthropic.tokenizer"):
            self._add(node, f"`{module}` is imported", GONE_NAME)
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name in ("anthropic.api", "anthropic._tokenizers", "anthropic.tokenizer"):
                self._add(node, f"`{alias.name}` is imported", GONE_NAME)
        self.generic_visit(node)


# Each node class's visitor of :class:`_Finder`, as it is first met.
_VISITS: dict[type[ast.AST], Callable[[_Finder, Any], None]] = {}


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
