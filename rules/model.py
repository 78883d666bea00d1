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
default global inference profile, as TCM016 describes. On a Vertex client the
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

A class attribute is followed the same way: `MODEL = "claude-2"` bound once in
the body of a plain class of the module, read as `Config.MODEL` (or
`self.MODEL`, `cls.MODEL` in its methods) only as the model of migrated calls
that choose the same model, becomes `MODEL = "claude-sonnet-5-5"` and the
calls keep reading `Config.MODEL`. So does a field's default in a dataclass
(`@dataclass`) or a pydantic `BaseModel` (`model: str = "claude-instant-1"`)
read through an instance built once in the module (`settings = Settings()`,
`model=settings.model`), when every construction of the class in the module
leaves the field at its default. Anything that could give it another value
keeps the call on the run-time path, with the reason: an assignment to
`<anything>.MODEL` or a `setattr` in the module, a subclass that binds it
again, the class handed on, decorated (but as a dataclass), given a base or a
metaclass, a construction that passes the field, an instance handed on. A
field of a pydantic-settings `BaseSettings` reads the environment first: its
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

from collections.abc import Callable

import libcst as cst

from migrator import project, shared, splat_shared
from migrator.analysis import ClientKind
from migrator.findings import Safety
from migrator.held import HeldLiterals, environment_default, held_literals
from migrator.held_attributes import held_attribute
from migrator.plan import CallPlan, ModulePlan
from migrator.rule import Rule
from migrator.runtime import (
    MODEL_HELPER,
    PROMPT_HELPER,
    REQUEST_HELPER,
    model_helper,
    request_helpers,
)
from migrator.syntax import keyword_call, with_flag

_CLOUD = (ClientKind.BEDROCK, ClientKind.VERTEX)
_REVIEW = Safety.REVIEW.value


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
                    self._splatted_with_prefill(plan)
                return
            plan.block(type(self), plan.call, "the call has no `model=` argument")
            return
        value = arg.value
        if not _is_literal(value):
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
        if _chosen_at_run_time(plan, legacy):
            self._with_the_prompt(plan, arg, repr(legacy))
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
        plan.replace(arg, [arg.with_changes(value=_string_like(value, target))])
        plan.report(
            type(self),
            arg,
            f"retired model {legacy!r} becomes {target!r}{why}",
            Safety.REVIEW,
        )

    def _splatted_with_prefill(self, plan: CallPlan) -> None:
        """The model is in the splatted request, the prefill in the call's own messages.

        The runtime converter sees only the request it converts, not the messages
        written out beside it: ``prefill=True`` tells it the request ends in an
        assistant message, so a retired name becomes a model that accepts one.
        """
        plan.flag_converted_requests("prefill")
        splat = next(arg for arg in plan.site.call.args if arg.star == "**")
        held = _one_line(plan.code_for(splat.value))
        example = _target(plan, "claude-2")
        assert example is not None  # a retired name always has a live model
        plan.report(
            type(self),
            splat,
            f"the model of the request splatted from `**{held}` is chosen at run time by "
            f"`{REQUEST_HELPER}`: the call keeps a prefill, so a retired name becomes a model "
            f"that accepts one ('claude-2' becomes {example[0]!r}); any other name is passed "
            "through",
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
            held = self._held(plan, site, arg)
            if isinstance(held, str):
                elsewhere = self._held_elsewhere(plan, site, by_value, done)
                if elsewhere is True:
                    continue
                held = elsewhere or held
            if isinstance(held, HeldLiterals):
                held = self._rewrite_literals(plan, held, by_value, done)
            if isinstance(held, str):
                self._at_run_time(plan, site, arg, held)
                done.add(id(site))

    def _held(self, plan: ModulePlan, site: CallPlan, arg: cst.Arg) -> HeldLiterals | str:
        """The literals a name or a class's attribute holds, or why they are not known."""
        if isinstance(arg.value, cst.Name):
            return held_literals(plan.analysis, arg.value, site.site.scope)
        held = None
        if isinstance(arg.value, cst.Attribute):
            held = held_attribute(plan.analysis, arg.value, site.site.scope)
        return held or f"`{_one_line(plan.code_for(arg.value))}` is known only at run time"

    def _held_elsewhere(
        self, plan: ModulePlan, site: CallPlan, by_value: dict[int, CallPlan], done: set[int]
    ) -> bool | str:
        """A model name bound at the top of another module of the run (``from settings
        import MODEL``, or ``settings.MODEL``) and read here only as the model of migrated
        calls: rewritten where it is bound, once the run lets this module read it
        (:mod:`migrator.shared`). True when it is; for a name the environment sets first
        (``os.environ.get("MODEL", "claude-2")``), its default is, and the calls still map
        it at run time: why, for their finding."""
        sharing = shared.current()
        arg = site.held_model
        if sharing is None or arg is None:
            return False
        imported = splat_shared.imported_from_project(plan.analysis, arg.value, site.site.scope)
        if imported is None:
            return False
        origin, reads = imported
        readers = [by_value.get(id(read)) for read in reads]
        located = project.shared_literal(*origin)
        if not all(readers) or located is None or not shared.is_model(located[1]):
            return False
        want = sharing.want(located, origin[2])
        literal = cst.parse_expression(want.text)
        if not sharing.grants(want):
            return False  # mapped at run time, until the run has seen every module
        sites = [reader for reader in readers if reader is not None]
        if not _is_literal(literal):
            return self._default_elsewhere(plan, literal, want, sites)
        assert isinstance(literal, cst.SimpleString) and isinstance(literal.evaluated_value, str)
        legacy = literal.evaluated_value
        if any(_chosen_at_run_time(reader, legacy) for reader in sites):
            return False
        chosen = {_target(reader, legacy) for reader in sites}
        if len(chosen) != 1:
            return False  # calls that need different models
        pick = chosen.pop()
        if pick is None:
            message = (
                f"model {legacy!r} is not a Text Completions model the tool knows; kept as it is"
            )
            sharing.edit(want, want.text, [(self.code, self.name(), message, _REVIEW, None)])
        else:
            target, why = pick
            message = (
                f"retired model {legacy!r} becomes {target!r}{why}: `{want.name}` holds it and "
                f"is read only as the model of calls migrated in `{sharing.sender}`"
            )
            after = plan.analysis.module.code_for_node(_string_like(literal, target))
            sharing.edit(want, after, [(self.code, self.name(), message, _REVIEW, None)])
        done.update(id(reader) for reader in sites)
        return True

    def _default_elsewhere(
        self, plan: ModulePlan, value: cst.BaseExpression, want: shared.Want, sites: list[CallPlan]
    ) -> bool | str:
        """``MODEL = os.environ.get("MODEL", "claude-2")`` in another module: its default
        becomes the table's model there; what the environment gives is mapped at run time."""
        sharing = shared.current()
        default = environment_default(value)
        if sharing is None or default is None:
            return False
        legacy = default.evaluated_value
        assert isinstance(legacy, str)
        chosen = {_target(site, legacy) for site in sites}
        pick = chosen.pop() if len(chosen) == 1 else None
        if pick is None:
            return False  # not a retired name, or calls that need different models
        target, why = pick
        new = _string_like(default, target)
        after = plan.analysis.module.code_for_node(
            cst.ensure_type(value, cst.Call).deep_replace(default, new)
        )
        message = (
            f"the default model {legacy!r} becomes {target!r}{why}: `{want.name}` takes the "
            f"environment's value first, which the calls in `{sharing.sender}` map at run time"
        )
        sharing.edit(want, after, [(self.code, self.name(), message, _REVIEW, None)])
        return (
            f"`{want.name}` comes from the environment (its default is rewritten where it is bound)"
        )

    def _rewrite_literals(
        self, plan: ModulePlan, held: HeldLiterals, by_value: dict[int, CallPlan], done: set[int]
    ) -> str | None:
        """Rewrite each retired literal the name holds, or say why that cannot be done."""
        found = [by_value.get(id(read)) for read in held.reads]
        readers = [site for site in found if site is not None]
        if not readers or len(readers) != len(found):
            return f"{held.what} is also read elsewhere than as the model of a migrated call"
        changes = []
        for literal in held.literals:
            legacy = literal.evaluated_value
            assert isinstance(legacy, str)
            if any(_chosen_at_run_time(site, legacy) for site in readers):
                return (
                    f"{held.what} holds a retired name, and the prompt of a call that reads it "
                    "is converted at run time and may end in a prefill"
                )
            chosen = [_target(site, legacy) for site in readers]
            if chosen[0] is None:
                continue
            if len({pick[0] if pick else None for pick in chosen}) != 1:
                return f"{held.what} is the model of calls that need different models"
            changes.append((literal, legacy, chosen[0]))
        if held.from_environment:
            self._default_from_environment(plan, held, changes, readers, done)
            return None
        elsewhere = (
            "; callers in other modules that pass a retired name must change too"
            if held.parameter
            else held.caveat
        )
        self._respell_literals(
            plan,
            changes,
            lambda legacy, target, why: (
                f"retired model {legacy!r} becomes {target!r}{why}: "
                f"{held.what} holds it and is read only as the model of migrated calls{elsewhere}"
            ),
        )
        kept = ", ".join(repr(literal.evaluated_value) for literal in held.literals)
        for site in readers:
            done.add(id(site))
            if not changes and site.held_model is not None:
                message = (
                    f"the model is held in {held.what}, which holds only {kept}: not a Text "
                    "Completions model the tool knows; kept as it is"
                )
                plan.report(type(self), site.held_model, message, Safety.REVIEW)
        return None

    def _respell_literals(
        self,
        plan: ModulePlan,
        changes: list[tuple[cst.SimpleString, str, tuple[str, str]]],
        message: Callable[[str, str, str], str],
    ) -> None:
        """Each retired model literal of ``changes`` respelled as the table's model, with
        a review finding that ``message(legacy, target, why)`` words."""
        for literal, legacy, (target, why) in changes:
            new = _string_like(literal, target)
            plan.rewrites[literal] = lambda _node, new=new: new
            plan.report(type(self), literal, message(legacy, target, why), Safety.REVIEW)

    def _default_from_environment(
        self,
        plan: ModulePlan,
        held: HeldLiterals,
        changes: list[tuple[cst.SimpleString, str, tuple[str, str]]],
        readers: list[CallPlan],
        done: set[int],
    ) -> None:
        """A name or a settings field the environment sets first: its default becomes the
        table's model, as a settings module's does when another module sends it, and the
        calls still map at run time what the environment gives."""
        self._respell_literals(
            plan,
            changes,
            lambda legacy, target, why: (
                f"the default model {legacy!r} becomes {target!r}{why}: "
                f"{held.what} takes the environment's value first, which the calls that read it "
                "map at run time"
            ),
        )
        rewritten = " (its default is rewritten where it is bound)" if changes else ""
        why = f"{held.what} comes from the environment{rewritten}"
        for site in readers:
            done.add(id(site))
            if site.held_model is not None:
                self._at_run_time(plan, site, site.held_model, why)

    def _with_the_prompt(
        self,
        plan: CallPlan,
        arg: cst.Arg,
        held: str,
        why: str = "",
        report: Callable[[type, cst.CSTNode, str, Safety], None] | None = None,
    ) -> None:
        """The prompt is converted at run time and may end in a prefill: the model too.

        ``_legacy_request_to_messages`` splits the prompt, then maps the model as
        the table does, to a model that accepts a prefill only when there is one.
        """
        prompt = plan.helper_splat(PROMPT_HELPER)
        if prompt is not None and not plan.request_converted:
            # `**_legacy_prompt_to_messages(p)` becomes `**_legacy_request_to_messages(model=m, prompt=p)`.
            call = prompt.value
            assert isinstance(call, cst.Call)
            request = keyword_call(
                REQUEST_HELPER, [("model", arg.value), ("prompt", call.args[0].value)]
            )
            plan.replace(prompt, [prompt.with_changes(value=request)])
            plan.remove(arg)
            plan.helpers.update(request_helpers(plan.config))
            for note in plan.notes:
                if note.rule == "TCM002" and PROMPT_HELPER in note.message:
                    note.message = note.message.replace(PROMPT_HELPER, REQUEST_HELPER, 1)
        else:
            plan.convert_with_request(arg, REQUEST_HELPER)
        example = plan.config.target_for("claude-2")
        (report or plan.report)(
            type(self),
            arg,
            f"the model {held}{why} is chosen at run time by `{REQUEST_HELPER}`, with the "
            f"prompt: a retired name becomes the model table's choice ('claude-2' becomes "
            f"{example!r}), or {plan.config.prefill_model!r} when the prompt ends in a prefill, "
            "which not every current model accepts; any other name is passed through",
            Safety.REVIEW,
        )

    def _at_run_time(self, plan: ModulePlan, site: CallPlan, arg: cst.Arg, why: str) -> None:
        if site.prefill_possible and not site.prefill_done:
            held = f"`{_one_line(plan.code_for(arg.value))}`"
            self._with_the_prompt(site, arg, held, f" ({why})", plan.report)
            plan.helpers.update(site.helpers)
            return
        prefill = site.prefill_done
        args = [cst.Arg(arg.value)]
        if prefill:
            args = with_flag(arg.value, "prefill")
        site.replace(arg, [arg.with_changes(value=cst.Call(cst.Name(MODEL_HELPER), args))])
        plan.helpers[MODEL_HELPER] = model_helper(plan.config)
        example = plan.config.target_for("claude-2")
        keeps = (
            "; the call keeps a prefill, so a retired name becomes a model that accepts one "
            f"({plan.config.prefill_model!r} by default)"
            if prefill
            else ""
        )
        plan.report(
            type(self),
            arg,
            f"the model is converted at run time by `{MODEL_HELPER}`, because {why}: it maps a "
            f"retired name as the model table does ('claude-2' becomes {example!r}) and passes "
            f"any other name through{keeps}",
            Safety.REVIEW,
        )

    def _cloud(self, plan: CallPlan, arg: cst.Arg, value: cst.SimpleString, model_id: str) -> None:
        """A Bedrock or Vertex model id: the Bedrock table, or kept for a person to choose."""
        cloud = plan.site.kind.value.title()
        keeps_prefill = plan.prefill_done or plan.prefill_possible
        chosen = None
        if plan.site.kind is ClientKind.BEDROCK:
            known = True if plan.prefill_done else (None if plan.prefill_possible else False)
            chosen = plan.config.bedrock_target_for(model_id, known)
        target, default = chosen if chosen is not None else (None, "")
        prefill = "; the request keeps an assistant prefill, which the model must accept"
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
        plan.replace(arg, [arg.with_changes(value=_string_like(value, target))])
        plan.report(
            type(self),
            arg,
            f"{cloud} model {model_id!r} becomes {target!r}{prefill if keeps_prefill else ''}"
            f"{default}",
            Safety.REVIEW,
        )


def _is_literal(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str)


def _one_line(code: str) -> str:
    return " ".join(code.split())


def _string_like(literal: cst.SimpleString, text: str) -> cst.SimpleString:
    return cst.SimpleString(f"{literal.prefix}{literal.quote}{text}{literal.quote}")


def _target(plan: CallPlan, legacy: str) -> tuple[str, str] | None:
    """The live model for ``legacy`` at this call, and why when the prefill decided it."""
    target = plan.config.target_for(legacy)
    if target is None:
        return None
    if plan.prefill_done and not plan.config.accepts_prefill(target):
        return plan.config.prefill_model, f" ({target!r} rejects the prefill this call keeps)"
    return target, ""


def _chosen_at_run_time(plan: CallPlan, legacy: str) -> bool:
    """Does the model depend on a prompt converted at run time, which may end in a prefill?"""
    target = plan.config.target_for(legacy)
    return (
        target is not None
        and plan.prefill_possible
        and not plan.prefill_done
        and not plan.config.accepts_prefill(target)
    )
