"""What a registration or route that moves answers: the Message for the completion it served.

A ``responses`` registration answers through ``json=``, ``body=`` or a callback of the
module; a ``respx`` route through ``.mock(...)``, ``.respond(...)`` or its
``return_value``. Each answer is rewritten (:mod:`migrator.doubles.message_body`), or the double
stays, with the reason raised as ``NotMovable``.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.contract.plan import Rewrite
from migrator.core.config import Config
from migrator.doubles.message_body import NotAMessage, completion_body, error_body, message_body
from migrator.doubles.mocks import short
from migrator.doubles.registrations_finding import _bound, _method, argument
from migrator.doubles.transports import NotMovable, answers, handler_of, read_rewrites

# Keywords of a registration that neither match the request nor make its answer.
_NEUTRAL = frozenset({"method", "url", "headers", "content_type", "auto_calculate_content_length"})
# Reads of a route that neither match the request nor make its answer.
_ROUTE_READS = frozenset({"called", "call_count", "calls"})


def _answer(analysis: ModuleAnalysis, call: cst.Call, config: Config) -> dict[cst.CSTNode, Rewrite]:
    """The rewrites that make the registration answer what the migrated code reads."""
    if _method(call) == "add_callback":
        return _callback(analysis, call, config)
    positional = [arg for arg in call.args if arg.keyword is None]
    given = 1 if _method(call) == "post" else 2
    if any(arg.star for arg in call.args) or len(positional) > given:
        raise NotMovable("it is given arguments the tool does not follow")
    status: cst.BaseExpression | None = None
    body: cst.BaseExpression | None = None
    for arg in call.args:
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword is None or keyword in _NEUTRAL:
            continue
        if keyword == "status":
            status = arg.value
        elif keyword == "json":
            body = arg.value
        elif keyword == "body":
            body = _dumped(arg.value)
            if body is None and _raises(arg.value):
                continue  # it raises instead of answering, on either endpoint
            if body is None:
                raise NotMovable(f"its body `{short(analysis, arg.value)}` is not a dict literal")
        elif keyword == "match":
            raise NotMovable("it matches the request (`match=`), which is a Messages request now")
        else:
            raise NotMovable(f"it is given `{keyword}=`, which the tool does not follow")
    return _served(analysis, status, body, config)


def _callback(
    analysis: ModuleAnalysis, call: cst.Call, config: Config
) -> dict[cst.CSTNode, Rewrite]:
    """``add_callback(responses.POST, URL, callback=answer)``: a function of the module that
    returns ``(200, headers, json.dumps({...completion...}))``, reading of the request only
    what :func:`~migrator.doubles.transports.read_rewrites` follows."""
    callback = argument(call, 2, "callback")
    if callback is None:
        raise NotMovable("its callback is out of sight")
    if any(
        arg.keyword is not None and arg.keyword.value not in (*_NEUTRAL, "callback")
        for arg in call.args
    ):
        raise NotMovable("it is given arguments the tool does not follow")
    function = handler_of(analysis, callback, "callback")
    rewrites = read_rewrites(analysis, function, "callback")
    for value in answers(function, "callback"):
        if not (isinstance(value, cst.Tuple) and len(value.elements) == 3):
            raise NotMovable(
                f"its callback answers `{short(analysis, value)}`, not a `(status, headers, "
                "body)` tuple"
            )
        status, _headers, text = (element.value for element in value.elements)
        body = _dumped(text)
        if body is None:
            raise NotMovable(
                f"its callback's body `{short(analysis, text)}` is not `json.dumps` of a dict"
            )
        if error_body(body):
            continue
        if not (isinstance(status, cst.Integer) and status.value == "200"):
            raise NotMovable("its callback answers a completion with another status than 200")
        if not completion_body(body):
            raise NotMovable(f"its callback's body `{short(analysis, body)}` is not a completion")
        assert isinstance(body, cst.Dict)
        rewrites[body] = _message(body, config)
    return rewrites


def route_answer(
    analysis: ModuleAnalysis, call: cst.Call, config: Config
) -> dict[cst.CSTNode, Rewrite]:
    """The rewrites that make a ``respx`` route answer what the migrated code reads: the
    ``httpx.Response`` of ``.mock(return_value=...)`` or of ``route.return_value = ...``, or
    the arguments of ``.respond(...)``. A route given no answer answers an empty 200 on
    either endpoint."""
    url = argument(call, 0, "url")
    if any(arg.value is not url for arg in call.args):
        raise NotMovable("it matches the request by more than its URL, a Messages request now")
    rewrites: dict[cst.CSTNode, Rewrite] = {}
    for answer in _route_answers(analysis, call):
        rewrites.update(_response_answer(analysis, answer, config))
    return rewrites


def _route_answers(
    analysis: ModuleAnalysis, route: cst.Call
) -> Generator[Sequence[cst.Arg], None, None]:
    """The arguments of each ``httpx.Response`` (or ``.respond``) the route answers with."""
    held = yield from _chained(analysis, route)
    statement = analysis.parent(held)
    if isinstance(held, cst.Attribute) or isinstance(statement, cst.Expr):
        return  # ``respx.post(URL).called``, or a statement of its own
    if not isinstance(statement, cst.Assign):
        raise NotMovable("its route is kept where the tool does not follow it")
    if len(statement.targets) != 1 or not isinstance(statement.targets[0].target, cst.Name):
        raise NotMovable("its route is bound to a target the tool does not follow")
    name = statement.targets[0].target.value
    found = analysis.lookup(name, analysis.scope_of.get(route, analysis.module_scope))
    if found is None or len(found[1]) != 1:
        raise NotMovable(f"its route is bound to `{name}`, which is bound more than once")
    for use in analysis.uses_of(name, found[0]):
        if not _bound(analysis, use):
            yield from _route_use(analysis, use)


def _chained(
    analysis: ModuleAnalysis, route: cst.Call
) -> Generator[Sequence[cst.Arg], None, cst.CSTNode]:
    """The answer of ``.mock(...)`` or ``.respond(...)`` called on ``route``, if any; returns
    the outermost call of the chain."""
    attribute = analysis.parent(route)
    if not isinstance(attribute, cst.Attribute) or attribute.value is not route:
        return route
    outer = analysis.parent(attribute)
    if attribute.attr.value in _ROUTE_READS:
        return attribute
    if not (isinstance(outer, cst.Call) and outer.func is attribute):
        raise NotMovable(f"its route's `.{attribute.attr.value}` is read in a way not followed")
    if attribute.attr.value == "respond":
        yield outer.args
    elif attribute.attr.value == "mock":
        given = [arg.keyword.value if arg.keyword else "" for arg in outer.args]
        if given != ["return_value"]:
            raise NotMovable(f"its route is mocked with `{'=`, `'.join(given)}=`, not followed")
        yield _response_args(analysis, outer.args[0].value, route)
    else:
        raise NotMovable(f"its route's `.{attribute.attr.value}(...)` is not followed")
    return outer


def _route_use(analysis: ModuleAnalysis, use: cst.Name) -> Iterator[Sequence[cst.Arg]]:
    """What a read of the route's name makes it answer: ``route.return_value = ...``,
    ``route.mock(...)``; ``route.called`` and its kin answer nothing."""
    attribute = analysis.parent(use)
    if not isinstance(attribute, cst.Attribute):
        raise NotMovable(f"its route `{use.value}` is passed on, out of the tool's sight")
    if attribute.attr.value in _ROUTE_READS:
        return
    target = analysis.parent(attribute)
    if attribute.attr.value == "return_value" and isinstance(target, cst.AssignTarget):
        statement = analysis.parent(target)
        assert isinstance(statement, cst.Assign)
        yield _response_args(analysis, statement.value, use)
        return
    if attribute.attr.value in ("mock", "respond") and isinstance(target, cst.Call):
        if attribute.attr.value == "respond":
            yield target.args
            return
        if [arg.keyword.value if arg.keyword else None for arg in target.args] == ["return_value"]:
            yield _response_args(analysis, target.args[0].value, use)
            return
    raise NotMovable(
        f"its route's `.{attribute.attr.value}` is set or called in a way not followed"
    )


def _response_args(
    analysis: ModuleAnalysis, value: cst.BaseExpression, near: cst.CSTNode
) -> Sequence[cst.Arg]:
    """The arguments of ``httpx.Response(...)``, the only answer the tool reads."""
    scope = analysis.scope_of.get(near, analysis.module_scope)
    if isinstance(value, cst.Call) and analysis.qualified_name(value.func, scope) == (
        "httpx.Response"
    ):
        return value.args
    raise NotMovable(f"it answers `{short(analysis, value)}`, not an `httpx.Response(...)`")


def _response_answer(
    analysis: ModuleAnalysis, args: Sequence[cst.Arg], config: Config
) -> dict[cst.CSTNode, Rewrite]:
    """The rewrite of the body an ``httpx.Response`` (or ``.respond``) is given: ``json=`` a
    completion, or ``content=``/``text=`` of ``json.dumps`` of one."""
    status: cst.BaseExpression | None = None
    body: cst.BaseExpression | None = None
    for index, arg in enumerate(args):
        keyword = arg.keyword.value if arg.keyword is not None else None
        if arg.star or (keyword is None and index > 0):
            raise NotMovable("its answer is given arguments the tool does not follow")
        if keyword in (None, "status_code"):
            status = arg.value
        elif keyword == "json":
            body = arg.value
        elif keyword in ("content", "text"):
            body = _dumped(arg.value)
            if body is None:
                raise NotMovable(f"its body `{short(analysis, arg.value)}` is not a dict literal")
        elif keyword not in ("headers", "content_type"):
            raise NotMovable(f"its answer is given `{keyword}=`, which the tool does not follow")
    return _served(analysis, status, body, config)


def _served(
    analysis: ModuleAnalysis,
    status: cst.BaseExpression | None,
    body: cst.BaseExpression | None,
    config: Config,
) -> dict[cst.CSTNode, Rewrite]:
    """The rewrite of what a registration or a route serves: a completion answered with 200
    becomes its Message; an error or no body at all is the same on /v1/messages."""
    if body is None or error_body(body):
        return {}
    if not completion_body(body):
        raise NotMovable(f"its body `{short(analysis, body)}` is not a legacy completion")
    if status is not None and not (isinstance(status, cst.Integer) and status.value == "200"):
        raise NotMovable("it answers a completion with another status than 200")
    assert isinstance(body, cst.Dict)
    return {body: _message(body, config)}


def _message(body: cst.Dict, config: Config) -> Rewrite:
    try:
        return message_body(body, config)
    except NotAMessage as why:
        raise NotMovable(str(why)) from None


def _dumped(value: cst.BaseExpression) -> cst.Dict | None:
    """The dict literal of ``json.dumps({...})``."""
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "dumps"
        and isinstance(value.func.value, cst.Name)
        and value.func.value.value == "json"
        and len(value.args) == 1
        and value.args[0].keyword is None
        and isinstance(value.args[0].value, cst.Dict)
    ):
        return value.args[0].value
    return None


def _raises(value: cst.BaseExpression) -> bool:
    """An exception given as the body: ``responses`` raises it instead of answering."""
    func = value.func if isinstance(value, cst.Call) else value
    name = func.attr.value if isinstance(func, cst.Attribute) else None
    if isinstance(func, cst.Name):
        name = func.value
    return name is not None and name.endswith(("Error", "Exception", "Timeout"))
