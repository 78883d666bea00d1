"""The ``"\\n\\nHuman:"`` guard in a list of stop sequences, found and removed.

Text Completions needed the Human marker as a stop sequence; Messages ends the turn by
itself. The rules that convert a request (keyword arguments, a JSON body, LangChain's
``model_kwargs``) all drop it the same way, so the proof that a value is the marker and
the edit that removes it live here, below them.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import Binding, ModuleAnalysis, Scope
from migrator.analysis.prompt import HUMAN
from migrator.code.codegen import code_of
from migrator.code.syntax import fill, walk

# Only the exact marker: the legacy API stopped there on its own, so dropping
# it changes nothing; "\n\nHuman" without the colon also stops on
# "\n\nHumanity" and is kept.
_GUARDS = (HUMAN,)


def _is_guard(
    analysis: ModuleAnalysis, value: cst.BaseExpression, scope: Scope, depth: int = 0
) -> bool:
    """Is ``value`` the Human marker: the literal, Anthropic's constant, or a name bound
    once (by a plain assignment) to one of them, such as a module's own ``HUMAN``?"""
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        return value.evaluated_value in _GUARDS
    if analysis.constant_value(value, scope) == HUMAN:
        return True
    if not isinstance(value, cst.Name) or depth >= 4:
        return False
    found = analysis.lookup(value.value, scope)
    if found is None or len(found[1]) != 1:
        return False
    owner, (binding,) = found
    target = definition(binding, owner)
    return (
        target is not None
        and binding.kind == "assign"
        and _is_guard(analysis, target[0], target[1], depth + 1)
    )


def may_hold_the_marker(
    analysis: ModuleAnalysis, value: cst.BaseExpression, scope: Scope
) -> str | None:
    """An element of the list or tuple ``value`` that may hold the Human marker though it
    is not provably it: an expression that reads the marker in some part
    (``os.environ.get("STOP", HUMAN_PROMPT)``, ``stop or HUMAN_PROMPT``), or a name one of
    whose bindings is such an expression. Its code, for the finding; None when none."""
    if not isinstance(value, (cst.List, cst.Tuple)):
        return None
    for element in value.elements:
        if not isinstance(element, cst.Element):
            continue
        held = [(element.value, scope)]
        if isinstance(element.value, cst.Name):
            found = analysis.lookup(element.value.value, scope)
            bindings = found[1] if found is not None else []
            targets = [definition(binding, found[0]) for binding in bindings] if found else []
            held = [target for target in targets if target is not None]
        if any(
            isinstance(node, cst.BaseExpression) and _is_guard(analysis, node, where)
            for expression, where in held
            for node in walk(expression)
        ):
            return code_of(element.value)
    return None


def strip(
    analysis: ModuleAnalysis,
    original: cst.BaseExpression,
    updated: cst.BaseExpression,
    scope: Scope,
) -> tuple[cst.BaseExpression | None, bool]:
    """``updated`` without the Human markers that ``original`` provably holds.

    The two trees have the same shape (``updated`` is ``original`` after the
    engine rewrote its leaves), so the markers are found on ``original``,
    where the analysis knows the names, and dropped from ``updated``. Returns
    the new expression (None when nothing is left) and whether anything went.
    """
    if isinstance(original, (cst.List, cst.Tuple)) and type(updated) is type(original):
        assert isinstance(updated, (cst.List, cst.Tuple))
        if len(original.elements) != len(updated.elements):
            return updated, False
        pairs = list(zip(original.elements, updated.elements, strict=True))
        keep = [
            new
            for old, new in pairs
            if not (isinstance(old, cst.Element) and _is_guard(analysis, old.value, scope))
        ]
        if len(keep) == len(pairs):
            return updated, False
        if not keep:
            return None, True
        comma = updated.elements[-1].comma
        if isinstance(updated, cst.Tuple) and len(keep) == 1:
            comma = cst.Comma()  # ("END") would be a string, not a tuple
        keep[-1] = keep[-1].with_changes(comma=comma)
        return updated.with_changes(elements=keep), True
    if (
        isinstance(original, cst.BinaryOperation)
        and isinstance(original.operator, cst.Add)
        and isinstance(updated, cst.BinaryOperation)
    ):
        left, left_changed = strip(analysis, original.left, updated.left, scope)
        right, right_changed = strip(analysis, original.right, updated.right, scope)
        if not (left_changed or right_changed):
            return updated, False
        if left is None and right is None:
            return None, True
        if left is None or right is None:
            rest = right if left is None else left
            assert rest is not None
            if updated.lpar and not rest.lpar and isinstance(rest, cst.BinaryOperation):
                # ``(a\n + b\n + [H])``: what is left still needs the brackets.
                rest = rest.with_changes(lpar=updated.lpar, rpar=updated.rpar)
            return rest, True
        return updated.with_changes(left=left, right=right), True
    if (
        isinstance(original, cst.BooleanOperation)
        and isinstance(original.operator, cst.Or)
        and isinstance(updated, cst.BooleanOperation)
    ):
        # ``stop or [HUMAN_PROMPT]``: the left side's truthiness picks the branch, so it may
        # only lose a marker while it stays a non-empty list or tuple.
        left, left_changed = strip(analysis, original.left, updated.left, scope)
        if left_changed and not (isinstance(left, (cst.List, cst.Tuple)) and left.elements):
            return updated, False
        right, right_changed = strip(analysis, original.right, updated.right, scope)
        if not (left_changed or right_changed):
            return updated, False
        # Nothing left on the right: an empty list, which the API takes as no stop sequence.
        return updated.with_changes(
            left=left, right=right if right is not None else empty(original.right, updated.right)
        ), True
    if isinstance(original, cst.IfExp) and isinstance(updated, cst.IfExp):
        body, body_changed = strip(analysis, original.body, updated.body, scope)
        orelse, orelse_changed = strip(analysis, original.orelse, updated.orelse, scope)
        if not (body_changed or orelse_changed):
            return updated, False
        return updated.with_changes(
            body=body if body is not None else empty(original.body, updated.body),
            orelse=orelse if orelse is not None else empty(original.orelse, updated.orelse),
        ), True
    return updated, False


def empty(original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
    """An empty sequence of the kind ``original`` builds, in ``updated``'s parentheses."""
    empty = cst.Tuple([]) if _leftmost(original, cst.Tuple) else cst.List([])
    return empty.with_changes(lpar=updated.lpar, rpar=updated.rpar) if updated.lpar else empty


def _leftmost(node: cst.BaseExpression, kind: type) -> bool:
    while isinstance(node, cst.BinaryOperation):
        node = node.left
    return isinstance(node, kind)


def definition(binding: Binding, owner: Scope) -> tuple[cst.BaseExpression, Scope] | None:
    """The expression a name's only binding gives it, and the scope it is evaluated in."""
    if (
        binding.kind == "assign"
        and isinstance(binding.node, cst.BaseExpression)
        and isinstance(binding.statement, (cst.Assign, cst.AnnAssign))
    ):
        return binding.node, owner
    if binding.kind == "param" and isinstance(binding.node, cst.Param):
        default = binding.node.default
        if default is not None and owner.parent is not None:
            return default, owner.parent  # defaults are evaluated where the function is defined
    return None


def held_list(analysis: ModuleAnalysis, value: cst.BaseExpression) -> str | None:
    """Where ``value`` reads a list or tuple that provably holds the marker and that nothing
    rebinds: ``self.stops`` of a class attribute (``stops = [HUMAN_PROMPT, "STOP"]``),
    ``SETTINGS["stop"]`` of a dict literal bound once and only read by key, or ``STOPS``
    bound once to the list. None otherwise.

    Filtering such a value at the call is exact: it is a sequence of strings whatever
    else reads it."""
    if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
        return _class_attribute(analysis, value)
    if isinstance(value, cst.Name):
        return _settings_entry(analysis, value, [])
    keys: list[str] = []
    node: cst.BaseExpression = value
    while isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        key = index.value if isinstance(index, cst.Index) else None
        if not isinstance(key, cst.SimpleString) or not isinstance(key.evaluated_value, str):
            return None
        keys.insert(0, key.evaluated_value)
        node = node.value
    if not keys or not isinstance(node, cst.Name):
        return None
    return _settings_entry(analysis, node, keys)


def _class_attribute(analysis: ModuleAnalysis, value: cst.Attribute) -> str | None:
    name = value.attr.value
    method = method_of(analysis, value.value) if isinstance(value.value, cst.Name) else None
    if method is None:
        return None
    owner = method[1]
    assigned = [held for held in class_assignments(owner) if held[0] == name]
    if len(assigned) != 1:
        return None
    target, sequence = assigned[0][1], assigned[0][2]
    scope = analysis.scope_of.get(target)
    if scope is None or not strip(analysis, sequence, sequence, scope)[1]:
        return None
    stores = (cst.ClassDef, cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del)
    for node, _scope in analysis.nodes_of(*stores):
        if isinstance(node, cst.ClassDef) and node is not owner:
            if any(held[0] == name and held[2] is None for held in class_assignments(node)):
                return None  # a class that holds something else under that name
        stored = _store_target(node)
        if isinstance(stored, cst.Attribute) and stored.attr.value == name:
            return None
    return f"the class attribute `{owner.name.value}.{name}`"


def method_of(
    analysis: ModuleAnalysis, name: cst.Name
) -> tuple[cst.FunctionDef, cst.ClassDef] | None:
    """The method and class where ``name`` is the method's first parameter (``self``)."""
    function = next((n for n in analysis.ancestors(name) if isinstance(n, cst.FunctionDef)), None)
    block = analysis.parent(function) if function is not None else None
    klass = analysis.parent(block) if block is not None else None
    params = function.params.params if function is not None else ()
    if isinstance(klass, cst.ClassDef) and params and params[0].name.value == name.value:
        return function, klass  # type: ignore[return-value]
    return None


def class_body_values(
    klass: cst.ClassDef,
) -> list[tuple[str, cst.Name, cst.BaseExpression | None, cst.BaseSmallStatement]]:
    """Each name a class body binds (``X = ...``, ``X: T = ...``, ``X += ...``), with
    the value written and the statement."""
    found: list[tuple[str, cst.Name, cst.BaseExpression | None, cst.BaseSmallStatement]] = []
    for statement in getattr(klass.body, "body", ()):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
                targets = [small.target]
            else:
                continue
            found += [(t.value, t, small.value, small) for t in targets if isinstance(t, cst.Name)]
    return found


def class_assignments(
    klass: cst.ClassDef,
) -> list[tuple[str, cst.Name, cst.List | cst.Tuple | None]]:
    """The names a class body assigns, with the list or tuple literal each gets (None for
    anything else)."""
    return [
        (
            name,
            target,
            value
            if isinstance(small, cst.Assign) and isinstance(value, (cst.List, cst.Tuple))
            else None,
        )
        for name, target, value, small in class_body_values(klass)
    ]


def _settings_entry(analysis: ModuleAnalysis, name: cst.Name, keys: list[str]) -> str | None:
    scope = analysis.scope_of.get(name)
    found = analysis.lookup(name.value, scope) if scope is not None else None
    if found is None or len(found[1]) != 1:
        return None
    owner, (binding,) = found
    target = definition(binding, owner)
    if target is None or binding.kind != "assign":
        return None
    entry: cst.BaseExpression | None = target[0]
    for key in keys:
        if not isinstance(entry, cst.Dict):
            return None
        entry = next(
            (
                element.value
                for element in entry.elements
                if isinstance(element, cst.DictElement)
                and isinstance(element.key, cst.SimpleString)
                and element.key.evaluated_value == key
            ),
            None,
        )
        if entry is None:
            return None
    if (
        not isinstance(entry, (cst.List, cst.Tuple))
        or not strip(analysis, entry, entry, target[1])[1]
    ):
        return None
    if not keys:
        return f"the list `{name.value}`"  # a sequence whatever else reads it
    for use in analysis.uses_of(name.value, owner):
        node: cst.CSTNode = use
        parent = analysis.parent(node)
        if isinstance(parent, cst.AssignTarget):
            continue  # the binding itself, the only one
        if not (isinstance(parent, cst.Subscript) and parent.value is node):
            return None  # handed on, where it may be changed
        while isinstance(parent, cst.Subscript) and parent.value is node:
            node, parent = parent, analysis.parent(parent)
        if _store_target(parent) is node:
            return None  # `SETTINGS["stop"] = ...`
    return f"the entry of `{name.value}`"


def _store_target(node: cst.CSTNode | None) -> cst.CSTNode | None:
    """What ``node`` stores into, when it is an assignment target (or deleted)."""
    if isinstance(node, cst.AssignTarget):
        return node.target
    if isinstance(node, (cst.AugAssign, cst.AnnAssign)):
        return node.target
    if isinstance(node, cst.Del):
        return node.target
    return None


def filtered(
    stops: cst.BaseExpression, taken: frozenset[str] | set[str] = frozenset()
) -> cst.BaseExpression:
    """``[stop for stop in <stops> if stop != "\\n\\nHuman:"]``: the marker filtered out where
    the value is read (``sequence`` names the item when ``stop`` is a name ``taken``)."""
    item = "sequence" if "stop" in taken else "stop"
    return fill(
        f'[{item} for {item} in __stops__ if {item} != "\\n\\nHuman:"]', {"__stops__": stops}
    )


def named_holder(analysis: ModuleAnalysis, value: cst.BaseExpression) -> str | None:
    """Where a stop list read from an object the tool cannot place may hold the marker.

    ``[self.s.human_marker]``, ``list(config.stop) + extra``, ``self.cfg["stop"]``: the
    value reads a field or key ``N`` (``.N``, ``["N"]``), and this module gives something
    of that name a value that holds the marker (a class field's default, ``N=`` passed to
    a call, a dict entry ``"N": ...``, ``x.N = ...``). Filtering the marker out at the
    call is exact whatever object it is, so it is done when the value is surely a sequence:
    a list or tuple display, a ``+`` of such, a copy (``list(...)``), or a read whose every
    such value in the module is a list or tuple. None when nothing says so.
    """
    read = _field_reads(value)
    if not read:
        return None
    given = _marker_fields(analysis)
    held = [name for name in read if given.get(name)]
    if not held:
        return None
    sequence = isinstance(value, (cst.List, cst.Tuple, cst.BinaryOperation)) or (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value in ("list", "tuple")
    )
    if not sequence and not all("sequence" in given[name] for name in held):
        return None
    places = sorted({place for name in held for place in given[name] - {"sequence"}})
    return ", ".join(places)


def _field_reads(value: cst.BaseExpression) -> list[str]:
    """The fields and keys a stop list reads where the list is put together: its elements,
    the operands of its ``+``, the argument of a copy."""
    if isinstance(value, cst.Attribute):
        return [value.attr.value]
    if isinstance(value, cst.Subscript) and len(value.slice) == 1:
        index = value.slice[0].slice
        key = index.value if isinstance(index, cst.Index) else None
        if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str):
            return [key.evaluated_value]
        return []
    if isinstance(value, (cst.List, cst.Tuple)):
        return [
            name
            for element in value.elements
            if isinstance(element, cst.Element)
            for name in _field_reads(element.value)
        ]
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        return _field_reads(value.left) + _field_reads(value.right)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and len(value.args) == 1:
        return _field_reads(value.args[0].value) if value.func.value in ("list", "tuple") else []
    return []


def _marker_fields(analysis: ModuleAnalysis) -> dict[str, set[str]]:
    """The names this module gives a value holding the marker, each with where (and
    ``"sequence"`` while every value it is given is a list or tuple)."""
    given: dict[str, list[tuple[cst.BaseExpression | None, str]]] = {}

    def add(name: str, value: cst.BaseExpression | None, place: str) -> None:
        given.setdefault(name, []).append((value, place))

    for node, _scope in analysis.nodes_of(cst.ClassDef, cst.Arg, cst.DictElement, cst.Assign):
        if isinstance(node, cst.ClassDef):
            for name, _target, value, small in class_body_values(node):
                if not isinstance(small, cst.AugAssign):
                    add(name, _field_default(value), f"the field `{node.name.value}.{name}`")
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            add(node.keyword.value, node.value, f"`{node.keyword.value}=` given to a call")
        elif isinstance(node, cst.DictElement) and isinstance(node.key, cst.SimpleString):
            key = node.key.evaluated_value
            if isinstance(key, str):
                add(key, node.value, f'the entry `"{key}"` of a dict')
        elif isinstance(node, cst.Assign):
            for target in node.targets:
                read = _field_reads(target.target)
                if isinstance(node.value, cst.Name) and read == [node.value.value]:
                    continue  # ``self.stop = stop``: what its callers give ``stop`` counts
                if isinstance(target.target, (cst.Attribute, cst.Subscript)) and read:
                    add(read[0], node.value, f"`{code_of(target.target)}` assigned")
    found: dict[str, set[str]] = {}
    for name, values in given.items():
        places = set()
        for value, place in values:
            if value is None:
                continue
            scope = analysis.scope_of.get(value)
            if scope is None:
                continue
            if holds_the_marker_value(analysis, value, scope):
                places.add(place)
        if places:
            sequences = all(surely_sequence(value) for value, _ in values)
            found[name] = places | ({"sequence"} if sequences else set())
    return found


def _field_default(value: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """A dataclass or pydantic field's default: ``field(default_factory=lambda: [...])``,
    ``Field(default=[...])``; the value itself when it is not such a call."""
    if not (isinstance(value, cst.Call) and isinstance(value.func, (cst.Name, cst.Attribute))):
        return value
    name = value.func.value if isinstance(value.func, cst.Name) else value.func.attr.value
    if name not in ("field", "Field"):
        return value
    for arg in value.args:
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword == "default_factory" and isinstance(arg.value, cst.Lambda):
            return arg.value.body
        if keyword == "default":
            return arg.value
    return value


def holds_the_marker_value(
    analysis: ModuleAnalysis, value: cst.BaseExpression, scope: Scope
) -> bool:
    """``value`` is the Human marker, or a list or tuple that provably holds it."""
    return _is_guard(analysis, value, scope) or strip(analysis, value, value, scope)[1]


def surely_sequence(value: cst.BaseExpression | None) -> bool:
    """Surely a list or tuple: a display, ``stop or [HUMAN_PROMPT]`` (whatever is truthy
    on the left was sent as the list of stops it had to be), or a choice of two."""
    if isinstance(value, (cst.List, cst.Tuple)):
        return True
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        return surely_sequence(value.right)
    if isinstance(value, cst.IfExp):
        return surely_sequence(value.body) and surely_sequence(value.orelse)
    return False
