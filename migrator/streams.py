"""Where a legacy stream is read: the one loop over it."""

from __future__ import annotations

import libcst as cst

from migrator.plan import CallPlan


def loop_over(plan: CallPlan) -> tuple[cst.For, cst.SimpleStatementLine | None] | str:
    """The one ``for`` loop that iterates the stream (and the statement assigning
    the stream, if it is assigned), or why there is none."""
    analysis = plan.analysis
    node: cst.CSTNode = plan.call
    parent = analysis.parent(node)
    if isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, cst.For) and parent.iter is node:
        return parent, None
    if not (
        isinstance(parent, cst.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0].target, cst.Name)
    ):
        return "the stream is used in a way the tool does not follow"
    name = parent.targets[0].target
    found = analysis.lookup(name.value, analysis.scope_of[name])
    if found is None or len(found[1]) != 1:
        return f"the stream variable `{name.value}` is assigned more than once"
    uses = [use for use in analysis.uses_of(name.value, found[0]) if use is not name]
    loops = [use for use in uses if isinstance(analysis.parent(use), cst.For)]
    if len(uses) != 1 or len(loops) != 1:
        return f"the stream `{name.value}` is used other than by one loop"
    loop = analysis.parent(loops[0])
    assert isinstance(loop, cst.For)
    if loop.iter is not loops[0]:
        return f"the stream `{name.value}` is used other than by one loop"
    statement = analysis.parent(parent)
    single = isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
    return loop, statement if single else None  # type: ignore[return-value]
