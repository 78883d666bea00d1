"""Where a legacy stream is read: the one loop over it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import libcst as cst

from migrator.analysis.flow import binding_at, free_name
from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.analysis.names_walk import literals_for
from migrator.analysis.response_uses import hands_on
from migrator.code.syntax import plain_literal
from migrator.contract.plan import CallPlan

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp)

# The names a loop that keeps the final ``message_delta`` binds each field of the legacy
# event to, at its top (an SDK stream's events, a Bedrock stream's parsed chunks).
FIELD_NAMES = {
    "completion": ("text", "piece", "delta_text"),
    "stop_reason": ("stop_reason", "reason", "end_reason"),
    "stop": ("stop_sequence", "stop_string"),
}


def field_names(
    analysis: ModuleAnalysis,
    scope: Scope,
    fields: Iterable[str],
    given: Mapping[str, str] | None = None,
) -> dict[str, str] | None:
    """A free name for each of ``fields`` (in ``FIELD_NAMES`` order; ``given`` ones kept),
    none two fields share; None when every candidate of one is taken."""
    names = dict(given or {})
    for field in FIELD_NAMES:
        if field not in fields or field in names:
            continue
        taken = tuple(n for n in FIELD_NAMES[field] if n not in names.values())
        name = free_name(analysis, scope, taken)
        if name is None:
            return None
        names[field] = name
    return {field: names[field] for field in FIELD_NAMES if field in names}


def loop_over(
    plan: CallPlan, *, entered: bool = False, comprehensions: bool = False
) -> tuple[cst.For | cst.CompFor, cst.SimpleStatementLine | None] | str:
    """The one ``for`` loop that iterates the stream (and the statement assigning
    the stream, if it is assigned), or why there is none.

    ``entered``: the stream may also be the context manager of a ``with`` that
    names it (``with create(..., stream=True) as stream:``). ``comprehensions``:
    the loop may also be the (first) ``for`` of a list, set or generator
    comprehension.
    """
    analysis = plan.analysis
    node: cst.CSTNode = plan.call
    parent = analysis.parent(node)
    if isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if _iterates(parent, node, comprehensions, analysis):
        return parent, None  # type: ignore[return-value]
    if entered and isinstance(parent, cst.WithItem) and parent.item is node:
        if parent.asname is None or not isinstance(parent.asname.name, cst.Name):
            return "the stream is entered by a `with` that does not name it"
        name = parent.asname.name
    elif (
        isinstance(parent, cst.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0].target, cst.Name)
    ):
        name = parent.targets[0].target
    else:
        return "the stream is used in a way the tool does not follow"
    found = binding_at(analysis, name)
    if found is None:
        return f"the stream variable `{name.value}` is assigned more than once"
    uses = found[2]
    if len(uses) != 1 or not _iterates(analysis.parent(uses[0]), uses[0], comprehensions, analysis):
        return f"the stream `{name.value}` is used other than by one loop"
    loop = analysis.parent(uses[0])
    assert isinstance(loop, (cst.For, cst.CompFor))
    if isinstance(parent, cst.WithItem):
        return loop, None
    statement = analysis.parent(parent)
    single = isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
    return loop, statement if single else None  # type: ignore[return-value]


def _iterates(
    parent: cst.CSTNode | None, node: cst.CSTNode, comprehensions: bool, analysis: ModuleAnalysis
) -> bool:
    """``parent`` is a loop over ``node``: a ``for``, or the first ``for`` of a comprehension."""
    if isinstance(parent, cst.For):
        return parent.iter is node
    return (
        comprehensions
        and isinstance(parent, cst.CompFor)
        and parent.iter is node
        and isinstance(analysis.parent(parent), _COMPREHENSIONS)
    )


# Builtins that only iterate what they are given: a stream handed to them is read as events.
ITERATING = frozenset({"list", "tuple", "enumerate", "zip", "sorted", "iter", "map", "filter"})


def iterated_only(
    analysis: ModuleAnalysis, node: cst.CSTNode, parent: cst.CSTNode | None, assigned: bool
) -> bool:
    """``node`` (a stream) is only iterated where it is, or handed on to be: the argument
    of a call, yielded, looped over, returned; or, with ``assigned``, bound to one name
    whose every read is one of those."""
    if isinstance(parent, cst.Arg):  # ``consume(stream)``, ``list(stream)``; not ``print(stream)``
        return (
            parent.value is node and parent.star != "**" and hands_on(parent, analysis, ITERATING)
        )
    if isinstance(parent, cst.From):  # ``yield from stream``
        return isinstance(analysis.parent(parent), cst.Yield)
    if isinstance(parent, (cst.Yield, cst.Return)):
        return parent.value is node
    if isinstance(parent, (cst.For, cst.CompFor)):
        return parent.iter is node
    if not (
        assigned
        and isinstance(parent, cst.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0].target, cst.Name)
    ):
        return False
    found = binding_at(analysis, parent.targets[0].target)
    if found is None or not found[2]:
        return False  # bound more than once, or never read: the stream rule says why
    return all(iterated_only(analysis, use, analysis.parent(use), False) for use in found[2])


def directly_before(
    statement: cst.SimpleStatementLine, loop: cst.For, analysis: ModuleAnalysis
) -> bool:
    """``statement`` comes just before ``loop`` in its block, but for lines that set a
    name to a literal: the request it makes can move down to the loop."""
    block = analysis.parent(loop)
    body = getattr(block, "body", None)
    if not isinstance(body, (list, tuple)) or analysis.parent(statement) is not block:
        return False
    index = list(body).index(loop)
    # Only lines that set a name to a literal may stand between (`text = ""`,
    # `last = None`): the request moves down past them.
    while index > 0 and body[index - 1] is not statement and sets_literal(body[index - 1]):
        index -= 1
    return index > 0 and body[index - 1] is statement


def sets_literal(statement: cst.CSTNode) -> bool:
    """``name = ""``, ``= 0``, ``= None``, ``= []`` (or ``text, last = "", None``): nothing
    the request could depend on."""
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return False
    assign = statement.body[0]
    if not isinstance(assign, cst.Assign):
        return False
    targets = [target.target for target in assign.targets]
    if all(isinstance(target, cst.Name) for target in targets):
        return plain_literal(assign.value)
    # ``text, last = "", None``: literals unpacked one to one, into names
    unpacked = targets[0] if len(targets) == 1 else None
    return (
        isinstance(unpacked, (cst.Tuple, cst.List))
        and all(isinstance(element.value, cst.Name) for element in unpacked.elements)
        and literals_for(unpacked, assign.value) is not None
    )


def breaks(loop: cst.For) -> bool:
    """Does a ``break`` leave this loop (not one nested in it)?"""

    class Finder(cst.CSTVisitor):
        found = False

        def visit_Break(self, node: cst.Break) -> None:
            self.found = True

        def visit_For(self, node: cst.For) -> bool:
            return False

        def visit_While(self, node: cst.While) -> bool:
            return False

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

    finder = Finder()
    loop.body.visit(finder)
    return finder.found


def uses_after(analysis: ModuleAnalysis, loop: cst.For, target: cst.Name) -> list[cst.Name] | None:
    """The reads of the loop variable once the loop is done, where it holds the last event:
    in the statements that follow the loop in its block, outside any loop around it. None
    when it is read anywhere else outside the loop (or the loop sits in another loop)."""
    block = analysis.parent(loop)
    if not isinstance(block, (cst.IndentedBlock, cst.Module)) or any(
        isinstance(node, (cst.For, cst.While)) for node in analysis.ancestors(loop)
    ):
        return None
    following = list(block.body)[list(block.body).index(loop) + 1 :]
    found = analysis.lookup(target.value, analysis.scope_of[target])
    if found is None:
        return None
    uses = []
    for use in analysis.uses_of(target.value, found[0]):
        if use is target or loop in analysis.ancestors(use):
            continue
        after = any(statement in following for statement in analysis.ancestors(use))
        if isinstance(analysis.parent(use), cst.AssignTarget) and not after:
            continue  # bound before the loop too (``last = None``): the loop binds it last
        if not after or isinstance(analysis.parent(use), cst.AssignTarget):
            return None
        uses.append(use)
    return uses
