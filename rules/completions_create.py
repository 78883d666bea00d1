"""The call: ``completions.create`` becomes ``messages.create``.

## What it does

Finds `CLIENT.completions.create(...)` on an Anthropic client (`anthropic.Anthropic()`,
`anthropic.Client()`, `AsyncAnthropic()`, however imported or aliased, also when
stored on `self`) and turns it into `CLIENT.messages.create(...)`. The other rules
convert its arguments and its result; the call changes only when all of them can.

A call on an object not known to be an Anthropic client is touched only when it
carries `max_tokens_to_sample`, a keyword no other vendor uses. OpenAI's
`client.completions.create(prompt=..., max_tokens=...)` is never touched.

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
parameters, model table); that is a review finding. Positional arguments,
and Bedrock and Vertex clients are left untouched and reported as
manual for now.

## References

Migration guide, "Inputs and outputs"; `MIGRATION.md` change 1.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis import ClientKind
from migrator.plan import CallPlan
from migrator.rule import Rule, Safety
from migrator.runtime import (
    PROMPT_HELPER,
    REQUEST_HELPER,
    SAMPLING,
    prompt_helper,
    request_helper,
)


class CompletionsCreate(Rule):
    code = "TCM001"
    summary = "`client.completions.create(...)` becomes `client.messages.create(...)`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        call = plan.call
        if plan.site.kind in (ClientKind.BEDROCK, ClientKind.VERTEX):
            plan.block(
                type(self),
                call,
                f"a {plan.site.kind.value.title()} client: its model ids need the Bedrock/Vertex "
                "model table, which this version does not have",
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
        stream = plan.kwarg("stream")
        if stream is not None and not (
            isinstance(stream.value, cst.Name) and stream.value.value in ("False", "True")
        ):
            plan.block(
                type(self),
                stream,
                "`stream=` is only known at run time, and streamed events change shape",
            )
            return
        if stream is not None and isinstance(stream.value, cst.Name):
            plan.streamed = stream.value.value == "True"
        if plan.streamed and any(arg.star == "**" for arg in call.args):
            plan.block(type(self), stream or call, "a streamed request splatted from a dict")
            return
        plan.method = "messages"
        for arg in [arg for arg in plan.args if arg.star == "**"]:
            self._convert_at_run_time(plan, arg)
        how = (
            "on an object recognised by its `max_tokens_to_sample` argument"
            if plan.site.kind is ClientKind.UNKNOWN
            else "on an Anthropic client"
        )
        plan.report(
            type(self),
            call.func,
            f"legacy Text Completions call {how}; becomes `messages.create`",
            Safety.SAFE,
        )

    def _convert_at_run_time(self, plan: CallPlan, arg: cst.Arg) -> None:
        held = " ".join(plan.code_for(arg.value).split())
        converted = cst.Call(cst.Name(REQUEST_HELPER), [cst.Arg(arg.value)])
        plan.replace(arg, [arg.with_changes(value=converted)])
        plan.request_converted = True
        plan.helpers[PROMPT_HELPER] = prompt_helper()
        plan.helpers[REQUEST_HELPER] = request_helper(plan.config)
        dropped = ", ".join(f"{name}=" for name in SAMPLING)
        if plan.config.sampling == "remove":
            plan.comments.append(
                f"# migrator: removed at run time: any {dropped} in `{held}` "
                "(the current API rejects sampling parameters; see TCM007)"
            )
        plan.report(
            type(self),
            arg,
            f"the request is splatted from `**{held}`, built where the tool cannot see it; "
            f"`{REQUEST_HELPER}` converts it at run time (prompt, max_tokens_to_sample, "
            "stop sequences, sampling parameters, model)",
            Safety.REVIEW,
        )
