"""Stop sequences: the ``"\\n\\nHuman:"`` guard is removed.

## What it does

Removes `"\\n\\nHuman:"` (also spelled `HUMAN_PROMPT`, `anthropic.HUMAN_PROMPT`,
or without the colon) from a literal `stop_sequences=[...]` list; when nothing
is left, the argument goes too. Other stop sequences stay.

## Why is this bad?

Text Completions needed the guard so that the model would not write the
user's next turn. Messages ends the assistant's turn by itself, and the
constant is gone from the current SDK.

## Example

```python
import anthropic

client = anthropic.Anthropic()
client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    stop_sequences=[anthropic.HUMAN_PROMPT, "END"],
    prompt=f"{anthropic.HUMAN_PROMPT} Count to three, then say END{anthropic.AI_PROMPT}",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=50,
    stop_sequences=["END"],
    messages=[{"role": "user", "content": "Count to three, then say END"}],
)
```

## Fix safety

Safe: a Messages response never contains the Human marker, so the guard never
fired.

## References

`MIGRATION.md`, "Other surfaces that carry the same legacy request".
"""

from __future__ import annotations

import libcst as cst

from migrator.plan import CallPlan
from migrator.prompt import HUMAN
from migrator.rule import Rule, Safety

_GUARDS = (HUMAN, HUMAN.rstrip(":"))


class StopSequences(Rule):
    code = "TCM008"
    summary = "`\\n\\nHuman:` is removed from `stop_sequences`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        arg = plan.kwarg("stop_sequences")
        if arg is None or not isinstance(arg.value, (cst.List, cst.Tuple)):
            return
        elements = list(arg.value.elements)
        keep = [element for element in elements if not self._is_guard(plan, element.value)]
        if len(keep) == len(elements):
            return
        if not keep:
            plan.remove(arg)
            message = "`stop_sequences` held only the Human marker; removed"
        else:
            comma = elements[-1].comma
            if isinstance(arg.value, cst.Tuple) and len(keep) == 1:
                comma = cst.Comma()  # ("END") would be a string, not a tuple
            keep[-1] = keep[-1].with_changes(comma=comma)
            plan.replace(arg, [arg.with_changes(value=arg.value.with_changes(elements=keep))])
            message = "the Human marker is removed from `stop_sequences`"
        plan.report(type(self), arg, message, Safety.SAFE)

    def _is_guard(self, plan: CallPlan, value: cst.BaseExpression) -> bool:
        if isinstance(value, cst.SimpleString):
            return value.evaluated_value in _GUARDS
        return plan.analysis.constant_value(value, plan.site.scope) == HUMAN
