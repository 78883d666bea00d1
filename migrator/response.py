"""Where the value returned by a legacy call is read.

Messages returns a different object, so every read of the result must be
found before the call may change. :func:`follow` answers with the attribute
reads of the result (chained on the call, or on the one variable it is
assigned to) or with the reason the result cannot be followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis import ModuleAnalysis
from migrator.syntax import fill

TEXT_TEMPLATE = '"".join(block.text for block in __response__.content if block.type == "text")'


@dataclass
class ResultUse:
    reads: list[cst.Attribute] = field(default_factory=list)
    problem: str | None = None
    problem_node: cst.CSTNode | None = None
    # Functions that now return a Messages response to callers the tool may not see.
    returned_by: list[cst.FunctionDef] = field(default_factory=list)

    def extend(self, other: ResultUse) -> bool:
        """Take ``other``'s reads; False (and its problem) when it has one."""
        if other.problem is not None:
            self.problem, self.problem_node = other.problem, other.problem_node
            return False
        self.reads.extend(other.reads)
        self.returned_by.extend(other.returned_by)
        return True


_MAX_DEPTH = 4


def follow(call: cst.Call, analysis: ModuleAnalysis) -> ResultUse:
    return _follow_value(call, analysis, 0)


def _follow_value(value: cst.BaseExpression, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """The reads of the value of ``value`` (a call expression), wherever it goes."""
    node: cst.CSTNode = value
    parent = analysis.parent(value)
    if isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, cst.Attribute) and parent.value is node:
        return ResultUse(reads=[parent])
    if isinstance(parent, cst.Expr):
        return ResultUse()
    if isinstance(parent, cst.Return):
        return _follow_return(parent, analysis, depth)
    stored = _self_attribute_target(parent, node, analysis)
    if stored is not None:
        return _follow_attribute(stored, analysis)
    target = _single_name_target(parent, node)
    if target is None:
        return ResultUse(problem=f"the response is {_describe(parent)}", problem_node=value)
    return _follow_name(target, parent, analysis, depth)


def _self_attribute_target(
    parent: cst.CSTNode | None, node: cst.CSTNode, analysis: ModuleAnalysis
) -> cst.Attribute | None:
    """``self.last_response = <call>`` in a method."""
    if not (isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1):
        return None
    target = parent.targets[0].target
    if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)):
        return None
    scope = analysis.scope_of.get(target)
    if scope is None or scope.self_name != target.value.value or scope.class_scope is None:
        return None
    return target


def _follow_attribute(stored: cst.Attribute, analysis: ModuleAnalysis) -> ResultUse:
    """Reads of ``self.NAME`` in the methods of the class, when this is its only assignment."""
    scope = analysis.scope_of[stored]
    assert scope.class_scope is not None
    name = stored.attr.value
    bindings = analysis.class_attributes.get(scope.class_scope.node, {}).get(name, [])
    # ``self.last_response = None`` in ``__init__`` only says "no response yet".
    bindings = [
        b for b in bindings if not (isinstance(b.node, cst.Name) and b.node.value == "None")
    ]
    if len(bindings) != 1:
        return ResultUse(
            problem=f"the response is stored on `self.{name}`, which is assigned elsewhere too",
            problem_node=stored,
        )
    result = ResultUse()
    for node, where in analysis.scope_of.items():
        if not (
            isinstance(node, cst.Attribute)
            and node is not stored
            and node.attr.value == name
            and isinstance(node.value, cst.Name)
        ):
            continue
        method = where
        while method.kind not in ("function", "module") and method.parent is not None:
            method = method.parent
        if method.class_scope is not scope.class_scope or method.self_name != node.value.value:
            return ResultUse(
                problem=f"the response is stored on `self.{name}`, which is also read outside "
                "the class's own methods",
                problem_node=node,
            )
        read = analysis.parent(node)
        if isinstance(read, cst.Attribute) and read.value is node:
            result.reads.append(read)
            continue
        if isinstance(read, cst.AssignTarget) or _none_test(read, node):
            continue
        return ResultUse(
            problem=f"the response stored on `self.{name}` is {_describe(read)}",
            problem_node=node,
        )
    return result


def _follow_return(statement: cst.Return, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """A response returned by a function: followed into its callers in this module."""
    function = _enclosing_function(statement, analysis)
    problem = ResultUse(problem="the response is returned to callers", problem_node=statement)
    if function is None or depth >= _MAX_DEPTH:
        return problem
    scope = analysis.scope_of.get(function)
    if scope is None:
        return problem
    found = analysis.lookup(function.name.value, scope)
    if found is None or len(found[1]) != 1 or found[0].kind != "module":
        return problem  # a method, or a name bound more than once: callers unknown
    calls = []
    for use in analysis.uses_of(function.name.value, found[0]):
        call = analysis.parent(use)
        if not (isinstance(call, cst.Call) and call.func is use):
            return ResultUse(
                problem=f"the response is returned by `{function.name.value}`, which is "
                "used as a value here; its callers cannot be followed",
                problem_node=use,
            )
        calls.append(call)
    if not calls:
        return ResultUse(
            problem=f"the response is returned by `{function.name.value}`, "
            "which nothing in this module calls",
            problem_node=statement,
        )
    result = ResultUse(returned_by=[function])
    for call in calls:
        if not result.extend(_follow_value(call, analysis, depth + 1)):
            return result
    return result


def _enclosing_function(node: cst.CSTNode, analysis: ModuleAnalysis) -> cst.FunctionDef | None:
    scope = next(
        (a for a in analysis.ancestors(node) if isinstance(a, (cst.FunctionDef, cst.Lambda))),
        None,
    )
    return scope if isinstance(scope, cst.FunctionDef) else None


def _single_name_target(parent: cst.CSTNode | None, node: cst.CSTNode) -> cst.Name | None:
    if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0].target
        return target if isinstance(target, cst.Name) else None
    if isinstance(parent, cst.AnnAssign) and parent.value is node:
        return parent.target if isinstance(parent.target, cst.Name) else None
    return None


def _follow_name(
    target: cst.Name, statement: cst.CSTNode, analysis: ModuleAnalysis, depth: int
) -> ResultUse:
    scope = analysis.scope_of[target]
    found = analysis.lookup(target.value, scope)
    assert found is not None
    owner, bindings = found
    if len(bindings) != 1:
        return ResultUse(
            problem=f"the response variable `{target.value}` is assigned more than once",
            problem_node=target,
        )
    result = ResultUse()
    for use in analysis.uses_of(target.value, owner):
        if use is target:
            continue
        parent = analysis.parent(use)
        grandparent = analysis.parent(parent) if parent is not None else None
        if (
            isinstance(parent, cst.Attribute)
            and parent.value is use
            and not isinstance(grandparent, (cst.AssignTarget, cst.AugAssign, cst.Del))
        ):
            result.reads.append(parent)
            continue
        if _type_check(parent, use, analysis):
            continue  # isinstance(response, ...) reads nothing of it
        if isinstance(parent, cst.Return) and not result.extend(
            _follow_return(parent, analysis, depth)
        ):
            return result
        if isinstance(parent, cst.Return):
            continue
        return ResultUse(
            problem=f"the response `{target.value}` is {_describe(parent)}; "
            "reads of it elsewhere are not followed",
            problem_node=use,
        )
    return result


def _none_test(parent: cst.CSTNode | None, node: cst.CSTNode) -> bool:
    """``x is None`` / ``x is not None``."""
    return (
        isinstance(parent, cst.Comparison)
        and parent.left is node
        and len(parent.comparisons) == 1
        and isinstance(parent.comparisons[0].operator, (cst.Is, cst.IsNot))
        and isinstance(parent.comparisons[0].comparator, cst.Name)
        and parent.comparisons[0].comparator.value == "None"
    )


def _type_check(parent: cst.CSTNode | None, use: cst.Name, analysis: ModuleAnalysis) -> bool:
    call = analysis.parent(parent) if isinstance(parent, cst.Arg) else None
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and call.func.value == "isinstance"
        and bool(call.args)
        and call.args[0] is parent
    )


def _describe(parent: cst.CSTNode | None) -> str:
    if isinstance(parent, cst.Return):
        return "returned to callers"
    if isinstance(parent, cst.Arg):
        return "passed to another call"
    if isinstance(parent, (cst.Yield, cst.Lambda)):
        return "yielded or captured"
    if isinstance(parent, (cst.Element, cst.DictElement)):
        return "stored in a container"
    if isinstance(parent, cst.AssignTarget) or isinstance(parent, cst.Assign):
        return "assigned to something the tool does not follow"
    if isinstance(parent, cst.For):
        return "iterated (a stream)"
    if isinstance(parent, cst.Subscript):
        return "subscripted"
    return "used in a way the tool does not follow"


def text_of(response: cst.BaseExpression) -> cst.BaseExpression:
    """The Messages equivalent of ``response.completion``: the text of its text blocks."""
    return fill(TEXT_TEMPLATE, {"__response__": response})


def completion_as_text(updated: cst.CSTNode) -> cst.CSTNode:
    """Rewrite of a ``<response>.completion`` read: the text, in the read's parentheses."""
    assert isinstance(updated, cst.Attribute)
    return text_of(updated.value).with_changes(lpar=updated.lpar, rpar=updated.rpar)
