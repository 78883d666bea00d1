"""Response: ``.completion`` becomes the text of the response's content blocks.

## What it does

Follows the value a migrated call returns: chained on the call, or through the
one variable it is assigned to in its scope, the `self.NAME` attribute it is
stored on (read only in the class's own methods), and into the callers in the
same module of a function that returns it. `response.completion` becomes the
joined text of the response's text blocks and `response.stop` (the matched
stop sequence) becomes `response.stop_sequence`; `.model` and `.id` stay. When
the response goes somewhere the tool cannot follow (returned, passed on,
stored, reassigned) the call is left untouched and reported.

## Why is this bad?

A Messages response has no `completion`: its text is in `content`, a list of
content blocks. A call migrated without its reads fails later, at run time.

## Example

```python
import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
print(response.completion.strip())
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
response = client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=50,
    messages=[{"role": "user", "content": "Hi"}],
)
print("".join(block.text for block in response.content if block.type == "text").strip())
```

## Fix safety

Safe: the text is the same string, and it is empty rather than an error when
the response has no text block (which `response.content[0].text` would not be).

## References

Migration guide, "Inputs and outputs"; `MIGRATION.md`, "Reading the response".
"""

from __future__ import annotations

import libcst as cst

from migrator.plan import CallPlan
from migrator.response import completion_as_text, follow
from migrator.rule import Rule, Safety

_UNCHANGED = ("model", "id")


class Completion(Rule):
    code = "TCM009"
    summary = "`response.completion` becomes the text of `response.content`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        if plan.streamed:
            return  # the events are read by the stream rule
        use = follow(plan.call, plan.analysis)
        if use.problem is not None:
            plan.block(type(self), use.problem_node or plan.call, use.problem)
            return
        for function in dict.fromkeys(use.returned_by):
            name = function.name.value
            if not name.startswith("_"):
                plan.report(
                    type(self),
                    function.name,
                    f"`{name}` now returns a Messages response; its callers here are migrated, "
                    "callers in other modules must read the text from `.content`",
                    Safety.REVIEW,
                )
        for read in use.reads:
            attribute = read.attr.value
            if attribute == "completion":
                plan.rewrites[read] = completion_as_text
                plan.report(
                    type(self), read, "`.completion` becomes the text of `.content`", Safety.SAFE
                )
            elif attribute == "stop":
                plan.rewrites[read] = _stop_sequence
                plan.report(type(self), read, "`.stop` becomes `.stop_sequence`", Safety.SAFE)
            elif attribute == "stop_reason":
                plan.stop_reason_reads.append(read)  # remapped by the stop_reason rule
            elif attribute not in _UNCHANGED:
                plan.block(
                    type(self),
                    read,
                    f"reads `.{attribute}` of the response, which Messages changes",
                )
                return


def _stop_sequence(updated: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(updated, cst.Attribute)
    return updated.with_changes(attr=cst.Name("stop_sequence"))
