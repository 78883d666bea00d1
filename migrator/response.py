"""Where the value returned by a legacy call is read.

Messages returns a different object, so every read of the result must be
found before the call may change. :func:`follow` answers with the attribute
reads of the result (chained on the call, or on the one variable it is
assigned to) or with the reason the result cannot be followed.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis import ModuleAnalysis, Scope
from migrator.flow import binding_at, entangled, is_store
from migrator.syntax import fill, string_value

TEXT_TEMPLATE = '"".join(block.text for block in __response__.content if block.type == "text")'
# The same, for a response as a dict (dumped, or a raw HTTP answer).
DICT_TEXT_TEMPLATE = (
    '"".join(block["text"] for block in __data__["content"] if block["type"] == "text")'
)


@dataclass(frozen=True)
class KeyRead:
    """``data["completion"]`` or ``data.get("completion")`` of a dumped response."""

    node: cst.BaseExpression  # the Subscript or the ``.get`` Call
    key: str
    mapping: cst.BaseExpression  # ``data``


@dataclass(frozen=True)
class HandedOn:
    """A use that hands the response to code the tool does not follow: an argument of a
    call it cannot follow into, an element of a list, tuple or dict display."""

    node: cst.CSTNode
    what: str  # "the response `reply` is passed to another call"
    # The manual reason when nothing stands in for the legacy response there.
    reason: str
    # The keys a membership test asks the response's dict for (``"completion" in reply``).
    keys: tuple[str, ...] = ()


@dataclass
class ResultUse:
    reads: list[cst.Attribute] = field(default_factory=list)
    key_reads: list[KeyRead] = field(default_factory=list)
    problem: str | None = None
    problem_node: cst.CSTNode | None = None
    # Functions that now return a Messages response to callers the tool may not see.
    returned_by: list[cst.FunctionDef] = field(default_factory=list)
    # Other legacy calls whose responses reach the same reads: all migrate, or none.
    linked: list[cst.Call] = field(default_factory=list)
    # Functions that now take a Messages response from callers the tool may not see.
    passed_to: list[cst.FunctionDef] = field(default_factory=list)
    # ``return`` statements that hand the response to callers the tool cannot see:
    # they return it in the legacy shape (the runtime module's adapter).
    adapted: list[cst.Return] = field(default_factory=list)
    # Uses that hand the response on (with ``hand_on``; otherwise each is a problem).
    handed_on: list[HandedOn] = field(default_factory=list)
    # ``isinstance(response, ...)``: harmless for a Message, not for an adapter.
    type_checks: list[cst.CSTNode] = field(default_factory=list)

    def extend(self, other: ResultUse) -> bool:
        """Take ``other``'s reads; False (and its problem) when it has one."""
        if other.problem is not None:
            self.problem, self.problem_node = other.problem, other.problem_node
            return False
        self.reads.extend(other.reads)
        self.key_reads.extend(other.key_reads)
        self.returned_by.extend(other.returned_by)
        self.linked.extend(other.linked)
        self.passed_to.extend(other.passed_to)
        self.adapted.extend(other.adapted)
        self.handed_on.extend(other.handed_on)
        self.type_checks.extend(other.type_checks)
        return True

    def without_handing_on(self) -> ResultUse:
        """The same, with the first use that hands the response on as its problem."""
        if self.problem is None and self.handed_on:
            first = self.handed_on[0]
            self.problem, self.problem_node = first.reason, first.node
        return self


_MAX_DEPTH = 4
# The legacy response class; one built by hand is the completion_type rule's to rebuild.
COMPLETION_CLASSES = {"anthropic.types.Completion", "anthropic.types.completion.Completion"}


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
    gather = _gathered_by(node, analysis)
    if gather is not None:
        return _follow_gather(gather, analysis, depth)
    waited = _waited_for(node, analysis)
    if waited is not None:
        return _follow_value(waited, analysis, depth)
    stored = _self_attribute_target(parent, node, analysis)
    if stored is not None:
        return _follow_attribute(stored, analysis)
    if isinstance(parent, cst.Arg) and parent.value is node:
        return _follow_argument(parent, analysis, depth)
    unpacked = _unpacked_names(parent, node)
    if unpacked:
        return ResultUse(problem="the response is unpacked", problem_node=value)
    target = _single_name_target(parent, node)
    if target is None and handed_on(parent, node, analysis):
        what = f"the response is {_describe(parent)}"
        return ResultUse(handed_on=[HandedOn(value, what, what)])
    if target is None:
        return ResultUse(problem=f"the response is {_describe(parent)}", problem_node=value)
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
        return _follow_mapping(call, analysis, depth)
    return ResultUse(reads=[read])


def key_read(node: cst.BaseExpression, analysis: ModuleAnalysis) -> KeyRead | None:
    """``node["key"]`` or ``node.get("key"[, default])``, read (not assigned)."""
    parent = analysis.parent(node)
    if (
        isinstance(parent, cst.Subscript)
        and parent.value is node
        and len(parent.slice) == 1
        and isinstance(parent.slice[0].slice, cst.Index)
    ):
        key = string_value(parent.slice[0].slice.value)
        holder = analysis.parent(parent)
        assigned = isinstance(holder, cst.AssignTarget) or (
            isinstance(holder, (cst.AugAssign, cst.AnnAssign, cst.Del)) and holder.target is parent
        )
        return KeyRead(parent, key, node) if key is not None and not assigned else None
    call = analysis.parent(parent) if isinstance(parent, cst.Attribute) else None
    if (
        isinstance(parent, cst.Attribute)
        and parent.value is node
        and parent.attr.value == "get"
        and isinstance(call, cst.Call)
        and call.func is parent
        and 1 <= len(call.args) <= 2
        and all(arg.keyword is None and not arg.star for arg in call.args)
    ):
        key = string_value(call.args[0].value)
        return KeyRead(call, key, node) if key is not None else None
    return None


def follow_dict(call: cst.Call, analysis: ModuleAnalysis, *, hand_on: bool = False) -> ResultUse:
    """The key reads of a response that is a dict (the pre-0.3 SDK's), chained or through
    one variable; ``hand_on`` as for :func:`follow`.

    Unlike a dumped response, a type check of it is a problem: the Messages
    response that takes its place is no dict.
    """
    node: cst.BaseExpression = call
    parent = analysis.parent(call)
    if isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, cst.Expr):
        return ResultUse()
    use = _follow_mapping(node, analysis, 0, dumped=False)
    return use if hand_on else use.without_handing_on()


def _follow_mapping(
    value: cst.BaseExpression, analysis: ModuleAnalysis, depth: int, *, dumped: bool = True
) -> ResultUse:
    """The key reads of a dict dumped from a response: chained, or through one variable."""
    read = key_read(value, analysis)
    if read is not None:
        return ResultUse(key_reads=[read])
    parent = analysis.parent(value)
    if isinstance(parent, cst.Return) and not dumped:
        return ResultUse(adapted=[parent])  # callers read the dict as they did
    target = _single_name_target(parent, value)
    if target is None and not dumped and handed_on(parent, value, analysis):
        what = f"the response's dict is {_describe(parent)}"
        return ResultUse(handed_on=[HandedOn(value, what, what)])
    if target is None:
        return ResultUse(problem=f"the response's dict is {_describe(parent)}", problem_node=value)
    found = binding_at(analysis, target)
    if found is None:
        return ResultUse(
            problem=f"the variable `{target.value}` holding the response's dict is assigned "
            "more than once",
            problem_node=target,
        )
    result = ResultUse()
    for use in found[2]:
        read = key_read(use, analysis)
        if read is not None:
            result.key_reads.append(read)
            continue
        if none_test(analysis.parent(use), use) or (
            dumped and _type_check(analysis.parent(use), use, analysis)
        ):
            continue
        if isinstance(analysis.parent(use), cst.Return) and not dumped:
            result.adapted.append(analysis.parent(use))  # type: ignore[arg-type]
            continue
        if not dumped and handed_on(analysis.parent(use), use, analysis):
            what = f"the response's dict `{target.value}` is {_describe(analysis.parent(use))}"
            result.handed_on.append(HandedOn(use, what, what))
            continue
        keys = None if dumped else tested_keys(use, analysis)
        if keys is not None:
            what = f"the response's dict `{target.value}` is tested for its keys"
            reason = f"{what}, and a Messages response is no dict"
            result.handed_on.append(HandedOn(use, what, reason, keys))
            continue
        if _type_check(analysis.parent(use), use, analysis):
            return ResultUse(
                problem=f"the response `{target.value}` is type-checked, and a Messages "
                "response is not the dict it was",
                problem_node=use,
            )
        return ResultUse(
            problem=f"the response's dict `{target.value}` is {_describe(analysis.parent(use))}",
            problem_node=use,
        )
    return result


def _gathered_by(node: cst.CSTNode, analysis: ModuleAnalysis) -> cst.Call | None:
    """The ``asyncio.gather(...)`` call that ``node`` is a positional argument of."""
    arg = analysis.parent(node)
    if not (isinstance(arg, cst.Arg) and arg.value is node and arg.keyword is None):
        return None
    call = analysis.parent(arg)
    if isinstance(call, cst.Call) and _is_gather(call, analysis):
        return call
    return None


def _waited_for(node: cst.CSTNode, analysis: ModuleAnalysis) -> cst.Call | None:
    """The awaited ``asyncio.wait_for(<node>, timeout)`` call, whose value is ``node``'s."""
    arg = analysis.parent(node)
    if not (isinstance(arg, cst.Arg) and arg.value is node and not arg.star):
        return None
    call = analysis.parent(arg)
    if not (isinstance(call, cst.Call) and _is_asyncio(call, "wait_for", analysis)):
        return None
    first = arg is call.args[0] and arg.keyword is None
    if not (first or (arg.keyword is not None and arg.keyword.value == "fut")):
        return None
    return call if isinstance(analysis.parent(call), cst.Await) else None


def _is_gather(call: cst.Call, analysis: ModuleAnalysis) -> bool:
    return _is_asyncio(call, "gather", analysis)


def _is_asyncio(call: cst.Call, name: str, analysis: ModuleAnalysis) -> bool:
    """Is ``call`` a call of ``asyncio.<name>``, however it is imported?"""
    scope = analysis.scope_of.get(call)
    if scope is None:
        return False
    func = call.func
    if isinstance(func, cst.Attribute):
        return analysis.qualified_name(func, scope) == f"asyncio.{name}"
    if isinstance(func, cst.Name) and func.value == name:
        found = analysis.lookup(name, scope)
        return found is not None and all(
            isinstance(binding.node, cst.ImportFrom)
            and binding.node.module is not None
            and not binding.node.relative
            and analysis.module.code_for_node(binding.node.module) == "asyncio"
            and _imports_as_itself(binding.node, name)
            for binding in found[1]
        )
    return False


def _imports_as_itself(node: cst.ImportFrom, name: str) -> bool:
    """``from asyncio import name`` (not ``from asyncio import other as name``)."""
    if isinstance(node.names, cst.ImportStar):
        return False
    return any(
        isinstance(alias.name, cst.Name)
        and alias.name.value == name
        and (alias.asname is None or _as_name(alias.asname) == name)
        for alias in node.names
    )


def _as_name(asname: cst.AsName) -> str | None:
    return asname.name.value if isinstance(asname.name, cst.Name) else None


def _legacy_calls(analysis: ModuleAnalysis) -> dict[cst.Call, None]:
    return {site.call: None for site in analysis.calls}


def _response_source(node: cst.BaseExpression, analysis: ModuleAnalysis) -> list[cst.Call] | None:
    """The legacy calls whose responses ``node`` holds, or None when it holds anything else.

    ``node`` is a legacy call (awaited or not) or a comprehension of one.
    """
    if isinstance(node, (cst.ListComp, cst.GeneratorExp)):
        node = node.elt
    if isinstance(node, cst.Await):
        node = node.expression
    if node in _legacy_calls(analysis):
        return [node]  # type: ignore[list-item]
    if isinstance(node, cst.Call):
        return _returned_responses(node, analysis)
    return None


def _returned_responses(
    call: cst.Call, analysis: ModuleAnalysis, depth: int = 0
) -> list[cst.Call] | None:
    """The legacy calls whose responses ``call`` (of a function of this module, every
    call of which is known) returns; None when it may return anything else."""
    called = _called_function(call, analysis)
    if called is None or depth >= _MAX_DEPTH:
        return None
    returns = _returned_values(called[0], analysis)
    linked: list[cst.Call] = []
    for value in returns:
        if value is None:
            continue
        inner = _responses_in(value, analysis, depth + 1)
        if inner is None:
            return None
        linked.extend(inner)
    return linked or None


def _built_by_hand(value: cst.BaseExpression, analysis: ModuleAnalysis) -> bool:
    """``Completion(...)`` (or ``Completion.model_construct(...)``), a fallback response."""
    if not isinstance(value, cst.Call):
        return False
    func = value.func
    if isinstance(func, cst.Attribute) and func.attr.value in ("model_construct", "construct"):
        func = func.value
    scope = analysis.scope_of.get(value)
    return scope is not None and analysis.qualified_name(func, scope) in COMPLETION_CLASSES


def _returned_values(
    function: cst.FunctionDef, analysis: ModuleAnalysis
) -> list[cst.BaseExpression | None]:
    """What each ``return`` of ``function`` (not of functions nested in it) returns;
    None for a bare ``return`` or ``return None``."""
    values: list[cst.BaseExpression | None] = []
    for node in analysis.scope_of:
        if isinstance(node, cst.Return) and _enclosing_function(node, analysis) is function:
            value = node.value
            if isinstance(value, cst.Name) and value.value == "None":
                value = None
            values.append(value)
    return values


def _follow_gather(gather: cst.Call, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """``await asyncio.gather(*[create(...) for ...])``: a list of responses, if all are."""
    linked: list[cst.Call] = []
    for arg in gather.args:
        if arg.keyword is not None:
            continue  # return_exceptions=...
        calls = _response_source(arg.value, analysis)
        if calls is None or (arg.star == "*") != isinstance(
            arg.value, (cst.ListComp, cst.GeneratorExp)
        ):
            return ResultUse(
                problem="the response is gathered with results of other calls",
                problem_node=arg,
            )
        linked.extend(calls)
    if any(
        arg.keyword is not None and arg.keyword.value == "return_exceptions" for arg in gather.args
    ):
        return ResultUse(
            problem="the gathered responses may be exceptions (`return_exceptions=`)",
            problem_node=gather,
        )
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
        if isinstance(gather, cst.Call) and _is_gather(gather, analysis):
            return _follow_gather(gather, analysis, depth)
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is value:
        return _follow_element_target(parent.target, analysis, depth)
    names = _unpacked_names(parent, value)
    if names:
        result = ResultUse()
        for name in names:
            if not result.extend(_follow_name(name, parent, analysis, depth)):
                return result
        return result
    target = _single_name_target(parent, value)
    if target is None:
        return ResultUse(
            problem=f"the list of responses is {_describe(parent)}", problem_node=value
        )
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
        problem=f"the list of responses `{name}` is {_describe(parent)}", problem_node=use
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


def _unpacked_names(parent: cst.CSTNode | None, node: cst.CSTNode) -> list[cst.Name]:
    """``a, b = <node>``: the names, when every target is a plain name."""
    if not (isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1):
        return []
    target = parent.targets[0].target
    if not isinstance(target, (cst.Tuple, cst.List)):
        return []
    names = [element.value for element in target.elements]
    if all(isinstance(name, cst.Name) for name in names) and not any(
        isinstance(element, cst.StarredElement) for element in target.elements
    ):
        return names  # type: ignore[return-value]
    return []


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
            problem=f"the response stored on `self.{name}` is {_describe(read)}",
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
    function = _enclosing_function(statement, analysis)
    # Callers the tool cannot all see get the response in the shape they read.
    problem = ResultUse(adapted=[statement])
    if function is None or depth >= _MAX_DEPTH:
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
    calls = _callers(function, analysis)
    if not calls:
        return problem  # nothing here calls it, or a method used other than on `self`
    result = ResultUse(returned_by=[function])
    for other in _returned_values(function, analysis):
        if other is None or other is statement.value or _built_by_hand(other, analysis):
            continue
        responses = _responses_in(other, analysis, depth + 1)
        if responses is None:
            # It also returns something else that its callers read as a completion.
            return problem
        result.linked.extend(responses)
    for call in calls:
        if not result.extend(_follow_value(call, analysis, depth + 1)):
            return result
    return result


def _callee(
    arg: cst.Arg, analysis: ModuleAnalysis
) -> tuple[cst.FunctionDef, list[cst.Call]] | None:
    """The function of this module that ``arg`` is passed to, and every call of it.

    A function bound once (module level or nested), or a method called on
    ``self`` from its own class; None when the function, or any of its
    callers, cannot be known.
    """
    call = analysis.parent(arg)
    if not isinstance(call, cst.Call) or arg not in call.args:
        return None
    return _called_function(call, analysis)


def _called_function(
    call: cst.Call, analysis: ModuleAnalysis
) -> tuple[cst.FunctionDef, list[cst.Call]] | None:
    """The function of this module that ``call`` calls, and every call of it; see
    :func:`_callee`."""
    scope = analysis.scope_of.get(call)
    if scope is None:
        return None
    func = call.func
    function: cst.CSTNode | None = None
    if isinstance(func, cst.Name):
        found = analysis.lookup(func.value, scope)
        if found is not None and len(found[1]) == 1 and found[0].kind != "class":
            function = found[1][0].node
    elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        method = _method_scope(scope)
        if method.self_name == func.value.value and method.class_scope is not None:
            bindings = method.class_scope.bindings.get(func.attr.value, [])
            function = bindings[0].node if len(bindings) == 1 else None
    if not isinstance(function, cst.FunctionDef):
        return None
    calls = _callers(function, analysis)
    return (function, calls) if calls is not None and call in calls else None


def _method_scope(scope: Scope) -> Scope:
    while scope.kind not in ("function", "module") and scope.parent is not None:
        scope = scope.parent
    return scope


def _callers(function: cst.FunctionDef, analysis: ModuleAnalysis) -> list[cst.Call] | None:
    """Every call of ``function`` in this module; None when it may be called elsewhere."""
    scope = analysis.scope_of[function]
    name = function.name.value
    found = analysis.lookup(name, scope)
    if found is None or len(found[1]) != 1 or found[1][0].node is not function:
        return None
    calls = []
    if scope.kind != "class":
        for use in analysis.uses_of(name, found[0]):
            user = analysis.parent(use)
            if not (isinstance(user, cst.Call) and user.func is use):
                return None  # used as a value: called from places the tool cannot see
            calls.append(user)
        return calls
    for node, where in analysis.nodes_of(cst.Attribute):
        if not (isinstance(node, cst.Attribute) and node.attr.value == name):
            continue
        method = _method_scope(where)
        user = analysis.parent(node)
        if (
            method.class_scope is not scope
            or not isinstance(node.value, cst.Name)
            or method.self_name != node.value.value
            or not (isinstance(user, cst.Call) and user.func is node)
        ):
            return None  # read elsewhere: callers the tool cannot see
        calls.append(user)
    return calls


def _parameter(
    function: cst.FunctionDef, call: cst.Call, arg: cst.Arg, method: bool
) -> cst.Param | None:
    """The parameter that ``arg`` of ``call`` binds."""
    params = function.params
    if params.star_kwarg is not None or isinstance(params.star_arg, cst.Param):
        return None
    positional = [*params.posonly_params, *params.params][1 if method else 0 :]
    if any(a.star for a in call.args):
        return None
    if arg.keyword is not None:
        for param in [*params.params, *params.kwonly_params]:
            if param.name.value == arg.keyword.value:
                return param
        return None
    index = [a for a in call.args if a.keyword is None].index(arg)
    return positional[index] if index < len(positional) else None


def _argument(
    function: cst.FunctionDef, call: cst.Call, param: cst.Param, method: bool
) -> cst.Arg | None:
    for arg in call.args:
        if _parameter(function, call, arg, method) is param:
            return arg
    return None


def _responses_in(
    value: cst.BaseExpression, analysis: ModuleAnalysis, depth: int = 0
) -> list[cst.Call] | None:
    """The legacy calls whose response ``value`` is, when it can be nothing else."""
    if isinstance(value, cst.Await):
        value = value.expression
    if value in _legacy_calls(analysis):
        return [value]  # type: ignore[list-item]
    if not isinstance(value, cst.Name):
        return None
    found = analysis.lookup(value.value, analysis.scope_of[value])
    if found is None:
        return None
    bindings = found[1]
    if len(bindings) == 1 and bindings[0].kind == "param" and depth < _MAX_DEPTH:
        # A parameter: a response when every caller passes one.
        param = bindings[0].node
        function = next(
            (a for a in analysis.ancestors(param) if isinstance(a, (cst.FunctionDef, cst.Lambda))),
            None,
        )
        if not isinstance(function, cst.FunctionDef) or not isinstance(param, cst.Param):
            return None
        calls = _callers(function, analysis)
        if not calls:
            return None
        method = analysis.scope_of[function].kind == "class"
        linked: list[cst.Call] = []
        for call in calls:
            passed = _argument(function, call, param, method)
            inner = _responses_in(passed.value, analysis, depth + 1) if passed else None
            if inner is None:
                return None
            linked.extend(inner)
        return linked
    return _rebound_responses(value.value, bindings, analysis)


def _follow_argument(arg: cst.Arg, analysis: ModuleAnalysis, depth: int) -> ResultUse:
    """A response passed to a function of this module: followed into its parameter."""
    what = "the response is passed to another call"
    problem = ResultUse(problem=what, problem_node=arg)
    if handed_on(arg, arg.value, analysis):
        # Unless it is followed into the function below, it is handed on.
        problem = ResultUse(handed_on=[HandedOn(arg, what, what)])
    callee = _callee(arg, analysis) if depth < _MAX_DEPTH else None
    call = analysis.parent(arg)
    if callee is None or not isinstance(call, cst.Call):
        return problem
    function, calls = callee
    method = isinstance(call.func, cst.Attribute)
    param = _parameter(function, call, arg, method)
    if param is None:
        return problem
    name = function.name.value
    result = ResultUse()
    for other in calls:
        passed = _argument(function, other, param, method)
        responses = _responses_in(passed.value, analysis) if passed is not None else None
        if responses is None:
            reason = (
                f"the response is passed to `{name}`, which is also called with something "
                f"else as `{param.name.value}`"
            )
            if problem.handed_on:  # the function is not followed: the response is handed on
                return ResultUse(handed_on=[HandedOn(other, reason, reason)])
            return ResultUse(problem=reason, problem_node=other)
        result.linked.extend(responses)
    if not result.extend(_follow_name(param.name, param, analysis, depth + 1)):
        return result
    result.passed_to.append(function)
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
    result = ResultUse()
    uses: Iterable[cst.Name] = analysis.uses_of(target.value, owner)
    own = binding_at(analysis, target) if len(bindings) != 1 else None
    group = entangled(analysis, target) if len(bindings) != 1 and own is None else None
    if own is not None:
        bindings, uses = [own[1]], own[2]  # this binding's reads, whatever the others hold
    elif group is not None and len(group[0]) == 1:
        bindings, uses = group[0], group[1]
    elif len(bindings) != 1:
        if group is not None:  # only the bindings that meet this one at some read
            bindings, uses = group
        linked = _rebound_responses(target.value, bindings, analysis)
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
        if _type_check(parent, use, analysis):
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
            what = f"the response `{target.value}` is {_describe(parent)}"
            reason = f"{what}; reads of it elsewhere are not followed"
            result.handed_on.append(HandedOn(use, what, reason))
            continue
        return ResultUse(
            problem=f"the response `{target.value}` is {_describe(parent)}; "
            "reads of it elsewhere are not followed",
            problem_node=use,
        )
    return result


# The methods of a ``logging`` logger (or the module) that write their arguments.
_LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
)


def _shown(parent: cst.CSTNode | None, analysis: ModuleAnalysis) -> str | None:
    """``print``, ``pprint`` or ``logger.info`` when the response is their argument: the
    object itself is written out, in a form no rewrite of the call can keep."""
    call = analysis.parent(parent) if isinstance(parent, cst.Arg) else None
    if not isinstance(call, cst.Call):
        return None
    func = call.func
    if isinstance(func, cst.Name) and func.value in ("print", "pprint"):
        return func.value
    if isinstance(func, cst.Attribute) and func.attr.value in _LOG_METHODS:
        return analysis.module.code_for_node(func)
    return None


# Methods that show, serialise or take apart what they are given: an adapter in the legacy
# shape would not stand in for a response there (it prints, dumps and iterates otherwise).
_WHOLE_READING_METHODS = _LOG_METHODS | {
    "print",
    "pprint",
    "pformat",
    "write",
    "echo",
    "display",
    "format",
    "format_map",
    "dump",
    "dumps",
    "extend",
    "update",
    "join",
}
# Modules whose functions show, serialise or copy an object whole.
_WHOLE_READING_MODULES = frozenset(
    {"json", "pickle", "copy", "pprint", "yaml", "dataclasses", "logging", "rich", "builtins"}
)
_BUILTINS = frozenset(dir(builtins))


def handed_on(parent: cst.CSTNode | None, node: cst.CSTNode, analysis: ModuleAnalysis) -> bool:
    """Does ``parent`` hand ``node`` (a response) to code the tool does not follow, where
    it may be read only as the adapter in the legacy shape answers?

    An argument of a call of anything but a builtin (``str``, ``isinstance``, ``dict``,
    ``print``) or a function that shows, serialises or copies it (``logger.info``,
    ``json.dumps``, ``copy.deepcopy``); an element of a list, tuple or dict display that is
    assigned, returned or handed on itself; a value a generator yields to its consumers.
    """
    if isinstance(parent, cst.Arg):
        return parent.value is node and not parent.star and hands_on(parent, analysis)
    if isinstance(parent, cst.Yield):
        return parent.value is node
    if not (isinstance(parent, (cst.Element, cst.DictElement)) and parent.value is node):
        return False
    display = analysis.parent(parent)
    holder = analysis.parent(display) if display is not None else None
    while isinstance(holder, (cst.Element, cst.DictElement)) and holder.value is display:
        display = analysis.parent(holder)
        holder = analysis.parent(display) if display is not None else None
    if not isinstance(display, (cst.List, cst.Tuple, cst.Dict)):
        return False  # a set hashes it; a subscript or a call's star unpacks it
    if isinstance(holder, cst.Arg):
        return holder.value is display and not holder.star and hands_on(holder, analysis)
    return (
        isinstance(holder, (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return))
        and holder.value is display
    )


def hands_on(
    arg: cst.Arg, analysis: ModuleAnalysis, iterating: frozenset[str] = frozenset()
) -> bool:
    """``arg`` is given to a function or method that is neither a builtin (but those named
    in ``iterating``) nor one that shows, serialises or copies what it is given."""
    call = analysis.parent(arg)
    scope = analysis.scope_of.get(call) if call is not None else None
    if not isinstance(call, cst.Call) or scope is None:
        return False
    func = call.func
    if isinstance(func, cst.Name):
        builtin = func.value in _BUILTINS and analysis.lookup(func.value, scope) is None
        return not builtin or func.value in iterating
    if isinstance(func, cst.Attribute):
        if func.attr.value in _WHOLE_READING_METHODS:
            return False
        qualified = analysis.qualified_name(func, scope) or ""
        return qualified.split(".")[0] not in _WHOLE_READING_MODULES
    return True


def _rebound_responses(
    name: str, bindings: list, analysis: ModuleAnalysis
) -> list[cst.Call] | None:  # type: ignore[type-arg]
    """The legacy calls a variable is assigned from, when each of its assignments is one
    (or ``None``, for "no response yet"); None when any assignment is something else."""
    calls = _legacy_calls(analysis)
    linked: list[cst.Call] = []
    for binding in bindings:
        value = binding.node
        if isinstance(binding.statement, (cst.For, cst.CompFor)):
            drawn = _drawn_from_responses(binding.statement, name, analysis)
            if drawn is None:
                return None
            linked.extend(drawn)
            continue
        if binding.kind != "assign" or not isinstance(binding.statement, cst.Assign):
            return None
        if isinstance(value, cst.Name) and value.value == "None":
            continue
        if isinstance(value, cst.Await):
            value = value.expression
        if value not in calls:
            return None
        linked.append(value)
    return linked


def _drawn_from_responses(
    loop: cst.For | cst.CompFor, name: str, analysis: ModuleAnalysis
) -> list[cst.Call] | None:
    """The legacy calls whose responses a loop gives ``name``, one by one; None when the
    loop gives it anything else."""
    source: cst.BaseExpression = loop.iter
    target = loop.target
    if isinstance(target, (cst.Tuple, cst.List)) and isinstance(source, cst.Call):
        func = source.func
        if not (isinstance(func, cst.Name) and func.value in ("zip", "enumerate")):
            return None
        offset = 1 if func.value == "enumerate" else 0
        names = [e.value.value if isinstance(e.value, cst.Name) else None for e in target.elements]
        if name not in names or names.index(name) < offset:
            return None
        position = names.index(name) - offset
        if position >= len(source.args) or source.args[position].star:
            return None
        source = source.args[position].value
    elif not (isinstance(target, cst.Name) and target.value == name):
        return None
    if isinstance(source, cst.Name):
        found = analysis.assigned_once(source.value, analysis.scope_of[source])
        if found is None:
            return None
        source = found[1]
    if isinstance(source, cst.Await) and isinstance(source.expression, cst.Call):
        gather = source.expression
        if not _is_gather(gather, analysis):
            return None
        calls: list[cst.Call] = []
        for arg in gather.args:
            if arg.keyword is not None:
                return None
            found_calls = _response_source(arg.value, analysis)
            if found_calls is None:
                return None
            calls.extend(found_calls)
        return calls
    if isinstance(source, (cst.ListComp, cst.GeneratorExp)):
        return _response_source(source, analysis)
    return None


def tested_keys(use: cst.CSTNode, analysis: ModuleAnalysis) -> tuple[str, ...] | None:
    """The keys ``"completion" in use`` (or ``not in``) asks for: a literal, or the name a
    comprehension draws from a literal tuple or list of them (``k for k in ("a", "b") if
    k in use``); None for any other use."""
    target = analysis.parent(use)
    comparison = analysis.parent(target)
    if not (
        isinstance(target, cst.ComparisonTarget)
        and target.comparator is use
        and isinstance(target.operator, (cst.In, cst.NotIn))
        and isinstance(comparison, cst.Comparison)
        and comparison.comparisons[0] is target
    ):
        return None
    key = comparison.left
    literal = string_value(key)
    if literal is not None:
        return (literal,)
    if not isinstance(key, cst.Name):
        return None
    holder: cst.CSTNode | None = comparison
    while holder is not None and not isinstance(holder, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(holder, cst.CompFor) and isinstance(holder.target, cst.Name):
            if holder.target.value == key.value:
                return _literal_strings(holder.iter)
        holder = analysis.parent(holder)
    return None


def _literal_strings(node: cst.BaseExpression) -> tuple[str, ...] | None:
    if not isinstance(node, (cst.Tuple, cst.List)):
        return None
    values = tuple(string_value(element.value) for element in node.elements)
    return None if any(value is None for value in values) else values  # type: ignore[return-value]


def written(attribute: cst.Attribute, holder: cst.CSTNode | None) -> bool:
    """Is ``attribute`` (``response.completion``) assigned or deleted by ``holder``,
    rather than read? ``out += response.completion`` reads it."""
    if isinstance(holder, cst.AssignTarget):
        return True
    return (
        isinstance(holder, (cst.AugAssign, cst.AnnAssign, cst.Del)) and holder.target is attribute
    )


def none_test(parent: cst.CSTNode | None, node: cst.CSTNode) -> bool:
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
    if isinstance(parent, cst.Yield):
        return "yielded to the generator's consumers"
    if isinstance(parent, cst.Lambda):
        return "captured by a lambda"
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


def dict_text_of(data: cst.BaseExpression) -> cst.BaseExpression:
    """The Messages equivalent of ``data["completion"]`` on a response as a dict."""
    return fill(DICT_TEXT_TEMPLATE, {"__data__": data})


def stop_sequence_attribute(updated: cst.CSTNode) -> cst.CSTNode:
    """Rewrite of ``<response>.stop``, the matched stop sequence: ``.stop_sequence``."""
    assert isinstance(updated, cst.Attribute)
    return updated.with_changes(attr=cst.Name("stop_sequence"))


def rekey(key: str) -> Callable[[cst.CSTNode], cst.CSTNode]:
    """Rewrite of a key read (``data["k"]``, ``data.get("k", ...)``) to read ``key``."""

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        if isinstance(updated, cst.Subscript):
            element = updated.slice[0]
            index = element.slice
            assert isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString)
            quote = index.value.quote
            new_index = index.with_changes(value=cst.SimpleString(f"{quote}{key}{quote}"))
            return updated.with_changes(slice=[element.with_changes(slice=new_index)])
        assert isinstance(updated, cst.Call)
        first = updated.args[0]
        assert isinstance(first.value, cst.SimpleString)
        quote = first.value.quote
        new_first = first.with_changes(value=cst.SimpleString(f"{quote}{key}{quote}"))
        return updated.with_changes(args=[new_first, *updated.args[1:]])

    return rewrite
