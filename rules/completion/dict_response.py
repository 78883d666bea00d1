"""The dict a pre-0.3 ``client.completion(...)`` returned: its key reads become reads of
the Message's text and attributes."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.response_dict import follow_dict
from migrator.analysis.response_rewrites import text_of
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.completion.adapter import _hand_on, adapt
from migrator.rules.completion.hoist import hoisted
from migrator.rules.completion.reads import named, text_once


def _dict_response(rule: type[Rule], plan: CallPlan) -> None:
    """The pre-0.3 SDK answered with a dict: its key reads become attribute reads."""
    use = follow_dict(plan.call, plan.analysis, hand_on=True)
    if use.problem is not None:
        plan.block(rule, use.problem_node or plan.call, use.problem)
        return
    if use.handed_on:
        _hand_on(rule, plan, use, dict_shaped=True)
        return
    adapt(rule, plan, use.adapted, dict_shaped=True)
    once = text_once(
        plan,
        [
            read.node
            for read in use.key_reads
            if read.key == "completion" and isinstance(read.node, cst.Subscript)
        ],
    )
    for key_read in use.key_reads:
        key = key_read.key
        if key_read.node in once:
            plan.rewrites[key_read.node] = named(once[key_read.node])
            plan.report(
                rule,
                key_read.node,
                f'`["completion"]` becomes `{once[key_read.node]}`, the text of `.content` '
                "read once",
                Safety.SAFE,
            )
            continue
        bound = (
            hoisted(plan, key_read.node)
            if key == "completion" and isinstance(key_read.node, cst.Subscript)
            else None
        )
        if bound is not None:
            plan.rewrites.update(bound)
            plan.report(
                rule,
                key_read.node,
                'the response is bound to a name of its own, and its `["completion"]` '
                "becomes the text of its `.content`",
                Safety.SAFE,
            )
        elif key == "completion":
            plan.rewrites[key_read.node] = _dict_read_as_text
            plan.report(
                rule,
                key_read.node,
                '`["completion"]` of the response becomes the text of its `.content`',
                Safety.SAFE,
            )
        elif key in _DICT_KEYS:
            plan.rewrites[key_read.node] = _dict_read_as_attribute(_DICT_KEYS[key])
            if key == "stop_reason":
                plan.stop_reason_reads.append(key_read.node)
            else:
                plan.report(
                    rule,
                    key_read.node,
                    f'`["{key}"]` of the response becomes `.{_DICT_KEYS[key]}`',
                    Safety.SAFE,
                )
        else:
            plan.block(
                rule,
                key_read.node,
                f'reads `["{key}"]` of the response, which a Messages response does not have',
            )
            return


# Keys of a pre-0.3 response (a dict) and the attributes of a Message that hold them.
_DICT_KEYS = {"stop_reason": "stop_reason", "stop": "stop_sequence", "model": "model"}


def _mapping_of(updated: cst.CSTNode) -> cst.BaseExpression:
    """``data`` of ``data["key"]`` or ``data.get("key", ...)``."""
    if isinstance(updated, cst.Subscript):
        return updated.value
    assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
    return updated.func.value


def _dict_read_as_text(updated: cst.CSTNode) -> cst.CSTNode:
    """``response["completion"]`` of a pre-0.3 dict: the text of the Message's content."""
    return text_of(_mapping_of(updated)).with_changes(lpar=updated.lpar, rpar=updated.rpar)  # type: ignore[attr-defined]


def _dict_read_as_attribute(attribute: str):  # type: ignore[no-untyped-def]
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        return cst.Attribute(
            _mapping_of(updated),
            cst.Name(attribute),
            lpar=updated.lpar,  # type: ignore[attr-defined]
            rpar=updated.rpar,  # type: ignore[attr-defined]
        )

    return rewrite
