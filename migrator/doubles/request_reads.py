"""What an HTTP-level double reads of the request it answers, read off a Messages request.

A handler of ``httpx.MockTransport`` or a ``responses`` callback may decide its
answer from the request: ``body = json.loads(request.content)``, then
``body["max_tokens_to_sample"]`` or ``"French" in body["prompt"]``. Once the
code under test is migrated, the body it parses is a Messages request:
``max_tokens`` holds the same limit, and the prompt's text is spread over
``system`` and the ``messages``; and the SDK asks ``/v1/messages``
(``request.url.path == "/v1/complete"``). :func:`request_reads` rewrites those
reads, or raises :class:`Unreadable` with the reason it cannot.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.code.syntax import string_value
from migrator.contract.plan import Rewrite
from migrator.doubles.fakes import key_read, prompt_text_test, renamed_key
from migrator.doubles.mocks import short

# The request's parsed body: ``json.loads(request.content)`` (httpx) or ``(request.body)``
# (requests, as ``responses`` hands it over).
_PAYLOADS = ("content", "body")
_LEGACY_PATH = "/v1/complete"


class Unreadable(Exception):
    """Why a read of the request cannot be shown to read the Messages request the same way."""


def request_reads(
    analysis: ModuleAnalysis, function: cst.FunctionDef | cst.Lambda, request: str
) -> dict[cst.CSTNode, Rewrite]:
    """The rewrites of every read of ``request`` (a parameter of ``function``) for the
    Messages request; :class:`Unreadable` with the reason when one cannot be followed."""
    rewrites: dict[cst.CSTNode, Rewrite] = {}
    inner = analysis.scope_of[function.body]
    for use in analysis.uses_of(request, inner):
        path = _path_test(analysis, use)
        if path is not None:
            rewrites[path] = _messages_path
            continue
        parsed = _parsed(analysis, use)
        if parsed is None:
            raise Unreadable(
                f"it reads `{short(analysis, _outermost(analysis, use))}` of the request, and "
                "the tool follows only its JSON body (`json.loads(request.content)`)"
            )
        for read in _body_reads(analysis, parsed, inner):
            rewrites.update(_key_read(analysis, read))
    return rewrites


def _path_test(analysis: ModuleAnalysis, use: cst.Name) -> cst.SimpleString | None:
    """The legacy path of ``request.url.path == "/v1/complete"`` (``!=`` too): the migrated
    SDK asks ``/v1/messages``."""
    url = analysis.parent(use)
    path = analysis.parent(url) if isinstance(url, cst.Attribute) else None
    if not (
        isinstance(url, cst.Attribute)
        and url.attr.value == "url"
        and isinstance(path, cst.Attribute)
        and path.attr.value == "path"
    ):
        return None
    test = analysis.parent(path)
    if not (isinstance(test, cst.Comparison) and test.left is path and len(test.comparisons) == 1):
        return None
    target = test.comparisons[0]
    literal = target.comparator
    if (
        isinstance(target.operator, (cst.Equal, cst.NotEqual))
        and isinstance(literal, cst.SimpleString)
        and literal.evaluated_value == _LEGACY_PATH
    ):
        return literal
    return None


def _parsed(analysis: ModuleAnalysis, use: cst.Name) -> cst.Call | None:
    """The ``json.loads(request.content)`` call ``use`` is the request of, if it is."""
    payload = analysis.parent(use)
    if not (
        isinstance(payload, cst.Attribute)
        and payload.value is use
        and payload.attr.value in _PAYLOADS
    ):
        return None
    arg = analysis.parent(payload)
    if not (isinstance(arg, cst.Arg) and arg.keyword is None):
        return None
    call = analysis.parent(arg)
    if not (isinstance(call, cst.Call) and len(call.args) == 1):
        return None
    scope = analysis.scope_of.get(call)
    if scope is None or analysis.qualified_name(call.func, scope) != "json.loads":
        return None
    return call


def _body_reads(
    analysis: ModuleAnalysis, parsed: cst.Call, inner: Scope
) -> list[cst.BaseExpression]:
    """The expressions that read a key of the parsed body: ``parsed[...]`` itself, or each
    use of the name it is assigned to (once, in the function)."""
    statement = analysis.parent(parsed)
    if not isinstance(statement, cst.Assign):
        return [parsed]
    target = statement.targets[0].target if len(statement.targets) == 1 else None
    if not isinstance(target, cst.Name):
        raise Unreadable("its parsed request is unpacked")
    found = analysis.lookup(target.value, inner)
    if found is None or found[0] is not inner or len(found[1]) != 1:
        raise Unreadable(f"`{target.value}`, its parsed request, is bound more than once")
    return [
        use
        for use in analysis.uses_of(target.value, inner)
        if not isinstance(analysis.parent(use), cst.AssignTarget)
    ]


def _key_read(analysis: ModuleAnalysis, body: cst.BaseExpression) -> dict[cst.CSTNode, Rewrite]:
    """``body["max_tokens_to_sample"]`` (or ``.get``) reads ``"max_tokens"``, the same
    value; ``"text" in body["prompt"]`` tests the text of the system prompt and the
    messages. Any other read is :class:`Unreadable`."""
    key, whole = key_read(analysis, body)
    if string_value(key) is None or whole is None:
        raise Unreadable(
            f"it reads `{short(analysis, _outermost(analysis, body))}`, and the tool follows "
            'only a key of its body (`body["max_tokens_to_sample"]`)'
        )
    value = key.evaluated_value
    if value == "max_tokens_to_sample":
        return {key: renamed_key("max_tokens")}
    if value == "prompt" and isinstance(whole, cst.Subscript):
        return {whole: prompt_text_test(analysis, whole, Unreadable)}
    if value == "prompt":
        raise Unreadable("it reads the prompt with `.get`, which the tool does not follow")
    raise Unreadable(
        f'it reads `["{value}"]` of the request, which the migrated call sends with another '
        "value or not at all"
    )


def _outermost(analysis: ModuleAnalysis, node: cst.CSTNode) -> cst.CSTNode:
    """``node`` with the attributes, subscripts and calls made on it."""
    parent = analysis.parent(node)
    while isinstance(parent, (cst.Attribute, cst.Subscript, cst.Call)) and (
        getattr(parent, "value", None) is node or getattr(parent, "func", None) is node
    ):
        node, parent = parent, analysis.parent(parent)
    return node


def _messages_path(updated: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(updated, cst.SimpleString)
    return updated.with_changes(value=f"{updated.prefix}{updated.quote}/v1/messages{updated.quote}")
