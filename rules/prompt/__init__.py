"""The prompt: one marked-up string becomes a list of role/content messages.

## What it does

Reads the `prompt=` argument (string literals, implicit concatenation,
triple-quoted strings, `+`, f-strings, and the `HUMAN_PROMPT` / `AI_PROMPT`
constants however they are imported), splits it at the `"\\n\\nHuman:"` and
`"\\n\\nAssistant:"` markers, drops the single space after each marker, merges
consecutive turns of the same role, and writes `messages=[...]`. Interpolated
values stay expressions inside the message they fall in; a name bound once to
literal text with markers (a few-shot preamble, `FEW_SHOT + f"..."`) is read as
that text, its turns the prompt's turns. A template whose
text is known (a literal, or a name bound once to one) is read through
`.format(...)`, `%` and `.replace("<<DOC>>", doc)`; for `.replace`, the
placeholder is a literal outside the markers, and each place it stands
becomes the value. A value alone in its message is its content as it is when
it is surely a `str` (a literal, a string method's result, a parameter
annotated `str`); otherwise it is `f"{value}"`, as the prompt's f-string made
it text.

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

A prompt in a variable only the call reads becomes `messages = [...]` in its
place, in a function or at a module's top level (a script, a notebook); a public
module-level name is reported for review, since another module may import it.

A prompt built by a plain function of the module (`prompt=build_prompt(task,
items)`, the call the only use of its name, the function ending in its one
`return` of the prompt, with no return annotation) is split where it is
built: the `return` gives the messages, and the call passes
`messages=build_prompt(task, items)`. Its prefill is the list's last
message; a system prompt, which the call would need beside the messages,
keeps the prompt as it is (converted at run time). A public function is
reported for review, since another module may call it for a prompt. So is a
method of the class the call is in (`prompt=self.build_prompt(q)`, a plain or
static method, when no other code of the module names `build_prompt`), a
public one reported since a subclass elsewhere may override it.

A template in a class attribute read through the class
(`Backend.PROMPT.format(text=t)`, bound once to a literal) is split like a
module's; read through `self`, which a subclass elsewhere may bind again, the
prompt is converted at run time.

A template the prompts read (`TEMPLATE = f"{HUMAN_PROMPT} ...{AI_PROMPT}"`,
bound once), read by nothing but prompts that became messages (of SDK calls,
or of Bedrock and raw HTTP bodies), goes when it
is local to a function or private to the module (`_TEMPLATE`); a public
module-level one is kept and reported for review, since another module may
import it. The `HUMAN_PROMPT` / `AI_PROMPT` it read then go too (TCM010).

## Fix safety

Safe: the messages carry exactly the turns the API read from the prompt.
A prompt whose markers are only known at run time (a variable built
elsewhere, a function's result, an interpolated `history`) is never guessed
at: the call passes it through `_legacy_prompt_to_messages`, a helper written
into the module that splits it at run time exactly as the legacy API did, and
the site is reported for review. Such a prompt may end in a prefill, which
not every current model accepts: unless the code shows it ends with the
Assistant marker, a retired model is chosen with it at run time (TCM006), and a
prompt passed beside a splatted request is converted together with that
request (`**_legacy_request_to_messages(kwargs, prompt=prompt)`). A prompt whose own text shows the legacy API refused it (no
final Assistant turn) is left untouched and reported as manual.

## References

Migration guide, "Inputs and outputs" and "Role names"; `MIGRATION.md` change 1.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import binding_at
from migrator.analysis.prompt import ConstantLookup, NotDecomposable
from migrator.analysis.prompt_names import prompt_ends_without_prefill
from migrator.code.readwalk import walk
from migrator.contract.plan import MESSAGES_PLACEHOLDER, CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.prompt.dead import dead_class_templates, dead_template, names_in, remove
from migrator.rules.prompt.variable import _variable, bind, built, conversation_of
from migrator.runtime.helpers import PROMPT_HELPER, REQUEST_HELPER, prompt_helper


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
            # The splatted request holds the prompt, which may end in a prefill.
            plan.prefill_possible = True
            return
        scope = plan.site.scope
        analysis = plan.analysis

        def constant(expr: cst.BaseExpression) -> str | None:
            return analysis.constant_value(expr, scope)

        returned = built(plan, arg.value)
        try:
            variable = _variable(plan, arg.value) if returned is None else None
            if returned is not None:
                conversation, rendered = returned
            elif variable is None:
                value, lookup = arg.value, constant
            else:
                value, lookup = variable.value, variable.constant
            if returned is None:
                conversation, rendered = conversation_of(plan, value, lookup, scope)
            if variable is not None:
                bound = bind(plan, arg.value, variable, conversation)
                if isinstance(bound, str):
                    raise NotDecomposable(bound)
                plan.bound = bound
        except NotDecomposable as reason:
            if not reason.runtime:
                plan.block(type(self), arg, str(reason))
                return
            self._convert_at_run_time(plan, arg, str(reason), constant)
            return
        plan.conversation = conversation
        plan.rendered = rendered
        plan.messages = list(rendered.turns)
        # Comments written inside the prompt expression would vanish with it.
        plan.comments.extend(_comments_in(arg.value))
        if plan.bound is not None and plan.bound.returned:
            value, where = arg.value, f" that `{plan.code_for(arg.value.func)}` returns"  # type: ignore[attr-defined]
        else:
            value = cst.Name(plan.bound.messages_name if plan.bound else MESSAGES_PLACEHOLDER)
            where = f" in `{plan.bound.messages_name}`" if plan.bound else ""
        plan.replace(arg, [plan.like(arg, "messages", value)])
        count = len(conversation.turns)
        plan.report(
            type(self),
            arg,
            f"prompt string becomes {count} message{'s' if count != 1 else ''}{where}",
            Safety.SAFE,
        )
        bound = plan.bound
        if (
            bound is not None
            and bound.replace
            and not bound.returned
            and plan.analysis.scope_of.get(bound.statement) is plan.analysis.module_scope
            and isinstance(arg.value, cst.Name)
            and not arg.value.value.startswith("_")
        ):
            plan.report(
                type(self),
                bound.statement,
                f"the module's `{arg.value.value}` becomes `{bound.messages_name}`: a module "
                f"that imports `{arg.value.value}` must change with it",
                Safety.REVIEW,
            )
        if plan.bound is not None and plan.bound.returned:
            name = plan.code_for(arg.value.func)  # type: ignore[attr-defined]
            if not name.rpartition(".")[2].startswith("_"):
                others = (
                    "a subclass in another module that overrides it must return messages too"
                    if "." in name
                    else "a caller in another module must pass them as `messages=`"
                )
                plan.report(
                    type(self),
                    plan.bound.statement,
                    f"`{name}` now returns the messages of its prompt, not the prompt: {others}",
                    Safety.REVIEW,
                )

    def apply_module(self, plan: ModulePlan) -> None:
        # After every module rule: a Bedrock or raw HTTP body's prompt may read one too.
        plan.last_checks.append(lambda: self._dead_templates(plan))

    def _dead_templates(self, plan: ModulePlan) -> None:
        """A template read only by prompts that became messages: it goes, or is reported."""
        analysis = plan.analysis
        converted = [
            prompt.value
            for site in plan.migrated
            if site.conversation is not None
            for prompt in [site.original_kwarg("prompt")]
            if prompt is not None
        ]
        # A prompt held in a variable that became messages: the names its value read.
        converted += [
            site.bound.statement.body[0].value  # type: ignore[attr-defined]
            for site in plan.migrated
            if site.conversation is not None and site.bound is not None and site.bound.replace
        ]
        converted += plan.converted_prompts
        dead_class_templates(plan, type(self), converted)
        seen: set[cst.CSTNode] = set()
        for value in converted:
            for name in names_in(value):
                found = binding_at(analysis, name) if name in analysis.scope_of else None
                if found is None or found[1].kind != "assign":
                    continue
                owner, binding, reads = found
                statement = binding.statement
                line = analysis.parent(statement) if statement is not None else None
                if line in seen or not dead_template(analysis, binding, reads, converted):
                    continue
                assert isinstance(line, cst.SimpleStatementLine)
                seen.add(line)
                if owner.kind == "function" or name.value.startswith("_"):
                    remove(plan, line)
                    plan.report(
                        type(self),
                        line,
                        f"the template `{name.value}` was read only by prompts that are now "
                        "messages: it goes",
                        Safety.SAFE,
                    )
                else:
                    plan.report(
                        type(self),
                        line,
                        f"the template `{name.value}` is no longer read here (its prompts are "
                        "now messages): remove it unless another module imports it",
                        Safety.REVIEW,
                    )

    def _convert_at_run_time(
        self, plan: CallPlan, arg: cst.Arg, reason: str, constant: ConstantLookup
    ) -> None:
        plan.prefill_possible = not _ends_without_prefill(plan, arg.value, constant)
        helper = PROMPT_HELPER
        if plan.request_converted:
            # Converted with the splatted request, whose model must accept a prefill.
            helper = REQUEST_HELPER
            plan.convert_with_request(arg, REQUEST_HELPER)
        else:
            converted = cst.Call(cst.Name(PROMPT_HELPER), [cst.Arg(arg.value)])
            plan.replace(arg, [cst.Arg(converted, star="**", comma=arg.comma)])
            plan.helpers[PROMPT_HELPER] = prompt_helper()
        plan.report(
            type(self),
            arg,
            f"converted at run time by `{helper}`: {reason}",
            Safety.REVIEW,
        )


def _ends_without_prefill(
    plan: CallPlan, expr: cst.BaseExpression, constant: ConstantLookup
) -> bool:
    return prompt_ends_without_prefill(plan.analysis, plan.site.scope, expr, constant)


def _comments_in(node: cst.CSTNode) -> list[str]:
    found: list[str] = []

    class Comments(cst.CSTVisitor):
        def visit_Comment(self, comment: cst.Comment) -> None:
            found.append(comment.value)

    walk(node, Comments())  # reads only: a visit would rebuild every node
    return found
