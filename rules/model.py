"""Model: a retired Text Completions model name becomes a live, full model name.

## What it does

Replaces a literal model name of the Claude 1, Claude 2 or Claude Instant
families (`claude-2`, `claude-2.1`, `claude-v1.3-100k`, `claude-instant-1.2`,
...) with a live model: Claude Instant names become `claude-haiku-4-5`, the
others `claude-sonnet-5-5`. A call that keeps a prefill goes to a model that
accepts prefill (`claude-haiku-4-5`). `--target-model`, `[tool.migrator]`
`target_model` / `instant_model` / `prefill_model` and the exact table
`[tool.migrator.models]` choose other targets.

## Why is this bad?

Every Text Completions model is retired, and Messages requires a full model
name: the old names answer 404.

## Example

```python
import anthropic

client = anthropic.Anthropic()
client.completions.create(
    model="claude-instant-1.2",
    max_tokens_to_sample=50,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
client.messages.create(
    model="claude-haiku-4-5",
    max_tokens=50,
    messages=[{"role": "user", "content": "Hi"}],
)
```

On a Bedrock client (`AnthropicBedrock`) the model id goes through
`[tool.migrator.bedrock_models]`; with no entry, and on a Vertex client, the id
is kept and a review finding asks you to choose a current model.

## Fix safety

Review: another model answers. A model held in a variable is left as it is,
with a manual finding and a `# migrator:` comment: its value must be a
current model name.

## References

Migration guide, "Model names"; `MIGRATION.md` change 5.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis import ClientKind
from migrator.plan import CallPlan
from migrator.rule import Rule, Safety


class Model(Rule):
    code = "TCM006"
    summary = "A retired model name becomes a live model from the model table"
    safety = Safety.REVIEW
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        arg = plan.kwarg("model")
        if arg is None:
            if plan.request_converted:
                return  # the runtime converter maps the model of the splatted request
            plan.block(type(self), plan.call, "the call has no `model=` argument")
            return
        value = arg.value
        if not (isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str)):
            held = plan.code_for(value)
            message = (
                f"the model is held in `{held}`; make sure it names a current model "
                "(retired names answer 404 on Messages)"
            )
            plan.report(type(self), arg, message, Safety.MANUAL)
            plan.comments.append(f"# migrator: manual [{self.code}] {message}")
            return
        legacy = value.evaluated_value
        if plan.site.kind in (ClientKind.BEDROCK, ClientKind.VERTEX):
            self._cloud(plan, arg, value, legacy)
            return
        target = plan.config.target_for(legacy)
        if target is None:
            plan.report(
                type(self),
                arg,
                f"model {legacy!r} is not a Text Completions model the tool knows; kept as it is",
                Safety.REVIEW,
            )
            return
        why = ""
        if plan.prefill_done and not plan.config.accepts_prefill(target):
            why = f" ({target!r} rejects the prefill this call keeps)"
            target = plan.config.prefill_model
        elif plan.prefill_possible and not plan.config.accepts_prefill(target):
            why = (
                f" (the prompt is converted at run time and may end in a prefill, "
                f"which {target!r} rejects)"
            )
            target = plan.config.prefill_model
        quote = value.quote
        plan.replace(arg, [arg.with_changes(value=cst.SimpleString(f"{quote}{target}{quote}"))])
        plan.report(
            type(self),
            arg,
            f"retired model {legacy!r} becomes {target!r}{why}",
            Safety.REVIEW,
        )

    def _cloud(self, plan: CallPlan, arg: cst.Arg, value: cst.SimpleString, model_id: str) -> None:
        """A Bedrock or Vertex model id: the Bedrock table, or kept for a person to choose."""
        cloud = plan.site.kind.value.title()
        table = plan.config.bedrock_models if plan.site.kind is ClientKind.BEDROCK else {}
        target = table.get(model_id)
        keeps_prefill = plan.prefill_done or plan.prefill_possible
        prefill = "; the request keeps an assistant prefill, which the model must accept"
        if target is None:
            where = (
                "has no entry in [tool.migrator.bedrock_models]"
                if plan.site.kind is ClientKind.BEDROCK
                else "is kept"
            )
            plan.report(
                type(self),
                arg,
                f"{cloud} model {model_id!r} {where}; choose a current Claude model for it "
                f"(the legacy Claude models are retired){prefill if keeps_prefill else ''}",
                Safety.REVIEW,
            )
            return
        quote = value.quote
        plan.replace(arg, [arg.with_changes(value=cst.SimpleString(f"{quote}{target}{quote}"))])
        plan.report(
            type(self),
            arg,
            f"{cloud} model {model_id!r} becomes {target!r}{prefill if keeps_prefill else ''}",
            Safety.REVIEW,
        )
