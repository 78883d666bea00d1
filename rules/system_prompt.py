"""System prompt: text before the first Human turn becomes ``system=``.

## What it does

When the prompt has text before its first `"\\n\\nHuman:"` marker, that text
moves to the top-level `system=` argument. Empty or whitespace-only text means
no system prompt. For a prompt held in a variable, a system prompt with
interpolated values is bound next to it (`system = f"..."`), where they are
read; one that is a constant alone (`SYSTEM + HUMAN_PROMPT + ...`, `SYSTEM`
bound once to its text) is passed as it is, `system=SYSTEM`.

## Why is this bad?

Messages has no place for text outside a turn: the system prompt is its own
parameter.

## Example

```python
import anthropic

client = anthropic.Anthropic()
client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt="You are a pirate.\\n\\nHuman: Hello\\n\\nAssistant:",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=100,
    system="You are a pirate.",
    messages=[{"role": "user", "content": "Hello"}],
)
```

## Fix safety

Safe: the model reads the same instructions. Text placed inside the first
Human turn stays there: deciding that it is a system prompt is a judgement
the tool does not make.

## References

Migration guide, "System prompt"; `MIGRATION.md` change 2.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.prompt import Hole, known_alone
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety


class SystemPrompt(Rule):
    code = "TCM003"
    summary = "Text before the first Human turn becomes the `system=` argument"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        conversation = plan.conversation
        messages = plan.kwarg("messages")
        rendered = plan.rendered
        if conversation is None or conversation.system is None or messages is None:
            return
        assert rendered is not None and rendered.system is not None
        source = rendered.system
        pieces = conversation.system
        # A system prompt that is one constant (`SYSTEM`, bound once to its text) is
        # the same value at the call: no `system = SYSTEM` to pass it on.
        if (
            plan.bound is not None
            and not known_alone(pieces)
            and any(isinstance(p, Hole) for p in pieces)
        ):
            # Its values are read where the prompt was assembled, not at the call.
            plan.bound_system = source
            value: cst.BaseExpression = cst.Name(plan.bound.system_name)
        else:
            value = plan.expression(source)
        plan.args.insert(plan.args.index(messages), plan.like(messages, "system", value))
        plan.system_done = True
        plan.report(
            type(self),
            plan.original_kwarg("prompt") or plan.call,
            "text before the first Human turn becomes `system=`",
            Safety.SAFE,
        )
