"""What one use of a legacy call's response is, and the record of them all.

:class:`ResultUse` gathers the reads of a response (or why it cannot be
followed); the predicates here say what a single use of it does: a read, a
write, a ``None`` test, a type check, or a hand-off to code the tool does not
follow.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis.names import ModuleAnalysis


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


def unpacked_names(parent: cst.CSTNode | None, node: cst.CSTNode) -> list[cst.Name]:
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


def self_attribute_target(
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


def single_name_target(parent: cst.CSTNode | None, node: cst.CSTNode) -> cst.Name | None:
    if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0].target
        return target if isinstance(target, cst.Name) else None
    if isinstance(parent, cst.AnnAssign) and parent.value is node:
        return parent.target if isinstance(parent.target, cst.Name) else None
    return None


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
    assigned, returned or handed on itself; a value stored into a container by subscript
    (``responses[question] = response``) or on another object (``job.response = r``); a
    value a generator yields to its consumers.
    """
    if isinstance(parent, cst.Arg):
        return parent.value is node and not parent.star and hands_on(parent, analysis)
    if isinstance(parent, cst.Yield):
        return parent.value is node
    if isinstance(parent, cst.Assign) and parent.value is node:
        return stored_by_subscript(parent) or stored_on_an_object(parent)
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


def type_check(parent: cst.CSTNode | None, use: cst.Name, analysis: ModuleAnalysis) -> bool:
    call = analysis.parent(parent) if isinstance(parent, cst.Arg) else None
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and call.func.value == "isinstance"
        and bool(call.args)
        and call.args[0] is parent
    )


def stored_by_subscript(assignment: cst.Assign) -> bool:
    """``responses[question] = response``: kept in a container, read wherever it goes."""
    return all(isinstance(target.target, cst.Subscript) for target in assignment.targets)


def stored_on_an_object(assignment: cst.Assign) -> bool:
    """``job.response = response`` on an object other than ``self`` / ``cls`` (whose
    attributes the class's own code reads): kept there, read wherever it goes."""
    return all(
        isinstance(target.target, cst.Attribute)
        and not (
            isinstance(target.target.value, cst.Name)
            and target.target.value.value in ("self", "cls")
        )
        for target in assignment.targets
    )


def describe(parent: cst.CSTNode | None) -> str:
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
    if isinstance(parent, cst.Assign) and stored_by_subscript(parent):
        return "stored in a container by subscript"
    if isinstance(parent, cst.Assign) and stored_on_an_object(parent):
        return "stored on an object"
    if isinstance(parent, cst.AssignTarget) or isinstance(parent, cst.Assign):
        return "assigned to something the tool does not follow"
    if isinstance(parent, cst.For):
        return "iterated (a stream)"
    if isinstance(parent, cst.Subscript):
        return "subscripted"
    return "used in a way the tool does not follow"
