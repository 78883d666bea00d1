"""Which ``completions.create`` calls a module reads the answer of for ``.completion``:
the field only a Text Completions response or stream event has (OpenAI's answer is in
``.choices``), so the call is Anthropic's, whatever client it is made on."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.analysis.evidence_nodes import _dotted


def _creates(value: ast.expr | None) -> ast.Call | None:
    """``X.completions.create(...)``, maybe awaited, not given OpenAI's ``max_tokens=``."""
    if isinstance(value, ast.Await):
        value = value.value
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "create"
        and "completions" in _dotted(value.func)[-4:-1]
        and not any(k.arg == "max_tokens" for k in value.keywords)
    ):
        return None
    return value


def answers_read_as_completion(tree: ast.Module) -> set[int]:
    """The ``completions.create`` calls (by id) whose answer is read for ``.completion``,
    which only a Text Completions response or stream event has (OpenAI's answer is in
    ``.choices``): chained on the call, on a name bound to it in the same function, or
    on the events of a loop over either."""
    found: set[int] = set()
    # Functions that return a call's answer, by name; functions whose answer is read so.
    returning: dict[str, list[ast.Call]] = {}
    answers_read: set[str] = set()
    scopes: list[ast.AST] = [tree]
    while scopes:
        scope = scopes.pop()
        bound: dict[str, list[ast.Call]] = {}  # a name, the calls it is bound to
        loops: list[tuple[ast.expr, str]] = []  # what a loop iterates, its target
        read: set[str] = set()  # names read for ``.completion``
        returned: list[ast.expr] = []
        answers: dict[str, set[str]] = {}  # a name, the functions whose answer it holds
        for node in _own_nodes(scope, scopes):
            if isinstance(node, ast.Assign) and (call := _creates(node.value)) is not None:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        bound.setdefault(target.id, []).append(call)
            elif isinstance(node, ast.Assign) and (callee := _called_name(node.value)):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        answers.setdefault(target.id, set()).add(callee)
            elif isinstance(node, ast.Return) and node.value is not None:
                returned.append(node.value)
            elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
                if isinstance(node.target, ast.Name):
                    loops.append((node.iter, node.target.id))
            elif isinstance(node, ast.Attribute) and node.attr == "completion":
                if (call := _creates(node.value)) is not None:
                    found.add(id(call))
                elif isinstance(node.value, ast.Name):
                    read.add(node.value.id)
                elif callee := _called_name(node.value):
                    answers_read.add(callee)
        for name in read:
            found.update(id(call) for call in bound.get(name, ()))
            answers_read.update(answers.get(name, ()))
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
            for value in returned:
                calls = [call] if (call := _creates(value)) is not None else []
                if isinstance(value, ast.Name):
                    calls = bound.get(value.id, [])
                returning.setdefault(scope.name, []).extend(calls)
        for iterated, event in loops:
            if event not in read:
                continue
            if (call := _creates(iterated)) is not None:
                found.add(id(call))
            elif isinstance(iterated, ast.Name):
                found.update(id(call) for call in bound.get(iterated.id, ()))
    for name in answers_read:
        found.update(id(call) for call in returning.get(name, ()))
    return found


def _called_name(value: ast.expr) -> str | None:
    """``f(...)`` or ``obj.f(...)``, maybe awaited: ``f``."""
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _own_nodes(scope: ast.AST, nested: list[ast.AST]) -> Iterator[ast.AST]:
    """The nodes of ``scope`` but those of the functions in it, which go on ``nested``."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            nested.append(node)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))
