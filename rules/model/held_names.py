"""Models held in names or a class's attributes of the module: each retired literal they hold
respelled where it is bound, or its default when the environment sets the name first."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrator.analysis.held import HeldLiterals, held_in_table, held_literals
from migrator.analysis.held_attributes import held_attribute
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.model.choice import _target, chosen_at_run_time, one_line, string_like
from migrator.rules.model.run_time import at_run_time


def _held(plan: ModulePlan | CallPlan, site: CallPlan, arg: cst.Arg) -> HeldLiterals | str:
    """The literals a name or a class's attribute holds, or why they are not known."""
    if isinstance(arg.value, cst.Name):
        return held_literals(plan.analysis, arg.value, site.site.scope)
    held = None
    if isinstance(arg.value, cst.Attribute):
        held = held_attribute(plan.analysis, arg.value, site.site.scope)
    elif isinstance(arg.value, cst.Subscript):  # ``MODELS[tier]``
        return held_in_table(plan.analysis, arg.value, site.site.scope)
    return held or f"`{one_line(plan.code_for(arg.value))}` is known only at run time"


def rewrite_literals(
    plan: ModulePlan,
    rule: type[Rule],
    held: HeldLiterals,
    by_value: dict[int, CallPlan],
    done: set[int],
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
        if any(chosen_at_run_time(site, legacy) for site in readers):
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
        _default_from_environment(plan, rule, held, changes, readers, done)
        return None
    elsewhere = (
        "; callers in other modules that pass a retired name must change too"
        if held.parameter
        else held.caveat
    )
    _respell_literals(
        plan,
        rule,
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
            plan.report(rule, site.held_model, message, Safety.REVIEW)
    return None


def _respell_literals(
    plan: ModulePlan,
    rule: type[Rule],
    changes: list[tuple[cst.SimpleString, str, tuple[str, str]]],
    message: Callable[[str, str, str], str],
) -> None:
    """Each retired model literal of ``changes`` respelled as the table's model, with
    a review finding that ``message(legacy, target, why)`` words."""
    for literal, legacy, (target, why) in changes:
        new = string_like(literal, target)
        plan.rewrites[literal] = lambda _node, new=new: new
        plan.report(rule, literal, message(legacy, target, why), Safety.REVIEW)


def _default_from_environment(
    plan: ModulePlan,
    rule: type[Rule],
    held: HeldLiterals,
    changes: list[tuple[cst.SimpleString, str, tuple[str, str]]],
    readers: list[CallPlan],
    done: set[int],
) -> None:
    """A name or a settings field the environment sets first: its default becomes the
    table's model, as a settings module's does when another module sends it, and the
    calls still map at run time what the environment gives."""
    _respell_literals(
        plan,
        rule,
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
            at_run_time(plan, rule, site, site.held_model, why)


def bedrock_held(plan: CallPlan, rule: type[Rule], arg: cst.Arg) -> bool:
    """``model=MODEL`` of an ``AnthropicBedrock`` call, the name's one read: each retired id
    it can hold becomes the Bedrock table's where it is written. False: not so held."""
    held = _held(plan, plan, arg)
    if not isinstance(held, HeldLiterals) or held.reads != (arg.value,):
        return False
    known = True if plan.prefill_done else (None if plan.prefill_possible else False)
    for literal in held.literals:
        legacy = literal.evaluated_value
        assert isinstance(legacy, str)
        chosen = plan.config.bedrock_target_for(legacy, known)
        if chosen is None:
            continue
        target, default = chosen
        new = string_like(literal, target)
        plan.rewrites[literal] = lambda _updated, new=new: new
        plan.report(
            rule,
            literal,
            f"Bedrock model {legacy!r} becomes {target!r}{default}: {held.what} holds it and "
            "is read only as the model of this call",
            Safety.REVIEW,
        )
    return True
