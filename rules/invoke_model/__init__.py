"""AWS Bedrock: a Text Completions body sent with boto3's `invoke_model` becomes a Messages body.

## What it does

Finds `invoke_model(...)` and `invoke_model_with_response_stream(...)` calls
(boto3's `bedrock-runtime` client) whose `body=` is `json.dumps(BODY)`, inline
or in a name assigned once, where `BODY` is a dict literal (inline or in a
name assigned once and used nowhere else) holding `max_tokens_to_sample`, a
key only Anthropic's Text Completions body has. It changes the request and
every read of its answer together:

- the body gets `messages` (plus `system` and a trailing assistant message
  for a prefill) from the prompt, split like the SDK rules split it (a prompt
  held in a variable assigned once just for the body becomes `messages = [...]`
  where it was assigned, and the body reads `messages`); a prompt
  that cannot be read statically is converted at run time by
  `_legacy_prompt_to_messages`. `max_tokens_to_sample` becomes `max_tokens`,
  `"anthropic_version": "bedrock-2023-05-31"` is added, the `"\\n\\nHuman:"`
  stop sequence goes, and `temperature` / `top_p` / `top_k` stay (Bedrock's
  Messages body takes them), but for `top_p` beside `temperature`: current
  Claude models take one of them, and answer 400 to both;
- `modelId`: a Claude id goes through the Bedrock model table
  (`[tool.migrator.bedrock_models]`); a retired id with no entry
  (`anthropic.claude-v2`, `anthropic.claude-v2:1`, `anthropic.claude-v1`)
  becomes the global inference profile of Claude Sonnet 4.6,
  `global.anthropic.claude-sonnet-4-6`, or of Claude Haiku 4.5,
  `global.anthropic.claude-haiku-4-5-20251001-v1:0`, for
  `anthropic.claude-instant-v1` and for a request that may keep a prefill
  (Sonnet 4.6 refuses one). Both ids are on AWS's model cards; a global
  profile may serve the request from any commercial Region, which the review
  finding says, so map the id to a `us.` / `eu.` / `apac.` profile in the table
  where data must stay in one geography. An id held in a name, a class
  attribute (also an environment read's default), a dataclass field read
  through an instance stored on `self` (`modelId=self.config.model_id`) or a
  parameter of `__init__` stored on `self` (`modelId=self.model_id`), or a
  table's entry (`modelId=MODELS[tier]`, a dict literal of strings bound once
  and only read by key), read only as the model id of Bedrock calls, is rewritten
  where it is written, as TCM006 does for models (the `def` laid over lines
  when the longer id outgrows its line); read by several calls, it takes the
  prefill-capable profile, which serves each of them, unless one of them is
  left for a person: then the name keeps the retired id that call still
  needs, and a migrated call is given the current id itself. Any other id stays,
  reviewed;
- the answer, `json.loads(response["body"].read())`: `["completion"]` and
  `.get("completion")` become the joined text of the `content` blocks,
  `["stop"]` becomes `["stop_sequence"]`, and tests of `["stop_reason"]` are
  remapped like TCM012 remaps them (a value passed on keeps the legacy one);
- a stream, `for event in response["body"]:` parsing each
  `event["chunk"]["bytes"]` with `json.loads`: right after the line that parses
  a chunk, a guard skips the events the legacy stream never sent (`continue`).
  A loop that only prints the text or adds it up keeps the text deltas, and
  `["completion"]` becomes the delta's text; any other loop also keeps the final
  `message_delta` event, which, like the last legacy chunk, has no text and
  says how the stream ended, and the fields it reads are bound to names there
  (`text`, or the loop's own name when its next line was `text =
  chunk["completion"]`, as AWS's examples read it; `stop_reason`), tests of the
  stop reason remapped as above. What runs before the parse must only read
  (`chunk = event.get("chunk")`, `if chunk:`); a loop that does more for each
  event (`events += 1`) is left for a person. A chunk parsed inline
  (`print(json.loads(...)["completion"], end="")`) is read in place, empty for
  the events that carry no text.

Bodies of other Bedrock vendors (Titan, Cohere, AI21, Meta, Stability) and
bodies that already have `messages` are never touched.

Code that serves several vendors builds one `body` per vendor in an
`if`/`elif` chain (`if self.model_id.startswith("anthropic"): body = ...`),
sends it with one `invoke_model`, and reads the answer in a second chain on
the same test. The Anthropic body and the reads under the same test move
together, and every other branch stays as written, when the tool can prove
which answer each read sees: the test compares a name or attribute chain with
a string (`startswith`, `==`, `in`), nothing in the function rebinds what it
tests, the name `body` is read only by the call, and every other body and
every other read of the answer sits where that test is false (an `elif` or
`else` after it, or a test no string passes with it: `startswith("amazon")`
beside `startswith("anthropic")`, `== "meta"` beside `== "anthropic"`).
Otherwise the site stays, with the reason. A test on the id's first word
(`startswith("anthropic")`) is reported for review: the ids of the inference
profiles current Claude models are called through (`global.anthropic.…`)
do not pass it.

## Why is this bad?

Bedrock's newer Claude models answer only the Messages format, and its
Claude 2 and Instant models, which took the Text Completions body, are
retired: a legacy body is refused.

## Example

```python
import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
body = json.dumps({
    "prompt": "\\n\\nHuman: Hello!\\n\\nAssistant:",
    "max_tokens_to_sample": 100,
})
response = bedrock.invoke_model(body=body, modelId="anthropic.claude-v2")
print(json.loads(response["body"].read())["completion"])
```

## Use instead

```python
import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
body = json.dumps({
    "messages": [{"role": "user", "content": "Hello!"}],
    "max_tokens": 100,
    "anthropic_version": "bedrock-2023-05-31",
})
response = bedrock.invoke_model(body=body, modelId="global.anthropic.claude-sonnet-4-6")
print(
    "".join(
        block["text"]
        for block in json.loads(response["body"].read())["content"]
        if block["type"] == "text"
    )
)
```

## Fix safety

Review: the request carries the same conversation and the code reads the
same text, but the model id needs a person's choice unless the Bedrock table
names one. A site is migrated whole or left untouched with a
`# migrator: manual [TCM016]` comment saying why: a body built by code the
tool cannot read or changed after it is built, keys the tool does not know,
an answer that goes somewhere the tool cannot follow, a stream read other
than by one loop that parses each chunk with `json.loads`.

## References

`MIGRATION.md`, "Other surfaces that carry the same legacy request" (AWS
Bedrock), and change 7 for the stream's events.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.json_body import Manual, Outcome, apply_outcome
from migrator.rules.invoke_model.site import Site

_METHODS = {"invoke_model": False, "invoke_model_with_response_stream": True}


class InvokeModel(Rule):
    code = "TCM016"
    summary = (
        "A Text Completions body sent through Bedrock's `invoke_model` becomes a Messages body"
    )
    safety = Safety.REVIEW
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        done: set[cst.CSTNode] = set()
        outcomes = []
        for call, scope, streamed in _calls(plan.analysis):
            outcome = Outcome(call)
            try:
                if not Site(plan, call, scope, streamed, outcome).migrate():
                    continue
            except Manual as manual:
                outcome.blocker = manual
            outcomes.append(outcome)
        migrated = {outcome.call for outcome in outcomes if outcome.blocker is None}
        for outcome in outcomes:
            _own_model_ids(outcome, migrated)
            apply_outcome(plan, type(self), outcome, done)


def _own_model_ids(outcome: Outcome, migrated: set[cst.Call]) -> None:
    """A model id constant also read by a call that stays Text Completions (left for a
    person) keeps its retired id, which that call still needs: this call is given the
    current id itself."""
    for literal, new_value, readers, model in outcome.shared_models:
        if all(reader in migrated for reader in readers):
            continue
        outcome.rewrites.pop(literal, None)
        outcome.rewrites[model] = lambda _updated, new=new_value: new
        outcome.notes = [note for note in outcome.notes if note[0] is not literal]
        outcome.note(
            model,
            f"the model id becomes {new_value.value} here: the name also gives the retired id "
            "to a call left for manual work, which still needs it",
            Safety.REVIEW,
        )


def _calls(analysis: ModuleAnalysis) -> Iterator[tuple[cst.Call, Scope, bool]]:
    for node, scope in analysis.nodes_of(cst.Call):
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in _METHODS
        ):
            yield node, scope, _METHODS[node.func.attr.value]
