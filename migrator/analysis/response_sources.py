"""Which legacy calls a value holds, when it can hold nothing else.

A call's response, returned by a function of the module, passed to a
parameter by every caller, drawn by a loop or gathered by ``asyncio.gather``.
A response reached from several calls links them: they migrate together or
not at all. Anything the tool cannot see the whole of answers None.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis, Scope

MAX_DEPTH = 4
# The legacy response class; one built by hand is the completion_type rule's to rebuild.
COMPLETION_CLASSES = {"anthropic.types.Completion", "anthropic.types.completion.Completion"}


def gathered_by(node: cst.CSTNode, analysis: ModuleAnalysis) -> cst.Call | None:
    """The ``asyncio.gather(...)`` call that ``node`` is a positional argument of."""
    arg = analysis.parent(node)
    if not (isinstance(arg, cst.Arg) and arg.value is node and arg.keyword is None):
        return None
    call = analysis.parent(arg)
    if isinstance(call, cst.Call) and is_gather(call, analysis):
        return call
    return None


def waited_for(node: cst.CSTNode, analysis: ModuleAnalysis) -> cst.Call | None:
    """The awaited ``asyncio.wait_for(<node>, timeout)`` call, whose value is ``node``'s."""
    arg = analysis.parent(node)
    if not (isinstance(arg, cst.Arg) and arg.value is node and not arg.star):
        return None
    call = analysis.parent(arg)
    if not (isinstance(call, cst.Call) and _is_asyncio(call, "wait_for", analysis)):
        return None
    first = arg is call.args[0] and arg.keyword is None
    if not (first or (arg.keyword is not None and arg.keyword.value == "fut")):
        return None
    return call if isinstance(analysis.parent(call), cst.Await) else None


def is_gather(call: cst.Call, analysis: ModuleAnalysis) -> bool:
    return _is_asyncio(call, "gather", analysis)


def _is_asyncio(call: cst.Call, name: str, analysis: ModuleAnalysis) -> bool:
    """Is ``call`` a call of ``asyncio.<name>``, however it is imported?"""
    scope = analysis.scope_of.get(call)
    if scope is None:
        return False
    func = call.func
    if isinstance(func, cst.Attribute):
        return analysis.qualified_name(func, scope) == f"asyncio.{name}"
    if isinstance(func, cst.Name) and func.value == name:
        found = analysis.lookup(name, scope)
        return found is not None and all(
            isinstance(binding.node, cst.ImportFrom)
            and binding.node.module is not None
            and not binding.node.relative
            and analysis.module.code_for_node(binding.node.module) == "asyncio"
            and _imports_as_itself(binding.node, name)
            for binding in found[1]
        )
    return False


def _imports_as_itself(node: cst.ImportFrom, name: str) -> bool:
    """``from asyncio import name`` (not ``from asyncio import other as name``)."""
    if isinstance(node.names, cst.ImportStar):
        return False
    return any(
        isinstance(alias.name, cst.Name)
        and alias.name.value == name
        and (alias.asname is None or _as_name(alias.asname) == name)
        for alias in node.names
    )


def _as_name(asname: cst.AsName) -> str | None:
    return asname.name.value if isinstance(asname.name, cst.Name) else None


def _legacy_calls(analysis: ModuleAnalysis) -> dict[cst.Call, None]:
    return {site.call: None for site in analysis.calls}


def response_source(node: cst.BaseExpression, analysis: ModuleAnalysis) -> list[cst.Call] | None:
    """The legacy calls whose responses ``node`` holds, or None when it holds anything else.

    ``node`` is a legacy call (awaited or not) or a comprehension of one.
    """
    if isinstance(node, (cst.ListComp, cst.GeneratorExp)):
        node = node.elt
    if isinstance(node, cst.Await):
        node = node.expression
    if node in _legacy_calls(analysis):
        return [node]  # type: ignore[list-item]
    if isinstance(node, cst.Call):
        return _returned_responses(node, analysis)
    return None


def _returned_responses(
    call: cst.Call, analysis: ModuleAnalysis, depth: int = 0
) -> list[cst.Call] | None:
    """The legacy calls whose responses ``call`` (of a function of this module, every
    call of which is known) returns; None when it may return anything else."""
    called = _called_function(call, analysis)
    if called is None or depth >= MAX_DEPTH:
        return None
    returns = returned_values(called[0], analysis)
    linked: list[cst.Call] = []
    for value in returns:
        if value is None:
            continue
        inner = responses_in(value, analysis, depth + 1)
        if inner is None:
            return None
        linked.extend(inner)
    return linked or None


def built_by_hand(value: cst.BaseExpression, analysis: ModuleAnalysis) -> bool:
    """``Completion(...)`` (or ``Completion.model_construct(...)``), a fallback response."""
    if not isinstance(value, cst.Call):
        return False
    func = value.func
    if isinstance(func, cst.Attribute) and func.attr.value in ("model_construct", "construct"):
        func = func.value
    scope = analysis.scope_of.get(value)
    return scope is not None and analysis.qualified_name(func, scope) in COMPLETION_CLASSES


def returned_values(
    function: cst.FunctionDef, analysis: ModuleAnalysis
) -> list[cst.BaseExpression | None]:
    """What each ``return`` of ``function`` (not of functions nested in it) returns;
    None for a bare ``return`` or ``return None``."""
    values: list[cst.BaseExpression | None] = []
    for node in analysis.scope_of:
        if isinstance(node, cst.Return) and enclosing_function(node, analysis) is function:
            value = node.value
            if isinstance(value, cst.Name) and value.value == "None":
                value = None
            values.append(value)
    return values


def _callee(
    arg: cst.Arg, analysis: ModuleAnalysis
) -> tuple[cst.FunctionDef, list[cst.Call]] | None:
    """The function of this module that ``arg`` is passed to, and every call of it.

    A function bound once (module level or nested), or a method called on
    ``self`` from its own class; None when the function, or any of its
    callers, cannot be known.
    """
    call = analysis.parent(arg)
    if not isinstance(call, cst.Call) or arg not in call.args:
        return None
    return _called_function(call, analysis)


def _called_function(
    call: cst.Call, analysis: ModuleAnalysis
) -> tuple[cst.FunctionDef, list[cst.Call]] | None:
    """The function of this module that ``call`` calls, and every call of it; see
    :func:`_callee`."""
    scope = analysis.scope_of.get(call)
    if scope is None:
        return None
    func = call.func
    function: cst.CSTNode | None = None
    if isinstance(func, cst.Name):
        found = analysis.lookup(func.value, scope)
        if found is not None and len(found[1]) == 1 and found[0].kind != "class":
            function = found[1][0].node
    elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        method = _method_scope(scope)
        if method.self_name == func.value.value and method.class_scope is not None:
            bindings = method.class_scope.bindings.get(func.attr.value, [])
            function = bindings[0].node if len(bindings) == 1 else None
    if not isinstance(function, cst.FunctionDef):
        return None
    calls = callers_of(function, analysis)
    return (function, calls) if calls is not None and call in calls else None


def is_static(function: cst.FunctionDef) -> bool:
    """``@staticmethod``: called on an instance, it is not given the instance."""
    return any(
        isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod"
        for d in function.decorators
    )


def _method_scope(scope: Scope) -> Scope:
    while scope.kind not in ("function", "module") and scope.parent is not None:
        scope = scope.parent
    return scope


def callers_of(function: cst.FunctionDef, analysis: ModuleAnalysis) -> list[cst.Call] | None:
    """Every call of ``function`` in this module; None when it may be called elsewhere."""
    scope = analysis.scope_of[function]
    name = function.name.value
    found = analysis.lookup(name, scope)
    if found is None or len(found[1]) != 1 or found[1][0].node is not function:
        return None
    if any(_wrapping(decorator.decorator) for decorator in function.decorators):
        return None  # the wrapper calls it, and may read what it returns
    calls = []
    if scope.kind != "class":
        for use in analysis.uses_of(name, found[0]):
            user = analysis.parent(use)
            if not (isinstance(user, cst.Call) and user.func is use):
                return None  # used as a value: called from places the tool cannot see
            calls.append(user)
        return calls
    for node, where in analysis.nodes_of(cst.Attribute):
        if not (isinstance(node, cst.Attribute) and node.attr.value == name):
            continue
        method = _method_scope(where)
        user = analysis.parent(node)
        on_self = (
            method.class_scope is scope
            and isinstance(node.value, cst.Name)
            and method.self_name == node.value.value
        )
        if not (on_self or _instance_of(analysis, node.value, where, scope.node)) or not (
            isinstance(user, cst.Call) and user.func is node
        ):
            return None  # read elsewhere: callers the tool cannot see
        calls.append(user)
    return calls


def _instance_of(
    analysis: ModuleAnalysis, value: cst.BaseExpression, scope: Scope, klass: cst.CSTNode
) -> bool:
    """``convo`` in ``convo.ask(...)``, a name only ever bound to ``Conversation(...)``, the
    class itself (not a subclass, which the module would show as a class of its own)."""
    if not isinstance(value, cst.Name) or not isinstance(klass, cst.ClassDef):
        return False
    found = analysis.lookup(value.value, scope)
    if found is None or not found[1]:
        return False
    return all(
        binding.kind == "assign"
        and isinstance(binding.node, cst.Call)
        and isinstance(binding.node.func, cst.Name)
        and binding.node.func.value == klass.name.value
        for binding in found[1]
    )


# Decorators that hand a function's result to its callers as it is (or retry it on an
# exception): the callers the module shows are still all its callers.
_PASSING = frozenset(
    {"staticmethod", "classmethod", "abstractmethod", "override", "lru_cache", "cache", "retry"}
)


def _wrapping(decorator: cst.BaseExpression) -> bool:
    """Is this a decorator whose wrapper may read the function's result?"""
    named = decorator.func if isinstance(decorator, cst.Call) else decorator
    last = named.attr.value if isinstance(named, cst.Attribute) else getattr(named, "value", "")
    return last not in _PASSING


def _parameter(
    function: cst.FunctionDef, call: cst.Call, arg: cst.Arg, method: bool
) -> cst.Param | None:
    """The parameter that ``arg`` of ``call`` binds."""
    params = function.params
    if params.star_kwarg is not None or isinstance(params.star_arg, cst.Param):
        return None
    positional = [*params.posonly_params, *params.params][1 if method else 0 :]
    if any(a.star for a in call.args):
        return None
    if arg.keyword is not None:
        for param in [*params.params, *params.kwonly_params]:
            if param.name.value == arg.keyword.value:
                return param
        return None
    index = [a for a in call.args if a.keyword is None].index(arg)
    return positional[index] if index < len(positional) else None


def _argument(
    function: cst.FunctionDef, call: cst.Call, param: cst.Param, method: bool
) -> cst.Arg | None:
    for arg in call.args:
        if _parameter(function, call, arg, method) is param:
            return arg
    return None


def responses_in(
    value: cst.BaseExpression, analysis: ModuleAnalysis, depth: int = 0
) -> list[cst.Call] | None:
    """The legacy calls whose response ``value`` is, when it can be nothing else."""
    if isinstance(value, cst.Await):
        value = value.expression
    if value in _legacy_calls(analysis):
        return [value]  # type: ignore[list-item]
    if not isinstance(value, cst.Name):
        return None
    found = analysis.lookup(value.value, analysis.scope_of[value])
    if found is None:
        return None
    bindings = found[1]
    if len(bindings) == 1 and bindings[0].kind == "param" and depth < MAX_DEPTH:
        # A parameter: a response when every caller passes one.
        param = bindings[0].node
        function = next(
            (a for a in analysis.ancestors(param) if isinstance(a, (cst.FunctionDef, cst.Lambda))),
            None,
        )
        if not isinstance(function, cst.FunctionDef) or not isinstance(param, cst.Param):
            return None
        calls = callers_of(function, analysis)
        if not calls:
            return None
        method = analysis.scope_of[function].kind == "class" and not is_static(function)
        linked: list[cst.Call] = []
        for call in calls:
            passed = _argument(function, call, param, method)
            inner = responses_in(passed.value, analysis, depth + 1) if passed else None
            if inner is None:
                return None
            linked.extend(inner)
        return linked
    return rebound_responses(value.value, bindings, analysis)


def enclosing_function(node: cst.CSTNode, analysis: ModuleAnalysis) -> cst.FunctionDef | None:
    scope = next(
        (a for a in analysis.ancestors(node) if isinstance(a, (cst.FunctionDef, cst.Lambda))),
        None,
    )
    return scope if isinstance(scope, cst.FunctionDef) else None


def rebound_responses(name: str, bindings: list, analysis: ModuleAnalysis) -> list[cst.Call] | None:  # type: ignore[type-arg]
    """The legacy calls a variable is assigned from, when each of its assignments is one
    (or ``None``, for "no response yet"); None when any assignment is something else."""
    calls = _legacy_calls(analysis)
    linked: list[cst.Call] = []
    for binding in bindings:
        value = binding.node
        if isinstance(binding.statement, (cst.For, cst.CompFor)):
            drawn = _drawn_from_responses(binding.statement, name, analysis)
            if drawn is None:
                return None
            linked.extend(drawn)
            continue
        if binding.kind != "assign" or not isinstance(binding.statement, cst.Assign):
            return None
        if isinstance(value, cst.Name) and value.value == "None":
            continue
        if isinstance(value, cst.Await):
            value = value.expression
        if value not in calls:
            return None
        linked.append(value)
    return linked


def _drawn_from_responses(
    loop: cst.For | cst.CompFor, name: str, analysis: ModuleAnalysis
) -> list[cst.Call] | None:
    """The legacy calls whose responses a loop gives ``name``, one by one; None when the
    loop gives it anything else."""
    source: cst.BaseExpression = loop.iter
    target = loop.target
    if isinstance(target, (cst.Tuple, cst.List)) and isinstance(source, cst.Call):
        func = source.func
        if not (isinstance(func, cst.Name) and func.value in ("zip", "enumerate")):
            return None
        offset = 1 if func.value == "enumerate" else 0
        names = [e.value.value if isinstance(e.value, cst.Name) else None for e in target.elements]
        if name not in names or names.index(name) < offset:
            return None
        position = names.index(name) - offset
        if position >= len(source.args) or source.args[position].star:
            return None
        source = source.args[position].value
    elif not (isinstance(target, cst.Name) and target.value == name):
        return None
    if isinstance(source, cst.Name):
        found = analysis.assigned_once(source.value, analysis.scope_of[source])
        if found is None:
            return None
        source = found[1]
    if isinstance(source, cst.Await) and isinstance(source.expression, cst.Call):
        gather = source.expression
        if not is_gather(gather, analysis):
            return None
        calls: list[cst.Call] = []
        for arg in gather.args:
            if arg.keyword is not None:
                return None
            found_calls = response_source(arg.value, analysis)
            if found_calls is None:
                return None
            calls.extend(found_calls)
        return calls
    if isinstance(source, (cst.ListComp, cst.GeneratorExp)):
        return response_source(source, analysis)
    return None
