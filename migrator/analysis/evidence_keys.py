"""Where a module holds the key ``max_tokens_to_sample`` for someone else: a LangChain
model's ``model_kwargs`` (built where the model is, or apart from it), a dict splatted
into calls, a dict a function returns, an option of the project's own settings, a list of
key names. The evidence scan names each in its finding.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator

from migrator.analysis.evidence_nodes import breadth_first, last_name


def langchain_parameters(node: ast.AST, held: set[int]) -> None:
    """Into ``held``: the nodes of a ``model_kwargs`` that ``node`` gives a LangChain model.

    ``llm.model_kwargs = {...}``, ``model_kwargs = {...}`` and
    ``model_kwargs["max_tokens_to_sample"] = ...``: the name is LangChain's, and its
    Bedrock LLM forwards the dict into the request body. ``Bedrock(model_kwargs={...})``
    is ``HeldKwargs``'s: it knows the model the call names.
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


class HeldKwargs:
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


def splatted_kwargs(tree: ast.Module, given: set[str]) -> dict[int, list[ast.expr]]:
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


def returned_keys(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[int, str]:
    """``"max_tokens_to_sample"`` keys of the dicts ``function`` returns as its result
    (``return {...}``, ``return {**{...}, **extra}``, ``return json.dumps({...})``)."""
    keys = {}
    for node in breadth_first(function):  # ast.walk's order: an inner function's name wins
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


def option_validators(node: ast.ClassDef) -> dict[int, str]:
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


def listed_key(node: ast.List | ast.Tuple | ast.Set) -> list[int]:
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
