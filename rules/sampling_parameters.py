"""Sampling parameters: ``temperature``, ``top_p`` and ``top_k`` are never dropped silently.

## What it does

The current SDK has no keyword for `temperature`, `top_p` or `top_k`, and the
current API version rejects them. By default the rule removes them and writes
the removal as a `# migrator: removed ...` comment above the call, with a
review finding. With `sampling = "extra_body"` in `[tool.migrator]` (or
`--sampling extra_body`) it keeps them on the wire instead: they move into
`extra_body={...}` and the call pins `anthropic-version: 2023-06-01`, the API
version that still accepts them; `top_p` beside `temperature` is removed with
its comment even then, since current Claude models answer 400 to both.

## Why is this bad?

Passing `temperature=` to `messages.create` is a `TypeError` in the current
SDK, and sending it under the current API version is a 400.

## Example

```python
import anthropic

client = anthropic.Anthropic()
client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    temperature=0.2,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
# migrator: removed temperature=0.2 (the current API rejects sampling parameters; see TCM007)
client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=50,
    messages=[{"role": "user", "content": "Hi"}],
)
```

## Fix safety

Review: without the parameter the model samples with its defaults. The
`extra_body` option keeps the behaviour but ties the call to an older API
version.

## References

`MIGRATION.md`, "The SDK today".
"""

from __future__ import annotations

from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.core.models import ONE_SAMPLING, top_p_removed

PARAMETERS = ("temperature", "top_p", "top_k")
PINNED_VERSION = "2023-06-01"


class SamplingParameters(Rule):
    code = "TCM007"
    summary = (
        "`temperature` / `top_p` / `top_k` are removed with a comment, or kept in `extra_body`"
    )
    safety = Safety.REVIEW
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        found = [arg for name in PARAMETERS if (arg := plan.kwarg(name)) is not None]
        if not found:
            return
        values = [
            (arg.keyword.value, " ".join(plan.code_for(arg.value).split()))
            for arg in found
            if arg.keyword
        ]
        if plan.config.sampling == "extra_body":
            self._keep(plan, found, values)
            return
        for arg in found:
            plan.remove(arg)
        removed = ", ".join(f"{name}={value}" for name, value in values)
        plan.comments.append(
            f"# migrator: removed {removed} (the current API rejects sampling parameters; "
            f"see {self.code})"
        )
        plan.report(
            type(self),
            found[0],
            f"removed {removed}: the current SDK has no keyword for it and the current API "
            "version rejects it; the model now samples with its defaults",
            Safety.REVIEW,
        )

    def _keep(self, plan: CallPlan, found: list, values: list[tuple[str, str]]) -> None:
        for taken in ("extra_body", "extra_headers"):
            if plan.kwarg(taken) is not None:
                plan.block(
                    type(self),
                    found[0],
                    f"the call already passes `{taken}=`; merge the sampling parameters into it by hand",
                )
                return
        if {"temperature", "top_p"} <= {name for name, _ in values}:
            # Current Claude models answer 400 to a request that sets both.
            top_p = dict(values)["top_p"]
            values = [(name, value) for name, value in values if name != "top_p"]
            plan.comments.append(top_p_removed(top_p, see=self.code))
            plan.report(
                type(self),
                next(arg for arg in found if arg.keyword and arg.keyword.value == "top_p"),
                f"`top_p` goes: {ONE_SAMPLING} (a 400 otherwise); `extra_body` keeps `temperature`",
                Safety.REVIEW,
            )
        quote = plan.conversation.style.quote if plan.conversation else '"'
        body = ", ".join(f"{quote}{name}{quote}: {value}" for name, value in values)
        headers = f"{{{quote}anthropic-version{quote}: {quote}{PINNED_VERSION}{quote}}}"
        anchor = found[0]
        plan.replace(
            anchor,
            [
                plan.like(anchor, "extra_body", plan.expression(f"{{{body}}}")),
                plan.like(anchor, "extra_headers", plan.expression(headers)),
            ],
        )
        for arg in found[1:]:
            plan.remove(arg)
        kept = ", ".join(name for name, _ in values)
        plan.report(
            type(self),
            anchor,
            f"{kept} kept on the wire through `extra_body`, with `anthropic-version: "
            f"{PINNED_VERSION}` pinned for this call",
            Safety.REVIEW,
        )
