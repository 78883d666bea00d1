"""A pre-0.3 client handed to a function of the module: ``def ask(client, q)`` called
as ``ask(client, ...)`` where every caller passes an ``anthropic.Client(key)`` it built.
The calls on the parameter then share those constructions, as the calls on the
constructed client do, and migrate with them."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.held import argument_for
from migrator.analysis.names import SDK02_METHODS, ModuleAnalysis, Scope


def handed_constructors(
    analysis: ModuleAnalysis,
    receiver: cst.BaseExpression,
    scope: Scope,
    depth: int = 0,
    *,
    asynchronous: bool = True,
) -> tuple[cst.Call, ...] | None:
    """The ``anthropic.Client(...)`` calls every caller of the module-level function passes
    as the parameter ``receiver`` (or hands on from its own callers); None unless each is
    one, and the parameter and every name that holds the client serve only async pre-0.3
    calls (sync ones, not ``asynchronous``), here or in the functions of the module they
    are handed to: one client class serves them all."""
    methods = _ASYNC_METHODS if asynchronous else _SYNC_METHODS
    if not isinstance(receiver, cst.Name):
        return None
    found = analysis.lookup(receiver.value, scope)
    if found is None or len(found[1]) != 1:
        return None
    owner, (binding,) = found
    param, function = binding.node, owner.node
    if not (
        binding.kind == "param"
        and isinstance(param, cst.Param)
        and isinstance(function, cst.FunctionDef)
        and owner.parent is not None
        and owner.parent.kind == "module"
        and param in function.params.params
    ):
        return None
    if not _only(analysis, param, methods):
        return None  # the function uses its client for more than such pre-0.3 calls
    index = list(function.params.params).index(param)
    name = function.name.value
    built: list[cst.Call] = []
    for use in analysis.uses_of(name, owner.parent):
        call = analysis.parent(use)
        if not (isinstance(call, cst.Call) and call.func is use) or any(
            a.star == "*" for a in call.args
        ):
            return None  # used as a value, or given its positions from a splat
        value = argument_for(call, receiver.value, index)
        if value is None:
            return None
        where = analysis.scope_of.get(call, owner.parent)
        clients = analysis.sdk02_constructors(value, where)
        if clients is None and depth < 3:  # handed on again: ``main`` to ``ask`` to ``stream``
            clients = handed_constructors(
                analysis, value, where, depth + 1, asynchronous=asynchronous
            )
            if clients:
                built.extend(clients)
                continue
        if not clients or not _only_handed(analysis, value, where, methods):
            return None
        built.extend(clients)
    return tuple(built) or None


def _only_handed(
    analysis: ModuleAnalysis, value: cst.BaseExpression, scope: Scope, methods: tuple[str, ...]
) -> bool:
    """Is the client ``value`` names used only by pre-0.3 ``methods``, here or in the
    functions of the module it is handed to? Anything else might need the other client."""
    if not isinstance(value, cst.Name):
        return isinstance(value, cst.Call)  # built inline, for this call alone
    found = analysis.lookup(value.value, scope)
    if found is None:
        return False
    return all(
        isinstance(analysis.parent(use), cst.AssignTarget)
        or _receiver(analysis, use, methods)
        or _handed_on(analysis, use, 0, methods)
        for use in analysis.uses_of(value.value, found[0])
    )


def _receiver(analysis: ModuleAnalysis, use: cst.Name, methods: tuple[str, ...]) -> bool:
    parent = analysis.parent(use)
    return (
        isinstance(parent, cst.Attribute)
        and parent.value is use
        and parent.attr.value in methods
        and isinstance(analysis.parent(parent), cst.Call)
    )


def _only(
    analysis: ModuleAnalysis, param: cst.Param, methods: tuple[str, ...], depth: int = 0
) -> bool:
    """Is the parameter used only as the receiver of pre-0.3 ``methods``, or handed on
    to another such parameter?"""
    inner = analysis.scope_of.get(param.name)
    if inner is None:
        return False
    uses = [use for use in analysis.uses_of(param.name.value, inner) if use is not param.name]
    return bool(uses) and all(
        _receiver(analysis, use, methods)
        or (depth < 3 and _handed_on(analysis, use, depth, methods))
        for use in uses
    )


def _handed_on(
    analysis: ModuleAnalysis, use: cst.Name, depth: int, methods: tuple[str, ...]
) -> bool:
    """``stream_answer(client, q)``: the client handed to a parameter of a module-level
    function that is itself used only that way."""
    arg = analysis.parent(use)
    call = analysis.parent(arg) if isinstance(arg, cst.Arg) else None
    if not (
        isinstance(arg, cst.Arg)
        and arg.value is use
        and not arg.star
        and isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and analysis.module_scope is not None
    ):
        return False
    bindings = analysis.module_scope.bindings.get(call.func.value, [])
    function = bindings[0].node if len(bindings) == 1 else None
    if not isinstance(function, cst.FunctionDef):
        return False
    params = list(function.params.params)
    if arg.keyword is not None:
        param = next((p for p in params if p.name.value == arg.keyword.value), None)
    else:  # positions before any ``*args`` splat (``**kwargs`` lands in keywords alone)
        positional = [a for a in call.args if a.keyword is None]
        index = positional.index(arg)
        starred = any(a.star == "*" for a in positional[:index])
        param = params[index] if index < len(params) and not starred else None
    return param is not None and _only(analysis, param, methods, depth + 1)


_ASYNC_METHODS = tuple(method for method in SDK02_METHODS if method.startswith("a"))
_SYNC_METHODS = tuple(method for method in SDK02_METHODS if not method.startswith("a"))
