"""Which calls of a module are legacy calls, found from the record of its names.

``X.completions.create(...)`` on an Anthropic client, or a pre-0.3
``anthropic.Client`` method. A call on a receiver the tool cannot trace counts
when it is given ``max_tokens_to_sample`` (a key no other vendor uses), as a
keyword or in a dict splatted into it.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.evidence_nodes import LOOKALIKE_ROOTS
from migrator.analysis.flow import reads_of_value
from migrator.analysis.handed import handed_constructors
from migrator.analysis.names import SDK02_METHODS, ClientKind, LegacyCall, ModuleAnalysis, Scope
from migrator.analysis.response_sources import callers_of, enclosing_function
from migrator.code.syntax import walk


def find_calls(analysis: ModuleAnalysis) -> None:
    for candidate, scope in analysis.nodes_of(cst.Call):
        if not isinstance(candidate, cst.Call):
            continue
        func = candidate.func
        if isinstance(func, cst.Attribute) and func.attr.value in SDK02_METHODS:
            constructors = analysis.sdk02_constructors(func.value, scope)
            if constructors is None:
                # follow the client to where it is built, through a parameter of a function
                # of the module: an async call needs it built as `AsyncAnthropic`
                constructors = handed_constructors(
                    analysis, func.value, scope, asynchronous=func.attr.value.startswith("a")
                )
            if constructors is None and _untraced_sdk02(analysis, candidate, func, scope):
                constructors = ()  # built elsewhere: the call alone says it is the old SDK's
            if constructors is not None:
                statement = analysis.statement_of[candidate]
                analysis.calls.append(
                    LegacyCall(
                        candidate,
                        func.value,
                        ClientKind.ASYNC if func.attr.value.startswith("a") else ClientKind.SYNC,
                        scope,
                        statement,
                        sdk02_method=func.attr.value,
                        constructors=constructors,
                    )
                )
            continue
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value == "create"
            and isinstance(func.value, cst.Attribute)
            and func.value.attr.value == "completions"
        ):
            continue
        receiver = func.value.value
        kind = analysis.client_kind(receiver, scope)
        if kind is ClientKind.OTHER:
            continue
        if (
            kind is ClientKind.UNKNOWN
            and not any(
                (arg.keyword is not None and arg.keyword.value == "max_tokens_to_sample")
                or (arg.star == "**" and legacy_request_dict(analysis, arg.value, scope))
                for arg in candidate.args
            )
            and not _read_as_completion(analysis, candidate)
        ):
            continue
        statement = analysis.statement_of[candidate]
        analysis.calls.append(LegacyCall(candidate, receiver, kind, scope, statement))


def _read_as_completion(analysis: ModuleAnalysis, call: cst.Call, depth: int = 0) -> bool:
    """Is the call's result read for ``.completion``, which only Anthropic's Text
    Completions response has (OpenAI's answers in ``.choices``)? Chained on the call, or on
    the name it is assigned to, where that assignment reaches the read; or returned by a
    function of the module whose callers read it so. Not with a ``max_tokens=``, which
    Text Completions never took: another library's call."""
    if depth == 0 and any(
        arg.keyword is not None and arg.keyword.value == "max_tokens" for arg in call.args
    ):
        return False
    node: cst.CSTNode = call
    parent = analysis.parent(node)
    if isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, cst.Attribute):
        return parent.value is node and parent.attr.value == "completion"
    if _events_read_as_completion(analysis, node):  # a stream iterated where it is sent
        return True
    if isinstance(parent, cst.Return):
        return _returned_read_as_completion(analysis, parent, depth)
    if not (
        isinstance(parent, cst.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0].target, cst.Name)
    ):
        return False
    reads = reads_of_value(analysis, parent.targets[0].target, node) or ()
    return any(
        _events_read_as_completion(analysis, read)
        or (
            isinstance(holder := analysis.parent(read), cst.Attribute)
            and holder.value is read
            and holder.attr.value == "completion"
        )
        or (
            isinstance(holder, cst.Return) and _returned_read_as_completion(analysis, holder, depth)
        )
        for read in reads
    )


def _returned_read_as_completion(
    analysis: ModuleAnalysis, returned: cst.Return, depth: int
) -> bool:
    """``return client.completions.create(...)`` in a function of the module, a call of
    which is read for ``.completion``."""
    if depth >= 3:
        return False
    function = enclosing_function(returned, analysis)
    calls = callers_of(function, analysis) if function is not None else None
    return any(_read_as_completion(analysis, caller, depth + 1) for caller in calls or ())


def _events_read_as_completion(analysis: ModuleAnalysis, stream: cst.CSTNode) -> bool:
    """Is ``stream`` iterated by a loop or comprehension whose events are read for
    ``.completion``, the text of a Text Completions stream's events?"""
    loop = analysis.parent(stream)
    if not (isinstance(loop, cst.For | cst.CompFor) and loop.iter is stream):
        return False
    if not isinstance(loop.target, cst.Name):
        return False
    event = loop.target.value
    region = loop.body if isinstance(loop, cst.For) else analysis.parent(loop)
    return any(
        isinstance(node, cst.Attribute)
        and node.attr.value == "completion"
        and isinstance(node.value, cst.Name)
        and node.value.value == event
        for node in walk(region)
    )


# Pre-0.3 methods that a client built elsewhere may be migrated on: the sync ones,
# since the current SDK's client for them is the sync `Anthropic` wherever it is built.
UNTRACED_SDK02_METHODS = ("completion", "completion_stream")


def _untraced_sdk02(
    analysis: ModuleAnalysis, call: cst.Call, func: cst.Attribute, scope: Scope
) -> bool:
    """``client.completion(..., max_tokens_to_sample=...)`` on a client not built here (the
    key given as a keyword, or in a dict splatted into the call).

    That keyword belongs to Anthropic's APIs alone, and with these method names
    to the pre-0.3 SDK; unless the module defines a method of that name (a
    wrapper's own), or the receiver is another vendor's (LiteLLM, OpenAI).
    """
    method = func.attr.value
    if method not in UNTRACED_SDK02_METHODS or not any(
        (arg.keyword is not None and arg.keyword.value == "max_tokens_to_sample")
        or (arg.star == "**" and legacy_request_dict(analysis, arg.value, scope))
        for arg in call.args
    ):
        return False
    if any(
        isinstance(node, cst.FunctionDef) and node.name.value == method
        for node, _ in analysis.nodes_of(cst.FunctionDef)
    ):
        return False
    receiver = func.value
    qualified = analysis.qualified_name(receiver, scope)
    if qualified is not None and qualified.split(".")[0] in (*LOOKALIKE_ROOTS, "anthropic"):
        return False
    return analysis.client_kind(receiver, scope) is not ClientKind.OTHER


def legacy_request_dict(
    analysis: ModuleAnalysis, expr: cst.BaseExpression, scope: Scope, depth: int = 0
) -> bool:
    """A dict splatted into the call that is given ``max_tokens_to_sample`` in its scope.

    ``{"max_tokens_to_sample": ...}``, ``dict(max_tokens_to_sample=...)`` or
    ``request["max_tokens_to_sample"] = ...``: a key no other vendor uses. Or the result
    of a function of the module that returns such a dict (``**self._params(...)``, or
    ``args = self.collect_args(...)`` then ``**args``).
    """
    if depth > 4:
        return False
    if isinstance(expr, cst.Call):
        return _returns_legacy_request(analysis, expr.func, scope, depth + 1)
    if not isinstance(expr, cst.Name):
        return False
    found = analysis.lookup(expr.value, scope)
    if found is None:
        return False
    owner, bindings = found
    for binding in bindings:
        value = binding.node
        if isinstance(value, cst.Dict) and _has_legacy_key(value):
            return True
        if isinstance(value, cst.BaseExpression) and any(
            legacy_request_dict(analysis, merged, analysis.scope_of.get(merged, owner), depth + 1)
            for merged in _merged_from(value)
        ):
            return True
        if isinstance(value, cst.Call) and any(
            arg.keyword is not None and arg.keyword.value == "max_tokens_to_sample"
            for arg in value.args
        ):
            return True
        if isinstance(value, cst.Call) and _returns_legacy_request(
            analysis, value.func, analysis.scope_of.get(value, owner), depth + 1
        ):
            return True
    for use in analysis.uses_of(expr.value, owner):
        subscript = analysis.parent(use)
        if not isinstance(subscript, cst.Subscript) or len(subscript.slice) != 1:
            continue
        index = subscript.slice[0].slice
        if (
            isinstance(index, cst.Index)
            and isinstance(index.value, cst.SimpleString)
            and index.value.evaluated_value == "max_tokens_to_sample"
        ):
            return True
    return False


def _merged_from(value: cst.BaseExpression) -> list[cst.Name]:
    """The named dicts a dict is merged or copied from: ``{**DEFAULTS, **options}``,
    ``dict(DEFAULTS, ...)``, ``DEFAULTS | options``, ``DEFAULTS.copy()``."""
    if isinstance(value, cst.Dict):
        parts = [e.value for e in value.elements if isinstance(e, cst.StarredDictElement)]
    elif isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.BitOr):
        parts = [value.left, value.right]
    elif isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        first = value.args[0] if value.args else None
        named = value.func.value == "dict" and first is not None and not first.keyword
        parts = [first.value] if named and first is not None and not first.star else []
    elif (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "copy"
        and not value.args
    ):
        parts = [value.func.value]
    else:
        parts = []
    return [part for part in parts if isinstance(part, cst.Name)]


def _has_legacy_key(literal: cst.Dict) -> bool:
    return any(
        isinstance(element, cst.DictElement)
        and isinstance(element.key, cst.SimpleString)
        and element.key.evaluated_value == "max_tokens_to_sample"
        for element in literal.elements
    )


def _returns_legacy_request(
    analysis: ModuleAnalysis, func: cst.BaseExpression, scope: Scope, depth: int
) -> bool:
    """``func`` is a function of the module, or a method of the caller's class, whose every
    ``return`` gives a dict literal or a local dict, one of them given ``max_tokens_to_sample``."""
    if isinstance(func, cst.Name):
        found = analysis.lookup(func.value, scope)
        bindings = found[1] if found is not None and found[0].parent is None else []
    elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        method = scope
        while method.kind != "function" and method.parent is not None:
            method = method.parent
        owner = method.class_scope
        same_self = method.self_name == func.value.value
        bindings = owner.bindings.get(func.attr.value, []) if owner and same_self else []
    else:
        return False
    if len(bindings) != 1 or not isinstance(bindings[0].node, cst.FunctionDef):
        return False
    returned = [node.value for node in own_returns(bindings[0].node)]
    if not returned or not all(isinstance(value, (cst.Dict, cst.Name)) for value in returned):
        return False
    return any(
        _has_legacy_key(value)
        if isinstance(value, cst.Dict)
        else legacy_request_dict(analysis, value, analysis.scope_of[value], depth)
        for value in returned
        if value is not None
    )


def own_returns(function: cst.FunctionDef) -> list[cst.Return]:
    """The ``return`` statements of ``function`` itself, not of functions nested in it."""

    class Returns(cst.CSTVisitor):
        def __init__(self) -> None:
            self.found: list[cst.Return] = []

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            self.found.append(node)

    visitor = Returns()
    function.visit(visitor)
    return visitor.found


_ANTHROPIC_CLIENTS = (ClientKind.SYNC, ClientKind.ASYNC, ClientKind.BEDROCK, ClientKind.VERTEX)


def referenced_completions(analysis: ModuleAnalysis) -> list[cst.Attribute]:
    """``client.completions.create`` (or ``client.completions``) on an Anthropic client, named
    but not called there: an alias (``create = client.completions.create``), a
    ``functools.partial``, a callback. What calls it later is out of the tool's sight, and
    the current SDK has no ``completions`` at all."""
    found: list[cst.Attribute] = []
    for node, scope in analysis.nodes_of(cst.Attribute):
        if not (isinstance(node, cst.Attribute) and node.attr.value == "completions"):
            continue
        if analysis.client_kind(node.value, scope) not in _ANTHROPIC_CLIENTS:
            continue
        parent = analysis.parent(node)
        named: cst.Attribute = node
        if isinstance(parent, cst.Attribute) and parent.value is node:
            named = parent  # ``client.completions.create``
            parent = analysis.parent(parent)
        if isinstance(parent, cst.Call) and parent.func is named:
            continue  # a call: the call's rules migrate it or say why not
        if isinstance(parent, (cst.AssignTarget, cst.Del)) or isinstance(parent, cst.Attribute):
            continue  # a double set on it, or a deeper attribute: the doubles' rules
        found.append(named)
    return found
