"""The pre-0.3 SDK: `anthropic.Client(key).completion(...)` becomes a Messages call.

## What it does

Finds `.completion(...)`, `.completion_stream(...)`, `.acompletion(...)` and
`.acompletion_stream(...)` called on an `anthropic.Client(...)` (inline, in a
variable or on `self`; `Client` alone says nothing, it is an alias of
`Anthropic` in every SDK since 0.3) and makes each a `messages.create(...)`
call, with its prompt, `max_tokens_to_sample`, model and stop sequences
converted by the other rules. The client becomes
`anthropic.Anthropic(api_key=...)`, or `anthropic.AsyncAnthropic(api_key=...)`
when its async methods are used. The response was a dict: its
`["completion"]` becomes the text of `.content`, and `["stop_reason"]`,
`["stop"]` and `["model"]` attributes (TCM009, TCM012); `disable_checks=`,
which turned off the old SDK's own prompt checks and was never sent, goes.
`api_url=` becomes `base_url=` of the same place (also given by position:
the old client was `Client(api_key, api_url, proxy_url,
default_request_timeout)`): the old SDK sent to
`urljoin(api_url, "v1/complete")`, the current one appends `v1/messages` to
`base_url`, so a literal with a path (`https://gw.example.com/anthropic`)
becomes its directory (`https://gw.example.com/`), and a value known only at
run time goes through `_legacy_api_url_base(...)`, which joins `"."` onto it.
A stream carried the whole text so far in each event: a loop over it keeps a
variable with the text so far, adds each text delta to it, and reads it
wherever it read `["completion"]`, also after the loop; read there for
`["stop_reason"]` or `["stop"]` (with no `break`), the loop keeps the
`message_delta` event aside and the read is its `delta`'s. A loop that only
keeps the last event (`for event in client.completion_stream(...): last =
event`, or `for last in ...: pass`, then
`last["completion"]` / `["stop_reason"]` / `["stop"]`) becomes `with
client.messages.stream(...) as stream: last = stream.get_final_message()`,
whose text, `stop_reason` and `stop_sequence` are read instead; so does one
over a stream assigned just before it (`stream = await
client.acompletion_stream(...)`, `async with` and `await
stream.get_final_message()` for the async client), the request moving down
into the `with` (a test
`last is None` stays: a stream that succeeds had an event, and has a final
message). The old SDK
sent `stream=` as given: with a flag known only at run time
(`completion_stream(..., stream=flag)`, which gave one dict with the whole
text when the flag was false), the call keeps `stream=flag` and its result goes
through `_legacy_completion_stream_dicts(...)`, written into the module, which
gives the loop the same dicts from a Messages response or stream (a review
finding). So does a stream (of a sync client) handed to code the tool does not
follow and used for nothing else: given as an argument (`list(...)`, a helper),
yielded, or bound to a name only ever iterated, handed on or returned; its call
asks for `stream=True`.

A class with a `completion()` method of its own, and OpenAI's or LiteLLM's
`completion(...)`, are not touched: only a receiver built by
`anthropic.Client(...)` is.

## Why is this bad?

`anthropic` 0.3 replaced the whole client: `Client(key)` no longer takes the
key by position, `completion`, `completion_stream`, `acompletion` and
`acompletion_stream` are gone, and responses are objects, not dicts.

## Example

```python
import anthropic

client = anthropic.Client("my-key")
response = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=100,
)
print(response["completion"])
for data in client.completion_stream(
    prompt=f"{anthropic.HUMAN_PROMPT} Count to three{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=100,
):
    text = data["completion"]
print(text)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic(api_key="my-key")
response = client.messages.create(
    messages=[{"role": "user", "content": "Hello"}],
    model="claude-sonnet-5-5",
    max_tokens=100,
)
print("".join(block.text for block in response.content if block.type == "text"))
completion_so_far = ""
for data in client.messages.create(
    messages=[{"role": "user", "content": "Count to three"}],
    model="claude-sonnet-5-5",
    max_tokens=100,
    stream=True,
):
    if data.type == "content_block_delta" and data.delta.type == "text_delta":
        completion_so_far += data.delta.text
    elif data.type != "message_delta":
        continue
    text = completion_so_far
print(text)
```

## Fix safety

Safe: the same requests, and the loop body runs once per piece of text and
once more at the end (the final `message_delta`, like the last legacy event
that carried the stop reason), each time seeing the whole text so far. A client
used by both sync and async methods becomes the `Anthropic` of its sync calls,
and an `AsyncAnthropic` built on the next line from its settings
(`async_client = anthropic.AsyncAnthropic(api_key=client.api_key)`, on `self`
too) takes its async calls. Left untouched and reported, with every other call
on the same client (they share it): a client used for anything but these
methods, one used by both sync and async methods and not built by an
assignment of its own, `Client` imported by name for an async client, constructor
arguments other than the key and `api_url`, and a `default_request_timeout`
that is not surely a number (a literal, `float(...)`, a name bound once to one);
a response read other than by key, or type-checked as a dict; a stream used other than by one loop or by
code it is handed to (above), or whose loop reads its events other than by
`["completion"]` / `["stop_reason"]` / `["stop"]`, or reads them after the loop
otherwise. A `completion` / `completion_stream` call with `max_tokens_to_sample`, a
keyword only Anthropic's APIs take, on a client the tool cannot trace (a
parameter, a factory's result) is the pre-0.3 SDK's too, and is migrated the
same way, with a review finding: its client must be an `Anthropic` where it is
built. Not when a class of the module defines a method of that name (a provider
wrapper's own `completion()`, inherited or not): the call is likelier that
method, and the keyword is judged where the method sends it. In a module whose pre-0.3 calls are all migrated and that has no async
one, every `anthropic.Client(key)` becomes `anthropic.Anthropic(api_key=key)`,
so a client built here for calls elsewhere follows them. Anywhere else,
`Client(key)` (or `Anthropic(key)`, reached through any import or alias) passes
its key as `api_key=` and keeps its class as written: the pre-0.3 client took
the key by keyword too, so this is exact under both SDKs, and the calls on it
that are left for a person keep their own findings. So does a subclass of
the client the module defines: `super().__init__(key)` in its `__init__`, or
its own construction when it takes the client's `__init__` (`Plain(key)`); the
current SDK keeps `Client` as another name of `Anthropic`, so the class stays
as written. A construction from `*args` / `**kwargs`, or one that still needs
the old client's `api_url`, `proxy_url` or `default_request_timeout`, is
reported for manual work. The async
`acompletion` / `acompletion_stream` on a parameter of a function of the
module are migrated when every caller passes an `anthropic.Client(key)` it
builds (or hands on what its own callers pass), used by nothing but such
calls (here or in the functions it is handed to): that construction becomes
`AsyncAnthropic(api_key=key)` (for sync methods, `Anthropic`). On any other
client they are reported for manual work (the client where it is built must
become `AsyncAnthropic`); a module that defines a method of that name keeps its own calls, and without
`max_tokens_to_sample` a `completion(...)` is not touched, since many classes
have one.

`except anthropic.ApiException` (also `anthropic.api.ApiException`, or the
name imported) becomes `except anthropic.APIStatusError`, reported for review:
the old SDK raised `ApiException` for a response with an error status, as the
current one raises `APIStatusError` (connection errors were `requests`'
exceptions then and are `APIConnectionError` now, caught by neither), and for
its own prompt checks, which a migrated prompt passes. Its text differs: read
`.status_code` and `.body` rather than parsing `str(error)`. This is done when
the name is only ever caught and no pre-0.3 call of the module is left as it
was. Other uses of it, `ANTHROPIC_CLIENT_VERSION`, and the modules
`anthropic.api`, `anthropic.constants` and `anthropic.tokenizer` are reported
for manual work.

## References

`MIGRATION.md`, "Other surfaces" (the pre-0.3 SDK); the SDK 0.2 source.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ClientKind
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.client_completion.client import _client, other_use, sharing_a_client
from migrator.rules.client_completion.constructions import _constructions, subclass_receiver
from migrator.rules.client_completion.removed import API_EXCEPTION, _handlers, _removed
from migrator.rules.client_completion.stream import _stream
from migrator.rules.client_completion.twin import async_twin
from migrator.rules.client_completion.untraced import _untraced


class ClientCompletion(Rule):
    code = "TCM017"
    summary = "`anthropic.Client(key).completion(...)` of the pre-0.3 SDK becomes `messages.create`"
    safety = Safety.SAFE
    since = "0.2.0"

    def apply(self, plan: CallPlan) -> None:
        site = plan.site
        if site.sdk02_method is None:
            return
        if not site.constructors:
            self._untraced_call(plan)
            return
        siblings = sharing_a_client(site, plan)
        plan.linked.extend(other.call for other in siblings if other is not site)
        kinds = {other.kind for other in siblings}
        if len(kinds) != 1:
            reason = async_twin(plan, siblings)
            if reason is not None:
                plan.block(type(self), plan.call, reason)
                return
        problem = other_use(plan, siblings)
        if problem is not None:
            plan.block(type(self), problem[0], problem[1])
            return
        asynchronous = kinds == {ClientKind.ASYNC}
        for constructor in site.constructors:
            reason = _client(plan, constructor, asynchronous)
            if reason is not None:
                plan.block(type(self), constructor, reason)
                return
        plan.client_done = True
        self._disable_checks(plan)
        for constructor in site.constructors:
            new_class = "AsyncAnthropic" if asynchronous else "Anthropic"
            twin = " for its sync calls, and an `AsyncAnthropic` beside it for the async ones"
            plan.report(
                type(self),
                constructor,
                f"the pre-0.3 SDK's `Client(...)` (its `.{site.sdk02_method}(...)` is called) "
                f"becomes `{new_class}(api_key=...)`{twin if len(kinds) != 1 else ''}",
                Safety.SAFE,
            )
        if site.sdk02_method.endswith("_stream"):
            _stream(type(self), plan)

    def _untraced_call(self, plan: CallPlan) -> None:
        """A sync pre-0.3 call on a client built elsewhere (a parameter, a factory)."""
        plan.client_done = True
        self._disable_checks(plan)
        subclass = subclass_receiver(plan)
        if subclass is not None:
            plan.report(
                type(self),
                plan.call,
                f"`.{plan.site.sdk02_method}(...)` is called on `{subclass}`, the module's "
                "subclass of the pre-0.3 `Client`: the current SDK keeps that name for "
                "`Anthropic`, and the subclass is given its key by keyword",
                Safety.SAFE,
            )
        else:
            plan.report(
                type(self),
                plan.call,
                f"`.{plan.site.sdk02_method}(...)` with `max_tokens_to_sample` is the pre-0.3 "
                "SDK's; its client is built elsewhere and must become "
                "`anthropic.Anthropic(api_key=...)` there (this tool does so for "
                "`anthropic.Client(key)` in migrated modules)",
                Safety.REVIEW,
            )
        if plan.site.sdk02_method.endswith("_stream"):  # type: ignore[union-attr]
            _stream(type(self), plan)

    def _disable_checks(self, plan: CallPlan) -> None:
        checks = plan.kwarg("disable_checks")
        if checks is not None:
            plan.remove(checks)
            plan.report(
                type(self),
                checks,
                "`disable_checks=` only turned off the old SDK's own prompt checks and was never "
                "sent; the current SDK makes no such checks",
                Safety.SAFE,
            )

    def apply_module(self, plan: ModulePlan) -> None:
        """Names only the pre-0.3 SDK has: ``ApiException`` handlers, or manual work."""
        analysis = plan.analysis
        removed: list[tuple[cst.CSTNode, str]] = []
        raised: list[cst.CSTNode] = []
        for node, scope in analysis.nodes_of(cst.Attribute, cst.Name):
            if not isinstance(node, (cst.Attribute, cst.Name)):
                continue
            parent = analysis.parent(node)
            if isinstance(parent, cst.ImportFrom) or (
                isinstance(parent, cst.Attribute) and parent.value is node
            ):
                continue  # the module of an import, or part of a longer name
            qualified = analysis.qualified_name(node, scope)
            message = _removed(qualified)
            if message is not None:
                removed.append((node, message))
                if qualified in API_EXCEPTION:
                    raised.append(node)
        caught = _handlers(type(self), plan, raised) if raised else set()
        if caught:  # the import's own name went with its statement
            caught |= {
                node for node in raised if isinstance(analysis.parent(node), cst.ImportAlias)
            }
        for node, message in removed:
            if node not in caught:
                plan.report(type(self), node, message, Safety.MANUAL)
                plan.comment(node, f"# migrator: manual [{self.code}] {message}")
        _untraced(type(self), plan)
        _constructions(type(self), plan)
