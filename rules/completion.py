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
  only ever called on `self` in its class; every other `return` of that
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
assigned to, the text is bound once right after the call, to `text`, or
`<variable>_text` when that name is taken or another response shares the
scope) (also `transcript += response.completion`, the shape of
stop-and-resume loops; an assignment to it leaves the call untouched; a
variable rebound at once to the response's own text, `response =
response.completion`, is followed, outside a `try` or `with`)
(`data["completion"]` the text of `data["content"]`), and `response.stop` (the
matched stop sequence) becomes `response.stop_sequence`; `.model` and `.id`
stay. A response returned to callers the tool cannot all see (a function
nothing in the module calls, a method called on another object, a function
used as a value) is returned through an adapter written into the module,
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

import libcst as cst

from migrator.analysis import ClientKind, ModuleAnalysis
from migrator.flow import binding_at
from migrator.plan import CallPlan, ModulePlan, Rewrite
from migrator.response import follow
from migrator.response_dict import follow_dict
from migrator.response_rewrites import (
    completion_as_text,
    dict_text_of,
    rekey,
    stop_sequence_attribute,
    text_of,
)
from migrator.response_uses import ResultUse, written
from migrator.rule import Rule, Safety
from migrator.runtime import ADAPTED_ATTRIBUTES, ADAPTED_KEYS, ADAPTER, adapter_helper
from migrator.syntax import returned_through

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
            self._dict_response(plan)
            return
        use = follow(plan.call, plan.analysis, hand_on=True)
        if use.problem is None and use.handed_on:
            self._hand_on(plan, use, dict_shaped=False)
            return
        if use.problem is not None and self._streamed_from_dict(plan, use.problem_node):
            return
        if use.problem is not None:
            plan.block(type(self), use.problem_node or plan.call, use.problem)
            return
        plan.linked.extend(call for call in use.linked if call is not plan.call)
        self._adapt(plan, use.adapted, dict_shaped=False)
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
        once = _text_once(plan, [read for read in use.reads if read.attr.value == "completion"])
        for read in use.reads:
            attribute = read.attr.value
            if attribute == "completion" and read in once:
                plan.rewrites[read] = _named(once[read])
                plan.report(
                    type(self),
                    read,
                    f"`.completion` becomes `{once[read]}`, the text of `.content` read once",
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
                plan.rewrites[key_read.node] = _dict_text
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

    def _streamed_from_dict(self, plan: CallPlan, node: cst.CSTNode | None) -> bool:
        """``for chunk in client.completions.create(**request)``: the dict may ask for a
        stream. Its events (or its response) reach the code in the legacy shape."""
        if not plan.request_converted or plan.kwarg("stream") is not None or node is None:
            return False
        if not isinstance(plan.analysis.parent(node), cst.For):
            return False
        name = plan.adapt_result()
        plan.report(
            type(self),
            node,
            f"the request is splatted from a dict that may ask for a stream, and the result is "
            f"iterated: `{name}(...)` gives the code the stream's events (or the response) in "
            "the legacy shape (`completion`, and `stop_reason` with a natural end as "
            '"stop_sequence"); call `messages.stream(...)` by hand and drop it',
            Safety.REVIEW,
        )
        return True

    def _adapt(self, plan: CallPlan, returns: list[cst.Return], *, dict_shaped: bool) -> None:
        """Returned to callers the tool cannot see: in the legacy shape, through an adapter."""
        if not returns:
            return
        name, source = adapter_helper(dict_shaped)
        plan.helpers[name] = source
        shape = (
            "the dict the pre-0.3 SDK returned" if dict_shaped else "a Text Completions response"
        )
        for statement in dict.fromkeys(returns):
            if _returns_the_call(plan, statement):
                plan.result_wrapper = name  # around the request, laid out as black would
            else:
                plan.rewrites[statement] = returned_through(name)
            function = _function_name(plan, statement)
            plan.report(
                type(self),
                statement,
                f"{function} returns the response to callers the tool cannot see: `{name}(...)` "
                f"gives them {shape} (`completion`, and `stop_reason` with a natural end as "
                '"stop_sequence"); move them to the Messages response and drop it',
                Safety.REVIEW,
            )

    def _hand_on(self, plan: CallPlan, use: ResultUse, *, dict_shaped: bool) -> None:
        """The response is handed to code the tool does not follow (``log(response)``,
        ``results.append(response)``, ``[response]``): the request goes through the adapter
        in the legacy shape, and every read stays as written, when the adapter answers each
        use the tool sees. Otherwise the call is left as it was, with the reason."""
        name, source = adapter_helper(dict_shaped)
        first = use.handed_on[0]
        short = _falls_short(plan, use, dict_shaped)
        if short is not None:
            node, why = short
            plan.block(
                type(self),
                node or first.node,
                f"{first.what}, and {why}: `{name}(...)`, which would give that code the "
                "legacy shape, cannot stand in for it",
            )
            return
        plan.helpers[name] = source
        plan.result_wrapper = name  # around the request, laid out as black would
        plan.kept_reads.extend([*use.reads, *(read.node for read in use.key_reads)])
        shape = (
            "the dict the pre-0.3 SDK returned (`completion`, `stop_reason`, `stop`, `model`, "
            "`log_id`)"
            if dict_shaped
            else "a Text Completions response (`completion`, `stop_reason`, `stop`, `model`, "
            "`id`, `type`)"
        )
        whom = "" if first.keys else ", code the tool does not follow"
        plan.report(
            type(self),
            first.node,
            f"{first.what}{whom}: `{name}(...)` gives it {shape}, "
            'with a natural end as "stop_sequence", and the reads here stay as written; move '
            "that code to the Messages response and drop it",
            Safety.REVIEW,
        )

    def _dict_response(self, plan: CallPlan) -> None:
        """The pre-0.3 SDK answered with a dict: its key reads become attribute reads."""
        use = follow_dict(plan.call, plan.analysis, hand_on=True)
        if use.problem is not None:
            plan.block(type(self), use.problem_node or plan.call, use.problem)
            return
        if use.handed_on:
            self._hand_on(plan, use, dict_shaped=True)
            return
        self._adapt(plan, use.adapted, dict_shaped=True)
        for key_read in use.key_reads:
            key = key_read.key
            if key == "completion":
                plan.rewrites[key_read.node] = _dict_read_as_text
                plan.report(
                    type(self),
                    key_read.node,
                    '`["completion"]` of the response becomes the text of its `.content`',
                    Safety.SAFE,
                )
            elif key in _DICT_KEYS:
                plan.rewrites[key_read.node] = _dict_read_as_attribute(_DICT_KEYS[key])
                if key == "stop_reason":
                    plan.stop_reason_reads.append(key_read.node)
                else:
                    plan.report(
                        type(self),
                        key_read.node,
                        f'`["{key}"]` of the response becomes `.{_DICT_KEYS[key]}`',
                        Safety.SAFE,
                    )
            else:
                plan.block(
                    type(self),
                    key_read.node,
                    f'reads `["{key}"]` of the response, which a Messages response does not have',
                )
                return

    def apply_module(self, plan: ModulePlan) -> None:
        """``.completion`` reads the tool could not trace to a legacy call: findings.

        Only once every call of the module is migrated: next to a call left for
        manual work, its reads are part of that work.
        """
        if not plan.sites or any(site.blocked for site in plan.sites):
            return
        plan.last_checks.append(lambda: self._report_untraced(plan))

    def _report_untraced(self, plan: ModulePlan) -> None:
        traced = {node for site in plan.sites for node in site.rewrites} | set(plan.rewrites)
        traced |= {node for site in plan.sites for node in site.kept_reads}
        analysis = plan.analysis
        # In a scope where an adapter gives a result the legacy shape, reads stay as they are.
        adapted = {id(site.site.scope) for site in plan.sites if site.stream_at_run_time}
        advice = "if it holds a Text Completions response, read the text of `.content` instead"
        if any(site.result_wrapper == ADAPTER for site in plan.sites):
            # Code a response is handed to reads the adapter's legacy shape, not `.content`.
            advice += (
                f", unless it holds a response handed on through `{ADAPTER}(...)`, which keeps "
                "the legacy shape until that code moves to the Messages response"
            )
        for node, _ in analysis.nodes_of(cst.Attribute):
            if not (isinstance(node, cst.Attribute) and node.attr.value == "completion"):
                continue
            if node in traced or _typed_parameter(node.value, analysis):
                continue
            if id(analysis.scope_of[node]) in adapted:
                continue
            holder = analysis.parent(node)
            if written(node, holder) or (isinstance(holder, cst.Call) and holder.func is node):
                continue
            plan.report(
                type(self),
                node,
                f"`.completion` is read from a value the tool cannot trace to a legacy call; {advice}",
                Safety.REVIEW,
            )


def _falls_short(
    plan: CallPlan, use: ResultUse, dict_shaped: bool
) -> tuple[cst.CSTNode | None, str] | None:
    """Why the adapter in the legacy shape cannot stand in for a response handed on (a use
    the tool sees that it does not answer, and where), or None when it can."""
    awaited = isinstance(plan.analysis.parent(plan.call), cst.Await)
    if not awaited and plan.site.kind is ClientKind.ASYNC:
        return None, "it is awaited elsewhere"
    if any(call is not plan.call for call in use.linked):
        return None, "the responses of other legacy calls reach the same code"
    if use.type_checks:
        return use.type_checks[0], "it is type-checked"
    for read in use.reads:
        if read.attr.value not in ADAPTED_ATTRIBUTES:
            return read, f"its `.{read.attr.value}` is read"
    for key_read in use.key_reads:
        if not dict_shaped:
            return key_read.node, "it is dumped to a dict"
        if key_read.key not in ADAPTED_KEYS:
            return key_read.node, f'its `["{key_read.key}"]` is read'
    for handed in use.handed_on:
        unknown = [key for key in handed.keys if key not in ADAPTED_KEYS]
        if unknown:
            return (
                handed.node,
                f'one of them, `"{unknown[0]}"`, has no counterpart in a Messages response',
            )
    return None


def _returns_the_call(plan: CallPlan, statement: cst.Return) -> bool:
    """``return client.completions.create(...)`` (awaited or not): the request itself."""
    value = statement.value
    if isinstance(value, cst.Await):
        value = value.expression
    return value is plan.call


def _text_once(plan: CallPlan, reads: list[cst.Attribute]) -> dict[cst.Attribute, str]:
    """``response.completion`` read more than once: the name its text is bound to, once.

    For the variable the call is assigned to, when every read sees that
    assignment and sits in its scope: ``text = "".join(...)`` goes right after
    it, under a name nothing in the module uses.
    """
    analysis = plan.analysis
    statement = plan.site.statement
    assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    if not (
        isinstance(assign, cst.Assign)
        and len(statement.body) == 1  # type: ignore[union-attr]
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
        and (assign.value is plan.call or getattr(assign.value, "expression", None) is plan.call)
        and len(reads) > 1
    ):
        return {}
    target = assign.targets[0].target
    scope = analysis.scope_of.get(target)
    for read in reads:
        found = binding_at(analysis, read.value) if isinstance(read.value, cst.Name) else None
        if found is None or found[1].node is not assign.value:
            return {}
        if analysis.scope_of.get(read.value) is not scope:
            return {}
    taken = analysis.spelled
    # Two responses of one scope each get their own name, so neither text hides the other.
    others = {
        _assigned_name(site.statement) for site in analysis.calls if site.scope is plan.site.scope
    } - {target.value, None}
    names = (f"{target.value}_text",) if others else ("text", f"{target.value}_text")
    name = next((n for n in names if n not in taken), None)
    if name is None:
        return {}
    line = f"{name} = {plan.analysis.module.code_for_node(text_of(cst.Name(target.value)))}"
    plan.statements_after.setdefault(statement, []).append(line)
    return dict.fromkeys(reads, name)


def _assigned_name(statement: cst.CSTNode) -> str | None:
    """``NAME = ...``: the name (the single target of a one-statement line)."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    assign = statement.body[0]
    if isinstance(assign, cst.Assign) and len(assign.targets) == 1:
        target = assign.targets[0].target
        return target.value if isinstance(target, cst.Name) else None
    return None


def _named(name: str) -> Rewrite:
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Attribute)
        return cst.Name(name, lpar=updated.lpar, rpar=updated.rpar)

    return rewrite


def _function_name(plan: CallPlan, statement: cst.Return) -> str:
    function = next(
        (a for a in plan.analysis.ancestors(statement) if isinstance(a, cst.FunctionDef)), None
    )
    return f"`{function.name.value}`" if function is not None else "the code"


def _typed_parameter(value: cst.BaseExpression, analysis: ModuleAnalysis) -> bool:
    """A parameter annotated with a response type: the completion_type rule's to handle."""
    if not isinstance(value, cst.Name):
        return False
    found = analysis.lookup(value.value, analysis.scope_of[value])
    return found is not None and any(
        binding.kind == "param"
        and binding.annotation is not None
        and "Completion" in analysis.module.code_for_node(binding.annotation)
        for binding in found[1]
    )


# Keys of a pre-0.3 response (a dict) and the attributes of a Message that hold them.
_DICT_KEYS = {"stop_reason": "stop_reason", "stop": "stop_sequence", "model": "model"}


def _mapping_of(updated: cst.CSTNode) -> cst.BaseExpression:
    """``data`` of ``data["key"]`` or ``data.get("key", ...)``."""
    if isinstance(updated, cst.Subscript):
        return updated.value
    assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
    return updated.func.value


def _dict_read_as_text(updated: cst.CSTNode) -> cst.CSTNode:
    """``response["completion"]`` of a pre-0.3 dict: the text of the Message's content."""
    return text_of(_mapping_of(updated)).with_changes(lpar=updated.lpar, rpar=updated.rpar)  # type: ignore[attr-defined]


def _dict_read_as_attribute(attribute: str):  # type: ignore[no-untyped-def]
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        return cst.Attribute(
            _mapping_of(updated),
            cst.Name(attribute),
            lpar=updated.lpar,  # type: ignore[attr-defined]
            rpar=updated.rpar,  # type: ignore[attr-defined]
        )

    return rewrite


def _dict_text(updated: cst.CSTNode) -> cst.CSTNode:
    """``data["completion"]`` / ``data.get("completion")``: the text of ``data["content"]``."""
    if isinstance(updated, cst.Subscript):
        data = updated.value
    else:
        assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
        data = updated.func.value
    return dict_text_of(data).with_changes(lpar=updated.lpar, rpar=updated.rpar)  # type: ignore[attr-defined]
