"""Which live model a legacy name becomes at one call: the model table's, or the prefill
model when the call keeps a prefill the table's model rejects; and the literal respelled."""

from __future__ import annotations

import libcst as cst

from migrator.contract.plan import CallPlan


def is_literal(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str)


def one_line(code: str) -> str:
    return " ".join(code.split())


def string_like(literal: cst.SimpleString, text: str) -> cst.SimpleString:
    return cst.SimpleString(f"{literal.prefix}{literal.quote}{text}{literal.quote}")


def _target(plan: CallPlan, legacy: str) -> tuple[str, str] | None:
    """The live model for ``legacy`` at this call, and why when the prefill decided it."""
    target = plan.config.target_for(legacy)
    if target is None:
        return None
    if plan.prefill_done and not plan.config.accepts_prefill(target):
        return plan.config.prefill_model, f" ({target!r} rejects the prefill this call keeps)"
    return target, ""


def chosen_at_run_time(plan: CallPlan, legacy: str) -> bool:
    """Does the model depend on a prompt converted at run time, which may end in a prefill?"""
    target = plan.config.target_for(legacy)
    return (
        target is not None
        and plan.prefill_possible
        and not plan.prefill_done
        and not plan.config.accepts_prefill(target)
    )
