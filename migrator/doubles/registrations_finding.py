"""Which calls are ``responses`` registrations and ``respx`` routes of ``/v1/complete``.

A double counts when the module spells out its whole URL (literals, an f-string, ``+`` or
module constants) and it is made on the library itself, its default mock or router, or a
mock of its own; ``migrator.doubles.registrations`` decides which of them move.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.code.syntax import string_value
from migrator.contract.plan import Rewrite

LEGACY_PATH = "/v1/complete"
# The methods of ``responses`` (and of a ``RequestsMock``) that register a response.
_REGISTERS = frozenset({"add", "post", "upsert", "replace", "add_callback"})
# What a registration is made on: the module's default mock, or a mock of its own.
_MODULE_MOCKS = frozenset({"responses", "responses.mock", "responses._default_mock"})
_MOCK_CLASS = "responses.RequestsMock"
# What a ``respx`` route is made on: the module, its default router, or its pytest fixture.
_RESPX_ROUTERS = frozenset({"respx", "respx.mock"})
_RESPX_FIXTURE = "respx_mock"


@dataclass
class _Url:
    """The whole text of a URL, the string that ends it and the module constants on the
    way to that string."""

    text: str
    literal: cst.CSTNode | None
    # Each constant read on the way: its name, the scope that owns it, and its value.
    names: list[tuple[str, Scope, cst.BaseExpression]] = field(default_factory=list)


@dataclass
class Registration:
    call: cst.Call
    url: _Url
    library: str = "responses"
    rewrites: dict[cst.CSTNode, Rewrite] = field(default_factory=dict)
    blocker: str | None = None


def is_registration(analysis: ModuleAnalysis, call: cst.Call, scope: Scope) -> bool:
    """``responses.post(...)``, ``rsps.add(...)`` on a ``responses.RequestsMock()``: a test
    double, not a request."""
    func = call.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value in _REGISTERS
        and _a_mock(analysis, func.value, scope)
    )


def _registrations(analysis: ModuleAnalysis) -> Iterator[Registration]:
    """The POST registrations and routes whose URL the module spells out in full, ending in
    ``/v1/complete``."""
    for node, scope in analysis.nodes_of(cst.Call):
        if isinstance(node, cst.Call) and is_route(analysis, node, scope):
            found = _legacy_url(analysis, argument(node, 0, "url"), scope)
            if found is not None:
                yield Registration(node, found, "respx")
            continue
        if not (isinstance(node, cst.Call) and is_registration(analysis, node, scope)):
            continue
        assert isinstance(node.func, cst.Attribute)
        method = node.func.attr.value
        if method != "post" and not _posts(analysis, argument(node, 0, "method"), scope):
            continue
        found = _legacy_url(analysis, argument(node, 0 if method == "post" else 1, "url"), scope)
        if found is not None:
            yield Registration(node, found)


def _legacy_url(
    analysis: ModuleAnalysis, url: cst.BaseExpression | None, scope: Scope
) -> _Url | None:
    """The URL ``url`` spells out in full, when it ends in ``/v1/complete`` within one
    literal (the one the move respells); else None."""
    found = _url(analysis, url, scope) if url is not None else None
    if found is not None and found.text.endswith(LEGACY_PATH) and _ends(found.literal):
        return found
    return None


def is_route(analysis: ModuleAnalysis, call: cst.Call, scope: Scope) -> bool:
    """``respx.post(URL)``, ``respx.mock.post(URL)`` or ``respx_mock.post(URL)`` on respx's
    pytest fixture: a route of a mock router, not a request."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "post"):
        return False
    if analysis.qualified_name(func.value, scope) in _RESPX_ROUTERS:
        return True
    if not (isinstance(func.value, cst.Name) and func.value.value == _RESPX_FIXTURE):
        return False
    found = analysis.lookup(_RESPX_FIXTURE, scope)
    return found is not None and [binding.kind for binding in found[1]] == ["param"]


def _a_mock(analysis: ModuleAnalysis, receiver: cst.BaseExpression, scope: Scope) -> bool:
    if analysis.qualified_name(receiver, scope) in _MODULE_MOCKS:
        return True
    if not isinstance(receiver, cst.Name):
        return False
    found = analysis.lookup(receiver.value, scope)
    if found is None or len(found[1]) != 1:
        return False
    value = found[1][0].node
    if isinstance(value, cst.WithItem):  # ``with responses.RequestsMock() as rsps:``
        value = value.item
    return (
        isinstance(value, cst.Call)
        and analysis.qualified_name(value.func, analysis.scope_of.get(value, scope)) == _MOCK_CLASS
    )


def _posts(analysis: ModuleAnalysis, method: cst.BaseExpression | None, scope: Scope) -> bool:
    if method is None:
        return False
    return string_value(method) == "POST" or analysis.qualified_name(method, scope) == (
        "responses.POST"
    )


def argument(call: cst.Call, position: int, keyword: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    return positional[position].value if len(positional) > position else None


def _url(
    analysis: ModuleAnalysis, expr: cst.BaseExpression, scope: Scope, depth: int = 0
) -> _Url | None:
    """The URL's whole text, when literals and module constants spell all of it."""
    if isinstance(expr, cst.SimpleString):
        text = string_value(expr)
        return _Url(text, expr) if text is not None else None
    if isinstance(expr, (cst.ConcatenatedString, cst.BinaryOperation)):
        if isinstance(expr, cst.BinaryOperation) and not isinstance(expr.operator, cst.Add):
            return None
        left = _url(analysis, expr.left, scope, depth)  # type: ignore[arg-type]
        right = _url(analysis, expr.right, scope, depth)  # type: ignore[arg-type]
        if left is None or right is None:
            return None
        end = right if right.text else left
        return _Url(left.text + right.text, end.literal, end.names)
    if isinstance(expr, cst.FormattedString):
        if "b" in expr.prefix.lower():
            return None
        whole = _Url("", None)
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                if "\\" in part.value:
                    return None
                piece = _Url(part.value.replace("{{", "{").replace("}}", "}"), part)
            elif part.conversion is None and part.format_spec is None:
                inner = _url(analysis, part.expression, scope, depth)
                if inner is None:
                    return None
                piece = inner
            else:
                return None
            if piece.text:
                whole = _Url(whole.text + piece.text, piece.literal, piece.names)
        return whole
    if isinstance(expr, cst.Name) and depth < 4:
        found = analysis.assigned_once(expr.value, scope)
        if found is None or found[0] is not analysis.module_scope:
            return None
        owner, value = found
        inner = _url(analysis, value, owner, depth + 1)
        if inner is not None:
            inner.names.insert(0, (expr.value, owner, value))
        return inner
    return None


def _ends(literal: cst.CSTNode | None) -> bool:
    """The literal that ends the URL holds the whole of ``complete``."""
    if isinstance(literal, cst.SimpleString):
        return literal.value.rstrip("\"'").endswith("complete")
    return isinstance(literal, cst.FormattedStringText) and literal.value.endswith("complete")


def _bound(analysis: ModuleAnalysis, use: cst.Name) -> bool:
    """``use`` is the name its one assignment binds, not a read of it."""
    parent = analysis.parent(use)
    return isinstance(parent, cst.AssignTarget) and parent.target is use


def _method(call: cst.Call) -> str:
    assert isinstance(call.func, cst.Attribute)
    return call.func.attr.value
