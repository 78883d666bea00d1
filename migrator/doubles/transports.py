"""An ``httpx.MockTransport`` handed to the SDK: a test double at the HTTP level.

``Anthropic(http_client=httpx.Client(transport=httpx.MockTransport(handler)))``
serves the SDK's requests from ``handler``, a function of the test that
answers the legacy request with ``httpx.Response(200, json={"completion":
...})``. The current SDK is built on ``httpx2``: it takes only an
``httpx2.MockTransport``, whose handler must return ``httpx2.Response``
objects, and it reads a Message body from ``/v1/messages``; what the handler
reads of the request is a Messages request (:mod:`migrator.doubles.request_reads`).
:func:`handler_rewrites` proves the handler can be rewritten that way, or
says why not.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.contract.plan import Rewrite
from migrator.core.config import Config
from migrator.doubles.fakes import fake_of
from migrator.doubles.message_body import NotAMessage, message_body
from migrator.doubles.mocks import short
from migrator.doubles.request_reads import Unreadable, request_reads


class NotMovable(Exception):
    """Why the handler cannot be shown to serve the migrated SDK."""


def handler_rewrites(
    analysis: ModuleAnalysis, transport: cst.Call, is_httpx, config: Config
) -> dict[cst.CSTNode, Rewrite]:  # type: ignore[no-untyped-def]
    """The rewrites that make ``httpx.MockTransport(handler)``'s handler serve the current
    SDK: its ``httpx.Response(200, json={...})`` answers become ``httpx2`` responses with
    a Message body. ``is_httpx(call)``: whether a call is ``httpx.X(...)``."""
    if len(transport.args) != 1 or transport.args[0].keyword not in (None,):
        raise NotMovable("the transport is given more than its handler")
    function = handler_of(analysis, transport.args[0].value)
    rewrites = read_rewrites(analysis, function)
    for value in answers(function):
        if not (isinstance(value, cst.Call) and is_httpx(value) and _named(value, "Response")):
            raise NotMovable(
                f"its handler answers `{short(analysis, value)}`, which the tool cannot turn into "
                "a Message"
            )
        rewrites.update(_response(value, config))
    return rewrites


def handler_of(
    analysis: ModuleAnalysis, value: cst.BaseExpression, what: str = "handler"
) -> cst.FunctionDef | cst.Lambda:
    """The function ``value`` is: of this module, handed over only here, taking just the
    request; else :class:`NotMovable`. ``what`` names the function in the reasons."""
    function = fake_of(analysis, value)
    if function is None:
        raise NotMovable(f"its {what} `{short(analysis, value)}` is not a function of this module")
    name = function.name.value if isinstance(function, cst.FunctionDef) else None
    if name is not None:
        _used_once(analysis, function, name, what)
    params = function.params
    named = [*params.posonly_params, *params.params]
    if isinstance(params.star_arg, cst.Param) or params.star_kwarg or params.kwonly_params:
        raise NotMovable(f"its {what} does not take just the request")
    if len(named) != 1:
        raise NotMovable(f"its {what} does not take just the request")
    return function


def read_rewrites(
    analysis: ModuleAnalysis, function: cst.FunctionDef | cst.Lambda, what: str = "handler"
) -> dict[cst.CSTNode, Rewrite]:
    """The rewrites of what ``function`` (a :func:`handler_of`) reads of the request, which
    is a Messages request now; else :class:`NotMovable`."""
    params = function.params
    request = [*params.posonly_params, *params.params][0].name.value
    try:
        return request_reads(analysis, function, request)
    except Unreadable as why:
        raise NotMovable(
            f"its {what} reads the request, which is now a Messages request: {why}"
        ) from None


def _used_once(
    analysis: ModuleAnalysis, function: cst.FunctionDef, name: str, what: str = "handler"
) -> None:
    owner = analysis.lookup(name, analysis.scope_of[function])
    assert owner is not None
    if sum(1 for _ in analysis.uses_of(name, owner[0])) != 1:
        raise NotMovable(f"its {what} `{name}` is used elsewhere too")


def answers(
    function: cst.FunctionDef | cst.Lambda, what: str = "handler"
) -> list[cst.BaseExpression]:
    if isinstance(function, cst.Lambda):
        return [function.body]
    found: list[cst.BaseExpression] = []

    class Returns(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            if node.value is None:
                raise NotMovable(f"its {what} returns nothing")
            found.append(node.value)

    function.body.visit(Returns())
    if not found:
        raise NotMovable(f"its {what} returns no response the tool can see")
    return found


def _named(call: cst.Call, name: str) -> bool:
    return isinstance(call.func, cst.Attribute) and call.func.attr.value == name


def _response(call: cst.Call, config: Config) -> dict[cst.CSTNode, Rewrite]:
    """``httpx.Response(200, json={"completion": text, ...})``: a Message body's response."""
    status = call.args[0].value if call.args and call.args[0].keyword is None else None
    if not (isinstance(status, cst.Integer) and status.value == "200"):
        raise NotMovable("its handler answers with another status than 200")
    body = next((arg.value for arg in call.args if _keyword(arg) == "json"), None)
    others = [arg for arg in call.args[1:] if _keyword(arg) not in ("json", "headers")]
    if not isinstance(body, cst.Dict) or others:
        raise NotMovable("its handler answers with a body other than a `json={...}` dict")
    try:
        message = message_body(body, config)
    except NotAMessage as why:
        raise NotMovable(
            f"its handler answers a body it cannot turn into a Message: {why}"
        ) from None
    return {call: _to_httpx2, body: message}


def _keyword(arg: cst.Arg) -> str | None:
    return arg.keyword.value if arg.keyword is not None else None


def _to_httpx2(updated: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
    return updated.with_changes(func=updated.func.with_changes(value=cst.Name("httpx2")))
