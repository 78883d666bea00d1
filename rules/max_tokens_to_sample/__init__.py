"""``max_tokens_to_sample`` becomes ``max_tokens``.

## What it does

Renames the `max_tokens_to_sample=` argument to `max_tokens=`, keeping its
value, except above 64,000, the output limit of the default target models:
Text Completions clamped such a value to the model's limit and Messages
refuses it, so a literal becomes `64000` and a name one of whose visible
values is larger (a parameter's default of 100,000, or the default of an
environment read, `int(os.environ.get("MAX_TOKENS", "100000"))`) becomes
`min(name, 64000)`, and so does a key of a dict literal one of whose values is
(`LIMITS[tier]`, `LIMITS = {"fast": 8, "smart": 100000}`), and so does
`self.max_tokens` that its class sets to such a literal, in its body or from a
parameter's default (`__init__(self, max_tokens=100000)`); the runtime
converter clamps splatted requests the same way. Each of these is a review
finding.

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

A call that does not stream and may ask for more than 21,333 tokens (a
larger literal, or a value the tool cannot bound: a name, a parameter, an
attribute; a constant, a class's constant (`Config.MAX_TOKENS`,
`self.MAX_TOKENS`, assigned once in the class body and nowhere else), `min(...)`,
`a if test else b` or `a or b` of such bounded values is bounded by its
largest) also gets `timeout=600`:

```python
client.messages.create(model=..., max_tokens=max_tokens, timeout=600, messages=[...])
```

The current SDK refuses such a call before sending it ("Streaming is required
for operations that may take longer than 10 minutes") unless it is given a
timeout, while the legacy SDK sent every `completions.create` with a
600-second timeout. Not when the call passes `timeout=` itself or its client is
built with `timeout=` (or, before 0.3, `default_request_timeout=`: the SDK does
not check then), and not for a stream. A
request splatted from a dict gets the same from `_legacy_request_to_messages`.

## Fix safety

Safe for values within the model's limit: the value is kept, so the wire
request is the same. Text Completions silently clamped a larger value;
Messages answers it with a validation error, so a literal above 64,000 is
reported for review. An added `timeout=600` is reported for review: it keeps
the legacy SDK's timeout, and replaces a client-level timeout set where the
tool cannot see it. When the request is also splatted from a dict the tool
cannot read (which may hold a `timeout`), a value that may be that large goes
to `_legacy_request_to_messages` with the dict, which clamps it and adds the
timeout at run time only when the request has none.

## References

Migration guide, "Specifying max tokens"; `MIGRATION.md` change 4.
"""

from __future__ import annotations

import libcst as cst

from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.max_tokens_to_sample.bounds import bound_of, may_be_refused, may_hold_more
from migrator.runtime.helpers import (
    LEGACY_TIMEOUT,
    MAX_OUTPUT_TOKENS,
    NONSTREAMING_MAX_TOKENS,
    REQUEST_HELPER,
)

# Above this, a value may exceed the chosen model's output limit.
_REVIEW_ABOVE = MAX_OUTPUT_TOKENS
_LIMIT = "a value above the model's output limit instead of clamping it"
_CLAMPED = (
    f"`max_tokens={_REVIEW_ABOVE}`, the output limit of the default target models: Text "
    "Completions clamped a larger value to the model's limit, Messages refuses it"
)


_WRAPPED = (
    f"`max_tokens=min(..., {_REVIEW_ABOVE})`: the value may be larger than the output limit "
    "of the default target models (a default here is), which Text Completions clamped it to "
    "and Messages refuses"
)


def _clamped(arg: cst.Arg, wrap: bool = False) -> cst.Arg:
    limit = cst.Integer(str(_REVIEW_ABOVE))
    if not wrap:
        return arg.with_changes(value=limit)
    return arg.with_changes(
        value=cst.Call(cst.Name("min"), [cst.Arg(arg.value, comma=_COMMA), cst.Arg(limit)])
    )


_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


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
        code = " ".join(plan.code_for(arg.value).split())
        plan.stale_comment(type(self), arg, ("max_tokens_to_sample",))
        bound = bound_of(plan, arg.value, plan.site.scope)
        huge = bound is not None and bound > _REVIEW_ABOVE
        # Text Completions clamped a literal above the model's limit; Messages refuses it.
        clamp = huge and isinstance(arg.value, cst.Integer)
        # A name that may hold such a literal (a parameter's default): clamped where it is read.
        wrap = not clamp and may_hold_more(plan, arg.value, plan.site.scope)
        if may_be_refused(plan, bound):
            if plan.request_converted:
                # The splatted request may hold a timeout: the runtime converter decides,
                # with the request, whether one is needed, and clamps the value.
                plan.convert_with_request(arg, REQUEST_HELPER)
                plan.report(
                    type(self),
                    arg,
                    f"`max_tokens_to_sample={code}` may be above {NONSTREAMING_MAX_TOKENS:,}, "
                    "which the current SDK refuses without a timeout, and the request splatted "
                    f"into the call may hold one: `{REQUEST_HELPER}` converts it with that "
                    f"request at run time (`max_tokens`, at most {MAX_OUTPUT_TOKENS:,}, and "
                    f"`timeout={LEGACY_TIMEOUT}` when it is above and the request has none)",
                    Safety.REVIEW,
                )
                return
            # A dict the tool reads whole was expanded into the plan's arguments: no timeout.
            original = plan.site.call.args
            if any(other.star == "**" and other in original for other in plan.args):
                plan.block(
                    type(self),
                    arg,
                    f"`max_tokens_to_sample={code}` may be above {NONSTREAMING_MAX_TOKENS:,}, "
                    "which the current SDK refuses without a timeout, and the request splatted "
                    "into the call may hold one: a `timeout=` cannot be added safely",
                )
                return
            new = plan.rename(arg, "max_tokens")
            timeout = plan.like(new, "timeout", cst.Integer(str(LEGACY_TIMEOUT)))
            plan.replace(new, [_clamped(new, wrap) if clamp or wrap else new, timeout])
            why = (
                f"the tool cannot bound `{code}`"
                if bound is None
                else f"it is above {NONSTREAMING_MAX_TOKENS:,}"
            )
            plan.report(
                type(self),
                arg,
                f"`max_tokens_to_sample={code}` becomes `max_tokens`, with "
                f"`timeout={LEGACY_TIMEOUT}`: {why}, and the current SDK refuses a call that "
                f"does not stream with more than {NONSTREAMING_MAX_TOKENS:,} max_tokens unless "
                'it is given a timeout ("Streaming is required..."); the legacy SDK sent it '
                f"with a {LEGACY_TIMEOUT}-second timeout"
                + (
                    f"; {_CLAMPED}"
                    if clamp
                    else f"; Messages also rejects {_LIMIT}"
                    if huge
                    else ""
                )
                + (
                    "; the tool cannot see how the client is built, and a timeout set there "
                    "is replaced by this one for this call"
                    if plan.analysis.client_calls(plan.site.receiver, plan.site.scope) is None
                    else ""
                ),
                Safety.REVIEW,
            )
            return
        new = plan.rename(arg, "max_tokens")
        if wrap:
            plan.replace(new, [_clamped(new, wrap)])
            plan.report(
                type(self), arg, f"`max_tokens_to_sample` becomes {_WRAPPED}", Safety.REVIEW
            )
            return
        if clamp:
            plan.replace(new, [_clamped(new)])
            plan.report(
                type(self), arg, f"`max_tokens_to_sample={code}` becomes {_CLAMPED}", Safety.REVIEW
            )
            return
        if huge:
            plan.report(
                type(self),
                arg,
                f"`max_tokens_to_sample={code}` becomes `max_tokens`; Messages rejects {_LIMIT}",
                Safety.REVIEW,
            )
            return
        plan.report(type(self), arg, "`max_tokens_to_sample` becomes `max_tokens`", Safety.SAFE)
