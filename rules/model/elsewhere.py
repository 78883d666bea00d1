"""Models bound at the top of another module of the run and read here only as the model of
migrated calls: rewritten where they are bound, once the run lets this module read them."""

from __future__ import annotations

import libcst as cst

from migrator.analysis import project, shared
from migrator.analysis.held import environment_default
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite import splat_shared
from migrator.rules.model.choice import _target, chosen_at_run_time, is_literal, string_like

_REVIEW = Safety.REVIEW.value


def held_elsewhere(
    plan: ModulePlan,
    rule: type[Rule],
    site: CallPlan,
    by_value: dict[int, CallPlan],
    done: set[int],
) -> bool | str:
    """A model name bound at the top of another module of the run (``from settings
    import MODEL``, or ``settings.MODEL``) and read here only as the model of migrated
    calls: rewritten where it is bound, once the run lets this module read it
    (:mod:`migrator.analysis.shared`). True when it is; for a name the environment sets first
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
    if not is_literal(literal):
        return _default_elsewhere(plan, rule, literal, want, sites)
    assert isinstance(literal, cst.SimpleString) and isinstance(literal.evaluated_value, str)
    legacy = literal.evaluated_value
    if any(chosen_at_run_time(reader, legacy) for reader in sites):
        return False
    chosen = {_target(reader, legacy) for reader in sites}
    if len(chosen) != 1:
        return False  # calls that need different models
    pick = chosen.pop()
    if pick is None:
        message = f"model {legacy!r} is not a Text Completions model the tool knows; kept as it is"
        sharing.edit(want, want.text, [(rule.code, rule.name(), message, _REVIEW, None)])
    else:
        target, why = pick
        message = (
            f"retired model {legacy!r} becomes {target!r}{why}: `{want.name}` holds it and "
            f"is read only as the model of calls migrated in `{sharing.sender}`"
        )
        after = plan.analysis.module.code_for_node(string_like(literal, target))
        sharing.edit(want, after, [(rule.code, rule.name(), message, _REVIEW, None)])
    done.update(id(reader) for reader in sites)
    return True


def _default_elsewhere(
    plan: ModulePlan,
    rule: type[Rule],
    value: cst.BaseExpression,
    want: shared.Want,
    sites: list[CallPlan],
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
    new = string_like(default, target)
    after = plan.analysis.module.code_for_node(
        cst.ensure_type(value, cst.Call).deep_replace(default, new)
    )
    message = (
        f"the default model {legacy!r} becomes {target!r}{why}: `{want.name}` takes the "
        f"environment's value first, which the calls in `{sharing.sender}` map at run time"
    )
    sharing.edit(want, after, [(rule.code, rule.name(), message, _REVIEW, None)])
    return f"`{want.name}` comes from the environment (its default is rewritten where it is bound)"
