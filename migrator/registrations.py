"""``responses`` registrations that serve ``/v1/complete`` to raw HTTP code.

``responses.add(responses.POST, "https://api.anthropic.com/v1/complete",
json={"completion": " Hi", ...})`` answers the ``requests.post`` of the code
under test. Once rule TCM015 migrates that code, it posts to ``/v1/messages``
and reads a Message body: the registration no longer matches (``requests``
raises ``ConnectionError``), and the body it serves has the wrong shape.

A registration moves with the code when its URL is one the run proves to be
asked only by migrated code (:meth:`migrator.doubled.Endpoints.proven`): its URL
then ends in ``/v1/messages`` and its body is the equivalent Message
(:mod:`migrator.message_body`). One the run does not prove stays as written,
and rule TCM020 reports it; one whose URL is proven but whose shape the tool
cannot follow stays with a manual finding that says why.

``respx`` routes are the same doubles for raw ``httpx`` code: ``respx.post(URL)``
(or ``respx_mock.post(URL)``, the fixture) answered by ``.mock(return_value=
httpx.Response(200, json={...}))``, ``.respond(json={...})`` or, on the route
bound to a name, ``route.return_value = httpx.Response(...)``. They move by the
same rules; only how a double is found and what it answers differ.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis import ModuleAnalysis, Scope
from migrator.config import Config
from migrator.findings import Safety
from migrator.message_body import NotAMessage, completion_body, error_body, message_body
from migrator.mocks import short
from migrator.plan import ModulePlan, Rewrite
from migrator.rule import Rule
from migrator.syntax import string_value, walk
from migrator.transports import NotMovable, answers, handler_of, read_rewrites

LEGACY_PATH = "/v1/complete"
# The methods of ``responses`` (and of a ``RequestsMock``) that register a response.
_REGISTERS = frozenset({"add", "post", "upsert", "replace", "add_callback"})
# What a registration is made on: the module's default mock, or a mock of its own.
_MODULE_MOCKS = frozenset({"responses", "responses.mock", "responses._default_mock"})
_MOCK_CLASS = "responses.RequestsMock"
# Keywords of a registration that neither match the request nor make its answer.
_NEUTRAL = frozenset({"method", "url", "headers", "content_type", "auto_calculate_content_length"})
# What a ``respx`` route is made on: the module, its default router, or its pytest fixture.
_RESPX_ROUTERS = frozenset({"respx", "respx.mock"})
_RESPX_FIXTURE = "respx_mock"
# Reads of a route that neither match the request nor make its answer.
_ROUTE_READS = frozenset({"called", "call_count", "calls"})
# What each library's doubles are called, the library whose posts they serve, and the verb.
_WORDS = {
    "responses": ("registration", "requests", "register"),
    "respx": ("route", "httpx", "route"),
}


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


def move_registrations(plan: ModulePlan, rule: type[Rule]) -> None:
    """Each registration of a legacy endpoint the run proves: moved, or left with why."""
    analysis = plan.analysis
    found = list(_registrations(analysis))
    served = {(each.url.text, _WORDS[each.library][1]) for each in found}
    plan.served_endpoints = tuple(sorted(served.union(plan.served_endpoints)))
    proven = [
        each
        for each in found
        if plan.known_endpoints.proven(each.url.text, _WORDS[each.library][1])
    ]
    for registration in proven:
        try:
            answer = _route_answer if registration.library == "respx" else _answer
            registration.rewrites = answer(analysis, registration.call, plan.config)
        except NotMovable as why:
            registration.blocker = str(why)
    _block_shared(analysis, proven)
    for registration in proven:
        url = registration.url.text
        double, sender, verb = _WORDS[registration.library]
        if registration.blocker is not None:
            message = (
                f"this `{registration.library}` {double} serves `{url}`, which the run's "
                "migrated code no longer asks (it posts to /v1/messages), and the tool does "
                f"not move it: {registration.blocker}; {verb} `/v1/messages` with a Message "
                "body (`content` blocks) by hand"
            )
            plan.report(rule, registration.call, message, Safety.MANUAL)
            plan.comment(registration.call, f"# migrator: manual [{rule.code}] {message}")
            continue
        literal = registration.url.literal
        assert literal is not None  # found by the literal that ends it
        plan.rewrites.update(registration.rewrites)
        plan.rewrites[literal] = messages_path
        plan.report(
            rule,
            registration.call,
            f"the `{registration.library}` {double} of `{url}` moves to /v1/messages with the "
            f"code it serves (the run migrated every `{sender}` post to it) and answers the "
            "Message that code reads",
            Safety.SAFE,
        )


def messages_path(updated: cst.CSTNode) -> cst.CSTNode:
    """``.../v1/complete`` becomes ``.../v1/messages`` in the literal that ends a URL."""
    if isinstance(updated, cst.SimpleString):
        head, _, quote = updated.value.rpartition("complete")
        return updated.with_changes(value=f"{head}messages{quote}")
    assert isinstance(updated, cst.FormattedStringText)
    return updated.with_changes(value=updated.value[: -len("complete")] + "messages")


# --------------------------------------------------------------------------- finding them


def _registrations(analysis: ModuleAnalysis) -> Iterator[Registration]:
    """The POST registrations and routes whose URL the module spells out in full, ending in
    ``/v1/complete``."""
    for node, scope in analysis.nodes_of(cst.Call):
        if isinstance(node, cst.Call) and is_route(analysis, node, scope):
            found = _legacy_url(analysis, _argument(node, 0, "url"), scope)
            if found is not None:
                yield Registration(node, found, "respx")
            continue
        if not (isinstance(node, cst.Call) and is_registration(analysis, node, scope)):
            continue
        assert isinstance(node.func, cst.Attribute)
        method = node.func.attr.value
        if method != "post" and not _posts(analysis, _argument(node, 0, "method"), scope):
            continue
        found = _legacy_url(analysis, _argument(node, 0 if method == "post" else 1, "url"), scope)
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


def _argument(call: cst.Call, position: int, keyword: str) -> cst.BaseExpression | None:
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


def _block_shared(analysis: ModuleAnalysis, moving: list[Registration]) -> None:
    """A constant on the way to a URL is changed for every reader: only when each of them is
    the URL of a registration that moves (or the value of a constant on its way)."""
    changed = True
    while changed:
        changed = False
        urls = {
            node
            for registration in moving
            if registration.blocker is None
            for node in _nodes_of(registration)
        }
        for registration in moving:
            if registration.blocker is not None:
                continue
            for name, owner, _value in registration.url.names:
                reads = [use for use in analysis.uses_of(name, owner) if not _bound(analysis, use)]
                if any(use not in urls for use in reads):
                    registration.blocker = (
                        f"its URL is held in `{name}`, which is also read elsewhere (by code "
                        "or a registration that stays as it is)"
                    )
                    changed = True
                    break


def _bound(analysis: ModuleAnalysis, use: cst.Name) -> bool:
    """``use`` is the name its one assignment binds, not a read of it."""
    parent = analysis.parent(use)
    return isinstance(parent, cst.AssignTarget) and parent.target is use


def _nodes_of(registration: Registration) -> Iterator[cst.CSTNode]:
    """The URL expression of a registration, and the values of the constants on its way."""
    call = registration.call
    first = registration.library == "respx" or _method(call) == "post"
    url = _argument(call, 0 if first else 1, "url")
    assert url is not None
    yield from walk(url)
    for _name, _owner, value in registration.url.names:
        yield from walk(value)


def _method(call: cst.Call) -> str:
    assert isinstance(call.func, cst.Attribute)
    return call.func.attr.value


# --------------------------------------------------------------------------- what it answers


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
    what :func:`~migrator.transports.read_rewrites` follows."""
    callback = _argument(call, 2, "callback")
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


def _route_answer(
    analysis: ModuleAnalysis, call: cst.Call, config: Config
) -> dict[cst.CSTNode, Rewrite]:
    """The rewrites that make a ``respx`` route answer what the migrated code reads: the
    ``httpx.Response`` of ``.mock(return_value=...)`` or of ``route.return_value = ...``, or
    the arguments of ``.respond(...)``. A route given no answer answers an empty 200 on
    either endpoint."""
    url = _argument(call, 0, "url")
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
