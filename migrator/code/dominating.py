"""The bindings a read of a name may see, decided from the statements above it (``ast``).

Code that reuses a name in one function (``response = client.invoke_model(...)`` once
per branch, ``answer = json.loads(answer)``) gives each read the value of the nearest
plain assignment above it, in its own block or in a block that holds it: that
assignment runs before the read on every path, so no binding above it reaches the
read, only it and those between the two. Where there is no such assignment (a
parameter, a name bound only in branches), or where a loop may carry a later value
round to the read, or the read's own statement binds the name, every binding of the
name in the scope may reach it: the answer is None.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator

Binding = tuple[str, str, ast.expr]  # the name, how it is bound, from what
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_CONTEXT = ast.expr_context


def own_nodes(starts: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """``starts`` and the nodes under them, but the bodies of the functions, classes and
    lambdas among them (their own scopes; their decorators and defaults are walked) and
    the expression contexts."""
    pending = list(starts)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, _SCOPES):
            pending.extend(getattr(node, "decorator_list", []))
            if not isinstance(node, ast.ClassDef):
                pending.extend(node.args.defaults)
                pending.extend(d for d in node.args.kw_defaults if d is not None)
            continue
        # ``Load`` and ``Store``, a third of the nodes, bind and read nothing
        pending.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, _CONTEXT))


class Dominating:
    """Where each statement of one scope (a module or a function) sits, for the reads in
    it. ``bindings`` lists the bindings of names in a group of nodes."""

    def __init__(
        self,
        scope: ast.Module | ast.FunctionDef | ast.AsyncFunctionDef,
        bindings: Callable[[Iterable[ast.AST]], Iterable[Binding]],
    ) -> None:
        self.bindings = bindings
        # Each statement: the block that holds it, its index there, and the statement that
        # holds the block (None for the scope's own body).
        self.position: dict[int, tuple[list[ast.stmt], int, ast.stmt | None]] = {}
        self.statement: dict[int, ast.stmt] = {}  # the innermost statement of each node
        self._place(scope.body, None)
        self._bound: dict[int, list[Binding]] = {}

    def _place(self, block: list[ast.stmt], holder: ast.stmt | None) -> None:
        for index, statement in enumerate(block):
            self.position[id(statement)] = (block, index, holder)
            self.statement[id(statement)] = statement
            self.statement.update((id(node), statement) for node in own_nodes(_header(statement)))
            for part in _blocks(statement):
                self._place(part, statement)

    def reaching(self, read: ast.Name) -> list[Binding] | None:
        """The bindings of ``read.id`` that may reach ``read``; None: any of them may."""
        name = read.id
        statement = self.statement.get(id(read))
        if statement is None or not self._reads_before_binding(statement, name):
            return None
        found: list[Binding] = []
        while True:
            block, index, holder = self.position[id(statement)]
            for earlier in reversed(block[:index]):
                found.extend(self._binds(earlier, name))
                if _assigns(earlier, name):
                    return found
            if holder is None or isinstance(holder, _LOOPS):
                return None
            # The holder's own header (``with ... as name``, ``except ... as name``), and,
            # to be safe, its other blocks too.
            passed = {id(value) for _name, _how, value in self._binds_in(block, name)}
            found.extend(b for b in self._binds(holder, name) if id(b[2]) not in passed)
            statement = holder

    def _reads_before_binding(self, statement: ast.stmt, name: str) -> bool:
        """Whether the statement of a read binds the name, if at all, only after reading it:
        as the target of an assignment (``answer = json.loads(answer)``), not in a
        comprehension or an ``:=`` that may run first."""
        bound = self._binds(statement, name)
        value = getattr(statement, "value", None)
        return not bound or (
            isinstance(statement, (ast.Assign, ast.AnnAssign))
            and all(how == "value" and given is value for _name, how, given in bound)
        )

    def _binds(self, statement: ast.stmt, name: str) -> list[Binding]:
        if id(statement) not in self._bound:
            self._bound[id(statement)] = list(self.bindings(own_nodes([statement])))
        return [binding for binding in self._bound[id(statement)] if binding[0] == name]

    def _binds_in(self, block: list[ast.stmt], name: str) -> list[Binding]:
        return [binding for statement in block for binding in self._binds(statement, name)]


def _blocks(statement: ast.stmt) -> list[list[ast.stmt]]:
    """The blocks of statements a compound statement holds (but a nested scope's body)."""
    if isinstance(statement, _SCOPES):
        return []
    blocks = [
        value
        for field in ("body", "orelse", "finalbody")
        if isinstance(value := getattr(statement, field, None), list) and value
    ]
    blocks += [handler.body for handler in getattr(statement, "handlers", [])]
    blocks += [case.body for case in getattr(statement, "cases", [])]
    return blocks


_BLOCK_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})


def _header(statement: ast.stmt) -> list[ast.AST]:
    """What a statement holds outside its blocks: a compound statement's header (a test,
    a loop's target and iterable, ``with`` items, an ``except`` clause's type), a simple
    statement whole, a nested function or class (its body is its own scope's)."""
    if isinstance(statement, _SCOPES):
        return [statement]
    starts: list[ast.AST] = []
    for field, value in ast.iter_fields(statement):
        if field not in _BLOCK_FIELDS:
            starts.extend(v for v in (value if isinstance(value, list) else [value]))
    for handler in getattr(statement, "handlers", []):
        starts.append(handler.type)
    for case in getattr(statement, "cases", []):
        starts.extend((case.pattern, case.guard))
    return [start for start in starts if isinstance(start, ast.AST)]


def _assigns(statement: ast.stmt, name: str) -> bool:
    """A plain assignment of ``name``: it runs whenever the statements after it run."""
    if isinstance(statement, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
    return (
        isinstance(statement, ast.AnnAssign)
        and statement.value is not None
        and isinstance(statement.target, ast.Name)
        and statement.target.id == name
    )
