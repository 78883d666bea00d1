"""Response: ``.completion`` becomes the text of the response's content blocks.

## What it does

Follows the value a migrated call returns, within its module:

- chained on the call (awaited, also through `await asyncio.wait_for(call,
  timeout)`), or through the variable it is assigned to, also when
  the variable is reassigned, as long as every assignment is a legacy call
  (or `None`, for "no response yet"): those calls are then migrated together
  or not at all;
- the `self.NAME` attribute it is stored on (read only in the class's own
  methods);
- the callers in the same module of a function that returns it, sync or
  async (`return await client.completions.create(...)`, read as
  `(await helper(...)).completion`), at module level, nested, or a method
  only ever called on `self` in its class or on names bound only to
  instances of it; every other `return` of that
  function must give a response of a legacy call too (those calls migrate
  with it), `None`, or a `Completion(...)` built by hand (TCM014), or the
  response goes through the adapter below;
- the parameter of a function (or a method called on `self`) it is passed to,
  when every call of that function passes a response there;
- lists of responses: a comprehension of calls (of the API, or of such a
  function), `await asyncio.gather(...)` of them (also unpacked,
  `a, b = await asyncio.gather(...)`), indexed, iterated, zipped or
  enumerated;
- a dumped response: `response.model_dump()` (or `.to_dict()`, `.dict()`)
  read by key, chained or through one variable;
- the dict a pre-0.3 `client.completion(...)` returned (TCM017), read by key,
  chained or through one variable: `["completion"]` becomes the text of
  `.content`, `["stop_reason"]`, `["stop"]` and `["model"]` the attributes
  that hold them; any other key, or a type check of the dict, leaves the call
  untouched.

`response.completion` becomes the joined text of the response's text blocks
wherever it is read (read more than once from the variable the call is
assigned to, or the variable a caller assigns a function's returned response
to, the text is bound once right after that assignment, to `text`, or
`<variable>_text` when that name is taken or another response shares the
scope; chained on a call that is its statement's first work, `text =
client.completions.create(...).completion`, `return ...`, `print(...)`, also
the pre-0.3 `client.completion(...)["completion"]`, the response is bound
first, `response = client.messages.create(...)`, and the text read from it) (also `transcript += response.completion`, the shape of
stop-and-resume loops; an assignment to it leaves the call untouched; a
variable rebound at once to the response's own text, `response =
response.completion`, is followed, outside a `try` or `with`)
(`data["completion"]` the text of `data["content"]`), and `response.stop` (the
matched stop sequence) becomes `response.stop_sequence`; `.model` and `.id`
stay. A response returned to callers the tool cannot all see (a function
nothing in the module calls, a method called on an object other than `self` or
a name bound only to an instance of its class, a function
used as a value, or one wrapped by a decorator such as a logger that may read
what it returns) is returned through an adapter written into the module,
`_legacy_completion(...)`, which gives them the legacy shape: `.completion`,
`.stop_reason` (a natural end as `"stop_sequence"`, as the legacy API said it),
`.stop`, `.model`, `.id` and `.type` (so does a function that also returns
objects of its own, such as a cached answer, which its callers read as a
completion); for the pre-0.3 SDK's dict,
`_legacy_completion_dict(...)`, with the keys `completion`, `stop_reason`,
`stop`, `model` and `log_id`. That is a review finding: move the callers to the
Messages response, then drop the adapter.

A response handed to code the tool does not follow goes through the same
adapter where it is requested, and every read of it stays as written: passed
to a function or method the tool cannot follow into (imported, reached through
another object, or a function of the module also called with something else),
appended to a list, an element of a list, tuple or dict display, or yielded by
a generator to whoever iterates it. That is a
review finding too, and it needs every use the tool sees to be one the adapter
answers: a read of `.completion`, `.stop_reason`, `.stop`, `.model`, `.id` or
`.type` (of `["completion"]`, `["stop_reason"]`, `["stop"]`, `["model"]` or
`["log_id"]`, or `.get(...)` of them, for the dict), or handing it on again.
So does a pre-0.3 response dict tested for its keys (`"completion" in resp`,
`"stop_reason" not in resp`, `k in resp` for each `k` of a literal tuple of
keys in a comprehension), when each key tested is one the adapter gives; a test
for any other key (`"exception" in resp`) leaves the call as it was.
A response that is also printed, logged, formatted, serialised or given to a
builtin (`str(response)`, `json.dumps(response)`), type-checked, dumped with
`model_dump()`, read for anything else, or that is an async request not awaited
where it is made, is left untouched and reported, as is one that goes somewhere
else the tool cannot follow (assigned from something else too, a set, a
`lambda`). Once every call of a module is migrated, a
`.completion` read that none of them reaches is reported for review: it may
read a response the tool could not see (from a cache, another module).

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

from migrator.analysis.response import follow
from migrator.analysis.response_rewrites import completion_as_text, rekey, stop_sequence_attribute
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.completion.adapter import _hand_on, adapt, streamed_from_dict
from migrator.rules.completion.dict_response import _dict_response
from migrator.rules.completion.hoist import hoisted
from migrator.rules.completion.reads import dict_text, named, text_once
from migrator.rules.completion.untraced import report_untraced

_UNCHANGED = ("model", "id")


class Completion(Rule):
    code = "TCM009"
    summary = "`response.completion` becomes the text of `response.content`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        if plan.streamed:
            return  # the events are read by the stream rule
        plan.reads_done = True
        if plan.stream_at_run_time:
            return  # an adapter gives the reads the legacy shape they expect
        if plan.site.sdk02_method is not None:
            _dict_response(type(self), plan)
            return
        use = follow(plan.call, plan.analysis, hand_on=True)
        if use.problem is None and use.handed_on:
            _hand_on(type(self), plan, use, dict_shaped=False)
            return
        if use.problem is not None and streamed_from_dict(type(self), plan, use.problem_node):
            return
        if use.problem is not None:
            plan.block(type(self), use.problem_node or plan.call, use.problem)
            return
        plan.linked.extend(call for call in use.linked if call is not plan.call)
        adapt(type(self), plan, use.adapted, dict_shaped=False)
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
        for function in dict.fromkeys(use.passed_to):
            name = function.name.value
            if not name.startswith("_"):
                plan.report(
                    type(self),
                    function.name,
                    f"`{name}` now takes a Messages response; its callers here pass one, "
                    "callers in other modules must too",
                    Safety.REVIEW,
                )
        once = text_once(plan, [read for read in use.reads if read.attr.value == "completion"])
        for read in use.reads:
            attribute = read.attr.value
            if attribute == "completion" and read in once:
                plan.rewrites[read] = named(once[read])
                plan.report(
                    type(self),
                    read,
                    f"`.completion` becomes `{once[read]}`, the text of `.content` read once",
                    Safety.SAFE,
                )
            elif attribute == "completion" and (bound := hoisted(plan, read)) is not None:
                plan.rewrites.update(bound)
                plan.report(
                    type(self),
                    read,
                    "the response is bound to a name of its own, and `.completion` becomes "
                    "the text of its `.content`",
                    Safety.SAFE,
                )
            elif attribute == "completion":
                plan.rewrites[read] = completion_as_text
                plan.report(
                    type(self), read, "`.completion` becomes the text of `.content`", Safety.SAFE
                )
            elif attribute == "stop":
                plan.rewrites[read] = stop_sequence_attribute
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
        for key_read in use.key_reads:
            key = key_read.key
            if key == "completion":
                plan.rewrites[key_read.node] = dict_text
                plan.report(
                    type(self),
                    key_read.node,
                    '`["completion"]` of the dumped response becomes the text of its `"content"`',
                    Safety.SAFE,
                )
            elif key == "stop":
                plan.rewrites[key_read.node] = rekey("stop_sequence")
                plan.report(
                    type(self), key_read.node, '`["stop"]` becomes `["stop_sequence"]`', Safety.SAFE
                )
            elif key == "stop_reason":
                plan.stop_reason_reads.append(key_read.node)
            elif key not in _UNCHANGED:
                plan.block(
                    type(self),
                    key_read.node,
                    f'reads `["{key}"]` of the dumped response, which Messages changes',
                )
                return

    def apply_module(self, plan: ModulePlan) -> None:
        """``.completion`` reads the tool could not trace to a legacy call: findings.

        Only once every call of the module is migrated: next to a call left for
        manual work, its reads are part of that work.
        """
        if not plan.sites or any(site.blocked for site in plan.sites):
            return
        plan.last_checks.append(lambda: report_untraced(type(self), plan))
