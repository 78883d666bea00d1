"""Token counting: the client's local tokenizer becomes the token-counting endpoint.

## What it does

Rewrites `client.count_tokens(text)` on an `Anthropic` or `AsyncAnthropic`
client (`await client.count_tokens(text)` on an async one) into
`client.messages.count_tokens(model=..., messages=[{"role": "user", "content": text}]).input_tokens`.
The model is the one every migrated call of the module uses when they agree
on one literal, and the target model (`--target-model`, `target_model`)
otherwise. `anthropic.count_tokens(text)` (the module function of the
pre-0.3 SDK), `client.get_tokenizer()`, and a `count_tokens` with other
arguments, passed on uncalled, or inside a legacy call are left as they are,
reported, and marked with a `# migrator: manual` comment. A `count_tokens`
of anything not known to be an Anthropic client (tiktoken, your own class, an
OpenAI client) is not touched, and neither are Bedrock and Vertex clients.
A receiver named `messages` (`client.messages.count_tokens(...)`) is the
current SDK's own token counting and is never taken for a client.

## Why is this bad?

The current SDK has no local tokenizer: `client.count_tokens`,
`client.get_tokenizer` and `anthropic.count_tokens` are gone, and code that
calls them fails with `AttributeError` (or `ImportError`). Tokens are counted by the API, for a
whole request, with `client.messages.count_tokens`.

## Example

```python
import anthropic

client = anthropic.Anthropic()
text = "The quick brown fox jumps over the lazy dog."
print(client.count_tokens(text))
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
text = "The quick brown fox jumps over the lazy dog."
print(
    client.messages.count_tokens(
        model="claude-sonnet-5-5", messages=[{"role": "user", "content": text}]
    ).input_tokens
)
```

## Fix safety

Review: counting is now a network call to the API (it needs a key, takes
time, can fail and is rate limited), and it counts the text as a whole user
message for one model, so the number differs a little from the old local
tokenizer's, and an empty text is an error rather than 0. Code that relied on
exact counts (truncation to a budget, caching) should be looked at.

## References

Messages API, "Token counting" (`POST /v1/messages/count_tokens`); the
current SDK's `client.messages.count_tokens`.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ClientKind, Scope
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.count_tokens.rewrite import _model, _rewrite, quote_for

_CLIENTS = (ClientKind.SYNC, ClientKind.ASYNC)
_METHODS = ("count_tokens", "get_tokenizer")
# The module functions of the pre-0.3 SDK.
_FUNCTIONS = ("anthropic.count_tokens", "anthropic.get_tokenizer")

_COUNT = (
    "count with `client.messages.count_tokens(model=..., messages=[...])` and read its "
    "`.input_tokens` (a network call to the API)"
)
_MODULE_FUNCTION = (
    "`anthropic.{name}()` is gone from the current SDK; create a client "
    "(`client = anthropic.Anthropic()`) and " + _COUNT
)
_GET_TOKENIZER = (
    "`get_tokenizer()` is gone from the current SDK and there is no local tokenizer; " + _COUNT
)
_OTHER_SHAPE = (
    "`count_tokens` is gone from the current SDK and this use of it is not a call with one "
    "text; " + _COUNT
)
_IN_LEGACY_CALL = (
    "`count_tokens` is gone from the current SDK and this call sits inside a legacy call; " + _COUNT
)
_IN_FSTRING = (
    "`count_tokens` is gone from the current SDK and this call sits inside f-strings that use "
    "both quote characters; " + _COUNT
)
_REWRITTEN = (
    "`count_tokens` becomes `messages.count_tokens`: now a network call to the API that counts "
    "a whole user message, so the numbers differ a little from the old local tokenizer"
)


_PRE_03 = (
    "`count_tokens` of a pre-0.3 SDK client, which is migrated with its calls (TCM017); "
    "count with `client.messages.count_tokens(...)` once the client is the current one, on "
    "the messages rather than the prompt string"
)


class CountTokens(Rule):
    code = "TCM011"
    summary = "`client.count_tokens(text)` becomes `client.messages.count_tokens(...).input_tokens`"
    safety = Safety.REVIEW
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        analysis = plan.analysis
        model: tuple[str, str] | None = None
        # Clients of the pre-0.3 SDK (TCM017) keep their tokenizer with their calls.
        sdk02 = {plan.code_for(site.site.receiver) for site in plan.sites if site.site.sdk02_method}
        for node, scope in analysis.nodes_of(cst.Attribute, cst.Name):
            target = _target(node, scope, plan)
            if target is None:
                continue
            method, is_client = target
            call = analysis.parent(node)
            if not (isinstance(call, cst.Call) and call.func is node):
                call = None
            if is_client and isinstance(node, cst.Attribute) and plan.code_for(node.value) in sdk02:
                self._manual(plan, call or node, _PRE_03)
                continue
            if not is_client:
                self._manual(plan, call or node, _MODULE_FUNCTION.format(name=method))
                continue
            if method == "get_tokenizer":
                self._manual(plan, call or node, _GET_TOKENIZER)
                continue
            text = _text_argument(call) if call is not None else None
            if call is None or text is None:
                self._manual(plan, call or node, _OTHER_SHAPE)
                continue
            if self._marked(plan, call, _IN_LEGACY_CALL):
                # Left by an earlier run inside a legacy call that has since been
                # migrated: it stays manual, so that a second run changes nothing.
                self._manual(plan, call, _IN_LEGACY_CALL)
                continue
            if model is None:
                model = _model(plan)
            quote = quote_for(call, model[1], plan)
            if quote is None:
                self._manual(plan, call, _IN_FSTRING)
                continue
            replaced, rewrite = _rewrite(plan, call, text, model[0], quote)
            site = _enclosing_site(call, plan)
            if site is not None and (site.blocked or _argument_holding(replaced, site) is None):
                # A call left as written stays so; text moved into the messages
                # is not a node any more. (In an argument the migrated call keeps,
                # the engine carries the rewrite over.)
                self._manual(plan, call, _IN_LEGACY_CALL)
                continue
            plan.rewrites[replaced] = rewrite
            plan.migrated_requests += 1
            plan.report(type(self), call, _REWRITTEN, Safety.REVIEW)

    def _manual(self, plan: ModulePlan, node: cst.CSTNode, reason: str) -> None:
        plan.report(type(self), node, reason, Safety.MANUAL)
        plan.comment(node, self._comment(reason))

    def _comment(self, reason: str) -> str:
        return f"# migrator: manual [{self.code}] {reason}"

    def _marked(self, plan: ModulePlan, node: cst.CSTNode, reason: str) -> bool:
        """Whether the statement holding ``node`` already carries this manual comment."""
        statement = plan.analysis.statement_of.get(node)
        lines = getattr(statement, "leading_lines", ())
        return any(line.comment and line.comment.value == self._comment(reason) for line in lines)


def _target(node: cst.CSTNode, scope: Scope, plan: ModulePlan) -> tuple[str, bool] | None:
    """``(method, on_a_client)`` when ``node`` is the old SDK's tokenizer, else None."""
    analysis = plan.analysis
    if isinstance(node, cst.Attribute):
        method = node.attr.value
        if method not in _METHODS or _named_messages(node.value):
            return None
        if analysis.client_kind(node.value, scope) in _CLIENTS:
            return (method, True)
    elif isinstance(node, cst.Name):
        # ``from anthropic import count_tokens``: only calls, never the import itself.
        call = analysis.parent(node)
        if node.value not in _METHODS or not (isinstance(call, cst.Call) and call.func is node):
            return None
    else:
        return None
    qualified = analysis.qualified_name(node, scope)
    if qualified in _FUNCTIONS:
        return (qualified.rsplit(".", 1)[1], False)
    return None


def _named_messages(receiver: cst.BaseExpression) -> bool:
    """``messages`` or ``x.messages``: the current SDK's resource (the prefilter skips these)."""
    if isinstance(receiver, cst.Attribute):
        receiver = receiver.attr
    return isinstance(receiver, cst.Name) and receiver.value == "messages"


def _text_argument(call: cst.Call) -> cst.Arg | None:
    """The one argument of ``count_tokens(text)`` or ``count_tokens(text=...)``."""
    if len(call.args) != 1:
        return None
    arg = call.args[0]
    if arg.star:
        return None
    if arg.keyword is None or arg.keyword.value == "text":
        return arg
    return None


def _enclosing_site(node: cst.CSTNode, plan: ModulePlan) -> CallPlan | None:
    """The legacy call site whose call holds ``node``, if any."""
    sites = {site.call: site for site in plan.sites}
    return next((sites[a] for a in plan.analysis.ancestors(node) if a in sites), None)


def _argument_holding(node: cst.CSTNode, site: CallPlan) -> int | None:
    """The index in ``site.args`` of the argument whose value holds ``node``, if any."""
    values = {id(arg.value): index for index, arg in enumerate(site.args)}
    for current in (node, *site.analysis.ancestors(node)):
        if current is site.call:
            return None
        if id(current) in values:
            return values[id(current)]
    return None
