"""The prompt: one marked-up string becomes a list of role/content messages.

## What it does

Reads the `prompt=` argument (string literals, implicit concatenation,
triple-quoted strings, `+`, f-strings, and the `HUMAN_PROMPT` / `AI_PROMPT`
constants however they are imported), splits it at the `"\\n\\nHuman:"` and
`"\\n\\nAssistant:"` markers, drops the single space after each marker, merges
consecutive turns of the same role, and writes `messages=[...]`. Interpolated
values stay expressions inside the message they fall in.

## Why is this bad?

Messages has no `prompt`: the conversation is a list of `user` and
`assistant` messages. "Human" and "user" are the same role.

## Example

```python
import anthropic

client = anthropic.Anthropic()
question = "What is a haiku?"
client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt="\\n\\nHuman: Be brief.\\n\\nAssistant: Sure.\\n\\nHuman: " + question + "\\n\\nAssistant:",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
question = "What is a haiku?"
client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=100,
    messages=[
        {"role": "user", "content": "Be brief."},
        {"role": "assistant", "content": "Sure."},
        {"role": "user", "content": question},
    ],
)
```

## Fix safety

Safe: the messages carry exactly the turns the API read from the prompt.
A prompt whose markers are only known at run time (a variable built
elsewhere, a function's result, an interpolated `history`) is never guessed
at: the call passes it through `_legacy_prompt_to_messages`, a helper written
into the module that splits it at run time exactly as the legacy API did, and
the site is reported for review. Since such a prompt may end in a prefill,
the call gets a model that accepts one unless the code shows it ends with the
Assistant marker. A prompt whose own text shows the legacy API refused it (no
final Assistant turn) is left untouched and reported as manual.

## References

Migration guide, "Inputs and outputs" and "Role names"; `MIGRATION.md` change 1.
"""

from __future__ import annotations

import libcst as cst

from migrator.plan import MESSAGES_PLACEHOLDER, CallPlan
from migrator.prompt import (
    ConstantLookup,
    NotDecomposable,
    ends_without_prefill,
    flatten,
    render,
    split,
)
from migrator.rule import Rule, Safety
from migrator.runtime import PROMPT_HELPER, prompt_helper


class Prompt(Rule):
    code = "TCM002"
    summary = "A `\\n\\nHuman:` / `\\n\\nAssistant:` prompt string becomes `messages=[...]`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        arg = plan.kwarg("prompt")
        if arg is None:
            if not plan.request_converted:
                plan.block(type(self), plan.call, "the call has no `prompt=` argument to convert")
            return
        scope = plan.site.scope

        def constant(expr: cst.BaseExpression) -> str | None:
            return plan.analysis.constant_value(expr, scope)

        try:
            conversation = split(flatten(arg.value, constant))
            messages = [(role, render(body, plan.code_for)) for role, body in conversation.turns]
        except NotDecomposable as reason:
            if not reason.runtime:
                plan.block(type(self), arg, str(reason))
                return
            self._convert_at_run_time(plan, arg, str(reason), constant)
            return
        plan.conversation = conversation
        plan.messages = messages
        plan.replace(arg, [plan.like(arg, "messages", cst.Name(MESSAGES_PLACEHOLDER))])
        count = len(conversation.turns)
        plan.report(
            type(self),
            arg,
            f"prompt string becomes {count} message{'s' if count != 1 else ''}",
            Safety.SAFE,
        )

    def _convert_at_run_time(
        self, plan: CallPlan, arg: cst.Arg, reason: str, constant: ConstantLookup
    ) -> None:
        converted = cst.Call(cst.Name(PROMPT_HELPER), [cst.Arg(arg.value)])
        plan.replace(arg, [cst.Arg(converted, star="**", comma=arg.comma)])
        plan.helpers[PROMPT_HELPER] = prompt_helper()
        plan.prefill_possible = not ends_without_prefill(
            flatten(arg.value, constant, strict=False)
        )
        plan.report(
            type(self),
            arg,
            f"converted at run time by `{PROMPT_HELPER}`: {reason}",
            Safety.REVIEW,
        )
