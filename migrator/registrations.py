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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis import ModuleAnalysis, Scope
from migrator.config import Config
from migrator.message_body import NotAMessage, completion_body, error_body, message_body
from migrator.mocks import short
from migrator.plan import ModulePlan, Rewrite
from migrator.rule import Rule, Safety
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
    plan.registers_endpoints = plan.registers_endpoints or bool(found)
    proven = [each for each in found if plan.known_endpoints.proven(each.url.text)]
    for registration in proven:
        try:
            registration.rewrites = _answer(analysis, registration.call, plan.config)
        except NotMovable as why:
            registration.blocker = str(why)
    _block_shared(analysis, proven)
    for registration in proven:
        url = registration.url.text
        if registration.blocker is not None:
            message = (
                f"this `responses` registration serves `{url}`, which the run's migrated code "
                f"no longer asks (it posts to /v1/messages), and the tool does not move it: "
                f"{registration.blocker}; register `/v1/messages` with a Message body "
                "(`content` blocks) by hand"
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
            f"the `responses` registration of `{url}` moves to /v1/messages with the code it "
            "serves (the run migrated every `requests` post to it) and answers the Message "
            "that code reads",
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
    """The POST registrations whose URL the module spells out in full, ending in
    ``/v1/complete``."""
    for node, scope in list(analysis.scope_of.items()):
        if not (isinstance(node, cst.Call) and is_registration(analysis, node, scope)):
            continue
        assert isinstance(node.func, cst.Attribute)
        method = node.func.attr.value
        if method != "post" and not _posts(analysis, _argument(node, 0, "method"), scope):
            continue
        url = _argument(node, 0 if method == "post" else 1, "url")
        found = _url(analysis, url, scope) if url is not None else None
        if found is not None and found.text.endswith(LEGACY_PATH) and _ends(found.literal):
            yield Registration(node, found)


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
    url = _argument(call, 0 if _method(call) == "post" else 1, "url")
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
    rewrites: dict[cst.CSTNode, Rewrite] = {}
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
    if body is None or error_body(body):
        return rewrites  # an error or no body at all: the same on /v1/messages
    if not completion_body(body):
        raise NotMovable(f"its body `{short(analysis, body)}` is not a legacy completion")
    if status is not None and not (isinstance(status, cst.Integer) and status.value == "200"):
        raise NotMovable("it answers a completion with another status than 200")
    assert isinstance(body, cst.Dict)
    rewrites[body] = _message(body, config)
    return rewrites


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
