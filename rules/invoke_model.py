"""AWS Bedrock: a Text Completions body sent with boto3's `invoke_model` becomes a Messages body.

## What it does

Finds `invoke_model(...)` and `invoke_model_with_response_stream(...)` calls
(boto3's `bedrock-runtime` client) whose `body=` is `json.dumps(BODY)`, inline
or in a name assigned once, where `BODY` is a dict literal (inline or in a
name assigned once and used nowhere else) holding `max_tokens_to_sample`, a
key only Anthropic's Text Completions body has. It changes the request and
every read of its answer together:

- the body gets `messages` (plus `system` and a trailing assistant message
  for a prefill) from the prompt, split like the SDK rules split it; a prompt
  that cannot be read statically is converted at run time by
  `_legacy_prompt_to_messages`. `max_tokens_to_sample` becomes `max_tokens`,
  `"anthropic_version": "bedrock-2023-05-31"` is added, the `"\\n\\nHuman:"`
  stop sequence goes, and `temperature` / `top_p` / `top_k` stay (Bedrock's
  Messages body takes them);
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
  where data must stay in one geography. Any other id stays, reviewed;
- the answer, `json.loads(response["body"].read())`: `["completion"]` and
  `.get("completion")` become the joined text of the `content` blocks,
  `["stop"]` becomes `["stop_sequence"]`, and tests of `["stop_reason"]` are
  remapped like TCM012 remaps them;
- a stream, `for event in response["body"]:` parsing each
  `event["chunk"]["bytes"]` with `json.loads`: `["completion"]` becomes the
  text of a `content_block_delta` event's text delta (empty for other events,
  so only loops that print the text or add it to a string are migrated) and
  `["stop_reason"]` the stop reason of the `message_delta` event.

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
from migrator.rules._json_body import (
    JsonSite,
    Manual,
    Outcome,
    apply_outcome,
    describe_use,
    dict_edit,
    keys_of,
    stream_end,
    stream_text,
)

from migrator.analysis import Binding, ModuleAnalysis, Scope
from migrator.analysis_calls import _legacy_request_dict
from migrator.flow import binding_at, is_store, value_at
from migrator.guards import Guard, Standing, guard_of, standing, steady
from migrator.models import is_legacy_bedrock, is_other_bedrock_vendor
from migrator.plan import ModulePlan
from migrator.response_dict import key_read
from migrator.rule import Rule, Safety
from migrator.sinks import ignores_empty_text
from migrator.syntax import string_value

BEDROCK_VERSION = "bedrock-2023-05-31"
_METHODS = {"invoke_model": False, "invoke_model_with_response_stream": True}
_BODY_KEYS = (
    "prompt",
    "max_tokens_to_sample",
    "stop_sequences",
    "temperature",
    "top_p",
    "top_k",
    "anthropic_version",
)
# Keys of the response dict that say nothing about its body.
_RESPONSE_METADATA = {"ResponseMetadata", "contentType", "performanceConfigLatency"}
# Keys of a parsed stream chunk that both formats carry, or that end the stream.
_CHUNK_EXTRAS = {"amazon-bedrock-invocationMetrics"}


class InvokeModel(Rule):
    code = "TCM016"
    summary = (
        "A Text Completions body sent through Bedrock's `invoke_model` becomes a Messages body"
    )
    safety = Safety.REVIEW
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        done: set[cst.CSTNode] = set()
        for call, scope, streamed in _calls(plan.analysis):
            outcome = Outcome(call)
            try:
                if not _Site(plan, call, scope, streamed, outcome).migrate():
                    continue
            except Manual as manual:
                outcome.blocker = manual
            apply_outcome(plan, type(self), outcome, done)


def _calls(analysis: ModuleAnalysis) -> Iterator[tuple[cst.Call, Scope, bool]]:
    for node, scope in analysis.nodes_of(cst.Call):
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in _METHODS
        ):
            yield node, scope, _METHODS[node.func.attr.value]


def _keyword(call: cst.Call, keyword: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    return None


class _Site(JsonSite):
    answers_or_raises = True  # boto3 raises for every refusal of the request

    def __init__(
        self, plan: ModulePlan, call: cst.Call, scope: Scope, streamed: bool, outcome: Outcome
    ) -> None:
        self.plan = plan
        self.analysis = plan.analysis
        self.call = call
        self.scope = scope
        self.streamed = streamed
        self.outcome = outcome
        # The test the body is built under, when it is one of several built per vendor.
        self.guard: Guard | None = None

    def migrate(self) -> bool:
        """False when the call does not send a Text Completions body (nothing to report)."""
        model = _keyword(self.call, "modelId")
        model_id = self._model_id(model)
        if model_id is not None and is_other_bedrock_vendor(model_id):
            return False  # another vendor's model
        body = self._body()
        if not isinstance(body, cst.Dict):
            if body is not None and self._legacy_elsewhere():
                raise Manual(self.call, body)
            if body is not None and model_id is not None and is_legacy_bedrock(model_id):
                raise Manual(
                    self.call,
                    f"{body}, and {model_id!r} is a retired model that took Text Completions "
                    "bodies; migrate the body where it is built, and choose a current model",
                )
            return False
        keys = keys_of(body)
        if "max_tokens_to_sample" not in keys or "messages" in keys:
            return False
        converted = self._convert_body(body, _BODY_KEYS, ("prompt", "max_tokens_to_sample"))
        added = []
        if "anthropic_version" in converted.entries:
            version = converted.element("anthropic_version").value
            if string_value(version) != BEDROCK_VERSION:
                raise Manual(
                    version,
                    f"the body asks for anthropic_version {self.plan.code_for(version)}; the "
                    f"tool migrates bodies for {BEDROCK_VERSION}",
                )
        else:
            quote = next(
                (
                    e.key.quote
                    for e in body.elements
                    if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                ),
                '"',
            )
            added.append(f"{quote}anthropic_version{quote}: {quote}{BEDROCK_VERSION}{quote}")
        self.outcome.rewrites[body] = dict_edit(body, converted.edits, added, self.analysis.module)
        if self.streamed:
            self._stream()
        else:
            self._response()
        self._model(model, model_id, converted.prefill)
        if self.guard is not None:
            self._guard_note(self.guard)
        self.outcome.note(self.call, "the Bedrock request body becomes a Messages body")
        return True

    # --- request ---------------------------------------------------------------
    def _model_id(self, model: cst.BaseExpression | None) -> str | None:
        if isinstance(model, cst.Name):
            found = value_at(self.analysis, model)
            model = found[1] if found is not None else None
        return string_value(model) if model is not None else None

    def _body(self) -> cst.Dict | str | None:
        """The dict literal dumped as the body; a reason when it cannot be read; None: no body."""
        value = _keyword(self.call, "body")
        if value is None:
            return None
        dumped = self._dumped(value)
        if isinstance(dumped, str) and isinstance(value, cst.Name):
            dispatched = self._dispatched(value)
            if dispatched is not None:
                return dispatched
        return dumped if isinstance(dumped, str) else self._dict_value(dumped)

    def _dispatched(self, name: cst.Name) -> cst.Dict | None:
        """The Text Completions body among several built one per vendor; None: no such body.

        ``body`` bound in each branch of an ``if``/``elif`` chain on the model id:
        the legacy one must sit under a test the tool can read, every other one
        where that test is false, and ``name`` must be the body's only read. The
        test is kept in ``self.guard`` for the reads of the answer.
        """
        found = self.analysis.lookup(name.value, self.scope)
        if found is None or len(found[1]) < 2:
            return None
        owner, bindings = found
        legacy = [(b, body) for b in bindings if (body := self._legacy_body(b)) is not None]
        if len(legacy) != 1:
            return None  # none, or a legacy body rebound: not one body per vendor
        (binding, body), site = legacy[0], legacy[0][0].statement
        assert site is not None
        for use in self.analysis.uses_of(name.value, owner):
            if use is not name and not is_store(self.analysis, use):
                raise Manual(use, f"the body `{name.value}` {describe_use(self.analysis, use)}")
        guard = self._guard_over(site, name.value)
        test = self.plan.code_for(guard.test)
        if not steady(self.analysis, guard, owner.node):
            raise Manual(
                guard.test,
                f"`{guard.subject}` may change between the test `{test}` and the reading of the "
                "answer",
            )
        for other in bindings:
            if other is not binding and (
                other.statement is None
                or standing(self.analysis, other.statement, guard) is not Standing.EXCLUDED
            ):
                raise Manual(
                    other.statement or site,
                    f"the body `{name.value}` is also bound where `{test}` may hold",
                )
        self.guard = guard
        return body

    def _legacy_body(self, binding: Binding) -> cst.Dict | None:
        """The dict a binding ``json.dumps``, when it holds ``max_tokens_to_sample``."""
        if binding.kind != "assign" or not isinstance(binding.node, cst.Call):
            return None
        dumped = self._dumped(binding.node)
        found = None if isinstance(dumped, str) else self._dict_value(dumped)
        if isinstance(found, cst.Dict) and "max_tokens_to_sample" in keys_of(found):
            return found
        return None

    def _guard_over(self, site: cst.CSTNode, name: str) -> Guard:
        """The test of the innermost ``if`` whose body builds the legacy body."""
        current = site
        for holder in self.analysis.ancestors(site):
            if isinstance(holder, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                break
            if isinstance(holder, cst.If) and current is holder.body:
                guard = guard_of(holder.test)
                if guard is None:
                    raise Manual(
                        holder.test,
                        f"the body `{name}` is built for Text Completions under "
                        f"`{self.plan.code_for(holder.test)}`, which the tool cannot read as a "
                        "test of one value against a string",
                    )
                return guard
            current = holder
        raise Manual(
            site,
            f"the body `{name}` is built for Text Completions in one of several places, "
            "not in a branch on the model",
        )

    def _guard_note(self, guard: Guard) -> None:
        """A test on the id's first word misses the ids of inference profiles."""
        if guard.kind in ("prefix", "equals") and guard.value.startswith("anthropic"):
            self.outcome.note(
                guard.test,
                f"the Messages body is sent only where `{self.plan.code_for(guard.test)}`: "
                "current Claude models on Bedrock are called through inference profiles "
                "(`global.anthropic.…`, `us.anthropic.…`), whose ids this test may not match",
                Safety.REVIEW,
            )

    def _legacy_elsewhere(self) -> bool:
        """Is the body dumped from a dict given ``max_tokens_to_sample`` where it is built?"""
        value = _keyword(self.call, "body")
        for _ in range(4):  # body=name, name = json.dumps(request).encode(), request = {...}
            if isinstance(value, cst.Name):
                if _legacy_request_dict(self.analysis, value, self.scope):
                    return True
                found = value_at(self.analysis, value)
                value = found[1] if found is not None else None
            elif (
                isinstance(value, cst.Call)
                and isinstance(value.func, cst.Attribute)
                and value.func.attr.value == "encode"
            ):
                value = value.func.value
            elif isinstance(value, cst.Call) and value.args:
                value = value.args[0].value  # ``json.dumps(...)``
            else:
                return False
        return False

    def _model(
        self, model: cst.BaseExpression | None, model_id: str | None, prefill: bool | None
    ) -> None:
        where = model if model is not None else self.call
        if model_id is None:
            self.outcome.note(
                where,
                "the model id is only known at run time; make sure it names a Bedrock model "
                "that takes the Messages format",
                Safety.REVIEW,
            )
            return
        chosen = self.plan.config.bedrock_target_for(model_id, prefill)
        if chosen is None:
            self.outcome.note(
                where,
                f"Bedrock model {model_id!r} has no entry in [tool.migrator.bedrock_models]; "
                "make sure it takes the Messages format",
                Safety.REVIEW,
            )
            return
        target, default = chosen
        literal = model
        if isinstance(literal, cst.Name):
            found = binding_at(self.analysis, literal)
            assert found is not None
            literal = found[1].node  # type: ignore[assignment]
            for use in found[2]:
                if use is not model and not self._is_target(use):
                    self.outcome.note(
                        where,
                        f"Bedrock model {model_id!r} maps to {target!r}, but its name is also "
                        "used elsewhere; change it by hand",
                        Safety.REVIEW,
                    )
                    return
        assert isinstance(literal, cst.SimpleString)
        quote = literal.quote
        new_value = cst.SimpleString(f"{quote}{target}{quote}")
        self.outcome.rewrites[literal] = lambda updated: new_value
        extra = (
            "; the request keeps an assistant prefill, which the model must accept"
            if prefill is not False
            else ""
        )
        self.outcome.note(
            where, f"Bedrock model {model_id!r} becomes {target!r}{extra}{default}", Safety.REVIEW
        )

    # --- response --------------------------------------------------------------
    def _body_reads(self) -> list[cst.BaseExpression]:
        """``response["body"]`` / ``response.get("body")``; other metadata reads are fine."""
        holder = self._holder()
        if holder is None:
            return []
        node, uses = holder
        reads = []
        for use in uses:
            read = key_read(use, self.analysis)  # type: ignore[arg-type]
            if read is not None and read.key in _RESPONSE_METADATA:
                continue
            if self.guard is not None and not self._under_guard(use, self.guard):
                continue  # another vendor's answer
            if read is None:
                raise Manual(use, "the response is used in a way the tool does not follow")
            if read.key != "body":
                raise Manual(read.node, f"the response is read for `{read.key}`")
            reads.append(read.node)
        return reads

    def _under_guard(self, use: cst.CSTNode, guard: Guard) -> bool:
        """True: ``use`` reads the answer to the migrated body; False: another vendor's."""
        where = standing(self.analysis, use, guard)
        if where is None:
            raise Manual(
                use,
                f"the answer is read where `{self.plan.code_for(guard.test)}` may not hold, so the "
                "tool cannot tell which vendor's answer it reads",
            )
        return where is Standing.UNDER

    def _response(self) -> None:
        for read in self._body_reads():
            self._json(self._parsed(read, "the response body"))

    def _parsed(self, stream: cst.BaseExpression, what: str) -> cst.Call:
        """``json.loads(stream.read())`` (or with ``.decode(...)``): the ``json.loads`` call."""
        node: cst.CSTNode = stream
        for method in ("read", "decode"):
            attribute = self.analysis.parent(node)
            call = self.analysis.parent(attribute) if attribute is not None else None
            if (
                isinstance(attribute, cst.Attribute)
                and attribute.attr.value == method
                and isinstance(call, cst.Call)
                and call.func is attribute
            ):
                node = call
            elif method == "read":
                raise Manual(stream, f"{what} is read other than with `.read()`")
        arg = self.analysis.parent(node)
        loads = self.analysis.parent(arg) if arg is not None else None
        if not (
            isinstance(arg, cst.Arg)
            and isinstance(loads, cst.Call)
            and len(loads.args) == 1
            and self.analysis.qualified_name(loads.func, self.analysis.scope_of[loads])
            == "json.loads"
        ):
            raise Manual(node, f"{what} is not parsed with `json.loads` where it is read")
        return loads

    # --- stream ----------------------------------------------------------------
    def _stream(self) -> None:
        reads = self._body_reads()
        if len(reads) != 1:
            if reads:
                raise Manual(self.call, "the stream is read in more than one place")
            return
        loop = self._loop(reads[0])
        self._chunks(loop)

    def _loop(self, stream: cst.BaseExpression) -> cst.For:
        analysis = self.analysis
        parent = analysis.parent(stream)
        if isinstance(parent, cst.For) and parent.iter is stream:
            return parent
        target = None
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
            target = parent.targets[0].target
        if not isinstance(target, cst.Name):
            raise Manual(stream, "the event stream is used in a way the tool does not follow")
        found = binding_at(analysis, target)
        if found is None:
            raise Manual(target, f"`{target.value}` is assigned more than once")
        loops = []
        for use in found[2]:
            holder = analysis.parent(use)
            if isinstance(holder, cst.For) and holder.iter is use:
                loops.append(holder)
            elif not isinstance(holder, (cst.If, cst.While)):  # `if stream:` tests
                raise Manual(use, f"the event stream `{target.value}` is used other than in a loop")
        if len(loops) != 1:
            raise Manual(target, f"the event stream `{target.value}` is not read by one loop")
        return loops[0]

    def _chunks(self, loop: cst.For) -> None:
        analysis = self.analysis
        parsed = [
            node
            for node in analysis.scope_of
            if isinstance(node, cst.Call)
            and any(a is loop.body for a in analysis.ancestors(node))
            and analysis.qualified_name(node.func, analysis.scope_of[node]) == "json.loads"
        ]
        if len(parsed) != 1:
            raise Manual(loop, "the loop does not parse each chunk with one `json.loads`")
        uses, name = self._value_uses(parsed[0], "the parsed chunk")
        texts, ends = [], []
        for use in uses:
            if not any(a is loop.body for a in analysis.ancestors(use)):
                raise Manual(use, f"{name} is read after the loop")
            read = key_read(use, analysis)  # type: ignore[arg-type]
            if read is None:
                raise Manual(use, f"{name} is used whole, and the chunks differ on Messages")
            if read.key == "completion":
                texts.append(read.node)
            elif read.key in ("stop_reason", "stop"):
                ends.append((read.key, read.node))
            elif read.key not in _CHUNK_EXTRAS:
                raise Manual(read.node, f"{name} is read for `{read.key}`")
        for read in texts:
            statement = analysis.statement_of.get(read, read)
            if not ignores_empty_text(statement, [read], analysis):
                raise Manual(
                    read,
                    "the loop does more with each chunk's text than print it or add it to a "
                    "string, and Messages chunks without text would reach it",
                )
            self.outcome.rewrites[read] = stream_text(read, "", simple=False)
        for field_name, read in ends:
            self.outcome.rewrites[read] = stream_end(read, "", field_name)
            if field_name == "stop_reason":
                self._stop_reason(read)
        self.outcome.note(loop, "the stream loop reads the text deltas of Messages events")
