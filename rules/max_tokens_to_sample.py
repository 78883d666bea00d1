"""``max_tokens_to_sample`` becomes ``max_tokens``.

## What it does

Renames the `max_tokens_to_sample=` argument to `max_tokens=`, keeping its
value.

## Why is this bad?

Messages requires `max_tokens` and does not know `max_tokens_to_sample`.

## Example

```python
import anthropic

client = anthropic.Anthropic()
client.completions.create(
    model="claude-2",
    max_tokens_to_sample=300,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=300,
    messages=[{"role": "user", "content": "Hi"}],
)
```

## Fix safety

Safe for values within the model's limit. Text Completions silently clamped
a larger value; Messages answers it with a validation error, so a literal
above 64,000 is reported for review.

## References

Migration guide, "Specifying max tokens"; `MIGRATION.md` change 4.
"""

from __future__ import annotations

import libcst as cst

from migrator.plan import CallPlan
from migrator.rule import Rule, Safety

# Above this, a value may exceed the chosen model's output limit.
_REVIEW_ABOVE = 64_000


class MaxTokensToSample(Rule):
    code = "TCM005"
    summary = "`max_tokens_to_sample=` becomes `max_tokens=`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        arg = plan.kwarg("max_tokens_to_sample")
        if arg is None:
            if plan.request_converted:
                return  # the runtime converter renames it in the splatted request
            plan.block(
                type(self),
                plan.call,
                "the call has no `max_tokens_to_sample=`, which Messages needs as `max_tokens`",
            )
            return
        plan.rename(arg, "max_tokens")
        value = arg.value
        if isinstance(value, cst.Integer) and int(value.value.replace("_", ""), 0) > _REVIEW_ABOVE:
            plan.report(
                type(self),
                arg,
                f"`max_tokens_to_sample={value.value}` becomes `max_tokens`; Messages rejects a "
                "value above the model's output limit instead of clamping it",
                Safety.REVIEW,
            )
            return
        plan.report(type(self), arg, "`max_tokens_to_sample` becomes `max_tokens`", Safety.SAFE)
