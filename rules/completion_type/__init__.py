"""Response type: `anthropic.types.Completion` becomes `Message` in annotations and `isinstance`.

## What it does

In annotations and `isinstance` checks, the legacy response type
`Completion` (imported from `anthropic.types`, `anthropic.types.completion`,
or spelled `anthropic.types.Completion`) becomes `Message`, the type
`messages.create` returns, and its import follows.

A `Completion(...)` built by hand as a fallback or default response (or with
`Completion.model_construct(...)`, which stays `model_construct`) becomes the
`Message` the current SDK would return: `completion=text` becomes
`content=[TextBlock(type="text", text=text)]`, `role="assistant"`,
`type="message"` and `usage=Usage(input_tokens=0, output_tokens=0)` are
given, `stop=` becomes `stop_sequence=` (else `stop_sequence=None`), and
`stop_reason="stop_sequence"` becomes `"end_turn"`. `TextBlock` and `Usage`
are imported where `Completion` was (or spelled `anthropic.types.TextBlock`
like it). Its `.completion` reads become the text of `.content`, and `.stop`
reads `.stop_sequence`. Any other use is left as it is and reported.

A test double patched on the removed completions resource moves to the
messages resource. The dotted path given to `mock.patch` (or pytest-mock's
`mocker.patch`) keeps its quotes: `anthropic.resources.Completions.create`
becomes `anthropic.resources.Messages.create`,
`anthropic.resources.completions.Completions.create` becomes
`anthropic.resources.messages.Messages.create`, and `AsyncCompletions`
becomes `AsyncMessages` (each exists in the current SDK). The class given to
`patch.object(anthropic.resources.Completions, "create")` moves the same way,
and so do pytest's `monkeypatch.setattr` (a class and `"create"`, or the
dotted path) and pytest-mock's `mocker.patch.object`.
So does `patch.object(svc.client.completions, "create")` (or
`monkeypatch.setattr(svc.client.completions, "create", fake)`) on the client of
another module (`svc.client` becomes `svc.client.messages`) when the same run
migrated every call that module makes on that client; when it did not (a call
left for a person, or the module not in the run), the test stays as written
and rule TCM020 reports the double. A test that replaces that client whole
(`mock.patch.object(svc, "client") as client`, `mock.patch("svc.client")`,
pytest-mock's `mocker.patch...`, `monkeypatch.setattr(svc, "client", fake)`
with `fake` a mock bound once) and configures `client.completions.create` on
the mock moves the same way: each use of the chain becomes
`client.messages.create`, the configuration and the assertions on it
(`assert_called_once()`, `call_args.kwargs[...]`) alike. A mock used any other
way (an attribute of its own, handed elsewhere) leaves the test as written,
with a manual finding that says why. What the test gives the double is rewritten into the shape the migrated code
reads, with the mock class spelled as the file spells it:

- `Mock(completion=text)` (any mock class, as the `return_value` or in a
  `side_effect` list) becomes `Mock(content=[Mock(type="text", text=text)])`,
  and `SimpleNamespace(completion=text)` becomes
  `SimpleNamespace(content=[SimpleNamespace(type="text", text=text)])`;
- `double.return_value.completion = text` becomes
  `double.return_value.content = [Mock(type="text", text=text)]`;
- `stop_reason="stop_sequence"` becomes `"end_turn"`, how Messages reports
  a natural end (`"max_tokens"` and `None` stay);
- a hand-built `Completion(...)` (or `Completion.model_construct(...)`, also
  through a name assigned once and read only there) becomes the `Message` the
  migrated call gets, built as above, with the model that call names for a
  retired one (TCM006's table) and the stop the API reports: a natural end
  (no `stop`, or `stop="\\n\\nHuman:"`, which the migrated call no longer
  sends) is `"end_turn"` with `stop_sequence=None`, a custom `stop` stays
  `"stop_sequence"`. `Message` and the names it needs are imported where
  `Completion` was, or beside it while another use of `Completion` is left
  for a person.

A double given nothing, or only exceptions (`side_effect=SomeError`), is
just moved. The double given to `monkeypatch.setattr` (or to a patch as
`new=`) is followed the same way: a mock built inline or in a name bound once
(its `return_value`, `side_effect` and the reads of it), or a fake.

A fake is a function of the module or a lambda (inline or bound to a name)
given as the double, as `new=` or as a `side_effect`, and used nowhere else.
What it returns is rewritten like a `return_value`, and its signature like the
call: `def fake(*, model, prompt, max_tokens_to_sample, **kwargs)` becomes
`def fake(*, model, messages, max_tokens, **kwargs)`. A read of
`max_tokens_to_sample` (or `kwargs["max_tokens_to_sample"]`, `.get(...)`)
reads `max_tokens`, the same value; a test of a literal text in the prompt,
`"text" in prompt` (or `in kwargs["prompt"]`), tests it in the text of the
system prompt and the messages,
`"\\n\\n".join([kwargs.get("system", ""), *(message["content"] for message in messages)])`,
which holds the same answer for a literal on one line, with no space at either
end and not starting with the end of a marker's word (`"Human:"`). A read of the token limit it was called with
(`double.call_args.kwargs["max_tokens_to_sample"]`, `call_args[1][...]`,
`.kwargs.get(...)`, `await_args`) reads `"max_tokens"`, the keyword the
migrated call sends the same value in. A literal text tested in the prompt it
was sent (`"text" in double.call_args.kwargs["prompt"]`) is tested in the text
of the system prompt and the messages, like a fake's. An assertion of the
whole request, `double.assert_called_once_with(model=..., max_tokens_to_sample=N,
prompt=...)` (or `assert_called_with`, `assert_any_call`, the `await` forms),
expects what the migrated call sends: the model's replacement (TCM006's table,
a model that takes a prefill when the prompt keeps one), `max_tokens=N`, and
the `system` and `messages` the prompt decomposer makes of the prompt, as for
the call. Each `call(...)` of `assert_has_calls([...])` (or `assert_has_awaits`),
of a list compared with `mock_calls` / `call_args_list` and one compared with
`call_args` is converted the same way. `mock.ANY` stays `ANY` for the model
and the token limit; `metadata=` and `timeout=` stay as they are, and so do
`stop_sequences=` of string literals without the `"\\n\\nHuman:"` guard;
`temperature=`, `top_p=` and `top_k=` are expected no more, since TCM007
removes them from the call. That needs the double to be on a client of a
module the run migrated whose calls send nothing more (no `timeout=` added,
no request converted at run time), a literal model (or `ANY`) and a token
limit of at most 21,333, and a prompt that converts statically. Any other
check of the arguments (`prompt=ANY`, which stands for `messages` and perhaps
`system`; `stop_sequences=` holding the guard, which the migrated call sends
reduced, empty or not at all depending on how the code holds them;
`temperature=` kept in `extra_body`; `call_args.kwargs["temperature"]`; an
assertion on a patch of `anthropic.resources`, which stands for every
client's calls) still describes the legacy request: it is left as it is and
reported. `len(double.call_args_list)` counts calls, and is left alone.

## Why is this bad?

The current SDK has no `anthropic.types.Completion`, no
`anthropic.resources.Completions` and no `anthropic.resources.completions`:
the import fails, and the whole module with it, and a patch of the old path
fails the test before it runs.

## Example

```python
from unittest import mock

from anthropic.types import Completion


def is_response(value: object) -> bool:
    return isinstance(value, Completion)


def first(responses: list[Completion]) -> Completion:
    return responses[0]


@mock.patch("anthropic.resources.completions.Completions.create")
def test_summary(create):
    create.return_value = mock.Mock(completion="short", stop_reason="stop_sequence")
    assert create.call_count == 0
```

## Use instead

```python
from unittest import mock

from anthropic.types import Message


def is_response(value: object) -> bool:
    return isinstance(value, Message)


def first(responses: list[Message]) -> Message:
    return responses[0]


@mock.patch("anthropic.resources.messages.Messages.create")
def test_summary(create):
    create.return_value = mock.Mock(
        content=[mock.Mock(type="text", text="short")], stop_reason="end_turn"
    )
    assert create.call_count == 0
```

## Fix safety

Safe where the migrated calls produce the values: they return `Message`
objects now. A module whose `Completion` is also used another way keeps its
import and gets a manual finding.

A hand-built `Completion` is rebuilt only when it is sound: keyword
arguments only (no positional ones, no `**`), each of `id`, `completion`,
`model`, `stop_reason`, `stop` and `type` (the first three and
`type="completion"` given), a `stop_reason` that is `None`, `"max_tokens"`
or `"stop_sequence"`; the object is followed like a response (returned to
callers in the module, assigned to one variable) and read only for
`.completion`, `.stop`, `.id`, `.model` (and `.stop_reason` when its value is
unchanged) or where a migrated call's response is read too; and every legacy
call of the module is migrated, since a `Message` would otherwise meet code
that reads completions. A public function that now returns it is reported
for review: callers in other modules must read `.content`. A fallback
assigned to the variable a legacy call's response is also assigned to
leaves that call for manual work, and the fallback with it.

A patch moves only when everything its double is given is seen and
rewritten, so that the double answers what the migrated code reads,
`"".join(block.text for block in response.content if block.type == "text")`.
Otherwise the patch is left as it was and reported with the reason: a double
that returns a `Completion(...)` that is not rebuilt (positional arguments,
`**`, a field a `Message` has no place for), a dict, or a value kept in a
variable; a
fake that reads `model` or the prompt any other way (its value changes), takes
no `**kwargs` (the migrated call may send `system=`), requires another
argument, or is called elsewhere; a double passed to a helper, called, or whose
`return_value.completion` is read back; a patcher
started later, or a patch decorating a class; a test with a decorator other
than patches, `pytest.mark.*` and `skip...` (it may pass arguments, and which
parameter is the double would be a guess); a double's name bound twice in
its function; a patched attribute other than `create`, or a path the SDK
never had; and every patch in a module whose own legacy calls were left for
manual work, since they still call the completions resource. An exception is
recognised by its name (`...Error`, `...Exception`). The move assumes the
code under test is migrated as well, as it is when the whole tree is: a
patch of `Messages.create` does not catch a call still made to
`completions.create`.

## References

`MIGRATION.md`, "Reading the response".
"""

from __future__ import annotations

from migrator.analysis.response_rewrites import completion_as_text
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.doubles.chained import retarget_clients
from migrator.doubles.message_type import RenameImports, to_message
from migrator.doubles.patches import retarget
from migrator.rules.completion_type.hand_built import _hand_built, beside_completion
from migrator.rules.completion_type.uses import _uses, annotated_reads, typing_use


class CompletionType(Rule):
    code = "TCM014"
    summary = "`anthropic.types.Completion` becomes `Message` in annotations and `isinstance`"
    safety = Safety.SAFE
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        analysis = plan.analysis
        returned = retarget(plan, type(self)) + retarget_clients(plan, type(self))
        uses = _uses(analysis)
        if not uses:
            return
        sound = [use for use in uses if typing_use(use, analysis)]
        by_doubles = {handbuilt.use for handbuilt in returned}
        others = [use for use in uses if use not in sound and use not in by_doubles]
        built = _hand_built(type(self), plan, others)
        if built is None:
            beside_completion(type(self), plan, returned)
            return
        if plan.untouched:
            plan.report(
                type(self),
                sound[0],
                "`Completion` no longer exists in the SDK; it is kept while calls of this module "
                "are left for manual work, since their responses are still completions",
                Safety.MANUAL,
            )
            return
        for param, read in annotated_reads(plan, sound):
            plan.rewrites[read] = completion_as_text
            plan.report(
                type(self),
                read,
                f"`{param}.completion` becomes the text of `.content`: `{param}` is annotated "
                "as the response",
                Safety.SAFE,
            )
        for use in sound:
            plan.rewrites[use] = to_message
            plan.report(
                type(self),
                use,
                "`Completion` becomes `Message`, what `messages.create` returns",
                Safety.SAFE,
            )
        for handbuilt in built:
            plan.rewrites.update(handbuilt.rewrites)
            plan.report(
                type(self),
                handbuilt.call,
                "`Completion(...)` becomes a `Message` with the same text and fields, the kind "
                "of object `messages.create` returns",
                Safety.SAFE,
            )
            for function in handbuilt.returned_by:
                if not function.name.value.startswith("_"):
                    plan.report(
                        type(self),
                        function.name,
                        f"`{function.name.value}` now returns a `Message`; its callers here are "
                        "migrated, callers in other modules must read the text from `.content`",
                        Safety.REVIEW,
                    )
        for handbuilt in returned:
            plan.report(
                type(self),
                handbuilt.call,
                "the `Completion(...)` the test double returns becomes the `Message` the migrated "
                "call gets: the same text in `content` blocks, its natural end `end_turn`, the "
                "model the migrated call names",
                Safety.SAFE,
            )
        built = [*built, *returned]
        added = sorted({name for handbuilt in built for name in handbuilt.imports})
        plan.finishers.append(lambda module: module.visit(RenameImports(added)))
