"""An SSE loop's fields bound to names where the loop tests the event's type: at the top
of ``if data["type"] == "completion":``, which only text deltas and the final
``message_delta`` reach once the test is rewritten, instead of a conditional expression
at each read."""

from __future__ import annotations

import libcst as cst

from migrator.code.syntax import walk
from migrator.rewrite.json_body import JSON_FIELDS
from migrator.rewrite.streams import field_names
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
    names = field_names(loop.analysis, loop.analysis.scope_of[holder], keys)
    if names is None:
        return None
    fields = list(names)
    values = [[JSON_FIELDS[f][column].format(data=data.value) for f in fields] for column in (0, 1)]
    bound = ", ".join(names.values())
    kind = loop.analysis.module.code_for_node(subject)
    b = "b" if bytes_compared(comparison) else ""  # lines read as bytes give bytes names
    code = (
        f'if {kind} == {b}"message_delta":\n'
        f"    {bound} = {', '.join(values[1])}\n"
        "else:\n"
        f"    {bound} = {', '.join(values[0])}\n"
    )
    config = loop.analysis.module.config_for_parsing
    statements = cst.parse_module(code, config=config).body

    def bind(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.IndentedBlock)
        return updated.with_changes(body=[*statements, *updated.body])

    loop.outcome.rewrites[body] = bind
    return names
