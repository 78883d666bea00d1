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
wherever it read `["completion"]`. A loop that only keeps the last event
(`for event in client.completion_stream(...): last = event`, then
`last["completion"]` / `["stop_reason"]` / `["stop"]`) becomes `with
client.messages.stream(...) as stream: last = stream.get_final_message()`,
whose text, `stop_reason` and `stop_sequence` are read instead. The old SDK
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
that carried the stop reason), each time seeing the whole text so far. Left
untouched and reported, with every other call on the same client (they share
it): a client used for anything but these methods, one used by both sync and
async methods, `Client` imported by name for an async client, constructor
arguments other than the key and `api_url`, and a `default_request_timeout`
that is not a number literal; a response read other than by
key, or type-checked as a dict; a stream used other than by one loop or by
code it is handed to (above), or whose loop reads its events other than by
`["completion"]` / `["stop_reason"]` / `["stop"]`, or reads them after the loop. A `completion` / `completion_stream` call with `max_tokens_to_sample`, a
keyword only Anthropic's APIs take, on a client the tool cannot trace (a
parameter, a factory's result) is the pre-0.3 SDK's too, and is migrated the
same way, with a review finding: its client must be an `Anthropic` where it is
built. In a module whose pre-0.3 calls are all migrated and that has no async
one, every `anthropic.Client(key)` becomes `anthropic.Anthropic(api_key=key)`,
so a client built here for calls elsewhere follows them. Anywhere else,
`Client(key)` (or `Anthropic(key)`, reached through any import or alias) passes
its key as `api_key=` and keeps its class as written: the pre-0.3 client took
the key by keyword too, so this is exact under both SDKs, and the calls on it
that are left for a person keep their own findings. A construction from
`*args` / `**kwargs`, or one that still needs the old client's `api_url`,
`proxy_url` or `default_request_timeout`, is reported for manual work. The async
`acompletion` / `acompletion_stream` on such a client are reported for manual
work (the client where it is built must become `AsyncAnthropic`); a module
that defines a method of that name keeps its own calls, and without
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

from urllib.parse import urljoin, urlsplit

import libcst as cst

from migrator.analysis import (
    LOOKALIKE_ROOTS,
    SDK02_CLIENT,
    ClientKind,
    LegacyCall,
    ModuleAnalysis,
)
from migrator.flow import reads_of_value
from migrator.plan import CallPlan, ModulePlan, Rewrite
from migrator.response_dict import key_read
from migrator.rule import Rule, Safety
from migrator.runtime import (
    SDK02_STREAM_ADAPTER,
    URL_HELPER,
    URL_HELPER_SOURCE,
    sdk02_stream_adapter_helpers,
)
from migrator.streams import iterated_only, loop_over
from migrator.syntax import TIGHT_EQUAL, fill, string_value

_GUARD = (
    'if {event}.type == "content_block_delta" and {event}.delta.type == "text_delta":\n'
    "    {text} += {event}.delta.text\n"
    'elif {event}.type != "message_delta":\n'
    "    continue\n"
)
_END_FIELDS = {
    "stop_reason": '(__event__.delta.stop_reason if __event__.type == "message_delta" else None)',
    "stop": '(__event__.delta.stop_sequence if __event__.type == "message_delta" else None)',
}


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
        siblings = _sharing_a_client(site, plan)
        plan.linked.extend(other.call for other in siblings if other is not site)
        asynchronous = {other.sdk02_method.startswith("a") for other in siblings}  # type: ignore[union-attr]
        if len(asynchronous) != 1:
            plan.block(
                type(self),
                plan.call,
                "the client is used by both sync and async methods; "
                "Messages needs an `Anthropic` and an `AsyncAnthropic` client",
            )
            return
        problem = _other_use(plan, siblings)
        if problem is not None:
            plan.block(type(self), problem[0], problem[1])
            return
        for constructor in site.constructors:
            reason = self._client(plan, constructor, site.kind is ClientKind.ASYNC)
            if reason is not None:
                plan.block(type(self), constructor, reason)
                return
        plan.client_done = True
        self._disable_checks(plan)
        for constructor in site.constructors:
            new_class = "AsyncAnthropic" if site.kind is ClientKind.ASYNC else "Anthropic"
            plan.report(
                type(self),
                constructor,
                f"the pre-0.3 SDK's `Client(...)` (its `.{site.sdk02_method}(...)` is called) "
                f"becomes `{new_class}(api_key=...)`",
                Safety.SAFE,
            )
        if site.sdk02_method.endswith("_stream"):
            self._stream(plan)

    def _untraced_call(self, plan: CallPlan) -> None:
        """A sync pre-0.3 call on a client built elsewhere (a parameter, a factory)."""
        plan.client_done = True
        self._disable_checks(plan)
        plan.report(
            type(self),
            plan.call,
            f"`.{plan.site.sdk02_method}(...)` with `max_tokens_to_sample` is the pre-0.3 SDK's; "
            "its client is built elsewhere and must become `anthropic.Anthropic(api_key=...)` "
            "there (this tool does so for `anthropic.Client(key)` in migrated modules)",
            Safety.REVIEW,
        )
        if plan.site.sdk02_method.endswith("_stream"):  # type: ignore[union-attr]
            self._stream(plan)

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

    def _stream_flag(self, plan: CallPlan, flag: cst.Arg) -> None:
        """``completion_stream(..., stream=flag)``: the old SDK sent the flag as it was.

        With a false flag the server answered in one piece, which the stream gave as
        one dict with the whole text; with a true one, a dict per piece. The call
        keeps ``stream=flag`` and its result goes through
        ``_legacy_completion_stream_dicts(...)``, which gives the loop the same dicts
        from a Messages response or stream, so the loop is left as it is.
        """
        shown = " ".join(plan.code_for(flag.value).split())
        if plan.site.kind is ClientKind.ASYNC:
            plan.block(
                type(self),
                plan.call,
                f"`stream={shown}` is only known at run time on an async stream: call "
                "`messages.stream(...)` or `messages.create(...)` by hand",
            )
            return
        found = loop_over(plan)
        if isinstance(found, str):
            plan.block(type(self), plan.call, found)
            return
        loop = found[0]
        if not isinstance(loop.target, cst.Name) or not isinstance(loop.body, cst.IndentedBlock):
            plan.block(
                type(self), loop, "the loop unpacks the stream's events or has a one-line body"
            )
            return
        reads = _event_reads(plan, loop, loop.target)
        if isinstance(reads, str):
            plan.block(type(self), loop, reads)
            return
        plan.helpers.update(sdk02_stream_adapter_helpers())
        plan.result_wrapper = SDK02_STREAM_ADAPTER
        plan.stream_done = True
        plan.report(
            type(self),
            flag,
            f"`stream={shown}` is only known at run time: `{SDK02_STREAM_ADAPTER}(...)` gives "
            "the loop the dicts `completion_stream` gave (the whole text so far, one per piece, "
            'or one for a request that does not stream; a natural end as "stop_sequence"); '
            "choose `messages.stream(...)` or `messages.create(...)` by hand and drop it",
            Safety.REVIEW,
        )

    def _handed_on(self, plan: CallPlan, given: bool) -> bool:
        """``completion_stream(...)`` handed to code the tool does not follow, and used for
        nothing else (see :func:`migrator.streams.iterated_only`): that code gets the
        dicts it got, through ``_legacy_completion_stream_dicts(...)``. Not on an async
        client, whose stream is awaited."""
        analysis = plan.analysis
        parent = analysis.parent(plan.call)
        if plan.site.kind is ClientKind.ASYNC or not iterated_only(
            analysis, plan.call, parent, assigned=True
        ):
            return False
        if not given:
            _ask_to_stream(plan)
        plan.helpers.update(sdk02_stream_adapter_helpers())
        plan.result_wrapper = SDK02_STREAM_ADAPTER
        plan.stream_done = True
        plan.report(
            type(self),
            plan.call,
            "the stream is handed to code the tool does not follow: "
            f"`{SDK02_STREAM_ADAPTER}(...)` gives it the dicts `completion_stream` gave (the "
            'whole text so far, one per piece; a natural end as "stop_sequence"); move that '
            "code to `messages.stream(...)` and drop it",
            Safety.REVIEW,
        )
        return True

    def _only_last(self, plan: CallPlan, loop: cst.For, flag: cst.Arg | None) -> bool:
        """``for event in client.completion_stream(...): last = event``, then ``last[...]``.

        Each event carried the whole text so far, so the last one holds the whole
        answer: the loop becomes ``with client.messages.stream(...) as stream:
        last = stream.get_final_message()`` and the reads of ``last`` after it
        read the Message. False, changing nothing, for any other loop.
        """
        analysis = plan.analysis
        body = loop.body.body  # type: ignore[union-attr]
        line = body[0] if len(body) == 1 else None
        assign = line.body[0] if isinstance(line, cst.SimpleStatementLine) else None
        if not (
            isinstance(assign, cst.Assign)
            and len(line.body) == 1  # type: ignore[union-attr]
            and isinstance(assign.value, cst.Name)
            and assign.value.value == loop.target.value  # type: ignore[union-attr]
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
            and loop.orelse is None
            and loop.iter is plan.call
        ):
            return False
        kept = assign.targets[0].target
        uses = reads_of_value(analysis, kept, assign.value)
        if uses is None:
            return False
        reads = [key_read(use, analysis) for use in uses]
        if not reads or any(
            read is None or read.key not in _DICT_FIELDS or loop in analysis.ancestors(read.node)
            for read in reads
        ):
            return False
        stream_name = next(
            n for n in ("stream", "stream_2", "stream_3", "_stream") if n not in analysis.spelled
        )
        if flag is not None:
            plan.remove(flag)
        plan.function = "stream"
        for read in reads:
            assert read is not None
            if read.key == "completion":
                plan.rewrites[read.node] = lambda updated: fill(
                    '"".join(block.text for block in __m__.content if block.type == "text")',
                    {"__m__": _mapping(updated)},
                )
            else:
                attribute = _DICT_FIELDS[read.key]
                plan.rewrites[read.node] = lambda updated, attribute=attribute: cst.Attribute(
                    _mapping(updated), cst.Name(attribute)
                )
                if read.key == "stop_reason":
                    plan.stop_reason_reads.append(read.node)
        name = kept.value

        def wrap(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.For)
            final = cst.parse_statement(
                f"{name} = {stream_name}.get_final_message()",
                config=analysis.module.config_for_parsing,
            )
            return cst.With(
                items=[cst.WithItem(updated.iter, asname=cst.AsName(cst.Name(stream_name)))],
                body=cst.IndentedBlock([final]),
                leading_lines=updated.leading_lines,
            )

        plan.rewrites[loop] = wrap
        plan.stream_done = True
        plan.report(
            type(self),
            loop,
            "the loop only kept the last event, which carried the whole answer: the final "
            "message of `messages.stream(...)` takes its place",
            Safety.SAFE,
        )
        return True

    # --- the client ----------------------------------------------------------
    def _client(
        self, plan: CallPlan | ModulePlan, constructor: cst.Call, asynchronous: bool
    ) -> str | None:
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
                if not isinstance(arg.value, (cst.Integer, cst.Float)):
                    return "`default_request_timeout` is not a number literal"
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

    # --- cumulative streams -----------------------------------------------------
    def _stream(self, plan: CallPlan) -> None:
        flag = plan.kwarg("stream")
        # The old SDK's own examples passed a redundant `stream=True`: it is kept as it is.
        given = flag is not None and isinstance(flag.value, cst.Name) and flag.value.value == "True"
        if flag is not None and not given and not any(arg.star == "**" for arg in plan.call.args):
            self._stream_flag(plan, flag)
            return
        if (flag is not None and not given) or any(arg.star == "**" for arg in plan.call.args):
            plan.block(
                type(self),
                plan.call,
                "a stream whose request is splatted from a dict or sets `stream=` to something "
                "other than True",
            )
            return
        plan.streamed = True
        found = loop_over(plan)
        if isinstance(found, str) and self._handed_on(plan, given):
            return
        if isinstance(found, str):
            plan.block(type(self), plan.call, found)
            return
        loop, assignment = found
        if not isinstance(loop.target, cst.Name) or not isinstance(loop.body, cst.IndentedBlock):
            plan.block(
                type(self), loop, "the loop unpacks the stream's events or has a one-line body"
            )
            return
        if assignment is None and self._only_last(plan, loop, flag if given else None):
            return
        reads = _event_reads(plan, loop, loop.target)
        if isinstance(reads, str):
            plan.block(type(self), loop, reads)
            return
        text = _free_name(plan, "completion_so_far")
        event = loop.target.value
        config = plan.analysis.module.config_for_parsing
        guard = cst.parse_module(_GUARD.format(event=event, text=text), config=config).body
        start = f'{text} = ""'
        for read in reads:
            if read.key == "completion":
                plan.rewrites[read.node] = lambda _updated: cst.Name(text)
            else:
                template = _END_FIELDS[read.key]
                plan.rewrites[read.node] = lambda updated, template=template: fill(
                    template, {"__event__": _mapping(updated)}
                )
                if read.key == "stop_reason":
                    plan.stop_reason_reads.append(read.node)

        def add_guard(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.IndentedBlock)
            return updated.with_changes(body=[*guard, *updated.body])

        plan.rewrites[loop.body] = add_guard
        if assignment is not None:
            plan.statements_after.setdefault(assignment, []).append(start)
        else:

            def start_first(updated: cst.CSTNode) -> cst.CSTNode:
                assert isinstance(updated, cst.For)
                first = cst.parse_statement(start, config=config)
                return cst.FlattenSentinel(  # type: ignore[return-value]
                    [
                        first.with_changes(leading_lines=updated.leading_lines),
                        updated.with_changes(leading_lines=[]),
                    ]
                )

            plan.rewrites[loop] = start_first
        if not given:
            _ask_to_stream(plan)
        plan.stream_done = True
        plan.report(
            type(self),
            loop,
            "each event of the stream carried the whole text so far: the loop adds up the "
            f"text deltas of Messages events in `{text}` and reads that",
            Safety.SAFE,
        )

    # --- module ------------------------------------------------------------------
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
                if qualified in _API_EXCEPTION:
                    raised.append(node)
        caught = self._handlers(plan, raised) if raised else set()
        if caught:  # the import's own name went with its statement
            caught |= {
                node for node in raised if isinstance(analysis.parent(node), cst.ImportAlias)
            }
        for node, message in removed:
            if node not in caught:
                plan.report(type(self), node, message, Safety.MANUAL)
                plan.comment(node, f"# migrator: manual [{self.code}] {message}")
        self._untraced(plan)
        self._constructions(plan)

    def _constructions(self, plan: ModulePlan) -> None:
        """Every ``anthropic.Client(key)`` the migrated calls did not rewrite: a client
        built here for calls elsewhere, or one whose own calls are left for a person.

        In a module whose pre-0.3 calls are all migrated and that has no async one,
        ``anthropic.Client(key)`` becomes ``anthropic.Anthropic(api_key=key)``. Anywhere
        else the key alone is passed by keyword (``Client(api_key=key)``): both SDKs take
        it so (the current one only so), and the calls left on the client keep their
        own findings.
        """
        analysis = plan.analysis
        whole = _whole_clients(plan)
        done = {node for site in plan.migrated for node in site.rewrites}
        for node, scope in analysis.nodes_of(cst.Call):
            if not (
                isinstance(node, cst.Call)
                and node not in done
                and node.args
                and node.args[0].keyword is None
                and node.args[0].star != "**"
            ):
                continue
            qualified = analysis.qualified_name(node.func, scope)
            if qualified not in _CLIENT_CLASSES:
                continue
            if (
                whole
                and qualified == SDK02_CLIENT
                and isinstance(node.func, cst.Attribute)
                and self._client(plan, node, asynchronous=False) is None
            ):
                plan.report(
                    type(self),
                    node,
                    "the pre-0.3 SDK's `Client(key)` becomes `Anthropic(api_key=...)`: the "
                    "current client takes the key by keyword only",
                    Safety.SAFE,
                )
            else:
                self._key_by_keyword(plan, node, plan.code_for(node.func))

    def _key_by_keyword(self, plan: ModulePlan, constructor: cst.Call, name: str) -> None:
        """``Client(key)`` becomes ``Client(api_key=key)``, the class left as it is written.

        Exact under both SDKs: the pre-0.3 client took ``api_key`` by keyword as well.
        A construction with more (its ``api_url``, ``proxy_url`` or
        ``default_request_timeout``, by position or by keyword, which the current
        client refuses, or ``*args`` / ``**kwargs``) is reported for manual work.
        """
        message = _not_by_keyword(constructor, name)
        if message is not None:
            plan.report(type(self), constructor, message, Safety.MANUAL)
            plan.comment(constructor, f"# migrator: manual [{self.code}] {message}")
            return

        def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Call)
            key = updated.args[0].with_changes(keyword=cst.Name("api_key"), equal=TIGHT_EQUAL)
            return updated.with_changes(args=[key, *updated.args[1:]])

        plan.rewrites[constructor] = rewrite
        plan.report(
            type(self),
            constructor,
            f"`{name}(key)` passes its key as `api_key=`: the current client takes keywords "
            "only, and the pre-0.3 one took this one too",
            Safety.SAFE,
        )

    def _handlers(self, plan: ModulePlan, uses: list[cst.CSTNode]) -> set[cst.CSTNode]:
        """``except anthropic.ApiException`` becomes ``except anthropic.APIStatusError``.

        The old SDK raised ``ApiException`` for a response with an error status (and
        for its own prompt checks, which a migrated prompt passes); the current one
        raises ``APIStatusError``. Done when the name is only ever caught, and no
        pre-0.3 call of the module is left as it was (it would still raise the old
        exception). Returns the uses rewritten.
        """
        analysis = plan.analysis
        uses = [use for use in uses if not isinstance(analysis.parent(use), cst.ImportAlias)]
        if not uses or not all(_caught(analysis, use) for use in uses):
            return set()
        if any(site.site.sdk02_method is not None and site.blocked for site in plan.sites):
            return set()
        imports = [
            (statement, alias)
            for statement in analysis.scope_of
            if isinstance(statement, cst.ImportFrom)
            and not isinstance(statement.names, cst.ImportStar)
            for alias in statement.names
            if alias.evaluated_name == "ApiException"
            and cst.helpers.get_full_name_for_node(statement.module or cst.Name(""))
            in ("anthropic", "anthropic.api")
        ]
        for statement, _alias in imports:
            if len(statement.names) != 1 and _module_name(statement) != "anthropic":
                return set()  # ``from anthropic.api import ApiException, Client``
        for statement, alias in imports:
            plan.rewrites[statement] = _import_status_error(alias)
        for use in uses:
            plan.rewrites[use] = _status_error
            plan.report(
                type(self),
                use,
                "`ApiException` of the pre-0.3 SDK becomes `APIStatusError`, which the current "
                "SDK raises for a refused request as the old one raised `ApiException`; its text "
                "differs, so read `.status_code` and `.body` instead of parsing `str(error)`",
                Safety.REVIEW,
            )
        return set(uses)

    def _untraced(self, plan: ModulePlan) -> None:
        """A pre-0.3 stream or async method on a client the tool cannot trace.

        These methods with ``max_tokens_to_sample`` are that SDK's spelling; the
        client may come from a parameter or a factory. ``completion(...)`` without
        that keyword is too common a name (a class's own method) to say as much.
        """
        analysis = plan.analysis
        found = {site.call for site in analysis.calls}
        for node, scope in analysis.nodes_of(cst.Call):
            if not (
                isinstance(node, cst.Call)
                and isinstance(node.func, cst.Attribute)
                and node.func.attr.value in _UNTRACED_METHODS
                and node not in found
                and any(
                    a.keyword is not None and a.keyword.value == "max_tokens_to_sample"
                    for a in node.args
                )
            ):
                continue
            receiver = node.func.value
            qualified = analysis.qualified_name(receiver, scope)
            if analysis.client_kind(receiver, scope) is ClientKind.OTHER or (
                qualified is not None and qualified.split(".")[0] in LOOKALIKE_ROOTS
            ):
                continue  # LiteLLM's acompletion, OpenAI's clients
            message = (
                f"`.{node.func.attr.value}(...)` with `max_tokens_to_sample`: the pre-0.3 SDK's "
                "call, on a client the tool cannot trace to `anthropic.Client(...)` in this "
                "module; migrate it with its client"
            )
            plan.report(type(self), node, message, Safety.MANUAL)
            plan.comment(node, f"# migrator: manual [{self.code}] {message}")


def _whole_clients(plan: ModulePlan) -> bool:
    """May a ``Client(key)`` built here become an ``Anthropic``: the module's pre-0.3
    calls are all migrated, and none is async (its client would be an ``AsyncAnthropic``)."""
    sdk02 = [site for site in plan.sites if site.site.sdk02_method is not None]
    if not sdk02 or any(site.blocked for site in sdk02):
        return False
    return not any(
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in ("acompletion", "acompletion_stream")
        for node in plan.analysis.scope_of
    )


def _not_by_keyword(constructor: cst.Call, name: str) -> str | None:
    """Why the key alone cannot be passed by keyword, if so: the rest of the construction
    cannot be seen, or the current client refuses it too."""
    first, *others = constructor.args
    if first.star or any(arg.star for arg in others):
        return (
            f"`{name}(...)` is built from `*args` / `**kwargs` the tool cannot see, which may "
            "give it its key by position: the current client takes `api_key=` only"
        )
    old = [
        _parameter(arg, index)
        for index, arg in enumerate(others, start=1)
        if arg.keyword is None or arg.keyword.value in _SDK02_PARAMETERS[1:]
    ]
    if not old:
        return None
    named = [f"`{parameter}`" for parameter in old if parameter]
    shown = " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    return (
        f"`{name}(...)` is given its key by position and the pre-0.3 client's {shown}, which "
        "the current client does not take (it takes keywords only): pass `api_key=` and the "
        "current client's options by hand"
    )


def _parameter(arg: cst.Arg, index: int) -> str | None:
    """The parameter of the pre-0.3 client that an argument is given to (None past its
    last positional one)."""
    if arg.keyword is not None:
        return arg.keyword.value
    return _SDK02_PARAMETERS[index] if index < len(_SDK02_PARAMETERS) else None


# The pre-0.3 client's parameters in order (anthropic 0.2.10: ``Client(api_key,
# api_url=..., proxy_url=None, default_request_timeout=600)``).
_SDK02_PARAMETERS = ("api_key", "api_url", "proxy_url", "default_request_timeout")
# The client classes whose key a ``Client(key)`` gives by position: the pre-0.3 one, and
# its successor under the name it has had since 0.3 (which never took it so).
_CLIENT_CLASSES = (SDK02_CLIENT, "anthropic.Anthropic")


def _removed(qualified: str | None) -> str | None:
    """Why a name of the pre-0.3 SDK cannot be used any more, if it is one."""
    if qualified == "anthropic.ApiException":
        return (
            "`anthropic.ApiException` is gone: the current SDK raises "
            "`anthropic.APIStatusError` for a refused request and `APIConnectionError` "
            "when it cannot connect; the old SDK also raised it for its own prompt checks"
        )
    if qualified == "anthropic.ANTHROPIC_CLIENT_VERSION":
        return "`anthropic.ANTHROPIC_CLIENT_VERSION` is gone; the SDK's version is `anthropic.__version__`"
    for module in _SDK02_MODULES:
        if qualified is not None and (qualified == module or qualified.startswith(module + ".")):
            return f"`{module}` is a module of the pre-0.3 SDK, which the current SDK does not have"
    return None


_API_EXCEPTION = ("anthropic.ApiException", "anthropic.api.ApiException")


def _caught(analysis: ModuleAnalysis, use: cst.CSTNode) -> bool:
    """Is ``use`` the type of an ``except`` clause, or one of a tuple of them?"""
    parent = analysis.parent(use)
    if isinstance(parent, cst.Element):
        parent = analysis.parent(analysis.parent(parent) or parent)
    return isinstance(parent, cst.ExceptHandler)


def _module_name(statement: cst.ImportFrom) -> str:
    return cst.helpers.get_full_name_for_node(statement.module or cst.Name("")) or ""


def _status_error(updated: cst.CSTNode) -> cst.CSTNode:
    """``anthropic.ApiException`` / ``anthropic.api.ApiException`` / ``ApiException``."""
    if isinstance(updated, cst.Attribute):
        base = updated.value
        if isinstance(base, cst.Attribute) and base.attr.value == "api":
            base = base.value
        return updated.with_changes(value=base, attr=cst.Name("APIStatusError"))
    assert isinstance(updated, cst.Name)
    if updated.value != "ApiException":
        return updated  # ``from anthropic import ApiException as Failed``: the alias stays
    return updated.with_changes(value="APIStatusError")


def _import_status_error(alias: cst.ImportAlias) -> Rewrite:
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.ImportFrom)
        names = [
            name.with_changes(name=cst.Name("APIStatusError"))
            if name.evaluated_name == "ApiException"
            else name
            for name in updated.names  # type: ignore[union-attr]
        ]
        return updated.with_changes(module=cst.Name("anthropic"), names=names)

    return rewrite


_UNTRACED_METHODS = ("completion", "completion_stream", "acompletion", "acompletion_stream")
_SDK02_MODULES = ("anthropic.api", "anthropic.constants", "anthropic.tokenizer")


def _sharing_a_client(site: LegacyCall, plan: CallPlan) -> list[LegacyCall]:
    """Every pre-0.3 call whose client is built by one of ``site``'s constructors."""
    mine = set(map(id, site.constructors))
    return [
        other
        for other in plan.analysis.calls
        if other.sdk02_method is not None and mine & set(map(id, other.constructors))
    ]


def _other_use(plan: CallPlan, siblings: list[LegacyCall]) -> tuple[cst.CSTNode, str] | None:
    """A use of the client variable other than a call of a pre-0.3 method."""
    analysis = plan.analysis
    receiver = plan.site.receiver
    methods = {id(other.call.func) for other in siblings}
    if isinstance(receiver, cst.Call):
        return None
    if isinstance(receiver, cst.Name):
        found = analysis.lookup(receiver.value, plan.site.scope)
        assert found is not None
        for use in analysis.uses_of(receiver.value, found[0]):
            parent = analysis.parent(use)
            if isinstance(parent, cst.AssignTarget):
                continue
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


def _event_reads(plan: CallPlan, loop: cst.For, target: cst.Name) -> list | str:  # type: ignore[type-arg]
    """The key reads of the loop's event, or why the loop reads it otherwise."""
    analysis = plan.analysis
    found = analysis.lookup(target.value, analysis.scope_of[target])
    if found is None or len(found[1]) != 1:
        return f"the loop variable `{target.value}` is assigned elsewhere too"
    reads = []
    for use in analysis.uses_of(target.value, found[0]):
        if use is target:
            continue
        if loop.body not in analysis.ancestors(use):
            return f"the event `{target.value}` is read after the loop, where it is another event"
        read = key_read(use, analysis)
        if read is None or (read.key != "completion" and read.key not in _END_FIELDS):
            return (
                f"the loop uses the event `{target.value}` other than by its "
                '`["completion"]`, `["stop_reason"]` or `["stop"]`'
            )
        reads.append(read)
    return reads


def _ask_to_stream(plan: CallPlan) -> None:
    """``stream=True`` after the call's last argument: ``completion_stream`` streamed
    without it, ``messages.create`` does not."""
    stream = cst.Arg(cst.Name("True"), keyword=cst.Name("stream"), equal=TIGHT_EQUAL)
    plan.args.append(plan.like(plan.args[-1], "stream", stream.value) if plan.args else stream)


def _mapping(updated: cst.CSTNode) -> cst.BaseExpression:
    if isinstance(updated, cst.Subscript):
        return updated.value
    assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
    return updated.func.value


def _with_value(new: cst.BaseExpression | None, old: cst.BaseExpression) -> cst.BaseExpression:
    """``new`` in place of ``old``; a ``__url__`` inside it stands for ``old``."""
    if new is None:
        return old
    if isinstance(new, cst.Call) and new.args and isinstance(new.args[0].value, cst.Name):
        if new.args[0].value.value == "__url__":
            return new.with_changes(args=[new.args[0].with_changes(value=old), *new.args[1:]])
    return new


# The keys of the last pre-0.3 stream event, and the Message attributes that hold them.
_DICT_FIELDS = {"completion": "content", "stop_reason": "stop_reason", "stop": "stop_sequence"}


def _free_name(plan: CallPlan, base: str) -> str:
    """``base`` (or ``base_2``, ...): a name the module does not spell anywhere."""
    code = plan.analysis.module.code
    name, number = base, 1
    while name in code:
        number += 1
        name = f"{base}_{number}"
    return name
