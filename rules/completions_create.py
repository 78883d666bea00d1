"""The call: ``completions.create`` becomes ``messages.create``.

## What it does

Finds `CLIENT.completions.create(...)` on an Anthropic client (`anthropic.Anthropic()`,
`anthropic.Client()`, `AsyncAnthropic()`, however imported or aliased, also when
stored on `self`) and turns it into `CLIENT.messages.create(...)`. The other rules
convert its arguments and its result; the call changes only when all of them can.

A call on an object not known to be an Anthropic client is touched only when it
carries `max_tokens_to_sample`, a keyword no other vendor uses: as a keyword, or in
a dict splatted into it that the module gives that key (also one merged or copied
from such a dict: `params = {**DEFAULTS, **options}`, `dict(DEFAULTS, ...)`,
`DEFAULTS | options`, `DEFAULTS.copy()`), or when its response, or each event
of a loop over its stream, is read for `.completion`, which only Anthropic's
Text Completions answer has (OpenAI's answers in `.choices`). OpenAI's
`client.completions.create(prompt=..., max_tokens=...)` is never touched. A
client's `completions.create` named but called elsewhere (an alias, a
`functools.partial`, a callback) is reported where it is named, as manual work.

A call whose `stream=` is known only at run time (`stream=flag`) answers with
a response or with a stream of events, and the code after it reads either in
the legacy shape. Its result goes through `_legacy_completion_or_events(...)`
(`_legacy_completion_or_events_async` for an async client), written into the
module: it gives the response as a completion (`completion`, `stop_reason`
with a natural end as `"stop_sequence"`, `model`) and the events as legacy
events, so nothing that reads them changes (a review finding says so). The
same holds for a loop over the result of a call whose request is splatted from
a dict that may ask for a stream. A call that asks for the stream itself
(`create(prompt=..., stream=True, **options)`) has its dict converted at run
time like any other splatted request (the dict cannot hold `stream` too), and
its loop is migrated by TCM013.

A request splatted into a call with `stream=flag` is converted knowing that it
may stream (`_legacy_request_to_messages(options, streams=True)`), so a dict
that holds `stream` as well fails as the legacy call did, with Python's
`TypeError` for a keyword given twice. A wrapped call laid over lines, or one
that no longer fits its line, goes on a line of its own between the adapter's
brackets, as black writes it.

## Why is this bad?

Anthropic's SDK removed `completions` in version 1.0: every legacy call is an
`AttributeError` waiting for the next dependency upgrade, and the Text Completions
API serves only retired models.

## Example

```python
import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=256,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello, Claude{anthropic.AI_PROMPT}",
)
print(response.completion)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
response = client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=256,
    messages=[{"role": "user", "content": "Hello, Claude"}],
)
print("".join(block.text for block in response.content if block.type == "text"))
```

## Fix safety

Safe on its own: the request carries the same conversation. A request splatted
from a dict (`create(**kwargs)`) is converted at run time by a helper written
into the module, `_legacy_request_to_messages`, with the same rules as the
static rewrite (prompt, `max_tokens_to_sample`, stop sequences, sampling
parameters, model table, and `timeout=600` for a long request, as TCM005
adds it); that is a review finding. A dict literal that only that call reads
(`params = {"model": "claude-2", "max_tokens_to_sample": 300}`, assigned once,
with literal values) is converted where it is written instead, as the call's
own arguments would be, and the call keeps `**params`; a public module-level
one is a review finding, since another module may import it. A whole request,
prompt included, written as a dict in the function (or the script) that sends it
(`request = {"model": ..., "prompt": f"...{question}...", ...}`) is converted
where it is written too, its prompt becoming `messages` (and `system`), when
nothing between the dict and the call names a name its entries read (and a
list it holds is written out, not held in a name that a call could change); one that
asks for a stream (`"stream": True`) loses that entry, and TCM013 moves its loop
to `messages.stream`. Positional arguments,
and requests splatted into Bedrock and Vertex clients, are left untouched
and reported as manual. The Bedrock and Vertex clients (`AnthropicBedrock`,
`AnthropicVertex`, their async twins, and the client of the separate
`anthropic_bedrock` package, which has no Messages API and is imported from
`anthropic` instead once a module's calls are migrated) are migrated like the
first-party one; their model ids are kept or mapped by TCM006.

## References

Migration guide, "Inputs and outputs"; `MIGRATION.md` change 1.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.legacy_calls import referenced_completions
from migrator.analysis.names import ClientKind
from migrator.code.syntax import with_flag
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.splat import holds_no_sampling
from migrator.runtime.helpers import (
    REQUEST_HELPER,
    SAMPLING,
    request_helpers,
)


class CompletionsCreate(Rule):
    code = "TCM001"
    summary = "`client.completions.create(...)` becomes `client.messages.create(...)`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        call = plan.call
        cloud = plan.site.kind in (ClientKind.BEDROCK, ClientKind.VERTEX)
        # The plan's arguments: a request dict the engine reads whole is expanded into them.
        if cloud and any(arg.star == "**" for arg in plan.args):
            plan.block(
                type(self),
                call,
                f"a request splatted into a {plan.site.kind.value.title()} client: the run-time "
                "converter maps first-party model names, not cloud model ids",
            )
            return
        for arg in call.args:
            if arg.star == "*":
                plan.block(type(self), arg, "positional arguments: `create` takes keywords only")
                return
            if arg.star == "**":
                continue
            if arg.keyword is None:
                plan.block(type(self), arg, "positional arguments: `create` takes keywords only")
                return
        # Before the stream handling, which tells the converted requests that they may stream.
        for arg in [arg for arg in plan.args if arg.star == "**"]:
            self._convert_at_run_time(plan, arg)
        stream = plan.kwarg("stream")
        sdk02_stream = (plan.site.sdk02_method or "").endswith("_stream")
        if (
            stream is not None
            and not (isinstance(stream.value, cst.Name) and stream.value.value in ("False", "True"))
            and not sdk02_stream  # its dict events are the pre-0.3 rule's (TCM017)
        ):
            self._stream_at_run_time(plan, stream)
        elif stream is not None and isinstance(stream.value, cst.Name):
            plan.streamed = stream.value.value == "True"
        plan.method = "messages"
        how = (
            "on an object recognised by what only Anthropic's API takes or answers "
            "(`max_tokens_to_sample`, a response's `.completion`)"
            if plan.site.kind is ClientKind.UNKNOWN
            else "on an Anthropic client"
        )
        plan.report(
            type(self),
            call.func,
            f"legacy Text Completions call {how}; becomes `messages.create`",
            Safety.SAFE,
        )

    def apply_module(self, plan: ModulePlan) -> None:
        """The separate ``anthropic_bedrock`` package has no Messages API: import from ``anthropic``.

        And a client's ``completions`` named but not called here is reported where it is named."""
        for named in referenced_completions(plan.analysis):
            shown = " ".join(plan.code_for(named).split())
            message = (
                f"`{shown}` is named here but called elsewhere (an alias, a `partial`, a "
                "callback), where the tool cannot follow its request: the current SDK has no "
                "`completions`; call `messages.create` with `messages` there"
            )
            plan.report(type(self), named, message, Safety.MANUAL)
            plan.comment(named, f"# migrator: manual [{self.code}] {message}")
        migrated = [site for site in plan.sites if not site.blocked]
        if not any(_from_bedrock_package(plan, site) for site in migrated):
            return
        for node in plan.analysis.scope_of:
            if isinstance(node, (cst.Import, cst.ImportFrom)) and _bedrock_import(node):
                plan.report(
                    type(self),
                    node,
                    "the `anthropic_bedrock` package has no Messages API: its client is imported "
                    "from `anthropic` (install `anthropic[bedrock]`)",
                    Safety.REVIEW,
                )
        plan.finishers.append(lambda module: module.visit(_FromAnthropic()))

    def _stream_at_run_time(self, plan: CallPlan, stream: cst.Arg) -> None:
        """``stream=flag``: the response or the events come back in the legacy shape.

        Whichever the flag chooses, the code after the call reads a completion or
        legacy events; ``_legacy_completion_or_events(...)`` gives it either, so
        nothing it reads changes (and no rule rewrites those reads).
        """
        name = plan.adapt_result()
        flag = " ".join(plan.code_for(stream.value).split())
        plan.report(
            type(self),
            stream,
            f"`stream={flag}` is only known at run time: `{name}(...)` gives the code the "
            "response or the stream's events in the legacy shape (`completion`, and "
            '`stop_reason` with a natural end as "stop_sequence"); call `messages.create(...)` '
            "or `messages.stream(...)` by hand and drop it",
            Safety.REVIEW,
        )

    def _convert_at_run_time(self, plan: CallPlan, arg: cst.Arg) -> None:
        held = " ".join(plan.code_for(arg.value).split())
        args = [cst.Arg(arg.value)]
        if plan.kwarg("timeout") is not None:
            # The helper must not add a second `timeout=` to the call.
            args = with_flag(arg.value, "timeout_given")
        converted = cst.Call(cst.Name(REQUEST_HELPER), args)
        plan.replace(arg, [arg.with_changes(value=converted)])
        plan.request_converted = True
        plan.helpers.update(request_helpers(plan.config))
        dropped = ", ".join(f"{name}=" for name in SAMPLING)
        if plan.config.sampling == "remove" and not holds_no_sampling(
            plan.analysis, plan.site.scope, arg.value
        ):
            plan.comments.append(
                f"# migrator: removed at run time: any {dropped} in `{held}` "
                "(the current API rejects sampling parameters; see TCM007)"
            )
        plan.report(
            type(self),
            arg,
            f"the request is splatted from `**{held}`, built where the tool cannot see it; "
            f"`{REQUEST_HELPER}` converts it at run time (prompt, max_tokens_to_sample, "
            "stop sequences, sampling parameters, model, and a timeout for a long request)",
            Safety.REVIEW,
        )


_BEDROCK_PACKAGE = "anthropic_bedrock"


def _from_bedrock_package(plan: ModulePlan, site: CallPlan) -> bool:
    """Is the site's client built by the separate ``anthropic_bedrock`` package?"""
    if site.site.kind is not ClientKind.BEDROCK:
        return False
    analysis = plan.analysis
    for node, scope in analysis.nodes_of(cst.Call):
        if isinstance(node, cst.Call):
            qualified = analysis.qualified_name(node.func, scope) or ""
            if qualified.startswith(f"{_BEDROCK_PACKAGE}."):
                return True
    return False


def _bedrock_import(node: cst.Import | cst.ImportFrom) -> bool:
    if isinstance(node, cst.ImportFrom):
        return (
            not node.relative
            and node.module is not None
            and cst.helpers.get_full_name_for_node(node.module) == _BEDROCK_PACKAGE
        )
    return any(
        cst.helpers.get_full_name_for_node(alias.name) == _BEDROCK_PACKAGE for alias in node.names
    )


class _FromAnthropic(cst.CSTTransformer):
    """``anthropic_bedrock`` becomes ``anthropic`` in imports; the local names stay."""

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if not _bedrock_import(updated_node):
            return updated_node
        return updated_node.with_changes(module=cst.Name("anthropic"))

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        if not _bedrock_import(updated_node):
            return updated_node
        names = []
        for alias in updated_node.names:
            if cst.helpers.get_full_name_for_node(alias.name) == _BEDROCK_PACKAGE:
                # ``import anthropic_bedrock`` keeps its name for the code that reads it.
                asname = alias.asname or cst.AsName(name=cst.Name(_BEDROCK_PACKAGE))
                alias = alias.with_changes(name=cst.Name("anthropic"), asname=asname)
            names.append(alias)
        return updated_node.with_changes(names=names)
