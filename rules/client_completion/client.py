"""The client of pre-0.3 calls: who shares it, what else uses it, and the rewrite of
``anthropic.Client(...)`` into the current client, with ``api_url`` as ``base_url``."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import libcst as cst

from migrator.analysis.names import LegacyCall, ModuleAnalysis, Scope
from migrator.code.syntax import TIGHT_EQUAL, string_value
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.runtime.helpers import URL_HELPER, URL_HELPER_SOURCE


def _client(plan: CallPlan | ModulePlan, constructor: cst.Call, asynchronous: bool) -> str | None:
    """Record the rewrite of ``anthropic.Client(...)``, or say why it cannot be made."""
    new_class = "AsyncAnthropic" if asynchronous else "Anthropic"
    if isinstance(constructor.func, cst.Name) and asynchronous:
        return (
            "`Client` is imported by name and its async methods are used: "
            "the client must become `AsyncAnthropic`, which is not imported"
        )
    renamed: dict[int, str] = {}
    values: dict[int, cst.BaseExpression] = {}
    url_helper = False
    for index, arg in enumerate(constructor.args):
        if arg.star:
            return "the client is built from `*args` / `**kwargs` the tool cannot see"
        keyword = _parameter(arg, index)
        if keyword is None:
            return "the client takes more arguments by position than the pre-0.3 one had"
        if keyword == "api_key":
            if arg.keyword is None:
                renamed[index] = "api_key"
        elif keyword == "api_url":
            # The old SDK sent to urljoin(api_url, "v1/complete"); the current one
            # appends "v1/messages" to base_url: base_url = urljoin(api_url, ".").
            url = string_value(arg.value)
            if url is not None and isinstance(arg.value, cst.SimpleString):
                base = urljoin(url, ".") if urlsplit(url).path not in ("", "/") else url
                if base != url:
                    quote = arg.value.quote
                    values[index] = cst.SimpleString(f"{arg.value.prefix}{quote}{base}{quote}")
            elif url is None:
                values[index] = cst.parse_expression(f"{URL_HELPER}(__url__)")
                url_helper = True
            renamed[index] = "base_url"
        elif keyword == "default_request_timeout":
            scope = plan.analysis.scope_of[constructor]
            if not _seconds(plan.analysis, arg.value, scope):
                what = (
                    "a `(connect, read)` pair"
                    if isinstance(arg.value, cst.Tuple)
                    else "known only at run time"
                )
                return (
                    f"`default_request_timeout` is {what}: the current client's `timeout=` "
                    "takes seconds or an `httpx2.Timeout(...)`; pass one of those by hand"
                )
            renamed[index] = "timeout"
        else:
            return f"the client takes `{keyword}=`, which the current SDK does not"
    if url_helper:  # only once the whole construction is known to be rewritten
        plan.helpers[URL_HELPER] = URL_HELPER_SOURCE

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        func = updated.func
        if isinstance(func, cst.Attribute):
            func = func.with_changes(attr=cst.Name(new_class))
        args = [
            arg.with_changes(
                keyword=cst.Name(renamed[index]),
                equal=arg.equal if arg.keyword is not None else TIGHT_EQUAL,
                value=_with_value(values.get(index), arg.value),
            )
            if index in renamed
            else arg
            for index, arg in enumerate(updated.args)
        ]
        return updated.with_changes(func=func, args=args)

    plan.rewrites[constructor] = rewrite
    return None


def _seconds(
    analysis: ModuleAnalysis, value: cst.BaseExpression, scope: Scope, depth: int = 0
) -> bool:
    """Surely a number: a literal, ``float(...)`` / ``int(...)``, or a name bound once to
    one of those."""
    if isinstance(value, (cst.Integer, cst.Float)):
        return True
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        return (
            value.func.value in ("float", "int")
            and analysis.lookup(value.func.value, scope) is None
        )
    if isinstance(value, cst.Name) and depth < 3:
        found = analysis.assigned_once(value.value, scope)
        return found is not None and _seconds(analysis, found[1], found[0], depth + 1)
    return False


def _parameter(arg: cst.Arg, index: int) -> str | None:
    """The parameter of the pre-0.3 client that an argument is given to (None past its
    last positional one)."""
    if arg.keyword is not None:
        return arg.keyword.value
    return SDK02_PARAMETERS[index] if index < len(SDK02_PARAMETERS) else None


# The pre-0.3 client's parameters in order (anthropic 0.2.10: ``Client(api_key,
# api_url=..., proxy_url=None, default_request_timeout=600)``).
SDK02_PARAMETERS = ("api_key", "api_url", "proxy_url", "default_request_timeout")


def _with_value(new: cst.BaseExpression | None, old: cst.BaseExpression) -> cst.BaseExpression:
    """``new`` in place of ``old``; a ``__url__`` inside it stands for ``old``."""
    if new is None:
        return old
    if isinstance(new, cst.Call) and new.args and isinstance(new.args[0].value, cst.Name):
        if new.args[0].value.value == "__url__":
            return new.with_changes(args=[new.args[0].with_changes(value=old), *new.args[1:]])
    return new


def sharing_a_client(site: LegacyCall, plan: CallPlan) -> list[LegacyCall]:
    """Every pre-0.3 call whose client is built by one of ``site``'s constructors."""
    mine = set(map(id, site.constructors))
    return [
        other
        for other in plan.analysis.calls
        if other.sdk02_method is not None and mine & set(map(id, other.constructors))
    ]


def other_use(plan: CallPlan, siblings: list[LegacyCall]) -> tuple[cst.CSTNode, str] | None:
    """A use of the client variable other than a call of a pre-0.3 method."""
    analysis = plan.analysis
    receiver = plan.site.receiver
    methods = {id(other.call.func) for other in siblings}
    if isinstance(receiver, cst.Call):
        return None
    if isinstance(receiver, cst.Name):
        found = analysis.lookup(receiver.value, plan.site.scope)
        assert found is not None
        # ``anthropic = anthropic.Client(key)``: the module read to build the client
        built_from = {
            id(constructor.func.value)
            for other in siblings
            for constructor in other.constructors
            if isinstance(constructor.func, cst.Attribute)
        }
        for use in analysis.uses_of(receiver.value, found[0]):
            parent = analysis.parent(use)
            if isinstance(parent, (cst.AssignTarget, cst.ImportFrom)) or id(use) in built_from:
                continue  # ``from anthropic import HUMAN_PROMPT`` names the module
            if isinstance(parent, cst.Attribute) and id(parent) in methods:
                continue
            return (
                use,
                f"the client `{receiver.value}` is used other than by its completion methods",
            )
        return None
    assert isinstance(receiver, cst.Attribute)
    name = receiver.attr.value
    for node in analysis.scope_of:
        if not (
            isinstance(node, cst.Attribute)
            and node.attr.value == name
            and isinstance(node.value, cst.Name)
        ):
            continue
        parent = analysis.parent(node)
        if isinstance(parent, cst.AssignTarget):
            continue
        if isinstance(parent, cst.Attribute) and id(parent) in methods:
            continue
        return node, f"the client `self.{name}` is used other than by its completion methods"
    return None
