"""Prefill: text after the final Assistant marker becomes a trailing assistant message.

## What it does

When the prompt ends with `"\\n\\nAssistant: {"` or any other text after the
final marker, that text becomes a final `{"role": "assistant", ...}` message,
with its trailing whitespace removed (Messages rejects a final assistant
message that ends in whitespace). A marker followed only by whitespace means
no prefill. A prefill that ends in a name bound once to a marker-free literal
(`PREFIX = "Answer:"`, then `...{AI_PROMPT} {PREFIX}`) keeps the name, when the
literal ends in no whitespace; any other value interpolated at the end may end
in whitespace, and the prompt is converted at run time.

## Why is this bad?

Messages continues a response from the last assistant message, not from the
end of a prompt string.

## Example

```python
import anthropic

client = anthropic.Anthropic()
client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt="\\n\\nHuman: List three colours as JSON.\\n\\nAssistant: {",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
client.messages.create(
    model="claude-haiku-4-5",
    max_tokens=100,
    messages=[
        {"role": "user", "content": "List three colours as JSON."},
        {"role": "assistant", "content": "{"},
    ],
)
```

## Fix safety

Safe: the response continues from the same text, and (as before) does not
repeat it, so code that glues the prefix back onto the output keeps working.
Some current models reject prefill; the `model` rule then picks a model that
accepts it and says so.

## References

Migration guide, "Putting words in Claude's mouth"; `MIGRATION.md` change 3.
"""

from __future__ import annotations

from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety


class Prefill(Rule):
    code = "TCM004"
    summary = "Text after the final Assistant marker becomes a trailing assistant message"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        rendered = plan.rendered
        if rendered is None or rendered.prefill is None:
            return
        plan.messages.append(("assistant", rendered.prefill))
        plan.prefill_done = True
        plan.report(
            type(self),
            plan.original_kwarg("prompt") or plan.call,
            "the prefill after the final Assistant marker becomes a trailing assistant message",
            Safety.SAFE,
        )
