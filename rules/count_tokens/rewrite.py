"""The call written for Messages: ``client.messages.count_tokens(model=..., messages=[...])``
read for ``.input_tokens``, with the model the module's migrated calls agree on and a quote
character the f-strings around the call leave free."""

from __future__ import annotations

import re

import libcst as cst

from migrator.analysis.names import ClientKind
from migrator.code.syntax import fill
from migrator.contract.plan import ModulePlan, Rewrite

# Kinds of migrated sites whose model names also work for a first-party client.
_FIRST_PARTY_SITES = (ClientKind.SYNC, ClientKind.ASYNC, ClientKind.UNKNOWN)
# A model name that needs no escaping in any string literal.
_PLAIN = re.compile(r"^[A-Za-z0-9._:@/-]+$")
_RECEIVER = "__migrator_receiver__"
_TEXT = "__migrator_text__"


def _rewrite(
    plan: ModulePlan, call: cst.Call, text: cst.Arg, model: str, quote: str
) -> tuple[cst.CSTNode, Rewrite]:
    """The node to replace (the call, or the ``await`` of it) and how to replace it."""
    name, role, user, content = (
        f"{quote}{word}{quote}" for word in (model, "role", "user", "content")
    )
    template = (
        f"{_RECEIVER}.messages.count_tokens(model={name}, "
        f"messages=[{{{role}: {user}, {content}: {_TEXT}}}])"
    )
    text_index = list(call.args).index(text)

    def counted(updated: cst.Call) -> cst.Call:
        assert isinstance(updated.func, cst.Attribute)
        old = updated.args[text_index]
        filled = fill(template, {_RECEIVER: updated.func.value, _TEXT: old.value})
        assert isinstance(filled, cst.Call)
        # The call keeps its own layout: what follows ``(``, and what follows the text.
        args = list(filled.args)
        args[-1] = args[-1].with_changes(
            comma=old.comma, whitespace_after_arg=old.whitespace_after_arg
        )
        return filled.with_changes(args=args, whitespace_before_args=updated.whitespace_before_args)

    def input_tokens(value: cst.BaseExpression, outer: cst.BaseExpression) -> cst.Attribute:
        return cst.Attribute(
            value=value, attr=cst.Name("input_tokens"), lpar=outer.lpar, rpar=outer.rpar
        )

    awaited = plan.analysis.parent(call)
    if isinstance(awaited, cst.Await) and awaited.expression is call:

        def rewrite_await(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Await) and isinstance(updated.expression, cst.Call)
            inner = updated.with_changes(
                expression=counted(updated.expression),
                lpar=[cst.LeftParen()],
                rpar=[cst.RightParen()],
            )
            return input_tokens(inner, updated)

        return awaited, rewrite_await

    def rewrite_call(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        return input_tokens(counted(updated).with_changes(lpar=(), rpar=()), updated)

    return call, rewrite_call


def _model(plan: ModulePlan) -> tuple[str, str]:
    """The model the module's migrated calls agree on (and its quote), or the target model."""
    fallback = (plan.config.target_model, '"')
    values: set[str] = set()
    quote = '"'
    for site in plan.migrated:
        if site.site.kind not in _FIRST_PARTY_SITES:
            continue
        arg = site.kwarg("model")
        value = arg.value if arg is not None else None
        if not (isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str)):
            return fallback
        if not values:
            quote = "'" if value.value.endswith("'") else '"'
        values.add(value.evaluated_value)
    if len(values) == 1:
        model = values.pop()
        if _PLAIN.match(model):
            return (model, quote)
    return fallback


def quote_for(node: cst.CSTNode, preferred: str, plan: ModulePlan) -> str | None:
    """A quote character that may appear at ``node``: inside an f-string, not the f-string's own.

    (Python before 3.12 ends an f-string at its quote character wherever it appears.)
    """
    taken = {
        current.quote[0]
        for current in plan.analysis.ancestors(node)
        if isinstance(current, cst.FormattedString)
    }
    for quote in (preferred, '"', "'"):
        if quote not in taken:
            return quote
    return None
