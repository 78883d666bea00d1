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
`[tool.migrator.bedrock_models]`; a retired id with no entry becomes the
default global inference profile, as TCM016 describes; an id held in a name (or
a class attribute, or a table read by key) read only as that call's model is
respelled where it is written. On a Vertex client the
id is kept and a review finding asks you to choose a current model.

A model held in a name is followed to its value. A name assigned one
string literal, or a parameter whose calls in the module pass nothing (its
default) or literals, and read only as the model of migrated calls, has the
literal itself rewritten (`MODEL = "claude-2"` becomes
`MODEL = "claude-sonnet-5-5"`). So is a name imported from another module of
the run that binds it once to a string literal at its top (`from settings
import MODEL`), once every module is known: when every module that sends it
chooses the same model and the other modules of the run that name it read it
only in `assert` statements (a test that checks the model the code sends
follows the code). When the name reads the environment first
(`MODEL = os.environ.get("MODEL", "claude-2")`, in this module or that one),
the default it writes becomes the table's model there, and the calls still map
at run time what the environment gives.

So is a table read by key (`MODELS = {"answer": "claude-instant-1.2", ...}`,
then `model=MODELS["answer"]`): a dict literal of strings bound once, used
only as `MODELS[...]`, each read the model of a migrated call.

A class attribute is followed the same way: `MODEL = "claude-2"` bound once in
the body of a plain class of the module, read as `Config.MODEL` (or
`self.MODEL`, `cls.MODEL` in its methods) only as the model of migrated calls
that choose the same model, becomes `MODEL = "claude-sonnet-5-5"` and the
calls keep reading `Config.MODEL`. So does a field's default in a dataclass
(`@dataclass`) or a pydantic `BaseModel` (`model: str = "claude-instant-1"`)
read through an instance built once in the module (`settings = Settings()`,
`model=settings.model`, or one stored once on `self`, `self.config = Config()`,
`model=self.config.model`), when every construction of the class in the module
leaves the field at its default; and a parameter of `__init__` stored once on
`self` (`self.model = model`), whose default and the literals each construction
in the module passes are rewritten. Anything that could give it another value
keeps the call on the run-time path, with the reason: an assignment to
`<anything>.MODEL` or a `setattr` in the module, a subclass that binds it
again, the class handed on, decorated (but as a dataclass), given a base or a
metaclass, a construction that passes the field, an instance handed on. A
field of a pydantic-settings `BaseSettings` reads the environment first, and
so does a class attribute bound to `os.environ.get("MODEL", "claude-2")`: its
default is rewritten, and the calls still map at run time what the environment
gives.

A class attribute of another module of the run (`from config import Config`
then `Config.MODEL`, or `config.Config.MODEL`) is shared as a module's name
is, under the name `Config.MODEL`: the class must sit at the top of its module
with no base, decorator or metaclass, its module must neither read nor set
`MODEL` nor name the class, the sending modules must only read attributes of
the class, and no other module of the run may spell `MODEL` except in `assert`
statements. So is a field's default read through an instance another module
builds at its top (`from settings import settings`, `model=settings.model`),
when that module builds the class only without the field and reads the
instance nowhere (not for a `BaseSettings`).

Any other model, known only at run time (`self.model`, `cfg["model"]`,
`os.environ.get("MODEL", "claude-2")` written in the call, a parameter its
callers set), goes through `_legacy_model_to_current(...)`, a helper written
into the module (or `runtime_module`) that maps a retired name exactly as the
table does and passes any other name through:

```python
client.messages.create(model=_legacy_model_to_current(self.model), ...)
```

A prompt converted at run time may end in a prefill. When the model the table
chooses rejects one, the model is chosen at run time with the prompt: the table's
model, or `prefill_model` only for a prompt that ends in a prefill:

```python
client.messages.create(**_legacy_request_to_messages(model="claude-2", prompt=prompt), max_tokens=300)
```

The other way round, a prompt converted here that keeps a prefill, with the
model in a request splatted from a dict the tool cannot read, tells the
converter so: `prefill=True` gives a retired name a model that accepts the
prefill, while a call with no prefill keeps the table's model:

```python
client.messages.create(messages=[..., {"role": "assistant", "content": "{"}],
                       **_legacy_request_to_messages(options, prefill=True))
```

## Fix safety

Review: another model answers. A literal rewritten through a name is reported
with the name; a parameter's default is rewritten for the calls this module
makes, so callers elsewhere that pass a retired name need the same change. On
Bedrock and Vertex clients a model held in a name is left as it is, with a
manual finding and a `# migrator:` comment: its value must be a current model id.

## References

Migration guide, "Model names"; `MIGRATION.md` change 5.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.held import HeldLiterals
from migrator.analysis.names import ClientKind
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.model.choice import _target, chosen_at_run_time, is_literal, string_like
from migrator.rules.model.elsewhere import held_elsewhere
from migrator.rules.model.held_names import _held, bedrock_held, rewrite_literals
from migrator.rules.model.run_time import at_run_time, splatted_with_prefill, with_the_prompt

_CLOUD = (ClientKind.BEDROCK, ClientKind.VERTEX)


class Model(Rule):
    code = "TCM006"
    summary = "A retired model name becomes a live model from the model table"
    safety = Safety.REVIEW
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        arg = plan.kwarg("model")
        if arg is None:
            if plan.request_converted:
                # The runtime converter maps the model of the splatted request.
                if plan.prefill_done:
                    splatted_with_prefill(plan, type(self))
                return
            plan.block(type(self), plan.call, "the call has no `model=` argument")
            return
        value = arg.value
        if not is_literal(value):
            if plan.site.kind is ClientKind.BEDROCK and bedrock_held(plan, type(self), arg):
                return
            if plan.site.kind in _CLOUD:
                held = plan.code_for(value)
                message = (
                    f"the model is held in `{held}`; make sure it names a current model "
                    "(retired names answer 404 on Messages)"
                )
                plan.report(type(self), arg, message, Safety.MANUAL)
                plan.comments.append(f"# migrator: manual [{self.code}] {message}")
                return
            plan.held_model = arg  # decided by apply_module, once the migrated calls are known
            return
        assert isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str)
        legacy = value.evaluated_value
        if plan.site.kind in _CLOUD:
            self._cloud(plan, arg, value, legacy)
            return
        if chosen_at_run_time(plan, legacy):
            with_the_prompt(plan, type(self), arg, repr(legacy))
            return
        chosen = _target(plan, legacy)
        if chosen is None:
            plan.report(
                type(self),
                arg,
                f"model {legacy!r} is not a Text Completions model the tool knows; kept as it is",
                Safety.REVIEW,
            )
            return
        target, why = chosen
        plan.stale_comment(type(self), arg, (legacy,))
        plan.replace(arg, [arg.with_changes(value=string_like(value, target))])
        plan.report(
            type(self),
            arg,
            f"retired model {legacy!r} becomes {target!r}{why}",
            Safety.REVIEW,
        )

    def apply_module(self, plan: ModulePlan) -> None:
        """Models held in names: rewrite the literal they hold, or map them at run time."""
        sites = [site for site in plan.migrated if site.held_model is not None]
        by_value = {id(site.held_model.value): site for site in sites if site.held_model}
        done: set[int] = set()
        for site in sites:
            arg = site.held_model
            if id(site) in done or arg is None:
                continue
            held = _held(plan, site, arg)
            if isinstance(held, str):
                elsewhere = held_elsewhere(plan, type(self), site, by_value, done)
                if elsewhere is True:
                    continue
                held = elsewhere or held
            if isinstance(held, HeldLiterals):
                held = rewrite_literals(plan, type(self), held, by_value, done)
            if isinstance(held, str):
                at_run_time(plan, type(self), site, arg, held)
                done.add(id(site))

    def _cloud(self, plan: CallPlan, arg: cst.Arg, value: cst.SimpleString, model_id: str) -> None:
        """A Bedrock or Vertex model id: the Bedrock table, or kept for a person to choose."""
        cloud = plan.site.kind.value.title()
        keeps_prefill = plan.prefill_done or plan.prefill_possible
        chosen = None
        if plan.site.kind is ClientKind.BEDROCK:
            known = True if plan.prefill_done else (None if plan.prefill_possible else False)
            chosen = plan.config.bedrock_target_for(model_id, known)
        target, default = chosen if chosen is not None else (None, "")
        prefill = (
            "; the request keeps an assistant prefill, which the model must accept"
            if plan.prefill_done
            else "; the request may end in an assistant prefill (its prompt is split at run "
            "time), which the model must then accept"
        )
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
        plan.replace(arg, [arg.with_changes(value=string_like(value, target))])
        plan.report(
            type(self),
            arg,
            f"{cloud} model {model_id!r} becomes {target!r}{prefill if keeps_prefill else ''}"
            f"{default}",
            Safety.REVIEW,
        )
