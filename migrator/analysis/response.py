"""Where the value returned by a legacy call is read.

Messages returns a different object, so every read of the result must be
found before the call may change. :func:`follow` answers with the attribute
reads of the result (chained on the call, or on the one variable it is
assigned to) or with the reason the result cannot be followed.
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from migrator.analysis.flow import binding_at, entangled, is_store
from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.response_dict import follow_mapping
from migrator.analysis.response_sources import (
    MAX_DEPTH,
    _argument,
    _callee,
    _parameter,
    built_by_hand,
    callers_of,
    enclosing_function,
    gathered_by,
    is_gather,
    is_static,
    rebound_responses,
    response_source,
    responses_in,
    returned_values,
    waited_for,
)
from migrator.analysis.response_uses import (
    HandedOn,
    ResultUse,
    _shown,
    describe,
    handed_on,
    none_test,
    self_attribute_target,
    single_name_target,
    type_check,
    unpacked_names,
    written,
)
from migrator.code.codegen import code_of


def follow(call: cst.Call, analysis: ModuleAnalysis, *, hand_on: bool = False) -> ResultUse:
    """The reads of the response of ``call``. ``hand_on``: a use that gives it to code
    the tool does not follow is listed in ``handed_on`` rather than being a problem (an
    adapter in the legacy shape may stand in for the response there)."""
    use = _follow_value(call, analysis, 0)
    return use if hand_on else use.without_handing_on()


def _follow_value(value: cst.BaseExpression, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """The reads of the value of ``value`` (a call expression), wherever it goes."""
    node: cst.CSTNode = value
    parent = analysis.parent(value)
    if isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, cst.Attribute) and parent.value is node:
        return _attribute_read(parent, analysis, depth)
    if isinstance(parent, cst.Expr):
        return ResultUse()
    if isinstance(parent, cst.Return):
        return _follow_return(parent, analysis, depth)
    if isinstance(parent, (cst.ListComp, cst.GeneratorExp)) and parent.elt is node:
        return _follow_container(parent, analysis, depth)
    gather = gathered_by(node, analysis)
    if gather is not None:
        return _follow_gather(gather, analysis, depth)
    waited = waited_for(node, analysis)
    if waited is not None:
        return _follow_value(waited, analysis, depth)
    stored = self_attribute_target(parent, node, analysis)
    if stored is not None:
        return _follow_attribute(stored, analysis)
    if isinstance(parent, cst.Arg) and parent.value is node:
        return _follow_argument(parent, analysis, depth)
    unpacked = unpacked_names(parent, node)
    if unpacked:
        return ResultUse(problem="the response is unpacked", problem_node=value)
    target = single_name_target(parent, node)
    if target is None and handed_on(parent, node, analysis):
        what = f"the response is {describe(parent)}"
        return ResultUse(handed_on=[HandedOn(value, what, what)])
    if target is None:
        return ResultUse(problem=f"the response is {describe(parent)}", problem_node=value)
    return _follow_name(target, parent, analysis, depth)


_DUMPS = ("model_dump", "to_dict", "dict")


def _attribute_read(read: cst.Attribute, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """``response.completion``, or ``response.model_dump()`` and what is read of the dict."""
    call = analysis.parent(read)
    if read.attr.value in _DUMPS and isinstance(call, cst.Call) and call.func is read:
        if any(arg.keyword is None for arg in call.args) or any(
            arg.keyword is not None and arg.keyword.value in ("include", "exclude", "by_alias")
            for arg in call.args
        ):
            return ResultUse(
                problem=f"the response is dumped with `{read.attr.value}(...)` arguments that "
                "change its keys",
                problem_node=call,
            )
        return follow_mapping(call, analysis, depth)
    return ResultUse(reads=[read])


def _follow_gather(gather: cst.Call, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """``await asyncio.gather(*[create(...) for ...])``: a list of responses, if all are."""
    linked: list[cst.Call] = []
    for arg in gather.args:
        if arg.keyword is not None:
            continue  # return_exceptions=...
        calls = response_source(arg.value, analysis)
        if calls is None or (arg.star == "*") != isinstance(
            arg.value, (cst.ListComp, cst.GeneratorExp)
        ):
            return ResultUse(
                problem="the response is gathered with results of other calls",
                problem_node=arg,
            )
        linked.extend(calls)
    awaited = analysis.parent(gather)
    if not isinstance(awaited, cst.Await):
        return ResultUse(problem="the gathered responses are not awaited here", problem_node=gather)
    result = _follow_container(awaited, analysis, depth)
    if result.problem is None:
        result.linked.extend(linked)
    return result


def _follow_container(value: cst.BaseExpression, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """The reads of the responses in a list of them (a comprehension, gathered results)."""
    parent = analysis.parent(value)
    if isinstance(parent, cst.Arg) and parent.star == "*" and parent.value is value:
        gather = analysis.parent(parent)
        if isinstance(gather, cst.Call) and is_gather(gather, analysis):
            return _follow_gather(gather, analysis, depth)
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is value:
        return _follow_element_target(parent.target, analysis, depth)
    names = unpacked_names(parent, value)
    if names:
        result = ResultUse()
        for name in names:
            if not result.extend(_follow_name(name, parent, analysis, depth)):
                return result
        return result
    target = single_name_target(parent, value)
    if target is None:
        return ResultUse(problem=f"the list of responses is {describe(parent)}", problem_node=value)
    found = analysis.lookup(target.value, analysis.scope_of[target])
    assert found is not None
    if len(found[1]) != 1:
        return ResultUse(
            problem=f"the list of responses `{target.value}` is assigned more than once",
            problem_node=target,
        )
    result = ResultUse()
    for use in analysis.uses_of(target.value, found[0]):
        if use is target:
            continue
        if not result.extend(_follow_element_use(use, target.value, analysis, depth)):
            return result
    return result


def _follow_element_use(
    use: cst.Name, name: str, analysis: ModuleAnalysis, depth: int
) -> ResultUse:
    """One use of a variable holding a list of responses."""
    parent = analysis.parent(use)
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is use:
        return _follow_element_target(parent.target, analysis, depth)
    if (
        isinstance(parent, cst.Subscript)
        and parent.value is use
        and len(parent.slice) == 1
        and isinstance(parent.slice[0].slice, cst.Index)
        and not isinstance(analysis.parent(parent), (cst.AssignTarget, cst.Del))
    ):
        return _follow_value(parent, analysis, depth + 1)
    if isinstance(parent, cst.Arg) and parent.keyword is None and not parent.star:
        call = analysis.parent(parent)
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Name):
            if call.func.value == "len" and analysis.lookup("len", analysis.scope_of[use]) is None:
                return ResultUse()
            if (
                call.func.value in ("zip", "enumerate")
                and analysis.lookup(call.func.value, analysis.scope_of[use]) is None
            ):
                return _follow_zipped(call, parent, analysis, depth)
    return ResultUse(
        problem=f"the list of responses `{name}` is {describe(parent)}", problem_node=use
    )


def _follow_zipped(call: cst.Call, arg: cst.Arg, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """``for question, response in zip(questions, responses)`` (or ``enumerate``)."""
    problem = ResultUse(
        problem="the list of responses is zipped in a way the tool does not follow",
        problem_node=call,
    )
    loop = analysis.parent(call)
    if not (isinstance(loop, (cst.For, cst.CompFor)) and loop.iter is call):
        return problem
    if not isinstance(loop.target, (cst.Tuple, cst.List)):
        return problem
    position = call.args.index(arg) + (1 if call.func.value == "enumerate" else 0)  # type: ignore[attr-defined]
    if any(a.star or a.keyword is not None for a in call.args):
        return problem
    elements = loop.target.elements
    if len(elements) != len(call.args) + (1 if call.func.value == "enumerate" else 0):  # type: ignore[attr-defined]
        return problem
    return _follow_element_target(elements[position].value, analysis, depth)


def _follow_element_target(
    target: cst.BaseExpression, analysis: ModuleAnalysis, depth: int
) -> ResultUse:
    """The loop (or comprehension) variable that takes each response in turn."""
    if not isinstance(target, cst.Name):
        return ResultUse(problem="the responses are unpacked by a loop", problem_node=target)
    return _follow_name(target, target, analysis, depth)


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
    for node, where in analysis.nodes_of(cst.Attribute):
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
        if (
            isinstance(read, cst.Attribute)
            and read.value is node
            and not written(read, analysis.parent(read))
        ):
            result.reads.append(read)
            continue
        if isinstance(read, cst.AssignTarget) or none_test(read, node):
            continue
        if isinstance(read, cst.Attribute) and read.value is node:
            return ResultUse(
                problem=f"`self.{name}.{read.attr.value}` is assigned or deleted, and a "
                "Messages response is not changed the same way",
                problem_node=node,
            )
        return ResultUse(
            problem=f"the response stored on `self.{name}` is {describe(read)}",
            problem_node=node,
        )
    return result


def _follow_return(statement: cst.Return, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """A response returned by a function: followed into its callers in this module.

    A function bound once (module level or nested), or a method only ever
    called on ``self`` in its own class; sync or async (``await f(...)`` gives
    what ``f`` returns). Every other ``return`` of the function must give a
    response of a legacy call too (or None), and those calls migrate with it.
    """
    function = enclosing_function(statement, analysis)
    # Callers the tool cannot all see get the response in the shape they read.
    problem = ResultUse(adapted=[statement])
    if function is None or depth >= MAX_DEPTH:
        return problem
    scope = analysis.scope_of.get(function)
    if scope is None:
        return problem
    name = function.name.value
    found = analysis.lookup(name, scope)
    if scope.kind != "class" and (
        found is None or len(found[1]) != 1 or found[1][0].node is not function
    ):
        return problem  # a name bound more than once: callers unknown
    if scope.kind != "class":
        assert found is not None
        for use in analysis.uses_of(name, found[0]):
            call = analysis.parent(use)
            if not (isinstance(call, cst.Call) and call.func is use):
                return problem  # used as a value: its callers cannot be followed
    calls = callers_of(function, analysis)
    if not calls:
        return problem  # nothing here calls it, or a method used other than on `self`
    result = ResultUse(returned_by=[function])
    for other in returned_values(function, analysis):
        if other is None or other is statement.value or built_by_hand(other, analysis):
            continue
        responses = responses_in(other, analysis, depth + 1)
        if responses is None:
            # It also returns something else that its callers read as a completion.
            return problem
        result.linked.extend(responses)
    for call in calls:
        followed = _follow_value(call, analysis, depth + 1)
        if not result.extend(followed) or not _converted(followed):
            # A caller reads it in a way the tool does not convert: the callers get the
            # response in the shape they read, as callers the tool cannot see do.
            return problem
    return result


# What the tool converts of a response a caller reads: the text, how it ended, and the
# fields a Message keeps as they were.
_CONVERTED = frozenset({"completion", "stop", "stop_reason", "model", "id"})


def _converted(use: ResultUse) -> bool:
    return all(read.attr.value in _CONVERTED for read in use.reads) and all(
        read.key in _CONVERTED for read in use.key_reads
    )


def _follow_argument(arg: cst.Arg, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """A response passed to a function of this module: followed into its parameter."""
    what = "the response is passed to another call"
    problem = ResultUse(problem=what, problem_node=arg)
    if handed_on(arg, arg.value, analysis):
        # Unless it is followed into the function below, it is handed on.
        problem = ResultUse(handed_on=[HandedOn(arg, what, what)])
    callee = _callee(arg, analysis) if depth < MAX_DEPTH else None
    call = analysis.parent(arg)
    if callee is None or not isinstance(call, cst.Call):
        return problem
    function, calls = callee
    method = isinstance(call.func, cst.Attribute) and not is_static(function)
    param = _parameter(function, call, arg, method)
    if param is None:
        return problem
    name = function.name.value
    result = ResultUse()
    for other in calls:
        passed = _argument(function, other, param, method)
        responses = responses_in(passed.value, analysis) if passed is not None else None
        if responses is None:
            reason = (
                f"the response is passed to `{name}` as `{param.name.value}` from "
                f"`{_short(passed.value)}`, which the tool does not read as a response"
                if other is call and passed is not None
                else f"the response is passed to `{name}`, which is also called with "
                f"something else as `{param.name.value}`"
            )
            if problem.handed_on:  # the function is not followed: the response is handed on
                return ResultUse(handed_on=[HandedOn(other, reason, reason)])
            return ResultUse(problem=reason, problem_node=other)
        result.linked.extend(responses)
    if not result.extend(_follow_name(param.name, param, analysis, depth + 1)):
        return result
    result.passed_to.append(function)
    return result


def _comprehension_of(target: cst.Name, analysis: ModuleAnalysis) -> cst.CSTNode | None:
    """The comprehension whose ``for`` binds ``target``, or None."""
    clause = analysis.parent(target)
    if not (isinstance(clause, cst.CompFor) and clause.target is target):
        return None
    holder = analysis.parent(clause)
    while isinstance(holder, cst.CompFor):
        holder = analysis.parent(holder)
    return holder


def _follow_name(
    target: cst.Name, statement: cst.CSTNode, analysis: ModuleAnalysis, depth: int
) -> ResultUse:
    scope = analysis.scope_of[target]
    found = analysis.lookup(target.value, scope)
    assert found is not None
    owner, bindings = found
    result = ResultUse()
    uses: Iterable[cst.Name] = analysis.uses_of(target.value, owner)
    inside = _comprehension_of(target, analysis)
    if inside is not None and len(bindings) != 1:
        # A comprehension's variable is its own (Python 3): only the reads inside it.
        mine = [
            b
            for b in bindings
            if b.statement is not None and inside in analysis.ancestors(b.statement)
        ]
        if len(mine) != 1:
            return ResultUse(
                problem=f"the response variable `{target.value}` is assigned more than once",
                problem_node=target,
            )
        bindings = mine
        uses = [use for use in uses if inside in analysis.ancestors(use)]
    own = binding_at(analysis, target) if len(bindings) != 1 else None
    group = entangled(analysis, target) if len(bindings) != 1 and own is None else None
    if own is not None:
        bindings, uses = [own[1]], own[2]  # this binding's reads, whatever the others hold
    elif group is not None and len(group[0]) == 1:
        bindings, uses = group[0], group[1]
    elif len(bindings) != 1:
        if group is not None:  # only the bindings that meet this one at some read
            bindings, uses = group
        linked = rebound_responses(target.value, bindings, analysis)
        if linked is None:
            return ResultUse(
                problem=f"the response variable `{target.value}` is assigned more than once",
                problem_node=target,
            )
        result.linked.extend(linked)
    for use in uses:
        if use is target:
            continue
        parent = analysis.parent(use)
        grandparent = analysis.parent(parent) if parent is not None else None
        if len(bindings) > 1 and is_store(analysis, use):
            continue  # one of the rebindings checked above
        if (
            isinstance(parent, cst.Attribute)
            and parent.value is use
            and not written(parent, grandparent)
        ):
            if not result.extend(_attribute_read(parent, analysis, depth)):
                return result
            continue
        if isinstance(parent, cst.Attribute) and parent.value is use:
            return ResultUse(
                problem=f"`{target.value}.{parent.attr.value}` is assigned or deleted, and a "
                "Messages response is not changed the same way",
                problem_node=use,
            )
        if type_check(parent, use, analysis):
            result.type_checks.append(use)
            continue  # isinstance(response, ...) reads nothing of it
        if none_test(parent, use):
            continue
        if isinstance(parent, cst.Return):
            if not result.extend(_follow_return(parent, analysis, depth)):
                return result
            continue
        if isinstance(parent, cst.Arg) and parent.value is use and _callee(parent, analysis):
            if not result.extend(_follow_argument(parent, analysis, depth)):
                return result
            continue
        shown = _shown(parent, analysis)
        if shown is not None:
            return ResultUse(
                problem=f"the response `{target.value}` is passed to `{shown}` whole, and a "
                "Message prints unlike a Completion: print or log its text instead",
                problem_node=use,
            )
        if handed_on(parent, use, analysis):
            what = f"the response `{target.value}` is {describe(parent)}"
            reason = f"{what}; reads of it elsewhere are not followed"
            result.handed_on.append(HandedOn(use, what, reason))
            continue
        return ResultUse(
            problem=f"the response `{target.value}` is {describe(parent)}; "
            "reads of it elsewhere are not followed",
            problem_node=use,
        )
    return result


def _short(node: cst.CSTNode) -> str:
    """``node``'s code on one line, its arguments elided when it is long."""
    code = " ".join(code_of(node).split())
    if len(code) > 40 and isinstance(node, cst.Call):
        return f"{' '.join(code_of(node.func).split())}(...)"
    return code
