"""Where a module reads Bedrock's Text Completions answer, found with CPython's ``ast``.

A Claude Text Completions request sent with boto3's ``invoke_model`` answers a
JSON object whose text is ``completion``; a Messages answer holds ``content``
blocks instead, so ``output["completion"]`` raises ``KeyError`` once the body is
migrated. The read is therefore evidence of the legacy API even where the module
that sends the body holds nothing else of it (a ``GENERATION_CONFIG`` with
``max_tokens_to_sample`` imported from a settings module, given its ``prompt``
here and dumped as the body).

Only the answer of an ``invoke_model`` / ``invoke_model_with_response_stream``
call counts, followed the way such code reads it, each step a value of the
module's own:

- the call's result (``response``); its ``["body"]`` or ``.get("body")``;
- for a plain answer, that body's ``.read()``; for a stream, each event of a loop
  over it, its ``["chunk"]``, and that chunk's ``["bytes"]``; with ``.decode(...)``
  or not, then ``json.loads(...)``: the answer, whose ``["completion"]`` or
  ``.get("completion")`` is the read.

A value is followed through names (every binding of a name in a function counts),
into the parameters of the module's functions it is passed to (by name, or as a
method on ``self``), out of their ``return``, and out of a generator's ``yield``
into the loops over its calls. A call whose ``modelId`` the module spells, and
every spelling of which names another vendor's model (the test of rule TCM016,
:func:`migrator.core.models.is_other_bedrock_vendor`), answers in that vendor's
format; so does a call whose body is ``json.dumps`` of a dict literal without
``max_tokens_to_sample``, which no Claude Text Completions request lacks.
Anything else may be Claude's: a model id known only at run time is.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from migrator.analysis.bedrock_bindings import Function, _bindings, parameter_names
from migrator.code.dominating import Dominating, own_nodes
from migrator.core.models import is_other_bedrock_vendor

# boto3's methods of a ``bedrock-runtime`` client, and whether each answers a stream.
SENDS = {"invoke_model": False, "invoke_model_with_response_stream": True}
ANSWER_KEY = "completion"
# How far a model id is followed through names and functions.
_DEPTH = 6

# A value on the way from a call to its answer: its stage, and the call it comes from.
# ``gen:`` before a stage: a generator call, whose loops get values of that stage.
Kind = tuple[str, ast.Call]
# A key read on a value of a stage, and the stage it gives.
_STEPS = {("response", "body"): "body", ("event", "chunk"): "chunk", ("chunk", "bytes"): "raw"}
_GENERATED = "gen:"

Scope = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda


@dataclass(frozen=True)
class AnswerRead:
    """A read of ``completion`` on the parsed answer of an ``invoke_model`` call."""

    node: ast.expr  # the subscript, or the ``.get(...)`` call
    key: ast.Constant  # the ``"completion"`` it reads
    streamed: bool  # a chunk of ``invoke_model_with_response_stream``
    # The statements of the calls whose answer it may be: a finding that leaves one of
    # them for a person leaves its answer with it.
    sent_by: tuple[ast.stmt, ...]


def may_read_answers(raw: bytes) -> bool:
    """Whether a module with these bytes may hold an :class:`AnswerRead`: it names the
    method and spells the key as a string."""
    return b"invoke_model" in raw and (b'"completion"' in raw or b"'completion'" in raw)


def answer_reads(tree: ast.Module) -> list[AnswerRead]:
    """Every read of ``completion`` on an answer of ``invoke_model`` in ``tree``."""
    return _Tracer(tree).reads()


def _key(node: ast.expr) -> tuple[ast.expr, ast.Constant] | None:
    """``value["key"]`` or ``value.get("key", ...)``: the value and the key's constant."""
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return node.value, key
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.func.value, node.args[0]
    return None


class _Tracer:
    """The stages each name of each scope may hold, found by repeating one pass over the
    module until nothing more is learned (the stages are few: it ends in a few passes)."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.scopes: list[Scope] = [tree]
        self.parent: dict[int, Scope] = {}
        self.functions: dict[str, list[Function]] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                self.scopes.append(node)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
        # Each scope's nodes, once; and each scope's bindings: a name, and where its value
        # comes from (``value``: an expression; ``iter``: the iterable of a loop).
        self.nodes: dict[int, list[ast.AST]] = {}
        self.bindings: dict[int, list[tuple[str, str, ast.expr]]] = {}
        self.bound: dict[int, set[str]] = {}
        for scope in self.scopes:
            nodes = list(own_nodes([scope.body] if isinstance(scope, ast.Lambda) else scope.body))
            self.nodes[id(scope)] = nodes
            for node in nodes:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    self.parent[id(node)] = scope
                elif isinstance(node, ast.Lambda):
                    self.parent[id(node)] = scope
            bindings = list(_bindings(nodes))
            self.bindings[id(scope)] = bindings
            self.bound[id(scope)] = {name for name, _how, _value in bindings}
            if not isinstance(scope, (ast.Module, ast.ClassDef)):
                self.bound[id(scope)].update(parameter_names(scope))
        self.names: dict[tuple[int, str], set[Kind]] = {}
        self.values: dict[tuple[int, str], set[Kind]] = {}  # by binding: its value, and how
        self.returns: dict[int, set[Kind]] = {}
        self.dominating: dict[int, Dominating] = {}
        self.reaching: dict[int, list[tuple[str, str, ast.expr]] | None] = {}

    # --- the fixed point -------------------------------------------------------------------

    def reads(self) -> list[AnswerRead]:
        while self._pass():
            pass
        found = []
        statements: dict[int, ast.stmt] = {}
        for scope in self.scopes:
            tested = _tested(self.nodes[id(scope)])
            for node in self.nodes[id(scope)]:
                if not isinstance(node, (ast.Subscript, ast.Call)):
                    continue
                keyed = _key(node)
                if keyed is None or keyed[1].value != ANSWER_KEY:
                    continue
                if isinstance(keyed[0], ast.Name) and (id(node), keyed[0].id) in tested:
                    continue  # code that reads either format: the legacy one only if given one
                calls = [call for stage, call in self._kinds(keyed[0], scope) if stage == "answer"]
                if calls:
                    statements = statements or _statements(self.tree)
                    streamed = any(_streamed(call) for call in calls)
                    sent_by = tuple(dict.fromkeys(statements[id(call)] for call in calls))
                    found.append(AnswerRead(node, keyed[1], streamed, sent_by))
        return sorted(found, key=lambda read: (read.node.lineno, read.node.col_offset))

    def _pass(self) -> bool:
        """One pass over every binding, ``return``, ``yield`` and call; whether it learned
        anything."""
        learned = False
        for scope in self.scopes:
            for name, how, value in self.bindings[id(scope)]:
                if how == "other":
                    continue
                kinds = self._kinds(value, scope)
                if how == "iter":
                    kinds = _iterated(kinds)
                learned |= self._learn(self.values, (id(value), how), kinds)
                learned |= self._learn(self.names, (id(scope), name), kinds)
            for node in self.nodes[id(scope)]:
                if isinstance(node, ast.Return) and node.value is not None:
                    learned |= self._learn(self.returns, id(scope), self._kinds(node.value, scope))
                elif isinstance(node, (ast.Yield, ast.YieldFrom)) and node.value is not None:
                    kinds = self._kinds(node.value, scope)
                    if isinstance(node, ast.YieldFrom):
                        kinds = {(_GENERATED + stage, call) for stage, call in _iterated(kinds)}
                    else:
                        kinds = {(_GENERATED + stage, call) for stage, call in kinds}
                    learned |= self._learn(self.returns, id(scope), kinds)
                elif isinstance(node, ast.Call):
                    learned |= self._pass_arguments(node, scope)
        return learned

    @staticmethod
    def _learn(table: dict[Any, set[Kind]], key: object, kinds: set[Kind]) -> bool:
        known = table.setdefault(key, set())
        if kinds <= known:
            return False
        known |= kinds
        return True

    def _pass_arguments(self, call: ast.Call, scope: Scope) -> bool:
        """Into the parameters of the module's functions ``call`` may call: what it passes."""
        learned = False
        for function, skip in self._callees(call):
            args = function.args
            positional = [*args.posonlyargs, *args.args][skip:]
            for parameter, value in zip(positional, call.args, strict=False):
                if isinstance(value, ast.Starred):
                    break
                kinds = self._kinds(value, scope)
                learned |= self._learn(self.names, (id(function), parameter.arg), kinds)
            taken = {a.arg for a in [*args.posonlyargs[skip:], *args.args, *args.kwonlyargs]}
            for keyword in call.keywords:
                if keyword.arg in taken:
                    kinds = self._kinds(keyword.value, scope)
                    learned |= self._learn(self.names, (id(function), keyword.arg), kinds)
        return learned

    def _callees(self, call: ast.Call) -> Iterator[tuple[Function, int]]:
        """The module's functions ``call`` may call, each with the count of its parameters
        the call does not give (``self`` of a method called on ``self``)."""
        func = call.func
        if isinstance(func, ast.Name):
            for function in self.functions.get(func.id, []):
                if not isinstance(self.parent.get(id(function)), ast.ClassDef):
                    yield function, 0
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in ("self", "cls"):
                for function in self.functions.get(func.attr, []):
                    if isinstance(self.parent.get(id(function)), ast.ClassDef):
                        yield function, 1

    # --- what an expression holds ----------------------------------------------------------

    def _kinds(self, node: ast.expr, scope: Scope) -> set[Kind]:
        if isinstance(node, ast.Name):
            return self._name(node, scope)
        if isinstance(node, (ast.Await, ast.NamedExpr)):
            return self._kinds(node.value, scope)
        if isinstance(node, ast.IfExp):
            return self._kinds(node.body, scope) | self._kinds(node.orelse, scope)
        if isinstance(node, ast.BoolOp):
            return set().union(*(self._kinds(value, scope) for value in node.values))
        keyed = _key(node)
        if keyed is not None:
            return {
                (_STEPS[stage, keyed[1].value], call)
                for stage, call in self._kinds(keyed[0], scope)
                if (stage, keyed[1].value) in _STEPS
            }
        if isinstance(node, ast.Call):
            return self._call(node, scope)
        return set()

    def _call(self, call: ast.Call, scope: Scope) -> set[Kind]:
        func = call.func
        if isinstance(func, ast.Attribute):
            if func.attr in SENDS:
                claude = not _other_vendor(call, scope, self)
                return {("response", call)} if claude else set()
            if func.attr in ("read", "decode"):
                wanted = "body" if func.attr == "read" else "raw"
                return {
                    ("raw", sent)
                    for stage, sent in self._kinds(func.value, scope)
                    if stage == wanted
                }
            if func.attr == "loads" and call.args:
                return self._parsed(call.args[0], scope)
        elif isinstance(func, ast.Name) and func.id == "loads" and call.args:
            return self._parsed(call.args[0], scope)
        kinds: set[Kind] = set()
        for function, _skip in self._callees(call):
            kinds |= self.returns.get(id(function), set())
        return kinds

    def _parsed(self, text: ast.expr, scope: Scope) -> set[Kind]:
        """``json.loads(text)``: the answer, when ``text`` is the bytes of one."""
        return {("answer", sent) for stage, sent in self._kinds(text, scope) if stage == "raw"}

    def _name(self, read: ast.Name, scope: Scope) -> set[Kind]:
        """What ``read`` may hold where ``scope`` reads it: the bindings of its scope that
        reach it (:mod:`migrator.code.dominating`), else any of the name's in the scope that
        binds it."""
        name = read.id
        current: Scope | None = scope
        while current is not None:
            if name in self.bound[id(current)]:
                anywhere = self.names.get((id(current), name), set())
                # Most names hold no answer anywhere: then none reaches the read either.
                reaching = self._reaching(read, current) if anywhere and current is scope else None
                if reaching is not None:
                    return set().union(
                        *(self.values.get((id(value), how), set()) for _, how, value in reaching)
                    )
                return anywhere
            current = self.parent.get(id(current))
            while isinstance(current, ast.ClassDef):  # a class's names are not its methods'
                current = self.parent.get(id(current))
        return set()

    def _reaching(self, read: ast.Name, scope: Scope) -> list[tuple[str, str, ast.expr]] | None:
        if id(read) not in self.reaching:
            if isinstance(scope, (ast.ClassDef, ast.Lambda)):
                self.reaching[id(read)] = None
            else:
                if id(scope) not in self.dominating:
                    self.dominating[id(scope)] = Dominating(scope, _bindings)
                self.reaching[id(read)] = self.dominating[id(scope)].reaching(read)
        return self.reaching[id(read)]

    # --- the model a call names -------------------------------------------------------------

    def binding_values(self, name: str, scope: Scope) -> list[ast.expr] | None:
        """Every value ``name`` is bound to where ``scope`` reads it; None when one of them
        is not an assignment's (a parameter, a loop, an import)."""
        current: Scope | None = scope
        while current is not None:
            if name in self.bound[id(current)]:
                values = [
                    value
                    for bound, how, value in self.bindings[id(current)]
                    if bound == name and how == "value"
                ]
                hows = {how for bound, how, _ in self.bindings[id(current)] if bound == name}
                parameters = (
                    set()
                    if isinstance(current, (ast.Module, ast.ClassDef))
                    else parameter_names(current)
                )
                if hows - {"value"} or name in parameters or not values:
                    return None
                return values
            current = self.parent.get(id(current))
            while isinstance(current, ast.ClassDef):
                current = self.parent.get(id(current))
        return None


def _iterated(kinds: Iterable[Kind]) -> set[Kind]:
    """What a loop over a value of these stages gets: events of a streamed body, what a
    generator yields."""
    found: set[Kind] = set()
    for stage, call in kinds:
        if stage == "body":
            found.add(("event", call))
        elif stage.startswith(_GENERATED):
            found.add((stage[len(_GENERATED) :], call))
    return found


def _tested(nodes: Iterable[ast.AST]) -> set[tuple[int, str]]:
    """The nodes under ``if "completion" in name:`` (or such a conditional expression), each
    with that name: code that reads the legacy answer only when it gets one."""
    found: set[tuple[int, str]] = set()
    for node in nodes:
        if not isinstance(node, (ast.If, ast.IfExp)):
            continue
        test = node.test
        if (
            isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Constant)
            and test.left.value == ANSWER_KEY
            and len(test.ops) == 1
            and isinstance(test.ops[0], ast.In)
            and isinstance(test.comparators[0], ast.Name)
        ):
            name = test.comparators[0].id
            body = node.body if isinstance(node.body, list) else [node.body]
            found.update((id(inner), name) for part in body for inner in ast.walk(part))
    return found


def _streamed(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and SENDS.get(call.func.attr, False)


def _statements(tree: ast.Module) -> dict[int, ast.stmt]:
    """The innermost statement of each node of ``tree`` that is in one, by the node's id."""
    found: dict[int, ast.stmt] = {}
    pending: list[tuple[ast.AST, ast.stmt | None]] = [(tree, None)]
    while pending:
        node, statement = pending.pop()
        if isinstance(node, ast.stmt):
            statement = node
        if statement is not None:
            found[id(node)] = statement
        pending.extend((child, statement) for child in ast.iter_child_nodes(node))
    return found


# --- another vendor's call --------------------------------------------------------------------


def _other_vendor(call: ast.Call, scope: Scope, tracer: _Tracer) -> bool:
    """The module shows ``call`` sends another vendor's request: its model id, every way
    the module spells it, names another vendor's model, or its body is dumped from a
    dict literal that lacks ``max_tokens_to_sample``."""
    given = {keyword.arg: keyword.value for keyword in call.keywords if keyword.arg}
    model = given.get("modelId")
    if model is not None:
        ids = _model_ids(model, scope, tracer, _DEPTH)
        if ids and all(is_other_bedrock_vendor(model_id) for model_id in ids):
            return True
    body = given.get("body")
    return body is not None and _dumped_without_the_key(body, scope, tracer)


def _model_ids(node: ast.expr, scope: Scope, tracer: _Tracer, depth: int) -> list[str] | None:
    """Every string ``node`` may be, when the module spells each of them; else None."""
    if depth == 0:
        return None
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else None
    if isinstance(node, ast.IfExp):
        return _all_known([node.body, node.orelse], scope, tracer, depth)
    if isinstance(node, ast.Name):
        values = tracer.binding_values(node.id, scope)
        return None if values is None else _all_known(values, scope, tracer, depth)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        functions = tracer.functions.get(node.func.id, [])
        if len(functions) != 1:
            return None
        function = functions[0]
        returned = [
            inner.value for inner in tracer.nodes[id(function)] if isinstance(inner, ast.Return)
        ]
        if not returned or any(value is None for value in returned):
            return None
        return _all_known(returned, function, tracer, depth)  # type: ignore[arg-type]
    return None


def _all_known(
    values: list[ast.expr], scope: Scope, tracer: _Tracer, depth: int
) -> list[str] | None:
    found: list[str] = []
    for value in values:
        ids = _model_ids(value, scope, tracer, depth - 1)
        if ids is None:
            return None
        found.extend(ids)
    return found


def _dumped_without_the_key(body: ast.expr, scope: Scope, tracer: _Tracer) -> bool:
    """``json.dumps({...})`` (inline, or in a name every binding of which is one) of dict
    literals without ``max_tokens_to_sample`` and without ``**``: a string made from them,
    which nothing changes later."""
    values = [body]
    if isinstance(body, ast.Name):
        found = tracer.binding_values(body.id, scope)
        if found is None:
            return False
        values = found
    for value in values:
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
            if value.func.attr == "encode":
                value = value.func.value
        if not (
            isinstance(value, ast.Call)
            and (
                (isinstance(value.func, ast.Attribute) and value.func.attr == "dumps")
                or (isinstance(value.func, ast.Name) and value.func.id == "dumps")
            )
            and len(value.args) == 1
            and isinstance(value.args[0], ast.Dict)
        ):
            return False
        keys = value.args[0].keys
        if any(key is None for key in keys) or any(
            isinstance(key, ast.Constant) and key.value == "max_tokens_to_sample" for key in keys
        ):
            return False
    return True
