"""The plans of one module: each call planned by the rules in turn, calls that must migrate
together blocked together, the directives that silence findings, then the module-level
phase; and what the plans tell the result (findings, clients, sites left for a person)."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence

import libcst as cst
from libcst.metadata import CodePosition

from migrator.analysis.names import ClientKind, LegacyCall, ModuleAnalysis
from migrator.analysis.response import follow
from migrator.contract.plan import CallPlan, CallRule, ModulePlan, Note
from migrator.contract.rule import Rule
from migrator.contract.suppression import Suppressions
from migrator.core.config import Config
from migrator.core.findings import Finding, Safety
from migrator.engine.leave_out import footprint
from migrator.rewrite import builder, splat, splat_shared
from migrator.runtime.helpers import PROMPT_HELPER

COMMENT_PREFIX = "# migrator:"
MANUAL_COMMENT = f"{COMMENT_PREFIX} manual ["
# Keyword arguments of Text Completions that Messages does not take: a site
# that still has one after every rule ran is not finished.
LEGACY_ONLY = ("prompt", "max_tokens_to_sample", "temperature", "top_p", "top_k")


def _state(plan: CallPlan | dict[str, object]) -> dict[str, object]:
    """A plan's fields, with their lists, dicts and sets copied (the plan's own objects are
    kept: rewrites already made refer to them)."""
    fields = plan if isinstance(plan, dict) else vars(plan)
    return {
        name: copy.copy(value) if isinstance(value, (list, dict, set)) else value
        for name, value in fields.items()
    }


def plan_calls(
    analysis: ModuleAnalysis, config: Config, instances: Sequence[Rule]
) -> tuple[list[CallPlan], dict[int, splat.SplattedDict]]:
    """Each call's plan, and the request dicts whose entries go back where they are written.

    A dict the tool reads whole is planned as the call's own arguments. When the rules cannot
    finish that plan, or the calls that send one dict make different things of it, those
    calls convert it at run time instead, as if the dict were unknown.
    """
    plans: list[CallPlan] = []
    splats: dict[int, splat.SplattedDict] = {}
    sending: dict[int, list[int]] = {}  # a literal: the places of the plans that send it
    for site in analysis.calls:
        splatted = (
            splat.find(analysis, site)
            or builder.find(analysis, site)
            or splat_shared.find_imported(analysis, site)
        )
        plan = None
        if splatted is not None:
            plan = _planned(site, analysis, config, instances, splat.expanded_args(site, splatted))
            if plan.blocked or not splat.fits(plan, splatted):
                plan = None
            else:
                splats[id(plan)] = splatted
                sending.setdefault(id(splatted.literal), []).append(len(plans))
        if plan is None:
            plan = _planned(site, analysis, config, instances, list(site.call.args))
        plans.append(plan)
    for places in sending.values():
        group = [(plans[place], splats[id(plans[place])]) for place in places]
        signatures = {splat.signature(plan, splatted) for plan, splatted in group}
        if len(group) == group[0][1].readers and len(signatures) == 1:
            continue
        for place in places:
            del splats[id(plans[place])]
            site = plans[place].site
            plans[place] = _planned(site, analysis, config, instances, list(site.call.args))
    return plans, splats


def _planned(
    site: LegacyCall,
    analysis: ModuleAnalysis,
    config: Config,
    instances: Sequence[Rule],
    args: list[cst.Arg],
) -> CallPlan:
    """The call's plan: every rule applied in turn, until one blocks it."""
    plan = CallPlan(site, analysis, config, args)
    for rule in instances:
        rule.apply(plan)
        if plan.blocked:
            break
    if not plan.blocked:
        _check_finished(plan)
    return plan


def manual_statements(module_plan: ModulePlan, plans: Sequence[CallPlan]) -> int:
    """Statements a module-level rule marks for manual work, besides those of blocked calls.

    Each is a site left for a person (a Bedrock body built elsewhere, a test double whose
    code under test stays manual): the count says what the file holds once written.
    """
    counted = {plan.site.statement for plan in plans if plan.blocked and not plan.suppressed}
    return sum(
        statement not in counted and any(line.startswith(MANUAL_COMMENT) for line in lines)
        for statement, lines in module_plan.comments.items()
    )


def _exact_clients(plans: Sequence[CallPlan], clients: tuple[str, ...]) -> tuple[str, ...]:
    """The ``clients`` whose migrated calls send only what stands for the legacy request:
    the keywords it had, ``messages`` and ``system`` for ``prompt``, ``max_tokens`` for
    ``max_tokens_to_sample`` (no ``timeout=600`` added, no request converted at run time)."""
    sends_more = set()
    for plan in plans:
        receiver = plan.site.receiver
        if not isinstance(receiver, cst.Name) or receiver.value not in clients:
            continue
        before = {arg.keyword.value for arg in plan.site.call.args if arg.keyword is not None}
        allowed = before | {"messages", "system", "max_tokens"}
        for arg in plan.args:
            splat = arg.star == "**" and not (
                isinstance(arg.value, cst.Call)
                and isinstance(arg.value.func, cst.Name)
                and arg.value.func.value == PROMPT_HELPER
            )
            if splat or (arg.keyword is not None and arg.keyword.value not in allowed):
                sends_more.add(receiver.value)
    return tuple(name for name in clients if name not in sends_more)


def module_clients(analysis: ModuleAnalysis) -> tuple[str, ...]:
    """Names the module binds once, at its top level, to an Anthropic client it calls."""
    scope = analysis.module_scope
    if scope is None:
        return ()
    called = set()
    for site in analysis.calls:
        if isinstance(site.receiver, cst.Name):
            found = analysis.lookup(site.receiver.value, site.scope)
            if found is not None and found[0] is scope:
                called.add(site.receiver.value)
    return tuple(
        sorted(
            name
            for name in called
            if analysis.assigned_once(name, scope) is not None
            and analysis.client_kind(cst.Name(name), scope) in (ClientKind.SYNC, ClientKind.ASYNC)
        )
    )


def every_start(module: cst.Module) -> dict[cst.CSTNode, CodePosition]:
    from libcst.metadata import MetadataWrapper, PositionProvider

    ranges = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return {node: where.start for node, where in ranges.items()}


def module_phase(
    module_plan: ModulePlan,
    instances: Sequence[Rule],
    touched: set[str] | None = None,
) -> ModulePlan:
    """``touched``, when given, gets the codes of the rules that added anything to the plan."""
    for rule in instances:
        before = footprint(module_plan)
        rule.apply_module(module_plan)
        if touched is not None and footprint(module_plan) != before:
            touched.add(rule.code)
    count = len(module_plan.notes)
    for check in module_plan.last_checks:
        check()
    if touched is not None:
        touched.update(note.rule for note in module_plan.notes[count:])
    return module_plan


def _line(node: cst.CSTNode, positions: Mapping[cst.CSTNode, CodePosition]) -> int:
    where = positions.get(node)
    return where.line if where else 1


def suppress(
    plans: Sequence[CallPlan],
    suppressions: Suppressions,
    positions: Mapping[cst.CSTNode, CodePosition],
    leftovers: dict[int, Note],
) -> bool:
    """Leave as written each call a directive silences a finding of; True if one more is.

    A directive covers the findings on its line and, on the first line of a call, every
    finding of that call. What it does not cover is reported once, as manual work: the call
    is migrated whole or not at all. One that names the call's own rule (``TCM001``, the
    README's example) on its first line means the whole call: nothing is left to report.
    """
    more = False
    for plan in plans:
        if plan.suppressed:
            continue
        first = _line(plan.call, positions)
        if suppressions.covering(first, CallRule.code) is not None:
            for note in plan.blockers or plan.notes:  # the other codes it lists are used too
                suppressions.covering(first, note.rule)
            plan.suppressed = more = True
            continue
        silenced_at: list[int] = []
        kept = 0
        for note in plan.blockers or plan.notes:
            directive = suppressions.covering(first, note.rule) or suppressions.covering(
                _line(note.node, positions), note.rule
            )
            if directive is None:
                kept += 1
            else:
                silenced_at.append(directive.line)
        if not silenced_at:
            continue
        plan.suppressed = more = True
        if kept:
            leftovers[id(plan)] = Note(
                plan.call,
                CallRule.code,
                CallRule.name(),
                f"left as written: the `# migrator: ignore` on line {silenced_at[0]} silences "
                "part of this call, which is migrated whole or not at all; put a bare "
                "`# migrator: ignore` on its first line to leave all of it, or remove the "
                "comment to migrate it",
                Safety.MANUAL,
            )
    return more


def _module_notes(
    module_plan: ModulePlan,
    instances: Sequence[Rule],
    rules: Sequence[type[Rule]],
    suppressions: Suppressions,
    positions: Mapping[cst.CSTNode, CodePosition],
    source: str,
) -> list[Note]:
    """The module-level findings no directive silences, then those about the directives.

    A silenced module-level finding loses its report and its ``# migrator: manual`` comment.
    """
    if not suppressions:
        return module_plan.notes
    kept, silenced = [], set()
    for note in module_plan.notes:
        if suppressions.covering(_line(note.node, positions), note.rule):
            silenced.add(note.node)
        else:
            kept.append(note)
    module_plan.drop_comments_of(silenced)
    for rule in instances:
        rule.claim_suppressions(source, suppressions)
    unused = suppressions.unused({rule.code for rule in rules})
    if unused:
        count = len(module_plan.notes)
        for rule in instances:
            rule.apply_suppressions(module_plan, unused)
        kept.extend(module_plan.notes[count:])
    return kept


def block_linked(plans: Sequence[CallPlan]) -> None:
    """Calls whose responses reach the same reads migrate together or not at all."""
    blocked = {plan.call for plan in plans if plan.blocked}
    changed = True
    while changed:
        changed = False
        for plan in plans:
            if plan.blocked or not any(call in blocked for call in plan.linked):
                continue
            plan.block(
                CallRule,
                plan.call,
                "it shares its response variable or its client with another legacy call, "
                "which is left for manual work; they can only be migrated together",
            )
            blocked.add(plan.call)
            changed = True


def _check_finished(plan: CallPlan) -> None:
    """Block a site a deselected rule left half done: correct or untouched."""
    leftovers = [name for name in LEGACY_ONLY if plan.kwarg(name) is not None]
    if plan.method == "completions":
        leftovers.insert(0, "the call itself")
    if plan.site.sdk02_method is not None and not plan.client_done:
        leftovers.append("the pre-0.3 client")
    if plan.stop_reason_reads:
        leftovers.append("the `stop_reason` reads")
    if plan.streamed and not plan.stream_done:
        leftovers.append("the stream handling")
    if not plan.streamed and not plan.reads_done and _response_is_read(plan):
        leftovers.append("the reads of its response")
    if plan.conversation is not None:
        if plan.conversation.system is not None and not plan.system_done:
            leftovers.append("the system prompt")
        if plan.conversation.prefill is not None and not plan.prefill_done:
            leftovers.append("the prefill")
    if leftovers:
        plan.block(
            CallRule,
            plan.call,
            f"not migrated: the selected rules leave {', '.join(leftovers)} unconverted",
        )


def _response_is_read(plan: CallPlan) -> bool:
    """Whether the response is read in a way Messages changes (or goes where it cannot be seen)."""
    use = follow(plan.call, plan.analysis)
    unchanged = ("model", "id")
    return (
        use.problem is not None
        or bool(use.adapted)
        or any(read.attr.value not in unchanged for read in use.reads)
        or any(read.key not in unchanged for read in use.key_reads)
    )


def _finding(path: str, note: Note, positions: Mapping[cst.CSTNode, CodePosition]) -> Finding:
    where = positions.get(note.node)
    line, column = (where.line, where.column + 1) if where else (1, 1)
    return Finding(path, line, column, note.rule, note.name, note.message, note.fix)
