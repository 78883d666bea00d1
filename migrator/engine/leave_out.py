"""How the engine leaves changes out on request, as if they had never been found.

Interactive review migrates a file again without the changes the user skipped
(:class:`migrator.contract.selection.LeaveOut`). A call left out is marked as suppressed
before the calls linked to it are judged, so that they stay as written too, or
become manual work, never half migrated. A rule whose edits outside the calls
are left out takes no part in the module phase and acts on no directive, but
still claims the directives it would use, so that they are not reported as
silencing nothing. The rules that judge the output (TCM020) report only what they
report with nothing left out: evidence left with a skipped change is not work the
migration left behind (see ``migrate_source``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, cast

import libcst as cst
from libcst.metadata import CodePosition

from migrator.code.positions import start_positions
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.contract.selection import CallChange, Position

if TYPE_CHECKING:
    from migrator.contract.suppression import Suppression, Suppressions

Positions = dict[cst.CSTNode, CodePosition]


def leave_out_calls(
    plans: Sequence[CallPlan], module: cst.Module, positions: Positions, calls: Collection[Position]
) -> None:
    """Leave the calls that start at ``calls`` as written, with no comment and no finding."""
    if not calls:
        return
    missing = {plan.call for plan in plans} - positions.keys()
    positions.update(start_positions(module, missing))
    for plan in plans:
        where = positions.get(plan.call)
        if where is not None and (where.line, where.column) in calls:
            plan.suppressed = True


def calls_changed(plans: Sequence[CallPlan], positions: Positions) -> tuple[CallChange, ...]:
    """The calls migrated or marked for manual work, with the calls linked to each."""

    def start(call: cst.CSTNode) -> Position | None:
        where = positions.get(call)
        return None if where is None else (where.line, where.column)

    changed = []
    for plan in plans:
        here = start(plan.call)
        if plan.suppressed or here is None:
            continue
        linked = {start(call) for call in plan.linked} - {None, here}
        changed.append(CallChange(here, frozenset(cast(set[Position], linked))))
    return tuple(sorted(changed, key=lambda change: change.start))


class _LeftOut:
    """A rule whose edits outside the calls are left out: it only claims its directives."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.code = rule.code

    def apply_module(self, plan: ModulePlan) -> None:
        """Nothing: its module-level edits (and their findings) are left out."""

    def apply_suppressions(self, plan: ModulePlan, unused: list[Suppression]) -> None:
        """Nothing: removing a directive that silences nothing is an edit too."""

    def claim_suppressions(self, source: str, suppressions: Suppressions) -> None:
        self.rule.claim_suppressions(source, suppressions)


def module_rules(instances: Sequence[Rule], left_out: Collection[str]) -> list[Rule]:
    """The rules of the module phase, those in ``left_out`` doing nothing there."""
    return [cast(Rule, _LeftOut(rule)) if rule.code in left_out else rule for rule in instances]


def footprint(plan: ModulePlan) -> tuple[int, ...]:
    """How much a module plan holds: a rule that changes it acted on the module."""
    comments = sum(len(lines) for lines in plan.comments.values())
    sizes = (plan.rewrites, plan.notes, plan.helpers, plan.finishers, plan.last_checks)
    return (*map(len, sizes), comments)
