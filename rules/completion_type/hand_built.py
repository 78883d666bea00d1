"""``Completion(...)`` objects built by hand, by the module or by its test doubles:
rebuilt as the ``Message`` the migrated calls return, or reported while any is left."""

from __future__ import annotations

import libcst as cst

from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.doubles.handbuilt import HandBuilt, construction, reached_by_calls
from migrator.doubles.message_type import RenameImports


def beside_completion(rule: type[Rule], plan: ModulePlan, returned: list[HandBuilt]) -> None:
    """The doubles' ``Completion(...)`` objects are rebuilt while another use of
    ``Completion`` is left for a person: ``Message`` and the names it needs are imported
    beside ``Completion``, which stays."""
    for handbuilt in returned:
        handbuilt.keeps_completion = True
        plan.report(
            rule,
            handbuilt.call,
            "the `Completion(...)` the test double returns becomes the `Message` the migrated "
            "call gets; `Message` is imported beside `Completion`, which stays for the use "
            "left for manual work",
            Safety.SAFE,
        )
    if any(isinstance(handbuilt.use, cst.Name) for handbuilt in returned):
        added = ["Message", *sorted({name for each in returned for name in each.imports})]
        plan.finishers.append(lambda module: module.visit(RenameImports(added, keep=True)))


def _hand_built(rule: type[Rule], plan: ModulePlan, others: list[cst.BaseExpression]):  # type: ignore[no-untyped-def]
    """The ``Completion(...)`` objects rebuilt as ``Message``; None when any use is left."""
    reached = reached_by_calls(plan)
    built, left = [], False
    for use in others:
        call = construction(use, plan.analysis)
        handbuilt = HandBuilt(plan, use, call) if call is not None else None
        why = handbuilt.examine(reached) if handbuilt is not None else None
        if handbuilt is None:
            reason = (
                "`Completion` no longer exists in the SDK and this use of it has no direct "
                "`Message` equivalent (a `Message` is built from other fields); rewrite it "
                "by hand"
            )
        elif why is not None:
            reason = (
                "`Completion` no longer exists in the SDK and this `Completion(...)` is not "
                f"rebuilt as a `Message`: {why}; rewrite it by hand"
            )
        else:
            built.append(handbuilt)
            continue
        plan.report(rule, use, reason, Safety.MANUAL)
        plan.comment(use, f"# migrator: manual [{rule.code}] {reason}")
        left = True
    return None if left else built
