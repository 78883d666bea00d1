"""An SSE loop's fields bound to names where the loop tests the event's type: at the top
of ``if data["type"] == "completion":``, which only text deltas and the final
``message_delta`` reach once the test is rewritten, instead of a conditional expression
at each read."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import free_name
from migrator.code.syntax import walk
from migrator.rewrite.streams import FIELD_NAMES
from migrator.rules.raw_http.sse_events import (
    EventTests,
    _negated,
    bytes_compared,
    compared_values,
)


def bound_fields(
    loop: EventTests,
    tests: list[tuple[cst.Comparison, cst.BaseExpression | None]],
    reads: list[cst.CSTNode],
    ends: list[tuple[str, cst.CSTNode]],
    data: cst.Name,
) -> dict[str, str] | None:
    """``if data["type"] == "completion":`` around every read of the event's fields:
    at the top of its body, which only text deltas and the final ``message_delta``
    reach once the test is rewritten, the fields are bound to names from the event
    that carries them. The names by field; None when the loop is not so written."""
    completion = [(c, s) for c, s in tests if "completion" in compared_values(c)]
    if len(completion) != 1:
        return None
    comparison, subject = completion[0]
    holder = loop.analysis.parent(comparison)
    if not (
        comparison in loop.precise
        and not _negated(comparison)
        and subject is not None
        and isinstance(holder, cst.If)
        and holder.test is comparison
        and isinstance(holder.body, cst.IndentedBlock)
    ):
        return None
    nodes = [*reads, *(read for _field, read in ends)]
    body = holder.body
    if not all(body in loop.analysis.ancestors(node) for node in nodes) or any(
        isinstance(node, (cst.For, cst.While)) for node in walk(body)
    ):
        return None
    keys = {"completion"} if reads else set()
    keys |= {field_name for field_name, _read in ends}
    fields = [field_name for field_name in FIELD_NAMES if field_name in keys]
    scope = loop.analysis.scope_of[holder]
    names: dict[str, str] = {}
    for field_name in fields:
        taken = tuple(n for n in FIELD_NAMES[field_name] if n not in names.values())
        name = free_name(loop.analysis, scope, taken)
        if name is None:
            return None
        names[field_name] = name
    event = data.value
    text = {"completion": f'{event}["delta"]["text"]', "stop_reason": "None", "stop": "None"}
    end = {
        "completion": '""',
        "stop_reason": f'{event}["delta"]["stop_reason"]',
        "stop": f'{event}["delta"]["stop_sequence"]',
    }
    bound = ", ".join(names[f] for f in fields)
    kind = loop.analysis.module.code_for_node(subject)
    b = "b" if bytes_compared(comparison) else ""  # lines read as bytes give bytes names
    code = (
        f'if {kind} == {b}"message_delta":\n'
        f"    {bound} = {', '.join(end[f] for f in fields)}\n"
        "else:\n"
        f"    {bound} = {', '.join(text[f] for f in fields)}\n"
    )
    config = loop.analysis.module.config_for_parsing
    statements = cst.parse_module(code, config=config).body

    def bind(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.IndentedBlock)
        return updated.with_changes(body=[*statements, *updated.body])

    loop.outcome.rewrites[body] = bind
    return names
