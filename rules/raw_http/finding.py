"""Which calls are a raw POST to ``/v1/complete``: the clients the tool knows, and the URL.

A request counts when the tool can prove both who sends it (requests, httpx, aiohttp or
http.client, called directly or through a client object) and that its URL ends in the
legacy path, spelled out by literals, f-strings, ``+`` or names assigned once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.code.syntax import string_value
from migrator.doubles.registrations_finding import is_registration
from migrator.rewrite.json_body import Outcome
from migrator.rules.raw_http.urls import url_template, urljoin_call

LEGACY_PATH = "/v1/complete"
ASYNC_HTTPX = "async httpx"
# The libraries whose posts ``responses`` and ``respx`` doubles serve.
DOUBLED = frozenset({"requests", "httpx", ASYNC_HTTPX})
AIOHTTP = "aiohttp"
HTTP_CLIENT = "http.client"
_SENDERS = {"requests.post", "httpx.post"}
_REQUESTERS = {"requests.request", "httpx.request", "httpx.stream"}
# What makes a client object, and which library it is.
_SESSIONS = {
    "requests.Session": "requests",
    "requests.session": "requests",
    "requests.sessions.Session": "requests",
    "httpx.Client": "httpx",
    "httpx.AsyncClient": ASYNC_HTTPX,
    "aiohttp.ClientSession": AIOHTTP,
    "http.client.HTTPConnection": HTTP_CLIENT,
    "http.client.HTTPSConnection": HTTP_CLIENT,
}
# Libraries whose client may be a parameter annotated with its class.
_ANNOTATED = {ASYNC_HTTPX, AIOHTTP, HTTP_CLIENT}
# The methods of each library's client that send a request.
_METHODS = {
    "requests": ("post", "request"),
    "httpx": ("post", "request", "stream"),
    ASYNC_HTTPX: ("post", "request", "stream"),
    AIOHTTP: ("post", "request"),
    HTTP_CLIENT: ("request",),
}


@dataclass
class Request:
    call: cst.Call
    scope: Scope
    url: cst.BaseExpression | None
    proven: bool  # the receiver is one of the libraries the tool knows
    via: str  # how the request is sent, for messages
    library: str = "requests"  # "requests", "httpx" or one of the _SESSIONS values
    receiver: cst.Name | None = None  # the client object, when a method of one sends it


@dataclass
class HttpOutcome(Outcome):
    # The literal holding the URL's path: sites sharing it migrate together.
    url_literal: cst.CSTNode | None = None
    request: Request | None = None


def _requests(analysis: ModuleAnalysis) -> Iterator[Request]:
    for node, scope in analysis.nodes_of(cst.Call):
        if not isinstance(node, cst.Call):
            continue
        func = node.func
        qualified = analysis.qualified_name(func, scope)
        method = func.attr.value if isinstance(func, cst.Attribute) else None
        receiver = None
        if qualified in _SENDERS or qualified in _REQUESTERS:
            via, proven, library = qualified, True, qualified.split(".")[0]
        elif method in ("post", "request", "stream"):
            assert isinstance(func, cst.Attribute)
            if is_registration(analysis, node, scope):
                continue  # ``responses.post(url, json=...)``: a test double, moved with the code
            library = _session_library(analysis, func.value, scope)
            proven = library is not None and method in _METHODS[library]
            code = analysis.module.code_for_node(func)
            via = f"a {library} session's `{method}`" if proven else f"`{code}`"
            if proven and isinstance(func.value, cst.Name):
                receiver = func.value
        else:
            continue
        name = (qualified or "").rsplit(".", 1)[-1] if proven and qualified else method
        if name == "post":
            url = argument(node, 0, "url")
        else:
            verb = argument(node, 0, "method")
            if not (string_value(verb) or "").upper() == "POST":
                continue
            url = argument(node, 1, "url")
        if not proven and not legacy_url(analysis, url, scope):
            continue
        if not proven and not _sends_a_body(analysis, node):
            continue  # a mock's route (``respx_mock.post(url).mock(...)``), an SDK's own post
        yield Request(node, scope, url, proven, via, library or "requests", receiver)


def _sends_a_body(analysis: ModuleAnalysis, call: cst.Call) -> bool:
    """Does the call send a body the way HTTP clients take one (``json=``, ``data=``, ...)?

    A route of a test mock (``respx_mock.post(url).mock(...)``) sends nothing, and a
    client with its own keywords (the SDK's ``client.post(path, body=..., cast_to=...)``)
    is not one the tool knows: neither is reported.
    """
    parent = analysis.parent(call)
    if isinstance(parent, cst.Attribute) and parent.attr.value in (
        "mock",
        "respond",
        "side_effect",
    ):
        return False
    return any(
        arg.keyword is not None and arg.keyword.value in ("json", "data", "content", "body")
        for arg in call.args
    ) and not any(arg.keyword is not None and arg.keyword.value == "cast_to" for arg in call.args)


def _session_library(
    analysis: ModuleAnalysis, receiver: cst.BaseExpression, scope: Scope
) -> str | None:
    """The library (a ``_SESSIONS`` value) every binding of ``receiver`` is a client of."""
    if isinstance(receiver, cst.Attribute) and isinstance(receiver.value, cst.Name):
        return _attribute_library(analysis, receiver, scope)
    if not isinstance(receiver, cst.Name):
        return None
    found = analysis.lookup(receiver.value, scope)
    if found is None or not found[1]:
        return None
    libraries = set()
    for binding in found[1]:
        value = binding.node
        if binding.kind == "param" and binding.annotation is not None:
            # A parameter annotated as a client of the newer clients' libraries
            # is taken for one, as SDK client parameters are.
            annotation = binding.annotation
            where = analysis.scope_of.get(annotation, scope)
            library = _SESSIONS.get(analysis.qualified_name(annotation, where) or "")
            if library not in _ANNOTATED:
                return None
            libraries.add(library)
            continue
        if isinstance(value, cst.WithItem):
            value = value.item
        if not isinstance(value, cst.Call):
            return None
        qualified = analysis.qualified_name(value.func, analysis.scope_of.get(value, scope))
        if qualified not in _SESSIONS:
            return None
        libraries.add(_SESSIONS[qualified])
    return libraries.pop() if len(libraries) == 1 else None


def _attribute_library(
    analysis: ModuleAnalysis, receiver: cst.Attribute, scope: Scope
) -> str | None:
    """``self.session``, when every assignment of it in the class builds a client of
    ``requests`` or of sync ``httpx`` (``self.session = None`` only says "none yet": a post
    on it fails before and after alike). The other libraries need the client's name."""
    assert isinstance(receiver.value, cst.Name)
    attributes = analysis.attributes_for(receiver.value, scope)
    bindings = (attributes or {}).get(receiver.attr.value, [])
    libraries = set()
    for binding in bindings:
        value = binding.node
        if isinstance(value, cst.Name) and value.value == "None":
            continue
        if binding.kind != "assign" or not isinstance(value, cst.Call):
            return None
        where = analysis.scope_of.get(value, scope)
        libraries.add(_SESSIONS.get(analysis.qualified_name(value.func, where) or ""))
    if len(libraries) == 1 and libraries <= {"requests", "httpx"}:
        return libraries.pop()
    return None


def argument(call: cst.Call, position: int, keyword: str) -> cst.BaseExpression | None:
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    return positional[position].value if len(positional) > position else None


def _keyword(call: cst.Call, keyword: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg
    return None


# --------------------------------------------------------------------------- the URL


@dataclass
class _Tail:
    """The known text at the end of a string expression."""

    text: str = ""
    whole: bool = False  # the whole expression is known text
    literal: cst.CSTNode | None = None  # the literal the text ends in
    names: list[tuple[cst.Name, Scope, cst.BaseExpression]] = field(default_factory=list)


def _tail(
    analysis: ModuleAnalysis, expr: cst.BaseExpression, scope: Scope, depth: int = 0
) -> _Tail:
    if isinstance(expr, cst.SimpleString):
        value = string_value(expr)
        return _Tail(value, True, expr) if value is not None else _Tail()
    if urljoin_call(analysis, expr, scope):  # ``urljoin(base, "v1/complete")``: the relative
        # path replaces the base's last segment, and the URL ends as the path does
        path = expr.args[1].value  # type: ignore[attr-defined]
        tail = _tail(analysis, path, scope, depth)
        text = tail.text if tail.text.startswith("/") or not tail.whole else "/" + tail.text
        return _Tail(text, False, tail.literal, tail.names)
    template = url_template(expr)
    if template is not None:  # ``"{}/v1/complete".format(base)``, ``"%s/v1/complete" % base``
        value = string_value(template)
        marker = "}" if isinstance(expr, cst.Call) else "%s"
        if value is None or marker not in value:
            return _Tail()
        text = value.rsplit(marker, 1)[1]
        return _Tail(text, False, template) if "{" not in text and "%" not in text else _Tail()
    if isinstance(expr, (cst.ConcatenatedString, cst.BinaryOperation)):
        if isinstance(expr, cst.BinaryOperation) and not isinstance(expr.operator, cst.Add):
            return _Tail()
        right = _tail(analysis, expr.right, scope, depth)  # type: ignore[arg-type]
        if not right.whole:
            return right
        left = _tail(analysis, expr.left, scope, depth)
        # The names followed to the literal that ends the text, and only those.
        end = right if right.literal is not None else left
        return _Tail(left.text + right.text, left.whole, end.literal, end.names)
    if isinstance(expr, cst.FormattedString):
        if "b" in expr.prefix.lower():
            return _Tail()
        text, literal = "", None
        for part in reversed(expr.parts):
            if not isinstance(part, cst.FormattedStringText) or "\\" in part.value:
                return _Tail(text, False, literal)
            text = part.value.replace("{{", "{").replace("}}", "}") + text
            literal = literal or part
        return _Tail(text, True, literal)
    if isinstance(expr, cst.Name) and depth < 4:
        found = analysis.assigned_once(expr.value, scope)
        if found is None:
            return _Tail()
        owner, value = found
        inner = _tail(analysis, value, owner, depth + 1)
        inner.names.insert(0, (expr, owner, value))
        return inner
    return _Tail()


def legacy_url(analysis: ModuleAnalysis, url: cst.BaseExpression | None, scope: Scope) -> bool:
    return url is not None and _tail(analysis, url, scope).text.endswith(LEGACY_PATH)
