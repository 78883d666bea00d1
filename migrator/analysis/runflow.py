"""What reaches a converter migrator wrote, followed back through the module's assignments.

A request splatted into a migrated call goes through ``_legacy_request_to_messages``,
which converts its legacy keys when the code runs. The dict it is given is often
built in steps: ``DEFAULTS`` copied into ``self.kwargs``, updated with a
constructor's ``**overrides``, copied into ``request``. Evidence of the legacy API
in any of those steps (``"max_tokens_to_sample"`` as a key, or passed to the
constructor) reaches the converter, and is not work left for a person.

:class:`RunTimeFlow` follows values backwards from the converters' arguments:
through assignments, augmented assignments, item assignments and methods
called for their effect (``.update(...)``), within each function (a name a
function does not bind is the module's), through ``self.<name>`` within a
class, from a class's ``__init__(**kwargs)`` to the keywords its
constructor is called with, from a call of a function of the module (or of a
method through ``self``, or on an instance the module binds) to what its ``return``
statements give, and from a
parameter of such a function to the arguments its calls in the module pass for it
(its ``**kwargs`` to the keywords it has no parameter for and the dicts splatted
into it; an instance's call to its class's ``__call__``), from a ``for`` loop's
variable to what it iterates, from a parameter to its default, and from a class body's
assignments to what ``self.<name>`` reads. It only ever says that something reaches a converter; what it cannot follow is
reported as before.
"""

from __future__ import annotations

import ast

from migrator.analysis.evidence_nodes import HELPER_PREFIX


class RunTimeFlow:
    def __init__(self, tree: ast.Module) -> None:
        self._edges: list[tuple[str, list[str]]] = []
        self._converted: set[str] = set()
        self._statement_scope: dict[int, tuple[str, str | None, frozenset[str], bool]] = {}
        self._classes: dict[str, str] = {}  # class name: the scope of its ``__init__``
        # A function's scope: how a read of the function itself is keyed (``:build``,
        # ``C:self._params``), for what its ``return`` gives.
        self._returns: dict[str, str] = {}
        # Each function's parameters in order (a method's without its ``self``), and the
        # calls of the module's functions and ``self`` methods: what each passes where.
        self._parameters: dict[str, list[str]] = {}
        self._calls: list[tuple[str, list[list[str]], dict[str, list[str]]]] = []
        # The parameters each statement's calls give arguments to (``f:param``).
        self._passes: dict[int, set[str]] = {}
        # Names bound to an instance of a class (``plain = Completion(...)``): calling one
        # calls its class's ``__call__``.
        self._instances: dict[str, str] = {}
        self._walk(tree.body, "", None, frozenset())
        self._pass_arguments()
        changed = True
        while changed:
            changed = False
            for target, sources in self._edges:
                if target in self._converted:
                    new = [source for source in sources if source not in self._converted]
                    if new:
                        self._converted.update(new)
                        changed = True

    # --- what a report asks ---------------------------------------------------------------
    def reaches(self, statement: ast.stmt) -> bool:
        """Does what ``statement`` binds or changes reach a converter?"""
        where = self._statement_scope.get(id(statement))
        if where is None:
            return False
        scope, cls, local, class_body = where
        if isinstance(statement, ast.Return) and self._returns.get(scope) in self._converted:
            return True  # ``return {...}`` of a function whose result reaches a converter
        if any(
            _target_key(target, scope, cls, local, class_body) in self._converted
            for target in changed(statement)
        ):
            return True
        # ``ask(q, {"max_tokens_to_sample": 300})``: the parameter it lands in reaches one.
        if any(key in self._converted for key in self._passes.get(id(statement), ())):
            return True
        # ``req["max_tokens_to_sample"]`` read back from a request the converter was given
        # (it returns a new dict, and this one keeps what the program put in it).
        if any(
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and _key(node.value, scope, cls, local) in self._converted
            for node in ast.walk(statement)
        ):
            return True
        # ``Generator(max_tokens_to_sample=64)``: its ``__init__(**overrides)`` reaches one.
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                init = self._classes.get(node.func.id)
                kwargs = [k for k in node.keywords if k.arg is not None]
                if init is not None and kwargs and f"{init}:**" in self._converted:
                    return True
        return False

    # --- the walk ----------------------------------------------------------------------------
    def _walk(
        self,
        body: list[ast.stmt],
        scope: str,
        cls: str | None,
        local: frozenset[str],
        class_body: bool = False,
    ) -> None:
        for statement in body:
            self._statement_scope[id(statement)] = (scope, cls, local, class_body)
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if scope:
                    inner = f"{scope}.{statement.name}"
                else:
                    inner = f"{cls}.{statement.name}" if cls is not None else statement.name
                names = _bound_in(statement)
                positional = [a.arg for a in [*statement.args.posonlyargs, *statement.args.args]]
                if cls is not None and not _is_static(statement):
                    positional = positional[1:]  # ``self`` (or ``cls``)
                self._parameters[inner] = positional + [a.arg for a in statement.args.kwonlyargs]
                if statement.args.kwarg is not None:
                    self._edges.append((f"{inner}:{statement.args.kwarg.arg}", [f"{inner}:**"]))
                # ``def ask(q, params=DEFAULTS)``: a parameter holds its default, which is
                # read where the function is defined.
                arguments = statement.args
                given = [*arguments.posonlyargs, *arguments.args]
                defaults = [
                    *zip(
                        given[len(given) - len(arguments.defaults) :],
                        arguments.defaults,
                        strict=True,
                    ),
                    *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
                ]
                for parameter, default in defaults:
                    if default is not None:
                        self._edges.append(
                            (f"{inner}:{parameter.arg}", _reads(default, scope, cls, local))
                        )
                if cls is not None and statement.name == "__init__":
                    self._classes[cls] = inner
                if not scope:
                    self._returns[inner] = (
                        f"{cls}:self.{statement.name}" if cls is not None else f":{statement.name}"
                    )
                self._walk(statement.body, inner, cls, frozenset(names))
                continue
            if isinstance(statement, ast.ClassDef):
                self._walk(statement.body, scope, statement.name, local, class_body=True)
                continue
            self._statement(statement, scope, cls, local, class_body)
            for field in ("body", "orelse", "finalbody"):
                inner_body = getattr(statement, field, None)
                if (
                    isinstance(inner_body, list)
                    and inner_body
                    and isinstance(inner_body[0], ast.stmt)
                ):
                    self._walk(inner_body, scope, cls, local)
            for handler in getattr(statement, "handlers", []) or []:
                self._walk(handler.body, scope, cls, local)

    def _statement(
        self,
        statement: ast.stmt,
        scope: str,
        cls: str | None,
        local: frozenset[str],
        class_body: bool = False,
    ) -> None:
        # Converters' arguments: what they are given is converted when the code runs.
        for node in _expressions(statement):
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id.startswith(HELPER_PREFIX)
                ):
                    for value in [*call.args, *(k.value for k in call.keywords)]:
                        self._converted.update(_reads(value, scope, cls, local, self._instances))
        for node in _expressions(statement):
            for call in ast.walk(node):
                if isinstance(call, ast.Call):
                    self._call(call, statement, scope, cls, local)
        sources = [
            key
            for node in _expressions(statement)
            for key in _reads(node, scope, cls, local, self._instances)
        ]
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.value, ast.Call)
            and isinstance(statement.value.func, ast.Name)
        ):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    self._instances[target.id] = statement.value.func.id
        for target in changed(statement):
            key = _target_key(target, scope, cls, local, class_body)
            if key is not None:
                self._edges.append((key, sources))
        if isinstance(statement, ast.Return) and scope in self._returns:
            self._edges.append((self._returns[scope], sources))

    def _call(
        self,
        call: ast.Call,
        statement: ast.stmt,
        scope: str,
        cls: str | None,
        local: frozenset[str],
    ) -> None:
        """Note what a call of the module's function (``ask(q, settings)``) or of a method
        through ``self`` or an instance the module binds passes, to link it to the
        parameters once every function is known."""
        func = call.func
        if isinstance(func, ast.Name) and func.id in self._instances and func.id not in local:
            callee = f"{self._instances[func.id]}.__call__"
        elif isinstance(func, ast.Name) and func.id not in local:
            callee = func.id
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
            and cls is not None
        ):
            callee = f"{cls}.{func.attr}"
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in self._instances
            and func.value.id not in local
        ):
            callee = f"{self._instances[func.value.id]}.{func.attr}"  # ``llm.complete(...)``
        else:
            return
        if any(isinstance(arg, ast.Starred) for arg in call.args):
            return  # which argument lands where is known only at run time
        positional = [_reads(arg, scope, cls, local) for arg in call.args]
        named = {k.arg: _reads(k.value, scope, cls, local) for k in call.keywords if k.arg}
        # ``f(**kwargs)``: whatever the dict holds lands in ``f``'s own ``**kwargs``.
        splats = [
            key
            for k in call.keywords
            if k.arg is None
            for key in _reads(k.value, scope, cls, local)
        ]
        if splats:
            named["**"] = splats
        self._calls.append((callee, positional, named))
        self._passes.setdefault(id(statement), set()).update(
            [f"{callee}:#{index}" for index in range(len(call.args))]
            + [f"{callee}:{name}" for name in named]
        )

    def _pass_arguments(self) -> None:
        """Each argument reaches the parameter it is given to: ``ask:settings`` reads
        ``chat_settings`` where ``ask(q, chat_settings)`` is called."""
        for callee, positional, named in self._calls:
            parameters = self._parameters.get(callee)
            if parameters is None:
                continue
            for index, (parameter, sources) in enumerate(zip(parameters, positional, strict=False)):
                self._edges.append((f"{callee}:{parameter}", sources))
                self._edges.append((f"{callee}:{parameter}", [f"{callee}:#{index}"]))
            for parameter, sources in named.items():
                if parameter in parameters:
                    self._edges.append((f"{callee}:{parameter}", sources))
                else:  # ``f(max_tokens_to_sample=5)`` or ``f(**kw)``: into its ``**kwargs``
                    self._edges.append((f"{callee}:**", sources))
                    self._edges.append((f"{callee}:**", [f"{callee}:{parameter}"]))


def _is_static(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(decorator, ast.Name) and decorator.id == "staticmethod"
        for decorator in function.decorator_list
    )


def _expressions(statement: ast.stmt) -> list[ast.expr]:
    """The expressions a simple statement evaluates (a compound one's header only)."""
    if isinstance(statement, ast.Assign):
        return [statement.value]
    if isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        return [statement.value] if statement.value is not None else []
    if isinstance(statement, (ast.Expr, ast.Return)):
        return [statement.value] if statement.value is not None else []
    if isinstance(statement, (ast.If, ast.While)):
        return [statement.test]
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        return [statement.iter]
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return [item.context_expr for item in statement.items]
    return []


def changed(statement: ast.stmt) -> list[ast.expr]:
    """What a statement binds or changes in place: ``x = ...``, ``x[k] = ...``, ``x.update(...)``.

    A method called for its effect (``x.update(...)``, ``x.append(...)``) changes its receiver.
    """
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        targets = [statement.target]
    elif isinstance(statement, (ast.For, ast.AsyncFor)):
        targets = [statement.target]  # each item of what it iterates
    elif (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Attribute)
    ):
        targets = [statement.value.func.value]
    else:
        return []
    found = []
    for target in targets:
        while isinstance(target, ast.Subscript):
            target = target.value
        found.append(target)
    return found


def _key(node: ast.expr, scope: str, cls: str | None, local: frozenset[str]) -> str | None:
    """``f:name`` for a function's own name, ``:name`` for the module's, ``C:self.attr``."""
    if isinstance(node, ast.Name):
        return f"{scope}:{node.id}" if node.id in local else f":{node.id}"
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
        and cls is not None
    ):
        return f"{cls}:self.{node.attr}"
    return None


def _target_key(
    node: ast.expr, scope: str, cls: str | None, local: frozenset[str], class_body: bool
) -> str | None:
    """The key of what a statement binds; in a class body, a class attribute, which is
    what ``self.NAME`` reads."""
    if class_body and isinstance(node, ast.Name):
        return f"{cls}:self.{node.id}"
    return _key(node, scope, cls, local)


def _reads(
    node: ast.expr,
    scope: str,
    cls: str | None,
    local: frozenset[str],
    instances: dict[str, str] | None = None,
) -> list[str]:
    """The keys ``node`` reads; with ``instances`` (a module name: its class), also what a
    method called on one returns (``SETTINGS.sampling()``)."""
    keys = []
    for part in ast.walk(node):
        if (
            instances
            and isinstance(part, ast.Call)
            and isinstance(part.func, ast.Attribute)
            and isinstance(part.func.value, ast.Name)
            and part.func.value.id in instances
            and part.func.value.id not in local
        ):
            keys.append(f"{instances[part.func.value.id]}:self.{part.func.attr}")
        if isinstance(part, ast.Name) and isinstance(part.ctx, ast.Load):
            key = _key(part, scope, cls, local)
        elif isinstance(part, ast.Attribute):
            key = _key(part, scope, cls, local)
        else:
            continue
        if key is not None:
            keys.append(key)
    return keys


def _bound_in(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names a function binds: its parameters and what it assigns (not nested scopes)."""
    args = function.args
    names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        stack.extend(ast.iter_child_nodes(node))
    return names
